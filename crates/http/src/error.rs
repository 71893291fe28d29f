//! One error type for every failure the API reports, rendered as RFC 9457 problem details.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use samenleven_domain::DomainError;
use samenleven_domain::error::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

macro_rules! error_codes {
    ($($variant:ident => $status:ident, $code:literal, $title:literal;)*) => {
        /// The stable machine-readable kinds of problem, each with its status and title.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode {
            $(#[doc = $title] $variant,)*
        }

        impl ErrorCode {
            /// The HTTP status this kind of problem answers with.
            pub fn status(self) -> StatusCode {
                match self { $(Self::$variant => StatusCode::$status,)* }
            }
            /// The stable snake_case code in the `code` member.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)* }
            }
            /// The short human summary in the `title` member.
            pub fn title(self) -> &'static str {
                match self { $(Self::$variant => $title,)* }
            }
        }
    };
}

error_codes! {
    BadRequest => BAD_REQUEST, "bad_request", "The request is malformed";
    MalformedJson => BAD_REQUEST, "malformed_json", "The body is not well-formed JSON";
    InvalidParameter => BAD_REQUEST, "invalid_parameter", "A query parameter is invalid";
    Unauthenticated => UNAUTHORIZED, "unauthenticated", "Credentials are missing or invalid";
    Forbidden => FORBIDDEN, "forbidden", "Not allowed";
    NotFound => NOT_FOUND, "not_found", "Not found";
    MethodNotAllowed => METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed";
    Conflict => CONFLICT, "conflict", "The current state of the record forbids this";
    IllegalTransition => CONFLICT, "illegal_transition", "The transition is not allowed";
    PreconditionFailed => PRECONDITION_FAILED, "precondition_failed", "The record was changed since it was read";
    PayloadTooLarge => PAYLOAD_TOO_LARGE, "payload_too_large", "The body is too large";
    UnsupportedMediaType => UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Unsupported content type";
    ValidationFailed => UNPROCESSABLE_ENTITY, "validation_failed", "The request is invalid";
    TooManyRequests => TOO_MANY_REQUESTS, "too_many_requests", "Too many requests";
    Internal => INTERNAL_SERVER_ERROR, "internal_error", "Internal error";
    Unavailable => SERVICE_UNAVAILABLE, "service_unavailable", "The service is unavailable for the moment";
}

/// Seconds a 503 asks the client to wait before trying again.
const UNAVAILABLE_RETRY_AFTER_SECONDS: u64 = 5;

/// One problem in a request: where (a JSON pointer into the body, or a parameter name) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProblemFieldError {
    /// JSON pointer (RFC 6901) to the member of the request body, e.g. `/reporter/contact/email`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Name of the query or path parameter, when the problem is not in the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// What is wrong and what is expected.
    pub message: String,
}

impl From<FieldError> for ProblemFieldError {
    fn from(error: FieldError) -> Self {
        Self {
            pointer: Some(error.pointer),
            parameter: None,
            message: error.message,
        }
    }
}

/// An RFC 9457 problem details document, the body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "type": "urn:problem-type:samenleven:validation_failed",
    "title": "The request is invalid",
    "status": 422,
    "detail": "1 member of the request is invalid",
    "code": "validation_failed",
    "errors": [{"pointer": "/acknowledgeDays", "message": "must be between 1 and 730 days"}]
}))]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:problem-type:samenleven:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// The stable snake_case code of the kind of problem.
    pub code: String,
    /// For invalid input: each problem with its location.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemFieldError>,
    /// For an illegal transition: the statuses the table allows from the current one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_transitions: Option<Vec<&'static str>>,
    /// For an award beyond a subsidy scheme's budget: what the scheme can still award, in cents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_cents: Option<i64>,
}

