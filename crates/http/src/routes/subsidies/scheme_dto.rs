//! Request and response bodies of the subsidy schemes.

use chrono::{DateTime, Utc};
use samenleven_domain::model::subsidy::{
    Criterion, CriterionDraft, Ranked, Scheme, SchemeBudget, SchemeChanges, SchemeDraft,
};
use samenleven_domain::reference::{ApplicantKind, FundingSource, TargetGroup};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::openapi::{enum_array, enum_ref};

/// A criterion applications are scored on (0 to 10 points), weighted.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CriterionBody {
    /// Its code, unique in the scheme, `snake_case`.
    #[schema(example = "reach_of_target_group", max_length = 50)]
    pub code: String,
    /// What reviewers judge.
    #[schema(max_length = 1000)]
    pub description: String,
    /// Its weight, 1 to 100.
    #[schema(minimum = 1, maximum = 100)]
    pub weight: i64,
}

impl From<CriterionBody> for CriterionDraft {
    fn from(c: CriterionBody) -> Self {
        Self {
            code: c.code,
            description: c.description,
            weight: c.weight,
        }
    }
}

impl From<Criterion> for CriterionBody {
    fn from(c: Criterion) -> Self {
        Self {
            code: c.code,
            description: c.description,
            weight: i64::from(c.weight),
        }
    }
}

/// A project-subsidy scheme ("reglement projectsubsidies").
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "municipality": "36008",
    "title": "Projectsubsidies Samenleven 2027",
    "description": "Projects that bring more diversity and equal opportunities.",
    "legalBasis": "Gemeenteraadsbesluit 2026/123",
    "fundingSource": "plan_samenleven",
    "eligibleApplicants": ["nonprofit_association", "de_facto_association", "citizen_initiative"],
    "targetGroups": ["newcomers", "everyone"],
    "budgetCents": 5000000,
    "maxAwardCents": 500000,
    "maxShareOfCostsPercent": 80,
    "opensAt": "2027-01-01T00:00:00Z",
    "closesAt": "2027-03-01T00:00:00Z",
    "criteria": [{"code": "reach_of_target_group", "description": "Reach", "weight": 3}]
}))]
pub struct CreateSchemeRequest {
    /// The municipality's NIS code.
    #[schema(example = "36008")]
    pub municipality: String,
    /// The title, 1 to 200 characters.
    #[schema(max_length = 200)]
    pub title: String,
    /// What the scheme funds.
    #[schema(max_length = 10000)]
    pub description: String,
    /// The regulation it rests on.
    #[schema(max_length = 500)]
    pub legal_basis: String,
    /// Where the money comes from.
    #[schema(schema_with = enum_ref::<FundingSource>)]
    pub funding_source: FundingSource,
    /// The kinds of applicant that may apply.
    #[schema(schema_with = enum_array::<ApplicantKind>)]
    pub eligible_applicants: Vec<ApplicantKind>,
    /// The groups the scheme aims at.
    #[schema(schema_with = enum_array::<TargetGroup>)]
    pub target_groups: Vec<TargetGroup>,
    /// The whole budget in cents; the sum awarded never exceeds it.
    #[schema(minimum = 1)]
    pub budget_cents: i64,
    /// The most one application is awarded, in cents.
    #[schema(minimum = 1)]
    pub max_award_cents: i64,
    /// The largest share of a project's costs the subsidy covers, 1 to 100.
    #[schema(minimum = 1, maximum = 100)]
    pub max_share_of_costs_percent: i64,
    /// When applications can first be submitted.
    pub opens_at: DateTime<Utc>,
    /// When submission closes (exclusive).
    pub closes_at: DateTime<Utc>,
    /// The criteria of the reviews.
    pub criteria: Vec<CriterionBody>,
}

impl From<CreateSchemeRequest> for SchemeDraft {
    fn from(r: CreateSchemeRequest) -> Self {
        Self {
            municipality: r.municipality,
            title: r.title,
            description: r.description,
            legal_basis: r.legal_basis,
            funding_source: r.funding_source,
            eligible_applicants: r.eligible_applicants,
            target_groups: r.target_groups,
            budget_cents: r.budget_cents,
            max_award_cents: r.max_award_cents,
            max_share_of_costs_percent: r.max_share_of_costs_percent,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            criteria: r.criteria.into_iter().map(Into::into).collect(),
        }
    }
}

/// A change of a scheme (JSON merge patch); absent members keep their value. The budget, the
/// maximum award and share, the eligible applicants and the criteria cannot change once an
/// application was submitted (409).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateSchemeRequest {
    /// A new title.
    #[schema(max_length = 200)]
    pub title: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// A new legal basis.
    pub legal_basis: Option<String>,
    /// A new funding source.
    #[schema(schema_with = enum_ref::<FundingSource>)]
    pub funding_source: Option<FundingSource>,
    /// New eligible applicant kinds.
    #[schema(schema_with = enum_array::<ApplicantKind>)]
    pub eligible_applicants: Option<Vec<ApplicantKind>>,
    /// New target groups.
    #[schema(schema_with = enum_array::<TargetGroup>)]
    pub target_groups: Option<Vec<TargetGroup>>,
    /// A new budget in cents.
    pub budget_cents: Option<i64>,
    /// A new maximum award in cents.
    pub max_award_cents: Option<i64>,
    /// A new maximum share of costs.
    pub max_share_of_costs_percent: Option<i64>,
    /// A new opening instant.
    pub opens_at: Option<DateTime<Utc>>,
    /// A new closing instant.
    pub closes_at: Option<DateTime<Utc>>,
    /// New criteria, replacing all.
    pub criteria: Option<Vec<CriterionBody>>,
}

