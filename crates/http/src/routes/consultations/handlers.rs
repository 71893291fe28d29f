//! Handlers of `/api/v1/consultations`: planning, lifecycle, minutes, timeline and cadence.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, Owner, authorize, list_scope};
use samenleven_domain::model::complaint::receipt_day;
use samenleven_domain::model::hate_crime::{
    Consultation, ConsultationDraft, ConsultationPatch, ConsultationTransitionError,
    ConsultationTransitionRequest, HalfYear, NewConsultation, cadence,
};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_domain::reference::{ConsultationStatus, Enumeration};
use samenleven_domain::timeline::NewEvent;
use samenleven_persistence::repo::shared::timeline;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{ConsultationView, CreateConsultationRequest};
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, ErrorCode, Problem, ProblemFieldError};
use crate::extract::{Json, Query};
use crate::openapi::enum_ref;
use crate::routes::timeline::TimelineEventView;

/// Who may see a consultation: its municipalities and the partners among its participants.
pub(super) async fn owner(state: &AppState, c: &Consultation) -> Result<Owner, ApiError> {
    let partners = state
        .consultations()
        .participants(c.id)
        .await?
        .into_iter()
        .filter_map(|p| p.partner_id);
    Ok(Owner::in_municipalities(c.municipalities.iter().cloned()).with_participants(partners))
}

/// The consultation at `id` when the caller may do `action` on it; 404 when it may not see it.
pub(super) async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Consultation, ApiError> {
    authorize(caller, action, None, "consultation")?;
    let consultation = state
        .consultations()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound("consultation"))?;
    authorize(
        caller,
        action,
        Some(&owner(state, &consultation).await?),
        "consultation",
    )?;
    Ok(consultation)
}

fn respond(c: Consultation) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(c.version)))
        .json(ConsultationView::from(c))
}

async fn ensure_served(state: &AppState, c: &Consultation) -> Result<(), ApiError> {
    for (index, nis) in c.municipalities.iter().enumerate() {
        if state.municipalities().find(nis).await?.is_none() {
            return Err(DomainError::invalid(
                format!("/municipalities/{index}"),
                format!("no municipality {nis} is served here"),
            )
            .into());
        }
    }
    Ok(())
}

/// Plan a consultation
///
/// The half-yearly consultation of police, prosecutor, Unia and target-group associations, for
/// one municipality or a region. Open action items of the last consultation of the same set of
/// municipalities carry over to it. Needs role `hate_crime_coordinator` for each municipality.
#[utoipa::path(
    tag = "consultations",
    operation_id = "createConsultation",
    security(("bearerAuth" = [])),
    request_body = CreateConsultationRequest,
    responses(
        (status = 201, description = "Planned", body = ConsultationView, headers(("Location" = String, description = "The consultation's URL"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for these municipalities", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/consultations")]
pub(super) async fn create_consultation(
    caller: Caller,
    state: web::Data<AppState>,
    body: Json<CreateConsultationRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreateConsultation, None, "consultation")?;
    let body = body.into_inner();
    let new = NewConsultation::validate(ConsultationDraft {
        municipalities: body.municipalities,
        period: body.period,
        scheduled_at: body.scheduled_at,
        location: body.location,
    })?;
    let consultation = Consultation::plan(new, Uuid::now_v7());
    authorize(
        &caller,
        Action::CreateConsultation,
        Some(&Owner::in_municipalities(
            consultation.municipalities.iter().cloned(),
        )),
        "consultation",
    )?;
    ensure_served(&state, &consultation).await?;
    state
        .consultations()
        .create(&consultation, &caller.actor())
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/consultations/{}", consultation.id),
        ))
        .insert_header((header::ETAG, etag(consultation.version)))
        .json(ConsultationView::from(consultation)))
}

