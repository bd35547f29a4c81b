//! Search without reading proposals: the grams of titles get a table of
//! their own (`proposal_title_grams`), so "title matches first" is an index
//! lookup, and both gram tables hold only proposals the public can find
//! (not drafts, not hidden ones), so a match needs no status check.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProposalTitleGrams {
    Table,
    Gram,
    ProposalId,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProposalTitleGrams::Table)
                .col(ColumnDef::new(ProposalTitleGrams::Gram).string_len(16).not_null())
                .col(ColumnDef::new(ProposalTitleGrams::ProposalId).big_integer().not_null())
                .primary_key(Index::create().col(ProposalTitleGrams::Gram).col(ProposalTitleGrams::ProposalId))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_title_grams_proposal")
                        .from(ProposalTitleGrams::Table, ProposalTitleGrams::ProposalId)
                        .to(Proposals::Table, Proposals::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_title_grams_proposal").table(ProposalTitleGrams::Table).col(ProposalTitleGrams::ProposalId).to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared("DELETE FROM proposal_grams WHERE proposal_id IN (SELECT id FROM proposals WHERE status IN ('draft', 'hidden'))")
            .await?;
        db.execute_unprepared("INSERT INTO proposal_title_grams (gram, proposal_id) SELECT gram, proposal_id FROM proposal_grams WHERE in_title")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Drafts' and hidden proposals' grams are not put back: the search
        // before this migration filtered them out by status anyway.
        m.drop_table(Table::drop().table(ProposalTitleGrams::Table).to_owned()).await
    }
}
