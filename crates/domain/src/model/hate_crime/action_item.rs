//! Action items agreed at a consultation, and how open ones carry over (DESIGN §6, §11).
//!
//! An item belongs to the consultation it was agreed at. The items a consultation lists are its
//! own and those carried over: the items still `open` or `in_progress` of the most recent
//! earlier `minutes_approved` consultation of exactly the same set of municipalities, which
//! lists in turn the open items carried into it. Unrolled, that is every still-open item of
//! every earlier `minutes_approved` consultation of the same set, which is what
//! [`carried_over`] computes, marking each with the consultation it came from
//! (`carriedOverFrom`). Items of consultations that were held but whose minutes are not approved,
//! or that were cancelled, do not carry over.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::checks::{EARLIEST_DATE, member, required_text};
use super::consultation::Consultation;
use super::period::HalfYear;
use crate::error::{DomainError, FieldError};
use crate::model::complaint::PatchValue;
use crate::reference::{ActionItemStatus, ConsultationStatus};

/// The longest `description` accepted.
pub const MAX_ACTION_DESCRIPTION_CHARS: usize = 2_000;
/// The longest `ownerOrganisation` accepted.
pub const MAX_OWNER_ORGANISATION_CHARS: usize = 200;

/// Whether an item in `status` is still open and so carries over: `open` or `in_progress`.
pub fn is_open(status: ActionItemStatus) -> bool {
    matches!(
        status,
        ActionItemStatus::Open | ActionItemStatus::InProgress
    )
}

/// The request of `POST /api/v1/consultations/{id}/action-items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItemDraft {
    /// What is to be done, 1 to 2,000 characters.
    pub description: String,
    /// The organisation that does it, 1 to 200 characters.
    pub owner_organisation: String,
    /// By when; not before 1900.
    pub due_on: NaiveDate,
    /// Where it stands; `open` when absent.
    pub status: Option<ActionItemStatus>,
}

/// An action item that passed every rule: the only way to get one is
/// [`NewActionItem::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActionItem {
    description: String,
    owner_organisation: String,
    due_on: NaiveDate,
    status: ActionItemStatus,
}

impl NewActionItem {
    /// Checks `draft` and returns every broken rule at once: `/description` (trimmed, 1 to
    /// 2,000 characters), `/ownerOrganisation` (trimmed, 1 to 200), `/dueOn` (not before 1900).
    /// A due date in the past is accepted: items are also recorded after the meeting.
    pub fn validate(draft: ActionItemDraft) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let (description, owner_organisation) = check_texts(
            &draft.description,
            &draft.owner_organisation,
            draft.due_on,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(Self {
            description,
            owner_organisation,
            due_on: draft.due_on,
            status: draft.status.unwrap_or(ActionItemStatus::Open),
        })
    }
}

fn check_texts(
    description: &str,
    owner_organisation: &str,
    due_on: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> (String, String) {
    let description = required_text(
        description,
        MAX_ACTION_DESCRIPTION_CHARS,
        "/description",
        errors,
    );
    let owner = required_text(
        owner_organisation,
        MAX_OWNER_ORGANISATION_CHARS,
        "/ownerOrganisation",
        errors,
    );
    if due_on < EARLIEST_DATE {
        errors.push(FieldError::new(
            "/dueOn",
            format!("must not be before {EARLIEST_DATE}"),
        ));
    }
    (description, owner)
}

/// An action item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// The consultation it was agreed at.
    pub consultation_id: Uuid,
    /// What is to be done.
    pub description: String,
    /// The organisation that does it.
    pub owner_organisation: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Where it stands.
    pub status: ActionItemStatus,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

/// A merge patch (RFC 7396) of an action item; every member is required, so `null` is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionItemPatch {
    /// `/description`.
    pub description: PatchValue<String>,
    /// `/ownerOrganisation`.
    pub owner_organisation: PatchValue<String>,
    /// `/dueOn`.
    pub due_on: PatchValue<NaiveDate>,
    /// `/status`.
    pub status: PatchValue<ActionItemStatus>,
}

