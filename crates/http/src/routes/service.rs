//! The landing document, health probes and metrics.

use std::time::Duration;

use actix_web::{HttpResponse, Responder, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::error::{ApiError, ErrorCode, Problem};

/// How long the readiness probe waits for the database.
const READINESS_TIMEOUT: Duration = Duration::from_secs(2);

pub(super) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(landing)
        .service(liveness)
        .service(readiness)
        .service(metrics);
}

/// Where to go from the root.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LandingView {
    /// The service's name.
    #[schema(example = "samenleven")]
    pub name: &'static str,
    /// The API's semantic version.
    #[schema(example = "0.1.0")]
    pub version: &'static str,
    /// One sentence on what the service is.
    pub description: &'static str,
    /// Links to the documentation and the probes.
    pub links: LandingLinks,
}

/// Links of the landing document.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LandingLinks {
    /// The OpenAPI 3.1 document.
    #[schema(example = "/api-docs/openapi.json")]
    pub openapi: &'static str,
    /// The same document under the API's base path, with `Access-Control-Allow-Origin: *`.
    #[schema(example = "/api/v1/openapi.json")]
    pub openapi_v1: &'static str,
    /// Swagger UI.
    #[schema(example = "/docs/")]
    pub docs: &'static str,
    /// The reference lists.
    #[schema(example = "/api/v1/reference")]
    pub reference: &'static str,
    /// The readiness probe.
    #[schema(example = "/health/ready")]
    pub health: &'static str,
}

/// Result of a health probe.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthView {
    /// `ok` when alive, `ready` when the database answers.
    #[schema(example = "ready")]
    pub status: &'static str,
}

/// Landing document
///
/// A small JSON document linking the OpenAPI document and Swagger UI.
#[utoipa::path(
    tag = "service",
    operation_id = "getLanding",
    responses((status = 200, description = "Links to the documentation", body = LandingView)),
)]
#[get("/")]
async fn landing() -> impl Responder {
    web::Json(LandingView {
        name: "samenleven",
        version: crate::middleware::VERSION,
        description: "The back-office API of a Flemish municipality's equal-opportunity service.",
        links: LandingLinks {
            openapi: "/api-docs/openapi.json",
            openapi_v1: "/api/v1/openapi.json",
            docs: "/docs/",
            reference: "/api/v1/reference",
            health: "/health/ready",
        },
    })
}

/// Liveness probe
///
/// Answers 200 while the process serves requests; it does not look at the database.
#[utoipa::path(
    tag = "service",
    operation_id = "getLiveness",
    responses((status = 200, description = "The process is alive", body = HealthView)),
)]
#[get("/health/live")]
async fn liveness() -> impl Responder {
    web::Json(HealthView { status: "ok" })
}

/// Readiness probe
///
/// Answers 200 when the database takes a query within two seconds, else 503.
#[utoipa::path(
    tag = "service",
    operation_id = "getReadiness",
    responses(
        (status = 200, description = "The database is reachable", body = HealthView),
        (status = 503, description = "The database is not reachable", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/health/ready")]
async fn readiness(state: web::Data<AppState>) -> Result<impl Responder, ApiError> {
    match tokio_timeout(state.database.ping()).await {
        Some(Ok(())) => Ok(web::Json(HealthView { status: "ready" })),
        Some(Err(error)) => {
            tracing::warn!(%error, "readiness: database unreachable");
            Err(ApiError::new(
                ErrorCode::Unavailable,
                "the database is not reachable",
            ))
        }
        None => Err(ApiError::new(
            ErrorCode::Unavailable,
            "the database did not answer in time",
        )),
    }
}

async fn tokio_timeout<F: std::future::Future>(future: F) -> Option<F::Output> {
    actix_web::rt::time::timeout(READINESS_TIMEOUT, future)
        .await
        .ok()
}

/// Prometheus metrics
///
/// Request counts (`http_requests_total`) and latency histograms
/// (`http_request_duration_seconds`) per method and route, in Prometheus text format.
#[utoipa::path(
    tag = "service",
    operation_id = "getMetrics",
    responses((status = 200, description = "Metrics in Prometheus text format", body = String, content_type = "text/plain; version=0.0.4")),
)]
#[get("/metrics")]
async fn metrics(state: web::Data<AppState>) -> impl Responder {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render())
}
