//! The lifecycle of a subsidy application: its transitions and its timeline.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, authorize, decide};
use samenleven_domain::model::complaint::receipt_day;
use samenleven_domain::model::subsidy::{
    Party, TransitionError, TransitionRequest, check_submission,
};
use samenleven_domain::reference::{ApplicationStatus, Enumeration};
use samenleven_domain::timeline::NewEvent;
use samenleven_persistence::repo::shared::timeline;
use uuid::Uuid;

use super::application_dto::{ApplicationTransitionRequest, ApplicationView};
use super::applications::{owner, scheme_of, visible};
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, ErrorCode, Problem, ProblemFieldError};
use crate::extract::Json;
use crate::routes::timeline::TimelineEventView;

fn action_of(party: Party) -> Action {
    match party {
        Party::Applicant => Action::ApplicantTransition,
        Party::Officer => Action::OfficerTransition,
    }
}

/// Change a subsidy application's status
///
/// The transitions of DESIGN §11, each by its party: the applicant (a partner with
/// `subsidies:apply` on its own application, or the officer who entered it at the counter) or
/// an officer. A transition the table does not hold is 409 with `allowedTransitions`; a
/// missing or wrong member is 422; submission checks the scheme's rules again (422). An
/// approval is checked against the scheme's remaining budget in the same database transaction
/// that records it: an award that does not fit is 409 with `remainingCents`. Honours
/// `If-Match`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "transitionSubsidyApplication",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The application's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = ApplicationTransitionRequest,
    responses(
        (status = 200, description = "The application in its new status", body = ApplicationView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to make this transition", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the current status (`allowedTransitions`), or beyond the budget (`remainingCents`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A member is missing or wrong", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/subsidy-applications/{id}/transitions")]
pub(super) async fn transition_application(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<ApplicationTransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = TransitionRequest::from(body.into_inner());
    let may_act = |party: Party| decide(&caller, action_of(party), None).is_allowed();
    if !may_act(Party::Applicant) && !may_act(Party::Officer) {
        authorize(
            &caller,
            Action::OfficerTransition,
            None,
            "subsidy application",
        )?;
    }
    let current = state
        .subsidy_applications()
        .find(*id)
        .await?
        .ok_or(DomainError::NotFound("subsidy application"))?;
    let owner = owner(&current);
    let may_act_on = |party: Party| decide(&caller, action_of(party), Some(&owner)).is_allowed();
    let party = match Party::for_transition(current.status, request.to) {
        Some(party) => party,
        None if may_act_on(Party::Officer) => Party::Officer,
        None => Party::Applicant,
    };
    if !may_act_on(party) && !may_act_on(Party::Applicant) && !may_act_on(Party::Officer) {
        // Not the caller's to see at all.
        return Err(DomainError::NotFound("subsidy application").into());
    }
    authorize(
        &caller,
        action_of(party),
        Some(&owner),
        "subsidy application",
    )?;
    check_if_match(&req, current.version)?;
    let now = Utc::now();
    let (next, outcome) = current
        .transition(&request, party, receipt_day(now), now)
        .map_err(|error| {
            // Every transition the table holds from here, whoever's it is and whether or not
            // its conditions hold now (DESIGN §11).
            let allowed: Vec<&'static str> = ApplicationStatus::ALL
                .iter()
                .filter(|&&to| Party::for_transition(current.status, to).is_some())
                .map(|to| to.code())
                .collect();
            match error {
                TransitionError::NotAllowed { .. } => {
                    ApiError::illegal_transition(error.to_string(), allowed)
                }
                TransitionError::Precondition(detail) => {
                    ApiError::new(ErrorCode::Conflict, detail).with_allowed_transitions(allowed)
                }
                TransitionError::Invalid(errors) => {
                    ApiError::validation(errors.into_iter().map(ProblemFieldError::from).collect())
                }
            }
        })?;
    if outcome.status == ApplicationStatus::Submitted {
        let scheme = scheme_of(&state, &current).await?;
        check_submission(&current, &scheme, now)?;
    }
    let mut event = NewEvent::new(caller.actor(), "status_changed")
        .status(current.status.code(), next.status.code());
    if let Some(decision) = &outcome.decision {
        event = event.detail(format!("decision {}", decision.reference));
    }
    let saved = state
        .subsidy_applications()
        .save(&next, event, outcome.status == ApplicationStatus::Approved)
        .await?
        .map_err(|over| ApiError::over_budget(over.detail, over.remaining.get()))?;
    tracing::info!(application = %saved.id, status = %saved.status, actor = %caller.actor(), "subsidy application transition");
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(saved.version)))
        .json(ApplicationView::from(saved)))
}

/// Read a subsidy application's timeline
///
/// Every change, oldest first. Needs role `subsidy_officer`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "getSubsidyApplicationTimeline",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The events", body = Vec<TimelineEventView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-applications/{id}/timeline")]
pub(super) async fn application_timeline(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let application = visible(&state, &caller, Action::ReadApplicationTimeline, *id).await?;
    let events = timeline(state.database.connection(), application.id).await?;
    Ok(HttpResponse::Ok().json(
        events
            .into_iter()
            .map(TimelineEventView::from)
            .collect::<Vec<_>>(),
    ))
}
