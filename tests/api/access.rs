//! Who may call what: the route × caller matrix, token attacks, API-key lifecycle, rate limits.

use std::num::NonZeroU32;

use actix_web::test::TestRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use samenleven_domain::model::api_key::{ApiKeySecret, NewApiKey};
use samenleven_domain::ports::ApiKeyRepository;
use samenleven_domain::reference::{Role, Scope};
use samenleven_http::auth::TokenVerifier;
use samenleven_http::ratelimit::RateLimitSettings;
use samenleven_persistence::repo::api_key::ApiKeyStore;
use samenleven_tests::{
    Credentials, JWT_AUDIENCE, JWT_ISSUER, JWT_SECRET, TestApp, claims, json_request, spawn_app,
    spawn_app_with,
};
use serde_json::{Value, json};

const HOME: &str = "36008";
const AWAY: &str = "12025";
const ALL_SCOPES: &[&str] = &[
    "complaints:submit",
    "complaints:read_own",
    "incidents:submit",
    "incidents:read",
    "consultations:read",
    "subsidies:apply",
    "subsidies:read_own",
];

/// The callers of the matrix, one column each.
const CALLERS: &[&str] = &[
    "anonymous",
    "admin *",
    "admin home",
    "admin away",
    "complaint_handler home",
    "hate_crime_coordinator home",
    "subsidy_officer home",
    "subsidy_reviewer home",
    "analyst home",
    "partner home (every scope)",
    "partner away (every scope)",
];

/// The records a matrix row may name: `{home}`, `{away}`, `{partner}` (a partner of home),
/// `{key}` (one of its keys), `{fresh}` (an unused NIS code).
struct Fixture {
    partner: String,
    key: String,
    complaint: String,
    tracking: String,
    incident: String,
    consultation: String,
    participant: String,
    item: String,
    scheme: String,
    application: String,
    subscription: String,
    delivery: String,
    callers: Vec<Credentials>,
}

async fn fixture(app: &TestApp) -> Fixture {
    app.create_municipality(HOME, "Izegem").await;
    app.create_municipality(AWAY, "Mechelen").await;
    let partner = app.create_partner("ngo", &[HOME]).await;
    let (key, _) = app.create_api_key(&partner, &["complaints:submit"]).await;
    let (_, home_key) = app.create_api_key(&partner, ALL_SCOPES).await;
    let away_partner = app.create_partner("police", &[AWAY]).await;
    let (_, away_key) = app.create_api_key(&away_partner, ALL_SCOPES).await;
    // A webhook subscription of home: the complaint below queues a delivery for it (to a port
    // where nothing listens; no worker runs, so it stays pending).
    let response = app
        .send_as(
            &Credentials::admin(),
            json_request(
                TestRequest::post(),
                "/api/v1/webhook-subscriptions",
                &json!({"url": "http://127.0.0.1:9/hook", "events": ["complaint.created"], "municipalities": [HOME]}),
            ),
        )
        .await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let subscription = response.json()["id"].as_str().unwrap().to_owned();
    let callers = vec![
        Credentials::None,
        Credentials::admin(),
        Credentials::staff(&[Role::Admin], &[HOME]),
        Credentials::staff(&[Role::Admin], &[AWAY]),
        Credentials::staff(&[Role::ComplaintHandler], &[HOME]),
        Credentials::staff(&[Role::HateCrimeCoordinator], &[HOME]),
        Credentials::staff(&[Role::SubsidyOfficer], &[HOME]),
        Credentials::staff(&[Role::SubsidyReviewer], &[HOME]),
        Credentials::staff(&[Role::Analyst], &[HOME]),
        Credentials::ApiKey(home_key),
        Credentials::ApiKey(away_key),
    ];
    // A complaint the home partner submitted.
    let response = app
        .send_as(
            &callers[9],
            json_request(TestRequest::post(), "/api/v1/complaints", &complaint()),
        )
        .await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let created = response.json();
    let response = app
        .send_as(
            &callers[1],
            json_request(
                TestRequest::post(),
                "/api/v1/hate-crime-incidents",
                &incident(),
            ),
        )
        .await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let incident = response.json()["id"].as_str().unwrap().to_owned();
    // A planned consultation of home, with the home partner as a participant and one item.
    let response = app
        .send_as(
            &callers[1],
            json_request(
                TestRequest::post(),
                "/api/v1/consultations",
                &consultation(),
            ),
        )
        .await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let consultation = response.json()["id"].as_str().unwrap().to_owned();
    let response = app
        .send_as(
            &callers[1],
            json_request(
                TestRequest::post(),
                &format!("/api/v1/consultations/{consultation}/participants"),
                &json!({"organisation": "Home partner", "kind": "target_group_association", "partnerId": partner}),
            ),
        )
        .await;
    let participant = response.json()["id"].as_str().unwrap().to_owned();
    let response = app
        .send_as(
            &callers[1],
            json_request(
                TestRequest::post(),
                &format!("/api/v1/consultations/{consultation}/action-items"),
                &json!({"description": "Follow up", "ownerOrganisation": "City", "dueOn": "2026-12-31"}),
            ),
        )
        .await;
    let item = response.json()["id"].as_str().unwrap().to_owned();
    let (scheme, application) = subsidy_fixture(app, &callers).await;
    let response = app
        .send_as(
            &callers[1],
            TestRequest::get().uri(&format!(
                "/api/v1/webhook-subscriptions/{subscription}/deliveries"
            )),
        )
        .await;
    let delivery = response.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Fixture {
        subscription,
        delivery,
        scheme,
        application,
        consultation,
        participant,
        item,
        incident,
        partner,
        key,
        complaint: created["id"].as_str().unwrap().to_owned(),
        tracking: created["trackingCode"].as_str().unwrap().to_owned(),
        callers,
    }
}

