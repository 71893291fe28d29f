//! Handlers of `/api/v1/complaints`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{NaiveDate, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, Owner, authorize, list_scope};
use samenleven_domain::model::complaint::{
    ClassificationPatch, Complaint, NewComplaint, Submitter, receipt_day,
};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_domain::reference::{ComplaintContext, ComplaintStatus, Conduct, Ground};
use samenleven_domain::timeline::NewEvent;
use samenleven_persistence::repo::complaint::ComplaintFilter;
use samenleven_persistence::repo::shared::IdempotencyRecord;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{
    ComplaintIncidentView, ComplaintView, ContactBody, CreateComplaintRequest,
    CreatedComplaintView, LocationBody, ReporterView, SuggestedReferralView,
};
use crate::app::AppState;
use crate::auth::{Caller, generate_tracking_code};
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::{HashedJson, Json, Query};
use crate::idempotency::{self, Keyed};
use crate::openapi::{enum_array, enum_ref, nullable_enum_ref};
use crate::pagination::{PageParams, paginate};

crate::page_schema!(ComplaintPage, ComplaintView);

const CREATE_ROUTE: &str = "POST /api/v1/complaints";

/// Today in Brussels, the calendar of the deadlines.
fn today() -> NaiveDate {
    receipt_day(Utc::now())
}

impl ComplaintView {
    fn new(c: Complaint, today: NaiveDate) -> Self {
        let overdue = c.is_overdue(today);
        let suggested_referrals = c
            .suggested_referrals()
            .into_iter()
            .map(|s| SuggestedReferralView {
                body: s.body,
                reason: s.reason,
            })
            .collect();
        Self {
            id: c.id,
            reference: c.reference.to_string(),
            municipality: c.municipality.to_string(),
            kind: c.kind,
            channel: c.channel,
            status: c.status,
            reporter: ReporterView {
                role: c.reporter.role,
                contact: c.reporter.contact.map(|k| ContactBody {
                    name: k.name,
                    email: k.email,
                    phone: k.phone,
                    preferred_language: k.preferred_language,
                }),
                consent_to_contact: c.reporter.consent_to_contact,
                consent_to_share_with: c.reporter.consent_to_share_with,
            },
            incident: ComplaintIncidentView {
                occurred_on: c.incident.occurred_on,
                location: LocationBody {
                    kind: c.incident.location.kind,
                    text: c.incident.location.text,
                },
                context: c.incident.context,
                involved_service: c.incident.involved_service,
            },
            grounds: c.grounds,
            conduct: c.conduct,
            description: Some(c.description).filter(|d| !d.is_empty()),
            possible_hate_crime: c.possible_hate_crime,
            assigned_handler: c.assigned_handler,
            outcome: c.outcome,
            referred_to: c.referred_to,
            suggested_referrals,
            submitted_by_partner: c.submitted_by_partner,
            received_at: c.received_at,
            received_on: c.received_on,
            acknowledge_by: c.acknowledge_by,
            resolve_by: c.resolve_by,
            overdue,
            closed_at: c.closed_at,
        }
    }
}

fn owner(c: &Complaint) -> Owner {
    Owner::in_municipality(c.municipality.clone()).submitted_by(c.submitted_by_partner)
}

/// The complaint at `id` when the caller may do `action` on it; 404 when it may not see it.
pub(crate) async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Complaint, ApiError> {
    authorize(caller, action, None, "complaint")?;
    let complaint = state
        .complaints()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound("complaint"))?;
    authorize(caller, action, Some(&owner(&complaint)), "complaint")?;
    Ok(complaint)
}

pub(super) fn respond(status: StatusCode, complaint: Complaint) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response.insert_header((header::ETAG, etag(complaint.version)));
    response.json(ComplaintView::new(complaint, today()))
}

