//! `/api/v1/partners` and their API keys: the organisations that call with `X-API-Key`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, Owner, authorize, list_scope};
use samenleven_domain::error::FieldError;
use samenleven_domain::model::api_key::{ApiKey, NewApiKey};
use samenleven_domain::model::partner::{NewPartner, Partner, PartnerChanges, check_name};
use samenleven_domain::ports::{ApiKeyRepository, PartnerRepository};
use samenleven_domain::reference::{PartnerKind, Scope};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::{Caller, generate_api_key};
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::{Json, Query, not_null};
use crate::openapi::{enum_array, enum_ref};
use crate::pagination::{PageParams, paginate};
use crate::routes::municipalities::served_municipalities;

crate::page_schema!(PartnerPage, PartnerView);

pub(super) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_partners)
        .service(create_partner)
        .service(get_partner)
        .service(update_partner)
        .service(list_api_keys)
        .service(create_api_key)
        .service(revoke_api_key);
}

/// A partner organisation.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartnerView {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    #[schema(example = "Politiezone Riho")]
    pub name: String,
    /// Its kind.
    #[schema(schema_with = enum_ref::<PartnerKind>)]
    pub kind: PartnerKind,
    /// NIS codes of the municipalities it works for.
    #[schema(example = json!(["36008"]))]
    pub municipalities: Vec<String>,
    /// Whether its API keys work.
    pub active: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Partner> for PartnerView {
    fn from(p: Partner) -> Self {
        Self {
            id: p.id,
            name: p.name,
            kind: p.kind,
            municipalities: p.municipalities.iter().map(ToString::to_string).collect(),
            active: p.active,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A partner to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreatePartnerRequest {
    /// Its name.
    #[schema(example = "Politiezone Riho", min_length = 1, max_length = 200)]
    pub name: String,
    /// Its kind.
    #[schema(schema_with = enum_ref::<PartnerKind>)]
    pub kind: PartnerKind,
    /// NIS codes of the municipalities it works for (at least one, each known here).
    #[schema(example = json!(["36008"]), min_items = 1)]
    pub municipalities: Vec<String>,
}

/// Changes to a partner (JSON merge patch); `{"active": false}` deactivates it and its keys.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdatePartnerRequest {
    /// Its name.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = String, min_length = 1, max_length = 200)]
    pub name: Option<Option<String>>,
    /// Its kind.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(schema_with = enum_ref::<PartnerKind>)]
    pub kind: Option<Option<PartnerKind>>,
    /// Its municipalities.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Vec<String>, min_items = 1)]
    pub municipalities: Option<Option<Vec<String>>>,
    /// `false` deactivates the partner: its keys stop working at once.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = bool)]
    pub active: Option<Option<bool>>,
}

/// An API key, without its secret.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyView {
    /// Its id.
    pub id: Uuid,
    /// The public start of the key, to recognise it.
    #[schema(example = "slk_3f9a0c1b2d4e")]
    pub prefix: String,
    /// A label.
    pub label: Option<String>,
    /// What it may do.
    #[schema(schema_with = enum_array::<Scope>)]
    pub scopes: Vec<Scope>,
    /// `active`, `expired` or `revoked`.
    #[schema(example = "active")]
    pub status: &'static str,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiKey> for ApiKeyView {
    fn from(key: ApiKey) -> Self {
        Self {
            status: key.status(Utc::now()).code(),
            id: key.id,
            prefix: key.prefix,
            label: key.label,
            scopes: key.scopes.into_iter().collect(),
            created_at: key.created_at,
            expires_at: key.expires_at,
            last_used_at: key.last_used_at,
            revoked_at: key.revoked_at,
        }
    }
}

/// A new API key, with its secret: shown in this response only.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiKeyView {
    /// The key to send as `X-API-Key`. It is not stored and cannot be shown again.
    #[schema(example = "slk_3f9a0c1b2d4e_8c1f…")]
    pub key: String,
    /// The key's record.
    #[serde(flatten)]
    pub api_key: ApiKeyView,
}

/// The settings of a new API key.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    /// What the key may do (at least one scope).
    #[schema(schema_with = enum_array::<Scope>)]
    pub scopes: Vec<Scope>,
    /// A label, e.g. the system that uses it.
    #[schema(max_length = 200)]
    pub label: Option<String>,
    /// When it stops working (RFC 3339, in the future); never when left out.
    pub expires_at: Option<DateTime<Utc>>,
}

fn owner(partner: &Partner) -> Owner {
    Owner::in_municipalities(partner.municipalities.iter().cloned())
}

