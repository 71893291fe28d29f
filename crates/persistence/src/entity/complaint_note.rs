//! The `complaint_notes` table: handlers' internal notes.

use sea_orm::entity::prelude::*;

/// One note.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_notes")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The complaint.
    pub complaint_id: Uuid,
    /// Who wrote it.
    pub author: String,
    /// The note.
    pub text: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
