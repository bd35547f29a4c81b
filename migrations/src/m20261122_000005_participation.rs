//! The participation core: processes with phases, proposals (혁신과제 제안)
//! with versions, status events and collaborating organisations, one
//! support per person per proposal, sharded support counters (no hot row),
//! per-person support quotas, and the character-bigram search index that
//! finds two-syllable Korean words inside compounds on both backends.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
    Slug,
    Title,
    Description,
    AreaCode,
    RegionCode,
    ProposeLevel,
    SupportLevel,
    SupportThreshold,
    SupportsPerPerson,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProcessPhases {
    Table,
    Id,
    ProcessId,
    Kind,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    ProcessId,
    AuthorId,
    Title,
    Problem,
    Solution,
    Effect,
    AreaCode,
    RegionCode,
    Tags,
    Status,
    SupportCount,
    CommentCount,
    Version,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProposalOrganisations {
    Table,
    ProposalId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum ProposalVersions {
    Table,
    Id,
    ProposalId,
    Version,
    Title,
    Problem,
    Solution,
    Effect,
    Tags,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProposalEvents {
    Table,
    Id,
    ProposalId,
    Kind,
    FromStatus,
    ToStatus,
    Answer,
    ActorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Supports {
    Table,
    Id,
    ProposalId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SupportCounts {
    Table,
    ProposalId,
    Shard,
    N,
}

#[derive(DeriveIden)]
enum SupportQuotas {
    Table,
    UserId,
    ProcessId,
    Used,
}

#[derive(DeriveIden)]
enum ProposalGrams {
    Table,
    Gram,
    ProposalId,
    InTitle,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn ts(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Processes::Table)
                .col(ColumnDef::new(Processes::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(Processes::Slug).string_len(80).not_null().unique_key())
                .col(ColumnDef::new(Processes::Title).string_len(200).not_null())
                .col(ColumnDef::new(Processes::Description).text().not_null())
                .col(ColumnDef::new(Processes::AreaCode).string_len(40).null())
                .col(ColumnDef::new(Processes::RegionCode).string_len(40).null())
                .col(ColumnDef::new(Processes::ProposeLevel).string_len(20).not_null().default("unverified"))
                .col(ColumnDef::new(Processes::SupportLevel).string_len(20).not_null().default("unverified"))
                .col(ColumnDef::new(Processes::SupportThreshold).integer().not_null().default(100))
                .col(ColumnDef::new(Processes::SupportsPerPerson).integer().null())
                .col(ColumnDef::new(Processes::CreatedBy).big_integer().null())
                .col(ts(Processes::CreatedAt))
                .col(ts(Processes::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProcessPhases::Table)
                .col(ColumnDef::new(ProcessPhases::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(ProcessPhases::ProcessId).big_integer().not_null())
                // intake | deliberation | review | selection | execution
                .col(ColumnDef::new(ProcessPhases::Kind).string_len(20).not_null())
                .col(ts(ProcessPhases::StartsAt))
                .col(ts(ProcessPhases::EndsAt))
                .foreign_key(&mut fk("fk_phases_process", (ProcessPhases::Table, ProcessPhases::ProcessId), (Processes::Table, Processes::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_phases_process_kind").table(ProcessPhases::Table).col(ProcessPhases::ProcessId).col(ProcessPhases::Kind).unique().to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Proposals::Table)
                .col(ColumnDef::new(Proposals::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(Proposals::ProcessId).big_integer().not_null())
                .col(ColumnDef::new(Proposals::AuthorId).big_integer().not_null())
                .col(ColumnDef::new(Proposals::Title).string_len(200).not_null())
                .col(ColumnDef::new(Proposals::Problem).text().not_null())
                .col(ColumnDef::new(Proposals::Solution).text().not_null())
                .col(ColumnDef::new(Proposals::Effect).text().not_null())
                .col(ColumnDef::new(Proposals::AreaCode).string_len(40).not_null())
                .col(ColumnDef::new(Proposals::RegionCode).string_len(40).not_null())
                // JSON array of strings.
                .col(ColumnDef::new(Proposals::Tags).text().not_null())
                .col(ColumnDef::new(Proposals::Status).string_len(20).not_null())
                // Rolled up from support_counts (the truth) shortly after each change; used for sorting.
                .col(ColumnDef::new(Proposals::SupportCount).big_integer().not_null().default(0))
                .col(ColumnDef::new(Proposals::CommentCount).big_integer().not_null().default(0))
                .col(ColumnDef::new(Proposals::Version).integer().not_null().default(1))
                .col(ColumnDef::new(Proposals::PublishedAt).timestamp_with_time_zone().null())
                .col(ts(Proposals::CreatedAt))
                .col(ts(Proposals::UpdatedAt))
                .foreign_key(&mut fk("fk_proposals_process", (Proposals::Table, Proposals::ProcessId), (Processes::Table, Processes::Id)))
                .foreign_key(&mut fk("fk_proposals_author", (Proposals::Table, Proposals::AuthorId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_proposals_status_published", vec![Proposals::Status, Proposals::PublishedAt, Proposals::Id]),
            ("idx_proposals_status_supports", vec![Proposals::Status, Proposals::SupportCount, Proposals::Id]),
            ("idx_proposals_area_supports", vec![Proposals::AreaCode, Proposals::SupportCount, Proposals::Id]),
            ("idx_proposals_process", vec![Proposals::ProcessId, Proposals::Id]),
            ("idx_proposals_author", vec![Proposals::AuthorId]),
        ] {
            let mut idx = Index::create().name(name).table(Proposals::Table).to_owned();
            for c in cols {
                idx.col(c);
            }
            m.create_index(idx).await?;
        }
        m.create_table(
            Table::create()
                .table(ProposalOrganisations::Table)
                .col(ColumnDef::new(ProposalOrganisations::ProposalId).big_integer().not_null())
                .col(ColumnDef::new(ProposalOrganisations::OrganisationId).big_integer().not_null())
                .primary_key(Index::create().col(ProposalOrganisations::ProposalId).col(ProposalOrganisations::OrganisationId))
                .foreign_key(&mut fk("fk_prop_orgs_proposal", (ProposalOrganisations::Table, ProposalOrganisations::ProposalId), (Proposals::Table, Proposals::Id)))
                .foreign_key(&mut fk("fk_prop_orgs_org", (ProposalOrganisations::Table, ProposalOrganisations::OrganisationId), (Organisations::Table, Organisations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_prop_orgs_org").table(ProposalOrganisations::Table).col(ProposalOrganisations::OrganisationId).to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProposalVersions::Table)
                .col(ColumnDef::new(ProposalVersions::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(ProposalVersions::ProposalId).big_integer().not_null())
                .col(ColumnDef::new(ProposalVersions::Version).integer().not_null())
                .col(ColumnDef::new(ProposalVersions::Title).string_len(200).not_null())
                .col(ColumnDef::new(ProposalVersions::Problem).text().not_null())
                .col(ColumnDef::new(ProposalVersions::Solution).text().not_null())
                .col(ColumnDef::new(ProposalVersions::Effect).text().not_null())
                .col(ColumnDef::new(ProposalVersions::Tags).text().not_null())
                .col(ts(ProposalVersions::CreatedAt))
                .foreign_key(&mut fk("fk_versions_proposal", (ProposalVersions::Table, ProposalVersions::ProposalId), (Proposals::Table, Proposals::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_versions_proposal").table(ProposalVersions::Table).col(ProposalVersions::ProposalId).col(ProposalVersions::Version).unique().to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProposalEvents::Table)
                .col(ColumnDef::new(ProposalEvents::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(ProposalEvents::ProposalId).big_integer().not_null())
                // published | status_changed | threshold_reached | edited | withdrawn
                .col(ColumnDef::new(ProposalEvents::Kind).string_len(30).not_null())
                .col(ColumnDef::new(ProposalEvents::FromStatus).string_len(20).null())
                .col(ColumnDef::new(ProposalEvents::ToStatus).string_len(20).null())
                .col(ColumnDef::new(ProposalEvents::Answer).text().null())
                .col(ColumnDef::new(ProposalEvents::ActorId).big_integer().null())
                .col(ts(ProposalEvents::CreatedAt))
                .foreign_key(&mut fk("fk_events_proposal", (ProposalEvents::Table, ProposalEvents::ProposalId), (Proposals::Table, Proposals::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_events_proposal").table(ProposalEvents::Table).col(ProposalEvents::ProposalId).col(ProposalEvents::Id).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Supports::Table)
                .col(ColumnDef::new(Supports::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(Supports::ProposalId).big_integer().not_null())
                .col(ColumnDef::new(Supports::UserId).big_integer().not_null())
                .col(ts(Supports::CreatedAt))
                .foreign_key(&mut fk("fk_supports_proposal", (Supports::Table, Supports::ProposalId), (Proposals::Table, Proposals::Id)))
                .foreign_key(&mut fk("fk_supports_user", (Supports::Table, Supports::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        // One support per person per proposal: the database enforces it.
        m.create_index(Index::create().name("idx_supports_unique").table(Supports::Table).col(Supports::ProposalId).col(Supports::UserId).unique().to_owned()).await?;
        m.create_index(Index::create().name("idx_supports_user").table(Supports::Table).col(Supports::UserId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(SupportCounts::Table)
                .col(ColumnDef::new(SupportCounts::ProposalId).big_integer().not_null())
                // user_id % 16: concurrent supports of one proposal touch different rows.
                .col(ColumnDef::new(SupportCounts::Shard).integer().not_null())
                .col(ColumnDef::new(SupportCounts::N).big_integer().not_null())
                .primary_key(Index::create().col(SupportCounts::ProposalId).col(SupportCounts::Shard))
                .foreign_key(&mut fk("fk_support_counts_proposal", (SupportCounts::Table, SupportCounts::ProposalId), (Proposals::Table, Proposals::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SupportQuotas::Table)
                .col(ColumnDef::new(SupportQuotas::UserId).big_integer().not_null())
                .col(ColumnDef::new(SupportQuotas::ProcessId).big_integer().not_null())
                .col(ColumnDef::new(SupportQuotas::Used).integer().not_null())
                .primary_key(Index::create().col(SupportQuotas::UserId).col(SupportQuotas::ProcessId))
                .foreign_key(&mut fk("fk_quotas_user", (SupportQuotas::Table, SupportQuotas::UserId), (Users::Table, Users::Id)))
                .foreign_key(&mut fk("fk_quotas_process", (SupportQuotas::Table, SupportQuotas::ProcessId), (Processes::Table, Processes::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProposalGrams::Table)
                // Two characters (or one, for one-character words), lower-cased.
                .col(ColumnDef::new(ProposalGrams::Gram).string_len(16).not_null())
                .col(ColumnDef::new(ProposalGrams::ProposalId).big_integer().not_null())
                .col(ColumnDef::new(ProposalGrams::InTitle).boolean().not_null())
                .primary_key(Index::create().col(ProposalGrams::Gram).col(ProposalGrams::ProposalId))
                .foreign_key(&mut fk("fk_grams_proposal", (ProposalGrams::Table, ProposalGrams::ProposalId), (Proposals::Table, Proposals::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_grams_proposal").table(ProposalGrams::Table).col(ProposalGrams::ProposalId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProposalGrams::Table.into_iden(),
            SupportQuotas::Table.into_iden(),
            SupportCounts::Table.into_iden(),
            Supports::Table.into_iden(),
            ProposalEvents::Table.into_iden(),
            ProposalVersions::Table.into_iden(),
            ProposalOrganisations::Table.into_iden(),
            Proposals::Table.into_iden(),
            ProcessPhases::Table.into_iden(),
            Processes::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
