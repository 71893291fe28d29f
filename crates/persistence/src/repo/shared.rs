//! What every register shares in the database: reference numbers, the timeline, the access log,
//! idempotency keys and the webhook events of a change. Each takes the connection or transaction
//! it runs in, so a change, its timeline event and its webhook deliveries commit together.

use chrono::{DateTime, Duration, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::model::reference_number::{Reference, ReferencePrefix};
use samenleven_domain::model::webhook::{Subject, WebhookEvent};
use samenleven_domain::timeline::{AccessEvent, Event, NewEvent, Register};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    StatementBuilder,
};
use uuid::Uuid;

use super::{corrupt, internal};
use crate::entity::{access_event, idempotency_key, timeline_event};

/// The next reference of `prefix` for `municipality` in `year`, from a counter row that the
/// transaction `db` locks until it commits: concurrent creations get distinct numbers, and a
/// rolled-back creation gives its number back, so there are no gaps.
pub async fn allocate_reference(
    db: &impl ConnectionTrait,
    prefix: ReferencePrefix,
    municipality: &NisCode,
    year: i32,
) -> Result<Reference, DomainError> {
    let counters = sea_orm::sea_query::Alias::new("reference_counters");
    let last_number = sea_orm::sea_query::Alias::new("last_number");
    let statement = Query::insert()
        .into_table(counters.clone())
        .columns([
            sea_orm::sea_query::Alias::new("prefix"),
            sea_orm::sea_query::Alias::new("municipality"),
            sea_orm::sea_query::Alias::new("year"),
            last_number.clone(),
        ])
        .values_panic([
            prefix.as_str().into(),
            municipality.as_str().into(),
            year.into(),
            1.into(),
        ])
        .on_conflict(
            OnConflict::columns([
                sea_orm::sea_query::Alias::new("prefix"),
                sea_orm::sea_query::Alias::new("municipality"),
                sea_orm::sea_query::Alias::new("year"),
            ])
            .value(
                last_number.clone(),
                Expr::col((counters, last_number.clone())).add(1),
            )
            .to_owned(),
        )
        .returning_col(last_number)
        .to_owned();
    let row = db
        .query_one_raw(StatementBuilder::build(
            &statement,
            &db.get_database_backend(),
        ))
        .await
        .map_err(internal)?
        .ok_or_else(|| corrupt("reference counter", "row"))?;
    let number: i32 = row.try_get("", "last_number").map_err(internal)?;
    let number = u32::try_from(number).map_err(|_| corrupt("reference counter", "number"))?;
    Reference::new(prefix, year, number).map_err(DomainError::Conflict)
}

/// Appends `event` to the timeline of `record` in `register`.
pub async fn append_event(
    db: &impl ConnectionTrait,
    register: Register,
    record: Uuid,
    event: NewEvent,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    timeline_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        register: Set(register.code().to_owned()),
        record_id: Set(record),
        actor: Set(event.actor),
        action: Set(event.action),
        from_status: Set(event.from),
        to_status: Set(event.to),
        detail: Set(event.detail.map(serde_json::Value::String)),
        at: Set(at),
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Appends `event` to the timeline of `subject` and, when the change is one that webhooks
/// report (a creation or a status change), queues its webhook event for every subscription
/// that wants it: both in the transaction `db` of the change, so they commit with it or not at
/// all.
pub async fn record_change(
    db: &impl ConnectionTrait,
    register: Register,
    subject: &Subject,
    event: NewEvent,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    publish_change(db, register, subject, &event, at).await?;
    append_event(db, register, subject.id, event, at).await
}

/// The webhook half of [`record_change`], for a writer that appends the timeline events of
/// many changes in one insert: queues the event of `change` (a creation or a status change)
/// for every subscription that wants it, in the transaction `db` of the change.
pub async fn publish_change(
    db: &impl ConnectionTrait,
    register: Register,
    subject: &Subject,
    change: &NewEvent,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    if let Some(webhook) = WebhookEvent::for_change(Uuid::now_v7(), register, subject, change, at) {
        super::webhook::publish(db, &webhook, at).await?;
    }
    Ok(())
}

/// [`publish_change`] for the changes of many records written in one transaction: one read
/// of the subscriptions and one insert of the deliveries for all of them.
pub async fn publish_changes(
    db: &impl ConnectionTrait,
    register: Register,
    changes: &[(Subject, NewEvent)],
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    let events: Vec<WebhookEvent> = changes
        .iter()
        .filter_map(|(subject, change)| {
            WebhookEvent::for_change(Uuid::now_v7(), register, subject, change, at)
        })
        .collect();
    super::webhook::publish_all(db, &events, at).await
}

/// The timeline of `record`, oldest first.
pub async fn timeline(db: &impl ConnectionTrait, record: Uuid) -> Result<Vec<Event>, DomainError> {
    Ok(timeline_event::Entity::find()
        .filter(timeline_event::Column::RecordId.eq(record))
        .order_by_asc(timeline_event::Column::Id)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|row| Event {
            id: row.id,
            change: NewEvent {
                actor: row.actor,
                action: row.action,
                from: row.from_status,
                to: row.to_status,
                detail: row.detail.and_then(|d| d.as_str().map(str::to_owned)),
            },
            at: row.at,
        })
        .collect())
}

