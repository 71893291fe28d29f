//! The lifecycle of reports and complaints (DESIGN §5, §11):
//! `received → acknowledged → in_treatment ⇄ referred → closed` for a complaint,
//! `received → acknowledged → closed` (outcome `registered`) for a report.
//!
//! [`transition`] decides in the order of DESIGN §11, so that each refusal gets its status:
//! 1. the table: a transition it does not hold is 409, with the allowed ones;
//! 2. the request's own fields (`outcome`, `referredTo`, `reason`): 422;
//! 3. the record's state (an assigned handler, the reporter's consent to share): 409.

use super::checks::{check_max_chars, optional_text};
use crate::error::FieldError;
use crate::reference::{
    ComplaintKind, ComplaintOutcome, ComplaintStatus, Enumeration, ReferralBody,
};

use ComplaintKind::{Complaint, Report};
use ComplaintStatus::{Acknowledged, Closed, InTreatment, Received, Referred};

/// The longest `reason` of a transition accepted.
pub const MAX_REASON_CHARS: usize = 2_000;

/// One line of the transition table: `from → to`, for the kinds listed.
struct Edge {
    from: ComplaintStatus,
    to: ComplaintStatus,
    kinds: &'static [ComplaintKind],
}

const BOTH: &[ComplaintKind] = &[Report, Complaint];
const COMPLAINT: &[ComplaintKind] = &[Complaint];

/// DESIGN §11, line by line.
#[rustfmt::skip]
const TABLE: &[Edge] = &[
    Edge { from: Received,     to: Acknowledged, kinds: BOTH },
    Edge { from: Acknowledged, to: InTreatment,  kinds: COMPLAINT },
    Edge { from: InTreatment,  to: Referred,     kinds: COMPLAINT },
    Edge { from: Referred,     to: InTreatment,  kinds: COMPLAINT },
    Edge { from: Acknowledged, to: Closed,       kinds: BOTH },
    Edge { from: InTreatment,  to: Closed,       kinds: COMPLAINT },
    Edge { from: Referred,     to: Closed,       kinds: COMPLAINT },
];

fn in_table(kind: ComplaintKind, from: ComplaintStatus, to: ComplaintStatus) -> bool {
    TABLE
        .iter()
        .any(|e| e.from == from && e.to == to && e.kinds.contains(&kind))
}

/// The statuses the table allows from `from` for `kind`, in lifecycle order, whether or not
/// their conditions hold now (the `allowedTransitions` of a 409).
pub fn allowed_transitions(kind: ComplaintKind, from: ComplaintStatus) -> Vec<ComplaintStatus> {
    ComplaintStatus::ALL
        .iter()
        .copied()
        .filter(|&to| in_table(kind, from, to))
        .collect()
}

/// What the transition rules need to know of a report or complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintState {
    /// A report or a complaint.
    pub kind: ComplaintKind,
    /// Its current status.
    pub status: ComplaintStatus,
    /// The `sub` of its handler, if one is assigned.
    pub assigned_handler: Option<String>,
    /// The bodies the reporter consented to share it with.
    pub consent_to_share_with: Vec<ReferralBody>,
}

/// The body of `POST /api/v1/complaints/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionRequest {
    /// The status to go to.
    pub to: ComplaintStatus,
    /// How it ended: required to close, refused otherwise.
    pub outcome: Option<ComplaintOutcome>,
    /// The body it is referred to: required to refer, refused otherwise.
    pub referred_to: Option<ReferralBody>,
    /// Why, for the timeline; optional, at most 2,000 characters.
    pub reason: Option<String>,
}

/// An accepted transition: what to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionOutcome {
    /// The new status.
    pub status: ComplaintStatus,
    /// The outcome, when it was closed.
    pub outcome: Option<ComplaintOutcome>,
    /// The body, when it was referred.
    pub referred_to: Option<ReferralBody>,
    /// The reason, trimmed; `None` when blank or absent.
    pub reason: Option<String>,
    /// Whether it is now closed (set `closedAt`).
    pub closed: bool,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The table does not hold `from → to` for this kind: 409 with `allowedTransitions`.
    #[error("a {} cannot go from `{from}` to `{to}`; {}", kind.code(), AllowedList(allowed))]
    NotAllowed {
        /// A report or a complaint.
        kind: ComplaintKind,
        /// The current status.
        from: ComplaintStatus,
        /// The status asked for.
        to: ComplaintStatus,
        /// What the table allows from `from` (see [`allowed_transitions`]).
        allowed: Vec<ComplaintStatus>,
    },
    /// The table holds the transition but the record's state forbids it now: 409.
    #[error("{0}")]
    Precondition(String),
    /// The request itself is wrong: 422 with these field errors.
    #[error("the transition request is invalid")]
    Invalid(Vec<FieldError>),
}

