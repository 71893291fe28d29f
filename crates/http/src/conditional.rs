//! ETags and `If-Match`: every mutable record carries a version; a change sent with a stale
//! `If-Match` is refused with 412.

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::error::{ApiError, ErrorCode};

/// The strong ETag of a record at `version`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// Checks the request's `If-Match` (when sent) against the record's `version`.
pub fn check_if_match(req: &HttpRequest, version: i32) -> Result<(), ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Ok(());
    };
    let current = etag(version);
    let matches = value.to_str().is_ok_and(|v| {
        v.split(',').map(str::trim).any(|tag| {
            tag == "*" || tag == current || tag.strip_prefix("W/") == Some(current.as_str())
        })
    });
    if matches {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::PreconditionFailed,
            format!("If-Match does not match the current ETag {current}; read the record again"),
        ))
    }
}
