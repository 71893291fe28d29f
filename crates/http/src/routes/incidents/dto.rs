//! Request and response bodies of the hate-crime registry's incidents.

use chrono::{DateTime, NaiveDate, Utc};
use samenleven_domain::model::hate_crime::{EscalationDraft, Incident, IncidentDraft};
use samenleven_domain::reference::{
    BiasMotivation, CrimeType, IncidentLocationKind, IncidentSource, ProsecutionStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::openapi::{enum_array, enum_ref, nullable_enum_ref};

/// A hate-crime incident as police, prosecutor, Unia, an association or the city records it.
/// It holds no description and no names: the registry maps hate crime, it does not investigate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "municipality": "41011",
    "occurredOn": "2026-09-14",
    "locationKind": "public_transport",
    "district": "Stationsbuurt",
    "biasMotivations": ["anti_muslim", "gender"],
    "crimeTypes": ["physical_assault", "hate_speech"],
    "source": "police",
    "policeReference": "DE.55.L1.012345/2026",
    "policeZone": "Denderleeuw/Haaltert",
    "prosecutionStatus": "under_investigation"
}))]
pub struct CreateIncidentRequest {
    /// The municipality's NIS code.
    #[schema(example = "41011")]
    pub municipality: String,
    /// The day it happened (not in the future).
    pub occurred_on: NaiveDate,
    /// What kind of place.
    #[schema(schema_with = enum_ref::<IncidentLocationKind>)]
    pub location_kind: IncidentLocationKind,
    /// The district or neighbourhood.
    #[schema(max_length = 200)]
    pub district: Option<String>,
    /// The bias motivations (OSCE/ODIHR categories), one or more.
    #[schema(schema_with = enum_array::<BiasMotivation>)]
    pub bias_motivations: Vec<BiasMotivation>,
    /// The crime types, one or more.
    #[schema(schema_with = enum_array::<CrimeType>)]
    pub crime_types: Vec<CrimeType>,
    /// Who brings it to the registry.
    #[schema(schema_with = enum_ref::<IncidentSource>)]
    pub source: IncidentSource,
    /// The official police report number ("PV"). Stored only as a keyed hash: never shown again.
    #[schema(max_length = 64)]
    pub police_reference: Option<String>,
    /// The prosecutor's file number ("notitienummer"). Stored only as a keyed hash.
    #[schema(max_length = 64)]
    pub prosecutor_reference: Option<String>,
    /// The police zone.
    #[schema(max_length = 200)]
    pub police_zone: Option<String>,
    /// Where the criminal case stands (default `unknown`).
    #[schema(schema_with = nullable_enum_ref::<ProsecutionStatus>)]
    pub prosecution_status: Option<ProsecutionStatus>,
}

impl From<CreateIncidentRequest> for IncidentDraft {
    fn from(r: CreateIncidentRequest) -> Self {
        Self {
            municipality: r.municipality,
            occurred_on: r.occurred_on,
            location_kind: r.location_kind,
            district: r.district,
            bias_motivations: r.bias_motivations,
            crime_types: r.crime_types,
            source: r.source,
            police_reference: r.police_reference,
            prosecutor_reference: r.prosecutor_reference,
            police_zone: r.police_zone,
            prosecution_status: r.prosecution_status,
            linked_complaint: None,
        }
    }
}

/// What a complaint does not say about the incident it escalates.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"biasMotivations": ["racism_xenophobia"], "crimeTypes": ["hate_speech"], "locationKind": "public_space"}))]
pub struct EscalationRequest {
    /// The bias motivations.
    #[schema(schema_with = enum_array::<BiasMotivation>)]
    pub bias_motivations: Vec<BiasMotivation>,
    /// The crime types.
    #[schema(schema_with = enum_array::<CrimeType>)]
    pub crime_types: Vec<CrimeType>,
    /// What kind of place.
    #[schema(schema_with = enum_ref::<IncidentLocationKind>)]
    pub location_kind: IncidentLocationKind,
}

impl From<EscalationRequest> for EscalationDraft {
    fn from(r: EscalationRequest) -> Self {
        Self {
            bias_motivations: r.bias_motivations,
            crime_types: r.crime_types,
            location_kind: r.location_kind,
        }
    }
}

/// An incident. Official numbers are never shown: only whether one was given.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IncidentView {
    /// Its id.
    pub id: Uuid,
    /// Its reference.
    #[schema(example = "HC-2026-000045")]
    pub reference: String,
    /// The municipality's NIS code.
    pub municipality: String,
    /// The day it happened.
    pub occurred_on: NaiveDate,
    /// What kind of place.
    #[schema(schema_with = enum_ref::<IncidentLocationKind>)]
    pub location_kind: IncidentLocationKind,
    /// The district.
    pub district: Option<String>,
    /// The bias motivations.
    #[schema(schema_with = enum_array::<BiasMotivation>)]
    pub bias_motivations: Vec<BiasMotivation>,
    /// The crime types.
    #[schema(schema_with = enum_array::<CrimeType>)]
    pub crime_types: Vec<CrimeType>,
    /// Who brought it.
    #[schema(schema_with = enum_ref::<IncidentSource>)]
    pub source: IncidentSource,
    /// Whether a police report number was given (it is stored only as a keyed hash).
    pub has_police_reference: bool,
    /// Whether a prosecutor's file number was given.
    pub has_prosecutor_reference: bool,
    /// The police zone.
    pub police_zone: Option<String>,
    /// Where the criminal case stands.
    #[schema(schema_with = enum_ref::<ProsecutionStatus>)]
    pub prosecution_status: ProsecutionStatus,
    /// The complaint it was escalated from.
    pub linked_complaint: Option<Uuid>,
    /// An earlier incident with the same official number: possibly the same incident, reported
    /// twice (both stay). Shown to coordinators only.
    pub possible_duplicate_of: Option<Uuid>,
    /// The partner that submitted it.
    pub submitted_by_partner: Option<Uuid>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

impl IncidentView {
    /// The view of `i`; the duplicate link only for coordinators (`coordinator`).
    pub fn new(i: Incident, coordinator: bool) -> Self {
        Self {
            id: i.id,
            reference: i.reference.to_string(),
            municipality: i.municipality.to_string(),
            occurred_on: i.occurred_on,
            location_kind: i.location_kind,
            district: i.district,
            bias_motivations: i.bias_motivations,
            crime_types: i.crime_types,
            source: i.source,
            has_police_reference: i.police_reference_hash.is_some(),
            has_prosecutor_reference: i.prosecutor_reference_hash.is_some(),
            police_zone: i.police_zone,
            prosecution_status: i.prosecution_status,
            linked_complaint: i.linked_complaint,
            possible_duplicate_of: i.possible_duplicate_of.filter(|_| coordinator),
            submitted_by_partner: i.submitted_by_partner,
            created_at: i.created_at,
        }
    }
}
