//! The one error type of the domain: what went wrong, in terms a caller can act on.

/// One rule that a request broke, located by a JSON pointer into the request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// JSON pointer (RFC 6901) to the offending member, e.g. `/reporter/contact/email`.
    pub pointer: String,
    /// A sentence that says what is wrong and what is expected.
    pub message: String,
}

impl FieldError {
    /// A field error at `pointer` with `message`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Everything a domain operation can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The record does not exist, or the caller may not know that it does.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The record's current state forbids the change.
    #[error("{0}")]
    Conflict(String),
    /// The request itself is wrong; each field error says where and why.
    #[error("the request is invalid")]
    Validation(Vec<FieldError>),
    /// The caller is known but never allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// The caller sent an `If-Match` that no longer matches the record.
    #[error("the record was changed since it was read")]
    PreconditionFailed,
    /// A fault below the domain (database, I/O); the detail is logged, never shown.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database cannot be reached or is too busy now; trying again later may succeed.
    #[error("the database is unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl DomainError {
    /// A validation error with a single field error.
    pub fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(pointer, message)])
    }
}
