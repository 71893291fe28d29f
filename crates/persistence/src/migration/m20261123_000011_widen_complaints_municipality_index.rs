//! The complaints' keyset index by municipality also carries the status and the two deadlines,
//! for the list's `overdue` filter: SQLite tests them on the index entry and reads a complaint's
//! row only when it is overdue, where it read the row of every complaint it walked past (all the
//! recent ones, all the closed ones) before. It replaces the narrower index of the same order.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The index it replaces: (municipality, id).
const NARROW: &str = "complaints_municipality_id_idx";
/// The index it creates: (municipality, id, status, acknowledge_by, resolve_by).
const WIDE: &str = "complaints_municipality_deadlines_idx";

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Municipality,
    Id,
    Status,
    AcknowledgeBy,
    ResolveBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(WIDE)
                    .table(Complaints::Table)
                    .col(Complaints::Municipality)
                    .col(Complaints::Id)
                    .col(Complaints::Status)
                    .col(Complaints::AcknowledgeBy)
                    .col(Complaints::ResolveBy)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(NARROW)
                    .table(Complaints::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NARROW)
                    .table(Complaints::Table)
                    .col(Complaints::Municipality)
                    .col(Complaints::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(WIDE).table(Complaints::Table).to_owned())
            .await
    }
}
