//! The `complaint_conduct` table: one row per complaint and conduct, for statistics in SQL.

use sea_orm::entity::prelude::*;

/// One complaint × conduct row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_conduct")]
pub struct Model {
    /// The complaint.
    #[sea_orm(primary_key, auto_increment = false)]
    pub complaint_id: Uuid,
    /// The conduct code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub conduct: String,
    /// The complaint's municipality.
    pub municipality: String,
    /// The complaint's day of receipt.
    pub received_on: Date,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
