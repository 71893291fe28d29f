//! The participants of a consultation (DESIGN §6, §11): `{"organisation", "kind", "present",
//! "partnerId"?}`. A partner named as a participant reads the consultation and its agenda.

use uuid::Uuid;

use super::checks::{member, required_text};
use crate::error::DomainError;
use crate::model::complaint::PatchValue;
use crate::reference::ParticipantKind;

/// The longest `organisation` accepted.
pub const MAX_ORGANISATION_CHARS: usize = 200;

/// The request of `POST /api/v1/consultations/{id}/participants`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantDraft {
    /// The organisation's name, 1 to 200 characters.
    pub organisation: String,
    /// What kind of organisation it is.
    pub kind: ParticipantKind,
    /// Whether it was (or will be) present.
    pub present: bool,
    /// The partner it is, if it has an API key: that partner may read the consultation.
    pub partner_id: Option<Uuid>,
}

/// A participant that passed every rule: the only way to get one is
/// [`NewParticipant::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParticipant {
    organisation: String,
    kind: ParticipantKind,
    present: bool,
    partner_id: Option<Uuid>,
}

impl NewParticipant {
    /// Checks `draft`: `/organisation` trimmed, 1 to 200 characters. Whether `partnerId` names an
    /// existing partner is for the caller to check against the partners it stores.
    pub fn validate(draft: ParticipantDraft) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let organisation = required_text(
            &draft.organisation,
            MAX_ORGANISATION_CHARS,
            "/organisation",
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(Self {
            organisation,
            kind: draft.kind,
            present: draft.present,
            partner_id: draft.partner_id,
        })
    }

    /// The organisation, trimmed.
    pub fn organisation(&self) -> &str {
        &self.organisation
    }

    /// What kind of organisation it is.
    pub fn kind(&self) -> ParticipantKind {
        self.kind
    }

    /// Whether it was present.
    pub fn present(&self) -> bool {
        self.present
    }

    /// The partner it is.
    pub fn partner_id(&self) -> Option<Uuid> {
        self.partner_id
    }
}

/// A participant of a consultation, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// The consultation it takes part in.
    pub consultation_id: Uuid,
    /// The organisation's name.
    pub organisation: String,
    /// What kind of organisation it is.
    pub kind: ParticipantKind,
    /// Whether it was present.
    pub present: bool,
    /// The partner it is, if any.
    pub partner_id: Option<Uuid>,
}

/// A merge patch (RFC 7396) of a participant; only `partnerId` may be removed (`null`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantPatch {
    /// `/organisation`.
    pub organisation: PatchValue<String>,
    /// `/kind`.
    pub kind: PatchValue<ParticipantKind>,
    /// `/present`.
    pub present: PatchValue<bool>,
    /// `/partnerId`.
    pub partner_id: PatchValue<Uuid>,
}

impl Participant {
    /// The participant of `new` in `consultation_id`.
    pub fn add(new: NewParticipant, id: Uuid, consultation_id: Uuid) -> Self {
        Self {
            id,
            consultation_id,
            organisation: new.organisation,
            kind: new.kind,
            present: new.present,
            partner_id: new.partner_id,
        }
    }

    /// It with `patch` applied, checked as at creation; every broken rule at once.
    pub fn apply(&self, patch: ParticipantPatch) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let organisation = member(
            patch.organisation,
            || self.organisation.clone(),
            "/organisation",
            &mut errors,
        );
        let organisation = required_text(
            &organisation,
            MAX_ORGANISATION_CHARS,
            "/organisation",
            &mut errors,
        );
        let kind = member(patch.kind, || self.kind, "/kind", &mut errors);
        let present = member(patch.present, || self.present, "/present", &mut errors);
        let partner_id = match patch.partner_id {
            PatchValue::Keep => self.partner_id,
            PatchValue::Remove => None,
            PatchValue::Set(id) => Some(id),
        };
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(Self {
            organisation,
            kind,
            present,
            partner_id,
            ..self.clone()
        })
    }
}

/// Whether `partner_id` takes part in the consultation whose participants are `participants`:
/// what lets a partner with `consultations:read` read it and its agenda (DESIGN §11).
pub fn is_participant(participants: &[Participant], partner_id: Uuid) -> bool {
    participants
        .iter()
        .any(|p| p.partner_id == Some(partner_id))
}
