//! The complaint register: intake, tracking, lifecycle, idempotency, lists and isolation.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_tests::{
    Credentials, TestApp, TestResponse, json_request, spawn_app, spawn_app_on_sqlite_file,
};
use serde_json::{Value, json};

const IZEGEM: &str = "36008";
const MECHELEN: &str = "12025";

fn handler() -> Credentials {
    Credentials::staff(&[Role::ComplaintHandler], &[IZEGEM])
}

fn complaint_body() -> Value {
    json!({
        "kind": "complaint",
        "municipality": IZEGEM,
        "channel": "web_form",
        "reporter": {
            "role": "victim",
            "contact": {"name": "Samira", "email": "samira@example.org", "preferredLanguage": "nl"},
            "consentToContact": true,
            "consentToShareWith": ["unia"]
        },
        "incident": {
            "occurredOn": "2026-11-02",
            "location": {"kind": "address", "text": "Grote Markt"},
            "context": "goods_and_services"
        },
        "grounds": ["skin_colour", "religion_or_belief"],
        "conduct": ["direct_discrimination"],
        "description": "Refused entry to a café because of my headscarf and skin colour.",
        "possibleHateCrime": false
    })
}

fn report_body() -> Value {
    let mut body = complaint_body();
    body["kind"] = json!("report");
    body["reporter"] = json!({"role": "anonymous"});
    body
}

async fn setup() -> TestApp {
    let app = spawn_app().await;
    app.create_municipality(IZEGEM, "Izegem").await;
    app.create_municipality(MECHELEN, "Mechelen").await;
    app
}

async fn create(app: &TestApp, who: &Credentials, body: &Value) -> TestResponse {
    app.send_as(
        who,
        json_request(TestRequest::post(), "/api/v1/complaints", body),
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

async fn read(app: &TestApp, who: &Credentials, id: &str) -> TestResponse {
    app.send_as(
        who,
        TestRequest::get().uri(&format!("/api/v1/complaints/{id}")),
    )
    .await
}

/// The access log of complaint `id`, as the database holds it.
async fn reads_logged(app: &TestApp, id: &str) -> Vec<samenleven_domain::timeline::AccessEvent> {
    samenleven_persistence::repo::shared::access_log(
        app.state.database.connection(),
        id.parse().unwrap(),
    )
    .await
    .unwrap()
}

async fn transition(app: &TestApp, id: &str, body: Value) -> TestResponse {
    app.send_as(
        &handler(),
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/transitions"),
            &body,
        ),
    )
    .await
}

#[actix_web::test]
async fn a_front_office_registers_a_complaint_and_the_reporter_follows_it() {
    let app = setup().await;
    let response = create(&app, &handler(), &complaint_body()).await;
    assert_eq!(response.status, 201);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let body = response.json();
    let id = body["id"].as_str().unwrap();
    assert_eq!(
        response.header("location"),
        Some(format!("/api/v1/complaints/{id}").as_str())
    );
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(body["reference"], format!("MLD-{year}-000001"));
    assert_eq!(body["status"], "received");
    assert!(body["resolveBy"].is_string());
    let code = body["trackingCode"].as_str().unwrap();
    assert!(code.starts_with("trk_") && code.len() == 68);

    let detail = read(&app, &handler(), id).await;
    assert_eq!(detail.status, 200);
    assert_eq!(detail.header("etag"), Some("\"1\""));
    let detail = detail.json();
    assert_eq!(detail["channel"], "web_form");
    assert_eq!(detail["reporter"]["contact"]["email"], "samira@example.org");
    assert_eq!(detail["overdue"], false);
    assert!(detail.get("trackingCode").is_none());
    let bodies: Vec<_> = detail["suggestedReferrals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["body"].clone())
        .collect();
    assert!(bodies.contains(&json!("unia")), "{detail}");

    let status = app.get(&format!("/api/v1/complaint-status/{code}")).await;
    assert_eq!(status.status, 200);
    let status = status.json();
    assert_eq!(status["reference"], body["reference"]);
    assert_eq!(status["status"], "received");
    let keys: Vec<_> = status.as_object().unwrap().keys().cloned().collect();
    for private in ["description", "reporter", "grounds", "id", "municipality"] {
        assert!(
            !keys.contains(&private.to_owned()),
            "the status page shows {private}"
        );
    }
    app.get("/api/v1/complaint-status/trk_0000")
        .await
        .assert_problem(404, "not_found");
    let other = format!("trk_{}", "0".repeat(64));
    app.get(&format!("/api/v1/complaint-status/{other}"))
        .await
        .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn a_handler_carries_a_complaint_from_received_to_closed() {
    let app = setup().await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    transition(&app, &id, json!({"to": "acknowledged"})).await;
    let problem = transition(&app, &id, json!({"to": "in_treatment"}))
        .await
        .assert_problem(409, "conflict");
    assert!(
        problem["detail"].as_str().unwrap().contains("handler"),
        "{problem}"
    );
    // The table's transitions from here, whether or not their conditions hold (DESIGN §11).
    assert_eq!(
        problem["allowedTransitions"],
        json!(["in_treatment", "closed"])
    );
    let assigned = app
        .send_as(
            &handler(),
            json_request(
                TestRequest::put(),
                &format!("/api/v1/complaints/{id}/assignment"),
                &json!({"handler": "an.peeters"}),
            ),
        )
        .await;
    assert_eq!(assigned.json()["assignedHandler"], "an.peeters");
    assert_eq!(
        transition(&app, &id, json!({"to": "in_treatment"}))
            .await
            .status,
        200
    );
    transition(&app, &id, json!({"to": "referred", "referredTo": "vmri"}))
        .await
        .assert_problem(409, "conflict");
    transition(&app, &id, json!({"to": "referred"}))
        .await
        .assert_problem(422, "validation_failed");
    let referred = transition(&app, &id, json!({"to": "referred", "referredTo": "unia"})).await;
    assert_eq!(referred.json()["referredTo"], "unia");
    assert_eq!(
        transition(&app, &id, json!({"to": "in_treatment"}))
            .await
            .status,
        200
    );
    let problem = transition(&app, &id, json!({"to": "closed"}))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/outcome");
    transition(&app, &id, json!({"to": "closed", "outcome": "registered"}))
        .await
        .assert_problem(422, "validation_failed");
    let closed = transition(&app, &id, json!({"to": "closed", "outcome": "mediated"})).await;
    assert_eq!(closed.status, 200);
    let closed = closed.json();
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["outcome"], "mediated");
    assert!(closed["closedAt"].is_string());

    let problem = transition(&app, &id, json!({"to": "acknowledged"}))
        .await
        .assert_problem(409, "illegal_transition");
    assert_eq!(problem["allowedTransitions"], json!([]));

    let timeline = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}/timeline")),
        )
        .await
        .json();
    let steps: Vec<_> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_owned(), e["to"].clone()))
        .collect();
    assert_eq!(steps[0], ("created".to_owned(), json!("received")));
    assert!(steps.contains(&("assigned".to_owned(), Value::Null)));
    assert_eq!(
        steps.last().unwrap(),
        &("status_changed".to_owned(), json!("closed"))
    );
    let last = timeline.as_array().unwrap().last().unwrap();
    assert_eq!(last["from"], "in_treatment");
    assert!(last["actor"].as_str().unwrap().starts_with("staff:"));
    assert!(
        !timeline.to_string().contains("headscarf"),
        "the timeline holds no description"
    );
}

