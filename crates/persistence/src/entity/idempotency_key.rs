//! The `idempotency_keys` table: the first response to a keyed create, kept 24 hours.

use sea_orm::entity::prelude::*;

/// One remembered response.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    /// The caller (`staff:<sub>` or `partner:<id>`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub caller: String,
    /// The route, e.g. `POST /api/v1/complaints`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub route: String,
    /// The `Idempotency-Key`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// SHA-256 of the request body.
    pub request_hash: Vec<u8>,
    /// The response status.
    pub status: i32,
    /// The response body.
    pub body: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
