//! `/api/v1/municipalities`: the tenants and their complaint deadlines.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use samenleven_domain::access::{Action, Owner, authorize, list_scope};
use samenleven_domain::error::FieldError;
use samenleven_domain::model::municipality::{
    ComplaintDeadlines, Municipality, MunicipalityChanges, NisCode, check_name,
};
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_domain::{DomainError, access::MunicipalityGrant};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::{Json, Query};
use crate::pagination::{PageParams, paginate};

crate::page_schema!(MunicipalityPage, MunicipalityView);

pub(super) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_municipalities)
        .service(create_municipality)
        .service(get_municipality)
        .service(update_municipality);
}

/// A municipality served by this deployment.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MunicipalityView {
    /// NIS code.
    #[schema(example = "36008")]
    pub nis_code: String,
    /// Official name.
    #[schema(example = "Izegem")]
    pub name: String,
    /// Calendar days from receipt to acknowledge a complaint.
    #[schema(example = 5)]
    pub acknowledge_days: u16,
    /// Calendar days from receipt to resolve a complaint.
    #[schema(example = 45)]
    pub resolve_days: u16,
}

impl From<Municipality> for MunicipalityView {
    fn from(m: Municipality) -> Self {
        Self {
            nis_code: m.nis_code.to_string(),
            name: m.name,
            acknowledge_days: m.deadlines.acknowledge_days,
            resolve_days: m.deadlines.resolve_days,
        }
    }
}

/// A municipality to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateMunicipalityRequest {
    /// NIS code: five digits.
    #[schema(example = "12025", pattern = "^[1-9][0-9]{4}$")]
    pub nis_code: String,
    /// Official name.
    #[schema(example = "Mechelen", min_length = 1, max_length = 200)]
    pub name: String,
    /// Calendar days to acknowledge a complaint, 1 to 730 (default 5).
    #[schema(minimum = 1, maximum = 730)]
    pub acknowledge_days: Option<u16>,
    /// Calendar days to resolve a complaint, 1 to 730 and not less than `acknowledgeDays` (default 45).
    #[schema(minimum = 1, maximum = 730)]
    pub resolve_days: Option<u16>,
}

/// Changes to a municipality (JSON merge patch): members left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMunicipalityRequest {
    /// Official name.
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// Calendar days to acknowledge a complaint.
    #[schema(minimum = 1, maximum = 730)]
    pub acknowledge_days: Option<u16>,
    /// Calendar days to resolve a complaint.
    #[schema(minimum = 1, maximum = 730)]
    pub resolve_days: Option<u16>,
}

impl TryFrom<CreateMunicipalityRequest> for Municipality {
    type Error = DomainError;

