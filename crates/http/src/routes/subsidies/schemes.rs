//! Handlers of `/api/v1/subsidy-schemes`.

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, patch, post, web};
use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, Owner, authorize, decide, list_scope};
use samenleven_domain::model::subsidy::{Candidate, NewScheme, Scheme, SchemeDraft, rank};
use samenleven_domain::reference::ApplicationStatus;
use samenleven_persistence::repo::subsidy_scheme::StoredScheme;
use uuid::Uuid;

use super::scheme_dto::{
    CreateSchemeRequest, RankedApplicationView, SchemeBudgetView, SchemeView, UpdateSchemeRequest,
};
use crate::app::AppState;
use crate::auth::{API_KEY_HEADER, Caller};
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::{Json, Query};
use crate::pagination::{PageParams, paginate};

crate::page_schema!(SchemePage, SchemeView);

/// The caller when credentials are sent (401 when they do not hold), `None` without any.
pub(super) async fn optional_caller(req: &HttpRequest) -> Result<Option<Caller>, ApiError> {
    let headers = req.headers();
    if headers.contains_key(header::AUTHORIZATION) || headers.contains_key(API_KEY_HEADER) {
        Caller::extract(req).await.map(Some)
    } else {
        Ok(None)
    }
}

pub(super) fn scheme_owner(s: &Scheme) -> Owner {
    Owner::in_municipality(s.municipality.clone())
}

/// The scheme `id` for `action`: 403 when the caller may never, 404 when not its to see.
pub(super) async fn visible_scheme(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<StoredScheme, ApiError> {
    authorize(caller, action, None, "subsidy scheme")?;
    let stored = state
        .subsidy_schemes()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound("subsidy scheme"))?;
    authorize(
        caller,
        action,
        Some(&scheme_owner(&stored.scheme)),
        "subsidy scheme",
    )?;
    Ok(stored)
}

/// Publish a subsidy scheme
///
/// Needs role `subsidy_officer` for the municipality.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "createSubsidyScheme",
    security(("bearerAuth" = [])),
    request_body = CreateSchemeRequest,
    responses(
        (status = 201, description = "Created", body = SchemeView, headers(("Location" = String, description = "The scheme's URL"), ("ETag" = String, description = "The version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for this municipality", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; each error points at its member", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/subsidy-schemes")]
pub(super) async fn create_scheme(
    caller: Caller,
    state: web::Data<AppState>,
    body: Json<CreateSchemeRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreateScheme, None, "subsidy scheme")?;
    let new = NewScheme::validate(SchemeDraft::from(body.into_inner()))?;
    authorize(
        &caller,
        Action::CreateScheme,
        Some(&Owner::in_municipality(new.municipality().clone())),
        "subsidy scheme",
    )?;
    {
        use samenleven_domain::ports::MunicipalityRepository;
        if state
            .municipalities()
            .find(new.municipality())
            .await?
            .is_none()
        {
            return Err(DomainError::invalid(
                "/municipality",
                "this municipality is not served here",
            )
            .into());
        }
    }
    let scheme = Scheme::create(new, Uuid::now_v7());
    state.subsidy_schemes().create(&scheme).await?;
    tracing::info!(scheme = %scheme.id, actor = %caller.actor(), "subsidy scheme created");
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/subsidy-schemes/{}", scheme.id),
        ))
        .insert_header((header::ETAG, etag(scheme.version)))
        .json(SchemeView::new(scheme, false, true)))
}

/// List subsidy schemes
///
/// Public. Without credentials, or for a caller without role `subsidy_officer` (partners,
/// other staff), the schemes open for submission now, with their public fields only. Officers
/// see every scheme of their municipalities, in full. Newest first.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "listSubsidySchemes",
    security((), ("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of schemes", body = SchemePage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials were sent and do not hold", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-schemes")]
pub(super) async fn list_schemes(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let caller = optional_caller(&req).await?;
    let page = page.0;
    let limit = page.limit()?;
    let full = caller
        .as_ref()
        .is_some_and(|c| decide(c, Action::ListSchemes, None).is_allowed());
    let scope = caller
        .as_ref()
        .filter(|_| full)
        .map(|c| list_scope(c, Action::ListSchemes));
    let open_at = (!full).then(Utc::now);
    let rows = state
        .subsidy_schemes()
        .list(
            scope.as_ref(),
            open_at,
            page.after::<Uuid>()?,
            u64::from(limit) + 1,
        )
        .await?;
    Ok(HttpResponse::Ok().json(paginate(
        rows,
        limit,
        |s| s.scheme.id,
        |s| SchemeView::new(s.scheme, s.has_submissions, full),
    )))
}