#[actix_web::test]
async fn a_report_is_acknowledged_then_closed_as_registered_only() {
    let app = setup().await;
    let report = created(&app, &handler(), &report_body()).await;
    assert!(report["resolveBy"].is_null());
    let id = report["id"].as_str().unwrap();
    let problem = transition(&app, id, json!({"to": "closed", "outcome": "registered"}))
        .await
        .assert_problem(409, "illegal_transition");
    assert_eq!(problem["allowedTransitions"], json!(["acknowledged"]));
    transition(&app, id, json!({"to": "acknowledged"})).await;
    let problem = transition(&app, id, json!({"to": "in_treatment"}))
        .await
        .assert_problem(409, "illegal_transition");
    assert_eq!(problem["allowedTransitions"], json!(["closed"]));
    transition(&app, id, json!({"to": "closed", "outcome": "resolved"}))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(
        transition(&app, id, json!({"to": "closed", "outcome": "registered"}))
            .await
            .json()["outcome"],
        "registered"
    );
}

#[actix_web::test]
async fn a_stale_if_match_is_412_and_a_fresh_one_passes() {
    let app = setup().await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let request = |tag: &str| {
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/transitions"),
            &json!({"to": "acknowledged"}),
        )
        .insert_header(("If-Match", tag.to_owned()))
    };
    app.send_as(&handler(), request("\"7\""))
        .await
        .assert_problem(412, "precondition_failed");
    let ok = app.send_as(&handler(), request("\"1\"")).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("etag"), Some("\"2\""));
}

