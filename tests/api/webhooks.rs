//! Webhooks: subscriptions, the outbox written with each change, signed delivery in order,
//! retries, redelivery, and exactly-once delivery by several workers.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::test::TestRequest;
use actix_web::web::{self, Bytes};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use samenleven_domain::model::webhook::AddressPolicy;
use samenleven_domain::reference::Role;
use samenleven_persistence::database::is_sqlite;
use samenleven_persistence::{Database, DatabaseOptions};
use samenleven_tests::{Credentials, TestApp, json_request, spawn_app};
use samenleven_webhooks::{DeliveryWorker, WorkerSettings};
use serde_json::{Value, json};
use sha2::Sha256;

const HOME: &str = "36008";
const AWAY: &str = "12025";

/// One request the receiver got, and what it answered.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: String,
    answered: u16,
}

/// A webhook receiver on the loopback interface: it logs every request and fails the first
/// `fail_first` of them (or all, while `fail_all` is set) with 503.
#[derive(Clone, Default)]
struct Receiver {
    log: Arc<Mutex<Vec<Received>>>,
    fail_first: Arc<AtomicUsize>,
    fail_all: Arc<AtomicBool>,
    /// Milliseconds it takes to answer.
    delay_ms: Arc<AtomicU64>,
}

impl Receiver {
    fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    /// The requests it accepted.
    fn accepted(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.answered < 300)
            .collect()
    }
}

async fn receive(req: HttpRequest, body: Bytes, receiver: web::Data<Receiver>) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let failing = receiver.fail_all.load(Ordering::SeqCst)
        || receiver
            .fail_first
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
    let delay = receiver.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        actix_web::rt::time::sleep(Duration::from_millis(delay)).await;
    }
    let answered = if failing { 503 } else { 204 };
    receiver.log.lock().unwrap().push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
        answered,
    });
    if failing {
        HttpResponse::ServiceUnavailable().finish()
    } else {
        HttpResponse::NoContent().finish()
    }
}

/// Starts `receiver` on 127.0.0.1 and returns its URL.
fn start(receiver: &Receiver) -> String {
    let data = web::Data::new(receiver.clone());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/hook", web::post().to(receive))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let port = server.addrs()[0].port();
    actix_web::rt::spawn(server.run());
    format!("http://127.0.0.1:{port}/hook")
}

