//! Handlers of `/api/v1/hate-crime-incidents` and the escalation of a complaint.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{NaiveDate, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, Owner, Principal, authorize, list_scope};
use samenleven_domain::model::complaint::{PatchValue, Submitter, receipt_day};
use samenleven_domain::model::hate_crime::{Incident, IncidentDraft, IncidentPatch, NewIncident};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::reference::{
    BiasMotivation, CrimeType, IncidentLocationKind, ProsecutionStatus, Role,
};
use samenleven_domain::timeline::NewEvent;
use samenleven_persistence::repo::incident::IncidentFilter;
use samenleven_persistence::repo::shared::IdempotencyRecord;
use samenleven_persistence::repo::shared::timeline;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{CreateIncidentRequest, EscalationRequest, IncidentView};
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, ErrorCode, Problem, ProblemFieldError};
use crate::extract::{HashedJson, Json, Query};
use crate::idempotency;
use crate::openapi::{enum_array, enum_ref, nullable_enum_ref};
use crate::pagination::{PageParams, paginate};
use crate::routes::timeline::TimelineEventView;

crate::page_schema!(IncidentPage, IncidentView);

const CREATE_ROUTE: &str = "POST /api/v1/hate-crime-incidents";

/// Whether the caller sees exact small counts and the duplicate links: coordinators and admins.
pub(crate) fn is_coordinator(caller: &Caller) -> bool {
    matches!(&caller.0, Principal::Staff(s) if s.is_admin() || s.has_role(Role::HateCrimeCoordinator))
}

fn owner(i: &Incident) -> Owner {
    Owner::in_municipality(i.municipality.clone()).submitted_by(i.submitted_by_partner)
}

async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Incident, ApiError> {
    authorize(caller, action, None, "hate-crime incident")?;
    let incident = state
        .incidents()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound("hate-crime incident"))?;
    authorize(
        caller,
        action,
        Some(&owner(&incident)),
        "hate-crime incident",
    )?;
    Ok(incident)
}

fn submitter(caller: &Caller) -> Submitter {
    match caller.partner_id() {
        Some(partner_id) => Submitter::Partner { partner_id },
        None => Submitter::Staff {
            subject: caller.staff_subject().unwrap_or_default().to_owned(),
        },
    }
}

/// Stores `new` and answers 201 with the view (remembered under the idempotency key, if any).
async fn register(
    state: &AppState,
    caller: &Caller,
    new: NewIncident,
    keyed: Option<idempotency::Keyed>,
) -> Result<HttpResponse, ApiError> {
    let coordinator = is_coordinator(caller);
    let record = keyed.map(|k| {
        (
            IdempotencyRecord {
                caller: k.caller,
                route: k.route,
                key: k.key,
            },
            k.request_hash,
        )
    });
    let incident = state
        .incidents()
        .create(
            new,
            &state.pseudonym_key,
            submitter(caller),
            &caller.actor(),
            record,
            |i| {
                serde_json::to_string(&IncidentView::new(i.clone(), coordinator))
                    .map(|body| (StatusCode::CREATED.as_u16(), body))
                    .map_err(|e| DomainError::Internal(Box::new(e)))
            },
        )
        .await?;
    tracing::info!(incident = %incident.id, reference = %incident.reference, actor = %caller.actor(), "hate-crime incident recorded");
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/hate-crime-incidents/{}", incident.id),
        ))
        .insert_header((header::ETAG, etag(incident.version)))
        .json(IncidentView::new(incident, coordinator)))
}

