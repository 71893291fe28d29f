//! The complaint register: complaints with their grounds and conduct (one row each, for
//! statistics in SQL), notes, messages, the reference counters, the timeline and access events
//! shared by every register, and idempotency keys.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReferenceCounters {
    Table,
    Prefix,
    Municipality,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
    Reference,
    Municipality,
    Kind,
    Channel,
    Status,
    ReporterRole,
    ContactName,
    ContactEmail,
    ContactPhone,
    PreferredLanguage,
    ConsentToContact,
    ConsentToShareWith,
    OccurredOn,
    LocationKind,
    LocationText,
    Context,
    InvolvedService,
    Grounds,
    Conduct,
    Description,
    PossibleHateCrime,
    SubmittedByPartner,
    CreatedBy,
    AssignedHandler,
    Outcome,
    ReferredTo,
    TrackingCodeHash,
    ReceivedAt,
    ReceivedOn,
    AcknowledgeBy,
    ResolveBy,
    ClosedAt,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ComplaintGrounds {
    Table,
    ComplaintId,
    Ground,
    Municipality,
    ReceivedOn,
}

#[derive(DeriveIden)]
enum ComplaintConduct {
    Table,
    ComplaintId,
    Conduct,
    Municipality,
    ReceivedOn,
}

#[derive(DeriveIden)]
enum ComplaintNotes {
    Table,
    Id,
    ComplaintId,
    Author,
    Text,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ComplaintMessages {
    Table,
    Id,
    ComplaintId,
    Direction,
    Author,
    Text,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TimelineEvents {
    Table,
    Id,
    Register,
    RecordId,
    Actor,
    Action,
    FromStatus,
    ToStatus,
    Detail,
    At,
}

#[derive(DeriveIden)]
enum AccessEvents {
    Table,
    Id,
    Register,
    RecordId,
    Actor,
    Action,
    At,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Caller,
    Route,
    Key,
    RequestHash,
    Status,
    Body,
    CreatedAt,
}

fn timestamp(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn string(name: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).not_null().to_owned()
}

fn optional(name: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).null().to_owned()
}

fn index(name: &str, table: impl IntoIden, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(Alias::new(*column));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReferenceCounters::Table)
                    .col(
                        ColumnDef::new(ReferenceCounters::Prefix)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReferenceCounters::Municipality)
                            .string_len(5)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReferenceCounters::Year).integer().not_null())
                    .col(
                        ColumnDef::new(ReferenceCounters::LastNumber)
                            .integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ReferenceCounters::Prefix)
                            .col(ReferenceCounters::Municipality)
                            .col(ReferenceCounters::Year),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Complaints::Table)
                    .col(
                        ColumnDef::new(Complaints::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(string(Complaints::Reference, 20))
                    .col(string(Complaints::Municipality, 5))
                    .col(string(Complaints::Kind, 16))
                    .col(string(Complaints::Channel, 16))
                    .col(string(Complaints::Status, 16))
                    .col(string(Complaints::ReporterRole, 16))
                    .col(optional(Complaints::ContactName, 200))
                    .col(optional(Complaints::ContactEmail, 254))
                    .col(optional(Complaints::ContactPhone, 32))
                    .col(optional(Complaints::PreferredLanguage, 8))
                    .col(
                        ColumnDef::new(Complaints::ConsentToContact)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Complaints::ConsentToShareWith)
                            .json()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Complaints::OccurredOn).date().not_null())
                    .col(string(Complaints::LocationKind, 16))
                    .col(optional(Complaints::LocationText, 500))
                    .col(string(Complaints::Context, 32))
                    .col(optional(Complaints::InvolvedService, 200))
                    .col(ColumnDef::new(Complaints::Grounds).json().not_null())
                    .col(ColumnDef::new(Complaints::Conduct).json().not_null())
                    .col(ColumnDef::new(Complaints::Description).text().null())
                    .col(
                        ColumnDef::new(Complaints::PossibleHateCrime)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Complaints::SubmittedByPartner).uuid().null())
                    .col(optional(Complaints::CreatedBy, 200))
                    .col(optional(Complaints::AssignedHandler, 200))
                    .col(optional(Complaints::Outcome, 32))
                    .col(optional(Complaints::ReferredTo, 32))
                    .col(
                        ColumnDef::new(Complaints::TrackingCodeHash)
                            .binary()
                            .not_null(),
                    )
                    .col(timestamp(Complaints::ReceivedAt))
                    .col(ColumnDef::new(Complaints::ReceivedOn).date().not_null())
                    .col(ColumnDef::new(Complaints::AcknowledgeBy).date().not_null())
                    .col(ColumnDef::new(Complaints::ResolveBy).date().null())
                    .col(
                        ColumnDef::new(Complaints::ClosedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Complaints::Version).integer().not_null())
                    .col(timestamp(Complaints::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Complaints::Table, Complaints::Municipality)
                            .to(Alias::new("municipalities"), Alias::new("nis_code")),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "complaints_reference_key",
                &["municipality", "reference"][..],
                true,
            ),
            (
                "complaints_tracking_code_key",
                &["tracking_code_hash"][..],
                true,
            ),
            (
                "complaints_municipality_id_idx",
                &["municipality", "id"][..],
                false,
            ),
            (
                "complaints_municipality_received_idx",
                &["municipality", "received_on"][..],
                false,
            ),
            (
                "complaints_status_idx",
                &["municipality", "status", "id"][..],
                false,
            ),
            (
                "complaints_handler_idx",
                &["assigned_handler", "id"][..],
                false,
            ),
            (
                "complaints_partner_idx",
                &["submitted_by_partner", "id"][..],
                false,
            ),
        ] {
            let mut statement = index(name, Complaints::Table, columns);
            if unique {
                statement.unique();
            }
            manager.create_index(statement).await?;
        }

        for (table, code, complaint, municipality, received) in [
            (
                ComplaintGrounds::Table.into_iden(),
                ComplaintGrounds::Ground.into_iden(),
                ComplaintGrounds::ComplaintId.into_iden(),
                ComplaintGrounds::Municipality.into_iden(),
                ComplaintGrounds::ReceivedOn.into_iden(),
            ),
            (
                ComplaintConduct::Table.into_iden(),
                ComplaintConduct::Conduct.into_iden(),
                ComplaintConduct::ComplaintId.into_iden(),
                ComplaintConduct::Municipality.into_iden(),
                ComplaintConduct::ReceivedOn.into_iden(),
            ),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table.clone())
                        .col(ColumnDef::new(complaint.clone()).uuid().not_null())
                        .col(ColumnDef::new(code.clone()).string_len(48).not_null())
                        .col(
                            ColumnDef::new(municipality.clone())
                                .string_len(5)
                                .not_null(),
                        )
                        .col(ColumnDef::new(received.clone()).date().not_null())
                        .primary_key(Index::create().col(complaint.clone()).col(code.clone()))
                        .foreign_key(
                            ForeignKey::create()
                                .from(table.clone(), complaint.clone())
                                .to(Complaints::Table, Complaints::Id),
                        )
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("{table}_stats_idx"))
                        .table(table.clone())
                        .col(municipality)
                        .col(received)
                        .col(code)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ComplaintNotes::Table)
                    .col(
                        ColumnDef::new(ComplaintNotes::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ComplaintNotes::ComplaintId)
                            .uuid()
                            .not_null(),
                    )
                    .col(string(ComplaintNotes::Author, 200))
                    .col(ColumnDef::new(ComplaintNotes::Text).text().not_null())
                    .col(timestamp(ComplaintNotes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ComplaintNotes::Table, ComplaintNotes::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "complaint_notes_complaint_idx",
                ComplaintNotes::Table,
                &["complaint_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ComplaintMessages::Table)
                    .col(
                        ColumnDef::new(ComplaintMessages::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ComplaintMessages::ComplaintId)
                            .uuid()
                            .not_null(),
                    )
                    .col(string(ComplaintMessages::Direction, 16))
                    .col(optional(ComplaintMessages::Author, 200))
                    .col(ColumnDef::new(ComplaintMessages::Text).text().not_null())
                    .col(timestamp(ComplaintMessages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ComplaintMessages::Table, ComplaintMessages::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "complaint_messages_complaint_idx",
                ComplaintMessages::Table,
                &["complaint_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TimelineEvents::Table)
                    .col(
                        ColumnDef::new(TimelineEvents::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(string(TimelineEvents::Register, 16))
                    .col(ColumnDef::new(TimelineEvents::RecordId).uuid().not_null())
                    .col(string(TimelineEvents::Actor, 250))
                    .col(string(TimelineEvents::Action, 48))
                    .col(optional(TimelineEvents::FromStatus, 32))
                    .col(optional(TimelineEvents::ToStatus, 32))
                    .col(ColumnDef::new(TimelineEvents::Detail).json().null())
                    .col(timestamp(TimelineEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "timeline_events_record_idx",
                TimelineEvents::Table,
                &["record_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessEvents::Table)
                    .col(
                        ColumnDef::new(AccessEvents::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(string(AccessEvents::Register, 16))
                    .col(ColumnDef::new(AccessEvents::RecordId).uuid().not_null())
                    .col(string(AccessEvents::Actor, 250))
                    .col(string(AccessEvents::Action, 32))
                    .col(timestamp(AccessEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "access_events_record_idx",
                AccessEvents::Table,
                &["record_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(string(IdempotencyKeys::Caller, 250))
                    .col(string(IdempotencyKeys::Route, 100))
                    .col(string(IdempotencyKeys::Key, 200))
                    .col(
                        ColumnDef::new(IdempotencyKeys::RequestHash)
                            .binary()
                            .not_null(),
                    )
                    .col(ColumnDef::new(IdempotencyKeys::Status).integer().not_null())
                    .col(ColumnDef::new(IdempotencyKeys::Body).text().not_null())
                    .col(timestamp(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::Caller)
                            .col(IdempotencyKeys::Route)
                            .col(IdempotencyKeys::Key),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idempotency_keys_created_idx",
                IdempotencyKeys::Table,
                &["created_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "idempotency_keys",
            "access_events",
            "timeline_events",
            "complaint_messages",
            "complaint_notes",
            "complaint_conduct",
            "complaint_grounds",
            "complaints",
            "reference_counters",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
