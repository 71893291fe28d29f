//! `samenleven seed`: seeded records read back on every read path, and later creates continue
//! their references.

use actix_web::test::TestRequest;
use chrono::Datelike;
use samenleven_domain::reference::Role;
use samenleven_persistence::repo::retention::{self, RetentionPeriods};
use samenleven_persistence::seed::{SeedPlan, seed};
use samenleven_tests::{Credentials, TestApp, TestResponse, json_request, spawn_app};
use serde_json::{Value, json};

async fn seeded(complaints: u64, incidents: u64, applications: u64) -> TestApp {
    let app = spawn_app().await;
    let plan = SeedPlan {
        complaints,
        incidents,
        applications,
        random_seed: 7,
        retention: None,
    };
    let report = seed(app.state.database.connection(), plan, |_| {})
        .await
        .unwrap();
    assert_eq!(report.complaints, complaints);
    assert_eq!(report.municipalities.len(), 6);
    app
}

fn ok(response: &TestResponse) -> Value {
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

async fn get(app: &TestApp, uri: &str) -> Value {
    ok(&app
        .send_as(&Credentials::admin(), TestRequest::get().uri(uri))
        .await)
}

/// Every item of a paged list, following `nextCursor`.
async fn all_pages(app: &TestApp, uri: &str) -> Vec<Value> {
    all_pages_as(app, &Credentials::admin(), uri).await
}

/// Every item of a paged list as `who` sees it, following `nextCursor`.
async fn all_pages_as(app: &TestApp, who: &Credentials, uri: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = uri.to_owned();
    loop {
        let page = ok(&app.send_as(who, TestRequest::get().uri(&next)).await);
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["nextCursor"].as_str() {
            Some(cursor) => next = format!("{uri}&cursor={cursor}"),
            None => return items,
        }
    }
}

#[actix_web::test]
async fn seeded_complaints_read_back_in_lists_details_timelines_and_statistics() {
    let app = seeded(300, 0, 0).await;
    let mut listed = 0;
    for municipality in ["36008", "41002", "41048", "41018", "41011", "23104"] {
        let items = all_pages(
            &app,
            &format!("/api/v1/complaints?municipality={municipality}&limit=200"),
        )
        .await;
        let statistics = get(
            &app,
            &format!("/api/v1/complaints/statistics?municipality={municipality}"),
        )
        .await;
        assert_eq!(statistics["total"], json!(items.len()), "{municipality}");
        listed += items.len();
        for item in items.iter().take(5) {
            let id = item["id"].as_str().unwrap();
            let detail = get(&app, &format!("/api/v1/complaints/{id}")).await;
            assert_eq!(detail["reference"], item["reference"]);
            let timeline = get(&app, &format!("/api/v1/complaints/{id}/timeline")).await;
            assert!(!timeline.to_string().is_empty());
        }
    }
    assert_eq!(listed, 300);
    // A period that starts and ends within a month: whole months and loose days together.
    let year = chrono::Utc::now().year();
    let range = format!("from={}-01-15&to={year}-06-10", year - 1);
    let items = all_pages(&app, &format!("/api/v1/complaints?{range}&limit=200")).await;
    let statistics = get(&app, &format!("/api/v1/complaints/statistics?{range}")).await;
    assert_eq!(statistics["total"], json!(items.len()));
    let mut per_month = std::collections::BTreeMap::<String, u64>::new();
    for item in &items {
        let received = item["receivedOn"].as_str().unwrap();
        *per_month.entry(received[..7].to_owned()).or_default() += 1;
    }
    for month in statistics["byMonth"].as_array().unwrap() {
        let key = month["month"].as_str().unwrap();
        let expected = per_month.get(key).copied().unwrap_or(0);
        // Counts of 1 and 2 may be shown as "<3"; every other count is exact.
        if expected >= 3 {
            assert_eq!(month["count"], json!(expected), "{key}");
        }
    }
    // Complaints closed before their retention period are seeded anonymised, in the ledger.
    let due = app
        .state
        .complaints()
        .apply_retention(RetentionPeriods::DEFAULT, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(due, vec![]);
    let ledger = retention::ledger(app.state.database.connection())
        .await
        .unwrap();
    assert!(!ledger.is_empty());
    for filter in [
        "status=closed",
        "status=in_treatment",
        "ground=skin_colour",
        "context=housing",
        "overdue=true",
        "from=2025-01-01&to=2025-12-31",
    ] {
        get(&app, &format!("/api/v1/complaints?{filter}")).await;
    }
}

#[actix_web::test]
async fn a_complaint_created_after_seeding_continues_the_references() {
    let app = seeded(200, 0, 0).await;
    // A second seed continues the counters too.
    seed(
        app.state.database.connection(),
        SeedPlan {
            complaints: 50,
            random_seed: 8,
            ..SeedPlan::default()
        },
        |_| {},
    )
    .await
    .unwrap();
    let year = chrono::Utc::now().year();
    let before = get(&app, "/api/v1/complaints?municipality=36008&limit=1").await;
    let body = json!({
        "kind": "report", "municipality": "36008", "channel": "web_form",
        "reporter": {"role": "anonymous"},
        "incident": {"occurredOn": "2026-11-02", "location": {"kind": "unknown"}, "context": "housing"},
        "grounds": ["skin_colour"], "conduct": ["direct_discrimination"],
        "description": "Refused a viewing after giving my name."
    });
    let created = app
        .send_as(
            &Credentials::admin(),
            json_request(TestRequest::post(), "/api/v1/complaints", &body),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    let reference = created.json()["reference"].as_str().unwrap().to_owned();
    assert!(
        reference.starts_with(&format!("MLD-{year}-")),
        "{reference}"
    );
    assert_ne!(
        before["items"][0]["reference"].as_str(),
        Some(reference.as_str())
    );
}

#[actix_web::test]
async fn seeded_incidents_and_applications_read_back() {
    let app = seeded(0, 80, 120).await;
    let incidents = all_pages(&app, "/api/v1/hate-crime-incidents?limit=200").await;
    assert_eq!(incidents.len(), 80);
    for incident in incidents.iter().take(5) {
        let id = incident["id"].as_str().unwrap();
        get(&app, &format!("/api/v1/hate-crime-incidents/{id}")).await;
    }
    // The overview's running totals, counted after seeding, agree with the incidents listed.
    let year = chrono::Utc::now().year();
    let overview = get(
        &app,
        &format!(
            "/api/v1/hate-crime-incidents/overview?municipalities=41002,41048&period={year}-H1"
        ),
    )
    .await;
    let in_half = |i: &&Value, y: i32, first_half: bool| {
        let day = i["occurredOn"].as_str().unwrap();
        ["41002", "41048"].contains(&i["municipality"].as_str().unwrap())
            && day.starts_with(&y.to_string())
            && (day[5..7] <= *"06") == first_half
    };
    let current = incidents.iter().filter(|i| in_half(i, year, true)).count();
    let previous = incidents
        .iter()
        .filter(|i| in_half(i, year - 1, false))
        .count();
    assert_eq!(
        overview["total"],
        json!({"count": current, "previous": previous})
    );
    let with_motivation = |code: &str| {
        incidents
            .iter()
            .filter(|i| in_half(i, year, true))
            .filter(|i| {
                i["biasMotivations"]
                    .as_array()
                    .unwrap()
                    .contains(&json!(code))
            })
            .count()
    };
    for total in overview["byBiasMotivation"].as_array().unwrap() {
        let code = total["biasMotivation"].as_str().unwrap();
        assert_eq!(total["count"], json!(with_motivation(code)), "{code}");
    }
    get(
        &app,
        &format!("/api/v1/hate-crime-incidents/odihr-summary?year={year}&municipality=41002"),
    )
    .await;

    let schemes = all_pages(&app, "/api/v1/subsidy-schemes?limit=200").await;
    assert!(schemes.len() >= 6);
    for scheme in &schemes {
        let id = scheme["id"].as_str().unwrap();
        let budget = get(&app, &format!("/api/v1/subsidy-schemes/{id}/budget")).await;
        assert!(budget["remainingCents"].as_i64().unwrap() >= 0, "{budget}");
        get(&app, &format!("/api/v1/subsidy-schemes/{id}/ranking")).await;
    }
    let applications = all_pages(&app, "/api/v1/subsidy-applications?limit=200").await;
    assert_eq!(applications.len(), 120);
    for application in applications.iter().take(10) {
        let id = application["id"].as_str().unwrap();
        get(&app, &format!("/api/v1/subsidy-applications/{id}")).await;
    }
    let awards = app.get("/api/v1/subsidy-awards").await;
    assert_eq!(awards.status, 200);
}

#[actix_web::test]
async fn ground_and_overdue_filters_in_one_municipality_page_through_exactly_the_matching_complaints()
 {
    let app = seeded(400, 0, 0).await;
    let everything = all_pages(&app, "/api/v1/complaints?municipality=36008&limit=200").await;
    let ids = |items: &[Value]| -> Vec<Value> { items.iter().map(|c| c["id"].clone()).collect() };
    let matching = |keep: &dyn Fn(&Value) -> bool| -> Vec<Value> {
        ids(&everything
            .iter()
            .filter(|c| keep(c))
            .cloned()
            .collect::<Vec<_>>())
    };
    // A handler of that one municipality sees the same complaints without the filter.
    let handler = Credentials::staff(&[Role::ComplaintHandler], &["36008"]);
    let mut checked = 0;
    for ground in ["skin_colour", "disability", "age", "religion_or_belief"] {
        let expected = matching(&|c| c["grounds"].as_array().unwrap().contains(&json!(ground)));
        checked += expected.len();
        // Small pages, so that the cursor carries the walk across several of them.
        let filtered = all_pages(
            &app,
            &format!("/api/v1/complaints?municipality=36008&ground={ground}&limit=3"),
        )
        .await;
        assert_eq!(ids(&filtered), expected, "{ground}");
        let scoped = all_pages_as(
            &app,
            &handler,
            &format!("/api/v1/complaints?ground={ground}&limit=4"),
        )
        .await;
        assert_eq!(ids(&scoped), expected, "{ground}, scoped");
        let closed = all_pages(
            &app,
            &format!("/api/v1/complaints?municipality=36008&ground={ground}&status=closed&limit=5"),
        )
        .await;
        let expected_closed = matching(&|c| {
            c["grounds"].as_array().unwrap().contains(&json!(ground)) && c["status"] == "closed"
        });
        assert_eq!(ids(&closed), expected_closed, "{ground}, closed");
    }
    assert!(
        checked > 20,
        "the seed gave too few complaints to check: {checked}"
    );
    // The overdue filter, tested on the keyset index's entries.
    let overdue = matching(&|c| c["overdue"] == true);
    assert!(!overdue.is_empty(), "the seed left nothing overdue");
    let filtered = all_pages(
        &app,
        "/api/v1/complaints?municipality=36008&overdue=true&limit=3",
    )
    .await;
    assert_eq!(ids(&filtered), overdue);
    let scoped = all_pages_as(&app, &handler, "/api/v1/complaints?overdue=true&limit=4").await;
    assert_eq!(ids(&scoped), overdue, "scoped");
}