/// Record a hate-crime incident
///
/// Police, prosecutor, Unia and associations (`incidents:submit`) and coordinators record the
/// incidents the half-yearly consultation maps. The police report number and the prosecutor's
/// file number are kept only as keyed hashes (HMAC-SHA256): never stored, shown or logged, yet a
/// second report with the same number is linked to the first as a possible duplicate (both
/// stay). Accepts `Idempotency-Key`. Needs role `hate_crime_coordinator`, or scope
/// `incidents:submit`, for the municipality.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "createIncident",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    request_body = CreateIncidentRequest,
    responses(
        (status = 201, description = "Recorded", body = IncidentView, headers(("Location" = String, description = "The incident's URL"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for this municipality", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same Idempotency-Key is being processed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; each error points at its member", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/hate-crime-incidents")]
pub(super) async fn create_incident(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: HashedJson<CreateIncidentRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreateIncident, None, "hate-crime incident")?;
    let keyed = idempotency::key_of(&req, caller.actor(), CREATE_ROUTE, body.sha256.clone())?;
    if let Some(keyed) = &keyed
        && let Some(replayed) = idempotency::replay(state.database.connection(), keyed).await?
    {
        return Ok(replayed);
    }
    let new = NewIncident::validate(IncidentDraft::from(body.value), receipt_day(Utc::now()))?;
    authorize(
        &caller,
        Action::CreateIncident,
        Some(&Owner::in_municipality(new.municipality().clone())),
        "hate-crime incident",
    )?;
    ensure_served(&state, new.municipality()).await?;
    register(&state, &caller, new, keyed).await
}

async fn ensure_served(state: &AppState, municipality: &NisCode) -> Result<(), ApiError> {
    use samenleven_domain::ports::MunicipalityRepository;
    match state.municipalities().find(municipality).await? {
        Some(_) => Ok(()),
        None => Err(
            DomainError::invalid("/municipality", "this municipality is not served here").into(),
        ),
    }
}

/// Escalate a complaint to a hate-crime incident
///
/// Opens the hate-crime incident of a complaint: municipality and date come from the complaint,
/// `source` is `meldpunt` and `prosecutionStatus` starts as `unknown`; the body gives what the
/// complaint does not say. The incident links back to the complaint and the complaint's timeline
/// shows the escalation. A complaint is escalated once (409 after that). Needs role
/// `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "escalateComplaint",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    request_body = EscalationRequest,
    responses(
        (status = 201, description = "The incident", body = IncidentView, headers(("Location" = String, description = "The incident's URL"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The complaint was escalated already", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/complaints/{id}/escalations")]
pub(super) async fn escalate_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<EscalationRequest>,
) -> Result<HttpResponse, ApiError> {
    let complaint = crate::routes::complaints::handlers::visible(
        &state,
        &caller,
        Action::EscalateComplaint,
        *id,
    )
    .await?;
    if let Some(existing) = state.incidents().find_by_complaint(complaint.id).await? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "the complaint was escalated already, to incident {}",
                existing.reference
            ),
        ));
    }
    let draft = IncidentDraft::escalation(&complaint, body.into_inner().into());
    let new = NewIncident::validate(draft, receipt_day(Utc::now()))?;
    register(&state, &caller, new, None).await
}

/// Filters of the incident list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub(super) struct IncidentListParams {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// The `nextCursor` of the previous page.
    cursor: Option<String>,
    /// Only in this municipality (NIS code).
    municipality: Option<String>,
    /// Only with this bias motivation.
    #[param(schema_with = enum_ref::<BiasMotivation>)]
    bias_motivation: Option<BiasMotivation>,
    /// Only with this prosecution status.
    #[param(schema_with = enum_ref::<ProsecutionStatus>)]
    prosecution_status: Option<ProsecutionStatus>,
    /// Happened on or after this day.
    from: Option<NaiveDate>,
    /// Happened on or before this day.
    to: Option<NaiveDate>,
    /// Only the one with this reference.
    reference: Option<String>,
}

