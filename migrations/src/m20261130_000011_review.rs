//! Committee review (심사): committees with their members, review rounds
//! with a rubric, the proposals a round reviews, assignments, conflicts of
//! interest, score sheets with their scores and submitted versions, the
//! committee's private discussion, and the decisions with their rationale.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Committees {
    Table,
    Id,
    ProcessId,
    Name,
    Description,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommitteeMembers {
    Table,
    CommitteeId,
    UserId,
    Kind,
    OrganisationId,
    Chair,
}

#[derive(DeriveIden)]
enum ReviewRounds {
    Table,
    Id,
    CommitteeId,
    Title,
    Description,
    State,
    Eligibility,
    ReviewersPerProposal,
    Deadline,
    Blind,
    PublicWeight,
    Aggregation,
    CreatedAt,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum RubricCriteria {
    Table,
    Id,
    RoundId,
    Position,
    Name,
    Description,
    Weight,
    ScaleMin,
    ScaleMax,
}

#[derive(DeriveIden)]
enum RoundProposals {
    Table,
    RoundId,
    ProposalId,
    Supports,
}

#[derive(DeriveIden)]
enum ReviewAssignments {
    Table,
    RoundId,
    ProposalId,
    ReviewerId,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConflictDeclarations {
    Table,
    Id,
    RoundId,
    ProposalId,
    ReviewerId,
    Source,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewSheets {
    Table,
    Id,
    RoundId,
    ProposalId,
    ReviewerId,
    State,
    Comment,
    Version,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ReviewScores {
    Table,
    SheetId,
    CriterionId,
    Score,
    Comment,
}

#[derive(DeriveIden)]
enum ReviewSheetVersions {
    Table,
    Id,
    SheetId,
    Version,
    Scores,
    Comment,
    Total,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ReviewMessages {
    Table,
    Id,
    RoundId,
    ProposalId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ShortlistDecisions {
    Table,
    RoundId,
    ProposalId,
    Decision,
    Rationale,
    DecidedBy,
    DecidedAt,
    UpdatedAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().auto_increment().primary_key().to_owned()
}

fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn time(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use CommitteeMembers as Cm;
        use ReviewRounds as Rr;
        m.create_table(
            Table::create()
                .table(Committees::Table)
                .col(id(Committees::Id))
                .col(big(Committees::ProcessId))
                .col(ColumnDef::new(Committees::Name).string_len(200).not_null())
                .col(ColumnDef::new(Committees::Description).text().not_null())
                .col(time(Committees::CreatedAt))
                .col(time(Committees::UpdatedAt))
                .foreign_key(&mut fk("fk_committees_process", (Committees::Table, Committees::ProcessId), (Processes::Table, Processes::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Cm::Table)
                .col(big(Cm::CommitteeId))
                .col(big(Cm::UserId))
                // expert | civilian | official
                .col(ColumnDef::new(Cm::Kind).string_len(20).not_null())
                .col(ColumnDef::new(Cm::OrganisationId).big_integer().null())
                .col(ColumnDef::new(Cm::Chair).boolean().not_null().default(false))
                .primary_key(Index::create().col(Cm::CommitteeId).col(Cm::UserId))
                .foreign_key(&mut fk("fk_committee_members_committee", (Cm::Table, Cm::CommitteeId), (Committees::Table, Committees::Id)))
                .foreign_key(&mut fk("fk_committee_members_user", (Cm::Table, Cm::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_committee_members_user").table(Cm::Table).col(Cm::UserId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Rr::Table)
                .col(id(Rr::Id))
                .col(big(Rr::CommitteeId))
                .col(ColumnDef::new(Rr::Title).string_len(200).not_null())
                .col(ColumnDef::new(Rr::Description).text().not_null())
                // draft | open | closed
                .col(ColumnDef::new(Rr::State).string_len(10).not_null())
                // The eligibility rule as given (JSON), kept for the report.
                .col(ColumnDef::new(Rr::Eligibility).text().not_null())
                .col(ColumnDef::new(Rr::ReviewersPerProposal).integer().null())
                .col(time(Rr::Deadline))
                .col(ColumnDef::new(Rr::Blind).boolean().not_null())
                .col(ColumnDef::new(Rr::PublicWeight).integer().not_null())
                // mean | trimmed_mean | z_score
                .col(ColumnDef::new(Rr::Aggregation).string_len(20).not_null())
                .col(time(Rr::CreatedAt))
                .col(ColumnDef::new(Rr::OpenedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Rr::ClosedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk("fk_review_rounds_committee", (Rr::Table, Rr::CommitteeId), (Committees::Table, Committees::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RubricCriteria::Table)
                .col(id(RubricCriteria::Id))
                .col(big(RubricCriteria::RoundId))
                .col(ColumnDef::new(RubricCriteria::Position).integer().not_null())
                .col(ColumnDef::new(RubricCriteria::Name).string_len(200).not_null())
                .col(ColumnDef::new(RubricCriteria::Description).text().not_null())
                .col(ColumnDef::new(RubricCriteria::Weight).integer().not_null())
                .col(ColumnDef::new(RubricCriteria::ScaleMin).integer().not_null())
                .col(ColumnDef::new(RubricCriteria::ScaleMax).integer().not_null())
                .foreign_key(&mut fk("fk_rubric_criteria_round", (RubricCriteria::Table, RubricCriteria::RoundId), (Rr::Table, Rr::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_rubric_criteria_round").table(RubricCriteria::Table).col(RubricCriteria::RoundId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(RoundProposals::Table)
                .col(big(RoundProposals::RoundId))
                .col(big(RoundProposals::ProposalId))
                // Supports frozen when the round closes (live until then).
                .col(ColumnDef::new(RoundProposals::Supports).big_integer().null())
                .primary_key(Index::create().col(RoundProposals::RoundId).col(RoundProposals::ProposalId))
                .foreign_key(&mut fk("fk_round_proposals_round", (RoundProposals::Table, RoundProposals::RoundId), (Rr::Table, Rr::Id)))
                .foreign_key(&mut fk("fk_round_proposals_proposal", (RoundProposals::Table, RoundProposals::ProposalId), (Proposals::Table, Proposals::Id)))
                .to_owned(),
        )
        .await?;
        use ReviewAssignments as Ra;
        m.create_table(
            Table::create()
                .table(Ra::Table)
                .col(big(Ra::RoundId))
                .col(big(Ra::ProposalId))
                .col(big(Ra::ReviewerId))
                // False once the reviewer declared a conflict (recused).
                .col(ColumnDef::new(Ra::Active).boolean().not_null())
                .col(time(Ra::CreatedAt))
                .primary_key(Index::create().col(Ra::RoundId).col(Ra::ProposalId).col(Ra::ReviewerId))
                .foreign_key(&mut fk("fk_review_assignments_round", (Ra::Table, Ra::RoundId), (Rr::Table, Rr::Id)))
                .foreign_key(&mut fk("fk_review_assignments_reviewer", (Ra::Table, Ra::ReviewerId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_review_assignments_reviewer").table(Ra::Table).col(Ra::ReviewerId).col(Ra::RoundId).to_owned()).await?;
        use ConflictDeclarations as Cd;
        m.create_table(
            Table::create()
                .table(Cd::Table)
                .col(id(Cd::Id))
                .col(big(Cd::RoundId))
                .col(big(Cd::ProposalId))
                .col(big(Cd::ReviewerId))
                // automatic | declared
                .col(ColumnDef::new(Cd::Source).string_len(20).not_null())
                .col(ColumnDef::new(Cd::Reason).text().not_null())
                .col(time(Cd::CreatedAt))
                .foreign_key(&mut fk("fk_conflicts_round", (Cd::Table, Cd::RoundId), (Rr::Table, Rr::Id)))
                .foreign_key(&mut fk("fk_conflicts_reviewer", (Cd::Table, Cd::ReviewerId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_conflicts_unique").table(Cd::Table).col(Cd::RoundId).col(Cd::ProposalId).col(Cd::ReviewerId).unique().to_owned())
            .await?;
        use ReviewSheets as Rs;
        m.create_table(
            Table::create()
                .table(Rs::Table)
                .col(id(Rs::Id))
                .col(big(Rs::RoundId))
                .col(big(Rs::ProposalId))
                .col(big(Rs::ReviewerId))
                // draft | submitted
                .col(ColumnDef::new(Rs::State).string_len(10).not_null())
                .col(ColumnDef::new(Rs::Comment).text().not_null())
                // Submitted versions so far (0 for a draft never submitted).
                .col(ColumnDef::new(Rs::Version).integer().not_null())
                .col(time(Rs::UpdatedAt))
                .col(ColumnDef::new(Rs::SubmittedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk("fk_review_sheets_round", (Rs::Table, Rs::RoundId), (Rr::Table, Rr::Id)))
                .foreign_key(&mut fk("fk_review_sheets_reviewer", (Rs::Table, Rs::ReviewerId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_review_sheets_unique").table(Rs::Table).col(Rs::RoundId).col(Rs::ProposalId).col(Rs::ReviewerId).unique().to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table(ReviewScores::Table)
                .col(big(ReviewScores::SheetId))
                .col(big(ReviewScores::CriterionId))
                .col(ColumnDef::new(ReviewScores::Score).integer().null())
                .col(ColumnDef::new(ReviewScores::Comment).text().not_null())
                .primary_key(Index::create().col(ReviewScores::SheetId).col(ReviewScores::CriterionId))
                .foreign_key(&mut fk("fk_review_scores_sheet", (ReviewScores::Table, ReviewScores::SheetId), (Rs::Table, Rs::Id)))
                .to_owned(),
        )
        .await?;
        use ReviewSheetVersions as Rv;
        m.create_table(
            Table::create()
                .table(Rv::Table)
                .col(id(Rv::Id))
                .col(big(Rv::SheetId))
                .col(ColumnDef::new(Rv::Version).integer().not_null())
                // The scores as submitted (JSON list of {criterion_id, score, comment}).
                .col(ColumnDef::new(Rv::Scores).text().not_null())
                .col(ColumnDef::new(Rv::Comment).text().not_null())
                .col(ColumnDef::new(Rv::Total).double().not_null())
                .col(time(Rv::SubmittedAt))
                .foreign_key(&mut fk("fk_review_sheet_versions_sheet", (Rv::Table, Rv::SheetId), (Rs::Table, Rs::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_review_sheet_versions_sheet").table(Rv::Table).col(Rv::SheetId).col(Rv::Version).unique().to_owned()).await?;
        use ReviewMessages as Rm;
        m.create_table(
            Table::create()
                .table(Rm::Table)
                .col(id(Rm::Id))
                .col(big(Rm::RoundId))
                .col(big(Rm::ProposalId))
                .col(big(Rm::AuthorId))
                .col(ColumnDef::new(Rm::Body).text().not_null())
                .col(time(Rm::CreatedAt))
                .foreign_key(&mut fk("fk_review_messages_round", (Rm::Table, Rm::RoundId), (Rr::Table, Rr::Id)))
                .foreign_key(&mut fk("fk_review_messages_author", (Rm::Table, Rm::AuthorId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_review_messages_proposal").table(Rm::Table).col(Rm::RoundId).col(Rm::ProposalId).col(Rm::Id).to_owned()).await?;
        use ShortlistDecisions as Sd;
        m.create_table(
            Table::create()
                .table(Sd::Table)
                .col(big(Sd::RoundId))
                .col(big(Sd::ProposalId))
                // shortlisted | selected | not_selected (the latest decision)
                .col(ColumnDef::new(Sd::Decision).string_len(20).not_null())
                .col(ColumnDef::new(Sd::Rationale).text().not_null())
                .col(big(Sd::DecidedBy))
                .col(time(Sd::DecidedAt))
                .col(time(Sd::UpdatedAt))
                .primary_key(Index::create().col(Sd::RoundId).col(Sd::ProposalId))
                .foreign_key(&mut fk("fk_shortlist_decisions_round", (Sd::Table, Sd::RoundId), (Rr::Table, Rr::Id)))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ShortlistDecisions::Table.into_iden(),
            ReviewMessages::Table.into_iden(),
            ReviewSheetVersions::Table.into_iden(),
            ReviewScores::Table.into_iden(),
            ReviewSheets::Table.into_iden(),
            ConflictDeclarations::Table.into_iden(),
            ReviewAssignments::Table.into_iden(),
            RoundProposals::Table.into_iden(),
            RubricCriteria::Table.into_iden(),
            ReviewRounds::Table.into_iden(),
            CommitteeMembers::Table.into_iden(),
            Committees::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
