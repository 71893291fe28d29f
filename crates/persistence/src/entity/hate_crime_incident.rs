//! The `hate_crime_incidents` table. Police and prosecutor references are keyed hashes only.

use sea_orm::entity::prelude::*;

/// One incident row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hate_crime_incidents")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `HC-YYYY-NNNNNN`, unique per municipality.
    pub reference: String,
    /// NIS code.
    pub municipality: String,
    /// When it happened.
    pub occurred_on: Date,
    /// Location kind code.
    pub location_kind: String,
    /// District.
    pub district: Option<String>,
    /// JSON array of bias-motivation codes.
    pub bias_motivations: Json,
    /// JSON array of crime-type codes.
    pub crime_types: Json,
    /// Source code.
    pub source: String,
    /// HMAC-SHA256 of the normalised police report number.
    pub police_reference_hash: Option<Vec<u8>>,
    /// HMAC-SHA256 of the normalised prosecutor's file number.
    pub prosecutor_reference_hash: Option<Vec<u8>>,
    /// Police zone.
    pub police_zone: Option<String>,
    /// Prosecution status code.
    pub prosecution_status: String,
    /// The complaint it was escalated from.
    pub linked_complaint: Option<Uuid>,
    /// An earlier incident with the same reference hash.
    pub possible_duplicate_of: Option<Uuid>,
    /// The partner that submitted it.
    pub submitted_by_partner: Option<Uuid>,
    /// The staff subject that recorded it.
    pub created_by: Option<String>,
    /// When it was recorded.
    pub created_at: DateTimeUtc,
    /// Bumped on every change.
    pub version: i32,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
