//! Helpers of the black-box API tests: a fresh application on a fresh database per test.
//!
//! Tests run on SQLite in memory by default, and on PostgreSQL when
//! `SAMENLEVEN_TEST_DATABASE_URL` names a server (each test creates and drops its own database).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::test::{self, TestRequest};
use actix_web::web::Bytes;
use samenleven_domain::model::webhook::AddressPolicy;
use samenleven_domain::reference::Role;
use samenleven_http::auth::TokenVerifier;
use samenleven_http::auth::{TokenRequest, TokenSigner};
use samenleven_http::ratelimit::RateLimitSettings;
use samenleven_http::{AppState, build_app};
use samenleven_persistence::testing::TestDatabase;
use samenleven_webhooks::{DeliveryWorker, WorkerSettings};
use serde_json::{Value, json};

/// The environment variable that switches the tests to PostgreSQL.
pub const TEST_DATABASE_URL: &str = "SAMENLEVEN_TEST_DATABASE_URL";

/// The HS256 secret the test application verifies tokens with.
pub const JWT_SECRET: &str = "test-secret-of-at-least-thirty-two-bytes";
/// The issuer the test application expects.
pub const JWT_ISSUER: &str = "samenleven-test";
/// The audience the test application expects.
pub const JWT_AUDIENCE: &str = "samenleven";

/// The key of the test application's keyed hashes.
pub const PSEUDONYM_KEY: &[u8] = b"test-pseudonym-key-of-32-bytes!!";

/// A running application on its own database.
pub struct TestApp {
    /// The state the application was built with.
    pub state: AppState,
    /// The database, dropped with the app on PostgreSQL.
    pub database: TestDatabase,
}

/// A fresh, migrated database for one test.
pub async fn test_database() -> TestDatabase {
    let admin_url = std::env::var(TEST_DATABASE_URL)
        .ok()
        .filter(|v| !v.is_empty());
    TestDatabase::create(admin_url.as_deref())
        .await
        .expect("cannot create the test database")
}

/// The verifier of the tokens `sign` makes.
pub fn test_tokens() -> TokenVerifier {
    TokenVerifier::hs256(JWT_SECRET.as_bytes(), JWT_ISSUER, JWT_AUDIENCE)
}

/// The whole application on a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(test_tokens(), RateLimitSettings::UNLIMITED).await
}

/// The application with its own token verifier and rate limits.
pub async fn spawn_app_with(tokens: TokenVerifier, limits: RateLimitSettings) -> TestApp {
    app_on(test_database().await, tokens, limits)
}

/// The whole application on a fresh SQLite file opened as the service opens one: reads that
/// need no transaction on read-only connections beside the one writer.
pub async fn spawn_app_on_sqlite_file() -> TestApp {
    let database = TestDatabase::sqlite_file()
        .await
        .expect("cannot create the test database file");
    app_on(database, test_tokens(), RateLimitSettings::UNLIMITED)
}

fn app_on(database: TestDatabase, tokens: TokenVerifier, limits: RateLimitSettings) -> TestApp {
    // Dev mode, as `cargo run` starts: webhooks may go to receivers on the loopback interface.
    let state = AppState::new(database.database.clone(), tokens, limits, PSEUDONYM_KEY)
        .expect("app state")
        .with_webhook_policy(AddressPolicy::Dev);
    TestApp { state, database }
}

/// Sends `request` through a whole application built on `state` (middleware included).
pub async fn send_to(state: &AppState, request: TestRequest) -> TestResponse {
    let app = test::init_service(build_app(state.clone())).await;
    match test::try_call_service(&app, request.to_request()).await {
        Ok(response) => {
            let status = response.status();
            let headers = response.headers().clone();
            let body = test::read_body(response).await;
            TestResponse {
                status,
                headers,
                body,
            }
        }
        // A middleware stopped the request (its deadline): the server renders the error
        // as its response, and so does this.
        Err(error) => {
            let response = error.error_response();
            let status = response.status();
            let headers = response.headers().clone();
            let body = actix_web::body::to_bytes(response.into_body())
                .await
                .unwrap_or_default();
            TestResponse {
                status,
                headers,
                body,
            }
        }
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    /// Status code.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Bytes,
}

impl TestResponse {
    /// The body as JSON; fails the test when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts an RFC 9457 problem with `status` and `code`, and returns its body.
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "status; body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let problem = self.json();
        assert_eq!(problem["status"], status);
        assert_eq!(problem["code"], code);
        assert_eq!(
            problem["type"],
            format!("urn:problem-type:samenleven:{code}")
        );
        assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()));
        problem
    }
}

impl TestApp {
    /// Sends `request` through the whole application (middleware included).
    pub async fn send(&self, request: TestRequest) -> TestResponse {
        send_to(&self.state, request).await
    }

    /// A second service instance on the same database, with its own connection pool, as a
    /// second process would be. An in-memory SQLite database lives in its one connection, so
    /// there the second instance shares the first one's pool.
    pub async fn second_instance(&self) -> AppState {
        if self.database.url.starts_with("sqlite:") {
            return self.state.clone();
        }
        let database = samenleven_persistence::Database::connect(
            &self.database.url,
            samenleven_persistence::DatabaseOptions::single(8),
        )
        .await
        .expect("a second pool");
        AppState::new(
            database,
            test_tokens(),
            RateLimitSettings::UNLIMITED,
            PSEUDONYM_KEY,
        )
        .expect("app state")
    }