#[actix_web::test]
async fn every_intake_rule_answers_with_a_pointer_and_nothing_is_stored() {
    let app = setup().await;
    let mut body = complaint_body();
    body["incident"]["occurredOn"] = json!("2999-01-01");
    body["reporter"]["contact"]["email"] = json!("not-an-email");
    body["description"] = json!("short");
    body["grounds"] = json!([]);
    let problem = create(&app, &handler(), &body)
        .await
        .assert_problem(422, "validation_failed");
    let pointers: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect();
    for pointer in [
        "/incident/occurredOn",
        "/reporter/contact/email",
        "/description",
        "/grounds",
    ] {
        assert!(
            pointers.contains(&pointer.to_owned()),
            "{pointer} missing in {pointers:?}"
        );
    }
    for (field, value, pointer) in [
        ("nationality", json!("BE"), "/nationality"),
        ("grounds", json!(["race"]), "/grounds/0"),
        ("kind", json!("klacht"), "/kind"),
    ] {
        let mut body = complaint_body();
        body[field] = value;
        let problem = create(&app, &handler(), &body)
            .await
            .assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["pointer"], pointer);
    }
    let mut anonymous = complaint_body();
    anonymous["reporter"]["role"] = json!("anonymous");
    let problem = create(&app, &handler(), &anonymous)
        .await
        .assert_problem(422, "validation_failed");
    assert!(
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["pointer"] == "/reporter/contact")
    );
    let mut unserved = complaint_body();
    unserved["municipality"] = json!("46021");
    create(
        &app,
        &Credentials::staff(&[Role::ComplaintHandler], &["*"]),
        &unserved,
    )
    .await
    .assert_problem(422, "validation_failed");

    let list = app
        .send_as(&handler(), TestRequest::get().uri("/api/v1/complaints"))
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}

#[actix_web::test]
async fn an_idempotency_key_replays_the_first_response_and_refuses_another_body() {
    let app = setup().await;
    let front_office = handler();
    let keyed = |body: &Value| {
        json_request(TestRequest::post(), "/api/v1/complaints", body)
            .insert_header(("Idempotency-Key", "form-7f3a"))
    };
    let first = app.send_as(&front_office, keyed(&complaint_body())).await;
    assert_eq!(first.status, 201);
    let again = app.send_as(&front_office, keyed(&complaint_body())).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), first.json());
    app.send_as(&front_office, keyed(&report_body()))
        .await
        .assert_problem(422, "validation_failed");
    // The key is the caller's: another caller with the same key makes its own complaint.
    let other = app
        .send_as(
            &Credentials::staff(&[Role::ComplaintHandler], &[IZEGEM]),
            keyed(&complaint_body()),
        )
        .await;
    assert_ne!(other.json()["id"], first.json()["id"]);
    let list = app
        .send_as(&handler(), TestRequest::get().uri("/api/v1/complaints"))
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn fifty_concurrent_creations_get_distinct_gapless_references() {
    let app = setup().await;
    let body = report_body();
    let who = handler();
    let requests = (0..50).map(|_| create(&app, &who, &body));
    let responses = futures_util::future::join_all(requests).await;
    let mut numbers: Vec<u32> = responses
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
            r.json()["reference"].as_str().unwrap()[9..]
                .parse()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<_>>());
    // References count per municipality, also when one batch holds both.
    let mut mechelen = report_body();
    mechelen["municipality"] = json!(MECHELEN);
    let both = Credentials::staff(&[Role::ComplaintHandler], &[IZEGEM, MECHELEN]);
    let mixed = (0..40).map(|i| create(&app, &both, if i % 2 == 0 { &body } else { &mechelen }));
    let responses = futures_util::future::join_all(mixed).await;
    let mut per_municipality = std::collections::BTreeMap::<String, Vec<u32>>::new();
    for r in &responses {
        assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
        let reference = r.json()["reference"].as_str().unwrap().to_owned();
        let location = r.header("location").unwrap().to_owned();
        let stored = app
            .send_as(&both, TestRequest::get().uri(&location))
            .await
            .json();
        per_municipality
            .entry(stored["municipality"].as_str().unwrap().to_owned())
            .or_default()
            .push(reference[9..].parse().unwrap());
    }
    for numbers in per_municipality.values_mut() {
        numbers.sort_unstable();
    }
    assert_eq!(per_municipality[IZEGEM], (51..=70).collect::<Vec<_>>());
    assert_eq!(per_municipality[MECHELEN], (1..=20).collect::<Vec<_>>());
    let next = created(
        &app,
        &Credentials::staff(&[Role::ComplaintHandler], &[MECHELEN]),
        &mechelen,
    )
    .await;
    assert!(next["reference"].as_str().unwrap().ends_with("-000021"));
}

