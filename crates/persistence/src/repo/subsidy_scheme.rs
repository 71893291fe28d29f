//! Subsidy schemes in `subsidy_schemes`, with the figures of their budget.

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::{ListScope, MunicipalityGrant};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::model::subsidy::{Cents, Criterion, Scheme, SchemeBudget};
use samenleven_domain::reference::{ApplicationStatus, Enumeration, FundingSource};
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{corrupt, internal};
use crate::entity::{subsidy_application, subsidy_scheme as row};
use crate::reader::Reader;

/// The statuses whose award counts against the budget: approved and everything after.
pub const AWARDED_STATUSES: [ApplicationStatus; 5] = [
    ApplicationStatus::Approved,
    ApplicationStatus::AdvancePaid,
    ApplicationStatus::ReportSubmitted,
    ApplicationStatus::Settled,
    ApplicationStatus::Reclaimed,
];

/// The codes of [`AWARDED_STATUSES`].
pub fn awarded_codes() -> impl Iterator<Item = &'static str> {
    AWARDED_STATUSES.iter().map(|s| s.code())
}

/// The scheme repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SchemeStore {
    db: DatabaseConnection,
    /// Reads outside a transaction; the same pool as `db` unless given one.
    reader: Reader,
}

/// A scheme with whether an application to it was ever submitted.
#[derive(Debug, Clone)]
pub struct StoredScheme {
    /// The scheme.
    pub scheme: Scheme,
    /// Whether budget and criteria are locked.
    pub has_submissions: bool,
}

pub(crate) fn codes<E: Enumeration>(values: &[E]) -> Value {
    values.iter().map(|v| v.code()).collect()
}

pub(crate) fn parse_codes<E: Enumeration>(
    value: &Value,
    what: &str,
) -> Result<Vec<E>, DomainError> {
    value
        .as_array()
        .ok_or_else(|| corrupt("subsidy record", what))?
        .iter()
        .map(|v| {
            v.as_str()
                .and_then(E::from_code)
                .ok_or_else(|| corrupt("subsidy record", what))
        })
        .collect()
}

fn criteria_json(criteria: &[Criterion]) -> Value {
    criteria
        .iter()
        .map(|c| json!({"code": c.code, "description": c.description, "weight": c.weight}))
        .collect()
}

/// The criteria stored as JSON.
pub(crate) fn parse_criteria(value: &Value) -> Result<Vec<Criterion>, DomainError> {
    let bad = || corrupt("subsidy scheme", "criteria");
    value
        .as_array()
        .ok_or_else(bad)?
        .iter()
        .map(|c| {
            Ok(Criterion {
                code: c["code"].as_str().ok_or_else(bad)?.to_owned(),
                description: c["description"].as_str().ok_or_else(bad)?.to_owned(),
                weight: c["weight"]
                    .as_u64()
                    .and_then(|w| u32::try_from(w).ok())
                    .ok_or_else(bad)?,
            })
        })
        .collect()
}

pub(crate) fn cents(value: i64, what: &str) -> Result<Cents, DomainError> {
    Cents::new(value).map_err(|_| corrupt("subsidy record", what))
}

impl TryFrom<row::Model> for StoredScheme {
    type Error = DomainError;

    fn try_from(m: row::Model) -> Result<Self, DomainError> {
        Ok(StoredScheme {
            has_submissions: m.has_submissions,
            scheme: Scheme {
                id: m.id,
                municipality: NisCode::parse(&m.municipality)
                    .map_err(|_| corrupt("subsidy scheme", "municipality"))?,
                title: m.title,
                description: m.description,
                legal_basis: m.legal_basis,
                funding_source: FundingSource::from_code(&m.funding_source)
                    .ok_or_else(|| corrupt("subsidy scheme", "funding source"))?,
                eligible_applicants: parse_codes(&m.eligible_applicants, "eligible applicants")?,
                target_groups: parse_codes(&m.target_groups, "target groups")?,
                budget_cents: cents(m.budget_cents, "budget")?,
                max_award_cents: cents(m.max_award_cents, "maximum award")?,
                max_share_of_costs_percent: u8::try_from(m.max_share_of_costs_percent)
                    .map_err(|_| corrupt("subsidy scheme", "share"))?,
                opens_at: m.opens_at,
                closes_at: m.closes_at,
                criteria: parse_criteria(&m.criteria)?,
                version: m.version,
            },
        })
    }
}

