//! Consultations (DESIGN §6, §11): the half-yearly meeting of police, prosecutor, Unia and
//! target-group associations for one municipality or a region. [`ConsultationDraft`] →
//! [`NewConsultation`] → [`Consultation`]; its lifecycle is in
//! [`lifecycle`](super::lifecycle), its participants and action items in their own modules.
//!
//! A consultation belongs to a half-year (`period`) and is scheduled on a day in that half-year
//! or up to [`MAX_DAYS_AFTER_PERIOD`] days after it, so that the meeting that reviews a whole
//! half-year can take place early in the next one. The day is the calendar day in Brussels.

use std::collections::BTreeSet;

use chrono::{DateTime, Days, NaiveDate, Utc};
use uuid::Uuid;

use super::checks::{member, nis_code, required_text};
use super::period::HalfYear;
use crate::error::{DomainError, FieldError};
use crate::model::complaint::{PatchValue, receipt_day};
use crate::model::municipality::NisCode;
use crate::reference::ConsultationStatus;

/// The most municipalities one consultation covers.
pub const MAX_MUNICIPALITIES: usize = 100;
/// The longest `location` accepted.
pub const MAX_LOCATION_CHARS: usize = 300;
/// How many days after its period a consultation may still be scheduled.
pub const MAX_DAYS_AFTER_PERIOD: u64 = 31;
/// The longest minutes accepted.
pub const MAX_MINUTES_CHARS: usize = 50_000;

/// The request of `POST /api/v1/consultations`, as the HTTP layer parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationDraft {
    /// The NIS codes of the municipalities it covers: one, or a region; each once.
    pub municipalities: Vec<String>,
    /// The half-year it belongs to, `YYYY-H1` or `YYYY-H2`.
    pub period: String,
    /// When it takes place.
    pub scheduled_at: DateTime<Utc>,
    /// Where it takes place, 1 to 300 characters.
    pub location: String,
}

/// A consultation that passed every rule: the only way to get one is
/// [`NewConsultation::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation {
    municipalities: BTreeSet<NisCode>,
    period: HalfYear,
    scheduled_at: DateTime<Utc>,
    location: String,
}

impl NewConsultation {
    /// Checks `draft` and returns every broken rule at once, each at the JSON pointer of its
    /// request member: `/municipalities` (one to 100 distinct NIS codes, each error at its index),
    /// `/period`, `/scheduledAt` (in the period or up to 31 days after it, in Brussels), and
    /// `/location` (trimmed, 1 to 300 characters).
    pub fn validate(draft: ConsultationDraft) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let municipalities = check_municipalities(&draft.municipalities, &mut errors);
        let period = match HalfYear::parse(draft.period.trim()) {
            Ok(period) => Some(period),
            Err(message) => {
                errors.push(FieldError::new("/period", message));
                None
            }
        };
        if let Some(period) = period {
            check_scheduled_at(period, draft.scheduled_at, &mut errors);
        }
        let location = required_text(
            &draft.location,
            MAX_LOCATION_CHARS,
            "/location",
            &mut errors,
        );
        match period {
            Some(period) if errors.is_empty() => Ok(Self {
                municipalities,
                period,
                scheduled_at: draft.scheduled_at,
                location,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }

    /// The municipalities it covers.
    pub fn municipalities(&self) -> &BTreeSet<NisCode> {
        &self.municipalities
    }

    /// The half-year it belongs to.
    pub fn period(&self) -> HalfYear {
        self.period
    }

    /// When it takes place.
    pub fn scheduled_at(&self) -> DateTime<Utc> {
        self.scheduled_at
    }

    /// Where it takes place, trimmed.
    pub fn location(&self) -> &str {
        &self.location
    }
}

fn check_municipalities(codes: &[String], errors: &mut Vec<FieldError>) -> BTreeSet<NisCode> {
    let mut set = BTreeSet::new();
    if codes.is_empty() || codes.len() > MAX_MUNICIPALITIES {
        errors.push(FieldError::new(
            "/municipalities",
            format!(
                "give 1 to {MAX_MUNICIPALITIES} NIS codes, not {}",
                codes.len()
            ),
        ));
        return set;
    }
    for (index, code) in codes.iter().enumerate() {
        let pointer = format!("/municipalities/{index}");
        if let Some(code) = nis_code(code, &pointer, errors)
            && !set.insert(code.clone())
        {
            errors.push(FieldError::new(
                pointer,
                format!("`{code}` is given more than once; give each municipality once"),
            ));
        }
    }
    set
}

/// The days a consultation of `period` may be scheduled on, in Brussels.
pub fn scheduling_window(period: HalfYear) -> (NaiveDate, NaiveDate) {
    let last = period
        .last_day()
        .checked_add_days(Days::new(MAX_DAYS_AFTER_PERIOD))
        .unwrap_or(NaiveDate::MAX);
    (period.first_day(), last)
}

fn check_scheduled_at(period: HalfYear, at: DateTime<Utc>, errors: &mut Vec<FieldError>) {
    let (first, last) = scheduling_window(period);
    if !(first..=last).contains(&receipt_day(at)) {
        errors.push(FieldError::new(
            "/scheduledAt",
            format!(
                "must fall in the period {period} or up to {MAX_DAYS_AFTER_PERIOD} days after it \
                 (Brussels time): from {first} to {last}"
            ),
        ));
    }
}

/// A consultation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// The municipalities it covers; its action items carry over to the next consultation of
    /// exactly this set.
    pub municipalities: BTreeSet<NisCode>,
    /// The half-year it belongs to.
    pub period: HalfYear,
    /// When it takes place.
    pub scheduled_at: DateTime<Utc>,
    /// Where it takes place.
    pub location: String,
    /// Where it is in its lifecycle.
    pub status: ConsultationStatus,
    /// Its minutes, needed for `minutes_approved`.
    pub minutes: Option<String>,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

/// A merge patch (RFC 7396) of a planned consultation; every member is required, so `null` is
/// refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsultationPatch {
    /// `/municipalities`.
    pub municipalities: PatchValue<Vec<String>>,
    /// `/period`.
    pub period: PatchValue<String>,
    /// `/scheduledAt`.
    pub scheduled_at: PatchValue<DateTime<Utc>>,
    /// `/location`.
    pub location: PatchValue<String>,
}

impl Consultation {
    /// The record of `new`: status `planned`, no minutes, version 1.
    pub fn plan(new: NewConsultation, id: Uuid) -> Self {
        Self {
            id,
            municipalities: new.municipalities,
            period: new.period,
            scheduled_at: new.scheduled_at,
            location: new.location,
            status: ConsultationStatus::Planned,
            minutes: None,
            version: 1,
        }
    }

