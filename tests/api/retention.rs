//! Retention: closed complaints are anonymised after their outcome's period, with a ledger.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_http::auth::TokenRequest;
use samenleven_persistence::repo::retention::{self, RetentionPeriods, ledger};
use samenleven_tests::{
    Credentials, TestApp, json_request, sign, spawn_app, spawn_app_on_sqlite_file,
};
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

    // Once the last one is due too, no row of any table holds what the reporter told.
    age(&app, &recent, 13).await;
    store
        .apply_retention(RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    let dump = app.dump_every_table().await;
    assert!(dump.contains("MLD-"), "the complaints themselves stay");
    for personal in ["Yusuf", "yusuf@example.org", "landlord", "Kerkplein"] {
        assert!(!dump.contains(personal), "{personal} is still stored");
    }
}

/// The one subsidy officer of these tests (a fixed subject: staff make the applicant's
/// transitions only for the applications they entered).
fn officer() -> Credentials {
    Credentials::Bearer(sign(&TokenRequest {
        subject: "staff-officer".to_owned(),
        roles: vec![Role::SubsidyOfficer],
        municipalities: vec!["36008".to_owned()],
        valid_for: chrono::Duration::hours(1),
    }))
}

/// An application entered at the counter by the officer and taken to `to` (`rejected` or
/// `withdrawn`); returns its id.
async fn finished_application(app: &TestApp, scheme: &str, applicant: Value, to: &str) -> String {
    let body = json!({
        "schemeId": scheme, "applicant": applicant,
        "project": {"title": "Buurtfeest", "summary": "A neighbourhood party.", "targetGroups": ["everyone"],
                    "startsOn": "2027-05-01", "endsOn": "2027-05-02"},
        "budget": {"costLines": [{"label": "Tent", "amountCents": 100_000}], "incomeLines": []},
        "requestedCents": 50_000
    });
    let created = app
        .send_as(
            &officer(),
            json_request(TestRequest::post(), "/api/v1/subsidy-applications", &body)
                .insert_header(("Idempotency-Key", format!("apply-{to}"))),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/subsidy-applications/{id}/transitions");
    let steps = if to == "rejected" {
        vec![
            json!({"to": "submitted"}),
            json!({"to": "in_review"}),
            json!({"to": "rejected", "reason": "Outside the scheme's aims."}),
        ]
    } else {
        vec![json!({"to": "withdrawn"})]
    };
    for step in steps {
        let moved = app
            .send_as(&officer(), json_request(TestRequest::post(), &path, &step))
            .await;
        assert_eq!(
            moved.status,
            200,
            "{}",
            String::from_utf8_lossy(&moved.body)
        );
    }
    id
}

async fn age_application(app: &TestApp, id: &str, months: u32) {
    let db = app.state.database.connection();
    let at = chrono::Utc::now()
        .checked_sub_months(chrono::Months::new(months))
        .unwrap();
    let sql = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            "UPDATE subsidy_applications SET updated_at = $1 WHERE id = $2"
        }
        _ => "UPDATE subsidy_applications SET updated_at = ? WHERE id = ?",
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
async fn finished_applications_lose_their_contact_data_after_their_period() {
    let app = spawn_app().await;
    app.create_municipality("36008", "Izegem").await;
    let now = chrono::Utc::now();
    let scheme = app
        .send_as(
            &officer(),
            json_request(
                TestRequest::post(),
                "/api/v1/subsidy-schemes",
                &json!({
                    "municipality": "36008", "title": "Samenleven", "description": "Projects.",
                    "legalBasis": "GR 2026/1", "fundingSource": "municipal",
                    "eligibleApplicants": ["nonprofit_association", "citizen_initiative"],
                    "targetGroups": ["everyone"], "budgetCents": 1_000_000, "maxAwardCents": 100_000,
                    "maxShareOfCostsPercent": 80,
                    "opensAt": (now - chrono::Duration::days(1)).to_rfc3339(),
                    "closesAt": (now + chrono::Duration::days(30)).to_rfc3339(),
                    "criteria": [{"code": "reach", "description": "Reach", "weight": 1}]
                }),
            ),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let association = finished_application(
        &app,
        &scheme,
        json!({"kind": "nonprofit_association", "name": "Vzw De Brug", "enterpriseNumber": "0417.497.106",
               "contactName": "Annelies Verstraete", "email": "annelies@debrug.example", "iban": "BE68539007547034"}),
        "rejected",
    )
    .await;
    let initiative = finished_application(
        &app,
        &scheme,
        json!({"kind": "citizen_initiative", "name": "Buurtcomité Jef Vandamme",
               "contactName": "Jef Vandamme", "email": "jef@buurt.example", "iban": "BE71096123456769"}),
        "withdrawn",
    )
    .await;
    age_application(&app, &association, 25).await;
    age_application(&app, &initiative, 23).await;

    let database = &app.state.database;
    let done = retention::apply_all(database, RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(
        done.iter().map(|d| d.id.to_string()).collect::<Vec<_>>(),
        std::slice::from_ref(&association),
        "only the application rejected 25 months ago is due"
    );
    assert!(done[0].reason.contains("rejected") && done[0].reason.contains("24 months"));
    let detail = app
        .send_as(
            &officer(),
            TestRequest::get().uri(&format!("/api/v1/subsidy-applications/{association}")),
        )
        .await;
    assert_eq!(detail.status, 200);
    let applicant = &detail.json()["applicant"];
    assert_eq!(
        applicant["name"], "Vzw De Brug",
        "an organisation keeps its name"
    );
    assert!(applicant["contactName"].is_null() && applicant["email"].is_null());
    assert!(applicant["iban"].is_null());
    let dump = app.dump_every_table().await;
    for personal in ["Annelies", "annelies@debrug.example", "BE68539007547034"] {
        assert!(!dump.contains(personal), "{personal} is still stored");
    }
    assert!(dump.contains("Jef Vandamme"), "the younger one is kept");

    age_application(&app, &initiative, 25).await;
    retention::apply_all(database, RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    let detail = app
        .send_as(
            &officer(),
            TestRequest::get().uri(&format!("/api/v1/subsidy-applications/{initiative}")),
        )
        .await
        .json();
    assert!(
        detail["applicant"]["name"].is_null(),
        "a citizen initiative's name may name a person"
    );
    assert_eq!(detail["applicant"]["kind"], "citizen_initiative");
    let dump = app.dump_every_table().await;
    for personal in ["Vandamme", "jef@buurt.example", "BE71096123456769"] {
        assert!(!dump.contains(personal), "{personal} is still stored");
    }
    let entries = ledger(database.connection()).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.register == "application"));
    let timeline = app
        .send_as(
            &officer(),
            TestRequest::get().uri(&format!(
                "/api/v1/subsidy-applications/{initiative}/timeline"
            )),
        )
        .await
        .json();
    let last = timeline.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["actor"].as_str()),
        (Some("anonymised"), Some("retention"))
    );
}

