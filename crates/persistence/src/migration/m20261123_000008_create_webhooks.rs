//! Webhook subscriptions and their deliveries: the outbox that every change writes to in its
//! own transaction, and the delivery log the worker keeps.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WebhookSubscriptions {
    Table,
    Id,
    Url,
    Events,
    Municipalities,
    Active,
    Secret,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Seq,
    Id,
    SubscriptionId,
    EventId,
    EventType,
    RecordId,
    Payload,
    Status,
    Attempts,
    LastResponseStatus,
    LastError,
    CreatedAt,
    LastAttemptAt,
    NextAttemptAt,
    DeliveredAt,
    LeaseUntil,
    LeaseToken,
    RedeliveryOf,
}

fn instant(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).timestamp_with_time_zone().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use WebhookDeliveries as D;
        use WebhookSubscriptions as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(ColumnDef::new(S::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(S::Url).string_len(2000).not_null())
                    .col(ColumnDef::new(S::Events).json().not_null())
                    .col(ColumnDef::new(S::Municipalities).json().not_null())
                    .col(ColumnDef::new(S::Active).boolean().not_null())
                    .col(ColumnDef::new(S::Secret).binary().not_null())
                    .col(ColumnDef::new(S::Version).integer().not_null())
                    .col(instant(S::CreatedAt).not_null())
                    .col(instant(S::UpdatedAt).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(D::Table)
                    // The order in which the events were written: deliveries of one record go
                    // out in this order.
                    .col(
                        ColumnDef::new(D::Seq)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(D::Id).uuid().not_null())
                    .col(ColumnDef::new(D::SubscriptionId).uuid().not_null())
                    .col(ColumnDef::new(D::EventId).uuid().not_null())
                    .col(ColumnDef::new(D::EventType).string_len(40).not_null())
                    .col(ColumnDef::new(D::RecordId).uuid().not_null())
                    .col(ColumnDef::new(D::Payload).text().not_null())
                    .col(ColumnDef::new(D::Status).string_len(16).not_null())
                    .col(ColumnDef::new(D::Attempts).integer().not_null())
                    .col(ColumnDef::new(D::LastResponseStatus).integer().null())
                    .col(ColumnDef::new(D::LastError).string_len(200).null())
                    .col(instant(D::CreatedAt).not_null())
                    .col(instant(D::LastAttemptAt).null())
                    .col(instant(D::NextAttemptAt).null())
                    .col(instant(D::DeliveredAt).null())
                    .col(instant(D::LeaseUntil).null())
                    .col(ColumnDef::new(D::LeaseToken).uuid().null())
                    .col(ColumnDef::new(D::RedeliveryOf).uuid().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(D::Table, D::SubscriptionId)
                            .to(S::Table, S::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            ("webhook_deliveries_id_key", vec![D::Id], true),
            (
                "webhook_deliveries_due_idx",
                vec![D::Status, D::NextAttemptAt],
                false,
            ),
            (
                "webhook_deliveries_record_idx",
                vec![D::SubscriptionId, D::RecordId, D::Status],
                false,
            ),
            (
                "webhook_deliveries_log_idx",
                vec![D::SubscriptionId, D::Seq],
                false,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(D::Table);
            for column in columns {
                index.col(column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(WebhookSubscriptions::Table).to_owned())
            .await
    }
}
