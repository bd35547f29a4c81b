//! Site feedback (누리집 의견): what people tell the operators about the site.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SiteFeedback {
    Table,
    Id,
    Receipt,
    Category,
    Message,
    Email,
    Locale,
    Status,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SiteFeedback::Table)
                    .col(ColumnDef::new(SiteFeedback::Id).big_integer().not_null().auto_increment().primary_key())
                    // Public receipt number; unique so a lookup finds exactly one.
                    .col(ColumnDef::new(SiteFeedback::Receipt).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(SiteFeedback::Category).string_len(20).not_null())
                    .col(ColumnDef::new(SiteFeedback::Message).text().not_null())
                    // Personal data: only when a reply is wanted (개인정보보호법: minimise).
                    .col(ColumnDef::new(SiteFeedback::Email).string_len(254).null())
                    .col(ColumnDef::new(SiteFeedback::Locale).string_len(8).not_null())
                    .col(ColumnDef::new(SiteFeedback::Status).string_len(20).not_null().default("new"))
                    .col(ColumnDef::new(SiteFeedback::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_feedback_status_created")
                    .table(SiteFeedback::Table)
                    .col(SiteFeedback::Status)
                    .col(SiteFeedback::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SiteFeedback::Table).to_owned()).await
    }
}
