//! The limits against abuse and the behaviour when the database is away: a configured body
//! limit, a request deadline, a slow client, a closed pool, and a PostgreSQL outage.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use actix_web::test::TestRequest;
use samenleven_http::AppState;
use samenleven_http::limits::{self, RequestLimits};
use samenleven_http::ratelimit::RateLimitSettings;
use samenleven_persistence::{Database, DatabaseOptions};
use samenleven_tests::{
    Credentials, PSEUDONYM_KEY, TEST_DATABASE_URL, TestApp, TestResponse, json_request, spawn_app,
};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

fn with_limits(app: TestApp, limits: RequestLimits) -> TestApp {
    TestApp {
        state: app.state.with_request_limits(limits),
        database: app.database,
    }
}

async fn municipalities(app: &TestApp) -> TestResponse {
    app.send_as(
        &Credentials::admin(),
        TestRequest::get().uri("/api/v1/municipalities"),
    )
    .await
}

fn assert_unavailable(response: &TestResponse) {
    response.assert_problem(503, "service_unavailable");
    assert_eq!(response.header("retry-after"), Some("5"));
}

#[actix_web::test]
async fn the_body_limit_is_configurable() {
    let app = with_limits(
        spawn_app().await,
        RequestLimits {
            max_body_bytes: 2048,
            ..RequestLimits::default()
        },
    );
    let body = json!({"nisCode": "36008", "name": "x".repeat(4000)});
    let problem = app
        .send_as(
            &Credentials::admin(),
            json_request(TestRequest::post(), "/api/v1/municipalities", &body),
        )
        .await
        .assert_problem(413, "payload_too_large");
    assert!(problem["detail"].as_str().unwrap().contains("2048 bytes"));
}

#[actix_web::test]
async fn a_request_over_its_deadline_is_stopped_with_a_503() {
    let app = with_limits(
        spawn_app().await,
        RequestLimits {
            request_timeout: Duration::from_millis(300),
            ..RequestLimits::default()
        },
    );
    // Another transaction holds what the request needs: the only connection of the in-memory
    // SQLite pool, or on PostgreSQL a lock on the table.
    use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};
    let db = app.state.database.connection();
    let blocker = db.begin().await.unwrap();
    if db.get_database_backend() == DatabaseBackend::Postgres {
        blocker
            .execute_unprepared("LOCK TABLE municipalities IN ACCESS EXCLUSIVE MODE")
            .await
            .unwrap();
    }
    let started = Instant::now();
    let response = municipalities(&app).await;
    let problem = response.assert_problem(503, "service_unavailable");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("longer than 300 ms")
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    // A route that needs no database is served meanwhile.
    assert_eq!(app.get("/health/live").await.status, 200);
    blocker.rollback().await.unwrap();
    assert_eq!(municipalities(&app).await.status, 200);
}

#[actix_web::test]
async fn a_closed_pool_answers_503_problems_and_not_ready() {
    let app = spawn_app().await;
    assert_eq!(municipalities(&app).await.status, 200);
    app.state.database.clone().close().await.unwrap();
    assert_unavailable(&municipalities(&app).await);
    let created = app
        .send_as(
            &Credentials::admin(),
            json_request(
                TestRequest::post(),
                "/api/v1/municipalities",
                &json!({"nisCode": "36008", "name": "Izegem"}),
            ),
        )
        .await;
    assert_unavailable(&created);
    // A complaint's read, made and logged in one batch, fails as a 503 too (not a 404).
    let handler = Credentials::staff(
        &[samenleven_domain::reference::Role::ComplaintHandler],
        &["36008"],
    );
    let read = app
        .send_as(
            &handler,
            TestRequest::get().uri(&format!("/api/v1/complaints/{}", uuid::Uuid::now_v7())),
        )
        .await;
    assert_unavailable(&read);
    app.get("/health/ready")
        .await
        .assert_problem(503, "service_unavailable");
}

