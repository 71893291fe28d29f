//! The hate-crime registry: incidents, pseudonymised references, escalation, ODIHR and the map.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_tests::{Credentials, TestApp, TestResponse, json_request, spawn_app};
use serde_json::{Value, json};

const DENDERLEEUW: &str = "41011";
const AALST: &str = "41002";
const PV: &str = "DE.55.L1.012345/2026";

fn coordinator() -> Credentials {
    Credentials::staff(&[Role::HateCrimeCoordinator], &[DENDERLEEUW, AALST])
}

fn incident(overrides: Value) -> Value {
    let mut body = json!({
        "municipality": DENDERLEEUW,
        "occurredOn": "2026-03-14",
        "locationKind": "public_transport",
        "biasMotivations": ["anti_muslim"],
        "crimeTypes": ["physical_assault"],
        "source": "police",
        "policeReference": PV,
        "prosecutionStatus": "under_investigation"
    });
    for (k, v) in overrides.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn setup() -> TestApp {
    let app = spawn_app().await;
    app.create_municipality(DENDERLEEUW, "Denderleeuw").await;
    app.create_municipality(AALST, "Aalst").await;
    app
}

async fn create(app: &TestApp, who: &Credentials, body: &Value) -> TestResponse {
    app.send_as(
        who,
        json_request(TestRequest::post(), "/api/v1/hate-crime-incidents", body),
    )
    .await
}

async fn created(app: &TestApp, who: &Credentials, body: &Value) -> Value {
    let response = create(app, who, body).await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

#[actix_web::test]
async fn the_police_number_is_never_stored_or_shown_but_links_duplicates() {
    let app = setup().await;
    let police = app.create_partner("police", &[DENDERLEEUW]).await;
    let (_, police_key) = app
        .create_api_key(&police, &["incidents:submit", "incidents:read"])
        .await;
    let ngo = app.create_partner("ngo", &[DENDERLEEUW]).await;
    let (_, ngo_key) = app
        .create_api_key(&ngo, &["incidents:submit", "incidents:read"])
        .await;
    let (police_key, ngo_key) = (
        Credentials::ApiKey(police_key),
        Credentials::ApiKey(ngo_key),
    );

    let first = created(&app, &police_key, &incident(json!({}))).await;
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(first["reference"], format!("HC-{year}-000001"));
    assert_eq!(first["hasPoliceReference"], true);
    assert!(first["possibleDuplicateOf"].is_null());

    // The same report number, written differently, from an association.
    let second = created(
        &app,
        &ngo_key,
        &incident(json!({"source": "ngo", "policeReference": "de55l1012345-2026"})),
    )
    .await;
    let second_id = second["id"].as_str().unwrap();
    assert!(
        second["possibleDuplicateOf"].is_null(),
        "partners do not see the link"
    );
    let seen = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/hate-crime-incidents/{second_id}")),
        )
        .await
        .json();
    assert_eq!(seen["possibleDuplicateOf"], first["id"]);
    // A prosecutor's number with the same text is another number.
    let third = created(
        &app,
        &coordinator(),
        &incident(json!({"policeReference": null, "prosecutorReference": PV})),
    )
    .await;
    let third = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!(
                "/api/v1/hate-crime-incidents/{}",
                third["id"].as_str().unwrap()
            )),
        )
        .await
        .json();
    assert!(third["possibleDuplicateOf"].is_null());

    // The number appears nowhere: not in responses, not in any stored row.
    let normalised = "DE55L10123452026";
    for path in [
        "/api/v1/hate-crime-incidents".to_owned(),
        format!("/api/v1/hate-crime-incidents/{second_id}/timeline"),
    ] {
        let body = app
            .send_as(&coordinator(), TestRequest::get().uri(&path))
            .await;
        let text = String::from_utf8_lossy(&body.body);
        assert!(
            !text.contains("012345") && !text.contains(normalised),
            "{path}: {text}"
        );
    }
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.database.connection();
    for table in [
        "hate_crime_incidents",
        "timeline_events",
        "idempotency_keys",
        "access_events",
    ] {
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT * FROM {table}"),
            ))
            .await
            .unwrap();
        let dump = format!("{rows:?}");
        assert!(
            !dump.contains("012345") && !dump.contains(normalised),
            "{table} holds the number"
        );
    }
}

