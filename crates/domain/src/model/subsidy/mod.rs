//! The subsidy register (DESIGN §7, §11): schemes, applications from draft to settlement,
//! reviews and ranking, and awards as open data.
//!
//! - [`identifiers`]: [`EnterpriseNumber`] (KBO/BCE) and [`Iban`], checksum verified;
//! - [`money`]: [`Cents`], never negative;
//! - [`scheme`]: [`SchemeDraft`] → [`NewScheme`] → [`Scheme`], changes with [`SchemeChanges`];
//! - [`application`]: [`ApplicationDraft`] → [`NewApplication`], and [`check_submission`];
//! - [`lifecycle`]: the transition table per [`Party`], [`transition`];
//! - [`budget`](mod@budget): [`remaining_budget`], [`check_award_fits`];
//! - [`review`]: [`Review`], [`weighted_total`], [`rank`];
//! - [`open_data`]: the 360Giving [`org_id`] and [`recipient_name`];
//! - [`Application`]: the stored record, with the operations above applied to it.

mod application_rules;
mod checks;
mod record;
mod scheme_rules;
mod transition_checks;

pub mod application;
pub mod budget;
pub mod identifiers;
pub mod lifecycle;
pub mod money;
pub mod open_data;
pub mod review;
pub mod scheme;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod application_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod identifiers_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod lifecycle_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod record_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod review_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod scheme_changes_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod scheme_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod test_support;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod transition_rules_tests;

pub use application::{
    Applicant, ApplicantDraft, ApplicationDraft, Budget, BudgetDraft, BudgetLine, BudgetLineDraft,
    Contact, MAX_BUDGET_LINES, MAX_NAME_CHARS, MAX_SUMMARY_CHARS, NewApplication, Project,
    ProjectDraft, check_submission, has_enterprise_number,
};
pub use budget::{SchemeBudget, check_award_fits, remaining_budget};
pub use checks::MAX_EMAIL_CHARS;
pub use identifiers::{EnterpriseNumber, Iban, MAX_IBAN_CHARS, MIN_IBAN_CHARS};
pub use lifecycle::{
    ApplicationState, Decision, FinalReport, MAX_DECISION_REFERENCE_CHARS, MAX_REASON_CHARS,
    MAX_REPORT_SUMMARY_CHARS, Party, ReportDraft, TransitionError, TransitionOutcome,
    TransitionRequest, allowed_transitions, transition,
};
pub use money::Cents;
pub use open_data::{ORG_ID_PREFIX, org_id, recipient_name};
pub use record::{Application, ApplicationReference, EnteredBy};
pub use review::{
    Candidate, MAX_COMMENT_CHARS, MAX_REVIEWER_CHARS, MAX_SCORE, Ranked, Review, ReviewDraft,
    Score, ScoreDraft, WeightedTotal, rank, weighted_total,
};
pub use scheme::{
    Criterion, CriterionDraft, MAX_CRITERIA, MAX_CRITERION_CODE_CHARS,
    MAX_CRITERION_DESCRIPTION_CHARS, MAX_CRITERION_WEIGHT, MAX_LEGAL_BASIS_CHARS,
    MAX_SCHEME_DESCRIPTION_CHARS, MAX_SCHEME_TITLE_CHARS, NewScheme, Scheme, SchemeChanges,
    SchemeDraft, is_snake_case,
};
