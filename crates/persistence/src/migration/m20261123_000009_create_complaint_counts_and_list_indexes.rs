//! Running totals for the complaint statistics, counted once from the complaints already
//! stored; and indexes that serve the complaint list's filters in keyset order.

use sea_orm_migration::prelude::*;

use crate::repo::complaint_counts::rebuild_statements;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ComplaintCounts {
    Table,
    Municipality,
    Grain,
    PeriodStart,
    Dimension,
    Code,
    Count,
}

/// (name, table, columns) of the list indexes.
const INDEXES: [(&str, &str, &[&str]); 2] = [
    (
        "complaints_context_idx",
        "complaints",
        &["municipality", "context", "id"],
    ),
    (
        "complaint_grounds_ground_idx",
        "complaint_grounds",
        &["ground", "municipality", "complaint_id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ComplaintCounts::Table)
                    .col(
                        ColumnDef::new(ComplaintCounts::Municipality)
                            .string_len(5)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ComplaintCounts::Grain)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ComplaintCounts::PeriodStart)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ComplaintCounts::Dimension)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ComplaintCounts::Code)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ComplaintCounts::Count)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ComplaintCounts::Municipality)
                            .col(ComplaintCounts::Grain)
                            .col(ComplaintCounts::PeriodStart)
                            .col(ComplaintCounts::Dimension)
                            .col(ComplaintCounts::Code),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in rebuild_statements(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ComplaintCounts::Table).to_owned())
            .await
    }
}
