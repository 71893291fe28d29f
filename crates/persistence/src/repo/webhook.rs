//! Webhook subscriptions and deliveries. Deliveries are queued by [`publish`] inside the
//! transaction of the change they report (the outbox), and claimed by the delivery worker with
//! an atomic conditional update that holds on SQLite and across instances on PostgreSQL.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::model::webhook::{
    Delivery, NewSubscription, Subscription, WebhookEvent, WebhookSecret,
};
use samenleven_domain::reference::{Enumeration, WebhookDeliveryStatus, WebhookEventType};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::{codes, corrupt, internal, parse_codes};
use crate::entity::webhook_delivery as delivery;
use crate::entity::webhook_subscription as subscription;

/// The webhook repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct WebhookStore {
    db: DatabaseConnection,
}

/// A delivery a worker holds, with what it needs to send it.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    /// The delivery.
    pub id: Uuid,
    /// The event's id (`webhook-id`).
    pub event_id: Uuid,
    /// Where to send it.
    pub url: String,
    /// The subscription's signing key.
    pub secret: WebhookSecret,
    /// The body, exactly as stored.
    pub payload: String,
    /// Attempts made before this one.
    pub attempts: u32,
    /// The claim; only its holder may record the attempt.
    pub lease_token: Uuid,
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// The receiver answered 2xx.
    Delivered {
        /// Its status.
        status: u16,
    },
    /// It did not; try again at `retry_at`, or never (`None`): the delivery has failed.
    Failed {
        /// The receiver's status, if it answered.
        status: Option<u16>,
        /// Why, without the receiver's body.
        error: String,
        /// When to try again.
        retry_at: Option<DateTime<Utc>>,
    },
}

fn municipalities_json(municipalities: &BTreeSet<NisCode>) -> serde_json::Value {
    municipalities.iter().map(NisCode::as_str).collect()
}

impl TryFrom<subscription::Model> for Subscription {
    type Error = DomainError;

