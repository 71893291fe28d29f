//! Throw-away databases for tests: an in-memory SQLite database, or a uniquely named
//! PostgreSQL database that is dropped when the handle goes out of scope.

use sea_orm::{ConnectionTrait, DbErr};

use crate::{Database, DatabaseOptions};

/// A fresh, migrated database that exists for one test.
#[derive(Debug)]
pub struct TestDatabase {
    /// The pool on the fresh database.
    pub database: Database,
    /// The URL it was opened with.
    pub url: String,
    /// On PostgreSQL: the server URL to drop the database from, and its name.
    postgres: Option<(String, String)>,
}

/// A test's pool: `max_connections`, and long waits for a connection and for locks, so that a
/// test that queues many requests on a busy machine (all tests run at once) is not answered
/// 503. The tests of the limits set their own.
fn test_options(max_connections: u32) -> DatabaseOptions {
    DatabaseOptions {
        acquire_timeout: std::time::Duration::from_secs(60),
        statement_timeout: std::time::Duration::from_secs(60),
        ..DatabaseOptions::single(max_connections)
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
                postgres: None,
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
            postgres: Some((admin_url.to_owned(), name)),
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
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
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
