//! `GET /api/v1/complaint-status/{trackingCode}`: what the reporter may see, nothing more.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use samenleven_domain::model::tracking_code::TrackingCode;
use samenleven_domain::reference::{ComplaintKind, ComplaintOutcome, ComplaintStatus};
use serde::Serialize;
use utoipa::ToSchema;

use super::exchange::MessageView;
use crate::app::AppState;
use crate::error::{ApiError, Problem};
use crate::openapi::{enum_ref, nullable_enum_ref};

/// The reporter's view: reference, status, dates and the outcome, never the content.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintStatusView {
    /// The reference.
    #[schema(example = "MLD-2026-000123")]
    pub reference: String,
    /// Report or complaint.
    #[schema(schema_with = enum_ref::<ComplaintKind>)]
    pub kind: ComplaintKind,
    /// Where it is.
    #[schema(schema_with = enum_ref::<ComplaintStatus>)]
    pub status: ComplaintStatus,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Acknowledge by.
    pub acknowledge_by: NaiveDate,
    /// Resolve by; null for a report.
    pub resolve_by: Option<NaiveDate>,
    /// The outcome, once closed.
    #[schema(schema_with = nullable_enum_ref::<ComplaintOutcome>)]
    pub outcome: Option<ComplaintOutcome>,
    /// The day it was closed.
    pub closed_on: Option<NaiveDate>,
    /// The messages between the reporting point and the reporter, oldest first.
    pub messages: Vec<MessageView>,
}

fn unknown() -> ApiError {
    ApiError::not_found("no report or complaint has this tracking code")
}

/// Follow a report or complaint
///
/// The reporter's view with the tracking code given at registration: reference, status,
/// dates and the outcome. Public, limited per client address (429 with `Retry-After`).
#[utoipa::path(
    tag = "complaint status",
    operation_id = "getComplaintStatus",
    params(("trackingCode" = String, Path, description = "The tracking code given at registration")),
    responses(
        (status = 200, description = "The status", body = ComplaintStatusView),
        (status = 404, description = "No complaint has this code", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
)]
#[get("/complaint-status/{trackingCode}")]
pub(super) async fn get_complaint_status(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = TrackingCode::parse(&code).ok_or_else(unknown)?;
    let complaint = state
        .complaints()
        .find_by_tracking_hash(&code.hash())
        .await?
        .ok_or_else(unknown)?;
    let messages = state.complaints().messages(complaint.id).await?;
    Ok(HttpResponse::Ok().json(ComplaintStatusView {
        reference: complaint.reference.to_string(),
        kind: complaint.kind,
        status: complaint.status,
        received_on: complaint.received_on,
        acknowledge_by: complaint.acknowledge_by,
        resolve_by: complaint.resolve_by,
        outcome: complaint.outcome,
        closed_on: complaint
            .closed_at
            .map(samenleven_domain::model::complaint::receipt_day),
        messages: messages
            .into_iter()
            .map(|m| MessageView::new(m, false))
            .collect(),
    }))
}
