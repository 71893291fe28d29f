//! Development data at scale: realistic, varied complaints, hate-crime incidents and subsidy
//! applications spread over several municipalities and two years, written in batched
//! multi-row inserts, one transaction a batch.
//!
//! Every record is built as its domain type and stored through the repositories' own row
//! mapping, so each one reads back on every path the service has. References continue the
//! counters already in the database and the counters are moved past them, so records created
//! afterwards never collide.

mod complaints;
mod incidents;
mod pick;
mod subsidies;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::{ComplaintDeadlines, Municipality, NisCode};
use samenleven_domain::model::reference_number::ReferencePrefix;
use samenleven_domain::ports::MunicipalityRepository;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, StatementBuilder,
    TransactionTrait,
};

use crate::repo::internal;
use crate::repo::municipality::MunicipalityStore;
use crate::repo::retention::RetentionPeriods;

/// Records a batch holds: one transaction, a few multi-row statements per table.
const BATCH: usize = 5_000;

/// Rows a multi-row INSERT carries: well under SQLite's and PostgreSQL's bound-parameter limits
/// for the widest table (about forty columns).
const ROWS_PER_STATEMENT: usize = 500;

/// The days the seeded records spread over, ending today.
const SPAN_DAYS: i64 = 730;

/// How many records of each register to add.
#[derive(Debug, Clone, Copy, Default)]
pub struct SeedPlan {
    /// The retention periods the service runs with (the defaults when absent): complaints
    /// closed longer ago are seeded already anonymised.
    pub retention: Option<RetentionPeriods>,
    /// Complaints and reports.
    pub complaints: u64,
    /// Hate-crime incidents.
    pub incidents: u64,
    /// Subsidy applications (with the schemes they apply to).
    pub applications: u64,
    /// The seed of the random generator: the same plan on an empty database gives the same data.
    pub random_seed: u64,
}

/// Where seeding is, for a progress line.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// The register being filled.
    pub register: &'static str,
    /// Records written so far.
    pub done: u64,
    /// Records to write.
    pub total: u64,
    /// Time since the register started.
    pub elapsed: Duration,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    /// Complaints written.
    pub complaints: u64,
    /// Incidents written.
    pub incidents: u64,
    /// Subsidy schemes written.
    pub schemes: u64,
    /// Applications written.
    pub applications: u64,
    /// The municipalities the records belong to.
    pub municipalities: Vec<NisCode>,
}

/// A municipality of the seeded region, with its share of the records and its police zone.
pub(crate) struct Place {
    pub nis: NisCode,
    pub name: &'static str,
    pub weight: u32,
    pub police_zone: &'static str,
    pub districts: &'static [&'static str],
    pub streets: &'static [&'static str],
    pub deadlines: ComplaintDeadlines,
}

