//! The `api_keys` table: keys by public prefix, with the SHA-256 of the secret only.

use sea_orm::entity::prelude::*;

/// One API key row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The partner.
    pub partner_id: Uuid,
    /// Public prefix `slk_<id>`, unique.
    pub prefix: String,
    /// SHA-256 of the whole key.
    pub secret_hash: Vec<u8>,
    /// Label.
    pub label: Option<String>,
    /// JSON array of scope codes.
    pub scopes: Json,
    /// Expiry.
    pub expires_at: Option<DateTimeUtc>,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last use, to the minute.
    pub last_used_at: Option<DateTimeUtc>,
    /// Revocation.
    pub revoked_at: Option<DateTimeUtc>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The partner the key belongs to.
    #[sea_orm(
        belongs_to = "super::partner::Entity",
        from = "Column::PartnerId",
        to = "super::partner::Column::Id"
    )]
    Partner,
}

impl Related<super::partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partner.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
