//! The `complaint_messages` table: messages between handlers and the reporter.

use sea_orm::entity::prelude::*;

/// One message.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_messages")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The complaint.
    pub complaint_id: Uuid,
    /// `to_reporter` or `from_reporter`.
    pub direction: String,
    /// The handler who wrote it (none for the reporter).
    pub author: Option<String>,
    /// The message.
    pub text: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
