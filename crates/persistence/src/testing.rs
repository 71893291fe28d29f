//! Throw-away databases for tests: an in-memory SQLite database, a SQLite file opened as the
//! service opens one, or a uniquely named PostgreSQL database; each is dropped when the handle
//! goes out of scope.

use sea_orm::{ConnectionTrait, DbErr};

use crate::{Database, DatabaseOptions};

/// A fresh, migrated database that exists for one test.
#[derive(Debug)]
pub struct TestDatabase {
    /// The pool on the fresh database.
    pub database: Database,
    /// The URL it was opened with.
    pub url: String,
    /// What to remove when the handle is dropped.
    cleanup: Cleanup,
}

/// What a test database leaves behind unless it is removed.
#[derive(Debug)]
enum Cleanup {
    /// An in-memory database goes with its connection.
    Nothing,
    /// A SQLite file: its directory.
    Directory(std::path::PathBuf),
    /// A PostgreSQL database: the server URL to drop it from, and its name.
    Postgres(String, String),
}

/// A test's pool: `max_connections` (see [`with_long_waits`]).
fn test_options(max_connections: u32) -> DatabaseOptions {
    with_long_waits(DatabaseOptions::single(max_connections))
}

/// `options` with long waits for a connection and for locks, so that a
/// test that queues many requests on a busy machine (all tests run at once) is not answered
/// 503. The tests of the limits set their own.
fn with_long_waits(options: DatabaseOptions) -> DatabaseOptions {
    DatabaseOptions {
        acquire_timeout: std::time::Duration::from_secs(60),
        statement_timeout: std::time::Duration::from_secs(60),
        ..options
    }
}

impl TestDatabase {
    /// A fresh migrated database: on PostgreSQL when `admin_url` is given (a database named
    /// `samenleven_test_<uuid>` is created on that server), else SQLite in memory.
    pub async fn create(admin_url: Option<&str>) -> Result<Self, DbErr> {
        let Some(admin_url) = admin_url else {
            let url = "sqlite::memory:".to_owned();
            let database = Database::connect(&url, test_options(1)).await?;
            database.migrate().await?;
            return Ok(Self {
                database,
                url,
                cleanup: Cleanup::Nothing,
            });
        };
        let name = format!("samenleven_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url, test_options(1)).await?;
        admin
            .connection()
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
        admin.close().await?;
        let url = with_database_name(admin_url, &name);
        let database = Database::connect(&url, test_options(8)).await?;
        database.migrate().await?;
        Ok(Self {
            database,
            url,
            cleanup: Cleanup::Postgres(admin_url.to_owned(), name),
        })
    }

    /// A fresh migrated SQLite file, in a directory of its own under the system's temporary
    /// directory, opened as the service opens one ([`DatabaseOptions::for_url`]: one writer,
    /// read-only connections beside it, checkpoints in the background) with a test's long
    /// waits.
    pub async fn sqlite_file() -> Result<Self, DbErr> {
        let directory =
            std::env::temp_dir().join(format!("samenleven-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&directory).map_err(|e| DbErr::Custom(e.to_string()))?;
        let url = format!(
            "sqlite://{}?mode=rwc",
            directory.join("samenleven.db").display()
        );
        let database =
            Database::connect(&url, with_long_waits(DatabaseOptions::for_url(&url))).await?;
        database.migrate().await?;
        Ok(Self {
            database,
            url,
            cleanup: Cleanup::Directory(directory),
        })
    }
}

/// Replaces the database name (the path) of a PostgreSQL URL, keeping its query.
pub fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = match std::mem::replace(&mut self.cleanup, Cleanup::Nothing) {
            Cleanup::Nothing => return,
            Cleanup::Directory(directory) => {
                if std::fs::remove_dir_all(&directory).is_err() {
                    tracing::warn!("could not remove a test database's directory");
                }
                return;
            }
            Cleanup::Postgres(admin_url, name) => (admin_url, name),
        };
        // Drop runs outside any async context we could borrow (and also while a failed test
        // unwinds), so the database is dropped on a thread with its own small runtime.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime
                .block_on(async {
                    let admin = Database::connect(&admin_url, test_options(1)).await?;
                    admin
                        .connection()
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await?;
                    admin.close().await
                })
                .map_err(std::io::Error::other)
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            tracing::warn!("could not drop a test database");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database_name;

    #[test]
    fn database_name_is_replaced_in_postgres_urls() {
        assert_eq!(
            with_database_name("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database_name("postgres://u:p@db/x?sslmode=disable", "t2"),
            "postgres://u:p@db/t2?sslmode=disable"
        );
        assert_eq!(
            with_database_name("postgres://db", "t3"),
            "postgres://db/t3"
        );
    }
}
