//! The rules on a transition request's own members (DESIGN §11): each pushes its field errors
//! (422) and never stops at the first.

use chrono::NaiveDate;

use super::checks::required_text;
use super::lifecycle::{
    Decision, FinalReport, MAX_DECISION_REFERENCE_CHARS, MAX_REPORT_SUMMARY_CHARS, ReportDraft,
    TransitionRequest,
};
use super::money::Cents;
use crate::error::FieldError;
use crate::reference::ApplicationStatus::{
    AdvancePaid, Approved, Reclaimed, ReportSubmitted, Settled,
};

/// Every member sent that the transition does not take.
pub(super) fn refuse_foreign_members(request: &TransitionRequest, errors: &mut Vec<FieldError>) {
    let to = request.to;
    let takes_amount = matches!(to, AdvancePaid | Settled | Reclaimed);
    for (pointer, sent, takes, which) in [
        (
            "/awardedCents",
            request.awarded_cents.is_some(),
            to == Approved,
            "approving",
        ),
        (
            "/decisionReference",
            request.decision_reference.is_some(),
            to == Approved,
            "approving",
        ),
        (
            "/decidedOn",
            request.decided_on.is_some(),
            to == Approved,
            "approving",
        ),
        (
            "/amountCents",
            request.amount_cents.is_some(),
            takes_amount,
            "a payment or a reclaim (`advance_paid`, `settled`, `reclaimed`)",
        ),
        (
            "/report",
            request.report.is_some(),
            to == ReportSubmitted,
            "submitting the final report",
        ),
    ] {
        if sent && !takes {
            errors.push(FieldError::new(
                pointer,
                format!("only {which} takes this member, not a transition to `{to}`"),
            ));
        }
    }
}

/// The decision of `in_review → approved`: award, reference and date.
pub(super) fn check_decision(
    request: &TransitionRequest,
    requested: Cents,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<Decision> {
    let awarded = match request.awarded_cents {
        None => {
            errors.push(FieldError::new(
                "/awardedCents",
                "is required to approve: the amount awarded, in cents",
            ));
            None
        }
        Some(cents) => match Cents::new(cents).ok().filter(|a| !a.is_zero()) {
            None => {
                errors.push(FieldError::new(
                    "/awardedCents",
                    format!(
                        "must be more than 0 cents, not {cents}; reject the application instead"
                    ),
                ));
                None
            }
            Some(awarded) if awarded > requested => {
                errors.push(FieldError::new(
                    "/awardedCents",
                    format!(
                        "must not exceed the requested amount of {} cents ({requested}), not {}",
                        requested.get(),
                        awarded.get()
                    ),
                ));
                None
            }
            awarded => awarded,
        },
    };
    let reference = match request.decision_reference.as_deref() {
        None => {
            errors.push(FieldError::new(
                "/decisionReference",
                format!(
                    "is required to approve: the reference of the decision, 1 to \
                     {MAX_DECISION_REFERENCE_CHARS} characters"
                ),
            ));
            None
        }
        Some(text) => Some(required_text(
            text,
            1,
            MAX_DECISION_REFERENCE_CHARS,
            "/decisionReference",
            errors,
        )),
    };
    let decided_on = match request.decided_on {
        None => {
            errors.push(FieldError::new(
                "/decidedOn",
                "is required to approve: the day of the decision, YYYY-MM-DD",
            ));
            None
        }
        Some(day) if day > today => {
            errors.push(FieldError::new(
                "/decidedOn",
                format!("must not be in the future: {today} at the latest"),
            ));
            None
        }
        day => day,
    };
    Some(Decision {
        awarded: awarded?,
        reference: reference?,
        decided_on: decided_on?,
    })
}

/// The `amountCents` of a payment or reclaim: required, zero or more, more than zero when
/// `positive`.
pub(super) fn amount(
    request: &TransitionRequest,
    positive: bool,
    errors: &mut Vec<FieldError>,
) -> Option<Cents> {
    let to = request.to;
    let Some(cents) = request.amount_cents else {
        let what = if to == Reclaimed {
            "the amount to recover"
        } else {
            "the amount paid"
        };
        errors.push(FieldError::new(
            "/amountCents",
            format!("is required for `{to}`: {what}, in cents"),
        ));
        return None;
    };
    let amount = Cents::new(cents)
        .ok()
        .filter(|a| !(positive && a.is_zero()));
    if amount.is_none() {
        let least = if positive { "more than 0" } else { "0 or more" };
        errors.push(FieldError::new(
            "/amountCents",
            format!("must be {least} cents for `{to}`, not {cents}"),
        ));
    }
    amount
}

/// Whether `amount` is at most `limit`; a 422 at `/amountCents` when it is not.
pub(super) fn within(
    amount: Cents,
    limit: Cents,
    what: &str,
    errors: &mut Vec<FieldError>,
) -> bool {
    let fits = amount <= limit;
    if !fits {
        errors.push(FieldError::new(
            "/amountCents",
            format!(
                "must not exceed {what}: at most {} cents ({limit}), not {}",
                limit.get(),
                amount.get()
            ),
        ));
    }
    fits
}

/// The final report of `advance_paid → report_submitted`.
pub(super) fn check_report(
    report: Option<&ReportDraft>,
    errors: &mut Vec<FieldError>,
) -> Option<FinalReport> {
    let Some(report) = report else {
        errors.push(FieldError::new(
            "/report",
            "is required to submit the final report: {\"summary\", \"actualCostsCents\", \
             \"actualIncomeCents\"}",
        ));
        return None;
    };
    let summary = required_text(
        &report.summary,
        1,
        MAX_REPORT_SUMMARY_CHARS,
        "/report/summary",
        errors,
    );
    let mut cents = |pointer: &str, value: i64| {
        Cents::new(value)
            .map_err(|_| {
                errors.push(FieldError::new(
                    pointer,
                    format!("must be 0 or more cents, not {value}"),
                ));
            })
            .ok()
    };
    let actual_costs = cents("/report/actualCostsCents", report.actual_costs_cents);
    let actual_income = cents("/report/actualIncomeCents", report.actual_income_cents);
    Some(FinalReport {
        summary,
        actual_costs: actual_costs?,
        actual_income: actual_income?,
    })
}