    /// A webhook delivery worker on the app's database, in dev mode, with retries after
    /// `retry_base` (doubling) so that a test sees them in milliseconds.
    pub fn webhook_worker(&self, retry_base: std::time::Duration) -> DeliveryWorker {
        DeliveryWorker::new(
            self.state.database.connection().clone(),
            WorkerSettings {
                retry_base,
                poll_interval: std::time::Duration::from_millis(5),
                timeout: std::time::Duration::from_secs(5),
                ..WorkerSettings::new(AddressPolicy::Dev)
            },
        )
        .expect("webhook worker")
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(TestRequest::get().uri(path)).await
    }

    /// Every row of every table of the database, one line per row as `table: values`, read from
    /// the catalog so that a table added later is scanned too.
    pub async fn dump_every_table(&self) -> String {
        use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
        let db = self.state.database.connection();
        let backend = db.get_database_backend();
        let strings = |sql: String| async move {
            db.query_all_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
                .iter()
                .map(|row| {
                    row.try_get_by_index::<Option<String>>(0)
                        .unwrap()
                        .unwrap_or_default()
                })
                .collect::<Vec<String>>()
        };
        let postgres = backend == DatabaseBackend::Postgres;
        let tables = strings(if postgres {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                .to_owned()
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                .to_owned()
        })
        .await;
        assert!(tables.iter().any(|t| t == "complaints"), "{tables:?}");
        let mut dump = String::new();
        for table in tables {
            let row_text = if postgres {
                format!("SELECT t::text FROM \"{table}\" t")
            } else {
                let columns =
                    strings(format!("SELECT name FROM pragma_table_info('{table}')")).await;
                let quoted: Vec<String> =
                    columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
                format!("SELECT {} FROM \"{table}\"", quoted.join(" || '|' || "))
            };
            for row in strings(row_text).await {
                dump.push_str(&format!("{table}: {row}\n"));
            }
        }
        dump
    }

    /// Sends `request` with `credentials`.
    pub async fn send_as(&self, credentials: &Credentials, request: TestRequest) -> TestResponse {
        self.send(credentials.apply(request)).await
    }

    /// Creates a municipality as an all-municipalities admin; returns its NIS code.
    pub async fn create_municipality(&self, nis_code: &str, name: &str) -> String {
        let response = self
            .send_as(
                &Credentials::admin(),
                json_request(
                    TestRequest::post(),
                    "/api/v1/municipalities",
                    &json!({"nisCode": nis_code, "name": name}),
                ),
            )
            .await;
        assert_eq!(
            response.status,
            201,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        nis_code.to_owned()
    }

    /// Creates a partner of `kind` in `municipalities`; returns its id.
    pub async fn create_partner(&self, kind: &str, municipalities: &[&str]) -> String {
        let response = self
            .send_as(
                &Credentials::admin(),
                json_request(
                    TestRequest::post(),
                    "/api/v1/partners",
                    &json!({"name": format!("{kind} partner"), "kind": kind, "municipalities": municipalities}),
                ),
            )
            .await;
        assert_eq!(
            response.status,
            201,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        response.json()["id"].as_str().unwrap().to_owned()
    }

    /// Issues a key with `scopes` to `partner`; returns (key id, secret).
    pub async fn create_api_key(&self, partner: &str, scopes: &[&str]) -> (String, String) {
        let response = self
            .send_as(
                &Credentials::admin(),
                json_request(
                    TestRequest::post(),
                    &format!("/api/v1/partners/{partner}/api-keys"),
                    &json!({"scopes": scopes}),
                ),
            )
            .await;
        assert_eq!(
            response.status,
            201,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        let body = response.json();
        (
            body["id"].as_str().unwrap().to_owned(),
            body["key"].as_str().unwrap().to_owned(),
        )
    }
}

/// `request` to `path` with a JSON body.
pub fn json_request(request: TestRequest, path: &str, body: &Value) -> TestRequest {
    request
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_string())
}

/// What a test request authenticates with.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// Nothing.
    None,
    /// A bearer token.
    Bearer(String),
    /// An API key.
    ApiKey(String),
}

impl Credentials {
    /// A staff token with `roles` for `municipalities`, valid for an hour.
    pub fn staff(roles: &[Role], municipalities: &[&str]) -> Self {
        Self::Bearer(sign(&TokenRequest {
            subject: format!("staff-{}", uuid::Uuid::new_v4().simple()),
            roles: roles.to_vec(),
            municipalities: municipalities.iter().map(|m| (*m).to_owned()).collect(),
            valid_for: chrono::Duration::hours(1),
        }))
    }

    /// An admin for every municipality.
    pub fn admin() -> Self {
        Self::staff(&[Role::Admin], &["*"])
    }

    /// Adds the credentials to `request`.
    pub fn apply(&self, request: TestRequest) -> TestRequest {
        match self {
            Self::None => request,
            Self::Bearer(token) => {
                request.insert_header(("Authorization", format!("Bearer {token}")))
            }
            Self::ApiKey(key) => request.insert_header(("X-API-Key", key.clone())),
        }
    }
}

/// A token signed with the test secret.
pub fn sign(request: &TokenRequest) -> String {
    TokenSigner::hs256(JWT_SECRET.as_bytes(), JWT_ISSUER, JWT_AUDIENCE)
        .sign(request)
        .expect("sign a token")
}

/// Claims as a JSON object with `exp` an hour ahead, to tamper with in token tests.
pub fn claims(overrides: Value) -> Value {
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "sub": "tester", "iss": JWT_ISSUER, "aud": JWT_AUDIENCE,
        "iat": now, "exp": now + 3600, "roles": ["admin"], "municipalities": ["*"],
    });
    if let (Some(base), Some(extra)) = (claims.as_object_mut(), overrides.as_object()) {
        for (k, v) in extra {
            base.insert(k.clone(), v.clone());
        }
    }
    claims
}
