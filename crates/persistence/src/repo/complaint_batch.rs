//! Group commit of complaint registrations. On SQLite every write waits for the one writer
//! connection, and each statement is a hand-off to that connection's thread and back: a
//! registration of six statements in its own transaction is bound by those round trips, not
//! by the work. A single task therefore takes the registrations waiting at that moment and
//! writes them in one transaction of multi-row statements: one counter update per
//! municipality and year, one insert per table. Each request is answered once that
//! transaction has committed; if it fails, each registration is retried on its own, so one
//! bad request cannot fail the others.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::{
    Complaint, ComplaintReference, NewComplaint, reference_year,
};
use samenleven_domain::model::municipality::{ComplaintDeadlines, NisCode};
use samenleven_domain::model::reference_number::ReferencePrefix;
use samenleven_domain::reference::Enumeration;
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, Set, StatementBuilder, TransactionTrait,
};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::complaint::{ComplaintStore, subject, to_row};
use super::shared::publish_changes;
use super::{complaint_counts, corrupt, internal};
use crate::entity::{complaint as row, complaint_conduct, complaint_ground, timeline_event};

/// Most registrations one transaction carries (about forty parameters each: well within the
/// parameter limits of one multi-row insert).
const MAX_BATCH: usize = 64;

/// One registration waiting to be written.
pub(crate) struct Job {
    pub new: NewComplaint,
    pub settings: ComplaintDeadlines,
    pub tracking_code_hash: Vec<u8>,
    pub actor: String,
    pub done: oneshot::Sender<Result<Complaint, DomainError>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

/// A handle on the task that writes registrations in batches; cheap to clone.
#[derive(Debug, Clone)]
pub struct ComplaintWriter {
    queue: mpsc::UnboundedSender<Job>,
}

impl ComplaintWriter {
    /// Starts the writing task on `db`; it ends when the last handle is dropped.
    pub fn spawn(db: DatabaseConnection) -> Self {
        let (queue, mut incoming) = mpsc::unbounded_channel::<Job>();
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(MAX_BATCH);
            while incoming.recv_many(&mut jobs, MAX_BATCH).await > 0 {
                let batch = std::mem::take(&mut jobs);
                write_batch(&db, batch).await;
            }
        });
        Self { queue }
    }

    /// Queues a registration; answers with the stored complaint once it is committed.
    pub(crate) async fn register(&self, job: Job) -> Result<Complaint, DomainError> {
        let (done, stored) = oneshot::channel();
        let stopped = || DomainError::Internal("the complaint writer stopped".into());
        self.queue
            .send(Job { done, ..job })
            .map_err(|_| stopped())?;
        stored.await.map_err(|_| stopped())?
    }
}

/// Writes `jobs` together, or each on its own when together fails.
async fn write_batch(db: &DatabaseConnection, jobs: Vec<Job>) {
    let now = Utc::now();
    match write_together(db, &jobs, now).await {
        Ok(complaints) => {
            for (job, complaint) in jobs.into_iter().zip(complaints) {
                let _ = job.done.send(Ok(complaint));
            }
        }
        Err(error) if jobs.len() == 1 => {
            if let Some(job) = jobs.into_iter().next() {
                let _ = job.done.send(Err(error));
            }
        }
        Err(_) => {
            let store = ComplaintStore::new(db.clone());
            for job in jobs {
                let result = store
                    .create(
                        job.new,
                        job.settings,
                        job.tracking_code_hash,
                        &job.actor,
                        None,
                        |_| Ok((0, String::new())),
                    )
                    .await;
                let _ = job.done.send(result);
            }
        }
    }
}