/// The service's own layout: on a SQLite file, retention finds what is due on the read-only
/// connections, and anonymises it on the writer; the next run finds nothing more.
#[actix_web::test]
async fn on_a_sqlite_file_retention_finds_due_records_on_the_read_connections() {
    let app = spawn_app_on_sqlite_file().await;
    let database = &app.state.database;
    assert!(
        database
            .reader()
            .execute_unprepared("CREATE TABLE probe (x INTEGER)")
            .await
            .is_err(),
        "reads have read-only connections of their own"
    );
    app.create_municipality("36008", "Izegem").await;
    let due = closed(&app, "report", "registered").await;
    let kept = closed(&app, "report", "registered").await;
    age(&app, &due, 13).await;

    let done = retention::apply_all(database, RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(
        done.iter().map(|d| d.id.to_string()).collect::<Vec<_>>(),
        std::slice::from_ref(&due)
    );
    let staff = handler();
    let detail = |id: String| {
        app.send_as(
            &staff,
            TestRequest::get().uri(&format!("/api/v1/complaints/{id}")),
        )
    };
    let anonymised = detail(due.clone()).await.json();
    assert!(anonymised["reporter"]["contact"].is_null() && anonymised["description"].is_null());
    assert_eq!(
        detail(kept).await.json()["reporter"]["contact"]["name"],
        "Yusuf"
    );
    assert_eq!(ledger(database.connection()).await.unwrap().len(), 1);
    assert!(
        retention::apply_all(database, RetentionPeriods::DEFAULT, chrono::Utc::now())
            .await
            .unwrap()
            .is_empty(),
        "the read connections see the writer's ledger"
    );
}