/// Read a subsidy scheme
///
/// Public for a scheme open now (public fields only, for every caller without role
/// `subsidy_officer` for its municipality); officers read any scheme of their municipalities
/// in full. Any other scheme reads as 404.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "getSubsidyScheme",
    security((), ("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The scheme's id")),
    responses(
        (status = 200, description = "The scheme", body = SchemeView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "Credentials were sent and do not hold", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-schemes/{id}")]
pub(super) async fn get_scheme(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let caller = optional_caller(&req).await?;
    let stored = state
        .subsidy_schemes()
        .find(*id)
        .await?
        .ok_or(DomainError::NotFound("subsidy scheme"))?;
    let full = caller.as_ref().is_some_and(|c| {
        decide(c, Action::ReadScheme, Some(&scheme_owner(&stored.scheme))).is_allowed()
    });
    if !full && !stored.scheme.is_open(Utc::now()) {
        return Err(DomainError::NotFound("subsidy scheme").into());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(stored.scheme.version)))
        .json(SchemeView::new(stored.scheme, stored.has_submissions, full)))
}

/// Change a subsidy scheme
///
/// A JSON merge patch. Once an application was submitted, a change of the budget, the maximum
/// award or share, the eligible applicants or the criteria is refused with 409; the texts,
/// target groups and dates still change. Honours `If-Match`. Needs role `subsidy_officer`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "updateSubsidyScheme",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The scheme's id"), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body(content = UpdateSchemeRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = SchemeView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The budget or criteria are locked by a submission", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The change breaks a rule", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/subsidy-schemes/{id}")]
pub(super) async fn update_scheme(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateSchemeRequest>,
) -> Result<HttpResponse, ApiError> {
    let stored = visible_scheme(&state, &caller, Action::UpdateScheme, *id).await?;
    check_if_match(&req, stored.scheme.version)?;
    let next = stored
        .scheme
        .apply(body.into_inner().into(), stored.has_submissions)?;
    let saved = state
        .subsidy_schemes()
        .update(&next, stored.has_submissions)
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(saved.version)))
        .json(SchemeView::new(saved, stored.has_submissions, true)))
}

/// Read a subsidy scheme's budget
///
/// The budget, the sum awarded (applications approved or later), the sum paid out and what
/// remains to award, in cents. Needs role `subsidy_officer` or `analyst`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "getSubsidySchemeBudget",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The scheme's id")),
    responses(
        (status = 200, description = "The figures", body = SchemeBudgetView),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-schemes/{id}/budget")]
pub(super) async fn get_scheme_budget(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let stored = visible_scheme(&state, &caller, Action::ReadSchemeBudget, *id).await?;
    let budget = state.subsidy_schemes().budget(&stored.scheme).await?;
    Ok(HttpResponse::Ok().json(SchemeBudgetView::from(budget)))
}

/// Read a subsidy scheme's ranking
///
/// The scheme's submitted applications ordered by their average weighted review total,
/// highest first; ties by submission time. Applications without reviews come last. Needs role
/// `subsidy_officer` or `subsidy_reviewer`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "getSubsidySchemeRanking",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The scheme's id")),
    responses(
        (status = 200, description = "The ranking", body = Vec<RankedApplicationView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-schemes/{id}/ranking")]
pub(super) async fn get_scheme_ranking(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let stored = visible_scheme(&state, &caller, Action::ReadSchemeRanking, *id).await?;
    let applications: Vec<_> = state
        .subsidy_applications()
        .of_scheme(stored.scheme.id, false)
        .await?
        .into_iter()
        .filter(|a| a.submitted_at.is_some() && a.status != ApplicationStatus::Withdrawn)
        .collect();
    let ids: Vec<Uuid> = applications.iter().map(|a| a.id).collect();
    let reviews = state.subsidy_reviews().of(&ids).await?;
    let candidates: Vec<Candidate> = applications
        .iter()
        .filter_map(|a| {
            Some(Candidate {
                application_id: a.id,
                submitted_at: a.submitted_at?,
                reviews: reviews
                    .iter()
                    .filter(|r| r.application_id == a.id)
                    .map(|r| r.review.clone())
                    .collect(),
            })
        })
        .collect();
    let ranked = rank(&stored.scheme.criteria, &candidates);
    let views: Vec<_> = ranked
        .into_iter()
        .map(|r| {
            let reference = applications
                .iter()
                .find(|a| a.id == r.application_id)
                .map(|a| a.reference.to_string())
                .unwrap_or_default();
            RankedApplicationView::new(r, reference)
        })
        .collect();
    Ok(HttpResponse::Ok().json(views))
}
