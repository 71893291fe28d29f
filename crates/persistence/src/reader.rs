//! Reads outside a transaction.
//!
//! On a SQLite file they go to read-only connections the service opens at start and lends out
//! itself ([`Reader::Sqlite`]). sqlx runs each SQLite connection on a thread of its own and
//! hands every statement to it and back; its pool adds a second round trip for every
//! statement, a ping it sends each connection that comes back (hard-wired in sqlx 0.9). A
//! SQLite connection has nothing between it and the file that a ping could find broken, so
//! these connections are lent without one: a read is one round trip to a connection's thread.
//! PostgreSQL, and an in-memory SQLite database, read through the one pool ([`Reader::Pool`]).

use std::sync::Arc;
use std::time::Duration;

use deadpool::unmanaged::{Object, Pool, PoolConfig, PoolError};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sea_orm::sqlx::{self, AssertSqlSafe, ConnectOptions, Connection};
use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, ExecResult,
    QueryResult, RuntimeErr, Statement,
};
use sea_query_sqlx::SqlxValues;

/// Where the reads outside a transaction go; cheap to clone.
#[derive(Debug, Clone)]
pub enum Reader {
    /// The pool every write goes to as well, or a pool of its own.
    Pool(DatabaseConnection),
    /// Read-only SQLite connections held open and lent without a ping.
    Sqlite(SqliteReaders),
}

impl From<DatabaseConnection> for Reader {
    fn from(db: DatabaseConnection) -> Self {
        Self::Pool(db)
    }
}

impl Reader {
    /// Closes the connections this reader holds; a pool shared with the writers is left open.
    pub(crate) async fn close(self) -> Result<(), DbErr> {
        match self {
            Self::Pool(_) => Ok(()),
            Self::Sqlite(readers) => readers.close().await,
        }
    }
}

/// Read-only connections to one SQLite file, each lent to one statement at a time.
#[derive(Clone)]
pub struct SqliteReaders {
    connections: Pool<SqliteConnection>,
}

impl std::fmt::Debug for SqliteReaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = self.connections.status();
        f.debug_struct("SqliteReaders")
            .field("connections", &status.size)
            .field("idle", &status.available)
            .finish()
    }
}

impl SqliteReaders {
    /// Opens `count` connections with `options`; a statement waits at most `acquire_timeout`
    /// for one to be free, then is refused as [`ConnAcquireErr::Timeout`] (503).
    pub(crate) async fn open(
        options: SqliteConnectOptions,
        count: u32,
        acquire_timeout: Duration,
    ) -> Result<Self, DbErr> {
        let count = usize::try_from(count.max(1)).unwrap_or(1);
        let options = options.read_only(true).disable_statement_logging();
        let connections = Pool::from_config(&PoolConfig {
            max_size: count,
            timeout: Some(acquire_timeout),
            runtime: Some(deadpool::Runtime::Tokio1),
        });
        for _ in 0..count {
            let connection = options
                .connect()
                .await
                .map_err(|e| DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e))))?;
            connections
                .try_add(connection)
                .map_err(|(_, e)| unavailable(e))?;
        }
        Ok(Self { connections })
    }

    /// A free connection, waiting for one up to the acquire timeout.
    async fn lend(&self) -> Result<Object<SqliteConnection>, DbErr> {
        self.connections.get().await.map_err(unavailable)
    }

    /// Refuses new statements and closes every connection not lent out (a lent one closes
    /// when it comes back).
    async fn close(self) -> Result<(), DbErr> {
        let mut idle = Vec::new();
        while let Ok(connection) = self.connections.try_remove() {
            idle.push(connection);
        }
        self.connections.close();
        for connection in idle {
            connection.close().await.map_err(query_error)?;
        }
        Ok(())
    }
}

/// The statement as sqlx runs it, with sea-orm's values bound.
fn prepare(stmt: &Statement) -> sqlx::query::Query<'_, sqlx::Sqlite, SqlxValues> {
    let values = stmt.values.clone().unwrap_or(sea_orm::Values(Vec::new()));
    sqlx::query_with(AssertSqlSafe(stmt.sql.as_str()), SqlxValues(values))
}

