//! Connecting to SQLite or PostgreSQL with the settings each needs.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

use crate::migration::Migrator;

/// How long a SQLite connection waits for the write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Pool settings that differ between a service and a test.
#[derive(Debug, Clone, Copy)]
pub struct DatabaseOptions {
    /// Most connections the pool opens: the pool is bounded.
    pub max_connections: u32,
    /// How long a request waits for a pooled connection (and a new connection for its
    /// handshake) before it is answered 503.
    pub acquire_timeout: Duration,
    /// On PostgreSQL, the longest a statement may run before the server cancels it (503).
    pub statement_timeout: Duration,
}

impl DatabaseOptions {
    /// Settings for the service: a small pool on SQLite, where writes serialise on one lock
    /// anyway, and a larger one on PostgreSQL.
    pub fn for_url(url: &str) -> Self {
        Self::with_connections(if is_sqlite(url) { 4 } else { 16 })
    }

    /// `max_connections` with the default timeouts (5 s to acquire, 10 s per statement).
    pub fn with_connections(max_connections: u32) -> Self {
        Self {
            max_connections,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(10),
        }
    }
}

/// Whether `err` says the database cannot be reached or is too busy now (rather than that the
/// query is wrong): no connection within the acquire timeout, a connection refused or lost,
/// a server shutting down or starting, a statement cancelled by its timeout, or SQLite's write
/// lock still held after the busy timeout.
pub fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as SqlxError;
    let runtime = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    let RuntimeErr::SqlxError(sqlx) = runtime else {
        return false;
    };
    match sqlx.as_ref() {
        SqlxError::Io(_)
        | SqlxError::Tls(_)
        | SqlxError::PoolTimedOut
        | SqlxError::PoolClosed
        | SqlxError::WorkerCrashed => true,
        SqlxError::Database(db) => db.code().is_some_and(|code| {
            // PostgreSQL: connection exceptions (08), operator intervention (57: shutdown,
            // cannot connect now, query cancelled by statement_timeout). SQLite: SQLITE_BUSY
            // and SQLITE_LOCKED with their extended codes.
            code.starts_with("08")
                || code.starts_with("57")
                || matches!(code.as_ref(), "5" | "6" | "261" | "517" | "262")
        }),
        _ => false,
    }
}

/// Whether the URL names a SQLite database.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// A pooled connection to the service's database.
#[derive(Debug, Clone)]
pub struct Database {
    connection: DatabaseConnection,
}

impl Database {
    /// Opens a pool on `url`. On SQLite: write-ahead log, a busy timeout and foreign keys on,
    /// on every pooled connection. An in-memory SQLite database lives as long as its single
    /// connection, so the pool is held to one connection that never expires.
    pub async fn connect(url: &str, options: DatabaseOptions) -> Result<Self, DbErr> {
        let in_memory = is_sqlite(url) && url.contains(":memory:");
        let mut connect = ConnectOptions::new(url);
        connect
            .max_connections(if in_memory {
                1
            } else {
                options.max_connections
            })
            .min_connections(1)
            .acquire_timeout(options.acquire_timeout)
            .connect_timeout(options.acquire_timeout)
            .sqlx_logging(false)
            .map_sqlx_postgres_opts(move |opts| {
                opts.options([(
                    "statement_timeout",
                    format!("{}ms", options.statement_timeout.as_millis()),
                )])
            })
            .map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
                    .foreign_keys(true)
                    .create_if_missing(true)
            });
        if in_memory {
            connect.idle_timeout(None).max_lifetime(None);
        }
        let connection = sea_orm::Database::connect(connect).await?;
        Ok(Self { connection })
    }

    /// Brings the schema up to date; safe to run on every start.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.connection, None).await
    }

    /// Answers whether the database takes a query now.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.connection.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    /// Which database engine this is.
    pub fn backend(&self) -> DatabaseBackend {
        self.connection.get_database_backend()
    }

    /// The sea-orm connection, for the repositories.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.connection
    }

    /// Closes every pooled connection.
    pub async fn close(self) -> Result<(), DbErr> {
        self.connection.close().await
    }
}