/// The partner at `id`, when the caller may see it; 404 otherwise.
async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Partner, ApiError> {
    authorize(caller, action, None, "partner")?;
    let partner = state
        .partners()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound("partner"))?;
    authorize(caller, action, Some(&owner(&partner)), "partner")?;
    Ok(partner)
}

/// The partner at `id` for a change to it or to its keys: the caller must be granted every
/// municipality the partner works for (else 403), since the partner and its keys act in all of
/// them.
async fn governed(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Partner, ApiError> {
    let partner = visible(state, caller, action, id).await?;
    authorize(
        caller,
        Action::CreatePartner,
        Some(&owner(&partner)),
        "partner",
    )?;
    Ok(partner)
}

fn respond(status: StatusCode, partner: Partner) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    if status == StatusCode::CREATED {
        response.insert_header((header::LOCATION, format!("/api/v1/partners/{}", partner.id)));
    }
    response
        .insert_header((header::ETAG, etag(partner.version)))
        .json(PartnerView::from(partner))
}

/// List partners
///
/// Partner organisations working for a municipality the caller is granted, oldest first.
/// Needs role `admin`.
#[utoipa::path(
    tag = "partners",
    operation_id = "listPartners",
    params(PageParams),
    security(("bearerAuth" = [])),
    responses(
        (status = 200, description = "A page of partners", body = PartnerPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/partners")]
async fn list_partners(
    caller: Caller,
    state: web::Data<AppState>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ListPartners, None, "partner")?;
    let limit = page.limit()?;
    let scope = list_scope(&caller, Action::ListPartners);
    // Partners are few (dozens per deployment): filtering them here keeps their
    // municipalities in one column.
    let rows: Vec<Partner> = state
        .partners()
        .list_after(page.after::<Uuid>()?)
        .await?
        .into_iter()
        .filter(|p| scope.admits(&owner(p)))
        .take(limit as usize + 1)
        .collect();
    Ok(HttpResponse::Ok().json(paginate(rows, limit, |p| p.id, PartnerView::from)))
}

/// Add a partner
///
/// A partner organisation working for one or more municipalities. Needs role `admin` granted
/// each of them.
#[utoipa::path(
    tag = "partners",
    operation_id = "createPartner",
    security(("bearerAuth" = [])),
    request_body = CreatePartnerRequest,
    responses(
        (status = 201, description = "Added", body = PartnerView,
            headers(("Location" = String, description = "The partner's URL"), ("ETag" = String, description = "The version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/partners")]
async fn create_partner(
    caller: Caller,
    state: web::Data<AppState>,
    body: Json<CreatePartnerRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreatePartner, None, "partner")?;
    let body = body.into_inner();
    let name = check_name(&body.name, "/name").map_err(|e| DomainError::Validation(vec![e]))?;
    let municipalities = served_municipalities(
        &state,
        &body.municipalities,
        "a partner works for at least one municipality",
    )
    .await?;
    let target = Owner::in_municipalities(municipalities.iter().cloned());
    authorize(&caller, Action::CreatePartner, Some(&target), "partner")?;
    let partner = state
        .partners()
        .insert(NewPartner {
            name,
            kind: body.kind,
            municipalities,
        })
        .await?;
    tracing::info!(partner = %partner.id, actor = %caller.actor(), "partner added");
    Ok(respond(StatusCode::CREATED, partner))
}

/// Read a partner
///
/// Needs role `admin` granted one of its municipalities.
#[utoipa::path(
    tag = "partners",
    operation_id = "getPartner",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The partner's id")),
    responses(
        (status = 200, description = "The partner", body = PartnerView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such partner, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/partners/{id}")]
async fn get_partner(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let partner = visible(&state, &caller, Action::ReadPartner, *id).await?;
    Ok(respond(StatusCode::OK, partner))
}

/// Change or deactivate a partner
///
/// A JSON merge patch; `{"active": false}` deactivates the partner and its keys stop working
/// at once. Honours `If-Match`. Needs role `admin` granted one of its municipalities (and each
/// new one).
#[utoipa::path(
    tag = "partners",
    operation_id = "updatePartner",
    security(("bearerAuth" = [])),
    params(
        ("id" = Uuid, Path, description = "The partner's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; refused with 412 when stale"),
    ),
    request_body(content = UpdatePartnerRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = PartnerView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or the partner also works for a municipality the caller is not granted", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such partner, or not granted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/partners/{id}")]
async fn update_partner(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdatePartnerRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = governed(&state, &caller, Action::UpdatePartner, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    // Merge-patch members of a partner may be left out, never `null`.
    let mut errors = Vec::new();
    let name = not_null(body.name, "/name", &mut errors);
    let kind = not_null(body.kind, "/kind", &mut errors);
    let codes = not_null(body.municipalities, "/municipalities", &mut errors);
    let active = not_null(body.active, "/active", &mut errors);
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let new_municipalities = match &codes {
        Some(codes) => {
            let set = served_municipalities(
                &state,
                codes,
                "a partner works for at least one municipality",
            )
            .await?;
            authorize(
                &caller,
                Action::CreatePartner,
                Some(&Owner::in_municipalities(set.iter().cloned())),
                "partner",
            )?;
            Some(set)
        }
        None => None,
    };
    let next = current.apply(PartnerChanges {
        name,
        kind,
        municipalities: new_municipalities,
        active,
    })?;
    let stored = state.partners().update(&next).await?;
    tracing::info!(partner = %stored.id, active = stored.active, actor = %caller.actor(), "partner changed");
    Ok(respond(StatusCode::OK, stored))
}

/// List a partner's API keys
///
/// Prefixes, scopes and dates, never the secrets. Needs role `admin`.
#[utoipa::path(
    tag = "partners",
    operation_id = "listApiKeys",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The partner's id")),
    responses(
        (status = 200, description = "The partner's keys, newest first", body = Vec<ApiKeyView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such partner, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/partners/{id}/api-keys")]
async fn list_api_keys(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let partner = visible(&state, &caller, Action::ListApiKeys, *id).await?;
    let keys = state.api_keys().list(partner.id).await?;
    Ok(HttpResponse::Ok().json(keys.into_iter().map(ApiKeyView::from).collect::<Vec<_>>()))
}

/// Issue an API key
///
/// Creates a key for the partner and returns it once, in this response: it is stored only as
/// a hash. Needs role `admin`.
#[utoipa::path(
    tag = "partners",
    operation_id = "createApiKey",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The partner's id")),
    request_body = CreateApiKeyRequest,
    responses(
        (status = 201, description = "The new key, with its secret", body = CreatedApiKeyView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or the partner also works for a municipality the caller is not granted", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such partner, or not granted", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/partners/{id}/api-keys")]
async fn create_api_key(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<CreateApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let partner = governed(&state, &caller, Action::CreateApiKey, *id).await?;
    let body = body.into_inner();
    let new_key = new_api_key(body, Utc::now())?;
    let secret = generate_api_key()?;
    let key = state
        .api_keys()
        .insert(partner.id, new_key, &secret)
        .await?;
    tracing::info!(partner = %partner.id, key = %key.prefix, actor = %caller.actor(), "API key issued");
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/partners/{}/api-keys", partner.id),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedApiKeyView {
            key: secret.expose().to_owned(),
            api_key: ApiKeyView::from(key),
        }))
}

/// Checks a key request: at least one scope, a label of at most 200 characters, an expiry in
/// the future.
pub fn new_api_key(
    body: CreateApiKeyRequest,
    now: DateTime<Utc>,
) -> Result<NewApiKey, DomainError> {
    let mut errors = Vec::new();
    if body.scopes.is_empty() {
        errors.push(FieldError::new("/scopes", "a key needs at least one scope"));
    }
    let label = body
        .label
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    if label.as_ref().is_some_and(|l| l.chars().count() > 200) {
        errors.push(FieldError::new("/label", "must be at most 200 characters"));
    }
    if body.expires_at.is_some_and(|at| at <= now) {
        errors.push(FieldError::new("/expiresAt", "must be in the future"));
    }
    if errors.is_empty() {
        Ok(NewApiKey {
            label,
            scopes: body.scopes.into_iter().collect(),
            expires_at: body.expires_at,
        })
    } else {
        Err(DomainError::Validation(errors))
    }
}

/// Revoke an API key
///
/// The key stops working at once. Revoking a revoked key changes nothing. Needs role `admin`.
#[utoipa::path(
    tag = "partners",
    operation_id = "revokeApiKey",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The partner's id"), ("keyId" = Uuid, Path, description = "The key's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or the partner also works for a municipality the caller is not granted", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such partner or key, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/partners/{id}/api-keys/{keyId}")]
async fn revoke_api_key(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, key_id) = path.into_inner();
    let partner = governed(&state, &caller, Action::RevokeApiKey, id).await?;
    if !state
        .api_keys()
        .revoke(partner.id, key_id, Utc::now())
        .await?
    {
        return Err(DomainError::NotFound("API key").into());
    }
    tracing::info!(partner = %partner.id, key = %key_id, actor = %caller.actor(), "API key revoked");
    Ok(HttpResponse::NoContent().finish())
}
