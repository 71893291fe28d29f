//! The application record: its creation, its transitions and its revision while the
//! applicant may still change it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::application::{
    Applicant, ApplicantDraft, ApplicationDraft, Budget, BudgetDraft, BudgetLine, BudgetLineDraft,
    NewApplication, Project, ProjectDraft,
};
use super::lifecycle::{
    ApplicationState, FinalReport, Party, TransitionError, TransitionOutcome, TransitionRequest,
    allowed_transitions, transition,
};
use super::money::Cents;
use crate::error::{DomainError, FieldError};
use crate::model::municipality::NisCode;
use crate::model::reference_number::{Reference, ReferencePrefix};
use crate::reference::ApplicationStatus;

/// An application's reference, e.g. `SUB-2026-000017`: unique per municipality and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApplicationReference(Reference);

impl ApplicationReference {
    /// The reference with this year (four digits) and number (1 to 999,999).
    pub fn new(year: i32, number: u32) -> Result<Self, String> {
        Reference::new(ReferencePrefix::Application, year, number).map(Self)
    }

    /// Parses `SUB-YYYY-NNNNNN`; another register's reference is refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        Reference::parse_as(ReferencePrefix::Application, text).map(Self)
    }

    /// The year it carries.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Its number within the municipality and year.
    pub fn number(self) -> u32 {
        self.0.number()
    }

    /// The generic reference it is.
    pub fn as_reference(self) -> Reference {
        self.0
    }
}

impl fmt::Display for ApplicationReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for ApplicationReference {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Who entered an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnteredBy {
    /// An applicant partner with an API key (scope `subsidies:apply`).
    Partner {
        /// The partner's id.
        partner_id: Uuid,
    },
    /// An officer at the counter, who may then make the applicant's transitions.
    Staff {
        /// The token's `sub`.
        subject: String,
    },
}

/// A subsidy application as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// Its human reference, e.g. `SUB-2026-000017`.
    pub reference: ApplicationReference,
    /// The scheme applied to.
    pub scheme_id: Uuid,
    /// The scheme's municipality.
    pub municipality: NisCode,
    /// Where it is in its lifecycle.
    pub status: ApplicationStatus,
    /// Who applies.
    pub applicant: Applicant,
    /// What for.
    pub project: Project,
    /// The project budget.
    pub budget: Budget,
    /// The amount asked for.
    pub requested_cents: Cents,
    /// Who entered it.
    pub entered_by: EnteredBy,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was (last) submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The amount awarded, once approved.
    pub awarded_cents: Option<Cents>,
    /// The decision's reference, once approved.
    pub decision_reference: Option<String>,
    /// The day of the decision, once approved.
    pub decided_on: Option<NaiveDate>,
    /// The total paid out (advance and balance).
    pub paid_cents: Cents,
    /// The amount to recover, once reclaimed.
    pub reclaimed_cents: Option<Cents>,
    /// The final report, once submitted.
    pub report: Option<FinalReport>,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

impl Application {
    /// The record of `new`, entered by `entered_by` at `at`: status `draft`, nothing awarded or
    /// paid, version 1.
    pub fn create(
        new: NewApplication,
        id: Uuid,
        reference: ApplicationReference,
        entered_by: EnteredBy,
        at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            reference,
            scheme_id: new.scheme_id,
            municipality: new.municipality,
            status: ApplicationStatus::Draft,
            applicant: new.applicant,
            project: new.project,
            budget: new.budget,
            requested_cents: new.requested,
            entered_by,
            created_at: at,
            submitted_at: None,
            awarded_cents: None,
            decision_reference: None,
            decided_on: None,
            paid_cents: Cents::ZERO,
            reclaimed_cents: None,
            report: None,
            version: 1,
        }
    }

    /// What the transition rules need to know of it.
    pub fn state(&self) -> ApplicationState {
        ApplicationState {
            status: self.status,
            requested: self.requested_cents,
            awarded: self.awarded_cents,
            paid: self.paid_cents,
        }
    }