/// Runs `worker` until `done` holds, for at most a few seconds.
async fn drive(worker: &DeliveryWorker, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        worker.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn fast_worker(app: &TestApp) -> DeliveryWorker {
    app.webhook_worker(Duration::from_millis(20))
}

/// Retries after 20 ms, and claims of two deliveries at a time, so that competing workers
/// race for the same ones.
fn racing_settings() -> WorkerSettings {
    WorkerSettings {
        retry_base: Duration::from_millis(20),
        poll_interval: Duration::from_millis(5),
        timeout: Duration::from_secs(5),
        batch: 2,
        ..WorkerSettings::new(AddressPolicy::Dev)
    }
}

fn racing_worker(database: &Database) -> DeliveryWorker {
    DeliveryWorker::new(database.connection().clone(), racing_settings()).unwrap()
}

/// Runs `worker` until `stop` is set, as the service's background task does.
async fn keep_working(worker: DeliveryWorker, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::SeqCst) {
        worker.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Verifies a Standard Webhooks signature with the secret shown at subscription.
fn signature_holds(secret: &str, received: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    received.signature == expected
}

async fn post(app: &TestApp, who: &Credentials, path: &str, body: Value) -> Value {
    let response = app
        .send_as(who, json_request(TestRequest::post(), path, &body))
        .await;
    assert!(
        response.status.is_success(),
        "POST {path}: {} {}",
        response.status,
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

/// Subscribes `url` to `events` of home; returns the subscription's id and secret.
async fn subscribe(app: &TestApp, url: &str, events: &[&str]) -> (String, String) {
    let body = post(
        app,
        &Credentials::admin(),
        "/api/v1/webhook-subscriptions",
        json!({"url": url, "events": events, "municipalities": [HOME]}),
    )
    .await;
    (
        body["id"].as_str().unwrap().to_owned(),
        body["secret"].as_str().unwrap().to_owned(),
    )
}

fn handler() -> Credentials {
    Credentials::staff(&[Role::ComplaintHandler], &[HOME])
}

fn complaint() -> Value {
    json!({
        "kind": "complaint", "municipality": HOME, "channel": "web_form",
        "reporter": {
            "role": "victim",
            "contact": {"name": "Samira Peeters", "email": "samira@example.org", "phone": "+32 51 33 73 00"},
            "consentToContact": true, "consentToShareWith": ["unia"]
        },
        "incident": {"occurredOn": "2026-11-02", "location": {"kind": "address", "text": "Grote Markt 1"},
                     "context": "goods_and_services"},
        "grounds": ["skin_colour"], "conduct": ["direct_discrimination"],
        "description": "Refused entry to a cafe because of my skin colour."
    })
}

/// Registers a complaint and acknowledges it; returns its id and reference.
async fn complaint_acknowledged(app: &TestApp) -> (String, String) {
    let created = post(app, &handler(), "/api/v1/complaints", complaint()).await;
    let id = created["id"].as_str().unwrap().to_owned();
    post(
        app,
        &handler(),
        &format!("/api/v1/complaints/{id}/transitions"),
        json!({"to": "acknowledged"}),
    )
    .await;
    (id, created["reference"].as_str().unwrap().to_owned())
}

async fn deliveries(app: &TestApp, subscription: &str) -> Vec<Value> {
    let response = app
        .send_as(
            &Credentials::admin(),
            TestRequest::get().uri(&format!(
                "/api/v1/webhook-subscriptions/{subscription}/deliveries"
            )),
        )
        .await;
    assert_eq!(response.status, 200);
    response.json()["items"].as_array().unwrap().clone()
}

#[actix_web::test]
async fn subscribers_receive_signed_events_in_order_without_personal_data() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let receiver = Receiver::default();
    let url = start(&receiver);
    let (subscription, secret) = subscribe(
        &app,
        &url,
        &["complaint.created", "complaint.status_changed"],
    )
    .await;
    assert!(secret.starts_with("whsec_"));
    assert_eq!(STANDARD.decode(&secret[6..]).unwrap().len(), 32);
    let (complaint, reference) = complaint_acknowledged(&app).await;

    let worker = fast_worker(&app);
    drive(&worker, "two deliveries", || receiver.accepted().len() == 2).await;

    let received = receiver.received();
    assert_eq!(received.len(), 2, "one attempt each: {received:?}");
    let now = chrono::Utc::now().timestamp();
    for request in &received {
        assert!(signature_holds(&secret, request), "{request:?}");
        assert!(request.id.starts_with("msg_"));
        let sent: i64 = request.timestamp.parse().unwrap();
        assert!((now - sent).abs() < 60);
        for personal in [
            "Samira",
            "samira@example.org",
            "+32 51 33 73 00",
            "Grote Markt",
            "cafe",
            "skin_colour",
            "contact",
            "description",
        ] {
            assert!(
                !request.body.contains(personal),
                "{personal} in {}",
                request.body
            );
        }
    }
    let bodies: Vec<Value> = received
        .iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(bodies[0]["type"], "complaint.created");
    assert_eq!(bodies[1]["type"], "complaint.status_changed");
    assert_eq!(
        bodies[0]["data"],
        json!({"id": complaint, "reference": reference, "municipality": HOME, "status": "received"})
    );
    assert_eq!(
        bodies[1]["data"],
        json!({"id": complaint, "reference": reference, "municipality": HOME,
               "status": "acknowledged", "previousStatus": "received"})
    );
    assert!(bodies[0]["timestamp"].as_str().is_some());

    // The delivery log, newest first.
    let log = deliveries(&app, &subscription).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["eventType"], "complaint.status_changed");
    assert_eq!(log[1]["eventType"], "complaint.created");
    for (entry, request) in log.iter().rev().zip(&received) {
        assert_eq!(entry["status"], "delivered");
        assert_eq!(entry["attempts"], 1);
        assert_eq!(entry["lastResponseStatus"], 204);
        assert_eq!(entry["webhookId"], request.id.as_str());
        assert_eq!(entry["recordId"], complaint.as_str());
        assert!(entry["deliveredAt"].as_str().is_some());
        assert!(entry["nextAttemptAt"].is_null());
    }

    // The secret is never shown again.
    let response = app
        .send_as(
            &Credentials::admin(),
            TestRequest::get().uri(&format!("/api/v1/webhook-subscriptions/{subscription}")),
        )
        .await;
    assert_eq!(response.status, 200);
    assert!(response.json().get("secret").is_none());
    assert!(!String::from_utf8_lossy(&response.body).contains(&secret[6..]));
}

#[actix_web::test]
async fn failed_attempts_are_retried_and_a_records_later_event_waits_for_its_earlier_one() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let receiver = Receiver::default();
    receiver.fail_first.store(2, Ordering::SeqCst);
    let url = start(&receiver);
    let (subscription, secret) = subscribe(
        &app,
        &url,
        &["complaint.created", "complaint.status_changed"],
    )
    .await;
    complaint_acknowledged(&app).await;

    let worker = fast_worker(&app);
    drive(&worker, "both events accepted", || {
        receiver.accepted().len() == 2
    })
    .await;

    let received = receiver.received();
    // created (503), created (503), created (204), status_changed (204): the status change
    // was not sent while the creation was still being retried.
    assert_eq!(
        received.iter().map(|r| r.answered).collect::<Vec<_>>(),
        [503, 503, 204, 204]
    );
    assert!(received[..3].iter().all(|r| r.id == received[0].id));
    assert_ne!(received[3].id, received[0].id);
    assert!(received.iter().all(|r| signature_holds(&secret, r)));
    let types: Vec<String> = received
        .iter()
        .map(|r| serde_json::from_str::<Value>(&r.body).unwrap()["type"].to_string())
        .collect();
    assert_eq!(types[2], "\"complaint.created\"");
    assert_eq!(types[3], "\"complaint.status_changed\"");

    let log = deliveries(&app, &subscription).await;
    assert_eq!(log[1]["attempts"], 3);
    assert_eq!(log[1]["status"], "delivered");
    assert_eq!(log[0]["attempts"], 1);
}

#[actix_web::test]
async fn a_delivery_fails_after_eight_attempts_and_a_redelivery_keeps_its_webhook_id() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let receiver = Receiver::default();
    receiver.fail_all.store(true, Ordering::SeqCst);
    let url = start(&receiver);
    let (subscription, secret) = subscribe(&app, &url, &["complaint.created"]).await;
    post(&app, &handler(), "/api/v1/complaints", complaint()).await;

    let worker = app.webhook_worker(Duration::from_millis(1));
    drive(&worker, "eight attempts", || receiver.received().len() == 8).await;
    // Give a ninth attempt every chance to happen: it must not.
    for _ in 0..20 {
        worker.run_once().await.unwrap();
    }
    assert_eq!(receiver.received().len(), 8);
    let log = deliveries(&app, &subscription).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["status"], "failed");
    assert_eq!(log[0]["attempts"], 8);
    assert_eq!(log[0]["lastResponseStatus"], 503);
    assert!(log[0]["nextAttemptAt"].is_null());
    let failed_id = log[0]["id"].as_str().unwrap().to_owned();
    let webhook_id = log[0]["webhookId"].as_str().unwrap().to_owned();

    receiver.fail_all.store(false, Ordering::SeqCst);
    let response = app
        .send_as(
            &Credentials::admin(),
            TestRequest::post().uri(&format!(
                "/api/v1/webhook-subscriptions/{subscription}/deliveries/{failed_id}/redeliver"
            )),
        )
        .await;
    assert_eq!(response.status, 202);
    let again = response.json();
    assert_eq!(again["webhookId"], webhook_id.as_str());
    assert_eq!(again["redeliveryOf"], failed_id.as_str());
    assert_eq!(again["status"], "pending");

    // While it is pending, it cannot be redelivered once more.
    let again_id = again["id"].as_str().unwrap();
    app.send_as(
        &Credentials::admin(),
        TestRequest::post().uri(&format!(
            "/api/v1/webhook-subscriptions/{subscription}/deliveries/{again_id}/redeliver"
        )),
    )
    .await
    .assert_problem(409, "conflict");

    drive(&worker, "the redelivery", || receiver.accepted().len() == 1).await;
    let accepted = &receiver.accepted()[0];
    assert_eq!(accepted.id, webhook_id);
    assert!(signature_holds(&secret, accepted));
    assert_eq!(accepted.body, receiver.received()[0].body);
    let log = deliveries(&app, &subscription).await;
    assert_eq!(log[0]["status"], "delivered");
    assert_eq!(log[1]["status"], "failed");

    // A delivery of another subscription, or none at all, is not found.
    let nobody = uuid::Uuid::now_v7();
    app.send_as(
        &Credentials::admin(),
        TestRequest::post().uri(&format!(
            "/api/v1/webhook-subscriptions/{subscription}/deliveries/{nobody}/redeliver"
        )),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn several_workers_on_one_database_deliver_each_event_exactly_once_and_in_order() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let receiver = Receiver::default();
    // Some failures and a slow answer, so that retries and claims interleave between the
    // workers.
    receiver.fail_first.store(3, Ordering::SeqCst);
    receiver.delay_ms.store(15, Ordering::SeqCst);
    let url = start(&receiver);
    let (_, secret) = subscribe(
        &app,
        &url,
        &["complaint.created", "complaint.status_changed"],
    )
    .await;
    let mut complaints = Vec::new();
    for _ in 0..6 {
        complaints.push(complaint_acknowledged(&app).await.0);
    }

    // Two workers in this process and, on PostgreSQL, two more instances of the service, each
    // with its own runtime and connection pool as another process would have (an in-memory
    // SQLite database has a single connection, which the workers here share).
    let stop = Arc::new(AtomicBool::new(false));
    let database = &app.state.database;
    let mut tasks = Vec::new();
    for _ in 0..2 {
        tasks.push(actix_web::rt::spawn(keep_working(
            racing_worker(database),
            stop.clone(),
        )));
    }
    let mut instances = Vec::new();
    if !is_sqlite(&app.database.url) {
        for _ in 0..2 {
            let url = app.database.url.clone();
            let stop = stop.clone();
            instances.push(std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    let database = Database::connect(&url, DatabaseOptions::single(4))
                        .await
                        .unwrap();
                    keep_working(racing_worker(&database), stop).await;
                    database.close().await.unwrap();
                });
            }));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    while receiver.accepted().len() < 12 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Let the workers look a while longer: nothing more may come.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.store(true, Ordering::SeqCst);
    for task in tasks {
        task.await.unwrap();
    }
    for instance in instances {
        instance.join().unwrap();
    }

    let accepted = receiver.accepted();
    assert_eq!(accepted.len(), 12, "{accepted:?}");
    let mut ids: Vec<&str> = accepted.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 12, "an event was accepted twice");
    assert!(accepted.iter().all(|r| signature_holds(&secret, r)));
    for complaint in &complaints {
        let types: Vec<String> = receiver
            .received()
            .iter()
            .map(|r| serde_json::from_str::<Value>(&r.body).unwrap())
            .filter(|b| b["data"]["id"] == complaint.as_str())
            .map(|b| b["type"].as_str().unwrap().to_owned())
            .collect();
        let first_change = types
            .iter()
            .position(|t| t == "complaint.status_changed")
            .unwrap();
        assert!(
            types[..first_change]
                .iter()
                .all(|t| t == "complaint.created"),
            "{types:?}"
        );
    }
}

