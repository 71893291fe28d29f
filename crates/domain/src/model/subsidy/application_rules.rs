//! The rules of an application, at creation
//! ([`NewApplication::validate`](super::NewApplication::validate)) and again at submission
//! ([`check_submission`]): each pushes its field errors and never stops at the first.

use chrono::{DateTime, Utc};

use super::application::{
    Applicant, ApplicantDraft, Budget, BudgetDraft, BudgetLine, BudgetLineDraft, Contact,
    MAX_BUDGET_LINES, MAX_NAME_CHARS, MAX_SUMMARY_CHARS, Project, ProjectDraft,
    has_enterprise_number,
};
use super::checks::{check_codes, check_email, optional_text, required_text};
use super::identifiers::{EnterpriseNumber, Iban};
use super::money::Cents;
use super::record::Application;
use super::scheme::Scheme;
use crate::error::{DomainError, FieldError};
use crate::reference::{ApplicantKind, Enumeration};

/// The rules of submission (DESIGN §7), checked when an application goes `draft → submitted`
/// at `now`, since the scheme may have changed while no application was submitted: the scheme
/// is open, the applicant kind is eligible and the requested amount keeps to the scheme's
/// limits. A broken rule is a 422 at the application's own member (`/schemeId`,
/// `/applicant/kind`, `/requestedCents`).
pub fn check_submission(
    application: &Application,
    scheme: &Scheme,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let mut errors = Vec::new();
    if application.scheme_id != scheme.id {
        errors.push(FieldError::new(
            "/schemeId",
            format!("does not name the scheme {}", scheme.id),
        ));
    }
    if !scheme.is_open(now) {
        let at = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let when = if now < scheme.opens_at {
            format!("opens at {}", at(scheme.opens_at))
        } else {
            format!("closed at {}", at(scheme.closes_at))
        };
        errors.push(FieldError::new(
            "/schemeId",
            format!("the scheme is not open for submission: it {when}"),
        ));
    }
    check_kind(application.applicant.kind, scheme, &mut errors);
    check_requested(
        application.requested_cents,
        &application.budget,
        scheme,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Validation(errors))
    }
}

/// The requested amount against the scheme's limits and the budget, each its own error.
pub(super) fn check_requested(
    requested: Cents,
    budget: &Budget,
    scheme: &Scheme,
    errors: &mut Vec<FieldError>,
) {
    let mut refuse = |message: String| errors.push(FieldError::new("/requestedCents", message));
    let max = scheme.max_award_cents;
    if requested > max {
        refuse(format!(
            "must not exceed the scheme's maximum award of {} cents ({max})",
            max.get()
        ));
    }
    let costs = budget.total_costs();
    let percent = scheme.max_share_of_costs_percent;
    let share = Cents::percent_of(costs, percent);
    if requested > share {
        refuse(format!(
            "must not exceed {percent}% of the total costs of {} cents: at most {} cents ({share})",
            costs.get(),
            share.get()
        ));
    }
    let deficit = costs.saturating_sub(budget.total_income());
    if requested > deficit {
        refuse(format!(
            "must not exceed the total costs minus the other income: at most {} cents ({deficit})",
            deficit.get()
        ));
    }
}

/// The applicant kind is one the scheme accepts.
fn check_kind(kind: ApplicantKind, scheme: &Scheme, errors: &mut Vec<FieldError>) {
    if !scheme.accepts(kind) {
        let eligible: Vec<_> = scheme
            .eligible_applicants
            .iter()
            .map(|k| format!("`{}`", k.code()))
            .collect();
        errors.push(FieldError::new(
            "/applicant/kind",
            format!(
                "an applicant of kind `{kind}` is not eligible for this scheme; eligible: {}",
                eligible.join(", ")
            ),
        ));
    }
}

