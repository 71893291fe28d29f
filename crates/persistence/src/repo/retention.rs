//! Retention: closed complaints are anonymised once their outcome's period has passed, so is
//! the contact data of finished subsidy applications, and the ledger records what was
//! anonymised, when and why — without personal data.

use chrono::{DateTime, Months, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::subsidy::has_enterprise_number;
use samenleven_domain::reference::{
    ApplicantKind, ApplicationStatus, ComplaintOutcome, ComplaintStatus, Enumeration,
};
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::complaint::ComplaintStore;
use super::internal;
use super::shared::{append_event, forget_expired_responses, forget_responses_naming};
use super::subsidy_application::ApplicationStore;
use crate::Database;
use crate::entity::{complaint as row, retention_entry, subsidy_application as application};

/// Months after closing before a complaint is anonymised, per outcome class (DESIGN §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPeriods {
    /// For `registered` reports and `withdrawn` complaints.
    pub short_months: u32,
    /// For every other outcome.
    pub long_months: u32,
    /// For the contact data of subsidy applications that are rejected, withdrawn, settled or
    /// reclaimed, counted from that last change.
    pub application_months: u32,
}

impl RetentionPeriods {
    /// 12 and 60 months for complaints, 24 for subsidy applications.
    pub const DEFAULT: Self = Self {
        short_months: 12,
        long_months: 60,
        application_months: 24,
    };
}

/// Applies every period: closed complaints, then finished subsidy applications; and forgets
/// the remembered responses of idempotent requests older than their window (they repeat what
/// was sent).
///
/// What is due is looked up on the database's reader: on a SQLite file the lookup walks
/// every closed complaint (1 s, 5 s with a cold cache, measured with a million complaints), and
/// on the one writer connection it would hold back every registration and every logged read
/// meanwhile. Each record is then anonymised in a transaction of its own on the writer.
pub async fn apply_all(
    db: &Database,
    periods: RetentionPeriods,
    now: DateTime<Utc>,
) -> Result<Vec<Anonymised>, DomainError> {
    let writer = db.connection();
    let mut done = ComplaintStore::new(writer.clone())
        .with_reader(db.reader().clone())
        .apply_retention(periods, now)
        .await?;
    done.extend(
        ApplicationStore::new(writer.clone())
            .with_reader(db.reader().clone())
            .apply_retention(periods, now)
            .await?,
    );
    forget_expired_responses(writer, now).await?;
    Ok(done)
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

/// That the record whose id is the column `id` of `table` is not in the ledger yet: a run skips
/// what is.
///
/// Asked as `NOT EXISTS` of the ledger's entry for that id, which both databases answer from the
/// ledger's index on `record_id` (PostgreSQL as an anti-join). It was `id NOT IN (SELECT
/// record_id FROM retention_ledger)`, which PostgreSQL may not turn into a join (the subquery
/// could hold NULL): once the ledger's ids no longer fitted its `work_mem`, it compared every
/// candidate with every entry. On the benchmark's seeded database (261,322 entries, 103,488
/// candidates estimated) the planner's cost was 2.0 billion, and the daily run was cancelled by
/// the statement timeout at start, every day (`tests/bench/HISTORY.md`).
fn not_in_ledger<T, C>(table: T, id: C) -> Expr
where
    T: sea_orm::sea_query::IntoIden,
    C: sea_orm::sea_query::IntoIden,
{
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(retention_entry::Entity)
            .and_where(
                Expr::col((retention_entry::Entity, retention_entry::Column::RecordId))
                    .equals((table, id)),
            )
            .to_owned(),
    )
    .not()
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
            .filter(not_in_ledger(row::Entity, row::Column::Id))
            .into_tuple()
            .all(self.reader())
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
                register: Set(Register::Complaint.code().to_owned()),
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

/// The statuses after which an application's contact data is no longer needed once the period
/// has passed: no decision or payment is left to make.
fn finished() -> [&'static str; 4] {
    [
        ApplicationStatus::Rejected.code(),
        ApplicationStatus::Withdrawn.code(),
        ApplicationStatus::Settled.code(),
        ApplicationStatus::Reclaimed.code(),
    ]
}

impl ApplicationStore {
    /// Removes the contact data (and the name of an applicant without an enterprise number) of
    /// every finished application whose last change is older than the period, appends an
    /// `anonymised` event to its timeline and records it in the ledger. Amounts, decision and
    /// report stay, for the accounts and the open data. Safe to run again.
    pub async fn apply_retention(
        &self,
        periods: RetentionPeriods,
        now: DateTime<Utc>,
    ) -> Result<Vec<Anonymised>, DomainError> {
        let before = now
            .checked_sub_months(Months::new(periods.application_months))
            .unwrap_or(now);
        let due: Vec<(Uuid, String, String, String)> = application::Entity::find()
            .select_only()
            .column(application::Column::Id)
            .column(application::Column::Reference)
            .column(application::Column::Status)
            .column(application::Column::ApplicantKind)
            .filter(application::Column::Status.is_in(finished()))
            .filter(application::Column::UpdatedAt.lt(before))
            .filter(not_in_ledger(application::Entity, application::Column::Id))
            .into_tuple()
            .all(self.reader())
            .await
            .map_err(internal)?;
        let mut anonymised = Vec::new();
        for (id, reference, status, kind) in due {
            let reason = format!(
                "{status} more than {} months ago",
                periods.application_months
            );
            let keeps_name = ApplicantKind::from_code(&kind).is_some_and(has_enterprise_number);
            let tx = self.connection().begin().await.map_err(internal)?;
            let mut update = application::Entity::update_many()
                .col_expr(
                    application::Column::ContactName,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    application::Column::Email,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    application::Column::Iban,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    application::Column::Version,
                    Expr::col(application::Column::Version).add(1),
                )
                .col_expr(application::Column::UpdatedAt, Expr::value(now))
                .filter(application::Column::Id.eq(id));
            if !keeps_name {
                update = update.col_expr(
                    application::Column::ApplicantName,
                    Expr::value(Option::<String>::None),
                );
            }
            update.exec(&tx).await.map_err(internal)?;
            forget_responses_naming(&tx, id).await?;
            append_event(
                &tx,
                Register::Application,
                id,
                NewEvent::new("retention", "anonymised"),
                now,
            )
            .await?;
            retention_entry::ActiveModel {
                id: Set(Uuid::now_v7()),
                register: Set(Register::Application.code().to_owned()),
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
