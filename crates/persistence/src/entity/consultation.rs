//! The `consultations` table.

use sea_orm::entity::prelude::*;

/// One consultation row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// JSON array of NIS codes.
    pub municipalities: Json,
    /// The sorted NIS codes joined by commas: the key of "the same set of municipalities".
    pub municipality_set: String,
    /// `YYYY-H1` or `YYYY-H2`.
    pub period: String,
    /// When.
    pub scheduled_at: DateTimeUtc,
    /// Where.
    pub location: String,
    /// Status code.
    pub status: String,
    /// The minutes.
    pub minutes: Option<String>,
    /// Bumped on every change.
    pub version: i32,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
