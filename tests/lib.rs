//! Helpers of the black-box API tests: a fresh application on a fresh database per test.
//!
//! Tests run on SQLite in memory by default, and on PostgreSQL when
//! `SAMENLEVEN_TEST_DATABASE_URL` names a server (each test creates and drops its own database).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::test::{self, TestRequest};
use actix_web::web::Bytes;
use samenleven_http::auth::TokenVerifier;
use samenleven_http::ratelimit::RateLimitSettings;
use samenleven_http::{AppState, build_app};
use samenleven_persistence::testing::TestDatabase;
use serde_json::Value;

/// The environment variable that switches the tests to PostgreSQL.
pub const TEST_DATABASE_URL: &str = "SAMENLEVEN_TEST_DATABASE_URL";

/// The HS256 secret the test application verifies tokens with.
pub const JWT_SECRET: &str = "test-secret-of-at-least-thirty-two-bytes";
/// The issuer the test application expects.
pub const JWT_ISSUER: &str = "samenleven-test";
/// The audience the test application expects.
pub const JWT_AUDIENCE: &str = "samenleven";

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

/// The whole application on a fresh database.
pub async fn spawn_app() -> TestApp {
    let database = test_database().await;
    let tokens = TokenVerifier::hs256(JWT_SECRET.as_bytes(), JWT_ISSUER, JWT_AUDIENCE);
    let state = AppState::new(
        database.database.clone(),
        tokens,
        RateLimitSettings::UNLIMITED,
    )
    .expect("app state");
    TestApp { state, database }
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
        let app = test::init_service(build_app(self.state.clone())).await;
        let response = test::call_service(&app, request.to_request()).await;
        let status = response.status();
        let headers = response.headers().clone();
        let body = test::read_body(response).await;
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(TestRequest::get().uri(path)).await
    }
}
