//! The complaint register (DESIGN §5, §11): reports and complaints of racism and discrimination,
//! from intake through acknowledgement, treatment and referral to their outcome.
//!
//! - [`intake`]: [`ComplaintDraft`] → [`NewComplaint`], every rule checked at once;
//! - [`lifecycle`]: the transition table and its guards, [`transition`];
//! - [`deadlines`](mod@deadlines): the day of receipt in Brussels, `acknowledgeBy`, `resolveBy`, overdue;
//! - [`routing`]: the bodies competent for a complaint, [`suggested_referrals`];
//! - [`classification`]: correcting grounds, conduct, context with a merge patch;
//! - [`Complaint`]: the stored record, with the operations above applied to it.

mod checks;
pub mod classification;
pub mod deadlines;
pub mod intake;
pub mod lifecycle;
pub mod reference;
pub mod routing;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod intake_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod lifecycle_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

pub use checks::{MAX_EMAIL_CHARS, MAX_PHONE_CHARS, MIN_PHONE_CHARS};
pub use classification::{Classification, ClassificationPatch, PatchValue};
pub use deadlines::{deadlines, is_overdue, receipt_day, reference_year};
pub use intake::{
    ComplaintDraft, Contact, EARLIEST_OCCURRED_ON, Incident, Location, MAX_CONTACT_NAME_CHARS,
    MAX_DESCRIPTION_CHARS, MAX_INVOLVED_SERVICE_CHARS, MAX_LOCATION_TEXT_CHARS,
    MIN_DESCRIPTION_CHARS, NewComplaint, Reporter, Submitter,
};
pub use lifecycle::{
    ComplaintState, MAX_REASON_CHARS, TransitionError, TransitionOutcome, TransitionRequest,
    allowed_transitions, transition,
};
pub use reference::ComplaintReference;
pub use routing::{Suggestion, suggested_referrals};

use crate::error::{DomainError, FieldError};
use crate::model::municipality::{ComplaintDeadlines, NisCode};
use crate::reference::{
    Channel, ComplaintKind, ComplaintOutcome, ComplaintStatus, Conduct, Ground, ReferralBody,
};

/// The longest handler `sub` accepted in an assignment.
pub const MAX_HANDLER_CHARS: usize = 200;

/// A report or complaint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// Its human reference, e.g. `MLD-2026-000123`.
    pub reference: ComplaintReference,
    /// The municipality it belongs to.
    pub municipality: NisCode,
    /// A report or a complaint.
    pub kind: ComplaintKind,
    /// How it came in.
    pub channel: Channel,
    /// Where it is in its lifecycle.
    pub status: ComplaintStatus,
    /// The reporter: role, contact, consents.
    pub reporter: Reporter,
    /// What happened, when and where.
    pub incident: Incident,
    /// The alleged grounds.
    pub grounds: Vec<Ground>,
    /// The alleged conduct.
    pub conduct: Vec<Conduct>,
    /// What happened, in the reporter's words.
    pub description: String,
    /// Whether the incident may be a hate crime.
    pub possible_hate_crime: bool,
    /// The partner that submitted it, if a partner did.
    pub submitted_by_partner: Option<Uuid>,
    /// The `sub` of the staff member who registered it, if staff did.
    pub created_by: Option<String>,
    /// The `sub` of its handler, if one is assigned.
    pub assigned_handler: Option<String>,
    /// How it ended, once closed.
    pub outcome: Option<ComplaintOutcome>,
    /// The body it was last referred to, if ever; kept after it returns to treatment.
    pub referred_to: Option<ReferralBody>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The day of receipt in Brussels, which the deadlines count from.
    pub received_on: NaiveDate,
    /// The day by which it is to be acknowledged.
    pub acknowledge_by: NaiveDate,
    /// The day by which a complaint is to be resolved; `None` for a report.
    pub resolve_by: Option<NaiveDate>,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