/// Makes the test database refuse to store the ground `sexual_orientation`, as a database
/// refuses a row it cannot take.
async fn refuse_ground_in_database(app: &TestApp) {
    use sea_orm::{ConnectionTrait, DatabaseBackend};
    let db = app.state.database.connection();
    let statements: &[&str] = match db.get_database_backend() {
        DatabaseBackend::Postgres => &[
            "CREATE FUNCTION refuse_ground() RETURNS trigger AS $$ BEGIN \
             IF NEW.ground = 'sexual_orientation' THEN RAISE EXCEPTION 'refused by the test'; \
             END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_ground BEFORE INSERT ON complaint_grounds \
             FOR EACH ROW EXECUTE FUNCTION refuse_ground()",
        ],
        _ => &[
            "CREATE TRIGGER refuse_ground BEFORE INSERT ON complaint_grounds \
               WHEN NEW.ground = 'sexual_orientation' \
               BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        ],
    };
    for sql in statements {
        db.execute_unprepared(sql).await.unwrap();
    }
}

#[actix_web::test]
async fn a_registration_the_database_refuses_fails_alone_and_the_others_keep_gapless_references() {
    let app = setup().await;
    refuse_ground_in_database(&app).await;
    let good = report_body();
    let mut refused = report_body();
    refused["grounds"] = json!(["sexual_orientation"]);
    let who = handler();
    // Sent together, so that the refused one is written in a batch with the others.
    let requests = (0..21).map(|i| create(&app, &who, if i == 10 { &refused } else { &good }));
    let responses = futures_util::future::join_all(requests).await;

    let mut numbers = Vec::new();
    for (i, response) in responses.iter().enumerate() {
        if i == 10 {
            let problem = response.assert_problem(500, "internal_error");
            assert!(
                !problem.to_string().contains("refused by the test"),
                "the database's message leaked: {problem}"
            );
            continue;
        }
        assert_eq!(
            response.status,
            201,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        let reference = response.json()["reference"].as_str().unwrap().to_owned();
        numbers.push(reference[9..].parse::<u32>().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=20).collect::<Vec<_>>());
    let list = app
        .send_as(&who, TestRequest::get().uri("/api/v1/complaints?limit=100"))
        .await
        .json();
    let stored = list["items"].as_array().unwrap();
    assert_eq!(stored.len(), 20);
    assert!(
        stored
            .iter()
            .all(|c| c["grounds"] == json!(["skin_colour", "religion_or_belief"]))
    );
}

#[actix_web::test]
async fn pages_return_every_complaint_once_while_new_ones_arrive() {
    let app = setup().await;
    let mut expected = Vec::new();
    for _ in 0..7 {
        expected.push(
            created(&app, &handler(), &report_body()).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let uri = match &cursor {
            Some(c) => format!("/api/v1/complaints?limit=3&cursor={c}"),
            None => "/api/v1/complaints?limit=3".to_owned(),
        };
        let page = app
            .send_as(&handler(), TestRequest::get().uri(&uri))
            .await
            .json();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned()),
        );
        created(&app, &handler(), &report_body()).await;
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "a complaint came twice");
    expected.sort();
    assert_eq!(sorted, expected);
}

#[actix_web::test]
async fn lists_filter_by_status_ground_context_handler_reference_and_overdue() {
    let app = setup().await;
    let a = created(&app, &handler(), &complaint_body()).await;
    let b = created(&app, &handler(), &report_body()).await;
    let mut other = complaint_body();
    other["grounds"] = json!(["age"]);
    other["incident"]["context"] = json!("housing");
    let c = created(&app, &handler(), &other).await;
    let a_id = a["id"].as_str().unwrap();
    transition(&app, a_id, json!({"to": "acknowledged"})).await;
    app.send_as(
        &handler(),
        json_request(
            TestRequest::put(),
            &format!("/api/v1/complaints/{a_id}/assignment"),
            &json!({"handler": "jan"}),
        ),
    )
    .await;

    let ids = |query: &'static str| {
        let app = &app;
        async move {
            let list = app
                .send_as(
                    &handler(),
                    TestRequest::get().uri(&format!("/api/v1/complaints?{query}")),
                )
                .await;
            assert_eq!(
                list.status,
                200,
                "{query}: {}",
                String::from_utf8_lossy(&list.body)
            );
            list.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(ids("status=acknowledged").await, [a["id"].clone()]);
    assert_eq!(ids("ground=age").await, [c["id"].clone()]);
    assert_eq!(ids("context=housing").await, [c["id"].clone()]);
    assert_eq!(ids("handler=jan").await, [a["id"].clone()]);
    let reference = b["reference"].as_str().unwrap().to_owned();
    let by_reference = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints?reference={reference}")),
        )
        .await
        .json();
    assert_eq!(by_reference["items"][0]["id"], b["id"]);
    assert_eq!(ids("overdue=true").await.len(), 0);
    assert_eq!(ids("from=2000-01-01&to=2000-12-31").await.len(), 0);
    assert_eq!(ids("overdue=false").await.len(), 3);

    // Make one overdue: still received after its acknowledgement day.
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.database.connection();
    let id = uuid::Uuid::parse_str(b["id"].as_str().unwrap()).unwrap();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                "UPDATE complaints SET acknowledge_by = '2020-01-01' WHERE id = $1"
            }
            _ => "UPDATE complaints SET acknowledge_by = '2020-01-01' WHERE id = ?",
        },
        [id.into()],
    ))
    .await
    .unwrap();
    assert_eq!(ids("overdue=true").await, [b["id"].clone()]);
    for bad in [
        "status=lost",
        "ground=race",
        "from=yesterday",
        "municipality=Izegem",
        "overdue=maybe",
    ] {
        let problem = app
            .send_as(
                &handler(),
                TestRequest::get().uri(&format!("/api/v1/complaints?{bad}")),
            )
            .await
            .assert_problem(400, "invalid_parameter");
        assert!(problem["errors"][0]["parameter"].is_string(), "{bad}");
    }
}

