//! The complaint statistics' running totals: `complaint_counts` holds, per municipality, day
//! and month of receipt, how many complaints have each ground, conduct, context and status.
//! Every change to a complaint adjusts them in its own transaction, so statistics read a few
//! hundred rows instead of counting a million complaints a request.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::Complaint;
use samenleven_domain::reference::Enumeration;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseBackend, StatementBuilder};

use super::internal;

/// The table.
pub(crate) const TABLE: &str = "complaint_counts";
/// The dimensions counted, as stored in `dimension`.
pub(crate) const GROUND: &str = "ground";
pub(crate) const CONDUCT: &str = "conduct";
pub(crate) const CONTEXT: &str = "context";
pub(crate) const STATUS: &str = "status";
/// The grains, as stored in `grain`.
pub(crate) const DAY: &str = "day";
pub(crate) const MONTH: &str = "month";

/// The first day of the month of `day`.
pub(crate) fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// What `c` adds to the counts: (dimension, code) once each.
fn contributions(c: &Complaint) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::with_capacity(c.grounds.len() + c.conduct.len() + 2);
    out.extend(c.grounds.iter().map(|g| (GROUND, g.code())));
    out.extend(c.conduct.iter().map(|k| (CONDUCT, k.code())));
    out.push((CONTEXT, c.incident.context.code()));
    out.push((STATUS, c.status.code()));
    out
}

/// Count changes: (municipality, grain, period start, dimension, code) → how much.
type Deltas = BTreeMap<(String, &'static str, NaiveDate, &'static str, &'static str), i64>;

/// Adds `sign` times what `c` contributes, at both grains.
fn add(deltas: &mut Deltas, c: &Complaint, sign: i64) {
    for (dimension, code) in contributions(c) {
        for (grain, start) in [(DAY, c.received_on), (MONTH, month_of(c.received_on))] {
            let key = (
                c.municipality.as_str().to_owned(),
                grain,
                start,
                dimension,
                code,
            );
            *deltas.entry(key).or_default() += sign;
        }
    }
}

/// Moves the counts from `before` to `after` (either may be absent: a creation has no
/// before) in the transaction `db`. Both are the same complaint: same municipality and day.
pub(crate) async fn adjust(
    db: &impl ConnectionTrait,
    before: Option<&Complaint>,
    after: Option<&Complaint>,
) -> Result<(), DomainError> {
    let mut deltas = Deltas::new();
    if let Some(after) = after {
        add(&mut deltas, after, 1);
    }
    if let Some(before) = before {
        add(&mut deltas, before, -1);
    }
    write(db, deltas).await
}

/// Counts the new complaints `created`, in the transaction `db`.
pub(crate) async fn add_all(
    db: &impl ConnectionTrait,
    created: &[Complaint],
) -> Result<(), DomainError> {
    let mut deltas = Deltas::new();
    for c in created {
        add(&mut deltas, c, 1);
    }
    write(db, deltas).await
}

/// One upsert that adds every non-zero delta (each key once: PostgreSQL refuses to update a
/// row twice in one statement).
async fn write(db: &impl ConnectionTrait, mut deltas: Deltas) -> Result<(), DomainError> {
    deltas.retain(|_, n| *n != 0);
    if deltas.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert.into_table(Alias::new(TABLE)).columns(
        [
            "municipality",
            "grain",
            "period_start",
            "dimension",
            "code",
            "count",
        ]
        .map(Alias::new),
    );
    for ((municipality, grain, start, dimension, code), n) in deltas {
        insert.values_panic([
            municipality.into(),
            grain.into(),
            start.into(),
            dimension.into(),
            code.into(),
            n.into(),
        ]);
    }
    insert.on_conflict(
        OnConflict::columns(
            ["municipality", "grain", "period_start", "dimension", "code"].map(Alias::new),
        )
        .value(
            Alias::new("count"),
            Expr::col((Alias::new(TABLE), Alias::new("count")))
                .add(Expr::col((Alias::new("excluded"), Alias::new("count")))),
        )
        .to_owned(),
    );
    db.execute_raw(StatementBuilder::build(&insert, &db.get_database_backend()))
        .await
        .map_err(internal)?;
    Ok(())
}

/// The statements that recount `complaint_counts` from the complaints themselves: after a
/// migration of existing data, and after seeding.
pub(crate) fn rebuild_statements(backend: DatabaseBackend) -> Vec<String> {
    let month = match backend {
        DatabaseBackend::Postgres => "CAST(date_trunc('month', period_start) AS date)",
        _ => "date(period_start, 'start of month')",
    };
    let columns = "municipality, grain, period_start, dimension, code, count";
    let by_day = |dimension: &str, table: &str, column: &str| {
        format!(
            "INSERT INTO {TABLE} ({columns}) SELECT municipality, '{DAY}', received_on, \
             '{dimension}', {column}, COUNT(*) FROM {table} \
             GROUP BY municipality, received_on, {column}"
        )
    };
    vec![
        format!("DELETE FROM {TABLE}"),
        by_day(GROUND, "complaint_grounds", "ground"),
        by_day(CONDUCT, "complaint_conduct", "conduct"),
        by_day(CONTEXT, "complaints", "context"),
        by_day(STATUS, "complaints", "status"),
        format!(
            "INSERT INTO {TABLE} ({columns}) SELECT municipality, '{MONTH}', {month}, dimension, \
             code, SUM(count) FROM {TABLE} WHERE grain = '{DAY}' \
             GROUP BY municipality, {month}, dimension, code"
        ),
    ]
}

/// Recounts `complaint_counts` from the complaints, in the transaction or connection `db`.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DomainError> {
    for statement in rebuild_statements(db.get_database_backend()) {
        db.execute_unprepared(&statement).await.map_err(internal)?;
    }
    Ok(())
}

