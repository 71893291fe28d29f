//! Request and response bodies of the complaint register.

use chrono::{DateTime, NaiveDate, Utc};
use samenleven_domain::model::complaint::{ComplaintDraft, Contact, Incident, Location, Reporter};
use samenleven_domain::reference::{
    Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, ComplaintOutcome,
    ComplaintStatus, Conduct, Ground, PreferredLanguage, ReferralBody, ReporterRole,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::openapi::{enum_array, enum_ref, nullable_enum_ref};

/// How to reach the reporter.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactBody {
    /// The reporter's name.
    #[schema(max_length = 200, example = "Samira")]
    pub name: Option<String>,
    /// An e-mail address.
    #[schema(max_length = 254, example = "samira@example.org")]
    pub email: Option<String>,
    /// A phone number.
    #[schema(max_length = 20, example = "+32 51 33 73 00")]
    pub phone: Option<String>,
    /// The language to contact the reporter in.
    #[schema(schema_with = nullable_enum_ref::<PreferredLanguage>)]
    pub preferred_language: Option<PreferredLanguage>,
}

/// The reporter. No member asks for the reporter's origin, nationality or religion.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReporterBody {
    /// How the reporter relates to the incident; `anonymous` gives no contact.
    #[schema(schema_with = enum_ref::<ReporterRole>)]
    pub role: ReporterRole,
    /// How to reach the reporter; absent for an anonymous reporter.
    pub contact: Option<ContactBody>,
    /// Whether the reporter agrees to be contacted.
    #[serde(default)]
    pub consent_to_contact: bool,
    /// The bodies the reporter agrees the complaint may be shared with.
    #[serde(default)]
    #[schema(schema_with = enum_array::<ReferralBody>)]
    pub consent_to_share_with: Vec<ReferralBody>,
}

/// Where the incident took place.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocationBody {
    /// What kind of place.
    #[schema(schema_with = enum_ref::<ComplaintLocationKind>)]
    pub kind: ComplaintLocationKind,
    /// The address or district (required for those kinds).
    #[schema(max_length = 500, example = "Grote Markt")]
    pub text: Option<String>,
}

/// What happened, when and where.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplaintIncidentBody {
    /// The day it happened (not in the future).
    #[schema(example = "2026-11-02")]
    pub occurred_on: NaiveDate,
    /// Where.
    pub location: LocationBody,
    /// The domain of life.
    #[schema(schema_with = enum_ref::<ComplaintContext>)]
    pub context: ComplaintContext,
    /// The service involved, e.g. a city department.
    #[schema(max_length = 200)]
    pub involved_service: Option<String>,
}

/// A report or complaint of racism or discrimination.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "kind": "complaint",
    "municipality": "36008",
    "channel": "web_form",
    "reporter": {
        "role": "victim",
        "contact": {"name": "Samira", "email": "samira@example.org", "preferredLanguage": "nl"},
        "consentToContact": true,
        "consentToShareWith": ["unia"]
    },
    "incident": {
        "occurredOn": "2026-11-02",
        "location": {"kind": "address", "text": "Grote Markt"},
        "context": "goods_and_services"
    },
    "grounds": ["skin_colour", "religion_or_belief"],
    "conduct": ["direct_discrimination"],
    "description": "Refused entry to a café because of my headscarf and skin colour.",
    "possibleHateCrime": false
}))]
pub struct CreateComplaintRequest {
    /// `report` (registered for the city's picture) or `complaint` (assisted follow-up).
    #[schema(schema_with = enum_ref::<ComplaintKind>)]
    pub kind: ComplaintKind,
    /// The municipality's NIS code.
    #[schema(example = "36008")]
    pub municipality: String,
    /// How it reached the city; required for staff, always `partner` for API keys.
    #[schema(schema_with = nullable_enum_ref::<Channel>)]
    pub channel: Option<Channel>,
    /// The reporter.
    pub reporter: ReporterBody,
    /// The incident.
    pub incident: ComplaintIncidentBody,
    /// The alleged grounds of the discrimination (one or more), never a trait of the reporter.
    #[schema(schema_with = enum_array::<Ground>)]
    pub grounds: Vec<Ground>,
    /// The alleged conduct (one or more).
    #[schema(schema_with = enum_array::<Conduct>)]
    pub conduct: Vec<Conduct>,
    /// What happened, 10 to 10,000 characters.
    #[schema(min_length = 10, max_length = 10000)]
    pub description: String,
    /// Whether it may be a hate crime.
    #[serde(default)]
    pub possible_hate_crime: bool,
}