#[actix_web::test]
async fn incident_input_is_checked_and_reported_with_pointers() {
    let app = setup().await;
    let problem = create(&app, &coordinator(), &incident(json!({"occurredOn": "2999-01-01", "biasMotivations": [], "crimeTypes": ["arson", "arson"], "policeReference": "///"})))
        .await
        .assert_problem(422, "validation_failed");
    let pointers: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect();
    for pointer in [
        "/occurredOn",
        "/biasMotivations",
        "/crimeTypes/1",
        "/policeReference",
    ] {
        assert!(
            pointers.contains(&pointer.to_owned()),
            "{pointer} in {pointers:?}"
        );
    }
    assert!(
        !problem.to_string().contains("///"),
        "the number is not echoed"
    );
    create(&app, &coordinator(), &incident(json!({"description": "x"})))
        .await
        .assert_problem(422, "validation_failed");
    create(
        &app,
        &coordinator(),
        &incident(json!({"biasMotivations": ["islamophobia"]})),
    )
    .await
    .assert_problem(422, "validation_failed");
    let elsewhere = Credentials::staff(&[Role::HateCrimeCoordinator], &[AALST]);
    create(&app, &elsewhere, &incident(json!({})))
        .await
        .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn a_complaint_escalates_to_a_linked_incident_once() {
    let app = setup().await;
    let handler = Credentials::staff(&[Role::ComplaintHandler], &[DENDERLEEUW]);
    let complaint = app
        .send_as(&handler, json_request(TestRequest::post(), "/api/v1/complaints", &json!({
            "kind": "complaint", "municipality": DENDERLEEUW, "channel": "counter",
            "reporter": {"role": "victim", "contact": {"phone": "+32 53 64 00 00"}, "consentToContact": true},
            "incident": {"occurredOn": "2026-10-10", "location": {"kind": "district", "text": "Centrum"}, "context": "public_space"},
            "grounds": ["religion_or_belief"], "conduct": ["violence"], "description": "Pushed and insulted at the market.",
            "possibleHateCrime": true
        })))
        .await
        .json();
    let id = complaint["id"].as_str().unwrap();
    let body = json!({"biasMotivations": ["anti_muslim"], "crimeTypes": ["physical_assault"], "locationKind": "public_space"});
    let escalated = app
        .send_as(
            &handler,
            json_request(
                TestRequest::post(),
                &format!("/api/v1/complaints/{id}/escalations"),
                &body,
            ),
        )
        .await;
    assert_eq!(
        escalated.status,
        201,
        "{}",
        String::from_utf8_lossy(&escalated.body)
    );
    let incident = escalated.json();
    assert_eq!(incident["linkedComplaint"], id);
    assert_eq!(incident["source"], "meldpunt");
    assert_eq!(incident["prosecutionStatus"], "unknown");
    assert_eq!(incident["municipality"], DENDERLEEUW);
    assert_eq!(incident["occurredOn"], "2026-10-10");
    let timeline = app
        .send_as(
            &handler,
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}/timeline")),
        )
        .await
        .json();
    let escalation = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "escalated")
        .unwrap();
    assert!(
        escalation["detail"]
            .as_str()
            .unwrap()
            .contains(incident["reference"].as_str().unwrap())
    );
    app.send_as(
        &handler,
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/escalations"),
            &body,
        ),
    )
    .await
    .assert_problem(409, "conflict");
    app.send_as(
        &coordinator(),
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/escalations"),
            &body,
        ),
    )
    .await
    .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn the_prosecution_status_is_updated_with_if_match_and_on_the_timeline() {
    let app = setup().await;
    let id = created(&app, &coordinator(), &incident(json!({}))).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let patch = |tag: &str, body: Value| {
        json_request(
            TestRequest::patch(),
            &format!("/api/v1/hate-crime-incidents/{id}"),
            &body,
        )
        .insert_header(("If-Match", tag.to_owned()))
    };
    let changed = app
        .send_as(
            &coordinator(),
            patch("\"1\"", json!({"prosecutionStatus": "convicted"})),
        )
        .await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["prosecutionStatus"], "convicted");
    app.send_as(
        &coordinator(),
        patch("\"1\"", json!({"prosecutionStatus": "acquitted"})),
    )
    .await
    .assert_problem(412, "precondition_failed");
    app.send_as(
        &coordinator(),
        patch("\"2\"", json!({"policeReference": "X"})),
    )
    .await
    .assert_problem(422, "validation_failed");
    let timeline = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/hate-crime-incidents/{id}/timeline")),
        )
        .await
        .json();
    let last = timeline.as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["from"].as_str(), last["to"].as_str()),
        (Some("under_investigation"), Some("convicted"))
    );
}

