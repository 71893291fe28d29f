//! Partner organisations in the `partners` table.

use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::model::partner::{NewPartner, Partner};
use samenleven_domain::ports::PartnerRepository;
use samenleven_domain::reference::{Enumeration, PartnerKind};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{corrupt, internal, municipalities_json, parse_municipalities};
use crate::entity::partner as row;

/// The partner repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct PartnerStore {
    db: DatabaseConnection,
}

impl PartnerStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl TryFrom<row::Model> for Partner {
    type Error = DomainError;

    fn try_from(model: row::Model) -> Result<Self, Self::Error> {
        let municipalities = parse_municipalities(&model.municipalities, "partner")?;
        Ok(Self {
            id: model.id,
            name: model.name,
            kind: PartnerKind::from_code(&model.kind).ok_or_else(|| corrupt("partner", "kind"))?,
            municipalities,
            active: model.active,
            created_at: model.created_at,
            updated_at: model.updated_at,
            version: model.version,
        })
    }
}

impl PartnerRepository for PartnerStore {
    async fn insert(&self, partner: NewPartner) -> Result<Partner, DomainError> {
        let now = Utc::now();
        row::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set(partner.name),
            kind: Set(partner.kind.code().to_owned()),
            municipalities: Set(municipalities_json(&partner.municipalities)),
            active: Set(true),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .map_err(internal)?
        .try_into()
    }

    async fn find(&self, id: Uuid) -> Result<Option<Partner>, DomainError> {
        row::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .map_err(internal)?
            .map(Partner::try_from)
            .transpose()
    }

    async fn list_after(&self, after: Option<Uuid>) -> Result<Vec<Partner>, DomainError> {
        let mut query = row::Entity::find().order_by_asc(row::Column::Id);
        if let Some(after) = after {
            query = query.filter(row::Column::Id.gt(after));
        }
        query
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Partner::try_from)
            .collect()
    }

    async fn update(&self, next: &Partner) -> Result<Partner, DomainError> {
        let now = Utc::now();
        let result = row::Entity::update_many()
            .col_expr(row::Column::Name, Expr::value(next.name.clone()))
            .col_expr(row::Column::Kind, Expr::value(next.kind.code()))
            .col_expr(
                row::Column::Municipalities,
                Expr::value(municipalities_json(&next.municipalities)),
            )
            .col_expr(row::Column::Active, Expr::value(next.active))
            .col_expr(row::Column::Version, Expr::value(next.version + 1))
            .col_expr(row::Column::UpdatedAt, Expr::value(now))
            .filter(row::Column::Id.eq(next.id))
            .filter(row::Column::Version.eq(next.version))
            .exec(&self.db)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        Ok(Partner {
            version: next.version + 1,
            updated_at: now,
            ..next.clone()
        })
    }
}
