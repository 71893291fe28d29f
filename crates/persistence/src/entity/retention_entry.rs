//! The `retention_ledger` table.

use sea_orm::entity::prelude::*;

/// One anonymised record.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_ledger")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The register.
    pub register: String,
    /// The record.
    pub record_id: Uuid,
    /// Its reference.
    pub reference: String,
    /// Why, e.g. `closed as registered more than 12 months ago`.
    pub reason: String,
    /// When.
    pub anonymised_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
