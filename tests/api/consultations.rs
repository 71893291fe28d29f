//! The half-yearly hate-crime consultation: lifecycle, participants, minutes, carried-over
//! action items, the agenda and the cadence.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_tests::{Credentials, TestApp, TestResponse, json_request, spawn_app};
use serde_json::{Value, json};

const AALST: &str = "41002";
const DENDERLEEUW: &str = "41011";

fn coordinator() -> Credentials {
    Credentials::staff(&[Role::HateCrimeCoordinator], &[AALST, DENDERLEEUW])
}

async fn setup() -> TestApp {
    let app = spawn_app().await;
    app.create_municipality(AALST, "Aalst").await;
    app.create_municipality(DENDERLEEUW, "Denderleeuw").await;
    app
}

async fn post(app: &TestApp, who: &Credentials, path: &str, body: Value) -> TestResponse {
    app.send_as(who, json_request(TestRequest::post(), path, &body))
        .await
}

async fn plan(app: &TestApp, period: &str, at: &str) -> String {
    let response = post(app, &coordinator(), "/api/v1/consultations", json!({"municipalities": [DENDERLEEUW, AALST], "period": period, "scheduledAt": at, "location": "Stadhuis Aalst"})).await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()["id"].as_str().unwrap().to_owned()
}

async fn to(app: &TestApp, id: &str, status: &str) -> TestResponse {
    post(
        app,
        &coordinator(),
        &format!("/api/v1/consultations/{id}/transitions"),
        json!({"to": status}),
    )
    .await
}

#[actix_web::test]
async fn a_consultation_is_planned_held_and_its_minutes_approved() {
    let app = setup().await;
    let id = plan(&app, "2026-H1", "2026-06-18T14:00:00Z").await;
    let read = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}")),
        )
        .await
        .json();
    assert_eq!(
        read["municipalities"],
        json!(
            [DENDERLEEUW, AALST]
                .iter()
                .copied()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        )
    );
    assert_eq!(read["status"], "planned");
    let problem = to(&app, &id, "minutes_approved")
        .await
        .assert_problem(409, "illegal_transition");
    assert_eq!(problem["allowedTransitions"], json!(["held", "cancelled"]));
    assert_eq!(to(&app, &id, "held").await.status, 200);
    let problem = to(&app, &id, "minutes_approved")
        .await
        .assert_problem(409, "conflict");
    assert_eq!(problem["allowedTransitions"], json!(["minutes_approved"]));
    let minutes = app
        .send_as(
            &coordinator(),
            json_request(
                TestRequest::put(),
                &format!("/api/v1/consultations/{id}/minutes"),
                &json!({"text": "Agreed on joint training."}),
            ),
        )
        .await;
    assert_eq!(minutes.status, 200);
    assert_eq!(
        to(&app, &id, "minutes_approved").await.json()["status"],
        "minutes_approved"
    );
    let timeline = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}/timeline")),
        )
        .await
        .json();
    let actions: Vec<_> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        actions,
        [
            "created",
            "status_changed",
            "minutes_recorded",
            "status_changed"
        ]
    );
    post(&app, &coordinator(), "/api/v1/consultations", json!({"municipalities": [AALST], "period": "2026-H3", "scheduledAt": "2026-06-18T14:00:00Z", "location": "x"}))
        .await
        .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn open_action_items_carry_over_to_the_next_consultation_of_the_same_municipalities() {
    let app = setup().await;
    let first = plan(&app, "2026-H1", "2026-06-18T14:00:00Z").await;
    let items = format!("/api/v1/consultations/{first}/action-items");
    let open = post(&app, &coordinator(), &items, json!({"description": "Train night-life stewards", "ownerOrganisation": "Stad Aalst", "dueOn": "2026-12-31"})).await.json();
    post(&app, &coordinator(), &items, json!({"description": "Publish the reporting point", "ownerOrganisation": "Denderleeuw", "dueOn": "2026-09-30", "status": "done"})).await;
    to(&app, &first, "held").await;
    app.send_as(
        &coordinator(),
        json_request(
            TestRequest::put(),
            &format!("/api/v1/consultations/{first}/minutes"),
            &json!({"text": "Minutes."}),
        ),
    )
    .await;
    to(&app, &first, "minutes_approved").await;

    let second = plan(&app, "2026-H2", "2026-11-26T14:00:00Z").await;
    let listed = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/consultations/{second}/action-items")),
        )
        .await
        .json();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], open["id"]);
    assert_eq!(listed[0]["carriedOverFrom"], first.as_str());

    // A consultation of Aalst alone is another sequence: nothing carries over to it.
    let aalst_alone = post(&app, &coordinator(), "/api/v1/consultations", json!({"municipalities": [AALST], "period": "2026-H2", "scheduledAt": "2026-11-20T14:00:00Z", "location": "Aalst"})).await.json();
    let none = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!(
                "/api/v1/consultations/{}/action-items",
                aalst_alone["id"].as_str().unwrap()
            )),
        )
        .await
        .json();
    assert_eq!(none.as_array().unwrap().len(), 0);

    // Closing the carried item from the new consultation closes it where it was agreed.
    let done = app
        .send_as(
            &coordinator(),
            json_request(
                TestRequest::patch(),
                &format!(
                    "/api/v1/consultations/{second}/action-items/{}",
                    open["id"].as_str().unwrap()
                ),
                &json!({"status": "done"}),
            ),
        )
        .await;
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    let after = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/consultations/{second}/action-items")),
        )
        .await
        .json();
    assert_eq!(after.as_array().unwrap().len(), 0);
}

