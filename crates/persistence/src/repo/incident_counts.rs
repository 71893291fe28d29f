//! The incident overview's running totals: `incident_counts` holds, per municipality and
//! half-year, how many incidents have each motivation × crime type, each motivation, each crime
//! type, and how many there are (the codes left empty where a total is not per code). Every
//! creation and reclassification adjusts them in its own transaction, so an overview reads a
//! few hundred rows instead of every incident of a year.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use samenleven_domain::DomainError;
use samenleven_domain::model::hate_crime::{HalfYear, Incident, OverviewCounted, OverviewRow};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::reference::{BiasMotivation, CrimeType, Enumeration};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseBackend, StatementBuilder};

use super::{corrupt, internal};

/// The table.
pub(crate) const TABLE: &str = "incident_counts";
/// The columns of the primary key, then the count.
const COLUMNS: [&str; 5] = [
    "municipality",
    "period_start",
    "bias_motivation",
    "crime_type",
    "count",
];

/// Count changes: (municipality, first day of the half-year, motivation, crime type) → how much.
type Deltas = BTreeMap<(String, NaiveDate, &'static str, &'static str), i64>;

/// The stored codes of a running total: empty where the total is not per code.
fn codes(counted: &OverviewCounted) -> (&NisCode, &'static str, &'static str) {
    match counted {
        OverviewCounted::Cell(m, motivation, crime_type) => {
            (m, motivation.code(), crime_type.code())
        }
        OverviewCounted::Motivation(m, motivation) => (m, motivation.code(), ""),
        OverviewCounted::CrimeType(m, crime_type) => (m, "", crime_type.code()),
        OverviewCounted::Municipality(m) => (m, "", ""),
    }
}

/// What the overview needs of `i`.
fn overview_row(i: &Incident) -> OverviewRow {
    OverviewRow {
        municipality: i.municipality.clone(),
        bias_motivations: i.bias_motivations.clone(),
        crime_types: i.crime_types.clone(),
        occurred_on: i.occurred_on,
    }
}

/// Adds `sign` times what `i` contributes.
fn add(deltas: &mut Deltas, i: &Incident, sign: i64) {
    let Some((period, counted)) = overview_row(i).counted() else {
        return;
    };
    for c in &counted {
        let (m, motivation, crime_type) = codes(c);
        let key = (
            m.as_str().to_owned(),
            period.first_day(),
            motivation,
            crime_type,
        );
        *deltas.entry(key).or_default() += sign;
    }
}

