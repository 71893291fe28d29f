//! Subsidy schemes (DESIGN §7): the rules of a call for projects, its budget and its criteria.
//! [`SchemeDraft`] → [`NewScheme`] checks every rule at once; [`Scheme::apply`] changes a scheme
//! with a merge patch, refusing (409) changes to the money and the rules of the game once an
//! application was submitted.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::money::Cents;
use super::scheme_rules::{Terms, check_terms};
use crate::error::DomainError;
use crate::model::municipality::NisCode;
use crate::reference::{ApplicantKind, FundingSource, TargetGroup};

pub use super::scheme_rules::is_snake_case;

/// The longest scheme title accepted.
pub const MAX_SCHEME_TITLE_CHARS: usize = 200;
/// The longest scheme description accepted.
pub const MAX_SCHEME_DESCRIPTION_CHARS: usize = 10_000;
/// The longest legal basis accepted.
pub const MAX_LEGAL_BASIS_CHARS: usize = 500;
/// The longest criterion code accepted.
pub const MAX_CRITERION_CODE_CHARS: usize = 50;
/// The longest criterion description accepted.
pub const MAX_CRITERION_DESCRIPTION_CHARS: usize = 1_000;
/// The highest weight of a criterion (the lowest is 1).
pub const MAX_CRITERION_WEIGHT: u32 = 100;
/// The most criteria a scheme has.
pub const MAX_CRITERIA: usize = 50;

/// One criterion applications are scored on, 0 to 10 points, weighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// Its code, unique in the scheme, `snake_case`, e.g. `reach_of_target_group`.
    pub code: String,
    /// What reviewers judge.
    pub description: String,
    /// Its weight, 1 to 100.
    pub weight: u32,
}

/// A criterion as sent, nothing checked yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionDraft {
    /// Its code.
    pub code: String,
    /// What reviewers judge.
    pub description: String,
    /// Its weight.
    pub weight: i64,
}

/// The request of `POST /api/v1/subsidy-schemes`, as the HTTP layer parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeDraft {
    /// The municipality's NIS code, as sent.
    pub municipality: String,
    /// The title, 1 to 200 characters.
    pub title: String,
    /// What the scheme funds, 1 to 10,000 characters.
    pub description: String,
    /// The regulation it rests on, 1 to 500 characters.
    pub legal_basis: String,
    /// Where the money comes from.
    pub funding_source: FundingSource,
    /// The kinds of applicant that may apply: at least one, each once.
    pub eligible_applicants: Vec<ApplicantKind>,
    /// The groups the scheme aims at: at least one, each once.
    pub target_groups: Vec<TargetGroup>,
    /// The whole budget, more than zero cents.
    pub budget_cents: i64,
    /// The most one application is awarded: more than zero, at most the budget.
    pub max_award_cents: i64,
    /// The largest share of a project's costs the subsidy covers, 1 to 100.
    pub max_share_of_costs_percent: i64,
    /// When applications can first be submitted.
    pub opens_at: DateTime<Utc>,
    /// When submission closes (exclusive), after `opens_at`.
    pub closes_at: DateTime<Utc>,
    /// The criteria of the reviews: at least one, codes unique.
    pub criteria: Vec<CriterionDraft>,
}

/// A scheme that passed every rule; the only way to get one is [`NewScheme::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewScheme(Terms);

impl NewScheme {
    /// Checks `draft` and returns every broken rule at once, each at its JSON pointer. Texts
    /// are trimmed.
    pub fn validate(draft: SchemeDraft) -> Result<Self, DomainError> {
        check_terms(draft)
            .map(Self)
            .map_err(DomainError::Validation)
    }

    /// The municipality it is for (the caller must be granted it, or 403).
    pub fn municipality(&self) -> &NisCode {
        &self.0.municipality
    }

    /// Its title, trimmed.
    pub fn title(&self) -> &str {
        &self.0.title
    }
}

/// A subsidy scheme as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// The municipality that runs it.
    pub municipality: NisCode,
    /// Its title.
    pub title: String,
    /// What it funds.
    pub description: String,
    /// The regulation it rests on.
    pub legal_basis: String,
    /// Where the money comes from.
    pub funding_source: FundingSource,
    /// The kinds of applicant that may apply.
    pub eligible_applicants: Vec<ApplicantKind>,
    /// The groups it aims at.
    pub target_groups: Vec<TargetGroup>,
    /// The whole budget; the sum awarded never exceeds it.
    pub budget_cents: Cents,
    /// The most one application is awarded.
    pub max_award_cents: Cents,
    /// The largest share of a project's costs it covers, 1 to 100.
    pub max_share_of_costs_percent: u8,
    /// When submission opens.
    pub opens_at: DateTime<Utc>,
    /// When submission closes (exclusive).
    pub closes_at: DateTime<Utc>,
    /// The criteria of the reviews.
    pub criteria: Vec<Criterion>,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

/// A merge patch (RFC 7396) of a scheme: an absent member (`None`) keeps its value. Members are
/// as in [`SchemeDraft`]; the municipality cannot change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemeChanges {
    /// A new title.
    pub title: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// A new legal basis.
    pub legal_basis: Option<String>,
    /// A new funding source.
    pub funding_source: Option<FundingSource>,
    /// New eligible applicant kinds (locked after the first submission).
    pub eligible_applicants: Option<Vec<ApplicantKind>>,
    /// New target groups.
    pub target_groups: Option<Vec<TargetGroup>>,
    /// A new budget (locked after the first submission).
    pub budget_cents: Option<i64>,
    /// A new maximum award (locked after the first submission).
    pub max_award_cents: Option<i64>,
    /// A new maximum share of costs (locked after the first submission).
    pub max_share_of_costs_percent: Option<i64>,
    /// A new opening instant.
    pub opens_at: Option<DateTime<Utc>>,
    /// A new closing instant.
    pub closes_at: Option<DateTime<Utc>>,
    /// New criteria, replacing all (locked after the first submission).
    pub criteria: Option<Vec<CriterionDraft>>,
}

