//! Complaint statistics, read from the running totals in `complaint_counts`
//! ([`super::complaint_counts`]): whole months from the month rows, the days at either end of
//! the period from the day rows. A request reads a few hundred index entries, never the
//! complaints themselves.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::NisCode;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement, UnionType};
use sea_orm::{ConnectionTrait, StatementBuilder};

use super::complaint::ComplaintStore;
use super::complaint_counts::{
    CONDUCT, CONTEXT, DAY, GROUND, MONTH, STATUS, TABLE, month_of, segments,
};
use super::{corrupt, internal};

/// Raw counts: per code (or per month of receipt), before any suppression.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplaintCounts {
    /// Complaints in the selection.
    pub total: u64,
    /// Per ground code.
    pub by_ground: Vec<(String, u64)>,
    /// Per context code.
    pub by_context: Vec<(String, u64)>,
    /// Per conduct code.
    pub by_conduct: Vec<(String, u64)>,
    /// Per status code.
    pub by_status: Vec<(String, u64)>,
    /// Per period of receipt, each the first day of its month or a day within it (the caller
    /// groups them by month).
    pub by_day: Vec<(NaiveDate, u64)>,
}

/// The selection: municipalities and the period of receipt.
#[derive(Debug, Clone)]
pub struct StatisticsScope<'a> {
    /// Only these municipalities.
    pub municipalities: &'a [NisCode],
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
}

/// The earliest and latest days a period without bounds reaches.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

fn col(name: &str) -> Expr {
    Expr::col(Alias::new(name))
}

/// Rows of `grain` from `first` to `last` (period starts) in `municipalities`.
fn rows(
    municipalities: &[NisCode],
    grain: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> SelectStatement {
    Query::select()
        .from(Alias::new(TABLE))
        .and_where(col("municipality").is_in(municipalities.iter().map(|m| m.as_str().to_owned())))
        .and_where(col("grain").eq(grain))
        .and_where(col("period_start").gte(first))
        .and_where(col("period_start").lte(last))
        .to_owned()
}

impl ComplaintStore {
    /// Counts complaints in `scope` by ground, context, conduct, status and month of receipt.
    pub async fn statistics(
        &self,
        scope: &StatisticsScope<'_>,
    ) -> Result<ComplaintCounts, DomainError> {
        let db = self.reader();
        let backend = db.get_database_backend();
        let plan = segments(
            Ord::max(scope.from.unwrap_or(EARLIEST), EARLIEST),
            Ord::min(scope.to.unwrap_or(LATEST), LATEST),
        );
        let mut codes: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut months: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        // Every part answers the same columns: which part (w), a period (p), dimension (d),
        // code (k) and count (n); they go to the database as one UNION ALL, one round trip.
        let total_of = |mut query: SelectStatement, part: i32| {
            query
                .expr_as(Expr::val(part), Alias::new("w"))
                .expr_as(Func::min(col("period_start")), Alias::new("p"))
                .expr_as(col("dimension"), Alias::new("d"))
                .expr_as(col("code"), Alias::new("k"))
                .expr_as(
                    Func::cast_as(Func::sum(col("count")), Alias::new("BIGINT")),
                    Alias::new("n"),
                )
                .group_by_col(Alias::new("dimension"))
                .group_by_col(Alias::new("code"))
                .to_owned()
        };
        // Per part: `None` for the per-month status counts, else the month whose status
        // counts the part's codes add to (a run of days), or `Some(None)` for whole months.
        let mut parts: Vec<(SelectStatement, Option<Option<NaiveDate>>)> = Vec::new();
        if let Some((first, last)) = plan.months {
            parts.push((
                total_of(rows(scope.municipalities, MONTH, first, last), 0),
                Some(None),
            ));
            let per_month = rows(scope.municipalities, MONTH, first, last)
                .expr_as(Expr::val(1), Alias::new("w"))
                .expr_as(col("period_start"), Alias::new("p"))
                .expr_as(col("dimension"), Alias::new("d"))
                .expr_as(Expr::val(""), Alias::new("k"))
                .expr_as(
                    Func::cast_as(Func::sum(col("count")), Alias::new("BIGINT")),
                    Alias::new("n"),
                )
                .and_where(col("dimension").eq(STATUS))
                .group_by_col(Alias::new("period_start"))
                .group_by_col(Alias::new("dimension"))
                .to_owned();
            parts.push((per_month, None));
        }
        for (first, last) in &plan.days {
            let part = i32::try_from(parts.len()).unwrap_or(i32::MAX);
            parts.push((
                total_of(rows(scope.municipalities, DAY, *first, *last), part),
                Some(Some(month_of(*first))),
            ));
        }
        let mut statements = parts.iter().map(|(query, _)| query.clone());
        if let Some(mut union) = statements.next() {
            for next in statements {
                union.union(UnionType::All, next);
            }
            for row in db
                .query_all_raw(StatementBuilder::build(&union, &backend))
                .await
                .map_err(internal)?
            {
                let part: i32 = row.try_get("", "w").map_err(internal)?;
                let kind = usize::try_from(part)
                    .ok()
                    .and_then(|i| parts.get(i))
                    .map(|(_, kind)| *kind)
                    .ok_or_else(|| corrupt("statistics", "part"))?;
                let n = sum(&row)?;
                let Some(month) = kind else {
                    let month: NaiveDate = row.try_get("", "p").map_err(internal)?;
                    *months.entry(month).or_default() += n;
                    continue;
                };
                let dimension: String = row.try_get("", "d").map_err(internal)?;
                let code: String = row.try_get("", "k").map_err(internal)?;
                if let Some(month) = month
                    && dimension == STATUS
                {
                    *months.entry(month).or_default() += n;
                }
                *codes.entry((dimension, code)).or_default() += n;
            }
        }
        let of = |dimension: &str| -> Vec<(String, u64)> {
            codes
                .iter()
                .filter(|((d, _), n)| d == dimension && **n > 0)
                .map(|((_, code), n)| (code.clone(), u64::try_from(*n).unwrap_or(0)))
                .collect()
        };
        let by_status = of(STATUS);
        Ok(ComplaintCounts {
            total: by_status.iter().map(|(_, n)| n).sum(),
            by_ground: of(GROUND),
            by_context: of(CONTEXT),
            by_conduct: of(CONDUCT),
            by_status,
            by_day: months
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(month, n)| (month, u64::try_from(n).unwrap_or(0)))
                .collect(),
        })
    }
}

/// The `n` of a row: a SUM cast to a big integer.
fn sum(row: &sea_orm::QueryResult) -> Result<i64, DomainError> {
    row.try_get::<i64>("", "n").map_err(internal)
}
