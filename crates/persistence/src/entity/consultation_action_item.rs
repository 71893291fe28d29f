//! The `consultation_action_items` table.

use sea_orm::entity::prelude::*;

/// One action item row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_action_items")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The consultation it was agreed at.
    pub consultation_id: Uuid,
    /// What.
    pub description: String,
    /// Who.
    pub owner_organisation: String,
    /// By when.
    pub due_on: Date,
    /// Status code.
    pub status: String,
    /// Bumped on every change.
    pub version: i32,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