/// The extension members a problem may carry besides the standard ones.
#[derive(Debug, Clone)]
enum Extension {
    /// `allowedTransitions` of an illegal transition.
    AllowedTransitions(Vec<&'static str>),
    /// `remainingCents` of an award beyond a scheme's budget.
    RemainingCents(i64),
}

/// The error every handler and extractor returns; rendered as problem+json.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    detail: String,
    errors: Vec<ProblemFieldError>,
    allow: Option<String>,
    // One member for the rare extras keeps every `Result<_, ApiError>` small.
    extension: Option<Extension>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ApiError {
    /// A problem of `code` with a sentence for this request.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
            errors: Vec::new(),
            allow: None,
            extension: None,
            source: None,
        }
    }

    /// A 422 listing each invalid member.
    pub fn validation(errors: Vec<ProblemFieldError>) -> Self {
        let detail = match errors.len() {
            1 => "1 member of the request is invalid".to_owned(),
            n => format!("{n} members of the request are invalid"),
        };
        Self {
            errors,
            ..Self::new(ErrorCode::ValidationFailed, detail)
        }
    }

    /// A 404 for something that is not there, or that the caller may not know is there.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, detail)
    }

    /// A 400 for a query parameter that does not parse, naming it.
    pub fn invalid_parameter(parameter: &str, message: &str) -> Self {
        Self::new(
            ErrorCode::InvalidParameter,
            format!("the query parameter `{parameter}` is invalid: {message}"),
        )
        .with_errors(vec![ProblemFieldError {
            pointer: None,
            parameter: Some(parameter.to_owned()),
            message: message.to_owned(),
        }])
    }

    /// A 405 naming the methods the resource does answer.
    pub fn method_not_allowed(allowed: &[&str]) -> Self {
        let allow = allowed.join(", ");
        Self {
            allow: Some(allow.clone()),
            ..Self::new(
                ErrorCode::MethodNotAllowed,
                format!("this resource answers {allow}"),
            )
        }
    }

    /// A 409 for a transition the table does not hold, listing the ones it does.
    pub fn illegal_transition(detail: impl Into<String>, allowed: Vec<&'static str>) -> Self {
        Self {
            extension: Some(Extension::AllowedTransitions(allowed)),
            ..Self::new(ErrorCode::IllegalTransition, detail)
        }
    }

    /// Adds the transitions the table holds from the record's current status.
    pub fn with_allowed_transitions(mut self, allowed: Vec<&'static str>) -> Self {
        self.extension = Some(Extension::AllowedTransitions(allowed));
        self
    }

    /// A 409 for an award beyond what the scheme's budget has left, naming that amount.
    pub fn over_budget(detail: impl Into<String>, remaining_cents: i64) -> Self {
        Self {
            extension: Some(Extension::RemainingCents(remaining_cents)),
            ..Self::new(ErrorCode::Conflict, detail)
        }
    }

    /// A 500 whose cause is logged but never shown.
    pub fn internal(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            source: Some(source.into()),
            ..Self::new(
                ErrorCode::Internal,
                "the request could not be completed; it has been logged",
            )
        }
    }

    /// A 503 when the database cannot be reached or is too busy; the cause is logged, and the
    /// response says when to try again.
    pub fn unavailable(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            source: Some(source.into()),
            ..Self::new(
                ErrorCode::Unavailable,
                "the database is unavailable for the moment; try again in a few seconds (a creation with the same Idempotency-Key is made only once)",
            )
        }
    }

    /// Adds the location of the problem in the request.
    pub fn with_errors(mut self, errors: Vec<ProblemFieldError>) -> Self {
        self.errors = errors;
        self
    }

    /// The kind of problem.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The problem document this error renders as.
    pub fn problem(&self) -> Problem {
        Problem {
            problem_type: format!("urn:problem-type:samenleven:{}", self.code.code()),
            title: self.code.title().to_owned(),
            status: self.code.status().as_u16(),
            detail: self.detail.clone(),
            code: self.code.code().to_owned(),
            errors: self.errors.clone(),
            allowed_transitions: match &self.extension {
                Some(Extension::AllowedTransitions(allowed)) => Some(allowed.clone()),
                _ => None,
            },
            remaining_cents: match self.extension {
                Some(Extension::RemainingCents(cents)) => Some(cents),
                _ => None,
            },
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.code(), self.detail)
    }
}

impl std::error::Error for ApiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        if self.code.status().is_server_error() {
            tracing::error!(error = %error_chain(self), "request failed");
        }
        let mut response = HttpResponse::build(self.code.status());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        if self.code == ErrorCode::Unauthenticated {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"samenleven\""));
        }
        if self.code == ErrorCode::Unavailable {
            response.insert_header((header::RETRY_AFTER, UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
        if let Some(allow) = &self.allow {
            response.insert_header((header::ALLOW, allow.as_str()));
        }
        match serde_json::to_vec(&self.problem()) {
            Ok(body) => response.body(body),
            Err(_) => response.finish(),
        }
    }
}

/// The error and all its causes on one line, for the log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::NotFound(what) => Self::not_found(format!("{what} not found")),
            DomainError::Conflict(detail) => Self::new(ErrorCode::Conflict, detail),
            DomainError::Validation(errors) => {
                Self::validation(errors.into_iter().map(ProblemFieldError::from).collect())
            }
            DomainError::Forbidden(detail) => Self::new(ErrorCode::Forbidden, detail),
            DomainError::PreconditionFailed => Self::new(
                ErrorCode::PreconditionFailed,
                "the If-Match header does not match the current ETag; read the record again",
            ),
            DomainError::Internal(source) => Self::internal(source),
            DomainError::Unavailable(source) => Self::unavailable(source),
        }
    }
}
