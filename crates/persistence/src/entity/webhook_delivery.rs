//! The `webhook_deliveries` table: the outbox and the delivery log in one.

use sea_orm::entity::prelude::*;

/// One event for one subscription.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    /// Write order; a record's deliveries go out in this order.
    #[sea_orm(primary_key)]
    pub seq: i64,
    /// UUIDv7, the id the API shows.
    pub id: Uuid,
    /// The subscription.
    pub subscription_id: Uuid,
    /// The event's id (`webhook-id`), shared by its redeliveries.
    pub event_id: Uuid,
    /// `WebhookEventType` code.
    pub event_type: String,
    /// The record the event is about.
    pub record_id: Uuid,
    /// The JSON body, exactly as it is signed and sent.
    pub payload: String,
    /// `WebhookDeliveryStatus` code.
    pub status: String,
    /// Attempts made.
    pub attempts: i32,
    /// HTTP status of the last answer.
    pub last_response_status: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// Queued.
    pub created_at: DateTimeUtc,
    /// Last tried.
    pub last_attempt_at: Option<DateTimeUtc>,
    /// Next try, while pending.
    pub next_attempt_at: Option<DateTimeUtc>,
    /// Accepted by the receiver.
    pub delivered_at: Option<DateTimeUtc>,
    /// Until when a worker holds it.
    pub lease_until: Option<DateTimeUtc>,
    /// Which claim holds it.
    pub lease_token: Option<Uuid>,
    /// The delivery a redelivery repeats.
    pub redelivery_of: Option<Uuid>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
