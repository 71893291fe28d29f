//! The `municipalities` table.

use sea_orm::entity::prelude::*;

/// One municipality (tenant) row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "municipalities")]
pub struct Model {
    /// NIS code, the primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub nis_code: String,
    /// Official name.
    pub name: String,
    /// Calendar days to acknowledge a complaint.
    pub acknowledge_days: i32,
    /// Calendar days to resolve a complaint.
    pub resolve_days: i32,
    /// Bumped on every change; the ETag.
    pub version: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row last changed.
    pub updated_at: DateTimeUtc,
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