/// Reserves, for each municipality, `count` numbers of `year`, in one statement; returns the
/// first number of each. The rows are written in the order of the municipality codes, so that
/// batches of several instances lock the same counters in the same order.
async fn reserve(
    db: &impl ConnectionTrait,
    wanted: &BTreeMap<&str, (NisCode, i32)>,
    year: i32,
) -> Result<BTreeMap<String, u32>, DomainError> {
    let table = Alias::new("reference_counters");
    let last = Alias::new("last_number");
    let key = ["prefix", "municipality", "year"].map(Alias::new);
    let mut statement = Query::insert();
    statement.into_table(table.clone()).columns([
        Alias::new("prefix"),
        Alias::new("municipality"),
        Alias::new("year"),
        last.clone(),
    ]);
    for (municipality, count) in wanted.values() {
        statement.values_panic([
            ReferencePrefix::Complaint.as_str().into(),
            municipality.as_str().into(),
            year.into(),
            (*count).into(),
        ]);
    }
    statement
        .on_conflict(
            OnConflict::columns(key)
                .value(
                    last.clone(),
                    Expr::col((table, last.clone()))
                        .add(Expr::col((Alias::new("excluded"), last.clone()))),
                )
                .to_owned(),
        )
        .returning(Query::returning().columns([Alias::new("municipality"), last]));
    let rows = db
        .query_all_raw(StatementBuilder::build(
            &statement,
            &db.get_database_backend(),
        ))
        .await
        .map_err(internal)?;
    let mut first = BTreeMap::new();
    for row in rows {
        let municipality: String = row.try_get("", "municipality").map_err(internal)?;
        let last: i32 = row.try_get("", "last_number").map_err(internal)?;
        let (_, count) = wanted
            .get(municipality.as_str())
            .ok_or_else(|| corrupt("reference counter", "municipality"))?;
        let number =
            u32::try_from(last - count + 1).map_err(|_| corrupt("reference counter", "number"))?;
        first.insert(municipality, number);
    }
    if first.len() != wanted.len() {
        return Err(corrupt("reference counter", "row"));
    }
    Ok(first)
}

async fn write_together(
    db: &DatabaseConnection,
    jobs: &[Job],
    now: DateTime<Utc>,
) -> Result<Vec<Complaint>, DomainError> {
    let year = reference_year(now);
    let tx = db.begin().await.map_err(internal)?;
    let mut wanted: BTreeMap<&str, (NisCode, i32)> = BTreeMap::new();
    for job in jobs {
        let entry = wanted
            .entry(job.new.municipality().as_str())
            .or_insert_with(|| (job.new.municipality().clone(), 0));
        entry.1 += 1;
    }
    let mut next = reserve(&tx, &wanted, year).await?;
    let mut complaints = Vec::with_capacity(jobs.len());
    let (mut rows, mut grounds, mut conduct, mut events, mut changes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for job in jobs {
        let slot = next
            .get_mut(job.new.municipality().as_str())
            .ok_or_else(|| corrupt("reference counter", "slot"))?;
        let reference = ComplaintReference::new(year, *slot).map_err(DomainError::Conflict)?;
        *slot += 1;
        let c = Complaint::register(
            job.new.clone(),
            Uuid::now_v7(),
            reference,
            now,
            job.settings,
        );
        rows.push(to_row(&c, job.tracking_code_hash.clone(), now));
        grounds.extend(c.grounds.iter().map(|g| complaint_ground::ActiveModel {
            complaint_id: Set(c.id),
            ground: Set(g.code().to_owned()),
            municipality: Set(c.municipality.to_string()),
            received_on: Set(c.received_on),
        }));
        conduct.extend(c.conduct.iter().map(|k| complaint_conduct::ActiveModel {
            complaint_id: Set(c.id),
            conduct: Set(k.code().to_owned()),
            municipality: Set(c.municipality.to_string()),
            received_on: Set(c.received_on),
        }));
        // The same event as a single registration records (`ComplaintStore::create`), and
        // its webhook event in this transaction too.
        let created = NewEvent::new(job.actor.clone(), "created")
            .status("", c.status.code())
            .detail(c.reference.to_string());
        events.push(timeline_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            register: Set(Register::Complaint.code().to_owned()),
            record_id: Set(c.id),
            actor: Set(created.actor.clone()),
            action: Set(created.action.clone()),
            from_status: Set(created.from.clone()),
            to_status: Set(created.to.clone()),
            detail: Set(created.detail.clone().map(serde_json::Value::String)),
            at: Set(now),
        });
        changes.push((subject(&c), created));
        complaints.push(c);
    }
    publish_changes(&tx, Register::Complaint, &changes, now).await?;
    row::Entity::insert_many(rows)
        .exec_without_returning(&tx)
        .await
        .map_err(internal)?;
    complaint_ground::Entity::insert_many(grounds)
        .exec_without_returning(&tx)
        .await
        .map_err(internal)?;
    complaint_conduct::Entity::insert_many(conduct)
        .exec_without_returning(&tx)
        .await
        .map_err(internal)?;
    timeline_event::Entity::insert_many(events)
        .exec_without_returning(&tx)
        .await
        .map_err(internal)?;
    complaint_counts::add_all(&tx, &complaints).await?;
    tx.commit().await.map_err(internal)?;
    Ok(complaints)
}
