//! Connecting to SQLite or PostgreSQL with the settings each needs.

use std::str::FromStr;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

use crate::access_log::AccessLogWriter;
use crate::checkpoint::Checkpointer;
use crate::migration::Migrator;
use crate::reader::{Reader, SqliteReaders};
use crate::repo::complaint_batch::ComplaintWriter;

/// The page cache of each read-only SQLite connection, in KiB (`PRAGMA cache_size`, negative).
/// Every commit of the writer empties the readers' caches anyway; measured with the load
/// benchmark, 512 KiB a reader served as many lists and reads as SQLite's default 2 MiB, with
/// 10 MB less resident memory.
const READER_CACHE: &str = "-512";
/// The writer's page cache: SQLite's default 2 MiB, for the indexes every insert walks.
const WRITER_CACHE: &str = "-2000";

/// How long a SQLite connection waits for the write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Pool settings that differ between a service and a test.
#[derive(Debug, Clone, Copy)]
pub struct DatabaseOptions {
    /// Most connections the pool opens (on SQLite: the writers).
    pub max_connections: u32,
    /// On a SQLite file: the read-only connections beside the writer; 0 reads on the one pool.
    pub read_connections: u32,
    /// How long a request waits for a pooled connection (and a new connection for its
    /// handshake) before it is answered 503.
    pub acquire_timeout: Duration,
    /// On PostgreSQL, the longest a statement may run before the server cancels it (503).
    pub statement_timeout: Duration,
}

impl DatabaseOptions {
    /// One pool of `max_connections`, for reads and writes alike, with the default timeouts
    /// (5 s to acquire a connection, 10 s per statement).
    pub fn single(max_connections: u32) -> Self {
        Self {
            max_connections,
            read_connections: 0,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(10),
        }
    }

    /// Settings for the service. On SQLite, writes serialise on the database's one write lock
    /// anyway: a single writer connection queues them in the pool, in order, where several
    /// would sleep and retry inside SQLite (measured: 6,400 inserts a second with a p99 of
    /// 23 ms on one writer, against 4,300 with a p99 of 475 ms on eight); reads go to read-only
    /// connections of their own, which WAL lets run beside the writer. Eight readers served 10
    /// to 15% more reads by id a second than four (fewer requests waiting for a connection), for
    /// about 4 MB more resident memory. PostgreSQL takes a larger single pool.
    pub fn for_url(url: &str) -> Self {
        if is_sqlite(url) {
            Self {
                max_connections: 1,
                read_connections: 8,
                ..Self::single(1)
            }
        } else {
            Self::single(16)
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

/// Whether `err` says the pool was closed (the service is stopping).
pub(crate) fn is_closed(err: &DbErr) -> bool {
    matches!(
        err,
        DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::ConnectionClosed)
    )
}

/// Whether the URL names a SQLite database.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// A pooled connection to the service's database.
#[derive(Debug, Clone)]
pub struct Database {
    connection: DatabaseConnection,
    reader: Reader,
    /// On a SQLite file: the connection that checkpoints the write-ahead log.
    checkpoints: Option<(DatabaseConnection, Checkpointer)>,
    access_log: AccessLogWriter,
    complaint_writer: ComplaintWriter,
}

impl Database {
    /// Opens a pool on `url`. On SQLite: write-ahead log, a busy timeout and foreign keys on,
    /// on every pooled connection. An in-memory SQLite database lives as long as its single
    /// connection, so the pool is held to one connection that never expires.
    ///
    /// On a SQLite file with `read_connections`, reads that need no transaction go to that
    /// many read-only connections of their own ([`Self::reader`], [`crate::reader`]), and a
    /// connection of its own checkpoints the write-ahead log in the background
    /// ([`crate::checkpoint`]).
    pub async fn connect(url: &str, options: DatabaseOptions) -> Result<Self, DbErr> {
        let in_memory = is_sqlite(url) && (url.contains(":memory:") || url.contains("mode=memory"));
        let writers = if in_memory {
            1
        } else {
            options.max_connections
        };
        let separate_reader = is_sqlite(url) && !in_memory && options.read_connections > 0;
        let connection =
            sea_orm::Database::connect(pool(url, writers, in_memory, false, options)).await?;
        let (reader, checkpoints) = if separate_reader {
            let file = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?;
            let readers = SqliteReaders::open(
                sqlite(file, true),
                options.read_connections,
                options.acquire_timeout,
            )
            .await?;
            let checkpoints =
                sea_orm::Database::connect(pool(url, 1, false, false, options)).await?;
            let checkpointer = Checkpointer::spawn(checkpoints.clone());
            (Reader::Sqlite(readers), Some((checkpoints, checkpointer)))
        } else {
            (Reader::Pool(connection.clone()), None)
        };
        let access_log = AccessLogWriter::spawn(connection.clone());
        let complaint_writer = ComplaintWriter::spawn(connection.clone());
        Ok(Self {
            connection,
            reader,
            checkpoints,
            access_log,
            complaint_writer,
        })
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

    /// The sea-orm connection, for the repositories: every write and every transaction.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.connection
    }

    /// The connection for reads outside a transaction: read-only connections beside the
    /// writer on a SQLite file, else the same pool as [`Self::connection`].
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// The complaint registrations' writer, which commits many requests together.
    pub fn complaint_writer(&self) -> &ComplaintWriter {
        &self.complaint_writer
    }

    /// The access log's writer, which commits the reads of many requests together.
    pub fn access_log(&self) -> &AccessLogWriter {
        &self.access_log
    }

    /// Closes every pooled connection.
    pub async fn close(self) -> Result<(), DbErr> {
        if let Some((checkpoints, _)) = self.checkpoints {
            checkpoints.close().await?;
        }
        self.reader.close().await?;
        self.connection.close().await
    }
}

/// The options of one pool: write-ahead log, `synchronous = NORMAL` (a commit survives a
/// process crash; only a power loss may take the last ones back), a busy timeout and foreign
/// keys on every SQLite connection; a read-only connection cannot write by mistake. An in-memory
/// SQLite database lives as long as its single connection, so that one never expires.
fn pool(
    url: &str,
    connections: u32,
    in_memory: bool,
    read_only: bool,
    options: DatabaseOptions,
) -> ConnectOptions {
    let mut connect = ConnectOptions::new(url);
    connect
        .max_connections(connections)
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
        .map_sqlx_sqlite_opts(move |opts| sqlite(opts, read_only));
    if in_memory {
        connect.idle_timeout(None).max_lifetime(None);
    }
    if is_sqlite(url) {
        // A SQLite connection is a handle inside this process, with nothing between it and the
        // file to lose; pinging it before every statement only sent one more command to its
        // thread and back.
        connect.test_before_acquire(false);
    }
    connect
}

/// What every SQLite connection is opened with (see [`pool`]).
fn sqlite(options: SqliteConnectOptions, read_only: bool) -> SqliteConnectOptions {
    options
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .foreign_keys(true)
        .create_if_missing(!read_only)
        .read_only(read_only)
        .pragma(
            "cache_size",
            if read_only {
                READER_CACHE
            } else {
                WRITER_CACHE
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_connections_are_not_pinged_before_each_statement_postgres_ones_are() {
        let options = DatabaseOptions::single(1);
        for read_only in [false, true] {
            let sqlite = pool("sqlite:service.db", 1, false, read_only, options);
            assert!(!sqlite.get_test_before_acquire());
        }
        let postgres = pool("postgres://localhost/db", 16, false, false, options);
        assert!(postgres.get_test_before_acquire());
    }
}
