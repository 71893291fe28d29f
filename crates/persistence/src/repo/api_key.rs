//! API keys in the `api_keys` table: the public prefix in clear, the secret as a hash.

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::api_key::{ApiKey, ApiKeySecret, NewApiKey};
use samenleven_domain::model::partner::Partner;
use samenleven_domain::ports::ApiKeyRepository;
use samenleven_domain::reference::{Enumeration, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{corrupt, internal, map_db_err};
use crate::entity::{api_key as row, partner};
use crate::reader::Reader;

/// The API-key repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct ApiKeyStore {
    db: DatabaseConnection,
    /// Reads outside a transaction; the same pool as `db` unless given one.
    reader: Reader,
}

impl ApiKeyStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            reader: Reader::from(db.clone()),
            db,
        }
    }

    /// The repository reading (outside transactions) from `reader`.
    pub fn with_reader(mut self, reader: Reader) -> Self {
        self.reader = reader;
        self
    }
}

fn to_domain(model: row::Model) -> Result<(ApiKey, Vec<u8>), DomainError> {
    let scopes = model
        .scopes
        .as_array()
        .ok_or_else(|| corrupt("API key", "scopes"))?
        .iter()
        .map(|v| {
            v.as_str()
                .and_then(Scope::from_code)
                .ok_or_else(|| corrupt("API key", "scopes"))
        })
        .collect::<Result<_, _>>()?;
    Ok((
        ApiKey {
            id: model.id,
            partner_id: model.partner_id,
            prefix: model.prefix,
            label: model.label,
            scopes,
            expires_at: model.expires_at,
            created_at: model.created_at,
            last_used_at: model.last_used_at,
            revoked_at: model.revoked_at,
        },
        model.secret_hash,
    ))
}

impl ApiKeyRepository for ApiKeyStore {
    async fn insert(
        &self,
        partner_id: Uuid,
        key: NewApiKey,
        secret: &ApiKeySecret,
    ) -> Result<ApiKey, DomainError> {
        let scopes: serde_json::Value = key.scopes.iter().map(|s| s.code()).collect();
        let model = row::ActiveModel {
            id: Set(Uuid::now_v7()),
            partner_id: Set(partner_id),
            prefix: Set(secret.lookup_prefix().to_owned()),
            secret_hash: Set(secret.hash()),
            label: Set(key.label),
            scopes: Set(scopes),
            expires_at: Set(key.expires_at),
            created_at: Set(Utc::now()),
            last_used_at: Set(None),
            revoked_at: Set(None),
        }
        .insert(&self.db)
        .await
        .map_err(|e| map_db_err(e, "an API key with this prefix exists; create it again"))?;
        to_domain(model).map(|(key, _)| key)
    }

    async fn list(&self, partner_id: Uuid) -> Result<Vec<ApiKey>, DomainError> {
        row::Entity::find()
            .filter(row::Column::PartnerId.eq(partner_id))
            .order_by_desc(row::Column::Id)
            .all(&self.reader)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|m| to_domain(m).map(|(key, _)| key))
            .collect()
    }

    async fn revoke(
        &self,
        partner_id: Uuid,
        key_id: Uuid,
        at: DateTime<Utc>,
    ) -> Result<bool, DomainError> {
        let found = row::Entity::find_by_id(key_id)
            .filter(row::Column::PartnerId.eq(partner_id))
            .one(&self.reader)
            .await
            .map_err(internal)?;
        let Some(found) = found else {
            return Ok(false);
        };
        if found.revoked_at.is_none() {
            row::Entity::update_many()
                .col_expr(row::Column::RevokedAt, Expr::value(at))
                .filter(row::Column::Id.eq(key_id))
                .filter(row::Column::RevokedAt.is_null())
                .exec(&self.db)
                .await
                .map_err(internal)?;
        }
        Ok(true)
    }

    async fn find_by_prefix(
        &self,
        prefix: &str,
    ) -> Result<Option<(ApiKey, Vec<u8>, Partner)>, DomainError> {
        // One query for the key and its partner: this runs on every request with a key.
        let Some((key, Some(owner))) = row::Entity::find()
            .filter(row::Column::Prefix.eq(prefix))
            .find_also_related(partner::Entity)
            .one(&self.reader)
            .await
            .map_err(internal)?
        else {
            return Ok(None);
        };
        let (key, hash) = to_domain(key)?;
        Ok(Some((key, hash, Partner::try_from(owner)?)))
    }

    async fn touch(&self, key_id: Uuid, at: DateTime<Utc>) -> Result<(), DomainError> {
        row::Entity::update_many()
            .col_expr(row::Column::LastUsedAt, Expr::value(at))
            .filter(row::Column::Id.eq(key_id))
            .exec(&self.db)
            .await
            .map_err(internal)?;
        Ok(())
    }
}