impl From<CreateComplaintRequest> for ComplaintDraft {
    fn from(r: CreateComplaintRequest) -> Self {
        Self {
            kind: r.kind,
            municipality: r.municipality,
            channel: r.channel,
            reporter: Reporter {
                role: r.reporter.role,
                contact: r.reporter.contact.map(|c| Contact {
                    name: c.name,
                    email: c.email,
                    phone: c.phone,
                    preferred_language: c.preferred_language,
                }),
                consent_to_contact: r.reporter.consent_to_contact,
                consent_to_share_with: r.reporter.consent_to_share_with,
            },
            incident: Incident {
                occurred_on: r.incident.occurred_on,
                location: Location {
                    kind: r.incident.location.kind,
                    text: r.incident.location.text,
                },
                context: r.incident.context,
                involved_service: r.incident.involved_service,
            },
            grounds: r.grounds,
            conduct: r.conduct,
            description: r.description,
            possible_hate_crime: r.possible_hate_crime,
        }
    }
}

/// The answer to a new report or complaint: the tracking code is shown here only.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedComplaintView {
    /// Its id.
    pub id: Uuid,
    /// Its reference, e.g. `MLD-2026-000123`.
    #[schema(example = "MLD-2026-000123")]
    pub reference: String,
    /// `received`.
    #[schema(schema_with = enum_ref::<ComplaintStatus>)]
    pub status: ComplaintStatus,
    /// The day by which it is acknowledged.
    pub acknowledge_by: NaiveDate,
    /// The day by which a complaint is resolved; null for a report.
    pub resolve_by: Option<NaiveDate>,
    /// The reporter's code for `GET /api/v1/complaint-status/{trackingCode}`. Shown only in this
    /// response (and in an idempotent replay of it within 24 hours).
    #[schema(example = "trk_9f2c1d0e8b7a6f5e4d3c2b1a09f8e7d6c5b4a3f2e1d0c9b8")]
    pub tracking_code: String,
}

/// Another body that could take the case, and why.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedReferralView {
    /// The body.
    #[schema(schema_with = enum_ref::<ReferralBody>)]
    pub body: ReferralBody,
    /// Why it is competent.
    pub reason: &'static str,
}

/// A complaint as a handler sees it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintView {
    /// Its id.
    pub id: Uuid,
    /// Its reference.
    #[schema(example = "MLD-2026-000123")]
    pub reference: String,
    /// The municipality's NIS code.
    pub municipality: String,
    /// Report or complaint.
    #[schema(schema_with = enum_ref::<ComplaintKind>)]
    pub kind: ComplaintKind,
    /// How it reached the city.
    #[schema(schema_with = enum_ref::<Channel>)]
    pub channel: Channel,
    /// Where it is in its lifecycle.
    #[schema(schema_with = enum_ref::<ComplaintStatus>)]
    pub status: ComplaintStatus,
    /// The reporter (contact data removed after erasure or retention).
    pub reporter: ReporterView,
    /// The incident.
    pub incident: ComplaintIncidentView,
    /// The alleged grounds.
    #[schema(schema_with = enum_array::<Ground>)]
    pub grounds: Vec<Ground>,
    /// The alleged conduct.
    #[schema(schema_with = enum_array::<Conduct>)]
    pub conduct: Vec<Conduct>,
    /// What happened; null after erasure or retention.
    pub description: Option<String>,
    /// Whether it may be a hate crime.
    pub possible_hate_crime: bool,
    /// The handler's `sub`, when assigned.
    pub assigned_handler: Option<String>,
    /// The outcome, once closed.
    #[schema(schema_with = nullable_enum_ref::<ComplaintOutcome>)]
    pub outcome: Option<ComplaintOutcome>,
    /// The body it was referred to, when referred.
    #[schema(schema_with = nullable_enum_ref::<ReferralBody>)]
    pub referred_to: Option<ReferralBody>,
    /// Bodies that could be competent, with the reason: the handler decides.
    pub suggested_referrals: Vec<SuggestedReferralView>,
    /// The partner that submitted it.
    pub submitted_by_partner: Option<Uuid>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The day of receipt (Europe/Brussels).
    pub received_on: NaiveDate,
    /// Acknowledge by.
    pub acknowledge_by: NaiveDate,
    /// Resolve by; null for a report.
    pub resolve_by: Option<NaiveDate>,
    /// Whether a deadline has passed.
    pub overdue: bool,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
}

/// The reporter as a handler sees it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReporterView {
    /// Role.
    #[schema(schema_with = enum_ref::<ReporterRole>)]
    pub role: ReporterRole,
    /// Contact.
    pub contact: Option<ContactBody>,
    /// Consent to be contacted.
    pub consent_to_contact: bool,
    /// Consent to share.
    #[schema(schema_with = enum_array::<ReferralBody>)]
    pub consent_to_share_with: Vec<ReferralBody>,
}

/// The incident as stored.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintIncidentView {
    /// The day it happened.
    pub occurred_on: NaiveDate,
    /// Where.
    pub location: LocationBody,
    /// The domain of life.
    #[schema(schema_with = enum_ref::<ComplaintContext>)]
    pub context: ComplaintContext,
    /// The service involved.
    pub involved_service: Option<String>,
}
