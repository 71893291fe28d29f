//! Running totals for the incident overview, counted once from the incidents already stored.

use sea_orm_migration::prelude::*;

use crate::repo::incident_counts::rebuild_statements;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IncidentCounts {
    Table,
    Municipality,
    PeriodStart,
    BiasMotivation,
    CrimeType,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IncidentCounts::Table)
                    .col(
                        ColumnDef::new(IncidentCounts::Municipality)
                            .string_len(5)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IncidentCounts::PeriodStart)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IncidentCounts::BiasMotivation)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IncidentCounts::CrimeType)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IncidentCounts::Count)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(IncidentCounts::Municipality)
                            .col(IncidentCounts::PeriodStart)
                            .col(IncidentCounts::BiasMotivation)
                            .col(IncidentCounts::CrimeType),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in rebuild_statements(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IncidentCounts::Table).to_owned())
            .await
    }
}
