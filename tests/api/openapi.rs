//! The OpenAPI document: committed, served, valid, and Swagger UI works offline.

use samenleven_tests::spawn_app;
use serde_json::Value;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");

/// Fails when `openapi/openapi.json` differs from what the code generates. Run with
/// `SAMENLEVEN_UPDATE_OPENAPI=1` (or `samenleven openapi > openapi/openapi.json`) to rewrite it.
#[test]
fn the_committed_document_is_what_the_code_generates() {
    let generated = samenleven_http::openapi::document_json().unwrap();
    if std::env::var_os("SAMENLEVEN_UPDATE_OPENAPI").is_some() {
        std::fs::write(COMMITTED, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `SAMENLEVEN_UPDATE_OPENAPI=1 cargo test --workspace the_committed_document` and commit it"
    );
}

#[actix_web::test]
async fn the_document_is_served_and_under_the_api_base_path_with_cors() {
    let app = spawn_app().await;
    let served = app.get("/api-docs/openapi.json").await;
    assert_eq!(served.status, 200);
    let generated: Value =
        serde_json::from_str(&samenleven_http::openapi::document_json().unwrap()).unwrap();
    assert_eq!(served.json(), generated);

    let v1 = app.get("/api/v1/openapi.json").await;
    assert_eq!(v1.status, 200);
    assert_eq!(v1.header("access-control-allow-origin"), Some("*"));
    assert_eq!(v1.json(), generated);
}

#[actix_web::test]
async fn swagger_ui_is_served_from_the_binary() {
    let app = spawn_app().await;
    let redirect = app.get("/docs").await;
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/docs/"));
    let page = app.get("/docs/").await;
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("swagger-ui"));
    let bundle = app.get("/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status, 200);
    assert!(bundle.body.len() > 100_000);
    let config = app.get("/docs/swagger-initializer.js").await;
    assert!(String::from_utf8_lossy(&config.body).contains("/api-docs/openapi.json"));
}

#[test]
fn the_document_is_openapi_3_1_with_operation_ids_tags_descriptions_and_headers() {
    let document: Value =
        serde_json::from_str(&samenleven_http::openapi::document_json().unwrap()).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(document["info"]["contact"]["name"].is_string());
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["bearerAuth"]["scheme"], "bearer");
    assert_eq!(schemes["apiKeyAuth"]["name"], "X-API-Key");
    let mut operation_ids = std::collections::HashSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path}: operationId"));
            assert!(
                operation_ids.insert(id.to_owned()),
                "duplicate operationId {id}"
            );
            assert!(
                !operation["tags"].as_array().unwrap().is_empty(),
                "{method} {path}: tag"
            );
            assert!(operation["summary"].is_string(), "{method} {path}: summary");
            for (status, response) in operation["responses"].as_object().unwrap() {
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status}"
                );
                if status.starts_with('2') {
                    assert!(
                        response["headers"]["API-Version"].is_object(),
                        "{method} {path} {status}: API-Version"
                    );
                } else {
                    assert!(
                        response["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status}: problem"
                    );
                }
            }
        }
    }
}