/// List consultations
///
/// Newest first. Coordinators see those of their municipalities; a partner with
/// `consultations:read` those it takes part in. Needs role `hate_crime_coordinator`, or scope
/// `consultations:read`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "listConsultations",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    responses(
        (status = 200, description = "The consultations", body = Vec<ConsultationView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations")]
pub(super) async fn list_consultations(
    caller: Caller,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ListConsultations, None, "consultation")?;
    let scope = list_scope(&caller, Action::ListConsultations);
    let mut views = Vec::new();
    for consultation in state.consultations().all().await? {
        if scope.admits(&owner(&state, &consultation).await?) {
            views.push(ConsultationView::from(consultation));
        }
    }
    Ok(HttpResponse::Ok().json(views))
}

/// Read a consultation
///
/// Needs role `hate_crime_coordinator`, or scope `consultations:read` as a participant.
#[utoipa::path(
    tag = "consultations",
    operation_id = "getConsultation",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The consultation", body = ConsultationView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations/{id}")]
pub(super) async fn get_consultation(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond(
        visible(&state, &caller, Action::ReadConsultation, *id).await?,
    ))
}

/// A change of a planned consultation (JSON merge patch).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct UpdateConsultationRequest {
    /// NIS codes.
    municipalities: Option<Vec<String>>,
    /// The half-year.
    period: Option<String>,
    /// When.
    scheduled_at: Option<chrono::DateTime<Utc>>,
    /// Where.
    #[schema(max_length = 300)]
    location: Option<String>,
}

/// Change a planned consultation
///
/// Only while `planned` (409 after). Honours `If-Match`. Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "updateConsultation",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body(content = UpdateConsultationRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = ConsultationView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is no longer planned", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/consultations/{id}")]
pub(super) async fn update_consultation(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateConsultationRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::UpdateConsultation, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let next = current.apply(ConsultationPatch {
        municipalities: crate::extract::present(body.municipalities),
        period: crate::extract::present(body.period),
        scheduled_at: crate::extract::present(body.scheduled_at),
        location: crate::extract::present(body.location),
    })?;
    authorize(
        &caller,
        Action::CreateConsultation,
        Some(&Owner::in_municipalities(
            next.municipalities.iter().cloned(),
        )),
        "consultation",
    )?;
    ensure_served(&state, &next).await?;
    Ok(respond(
        state
            .consultations()
            .update(&next, NewEvent::new(caller.actor(), "changed"))
            .await?,
    ))
}

/// A status change of a consultation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"to": "held"}))]
pub(super) struct ConsultationTransitionBody {
    /// The status to go to.
    #[schema(schema_with = enum_ref::<ConsultationStatus>)]
    to: ConsultationStatus,
    /// Why, for the timeline.
    #[schema(max_length = 2000)]
    reason: Option<String>,
}

/// Change a consultation's status
///
/// `planned → held`, `held → minutes_approved` (the minutes must be recorded), `planned →
/// cancelled`. Another transition is 409 with `allowedTransitions`. Honours `If-Match`. Needs role
/// `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "transitionConsultation",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = ConsultationTransitionBody,
    responses(
        (status = 200, description = "The consultation in its new status", body = ConsultationView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the current status, or no minutes yet", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/consultations/{id}/transitions")]
pub(super) async fn transition_consultation(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<ConsultationTransitionBody>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::TransitionConsultation, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let (next, _) = current
        .transition(&ConsultationTransitionRequest {
            to: body.to,
            reason: body.reason,
        })
        .map_err(|error| match error {
            ConsultationTransitionError::NotAllowed { ref allowed, .. } => {
                ApiError::illegal_transition(
                    error.to_string(),
                    allowed.iter().map(|s| s.code()).collect(),
                )
            }
            ConsultationTransitionError::Precondition(detail) => {
                ApiError::new(ErrorCode::Conflict, detail).with_allowed_transitions(
                    current
                        .allowed_transitions()
                        .iter()
                        .map(|s| s.code())
                        .collect(),
                )
            }
            ConsultationTransitionError::Invalid(errors) => DomainError::Validation(errors).into(),
        })?;
    let event = NewEvent::new(caller.actor(), "status_changed")
        .status(current.status.code(), next.status.code());
    Ok(respond(state.consultations().update(&next, event).await?))
}