impl ActionItem {
    /// The item of `new`, agreed at `consultation_id`; version 1.
    pub fn agree(new: NewActionItem, id: Uuid, consultation_id: Uuid) -> Self {
        Self {
            id,
            consultation_id,
            description: new.description,
            owner_organisation: new.owner_organisation,
            due_on: new.due_on,
            status: new.status,
            version: 1,
        }
    }

    /// Whether it is still open (see [`is_open`]).
    pub fn is_open(&self) -> bool {
        is_open(self.status)
    }

    /// It with `patch` applied, checked as at creation; every broken rule at once. Any status
    /// may follow any other (an item done too early can be reopened). Allowed whatever the
    /// consultation's status: following items up after the meeting is the point.
    pub fn apply(&self, patch: ActionItemPatch) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let description = member(
            patch.description,
            || self.description.clone(),
            "/description",
            &mut errors,
        );
        let owner = member(
            patch.owner_organisation,
            || self.owner_organisation.clone(),
            "/ownerOrganisation",
            &mut errors,
        );
        let due_on = member(patch.due_on, || self.due_on, "/dueOn", &mut errors);
        let status = member(patch.status, || self.status, "/status", &mut errors);
        let (description, owner_organisation) =
            check_texts(&description, &owner, due_on, &mut errors);
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(Self {
            description,
            owner_organisation,
            due_on,
            status,
            ..self.clone()
        })
    }
}

/// An open action item of an earlier consultation, as a later one lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedOverItem {
    /// The item, as stored (it stays the earlier consultation's; a PATCH changes it there).
    pub item: ActionItem,
    /// The consultation it was agreed at (`carriedOverFrom`).
    pub carried_over_from: Uuid,
}

/// Where a consultation stands in the sequence of its set: by period, then scheduled time, then
/// id, so that two consultations are never equal.
fn sequence_key(consultation: &Consultation) -> (HalfYear, DateTime<Utc>, Uuid) {
    (
        consultation.period,
        consultation.scheduled_at,
        consultation.id,
    )
}

/// Whether `earlier` hands its open items on to `current`: exactly the same set of
/// municipalities (Aalst alone and Aalst with Ninove are different sequences),
/// `minutes_approved`, and before it in the sequence.
pub fn carries_into(earlier: &Consultation, current: &Consultation) -> bool {
    earlier.municipalities == current.municipalities
        && earlier.status == ConsultationStatus::MinutesApproved
        && sequence_key(earlier) < sequence_key(current)
}

/// The consultation whose open items `current` lists directly: the most recent earlier
/// `minutes_approved` consultation of the same set of municipalities, among `others`.
pub fn carry_over_source<'a>(
    current: &Consultation,
    others: impl IntoIterator<Item = &'a Consultation>,
) -> Option<&'a Consultation> {
    others
        .into_iter()
        .filter(|c| carries_into(c, current))
        .max_by_key(|c| sequence_key(c))
}

/// The items `current` lists as carried over, given the other consultations (any set, any
/// status: the rule picks) each with its own items: every still-open item of every earlier
/// `minutes_approved` consultation of the same set (see the module), marked with the
/// consultation it came from; ordered by that consultation, then due date, then id.
pub fn carried_over(
    current: &Consultation,
    others: &[(&Consultation, &[ActionItem])],
) -> Vec<CarriedOverItem> {
    let mut items: Vec<_> = others
        .iter()
        .filter(|(earlier, _)| carries_into(earlier, current))
        .flat_map(|(earlier, items)| {
            items
                .iter()
                .filter(|item| item.consultation_id == earlier.id && item.is_open())
                .map(|item| (sequence_key(earlier), item))
        })
        .collect();
    items.sort_by_key(|(key, item)| (*key, item.due_on, item.id));
    items
        .into_iter()
        .map(|(_, item)| CarriedOverItem {
            item: item.clone(),
            carried_over_from: item.consultation_id,
        })
        .collect()
}
