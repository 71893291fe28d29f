//! The retention ledger: which record was anonymised, when and why, without personal data.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("retention_ledger"))
                    .col(
                        ColumnDef::new(Alias::new("id"))
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Alias::new("register"))
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Alias::new("record_id")).uuid().not_null())
                    .col(
                        ColumnDef::new(Alias::new("reference"))
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Alias::new("reason"))
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Alias::new("anonymised_at"))
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("retention_ledger_record_key")
                    .table(Alias::new("retention_ledger"))
                    .col(Alias::new("record_id"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("retention_ledger"))
                    .to_owned(),
            )
            .await
    }
}
