//! Landing document, probes, metrics and the headers on every response.

use actix_web::test::TestRequest;
use samenleven_tests::spawn_app;

#[actix_web::test]
async fn landing_document_links_the_openapi_document_and_swagger_ui() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status, 200);
    let body = response.json();
    assert_eq!(body["name"], "samenleven");
    assert_eq!(body["links"]["openapi"], "/api-docs/openapi.json");
    assert_eq!(body["links"]["openapiV1"], "/api/v1/openapi.json");
    assert_eq!(body["links"]["docs"], "/docs/");
}

#[actix_web::test]
async fn liveness_answers_ok() {
    let app = spawn_app().await;
    let response = app.get("/health/live").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["status"], "ok");
}

#[actix_web::test]
async fn readiness_answers_ready_while_the_database_is_reachable() {
    let app = spawn_app().await;
    let response = app.get("/health/ready").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["status"], "ready");
}

#[actix_web::test]
async fn readiness_answers_503_problem_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.state.database.clone().close().await.unwrap();
    let response = app.get("/health/ready").await;
    let problem = response.assert_problem(503, "service_unavailable");
    assert_eq!(problem["detail"], "the database is not reachable");
}

#[actix_web::test]
async fn every_response_carries_the_api_version_and_a_correlation_id() {
    let app = spawn_app().await;
    for path in ["/", "/health/live", "/api/v1/reference", "/no/such/route"] {
        let response = app.get(path).await;
        assert_eq!(
            response.header("api-version"),
            Some(env!("CARGO_PKG_VERSION")),
            "{path}"
        );
        let id = response.header("x-correlation-id").unwrap();
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{path}: {id}");
    }
}

#[actix_web::test]
async fn a_sane_correlation_id_is_echoed_and_a_strange_one_replaced() {
    let app = spawn_app().await;
    let sent = app
        .send(
            TestRequest::get()
                .uri("/health/live")
                .insert_header(("X-Correlation-Id", "front-office.42_a")),
        )
        .await;
    assert_eq!(sent.header("x-correlation-id"), Some("front-office.42_a"));

    let strange = app
        .send(
            TestRequest::get()
                .uri("/health/live")
                .insert_header(("X-Correlation-Id", "a b\"<script>")),
        )
        .await;
    let id = strange.header("x-correlation-id").unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
}

#[actix_web::test]
async fn metrics_count_requests_per_route_in_prometheus_text() {
    let app = spawn_app().await;
    app.get("/api/v1/reference/grounds").await;
    let response = app.get("/metrics").await;
    assert_eq!(response.status, 200);
    assert!(
        response
            .header("content-type")
            .unwrap()
            .starts_with("text/plain")
    );
    let text = String::from_utf8(response.body.to_vec()).unwrap();
    assert!(
        text.contains(
            "http_requests_total{method=\"GET\",route=\"/api/v1/reference/{list}\",status=\"200\"}"
        ),
        "{text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "{text}"
    );
}
