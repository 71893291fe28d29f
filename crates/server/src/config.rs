//! Configuration from the environment (and `.env`), checked once at start.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use rand::TryRngCore;
use rand::rngs::OsRng;
use samenleven_domain::model::webhook::AddressPolicy;
use samenleven_http::limits::RequestLimits;
use samenleven_http::ratelimit::RateLimitSettings;
use samenleven_persistence::DatabaseOptions;
use samenleven_persistence::repo::retention::RetentionPeriods;
use samenleven_webhooks::WorkerSettings;
use secrecy::{ExposeSecret, SecretString};

/// Dev mode helps a developer start; production refuses to start without its secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    /// Generated secrets, a demo municipality and an admin token printed at start.
    Dev,
    /// Every secret configured; nothing generated or printed.
    Production,
}

/// The shape of log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object a line, for a log collector.
    Json,
}

/// The settings, each from a flag or its `SAMENLEVEN_*` environment variable.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "SAMENLEVEN_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: SocketAddr,

    /// Database: a SQLite file (`sqlite://file.db?mode=rwc`) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "SAMENLEVEN_DATABASE_URL",
        default_value = "sqlite://samenleven.db?mode=rwc",
        global = true,
        hide_env_values = true
    )]
    pub database_url: String,

    /// `dev` (generated secrets, demo data, printed admin token) or `production`.
    #[arg(
        long = "env",
        env = "SAMENLEVEN_ENV",
        value_enum,
        default_value = "dev",
        global = true
    )]
    pub environment: Environment,

    /// HS256 secret that verifies (and, for `token`, signs) bearer tokens; generated in dev.
    #[arg(long, env = "SAMENLEVEN_JWT_SECRET", global = true, hide_env_values = true, value_parser = parse_secret)]
    pub jwt_secret: Option<SecretString>,

    /// PEM public key that verifies RS256 or ES256 bearer tokens, instead of a secret.
    #[arg(long, env = "SAMENLEVEN_JWT_PUBLIC_KEY_FILE", global = true)]
    pub jwt_public_key_file: Option<PathBuf>,

    /// Expected `iss` of bearer tokens.
    #[arg(
        long,
        env = "SAMENLEVEN_JWT_ISSUER",
        default_value = "samenleven-dev",
        global = true
    )]
    pub jwt_issuer: String,

    /// Expected `aud` of bearer tokens.
    #[arg(
        long,
        env = "SAMENLEVEN_JWT_AUDIENCE",
        default_value = "samenleven",
        global = true
    )]
    pub jwt_audience: String,

    /// Key of the keyed hashes of police and prosecutor references; generated in dev.
    #[arg(long, env = "SAMENLEVEN_PSEUDONYM_KEY", global = true, hide_env_values = true, value_parser = parse_secret)]
    pub pseudonym_key: Option<SecretString>,

    /// Log lines: `pretty` (dev default) or `json` (production default).
    #[arg(long, env = "SAMENLEVEN_LOG_FORMAT", value_enum, global = true)]
    pub log_format: Option<LogFormat>,

    /// Requests a minute per client address on the public tracking-code routes.
    #[arg(long, env = "SAMENLEVEN_PUBLIC_RATE_LIMIT", default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub public_rate_limit: u32,

    /// Requests a minute per API key.
    #[arg(long, env = "SAMENLEVEN_API_KEY_RATE_LIMIT", default_value_t = 1200, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub api_key_rate_limit: u32,

    /// Requests a minute per client address for calls without credentials (other than the
    /// tracking-code routes, which have their own limit).
    #[arg(long, env = "SAMENLEVEN_ANONYMOUS_RATE_LIMIT", default_value_t = 300, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub anonymous_rate_limit: u32,

    /// Months after closing before `registered` reports and withdrawn complaints are anonymised.
    #[arg(long, env = "SAMENLEVEN_RETENTION_SHORT_MONTHS", default_value_t = 12, global = true,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub retention_short_months: u32,

    /// Months after closing before other closed complaints are anonymised.
    #[arg(long, env = "SAMENLEVEN_RETENTION_LONG_MONTHS", default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub retention_long_months: u32,

    /// Months after a subsidy application was rejected, withdrawn, settled or reclaimed before
    /// its contact data is removed.
    #[arg(long, env = "SAMENLEVEN_RETENTION_APPLICATION_MONTHS", default_value_t = 24, global = true,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub retention_application_months: u32,

    /// The largest request body accepted, in bytes (413 beyond it).
    #[arg(long, env = "SAMENLEVEN_MAX_BODY_BYTES", default_value_t = 256 * 1024, global = true,
          value_parser = clap::value_parser!(u32).range(1024..=16 * 1024 * 1024))]
    pub max_body_bytes: u32,

    /// Seconds a request may take before it is stopped and answered 503.
    #[arg(long, env = "SAMENLEVEN_REQUEST_TIMEOUT_SECONDS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub request_timeout_seconds: u64,

    /// Seconds a client may take to send a request's head (or stay idle between requests)
    /// before its connection is closed.
    #[arg(long, env = "SAMENLEVEN_CLIENT_TIMEOUT_SECONDS", default_value_t = 5, global = true,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub client_timeout_seconds: u64,

    /// Most database connections the pool opens [default: 16 on PostgreSQL; on SQLite 8 for
    /// reads beside the one writer connection].
    #[arg(long, env = "SAMENLEVEN_DATABASE_MAX_CONNECTIONS", global = true,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub database_max_connections: Option<u32>,

    /// Seconds a request waits for a database connection before it is answered 503.
    #[arg(long, env = "SAMENLEVEN_DATABASE_TIMEOUT_SECONDS", default_value_t = 5, global = true,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub database_timeout_seconds: u64,

    /// Seconds a PostgreSQL statement may run before the server cancels it (503).
    #[arg(long, env = "SAMENLEVEN_STATEMENT_TIMEOUT_SECONDS", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub statement_timeout_seconds: u64,

    /// Milliseconds before the first retry of a failed webhook delivery; each later retry waits
    /// twice as long (with up to a fifth of jitter), 8 attempts in all.
    #[arg(long, env = "SAMENLEVEN_WEBHOOK_RETRY_BASE_MS", default_value_t = 5000, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub webhook_retry_base_ms: u64,

    /// Milliseconds the webhook worker waits before looking for due deliveries again when it
    /// found none.
    #[arg(long, env = "SAMENLEVEN_WEBHOOK_POLL_MS", default_value_t = 1000, global = true,
          value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub webhook_poll_ms: u64,

    /// Seconds a webhook receiver has to answer one attempt.
    #[arg(long, env = "SAMENLEVEN_WEBHOOK_TIMEOUT_SECS", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u64).range(1..=120))]
    pub webhook_timeout_secs: u64,
}

