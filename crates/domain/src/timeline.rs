//! The append-only history of the registers' records, and the log of who read them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The register a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Register {
    /// Complaints and reports.
    Complaint,
    /// Hate-crime incidents.
    Incident,
    /// Hate-crime consultations.
    Consultation,
    /// Subsidy applications.
    Application,
}

impl Register {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Complaint => "complaint",
            Self::Incident => "incident",
            Self::Consultation => "consultation",
            Self::Application => "application",
        }
    }
}

/// A change to a record, as it is appended to its timeline. Never holds personal data: no
/// descriptions, contact data or message texts, only codes, references and actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Who: `staff:<sub>`, `partner:<id>`, `reporter`.
    pub actor: String,
    /// What, e.g. `created`, `status_changed`, `assigned`.
    pub action: String,
    /// The status before, for status changes.
    pub from: Option<String>,
    /// The status after.
    pub to: Option<String>,
    /// A short detail without personal data (e.g. the referral body, the new handler).
    pub detail: Option<String>,
}

impl NewEvent {
    /// An event of `action` by `actor`.
    pub fn new(actor: impl Into<String>, action: &str) -> Self {
        Self {
            actor: actor.into(),
            action: action.to_owned(),
            from: None,
            to: None,
            detail: None,
        }
    }

    /// With a status change.
    pub fn status(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self.to = Some(to.into());
        self
    }

    /// With a detail.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// A stored timeline event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Its id (UUIDv7: ids sort in time order).
    pub id: Uuid,
    /// What happened and who did it.
    pub change: NewEvent,
    /// When.
    pub at: DateTime<Utc>,
}

/// A stored read of a record's personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEvent {
    /// Its id.
    pub id: Uuid,
    /// Who read.
    pub actor: String,
    /// What they did (`read`).
    pub action: String,
    /// When.
    pub at: DateTime<Utc>,
}