#[actix_web::test]
async fn every_register_writes_its_events_with_the_change_and_only_when_it_commits() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    app.create_municipality(AWAY, "Mechelen").await;
    let all = [
        "complaint.created",
        "complaint.status_changed",
        "incident.created",
        "incident.status_changed",
        "consultation.created",
        "consultation.status_changed",
        "application.created",
        "application.status_changed",
    ];
    let (subscription, _) = subscribe(&app, "http://127.0.0.1:9/never", &all).await;
    let coordinator = Credentials::staff(&[Role::HateCrimeCoordinator], &[HOME, AWAY]);
    let incident = post(
        &app,
        &coordinator,
        "/api/v1/hate-crime-incidents",
        json!({"municipality": HOME, "occurredOn": "2026-05-02", "locationKind": "nightlife",
               "biasMotivations": ["anti_lgbti"], "crimeTypes": ["physical_assault"], "source": "ngo"}),
    )
    .await;
    let incident = incident["id"].as_str().unwrap();
    let response = app
        .send_as(
            &coordinator,
            json_request(
                TestRequest::patch(),
                &format!("/api/v1/hate-crime-incidents/{incident}"),
                &json!({"prosecutionStatus": "under_investigation"}),
            ),
        )
        .await;
    assert_eq!(response.status, 200);
    let consultation = post(
        &app,
        &coordinator,
        "/api/v1/consultations",
        json!({"municipalities": [HOME, AWAY], "period": "2026-H2",
               "scheduledAt": "2026-11-26T14:00:00Z", "location": "Stadhuis"}),
    )
    .await;
    let consultation = consultation["id"].as_str().unwrap();
    post(
        &app,
        &coordinator,
        &format!("/api/v1/consultations/{consultation}/transitions"),
        json!({"to": "cancelled"}),
    )
    .await;
    let officer = Credentials::staff(&[Role::SubsidyOfficer], &[HOME]);
    let now = chrono::Utc::now();
    let scheme = post(
        &app,
        &officer,
        "/api/v1/subsidy-schemes",
        json!({
            "municipality": HOME, "title": "Samenleven", "description": "Projects.",
            "legalBasis": "GR 2026/1", "fundingSource": "municipal",
            "eligibleApplicants": ["nonprofit_association"], "targetGroups": ["everyone"],
            "budgetCents": 1_000_000, "maxAwardCents": 100_000, "maxShareOfCostsPercent": 80,
            "opensAt": (now - chrono::Duration::days(1)).to_rfc3339(),
            "closesAt": (now + chrono::Duration::days(30)).to_rfc3339(),
            "criteria": [{"code": "reach", "description": "Reach", "weight": 1}]
        }),
    )
    .await;
    let application = post(
        &app,
        &officer,
        "/api/v1/subsidy-applications",
        json!({
            "schemeId": scheme["id"],
            "applicant": {"kind": "nonprofit_association", "name": "Vzw De Brug",
                          "enterpriseNumber": "0417.497.106", "contactName": "An Peeters",
                          "email": "an@debrug.example", "iban": "BE68539007547034"},
            "project": {"title": "Feest", "summary": "A party.", "targetGroups": ["everyone"],
                        "startsOn": "2027-05-01", "endsOn": "2027-05-02"},
            "budget": {"costLines": [{"label": "Tent", "amountCents": 100_000}], "incomeLines": []},
            "requestedCents": 50_000
        }),
    )
    .await;
    let application = application["id"].as_str().unwrap();
    post(
        &app,
        &officer,
        &format!("/api/v1/subsidy-applications/{application}/transitions"),
        json!({"to": "submitted"}),
    )
    .await;
    // A refused change writes nothing.
    let response = app
        .send_as(
            &officer,
            json_request(
                TestRequest::post(),
                &format!("/api/v1/subsidy-applications/{application}/transitions"),
                &json!({"to": "settled"}),
            ),
        )
        .await;
    assert_eq!(response.status, 409);

    let mut types: Vec<String> = deliveries(&app, &subscription)
        .await
        .iter()
        .map(|d| d["eventType"].as_str().unwrap().to_owned())
        .collect();
    types.reverse();
    assert_eq!(
        types,
        [
            "incident.created",
            "incident.status_changed",
            "consultation.created",
            "consultation.status_changed",
            "application.created",
            "application.status_changed",
        ]
    );
    let log = deliveries(&app, &subscription).await;
    assert!(
        log.iter()
            .all(|d| d["status"] == "pending" && d["attempts"] == 0)
    );
}