    /// Whether it has minutes (non-blank).
    pub fn has_minutes(&self) -> bool {
        self.minutes
            .as_deref()
            .is_some_and(|m| !m.trim().is_empty())
    }

    /// It with `patch` applied and checked as at creation; only while `planned` (409 otherwise:
    /// a held or cancelled meeting is history).
    pub fn apply(&self, patch: ConsultationPatch) -> Result<Self, DomainError> {
        if self.status != ConsultationStatus::Planned {
            return Err(DomainError::Conflict(format!(
                "only a planned consultation can be changed; this one is `{}`",
                self.status
            )));
        }
        let mut errors = Vec::new();
        let draft = ConsultationDraft {
            municipalities: member(
                patch.municipalities,
                || {
                    self.municipalities
                        .iter()
                        .map(ToString::to_string)
                        .collect()
                },
                "/municipalities",
                &mut errors,
            ),
            period: member(
                patch.period,
                || self.period.to_string(),
                "/period",
                &mut errors,
            ),
            scheduled_at: member(
                patch.scheduled_at,
                || self.scheduled_at,
                "/scheduledAt",
                &mut errors,
            ),
            location: member(
                patch.location,
                || self.location.clone(),
                "/location",
                &mut errors,
            ),
        };
        match NewConsultation::validate(draft) {
            Ok(new) if errors.is_empty() => Ok(Self {
                municipalities: new.municipalities,
                period: new.period,
                scheduled_at: new.scheduled_at,
                location: new.location,
                ..self.clone()
            }),
            Ok(_) => Err(DomainError::Validation(errors)),
            Err(DomainError::Validation(more)) => {
                errors.extend(more);
                Err(DomainError::Validation(errors))
            }
            Err(other) => Err(other),
        }
    }

    /// It with its minutes set to `text` (`PUT …/minutes`): only once `held` and until they are
    /// approved (409 otherwise); the text is trimmed, 1 to 50,000 characters (422 at `/text`).
    pub fn set_minutes(&self, text: &str) -> Result<Self, DomainError> {
        if self.status != ConsultationStatus::Held {
            return Err(DomainError::Conflict(format!(
                "minutes are written for a consultation that was held and whose minutes are not \
                 yet approved; this one is `{}`",
                self.status
            )));
        }
        let mut errors = Vec::new();
        let minutes = required_text(text, MAX_MINUTES_CHARS, "/text", &mut errors);
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(Self {
            minutes: Some(minutes),
            ..self.clone()
        })
    }

    /// Refuses (409) adding participants or action items, or changing participants, once it is
    /// `minutes_approved` or `cancelled`. Action items themselves stay open to follow-up.
    pub fn check_open_for_changes(&self) -> Result<(), DomainError> {
        match self.status {
            ConsultationStatus::Planned | ConsultationStatus::Held => Ok(()),
            status => Err(DomainError::Conflict(format!(
                "a consultation that is `{status}` is closed for changes to its participants and \
                 new action items"
            ))),
        }
    }
}
