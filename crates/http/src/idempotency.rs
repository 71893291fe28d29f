//! `Idempotency-Key` on creating POSTs: a retry with the same key and body gets the first
//! response again (same id); the same key with another body is refused with 422. Keys are
//! scoped to the caller and the route and kept 24 hours, in the database, so they hold across
//! instances.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use samenleven_persistence::repo::shared::{StoredResponse, find_idempotent};
use sea_orm::ConnectionTrait;

use crate::error::{ApiError, ProblemFieldError};

/// The header name.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// A keyed request: who, where, which key, and the hash of its body.
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The caller (`staff:<sub>` or `partner:<id>`).
    pub caller: String,
    /// The route, e.g. `POST /api/v1/complaints`.
    pub route: &'static str,
    /// The key.
    pub key: String,
    /// SHA-256 of the body.
    pub request_hash: Vec<u8>,
}

impl Keyed {
    /// The record to keep of the response `status` with `body`.
    pub fn response(&self, status: StatusCode, body: String) -> StoredResponse {
        StoredResponse {
            request_hash: self.request_hash.clone(),
            status: status.as_u16(),
            body,
        }
    }
}

/// The request's `Idempotency-Key`, checked: 1 to 200 visible ASCII characters.
pub fn key_of(
    req: &HttpRequest,
    caller: String,
    route: &'static str,
    request_hash: Vec<u8>,
) -> Result<Option<Keyed>, ApiError> {
    let Some(value) = req.headers().get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200 && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::validation(vec![ProblemFieldError {
                pointer: None,
                parameter: Some("Idempotency-Key".to_owned()),
                message: "must be 1 to 200 visible ASCII characters, e.g. a UUID".to_owned(),
            }])
        })?;
    Ok(Some(Keyed {
        caller,
        route,
        key: key.to_owned(),
        request_hash,
    }))
}

/// The first response to this key, when there is one: replayed when the body is the same,
/// 422 when it is not.
pub async fn replay(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
) -> Result<Option<HttpResponse>, ApiError> {
    let Some(stored) = find_idempotent(
        db,
        &keyed.caller,
        keyed.route,
        &keyed.key,
        chrono::Utc::now(),
    )
    .await?
    else {
        return Ok(None);
    };
    if stored.request_hash != keyed.request_hash {
        return Err(ApiError::validation(vec![ProblemFieldError {
            pointer: None,
            parameter: Some("Idempotency-Key".to_owned()),
            message: "this key was used with another body; use a new key for a new request"
                .to_owned(),
        }]));
    }
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    Ok(Some(
        HttpResponse::build(status)
            .content_type("application/json")
            .insert_header(("Idempotent-Replayed", "true"))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(stored.body),
    ))
}
