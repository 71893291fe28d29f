//! Hate-crime incidents, with one row per bias motivation and per crime type for the ODIHR
//! summary and the overview in SQL. Police and prosecutor references are stored only as keyed
//! hashes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HateCrimeIncidents {
    Table,
    Id,
    Reference,
    Municipality,
    OccurredOn,
    LocationKind,
    District,
    BiasMotivations,
    CrimeTypes,
    Source,
    PoliceReferenceHash,
    ProsecutorReferenceHash,
    PoliceZone,
    ProsecutionStatus,
    LinkedComplaint,
    PossibleDuplicateOf,
    SubmittedByPartner,
    CreatedBy,
    CreatedAt,
    Version,
    UpdatedAt,
}

fn index(name: &str, table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(Alias::new(table));
    for column in columns {
        index.col(Alias::new(*column));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use HateCrimeIncidents as T;
        let text = |name: T, len: u32| ColumnDef::new(name).string_len(len).not_null().to_owned();
        let optional = |name: T, len: u32| ColumnDef::new(name).string_len(len).null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(ColumnDef::new(T::Id).uuid().not_null().primary_key())
                    .col(text(T::Reference, 20))
                    .col(text(T::Municipality, 5))
                    .col(ColumnDef::new(T::OccurredOn).date().not_null())
                    .col(text(T::LocationKind, 32))
                    .col(optional(T::District, 200))
                    .col(ColumnDef::new(T::BiasMotivations).json().not_null())
                    .col(ColumnDef::new(T::CrimeTypes).json().not_null())
                    .col(text(T::Source, 16))
                    .col(ColumnDef::new(T::PoliceReferenceHash).binary().null())
                    .col(ColumnDef::new(T::ProsecutorReferenceHash).binary().null())
                    .col(optional(T::PoliceZone, 200))
                    .col(text(T::ProsecutionStatus, 32))
                    .col(ColumnDef::new(T::LinkedComplaint).uuid().null())
                    .col(ColumnDef::new(T::PossibleDuplicateOf).uuid().null())
                    .col(ColumnDef::new(T::SubmittedByPartner).uuid().null())
                    .col(optional(T::CreatedBy, 200))
                    .col(
                        ColumnDef::new(T::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(T::Version).integer().not_null())
                    .col(
                        ColumnDef::new(T::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(T::Table, T::Municipality)
                            .to(Alias::new("municipalities"), Alias::new("nis_code")),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(T::Table, T::LinkedComplaint)
                            .to(Alias::new("complaints"), Alias::new("id")),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "incidents_reference_key",
                &["municipality", "reference"][..],
                true,
            ),
            (
                "incidents_municipality_id_idx",
                &["municipality", "id"][..],
                false,
            ),
            (
                "incidents_occurred_idx",
                &["municipality", "occurred_on"][..],
                false,
            ),
            (
                "incidents_police_reference_idx",
                &["police_reference_hash"][..],
                false,
            ),
            (
                "incidents_prosecutor_reference_idx",
                &["prosecutor_reference_hash"][..],
                false,
            ),
            (
                "incidents_linked_complaint_idx",
                &["linked_complaint"][..],
                false,
            ),
        ] {
            let mut statement = index(name, "hate_crime_incidents", columns);
            if unique {
                statement.unique();
            }
            manager.create_index(statement).await?;
        }
        for (table, code) in [
            ("incident_bias_motivations", "bias_motivation"),
            ("incident_crime_types", "crime_type"),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(Alias::new(table))
                        .col(ColumnDef::new(Alias::new("incident_id")).uuid().not_null())
                        .col(ColumnDef::new(Alias::new(code)).string_len(32).not_null())
                        .col(
                            ColumnDef::new(Alias::new("municipality"))
                                .string_len(5)
                                .not_null(),
                        )
                        .col(ColumnDef::new(Alias::new("occurred_on")).date().not_null())
                        .primary_key(
                            Index::create()
                                .col(Alias::new("incident_id"))
                                .col(Alias::new(code)),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(Alias::new(table), Alias::new("incident_id"))
                                .to(T::Table, T::Id),
                        )
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(index(
                    &format!("{table}_stats_idx"),
                    table,
                    &["municipality", "occurred_on", code],
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "incident_crime_types",
            "incident_bias_motivations",
            "hate_crime_incidents",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
