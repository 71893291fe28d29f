//! Rate limits: per API key, per client address for callers without credentials, and a
//! stricter one per address on the public tracking-code routes. Staff with a bearer token are
//! not limited here (their identity provider and gateway are).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError, web};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::app::AppState;
use crate::error::{ApiError, ErrorCode};

/// Requests a minute allowed to each kind of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitSettings {
    /// Per API key.
    pub api_key_per_minute: NonZeroU32,
    /// Per client address, for requests without credentials.
    pub anonymous_per_minute: NonZeroU32,
    /// Per client address, on `/api/v1/complaint-status/…`.
    pub public_status_per_minute: NonZeroU32,
}

impl RateLimitSettings {
    /// Limits so high that nothing is limited (tests that are not about limits).
    pub const UNLIMITED: Self = Self {
        api_key_per_minute: NonZeroU32::MAX,
        anonymous_per_minute: NonZeroU32::MAX,
        public_status_per_minute: NonZeroU32::MAX,
    };
}

/// The limiters, shared by every worker of the process.
#[derive(Clone)]
pub struct RateLimits {
    api_keys: Arc<DefaultKeyedRateLimiter<String>>,
    anonymous: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    public_status: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits").finish_non_exhaustive()
    }
}

/// Beyond this many tracked callers, forgotten ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

impl RateLimits {
    /// Limiters with `settings`.
    pub fn new(settings: RateLimitSettings) -> Self {
        Self {
            api_keys: Arc::new(RateLimiter::keyed(Quota::per_minute(
                settings.api_key_per_minute,
            ))),
            anonymous: Arc::new(RateLimiter::keyed(Quota::per_minute(
                settings.anonymous_per_minute,
            ))),
            public_status: Arc::new(RateLimiter::keyed(Quota::per_minute(
                settings.public_status_per_minute,
            ))),
        }
    }

    /// How long the caller of `req` must wait, if it is over its limit.
    fn wait(&self, req: &ServiceRequest) -> Option<Duration> {
        let path = req.path();
        if !path.starts_with("/api/v1/") {
            return None;
        }
        let peer = req.peer_addr().map(|a| a.ip());
        let headers = req.headers();
        let outcome = if let Some(key) = headers.get("x-api-key") {
            // The public prefix identifies the key; a malformed header is limited as it is.
            let key = key.to_str().unwrap_or("");
            let id: String = key.chars().take(16).collect();
            sweep(&self.api_keys);
            self.api_keys.check_key(&id)
        } else if headers.contains_key(header::AUTHORIZATION) {
            return None;
        } else {
            let peer = peer?;
            let limiter = if path.starts_with("/api/v1/complaint-status/") {
                &self.public_status
            } else {
                &self.anonymous
            };
            sweep(limiter);
            limiter.check_key(&peer)
        };
        outcome
            .err()
            .map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

fn sweep<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>) {
    if limiter.len() > SWEEP_ABOVE {
        limiter.retain_recent();
    }
}

/// Answers 429 with `Retry-After` to a caller over its limit; passes the rest on.
pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let wait = req
        .app_data::<web::Data<AppState>>()
        .and_then(|state| state.limits.wait(&req));
    match wait {
        None => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body),
        Some(wait) => {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut response = ApiError::new(
                ErrorCode::TooManyRequests,
                format!("the rate limit is reached; try again in {seconds} s"),
            )
            .error_response();
            if let Ok(value) = header::HeaderValue::from_str(&seconds.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Ok(req.into_response(response).map_into_right_body())
        }
    }
}
