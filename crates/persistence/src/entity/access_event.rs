//! The `access_events` table: who read which record's personal data, and when.

use sea_orm::entity::prelude::*;

/// One read.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_events")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The register.
    pub register: String,
    /// The record.
    pub record_id: Uuid,
    /// Who.
    pub actor: String,
    /// What, e.g. `read`.
    pub action: String,
    /// When.
    pub at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
