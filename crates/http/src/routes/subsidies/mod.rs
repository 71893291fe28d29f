//! The subsidy register: schemes, applications from draft to settlement, reviews and ranking,
//! and the awards as open data.

pub(crate) mod application_dto;
pub(crate) mod applications;
pub(crate) mod awards;
pub(crate) mod lifecycle;
pub(crate) mod reviews;
pub mod scheme_dto;
pub(crate) mod schemes;

use utoipa_actix_web::service_config::ServiceConfig;

pub(super) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(schemes::create_scheme)
        .service(schemes::list_schemes)
        .service(schemes::get_scheme)
        .service(schemes::update_scheme)
        .service(schemes::get_scheme_budget)
        .service(schemes::get_scheme_ranking)
        .service(applications::create_application)
        .service(applications::list_applications)
        .service(applications::get_application)
        .service(applications::update_application)
        .service(lifecycle::transition_application)
        .service(lifecycle::application_timeline)
        .service(reviews::submit_review)
        .service(reviews::list_reviews)
        .service(awards::list_awards);
}
