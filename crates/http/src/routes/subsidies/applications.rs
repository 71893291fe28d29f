//! Handlers of `/api/v1/subsidy-applications`: intake, list, detail, changes and transitions.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, Owner, authorize, list_scope};
use samenleven_domain::model::subsidy::{Application, ApplicationDraft, EnteredBy, NewApplication};
use samenleven_domain::reference::ApplicationStatus;
use samenleven_domain::timeline::NewEvent;
use samenleven_persistence::repo::shared::IdempotencyRecord;
use samenleven_persistence::repo::subsidy_application::ApplicationFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::application_dto::{ApplicationView, CreateApplicationRequest, UpdateApplicationRequest};
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::{HashedJson, Json, Query};
use crate::idempotency;
use crate::openapi::enum_ref;
use crate::pagination::{PageParams, paginate};

crate::page_schema!(ApplicationPage, ApplicationView);

const CREATE_ROUTE: &str = "POST /api/v1/subsidy-applications";

pub(super) fn owner(a: &Application) -> Owner {
    let owner = Owner::in_municipality(a.municipality.clone());
    match &a.entered_by {
        EnteredBy::Partner { partner_id } => owner.submitted_by(*partner_id),
        EnteredBy::Staff { subject } => owner.created_by(subject.clone()),
    }
}

/// The application `id` for `action`: 403 when the caller may never, 404 when not its to see.
pub(super) async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Application, ApiError> {
    authorize(caller, action, None, "subsidy application")?;
    let application = state
        .subsidy_applications()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound("subsidy application"))?;
    authorize(
        caller,
        action,
        Some(&owner(&application)),
        "subsidy application",
    )?;
    Ok(application)
}

fn invalid_scheme() -> ApiError {
    DomainError::invalid("/schemeId", "no such scheme, or not one you may apply to").into()
}

/// Apply for a subsidy
///
/// Creates the application as a `draft`, numbered `SUB-YYYY-NNNNNN`; every rule of the
/// scheme is checked now (each broken one a 422 at its member) and again at submission, when
/// the scheme must also be open. Accepts `Idempotency-Key`. Needs scope `subsidies:apply`, or
/// role `subsidy_officer` (an application entered at the counter, whose applicant's
/// transitions that officer then makes).
#[utoipa::path(
    tag = "subsidies",
    operation_id = "createSubsidyApplication",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    request_body = CreateApplicationRequest,
    responses(
        (status = 201, description = "Created as a draft", body = ApplicationView, headers(("Location" = String, description = "The application's URL"), ("ETag" = String, description = "The version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for this municipality", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same Idempotency-Key is being processed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; each error points at its member", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/subsidy-applications")]
pub(super) async fn create_application(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: HashedJson<CreateApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(
        &caller,
        Action::CreateApplication,
        None,
        "subsidy application",
    )?;
    let keyed = idempotency::key_of(&req, caller.actor(), CREATE_ROUTE, body.sha256.clone())?;
    if let Some(keyed) = &keyed
        && let Some(replayed) = idempotency::replay(state.database.connection(), keyed).await?
    {
        return Ok(replayed);
    }
    let draft = ApplicationDraft::from(body.value);
    let scheme = state
        .subsidy_schemes()
        .find(draft.scheme_id)
        .await?
        .ok_or_else(invalid_scheme)?
        .scheme;
    authorize(
        &caller,
        Action::CreateApplication,
        Some(&Owner::in_municipality(scheme.municipality.clone())),
        "subsidy application",
    )?;
    let new = NewApplication::validate(draft, &scheme)?;
    let entered_by = match caller.partner_id() {
        Some(partner_id) => EnteredBy::Partner { partner_id },
        None => EnteredBy::Staff {
            subject: caller.staff_subject().unwrap_or_default().to_owned(),
        },
    };
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
    let application = state
        .subsidy_applications()
        .create(new, entered_by, &caller.actor(), record, |a| {
            serde_json::to_string(&ApplicationView::from(a.clone()))
                .map(|body| (StatusCode::CREATED.as_u16(), body))
                .map_err(|e| DomainError::Internal(Box::new(e)))
        })
        .await?;
    tracing::info!(application = %application.id, reference = %application.reference, actor = %caller.actor(), "subsidy application created");
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/subsidy-applications/{}", application.id),
        ))
        .insert_header((header::ETAG, etag(application.version)))
        .json(ApplicationView::from(application)))
}