#[actix_web::test]
async fn participants_partners_read_their_consultation_and_its_agenda() {
    let app = setup().await;
    let id = plan(&app, "2026-H2", "2026-11-26T14:00:00Z").await;
    let unia = app.create_partner("unia", &[AALST, DENDERLEEUW]).await;
    let (_, key) = app.create_api_key(&unia, &["consultations:read"]).await;
    let key = Credentials::ApiKey(key);
    app.send_as(
        &key,
        TestRequest::get().uri(&format!("/api/v1/consultations/{id}")),
    )
    .await
    .assert_problem(404, "not_found");
    assert_eq!(
        app.send_as(&key, TestRequest::get().uri("/api/v1/consultations"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let added = post(
        &app,
        &coordinator(),
        &format!("/api/v1/consultations/{id}/participants"),
        json!({"organisation": "Unia", "kind": "unia", "present": true, "partnerId": unia}),
    )
    .await;
    assert_eq!(added.status, 201);
    post(
        &app,
        &coordinator(),
        &format!("/api/v1/consultations/{id}/participants"),
        json!({"organisation": "X", "kind": "unia", "partnerId": uuid::Uuid::now_v7()}),
    )
    .await
    .assert_problem(422, "validation_failed");
    assert_eq!(
        app.send_as(
            &key,
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}"))
        )
        .await
        .status,
        200
    );
    assert_eq!(
        app.send_as(&key, TestRequest::get().uri("/api/v1/consultations"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    app.send_as(
        &key,
        TestRequest::get().uri(&format!("/api/v1/consultations/{id}/participants")),
    )
    .await
    .assert_problem(403, "forbidden");

    post(&app, &coordinator(), "/api/v1/hate-crime-incidents", json!({
        "municipality": AALST, "occurredOn": "2026-08-01", "locationKind": "nightlife",
        "biasMotivations": ["anti_lgbti"], "crimeTypes": ["physical_assault"], "source": "police"
    })).await;
    let agenda = app
        .send_as(
            &key,
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}/agenda")),
        )
        .await;
    assert_eq!(
        agenda.status,
        200,
        "{}",
        String::from_utf8_lossy(&agenda.body)
    );
    let agenda = agenda.json();
    assert_eq!(agenda["overview"]["period"], "2026-H2");
    assert_eq!(agenda["overview"]["total"]["count"], "<3");
    let exact = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}/agenda")),
        )
        .await
        .json();
    assert_eq!(exact["overview"]["total"]["count"], 1);

    let participant = added.json()["id"].as_str().unwrap().to_owned();
    let removed = app
        .send_as(
            &coordinator(),
            TestRequest::delete().uri(&format!(
                "/api/v1/consultations/{id}/participants/{participant}"
            )),
        )
        .await;
    assert_eq!(removed.status, 204);
    app.send_as(
        &key,
        TestRequest::get().uri(&format!("/api/v1/consultations/{id}")),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn the_cadence_flags_a_current_half_year_without_a_consultation() {
    let app = setup().await;
    let cadence = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!(
                "/api/v1/consultations/cadence?municipality={AALST}"
            )),
        )
        .await;
    assert_eq!(
        cadence.status,
        200,
        "{}",
        String::from_utf8_lossy(&cadence.body)
    );
    assert_eq!(cadence.json()["flagCurrentUnplanned"], true);
    let now = chrono::Utc::now();
    let half = if chrono::Datelike::month(&now) <= 6 {
        "H1"
    } else {
        "H2"
    };
    let period = format!("{}-{half}", now.format("%Y"));
    plan(&app, &period, &now.to_rfc3339()).await;
    let cadence = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!(
                "/api/v1/consultations/cadence?municipality={AALST}"
            )),
        )
        .await
        .json();
    assert_eq!(cadence["flagCurrentUnplanned"], false);
    assert_eq!(cadence["current"], period);
    let analyst = Credentials::staff(&[Role::Analyst], &[DENDERLEEUW]);
    app.send_as(
        &analyst,
        TestRequest::get().uri(&format!(
            "/api/v1/consultations/cadence?municipality={AALST}"
        )),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(
        app.send_as(
            &analyst,
            TestRequest::get().uri(&format!(
                "/api/v1/consultations/cadence?municipality={DENDERLEEUW}"
            ))
        )
        .await
        .status,
        200
    );
}

#[actix_web::test]
async fn a_regional_consultation_is_closed_to_other_municipalities_and_its_map_to_theirs() {
    let app = setup().await;
    app.create_municipality("41048", "Ninove").await;
    let id = plan(&app, "2026-H2", "2026-11-26T14:00:00Z").await;
    let aalst_only = Credentials::staff(&[Role::HateCrimeCoordinator], &[AALST]);
    assert_eq!(
        app.send_as(
            &aalst_only,
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}"))
        )
        .await
        .status,
        200
    );
    let ninove = Credentials::staff(&[Role::HateCrimeCoordinator], &["41048"]);
    app.send_as(
        &ninove,
        TestRequest::get().uri(&format!("/api/v1/consultations/{id}")),
    )
    .await
    .assert_problem(404, "not_found");
    app.send_as(
        &ninove,
        TestRequest::get().uri(&format!("/api/v1/consultations/{id}/agenda")),
    )
    .await
    .assert_problem(404, "not_found");
    assert_eq!(
        app.send_as(&ninove, TestRequest::get().uri("/api/v1/consultations"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // Ninove's incidents stay out of the region's map.
    post(
        &app,
        &Credentials::admin(),
        "/api/v1/hate-crime-incidents",
        json!({
            "municipality": "41048", "occurredOn": "2026-08-01", "locationKind": "online",
            "biasMotivations": ["antisemitism"], "crimeTypes": ["hate_speech"], "source": "ngo"
        }),
    )
    .await;
    let agenda = app
        .send_as(
            &coordinator(),
            TestRequest::get().uri(&format!("/api/v1/consultations/{id}/agenda")),
        )
        .await
        .json();
    assert_eq!(agenda["overview"]["total"]["count"], 0);
    let municipalities: Vec<_> = agenda["overview"]["byMunicipality"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["municipality"].clone())
        .collect();
    assert_eq!(municipalities, [json!(AALST), json!(DENDERLEEUW)]);
}