/// An open subsidy scheme of home (by its officer) and a draft application to it by the home
/// partner.
async fn subsidy_fixture(app: &TestApp, callers: &[Credentials]) -> (String, String) {
    let response = app
        .send_as(
            &callers[6],
            json_request(TestRequest::post(), "/api/v1/subsidy-schemes", &scheme()),
        )
        .await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let scheme = response.json()["id"].as_str().unwrap().to_owned();
    let body = application().to_string().replace("{scheme}", &scheme);
    let response = app
        .send_as(
            &callers[9],
            json_request(
                TestRequest::post(),
                "/api/v1/subsidy-applications",
                &serde_json::from_str(&body).unwrap(),
            ),
        )
        .await;
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    (scheme, response.json()["id"].as_str().unwrap().to_owned())
}

fn scheme() -> Value {
    let now = chrono::Utc::now();
    json!({
        "municipality": HOME, "title": "Samenleven", "description": "Projects.",
        "legalBasis": "GR 2026/1", "fundingSource": "municipal",
        "eligibleApplicants": ["nonprofit_association"], "targetGroups": ["everyone"],
        "budgetCents": 1_000_000, "maxAwardCents": 100_000, "maxShareOfCostsPercent": 80,
        "opensAt": (now - chrono::Duration::days(1)).to_rfc3339(),
        "closesAt": (now + chrono::Duration::days(30)).to_rfc3339(),
        "criteria": [{"code": "reach", "description": "Reach", "weight": 1}]
    })
}

fn application() -> Value {
    json!({
        "schemeId": "{scheme}",
        "applicant": {"kind": "nonprofit_association", "name": "Vzw", "enterpriseNumber": "0417.497.106",
                      "contactName": "An", "email": "an@vzw.example", "iban": "BE68539007547034"},
        "project": {"title": "Feest", "summary": "A party.", "targetGroups": ["everyone"],
                    "startsOn": "2027-05-01", "endsOn": "2027-05-02"},
        "budget": {"costLines": [{"label": "Tent", "amountCents": 100_000}], "incomeLines": []},
        "requestedCents": 50_000
    })
}

fn consultation() -> Value {
    json!({"municipalities": [HOME], "period": "2026-H2", "scheduledAt": "2026-11-26T14:00:00Z", "location": "Stadhuis"})
}

fn incident() -> Value {
    json!({
        "municipality": HOME, "occurredOn": "2026-05-02", "locationKind": "nightlife",
        "biasMotivations": ["anti_lgbti"], "crimeTypes": ["physical_assault"], "source": "ngo"
    })
}

fn complaint() -> Value {
    json!({
        "kind": "complaint", "municipality": HOME, "channel": "phone",
        "reporter": {"role": "witness"},
        "incident": {"occurredOn": "2026-10-01", "location": {"kind": "online"}, "context": "online"},
        "grounds": ["sexual_orientation"], "conduct": ["hate_speech"],
        "description": "Insults under a post of the city's youth service."
    })
}

/// One route of the matrix: method, path, body, and the status each caller of [`CALLERS`] gets.
struct Row(&'static str, &'static str, Option<Value>, [u16; 11]);

