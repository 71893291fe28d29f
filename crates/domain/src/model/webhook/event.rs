//! The events a change of a record sends: which type, and the body, which carries ids,
//! references, municipalities and statuses — never descriptions, names or contact data.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::model::municipality::NisCode;
use crate::reference::WebhookEventType;
use crate::timeline::{NewEvent, Register};

/// The record a change is about, as far as an event may tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The record's id.
    pub id: Uuid,
    /// Its human reference (`MLD-2026-000123`), when the register gives one.
    pub reference: Option<String>,
    /// Its municipality (several for a regional consultation), the first one first.
    pub municipalities: Vec<NisCode>,
}

/// An event to deliver to every subscription that wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    /// The event's id: the `webhook-id` of every delivery of it.
    pub id: Uuid,
    /// Its type.
    pub event_type: WebhookEventType,
    /// The record it is about.
    pub record_id: Uuid,
    /// The record's municipalities, which decide the subscriptions that receive it.
    pub municipalities: Vec<NisCode>,
    /// What is sent.
    pub body: EventBody,
}

/// The body of a webhook request (Standard Webhooks): `{"type", "timestamp", "data"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventBody {
    /// The event type, e.g. `complaint.status_changed`.
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// When the change happened.
    pub timestamp: DateTime<Utc>,
    /// What changed.
    pub data: EventData,
}

/// The record in an event: ids, reference, municipality and status only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventData {
    /// The record's id.
    pub id: Uuid,
    /// Its human reference; null where the register has none (consultations).
    pub reference: Option<String>,
    /// Its municipality's NIS code (the first, for a regional consultation).
    pub municipality: String,
    /// Every municipality of a regional consultation; absent for the other registers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipalities: Option<Vec<String>>,
    /// Its status after the change (for an incident, the prosecution status).
    pub status: String,
    /// Its status before, for a status change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<String>,
}

impl WebhookEventType {
    /// The event type a timeline change makes, if any: `created` makes `<register>.created`,
    /// and a change from one status to another `<register>.status_changed`.
    pub fn for_change(register: Register, change: &NewEvent) -> Option<Self> {
        let status_changed = match (&change.from, &change.to) {
            (Some(from), Some(to)) => !from.is_empty() && from != to,
            _ => false,
        };
        let created = change.action == "created";
        Some(match register {
            Register::Complaint if created => Self::ComplaintCreated,
            Register::Complaint if status_changed => Self::ComplaintStatusChanged,
            Register::Incident if created => Self::IncidentCreated,
            Register::Incident if status_changed => Self::IncidentStatusChanged,
            Register::Consultation if created => Self::ConsultationCreated,
            Register::Consultation if status_changed => Self::ConsultationStatusChanged,
            Register::Application if created => Self::ApplicationCreated,
            Register::Application if status_changed => Self::ApplicationStatusChanged,
            _ => return None,
        })
    }
}

impl WebhookEvent {
    /// The event that `change` of `subject` in `register` sends, if it sends one; `id` becomes
    /// its `webhook-id`.
    pub fn for_change(
        id: Uuid,
        register: Register,
        subject: &Subject,
        change: &NewEvent,
        at: DateTime<Utc>,
    ) -> Option<Self> {
        let event_type = WebhookEventType::for_change(register, change)?;
        let first = subject.municipalities.first()?;
        let several = subject.municipalities.len() > 1 || register == Register::Consultation;
        let data = EventData {
            id: subject.id,
            reference: subject.reference.clone(),
            municipality: first.as_str().to_owned(),
            municipalities: several.then(|| {
                subject
                    .municipalities
                    .iter()
                    .map(|m| m.as_str().to_owned())
                    .collect()
            }),
            status: change.to.clone().unwrap_or_default(),
            previous_status: change.from.clone().filter(|from| !from.is_empty()),
        };
        Some(Self {
            id,
            event_type,
            record_id: subject.id,
            municipalities: subject.municipalities.clone(),
            body: EventBody {
                event_type,
                timestamp: at,
                data,
            },
        })
    }
}