impl Complaint {
    /// The record of `new`, received at `received_at`: status `received`, deadlines from the
    /// municipality's `settings`, version 1. `reference` must be numbered in
    /// [`reference_year`]`(received_at)`.
    pub fn register(
        new: NewComplaint,
        id: Uuid,
        reference: ComplaintReference,
        received_at: DateTime<Utc>,
        settings: ComplaintDeadlines,
    ) -> Self {
        let received_on = receipt_day(received_at);
        let (acknowledge_by, resolve_by) = deadlines(new.kind, received_on, settings);
        let (submitted_by_partner, created_by) = match new.submitter {
            Submitter::Partner { partner_id } => (Some(partner_id), None),
            Submitter::Staff { subject } => (None, Some(subject)),
        };
        Self {
            id,
            reference,
            municipality: new.municipality,
            kind: new.kind,
            channel: new.channel,
            status: ComplaintStatus::Received,
            reporter: new.reporter,
            incident: new.incident,
            grounds: new.grounds,
            conduct: new.conduct,
            description: new.description,
            possible_hate_crime: new.possible_hate_crime,
            submitted_by_partner,
            created_by,
            assigned_handler: None,
            outcome: None,
            referred_to: None,
            received_at,
            received_on,
            acknowledge_by,
            resolve_by,
            closed_at: None,
            version: 1,
        }
    }

    /// What the transition rules need to know of it.
    pub fn state(&self) -> ComplaintState {
        ComplaintState {
            kind: self.kind,
            status: self.status,
            assigned_handler: self.assigned_handler.clone(),
            consent_to_share_with: self.reporter.consent_to_share_with.clone(),
        }
    }

    /// The statuses the table allows from its current status (`allowedTransitions`).
    pub fn allowed_transitions(&self) -> Vec<ComplaintStatus> {
        allowed_transitions(self.kind, self.status)
    }

    /// It after the transition `request` asks for, made at `at`, and the decision (for the
    /// timeline and the webhook); the version is left for the repository to bump.
    pub fn transition(
        &self,
        request: &TransitionRequest,
        at: DateTime<Utc>,
    ) -> Result<(Self, TransitionOutcome), TransitionError> {
        let decision = transition(&self.state(), request)?;
        let mut next = self.clone();
        next.status = decision.status;
        if decision.referred_to.is_some() {
            next.referred_to = decision.referred_to;
        }
        if decision.closed {
            next.outcome = decision.outcome;
            next.closed_at = Some(at);
        }
        Ok((next, decision))
    }

    /// Its grounds, conduct, context and hate-crime flag.
    pub fn classification(&self) -> Classification {
        Classification {
            grounds: self.grounds.clone(),
            conduct: self.conduct.clone(),
            context: self.incident.context,
            possible_hate_crime: self.possible_hate_crime,
        }
    }

    /// It with its classification corrected by `patch` (see [`Classification::apply_patch`]).
    pub fn reclassify(&self, patch: ClassificationPatch) -> Result<Self, DomainError> {
        let classification = self.classification().apply_patch(patch)?;
        let mut next = self.clone();
        next.grounds = classification.grounds;
        next.conduct = classification.conduct;
        next.incident.context = classification.context;
        next.possible_hate_crime = classification.possible_hate_crime;
        Ok(next)
    }

    /// It assigned to `handler`, any non-empty `sub` of at most [`MAX_HANDLER_CHARS`]
    /// characters (trimmed; there is no user directory to check it against).
    pub fn assign(&self, handler: &str) -> Result<Self, DomainError> {
        let handler = handler.trim();
        let count = handler.chars().count();
        if !(1..=MAX_HANDLER_CHARS).contains(&count) {
            return Err(DomainError::Validation(vec![FieldError::new(
                "/handler",
                format!("must be the `sub` of a handler, 1 to {MAX_HANDLER_CHARS} characters"),
            )]));
        }
        let mut next = self.clone();
        next.assigned_handler = Some(handler.to_owned());
        Ok(next)
    }

    /// It without a handler; refused (409) while `in_treatment`, which needs one.
    pub fn unassign(&self) -> Result<Self, DomainError> {
        if self.status == ComplaintStatus::InTreatment {
            return Err(DomainError::Conflict(
                "a complaint in treatment needs an assigned handler; assign another handler \
                 instead"
                    .to_owned(),
            ));
        }
        let mut next = self.clone();
        next.assigned_handler = None;
        Ok(next)
    }

    /// Whether it is past a deadline on `today` (see [`is_overdue`]).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        is_overdue(self.status, self.acknowledge_by, self.resolve_by, today)
    }

    /// The bodies competent for it, with the reasons (`suggestedReferrals`).
    pub fn suggested_referrals(&self) -> Vec<Suggestion> {
        suggested_referrals(&self.grounds, self.incident.context, &self.conduct)
    }
}
