//! Complaint statistics, counted in SQL with GROUP BY on indexed columns: never by loading
//! the complaints themselves.

use chrono::NaiveDate;
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::NisCode;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ConnectionTrait, StatementBuilder};

use super::complaint::ComplaintStore;
use super::internal;

/// Raw counts: per code (or per day of receipt), before any suppression.
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
    /// Per day of receipt (the caller groups them by month).
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

fn restrict(query: &mut SelectStatement, table: &str, scope: &StatisticsScope<'_>) {
    let column = |name: &str| Expr::col((Alias::new(table), Alias::new(name)));
    query.and_where(
        column("municipality").is_in(scope.municipalities.iter().map(|m| m.as_str().to_owned())),
    );
    if let Some(from) = scope.from {
        query.and_where(column("received_on").gte(from));
    }
    if let Some(to) = scope.to {
        query.and_where(column("received_on").lte(to));
    }
}

impl ComplaintStore {
    /// Counts complaints in `scope` by ground, context, conduct, status and day of receipt.
    pub async fn statistics(
        &self,
        scope: &StatisticsScope<'_>,
    ) -> Result<ComplaintCounts, DomainError> {
        let db = self.connection();
        let grouped = |table: &str, key: &str| {
            let mut query = Query::select();
            query
                .from(Alias::new(table))
                .expr_as(
                    Expr::col((Alias::new(table), Alias::new(key))),
                    Alias::new("k"),
                )
                .expr_as(Func::count(Expr::col(Alias::new(key))), Alias::new("n"))
                .group_by_col((Alias::new(table), Alias::new(key)))
                .order_by((Alias::new(table), Alias::new(key)), sea_orm::Order::Asc);
            restrict(&mut query, table, scope);
            query.to_owned()
        };
        let strings = |query: SelectStatement| async move {
            let rows = db
                .query_all_raw(StatementBuilder::build(&query, &db.get_database_backend()))
                .await
                .map_err(internal)?;
            rows.into_iter()
                .map(|row| {
                    let key: String = row.try_get("", "k").map_err(internal)?;
                    let n: i64 = row.try_get("", "n").map_err(internal)?;
                    Ok((key, u64::try_from(n).unwrap_or(0)))
                })
                .collect::<Result<Vec<_>, DomainError>>()
        };
        let by_ground = strings(grouped("complaint_grounds", "ground")).await?;
        let by_conduct = strings(grouped("complaint_conduct", "conduct")).await?;
        let by_context = strings(grouped("complaints", "context")).await?;
        let by_status = strings(grouped("complaints", "status")).await?;
        let days = grouped("complaints", "received_on");
        let rows = db
            .query_all_raw(StatementBuilder::build(&days, &db.get_database_backend()))
            .await
            .map_err(internal)?;
        let by_day = rows
            .into_iter()
            .map(|row| {
                let day: NaiveDate = row.try_get("", "k").map_err(internal)?;
                let n: i64 = row.try_get("", "n").map_err(internal)?;
                Ok((day, u64::try_from(n).unwrap_or(0)))
            })
            .collect::<Result<Vec<_>, DomainError>>()?;
        let total = by_status.iter().map(|(_, n)| n).sum();
        Ok(ComplaintCounts {
            total,
            by_ground,
            by_context,
            by_conduct,
            by_status,
            by_day,
        })
    }
}