/// Izegem and the Dender region: name, NIS code, share, police zone, districts, streets.
type PlaceRow = (
    &'static str,
    &'static str,
    u32,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const PLACES: [PlaceRow; 6] = [
    (
        "36008",
        "Izegem",
        3,
        "PZ RIHO",
        &["Centrum", "Kachtem", "Emelgem", "Bosmolens"],
        &[
            "Grote Markt",
            "Meensestraat",
            "Roeselarestraat",
            "Kortrijksestraat",
        ],
    ),
    (
        "41002",
        "Aalst",
        8,
        "PZ Aalst",
        &[
            "Centrum",
            "Erembodegem",
            "Hofstade",
            "Nieuwerkerken",
            "Moorsel",
        ],
        &[
            "Grote Markt",
            "Molenstraat",
            "Kerkstraat",
            "Stationsplein",
            "Dirk Martensstraat",
        ],
    ),
    (
        "41048",
        "Ninove",
        4,
        "PZ Ninove",
        &["Centrum", "Meerbeke", "Okegem", "Denderwindeke"],
        &["Oudstrijdersplein", "Burchtstraat", "Brakelsesteenweg"],
    ),
    (
        "41018",
        "Geraardsbergen",
        3,
        "PZ Geraardsbergen/Lierde",
        &["Centrum", "Overboelare", "Moerbeke", "Zarlardinge"],
        &["Markt", "Oudenaardsestraat", "Vesten"],
    ),
    (
        "41011",
        "Denderleeuw",
        2,
        "PZ Denderleeuw/Haaltert",
        &["Centrum", "Iddergem", "Welle"],
        &["Stationsstraat", "Kerkstraat", "Dorp"],
    ),
    (
        "23104",
        "Liedekerke",
        2,
        "PZ TARL",
        &["Centrum", "Kapelleveld", "Muylem"],
        &["Opperstraat", "Stationsstraat", "Kerkveld"],
    ),
];

/// Creates the region's municipalities that are missing and returns them with their deadlines.
async fn places(db: &DatabaseConnection) -> Result<Vec<Place>, DomainError> {
    let store = MunicipalityStore::new(db.clone());
    let mut places = Vec::with_capacity(PLACES.len());
    for (code, name, weight, police_zone, districts, streets) in PLACES {
        let nis = NisCode::parse(code).map_err(|m| DomainError::invalid("/nisCode", m))?;
        let deadlines = match store.find(&nis).await? {
            Some(existing) => existing.deadlines,
            None => {
                let municipality = Municipality {
                    nis_code: nis.clone(),
                    name: name.to_owned(),
                    deadlines: ComplaintDeadlines::DEFAULT,
                    version: 1,
                };
                store.insert(&municipality).await?;
                municipality.deadlines
            }
        };
        places.push(Place {
            nis,
            name,
            weight,
            police_zone,
            districts,
            streets,
            deadlines,
        });
    }
    Ok(places)
}

/// The next free number of each (municipality, year) of one reference prefix, read from the
/// counters and written back once the records are in.
pub(crate) struct Counters {
    prefix: ReferencePrefix,
    next: HashMap<(String, i32), u32>,
}

impl Counters {
    async fn load(db: &impl ConnectionTrait, prefix: ReferencePrefix) -> Result<Self, DomainError> {
        let query = Query::select()
            .columns([
                Alias::new("municipality"),
                Alias::new("year"),
                Alias::new("last_number"),
            ])
            .from(Alias::new("reference_counters"))
            .and_where(Expr::col(Alias::new("prefix")).eq(prefix.as_str()))
            .to_owned();
        let rows = db
            .query_all_raw(StatementBuilder::build(&query, &db.get_database_backend()))
            .await
            .map_err(internal)?;
        let mut next = HashMap::new();
        for row in rows {
            let municipality: String = row.try_get("", "municipality").map_err(internal)?;
            let year: i32 = row.try_get("", "year").map_err(internal)?;
            let last: i32 = row.try_get("", "last_number").map_err(internal)?;
            next.insert((municipality, year), u32::try_from(last).unwrap_or(0) + 1);
        }
        Ok(Self { prefix, next })
    }

    /// The next number for `municipality` in `year`.
    pub(crate) fn take(&mut self, municipality: &NisCode, year: i32) -> u32 {
        let slot = self
            .next
            .entry((municipality.as_str().to_owned(), year))
            .or_insert(1);
        let number = *slot;
        *slot += 1;
        number
    }

    /// Moves every counter to the last number handed out (never back).
    async fn store(&self, db: &impl ConnectionTrait) -> Result<(), DomainError> {
        let table = Alias::new("reference_counters");
        let last = Alias::new("last_number");
        for ((municipality, year), next) in &self.next {
            let used = i32::try_from(next.saturating_sub(1)).unwrap_or(i32::MAX);
            let statement = Query::insert()
                .into_table(table.clone())
                .columns([
                    Alias::new("prefix"),
                    Alias::new("municipality"),
                    Alias::new("year"),
                    last.clone(),
                ])
                .values_panic([
                    self.prefix.as_str().into(),
                    municipality.as_str().into(),
                    (*year).into(),
                    used.into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        Alias::new("prefix"),
                        Alias::new("municipality"),
                        Alias::new("year"),
                    ])
                    .value(
                        last.clone(),
                        Expr::case(
                            Expr::col((table.clone(), last.clone())).lt(used),
                            Expr::val(used),
                        )
                        .finally(Expr::col((table.clone(), last.clone()))),
                    )
                    .to_owned(),
                )
                .to_owned();
            db.execute_raw(StatementBuilder::build(
                &statement,
                &db.get_database_backend(),
            ))
            .await
            .map_err(internal)?;
        }
        Ok(())
    }
}