/// Sends `head` on a new connection and reads until the server closes it or `wait` passes.
fn exchange(address: std::net::SocketAddr, head: &str, wait: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

#[actix_web::test]
async fn a_slow_client_is_cut_off_and_holds_no_worker() {
    let app = with_limits(
        spawn_app().await,
        RequestLimits {
            client_timeout: Duration::from_secs(1),
            ..RequestLimits::default()
        },
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = limits::serve(app.state.clone(), listener).unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    // Half a request head, then silence.
    let slow = tokio::task::spawn_blocking(move || {
        exchange(
            address,
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\n",
            Duration::from_secs(10),
        )
    });
    // Meanwhile others are served.
    let quick = tokio::task::spawn_blocking(move || {
        exchange(
            address,
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            Duration::from_secs(10),
        )
    });
    let (quick, _) = quick.await.unwrap();
    assert!(quick.starts_with("HTTP/1.1 200"), "{quick}");
    let (slow, took) = slow.await.unwrap();
    assert!(
        slow.is_empty() || slow.starts_with("HTTP/1.1 408"),
        "{slow}"
    );
    assert!(
        took < Duration::from_secs(5),
        "the slow connection was held for {took:?}"
    );
    handle.stop(false).await;
}

/// A TCP proxy in front of PostgreSQL that can be switched off: off, it cuts every open
/// connection and drops new ones at once, as a database that went away.
struct Outage {
    address: std::net::SocketAddr,
    up: Arc<AtomicBool>,
    cut: watch::Sender<u64>,
}

impl Outage {
    async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let (cut, _) = watch::channel(0);
        let (gate, cuts) = (up.clone(), cut.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !gate.load(Ordering::SeqCst) {
                    continue;
                }
                let upstream = upstream.clone();
                let mut cutting = cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cutting.changed() => {}
                    }
                });
            }
        });
        Self { address, up, cut }
    }

    fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.cut.send_modify(|n| *n += 1);
    }

    fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// `url` with its host and port replaced by `address`.
fn through(url: &str, address: std::net::SocketAddr) -> (String, String) {
    let start = url
        .find('@')
        .map_or_else(|| url.find("://").unwrap() + 3, |at| at + 1);
    let end = start + url[start..].find('/').unwrap();
    (
        format!("{}{address}{}", &url[..start], &url[end..]),
        url[start..end].to_owned(),
    )
}

#[actix_web::test]
async fn a_postgresql_outage_is_503_and_the_service_recovers_by_itself() {
    if std::env::var(TEST_DATABASE_URL).is_err() {
        eprintln!(
            "a PostgreSQL outage needs {TEST_DATABASE_URL}; this SQLite pass checks the closed pool instead"
        );
        return;
    }
    let app = spawn_app().await;
    app.create_municipality("36008", "Izegem").await;
    let (_, upstream) = through(&app.database.url, "127.0.0.1:1".parse().unwrap());
    let outage = Outage::start(upstream).await;
    let (proxied_url, _) = through(&app.database.url, outage.address);
    let proxied = Database::connect(
        &proxied_url,
        DatabaseOptions {
            acquire_timeout: Duration::from_secs(1),
            ..DatabaseOptions::single(4)
        },
    )
    .await
    .unwrap();
    let tokens = samenleven_tests::test_tokens();
    let app = TestApp {
        state: AppState::new(proxied, tokens, RateLimitSettings::UNLIMITED, PSEUDONYM_KEY).unwrap(),
        database: app.database,
    };
    let handler = Credentials::staff(
        &[samenleven_domain::reference::Role::ComplaintHandler],
        &["36008"],
    );
    let complaint = json!({
        "kind": "report", "municipality": "36008", "channel": "email",
        "reporter": {"role": "witness"},
        "incident": {"occurredOn": "2026-01-10", "location": {"kind": "online"}, "context": "online"},
        "grounds": ["skin_colour"], "conduct": ["harassment"],
        "description": "Insults under a post of the city."
    });
    let create = || {
        app.send_as(
            &handler,
            json_request(TestRequest::post(), "/api/v1/complaints", &complaint),
        )
    };
    assert_eq!(create().await.status, 201);

    outage.down();
    let started = Instant::now();
    let during = futures_util::future::join_all((0..16).map(|_| create())).await;
    for response in &during {
        assert_unavailable(response);
    }
    app.get("/health/ready")
        .await
        .assert_problem(503, "service_unavailable");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "answers during the outage took {:?}",
        started.elapsed()
    );

    outage.up();
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.get("/health/ready").await.status != 200 {
        assert!(Instant::now() < deadline, "the service did not recover");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(create().await.status, 201);
}
