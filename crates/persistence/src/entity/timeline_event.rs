//! The `timeline_events` table: the append-only history of every register's records.

use sea_orm::entity::prelude::*;

/// One event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "timeline_events")]
pub struct Model {
    /// UUIDv7, so the order of ids is the order of events.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `complaint`, `incident`, `consultation`, `application`.
    pub register: String,
    /// The record.
    pub record_id: Uuid,
    /// Who: `staff:<sub>`, `partner:<id>`, `reporter`.
    pub actor: String,
    /// What, e.g. `created`, `status_changed`.
    pub action: String,
    /// Status before.
    pub from_status: Option<String>,
    /// Status after.
    pub to_status: Option<String>,
    /// Details without personal data.
    pub detail: Option<Json>,
    /// When.
    pub at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
