//! The complaint register: `/api/v1/complaints` for handlers and partners, and
//! `/api/v1/complaint-status/{trackingCode}` for the reporter.

pub mod dto;
mod handlers;
mod status;

use utoipa_actix_web::service_config::ServiceConfig;

pub(super) fn configure(cfg: &mut ServiceConfig) {
    // `statistics` before `{id}`, which would otherwise claim it.
    cfg.service(handlers::create_complaint)
        .service(handlers::list_complaints)
        .service(handlers::get_complaint)
        .service(handlers::update_complaint)
        .service(handlers::transition_complaint)
        .service(handlers::assign_complaint)
        .service(handlers::unassign_complaint)
        .service(handlers::complaint_timeline)
        .service(status::get_complaint_status);
}