/// A period of receipt cut into whole months (read from the month rows) and the days at
/// either end that do not fill a month (read from the day rows, each within one month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segments {
    /// First and last month start, when at least one whole month lies in the period.
    pub months: Option<(NaiveDate, NaiveDate)>,
    /// Runs of days, each within one month.
    pub days: Vec<(NaiveDate, NaiveDate)>,
}

fn last_of_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|next| next.pred_opt())
        .unwrap_or(day)
}

/// Cuts `from..=to` into [`Segments`].
pub(crate) fn segments(from: NaiveDate, to: NaiveDate) -> Segments {
    let mut out = Segments {
        months: None,
        days: Vec::new(),
    };
    if from > to {
        return out;
    }
    let first_whole = if from.day() == 1 {
        from
    } else {
        last_of_month(from).succ_opt().unwrap_or(from)
    };
    let last_whole_end = if to == last_of_month(to) {
        to
    } else {
        month_of(to).pred_opt().unwrap_or(to)
    };
    if first_whole <= last_whole_end {
        out.months = Some((first_whole, month_of(last_whole_end)));
        if from < first_whole {
            out.days
                .push((from, first_whole.pred_opt().unwrap_or(from)));
        }
        if to > last_whole_end {
            out.days.push((last_whole_end.succ_opt().unwrap_or(to), to));
        }
    } else {
        // No whole month: at most the end of one month and the start of the next.
        let mut start = from;
        while start <= to {
            let end = Ord::min(last_of_month(start), to);
            out.days.push((start, end));
            match end.succ_opt() {
                Some(next) => start = next,
                None => break,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn whole_months_are_read_from_month_rows_and_the_ends_from_day_rows() {
        assert_eq!(
            segments(d(2025, 1, 15), d(2025, 6, 10)),
            Segments {
                months: Some((d(2025, 2, 1), d(2025, 5, 1))),
                days: vec![
                    (d(2025, 1, 15), d(2025, 1, 31)),
                    (d(2025, 6, 1), d(2025, 6, 10))
                ],
            }
        );
        assert_eq!(
            segments(d(2025, 1, 1), d(2025, 12, 31)),
            Segments {
                months: Some((d(2025, 1, 1), d(2025, 12, 1))),
                days: vec![],
            }
        );
    }

    #[test]
    fn a_period_within_two_months_is_read_from_day_rows_only() {
        assert_eq!(
            segments(d(2024, 2, 10), d(2024, 3, 5)),
            Segments {
                months: None,
                days: vec![
                    (d(2024, 2, 10), d(2024, 2, 29)),
                    (d(2024, 3, 1), d(2024, 3, 5))
                ],
            }
        );
        assert_eq!(
            segments(d(2024, 12, 3), d(2024, 12, 3)).days,
            vec![(d(2024, 12, 3), d(2024, 12, 3))]
        );
        assert_eq!(segments(d(2024, 12, 3), d(2024, 12, 2)).days, vec![]);
    }
}
