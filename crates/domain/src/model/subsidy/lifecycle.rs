//! The lifecycle of an application (DESIGN §7, §11):
//! `draft → submitted → in_review ⇄ needs_information → approved | rejected`, then
//! `approved → advance_paid → report_submitted → settled | reclaimed`, and `withdrawn` before
//! a decision; each transition made by the applicant or by the officer.
//!
//! [`transition`] decides in the order of DESIGN §11, so that each refusal gets its status:
//! 1. the table, for the party: a transition it does not hold is 409, with the allowed ones;
//! 2. the record's state: 409 (an award must be recorded before it is paid out), whatever the
//!    request says;
//! 3. the request's own fields (`awardedCents`, `amountCents`, `report`, `reason`, …): 422,
//!    including an award above the requested amount and a payment above the award.
//!
//! Whether the scheme is open at submission is [`check_submission`](super::check_submission);
//! whether an award fits the scheme's budget is [`check_award_fits`](super::check_award_fits).

use chrono::NaiveDate;

use super::checks::{check_max_chars, optional_text};
use super::money::Cents;
use super::transition_checks::{
    amount, check_decision, check_report, refuse_foreign_members, within,
};
use crate::error::FieldError;
use crate::reference::{ApplicationStatus, Enumeration};

use ApplicationStatus::{
    AdvancePaid, Approved, Draft, InReview, NeedsInformation, Reclaimed, Rejected, ReportSubmitted,
    Settled, Submitted, Withdrawn,
};

/// The longest `reason` of a transition accepted.
pub const MAX_REASON_CHARS: usize = 2_000;
/// The longest `decisionReference` accepted.
pub const MAX_DECISION_REFERENCE_CHARS: usize = 100;
/// The longest final report summary accepted.
pub const MAX_REPORT_SUMMARY_CHARS: usize = 10_000;

/// Who makes a transition. An officer who entered an application at the counter acts as
/// its applicant for the applicant's transitions (DESIGN §11); access decides that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The applicant (a partner with `subsidies:apply`, or the officer who entered it).
    Applicant,
    /// A subsidy officer of the municipality.
    Officer,
}

impl Party {
    /// The party whose transition `from → to` is in the table, if any: access asks it to
    /// decide between the applicant's and the officer's permission.
    pub fn for_transition(from: ApplicationStatus, to: ApplicationStatus) -> Option<Self> {
        TABLE
            .iter()
            .find(|e| e.from == from && e.to == to)
            .map(|e| e.party)
    }
}

/// One line of the transition table: `from → to`, by `party`.
struct Edge {
    from: ApplicationStatus,
    to: ApplicationStatus,
    party: Party,
}

const A: Party = Party::Applicant;
const O: Party = Party::Officer;

/// DESIGN §11, line by line.
#[rustfmt::skip]
const TABLE: &[Edge] = &[
    Edge { from: Draft,            to: Submitted,        party: A },
    Edge { from: NeedsInformation, to: InReview,         party: A },
    Edge { from: AdvancePaid,      to: ReportSubmitted,  party: A },
    Edge { from: Draft,            to: Withdrawn,        party: A },
    Edge { from: Submitted,        to: Withdrawn,        party: A },
    Edge { from: InReview,         to: Withdrawn,        party: A },
    Edge { from: NeedsInformation, to: Withdrawn,        party: A },
    Edge { from: Submitted,        to: InReview,         party: O },
    Edge { from: InReview,         to: NeedsInformation, party: O },
    Edge { from: InReview,         to: Approved,         party: O },
    Edge { from: InReview,         to: Rejected,         party: O },
    Edge { from: Approved,         to: AdvancePaid,      party: O },
    Edge { from: ReportSubmitted,  to: Settled,          party: O },
    Edge { from: ReportSubmitted,  to: Reclaimed,        party: O },
];

fn in_table(from: ApplicationStatus, to: ApplicationStatus, party: Party) -> bool {
    TABLE
        .iter()
        .any(|e| e.from == from && e.to == to && e.party == party)
}

/// The statuses the table allows `party` from `from`, in lifecycle order, whether or not their
/// conditions hold now (the `allowedTransitions` of a 409).
pub fn allowed_transitions(from: ApplicationStatus, party: Party) -> Vec<ApplicationStatus> {
    ApplicationStatus::ALL
        .iter()
        .copied()
        .filter(|&to| in_table(from, to, party))
        .collect()
}

/// What the transition rules need to know of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationState {
    /// Its current status.
    pub status: ApplicationStatus,
    /// The amount asked for.
    pub requested: Cents,
    /// The amount awarded, once approved.
    pub awarded: Option<Cents>,
    /// The total paid out so far (advance and balance).
    pub paid: Cents,
}

/// The final report as sent with `advance_paid → report_submitted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDraft {
    /// What the project did.
    pub summary: String,
    /// What it actually cost, in cents.
    pub actual_costs_cents: i64,
    /// What other income it actually had, in cents.
    pub actual_income_cents: i64,
}

/// A checked final report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalReport {
    /// What the project did, trimmed.
    pub summary: String,
    /// What it actually cost.
    pub actual_costs: Cents,
    /// What other income it actually had.
    pub actual_income: Cents,
}

