//! Consultations with their participants and action items. Consultations are few (about two a
//! year per set of municipalities), so lists and the carry-over read them whole.

use samenleven_domain::model::webhook::Subject;
use std::collections::BTreeSet;

use chrono::Utc;
use samenleven_domain::DomainError;
use samenleven_domain::model::hate_crime::{ActionItem, Consultation, HalfYear, Participant};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::reference::{
    ActionItemStatus, ConsultationStatus, Enumeration, ParticipantKind,
};
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::shared::{append_event, record_change};
use super::{corrupt, internal};
use crate::entity::{
    consultation as row, consultation_action_item as item_row,
    consultation_participant as participant_row,
};

/// The consultation repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct ConsultationStore {
    db: DatabaseConnection,
}

fn set_key(municipalities: &BTreeSet<NisCode>) -> String {
    municipalities
        .iter()
        .map(NisCode::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

impl TryFrom<row::Model> for Consultation {
    type Error = DomainError;

    fn try_from(m: row::Model) -> Result<Self, DomainError> {
        let municipalities = m
            .municipalities
            .as_array()
            .ok_or_else(|| corrupt("consultation", "municipalities"))?
            .iter()
            .map(|v| {
                v.as_str()
                    .and_then(|s| NisCode::parse(s).ok())
                    .ok_or_else(|| corrupt("consultation", "municipalities"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Consultation {
            id: m.id,
            municipalities,
            period: HalfYear::parse(&m.period).map_err(|_| corrupt("consultation", "period"))?,
            scheduled_at: m.scheduled_at,
            location: m.location,
            status: ConsultationStatus::from_code(&m.status)
                .ok_or_else(|| corrupt("consultation", "status"))?,
            minutes: m.minutes,
            version: m.version,
        })
    }
}

fn participant(m: participant_row::Model) -> Result<Participant, DomainError> {
    Ok(Participant {
        id: m.id,
        consultation_id: m.consultation_id,
        organisation: m.organisation,
        kind: ParticipantKind::from_code(&m.kind).ok_or_else(|| corrupt("participant", "kind"))?,
        present: m.present,
        partner_id: m.partner_id,
    })
}

fn action_item(m: item_row::Model) -> Result<ActionItem, DomainError> {
    Ok(ActionItem {
        id: m.id,
        consultation_id: m.consultation_id,
        description: m.description,
        owner_organisation: m.owner_organisation,
        due_on: m.due_on,
        status: ActionItemStatus::from_code(&m.status)
            .ok_or_else(|| corrupt("action item", "status"))?,
        version: m.version,
    })
}

impl ConsultationStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Stores a planned consultation with `created` on its timeline.
    pub async fn create(&self, c: &Consultation, actor: &str) -> Result<(), DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        row::ActiveModel {
            id: Set(c.id),
            municipalities: Set(c.municipalities.iter().map(NisCode::as_str).collect()),
            municipality_set: Set(set_key(&c.municipalities)),
            period: Set(c.period.to_string()),
            scheduled_at: Set(c.scheduled_at),
            location: Set(c.location.clone()),
            status: Set(c.status.code().to_owned()),
            minutes: Set(c.minutes.clone()),
            version: Set(c.version),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(internal)?;
        record_change(
            &tx,
            Register::Consultation,
            &subject(c),
            NewEvent::new(actor, "created").status("", c.status.code()),
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)
    }

    /// The consultation with this id.
    pub async fn find(&self, id: Uuid) -> Result<Option<Consultation>, DomainError> {
        row::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .map_err(internal)?
            .map(Consultation::try_from)
            .transpose()
    }

    /// Every consultation, newest first.
    pub async fn all(&self) -> Result<Vec<Consultation>, DomainError> {
        row::Entity::find()
            .order_by_desc(row::Column::Id)
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Consultation::try_from)
            .collect()
    }

    /// Every consultation of exactly this set of municipalities.
    pub async fn of_set(
        &self,
        municipalities: &BTreeSet<NisCode>,
    ) -> Result<Vec<Consultation>, DomainError> {
        row::Entity::find()
            .filter(row::Column::MunicipalitySet.eq(set_key(municipalities)))
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Consultation::try_from)
            .collect()
    }

    /// Stores `next` when the stored version is still `next.version`, with `event`.
    pub async fn update(
        &self,
        next: &Consultation,
        event: NewEvent,
    ) -> Result<Consultation, DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        let municipalities: serde_json::Value =
            next.municipalities.iter().map(NisCode::as_str).collect();
        let result = row::Entity::update_many()
            .col_expr(row::Column::Municipalities, Expr::value(municipalities))
            .col_expr(
                row::Column::MunicipalitySet,
                Expr::value(set_key(&next.municipalities)),
            )
            .col_expr(row::Column::Period, Expr::value(next.period.to_string()))
            .col_expr(row::Column::ScheduledAt, Expr::value(next.scheduled_at))
            .col_expr(row::Column::Location, Expr::value(next.location.clone()))
            .col_expr(row::Column::Status, Expr::value(next.status.code()))
            .col_expr(row::Column::Minutes, Expr::value(next.minutes.clone()))
            .col_expr(row::Column::Version, Expr::value(next.version + 1))
            .col_expr(row::Column::UpdatedAt, Expr::value(now))
            .filter(row::Column::Id.eq(next.id))
            .filter(row::Column::Version.eq(next.version))
            .exec(&tx)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        record_change(&tx, Register::Consultation, &subject(next), event, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(Consultation {
            version: next.version + 1,
            ..next.clone()
        })
    }

    /// The participants of `consultation`, in the order they were added.
    pub async fn participants(&self, consultation: Uuid) -> Result<Vec<Participant>, DomainError> {
        participant_row::Entity::find()
            .filter(participant_row::Column::ConsultationId.eq(consultation))
            .order_by_asc(participant_row::Column::Id)
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(participant)
            .collect()
    }

    /// Stores `p` (new or changed) with `event` on the consultation's timeline.
    pub async fn save_participant(
        &self,
        p: &Participant,
        new: bool,
        actor: &str,
    ) -> Result<(), DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        let model = participant_row::ActiveModel {
            id: Set(p.id),
            consultation_id: Set(p.consultation_id),
            organisation: Set(p.organisation.clone()),
            kind: Set(p.kind.code().to_owned()),
            present: Set(p.present),
            partner_id: Set(p.partner_id),
        };
        let action = if new {
            model.insert(&tx).await.map_err(internal)?;
            "participant_added"
        } else {
            model.update(&tx).await.map_err(internal)?;
            "participant_changed"
        };
        append_event(
            &tx,
            Register::Consultation,
            p.consultation_id,
            NewEvent::new(actor, action).detail(p.organisation.clone()),
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)
    }

    /// Removes a participant.
    pub async fn remove_participant(
        &self,
        p: &Participant,
        actor: &str,
    ) -> Result<(), DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        participant_row::Entity::delete_by_id(p.id)
            .exec(&tx)
            .await
            .map_err(internal)?;
        append_event(
            &tx,
            Register::Consultation,
            p.consultation_id,
            NewEvent::new(actor, "participant_removed").detail(p.organisation.clone()),
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)
    }

    /// The action items agreed at any of `consultations`.
    pub async fn action_items(
        &self,
        consultations: &[Uuid],
    ) -> Result<Vec<ActionItem>, DomainError> {
        if consultations.is_empty() {
            return Ok(Vec::new());
        }
        item_row::Entity::find()
            .filter(item_row::Column::ConsultationId.is_in(consultations.iter().copied()))
            .order_by_asc(item_row::Column::DueOn)
            .order_by_asc(item_row::Column::Id)
            .all(&self.db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(action_item)
            .collect()
    }

    /// Stores a new action item.
    pub async fn add_action_item(&self, item: &ActionItem, actor: &str) -> Result<(), DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        item_row::ActiveModel {
            id: Set(item.id),
            consultation_id: Set(item.consultation_id),
            description: Set(item.description.clone()),
            owner_organisation: Set(item.owner_organisation.clone()),
            due_on: Set(item.due_on),
            status: Set(item.status.code().to_owned()),
            version: Set(item.version),
        }
        .insert(&tx)
        .await
        .map_err(internal)?;
        append_event(
            &tx,
            Register::Consultation,
            item.consultation_id,
            NewEvent::new(actor, "action_item_added"),
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)
    }

    /// Stores `next` when the stored version is still `next.version`; the event goes on the
    /// timeline of `on` (the consultation through which it was changed).
    pub async fn update_action_item(
        &self,
        next: &ActionItem,
        on: Uuid,
        actor: &str,
        from: ActionItemStatus,
    ) -> Result<ActionItem, DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        let result = item_row::Entity::update_many()
            .col_expr(
                item_row::Column::Description,
                Expr::value(next.description.clone()),
            )
            .col_expr(
                item_row::Column::OwnerOrganisation,
                Expr::value(next.owner_organisation.clone()),
            )
            .col_expr(item_row::Column::DueOn, Expr::value(next.due_on))
            .col_expr(item_row::Column::Status, Expr::value(next.status.code()))
            .col_expr(item_row::Column::Version, Expr::value(next.version + 1))
            .filter(item_row::Column::Id.eq(next.id))
            .filter(item_row::Column::Version.eq(next.version))
            .exec(&tx)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        let event = NewEvent::new(actor, "action_item_changed")
            .status(from.code(), next.status.code())
            .detail(next.id.to_string());
        append_event(&tx, Register::Consultation, on, event, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(ActionItem {
            version: next.version + 1,
            ..next.clone()
        })
    }
}

/// What the webhook events of a change may tell about the consultation.
fn subject(c: &Consultation) -> Subject {
    Subject {
        id: c.id,
        reference: None,
        municipalities: c.municipalities.iter().cloned().collect(),
    }
}