    fn try_from(request: CreateMunicipalityRequest) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let nis_code = NisCode::parse(&request.nis_code)
            .map_err(|m| errors.push(FieldError::new("/nisCode", m)))
            .ok();
        let name = check_name(&request.name).map_err(|e| errors.push(e)).ok();
        let deadlines = ComplaintDeadlines::new(
            request
                .acknowledge_days
                .unwrap_or(ComplaintDeadlines::DEFAULT.acknowledge_days),
            request
                .resolve_days
                .unwrap_or(ComplaintDeadlines::DEFAULT.resolve_days),
        )
        .map_err(|e| errors.extend(e))
        .ok();
        match (nis_code, name, deadlines) {
            (Some(nis_code), Some(name), Some(deadlines)) if errors.is_empty() => Ok(Self {
                nis_code,
                name,
                deadlines,
                version: 1,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

fn parse_nis(path: &str) -> Result<NisCode, ApiError> {
    NisCode::parse(path).map_err(|_| ApiError::not_found(format!("no municipality {path}")))
}

/// The municipality at `nis`, when the caller may see it; 404 otherwise.
async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    nis: &str,
) -> Result<Municipality, ApiError> {
    authorize(caller, action, None, "municipality")?;
    let nis_code = parse_nis(nis)?;
    let owner = Owner::in_municipality(nis_code.clone());
    authorize(caller, action, Some(&owner), "municipality")?;
    state
        .municipalities()
        .find(&nis_code)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no municipality {nis_code}")))
}

fn respond(status: actix_web::http::StatusCode, municipality: Municipality) -> HttpResponse {
    let tag = etag(municipality.version);
    let mut response = HttpResponse::build(status);
    if status == actix_web::http::StatusCode::CREATED {
        response.insert_header((
            header::LOCATION,
            format!("/api/v1/municipalities/{}", municipality.nis_code),
        ));
    }
    response
        .insert_header((header::ETAG, tag))
        .json(MunicipalityView::from(municipality))
}

/// List municipalities
///
/// The municipalities the caller is granted, in NIS-code order. Needs any staff role.
#[utoipa::path(
    tag = "municipalities",
    operation_id = "listMunicipalities",
    params(PageParams),
    security(("bearerAuth" = [])),
    responses(
        (status = 200, description = "A page of municipalities", body = MunicipalityPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/municipalities")]
async fn list_municipalities(
    caller: Caller,
    state: web::Data<AppState>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ListMunicipalities, None, "municipality")?;
    let limit = page.limit()?;
    let after = page
        .after::<String>()?
        .map(|code| NisCode::parse(&code))
        .transpose()
        .map_err(|_| {
            ApiError::new(
                crate::error::ErrorCode::InvalidParameter,
                "the cursor is not one this list gave out",
            )
        })?;
    let only = match list_scope(&caller, Action::ListMunicipalities).municipalities {
        MunicipalityGrant::All => None,
        MunicipalityGrant::Only(codes) => Some(codes.into_iter().collect::<Vec<_>>()),
    };
    let rows = state
        .municipalities()
        .list(only.as_deref(), after.as_ref(), u64::from(limit) + 1)
        .await?;
    Ok(HttpResponse::Ok().json(paginate(
        rows,
        limit,
        |m| m.nis_code.to_string(),
        MunicipalityView::from,
    )))
}

/// Add a municipality
///
/// Adds a tenant with its complaint deadlines. Needs role `admin` granted the new NIS code
/// (or `*`).
#[utoipa::path(
    tag = "municipalities",
    operation_id = "createMunicipality",
    security(("bearerAuth" = [])),
    request_body = CreateMunicipalityRequest,
    responses(
        (status = 201, description = "Added", body = MunicipalityView,
            headers(("Location" = String, description = "The new municipality's URL"), ("ETag" = String, description = "The version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The NIS code exists already", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/municipalities")]
async fn create_municipality(
    caller: Caller,
    state: web::Data<AppState>,
    body: Json<CreateMunicipalityRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreateMunicipality, None, "municipality")?;
    let municipality = Municipality::try_from(body.into_inner())?;
    let owner = Owner::in_municipality(municipality.nis_code.clone());
    authorize(
        &caller,
        Action::CreateMunicipality,
        Some(&owner),
        "municipality",
    )?;
    state.municipalities().insert(&municipality).await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, municipality))
}

/// Read a municipality
///
/// Needs any staff role granted the municipality; another municipality answers 404.
#[utoipa::path(
    tag = "municipalities",
    operation_id = "getMunicipality",
    security(("bearerAuth" = [])),
    params(("nis" = String, Path, description = "NIS code", example = "36008")),
    responses(
        (status = 200, description = "The municipality", body = MunicipalityView,
            headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such municipality, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/municipalities/{nis}")]
async fn get_municipality(
    caller: Caller,
    state: web::Data<AppState>,
    nis: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let municipality = visible(&state, &caller, Action::ReadMunicipality, &nis).await?;
    Ok(respond(actix_web::http::StatusCode::OK, municipality))
}

/// Change a municipality
///
/// A JSON merge patch of the name and the deadlines. Honours `If-Match` (412 when stale).
/// Needs role `admin` granted the municipality.
#[utoipa::path(
    tag = "municipalities",
    operation_id = "updateMunicipality",
    security(("bearerAuth" = [])),
    params(
        ("nis" = String, Path, description = "NIS code", example = "36008"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; the change is refused with 412 when it is stale"),
    ),
    request_body(content = UpdateMunicipalityRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = MunicipalityView,
            headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such municipality, or not granted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/municipalities/{nis}")]
async fn update_municipality(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    nis: web::Path<String>,
    body: Json<UpdateMunicipalityRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = visible(&state, &caller, Action::UpdateMunicipality, &nis).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let next = current.apply(MunicipalityChanges {
        name: body.name,
        acknowledge_days: body.acknowledge_days,
        resolve_days: body.resolve_days,
    })?;
    let stored = state.municipalities().update(&next).await?;
    Ok(respond(actix_web::http::StatusCode::OK, stored))
}

/// Checks the NIS codes a request names (`/municipalities`): at least one (else `empty`), each
/// well-formed and served here, every wrong one reported with its pointer.
pub(crate) async fn served_municipalities(
    state: &AppState,
    codes: &[String],
    empty: &str,
) -> Result<BTreeSet<NisCode>, ApiError> {
    if codes.is_empty() {
        return Err(DomainError::invalid("/municipalities", empty).into());
    }
    let mut errors = Vec::new();
    let mut set = BTreeSet::new();
    for (index, code) in codes.iter().enumerate() {
        let pointer = format!("/municipalities/{index}");
        match NisCode::parse(code) {
            Err(message) => errors.push(FieldError::new(pointer, message)),
            Ok(nis) => match state.municipalities().find(&nis).await? {
                None => errors.push(FieldError::new(
                    pointer,
                    format!("no municipality {nis} is served here"),
                )),
                Some(_) => {
                    set.insert(nis);
                }
            },
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(DomainError::Validation(errors).into())
    }
}
