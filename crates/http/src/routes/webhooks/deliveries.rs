//! The delivery log of a subscription and redelivery.

use actix_web::{HttpResponse, get, post, web};
use samenleven_domain::access::Action;
use uuid::Uuid;

use super::dto::{WebhookDeliveryPage, WebhookDeliveryView};
use super::handlers::governed;
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::Query;
use crate::pagination::{PageParams, paginate};

/// List a subscription's deliveries
///
/// The delivery log, newest first: each event with its `webhook-id`, type, record, status
/// (`pending`, `delivered`, `failed`), attempts, the receiver's last status and the times.
/// Needs role `admin` granted each of the subscription's municipalities.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "listWebhookDeliveries",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The subscription's id"), PageParams),
    responses(
        (status = 200, description = "A page of deliveries", body = WebhookDeliveryPage),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription, or not granted", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/webhook-subscriptions/{id}/deliveries")]
pub(super) async fn list_deliveries(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let before = page.after::<i64>()?;
    let subscription = governed(&state, &caller, Action::ListWebhookDeliveries, *id).await?;
    let rows = state
        .webhooks()
        .deliveries(subscription.id, before, u64::from(limit) + 1)
        .await?;
    Ok(HttpResponse::Ok().json(paginate(
        rows,
        limit,
        |(seq, _)| *seq,
        |(_, d)| WebhookDeliveryView::from(d),
    )))
}

/// Redeliver a webhook
///
/// Queues the delivery's event again for this subscription, with the same `webhook-id` (and
/// body), so the receiver can recognise it; the new delivery appears in the log with
/// `redeliveryOf`. A delivery that is still pending cannot be redelivered (409): it is tried
/// again on its own schedule. Needs role `admin` granted each of the subscription's
/// municipalities.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "redeliverWebhook",
    security(("bearerAuth" = [])),
    params(
        ("id" = Uuid, Path, description = "The subscription's id"),
        ("deliveryId" = Uuid, Path, description = "The delivery's id"),
    ),
    responses(
        (status = 202, description = "Queued again", body = WebhookDeliveryView),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription or delivery, or not granted", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delivery is still pending", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/webhook-subscriptions/{id}/deliveries/{deliveryId}/redeliver")]
pub(super) async fn redeliver(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery_id) = path.into_inner();
    let subscription = governed(&state, &caller, Action::RedeliverWebhook, id).await?;
    let delivery = state
        .webhooks()
        .redeliver(subscription.id, delivery_id)
        .await?;
    tracing::info!(subscription = %subscription.id, delivery = %delivery.id, actor = %caller.actor(), "webhook queued again");
    Ok(HttpResponse::Accepted().json(WebhookDeliveryView::from(delivery)))
}