/// Moves the counts from `before` to `after` (a creation has no before) in the transaction
/// `db`.
pub(crate) async fn adjust(
    db: &impl ConnectionTrait,
    before: Option<&Incident>,
    after: &Incident,
) -> Result<(), DomainError> {
    let mut deltas = Deltas::new();
    add(&mut deltas, after, 1);
    if let Some(before) = before {
        add(&mut deltas, before, -1);
    }
    deltas.retain(|_, n| *n != 0);
    if deltas.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(TABLE))
        .columns(COLUMNS.map(Alias::new));
    for ((municipality, start, motivation, crime_type), n) in deltas {
        insert.values_panic([
            municipality.into(),
            start.into(),
            motivation.into(),
            crime_type.into(),
            n.into(),
        ]);
    }
    insert.on_conflict(
        OnConflict::columns(COLUMNS[..4].iter().map(|c| Alias::new(*c)))
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

/// The statements that recount `incident_counts` from the incidents and their classification
/// rows: after a migration of existing data, and after seeding.
pub(crate) fn rebuild_statements(backend: DatabaseBackend) -> Vec<String> {
    let half = |column: &str| match backend {
        DatabaseBackend::Postgres => format!(
            "CAST(date_trunc('year', {column}) + CASE WHEN EXTRACT(MONTH FROM {column}) <= 6 \
             THEN INTERVAL '0 months' ELSE INTERVAL '6 months' END AS date)"
        ),
        _ => format!(
            "CASE WHEN strftime('%m', {column}) <= '06' THEN date({column}, 'start of year') \
             ELSE date({column}, 'start of year', '+6 months') END"
        ),
    };
    let columns = COLUMNS.join(", ");
    let b = half("b.occurred_on");
    let plain = half("occurred_on");
    vec![
        format!("DELETE FROM {TABLE}"),
        format!(
            "INSERT INTO {TABLE} ({columns}) SELECT b.municipality, {b}, b.bias_motivation, \
             c.crime_type, COUNT(*) FROM incident_bias_motivations b \
             JOIN incident_crime_types c ON c.incident_id = b.incident_id \
             GROUP BY b.municipality, {b}, b.bias_motivation, c.crime_type"
        ),
        format!(
            "INSERT INTO {TABLE} ({columns}) SELECT municipality, {plain}, bias_motivation, '', \
             COUNT(*) FROM incident_bias_motivations GROUP BY municipality, {plain}, \
             bias_motivation"
        ),
        format!(
            "INSERT INTO {TABLE} ({columns}) SELECT municipality, {plain}, '', crime_type, \
             COUNT(*) FROM incident_crime_types GROUP BY municipality, {plain}, crime_type"
        ),
        format!(
            "INSERT INTO {TABLE} ({columns}) SELECT municipality, {plain}, '', '', COUNT(*) \
             FROM hate_crime_incidents GROUP BY municipality, {plain}"
        ),
    ]
}

/// Recounts `incident_counts` from the incidents, in the transaction or connection `db`.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DomainError> {
    for statement in rebuild_statements(db.get_database_backend()) {
        db.execute_unprepared(&statement).await.map_err(internal)?;
    }
    Ok(())
}

/// The running totals of `municipalities` in `periods`, each with its half-year and count.
pub(crate) async fn read(
    db: &impl ConnectionTrait,
    municipalities: &[NisCode],
    periods: &[HalfYear],
) -> Result<Vec<(OverviewCounted, HalfYear, u64)>, DomainError> {
    let column = |name: &str| Expr::col(Alias::new(name));
    let select = Query::select()
        .columns(COLUMNS.map(Alias::new))
        .from(Alias::new(TABLE))
        .and_where(
            column("municipality").is_in(municipalities.iter().map(|m| m.as_str().to_owned())),
        )
        .and_where(column("period_start").is_in(periods.iter().map(|p| p.first_day())))
        .and_where(column("count").ne(0))
        .to_owned();
    let rows = db
        .query_all_raw(StatementBuilder::build(&select, &db.get_database_backend()))
        .await
        .map_err(internal)?;
    let invalid = || corrupt("incident count", "key");
    rows.iter()
        .map(|row| {
            let municipality: String = row.try_get("", "municipality").map_err(internal)?;
            let start: NaiveDate = row.try_get("", "period_start").map_err(internal)?;
            let motivation: String = row.try_get("", "bias_motivation").map_err(internal)?;
            let crime_type: String = row.try_get("", "crime_type").map_err(internal)?;
            let count: i64 = row.try_get("", "count").map_err(internal)?;
            let m = NisCode::parse(&municipality).map_err(|_| invalid())?;
            let motivation = (!motivation.is_empty())
                .then(|| BiasMotivation::from_code(&motivation).ok_or_else(invalid))
                .transpose()?;
            let crime_type = (!crime_type.is_empty())
                .then(|| CrimeType::from_code(&crime_type).ok_or_else(invalid))
                .transpose()?;
            let counted = match (motivation, crime_type) {
                (Some(b), Some(c)) => OverviewCounted::Cell(m, b, c),
                (Some(b), None) => OverviewCounted::Motivation(m, b),
                (None, Some(c)) => OverviewCounted::CrimeType(m, c),
                (None, None) => OverviewCounted::Municipality(m),
            };
            let period = HalfYear::containing(start).ok_or_else(invalid)?;
            let count = u64::try_from(count).map_err(|_| corrupt("incident count", "count"))?;
            Ok((counted, period, count))
        })
        .collect()
}
