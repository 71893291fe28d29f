//! The subscriptions of `/api/v1/webhook-subscriptions`: list, create, read, change, delete.

use std::collections::BTreeSet;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use rand::TryRngCore;
use rand::rngs::OsRng;
use samenleven_domain::DomainError;
use samenleven_domain::access::{Action, MunicipalityGrant, Owner, authorize, list_scope};
use samenleven_domain::error::FieldError;
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::model::webhook::{
    NewSubscription, Subscription, SubscriptionChanges, WebhookSecret, check_events, check_url,
};
use samenleven_domain::ports::MunicipalityRepository;
use uuid::Uuid;

use super::dto::{
    CreateWebhookSubscriptionRequest, CreatedWebhookSubscriptionView,
    UpdateWebhookSubscriptionRequest, WebhookSubscriptionPage, WebhookSubscriptionView,
};
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::extract::{Query, not_null};
use crate::pagination::{PageParams, paginate};
use crate::routes::municipalities::served_municipalities;

pub(super) const WHAT: &str = "webhook subscription";

/// The most municipalities a deployment is expected to serve, read when a caller granted
/// every municipality subscribes without naming them.
const MAX_MUNICIPALITIES: u64 = 10_000;

const SUBSCRIPTION_NEEDS_ONE: &str = "a subscription covers at least one municipality";

/// The municipalities of a new subscription: those named, or else the caller's.
async fn municipalities_for(
    state: &AppState,
    caller: &Caller,
    named: Option<&[String]>,
) -> Result<BTreeSet<NisCode>, ApiError> {
    if let Some(codes) = named {
        return served_municipalities(state, codes, SUBSCRIPTION_NEEDS_ONE).await;
    }
    let set = match caller.municipality_grant() {
        MunicipalityGrant::Only(set) => set,
        MunicipalityGrant::All => state
            .municipalities()
            .list(None, None, MAX_MUNICIPALITIES)
            .await?
            .into_iter()
            .map(|m| m.nis_code)
            .collect(),
    };
    if set.is_empty() {
        return Err(DomainError::invalid(
            "/municipalities",
            "name the municipalities whose events to receive",
        )
        .into());
    }
    Ok(set)
}

