//! `/api/v1/webhook-subscriptions`: integrating systems subscribe a URL to events of the
//! registers, and read the log of what was sent (DESIGN §8, §11).

mod deliveries;
mod dto;
mod handlers;

use utoipa_actix_web::service_config::ServiceConfig;

pub use dto::{
    CreateWebhookSubscriptionRequest, CreatedWebhookSubscriptionView,
    UpdateWebhookSubscriptionRequest, WebhookDeliveryView, WebhookEventData, WebhookEventPayload,
    WebhookSubscriptionView,
};

pub(super) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_subscriptions)
        .service(handlers::create_subscription)
        .service(handlers::get_subscription)
        .service(handlers::update_subscription)
        .service(handlers::delete_subscription)
        .service(deliveries::list_deliveries)
        .service(deliveries::redeliver);
}
