//! The complaint register: `/api/v1/complaints` for handlers and partners, and
//! `/api/v1/complaint-status/{trackingCode}` for the reporter.

pub mod dto;
mod exchange;
pub(crate) mod handlers;
mod lifecycle;
mod statistics;
mod status;

use utoipa_actix_web::service_config::ServiceConfig;

pub(super) fn configure(cfg: &mut ServiceConfig) {
    // `statistics` before `{id}`, which would otherwise claim it.
    cfg.service(statistics::get_complaint_statistics)
        .service(handlers::create_complaint)
        .service(handlers::list_complaints)
        .service(handlers::get_complaint)
        .service(handlers::update_complaint)
        .service(lifecycle::transition_complaint)
        .service(lifecycle::assign_complaint)
        .service(lifecycle::unassign_complaint)
        .service(lifecycle::complaint_timeline)
        .service(exchange::list_complaint_notes)
        .service(exchange::add_complaint_note)
        .service(exchange::list_complaint_messages)
        .service(exchange::send_complaint_message)
        .service(exchange::get_complaint_access_log)
        .service(exchange::erase_complaint)
        .service(status::get_complaint_status)
        .service(exchange::send_reporter_message);
}