/// Inserts `rows` in multi-row statements of at most [`ROWS_PER_STATEMENT`].
pub(crate) async fn insert_all<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
) -> Result<(), DomainError>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// Writes one batch in its own transaction.
pub(crate) async fn commit_batch<F, Fut>(
    db: &DatabaseConnection,
    write: F,
) -> Result<(), DomainError>
where
    F: FnOnce(sea_orm::DatabaseTransaction) -> Fut,
    Fut: std::future::Future<Output = Result<sea_orm::DatabaseTransaction, DomainError>>,
{
    let tx = db.begin().await.map_err(internal)?;
    let tx = write(tx).await?;
    tx.commit().await.map_err(internal)
}

/// The first day of the seeded span and its length, ending at `now`.
pub(crate) fn span(now: DateTime<Utc>) -> (DateTime<Utc>, chrono::Duration) {
    let length = chrono::Duration::days(SPAN_DAYS);
    (now - length, length)
}

/// Fills the database on `db` as `plan` asks, reporting progress after every batch.
pub async fn seed(
    db: &DatabaseConnection,
    plan: SeedPlan,
    mut progress: impl FnMut(Progress),
) -> Result<SeedReport, DomainError> {
    let mut rng = StdRng::seed_from_u64(plan.random_seed);
    let places = places(db).await?;
    let now = Utc::now();
    let mut report = SeedReport {
        municipalities: places.iter().map(|p| p.nis.clone()).collect(),
        ..SeedReport::default()
    };

    let started = Instant::now();
    let mut counters = Counters::load(db, ReferencePrefix::Complaint).await?;
    report.complaints = complaints::seed(
        db,
        &places,
        plan.complaints,
        now,
        &mut rng,
        &mut counters,
        plan.retention.unwrap_or(RetentionPeriods::DEFAULT),
        |done| {
            progress(Progress {
                register: "complaints",
                done,
                total: plan.complaints,
                elapsed: started.elapsed(),
            });
        },
    )
    .await?;
    counters.store(db).await?;
    if plan.complaints > 0 {
        // The statistics' running totals, counted once from everything now stored.
        commit_batch(db, |tx| async move {
            crate::repo::complaint_counts::rebuild(&tx).await?;
            Ok(tx)
        })
        .await?;
    }

    let started = Instant::now();
    let mut counters = Counters::load(db, ReferencePrefix::Incident).await?;
    report.incidents = incidents::seed_incidents(
        db,
        &places,
        plan.incidents,
        now,
        &mut rng,
        &mut counters,
        |done| {
            progress(Progress {
                register: "incidents",
                done,
                total: plan.incidents,
                elapsed: started.elapsed(),
            });
        },
    )
    .await?;
    counters.store(db).await?;
    if plan.incidents > 0 {
        // The overview's running totals, counted once from everything now stored.
        commit_batch(db, |tx| async move {
            crate::repo::incident_counts::rebuild(&tx).await?;
            Ok(tx)
        })
        .await?;
    }

    let started = Instant::now();
    let mut counters = Counters::load(db, ReferencePrefix::Application).await?;
    let (schemes, applications) = subsidies::seed_subsidies(
        db,
        &places,
        plan.applications,
        now,
        &mut rng,
        &mut counters,
        |done| {
            progress(Progress {
                register: "applications",
                done,
                total: plan.applications,
                elapsed: started.elapsed(),
            });
        },
    )
    .await?;
    counters.store(db).await?;
    report.schemes = schemes;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // After a bulk load PostgreSQL has no statistics until autovacuum comes by, and the
        // generic plans of the service's prepared statements turn keyset lists into scans
        // (measured: 24 lists a second with timeouts before, 653 after).
        db.execute_unprepared("ANALYZE").await.map_err(internal)?;
    }
    report.applications = applications;
    Ok(report)
}

pub(crate) use pick::Pick;