impl Scheme {
    /// The record of `new` with `id`, version 1.
    pub fn create(new: NewScheme, id: Uuid) -> Self {
        Self::from_terms(id, new.0, 1)
    }

    fn from_terms(id: Uuid, t: Terms, version: i32) -> Self {
        Self {
            id,
            municipality: t.municipality,
            title: t.title,
            description: t.description,
            legal_basis: t.legal_basis,
            funding_source: t.funding_source,
            eligible_applicants: t.eligible_applicants,
            target_groups: t.target_groups,
            budget_cents: t.budget,
            max_award_cents: t.max_award,
            max_share_of_costs_percent: t.max_share_of_costs_percent,
            opens_at: t.opens_at,
            closes_at: t.closes_at,
            criteria: t.criteria,
            version,
        }
    }

    /// Whether applications can be submitted at `now`: from `opens_at` until before `closes_at`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.opens_at <= now && now < self.closes_at
    }

    /// Whether an applicant of `kind` may apply.
    pub fn accepts(&self, kind: ApplicantKind) -> bool {
        self.eligible_applicants.contains(&kind)
    }

    /// The scheme as a draft, to merge changes into and check again.
    pub fn to_draft(&self) -> SchemeDraft {
        SchemeDraft {
            municipality: self.municipality.as_str().to_owned(),
            title: self.title.clone(),
            description: self.description.clone(),
            legal_basis: self.legal_basis.clone(),
            funding_source: self.funding_source,
            eligible_applicants: self.eligible_applicants.clone(),
            target_groups: self.target_groups.clone(),
            budget_cents: self.budget_cents.get(),
            max_award_cents: self.max_award_cents.get(),
            max_share_of_costs_percent: i64::from(self.max_share_of_costs_percent),
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            criteria: self
                .criteria
                .iter()
                .map(|c| CriterionDraft {
                    code: c.code.clone(),
                    description: c.description.clone(),
                    weight: i64::from(c.weight),
                })
                .collect(),
        }
    }

    /// It with `changes` merged in and every rule checked again (422 with all field errors).
    /// When `has_submissions` (an application to it was ever submitted), a change of the
    /// budget, the maximum award or share, the eligible applicants or the criteria is refused
    /// with a 409 conflict naming the members; sending their current value is no change. The
    /// version is left for the repository to bump.
    pub fn apply(
        &self,
        changes: SchemeChanges,
        has_submissions: bool,
    ) -> Result<Self, DomainError> {
        let current = self.to_draft();
        if has_submissions {
            let locked: Vec<&str> = [
                (
                    "budgetCents",
                    changes
                        .budget_cents
                        .is_some_and(|v| v != current.budget_cents),
                ),
                (
                    "maxAwardCents",
                    changes
                        .max_award_cents
                        .is_some_and(|v| v != current.max_award_cents),
                ),
                (
                    "maxShareOfCostsPercent",
                    changes
                        .max_share_of_costs_percent
                        .is_some_and(|v| v != current.max_share_of_costs_percent),
                ),
                (
                    "eligibleApplicants",
                    changes.eligible_applicants.as_ref().is_some_and(|v| {
                        v.iter().collect::<BTreeSet<_>>()
                            != current.eligible_applicants.iter().collect()
                    }),
                ),
                (
                    "criteria",
                    changes
                        .criteria
                        .as_ref()
                        .is_some_and(|v| *v != current.criteria),
                ),
            ]
            .into_iter()
            .filter_map(|(member, changed)| changed.then_some(member))
            .collect();
            if !locked.is_empty() {
                return Err(DomainError::Conflict(format!(
                    "an application to this scheme was already submitted, so {} can no longer \
                     change; the title, description, legal basis, funding source, target groups \
                     and dates still can",
                    locked.join(", ")
                )));
            }
        }
        let merged = SchemeDraft {
            municipality: current.municipality,
            title: changes.title.unwrap_or(current.title),
            description: changes.description.unwrap_or(current.description),
            legal_basis: changes.legal_basis.unwrap_or(current.legal_basis),
            funding_source: changes.funding_source.unwrap_or(current.funding_source),
            eligible_applicants: changes
                .eligible_applicants
                .unwrap_or(current.eligible_applicants),
            target_groups: changes.target_groups.unwrap_or(current.target_groups),
            budget_cents: changes.budget_cents.unwrap_or(current.budget_cents),
            max_award_cents: changes.max_award_cents.unwrap_or(current.max_award_cents),
            max_share_of_costs_percent: changes
                .max_share_of_costs_percent
                .unwrap_or(current.max_share_of_costs_percent),
            opens_at: changes.opens_at.unwrap_or(current.opens_at),
            closes_at: changes.closes_at.unwrap_or(current.closes_at),
            criteria: changes.criteria.unwrap_or(current.criteria),
        };
        let terms = check_terms(merged).map_err(DomainError::Validation)?;
        Ok(Self::from_terms(self.id, terms, self.version))
    }
}
