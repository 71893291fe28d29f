//! Reads of a complaint's personal data, logged in the transaction that reads them.
//!
//! Every such read is logged before it is answered. A transaction per read would cap reads at
//! the rate of commits; reading on a read-only connection and then logging on the writer costs
//! each request two hand-offs to a database thread and back, where the hand-offs, not the SQL,
//! bound the rate (tests/bench/HISTORY.md). A single task therefore takes the reads waiting at
//! that moment and, in one transaction on the writer, selects their complaints in one
//! statement, logs in one multi-row insert each read its caller may make, and commits; then it
//! answers each request with the complaint it read. What is answered is what was logged, and
//! nothing is answered before its log entry is stored. The price: on SQLite these reads wait
//! for the one writer, behind a batch of registrations being written.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::Complaint;
use samenleven_domain::timeline::Register;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, TransactionTrait};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use crate::entity::{access_event, complaint as row};
use crate::repo::internal;
use crate::repo::shared::access_entry;

/// Most reads one transaction carries (one parameter each in the select, six in the insert:
/// well within the parameter limits).
const MAX_BATCH: usize = 256;

/// Whether the caller may read the complaint found: the same rule the request is answered by,
/// so that a read is logged exactly when it is answered.
pub type MayRead = Box<dyn FnOnce(&Complaint) -> bool + Send>;

/// What a read finds: the complaint, if there is one (logged when the caller may read it).
type Found = Result<Option<Complaint>, DomainError>;

/// One read waiting to be made and logged.
struct Pending {
    id: Uuid,
    actor: String,
    may_read: MayRead,
    done: oneshot::Sender<Found>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pending")
    }
}

/// A handle on the task that reads complaints and logs those reads in batches; cheap to
/// clone.
#[derive(Debug, Clone)]
pub struct AccessLogWriter {
    queue: mpsc::UnboundedSender<Pending>,
}

impl AccessLogWriter {
    /// Starts the task on `db`; it ends when the last handle is dropped.
    pub(crate) fn spawn(db: DatabaseConnection) -> Self {
        let (queue, mut incoming) = mpsc::unbounded_channel::<Pending>();
        tokio::spawn(async move {
            let mut batch: Vec<Pending> = Vec::with_capacity(MAX_BATCH);
            while incoming.recv_many(&mut batch, MAX_BATCH).await > 0 {
                read_and_log(&db, std::mem::take(&mut batch)).await;
            }
        });
        Self { queue }
    }

    /// The complaint `id`, its read by `actor` logged when `may_read` allows it; `None` when
    /// there is no such complaint. Answers once the log entry is committed.
    pub(crate) async fn read(
        &self,
        id: Uuid,
        actor: &str,
        may_read: MayRead,
    ) -> Result<Option<Complaint>, DomainError> {
        let (done, found) = oneshot::channel();
        let stopped = || DomainError::Internal("the access log writer stopped".into());
        self.queue
            .send(Pending {
                id,
                actor: actor.to_owned(),
                may_read,
                done,
            })
            .map_err(|_| stopped())?;
        found.await.map_err(|_| stopped())?
    }
}

/// Reads and logs `batch` in one transaction, and answers each request.
async fn read_and_log(db: &DatabaseConnection, batch: Vec<Pending>) {
    let (reads, waiting): (Vec<_>, Vec<_>) = batch
        .into_iter()
        .map(|p| ((p.id, p.actor, p.may_read), p.done))
        .unzip();
    match read_and_log_together(db, reads, Utc::now()).await {
        Ok(answers) => {
            for (answer, done) in answers.into_iter().zip(waiting) {
                // A request that gave up waiting no longer listens.
                let _ = done.send(answer);
            }
        }
        Err(error) => {
            for done in waiting {
                let _ = done.send(Err(internal(error.clone())));
            }
        }
    }
}

/// In one transaction: the complaints `reads` ask for, and a log entry for each read its
/// caller may make; the answers in the order of `reads`. Each complaint is decoded on its own:
/// one that does not decode fails only its own reads.
async fn read_and_log_together(
    db: &DatabaseConnection,
    reads: Vec<(Uuid, String, MayRead)>,
    now: DateTime<Utc>,
) -> Result<Vec<Found>, DbErr> {
    let tx = db.begin().await?;
    let mut ids: Vec<Uuid> = reads.iter().map(|(id, _, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let stored: HashMap<Uuid, row::Model> = row::Entity::find()
        .filter(row::Column::Id.is_in(ids))
        .into_model::<row::Read>()
        .all(&tx)
        .await?
        .into_iter()
        .map(|row::Read(r)| (r.id, r))
        .collect();
    let mut entries = Vec::new();
    let answers: Vec<Found> = reads
        .into_iter()
        .map(|(id, actor, may_read)| {
            let Some(stored) = stored.get(&id) else {
                return Ok(None);
            };
            let complaint = Complaint::try_from(stored.clone())?;
            if may_read(&complaint) {
                entries.push(access_entry(Register::Complaint, id, actor, now));
            }
            Ok(Some(complaint))
        })
        .collect();
    if !entries.is_empty() {
        access_event::Entity::insert_many(entries)
            .exec_without_returning(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok(answers)
}