/// The applicant's rules; `None` when its IBAN is unusable (the error is pushed).
pub(super) fn check_applicant(
    draft: ApplicantDraft,
    scheme: &Scheme,
    errors: &mut Vec<FieldError>,
) -> Option<Applicant> {
    let kind = draft.kind;
    check_kind(kind, scheme, errors);
    let name = required_text(&draft.name, 1, MAX_NAME_CHARS, "/applicant/name", errors);
    let pointer = "/applicant/enterpriseNumber";
    let enterprise_number = match (
        has_enterprise_number(kind),
        optional_text(draft.enterprise_number),
    ) {
        (true, Some(text)) => EnterpriseNumber::parse(&text)
            .map_err(|message| errors.push(FieldError::new(pointer, message)))
            .ok(),
        (true, None) => {
            errors.push(FieldError::new(
                pointer,
                format!(
                    "is required for an applicant of kind `{kind}`: its ten-digit KBO number, \
                     e.g. 0417.497.106"
                ),
            ));
            None
        }
        (false, Some(_)) => {
            errors.push(FieldError::new(
                pointer,
                format!(
                    "must be left out for an applicant of kind `{kind}`, which has no \
                     enterprise number; choose another kind if the applicant has one"
                ),
            ));
            None
        }
        (false, None) => None,
    };
    let contact_name = required_text(
        &draft.contact_name,
        1,
        MAX_NAME_CHARS,
        "/applicant/contactName",
        errors,
    );
    let email = draft.email.trim().to_owned();
    if let Err(message) = check_email(&email) {
        errors.push(FieldError::new("/applicant/email", message));
    }
    let iban = Iban::parse(&draft.iban)
        .map_err(|message| errors.push(FieldError::new("/applicant/iban", message)))
        .ok();
    // A missing enterprise number was reported above; only the IBAN has no placeholder.
    iban.map(|iban| Applicant {
        kind,
        name: Some(name),
        enterprise_number,
        contact: Some(Contact {
            name: contact_name,
            email,
            iban,
        }),
    })
}

/// The project's rules.
pub(super) fn check_project(draft: ProjectDraft, errors: &mut Vec<FieldError>) -> Project {
    let title = required_text(&draft.title, 1, MAX_NAME_CHARS, "/project/title", errors);
    let summary = required_text(
        &draft.summary,
        1,
        MAX_SUMMARY_CHARS,
        "/project/summary",
        errors,
    );
    check_codes(
        &draft.target_groups,
        "/project/targetGroups",
        "target group",
        errors,
    );
    if draft.ends_on < draft.starts_on {
        errors.push(FieldError::new(
            "/project/endsOn",
            format!("must be on or after startsOn ({})", draft.starts_on),
        ));
    }
    Project {
        title,
        summary,
        target_groups: draft.target_groups,
        starts_on: draft.starts_on,
        ends_on: draft.ends_on,
    }
}

/// The budget's rules; `None` when an amount is unusable (the error is pushed).
pub(super) fn check_budget(draft: BudgetDraft, errors: &mut Vec<FieldError>) -> Option<Budget> {
    if draft.cost_lines.is_empty() {
        errors.push(FieldError::new(
            "/budget/costLines",
            "give at least one cost line: what the project costs",
        ));
    }
    let costs = check_lines(draft.cost_lines, "/budget/costLines", true, errors);
    let income = check_lines(draft.income_lines, "/budget/incomeLines", false, errors);
    Some(Budget {
        cost_lines: costs?,
        income_lines: income?,
    })
}

/// Checks each line; `None` when an amount is unusable or the total overflows.
fn check_lines(
    lines: Vec<BudgetLineDraft>,
    pointer: &str,
    costs: bool,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<BudgetLine>> {
    if lines.len() > MAX_BUDGET_LINES {
        errors.push(FieldError::new(
            pointer,
            format!("give at most {MAX_BUDGET_LINES} lines, not {}", lines.len()),
        ));
    }
    let mut checked = Vec::with_capacity(lines.len());
    let mut usable = true;
    for (index, line) in lines.into_iter().enumerate() {
        let at = |member: &str| format!("{pointer}/{index}/{member}");
        let label = required_text(&line.label, 1, MAX_NAME_CHARS, &at("label"), errors);
        let amount = Cents::new(line.amount_cents)
            .ok()
            .filter(|a| !(costs && a.is_zero()));
        match amount {
            Some(amount) => checked.push(BudgetLine { label, amount }),
            None => {
                usable = false;
                let least = if costs { "more than 0" } else { "0 or more" };
                errors.push(FieldError::new(
                    at("amountCents"),
                    format!("must be {least} cents, not {}", line.amount_cents),
                ));
            }
        }
    }
    if usable && Cents::checked_sum(checked.iter().map(|l| l.amount)).is_none() {
        errors.push(FieldError::new(
            pointer,
            "the amounts add up to more than can be counted",
        ));
        usable = false;
    }
    usable.then_some(checked)
}
