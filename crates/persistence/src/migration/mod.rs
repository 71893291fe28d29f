//! The schema's history: one migration a file, run in order on SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::{Alias, Index};
use sea_orm_migration::{DbErr, MigrationName, MigrationTrait, MigratorTrait, SchemaManager};

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
mod m20261203_000012_widen_complaints_received_index;

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
            Box::new(m20261123_000011_widen_complaints_municipality_index::MIGRATION),
            Box::new(m20261203_000012_widen_complaints_received_index::MIGRATION),
        ]
    }
}

/// One index: its name and its columns in order.
type IndexShape = (&'static str, &'static [&'static str]);

/// A migration that replaces the index `old` on `table` by `new`. The new one is built before
/// the old one goes, so the queries they serve never lack both; down does the reverse.
struct ReplaceIndex {
    name: &'static str,
    table: &'static str,
    old: IndexShape,
    new: IndexShape,
}

impl MigrationName for ReplaceIndex {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for ReplaceIndex {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, self.table, self.old, self.new).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, self.table, self.new, self.old).await
    }
}

async fn replace(
    manager: &SchemaManager<'_>,
    table: &str,
    old: IndexShape,
    new: IndexShape,
) -> Result<(), DbErr> {
    let mut create = Index::create();
    create.name(new.0).table(Alias::new(table));
    for column in new.1 {
        create.col(Alias::new(*column));
    }
    manager.create_index(create).await?;
    manager
        .drop_index(
            Index::drop()
                .name(old.0)
                .table(Alias::new(table))
                .to_owned(),
        )
        .await
}
