//! Every bad input answers an RFC 9457 problem: routes, methods, bodies, queries and paths.

use actix_web::test::{self, TestRequest};
use actix_web::{App, HttpResponse, web};
use samenleven_http::extract::{self, Json};
use samenleven_http::limits::RequestLimits;
use samenleven_tests::{TestResponse, spawn_app};
use serde::Deserialize;

#[actix_web::test]
async fn an_unknown_route_is_a_404_problem() {
    let app = spawn_app().await;
    let problem = app
        .get("/api/v1/nothing-here")
        .await
        .assert_problem(404, "not_found");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/nothing-here")
    );
}

#[actix_web::test]
async fn a_wrong_method_is_a_405_problem_naming_the_allowed_ones() {
    let app = spawn_app().await;
    for (request, path) in [
        (TestRequest::post(), "/health/live"),
        (TestRequest::delete(), "/api/v1/reference/grounds"),
        (TestRequest::put(), "/api/v1/reference"),
        (TestRequest::patch(), "/"),
    ] {
        let response = app.send(request.uri(path)).await;
        response.assert_problem(405, "method_not_allowed");
        assert_eq!(response.header("allow"), Some("GET"), "{path}");
    }
}

/// A body shaped like the registers' requests, to hold the JSON extractor to its promises.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Sample {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    reporter: Reporter,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Reporter {
    #[allow(dead_code)]
    consent_to_contact: bool,
    #[allow(dead_code)]
    grounds: Vec<samenleven_domain::reference::Ground>,
}

#[derive(Debug, Deserialize)]
struct Paging {
    #[allow(dead_code)]
    limit: u32,
}

/// The extractors and error handlers of the service, on probe routes.
async fn probe(request: TestRequest) -> TestResponse {
    let app = test::init_service(
        App::new()
            .app_data(extract::payload_config(
                RequestLimits::default().max_body_bytes,
            ))
            .app_data(extract::query_config())
            .app_data(extract::path_config())
            .route(
                "/sample",
                web::post().to(|_: Json<Sample>| async { HttpResponse::NoContent().finish() }),
            )
            .route(
                "/paged",
                web::get()
                    .to(|_: extract::Query<Paging>| async { HttpResponse::NoContent().finish() }),
            )
            .route(
                "/items/{id}",
                web::get()
                    .to(|_: web::Path<uuid::Uuid>| async { HttpResponse::NoContent().finish() }),
            ),
    )
    .await;
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

fn post_json(body: &str) -> TestRequest {
    TestRequest::post()
        .uri("/sample")
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned())
}

const VALID: &str = r#"{"name": "x", "reporter": {"consentToContact": true, "grounds": ["age"]}}"#;

#[actix_web::test]
async fn a_well_formed_body_passes() {
    assert_eq!(probe(post_json(VALID)).await.status, 204);
}

#[actix_web::test]
async fn malformed_json_is_a_400_problem() {
    let response = probe(post_json(r#"{"name": "x", "#)).await;
    let problem = response.assert_problem(400, "malformed_json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("not well-formed JSON")
    );
    probe(post_json(&format!("{VALID} trailing")))
        .await
        .assert_problem(400, "malformed_json");
}

#[actix_web::test]
async fn a_wrong_or_missing_content_type_is_a_415_problem() {
    let wrong = TestRequest::post()
        .uri("/sample")
        .insert_header(("content-type", "text/plain"))
        .set_payload(VALID);
    let problem = probe(wrong)
        .await
        .assert_problem(415, "unsupported_media_type");
    assert!(problem["detail"].as_str().unwrap().contains("text/plain"));
    let missing = TestRequest::post().uri("/sample").set_payload(VALID);
    probe(missing)
        .await
        .assert_problem(415, "unsupported_media_type");
    let charset = TestRequest::post()
        .uri("/sample")
        .insert_header(("content-type", "application/json; charset=utf-8"))
        .set_payload(VALID);
    assert_eq!(probe(charset).await.status, 204);
}

#[actix_web::test]
async fn an_oversized_body_is_a_413_problem() {
    let big = format!(
        r#"{{"name": "{}"}}"#,
        "x".repeat(RequestLimits::default().max_body_bytes + 1)
    );
    probe(post_json(&big))
        .await
        .assert_problem(413, "payload_too_large");
}

#[actix_web::test]
async fn an_unknown_member_is_a_422_problem_pointing_at_it() {
    let body =
        r#"{"name": "x", "reporter": {"consentToContact": true, "grounds": [], "religion": "x"}}"#;
    let problem = probe(post_json(body))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/reporter/religion");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `religion`")
    );
}

#[actix_web::test]
async fn a_missing_member_is_a_422_problem_pointing_at_it() {
    let body = r#"{"name": "x", "reporter": {"grounds": []}}"#;
    let problem = probe(post_json(body))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(
        problem["errors"][0]["pointer"],
        "/reporter/consentToContact"
    );
}

#[actix_web::test]
async fn a_wrong_type_or_unknown_code_is_a_422_problem_pointing_at_it() {
    let body = r#"{"name": 7, "reporter": {"consentToContact": true, "grounds": []}}"#;
    let problem = probe(post_json(body))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/name");

    let body =
        r#"{"name": "x", "reporter": {"consentToContact": true, "grounds": ["age", "race"]}}"#;
    let problem = probe(post_json(body))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/reporter/grounds/1");
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("`race`") && message.contains("`alleged_race`"),
        "{message}"
    );
}

#[actix_web::test]
async fn a_bad_query_parameter_is_a_400_problem_naming_it() {
    for (query, message) in [
        ("/paged?limit=many", "invalid digit"),
        ("/paged?limit=-1", "invalid digit"),
        ("/paged", "missing field"),
    ] {
        let problem = probe(TestRequest::get().uri(query))
            .await
            .assert_problem(400, "invalid_parameter");
        assert_eq!(problem["errors"][0]["parameter"], "limit", "{query}");
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(message),
            "{problem}"
        );
    }
}

#[actix_web::test]
async fn a_path_segment_that_names_nothing_is_a_404_problem() {
    probe(TestRequest::get().uri("/items/not-a-uuid"))
        .await
        .assert_problem(404, "not_found");
}
