//! The `webhook_subscriptions` table.

use sea_orm::entity::prelude::*;

/// One subscription row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_subscriptions")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Where events are sent.
    pub url: String,
    /// JSON array of `WebhookEventType` codes.
    pub events: Json,
    /// JSON array of NIS codes.
    pub municipalities: Json,
    /// Whether new events are queued for it.
    pub active: bool,
    /// The 32-byte HMAC key (it must be kept to sign; it is never shown after creation).
    pub secret: Vec<u8>,
    /// Bumped on every change.
    pub version: i32,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last changed.
    pub updated_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