/// Register a report or complaint
///
/// Takes a report (`melding`: registered for the city's picture of discrimination, closed once
/// acknowledged) or a complaint (`klacht`: assisted follow-up). Every rule answers its own 422
/// with a JSON pointer; unknown members are refused (neutral registration: the service stores
/// only what it asks for). A partner's submission always has channel `partner`.
///
/// The response holds the `trackingCode`, shown this once: with it the reporter follows the
/// complaint at `GET /api/v1/complaint-status/{trackingCode}`. Send an `Idempotency-Key` to
/// retry safely: the same key and body within 24 hours return the first response.
///
/// Needs role `complaint_handler`, or scope `complaints:submit`, for the municipality.
#[utoipa::path(
    tag = "complaints",
    operation_id = "createComplaint",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response")),
    request_body = CreateComplaintRequest,
    responses(
        (status = 201, description = "Registered; the tracking code is shown only here", body = CreatedComplaintView,
            headers(("Location" = String, description = "The complaint's URL"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for this municipality", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same Idempotency-Key is being processed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; each error points at its member", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "urn:problem-type:samenleven:validation_failed", "title": "The request is invalid", "status": 422,
                "detail": "2 members of the request are invalid", "code": "validation_failed",
                "errors": [{"pointer": "/incident/occurredOn", "message": "must not be in the future"},
                           {"pointer": "/reporter/contact", "message": "an anonymous reporter gives no contact"}]})),
    ),
)]
#[post("/complaints")]
pub(super) async fn create_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: HashedJson<CreateComplaintRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreateComplaint, None, "complaint")?;
    let keyed = idempotency::key_of(&req, caller.actor(), CREATE_ROUTE, body.sha256.clone())?;
    if let Some(keyed) = &keyed
        && let Some(replayed) = idempotency::replay(state.database.connection(), keyed).await?
    {
        return Ok(replayed);
    }
    let submitter = match caller.partner_id() {
        Some(partner_id) => Submitter::Partner { partner_id },
        None => Submitter::Staff {
            subject: caller.staff_subject().unwrap_or_default().to_owned(),
        },
    };
    let new = NewComplaint::validate(body.value.into(), submitter, today())?;
    authorize(
        &caller,
        Action::CreateComplaint,
        Some(&Owner::in_municipality(new.municipality().clone())),
        "complaint",
    )?;
    let settings = state
        .municipalities()
        .find(new.municipality())
        .await?
        .ok_or_else(|| {
            DomainError::invalid("/municipality", "this municipality is not served here")
        })?
        .deadlines;
    let code = generate_tracking_code()?;
    let created_view = |c: &Complaint| CreatedComplaintView {
        id: c.id,
        reference: c.reference.to_string(),
        status: c.status,
        acknowledge_by: c.acknowledge_by,
        resolve_by: c.resolve_by,
        tracking_code: code.expose().to_owned(),
    };
    let record = keyed.as_ref().map(|k: &Keyed| {
        (
            IdempotencyRecord {
                caller: k.caller.clone(),
                route: k.route,
                key: k.key.clone(),
            },
            k.request_hash.clone(),
        )
    });
    let complaint = state
        .complaints()
        .create(new, settings, code.hash(), &caller.actor(), record, |c| {
            serde_json::to_string(&created_view(c))
                .map(|body| (StatusCode::CREATED.as_u16(), body))
                .map_err(|e| DomainError::Internal(Box::new(e)))
        })
        .await?;
    tracing::info!(complaint = %complaint.id, reference = %complaint.reference, actor = %caller.actor(), "complaint registered");
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/complaints/{}", complaint.id),
        ))
        .insert_header((header::ETAG, etag(complaint.version)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created_view(&complaint)))
}

/// Filters of the complaint list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub(super) struct ComplaintListParams {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// The `nextCursor` of the previous page.
    cursor: Option<String>,
    /// Only in this municipality (NIS code).
    municipality: Option<String>,
    /// Only in this status.
    #[param(schema_with = enum_ref::<ComplaintStatus>)]
    status: Option<ComplaintStatus>,
    /// Only with this ground.
    #[param(schema_with = enum_ref::<Ground>)]
    ground: Option<Ground>,
    /// Only in this context.
    #[param(schema_with = enum_ref::<ComplaintContext>)]
    context: Option<ComplaintContext>,
    /// Only assigned to this handler (`sub`).
    handler: Option<String>,
    /// Received on or after this day.
    from: Option<NaiveDate>,
    /// Received on or before this day.
    to: Option<NaiveDate>,
    /// `true`: only those past a deadline (still `received` after `acknowledgeBy`, or not
    /// `closed` after `resolveBy`).
    overdue: Option<bool>,
    /// Only those submitted by this partner.
    submitted_by_partner: Option<Uuid>,
    /// Only the one with this reference.
    reference: Option<String>,
}

