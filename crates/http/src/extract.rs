//! Extractors whose failures are problem+json: a JSON body that reports *where* it is wrong,
//! and the handlers for actix's own query, path and payload errors.

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{PathError, PayloadError, QueryPayloadError};
use actix_web::http::header;
use actix_web::web::{Bytes, PathConfig, PayloadConfig, QueryConfig};
use actix_web::{FromRequest, HttpRequest};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::Digest;

use crate::error::{ApiError, ErrorCode, ProblemFieldError};

/// A JSON request body, deserialised strictly. A syntax error is 400 `malformed_json`; a body
/// of the wrong shape (unknown member, missing member, wrong type) is 422 with the JSON pointer
/// of the offending member; another content type is 415; a body over the configured limit
/// ([`crate::limits::RequestLimits`]) is 413.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The deserialised value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = check_json_content_type(req);
        let limit = max_body_bytes(req);
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            content_type?;
            let bytes = body.await.map_err(|e| payload_error(&e, limit))?;
            parse_json(&bytes).map(Json)
        })
    }
}

fn check_json_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        Ok(())
    } else if essence.is_empty() {
        Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the body as JSON with Content-Type: application/json",
        ))
    } else {
        Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("`{essence}` is not accepted; send the body as application/json"),
        ))
    }
}

/// A JSON body like [`Json`], with the SHA-256 of its bytes (for idempotency keys).
#[derive(Debug)]
pub struct HashedJson<T> {
    /// The deserialised value.
    pub value: T,
    /// SHA-256 of the body as sent.
    pub sha256: Vec<u8>,
}

impl<T: DeserializeOwned + 'static> FromRequest for HashedJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = check_json_content_type(req);
        let limit = max_body_bytes(req);
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            content_type?;
            let bytes = body.await.map_err(|e| payload_error(&e, limit))?;
            let value = parse_json(&bytes)?;
            Ok(Self {
                value,
                sha256: sha2::Sha256::digest(&bytes).to_vec(),
            })
        })
    }
}

/// Deserialises `bytes` into `T`, locating any mismatch with a JSON pointer.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(json_error)?;
    deserializer.end().map_err(|e| {
        ApiError::new(
            ErrorCode::MalformedJson,
            format!("the body is not well-formed JSON: {e}"),
        )
    })?;
    Ok(value)
}

fn json_error(error: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    use serde_json::error::Category;
    let inner = error.inner();
    match inner.classify() {
        Category::Syntax | Category::Eof | Category::Io => ApiError::new(
            ErrorCode::MalformedJson,
            format!("the body is not well-formed JSON: {inner}"),
        ),
        Category::Data => {
            let mut pointer = json_pointer(error.path());
            let message = strip_position(&inner.to_string());
            // serde names a missing member in its message and points at the parent object.
            if let Some(name) = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.strip_suffix('`'))
            {
                pointer.push('/');
                pointer.push_str(&escape_pointer_token(name));
            }
            ApiError::validation(vec![ProblemFieldError {
                pointer: Some(if pointer.is_empty() {
                    "/".to_owned()
                } else {
                    pointer
                }),
                parameter: None,
                message,
            }])
        }
    }
}

/// serde_json appends " at line L column C" to data errors; the pointer says where already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// Renders a serde path as an RFC 6901 JSON pointer (`""` for the whole document).
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer_token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The body limit of the application `req` is for.
fn max_body_bytes(req: &HttpRequest) -> usize {
    req.app_data::<actix_web::web::Data<crate::app::AppState>>()
        .map_or_else(
            || crate::limits::RequestLimits::default().max_body_bytes,
            |state| state.request_limits.max_body_bytes,
        )
}

fn payload_error(error: &actix_web::Error, limit: usize) -> ApiError {
    match error.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => too_large(limit),
        _ if error.as_response_error().status_code()
            == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE =>
        {
            too_large(limit)
        }
        _ => ApiError::new(ErrorCode::BadRequest, "the request body could not be read"),
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!("the body is larger than {limit} bytes"),
    )
}

/// Body size limit for every route.
pub fn payload_config(max_body_bytes: usize) -> PayloadConfig {
    PayloadConfig::new(max_body_bytes)
}

/// A query string, deserialised so that a failure names the parameter: 400
/// `invalid_parameter` with `errors: [{parameter, message}]`.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T> Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// Deserialises a query string into `T`, naming the parameter that does not fit.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let message = error.inner().to_string();
        let path = error.path().to_string();
        // serde names a missing parameter in its message, at the root of the path.
        let parameter = match message.strip_prefix("missing field `") {
            Some(rest) => rest.trim_end_matches('`').to_owned(),
            None => path,
        };
        ApiError::new(
            ErrorCode::InvalidParameter,
            format!("the query parameter `{parameter}` is invalid: {message}"),
        )
        .with_errors(vec![ProblemFieldError {
            pointer: None,
            parameter: Some(parameter),
            message,
        }])
    })
}

/// Query-string errors of actix's own `web::Query` as 400 `invalid_parameter`.
pub fn query_config() -> QueryConfig {
    QueryConfig::default().error_handler(|error, _req| {
        let message = match &error {
            QueryPayloadError::Deserialize(e) => e.to_string(),
            other => other.to_string(),
        };
        let parameter = message
            .split('`')
            .nth(1)
            .filter(|_| message.contains("field `"))
            .map(str::to_owned);
        ApiError::new(
            ErrorCode::InvalidParameter,
            format!("the query string is invalid: {message}"),
        )
        .with_errors(vec![ProblemFieldError {
            pointer: None,
            parameter,
            message,
        }])
        .into()
    })
}

/// Path segments that do not parse (an id that is no UUID, say) name nothing: 404.
pub fn path_config() -> PathConfig {
    PathConfig::default().error_handler(|error, req| {
        let detail = match &error {
            PathError::Deserialize(e) => format!("nothing at {}: {e}", req.path()),
            _ => format!("nothing at {}", req.path()),
        };
        ApiError::not_found(detail).into()
    })
}

/// Deserialises a member of a JSON merge patch so that `null` (`Some(None)`) and absence (`None`)
/// stay apart; use with `#[serde(default, deserialize_with = "double_option")]`.
pub fn double_option<'de, T: serde::Deserialize<'de>, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A merge-patch member (read with [`double_option`]) that may not be `null`: absent is `None`,
/// a value is `Some`, and `null` adds a field error at `pointer`.
pub fn not_null<T>(
    value: Option<Option<T>>,
    pointer: &str,
    errors: &mut Vec<samenleven_domain::error::FieldError>,
) -> Option<T> {
    match value {
        Some(None) => {
            errors.push(samenleven_domain::error::FieldError::new(
                pointer,
                "must not be null",
            ));
            None
        }
        Some(Some(value)) => Some(value),
        None => None,
    }
}

/// A merge-patch member that may not be `null`: absent keeps, present sets.
pub fn present<T>(value: Option<T>) -> samenleven_domain::model::complaint::PatchValue<T> {
    use samenleven_domain::model::complaint::PatchValue;
    value.map_or(PatchValue::Keep, PatchValue::Set)
}