/// Records that `actor` read the personal data of `record`.
pub async fn record_access(
    db: &impl ConnectionTrait,
    register: Register,
    record: Uuid,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    access_entry(register, record, actor.to_owned(), at)
        .insert(db)
        .await
        .map_err(internal)?;
    Ok(())
}

/// The access log's entry of a read of `record` by `actor` at `at`.
pub(crate) fn access_entry(
    register: Register,
    record: Uuid,
    actor: String,
    at: DateTime<Utc>,
) -> access_event::ActiveModel {
    access_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        register: Set(register.code().to_owned()),
        record_id: Set(record),
        actor: Set(actor),
        action: Set("read".to_owned()),
        at: Set(at),
    }
}

/// Who read `record`, oldest first.
pub async fn access_log(
    db: &impl ConnectionTrait,
    record: Uuid,
) -> Result<Vec<AccessEvent>, DomainError> {
    Ok(access_event::Entity::find()
        .filter(access_event::Column::RecordId.eq(record))
        .order_by_asc(access_event::Column::Id)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|row| AccessEvent {
            id: row.id,
            actor: row.actor,
            action: row.action,
            at: row.at,
        })
        .collect())
}

/// How long a keyed response is remembered.
pub const IDEMPOTENCY_WINDOW: Duration = Duration::hours(24);

/// The response first given to a keyed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// SHA-256 of the first request's body.
    pub request_hash: Vec<u8>,
    /// Its status.
    pub status: u16,
    /// Its body.
    pub body: String,
}

/// The remembered response for (`caller`, `route`, `key`), if it is younger than a day.
pub async fn find_idempotent(
    db: &impl ConnectionTrait,
    caller: &str,
    route: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<StoredResponse>, DomainError> {
    let row =
        idempotency_key::Entity::find_by_id((caller.to_owned(), route.to_owned(), key.to_owned()))
            .filter(idempotency_key::Column::CreatedAt.gt(now - IDEMPOTENCY_WINDOW))
            .one(db)
            .await
            .map_err(internal)?;
    row.map(|row| {
        Ok(StoredResponse {
            request_hash: row.request_hash,
            status: u16::try_from(row.status)
                .map_err(|_| super::corrupt("idempotency key", "status"))?,
            body: row.body,
        })
    })
    .transpose()
}

/// Forgets every remembered response that names `record` (its creation's response holds its
/// personal data): part of erasing or anonymising it.
pub async fn forget_responses_naming(
    db: &impl ConnectionTrait,
    record: Uuid,
) -> Result<(), DomainError> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::Body.contains(record.to_string()))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Forgets the remembered responses older than the window.
pub async fn forget_expired_responses(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    Ok(idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lte(now - IDEMPOTENCY_WINDOW))
        .exec(db)
        .await
        .map_err(internal)?
        .rows_affected)
}

/// Where a keyed create's response is remembered.
#[derive(Debug, Clone)]
pub struct IdempotencyRecord {
    /// The caller.
    pub caller: String,
    /// The route.
    pub route: &'static str,
    /// The key.
    pub key: String,
}

/// For a keyed create (`keyed`: where, and the SHA-256 of the request body), remembers the
/// response `respond` builds for the created `record`, in the create's transaction.
pub async fn remember_keyed<T>(
    db: &impl ConnectionTrait,
    keyed: Option<(IdempotencyRecord, Vec<u8>)>,
    record: &T,
    respond: impl FnOnce(&T) -> Result<(u16, String), DomainError>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let Some((key, request_hash)) = keyed else {
        return Ok(());
    };
    let (status, body) = respond(record)?;
    remember_idempotent(
        db,
        &key.caller,
        key.route,
        &key.key,
        StoredResponse {
            request_hash,
            status,
            body,
        },
        now,
    )
    .await
}

/// Remembers the response to (`caller`, `route`, `key`), in the transaction of the change it
/// answers, after forgetting expired keys. A concurrent request with the same key fails here
/// with a conflict and its transaction rolls back, so only one change is made.
pub async fn remember_idempotent(
    db: &impl ConnectionTrait,
    caller: &str,
    route: &str,
    key: &str,
    response: StoredResponse,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    forget_expired_responses(db, now).await?;
    idempotency_key::ActiveModel {
        caller: Set(caller.to_owned()),
        route: Set(route.to_owned()),
        key: Set(key.to_owned()),
        request_hash: Set(response.request_hash),
        status: Set(i32::from(response.status)),
        body: Set(response.body),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(|e| super::map_db_err(e, "a request with this Idempotency-Key is being processed"))?;
    Ok(())
}
