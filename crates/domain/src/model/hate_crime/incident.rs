//! Incident intake (DESIGN §6): the request of `POST /api/v1/hate-crime-incidents` as an
//! [`IncidentDraft`], and [`NewIncident`], the draft once every rule holds. Incidents store no
//! description and no personal data; the official numbers are kept only as keyed hashes.

use std::fmt;

use chrono::NaiveDate;
use uuid::Uuid;

use super::checks::{check_codes, check_max_chars, nis_code, optional_text, past_date};
use super::pseudonym::{PoliceReference, ReferenceHash, ReferenceKind, pseudonymise};
use crate::error::{DomainError, FieldError};
use crate::model::complaint::Complaint;
use crate::model::municipality::NisCode;
use crate::reference::{
    BiasMotivation, CrimeType, IncidentLocationKind, IncidentSource, ProsecutionStatus,
};

/// The longest `district` accepted.
pub const MAX_DISTRICT_CHARS: usize = 200;
/// The longest `policeZone` accepted.
pub const MAX_POLICE_ZONE_CHARS: usize = 200;

/// The request of `POST /api/v1/hate-crime-incidents`, as the HTTP layer parsed it: nothing
/// checked yet beyond the types. Its `Debug` hides the official numbers.
#[derive(Clone, PartialEq, Eq)]
pub struct IncidentDraft {
    /// The municipality's NIS code, as sent.
    pub municipality: String,
    /// The day it happened: not in the future, not before 1900.
    pub occurred_on: NaiveDate,
    /// What kind of place it happened in.
    pub location_kind: IncidentLocationKind,
    /// The district or neighbourhood, at most 200 characters.
    pub district: Option<String>,
    /// The bias motivations: one or more, each once.
    pub bias_motivations: Vec<BiasMotivation>,
    /// The crime types: one or more, each once.
    pub crime_types: Vec<CrimeType>,
    /// Who brought it to the registry.
    pub source: IncidentSource,
    /// The police report number ("PV"), as sent; only its keyed hash is stored.
    pub police_reference: Option<String>,
    /// The prosecutor's file number ("notitienummer"), as sent; only its keyed hash is stored.
    pub prosecutor_reference: Option<String>,
    /// The police zone, at most 200 characters.
    pub police_zone: Option<String>,
    /// Where the criminal case stands; `unknown` when absent.
    pub prosecution_status: Option<ProsecutionStatus>,
    /// The complaint it was escalated from, if any.
    pub linked_complaint: Option<Uuid>,
}

impl fmt::Debug for IncidentDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden = |given: &Option<String>| given.as_ref().map(|_| "…");
        f.debug_struct("IncidentDraft")
            .field("municipality", &self.municipality)
            .field("occurred_on", &self.occurred_on)
            .field("location_kind", &self.location_kind)
            .field("district", &self.district)
            .field("bias_motivations", &self.bias_motivations)
            .field("crime_types", &self.crime_types)
            .field("source", &self.source)
            .field("police_reference", &hidden(&self.police_reference))
            .field("prosecutor_reference", &hidden(&self.prosecutor_reference))
            .field("police_zone", &self.police_zone)
            .field("prosecution_status", &self.prosecution_status)
            .field("linked_complaint", &self.linked_complaint)
            .finish()
    }
}

/// The request of `POST /api/v1/complaints/{id}/escalations`: the incident fields a complaint
/// does not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationDraft {
    /// The bias motivations.
    pub bias_motivations: Vec<BiasMotivation>,
    /// The crime types.
    pub crime_types: Vec<CrimeType>,
    /// What kind of place it happened in.
    pub location_kind: IncidentLocationKind,
}

impl IncidentDraft {
    /// The incident a complaint escalates to (DESIGN §11): `municipality` and `occurredOn` from
    /// the complaint, source `meldpunt`, prosecution status `unknown`, linked to the complaint.
    /// Nothing of the reporter or the description is taken over.
    pub fn escalation(complaint: &Complaint, escalation: EscalationDraft) -> Self {
        Self {
            municipality: complaint.municipality.to_string(),
            occurred_on: complaint.incident.occurred_on,
            location_kind: escalation.location_kind,
            district: None,
            bias_motivations: escalation.bias_motivations,
            crime_types: escalation.crime_types,
            source: IncidentSource::Meldpunt,
            police_reference: None,
            prosecutor_reference: None,
            police_zone: None,
            prosecution_status: Some(ProsecutionStatus::Unknown),
            linked_complaint: Some(complaint.id),
        }
    }
}

/// The keyed hashes of an incident's official numbers: what is stored and compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReferenceHashes {
    /// Of the police report number.
    pub police: Option<ReferenceHash>,
    /// Of the prosecutor's file number.
    pub prosecutor: Option<ReferenceHash>,
}