#[actix_web::test]
async fn events_go_only_to_active_subscriptions_of_the_records_municipality_and_type() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    app.create_municipality(AWAY, "Mechelen").await;
    let (home_created, _) = subscribe(&app, "http://127.0.0.1:9/a", &["complaint.created"]).await;
    let (home_changes, _) =
        subscribe(&app, "http://127.0.0.1:9/b", &["complaint.status_changed"]).await;
    let away = post(
        &app,
        &Credentials::admin(),
        "/api/v1/webhook-subscriptions",
        json!({"url": "http://127.0.0.1:9/c", "events": ["complaint.created"], "municipalities": [AWAY]}),
    )
    .await;
    let paused = post(
        &app,
        &Credentials::admin(),
        "/api/v1/webhook-subscriptions",
        json!({"url": "http://127.0.0.1:9/d", "events": ["complaint.created"], "municipalities": [HOME], "active": false}),
    )
    .await;
    assert_eq!(paused["active"], false);
    post(&app, &handler(), "/api/v1/complaints", complaint()).await;

    assert_eq!(deliveries(&app, &home_created).await.len(), 1);
    assert_eq!(deliveries(&app, &home_changes).await.len(), 0);
    assert_eq!(
        deliveries(&app, away["id"].as_str().unwrap()).await.len(),
        0
    );
    assert_eq!(
        deliveries(&app, paused["id"].as_str().unwrap()).await.len(),
        0
    );
}

