//! The hate-crime registry's incidents: recording, the ODIHR summary and the map.

pub(crate) mod aggregates;
pub mod dto;
pub(crate) mod handlers;

use utoipa_actix_web::service_config::ServiceConfig;

pub(super) fn configure(cfg: &mut ServiceConfig) {
    // The aggregates before `{id}`, which would otherwise claim their paths.
    cfg.service(aggregates::get_odihr_summary)
        .service(aggregates::get_incident_overview)
        .service(handlers::create_incident)
        .service(handlers::list_incidents)
        .service(handlers::get_incident)
        .service(handlers::update_incident)
        .service(handlers::incident_timeline)
        .service(handlers::escalate_complaint);
}