impl Config {
    /// The pool settings.
    pub fn database_options(&self) -> DatabaseOptions {
        let defaults = DatabaseOptions::for_url(&self.database_url);
        // On a SQLite file the one writer connection stays one; the setting sizes the readers.
        let (max_connections, read_connections) = match self.database_max_connections {
            Some(n) if defaults.read_connections > 0 => (defaults.max_connections, n),
            Some(n) => (n, 0),
            None => (defaults.max_connections, defaults.read_connections),
        };
        DatabaseOptions {
            max_connections,
            read_connections,
            acquire_timeout: Duration::from_secs(self.database_timeout_seconds),
            statement_timeout: Duration::from_secs(self.statement_timeout_seconds),
        }
    }

    /// The body size and time limits.
    pub fn request_limits(&self) -> RequestLimits {
        RequestLimits {
            max_body_bytes: self.max_body_bytes as usize,
            request_timeout: Duration::from_secs(self.request_timeout_seconds),
            client_timeout: Duration::from_secs(self.client_timeout_seconds),
        }
    }

    /// The retention periods.
    pub fn retention(&self) -> RetentionPeriods {
        RetentionPeriods {
            short_months: self.retention_short_months,
            long_months: self.retention_long_months,
            application_months: self.retention_application_months,
        }
    }

    /// Which webhook URLs are accepted: dev mode also takes `http://` on loopback.
    pub fn webhook_policy(&self) -> AddressPolicy {
        match self.environment {
            Environment::Dev => AddressPolicy::Dev,
            Environment::Production => AddressPolicy::Production,
        }
    }

    /// How the webhook delivery worker runs.
    pub fn webhook_worker(&self) -> WorkerSettings {
        WorkerSettings {
            poll_interval: Duration::from_millis(self.webhook_poll_ms),
            retry_base: Duration::from_millis(self.webhook_retry_base_ms),
            timeout: Duration::from_secs(self.webhook_timeout_secs),
            ..WorkerSettings::new(self.webhook_policy())
        }
    }

