//! samenleven's HTTP API: handlers, problem+json errors, the OpenAPI document and Swagger UI.
//!
//! [`app::build_app`] is the one place where the routes, the state and the middleware meet.

pub mod app;
pub mod auth;
pub mod conditional;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod limits;
pub mod middleware;
pub mod openapi;
pub mod pagination;
pub mod ratelimit;
pub mod routes;

pub use app::{AppState, build_app};
pub use error::ApiError;