impl From<UpdateSchemeRequest> for SchemeChanges {
    fn from(r: UpdateSchemeRequest) -> Self {
        Self {
            title: r.title,
            description: r.description,
            legal_basis: r.legal_basis,
            funding_source: r.funding_source,
            eligible_applicants: r.eligible_applicants,
            target_groups: r.target_groups,
            budget_cents: r.budget_cents,
            max_award_cents: r.max_award_cents,
            max_share_of_costs_percent: r.max_share_of_costs_percent,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            criteria: r.criteria.map(|c| c.into_iter().map(Into::into).collect()),
        }
    }
}

/// A subsidy scheme. The public view (no credentials) leaves out `budgetCents`,
/// `hasSubmissions` and `version`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SchemeView {
    /// Its id.
    pub id: Uuid,
    /// The municipality's NIS code.
    pub municipality: String,
    /// Its title.
    pub title: String,
    /// What it funds.
    pub description: String,
    /// The regulation it rests on.
    pub legal_basis: String,
    /// Where the money comes from.
    #[schema(schema_with = enum_ref::<FundingSource>)]
    pub funding_source: FundingSource,
    /// The kinds of applicant that may apply.
    #[schema(schema_with = enum_array::<ApplicantKind>)]
    pub eligible_applicants: Vec<ApplicantKind>,
    /// The groups it aims at.
    #[schema(schema_with = enum_array::<TargetGroup>)]
    pub target_groups: Vec<TargetGroup>,
    /// The whole budget in cents (officers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_cents: Option<i64>,
    /// The most one application is awarded, in cents.
    pub max_award_cents: i64,
    /// The largest share of a project's costs it covers.
    pub max_share_of_costs_percent: u8,
    /// When submission opens.
    pub opens_at: DateTime<Utc>,
    /// When submission closes (exclusive).
    pub closes_at: DateTime<Utc>,
    /// The criteria of the reviews.
    pub criteria: Vec<CriterionBody>,
    /// Whether an application was submitted, which locks the money and the criteria
    /// (officers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_submissions: Option<bool>,
    /// The version, as in the ETag (officers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

impl SchemeView {
    /// The view of `s`; `full` for officers, else the public fields only.
    pub fn new(s: Scheme, has_submissions: bool, full: bool) -> Self {
        Self {
            id: s.id,
            municipality: s.municipality.to_string(),
            title: s.title,
            description: s.description,
            legal_basis: s.legal_basis,
            funding_source: s.funding_source,
            eligible_applicants: s.eligible_applicants,
            target_groups: s.target_groups,
            budget_cents: full.then_some(s.budget_cents.get()),
            max_award_cents: s.max_award_cents.get(),
            max_share_of_costs_percent: s.max_share_of_costs_percent,
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            criteria: s.criteria.into_iter().map(Into::into).collect(),
            has_submissions: full.then_some(has_submissions),
            version: full.then_some(s.version),
        }
    }
}

/// The money of a scheme, in cents.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"budgetCents": 5000000, "awardedCents": 3200000, "paidCents": 1000000, "remainingCents": 1800000}))]
pub struct SchemeBudgetView {
    /// The scheme's budget.
    pub budget_cents: i64,
    /// The sum awarded (applications approved or later).
    pub awarded_cents: i64,
    /// The sum paid out.
    pub paid_cents: i64,
    /// What can still be awarded: budget minus awarded.
    pub remaining_cents: i64,
}

impl From<SchemeBudget> for SchemeBudgetView {
    fn from(b: SchemeBudget) -> Self {
        Self {
            budget_cents: b.budget.get(),
            awarded_cents: b.awarded.get(),
            paid_cents: b.paid.get(),
            remaining_cents: b.remaining.get(),
        }
    }
}

/// A line of a scheme's ranking.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RankedApplicationView {
    /// 1 for the first.
    pub position: usize,
    /// The application's id.
    pub application_id: Uuid,
    /// The application's reference.
    pub reference: String,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// How many reviews it has.
    pub review_count: usize,
    /// The average weighted total in thousandths of full marks (0 to 1000), rounded down;
    /// null without reviews.
    pub average_per_mille: Option<u32>,
}

impl RankedApplicationView {
    /// The view of `r`, with the application's reference.
    pub fn new(r: Ranked, reference: String) -> Self {
        Self {
            position: r.position,
            application_id: r.application_id,
            reference,
            submitted_at: r.submitted_at,
            review_count: r.review_count,
            average_per_mille: r.average_per_mille,
        }
    }
}
