//! Checkpoints of a SQLite file's write-ahead log, in the background.
//!
//! A checkpoint copies the pages committed to the write-ahead log into the database file and
//! syncs both to disk. By default SQLite runs one inside the commit that grows the log past
//! 1,000 pages: that commit, and on the service's one writer connection every write queued
//! behind it (a batch of registrations, the access log that waiting reads are answered after),
//! then waits for the copy and two `fsync`s (one `fsync` after 4 MB of scattered writes took
//! 33 to 36 ms on the benchmark's machine). Here a
//! connection of its own also checkpoints every [`INTERVAL`]. Its checkpoints are `PASSIVE`:
//! they never wait for a lock and hold up neither the writer nor the readers. Under a steady
//! stream of commits they cannot copy the pages being appended meanwhile, so the writer's own
//! checkpoints still run (only they can start the log over), but find most pages copied and
//! synced already. Measured with the load benchmark: about 10% more registrations a second at
//! the same p99; leaving all checkpoints to this task (a writer's threshold of 10,000 pages)
//! let the log grow until a commit of the writer had up to 10,000 pages (40 MB) to copy: p99
//! over 100 ms.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use tokio::sync::mpsc;
use tokio::time::MissedTickBehavior;

/// How often the background connection checkpoints.
const INTERVAL: Duration = Duration::from_millis(250);

/// Keeps the checkpointing task running; it ends when the last clone is dropped.
#[derive(Debug, Clone)]
pub(crate) struct Checkpointer {
    _running: mpsc::Sender<()>,
}

impl Checkpointer {
    /// Starts checkpointing the log of the SQLite file that `db` (a connection that may write)
    /// is open on.
    pub(crate) fn spawn(db: DatabaseConnection) -> Self {
        let (running, mut stopped) = mpsc::channel::<()>(1);
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(INTERVAL);
            ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = stopped.recv() => break,
                }
                if let Err(error) = db
                    .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                    .await
                {
                    if crate::database::is_closed(&error) {
                        break;
                    }
                    tracing::warn!(%error, "checkpoint of the write-ahead log failed; it is tried again");
                }
            }
        });
        Self { _running: running }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use sea_orm::{ConnectionTrait, DbErr};

    use crate::{Database, DatabaseOptions};

    /// The rows of `t` in a copy of the database file alone, without its write-ahead log:
    /// what a checkpoint has written there. `None` while the file holds no such table yet.
    async fn rows_in_file(file: &Path, copy: &Path) -> Result<Option<i64>, DbErr> {
        std::fs::copy(file, copy).map_err(|e| DbErr::Custom(e.to_string()))?;
        let url = format!("sqlite://{}?mode=rw", copy.display());
        let db = sea_orm::Database::connect(&url).await?;
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM t",
            ))
            .await;
        db.close().await?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
        }
        match row {
            Ok(Some(row)) => Ok(Some(row.try_get("", "n")?)),
            _ => Ok(None),
        }
    }

    #[tokio::test]
    async fn committed_rows_reach_the_database_file_without_another_commit() -> Result<(), DbErr> {
        let directory = std::env::temp_dir().join(format!(
            "samenleven-checkpoint-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&directory).map_err(|e| DbErr::Custom(e.to_string()))?;
        let file = directory.join("samenleven.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let db = Database::connect(&url, DatabaseOptions::for_url(&url)).await?;
        let writer = db.connection();
        writer
            .execute_unprepared("CREATE TABLE t (x INTEGER NOT NULL)")
            .await?;
        writer
            .execute_unprepared("INSERT INTO t VALUES (1), (2), (3)")
            .await?;
        // Two commits of a page or two: far below any automatic checkpoint, so only the
        // background connection copies them from the log into the file.
        let copy = directory.join("copy.db");
        let mut found = None;
        for _ in 0..40 {
            // The table may reach the file a checkpoint before its rows do.
            found = rows_in_file(&file, &copy).await?;
            if found == Some(3) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        db.close().await?;
        let _ = std::fs::remove_dir_all(&directory);
        assert_eq!(found, Some(3));
        Ok(())
    }
}
