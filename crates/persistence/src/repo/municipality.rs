//! Municipalities in the `municipalities` table.

use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::{ComplaintDeadlines, Municipality, NisCode};
use samenleven_domain::ports::MunicipalityRepository;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{corrupt, internal, map_db_err};
use crate::entity::municipality as row;
use crate::reader::Reader;

/// The municipality repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct MunicipalityStore {
    db: DatabaseConnection,
    /// Reads outside a transaction; the same pool as `db` unless given one.
    reader: Reader,
}

impl MunicipalityStore {
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

impl TryFrom<row::Model> for Municipality {
    type Error = DomainError;

    fn try_from(model: row::Model) -> Result<Self, Self::Error> {
        let days = |d: i32| u16::try_from(d).map_err(|_| corrupt("municipality", "deadlines"));
        Ok(Self {
            nis_code: NisCode::parse(&model.nis_code)
                .map_err(|_| corrupt("municipality", "NIS code"))?,
            name: model.name,
            deadlines: ComplaintDeadlines {
                acknowledge_days: days(model.acknowledge_days)?,
                resolve_days: days(model.resolve_days)?,
            },
            version: model.version,
        })
    }
}

impl MunicipalityRepository for MunicipalityStore {
    async fn find(&self, nis_code: &NisCode) -> Result<Option<Municipality>, DomainError> {
        row::Entity::find_by_id(nis_code.as_str().to_owned())
            .one(&self.reader)
            .await
            .map_err(internal)?
            .map(Municipality::try_from)
            .transpose()
    }

    async fn insert(&self, municipality: &Municipality) -> Result<(), DomainError> {
        let now = Utc::now();
        row::ActiveModel {
            nis_code: Set(municipality.nis_code.as_str().to_owned()),
            name: Set(municipality.name.clone()),
            acknowledge_days: Set(i32::from(municipality.deadlines.acknowledge_days)),
            resolve_days: Set(i32::from(municipality.deadlines.resolve_days)),
            version: Set(municipality.version),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .map_err(|e| {
            map_db_err(
                e,
                &format!("municipality {} exists already", municipality.nis_code),
            )
        })?;
        Ok(())
    }

    async fn list(
        &self,
        only: Option<&[NisCode]>,
        after: Option<&NisCode>,
        limit: u64,
    ) -> Result<Vec<Municipality>, DomainError> {
        let mut query = row::Entity::find().order_by_asc(row::Column::NisCode);
        if let Some(only) = only {
            query = query.filter(row::Column::NisCode.is_in(only.iter().map(NisCode::as_str)));
        }
        if let Some(after) = after {
            query = query.filter(row::Column::NisCode.gt(after.as_str()));
        }
        query
            .limit(limit)
            .all(&self.reader)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Municipality::try_from)
            .collect()
    }

    async fn update(&self, next: &Municipality) -> Result<Municipality, DomainError> {
        let result = row::Entity::update_many()
            .col_expr(row::Column::Name, Expr::value(next.name.clone()))
            .col_expr(
                row::Column::AcknowledgeDays,
                Expr::value(i32::from(next.deadlines.acknowledge_days)),
            )
            .col_expr(
                row::Column::ResolveDays,
                Expr::value(i32::from(next.deadlines.resolve_days)),
            )
            .col_expr(row::Column::Version, Expr::value(next.version + 1))
            .col_expr(row::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(row::Column::NisCode.eq(next.nis_code.as_str()))
            .filter(row::Column::Version.eq(next.version))
            .exec(&self.db)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        Ok(Municipality {
            version: next.version + 1,
            ..next.clone()
        })
    }
}
