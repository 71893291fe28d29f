//! Subsidy schemes, applications and reviews. Lists on (scheme, id) and (municipality, id) are
//! keyset-paged; a review's key is (application, reviewer), so a second review replaces the first.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SubsidySchemes {
    Table,
    Id,
    Municipality,
    Title,
    Description,
    LegalBasis,
    FundingSource,
    EligibleApplicants,
    TargetGroups,
    BudgetCents,
    MaxAwardCents,
    MaxShareOfCostsPercent,
    OpensAt,
    ClosesAt,
    Criteria,
    HasSubmissions,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SubsidyApplications {
    Table,
    Id,
    Reference,
    Municipality,
    SchemeId,
    Status,
    ApplicantKind,
    ApplicantName,
    EnterpriseNumber,
    ContactName,
    Email,
    Iban,
    Project,
    Budget,
    RequestedCents,
    AwardedCents,
    DecisionReference,
    DecidedOn,
    PaidCents,
    ReclaimCents,
    Report,
    SubmittedAt,
    SubmittedByPartner,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SubsidyReviews {
    Table,
    ApplicationId,
    Reviewer,
    Scores,
    Comment,
    CreatedAt,
}

fn index(name: &str, table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(Alias::new(table));
    for column in columns {
        index.col(Alias::new(*column));
    }
    index.to_owned()
}

fn instant<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use SubsidySchemes as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(ColumnDef::new(S::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(S::Municipality).string_len(5).not_null())
                    .col(ColumnDef::new(S::Title).string_len(200).not_null())
                    .col(ColumnDef::new(S::Description).text().not_null())
                    .col(ColumnDef::new(S::LegalBasis).string_len(500).not_null())
                    .col(ColumnDef::new(S::FundingSource).string_len(32).not_null())
                    .col(ColumnDef::new(S::EligibleApplicants).json().not_null())
                    .col(ColumnDef::new(S::TargetGroups).json().not_null())
                    .col(ColumnDef::new(S::BudgetCents).big_integer().not_null())
                    .col(ColumnDef::new(S::MaxAwardCents).big_integer().not_null())
                    .col(
                        ColumnDef::new(S::MaxShareOfCostsPercent)
                            .small_integer()
                            .not_null(),
                    )
                    .col(instant(S::OpensAt))
                    .col(instant(S::ClosesAt))
                    .col(ColumnDef::new(S::Criteria).json().not_null())
                    .col(ColumnDef::new(S::HasSubmissions).boolean().not_null())
                    .col(ColumnDef::new(S::Version).integer().not_null())
                    .col(instant(S::CreatedAt))
                    .col(instant(S::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(S::Table, S::Municipality)
                            .to(Alias::new("municipalities"), Alias::new("nis_code")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "subsidy_schemes_municipality_id_idx",
                "subsidy_schemes",
                &["municipality", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "subsidy_schemes_open_idx",
                "subsidy_schemes",
                &["closes_at", "opens_at"],
            ))
            .await?;

        use SubsidyApplications as A;
        let text = |name: A, len: u32| ColumnDef::new(name).string_len(len).not_null().to_owned();
        let optional = |name: A, len: u32| ColumnDef::new(name).string_len(len).null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(ColumnDef::new(A::Id).uuid().not_null().primary_key())
                    .col(text(A::Reference, 20))
                    .col(text(A::Municipality, 5))
                    .col(ColumnDef::new(A::SchemeId).uuid().not_null())
                    .col(text(A::Status, 32))
                    .col(text(A::ApplicantKind, 32))
                    // Name (of an applicant without enterprise number) and contact data are
                    // null once retention removed them.
                    .col(optional(A::ApplicantName, 200))
                    .col(optional(A::EnterpriseNumber, 10))
                    .col(optional(A::ContactName, 200))
                    .col(optional(A::Email, 254))
                    .col(optional(A::Iban, 34))
                    .col(ColumnDef::new(A::Project).json().not_null())
                    .col(ColumnDef::new(A::Budget).json().not_null())
                    .col(ColumnDef::new(A::RequestedCents).big_integer().not_null())
                    .col(ColumnDef::new(A::AwardedCents).big_integer().null())
                    .col(optional(A::DecisionReference, 100))
                    .col(ColumnDef::new(A::DecidedOn).date().null())
                    .col(ColumnDef::new(A::PaidCents).big_integer().not_null())
                    .col(ColumnDef::new(A::ReclaimCents).big_integer().null())
                    .col(ColumnDef::new(A::Report).json().null())
                    .col(
                        ColumnDef::new(A::SubmittedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(A::SubmittedByPartner).uuid().null())
                    .col(optional(A::CreatedBy, 200))
                    .col(ColumnDef::new(A::Version).integer().not_null())
                    .col(instant(A::CreatedAt))
                    .col(instant(A::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(A::Table, A::Municipality)
                            .to(Alias::new("municipalities"), Alias::new("nis_code")),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(A::Table, A::SchemeId)
                            .to(S::Table, S::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "subsidy_applications_reference_key",
                &["municipality", "reference"][..],
                true,
            ),
            (
                "subsidy_applications_scheme_id_idx",
                &["scheme_id", "id"][..],
                false,
            ),
            (
                "subsidy_applications_municipality_id_idx",
                &["municipality", "id"][..],
                false,
            ),
            (
                "subsidy_applications_scheme_status_idx",
                &["scheme_id", "status"][..],
                false,
            ),
        ] {
            let mut statement = index(name, "subsidy_applications", columns);
            if unique {
                statement.unique();
            }
            manager.create_index(statement).await?;
        }

        use SubsidyReviews as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(ColumnDef::new(R::ApplicationId).uuid().not_null())
                    .col(ColumnDef::new(R::Reviewer).string_len(200).not_null())
                    .col(ColumnDef::new(R::Scores).json().not_null())
                    .col(ColumnDef::new(R::Comment).text().null())
                    .col(instant(R::CreatedAt))
                    .primary_key(Index::create().col(R::ApplicationId).col(R::Reviewer))
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::ApplicationId)
                            .to(A::Table, A::Id),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["subsidy_reviews", "subsidy_applications", "subsidy_schemes"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
