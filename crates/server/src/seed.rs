//! `samenleven seed`: fills a development database with realistic records at scale, for trying
//! the API on a full register and for the load benchmark. Refused in production.

use std::time::Instant;

use anyhow::Context;
use samenleven_persistence::seed::{Progress, SeedPlan, seed};

use crate::config::{Environment, Settings};

/// How many records `samenleven seed` adds.
#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// Complaints and reports to add.
    #[arg(long, default_value_t = 10_000)]
    complaints: u64,
    /// Hate-crime incidents to add.
    #[arg(long, default_value_t = 1_000)]
    incidents: u64,
    /// Subsidy applications to add (with a scheme per municipality and year).
    #[arg(long, default_value_t = 1_000)]
    applications: u64,
    /// Seed of the random generator: the same seed on an empty database gives the same data.
    #[arg(long, default_value_t = 2026)]
    random_seed: u64,
}

/// Seeds the configured database as `args` asks, printing progress and the time taken.
pub async fn run(settings: &Settings, args: SeedArgs) -> anyhow::Result<()> {
    if settings.config.environment == Environment::Production {
        anyhow::bail!(
            "seed adds made-up records and is for development only; it refuses to run with SAMENLEVEN_ENV=production"
        );
    }
    let database = crate::connect(settings).await?;
    let started = Instant::now();
    let mut shown = (0u64, "");
    let report = seed(
        database.connection(),
        SeedPlan {
            complaints: args.complaints,
            incidents: args.incidents,
            applications: args.applications,
            random_seed: args.random_seed,
            retention: Some(settings.config.retention()),
        },
        |p: Progress| {
            // A line at every tenth, and at the end of each register.
            let tenth = (p.total / 10).max(1);
            if p.done == p.total || p.done / tenth != shown.0 / tenth || p.register != shown.1 {
                eprintln!(
                    "  {:<12} {:>9} / {:<9} {:>7.1} s  {:>8.0} a second",
                    p.register,
                    p.done,
                    p.total,
                    p.elapsed.as_secs_f64(),
                    p.done as f64 / p.elapsed.as_secs_f64().max(0.001)
                );
            }
            shown = (p.done, p.register);
        },
    )
    .await
    .context("seeding failed")?;
    let codes: Vec<&str> = report.municipalities.iter().map(|m| m.as_str()).collect();
    println!(
        "seeded {} complaints, {} incidents, {} schemes and {} applications in {} in {:.1} s",
        report.complaints,
        report.incidents,
        report.schemes,
        report.applications,
        codes.join(", "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
