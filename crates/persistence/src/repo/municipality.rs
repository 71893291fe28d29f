//! Municipalities in the `municipalities` table.

use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::{ComplaintDeadlines, Municipality, NisCode};
use samenleven_domain::ports::MunicipalityRepository;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::{internal, map_db_err};
use crate::entity::municipality as row;

/// The municipality repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct MunicipalityStore {
    db: DatabaseConnection,
}

impl MunicipalityStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl TryFrom<row::Model> for Municipality {
    type Error = DomainError;

    fn try_from(model: row::Model) -> Result<Self, Self::Error> {
        let corrupt =
            |what: &str| DomainError::Internal(format!("stored municipality has {what}").into());
        Ok(Self {
            nis_code: NisCode::parse(&model.nis_code)
                .map_err(|_| corrupt("an invalid NIS code"))?,
            name: model.name,
            deadlines: ComplaintDeadlines {
                acknowledge_days: u16::try_from(model.acknowledge_days)
                    .map_err(|_| corrupt("invalid deadlines"))?,
                resolve_days: u16::try_from(model.resolve_days)
                    .map_err(|_| corrupt("invalid deadlines"))?,
            },
        })
    }
}

impl MunicipalityRepository for MunicipalityStore {
    async fn find(&self, nis_code: &NisCode) -> Result<Option<Municipality>, DomainError> {
        row::Entity::find_by_id(nis_code.as_str().to_owned())
            .one(&self.db)
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
}
