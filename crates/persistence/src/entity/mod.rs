//! sea-orm entities, one module per table.

pub mod access_event;
pub mod api_key;
pub mod complaint;
pub mod complaint_conduct;
pub mod complaint_ground;
pub mod complaint_message;
pub mod complaint_note;
pub mod consultation;
pub mod consultation_action_item;
pub mod consultation_participant;
mod decode;
pub mod hate_crime_incident;
pub mod idempotency_key;
pub mod incident_bias_motivation;
pub mod incident_crime_type;
pub mod municipality;
pub mod partner;
pub mod retention_entry;
pub mod subsidy_application;
pub mod subsidy_review;
pub mod subsidy_scheme;
pub mod timeline_event;
pub mod webhook_delivery;
pub mod webhook_subscription;