#[actix_web::test]
async fn partners_submit_with_channel_partner_and_read_only_their_own() {
    let app = setup().await;
    let ngo = app.create_partner("ngo", &[IZEGEM]).await;
    let (_, key) = app
        .create_api_key(&ngo, &["complaints:submit", "complaints:read_own"])
        .await;
    let other = app.create_partner("ngo", &[IZEGEM]).await;
    let (_, other_key) = app
        .create_api_key(&other, &["complaints:submit", "complaints:read_own"])
        .await;
    let (_, submit_only) = app.create_api_key(&ngo, &["complaints:submit"]).await;
    let ngo_key = Credentials::ApiKey(key);

    let mine = created(&app, &ngo_key, &complaint_body()).await;
    let id = mine["id"].as_str().unwrap();
    let detail = read(&app, &ngo_key, id).await.json();
    assert_eq!(detail["channel"], "partner");
    assert_eq!(detail["submittedByPartner"], ngo.as_str());

    created(&app, &handler(), &complaint_body()).await;
    let list = app
        .send_as(&ngo_key, TestRequest::get().uri("/api/v1/complaints"))
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let theirs = Credentials::ApiKey(other_key);
    read(&app, &theirs, id)
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        app.send_as(&theirs, TestRequest::get().uri("/api/v1/complaints"))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    read(&app, &Credentials::ApiKey(submit_only), id)
        .await
        .assert_problem(403, "forbidden");
    transition(&app, id, json!({"to": "acknowledged"})).await;
    app.send_as(
        &ngo_key,
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/transitions"),
            &json!({"to": "in_treatment"}),
        ),
    )
    .await
    .assert_problem(403, "forbidden");
    let mut elsewhere = complaint_body();
    elsewhere["municipality"] = json!(MECHELEN);
    create(&app, &ngo_key, &elsewhere)
        .await
        .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn another_municipalitys_complaint_is_404_and_creating_there_403() {
    let app = setup().await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mechelen = Credentials::staff(&[Role::ComplaintHandler], &[MECHELEN]);
    for path in [
        format!("/api/v1/complaints/{id}"),
        format!("/api/v1/complaints/{id}/timeline"),
    ] {
        app.send_as(&mechelen, TestRequest::get().uri(&path))
            .await
            .assert_problem(404, "not_found");
    }
    app.send_as(
        &mechelen,
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/transitions"),
            &json!({"to": "acknowledged"}),
        ),
    )
    .await
    .assert_problem(404, "not_found");
    assert_eq!(
        app.send_as(&mechelen, TestRequest::get().uri("/api/v1/complaints"))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    create(&app, &mechelen, &complaint_body())
        .await
        .assert_problem(403, "forbidden");
    let analyst = Credentials::staff(&[Role::Analyst], &[IZEGEM]);
    read(&app, &analyst, &id)
        .await
        .assert_problem(403, "forbidden");
    read(&app, &handler(), &uuid::Uuid::now_v7().to_string())
        .await
        .assert_problem(404, "not_found");
}

