//! The rules of a scheme, shared by creation and changes: every rule its own field error.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::checks::{check_codes, required_text};
use super::money::Cents;
use super::scheme::{
    Criterion, CriterionDraft, MAX_CRITERIA, MAX_CRITERION_CODE_CHARS,
    MAX_CRITERION_DESCRIPTION_CHARS, MAX_CRITERION_WEIGHT, MAX_LEGAL_BASIS_CHARS,
    MAX_SCHEME_DESCRIPTION_CHARS, MAX_SCHEME_TITLE_CHARS, SchemeDraft,
};
use crate::error::FieldError;
use crate::model::municipality::NisCode;
use crate::reference::{ApplicantKind, FundingSource, TargetGroup};

/// The checked content of a scheme, shared by creation and changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Terms {
    pub(super) municipality: NisCode,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) legal_basis: String,
    pub(super) funding_source: FundingSource,
    pub(super) eligible_applicants: Vec<ApplicantKind>,
    pub(super) target_groups: Vec<TargetGroup>,
    pub(super) budget: Cents,
    pub(super) max_award: Cents,
    pub(super) max_share_of_costs_percent: u8,
    pub(super) opens_at: DateTime<Utc>,
    pub(super) closes_at: DateTime<Utc>,
    pub(super) criteria: Vec<Criterion>,
}

/// Every rule of a scheme, each its own field error.
pub(super) fn check_terms(draft: SchemeDraft) -> Result<Terms, Vec<FieldError>> {
    let mut errors = Vec::new();
    let municipality = NisCode::parse(draft.municipality.trim())
        .map_err(|message| errors.push(FieldError::new("/municipality", message)))
        .ok();
    let title = required_text(
        &draft.title,
        1,
        MAX_SCHEME_TITLE_CHARS,
        "/title",
        &mut errors,
    );
    let description = required_text(
        &draft.description,
        1,
        MAX_SCHEME_DESCRIPTION_CHARS,
        "/description",
        &mut errors,
    );
    let legal_basis = required_text(
        &draft.legal_basis,
        1,
        MAX_LEGAL_BASIS_CHARS,
        "/legalBasis",
        &mut errors,
    );
    check_codes(
        &draft.eligible_applicants,
        "/eligibleApplicants",
        "eligible applicant kind",
        &mut errors,
    );
    check_codes(
        &draft.target_groups,
        "/targetGroups",
        "target group",
        &mut errors,
    );

    let budget = Cents::new(draft.budget_cents).ok().filter(|b| !b.is_zero());
    if budget.is_none() {
        errors.push(FieldError::new(
            "/budgetCents",
            format!("must be more than 0 cents, not {}", draft.budget_cents),
        ));
    }
    let max_award = Cents::new(draft.max_award_cents)
        .ok()
        .filter(|m| !m.is_zero());
    match (max_award, budget) {
        (None, _) => errors.push(FieldError::new(
            "/maxAwardCents",
            format!("must be more than 0 cents, not {}", draft.max_award_cents),
        )),
        (Some(max), Some(budget)) if max > budget => errors.push(FieldError::new(
            "/maxAwardCents",
            format!(
                "must not exceed the budget of {} cents ({budget}), not {}",
                budget.get(),
                max.get()
            ),
        )),
        _ => {}
    }
    let share = u8::try_from(draft.max_share_of_costs_percent)
        .ok()
        .filter(|p| (1..=100).contains(p));
    if share.is_none() {
        errors.push(FieldError::new(
            "/maxShareOfCostsPercent",
            format!(
                "must be a percentage from 1 to 100, not {}",
                draft.max_share_of_costs_percent
            ),
        ));
    }
    if draft.closes_at <= draft.opens_at {
        errors.push(FieldError::new(
            "/closesAt",
            format!(
                "must be after opensAt ({})",
                draft
                    .opens_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
        ));
    }
    let criteria = check_criteria(draft.criteria, &mut errors);

    match (municipality, budget, max_award, share) {
        (Some(municipality), Some(budget), Some(max_award), Some(share)) if errors.is_empty() => {
            Ok(Terms {
                municipality,
                title,
                description,
                legal_basis,
                funding_source: draft.funding_source,
                eligible_applicants: draft.eligible_applicants,
                target_groups: draft.target_groups,
                budget,
                max_award,
                max_share_of_costs_percent: share,
                opens_at: draft.opens_at,
                closes_at: draft.closes_at,
                criteria,
            })
        }
        _ => Err(errors),
    }
}

/// Whether `code` is `snake_case`: lowercase ASCII words of letters and digits joined by single
/// underscores, starting with a letter.
pub fn is_snake_case(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_lowercase())
        && code.split('_').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The criteria: at least one, codes unique `snake_case`, weights 1 to 100.
fn check_criteria(drafts: Vec<CriterionDraft>, errors: &mut Vec<FieldError>) -> Vec<Criterion> {
    if drafts.is_empty() {
        errors.push(FieldError::new(
            "/criteria",
            "give at least one criterion to score applications on",
        ));
    } else if drafts.len() > MAX_CRITERIA {
        errors.push(FieldError::new(
            "/criteria",
            format!("give at most {MAX_CRITERIA} criteria, not {}", drafts.len()),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut criteria = Vec::with_capacity(drafts.len());
    for (index, draft) in drafts.into_iter().enumerate() {
        let at = |member: &str| format!("/criteria/{index}/{member}");
        let code = draft.code.trim().to_owned();
        if !is_snake_case(&code) || code.len() > MAX_CRITERION_CODE_CHARS {
            errors.push(FieldError::new(
                at("code"),
                format!(
                    "`{code}` is not a criterion code: snake_case of at most \
                     {MAX_CRITERION_CODE_CHARS} characters, e.g. `reach_of_target_group`"
                ),
            ));
        } else if !seen.insert(code.clone()) {
            errors.push(FieldError::new(
                at("code"),
                format!("`{code}` is given more than once; each criterion code is unique"),
            ));
        }
        let description = required_text(
            &draft.description,
            1,
            MAX_CRITERION_DESCRIPTION_CHARS,
            &at("description"),
            errors,
        );
        let weight = u32::try_from(draft.weight)
            .ok()
            .filter(|w| (1..=MAX_CRITERION_WEIGHT).contains(w));
        if weight.is_none() {
            errors.push(FieldError::new(
                at("weight"),
                format!(
                    "must be a weight from 1 to {MAX_CRITERION_WEIGHT}, not {}",
                    draft.weight
                ),
            ));
        }
        criteria.push(Criterion {
            code,
            description,
            weight: weight.unwrap_or(0),
        });
    }
    criteria
}
