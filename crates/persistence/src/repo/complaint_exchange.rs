//! A complaint's internal notes and its messages with the reporter; each appends a timeline
//! event (without the text) in the same transaction.

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::complaint::ComplaintStore;
use super::internal;
use super::shared::{append_event, forget_responses_naming};
use crate::entity::{complaint_message, complaint_note};

/// An internal note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its id.
    pub id: Uuid,
    /// Its author (`staff:<sub>`).
    pub author: String,
    /// The text.
    pub text: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Which way a message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From a handler to the reporter.
    ToReporter,
    /// From the reporter, with the tracking code.
    FromReporter,
}

impl Direction {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ToReporter => "to_reporter",
            Self::FromReporter => "from_reporter",
        }
    }
}

/// A message between a handler and the reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its id.
    pub id: Uuid,
    /// Which way.
    pub direction: Direction,
    /// The handler who wrote it (none from the reporter).
    pub author: Option<String>,
    /// The text.
    pub text: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl ComplaintStore {
    /// Adds a note by `author` to the complaint.
    pub async fn add_note(
        &self,
        complaint: Uuid,
        author: &str,
        text: &str,
    ) -> Result<Note, DomainError> {
        let now = Utc::now();
        let tx = self.connection().begin().await.map_err(internal)?;
        let row = complaint_note::ActiveModel {
            id: Set(Uuid::now_v7()),
            complaint_id: Set(complaint),
            author: Set(author.to_owned()),
            text: Set(text.to_owned()),
            created_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(internal)?;
        append_event(
            &tx,
            Register::Complaint,
            complaint,
            NewEvent::new(author, "note_added"),
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)?;
        Ok(Note {
            id: row.id,
            author: row.author,
            text: row.text,
            created_at: row.created_at,
        })
    }

    /// The complaint's notes, oldest first.
    pub async fn notes(&self, complaint: Uuid) -> Result<Vec<Note>, DomainError> {
        Ok(complaint_note::Entity::find()
            .filter(complaint_note::Column::ComplaintId.eq(complaint))
            .order_by_asc(complaint_note::Column::Id)
            .all(self.connection())
            .await
            .map_err(internal)?
            .into_iter()
            .map(|row| Note {
                id: row.id,
                author: row.author,
                text: row.text,
                created_at: row.created_at,
            })
            .collect())
    }

    /// Adds a message; `author` is the handler's actor, or none for the reporter.
    pub async fn add_message(
        &self,
        complaint: Uuid,
        direction: Direction,
        author: Option<&str>,
        text: &str,
    ) -> Result<Message, DomainError> {
        let now = Utc::now();
        let tx = self.connection().begin().await.map_err(internal)?;
        let row = complaint_message::ActiveModel {
            id: Set(Uuid::now_v7()),
            complaint_id: Set(complaint),
            direction: Set(direction.code().to_owned()),
            author: Set(author.map(str::to_owned)),
            text: Set(text.to_owned()),
            created_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(internal)?;
        let (actor, action) = match direction {
            Direction::ToReporter => (author.unwrap_or("staff"), "message_sent"),
            Direction::FromReporter => ("reporter", "message_received"),
        };
        append_event(
            &tx,
            Register::Complaint,
            complaint,
            NewEvent::new(actor, action),
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)?;
        Ok(Message {
            id: row.id,
            direction,
            author: row.author,
            text: row.text,
            created_at: row.created_at,
        })
    }

    /// The complaint's messages, oldest first.
    pub async fn messages(&self, complaint: Uuid) -> Result<Vec<Message>, DomainError> {
        complaint_message::Entity::find()
            .filter(complaint_message::Column::ComplaintId.eq(complaint))
            .order_by_asc(complaint_message::Column::Id)
            .all(self.connection())
            .await
            .map_err(internal)?
            .into_iter()
            .map(|row| {
                let direction = match row.direction.as_str() {
                    "to_reporter" => Direction::ToReporter,
                    "from_reporter" => Direction::FromReporter,
                    _ => return Err(super::corrupt("message", "direction")),
                };
                Ok(Message {
                    id: row.id,
                    direction,
                    author: row.author,
                    text: row.text,
                    created_at: row.created_at,
                })
            })
            .collect()
    }
}

impl ComplaintStore {
    /// Erases the complaint's personal data (GDPR Article 17) in one transaction: contact data,
    /// the description, the location text, the involved service, the messages and the notes.
    /// Codes, dates and references stay for the statistics; the timeline records that it
    /// happened and who did it, without the data.
    pub async fn erase(&self, complaint: Uuid, actor: &str) -> Result<(), DomainError> {
        let tx = self.connection().begin().await.map_err(internal)?;
        self.erase_in(&tx, complaint, actor, "personal_data_erased", Utc::now())
            .await?;
        tx.commit().await.map_err(internal)
    }

    /// The erasure of [`Self::erase`] inside the transaction `tx`, with `action` on the timeline.
    pub(crate) async fn erase_in(
        &self,
        tx: &sea_orm::DatabaseTransaction,
        complaint: Uuid,
        actor: &str,
        action: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        use crate::entity::complaint as row;
        let none: Option<String> = None;
        row::Entity::update_many()
            .col_expr(
                row::Column::ContactName,
                sea_orm::sea_query::Expr::value(none.clone()),
            )
            .col_expr(
                row::Column::ContactEmail,
                sea_orm::sea_query::Expr::value(none.clone()),
            )
            .col_expr(
                row::Column::ContactPhone,
                sea_orm::sea_query::Expr::value(none.clone()),
            )
            .col_expr(
                row::Column::PreferredLanguage,
                sea_orm::sea_query::Expr::value(none.clone()),
            )
            .col_expr(
                row::Column::Description,
                sea_orm::sea_query::Expr::value(none.clone()),
            )
            .col_expr(
                row::Column::LocationText,
                sea_orm::sea_query::Expr::value(none.clone()),
            )
            .col_expr(
                row::Column::InvolvedService,
                sea_orm::sea_query::Expr::value(none),
            )
            .col_expr(
                row::Column::ConsentToContact,
                sea_orm::sea_query::Expr::value(false),
            )
            .col_expr(
                row::Column::Version,
                sea_orm::sea_query::Expr::col(row::Column::Version).add(1),
            )
            .col_expr(row::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
            .filter(row::Column::Id.eq(complaint))
            .exec(tx)
            .await
            .map_err(internal)?;
        complaint_message::Entity::delete_many()
            .filter(complaint_message::Column::ComplaintId.eq(complaint))
            .exec(tx)
            .await
            .map_err(internal)?;
        complaint_note::Entity::delete_many()
            .filter(complaint_note::Column::ComplaintId.eq(complaint))
            .exec(tx)
            .await
            .map_err(internal)?;
        forget_responses_naming(tx, complaint).await?;
        append_event(
            tx,
            Register::Complaint,
            complaint,
            NewEvent::new(actor, action),
            now,
        )
        .await
    }
}