/// A failed statement, as sea-orm reports one (so that `is_unavailable` reads it the same).
fn query_error(err: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(Arc::new(err)))
}

/// No connection to lend: the wait ran out, or the service is stopping.
fn unavailable(err: PoolError) -> DbErr {
    DbErr::ConnectionAcquire(match err {
        PoolError::Closed => ConnAcquireErr::ConnectionClosed,
        PoolError::Timeout | PoolError::NoRuntimeSpecified => ConnAcquireErr::Timeout,
    })
}

#[async_trait::async_trait]
impl ConnectionTrait for Reader {
    fn get_database_backend(&self) -> DatabaseBackend {
        match self {
            Self::Pool(db) => db.get_database_backend(),
            Self::Sqlite(_) => DatabaseBackend::Sqlite,
        }
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        match self {
            Self::Pool(db) => db.execute_raw(stmt).await,
            Self::Sqlite(readers) => {
                let mut connection = readers.lend().await?;
                let done = prepare(&stmt).execute(&mut *connection).await;
                done.map(ExecResult::from).map_err(query_error)
            }
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match self {
            Self::Pool(db) => db.execute_unprepared(sql).await,
            Self::Sqlite(readers) => {
                let mut connection = readers.lend().await?;
                let done = sqlx::raw_sql(AssertSqlSafe(sql))
                    .execute(&mut *connection)
                    .await;
                done.map(ExecResult::from).map_err(query_error)
            }
        }
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        match self {
            Self::Pool(db) => db.query_one_raw(stmt).await,
            Self::Sqlite(readers) => {
                let mut connection = readers.lend().await?;
                let row = prepare(&stmt).fetch_optional(&mut *connection).await;
                row.map(|row| row.map(QueryResult::from))
                    .map_err(query_error)
            }
        }
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match self {
            Self::Pool(db) => db.query_all_raw(stmt).await,
            Self::Sqlite(readers) => {
                let mut connection = readers.lend().await?;
                let rows = prepare(&stmt).fetch_all(&mut *connection).await;
                rows.map(|rows| rows.into_iter().map(QueryResult::from).collect())
                    .map_err(query_error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sea_orm::{ConnectionTrait, DbErr, Statement};

    use super::Reader;
    use crate::database::{is_closed, is_unavailable};
    use crate::{Database, DatabaseOptions};

    /// A SQLite file with table `t` (1, 2, 3), opened as the service opens one but with
    /// `readers` read-only connections and `wait` to get one; and its directory.
    async fn file_with_rows(
        readers: u32,
        wait: Duration,
    ) -> Result<(Database, std::path::PathBuf), DbErr> {
        let directory = std::env::temp_dir().join(format!(
            "samenleven-reader-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&directory).map_err(|e| DbErr::Custom(e.to_string()))?;
        let url = format!(
            "sqlite://{}?mode=rwc",
            directory.join("samenleven.db").display()
        );
        let options = DatabaseOptions {
            read_connections: readers,
            acquire_timeout: wait,
            ..DatabaseOptions::for_url(&url)
        };
        let db = Database::connect(&url, options).await?;
        db.connection()
            .execute_unprepared(
                "CREATE TABLE t (x INTEGER NOT NULL); INSERT INTO t VALUES (1), (2), (3)",
            )
            .await?;
        Ok((db, directory))
    }

    fn sql(text: &str) -> Statement {
        Statement::from_string(sea_orm::DatabaseBackend::Sqlite, text)
    }

    /// The one column `x` of every row `text` returns.
    async fn numbers(reader: &Reader, text: &str) -> Result<Vec<i64>, DbErr> {
        reader
            .query_all_raw(sql(text))
            .await?
            .iter()
            .map(|row| row.try_get::<i64>("", "x"))
            .collect()
    }

    /// Counting to `n` in SQLite: a statement that keeps a connection busy a while.
    fn busy(n: u64) -> String {
        format!(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) \
             SELECT max(x) AS x FROM c"
        )
    }

    #[tokio::test]
    async fn reads_on_a_sqlite_file_see_every_commit_and_cannot_write() -> Result<(), DbErr> {
        let (db, directory) = file_with_rows(2, Duration::from_secs(5)).await?;
        let reader = db.reader().clone();
        assert!(matches!(reader, Reader::Sqlite(_)));
        assert_eq!(
            numbers(&reader, "SELECT x FROM t ORDER BY x").await?,
            [1, 2, 3]
        );
        db.connection()
            .execute_unprepared("INSERT INTO t VALUES (4)")
            .await?;
        let row = reader
            .query_one_raw(sql("SELECT count(*) AS x FROM t"))
            .await?
            .ok_or_else(|| DbErr::Custom("no row".into()))?;
        assert_eq!(row.try_get::<i64>("", "x")?, 4);
        assert!(
            reader
                .query_one_raw(sql("SELECT x FROM t WHERE x > 9"))
                .await?
                .is_none()
        );

        // The connections are read-only: a write is an error, not a change, and the
        // connection goes on serving reads.
        for _ in 0..2 {
            let refused = reader.execute_raw(sql("INSERT INTO t VALUES (5)")).await;
            assert!(refused.is_err_and(|e| !is_unavailable(&e)));
            let refused = reader.execute_unprepared("DELETE FROM t").await;
            assert!(refused.is_err());
        }
        assert_eq!(
            numbers(&reader, "SELECT x FROM t ORDER BY x").await?,
            [1, 2, 3, 4]
        );
        // A statement SQLite cannot prepare is the caller's error, not an outage.
        let wrong = reader.query_all_raw(sql("SELECT nothing FROM t")).await;
        assert!(wrong.is_err_and(|e| !is_unavailable(&e)));

        db.close().await?;
        let after = reader.query_all_raw(sql("SELECT x FROM t")).await;
        assert!(after.is_err_and(|e| is_closed(&e) && is_unavailable(&e)));
        let _ = std::fs::remove_dir_all(&directory);
        Ok(())
    }

    #[tokio::test]
    async fn a_read_waits_for_a_free_connection_and_is_refused_as_unavailable_after_the_wait()
    -> Result<(), DbErr> {
        let (db, directory) = file_with_rows(1, Duration::from_millis(200)).await?;
        let Reader::Sqlite(readers) = db.reader().clone() else {
            return Err(DbErr::Custom("not the SQLite readers".into()));
        };
        let reader = Reader::Sqlite(readers.clone());
        let lent = readers.lend().await?;
        let started = std::time::Instant::now();
        let refused = reader.query_all_raw(sql("SELECT x FROM t")).await;
        assert!(refused.is_err_and(|e| is_unavailable(&e) && !is_closed(&e)));
        assert!(started.elapsed() >= Duration::from_millis(150));

        // Given back within the wait, the connection serves the waiting read.
        let waiting = tokio::spawn({
            let reader = reader.clone();
            async move { numbers(&reader, "SELECT x FROM t ORDER BY x").await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(lent);
        let served = waiting.await.map_err(|e| DbErr::Custom(e.to_string()))??;
        assert_eq!(served, [1, 2, 3]);
        db.close().await?;
        let _ = std::fs::remove_dir_all(&directory);
        Ok(())
    }

    #[tokio::test]
    async fn a_read_given_up_half_way_leaves_the_connection_to_the_next_one() -> Result<(), DbErr> {
        let (db, directory) = file_with_rows(1, Duration::from_secs(30)).await?;
        let reader = db.reader().clone();
        // The caller stops waiting while SQLite is still counting (a client that hung up).
        let given_up = tokio::time::timeout(
            Duration::from_millis(20),
            numbers(&reader, &busy(2_000_000)),
        )
        .await;
        assert!(given_up.is_err(), "counting should outlast 20 ms");
        // The one connection answers the next statement with its own rows, not the
        // abandoned one's.
        assert_eq!(
            numbers(&reader, "SELECT x FROM t ORDER BY x").await?,
            [1, 2, 3]
        );
        assert_eq!(numbers(&reader, &busy(10)).await?, [10]);
        db.close().await?;
        let _ = std::fs::remove_dir_all(&directory);
        Ok(())
    }
}
