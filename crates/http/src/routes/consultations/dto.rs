//! Request and response bodies of the hate-crime consultations.

use chrono::{DateTime, NaiveDate, Utc};
use samenleven_domain::model::hate_crime::{
    ActionItem, CarriedOverItem, Consultation, Participant,
};
use samenleven_domain::reference::{ActionItemStatus, ConsultationStatus, ParticipantKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::openapi::{enum_ref, nullable_enum_ref};

/// A consultation to plan.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"municipalities": ["41002", "41011"], "period": "2026-H2", "scheduledAt": "2026-11-26T14:00:00Z", "location": "Stadhuis Aalst"}))]
pub struct CreateConsultationRequest {
    /// NIS codes of the municipalities it covers: one, or a region.
    #[schema(min_items = 1)]
    pub municipalities: Vec<String>,
    /// The half-year, `YYYY-H1` or `YYYY-H2`.
    #[schema(example = "2026-H2", pattern = "^[0-9]{4}-H[12]$")]
    pub period: String,
    /// When it takes place: in the half-year or at most 31 days after it.
    pub scheduled_at: DateTime<Utc>,
    /// Where.
    #[schema(min_length = 1, max_length = 300)]
    pub location: String,
}

/// A consultation.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsultationView {
    /// Its id.
    pub id: Uuid,
    /// NIS codes of the municipalities it covers.
    pub municipalities: Vec<String>,
    /// The half-year.
    #[schema(example = "2026-H2")]
    pub period: String,
    /// When.
    pub scheduled_at: DateTime<Utc>,
    /// Where.
    pub location: String,
    /// Where it is in its lifecycle.
    #[schema(schema_with = enum_ref::<ConsultationStatus>)]
    pub status: ConsultationStatus,
    /// The minutes.
    pub minutes: Option<String>,
}

impl From<Consultation> for ConsultationView {
    fn from(c: Consultation) -> Self {
        Self {
            id: c.id,
            municipalities: c.municipalities.iter().map(ToString::to_string).collect(),
            period: c.period.to_string(),
            scheduled_at: c.scheduled_at,
            location: c.location,
            status: c.status,
            minutes: c.minutes,
        }
    }
}

/// A participant to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"organisation": "Politiezone Aalst", "kind": "police", "present": true}))]
pub struct ParticipantRequest {
    /// The organisation.
    #[schema(min_length = 1, max_length = 200)]
    pub organisation: String,
    /// What kind of organisation.
    #[schema(schema_with = enum_ref::<ParticipantKind>)]
    pub kind: ParticipantKind,
    /// Whether it was present.
    #[serde(default)]
    pub present: bool,
    /// The partner it is: that partner (`consultations:read`) may then read the consultation.
    pub partner_id: Option<Uuid>,
}

/// A participant.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantView {
    /// Its id.
    pub id: Uuid,
    /// The organisation.
    pub organisation: String,
    /// Its kind.
    #[schema(schema_with = enum_ref::<ParticipantKind>)]
    pub kind: ParticipantKind,
    /// Whether present.
    pub present: bool,
    /// The partner it is.
    pub partner_id: Option<Uuid>,
}

impl From<Participant> for ParticipantView {
    fn from(p: Participant) -> Self {
        Self {
            id: p.id,
            organisation: p.organisation,
            kind: p.kind,
            present: p.present,
            partner_id: p.partner_id,
        }
    }
}

/// An action item to agree.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"description": "Train the night-life stewards to recognise and report hate crime", "ownerOrganisation": "Stad Aalst", "dueOn": "2027-03-31"}))]
pub struct ActionItemRequest {
    /// What is to be done.
    #[schema(min_length = 1, max_length = 2000)]
    pub description: String,
    /// Who does it.
    #[schema(min_length = 1, max_length = 200)]
    pub owner_organisation: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Where it stands (default `open`).
    #[schema(schema_with = nullable_enum_ref::<ActionItemStatus>)]
    pub status: Option<ActionItemStatus>,
}

/// An action item; `carriedOverFrom` names the earlier consultation it was agreed at.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionItemView {
    /// Its id.
    pub id: Uuid,
    /// What.
    pub description: String,
    /// Who.
    pub owner_organisation: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Where it stands.
    #[schema(schema_with = enum_ref::<ActionItemStatus>)]
    pub status: ActionItemStatus,
    /// The earlier consultation it was agreed at, when it is carried over.
    pub carried_over_from: Option<Uuid>,
}

impl From<ActionItem> for ActionItemView {
    fn from(i: ActionItem) -> Self {
        Self {
            id: i.id,
            description: i.description,
            owner_organisation: i.owner_organisation,
            due_on: i.due_on,
            status: i.status,
            carried_over_from: None,
        }
    }
}

impl From<CarriedOverItem> for ActionItemView {
    fn from(c: CarriedOverItem) -> Self {
        Self {
            carried_over_from: Some(c.carried_over_from),
            ..Self::from(c.item)
        }
    }
}
