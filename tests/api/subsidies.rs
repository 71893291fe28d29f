//! The subsidy register: schemes, applications from draft to settlement, the budget under
//! concurrent approvals, reviews and the open-data awards.

use actix_web::test::TestRequest;
use chrono::{Duration, Utc};
use samenleven_domain::reference::Role;
use samenleven_tests::{Credentials, TestApp, TestResponse, json_request, send_to, spawn_app};
use serde_json::{Value, json};

const IZEGEM: &str = "36008";
const MECHELEN: &str = "12025";
const KBO: &str = "0417.497.106";
const IBAN: &str = "BE68 5390 0754 7034";

fn officer() -> Credentials {
    Credentials::staff(&[Role::SubsidyOfficer], &[IZEGEM])
}

fn scheme_body(overrides: Value) -> Value {
    let now = Utc::now();
    let mut body = json!({
        "municipality": IZEGEM,
        "title": "Projectsubsidies Samenleven",
        "description": "Projects that bring more diversity and equal opportunities.",
        "legalBasis": "Gemeenteraadsbesluit 2026/123",
        "fundingSource": "plan_samenleven",
        "eligibleApplicants": ["nonprofit_association", "citizen_initiative", "company"],
        "targetGroups": ["newcomers", "everyone"],
        "budgetCents": 1_000_000,
        "maxAwardCents": 200_000,
        "maxShareOfCostsPercent": 80,
        "opensAt": (now - Duration::days(1)).to_rfc3339(),
        "closesAt": (now + Duration::days(30)).to_rfc3339(),
        "criteria": [
            {"code": "reach", "description": "Reach of the target group", "weight": 3},
            {"code": "feasibility", "description": "Feasibility", "weight": 1}
        ]
    });
    for (k, v) in overrides.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn application_body(scheme: &str, overrides: Value) -> Value {
    let mut body = json!({
        "schemeId": scheme,
        "applicant": {
            "kind": "nonprofit_association", "name": "Vzw De Brug", "enterpriseNumber": KBO,
            "contactName": "An Peeters", "email": "an@debrug.example", "iban": IBAN
        },
        "project": {
            "title": "Buurtfeest", "summary": "A neighbourhood party for everyone.",
            "targetGroups": ["everyone"], "startsOn": "2027-05-01", "endsOn": "2027-06-30"
        },
        "budget": {
            "costLines": [{"label": "Tent", "amountCents": 300_000}],
            "incomeLines": [{"label": "Own means", "amountCents": 50_000}]
        },
        "requestedCents": 100_000
    });
    for (k, v) in overrides.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn setup() -> TestApp {
    let app = spawn_app().await;
    app.create_municipality(IZEGEM, "Izegem").await;
    app.create_municipality(MECHELEN, "Mechelen").await;
    app
}

fn ok(response: &TestResponse, status: u16) -> Value {
    assert_eq!(
        response.status.as_u16(),
        status,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

async fn post(app: &TestApp, who: &Credentials, path: &str, body: &Value) -> TestResponse {
    app.send_as(who, json_request(TestRequest::post(), path, body))
        .await
}

async fn get(app: &TestApp, who: &Credentials, path: &str) -> TestResponse {
    app.send_as(who, TestRequest::get().uri(path)).await
}

async fn scheme(app: &TestApp, overrides: Value) -> String {
    let response = post(
        app,
        &officer(),
        "/api/v1/subsidy-schemes",
        &scheme_body(overrides),
    )
    .await;
    ok(&response, 201)["id"].as_str().unwrap().to_owned()
}

async fn apply(app: &TestApp, who: &Credentials, scheme: &str, overrides: Value) -> TestResponse {
    post(
        app,
        who,
        "/api/v1/subsidy-applications",
        &application_body(scheme, overrides),
    )
    .await
}

async fn move_to(app: &TestApp, who: &Credentials, id: &str, body: Value) -> TestResponse {
    post(
        app,
        who,
        &format!("/api/v1/subsidy-applications/{id}/transitions"),
        &body,
    )
    .await
}

async fn partner(app: &TestApp) -> Credentials {
    let ngo = app.create_partner("ngo", &[IZEGEM]).await;
    let (_, key) = app
        .create_api_key(&ngo, &["subsidies:apply", "subsidies:read_own"])
        .await;
    Credentials::ApiKey(key)
}

/// An application by `who`, submitted and taken into review by an officer.
async fn in_review(app: &TestApp, who: &Credentials, scheme: &str, requested: i64) -> String {
    let created = ok(
        &apply(app, who, scheme, json!({"requestedCents": requested})).await,
        201,
    );
    let id = created["id"].as_str().unwrap().to_owned();
    ok(
        &move_to(app, who, &id, json!({"to": "submitted"})).await,
        200,
    );
    ok(
        &move_to(app, &officer(), &id, json!({"to": "in_review"})).await,
        200,
    );
    id
}

fn approval(awarded: i64) -> Value {
    json!({
        "to": "approved", "awardedCents": awarded, "decisionReference": "CBS-2026-041",
        "decidedOn": Utc::now().date_naive().to_string()
    })
}

#[actix_web::test]
async fn an_association_goes_from_draft_to_settlement_and_the_budget_is_exact() {
    let app = setup().await;
    let scheme = scheme(&app, json!({})).await;
    let ngo = partner(&app).await;

    let created = ok(&apply(&app, &ngo, &scheme, json!({})).await, 201);
    let year = Utc::now().format("%Y").to_string();
    assert_eq!(created["reference"], format!("SUB-{year}-000001"));
    assert_eq!(created["status"], "draft");
    assert_eq!(created["applicant"]["enterpriseNumber"], "0417497106");
    let id = created["id"].as_str().unwrap().to_owned();

    let changed = app
        .send_as(
            &ngo,
            json_request(
                TestRequest::patch(),
                &format!("/api/v1/subsidy-applications/{id}"),
                &json!({"requestedCents": 150_000}),
            ),
        )
        .await;
    assert_eq!(ok(&changed, 200)["requestedCents"], 150_000);

    ok(
        &move_to(&app, &ngo, &id, json!({"to": "submitted"})).await,
        200,
    );
    let officer = officer();
    ok(
        &move_to(&app, &officer, &id, json!({"to": "in_review"})).await,
        200,
    );
    let reviewer = Credentials::staff(&[Role::SubsidyReviewer], &[IZEGEM]);
    let review = json!({"scores": [{"criterion": "reach", "score": 8}, {"criterion": "feasibility", "score": 6}]});
    let path = format!("/api/v1/subsidy-applications/{id}/reviews");
    ok(&post(&app, &reviewer, &path, &review).await, 201);
    let review = json!({"scores": [{"criterion": "reach", "score": 10}, {"criterion": "feasibility", "score": 10}]});
    let replaced = ok(&post(&app, &reviewer, &path, &review).await, 201);
    assert_eq!(replaced["points"], 40);
    let reviews = ok(&get(&app, &officer, &path).await, 200);
    assert_eq!(
        reviews.as_array().unwrap().len(),
        1,
        "a second review replaces the first"
    );
    let ranking = ok(
        &get(
            &app,
            &reviewer,
            &format!("/api/v1/subsidy-schemes/{scheme}/ranking"),
        )
        .await,
        200,
    );
    assert_eq!(ranking[0]["applicationId"], id.as_str());
    assert_eq!(ranking[0]["averagePerMille"], 1000);

    let approved = ok(&move_to(&app, &officer, &id, approval(120_000)).await, 200);
    assert_eq!(approved["awardedCents"], 120_000);
    let paid = json!({"to": "advance_paid", "amountCents": 80_000});
    ok(&move_to(&app, &officer, &id, paid).await, 200);
    let report = json!({"to": "report_submitted", "report": {
        "summary": "The party took place.", "actualCostsCents": 290_000, "actualIncomeCents": 50_000}});
    ok(&move_to(&app, &ngo, &id, report).await, 200);
    let settled = json!({"to": "settled", "amountCents": 40_000});
    let settled = ok(&move_to(&app, &officer, &id, settled).await, 200);
    assert_eq!(settled["status"], "settled");
    assert_eq!(settled["paidCents"], 120_000);

    let budget = ok(
        &get(
            &app,
            &officer,
            &format!("/api/v1/subsidy-schemes/{scheme}/budget"),
        )
        .await,
        200,
    );
    assert_eq!(
        budget,
        json!({"budgetCents": 1_000_000, "awardedCents": 120_000, "paidCents": 120_000, "remainingCents": 880_000})
    );
    let timeline = ok(
        &get(
            &app,
            &officer,
            &format!("/api/v1/subsidy-applications/{id}/timeline"),
        )
        .await,
        200,
    );
    // created, changed, and six transitions.
    assert_eq!(timeline.as_array().unwrap().len(), 8);
}

#[actix_web::test]
async fn each_application_rule_has_its_own_422() {
    let app = setup().await;
    let scheme = scheme(
        &app,
        json!({"eligibleApplicants": ["nonprofit_association", "citizen_initiative"]}),
    )
    .await;
    let ngo = partner(&app).await;
    let applicant = |overrides: Value| {
        let mut a = application_body("", json!({}))["applicant"].clone();
        for (k, v) in overrides.as_object().unwrap() {
            a[k] = v.clone();
        }
        a
    };
    let cases = [
        (
            json!({"applicant": applicant(json!({"enterpriseNumber": "0417.497.107"}))}),
            "/applicant/enterpriseNumber",
        ),
        (
            json!({"applicant": applicant(json!({"enterpriseNumber": null}))}),
            "/applicant/enterpriseNumber",
        ),
        (
            json!({"applicant": applicant(json!({"kind": "citizen_initiative"}))}),
            "/applicant/enterpriseNumber",
        ),
        (
            json!({"applicant": applicant(json!({"iban": "BE68 5390 0754 7035"}))}),
            "/applicant/iban",
        ),
        (
            json!({"applicant": applicant(json!({"kind": "company"}))}),
            "/applicant/kind",
        ),
        (json!({"requestedCents": 250_000}), "/requestedCents"),
        (json!({"requestedCents": 0}), "/requestedCents"),
        (
            json!({"budget": {"costLines": [{"label": "Tent", "amountCents": 100_000}], "incomeLines": []}, "requestedCents": 90_000}),
            "/requestedCents",
        ),
        (
            json!({"budget": {"costLines": [{"label": "Tent", "amountCents": 300_000}], "incomeLines": [{"label": "Sponsor", "amountCents": 250_000}]}}),
            "/requestedCents",
        ),
    ];
    for (overrides, pointer) in cases {
        let response = apply(&app, &ngo, &scheme, overrides.clone()).await;
        let problem = response.assert_problem(422, "validation_failed");
        let pointers: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["pointer"].as_str())
            .collect();
        assert!(pointers.contains(&pointer), "{overrides}: {problem}");
    }
}

#[actix_web::test]
async fn an_illegal_transition_is_409_with_the_allowed_ones() {
    let app = setup().await;
    let scheme = scheme(&app, json!({})).await;
    let officer = officer();
    let created = ok(&apply(&app, &officer, &scheme, json!({})).await, 201);
    let id = created["id"].as_str().unwrap();
    let response = move_to(&app, &officer, id, approval(100_000)).await;
    let problem = response.assert_problem(409, "illegal_transition");
    assert_eq!(
        problem["allowedTransitions"],
        json!(["submitted", "withdrawn"])
    );
    // The officer who entered it at the counter makes the applicant's transitions.
    ok(
        &move_to(&app, &officer, id, json!({"to": "submitted"})).await,
        200,
    );
    let another = Credentials::staff(&[Role::SubsidyOfficer], &[IZEGEM]);
    let response = move_to(&app, &another, id, json!({"to": "withdrawn"})).await;
    response.assert_problem(403, "forbidden");
    ok(
        &move_to(&app, &another, id, json!({"to": "in_review"})).await,
        200,
    );
    // The list holds the applicant's transitions too, whoever asks.
    let problem = move_to(&app, &another, id, json!({"to": "settled"}))
        .await
        .assert_problem(409, "illegal_transition");
    let mut allowed: Vec<_> = problem["allowedTransitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    allowed.sort();
    assert_eq!(
        allowed,
        ["approved", "needs_information", "rejected", "withdrawn"]
    );
    let response = move_to(&app, &another, id, json!({"to": "rejected"})).await;
    response.assert_problem(422, "validation_failed");
    let response = move_to(&app, &another, id, approval(100_001)).await;
    response.assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn concurrent_approvals_never_exceed_the_budget() {
    let app = setup().await;
    let n = 3;
    let award = 100_000;
    let scheme = scheme(
        &app,
        json!({"budgetCents": award * n, "maxAwardCents": award}),
    )
    .await;
    let officer = officer();
    let mut ids = Vec::new();
    for _ in 0..3 * n {
        ids.push(in_review(&app, &officer, &scheme, award).await);
    }
    // Half of the approvals go through a second instance with its own pool (on PostgreSQL),
    // as from a second process.
    let second = app.second_instance().await;
    let responses = futures_util::future::join_all(ids.iter().enumerate().map(|(i, id)| {
        let request = officer.apply(json_request(
            TestRequest::post(),
            &format!("/api/v1/subsidy-applications/{id}/transitions"),
            &approval(award),
        ));
        let state = if i % 2 == 0 { &app.state } else { &second };
        send_to(state, request)
    }))
    .await;
    let approved = responses.iter().filter(|r| r.status == 200).count();
    assert_eq!(approved, usize::try_from(n).unwrap());
    for refused in responses.iter().filter(|r| r.status != 200) {
        let problem = refused.assert_problem(409, "conflict");
        assert_eq!(problem["remainingCents"], 0);
    }
    let budget = ok(
        &get(
            &app,
            &officer,
            &format!("/api/v1/subsidy-schemes/{scheme}/budget"),
        )
        .await,
        200,
    );
    assert_eq!(budget["awardedCents"], award * n);
    assert_eq!(budget["remainingCents"], 0);
}

#[actix_web::test]
async fn a_partial_award_leaves_the_remaining_budget_in_the_conflict() {
    let app = setup().await;
    let scheme = scheme(
        &app,
        json!({"budgetCents": 150_000, "maxAwardCents": 100_000}),
    )
    .await;
    let officer = officer();
    let first = in_review(&app, &officer, &scheme, 100_000).await;
    let second = in_review(&app, &officer, &scheme, 100_000).await;
    ok(
        &move_to(&app, &officer, &first, approval(100_000)).await,
        200,
    );
    let problem = move_to(&app, &officer, &second, approval(60_000))
        .await
        .assert_problem(409, "conflict");
    assert_eq!(problem["remainingCents"], 50_000);
    ok(
        &move_to(&app, &officer, &second, approval(50_000)).await,
        200,
    );
}

#[actix_web::test]
async fn the_budget_and_criteria_are_locked_after_the_first_submission() {
    let app = setup().await;
    let scheme = scheme(&app, json!({})).await;
    let officer = officer();
    let path = format!("/api/v1/subsidy-schemes/{scheme}");
    let patch = |body: Value| json_request(TestRequest::patch(), &path, &body);
    ok(
        &app.send_as(&officer, patch(json!({"budgetCents": 2_000_000})))
            .await,
        200,
    );
    in_review(&app, &officer, &scheme, 100_000).await;
    app.send_as(&officer, patch(json!({"budgetCents": 3_000_000})))
        .await
        .assert_problem(409, "conflict");
    app.send_as(
        &officer,
        patch(json!({"criteria": [{"code": "reach", "description": "Reach", "weight": 1}]})),
    )
    .await
    .assert_problem(409, "conflict");
    let renamed = ok(
        &app.send_as(&officer, patch(json!({"title": "Renamed"})))
            .await,
        200,
    );
    assert_eq!(renamed["title"], "Renamed");
    assert_eq!(renamed["budgetCents"], 2_000_000);
}

#[actix_web::test]
async fn the_public_sees_only_open_schemes_without_the_budget() {
    let app = setup().await;
    let open = scheme(&app, json!({})).await;
    let later = Utc::now() + Duration::days(60);
    let closed = scheme(
        &app,
        json!({"opensAt": later.to_rfc3339(), "closesAt": (later + Duration::days(1)).to_rfc3339()}),
    )
    .await;
    let public = ok(&app.get("/api/v1/subsidy-schemes").await, 200);
    let items = public["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], open.as_str());
    assert!(items[0].get("budgetCents").is_none());
    ok(
        &app.get(&format!("/api/v1/subsidy-schemes/{open}")).await,
        200,
    );
    app.get(&format!("/api/v1/subsidy-schemes/{closed}"))
        .await
        .assert_problem(404, "not_found");
    let full = ok(&get(&app, &officer(), "/api/v1/subsidy-schemes").await, 200);
    assert_eq!(full["items"].as_array().unwrap().len(), 2);
    assert_eq!(full["items"][0]["budgetCents"], 1_000_000);
}

#[actix_web::test]
async fn a_partner_reads_only_its_own_applications() {
    let app = setup().await;
    let scheme = scheme(&app, json!({})).await;
    let (first, second) = (partner(&app).await, partner(&app).await);
    let created = ok(&apply(&app, &first, &scheme, json!({})).await, 201);
    let id = created["id"].as_str().unwrap();
    let path = format!("/api/v1/subsidy-applications/{id}");
    ok(&get(&app, &first, &path).await, 200);
    get(&app, &second, &path)
        .await
        .assert_problem(404, "not_found");
    move_to(&app, &second, id, json!({"to": "submitted"}))
        .await
        .assert_problem(404, "not_found");
    let list = ok(
        &get(&app, &second, "/api/v1/subsidy-applications").await,
        200,
    );
    assert!(list["items"].as_array().unwrap().is_empty());
    let list = ok(
        &get(&app, &first, "/api/v1/subsidy-applications?status=draft").await,
        200,
    );
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn the_open_data_never_names_a_citizen_initiative() {
    let app = setup().await;
    let scheme = scheme(&app, json!({})).await;
    let officer = officer();
    let association = in_review(&app, &officer, &scheme, 100_050).await;
    let citizen = ok(
        &apply(
            &app,
            &officer,
            &scheme,
            json!({"applicant": {"kind": "citizen_initiative", "name": "Jan \"Buurt\" Janssens",
                   "contactName": "Jan Janssens", "email": "jan@example.org", "iban": IBAN}}),
        )
        .await,
        201,
    );
    let citizen = citizen["id"].as_str().unwrap().to_owned();
    ok(
        &move_to(&app, &officer, &citizen, json!({"to": "submitted"})).await,
        200,
    );
    ok(
        &move_to(&app, &officer, &citizen, json!({"to": "in_review"})).await,
        200,
    );
    ok(
        &move_to(&app, &officer, &association, approval(100_050)).await,
        200,
    );
    ok(
        &move_to(&app, &officer, &citizen, approval(50_000)).await,
        200,
    );

    let grants = ok(&app.get("/api/v1/subsidy-awards").await, 200);
    let grants = grants["grants"].as_array().unwrap().clone();
    assert_eq!(grants.len(), 2);
    assert_eq!(grants[0]["currency"], "EUR");
    assert_eq!(grants[0]["amountAwarded"], 1000.5);
    assert_eq!(
        grants[0]["recipientOrganization"][0],
        json!({"id": "BE-BCE_KBO-0417497106", "name": "Vzw De Brug"})
    );
    assert_eq!(
        grants[0]["fundingOrganization"][0],
        json!({"id": "BE-NIS-36008", "name": "Izegem"})
    );
    assert_eq!(grants[1]["recipientOrganization"][0], json!({}));
    let text = serde_json::to_string(&grants).unwrap();
    assert!(!text.contains("Janssens"));

    for request in [
        TestRequest::get().uri("/api/v1/subsidy-awards?format=csv"),
        TestRequest::get()
            .uri("/api/v1/subsidy-awards")
            .insert_header(("Accept", "text/csv")),
    ] {
        let response = app.send(request).await;
        assert_eq!(response.status, 200);
        assert!(
            response
                .header("content-type")
                .unwrap()
                .starts_with("text/csv")
        );
        let csv = String::from_utf8(response.body.to_vec()).unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert!(csv.contains("1000.50"), "{csv}");
        assert!(csv.contains("Vzw De Brug"));
        assert!(!csv.contains("Janssens"), "{csv}");
    }
}

#[actix_web::test]
async fn a_stale_if_match_is_412_and_a_fresh_one_passes() {
    let app = setup().await;
    let scheme = scheme(&app, json!({})).await;
    let officer = officer();
    let created = apply(&app, &officer, &scheme, json!({})).await;
    let etag = created.header("etag").unwrap().to_owned();
    let id = ok(&created, 201)["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/subsidy-applications/{id}");
    let read = get(&app, &officer, &path).await;
    assert_eq!(read.header("etag"), Some(etag.as_str()));
    let patched = app
        .send_as(
            &officer,
            json_request(
                TestRequest::patch(),
                &path,
                &json!({"requestedCents": 90_000}),
            )
            .insert_header(("If-Match", etag.clone())),
        )
        .await;
    let fresh = patched.header("etag").unwrap().to_owned();
    assert_ne!(fresh, etag);
    ok(&patched, 200);
    // The first ETag is stale now, for a change and for a transition alike.
    app.send_as(
        &officer,
        json_request(
            TestRequest::patch(),
            &path,
            &json!({"requestedCents": 80_000}),
        )
        .insert_header(("If-Match", etag.clone())),
    )
    .await
    .assert_problem(412, "precondition_failed");
    app.send_as(
        &officer,
        json_request(
            TestRequest::post(),
            &format!("{path}/transitions"),
            &json!({"to": "submitted"}),
        )
        .insert_header(("If-Match", etag)),
    )
    .await
    .assert_problem(412, "precondition_failed");
    let stored = ok(&get(&app, &officer, &path).await, 200);
    assert_eq!(
        (stored["requestedCents"].as_i64(), stored["status"].as_str()),
        (Some(90_000), Some("draft"))
    );
    let submitted = app
        .send_as(
            &officer,
            json_request(
                TestRequest::post(),
                &format!("{path}/transitions"),
                &json!({"to": "submitted"}),
            )
            .insert_header(("If-Match", fresh)),
        )
        .await;
    assert_eq!(ok(&submitted, 200)["status"], "submitted");
}
