//! Webhook subscriptions, and [`publish`], which queues an event's deliveries inside the
//! transaction of the change it reports (the outbox). The deliveries themselves (the log, the
//! worker's claims) are in the `deliveries` module.

mod deliveries;

pub use deliveries::{AttemptOutcome, ClaimedDelivery};

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::webhook::{
    NewSubscription, Subscription, WebhookEvent, WebhookSecret,
};
use samenleven_domain::reference::{Enumeration, WebhookDeliveryStatus, WebhookEventType};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::{codes, internal, municipalities_json, parse_codes, parse_municipalities};
use crate::entity::webhook_delivery as delivery;
use crate::entity::webhook_subscription as subscription;

/// The webhook repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct WebhookStore {
    db: DatabaseConnection,
}

impl TryFrom<subscription::Model> for Subscription {
    type Error = DomainError;

    fn try_from(model: subscription::Model) -> Result<Self, Self::Error> {
        let events: Vec<WebhookEventType> =
            parse_codes(&model.events, "webhook subscription", "events")?;
        let municipalities = parse_municipalities(&model.municipalities, "webhook subscription")?;
        Ok(Self {
            id: model.id,
            url: model.url,
            events: events.into_iter().collect(),
            municipalities,
            active: model.active,
            created_at: model.created_at,
            updated_at: model.updated_at,
            version: model.version,
        })
    }
}

fn pending_row(
    id: Uuid,
    subscription_id: Uuid,
    event_id: Uuid,
    event_type: &str,
    record_id: Uuid,
    payload: String,
    now: DateTime<Utc>,
) -> delivery::ActiveModel {
    delivery::ActiveModel {
        id: Set(id),
        subscription_id: Set(subscription_id),
        event_id: Set(event_id),
        event_type: Set(event_type.to_owned()),
        record_id: Set(record_id),
        payload: Set(payload),
        status: Set(WebhookDeliveryStatus::Pending.code().to_owned()),
        attempts: Set(0),
        last_response_status: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        last_attempt_at: Set(None),
        next_attempt_at: Set(Some(now)),
        delivered_at: Set(None),
        lease_until: Set(None),
        lease_token: Set(None),
        redelivery_of: Set(None),
        ..Default::default()
    }
}

/// Queues `event` for every active subscription that wants it, in the transaction `db` of the
/// change it reports: the event is delivered if and only if the change commits.
pub async fn publish(
    db: &impl ConnectionTrait,
    event: &WebhookEvent,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    publish_all(db, std::slice::from_ref(event), now).await
}

/// Most deliveries one insert carries (seven parameters each).
const DELIVERIES_PER_INSERT: usize = 512;

/// [`publish`] for the events of many changes written in one transaction: the subscriptions
/// are read once and the deliveries inserted together.
pub async fn publish_all(
    db: &impl ConnectionTrait,
    events: &[WebhookEvent],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if events.is_empty() {
        return Ok(());
    }
    let subscriptions = subscription::Entity::find()
        .filter(subscription::Column::Active.eq(true))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(Subscription::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::new();
    for event in events {
        let mut payload = None;
        for subscription in subscriptions.iter().filter(|s| s.wants(event)) {
            let body = match &payload {
                Some(body) => String::clone(body),
                None => {
                    let body = serde_json::to_string(&event.body)
                        .map_err(|e| DomainError::Internal(Box::new(e)))?;
                    payload = Some(body.clone());
                    body
                }
            };
            rows.push(pending_row(
                Uuid::now_v7(),
                subscription.id,
                event.id,
                event.event_type.code(),
                event.record_id,
                body,
                now,
            ));
        }
    }
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(DELIVERIES_PER_INSERT));
        delivery::Entity::insert_many(std::mem::replace(&mut rows, rest))
            .exec_without_returning(db)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

impl WebhookStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Stores a new subscription with its signing key.
    pub async fn insert(
        &self,
        new: NewSubscription,
        secret: &WebhookSecret,
    ) -> Result<Subscription, DomainError> {
        let now = Utc::now();
        let events: Vec<_> = new.events.iter().copied().collect();
        subscription::ActiveModel {
            id: Set(Uuid::now_v7()),
            url: Set(new.url),
            events: Set(codes(&events)),
            municipalities: Set(municipalities_json(&new.municipalities)),
            active: Set(new.active),
            secret: Set(secret.key().to_vec()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .map_err(internal)?
        .try_into()
    }

    /// The subscription with this id.
    pub async fn find(&self, id: Uuid) -> Result<Option<Subscription>, DomainError> {
        subscription::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .map_err(internal)?
            .map(Subscription::try_from)
            .transpose()
    }

    /// Every subscription after `after` in id order (subscriptions are few; the caller filters
    /// them by municipality and cuts the page).
    pub async fn list_after(&self, after: Option<Uuid>) -> Result<Vec<Subscription>, DomainError> {
        let mut query = subscription::Entity::find().order_by_asc(subscription::Column::Id);
        if let Some(after) = after {
            query = query.filter(subscription::Column::Id.gt(after));
        }
        query
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Subscription::try_from)
            .collect()
    }

    /// Stores `next` when the stored version is still `next.version`;
    /// [`DomainError::PreconditionFailed`] when it changed in between.
    pub async fn update(&self, next: &Subscription) -> Result<Subscription, DomainError> {
        let now = Utc::now();
        let events: Vec<_> = next.events.iter().copied().collect();
        let result = subscription::Entity::update_many()
            .col_expr(subscription::Column::Url, Expr::value(next.url.clone()))
            .col_expr(subscription::Column::Events, Expr::value(codes(&events)))
            .col_expr(
                subscription::Column::Municipalities,
                Expr::value(municipalities_json(&next.municipalities)),
            )
            .col_expr(subscription::Column::Active, Expr::value(next.active))
            .col_expr(subscription::Column::Version, Expr::value(next.version + 1))
            .col_expr(subscription::Column::UpdatedAt, Expr::value(now))
            .filter(subscription::Column::Id.eq(next.id))
            .filter(subscription::Column::Version.eq(next.version))
            .exec(&self.db)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        Ok(Subscription {
            version: next.version + 1,
            updated_at: now,
            ..next.clone()
        })
    }

    /// Deletes the subscription and its delivery log; whether there was one.
    pub async fn delete(&self, id: Uuid) -> Result<bool, DomainError> {
        // Explicitly, rather than by the foreign key's cascade, which SQLite applies only with
        // its foreign-key checks on.
        delivery::Entity::delete_many()
            .filter(delivery::Column::SubscriptionId.eq(id))
            .exec(&self.db)
            .await
            .map_err(internal)?;
        let result = subscription::Entity::delete_by_id(id)
            .exec(&self.db)
            .await
            .map_err(internal)?;
        Ok(result.rows_affected > 0)
    }
}
