//! The `incident_crime_types` table: one row per incident and crime type, for counts in SQL.

use sea_orm::entity::prelude::*;

/// One incident × crime type row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incident_crime_types")]
pub struct Model {
    /// The incident.
    #[sea_orm(primary_key, auto_increment = false)]
    pub incident_id: Uuid,
    /// The code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub crime_type: String,
    /// The incident's municipality.
    pub municipality: String,
    /// The day it happened.
    pub occurred_on: Date,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
