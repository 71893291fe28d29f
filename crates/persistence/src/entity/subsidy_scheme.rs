//! The `subsidy_schemes` table.

use sea_orm::entity::prelude::*;

/// One scheme row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subsidy_schemes")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// NIS code.
    pub municipality: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Funding source code.
    pub funding_source: String,
    /// JSON array of applicant kind codes.
    pub eligible_applicants: Json,
    /// JSON array of target group codes.
    pub target_groups: Json,
    /// Budget in cents.
    pub budget_cents: i64,
    /// Maximum award in cents.
    pub max_award_cents: i64,
    /// Maximum share of costs, percent.
    pub max_share_of_costs_percent: i16,
    /// Opening instant.
    pub opens_at: DateTimeUtc,
    /// Closing instant (exclusive).
    pub closes_at: DateTimeUtc,
    /// JSON array of `{code, description, weight}`.
    pub criteria: Json,
    /// Whether an application to it was ever submitted.
    pub has_submissions: bool,
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