/// List complaints
///
/// Newest first, with filters. A partner (`complaints:read_own`) sees only what it submitted.
/// Needs role `complaint_handler`, or scope `complaints:read_own`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "listComplaints",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(ComplaintListParams),
    responses(
        (status = 200, description = "A page of complaints", body = ComplaintPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints")]
pub(super) async fn list_complaints(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<ComplaintListParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ListComplaints, None, "complaint")?;
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
        .map_err(|m| ApiError::invalid_parameter("municipality", &m))?;
    let today = today();
    let filter = ComplaintFilter {
        municipality,
        status: params.status,
        ground: params.ground,
        context: params.context,
        handler: params.handler,
        from: params.from,
        to: params.to,
        overdue_on: params.overdue.filter(|o| *o).map(|_| today),
        submitted_by_partner: params.submitted_by_partner,
        reference: params.reference,
    };
    let scope = list_scope(&caller, Action::ListComplaints);
    let rows = state
        .complaints()
        .list(&scope, &filter, page.after::<Uuid>()?, u64::from(limit) + 1)
        .await?;
    Ok(HttpResponse::Ok().json(paginate(
        rows,
        limit,
        |c| c.id,
        |c| ComplaintView::new(c, today),
    )))
}

/// Read a complaint
///
/// The whole record, with the deadlines and the suggested referrals. The read is recorded in
/// the complaint's access log. Needs role `complaint_handler`, or scope `complaints:read_own`
/// for a complaint the partner submitted.
#[utoipa::path(
    tag = "complaints",
    operation_id = "getComplaint",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The complaint", body = ComplaintView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible to the caller", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints/{id}")]
pub(super) async fn get_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let action = Action::ReadComplaint;
    authorize(&caller, action, None, "complaint")?;
    // The read is logged, in the transaction that makes it, exactly when this rule admits it.
    let rule = caller.clone();
    let may_read = Box::new(move |c: &Complaint| {
        authorize(&rule, action, Some(&owner(c)), "complaint").is_ok()
    });
    let complaint = state
        .complaints()
        .read_logged(*id, &caller.actor(), may_read)
        .await?
        .ok_or(DomainError::NotFound("complaint"))?;
    authorize(&caller, action, Some(&owner(&complaint)), "complaint")?;
    Ok(respond(StatusCode::OK, complaint))
}

/// The incident part of a classification patch.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct IncidentPatch {
    /// The domain of life.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = nullable_enum_ref::<ComplaintContext>)]
    context: Option<Option<ComplaintContext>>,
}

/// A correction of the classification (JSON merge patch); any other member is 422.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct UpdateComplaintRequest {
    /// The alleged grounds.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = enum_array::<Ground>)]
    grounds: Option<Option<Vec<Ground>>>,
    /// The alleged conduct.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = enum_array::<Conduct>)]
    conduct: Option<Option<Vec<Conduct>>>,
    /// `{"context": …}`.
    incident: Option<IncidentPatch>,
    /// Whether it may be a hate crime.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    possible_hate_crime: Option<Option<bool>>,
}

/// Correct a complaint's classification
///
/// A JSON merge patch of `grounds`, `conduct`, `incident.context` and `possibleHateCrime`,
/// checked by the intake rules. Honours `If-Match`. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "updateComplaint",
    security(("bearerAuth" = [])),
    params(
        ("id" = Uuid, Path, description = "The complaint's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; refused with 412 when stale"),
    ),
    request_body(content = UpdateComplaintRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Corrected", body = ComplaintView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The correction breaks a rule", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/complaints/{id}")]
pub(super) async fn update_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateComplaintRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::UpdateComplaintClassification, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let patch = ClassificationPatch {
        grounds: body.grounds.into(),
        conduct: body.conduct.into(),
        context: body.incident.and_then(|i| i.context).into(),
        possible_hate_crime: body.possible_hate_crime.into(),
    };
    let next = current.reclassify(patch)?;
    let event = NewEvent::new(caller.actor(), "reclassified");
    let stored = state.complaints().update(&next, event, true).await?;
    Ok(respond(StatusCode::OK, stored))
}