/// An incident that passed every intake rule: the only way to get one is
/// [`NewIncident::validate`]. Holds the normalised numbers until [`NewIncident::reference_hashes`]
/// or registration replaces them with hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIncident {
    pub(super) municipality: NisCode,
    pub(super) occurred_on: NaiveDate,
    pub(super) location_kind: IncidentLocationKind,
    pub(super) district: Option<String>,
    pub(super) bias_motivations: Vec<BiasMotivation>,
    pub(super) crime_types: Vec<CrimeType>,
    pub(super) source: IncidentSource,
    pub(super) police_reference: Option<PoliceReference>,
    pub(super) prosecutor_reference: Option<PoliceReference>,
    pub(super) police_zone: Option<String>,
    pub(super) prosecution_status: ProsecutionStatus,
    pub(super) linked_complaint: Option<Uuid>,
}

impl NewIncident {
    /// Checks `draft` on `today` (the calendar day in Brussels) and returns every broken rule at
    /// once, each at the JSON pointer of its request member. Texts are trimmed and blank optional
    /// texts become `None`; a missing prosecution status is `unknown`.
    pub fn validate(draft: IncidentDraft, today: NaiveDate) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let municipality = nis_code(&draft.municipality, "/municipality", &mut errors);
        past_date(draft.occurred_on, today, "/occurredOn", &mut errors);
        let district = optional_text(draft.district);
        check_max_chars(
            district.as_deref(),
            MAX_DISTRICT_CHARS,
            "/district",
            &mut errors,
        );
        check_bias_motivations(&draft.bias_motivations, &mut errors);
        check_crime_types(&draft.crime_types, &mut errors);
        let police_reference =
            official_number(draft.police_reference, "/policeReference", &mut errors);
        let prosecutor_reference = official_number(
            draft.prosecutor_reference,
            "/prosecutorReference",
            &mut errors,
        );
        let police_zone = optional_text(draft.police_zone);
        check_max_chars(
            police_zone.as_deref(),
            MAX_POLICE_ZONE_CHARS,
            "/policeZone",
            &mut errors,
        );

        match municipality {
            Some(municipality) if errors.is_empty() => Ok(Self {
                municipality,
                occurred_on: draft.occurred_on,
                location_kind: draft.location_kind,
                district,
                bias_motivations: draft.bias_motivations,
                crime_types: draft.crime_types,
                source: draft.source,
                police_reference,
                prosecutor_reference,
                police_zone,
                prosecution_status: draft
                    .prosecution_status
                    .unwrap_or(ProsecutionStatus::Unknown),
                linked_complaint: draft.linked_complaint,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }

    /// The keyed hashes of its official numbers under `key` (see [`pseudonymise`]), to look for
    /// possible duplicates before registering it.
    pub fn reference_hashes(&self, key: &[u8]) -> ReferenceHashes {
        ReferenceHashes {
            police: self
                .police_reference
                .as_ref()
                .map(|r| pseudonymise(key, ReferenceKind::Police, r)),
            prosecutor: self
                .prosecutor_reference
                .as_ref()
                .map(|r| pseudonymise(key, ReferenceKind::Prosecutor, r)),
        }
    }

    /// The municipality it is registered in.
    pub fn municipality(&self) -> &NisCode {
        &self.municipality
    }

    /// The day it happened.
    pub fn occurred_on(&self) -> NaiveDate {
        self.occurred_on
    }

    /// What kind of place it happened in.
    pub fn location_kind(&self) -> IncidentLocationKind {
        self.location_kind
    }

    /// The district, trimmed.
    pub fn district(&self) -> Option<&str> {
        self.district.as_deref()
    }

    /// The bias motivations: at least one, each once.
    pub fn bias_motivations(&self) -> &[BiasMotivation] {
        &self.bias_motivations
    }

    /// The crime types: at least one, each once.
    pub fn crime_types(&self) -> &[CrimeType] {
        &self.crime_types
    }

    /// Who brought it to the registry.
    pub fn source(&self) -> IncidentSource {
        self.source
    }

    /// Whether a police report number was given.
    pub fn has_police_reference(&self) -> bool {
        self.police_reference.is_some()
    }

    /// Whether a prosecutor's file number was given.
    pub fn has_prosecutor_reference(&self) -> bool {
        self.prosecutor_reference.is_some()
    }

    /// The police zone, trimmed.
    pub fn police_zone(&self) -> Option<&str> {
        self.police_zone.as_deref()
    }

    /// Where the criminal case stands.
    pub fn prosecution_status(&self) -> ProsecutionStatus {
        self.prosecution_status
    }

    /// The complaint it was escalated from.
    pub fn linked_complaint(&self) -> Option<Uuid> {
        self.linked_complaint
    }
}

/// Bias motivations: one or more, each once.
pub(super) fn check_bias_motivations(values: &[BiasMotivation], errors: &mut Vec<FieldError>) {
    check_codes(
        values,
        "/biasMotivations",
        "give at least one bias motivation, or `other`",
        errors,
    );
}

/// Crime types: one or more, each once.
pub(super) fn check_crime_types(values: &[CrimeType], errors: &mut Vec<FieldError>) {
    check_codes(
        values,
        "/crimeTypes",
        "give at least one crime type, or `other`",
        errors,
    );
}

/// An optional official number: blank is absent, otherwise it must normalise.
fn official_number(
    raw: Option<String>,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) -> Option<PoliceReference> {
    match PoliceReference::parse(&optional_text(raw)?) {
        Ok(reference) => Some(reference),
        Err(message) => {
            errors.push(FieldError::new(pointer, message));
            None
        }
    }
}