pub(crate) fn to_row(s: &Scheme, has_submissions: bool, now: DateTime<Utc>) -> row::ActiveModel {
    row::ActiveModel {
        id: Set(s.id),
        municipality: Set(s.municipality.to_string()),
        title: Set(s.title.clone()),
        description: Set(s.description.clone()),
        legal_basis: Set(s.legal_basis.clone()),
        funding_source: Set(s.funding_source.code().to_owned()),
        eligible_applicants: Set(codes(&s.eligible_applicants)),
        target_groups: Set(codes(&s.target_groups)),
        budget_cents: Set(s.budget_cents.get()),
        max_award_cents: Set(s.max_award_cents.get()),
        max_share_of_costs_percent: Set(i16::from(s.max_share_of_costs_percent)),
        opens_at: Set(s.opens_at),
        closes_at: Set(s.closes_at),
        criteria: Set(criteria_json(&s.criteria)),
        has_submissions: Set(has_submissions),
        version: Set(s.version),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// The sum of `awarded_cents` (or `paid_cents`) over the scheme's applications in
/// [`AWARDED_STATUSES`], read in the connection or transaction `db`.
pub(crate) async fn money_of(
    db: &impl ConnectionTrait,
    scheme: Uuid,
) -> Result<(Cents, Cents), DomainError> {
    // Summed in the database: one row back instead of every awarded application.
    let total = |column: subsidy_application::Column| {
        Func::coalesce([
            Func::cast_as(Func::sum(Expr::col(column)), Alias::new("BIGINT")).into(),
            Expr::val(0i64),
        ])
    };
    let (awarded, paid): (i64, i64) = subsidy_application::Entity::find()
        .select_only()
        .expr_as(total(subsidy_application::Column::AwardedCents), "awarded")
        .expr_as(total(subsidy_application::Column::PaidCents), "paid")
        .filter(subsidy_application::Column::SchemeId.eq(scheme))
        .filter(subsidy_application::Column::Status.is_in(awarded_codes()))
        .into_tuple()
        .one(db)
        .await
        .map_err(internal)?
        .unwrap_or((0, 0));
    let awarded = cents(awarded, "award")?;
    let paid = cents(paid, "payment")?;
    Ok((awarded, paid))
}

impl SchemeStore {
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

    /// Stores a new scheme.
    pub async fn create(&self, scheme: &Scheme) -> Result<(), DomainError> {
        to_row(scheme, false, Utc::now())
            .insert(&self.db)
            .await
            .map_err(internal)?;
        Ok(())
    }

    /// The scheme with this id.
    pub async fn find(&self, id: Uuid) -> Result<Option<StoredScheme>, DomainError> {
        row::Entity::find_by_id(id)
            .one(&self.reader)
            .await
            .map_err(internal)?
            .map(StoredScheme::try_from)
            .transpose()
    }

    /// Up to `limit` schemes, newest first, older than `before`: within `scope`, or, when
    /// `open_at` is given, only those open at that instant (the public view).
    pub async fn list(
        &self,
        scope: Option<&ListScope>,
        open_at: Option<DateTime<Utc>>,
        before: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<StoredScheme>, DomainError> {
        let mut condition = Condition::all();
        if let Some(scope) = scope
            && let MunicipalityGrant::Only(codes) = &scope.municipalities
        {
            condition =
                condition.add(row::Column::Municipality.is_in(codes.iter().map(NisCode::as_str)));
        }
        if let Some(now) = open_at {
            condition = condition
                .add(row::Column::OpensAt.lte(now))
                .add(row::Column::ClosesAt.gt(now));
        }
        if let Some(before) = before {
            condition = condition.add(row::Column::Id.lt(before));
        }
        row::Entity::find()
            .filter(condition)
            .order_by_desc(row::Column::Id)
            .limit(limit)
            .all(&self.reader)
            .await
            .map_err(internal)?
            .into_iter()
            .map(StoredScheme::try_from)
            .collect()
    }

    /// Stores `next` when the stored version is still `next.version` and, when `locked_check`,
    /// no application was submitted since it was read.
    pub async fn update(&self, next: &Scheme, was_locked: bool) -> Result<Scheme, DomainError> {
        let now = Utc::now();
        let mut update = row::Entity::update_many()
            .col_expr(row::Column::Title, Expr::value(next.title.clone()))
            .col_expr(
                row::Column::Description,
                Expr::value(next.description.clone()),
            )
            .col_expr(
                row::Column::LegalBasis,
                Expr::value(next.legal_basis.clone()),
            )
            .col_expr(
                row::Column::FundingSource,
                Expr::value(next.funding_source.code()),
            )
            .col_expr(
                row::Column::EligibleApplicants,
                Expr::value(codes(&next.eligible_applicants)),
            )
            .col_expr(
                row::Column::TargetGroups,
                Expr::value(codes(&next.target_groups)),
            )
            .col_expr(
                row::Column::BudgetCents,
                Expr::value(next.budget_cents.get()),
            )
            .col_expr(
                row::Column::MaxAwardCents,
                Expr::value(next.max_award_cents.get()),
            )
            .col_expr(
                row::Column::MaxShareOfCostsPercent,
                Expr::value(i16::from(next.max_share_of_costs_percent)),
            )
            .col_expr(row::Column::OpensAt, Expr::value(next.opens_at))
            .col_expr(row::Column::ClosesAt, Expr::value(next.closes_at))
            .col_expr(
                row::Column::Criteria,
                Expr::value(criteria_json(&next.criteria)),
            )
            .col_expr(row::Column::Version, Expr::value(next.version + 1))
            .col_expr(row::Column::UpdatedAt, Expr::value(now))
            .filter(row::Column::Id.eq(next.id))
            .filter(row::Column::Version.eq(next.version));
        if !was_locked {
            // A submission in between locks the money: the version check alone would not see it.
            update = update.filter(row::Column::HasSubmissions.eq(false));
        }
        let result = update.exec(&self.db).await.map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        Ok(Scheme {
            version: next.version + 1,
            ..next.clone()
        })
    }

    /// The budget figures of `scheme`.
    pub async fn budget(&self, scheme: &Scheme) -> Result<SchemeBudget, DomainError> {
        let (awarded, paid) = money_of(&self.reader, scheme.id).await?;
        Ok(SchemeBudget::new(scheme.budget_cents, awarded, paid))
    }
}