/// The service's own layout on a SQLite file: reads go to read-only connections beside the
/// one writer (`samenleven_persistence::reader`); each sees every change the moment it is
/// answered, and stays within the caller's municipality.
#[actix_web::test]
async fn on_a_sqlite_file_reads_see_each_change_at_once_and_only_the_callers_municipality() {
    let app = spawn_app_on_sqlite_file().await;
    app.create_municipality(IZEGEM, "Izegem").await;
    app.create_municipality(MECHELEN, "Mechelen").await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let first = read(&app, &handler(), &id).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.json()["status"], "received");
    assert_eq!(first.json()["reporter"]["contact"]["name"], "Samira");
    assert_eq!(
        transition(&app, &id, json!({"to": "acknowledged"}))
            .await
            .status,
        200
    );
    let second = read(&app, &handler(), &id).await;
    assert_eq!(second.json()["status"], "acknowledged");
    assert_ne!(first.header("etag"), second.header("etag"));
    let listed = app
        .send_as(
            &handler(),
            TestRequest::get().uri("/api/v1/complaints?status=acknowledged"),
        )
        .await
        .json();
    assert_eq!(listed["items"][0]["id"], id.as_str());

    let mechelen = Credentials::staff(&[Role::ComplaintHandler], &[MECHELEN]);
    read(&app, &mechelen, &id)
        .await
        .assert_problem(404, "not_found");
    let theirs = app
        .send_as(&mechelen, TestRequest::get().uri("/api/v1/complaints"))
        .await
        .json();
    assert_eq!(theirs["items"], json!([]));
    read(&app, &handler(), &uuid::Uuid::now_v7().to_string())
        .await
        .assert_problem(404, "not_found");
    // Only the two answered reads are in the access log (not the refused one).
    let log = reads_logged(&app, &id).await;
    assert_eq!(log.len(), 2);
}

#[actix_web::test]
async fn reads_made_together_are_answered_and_logged_each_as_if_alone() {
    let app = setup().await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let created = created(&app, &handler(), &complaint_body()).await;
        ids.push(created["id"].as_str().unwrap().to_owned());
    }
    let (izegem, mechelen) = (
        handler(),
        Credentials::staff(&[Role::ComplaintHandler], &[MECHELEN]),
    );
    let missing = uuid::Uuid::now_v7().to_string();
    let (who, asked): (Vec<&Credentials>, Vec<&str>) = [
        (&izegem, ids[0].as_str()),
        (&mechelen, ids[0].as_str()),
        (&izegem, missing.as_str()),
        (&izegem, ids[0].as_str()),
        (&izegem, ids[1].as_str()),
        (&mechelen, ids[1].as_str()),
    ]
    .into_iter()
    .unzip();
    let answers =
        futures_util::future::join_all(who.iter().zip(&asked).map(|(w, id)| read(&app, w, id)))
            .await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(statuses, [200, 404, 404, 200, 200, 404]);
    for (answer, id) in answers.iter().zip(&asked) {
        if answer.status == 200 {
            assert_eq!(answer.json()["id"], *id);
        } else {
            answer.assert_problem(404, "not_found");
        }
    }
    // Exactly the answered reads are logged, each once, as the handler's.
    let first = reads_logged(&app, &ids[0]).await;
    let second = reads_logged(&app, &ids[1]).await;
    assert_eq!((first.len(), second.len()), (2, 1));
    assert!(
        first
            .iter()
            .chain(&second)
            .all(|e| e.actor.starts_with("staff:") && e.action == "read")
    );
}

#[actix_web::test]
async fn the_classification_is_corrected_with_a_merge_patch() {
    let app = setup().await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let patch = |body: Value| {
        json_request(
            TestRequest::patch(),
            &format!("/api/v1/complaints/{id}"),
            &body,
        )
    };
    let changed = app.send_as(&handler(), patch(json!({"grounds": ["descent"], "incident": {"context": "employment"}, "possibleHateCrime": true}))).await;
    assert_eq!(
        changed.status,
        200,
        "{}",
        String::from_utf8_lossy(&changed.body)
    );
    let changed = changed.json();
    assert_eq!(changed["grounds"], json!(["descent"]));
    assert_eq!(changed["incident"]["context"], "employment");
    assert_eq!(changed["conduct"], json!(["direct_discrimination"]));
    assert_eq!(changed["possibleHateCrime"], true);
    let by_ground = app
        .send_as(
            &handler(),
            TestRequest::get().uri("/api/v1/complaints?ground=descent"),
        )
        .await
        .json();
    assert_eq!(by_ground["items"].as_array().unwrap().len(), 1);
    for (body, pointer) in [
        (json!({"description": "rewritten"}), "/description"),
        (json!({"grounds": null}), "/grounds"),
        (json!({"grounds": []}), "/grounds"),
        (
            json!({"incident": {"occurredOn": "2026-01-01"}}),
            "/incident/occurredOn",
        ),
    ] {
        let problem = app
            .send_as(&handler(), patch(body.clone()))
            .await
            .assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
    }
}

