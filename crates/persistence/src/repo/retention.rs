//! Retention: closed complaints are anonymised once their outcome's period has passed, and the
//! ledger records what was anonymised, when and why — without personal data.

use chrono::{DateTime, Months, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::reference::{ComplaintOutcome, ComplaintStatus, Enumeration};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::complaint::ComplaintStore;
use super::internal;
use crate::entity::{complaint as row, retention_entry};

/// Months after closing before a complaint is anonymised, per outcome class (DESIGN §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPeriods {
    /// For `registered` reports and `withdrawn` complaints.
    pub short_months: u32,
    /// For every other outcome.
    pub long_months: u32,
}

impl RetentionPeriods {
    /// 12 and 60 months.
    pub const DEFAULT: Self = Self {
        short_months: 12,
        long_months: 60,
    };
}

/// A record that was anonymised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised {
    /// Its id.
    pub id: Uuid,
    /// Its reference.
    pub reference: String,
    /// Why.
    pub reason: String,
}

fn short_class() -> [&'static str; 2] {
    [
        ComplaintOutcome::Registered.code(),
        ComplaintOutcome::Withdrawn.code(),
    ]
}

impl ComplaintStore {
    /// Anonymises every closed complaint whose period, counted from its closing, ended before
    /// `now`, and records each in the ledger. Safe to run again: what is in the ledger is
    /// skipped.
    pub async fn apply_retention(
        &self,
        periods: RetentionPeriods,
        now: DateTime<Utc>,
    ) -> Result<Vec<Anonymised>, DomainError> {
        let short_before = now
            .checked_sub_months(Months::new(periods.short_months))
            .unwrap_or(now);
        let long_before = now
            .checked_sub_months(Months::new(periods.long_months))
            .unwrap_or(now);
        let done = Query::select()
            .column(retention_entry::Column::RecordId)
            .from(retention_entry::Entity)
            .to_owned();
        let due: Vec<(Uuid, String, Option<String>)> = row::Entity::find()
            .select_only()
            .column(row::Column::Id)
            .column(row::Column::Reference)
            .column(row::Column::Outcome)
            .filter(row::Column::Status.eq(ComplaintStatus::Closed.code()))
            .filter(
                sea_orm::Condition::any()
                    .add(
                        sea_orm::Condition::all()
                            .add(row::Column::Outcome.is_in(short_class()))
                            .add(row::Column::ClosedAt.lt(short_before)),
                    )
                    .add(
                        sea_orm::Condition::all()
                            .add(row::Column::Outcome.is_not_in(short_class()))
                            .add(row::Column::ClosedAt.lt(long_before)),
                    ),
            )
            .filter(Expr::col(row::Column::Id).not_in_subquery(done))
            .into_tuple()
            .all(self.connection())
            .await
            .map_err(internal)?;
        let mut anonymised = Vec::new();
        for (id, reference, outcome) in due {
            let short = outcome
                .as_deref()
                .is_some_and(|o| short_class().contains(&o));
            let reason = format!(
                "closed as {} more than {} months ago",
                outcome.unwrap_or_default(),
                if short {
                    periods.short_months
                } else {
                    periods.long_months
                }
            );
            let tx = self.connection().begin().await.map_err(internal)?;
            self.erase_in(&tx, id, "retention", "anonymised", now)
                .await?;
            retention_entry::ActiveModel {
                id: Set(Uuid::now_v7()),
                register: Set("complaint".to_owned()),
                record_id: Set(id),
                reference: Set(reference.clone()),
                reason: Set(reason.clone()),
                anonymised_at: Set(now),
            }
            .insert(&tx)
            .await
            .map_err(internal)?;
            tx.commit().await.map_err(internal)?;
            anonymised.push(Anonymised {
                id,
                reference,
                reason,
            });
        }
        Ok(anonymised)
    }
}

/// The ledger, oldest first.
pub async fn ledger(
    db: &impl sea_orm::ConnectionTrait,
) -> Result<Vec<retention_entry::Model>, DomainError> {
    use sea_orm::QueryOrder;
    retention_entry::Entity::find()
        .order_by_asc(retention_entry::Column::Id)
        .all(db)
        .await
        .map_err(internal)
}
