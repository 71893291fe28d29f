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
    /// Most connections the pool opens.
    pub max_connections: u32,
}

impl DatabaseOptions {
    /// Settings for the service: a small pool on SQLite, where writes serialise on one lock
    /// anyway, and a larger one on PostgreSQL.
    pub fn for_url(url: &str) -> Self {
        let max_connections = if is_sqlite(url) { 4 } else { 16 };
        Self { max_connections }
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
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false)
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