#[actix_web::test]
async fn reading_a_complaint_is_recorded_as_an_access_event() {
    let app = setup().await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..2 {
        read(&app, &handler(), &id).await;
    }
    let log = reads_logged(&app, &id).await;
    assert_eq!(log.len(), 2);
    assert!(
        log.iter()
            .all(|e| e.actor.starts_with("staff:") && e.action == "read")
    );
}

#[actix_web::test]
async fn an_anonymous_reporter_answers_a_handlers_question_with_the_tracking_code() {
    let app = setup().await;
    let report = created(&app, &handler(), &report_body()).await;
    let (id, code) = (
        report["id"].as_str().unwrap(),
        report["trackingCode"].as_str().unwrap(),
    );
    let asked = app
        .send_as(
            &handler(),
            json_request(
                TestRequest::post(),
                &format!("/api/v1/complaints/{id}/messages"),
                &json!({"text": "Which café was it?"}),
            ),
        )
        .await;
    assert_eq!(asked.status, 201);
    assert_eq!(asked.json()["direction"], "to_reporter");

    let page = app
        .get(&format!("/api/v1/complaint-status/{code}"))
        .await
        .json();
    assert_eq!(page["messages"][0]["text"], "Which café was it?");
    assert!(
        page["messages"][0]["author"].is_null(),
        "the handler's name is not shown to the reporter"
    );

    let answered = app
        .send(json_request(
            TestRequest::post(),
            &format!("/api/v1/complaint-status/{code}/messages"),
            &json!({"text": "Café De Zwaan."}),
        ))
        .await;
    assert_eq!(answered.status, 201);
    let messages = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}/messages")),
        )
        .await
        .json();
    let directions: Vec<_> = messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["direction"].clone())
        .collect();
    assert_eq!(directions, [json!("to_reporter"), json!("from_reporter")]);
    app.send(json_request(
        TestRequest::post(),
        &format!("/api/v1/complaint-status/{code}/messages"),
        &json!({"text": "  "}),
    ))
    .await
    .assert_problem(422, "validation_failed");

    let note = app
        .send_as(
            &handler(),
            json_request(
                TestRequest::post(),
                &format!("/api/v1/complaints/{id}/notes"),
                &json!({"text": "Reporter sounded upset."}),
            ),
        )
        .await;
    assert_eq!(note.status, 201);
    let page = app.get(&format!("/api/v1/complaint-status/{code}")).await;
    assert!(
        !String::from_utf8_lossy(&page.body).contains("upset"),
        "notes never reach the reporter"
    );

    transition(&app, id, json!({"to": "acknowledged"})).await;
    transition(&app, id, json!({"to": "closed", "outcome": "registered"})).await;
    app.send(json_request(
        TestRequest::post(),
        &format!("/api/v1/complaint-status/{code}/messages"),
        &json!({"text": "One more thing"}),
    ))
    .await
    .assert_problem(409, "conflict");
    let timeline = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}/timeline")),
        )
        .await;
    let text = String::from_utf8_lossy(&timeline.body);
    assert!(
        text.contains("message_received") && !text.contains("Zwaan"),
        "{text}"
    );
}