/// The body of `POST /api/v1/subsidy-applications/{id}/transitions`; [`TransitionRequest::to`]
/// makes one with only `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionRequest {
    /// The status to go to.
    pub to: ApplicationStatus,
    /// The amount awarded: required to approve, refused otherwise.
    pub awarded_cents: Option<i64>,
    /// The reference of the decision (e.g. the council's decision number): required to
    /// approve, refused otherwise.
    pub decision_reference: Option<String>,
    /// The day of the decision: required to approve, refused otherwise.
    pub decided_on: Option<NaiveDate>,
    /// The amount paid (`advance_paid`, `settled`) or to recover (`reclaimed`): required
    /// there, refused otherwise.
    pub amount_cents: Option<i64>,
    /// The final report: required for `report_submitted`, refused otherwise.
    pub report: Option<ReportDraft>,
    /// Why: required for `needs_information` and `rejected`, optional otherwise; at most
    /// 2,000 characters.
    pub reason: Option<String>,
}

impl TransitionRequest {
    /// A request for `to` with no other member.
    pub fn to(to: ApplicationStatus) -> Self {
        Self {
            to,
            awarded_cents: None,
            decision_reference: None,
            decided_on: None,
            amount_cents: None,
            report: None,
            reason: None,
        }
    }
}

/// The decision recorded with `in_review → approved`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The amount awarded: more than zero, at most the amount requested.
    pub awarded: Cents,
    /// The decision's reference, trimmed.
    pub reference: String,
    /// The day of the decision, not in the future.
    pub decided_on: NaiveDate,
}

/// An accepted transition: what to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionOutcome {
    /// The new status.
    pub status: ApplicationStatus,
    /// The decision, when approved.
    pub decision: Option<Decision>,
    /// The amount paid out now (`advance_paid`, `settled`); add it to the total paid.
    pub payment: Option<Cents>,
    /// The amount to recover (`reclaimed`).
    pub reclaim: Option<Cents>,
    /// The final report (`report_submitted`).
    pub report: Option<FinalReport>,
    /// The reason, trimmed; `None` when blank or absent.
    pub reason: Option<String>,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The table does not hold `from → to` for this party: 409 with `allowedTransitions`.
    #[error(
        "{} cannot take an application from `{from}` to `{to}`; {}",
        party_name(*party),
        AllowedList(allowed)
    )]
    NotAllowed {
        /// Who asked.
        party: Party,
        /// The current status.
        from: ApplicationStatus,
        /// The status asked for.
        to: ApplicationStatus,
        /// What the table allows this party from `from` (see [`allowed_transitions`]).
        allowed: Vec<ApplicationStatus>,
    },
    /// The table holds the transition but the record's state forbids it now: 409.
    #[error("{0}")]
    Precondition(String),
    /// The request itself is wrong: 422 with these field errors.
    #[error("the transition request is invalid")]
    Invalid(Vec<FieldError>),
}

fn party_name(party: Party) -> &'static str {
    match party {
        Party::Applicant => "the applicant",
        Party::Officer => "an officer",
    }
}

/// Formats the allowed statuses for [`TransitionError::NotAllowed`]'s message.
struct AllowedList<'a>(&'a [ApplicationStatus]);

impl std::fmt::Display for AllowedList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            [] => f.write_str("no transition is allowed from there"),
            [first, rest @ ..] => {
                write!(f, "allowed: `{first}`")?;
                rest.iter().try_for_each(|s| write!(f, ", `{s}`"))
            }
        }
    }
}

/// Decides whether `party` may take `state` where `request` asks on `today` (the calendar day
/// in Brussels; a decision cannot be dated later). See the module for the order of checks.
pub fn transition(
    state: &ApplicationState,
    request: &TransitionRequest,
    party: Party,
    today: NaiveDate,
) -> Result<TransitionOutcome, TransitionError> {
    let (from, to) = (state.status, request.to);
    if !in_table(from, to, party) {
        return Err(TransitionError::NotAllowed {
            party,
            from,
            to,
            allowed: allowed_transitions(from, party),
        });
    }
    let awarded = match (to, state.awarded) {
        (AdvancePaid | Settled, None) => {
            return Err(TransitionError::Precondition(format!(
                "the application has no recorded award, so nothing can be paid out; it is \
                 `{from}`"
            )));
        }
        (_, awarded) => awarded,
    };

    let mut errors = Vec::new();
    refuse_foreign_members(request, &mut errors);
    let reason = optional_text(request.reason.clone());
    check_max_chars(reason.as_deref(), MAX_REASON_CHARS, "/reason", &mut errors);
    if matches!(to, NeedsInformation | Rejected) && reason.is_none() {
        let what = if to == Rejected {
            "why the application is rejected"
        } else {
            "what information the applicant is to add"
        };
        errors.push(FieldError::new(
            "/reason",
            format!("is required for `{to}`: {what}"),
        ));
    }

    let mut outcome = TransitionOutcome {
        status: to,
        decision: None,
        payment: None,
        reclaim: None,
        report: None,
        reason,
    };
    match to {
        Approved => outcome.decision = check_decision(request, state.requested, today, &mut errors),
        AdvancePaid => {
            let limit = awarded.unwrap_or(Cents::ZERO);
            outcome.payment = amount(request, true, &mut errors)
                .filter(|&a| within(a, limit, "the award", &mut errors));
        }
        Settled => {
            // The balance may be zero; with what was paid it must stay within the award.
            let limit = awarded.unwrap_or(Cents::ZERO).saturating_sub(state.paid);
            outcome.payment = amount(request, false, &mut errors).filter(|&a| {
                within(
                    a,
                    limit,
                    "the award minus what was already paid",
                    &mut errors,
                )
            });
        }
        Reclaimed => {
            outcome.reclaim = amount(request, true, &mut errors)
                .filter(|&a| within(a, state.paid, "what was paid out", &mut errors));
        }
        ReportSubmitted => outcome.report = check_report(request.report.as_ref(), &mut errors),
        _ => {}
    }
    if errors.is_empty() {
        Ok(outcome)
    } else {
        Err(TransitionError::Invalid(errors))
    }
}
