//! Hate-crime consultations, their participants and their action items.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn id(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .uuid()
        .not_null()
        .to_owned()
}

fn text(name: &str, len: u32) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string_len(len)
        .not_null()
        .to_owned()
}

fn instant(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn references(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Alias::new(table), Alias::new(column))
        .to(Alias::new(target), Alias::new("id"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("consultations"))
                    .col(id("id").primary_key())
                    .col(
                        ColumnDef::new(Alias::new("municipalities"))
                            .json()
                            .not_null(),
                    )
                    .col(text("municipality_set", 1200))
                    .col(text("period", 7))
                    .col(instant("scheduled_at"))
                    .col(text("location", 300))
                    .col(text("status", 32))
                    .col(ColumnDef::new(Alias::new("minutes")).text().null())
                    .col(ColumnDef::new(Alias::new("version")).integer().not_null())
                    .col(instant("created_at"))
                    .col(instant("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("consultations_set_idx")
                    .table(Alias::new("consultations"))
                    .col(Alias::new("municipality_set"))
                    .col(Alias::new("period"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("consultation_participants"))
                    .col(id("id").primary_key())
                    .col(id("consultation_id"))
                    .col(text("organisation", 200))
                    .col(text("kind", 32))
                    .col(ColumnDef::new(Alias::new("present")).boolean().not_null())
                    .col(ColumnDef::new(Alias::new("partner_id")).uuid().null())
                    .foreign_key(&mut references(
                        "consultation_participants",
                        "consultation_id",
                        "consultations",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("consultation_action_items"))
                    .col(id("id").primary_key())
                    .col(id("consultation_id"))
                    .col(ColumnDef::new(Alias::new("description")).text().not_null())
                    .col(text("owner_organisation", 200))
                    .col(ColumnDef::new(Alias::new("due_on")).date().not_null())
                    .col(text("status", 32))
                    .col(ColumnDef::new(Alias::new("version")).integer().not_null())
                    .foreign_key(&mut references(
                        "consultation_action_items",
                        "consultation_id",
                        "consultations",
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, table) in [
            ("consultation_participants_idx", "consultation_participants"),
            ("consultation_action_items_idx", "consultation_action_items"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Alias::new(table))
                        .col(Alias::new("consultation_id"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "consultation_action_items",
            "consultation_participants",
            "consultations",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
