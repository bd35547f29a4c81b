//! Indexes for counting list results without reading the proposals' text:
//! the list's `total` filters by area, region or process and by status.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposals {
    Table,
    AreaCode,
    RegionCode,
    ProcessId,
    Status,
}

const INDEXES: [(&str, Proposals); 3] = [
    ("idx_proposals_area_status", Proposals::AreaCode),
    ("idx_proposals_region_status", Proposals::RegionCode),
    ("idx_proposals_process_status", Proposals::ProcessId),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, col) in INDEXES {
            m.create_index(Index::create().name(name).table(Proposals::Table).col(col).col(Proposals::Status).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(Proposals::Table).to_owned()).await?;
        }
        Ok(())
    }
}