#[actix_web::test]
async fn the_odihr_summary_counts_each_motivation_and_each_incident_once_in_the_total() {
    let app = setup().await;
    created(&app, &coordinator(), &incident(json!({"biasMotivations": ["anti_muslim", "gender"], "prosecutionStatus": "convicted", "policeReference": null}))).await;
    created(&app, &coordinator(), &incident(json!({"biasMotivations": ["anti_muslim"], "prosecutionStatus": "acquitted", "policeReference": null}))).await;
    created(&app, &coordinator(), &incident(json!({"biasMotivations": ["antisemitism"], "prosecutionStatus": "dismissed", "policeReference": null}))).await;
    created(
        &app,
        &coordinator(),
        &incident(json!({"occurredOn": "2025-05-01", "policeReference": null})),
    )
    .await;

    let summary = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri("/api/v1/hate-crime-incidents/odihr-summary?year=2026"),
        )
        .await;
    assert_eq!(
        summary.status,
        200,
        "{}",
        String::from_utf8_lossy(&summary.body)
    );
    let summary = summary.json();
    let line = |m: &str| {
        summary["perMotivation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["motivation"] == m)
            .unwrap()
            .clone()
    };
    assert_eq!(
        line("anti_muslim"),
        json!({"motivation": "anti_muslim", "recorded": 2, "prosecuted": 2, "sentenced": 1})
    );
    assert_eq!(
        line("gender"),
        json!({"motivation": "gender", "recorded": 1, "prosecuted": 1, "sentenced": 1})
    );
    assert_eq!(line("anti_roma")["recorded"], 0);
    assert_eq!(
        summary["total"],
        json!({"recorded": 3, "prosecuted": 2, "sentenced": 1})
    );

    let analyst = Credentials::staff(&[Role::Analyst], &[DENDERLEEUW]);
    let suppressed = app
        .send_as(
            &analyst,
            TestRequest::get()
                .uri("/api/v1/hate-crime-incidents/odihr-summary?year=2026&municipality=41011"),
        )
        .await
        .json();
    assert_eq!(suppressed["total"]["recorded"], 3);
    assert_eq!(suppressed["total"]["prosecuted"], "<3");
    app.send_as(
        &analyst,
        TestRequest::get()
            .uri("/api/v1/hate-crime-incidents/odihr-summary?year=2026&municipality=41002"),
    )
    .await
    .assert_problem(403, "forbidden");
    app.send_as(
        &coordinator(),
        TestRequest::get().uri("/api/v1/hate-crime-incidents/odihr-summary"),
    )
    .await
    .assert_problem(400, "invalid_parameter");
}

