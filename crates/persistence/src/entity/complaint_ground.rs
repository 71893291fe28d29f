//! The `complaint_grounds` table: one row per complaint and ground, for statistics in SQL.

use sea_orm::entity::prelude::*;

/// One complaint × ground row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_grounds")]
pub struct Model {
    /// The complaint.
    #[sea_orm(primary_key, auto_increment = false)]
    pub complaint_id: Uuid,
    /// The ground code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub ground: String,
    /// The complaint's municipality.
    pub municipality: String,
    /// The complaint's day of receipt.
    pub received_on: Date,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
