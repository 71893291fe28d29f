//! The half-yearly hate-crime consultations: planning, participants, minutes, action items
//! that carry over, the agenda and the cadence.

pub mod dto;
mod handlers;
mod members;

use utoipa_actix_web::service_config::ServiceConfig;

pub(super) fn configure(cfg: &mut ServiceConfig) {
    // `cadence` before `{id}`, which would otherwise claim it.
    cfg.service(handlers::get_consultation_cadence)
        .service(handlers::create_consultation)
        .service(handlers::list_consultations)
        .service(handlers::get_consultation)
        .service(handlers::update_consultation)
        .service(handlers::transition_consultation)
        .service(handlers::record_minutes)
        .service(handlers::consultation_timeline)
        .service(members::list_participants)
        .service(members::add_participant)
        .service(members::update_participant)
        .service(members::remove_participant)
        .service(members::list_action_items)
        .service(members::add_action_item)
        .service(members::update_action_item)
        .service(members::get_consultation_agenda);
}