/// The minutes of a consultation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct MinutesRequest {
    /// The minutes.
    #[schema(min_length = 1, max_length = 50000)]
    text: String,
}

/// Record the minutes
///
/// Replaces the minutes of a held consultation (409 before it is held or once they are
/// approved). Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "recordMinutes",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = MinutesRequest,
    responses(
        (status = 200, description = "Recorded", body = ConsultationView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not held, or minutes approved already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty or too long", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[put("/consultations/{id}/minutes")]
pub(super) async fn record_minutes(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<MinutesRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::RecordMinutes, *id).await?;
    check_if_match(&req, current.version)?;
    let next = current.set_minutes(&body.text)?;
    Ok(respond(
        state
            .consultations()
            .update(&next, NewEvent::new(caller.actor(), "minutes_recorded"))
            .await?,
    ))
}

/// Read a consultation's timeline
///
/// Every change, oldest first. Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "getConsultationTimeline",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The events", body = Vec<TimelineEventView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations/{id}/timeline")]
pub(super) async fn consultation_timeline(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let consultation = visible(&state, &caller, Action::ReadConsultationTimeline, *id).await?;
    let events = timeline(state.database.connection(), consultation.id).await?;
    Ok(HttpResponse::Ok().json(
        events
            .into_iter()
            .map(TimelineEventView::from)
            .collect::<Vec<_>>(),
    ))
}

/// The municipality of the cadence.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CadenceParams {
    /// NIS code.
    #[param(example = "41011")]
    municipality: String,
}

/// One half-year of the cadence.
#[derive(Debug, Serialize, ToSchema)]
pub struct CadencePeriodView {
    /// The half-year.
    #[schema(example = "2026-H1")]
    pub period: String,
    /// Whether a consultation of it was held.
    pub held: bool,
    /// Whether one is still planned.
    pub planned: bool,
}

/// The cadence of a municipality's consultations.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CadenceView {
    /// NIS code.
    pub municipality: String,
    /// Each half-year since the first consultation.
    pub periods: Vec<CadencePeriodView>,
    /// The current half-year.
    pub current: String,
    /// Set when the current half-year has no consultation held or planned.
    pub flag_current_unplanned: bool,
}

/// Consultation cadence
///
/// For one municipality, each half-year since its first consultation (alone or in a region):
/// whether one was held or is planned, and a flag when the current half-year has none. Needs role
/// `hate_crime_coordinator` or `analyst`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "getConsultationCadence",
    security(("bearerAuth" = [])),
    params(CadenceParams),
    responses(
        (status = 200, description = "The cadence", body = CadenceView),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for this municipality", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations/cadence")]
pub(super) async fn get_consultation_cadence(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<CadenceParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ReadConsultationCadence, None, "cadence")?;
    let nis = NisCode::parse(&params.municipality).map_err(|m| {
        ApiError::new(
            ErrorCode::InvalidParameter,
            format!("the query parameter `municipality` is invalid: {m}"),
        )
        .with_errors(vec![ProblemFieldError {
            pointer: None,
            parameter: Some("municipality".to_owned()),
            message: m,
        }])
    })?;
    authorize(
        &caller,
        Action::ReadConsultationCadence,
        Some(&Owner::in_municipality(nis.clone())),
        "cadence",
    )?;
    let periods: Vec<(HalfYear, ConsultationStatus)> = state
        .consultations()
        .all()
        .await?
        .into_iter()
        .filter(|c| c.municipalities.contains(&nis))
        .map(|c| (c.period, c.status))
        .collect();
    let current = HalfYear::containing(receipt_day(Utc::now()))
        .ok_or_else(|| ApiError::internal("the current half-year is out of range"))?;
    let result = cadence(&periods, current);
    Ok(HttpResponse::Ok().json(CadenceView {
        municipality: nis.to_string(),
        periods: result
            .periods
            .into_iter()
            .map(|p| CadencePeriodView {
                period: p.period.to_string(),
                held: p.held,
                planned: p.planned,
            })
            .collect(),
        current: result.current.to_string(),
        flag_current_unplanned: result.flag_current_unplanned,
    }))
}
