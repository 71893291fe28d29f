//! The routes of the API, each module one area; [`configure`] registers them all, and the
//! OpenAPI document is collected from the same registration.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod complaints;
pub mod consultations;
pub mod incidents;
pub mod municipalities;
pub mod partners;
pub mod reference;
pub mod service;
pub mod subsidies;
pub mod timeline;
pub mod webhooks;

/// Registers every documented route.
pub fn configure(cfg: &mut ServiceConfig) {
    service::configure(cfg);
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            .configure(reference::configure)
            .configure(municipalities::configure)
            .configure(partners::configure)
            .configure(webhooks::configure)
            .configure(complaints::configure)
            .configure(incidents::configure)
            .configure(consultations::configure)
            .configure(subsidies::configure),
    );
}
