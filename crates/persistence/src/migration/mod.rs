//! The schema's history: one migration a file, run in order on SQLite and PostgreSQL alike.

use sea_orm_migration::{MigrationTrait, MigratorTrait};

mod m20261123_000001_create_municipalities;
mod m20261123_000002_create_partners_and_api_keys;
mod m20261123_000003_create_complaints;
mod m20261123_000004_create_hate_crime_incidents;
mod m20261123_000005_create_consultations;
mod m20261123_000006_create_subsidies;
mod m20261123_000007_create_retention_ledger;
mod m20261123_000008_create_webhooks;
mod m20261123_000009_create_complaint_counts_and_list_indexes;
mod m20261123_000010_create_incident_counts;
mod m20261123_000011_widen_complaints_municipality_index;

/// Runs the migrations below in order.
pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_municipalities::Migration),
            Box::new(m20261123_000002_create_partners_and_api_keys::Migration),
            Box::new(m20261123_000003_create_complaints::Migration),
            Box::new(m20261123_000004_create_hate_crime_incidents::Migration),
            Box::new(m20261123_000005_create_consultations::Migration),
            Box::new(m20261123_000006_create_subsidies::Migration),
            Box::new(m20261123_000007_create_retention_ledger::Migration),
            Box::new(m20261123_000008_create_webhooks::Migration),
            Box::new(m20261123_000009_create_complaint_counts_and_list_indexes::Migration),
            Box::new(m20261123_000010_create_incident_counts::Migration),
            Box::new(m20261123_000011_widen_complaints_municipality_index::Migration),
        ]
    }
}