#[actix_web::test]
async fn a_subscription_is_read_changed_paused_and_deleted_by_an_admin() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    app.create_municipality(AWAY, "Mechelen").await;
    let admin = Credentials::admin();
    // Without municipalities, an admin of every municipality subscribes to all of them.
    let created = post(
        &app,
        &admin,
        "/api/v1/webhook-subscriptions",
        json!({"url": "https://hooks.example.org/in", "events": ["incident.created"]}),
    )
    .await;
    assert_eq!(created["municipalities"], json!([AWAY, HOME]));
    assert_eq!(created["active"], true);
    let id = created["id"].as_str().unwrap();
    let path = format!("/api/v1/webhook-subscriptions/{id}");

    let response = app.send_as(&admin, TestRequest::get().uri(&path)).await;
    assert_eq!(response.status, 200);
    let etag = response.header("etag").unwrap().to_owned();
    let list = app
        .send_as(
            &admin,
            TestRequest::get().uri("/api/v1/webhook-subscriptions"),
        )
        .await;
    assert_eq!(list.json()["items"].as_array().unwrap().len(), 1);
    assert!(list.json()["items"][0].get("secret").is_none());
    // An admin of another municipality does not see it.
    let away_admin = Credentials::staff(&[Role::Admin], &["41011"]);
    let list = app
        .send_as(
            &away_admin,
            TestRequest::get().uri("/api/v1/webhook-subscriptions"),
        )
        .await;
    assert_eq!(list.json()["items"], json!([]));

    let response = app
        .send_as(
            &admin,
            json_request(
                TestRequest::patch(),
                &path,
                &json!({"active": false, "events": ["incident.created", "incident.status_changed"], "municipalities": [HOME]}),
            )
            .insert_header(("If-Match", etag.clone())),
        )
        .await;
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let changed = response.json();
    assert_eq!(changed["active"], false);
    assert_eq!(
        changed["events"],
        json!(["incident.created", "incident.status_changed"])
    );
    assert_eq!(changed["municipalities"], json!([HOME]));
    app.send_as(
        &admin,
        json_request(TestRequest::patch(), &path, &json!({"active": true}))
            .insert_header(("If-Match", etag)),
    )
    .await
    .assert_problem(412, "precondition_failed");
    let problem = app
        .send_as(
            &admin,
            json_request(TestRequest::patch(), &path, &json!({"url": null})),
        )
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/url");

    let response = app.send_as(&admin, TestRequest::delete().uri(&path)).await;
    assert_eq!(response.status, 204);
    app.send_as(&admin, TestRequest::get().uri(&path))
        .await
        .assert_problem(404, "not_found");
    app.send_as(&admin, TestRequest::delete().uri(&path))
        .await
        .assert_problem(404, "not_found");
    app.send_as(
        &admin,
        TestRequest::get().uri(&format!("{path}/deliveries")),
    )
    .await
    .assert_problem(404, "not_found");
}

