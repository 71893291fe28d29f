//! The `subsidy_reviews` table: one review per application and reviewer.

use sea_orm::entity::prelude::*;

/// One review row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subsidy_reviews")]
pub struct Model {
    /// The application.
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: Uuid,
    /// The reviewer's `sub`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub reviewer: String,
    /// JSON array of `{criterion, score}`.
    pub scores: Json,
    /// Comment.
    pub comment: Option<String>,
    /// When it was (last) given.
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
