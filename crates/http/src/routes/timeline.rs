//! The view of a timeline event, shared by every register.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// One event of a timeline.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEventView {
    /// Its id.
    pub id: Uuid,
    /// When.
    pub at: DateTime<Utc>,
    /// Who: `staff:<sub>`, `partner:<id>` or `reporter`.
    #[schema(example = "staff:an.peeters")]
    pub actor: String,
    /// What, e.g. `created`, `status_changed`, `assigned`.
    #[schema(example = "status_changed")]
    pub action: String,
    /// The status before.
    pub from: Option<String>,
    /// The status after.
    pub to: Option<String>,
    /// A detail without personal data.
    pub detail: Option<String>,
}

impl From<samenleven_domain::timeline::Event> for TimelineEventView {
    fn from(e: samenleven_domain::timeline::Event) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor: e.change.actor,
            action: e.change.action,
            from: e.change.from.filter(|f| !f.is_empty()),
            to: e.change.to,
            detail: e.change.detail,
        }
    }
}