    /// The statuses the table allows `party` from its current status (`allowedTransitions`).
    pub fn allowed_transitions(&self, party: Party) -> Vec<ApplicationStatus> {
        allowed_transitions(self.status, party)
    }

    /// It after the transition `request` asks `party` to make on `today` at `at`, and the
    /// decision (for the timeline and the webhook). Call
    /// [`check_submission`](super::check_submission) before `draft → submitted` and
    /// [`check_award_fits`](super::check_award_fits) before approving; the version is left for
    /// the repository to bump.
    pub fn transition(
        &self,
        request: &TransitionRequest,
        party: Party,
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<(Self, TransitionOutcome), TransitionError> {
        let outcome = transition(&self.state(), request, party, today)?;
        let mut next = self.clone();
        next.status = outcome.status;
        if outcome.status == ApplicationStatus::Submitted {
            next.submitted_at = Some(at);
        }
        if let Some(decision) = &outcome.decision {
            next.awarded_cents = Some(decision.awarded);
            next.decision_reference = Some(decision.reference.clone());
            next.decided_on = Some(decision.decided_on);
        }
        if let Some(payment) = outcome.payment {
            // The rules keep the total within the award, which fits in an i64.
            next.paid_cents = self.paid_cents.checked_add(payment).unwrap_or(Cents::MAX);
        }
        if outcome.reclaim.is_some() {
            next.reclaimed_cents = outcome.reclaim;
        }
        if outcome.report.is_some() {
            next.report = outcome.report.clone();
        }
        Ok((next, outcome))
    }

    /// Whether the applicant may still change it: in `draft` or `needs_information`.
    pub fn is_editable(&self) -> bool {
        matches!(
            self.status,
            ApplicationStatus::Draft | ApplicationStatus::NeedsInformation
        )
    }

    /// It as a draft, to merge a PATCH into and check again with
    /// [`NewApplication::validate`].
    pub fn to_draft(&self) -> ApplicationDraft {
        let lines = |lines: &[BudgetLine]| {
            lines
                .iter()
                .map(|l| BudgetLineDraft {
                    label: l.label.clone(),
                    amount_cents: l.amount.get(),
                })
                .collect()
        };
        let a = &self.applicant;
        ApplicationDraft {
            scheme_id: self.scheme_id,
            applicant: ApplicantDraft {
                kind: a.kind,
                name: a.name.clone().unwrap_or_default(),
                enterprise_number: a.enterprise_number.as_ref().map(ToString::to_string),
                contact_name: a
                    .contact
                    .as_ref()
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                email: a
                    .contact
                    .as_ref()
                    .map(|c| c.email.clone())
                    .unwrap_or_default(),
                iban: a
                    .contact
                    .as_ref()
                    .map(|c| c.iban.as_str().to_owned())
                    .unwrap_or_default(),
            },
            project: ProjectDraft {
                title: self.project.title.clone(),
                summary: self.project.summary.clone(),
                target_groups: self.project.target_groups.clone(),
                starts_on: self.project.starts_on,
                ends_on: self.project.ends_on,
            },
            budget: BudgetDraft {
                cost_lines: lines(&self.budget.cost_lines),
                income_lines: lines(&self.budget.income_lines),
            },
            requested_cents: self.requested_cents.get(),
        }
    }

    /// It with its content replaced by `new` (a PATCH merged into [`Self::to_draft`] and
    /// checked): refused with 409 outside `draft` and `needs_information`, and with 422 when
    /// `new` is for another scheme. The version is left for the repository to bump.
    pub fn revise(&self, new: NewApplication) -> Result<Self, DomainError> {
        if !self.is_editable() {
            return Err(DomainError::Conflict(format!(
                "an application can be changed only in `draft` or `needs_information`; this \
                 one is `{}`",
                self.status
            )));
        }
        if new.scheme_id != self.scheme_id {
            return Err(DomainError::Validation(vec![FieldError::new(
                "/schemeId",
                "cannot change: apply to the other scheme with a new application",
            )]));
        }
        let mut next = self.clone();
        next.applicant = new.applicant;
        next.project = new.project;
        next.budget = new.budget;
        next.requested_cents = new.requested;
        Ok(next)
    }
}