/// The subscription at `id`, when the caller may see it; 404 otherwise.
pub(super) async fn visible(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Subscription, ApiError> {
    authorize(caller, action, None, WHAT)?;
    let subscription = state
        .webhooks()
        .find(id)
        .await?
        .ok_or(DomainError::NotFound(WHAT))?;
    authorize(caller, action, Some(&subscription.owner()), WHAT)?;
    Ok(subscription)
}

/// The subscription at `id` for a change or a look at its delivery log: the caller must be
/// granted every municipality it covers (else 403), since the change reaches, and the log
/// shows, the events of all of them.
pub(super) async fn governed(
    state: &AppState,
    caller: &Caller,
    action: Action,
    id: Uuid,
) -> Result<Subscription, ApiError> {
    let subscription = visible(state, caller, action, id).await?;
    authorize(
        caller,
        Action::CreateWebhookSubscription,
        Some(&subscription.owner()),
        WHAT,
    )?;
    Ok(subscription)
}

/// 32 bytes from the operating system's generator.
fn generate_secret() -> Result<WebhookSecret, ApiError> {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(ApiError::internal)?;
    Ok(WebhookSecret::from_bytes(bytes))
}

/// List webhook subscriptions
///
/// The subscriptions covering a municipality the caller is granted, oldest first, without
/// their secrets. Needs role `admin`.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "listWebhookSubscriptions",
    params(PageParams),
    security(("bearerAuth" = [])),
    responses(
        (status = 200, description = "A page of subscriptions", body = WebhookSubscriptionPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/webhook-subscriptions")]
pub(super) async fn list_subscriptions(
    caller: Caller,
    state: web::Data<AppState>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ListWebhookSubscriptions, None, WHAT)?;
    let limit = page.limit()?;
    let scope = list_scope(&caller, Action::ListWebhookSubscriptions);
    // Subscriptions are few (a handful per integrating system).
    let rows: Vec<Subscription> = state
        .webhooks()
        .list_after(page.after::<Uuid>()?)
        .await?
        .into_iter()
        .filter(|s| scope.admits(&s.owner()))
        .take(limit as usize + 1)
        .collect();
    Ok(HttpResponse::Ok().json(paginate(
        rows,
        limit,
        |s| s.id,
        WebhookSubscriptionView::from,
    )))
}

/// Subscribe to webhooks
///
/// Subscribes a URL to events of the registers (`GET /api/v1/reference/webhook-event-types`
/// lists them) in some municipalities, and returns the signing secret once, in this
/// response. In production the URL must be `https://` and may not name a loopback, private,
/// link-local, unique-local or unspecified address (host names are checked again when each
/// event is sent); in dev mode `http://` to the loopback interface is accepted too. Needs role
/// `admin` granted each municipality.
///
/// Each event is sent as `POST <url>` with a JSON body `{"type", "timestamp", "data": {"id",
/// "reference", "municipality", "status", "previousStatus"}}` (the `WebhookEventPayload`
/// schema) — never descriptions, names or contact data — and the Standard Webhooks headers `webhook-id` (the same on every retry and
/// redelivery), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,` and the
/// base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes that
/// follow `whsec_` in the secret). A 2xx answer within 10 seconds delivers it; otherwise it is
/// tried again after 5 s, then after twice as long each time with some jitter, 8 attempts in
/// all, and then marked failed. A record's events reach a subscription in the order they
/// happened.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "createWebhookSubscription",
    security(("bearerAuth" = [])),
    request_body = CreateWebhookSubscriptionRequest,
    responses(
        (status = 201, description = "Subscribed; the secret is shown only here", body = CreatedWebhookSubscriptionView,
            headers(("Location" = String, description = "The subscription's URL"), ("ETag" = String, description = "The version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or a municipality not granted", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid: a refused URL, an unknown event type, an unknown municipality", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/webhook-subscriptions")]
pub(super) async fn create_subscription(
    caller: Caller,
    state: web::Data<AppState>,
    body: Json<CreateWebhookSubscriptionRequest>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::CreateWebhookSubscription, None, WHAT)?;
    let body = body.into_inner();
    let mut errors = Vec::new();
    let url = check_url(&body.url, state.webhook_policy)
        .map_err(|message| errors.push(FieldError::new("/url", message)))
        .ok();
    let events = check_events(&body.events)
        .map_err(|error| errors.push(error))
        .ok();
    let (Some(url), Some(events)) = (url, events) else {
        return Err(DomainError::Validation(errors).into());
    };
    let municipalities =
        municipalities_for(&state, &caller, body.municipalities.as_deref()).await?;
    let target = Owner::in_municipalities(municipalities.iter().cloned());
    authorize(
        &caller,
        Action::CreateWebhookSubscription,
        Some(&target),
        WHAT,
    )?;
    let secret = generate_secret()?;
    let subscription = state
        .webhooks()
        .insert(
            NewSubscription {
                url,
                events,
                municipalities,
                active: body.active.unwrap_or(true),
            },
            &secret,
        )
        .await?;
    tracing::info!(subscription = %subscription.id, actor = %caller.actor(), "webhook subscription created");
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/webhook-subscriptions/{}", subscription.id),
        ))
        .insert_header((header::ETAG, etag(subscription.version)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedWebhookSubscriptionView {
            secret: secret.expose(),
            subscription: subscription.into(),
        }))
}

fn respond(subscription: Subscription) -> HttpResponse {
    HttpResponse::build(StatusCode::OK)
        .insert_header((header::ETAG, etag(subscription.version)))
        .json(WebhookSubscriptionView::from(subscription))
}

/// Read a webhook subscription
///
/// Without its secret. Needs role `admin` granted one of its municipalities.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "getWebhookSubscription",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses(
        (status = 200, description = "The subscription", body = WebhookSubscriptionView, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/webhook-subscriptions/{id}")]
pub(super) async fn get_subscription(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let subscription = visible(&state, &caller, Action::ReadWebhookSubscription, *id).await?;
    Ok(respond(subscription))
}

/// Change a webhook subscription
///
/// A JSON merge patch of `url`, `events`, `municipalities` and `active`; `{"active": false}`
/// pauses it (no new deliveries are queued, and pending ones wait). The secret stays. Honours
/// `If-Match`. Needs role `admin` granted each of its municipalities (and each new one).
#[utoipa::path(
    tag = "webhooks",
    operation_id = "updateWebhookSubscription",
    security(("bearerAuth" = [])),
    params(
        ("id" = Uuid, Path, description = "The subscription's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; refused with 412 when stale"),
    ),
    request_body(content = UpdateWebhookSubscriptionRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = WebhookSubscriptionView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription, or not granted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/webhook-subscriptions/{id}")]
pub(super) async fn update_subscription(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateWebhookSubscriptionRequest>,
) -> Result<HttpResponse, ApiError> {
    let current = governed(&state, &caller, Action::UpdateWebhookSubscription, *id).await?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let mut errors = Vec::new();
    let url = not_null(body.url, "/url", &mut errors).and_then(|url| {
        check_url(&url, state.webhook_policy)
            .map_err(|message| errors.push(FieldError::new("/url", message)))
            .ok()
    });
    let events = not_null(body.events, "/events", &mut errors).and_then(|events| {
        check_events(&events)
            .map_err(|error| errors.push(error))
            .ok()
    });
    let codes = not_null(body.municipalities, "/municipalities", &mut errors);
    let active = not_null(body.active, "/active", &mut errors);
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let municipalities = match codes {
        Some(codes) => {
            let set = served_municipalities(&state, &codes, SUBSCRIPTION_NEEDS_ONE).await?;
            let target = Owner::in_municipalities(set.iter().cloned());
            authorize(
                &caller,
                Action::CreateWebhookSubscription,
                Some(&target),
                WHAT,
            )?;
            Some(set)
        }
        None => None,
    };
    let next = current.apply(SubscriptionChanges {
        url,
        events,
        municipalities,
        active,
    })?;
    let stored = state.webhooks().update(&next).await?;
    tracing::info!(subscription = %stored.id, active = stored.active, actor = %caller.actor(), "webhook subscription changed");
    Ok(respond(stored))
}

/// Delete a webhook subscription
///
/// Stops its deliveries and removes it with its delivery log. Needs role `admin` granted each
/// of its municipalities.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "deleteWebhookSubscription",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/webhook-subscriptions/{id}")]
pub(super) async fn delete_subscription(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let subscription = governed(&state, &caller, Action::DeleteWebhookSubscription, *id).await?;
    if !state.webhooks().delete(subscription.id).await? {
        return Err(DomainError::NotFound(WHAT).into());
    }
    tracing::info!(subscription = %subscription.id, actor = %caller.actor(), "webhook subscription deleted");
    Ok(HttpResponse::NoContent().finish())
}