#[rustfmt::skip]
/// Every route that needs credentials, with the exact status per caller. Adding a route is
/// one line here.
fn matrix() -> Vec<Row> {
    vec![
        //                                                                                          anon adm* admH admA hndl coor offi revw anly pH   pA
        Row("GET", "/api/v1/municipalities", None, [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403]),
        Row("POST", "/api/v1/municipalities", Some(json!({"nisCode": "{fresh}", "name": "Nieuw"})), [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/municipalities/{home}", None, [401, 200, 200, 404, 200, 200, 200, 200, 200, 403, 403]),
        Row("PATCH", "/api/v1/municipalities/{home}", Some(json!({"resolveDays": 40})), [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/partners", None, [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/partners", Some(json!({"name": "Vzw", "kind": "ngo", "municipalities": ["{home}"]})), [401, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/partners/{partner}", None, [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("PATCH", "/api/v1/partners/{partner}", Some(json!({"name": "Renamed"})), [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/partners/{partner}/api-keys", None, [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/partners/{partner}/api-keys", Some(json!({"scopes": ["incidents:read"]})), [401, 201, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("DELETE", "/api/v1/partners/{partner}/api-keys/{key}", None, [401, 204, 204, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/webhook-subscriptions", None, [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/webhook-subscriptions", Some(json!({"url": "http://127.0.0.1:9/new", "events": ["incident.created"], "municipalities": ["{home}"]})), [401, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/webhook-subscriptions/{subscription}", None, [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("PATCH", "/api/v1/webhook-subscriptions/{subscription}", Some(json!({"active": true})), [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/webhook-subscriptions/{subscription}/deliveries", None, [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        // The delivery is still pending, so an allowed caller gets 409: authorisation came first.
        Row("POST", "/api/v1/webhook-subscriptions/{subscription}/deliveries/{delivery}/redeliver", None, [401, 409, 409, 404, 403, 403, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/complaints", Some(complaint()), [401, 201, 201, 403, 201, 403, 403, 403, 403, 201, 403]),
        Row("GET", "/api/v1/complaints", None, [401, 200, 200, 200, 200, 403, 403, 403, 403, 200, 200]),
        Row("GET", "/api/v1/complaints/statistics", None, [401, 200, 200, 200, 200, 403, 403, 403, 200, 403, 403]),
        Row("GET", "/api/v1/complaints/{complaint}", None, [401, 200, 200, 404, 200, 403, 403, 403, 403, 200, 404]),
        Row("PATCH", "/api/v1/complaints/{complaint}", Some(json!({"possibleHateCrime": true})), [401, 200, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
        // Always illegal, so an allowed caller gets 409: authorisation came first.
        Row("POST", "/api/v1/complaints/{complaint}/transitions", Some(json!({"to": "received"})), [401, 409, 409, 404, 409, 403, 403, 403, 403, 403, 403]),
        Row("PUT", "/api/v1/complaints/{complaint}/assignment", Some(json!({"handler": "an"})), [401, 200, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
        Row("DELETE", "/api/v1/complaints/{complaint}/assignment", None, [401, 200, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/complaints/{complaint}/notes", None, [401, 200, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/complaints/{complaint}/notes", Some(json!({"text": "Called back."})), [401, 201, 201, 404, 201, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/complaints/{complaint}/messages", None, [401, 200, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/complaints/{complaint}/messages", Some(json!({"text": "Which post?"})), [401, 201, 201, 404, 201, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/complaints/{complaint}/timeline", None, [401, 200, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/complaints/{complaint}/access-log", None, [401, 200, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
        // The first allowed caller escalates; the complaint is then escalated already (409).
        Row("POST", "/api/v1/complaints/{complaint}/escalations", Some(json!({"biasMotivations": ["anti_lgbti"], "crimeTypes": ["hate_speech"], "locationKind": "online"})), [401, 201, 409, 404, 409, 403, 403, 403, 403, 403, 403]),
        // Public: the tracking code is the credential; other credentials change nothing.
        Row("GET", "/api/v1/complaint-status/{tracking}", None, [200; 11]),
        Row("POST", "/api/v1/complaint-status/{tracking}/messages", Some(json!({"text": "The post of 3 October."})), [201; 11]),
        Row("POST", "/api/v1/hate-crime-incidents", Some(incident()), [401, 201, 201, 403, 403, 201, 403, 403, 403, 201, 403]),
        Row("GET", "/api/v1/hate-crime-incidents", None, [401, 200, 200, 200, 403, 200, 403, 403, 403, 200, 200]),
        Row("GET", "/api/v1/hate-crime-incidents/{incident}", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 200, 404]),
        Row("PATCH", "/api/v1/hate-crime-incidents/{incident}", Some(json!({"district": "Centrum"})), [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/hate-crime-incidents/{incident}/timeline", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/hate-crime-incidents/odihr-summary?year=2026", None, [401, 200, 200, 200, 403, 200, 403, 403, 200, 200, 200]),
        Row("GET", "/api/v1/hate-crime-incidents/overview?period=2026-H1", None, [401, 200, 200, 200, 403, 200, 403, 403, 200, 200, 200]),
        Row("POST", "/api/v1/consultations", Some(consultation()), [401, 201, 201, 403, 403, 201, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/consultations", None, [401, 200, 200, 200, 403, 200, 403, 403, 403, 200, 200]),
        Row("GET", "/api/v1/consultations/cadence?municipality={home}", None, [401, 200, 200, 403, 403, 200, 403, 403, 200, 403, 403]),
        Row("GET", "/api/v1/consultations/{consultation}", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 200, 404]),
        Row("PATCH", "/api/v1/consultations/{consultation}", Some(json!({"location": "Stadhuis"})), [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/consultations/{consultation}/transitions", Some(json!({"to": "minutes_approved"})), [401, 409, 409, 404, 403, 409, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/consultations/{consultation}/timeline", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/consultations/{consultation}/participants", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/consultations/{consultation}/participants", Some(json!({"organisation": "Parket", "kind": "prosecutor"})), [401, 201, 201, 404, 403, 201, 403, 403, 403, 403, 403]),
        Row("PATCH", "/api/v1/consultations/{consultation}/participants/{participant}", Some(json!({"present": true})), [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("PUT", "/api/v1/consultations/{consultation}/minutes", Some(json!({"text": "Minutes"})), [401, 409, 409, 404, 403, 409, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/consultations/{consultation}/action-items", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/consultations/{consultation}/action-items", Some(json!({"description": "Do", "ownerOrganisation": "Stad", "dueOn": "2026-12-31"})), [401, 201, 201, 404, 403, 201, 403, 403, 403, 403, 403]),
        Row("PATCH", "/api/v1/consultations/{consultation}/action-items/{item}", Some(json!({"status": "in_progress"})), [401, 200, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
        Row("GET", "/api/v1/consultations/{consultation}/agenda", None, [401, 200, 200, 404, 403, 200, 403, 403, 403, 200, 404]),
        // The first allowed caller removes the participant; after that it is gone (404).
        Row("DELETE", "/api/v1/consultations/{consultation}/participants/{participant}", None, [401, 204, 404, 404, 403, 404, 403, 403, 403, 403, 403]),
        Row("POST", "/api/v1/subsidy-schemes", Some(scheme()), [401, 201, 201, 403, 403, 403, 201, 403, 403, 403, 403]),
        // Public for open schemes: every caller reads them (officers in full).
        Row("GET", "/api/v1/subsidy-schemes", None, [200; 11]),
        Row("GET", "/api/v1/subsidy-schemes/{scheme}", None, [200; 11]),
        Row("PATCH", "/api/v1/subsidy-schemes/{scheme}", Some(json!({"title": "Renamed"})), [401, 200, 200, 404, 403, 403, 200, 403, 403, 403, 403]),
        Row("GET", "/api/v1/subsidy-schemes/{scheme}/budget", None, [401, 200, 200, 404, 403, 403, 200, 403, 200, 403, 403]),
        Row("GET", "/api/v1/subsidy-schemes/{scheme}/ranking", None, [401, 200, 200, 404, 403, 403, 200, 200, 403, 403, 403]),
        Row("POST", "/api/v1/subsidy-applications", Some(application()), [401, 201, 201, 403, 403, 403, 201, 403, 403, 201, 403]),
        Row("GET", "/api/v1/subsidy-applications", None, [401, 200, 200, 200, 403, 403, 200, 200, 403, 200, 200]),
        Row("GET", "/api/v1/subsidy-applications/{application}", None, [401, 200, 200, 404, 403, 403, 200, 200, 403, 200, 404]),
        Row("PATCH", "/api/v1/subsidy-applications/{application}", Some(json!({"requestedCents": 40_000})), [401, 200, 200, 404, 403, 403, 200, 403, 403, 200, 404]),
        // Never allowed from a draft, so an allowed caller gets 409.
        Row("POST", "/api/v1/subsidy-applications/{application}/transitions", Some(json!({"to": "settled"})), [401, 409, 409, 404, 403, 403, 409, 403, 403, 409, 404]),
        Row("GET", "/api/v1/subsidy-applications/{application}/reviews", None, [401, 200, 200, 404, 403, 403, 200, 200, 403, 403, 403]),
        Row("POST", "/api/v1/subsidy-applications/{application}/reviews", Some(json!({"scores": [{"criterion": "reach", "score": 7}]})), [401, 201, 201, 404, 403, 403, 403, 201, 403, 403, 403]),
        Row("GET", "/api/v1/subsidy-applications/{application}/timeline", None, [401, 200, 200, 404, 403, 403, 200, 403, 403, 403, 403]),
        Row("GET", "/api/v1/subsidy-awards", None, [200; 11]),
        // The first allowed caller deletes the subscription; after that it is gone (404).
        Row("DELETE", "/api/v1/webhook-subscriptions/{subscription}", None, [401, 204, 404, 404, 403, 403, 403, 403, 403, 403, 403]),
        // Erasure last: it removes the notes and messages the rows above read.
        Row("POST", "/api/v1/complaints/{complaint}/erasure", None, [401, 204, 204, 404, 403, 403, 403, 403, 403, 403, 403]),
    ]
}

fn fill(text: &str, fixture: &Fixture, fresh: &str) -> String {
    text.replace("{home}", HOME)
        .replace("{away}", AWAY)
        .replace("{partner}", &fixture.partner)
        .replace("{key}", &fixture.key)
        .replace("{fresh}", fresh)
        .replace("{complaint}", &fixture.complaint)
        .replace("{tracking}", &fixture.tracking)
        .replace("{incident}", &fixture.incident)
        .replace("{consultation}", &fixture.consultation)
        .replace("{participant}", &fixture.participant)
        .replace("{item}", &fixture.item)
        .replace("{scheme}", &fixture.scheme)
        .replace("{application}", &fixture.application)
        .replace("{subscription}", &fixture.subscription)
        .replace("{delivery}", &fixture.delivery)
}

#[actix_web::test]
async fn every_route_answers_each_caller_exactly_as_the_access_rules_say() {
    let app = spawn_app().await;
    let fixture = fixture(&app).await;
    let mut fresh = 20000;
    let mut failures = Vec::new();
    for Row(method, path, body, expected) in matrix() {
        for ((caller, credentials), want) in CALLERS.iter().zip(&fixture.callers).zip(expected) {
            fresh += 1;
            let fresh = fresh.to_string();
            let path = fill(path, &fixture, &fresh);
            let request = match method {
                "GET" => TestRequest::get(),
                "POST" => TestRequest::post(),
                "PATCH" => TestRequest::patch(),
                "PUT" => TestRequest::put(),
                _ => TestRequest::delete(),
            };
            let request = match &body {
                Some(body) => {
                    let body: Value =
                        serde_json::from_str(&fill(&body.to_string(), &fixture, &fresh)).unwrap();
                    json_request(request, &path, &body)
                }
                None => request.uri(&path),
            };
            let response = app.send_as(credentials, request).await;
            if response.status.as_u16() != want {
                failures.push(format!(
                    "{method} {path} as {caller}: {} (want {want}) {}",
                    response.status.as_u16(),
                    String::from_utf8_lossy(&response.body)
                ));
            } else if want >= 400 {
                let code = match want {
                    401 => "unauthenticated",
                    403 => "forbidden",
                    // A state conflict, after authorisation passed.
                    409 => response.json()["code"].as_str().map_or("conflict", |c| {
                        if c == "illegal_transition" {
                            "illegal_transition"
                        } else {
                            "conflict"
                        }
                    }),
                    _ => "not_found",
                };
                response.assert_problem(want, code);
                if want == 401 {
                    assert!(
                        response
                            .header("www-authenticate")
                            .is_some_and(|h| h.starts_with("Bearer"))
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn bearer(token: &str) -> Credentials {
    Credentials::Bearer(token.to_owned())
}

fn hs256(claims: &Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

async fn assert_rejected(app: &TestApp, credentials: &Credentials, reason: &str) {
    let response = app
        .send_as(
            credentials,
            TestRequest::get().uri("/api/v1/municipalities"),
        )
        .await;
    let problem = response.assert_problem(401, "unauthenticated");
    assert!(
        response
            .header("www-authenticate")
            .is_some_and(|h| h.contains("Bearer")),
        "{reason}: WWW-Authenticate"
    );
    assert!(problem["detail"].as_str().is_some(), "{reason}");
}

#[actix_web::test]
async fn forged_expired_and_misdirected_tokens_are_401() {
    let app = spawn_app().await;
    let now = chrono::Utc::now().timestamp();
    let valid = hs256(&claims(json!({})), JWT_SECRET.as_bytes());
    let ok = app
        .send_as(
            &bearer(&valid),
            TestRequest::get().uri("/api/v1/municipalities"),
        )
        .await;
    assert_eq!(ok.status, 200);

    let cases = [
        (
            "wrong signature",
            hs256(&claims(json!({})), b"another-secret-of-thirty-two-bytes!!"),
        ),
        (
            "expired",
            hs256(&claims(json!({"exp": now - 3600})), JWT_SECRET.as_bytes()),
        ),
        (
            "not yet valid",
            hs256(&claims(json!({"nbf": now + 3600})), JWT_SECRET.as_bytes()),
        ),
        (
            "wrong issuer",
            hs256(
                &claims(json!({"iss": "someone-else"})),
                JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "wrong audience",
            hs256(
                &claims(json!({"aud": "another-api"})),
                JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "no exp",
            hs256(
                &{
                    let mut c = claims(json!({}));
                    c.as_object_mut().unwrap().remove("exp");
                    c
                },
                JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "bad municipalities",
            hs256(
                &claims(json!({"municipalities": ["Izegem"]})),
                JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "unknown role",
            hs256(
                &claims(json!({"roles": ["superuser"]})),
                JWT_SECRET.as_bytes(),
            ),
        ),
        ("garbage", "not.a.token".to_owned()),
        ("empty", String::new()),
    ];
    for (reason, token) in cases {
        assert_rejected(&app, &bearer(&token), reason).await;
    }

    // alg: none, with the payload of a valid token and no signature.
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims(json!({})).to_string());
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert_rejected(&app, &bearer(&token), "alg none").await;
    }
    // Another scheme, or the token without its scheme.
    for authorization in [format!("Basic {valid}"), valid.clone(), "Bearer".to_owned()] {
        let response = app
            .send(
                TestRequest::get()
                    .uri("/api/v1/municipalities")
                    .insert_header(("Authorization", authorization)),
            )
            .await;
        response.assert_problem(401, "unauthenticated");
    }
}

#[actix_web::test]
async fn an_hs256_token_signed_with_the_rsa_public_key_is_refused() {
    let pem = include_bytes!("../fixtures/rsa-public.pem");
    let verifier = TokenVerifier::from_public_key_pem(pem, JWT_ISSUER, JWT_AUDIENCE).unwrap();
    let app = spawn_app_with(verifier, RateLimitSettings::UNLIMITED).await;
    let confused = hs256(&claims(json!({})), pem);
    assert_rejected(&app, &bearer(&confused), "HS/RS confusion").await;
    let hs_with_test_secret = hs256(&claims(json!({})), JWT_SECRET.as_bytes());
    assert_rejected(&app, &bearer(&hs_with_test_secret), "HS256 against RS256").await;
}

#[actix_web::test]
async fn sending_a_token_and_a_key_at_once_is_401() {
    let app = spawn_app().await;
    let request = Credentials::admin()
        .apply(TestRequest::get().uri("/api/v1/municipalities"))
        .insert_header(("X-API-Key", "slk_000000000000_0"));
    app.send(request)
        .await
        .assert_problem(401, "unauthenticated");
}

/// A route a partner key passes authentication on: it is forbidden there (403), which tells
/// a working key (403) from a refused one (401).
async fn key_status(app: &TestApp, key: &str) -> u16 {
    app.send_as(
        &Credentials::ApiKey(key.to_owned()),
        TestRequest::get().uri("/api/v1/municipalities"),
    )
    .await
    .status
    .as_u16()
}

#[actix_web::test]
async fn revoked_expired_unknown_and_deactivated_partners_keys_are_401() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let partner = app.create_partner("police", &[HOME]).await;
    let (key_id, key) = app.create_api_key(&partner, &["incidents:submit"]).await;
    assert_eq!(key_status(&app, &key).await, 403);

    // A key of the right shape that was never issued, and one with a wrong secret.
    let unknown = ApiKeySecret::from_random([7; 6], [9; 32]);
    assert_eq!(key_status(&app, unknown.expose()).await, 401);
    let tampered = format!("{}0", &key[..key.len() - 1]);
    let tampered = if tampered == key {
        format!("{}1", &key[..key.len() - 1])
    } else {
        tampered
    };
    assert_eq!(key_status(&app, &tampered).await, 401);
    assert_eq!(key_status(&app, "garbage").await, 401);

    // An expired key (stored directly: the API only accepts future expiries).
    let store = ApiKeyStore::new(app.state.database.connection().clone());
    let expired = ApiKeySecret::from_random([1; 6], [2; 32]);
    let new_key = NewApiKey {
        label: None,
        scopes: [Scope::IncidentsSubmit].into(),
        expires_at: Some(chrono::Utc::now() - chrono::Duration::minutes(1)),
    };
    store
        .insert(partner.parse().unwrap(), new_key, &expired)
        .await
        .unwrap();
    let response = app
        .send_as(
            &Credentials::ApiKey(expired.expose().to_owned()),
            TestRequest::get().uri("/api/v1/municipalities"),
        )
        .await;
    let problem = response.assert_problem(401, "unauthenticated");
    assert!(problem["detail"].as_str().unwrap().contains("expired"));

    // Deactivating the partner stops its keys at once; reactivating brings them back.
    let patch = |active: bool| {
        json_request(
            TestRequest::patch(),
            &format!("/api/v1/partners/{partner}"),
            &json!({"active": active}),
        )
    };
    assert_eq!(
        app.send_as(&Credentials::admin(), patch(false))
            .await
            .status,
        200
    );
    assert_eq!(key_status(&app, &key).await, 401);
    assert_eq!(
        app.send_as(&Credentials::admin(), patch(true)).await.status,
        200
    );
    assert_eq!(key_status(&app, &key).await, 403);

    // Revoking stops it for good.
    let revoke =
        TestRequest::delete().uri(&format!("/api/v1/partners/{partner}/api-keys/{key_id}"));
    assert_eq!(app.send_as(&Credentials::admin(), revoke).await.status, 204);
    let response = app
        .send_as(
            &Credentials::ApiKey(key.clone()),
            TestRequest::get().uri("/api/v1/municipalities"),
        )
        .await;
    let problem = response.assert_problem(401, "unauthenticated");
    assert!(problem["detail"].as_str().unwrap().contains("revoked"));
    let list = app
        .send_as(
            &Credentials::admin(),
            TestRequest::get().uri(&format!("/api/v1/partners/{partner}/api-keys")),
        )
        .await
        .json();
    let revoked = list
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == key_id.as_str())
        .unwrap();
    assert_eq!(revoked["status"], "revoked");
    assert!(revoked["revokedAt"].is_string());
}

#[actix_web::test]
async fn a_key_is_shown_once_stored_as_a_hash_and_its_last_use_recorded() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let partner = app.create_partner("unia", &[HOME]).await;
    let response = app
        .send_as(
            &Credentials::admin(),
            json_request(TestRequest::post(), &format!("/api/v1/partners/{partner}/api-keys"),
                &json!({"scopes": ["incidents:read", "incidents:submit"], "label": "registratiesysteem"})),
        )
        .await;
    assert_eq!(response.status, 201);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let created = response.json();
    let key = created["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("slk_") && key.len() == 81, "{key}");
    assert!(key.starts_with(created["prefix"].as_str().unwrap()));
    assert_eq!(
        created["scopes"],
        json!(["incidents:submit", "incidents:read"])
    );
    assert_eq!(created["status"], "active");
    assert!(created["lastUsedAt"].is_null());

    key_status(&app, &key).await;
    let secret_part = &key[17..];
    for path in [
        format!("/api/v1/partners/{partner}/api-keys"),
        format!("/api/v1/partners/{partner}"),
    ] {
        let body = app
            .send_as(&Credentials::admin(), TestRequest::get().uri(&path))
            .await;
        assert!(
            !String::from_utf8_lossy(&body.body).contains(secret_part),
            "{path} leaks the key"
        );
    }
    let listed = app
        .send_as(
            &Credentials::admin(),
            TestRequest::get().uri(&format!("/api/v1/partners/{partner}/api-keys")),
        )
        .await
        .json();
    assert!(listed[0]["lastUsedAt"].is_string(), "{listed}");
    assert!(listed[0].get("key").is_none());

    let store = ApiKeyStore::new(app.state.database.connection().clone());
    let (_, hash, _) = store.find_by_prefix(&key[..16]).await.unwrap().unwrap();
    assert_eq!(hash, ApiKeySecret::parse(&key).unwrap().hash());
    assert_ne!(hash, key.as_bytes());
}

#[actix_web::test]
async fn an_api_key_request_is_checked() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let partner = app.create_partner("ngo", &[HOME]).await;
    let path = format!("/api/v1/partners/{partner}/api-keys");
    for (body, pointer) in [
        (json!({"scopes": []}), "/scopes"),
        (json!({"scopes": ["complaints:delete"]}), "/scopes/0"),
        (
            json!({"scopes": ["incidents:read"], "expiresAt": "2020-01-01T00:00:00Z"}),
            "/expiresAt",
        ),
        (
            json!({"scopes": ["incidents:read"], "secret": "mine"}),
            "/secret",
        ),
    ] {
        let problem = app
            .send_as(
                &Credentials::admin(),
                json_request(TestRequest::post(), &path, &body),
            )
            .await
            .assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
    }
    let unknown = format!("/api/v1/partners/{}/api-keys", uuid::Uuid::now_v7());
    app.send_as(
        &Credentials::admin(),
        json_request(
            TestRequest::post(),
            &unknown,
            &json!({"scopes": ["incidents:read"]}),
        ),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn secrets_never_reach_the_log() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // One global subscriber for the whole test binary: a thread-local one would miss events
    // whose call sites another test thread registered first.
    static BUFFER: std::sync::OnceLock<Buffer> = std::sync::OnceLock::new();
    let buffer = BUFFER
        .get_or_init(|| {
            let buffer = Buffer::default();
            let writer = buffer.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::INFO)
                .with_writer(move || writer.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber)
                .expect("the only global subscriber");
            buffer
        })
        .clone();

    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let partner = app.create_partner("ngo", &[HOME]).await;
    let (_, key) = app.create_api_key(&partner, &["complaints:submit"]).await;
    key_status(&app, &key).await;
    let Credentials::Bearer(token) = Credentials::admin() else {
        unreachable!()
    };
    app.send_as(&bearer(&token), TestRequest::get().uri("/api/v1/partners"))
        .await;

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("API key issued"),
        "the log was captured: {log}"
    );
    assert!(
        !log.contains(&key[17..]),
        "the API key secret is in the log"
    );
    assert!(!log.contains(&token), "the bearer token is in the log");
}

#[actix_web::test]
async fn a_partner_over_its_rate_limit_gets_429_with_retry_after() {
    let limits = RateLimitSettings {
        api_key_per_minute: NonZeroU32::new(3).unwrap(),
        anonymous_per_minute: NonZeroU32::new(2).unwrap(),
        public_status_per_minute: NonZeroU32::new(1).unwrap(),
    };
    let tokens = samenleven_tests::test_tokens();
    let app = spawn_app_with(tokens, limits).await;
    app.create_municipality(HOME, "Izegem").await;
    let partner = app.create_partner("ngo", &[HOME]).await;
    let (_, key) = app.create_api_key(&partner, &["complaints:submit"]).await;
    for _ in 0..3 {
        assert_eq!(key_status(&app, &key).await, 403);
    }
    let response = app
        .send_as(
            &Credentials::ApiKey(key),
            TestRequest::get().uri("/api/v1/municipalities"),
        )
        .await;
    response.assert_problem(429, "too_many_requests");
    let retry: u64 = response.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");

    // Without credentials, per client address.
    let anonymous = || {
        TestRequest::get()
            .uri("/api/v1/reference")
            .peer_addr("192.0.2.7:4000".parse().unwrap())
    };
    assert_eq!(app.send(anonymous()).await.status, 200);
    assert_eq!(app.send(anonymous()).await.status, 200);
    app.send(anonymous())
        .await
        .assert_problem(429, "too_many_requests");
    let elsewhere = TestRequest::get()
        .uri("/api/v1/reference")
        .peer_addr("192.0.2.8:4000".parse().unwrap());
    assert_eq!(app.send(elsewhere).await.status, 200);
    // The tracking-code routes have their own, stricter limit per address.
    let status = || {
        TestRequest::get()
            .uri(&format!("/api/v1/complaint-status/trk_{}", "0".repeat(64)))
            .peer_addr("192.0.2.9:4000".parse().unwrap())
    };
    app.send(status()).await.assert_problem(404, "not_found");
    let limited = app.send(status()).await;
    limited.assert_problem(429, "too_many_requests");
    assert!(limited.header("retry-after").is_some());
    // Staff and the probes are not limited here.
    for _ in 0..5 {
        assert_eq!(
            app.send_as(
                &Credentials::admin(),
                TestRequest::get().uri("/api/v1/municipalities")
            )
            .await
            .status,
            200
        );
        assert_eq!(
            app.send(
                TestRequest::get()
                    .uri("/health/live")
                    .peer_addr("192.0.2.7:4000".parse().unwrap())
            )
            .await
            .status,
            200
        );
    }
}
