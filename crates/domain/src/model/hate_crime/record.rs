//! The incident as stored: registration, the possible-duplicate link and the correction of its
//! prosecution status and classification with `PATCH /api/v1/hate-crime-incidents/{id}`.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::checks::{check_max_chars, member, optional_text};
use super::incident::{MAX_DISTRICT_CHARS, NewIncident, check_bias_motivations, check_crime_types};
use super::pseudonym::ReferenceHash;
use super::reference::IncidentReference;
use crate::error::DomainError;
use crate::model::complaint::{PatchValue, Submitter};
use crate::model::municipality::NisCode;
use crate::reference::{
    BiasMotivation, CrimeType, IncidentLocationKind, IncidentSource, ProsecutionStatus,
};

/// A hate-crime incident as stored. Holds no description, no personal data and no official
/// number: only the keyed hashes of the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    /// Its id (UUIDv7).
    pub id: Uuid,
    /// Its human reference, e.g. `HC-2026-000045`.
    pub reference: IncidentReference,
    /// The municipality it belongs to.
    pub municipality: NisCode,
    /// The day it happened.
    pub occurred_on: NaiveDate,
    /// What kind of place it happened in.
    pub location_kind: IncidentLocationKind,
    /// The district or neighbourhood.
    pub district: Option<String>,
    /// The bias motivations: at least one, each once.
    pub bias_motivations: Vec<BiasMotivation>,
    /// The crime types: at least one, each once.
    pub crime_types: Vec<CrimeType>,
    /// Who brought it to the registry.
    pub source: IncidentSource,
    /// HMAC-SHA256 of the normalised police report number.
    pub police_reference_hash: Option<ReferenceHash>,
    /// HMAC-SHA256 of the normalised prosecutor's file number.
    pub prosecutor_reference_hash: Option<ReferenceHash>,
    /// The police zone.
    pub police_zone: Option<String>,
    /// Where the criminal case stands.
    pub prosecution_status: ProsecutionStatus,
    /// The complaint it was escalated from.
    pub linked_complaint: Option<Uuid>,
    /// The earlier incident with the same police or prosecutor number, if any: both stay.
    pub possible_duplicate_of: Option<Uuid>,
    /// The partner that submitted it, if a partner did.
    pub submitted_by_partner: Option<Uuid>,
    /// The `sub` of the staff member who registered it, if staff did.
    pub created_by: Option<String>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

impl Incident {
    /// The record of `new`, with its official numbers replaced by their hashes under `key`, not
    /// yet linked to a duplicate (see [`Incident::find_possible_duplicate`]); version 1.
    /// `reference` is numbered in the Brussels year of `created_at`
    /// ([`reference_year`](crate::model::complaint::reference_year)).
    pub fn register(
        new: NewIncident,
        key: &[u8],
        id: Uuid,
        reference: IncidentReference,
        submitter: Submitter,
        created_at: DateTime<Utc>,
    ) -> Self {
        let hashes = new.reference_hashes(key);
        let (submitted_by_partner, created_by) = match submitter {
            Submitter::Partner { partner_id } => (Some(partner_id), None),
            Submitter::Staff { subject } => (None, Some(subject)),
        };
        Self {
            id,
            reference,
            municipality: new.municipality,
            occurred_on: new.occurred_on,
            location_kind: new.location_kind,
            district: new.district,
            bias_motivations: new.bias_motivations,
            crime_types: new.crime_types,
            source: new.source,
            police_reference_hash: hashes.police,
            prosecutor_reference_hash: hashes.prosecutor,
            police_zone: new.police_zone,
            prosecution_status: new.prosecution_status,
            linked_complaint: new.linked_complaint,
            possible_duplicate_of: None,
            submitted_by_partner,
            created_by,
            created_at,
            version: 1,
        }
    }

    /// Whether `other` carries the same police number or the same prosecutor's number (a police
    /// hash is only compared with police hashes, and so on).
    pub fn shares_a_reference_with(&self, other: &Self) -> bool {
        let same = |a: Option<ReferenceHash>, b: Option<ReferenceHash>| a.is_some() && a == b;
        same(self.police_reference_hash, other.police_reference_hash)
            || same(
                self.prosecutor_reference_hash,
                other.prosecutor_reference_hash,
            )
    }

    /// The incident it is a possible duplicate of: among `candidates` (the stored incidents
    /// with a matching hash), the first registered (by `created_at`, then id) in the same
    /// municipality that shares a number with it; itself excluded. Kept to the municipality so
    /// that the link never points into a register the coordinator may not read.
    pub fn find_possible_duplicate<'a>(
        &self,
        candidates: impl IntoIterator<Item = &'a Self>,
    ) -> Option<Uuid> {
        candidates
            .into_iter()
            .filter(|c| c.id != self.id && c.municipality == self.municipality)
            .filter(|c| self.shares_a_reference_with(c))
            .min_by_key(|c| (c.created_at, c.id))
            .map(|c| c.id)
    }

    /// It with `patch` applied, checked by the intake rules; every broken rule is reported at
    /// once. Only `district` may be removed (`null`); an empty patch changes nothing. The
    /// version is left for the repository to bump.
    pub fn apply(&self, patch: IncidentPatch) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let prosecution_status = member(
            patch.prosecution_status,
            || self.prosecution_status,
            "/prosecutionStatus",
            &mut errors,
        );
        let bias_motivations = member(
            patch.bias_motivations,
            || self.bias_motivations.clone(),
            "/biasMotivations",
            &mut errors,
        );
        check_bias_motivations(&bias_motivations, &mut errors);
        let crime_types = member(
            patch.crime_types,
            || self.crime_types.clone(),
            "/crimeTypes",
            &mut errors,
        );
        check_crime_types(&crime_types, &mut errors);
        let location_kind = member(
            patch.location_kind,
            || self.location_kind,
            "/locationKind",
            &mut errors,
        );
        let district = match patch.district {
            PatchValue::Keep => self.district.clone(),
            PatchValue::Remove => None,
            PatchValue::Set(text) => optional_text(Some(text)),
        };
        check_max_chars(
            district.as_deref(),
            MAX_DISTRICT_CHARS,
            "/district",
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(Self {
            prosecution_status,
            bias_motivations,
            crime_types,
            location_kind,
            district,
            ..self.clone()
        })
    }
}

/// A merge patch (RFC 7396) of an incident: its prosecution status and classification.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentPatch {
    /// `/prosecutionStatus`.
    pub prosecution_status: PatchValue<ProsecutionStatus>,
    /// `/biasMotivations`.
    pub bias_motivations: PatchValue<Vec<BiasMotivation>>,
    /// `/crimeTypes`.
    pub crime_types: PatchValue<Vec<CrimeType>>,
    /// `/locationKind`.
    pub location_kind: PatchValue<IncidentLocationKind>,
    /// `/district`; `null` removes it.
    pub district: PatchValue<String>,
}

impl IncidentPatch {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
