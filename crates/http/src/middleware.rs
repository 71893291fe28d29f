//! What every request passes through: a correlation id, the `API-Version` header, one log
//! line, and the request metrics.

use std::sync::OnceLock;
use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing::Instrument;

/// The header that carries a request's correlation id, in and out.
pub const CORRELATION_ID: HeaderName = HeaderName::from_static("x-correlation-id");
/// The header that carries the API's semantic version on every response.
pub const API_VERSION: HeaderName = HeaderName::from_static("api-version");
/// The API's semantic version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

const DURATION_METRIC: &str = "http_request_duration_seconds";
const REQUESTS_METRIC: &str = "http_requests_total";

/// The correlation id the caller sent, when it is a sane token (letters, digits, `-`, `_`,
/// `.`, at most 128); otherwise a fresh UUID, so nothing a caller sends is written raw to logs.
fn correlation_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(&CORRELATION_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 128
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned)
}

/// Tags the request with its correlation id, logs it, counts and times it, and sets the
/// `X-Correlation-Id` and `API-Version` response headers.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let id = correlation_id(&req);
    let method = req.method().to_string();
    let span =
        tracing::info_span!("request", correlation_id = %id, method = %method, path = %req.path());
    let mut response = match next.call(req).instrument(span.clone()).await {
        Ok(response) => response,
        Err(error) => {
            // Stopped before a response was made (the request deadline): actix renders the
            // error as its problem; count and log it here.
            let status = error.as_response_error().status_code().as_u16();
            let labels = [
                ("method", method),
                ("route", "stopped".to_owned()),
                ("status", status.to_string()),
            ];
            metrics::counter!(REQUESTS_METRIC, &labels).increment(1);
            let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
            span.in_scope(|| tracing::warn!(status, duration_ms, "stopped"));
            return Err(error);
        }
    };

    let status = response.status().as_u16();
    let route = response
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let seconds = started.elapsed().as_secs_f64();
    let labels = [
        ("method", method),
        ("route", route),
        ("status", status.to_string()),
    ];
    metrics::counter!(REQUESTS_METRIC, &labels).increment(1);
    metrics::histogram!(DURATION_METRIC, &labels[..2]).record(seconds);
    span.in_scope(|| {
        tracing::info!(status, duration_ms = seconds * 1000.0, "handled");
    });

    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(CORRELATION_ID, value);
    }
    headers.insert(API_VERSION, HeaderValue::from_static(VERSION));
    Ok(response)
}

/// The process-wide Prometheus recorder, installed on first use. When another recorder is
/// installed already (several apps in one test process), a detached one renders instead.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = || {
                PrometheusBuilder::new().set_buckets_for_metric(
                    Matcher::Full(DURATION_METRIC.to_owned()),
                    &[
                        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                    ],
                )
            };
            match builder().and_then(PrometheusBuilder::install_recorder) {
                Ok(handle) => handle,
                Err(_) => match builder() {
                    Ok(b) => b.build_recorder().handle(),
                    Err(_) => PrometheusBuilder::new().build_recorder().handle(),
                },
            }
        })
        .clone()
}