    /// The rate limits as the HTTP layer takes them.
    pub fn rate_limits(&self) -> RateLimitSettings {
        let per_minute = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        RateLimitSettings {
            api_key_per_minute: per_minute(self.api_key_rate_limit),
            anonymous_per_minute: per_minute(self.anonymous_rate_limit),
            public_status_per_minute: per_minute(self.public_rate_limit),
        }
    }
}

fn parse_secret(value: &str) -> Result<SecretString, String> {
    if value.trim().is_empty() {
        Err("must not be empty".to_owned())
    } else {
        Ok(SecretString::from(value))
    }
}

/// The shortest HS256 secret production accepts, in bytes (256 bits).
const MIN_SECRET_BYTES: usize = 32;

/// How bearer tokens are verified.
#[derive(Debug, Clone)]
pub enum JwtKey {
    /// A shared HS256 secret.
    Secret(SecretString),
    /// A PEM public key (RS256 or ES256).
    PublicKeyPem(Vec<u8>),
}

/// The configuration after its checks, with dev defaults filled in.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The raw configuration.
    pub config: Config,
    /// The verification key of bearer tokens.
    pub jwt_key: JwtKey,
    /// Whether the JWT secret was generated for this run.
    pub jwt_secret_generated: bool,
    /// The key of the keyed hashes of police and prosecutor references.
    pub pseudonym_key: SecretString,
    /// The log format.
    pub log_format: LogFormat,
}

/// A configuration that cannot start the service, with what to do about it.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl Config {
    /// Checks the combination of settings; in dev mode generates what is missing.
    pub fn validate(self) -> Result<Settings, ConfigError> {
        let production = self.environment == Environment::Production;
        if self.jwt_issuer.trim().is_empty() || self.jwt_audience.trim().is_empty() {
            return Err(ConfigError(
                "SAMENLEVEN_JWT_ISSUER and SAMENLEVEN_JWT_AUDIENCE must not be empty".into(),
            ));
        }
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError(
                "SAMENLEVEN_DATABASE_URL must start with sqlite: or postgres://".into(),
            ));
        }
        let (jwt_key, jwt_secret_generated) = match (&self.jwt_secret, &self.jwt_public_key_file) {
            (Some(_), Some(_)) => {
                return Err(ConfigError(
                    "set either SAMENLEVEN_JWT_SECRET or SAMENLEVEN_JWT_PUBLIC_KEY_FILE, not both"
                        .into(),
                ));
            }
            (Some(secret), None) => {
                if production && secret.expose_secret().len() < MIN_SECRET_BYTES {
                    return Err(ConfigError(format!(
                        "SAMENLEVEN_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes in production"
                    )));
                }
                (JwtKey::Secret(secret.clone()), false)
            }
            (None, Some(path)) => {
                let pem = std::fs::read(path).map_err(|e| {
                    ConfigError(format!(
                        "SAMENLEVEN_JWT_PUBLIC_KEY_FILE {} cannot be read: {e}",
                        path.display()
                    ))
                })?;
                (JwtKey::PublicKeyPem(pem), false)
            }
            (None, None) if production => {
                return Err(ConfigError(
                    "production needs SAMENLEVEN_JWT_SECRET (HS256) or SAMENLEVEN_JWT_PUBLIC_KEY_FILE (RS256/ES256)"
                        .into(),
                ));
            }
            (None, None) => (JwtKey::Secret(random_secret()?), true),
        };
        // The key is read by the hate-crime registry; production must have a strong one.
        match &self.pseudonym_key {
            Some(key) if production && key.expose_secret().len() < MIN_SECRET_BYTES => {
                return Err(ConfigError(format!(
                    "SAMENLEVEN_PSEUDONYM_KEY must be at least {MIN_SECRET_BYTES} bytes in production"
                )));
            }
            None if production => {
                return Err(ConfigError(
                    "production needs SAMENLEVEN_PSEUDONYM_KEY (at least 32 bytes): it keys the hashes of police references".into(),
                ));
            }
            _ => {}
        }
        let pseudonym_key = match &self.pseudonym_key {
            Some(key) => key.clone(),
            None => random_secret()?,
        };
        let log_format = self.log_format.unwrap_or(if production {
            LogFormat::Json
        } else {
            LogFormat::Pretty
        });
        Ok(Settings {
            config: self,
            jwt_key,
            jwt_secret_generated,
            pseudonym_key,
            log_format,
        })
    }
}

/// 32 bytes from the operating system's generator, hex-encoded.
fn random_secret() -> Result<SecretString, ConfigError> {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| ConfigError(format!("the OS random generator failed: {e}")))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(SecretString::from(hex))
}