#[actix_web::test]
async fn statistics_count_in_sql_and_suppress_small_counts_for_analysts() {
    let app = setup().await;
    for _ in 0..3 {
        created(&app, &handler(), &complaint_body()).await;
    }
    let mut housing = complaint_body();
    housing["incident"]["context"] = json!("housing");
    housing["grounds"] = json!(["age"]);
    created(&app, &handler(), &housing).await;
    let mut mechelen = report_body();
    mechelen["municipality"] = json!(MECHELEN);
    created(
        &app,
        &Credentials::staff(&[Role::ComplaintHandler], &[MECHELEN]),
        &mechelen,
    )
    .await;

    let stats = app
        .send_as(
            &handler(),
            TestRequest::get().uri("/api/v1/complaints/statistics?municipality=36008"),
        )
        .await;
    assert_eq!(
        stats.status,
        200,
        "{}",
        String::from_utf8_lossy(&stats.body)
    );
    let stats = stats.json();
    assert_eq!(stats["total"], 4);
    let count = |list: &str, code: &str| {
        stats[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .map(|c| c["count"].clone())
    };
    assert_eq!(count("byGround", "skin_colour"), Some(json!(3)));
    assert_eq!(count("byGround", "age"), Some(json!(1)));
    assert_eq!(count("byContext", "housing"), Some(json!(1)));
    assert_eq!(count("byStatus", "received"), Some(json!(4)));
    assert_eq!(count("byConduct", "direct_discrimination"), Some(json!(4)));
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    assert_eq!(stats["byMonth"], json!([{"month": month, "count": 4}]));

    let analyst = Credentials::staff(&[Role::Analyst], &[IZEGEM]);
    let stats = app
        .send_as(
            &analyst,
            TestRequest::get().uri("/api/v1/complaints/statistics?municipality=36008"),
        )
        .await
        .json();
    assert_eq!(stats["total"], 4);
    let count = |list: &str, code: &str| {
        stats[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .map(|c| c["count"].clone())
    };
    assert_eq!(count("byGround", "age"), Some(json!("<3")));
    assert_eq!(count("byGround", "skin_colour"), Some(json!(3)));

    app.send_as(
        &analyst,
        TestRequest::get().uri("/api/v1/complaints/statistics?municipality=12025"),
    )
    .await
    .assert_problem(403, "forbidden");
    let everywhere = app
        .send_as(
            &Credentials::staff(&[Role::Analyst], &["*"]),
            TestRequest::get().uri("/api/v1/complaints/statistics"),
        )
        .await
        .json();
    assert_eq!(everywhere["total"], 5);
    let none = app
        .send_as(
            &handler(),
            TestRequest::get().uri("/api/v1/complaints/statistics?from=2000-01-01&to=2000-12-31"),
        )
        .await
        .json();
    assert_eq!(none["total"], 0);
    app.send_as(
        &handler(),
        TestRequest::get().uri("/api/v1/complaints/statistics?from=2026-12-01&to=2026-01-01"),
    )
    .await
    .assert_problem(400, "invalid_parameter");
}

#[actix_web::test]
async fn only_an_admin_reads_the_access_log() {
    let app = setup().await;
    let id = created(&app, &handler(), &complaint_body()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    read(&app, &handler(), &id).await;
    app.send_as(
        &handler(),
        TestRequest::get().uri(&format!("/api/v1/complaints/{id}/access-log")),
    )
    .await
    .assert_problem(403, "forbidden");
    let log = app
        .send_as(
            &Credentials::admin(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}/access-log")),
        )
        .await
        .json();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["action"], "read");
}

#[actix_web::test]
async fn erasure_leaves_no_personal_data_in_any_table_but_keeps_the_statistics() {
    let app = setup().await;
    let created = created(&app, &handler(), &complaint_body()).await;
    let (id, code) = (
        created["id"].as_str().unwrap().to_owned(),
        created["trackingCode"].as_str().unwrap().to_owned(),
    );
    app.send_as(
        &handler(),
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/notes"),
            &json!({"text": "Samira called, very upset."}),
        ),
    )
    .await;
    app.send(json_request(
        TestRequest::post(),
        &format!("/api/v1/complaint-status/{code}/messages"),
        &json!({"text": "My number is 0470 12 34 56."}),
    ))
    .await;

    app.send_as(
        &handler(),
        TestRequest::post().uri(&format!("/api/v1/complaints/{id}/erasure")),
    )
    .await
    .assert_problem(403, "forbidden");
    let erased = app
        .send_as(
            &Credentials::admin(),
            TestRequest::post().uri(&format!("/api/v1/complaints/{id}/erasure")),
        )
        .await;
    assert_eq!(erased.status, 204);

    let dump = app.dump_every_table().await;
    let reference = created["reference"].as_str().unwrap();
    assert!(dump.contains(reference), "the complaint itself stays");
    for personal in [
        "Samira",
        "samira@example.org",
        "headscarf",
        "Grote Markt",
        "0470",
        "upset",
    ] {
        assert!(!dump.contains(personal), "{personal} is still stored");
    }
    let detail = read(&app, &handler(), &id).await.json();
    assert!(detail["reporter"]["contact"].is_null());
    assert!(detail["description"].is_null());
    assert_eq!(
        detail["grounds"],
        json!(["skin_colour", "religion_or_belief"])
    );
    let timeline = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}/timeline")),
        )
        .await
        .json();
    let last = timeline.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "personal_data_erased");
    assert!(last["actor"].as_str().unwrap().starts_with("staff:"));
    let stats = app
        .send_as(
            &handler(),
            TestRequest::get().uri("/api/v1/complaints/statistics?municipality=36008"),
        )
        .await
        .json();
    assert_eq!(stats["total"], 1);
    assert_eq!(
        app.get(&format!("/api/v1/complaint-status/{code}"))
            .await
            .json()["messages"],
        json!([])
    );
}
