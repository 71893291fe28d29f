//! The `consultation_participants` table.

use sea_orm::entity::prelude::*;

/// One participant row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_participants")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The consultation.
    pub consultation_id: Uuid,
    /// Organisation.
    pub organisation: String,
    /// Participant kind code.
    pub kind: String,
    /// Present.
    pub present: bool,
    /// The partner it is.
    pub partner_id: Option<Uuid>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