#[actix_web::test]
async fn the_overview_shows_the_period_and_the_previous_one_suppressing_small_counts_for_partners()
{
    let app = setup().await;
    let mut first = Value::Null;
    for date in ["2026-02-01", "2026-03-01", "2026-04-01", "2025-09-01"] {
        let made = created(
            &app,
            &coordinator(),
            &incident(json!({"occurredOn": date, "policeReference": null})),
        )
        .await;
        if first.is_null() {
            first = made;
        }
    }
    created(&app, &coordinator(), &incident(json!({"municipality": AALST, "occurredOn": "2026-01-05", "biasMotivations": ["anti_lgbti"], "crimeTypes": ["threat"], "policeReference": null}))).await;
    let uri = "/api/v1/hate-crime-incidents/overview?municipalities=41011,41002&period=2026-H1";
    let map = app
        .send_as(&coordinator(), TestRequest::get().uri(uri))
        .await;
    assert_eq!(map.status, 200, "{}", String::from_utf8_lossy(&map.body));
    let map = map.json();
    assert_eq!(map["period"], "2026-H1");
    assert_eq!(map["previousPeriod"], "2025-H2");
    assert_eq!(map["total"], json!({"count": 4, "previous": 1}));
    let cell = map["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["municipality"] == DENDERLEEUW)
        .unwrap();
    assert_eq!(
        (cell["count"].clone(), cell["previous"].clone()),
        (json!(3), json!(1))
    );

    // A reclassification moves the incident between cells; the totals count it once still.
    let moved = &first["id"];
    let patched = app
        .send_as(
            &coordinator(),
            json_request(
                TestRequest::patch(),
                &format!("/api/v1/hate-crime-incidents/{}", moved.as_str().unwrap()),
                &json!({"biasMotivations": ["antisemitism", "anti_muslim"], "crimeTypes": ["threat"]}),
            )
            .insert_header(("If-Match", "\"1\"")),
        )
        .await;
    assert_eq!(
        patched.status,
        200,
        "{}",
        String::from_utf8_lossy(&patched.body)
    );
    let after = app
        .send_as(&coordinator(), TestRequest::get().uri(uri))
        .await
        .json();
    let count = |m: &str, motivation: &str, crime: &str| {
        after["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| {
                c["municipality"] == m
                    && c["biasMotivation"] == motivation
                    && c["crimeType"] == crime
            })
            .map(|c| (c["count"].clone(), c["previous"].clone()))
    };
    assert_eq!(
        count(DENDERLEEUW, "anti_muslim", "physical_assault"),
        Some((json!(2), json!(1)))
    );
    assert_eq!(
        count(DENDERLEEUW, "anti_muslim", "threat"),
        Some((json!(1), json!(0)))
    );
    assert_eq!(
        count(DENDERLEEUW, "antisemitism", "threat"),
        Some((json!(1), json!(0)))
    );
    assert_eq!(after["total"], json!({"count": 4, "previous": 1}));
    let motivation = |code: &str| {
        after["byBiasMotivation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["biasMotivation"] == code)
            .map(|t| t["count"].clone())
    };
    assert_eq!(motivation("anti_muslim"), Some(json!(3)));
    assert_eq!(motivation("antisemitism"), Some(json!(1)));

    let partner = app.create_partner("unia", &[DENDERLEEUW, AALST]).await;
    let (_, key) = app.create_api_key(&partner, &["incidents:read"]).await;
    let seen = app
        .send_as(&Credentials::ApiKey(key), TestRequest::get().uri(uri))
        .await
        .json();
    let aalst = seen["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["municipality"] == AALST)
        .unwrap();
    assert_eq!(aalst["count"], "<3");
    assert_eq!(seen["total"]["previous"], "<3");
    app.send_as(
        &coordinator(),
        TestRequest::get().uri("/api/v1/hate-crime-incidents/overview?period=2026-H3"),
    )
    .await
    .assert_problem(400, "invalid_parameter");
}

#[actix_web::test]
async fn partners_read_incidents_of_their_municipalities_only() {
    let app = setup().await;
    let aalst_incident = created(
        &app,
        &coordinator(),
        &incident(json!({"municipality": AALST, "policeReference": null})),
    )
    .await;
    let ours = created(
        &app,
        &coordinator(),
        &incident(json!({"policeReference": null})),
    )
    .await;
    let partner = app.create_partner("ngo", &[DENDERLEEUW]).await;
    let (_, key) = app.create_api_key(&partner, &["incidents:read"]).await;
    let key = Credentials::ApiKey(key);
    let list = app
        .send_as(&key, TestRequest::get().uri("/api/v1/hate-crime-incidents"))
        .await
        .json();
    let ids: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids, [ours["id"].clone()]);
    let path = format!(
        "/api/v1/hate-crime-incidents/{}",
        aalst_incident["id"].as_str().unwrap()
    );
    app.send_as(&key, TestRequest::get().uri(&path))
        .await
        .assert_problem(404, "not_found");
    create(&app, &key, &incident(json!({})))
        .await
        .assert_problem(403, "forbidden");
    let by_motivation = app
        .send_as(
            &coordinator(),
            TestRequest::get()
                .uri("/api/v1/hate-crime-incidents?biasMotivation=anti_muslim&municipality=41002"),
        )
        .await
        .json();
    assert_eq!(by_motivation["items"].as_array().unwrap().len(), 1);
}