    fn try_from(model: subscription::Model) -> Result<Self, Self::Error> {
        let events: Vec<WebhookEventType> =
            parse_codes(&model.events, "webhook subscription", "events")?;
        let municipalities = model
            .municipalities
            .as_array()
            .ok_or_else(|| corrupt("webhook subscription", "municipalities"))?
            .iter()
            .map(|v| {
                v.as_str()
                    .and_then(|s| NisCode::parse(s).ok())
                    .ok_or_else(|| corrupt("webhook subscription", "municipalities"))
            })
            .collect::<Result<_, _>>()?;
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

impl TryFrom<delivery::Model> for Delivery {
    type Error = DomainError;

    fn try_from(model: delivery::Model) -> Result<Self, Self::Error> {
        let status = WebhookDeliveryStatus::from_code(&model.status)
            .ok_or_else(|| corrupt("webhook delivery", "status"))?;
        Ok(Self {
            id: model.id,
            subscription_id: model.subscription_id,
            event_id: model.event_id,
            event_type: WebhookEventType::from_code(&model.event_type)
                .ok_or_else(|| corrupt("webhook delivery", "event type"))?,
            record_id: model.record_id,
            status,
            attempts: u32::try_from(model.attempts).unwrap_or(0),
            last_response_status: model
                .last_response_status
                .and_then(|s| u16::try_from(s).ok()),
            last_error: model.last_error,
            created_at: model.created_at,
            last_attempt_at: model.last_attempt_at,
            next_attempt_at: (status == WebhookDeliveryStatus::Pending)
                .then_some(model.next_attempt_at)
                .flatten(),
            delivered_at: model.delivered_at,
            redelivery_of: model.redelivery_of,
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
    let subscriptions = subscription::Entity::find()
        .filter(subscription::Column::Active.eq(true))
        .all(db)
        .await
        .map_err(internal)?;
    let mut payload = None;
    for row in subscriptions {
        let subscription = Subscription::try_from(row)?;
        if !subscription.wants(event) {
            continue;
        }
        let body = match &payload {
            Some(body) => String::clone(body),
            None => {
                let body = serde_json::to_string(&event.body)
                    .map_err(|e| DomainError::Internal(Box::new(e)))?;
                payload = Some(body.clone());
                body
            }
        };
        pending_row(
            Uuid::now_v7(),
            subscription.id,
            event.id,
            event.event_type.code(),
            event.record_id,
            body,
            now,
        )
        .insert(db)
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

    /// A page of the subscription's deliveries, newest first, each with its position for the
    /// cursor; `before` is the position of the last one of the previous page.
    pub async fn deliveries(
        &self,
        subscription_id: Uuid,
        before: Option<i64>,
        limit: u64,
    ) -> Result<Vec<(i64, Delivery)>, DomainError> {
        let mut query = delivery::Entity::find()
            .filter(delivery::Column::SubscriptionId.eq(subscription_id))
            .order_by_desc(delivery::Column::Seq)
            .limit(limit);
        if let Some(before) = before {
            query = query.filter(delivery::Column::Seq.lt(before));
        }
        query
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|row| Ok((row.seq, Delivery::try_from(row)?)))
            .collect()
    }

    /// Queues the event of a delivered or failed delivery again, with the same `webhook-id`;
    /// a conflict while it is still pending.
    pub async fn redeliver(
        &self,
        subscription_id: Uuid,
        delivery_id: Uuid,
    ) -> Result<Delivery, DomainError> {
        let original = delivery::Entity::find()
            .filter(delivery::Column::SubscriptionId.eq(subscription_id))
            .filter(delivery::Column::Id.eq(delivery_id))
            .one(&self.db)
            .await
            .map_err(internal)?
            .ok_or(DomainError::NotFound("webhook delivery"))?;
        if original.status == WebhookDeliveryStatus::Pending.code() {
            return Err(DomainError::Conflict(
                "the delivery is still pending: it is tried again on its own schedule".to_owned(),
            ));
        }
        let mut row = pending_row(
            Uuid::now_v7(),
            subscription_id,
            original.event_id,
            &original.event_type,
            original.record_id,
            original.payload,
            Utc::now(),
        );
        row.redelivery_of = Set(Some(original.id));
        row.insert(&self.db).await.map_err(internal)?.try_into()
    }

    /// Claims up to `limit` deliveries that are due, each the oldest pending one of its record
    /// for its subscription (so a record's events go out in order), for `lease`. The claim is
    /// one conditional update per delivery: of several workers, on one database or several
    /// instances, exactly one sees its update take effect.
    pub async fn claim(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<ClaimedDelivery>, DomainError> {
        let pending = WebhookDeliveryStatus::Pending.code();
        let earlier = Alias::new("earlier");
        let earlier_pending = Query::select()
            .expr(Expr::val(1))
            .from_as(delivery::Entity, earlier.clone())
            .and_where(
                Expr::col((earlier.clone(), delivery::Column::SubscriptionId))
                    .equals((delivery::Entity, delivery::Column::SubscriptionId)),
            )
            .and_where(
                Expr::col((earlier.clone(), delivery::Column::RecordId))
                    .equals((delivery::Entity, delivery::Column::RecordId)),
            )
            .and_where(Expr::col((earlier.clone(), delivery::Column::Status)).eq(pending))
            .and_where(
                Expr::col((earlier, delivery::Column::Seq))
                    .lt(Expr::col((delivery::Entity, delivery::Column::Seq))),
            )
            .to_owned();
        let active = Query::select()
            .column(subscription::Column::Id)
            .from(subscription::Entity)
            .and_where(Expr::col(subscription::Column::Active).eq(true))
            .to_owned();
        let candidates = delivery::Entity::find()
            .filter(delivery::Column::Status.eq(pending))
            .filter(delivery::Column::NextAttemptAt.lte(now))
            .filter(free(now))
            .filter(delivery::Column::SubscriptionId.in_subquery(active))
            .filter(Expr::exists(earlier_pending).not())
            .order_by_asc(delivery::Column::Seq)
            .limit(limit)
            .all(&self.db)
            .await
            .map_err(internal)?;
        let mut claimed = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let token = Uuid::new_v4();
            let result = delivery::Entity::update_many()
                .col_expr(delivery::Column::LeaseUntil, Expr::value(now + lease))
                .col_expr(delivery::Column::LeaseToken, Expr::value(token))
                .filter(delivery::Column::Id.eq(candidate.id))
                .filter(delivery::Column::Status.eq(pending))
                .filter(delivery::Column::NextAttemptAt.lte(now))
                .filter(free(now))
                .exec(&self.db)
                .await
                .map_err(internal)?;
            if result.rows_affected != 1 {
                continue;
            }
            let Some(subscription) = subscription::Entity::find_by_id(candidate.subscription_id)
                .one(&self.db)
                .await
                .map_err(internal)?
            else {
                continue;
            };
            let secret = WebhookSecret::from_slice(&subscription.secret)
                .ok_or_else(|| corrupt("webhook subscription", "secret"))?;
            claimed.push(ClaimedDelivery {
                id: candidate.id,
                event_id: candidate.event_id,
                url: subscription.url,
                secret,
                payload: candidate.payload,
                attempts: u32::try_from(candidate.attempts).unwrap_or(0),
                lease_token: token,
            });
        }
        Ok(claimed)
    }

    /// Records the attempt on a claimed delivery and releases it; whether the claim still held.
    pub async fn record_attempt(
        &self,
        claimed: &ClaimedDelivery,
        outcome: &AttemptOutcome,
        now: DateTime<Utc>,
    ) -> Result<bool, DomainError> {
        let attempts = i32::try_from(claimed.attempts.saturating_add(1)).unwrap_or(i32::MAX);
        let mut update = delivery::Entity::update_many()
            .col_expr(delivery::Column::Attempts, Expr::value(attempts))
            .col_expr(delivery::Column::LastAttemptAt, Expr::value(now))
            .col_expr(
                delivery::Column::LeaseUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                delivery::Column::LeaseToken,
                Expr::value(Option::<Uuid>::None),
            );
        update = match outcome {
            AttemptOutcome::Delivered { status } => update
                .col_expr(
                    delivery::Column::Status,
                    Expr::value(WebhookDeliveryStatus::Delivered.code()),
                )
                .col_expr(
                    delivery::Column::LastResponseStatus,
                    Expr::value(i32::from(*status)),
                )
                .col_expr(
                    delivery::Column::LastError,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(delivery::Column::DeliveredAt, Expr::value(now))
                .col_expr(
                    delivery::Column::NextAttemptAt,
                    Expr::value(Option::<DateTime<Utc>>::None),
                ),
            AttemptOutcome::Failed {
                status,
                error,
                retry_at,
            } => {
                let state = if retry_at.is_some() {
                    WebhookDeliveryStatus::Pending
                } else {
                    WebhookDeliveryStatus::Failed
                };
                let error: String = error.chars().take(200).collect();
                update
                    .col_expr(delivery::Column::Status, Expr::value(state.code()))
                    .col_expr(
                        delivery::Column::LastResponseStatus,
                        Expr::value(status.map(i32::from)),
                    )
                    .col_expr(delivery::Column::LastError, Expr::value(error))
                    .col_expr(delivery::Column::NextAttemptAt, Expr::value(*retry_at))
            }
        };
        let result = update
            .filter(delivery::Column::Id.eq(claimed.id))
            .filter(delivery::Column::LeaseToken.eq(claimed.lease_token))
            .exec(&self.db)
            .await
            .map_err(internal)?;
        Ok(result.rows_affected == 1)
    }
}

/// Not held by a worker, or held by one whose lease has run out.
fn free(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(delivery::Column::LeaseUntil.is_null())
        .add(delivery::Column::LeaseUntil.lte(now))
}
