//! Partner organisations: NGOs, police zones, the prosecutor's office, Unia, front offices.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::{DomainError, FieldError};
use crate::model::municipality::NisCode;
use crate::reference::PartnerKind;

/// The longest partner name accepted.
pub const MAX_NAME_CHARS: usize = 200;

/// A partner organisation with API keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// Its id.
    pub id: Uuid,
    /// Its name, e.g. `Politiezone Riho`.
    pub name: String,
    /// What kind of organisation it is.
    pub kind: PartnerKind,
    /// The municipalities it works for; its keys reach only their records.
    pub municipalities: BTreeSet<NisCode>,
    /// Whether its keys work; a deactivated partner's keys stop at once.
    pub active: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

/// Checks a partner's name: 1 to [`MAX_NAME_CHARS`] characters after trimming.
pub fn check_name(name: &str, pointer: &str) -> Result<String, FieldError> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_NAME_CHARS {
        Err(FieldError::new(
            pointer,
            format!("must be 1 to {MAX_NAME_CHARS} characters"),
        ))
    } else {
        Ok(trimmed.to_owned())
    }
}

/// A partner to create.
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: PartnerKind,
    /// Its municipalities; at least one.
    pub municipalities: BTreeSet<NisCode>,
}

/// Changes to a partner; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct PartnerChanges {
    /// A new name.
    pub name: Option<String>,
    /// A new kind.
    pub kind: Option<PartnerKind>,
    /// New municipalities.
    pub municipalities: Option<BTreeSet<NisCode>>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

impl Partner {
    /// This partner with `changes` applied, checked as a whole.
    pub fn apply(&self, changes: PartnerChanges) -> Result<Self, DomainError> {
        let mut next = self.clone();
        if let Some(name) = changes.name {
            next.name = check_name(&name, "/name").map_err(|e| DomainError::Validation(vec![e]))?;
        }
        if let Some(kind) = changes.kind {
            next.kind = kind;
        }
        if let Some(municipalities) = changes.municipalities {
            if municipalities.is_empty() {
                return Err(DomainError::invalid(
                    "/municipalities",
                    "a partner works for at least one municipality",
                ));
            }
            next.municipalities = municipalities;
        }
        if let Some(active) = changes.active {
            next.active = active;
        }
        Ok(next)
    }
}
