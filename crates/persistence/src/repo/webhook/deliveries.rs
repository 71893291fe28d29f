//! The delivery log and the worker's side of it: deliveries are claimed with an atomic
//! conditional update that holds on SQLite and across instances on PostgreSQL, and only the
//! holder of a claim records its attempt.

use chrono::{DateTime, Duration, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::webhook::{Delivery, WebhookSecret};
use samenleven_domain::reference::{Enumeration, WebhookDeliveryStatus, WebhookEventType};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use uuid::Uuid;

use super::{WebhookStore, pending_row};
use crate::entity::webhook_delivery as delivery;
use crate::entity::webhook_subscription as subscription;
use crate::repo::{corrupt, internal};

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

impl WebhookStore {
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
