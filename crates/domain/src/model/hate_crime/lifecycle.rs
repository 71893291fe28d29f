//! The lifecycle of a consultation (DESIGN §6, §11): `planned → held → minutes_approved`, or
//! `planned → cancelled`.
//!
//! [`transition`] decides in the same order as the complaint lifecycle, so that each refusal
//! gets its status:
//! 1. the table: a transition it does not hold is 409, with the allowed ones;
//! 2. the request's own fields (`reason`): 422;
//! 3. the record's state (minutes present for `minutes_approved`): 409.

use super::checks::{check_max_chars, optional_text};
use super::consultation::Consultation;
use crate::error::FieldError;
use crate::reference::{ConsultationStatus, Enumeration};

use ConsultationStatus::{Cancelled, Held, MinutesApproved, Planned};

/// The longest `reason` of a transition accepted.
pub const MAX_REASON_CHARS: usize = 2_000;

/// DESIGN §11, line by line: `from → to`.
const TABLE: &[(ConsultationStatus, ConsultationStatus)] = &[
    (Planned, Held),
    (Held, MinutesApproved),
    (Planned, Cancelled),
];

/// The statuses the table allows from `from`, in lifecycle order, whether or not their
/// conditions hold now (the `allowedTransitions` of a 409).
pub fn allowed_transitions(from: ConsultationStatus) -> Vec<ConsultationStatus> {
    ConsultationStatus::ALL
        .iter()
        .copied()
        .filter(|&to| TABLE.contains(&(from, to)))
        .collect()
}

/// What the transition rules need to know of a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationState {
    /// Its current status.
    pub status: ConsultationStatus,
    /// Whether it has (non-blank) minutes.
    pub has_minutes: bool,
}

/// The body of `POST /api/v1/consultations/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationTransitionRequest {
    /// The status to go to.
    pub to: ConsultationStatus,
    /// Why, for the timeline (e.g. why it was cancelled); optional, at most 2,000 characters.
    pub reason: Option<String>,
}

/// An accepted transition: what to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationTransitionOutcome {
    /// The new status.
    pub status: ConsultationStatus,
    /// The reason, trimmed; `None` when blank or absent.
    pub reason: Option<String>,
}

/// Why a transition was refused; the same shape as the complaint lifecycle's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsultationTransitionError {
    /// The table does not hold `from → to`: 409 with `allowedTransitions`.
    #[error(
        "a consultation cannot go from `{from}` to `{to}`; {}",
        AllowedList(allowed)
    )]
    NotAllowed {
        /// The current status.
        from: ConsultationStatus,
        /// The status asked for.
        to: ConsultationStatus,
        /// What the table allows from `from` (see [`allowed_transitions`]).
        allowed: Vec<ConsultationStatus>,
    },
    /// The table holds the transition but the record's state forbids it now: 409.
    #[error("{0}")]
    Precondition(String),
    /// The request itself is wrong: 422 with these field errors.
    #[error("the transition request is invalid")]
    Invalid(Vec<FieldError>),
}

/// Formats the allowed statuses for [`ConsultationTransitionError::NotAllowed`]'s message.
struct AllowedList<'a>(&'a [ConsultationStatus]);

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
    state: &ConsultationState,
    request: &ConsultationTransitionRequest,
) -> Result<ConsultationTransitionOutcome, ConsultationTransitionError> {
    let (from, to) = (state.status, request.to);
    if !TABLE.contains(&(from, to)) {
        return Err(ConsultationTransitionError::NotAllowed {
            from,
            to,
            allowed: allowed_transitions(from),
        });
    }

    let reason = optional_text(request.reason.clone());
    let mut errors = Vec::new();
    check_max_chars(reason.as_deref(), MAX_REASON_CHARS, "/reason", &mut errors);
    if !errors.is_empty() {
        return Err(ConsultationTransitionError::Invalid(errors));
    }

    if to == MinutesApproved && !state.has_minutes {
        return Err(ConsultationTransitionError::Precondition(
            "minutes are needed to approve them; write them with PUT …/minutes first".to_owned(),
        ));
    }

    Ok(ConsultationTransitionOutcome { status: to, reason })
}

impl Consultation {
    /// What the transition rules need to know of it.
    pub fn state(&self) -> ConsultationState {
        ConsultationState {
            status: self.status,
            has_minutes: self.has_minutes(),
        }
    }

    /// The statuses the table allows from its current status (`allowedTransitions`).
    pub fn allowed_transitions(&self) -> Vec<ConsultationStatus> {
        allowed_transitions(self.status)
    }

    /// It after the transition `request` asks for, and the decision (for the timeline and the
    /// webhook); the version is left for the repository to bump.
    pub fn transition(
        &self,
        request: &ConsultationTransitionRequest,
    ) -> Result<(Self, ConsultationTransitionOutcome), ConsultationTransitionError> {
        let decision = transition(&self.state(), request)?;
        let next = Self {
            status: decision.status,
            ..self.clone()
        };
        Ok((next, decision))
    }
}
