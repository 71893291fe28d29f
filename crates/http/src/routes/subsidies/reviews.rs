//! Handlers of `/api/v1/subsidy-applications/{id}/reviews`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use samenleven_domain::access::Action;
use samenleven_domain::model::subsidy::{Review, ReviewDraft, ScoreDraft, weighted_total};
use samenleven_persistence::repo::subsidy_review::StoredReview;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::applications::visible;
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::Json;

/// One criterion's score.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreBody {
    /// The code of a criterion of the scheme.
    pub criterion: String,
    /// 0 to 10.
    #[schema(minimum = 0, maximum = 10)]
    pub score: i64,
}

/// A review: every criterion of the scheme scored once, 0 to 10.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"scores": [{"criterion": "reach_of_target_group", "score": 8}], "comment": "Strong local partners."}))]
pub struct ReviewRequest {
    /// One score per criterion.
    pub scores: Vec<ScoreBody>,
    /// A comment.
    #[schema(max_length = 5000)]
    pub comment: Option<String>,
}

/// A reviewer's review of an application.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    /// The reviewer's `sub`.
    pub reviewer: String,
    /// The scores.
    pub scores: Vec<ScoreBody>,
    /// The comment.
    pub comment: Option<String>,
    /// The weighted total: points (sum of weight × score).
    pub points: u64,
    /// What full marks give (sum of weight × 10).
    pub max_points: u64,
    /// When it was (last) given.
    pub at: DateTime<Utc>,
}

fn view(r: StoredReview, criteria: &[samenleven_domain::model::subsidy::Criterion]) -> ReviewView {
    let total = weighted_total(criteria, &r.review.scores);
    ReviewView {
        reviewer: r.review.reviewer,
        scores: r
            .review
            .scores
            .into_iter()
            .map(|s| ScoreBody {
                criterion: s.criterion,
                score: i64::from(s.score),
            })
            .collect(),
        comment: r.review.comment,
        points: total.points,
        max_points: total.max_points,
        at: r.at,
    }
}

async fn criteria(
    state: &AppState,
    scheme: Uuid,
) -> Result<Vec<samenleven_domain::model::subsidy::Criterion>, ApiError> {
    Ok(state
        .subsidy_schemes()
        .find(scheme)
        .await?
        .ok_or_else(|| ApiError::internal("an application's scheme is missing"))?
        .scheme
        .criteria)
}

/// Review a subsidy application
///
/// Scores every criterion of the scheme 0 to 10; a second review by the same reviewer replaces
/// the first. Needs role `subsidy_reviewer`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "submitSubsidyReview",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The application's id")),
    request_body = ReviewRequest,
    responses(
        (status = 201, description = "Stored (replacing the reviewer's earlier review)", body = ReviewView, headers(("Location" = String, description = "The application's reviews"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A score is missing or wrong", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/subsidy-applications/{id}/reviews")]
pub(super) async fn submit_review(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let application = visible(&state, &caller, Action::SubmitReview, *id).await?;
    let criteria = criteria(&state, application.scheme_id).await?;
    let body = body.into_inner();
    let draft = ReviewDraft {
        scores: body
            .scores
            .into_iter()
            .map(|s| ScoreDraft {
                criterion: s.criterion,
                score: s.score,
            })
            .collect(),
        comment: body.comment,
    };
    let review = Review::validate(caller.staff_subject().unwrap_or_default(), draft, &criteria)?;
    let stored = state.subsidy_reviews().put(application.id, &review).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/subsidy-applications/{}/reviews", application.id),
        ))
        .json(view(stored, &criteria)))
}

/// Read a subsidy application's reviews
///
/// One per reviewer, with its weighted total. Needs role `subsidy_officer` or
/// `subsidy_reviewer`.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "listSubsidyReviews",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The reviews", body = Vec<ReviewView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-applications/{id}/reviews")]
pub(super) async fn list_reviews(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let application = visible(&state, &caller, Action::ListReviews, *id).await?;
    let criteria = criteria(&state, application.scheme_id).await?;
    let reviews = state.subsidy_reviews().of(&[application.id]).await?;
    Ok(HttpResponse::Ok().json(
        reviews
            .into_iter()
            .map(|r| view(r, &criteria))
            .collect::<Vec<_>>(),
    ))
}
