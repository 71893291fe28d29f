//! The access log's group commit. Every read of a complaint's personal data is logged before
//! the read is answered; one transaction a read would cap reads at the rate of commits, so a
//! single task writes the reads that arrive together in one multi-row insert, and answers
//! each request once that insert has committed. Nothing is acknowledged before it is stored.

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::timeline::Register;
use sea_orm::{DatabaseConnection, EntityTrait, Set};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use crate::entity::access_event;
use crate::repo::internal;

/// Most reads one insert carries (six columns each, well within the parameter limits).
const MAX_BATCH: usize = 512;

/// One read to log, and where to answer when it is stored.
struct Pending {
    row: access_event::ActiveModel,
    done: oneshot::Sender<Result<(), String>>,
}

/// A handle on the task that writes access events in batches; cheap to clone.
#[derive(Debug, Clone)]
pub struct AccessLogWriter {
    queue: mpsc::UnboundedSender<Pending>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pending")
    }
}

impl AccessLogWriter {
    /// Starts the writing task on `db`; it ends when the last handle is dropped.
    pub(crate) fn spawn(db: DatabaseConnection) -> Self {
        let (queue, mut incoming) = mpsc::unbounded_channel::<Pending>();
        tokio::spawn(async move {
            let mut batch: Vec<Pending> = Vec::with_capacity(MAX_BATCH);
            while incoming.recv_many(&mut batch, MAX_BATCH).await > 0 {
                let (rows, waiting): (Vec<_>, Vec<_>) =
                    batch.drain(..).map(|p| (p.row, p.done)).unzip();
                let result = access_event::Entity::insert_many(rows)
                    .exec_without_returning(&db)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string());
                for done in waiting {
                    // A request that gave up waiting no longer listens.
                    let _ = done.send(result.clone());
                }
            }
        });
        Self { queue }
    }

    /// Logs that `actor` read the personal data of `record`; returns once it is committed.
    pub async fn record(
        &self,
        register: Register,
        record: Uuid,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let (done, stored) = oneshot::channel();
        let row = access_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            register: Set(register.code().to_owned()),
            record_id: Set(record),
            actor: Set(actor.to_owned()),
            action: Set("read".to_owned()),
            at: Set(at),
        };
        let unavailable = || DomainError::Internal("the access log writer stopped".into());
        self.queue
            .send(Pending { row, done })
            .map_err(|_| unavailable())?;
        stored
            .await
            .map_err(|_| unavailable())?
            .map_err(|e| internal(sea_orm::DbErr::Custom(e)))
    }
}
