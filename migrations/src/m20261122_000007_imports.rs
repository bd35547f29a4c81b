//! Imported proposals keep where they came from (`external_ref`, e.g.
//! `petition:581234`), so running an import again updates nothing twice.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposals {
    Table,
    ExternalRef,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Proposals::Table).add_column(ColumnDef::new(Proposals::ExternalRef).string_len(120).null()).to_owned())
            .await?;
        m.create_index(Index::create().name("idx_proposals_external_ref").table(Proposals::Table).col(Proposals::ExternalRef).unique().to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_proposals_external_ref").table(Proposals::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Proposals::Table).drop_column(Proposals::ExternalRef).to_owned()).await
    }
}