/// Filters of the application list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub(super) struct ApplicationListParams {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// The `nextCursor` of the previous page.
    cursor: Option<String>,
    /// Only of this scheme.
    scheme: Option<Uuid>,
    /// Only in this status.
    #[param(schema_with = enum_ref::<ApplicationStatus>)]
    status: Option<ApplicationStatus>,
    /// Only the one with this reference.
    reference: Option<String>,
}

/// List subsidy applications
///
/// Newest first. Officers and reviewers see the applications of their municipalities; a
/// partner with `subsidies:read_own` only its own.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "listSubsidyApplications",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(ApplicationListParams),
    responses(
        (status = 200, description = "A page of applications", body = ApplicationPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-applications")]
pub(super) async fn list_applications(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<ApplicationListParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(
        &caller,
        Action::ListApplications,
        None,
        "subsidy application",
    )?;
    let params = params.0;
    let page = PageParams {
        limit: params.limit,
        cursor: params.cursor.clone(),
    };
    let limit = page.limit()?;
    let filter = ApplicationFilter {
        scheme: params.scheme,
        status: params.status,
        reference: params.reference,
    };
    let scope = list_scope(&caller, Action::ListApplications);
    let rows = state
        .subsidy_applications()
        .list(&scope, &filter, page.after::<Uuid>()?, u64::from(limit) + 1)
        .await?;
    Ok(HttpResponse::Ok().json(paginate(rows, limit, |a| a.id, ApplicationView::from)))
}

/// Read a subsidy application
///
/// Needs role `subsidy_officer` or `subsidy_reviewer`, or scope `subsidies:read_own` for an
/// application the partner entered.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "getSubsidyApplication",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application", body = ApplicationView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-applications/{id}")]
pub(super) async fn get_application(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let application = visible(&state, &caller, Action::ReadApplication, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(application.version)))
        .json(ApplicationView::from(application)))
}

/// Change a subsidy application
///
/// Only in `draft` and `needs_information` (else 409). A member sent replaces the whole
/// `applicant`, `project` or `budget`; every rule is checked again. Honours `If-Match`. Needs
/// scope `subsidies:apply` (own applications) or role `subsidy_officer`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "updateSubsidyApplication",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The application's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body(content = UpdateApplicationRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = ApplicationView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in `draft` or `needs_information`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The change breaks a rule", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/subsidy-applications/{id}")]
pub(super) async fn update_application(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::UpdateApplication, *id).await?;
    check_if_match(&req, current.version)?;
    if !current.is_editable() {
        return Err(DomainError::Conflict(format!(
            "an application can be changed only in `draft` or `needs_information`; this one is `{}`",
            current.status
        ))
        .into());
    }
    let scheme = scheme_of(&state, &current).await?;
    let draft = body.into_inner().merge_into(current.to_draft());
    let next = current.revise(NewApplication::validate(draft, &scheme)?)?;
    let event = NewEvent::new(caller.actor(), "changed");
    let saved = state
        .subsidy_applications()
        .save(&next, event, false)
        .await?
        .map_err(|over| ApiError::over_budget(over.detail, over.remaining.get()))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(saved.version)))
        .json(ApplicationView::from(saved)))
}

pub(super) async fn scheme_of(
    state: &AppState,
    application: &Application,
) -> Result<samenleven_domain::model::subsidy::Scheme, ApiError> {
    Ok(state
        .subsidy_schemes()
        .find(application.scheme_id)
        .await?
        .ok_or_else(|| ApiError::internal("an application's scheme is missing"))?
        .scheme)
}
