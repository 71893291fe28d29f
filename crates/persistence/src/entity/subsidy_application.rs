//! The `subsidy_applications` table.

use sea_orm::entity::prelude::*;

/// One application row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subsidy_applications")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `SUB-YYYY-NNNNNN`, unique per municipality.
    pub reference: String,
    /// NIS code.
    pub municipality: String,
    /// The scheme.
    pub scheme_id: Uuid,
    /// Status code.
    pub status: String,
    /// Applicant kind code.
    pub applicant_kind: String,
    /// Applicant name; null once retention removed it.
    pub applicant_name: Option<String>,
    /// Ten digits, for organisations.
    pub enterprise_number: Option<String>,
    /// Contact person; null once retention removed it.
    pub contact_name: Option<String>,
    /// Contact email; null once retention removed it.
    pub email: Option<String>,
    /// IBAN, compact; null once retention removed it.
    pub iban: Option<String>,
    /// JSON project.
    pub project: Json,
    /// JSON budget.
    pub budget: Json,
    /// Requested cents.
    pub requested_cents: i64,
    /// Awarded cents.
    pub awarded_cents: Option<i64>,
    /// Decision reference.
    pub decision_reference: Option<String>,
    /// Decision day.
    pub decided_on: Option<Date>,
    /// Paid out so far.
    pub paid_cents: i64,
    /// To recover.
    pub reclaim_cents: Option<i64>,
    /// JSON final report.
    pub report: Option<Json>,
    /// Last submission.
    pub submitted_at: Option<DateTimeUtc>,
    /// The partner that entered it.
    pub submitted_by_partner: Option<Uuid>,
    /// The staff subject that entered it.
    pub created_by: Option<String>,
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
