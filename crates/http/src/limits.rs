//! The limits that keep one client from holding the service: the size of a body, the time a
//! request may take, and the time a connection may take to send its request.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::KeepAlive;
use actix_web::middleware::Next;
use actix_web::{Error, HttpServer, web};

use crate::app::{AppState, build_app};
use crate::error::{ApiError, ErrorCode};

/// The limits of one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLimits {
    /// The largest request body accepted (413 beyond it).
    pub max_body_bytes: usize,
    /// The longest a request may take from its head to its response (503 beyond it; the
    /// database transaction it was in is rolled back; a registration already handed to the
    /// batch writer is still stored).
    pub request_timeout: Duration,
    /// The longest a client may take to send a request's head, and to go on after a
    /// keep-alive pause, before the connection is closed (408).
    pub client_timeout: Duration,
}

impl Default for RequestLimits {
    /// 256 KiB, 30 s and 5 s.
    fn default() -> Self {
        Self {
            max_body_bytes: 256 * 1024,
            request_timeout: Duration::from_secs(30),
            client_timeout: Duration::from_secs(5),
        }
    }
}

/// Answers 503 for a request that is not done within the request timeout; dropping it there
/// cancels its work: an open database transaction rolls back (a registration already handed to
/// the batch writer is still stored). The answer is an error that
/// actix renders as the problem (the request itself went down with the cancelled work).
pub async fn deadline(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let timeout = req.app_data::<web::Data<AppState>>().map_or_else(
        || RequestLimits::default().request_timeout,
        |state| state.request_limits.request_timeout,
    );
    let path = req.path().to_owned();
    match tokio::time::timeout(timeout, next.call(req)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%path, "request stopped at its deadline");
            Err(ApiError::new(
                ErrorCode::Unavailable,
                format!(
                    "the request took longer than {} ms and was stopped; a registration already queued may still be stored: look it up, or send creations with an Idempotency-Key and repeat them safely",
                    timeout.as_millis()
                ),
            )
            .into())
        }
    }
}

/// Starts the service on `listener` with its limits: a client that sends its request too
/// slowly gets 408 and its connection closed, so that it holds no worker.
pub fn serve(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let limits = state.request_limits;
    Ok(HttpServer::new(move || build_app(state.clone()))
        .client_request_timeout(limits.client_timeout)
        .client_disconnect_timeout(Duration::from_secs(1))
        .keep_alive(KeepAlive::Timeout(limits.client_timeout))
        .shutdown_timeout(30)
        .listen(listener)?
        .run())
}
