//! Retention: closed complaints are anonymised after their outcome's period, with a ledger.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_persistence::repo::retention::{RetentionPeriods, ledger};
use samenleven_tests::{Credentials, TestApp, json_request, spawn_app};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

fn handler() -> Credentials {
    Credentials::staff(&[Role::ComplaintHandler], &["36008"])
}

fn body(kind: &str) -> Value {
    json!({
        "kind": kind, "municipality": "36008", "channel": "email",
        "reporter": {"role": "victim", "contact": {"name": "Yusuf", "email": "yusuf@example.org"}, "consentToContact": true},
        "incident": {"occurredOn": "2026-01-10", "location": {"kind": "address", "text": "Kerkplein 1"}, "context": "housing"},
        "grounds": ["national_or_ethnic_origin"], "conduct": ["direct_discrimination"],
        "description": "The landlord refused to rent to me after hearing my name."
    })
}

async fn closed(app: &TestApp, kind: &str, outcome: &str) -> String {
    let created = app
        .send_as(
            &handler(),
            json_request(TestRequest::post(), "/api/v1/complaints", &body(kind)),
        )
        .await
        .json();
    let id = created["id"].as_str().unwrap().to_owned();
    let step = |to: Value| {
        json_request(
            TestRequest::post(),
            &format!("/api/v1/complaints/{id}/transitions"),
            &to,
        )
    };
    app.send_as(&handler(), step(json!({"to": "acknowledged"})))
        .await;
    let done = app
        .send_as(
            &handler(),
            step(json!({"to": "closed", "outcome": outcome})),
        )
        .await;
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    id
}

async fn age(app: &TestApp, id: &str, months: u32) {
    let db = app.state.database.connection();
    let at = chrono::Utc::now()
        .checked_sub_months(chrono::Months::new(months))
        .unwrap();
    let sql = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "UPDATE complaints SET closed_at = $1 WHERE id = $2",
        _ => "UPDATE complaints SET closed_at = ? WHERE id = ?",
    };
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        [at.into(), uuid::Uuid::parse_str(id).unwrap().into()],
    ))
    .await
    .unwrap();
}

#[actix_web::test]
async fn closed_complaints_are_anonymised_after_their_period_and_the_ledger_says_so() {
    let app = spawn_app().await;
    app.create_municipality("36008", "Izegem").await;
    let report = closed(&app, "report", "registered").await;
    let complaint = closed(&app, "complaint", "mediated").await;
    let recent = closed(&app, "report", "registered").await;
    age(&app, &report, 13).await;
    age(&app, &complaint, 13).await;
    age(&app, &recent, 11).await;

    let store = app.state.complaints();
    let done = store
        .apply_retention(RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    let ids: Vec<_> = done.iter().map(|d| d.id.to_string()).collect();
    assert_eq!(
        ids,
        std::slice::from_ref(&report),
        "only the report closed 13 months ago is due"
    );
    assert!(done[0].reason.contains("registered") && done[0].reason.contains("12 months"));

    let detail = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{report}")),
        )
        .await
        .json();
    assert!(detail["reporter"]["contact"].is_null() && detail["description"].is_null());
    assert_eq!(detail["grounds"], json!(["national_or_ethnic_origin"]));
    let kept = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{complaint}")),
        )
        .await
        .json();
    assert_eq!(kept["reporter"]["contact"]["name"], "Yusuf");

    let entries = ledger(app.state.database.connection()).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert!(!format!("{entries:?}").contains("Yusuf"));
    let timeline = app
        .send_as(
            &handler(),
            TestRequest::get().uri(&format!("/api/v1/complaints/{report}/timeline")),
        )
        .await
        .json();
    assert_eq!(
        timeline.as_array().unwrap().last().unwrap()["action"],
        "anonymised"
    );
    assert_eq!(
        timeline.as_array().unwrap().last().unwrap()["actor"],
        "retention"
    );

    // Again: nothing new. Sixty months on, the mediated complaint is due too.
    assert!(
        store
            .apply_retention(RetentionPeriods::DEFAULT, chrono::Utc::now())
            .await
            .unwrap()
            .is_empty()
    );
    age(&app, &complaint, 61).await;
    let later = store
        .apply_retention(RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].id.to_string(), complaint);
}