/// POSTs a subscription as an admin and returns the 422 problem's errors.
async fn refused(app: &TestApp, body: Value) -> Vec<(String, String)> {
    let problem = app
        .send_as(
            &Credentials::admin(),
            json_request(TestRequest::post(), "/api/v1/webhook-subscriptions", &body),
        )
        .await
        .assert_problem(422, "validation_failed");
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pointers(errors: &[(String, String)]) -> Vec<&str> {
    errors.iter().map(|(p, _)| p.as_str()).collect()
}

#[actix_web::test]
async fn a_subscription_with_an_unknown_event_a_refused_url_or_municipality_is_422() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let url = "https://hooks.example.org/in";
    let errors = refused(
        &app,
        json!({"url": url, "events": ["complaint.created", "complaint.deleted"]}),
    )
    .await;
    assert_eq!(pointers(&errors), ["/events/1"]);
    assert!(
        errors[0].1.contains("complaint.status_changed"),
        "{errors:?}"
    );
    let errors = refused(&app, json!({"url": url, "events": []})).await;
    assert_eq!(pointers(&errors), ["/events"]);
    let errors = refused(&app, json!({"url": "ftp://127.0.0.1/", "events": []})).await;
    assert_eq!(pointers(&errors), ["/url", "/events"]);
    for bad in [
        "http://hooks.example.org/in",
        "not a url",
        "https://u:p@hooks.example.org/",
    ] {
        let errors = refused(&app, json!({"url": bad, "events": ["incident.created"]})).await;
        assert_eq!(pointers(&errors), ["/url"], "{bad}");
    }
    let errors = refused(
        &app,
        json!({"url": url, "events": ["incident.created"], "municipalities": ["99999"]}),
    )
    .await;
    assert_eq!(pointers(&errors), ["/municipalities/0"]);
    let errors = refused(
        &app,
        json!({"url": url, "events": ["incident.created"], "secret": "mine"}),
    )
    .await;
    assert_eq!(pointers(&errors), ["/secret"]);
    // An admin of another municipality may not subscribe to home's events.
    app.send_as(
        &Credentials::staff(&[Role::Admin], &[AWAY]),
        json_request(
            TestRequest::post(),
            "/api/v1/webhook-subscriptions",
            &json!({"url": url, "events": ["incident.created"], "municipalities": [HOME]}),
        ),
    )
    .await
    .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn production_refuses_plain_http_and_internal_addresses() {
    let mut app = spawn_app().await;
    app.state = app
        .state
        .clone()
        .with_webhook_policy(AddressPolicy::Production);
    app.create_municipality(HOME, "Izegem").await;
    for bad in [
        "http://127.0.0.1:9000/hook",
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.0.0.8/hook",
        "https://192.168.1.20/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[fd12:3456::1]/hook",
        "https://[fe80::1]/hook",
        "https://0.0.0.0/hook",
    ] {
        let errors = refused(&app, json!({"url": bad, "events": ["incident.created"]})).await;
        assert_eq!(pointers(&errors), ["/url"], "{bad}");
    }
    let created = post(
        &app,
        &Credentials::admin(),
        "/api/v1/webhook-subscriptions",
        json!({"url": "https://hooks.example.org/in", "events": ["incident.created"]}),
    )
    .await;
    assert_eq!(created["url"], "https://hooks.example.org/in");
}

#[actix_web::test]
async fn a_worker_in_production_refuses_to_deliver_to_an_internal_address() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let receiver = Receiver::default();
    let url = start(&receiver);
    // Accepted in dev mode, then served by a worker in production.
    let (subscription, _) = subscribe(&app, &url, &["complaint.created"]).await;
    post(&app, &handler(), "/api/v1/complaints", complaint()).await;
    let worker = DeliveryWorker::new(
        app.state.database.connection().clone(),
        WorkerSettings::new(AddressPolicy::Production),
    )
    .unwrap();
    assert_eq!(worker.run_once().await.unwrap(), 1);
    assert!(receiver.received().is_empty());
    let log = deliveries(&app, &subscription).await;
    assert_eq!(log[0]["status"], "failed");
    assert_eq!(log[0]["attempts"], 1);
    assert!(log[0]["lastResponseStatus"].is_null());
}

