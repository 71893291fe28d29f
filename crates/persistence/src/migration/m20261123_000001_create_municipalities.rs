//! The tenants: municipalities by NIS code, with their complaint deadlines.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    NisCode,
    Name,
    AcknowledgeDays,
    ResolveDays,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Municipalities::Table)
                    .col(
                        ColumnDef::new(Municipalities::NisCode)
                            .string_len(5)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Municipalities::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Municipalities::AcknowledgeDays)
                            .integer()
                            .not_null()
                            .default(5),
                    )
                    .col(
                        ColumnDef::new(Municipalities::ResolveDays)
                            .integer()
                            .not_null()
                            .default(45),
                    )
                    .col(
                        ColumnDef::new(Municipalities::Version)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .col(
                        ColumnDef::new(Municipalities::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Municipalities::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Municipalities::Table).to_owned())
            .await
    }
}