/// Formats the allowed statuses for [`TransitionError::NotAllowed`]'s message.
struct AllowedList<'a>(&'a [ComplaintStatus]);

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

/// Decides whether `state` may go where `request` asks (see the module's order of checks).
pub fn transition(
    state: &ComplaintState,
    request: &TransitionRequest,
) -> Result<TransitionOutcome, TransitionError> {
    let (kind, from, to) = (state.kind, state.status, request.to);
    if !in_table(kind, from, to) {
        return Err(TransitionError::NotAllowed {
            kind,
            from,
            to,
            allowed: allowed_transitions(kind, from),
        });
    }

    let reason = check_request(kind, request).map_err(TransitionError::Invalid)?;

    match (to, request.referred_to) {
        (InTreatment, _) => {
            let assigned = state
                .assigned_handler
                .as_deref()
                .is_some_and(|h| !h.trim().is_empty());
            if !assigned {
                return Err(TransitionError::Precondition(
                    "the complaint has no assigned handler; assign one before putting it in \
                     treatment"
                        .to_owned(),
                ));
            }
        }
        (Referred, Some(body)) if !state.consent_to_share_with.contains(&body) => {
            return Err(TransitionError::Precondition(format!(
                "the reporter did not consent to sharing the complaint with `{body}`; {}",
                ConsentList(&state.consent_to_share_with)
            )));
        }
        _ => {}
    }

    Ok(TransitionOutcome {
        status: to,
        outcome: request.outcome.filter(|_| to == Closed),
        referred_to: request.referred_to.filter(|_| to == Referred),
        reason,
        closed: to == Closed,
    })
}

/// The rules on the request's own fields; returns the normalised reason.
fn check_request(
    kind: ComplaintKind,
    request: &TransitionRequest,
) -> Result<Option<String>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut refuse =
        |pointer: &str, message: String| errors.push(FieldError::new(pointer, message));
    let to = request.to;

    match (to, kind, request.outcome) {
        (Closed, _, None) => refuse(
            "/outcome",
            format!("is required to close a {}: how it ended", kind.code()),
        ),
        (Closed, Report, Some(outcome)) if outcome != ComplaintOutcome::Registered => refuse(
            "/outcome",
            format!("a report is closed with the outcome `registered`, not `{outcome}`"),
        ),
        (Closed, Complaint, Some(ComplaintOutcome::Registered)) => refuse(
            "/outcome",
            "`registered` is for reports only; close a complaint with how its handling ended"
                .to_owned(),
        ),
        (Closed, _, Some(_)) | (_, _, None) => {}
        (_, _, Some(_)) => refuse(
            "/outcome",
            format!("only closing takes an outcome, not a transition to `{to}`"),
        ),
    }

    match (to, request.referred_to) {
        (Referred, None) => refuse(
            "/referredTo",
            "is required to refer a complaint: the body it is referred to".to_owned(),
        ),
        (Referred, Some(_)) | (_, None) => {}
        (_, Some(_)) => refuse(
            "/referredTo",
            format!("only referring takes referredTo, not a transition to `{to}`"),
        ),
    }

    let reason = optional_text(request.reason.clone());
    check_max_chars(reason.as_deref(), MAX_REASON_CHARS, "/reason", &mut errors);

    if errors.is_empty() {
        Ok(reason)
    } else {
        Err(errors)
    }
}

/// Formats the bodies a reporter consented to, for the consent precondition's message.
struct ConsentList<'a>(&'a [ReferralBody]);

impl std::fmt::Display for ConsentList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            [] => f.write_str("the reporter consented to sharing with no body"),
            [first, rest @ ..] => {
                write!(f, "the reporter consented to sharing with `{first}`")?;
                rest.iter().try_for_each(|b| write!(f, ", `{b}`"))
            }
        }
    }
}