#[actix_web::test]
async fn an_admin_of_one_municipality_reads_but_does_not_change_a_subscription_of_two() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    app.create_municipality(AWAY, "Mechelen").await;
    let shared = post(
        &app,
        &Credentials::admin(),
        "/api/v1/webhook-subscriptions",
        json!({"url": "http://127.0.0.1:9/both", "events": ["complaint.created"], "municipalities": [HOME, AWAY]}),
    )
    .await;
    let path = format!(
        "/api/v1/webhook-subscriptions/{}",
        shared["id"].as_str().unwrap()
    );
    let home_admin = Credentials::staff(&[Role::Admin], &[HOME]);
    let response = app
        .send_as(&home_admin, TestRequest::get().uri(&path))
        .await;
    assert_eq!(response.status, 200);
    // Changing it, or reading its log, would reach the other municipality's events.
    app.send_as(
        &home_admin,
        json_request(
            TestRequest::patch(),
            &path,
            &json!({"url": "http://127.0.0.1:9/mine"}),
        ),
    )
    .await
    .assert_problem(403, "forbidden");
    app.send_as(
        &home_admin,
        TestRequest::get().uri(&format!("{path}/deliveries")),
    )
    .await
    .assert_problem(403, "forbidden");
    app.send_as(&home_admin, TestRequest::delete().uri(&path))
        .await
        .assert_problem(403, "forbidden");
    let response = app
        .send_as(&Credentials::admin(), TestRequest::get().uri(&path))
        .await;
    assert_eq!(response.json()["url"], "http://127.0.0.1:9/both");
}

#[actix_web::test]
async fn registrations_written_together_each_queue_their_event_for_every_subscription() {
    let app = spawn_app().await;
    app.create_municipality(HOME, "Izegem").await;
    let (first, _) = subscribe(&app, "https://hooks.example.org/a", &["complaint.created"]).await;
    let (second, _) = subscribe(&app, "https://hooks.example.org/b", &["complaint.created"]).await;
    // Sent at once, the registrations meet in the writer's batches.
    let who = handler();
    let created = futures_util::future::join_all(
        (0..24).map(|_| post(&app, &who, "/api/v1/complaints", complaint())),
    )
    .await;
    let mut ids: Vec<&str> = created.iter().map(|c| c["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    for subscription in [&first, &second] {
        let mut queued: Vec<String> = deliveries(&app, subscription)
            .await
            .iter()
            .inspect(|d| assert_eq!(d["eventType"], "complaint.created"))
            .map(|d| d["recordId"].as_str().unwrap().to_owned())
            .collect();
        queued.sort_unstable();
        assert_eq!(queued, ids, "one event a registration for {subscription}");
    }
}
