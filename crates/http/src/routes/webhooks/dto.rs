//! Requests and views of `/api/v1/webhook-subscriptions`.

use chrono::{DateTime, Utc};
use samenleven_domain::model::webhook::{Delivery, Subscription, webhook_id};
use samenleven_domain::reference::{WebhookDeliveryStatus, WebhookEventType};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::openapi::{enum_array, enum_ref};

crate::page_schema!(WebhookSubscriptionPage, WebhookSubscriptionView);
crate::page_schema!(WebhookDeliveryPage, WebhookDeliveryView);

/// A webhook subscription, without its secret.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscriptionView {
    /// Its id.
    pub id: Uuid,
    /// Where the events are sent (POST).
    #[schema(example = "https://integratie.izegem.be/samenleven/webhooks")]
    pub url: String,
    /// The event types it receives.
    #[schema(schema_with = enum_array::<WebhookEventType>)]
    pub events: Vec<WebhookEventType>,
    /// NIS codes of the municipalities whose records' events it receives.
    #[schema(example = json!(["36008"]))]
    pub municipalities: Vec<String>,
    /// Whether events are sent; a paused subscription's pending deliveries wait until it is
    /// active again, and no new ones are queued.
    pub active: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Subscription> for WebhookSubscriptionView {
    fn from(s: Subscription) -> Self {
        Self {
            id: s.id,
            url: s.url,
            events: s.events.into_iter().collect(),
            municipalities: s.municipalities.iter().map(ToString::to_string).collect(),
            active: s.active,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// A new subscription with its signing secret: shown in this response only.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedWebhookSubscriptionView {
    /// The signing secret: `whsec_` and the base64 of 32 random bytes, which are the HMAC-SHA256
    /// key of the `webhook-signature` header. It cannot be shown again.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5n0bGVz4j0s=")]
    pub secret: String,
    /// The subscription.
    #[serde(flatten)]
    pub subscription: WebhookSubscriptionView,
}

/// A subscription to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "url": "https://integratie.izegem.be/samenleven/webhooks",
    "events": ["complaint.created", "complaint.status_changed"],
    "municipalities": ["36008"]
}))]
pub struct CreateWebhookSubscriptionRequest {
    /// Where to send the events: `https://` to a public address (in dev mode also `http://` to
    /// the loopback interface).
    #[schema(
        example = "https://integratie.izegem.be/samenleven/webhooks",
        max_length = 2000
    )]
    pub url: String,
    /// The event types to receive (at least one).
    #[schema(schema_with = enum_array::<WebhookEventType>)]
    pub events: Vec<WebhookEventType>,
    /// NIS codes of the municipalities whose events to receive, each granted to the caller;
    /// when left out, every municipality the caller is granted (for a caller granted every
    /// municipality, every municipality served now).
    #[schema(example = json!(["36008"]), min_items = 1)]
    pub municipalities: Option<Vec<String>>,
    /// Whether to start sending at once (default true).
    pub active: Option<bool>,
}

/// Changes to a subscription (JSON merge patch); every member may be left out, none may be
/// `null`. The secret does not change: delete the subscription and create a new one to get
/// another.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"active": false}))]
pub struct UpdateWebhookSubscriptionRequest {
    /// Where to send the events.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = String, max_length = 2000)]
    pub url: Option<Option<String>>,
    /// The event types to receive (at least one).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = enum_array::<WebhookEventType>)]
    pub events: Option<Option<Vec<WebhookEventType>>>,
    /// The municipalities whose events to receive.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Vec<String>, min_items = 1)]
    pub municipalities: Option<Option<Vec<String>>>,
    /// `false` pauses the subscription, `true` resumes it.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = bool)]
    pub active: Option<Option<bool>>,
}

/// One event sent, or to be sent, to a subscription: a line of the delivery log.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDeliveryView {
    /// The delivery's id.
    pub id: Uuid,
    /// The `webhook-id` header: the same for every attempt and every redelivery of the event.
    #[schema(example = "msg_0193f2a1c4be7d2e9a4b5c6d7e8f9a0b")]
    pub webhook_id: String,
    /// The event's type.
    #[schema(schema_with = enum_ref::<WebhookEventType>)]
    pub event_type: WebhookEventType,
    /// The record the event is about.
    pub record_id: Uuid,
    /// Where the delivery stands.
    #[schema(schema_with = enum_ref::<WebhookDeliveryStatus>)]
    pub status: WebhookDeliveryStatus,
    /// Attempts made (at most 8).
    #[schema(example = 1)]
    pub attempts: u32,
    /// The HTTP status of the receiver's last answer; null when it did not answer.
    #[schema(example = 200)]
    pub last_response_status: Option<u16>,
    /// Why the last attempt failed.
    #[schema(example = "the receiver answered 503 Service Unavailable")]
    pub last_error: Option<String>,
    /// When the event was queued (with the change that caused it).
    pub created_at: DateTime<Utc>,
    /// When it was last tried.
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// When it is tried next; null unless pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the receiver accepted it.
    pub delivered_at: Option<DateTime<Utc>>,
    /// For a redelivery, the delivery it repeats.
    pub redelivery_of: Option<Uuid>,
}

impl From<Delivery> for WebhookDeliveryView {
    fn from(d: Delivery) -> Self {
        Self {
            id: d.id,
            webhook_id: webhook_id(d.event_id),
            event_type: d.event_type,
            record_id: d.record_id,
            status: d.status,
            attempts: d.attempts,
            last_response_status: d.last_response_status,
            last_error: d.last_error,
            created_at: d.created_at,
            last_attempt_at: d.last_attempt_at,
            next_attempt_at: d.next_attempt_at,
            delivered_at: d.delivered_at,
            redelivery_of: d.redelivery_of,
        }
    }
}

/// The JSON body of a webhook request, as the receiver gets it (Standard Webhooks). It is
/// signed in the `webhook-signature` header: `v1,` and the base64 HMAC-SHA256 of
/// `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes after `whsec_` in the
/// subscription's secret.
#[derive(Debug, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "type": "complaint.status_changed",
    "timestamp": "2026-11-23T10:15:02.123456Z",
    "data": {"id": "0193f2a1-c4be-7d2e-9a4b-5c6d7e8f9a0b", "reference": "MLD-2026-000123",
             "municipality": "36008", "status": "acknowledged", "previousStatus": "received"}
}))]
#[allow(dead_code)]
pub struct WebhookEventPayload {
    /// The event type.
    #[serde(rename = "type")]
    #[schema(schema_with = enum_ref::<WebhookEventType>)]
    event_type: WebhookEventType,
    /// When the change happened.
    timestamp: DateTime<Utc>,
    /// The record: ids, reference, municipality and status only.
    data: WebhookEventData,
}

/// The record a webhook event is about. It never holds descriptions, names or contact data.
#[derive(Debug, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct WebhookEventData {
    /// The record's id.
    id: Uuid,
    /// Its reference; null for a consultation.
    #[schema(example = "MLD-2026-000123", required = true)]
    reference: Option<String>,
    /// Its municipality's NIS code (the first, for a regional consultation).
    #[schema(example = "36008")]
    municipality: String,
    /// Every municipality of a consultation; absent for the other registers.
    municipalities: Option<Vec<String>>,
    /// Its status after the change (for an incident, the prosecution status).
    #[schema(example = "acknowledged")]
    status: String,
    /// Its status before, for a status change; absent otherwise.
    #[schema(example = "received")]
    previous_status: Option<String>,
}