/// List hate-crime incidents
///
/// Newest first. Coordinators, and partners with `incidents:read`, see the incidents of their
/// municipalities. Needs role `hate_crime_coordinator`, or scope `incidents:read`.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "listIncidents",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(IncidentListParams),
    responses(
        (status = 200, description = "A page of incidents", body = IncidentPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/hate-crime-incidents")]
pub(super) async fn list_incidents(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<IncidentListParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ListIncidents, None, "hate-crime incident")?;
    let params = params.0;
    let page = PageParams {
        limit: params.limit,
        cursor: params.cursor.clone(),
    };
    let limit = page.limit()?;
    let municipality = params
        .municipality
        .as_deref()
        .map(NisCode::parse)
        .transpose()
        .map_err(|m| {
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
    let filter = IncidentFilter {
        municipality,
        bias_motivation: params.bias_motivation,
        prosecution_status: params.prosecution_status,
        from: params.from,
        to: params.to,
        reference: params.reference,
    };
    let scope = list_scope(&caller, Action::ListIncidents);
    let rows = state
        .incidents()
        .list(&scope, &filter, page.after::<Uuid>()?, u64::from(limit) + 1)
        .await?;
    let coordinator = is_coordinator(&caller);
    Ok(HttpResponse::Ok().json(paginate(
        rows,
        limit,
        |i| i.id,
        |i| IncidentView::new(i, coordinator),
    )))
}

/// Read a hate-crime incident
///
/// Needs role `hate_crime_coordinator`, or scope `incidents:read` for the municipality.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "getIncident",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    responses(
        (status = 200, description = "The incident", body = IncidentView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such incident, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/hate-crime-incidents/{id}")]
pub(super) async fn get_incident(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let incident = visible(&state, &caller, Action::ReadIncident, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(incident.version)))
        .json(IncidentView::new(incident, is_coordinator(&caller))))
}

/// A change of an incident (JSON merge patch).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct UpdateIncidentRequest {
    /// Where the criminal case stands.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = nullable_enum_ref::<ProsecutionStatus>)]
    prosecution_status: Option<Option<ProsecutionStatus>>,
    /// The bias motivations.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = enum_array::<BiasMotivation>)]
    bias_motivations: Option<Option<Vec<BiasMotivation>>>,
    /// The crime types.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = enum_array::<CrimeType>)]
    crime_types: Option<Option<Vec<CrimeType>>>,
    /// What kind of place.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = nullable_enum_ref::<IncidentLocationKind>)]
    location_kind: Option<Option<IncidentLocationKind>>,
    /// The district; `null` removes it.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(max_length = 200)]
    district: Option<Option<String>>,
}

/// Change a hate-crime incident
///
/// Updates the prosecution status and the classification. Honours `If-Match`. Needs role
/// `hate_crime_coordinator`.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "updateIncident",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The incident's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body(content = UpdateIncidentRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = IncidentView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such incident, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The change breaks a rule", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/hate-crime-incidents/{id}")]
pub(super) async fn update_incident(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateIncidentRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::UpdateIncident, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let patch = IncidentPatch {
        prosecution_status: PatchValue::from(body.prosecution_status),
        bias_motivations: PatchValue::from(body.bias_motivations),
        crime_types: PatchValue::from(body.crime_types),
        location_kind: PatchValue::from(body.location_kind),
        district: PatchValue::from(body.district),
    };
    let next = current.apply(patch)?;
    let mut event = NewEvent::new(caller.actor(), "changed");
    if next.prosecution_status != current.prosecution_status {
        event = NewEvent::new(caller.actor(), "prosecution_status_changed").status(
            current.prosecution_status.to_string(),
            next.prosecution_status.to_string(),
        );
    }
    let stored = state.incidents().update(&next, event).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(stored.version)))
        .json(IncidentView::new(stored, true)))
}

/// Read a hate-crime incident's timeline
///
/// Every change, oldest first. Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "getIncidentTimeline",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    responses(
        (status = 200, description = "The events", body = Vec<TimelineEventView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such incident, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/hate-crime-incidents/{id}/timeline")]
pub(super) async fn incident_timeline(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let incident = visible(&state, &caller, Action::ReadIncidentTimeline, *id).await?;
    let events = timeline(state.database.connection(), incident.id).await?;
    Ok(HttpResponse::Ok().json(
        events
            .into_iter()
            .map(TimelineEventView::from)
            .collect::<Vec<_>>(),
    ))
}
