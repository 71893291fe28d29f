//! Reviews of subsidy applications in `subsidy_reviews`: one per application and reviewer.

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::subsidy::{Review, Score};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{corrupt, internal};
use crate::entity::subsidy_review as row;

/// A stored review with when it was given.
#[derive(Debug, Clone)]
pub struct StoredReview {
    /// The application reviewed.
    pub application_id: Uuid,
    /// The review.
    pub review: Review,
    /// When it was (last) given.
    pub at: DateTime<Utc>,
}

/// The review repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct ReviewStore {
    db: DatabaseConnection,
}

fn parse_scores(value: &Value) -> Result<Vec<Score>, DomainError> {
    let bad = || corrupt("subsidy review", "scores");
    value
        .as_array()
        .ok_or_else(bad)?
        .iter()
        .map(|s| {
            Ok(Score {
                criterion: s["criterion"].as_str().ok_or_else(bad)?.to_owned(),
                score: s["score"]
                    .as_u64()
                    .and_then(|v| u8::try_from(v).ok())
                    .ok_or_else(bad)?,
            })
        })
        .collect()
}

impl TryFrom<row::Model> for StoredReview {
    type Error = DomainError;

    fn try_from(m: row::Model) -> Result<Self, DomainError> {
        Ok(StoredReview {
            application_id: m.application_id,
            review: Review {
                reviewer: m.reviewer,
                scores: parse_scores(&m.scores)?,
                comment: m.comment,
            },
            at: m.created_at,
        })
    }
}

impl ReviewStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Stores `review` of `application`, replacing the reviewer's earlier one.
    pub async fn put(
        &self,
        application: Uuid,
        review: &Review,
    ) -> Result<StoredReview, DomainError> {
        let now = Utc::now();
        let scores: Value = review
            .scores
            .iter()
            .map(|s| json!({"criterion": s.criterion, "score": s.score}))
            .collect();
        row::Entity::insert(row::ActiveModel {
            application_id: Set(application),
            reviewer: Set(review.reviewer.clone()),
            scores: Set(scores),
            comment: Set(review.comment.clone()),
            created_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([row::Column::ApplicationId, row::Column::Reviewer])
                .update_columns([
                    row::Column::Scores,
                    row::Column::Comment,
                    row::Column::CreatedAt,
                ])
                .to_owned(),
        )
        .exec(&self.db)
        .await
        .map_err(internal)?;
        Ok(StoredReview {
            application_id: application,
            review: review.clone(),
            at: now,
        })
    }

    /// The reviews of these applications, by reviewer.
    pub async fn of(&self, applications: &[Uuid]) -> Result<Vec<StoredReview>, DomainError> {
        row::Entity::find()
            .filter(row::Column::ApplicationId.is_in(applications.iter().copied()))
            .order_by_asc(row::Column::Reviewer)
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(StoredReview::try_from)
            .collect()
    }
}
