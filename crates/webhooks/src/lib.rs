//! Webhook delivery: a worker that claims due deliveries from the outbox, sends each as a
//! signed POST (Standard Webhooks), and records the answer — retrying with a doubling backoff
//! and jitter until [`MAX_ATTEMPTS`] have failed.
//!
//! Any number of workers, in one process or in several instances on one PostgreSQL database,
//! may run at once: each delivery is claimed by exactly one of them (see
//! [`WebhookStore::claim`]), and a record's events go to a subscription one after the other.

mod resolver;

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures_util::future::join_all;
use rand::TryRngCore;
use rand::rngs::OsRng;
use samenleven_domain::DomainError;
use samenleven_domain::model::webhook::{
    AddressPolicy, DEFAULT_RETRY_BASE, DEFAULT_TIMEOUT, MAX_ATTEMPTS, check_url, retry_delay,
    webhook_id,
};
use samenleven_persistence::repo::webhook::{AttemptOutcome, ClaimedDelivery, WebhookStore};
use sea_orm::DatabaseConnection;

pub use resolver::GuardedResolver;

/// How the worker runs.
#[derive(Debug, Clone, Copy)]
pub struct WorkerSettings {
    /// Which addresses deliveries may reach.
    pub policy: AddressPolicy,
    /// How long it waits for more work when none is due.
    pub poll_interval: Duration,
    /// The wait before the first retry; later ones double.
    pub retry_base: Duration,
    /// How long the receiver has to answer.
    pub timeout: Duration,
    /// How many deliveries it claims at a time, and sends at once.
    pub batch: u64,
}

impl WorkerSettings {
    /// The schedule of DESIGN §11 under `policy`: retries after 5 s, 10 s, 20 s …, a 10 s
    /// timeout, and a look for due deliveries every second.
    pub fn new(policy: AddressPolicy) -> Self {
        Self {
            policy,
            poll_interval: Duration::from_secs(1),
            retry_base: DEFAULT_RETRY_BASE,
            timeout: DEFAULT_TIMEOUT,
            batch: 32,
        }
    }

    /// How long a claim holds: long enough for the attempt to time out and be recorded, after
    /// which another worker may take over a delivery whose worker stopped.
    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.timeout.saturating_mul(3) + Duration::from_secs(5))
            .unwrap_or(chrono::Duration::minutes(1))
    }
}

/// Installs rustls' ring provider as the process's crypto provider, once; later calls and a
/// provider installed by someone else are left alone.
pub fn install_crypto_provider() {
    // An error means a provider is installed already, which is what is wanted.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Why the worker cannot start.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the webhook HTTP client: {0}")]
pub struct WorkerError(#[from] reqwest::Error);

/// Claims and sends webhook deliveries.
#[derive(Clone)]
pub struct DeliveryWorker {
    store: WebhookStore,
    client: reqwest::Client,
    settings: WorkerSettings,
}

impl DeliveryWorker {
    /// A worker on `db`. Its HTTP client follows no redirects, uses no proxy, and resolves
    /// host names through [`GuardedResolver`], so a name cannot lead it to an address the
    /// policy refuses.
    pub fn new(db: DatabaseConnection, settings: WorkerSettings) -> Result<Self, WorkerError> {
        install_crypto_provider();
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(concat!("samenleven-webhooks/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(GuardedResolver::new(settings.policy)))
            .build()?;
        Ok(Self {
            store: WebhookStore::new(db),
            client,
            settings,
        })
    }

    /// Claims the deliveries due now and sends them (at most one per record and subscription,
    /// so order holds); returns how many were attempted.
    pub async fn run_once(&self) -> Result<usize, DomainError> {
        let claimed = self
            .store
            .claim(Utc::now(), self.settings.lease(), self.settings.batch)
            .await?;
        let count = claimed.len();
        let results = join_all(claimed.iter().map(|delivery| self.deliver(delivery))).await;
        for result in results {
            result?;
        }
        Ok(count)
    }

    /// Runs until the process stops: sends whatever is due, and looks again after the poll
    /// interval when nothing was.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.run_once().await {
                    Ok(0) => tokio::time::sleep(self.settings.poll_interval).await,
                    Ok(_) => {}
                    Err(error) => {
                        tracing::error!(%error, "webhook delivery failed; trying again");
                        tokio::time::sleep(self.settings.poll_interval).await;
                    }
                }
            }
        })
    }

    async fn deliver(&self, delivery: &ClaimedDelivery) -> Result<(), DomainError> {
        let outcome = self.attempt(delivery).await;
        let attempts = delivery.attempts.saturating_add(1);
        match &outcome {
            AttemptOutcome::Delivered { status } => {
                tracing::info!(delivery = %delivery.id, attempts, status, "webhook delivered");
            }
            AttemptOutcome::Failed {
                error, retry_at, ..
            } => {
                tracing::warn!(delivery = %delivery.id, attempts, %error, ?retry_at, "webhook attempt failed");
            }
        }
        if !self
            .store
            .record_attempt(delivery, &outcome, Utc::now())
            .await?
        {
            tracing::warn!(delivery = %delivery.id, "the claim on a webhook delivery ran out before its attempt was recorded");
        }
        Ok(())
    }

    async fn attempt(&self, delivery: &ClaimedDelivery) -> AttemptOutcome {
        let attempts = delivery.attempts.saturating_add(1);
        // A URL accepted earlier may break a stricter policy now (dev data in production):
        // that will not change by retrying.
        if let Err(problem) = check_url(&delivery.url, self.settings.policy) {
            return AttemptOutcome::Failed {
                status: None,
                error: format!("the URL {problem}"),
                retry_at: None,
            };
        }
        let id = webhook_id(delivery.event_id);
        let timestamp = Utc::now().timestamp();
        let signature = delivery
            .secret
            .sign(&id, timestamp, delivery.payload.as_bytes());
        let response = self
            .client
            .post(&delivery.url)
            .header("content-type", "application/json")
            .header("webhook-id", &id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(delivery.payload.clone())
            .send()
            .await;
        let (status, error) = match response {
            Ok(response) if response.status().is_success() => {
                return AttemptOutcome::Delivered {
                    status: response.status().as_u16(),
                };
            }
            Ok(response) => {
                let status = response.status();
                (
                    Some(status.as_u16()),
                    format!("the receiver answered {status}"),
                )
            }
            Err(error) => (None, describe(&error)),
        };
        // Jitter needs no strong randomness; without the OS generator it is simply left out.
        let jitter = OsRng
            .try_next_u32()
            .map_or(0.0, |n| f64::from(n) / f64::from(u32::MAX));
        let retry_at = retry_delay(attempts, self.settings.retry_base, jitter)
            .and_then(|delay| chrono::Duration::from_std(delay).ok())
            .map(|delay| Utc::now() + delay);
        if retry_at.is_none() {
            tracing::warn!(delivery = %delivery.id, "webhook delivery failed after {MAX_ATTEMPTS} attempts");
        }
        AttemptOutcome::Failed {
            status,
            error,
            retry_at,
        }
    }
}

/// A short reason for a failed request, without the URL (which the log line names already).
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "the receiver did not answer in time".to_owned()
    } else if error.is_connect() {
        "cannot connect to the receiver (or its address is refused)".to_owned()
    } else {
        "the request failed".to_owned()
    }
}
