//! Handlers that move a complaint along: transitions, assignment, and its timeline.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::access::Action;
use samenleven_domain::model::complaint::{TransitionError, TransitionRequest};
use samenleven_domain::reference::{ComplaintOutcome, ComplaintStatus, Enumeration, ReferralBody};
use samenleven_domain::timeline::NewEvent;
use samenleven_persistence::repo::shared::timeline;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::ComplaintView;
use super::handlers::{respond, visible};
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::check_if_match;
use crate::error::{ApiError, ErrorCode, Problem};
use crate::extract::Json;
use crate::openapi::{enum_array, enum_ref, nullable_enum_ref};
use crate::routes::timeline::TimelineEventView;

/// A status change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"to": "closed", "outcome": "resolved"}))]
pub(super) struct TransitionComplaintRequest {
    /// The status to go to.
    #[schema(schema_with = enum_ref::<ComplaintStatus>)]
    to: ComplaintStatus,
    /// How it ended: required to close.
    #[schema(schema_with = nullable_enum_ref::<ComplaintOutcome>)]
    outcome: Option<ComplaintOutcome>,
    /// The body it is referred to: required to refer.
    #[schema(schema_with = nullable_enum_ref::<ReferralBody>)]
    referred_to: Option<ReferralBody>,
    /// Why, for the timeline.
    #[schema(max_length = 2000)]
    reason: Option<String>,
}

/// The 409 of an illegal transition, with the statuses the table allows.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct TransitionConflict {
    #[serde(flatten)]
    problem: Problem,
    /// The statuses the table allows from the current one.
    #[schema(schema_with = enum_array::<ComplaintStatus>)]
    allowed_transitions: Vec<ComplaintStatus>,
}

/// Change a complaint's status
///
/// The lifecycle (DESIGN §11):
///
/// ```text
/// received → acknowledged → in_treatment ⇄ referred
///                 │               │            │
///                 └───────────────┴────────────┴──→ closed (outcome)
/// ```
///
/// A `report` goes `received → acknowledged → closed` with outcome `registered`.
/// `in_treatment` needs an assigned handler; `referred` needs `referredTo` and the reporter's
/// consent to share with that body; `closed` needs an `outcome`. A transition the table does not
/// hold, or whose condition does not hold now, is 409 (with `allowedTransitions`); a request
/// missing what the transition needs is 422. Honours `If-Match`. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "transitionComplaint",
    security(("bearerAuth" = [])),
    params(
        ("id" = Uuid, Path, description = "The complaint's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; refused with 412 when stale"),
    ),
    request_body = TransitionComplaintRequest,
    responses(
        (status = 200, description = "The complaint in its new status", body = ComplaintView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the current status, or a condition does not hold", body = TransitionConflict, content_type = "application/problem+json",
            example = json!({"type": "urn:problem-type:samenleven:illegal_transition", "title": "The transition is not allowed", "status": 409,
                "detail": "a report cannot go from `received` to `closed`", "code": "illegal_transition", "allowedTransitions": ["acknowledged"]})),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request lacks what the transition needs", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/complaints/{id}/transitions")]
pub(super) async fn transition_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<TransitionComplaintRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::TransitionComplaint, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let request = TransitionRequest {
        to: body.to,
        outcome: body.outcome,
        referred_to: body.referred_to,
        reason: body.reason,
    };
    let (next, outcome) =
        current
            .transition(&request, Utc::now())
            .map_err(|error| match error {
                TransitionError::NotAllowed { ref allowed, .. } => ApiError::illegal_transition(
                    error.to_string(),
                    allowed.iter().map(|s| s.code()).collect(),
                ),
                // A condition that does not hold now: a conflict of the record's state, with
                // the table's transitions all the same (DESIGN §11).
                TransitionError::Precondition(detail) => ApiError::new(ErrorCode::Conflict, detail)
                    .with_allowed_transitions(
                        current
                            .allowed_transitions()
                            .iter()
                            .map(|s| s.code())
                            .collect(),
                    ),
                TransitionError::Invalid(errors) => DomainError::Validation(errors).into(),
            })?;
    let mut event = NewEvent::new(caller.actor(), "status_changed")
        .status(current.status.code(), next.status.code());
    if let Some(body) = outcome.referred_to {
        event = event.detail(format!("referred to {}", body.code()));
    } else if let Some(result) = outcome.outcome {
        event = event.detail(format!("outcome {}", result.code()));
    }
    let stored = state.complaints().update(&next, event, false).await?;
    Ok(respond(StatusCode::OK, stored))
}

/// Who handles a complaint.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct AssignmentRequest {
    /// The `sub` of the handler (any non-empty value: there is no user directory here).
    #[schema(min_length = 1, max_length = 200, example = "an.peeters")]
    handler: String,
}

/// Assign a handler
///
/// Sets the complaint's handler (needed for `in_treatment`). Honours `If-Match`. Needs role
/// `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "assignComplaint",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = AssignmentRequest,
    responses(
        (status = 200, description = "Assigned", body = ComplaintView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The complaint is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The handler is empty or too long", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[put("/complaints/{id}/assignment")]
pub(super) async fn assign_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<AssignmentRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::AssignComplaint, *id).await?;
    check_if_match(&req, current.version)?;
    let next = current.assign(&body.handler)?;
    let event = NewEvent::new(caller.actor(), "assigned")
        .detail(next.assigned_handler.clone().unwrap_or_default());
    let stored = state.complaints().update(&next, event, false).await?;
    Ok(respond(StatusCode::OK, stored))
}

/// Remove the handler
///
/// Needs role `complaint_handler`. Honours `If-Match`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "unassignComplaint",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Unassigned", body = ComplaintView, headers(("ETag" = String, description = "The new version"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The complaint is in treatment or closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/complaints/{id}/assignment")]
pub(super) async fn unassign_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::AssignComplaint, *id).await?;
    check_if_match(&req, current.version)?;
    let next = current.unassign()?;
    let stored = state
        .complaints()
        .update(&next, NewEvent::new(caller.actor(), "unassigned"), false)
        .await?;
    Ok(respond(StatusCode::OK, stored))
}

/// Read a complaint's timeline
///
/// Every change, oldest first: who, when, what, from → to. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "getComplaintTimeline",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The events", body = Vec<TimelineEventView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints/{id}/timeline")]
pub(super) async fn complaint_timeline(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::ReadComplaintTimeline, *id).await?;
    let events = timeline(state.database.connection(), complaint.id).await?;
    let views: Vec<_> = events.into_iter().map(TimelineEventView::from).collect();
    Ok(HttpResponse::Ok().json(views))
}
