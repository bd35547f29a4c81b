//! Deliberation around proposals: threaded comments with an alignment (for,
//! neutral, against) and up/down votes; follows and the notification
//! centre (designed for later e-mail delivery: `emailed_at`); moderation
//! reports; and blocked accounts.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    BlockedAt,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    ProposalId,
    ParentId,
    AuthorId,
    Body,
    BodyHtml,
    Alignment,
    Depth,
    Up,
    Down,
    ReplyCount,
    EditedAt,
    DeletedAt,
    HiddenAt,
    HiddenReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommentVotes {
    Table,
    CommentId,
    UserId,
    Value,
}

#[derive(DeriveIden)]
enum Follows {
    Table,
    UserId,
    ProposalId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    ProposalId,
    CommentId,
    ActorId,
    Payload,
    CreatedAt,
    ReadAt,
    EmailedAt,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    TargetKind,
    TargetId,
    ReporterId,
    Reason,
    Note,
    CreatedAt,
    ResolvedAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Comments::Table)
                .col(ColumnDef::new(Comments::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(Comments::ProposalId).big_integer().not_null())
                .col(ColumnDef::new(Comments::ParentId).big_integer().null())
                .col(ColumnDef::new(Comments::AuthorId).big_integer().not_null())
                // Markdown as written; `body_html` is its sanitised rendering.
                .col(ColumnDef::new(Comments::Body).text().not_null())
                .col(ColumnDef::new(Comments::BodyHtml).text().not_null())
                // for | neutral | against
                .col(ColumnDef::new(Comments::Alignment).string_len(10).not_null())
                .col(ColumnDef::new(Comments::Depth).integer().not_null())
                .col(ColumnDef::new(Comments::Up).integer().not_null().default(0))
                .col(ColumnDef::new(Comments::Down).integer().not_null().default(0))
                .col(ColumnDef::new(Comments::ReplyCount).integer().not_null().default(0))
                .col(ColumnDef::new(Comments::EditedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Comments::DeletedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Comments::HiddenAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Comments::HiddenReason).text().null())
                .col(ColumnDef::new(Comments::CreatedAt).timestamp_with_time_zone().not_null())
                .foreign_key(&mut fk("fk_comments_proposal", (Comments::Table, Comments::ProposalId), (Proposals::Table, Proposals::Id)))
                .foreign_key(&mut fk("fk_comments_author", (Comments::Table, Comments::AuthorId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_comments_proposal").table(Comments::Table).col(Comments::ProposalId).col(Comments::Id).to_owned()).await?;
        m.create_index(Index::create().name("idx_comments_parent").table(Comments::Table).col(Comments::ParentId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(CommentVotes::Table)
                .col(ColumnDef::new(CommentVotes::CommentId).big_integer().not_null())
                .col(ColumnDef::new(CommentVotes::UserId).big_integer().not_null())
                .col(ColumnDef::new(CommentVotes::Value).integer().not_null())
                .primary_key(Index::create().col(CommentVotes::CommentId).col(CommentVotes::UserId))
                .foreign_key(&mut fk("fk_comment_votes_comment", (CommentVotes::Table, CommentVotes::CommentId), (Comments::Table, Comments::Id)))
                .foreign_key(&mut fk("fk_comment_votes_user", (CommentVotes::Table, CommentVotes::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Follows::Table)
                .col(ColumnDef::new(Follows::UserId).big_integer().not_null())
                .col(ColumnDef::new(Follows::ProposalId).big_integer().not_null())
                .col(ColumnDef::new(Follows::CreatedAt).timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(Follows::UserId).col(Follows::ProposalId))
                .foreign_key(&mut fk("fk_follows_user", (Follows::Table, Follows::UserId), (Users::Table, Users::Id)))
                .foreign_key(&mut fk("fk_follows_proposal", (Follows::Table, Follows::ProposalId), (Proposals::Table, Proposals::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_follows_proposal").table(Follows::Table).col(Follows::ProposalId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(ColumnDef::new(Notifications::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(Notifications::UserId).big_integer().not_null())
                // comment | reply | status_changed | threshold_reached | content_hidden | content_restored
                .col(ColumnDef::new(Notifications::Kind).string_len(30).not_null())
                .col(ColumnDef::new(Notifications::ProposalId).big_integer().null())
                .col(ColumnDef::new(Notifications::CommentId).big_integer().null())
                .col(ColumnDef::new(Notifications::ActorId).big_integer().null())
                // A small JSON object with what the message needs (title, statuses, reason).
                .col(ColumnDef::new(Notifications::Payload).text().not_null())
                .col(ColumnDef::new(Notifications::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Notifications::ReadAt).timestamp_with_time_zone().null())
                // For the e-mail delivery to come: which were sent.
                .col(ColumnDef::new(Notifications::EmailedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk("fk_notifications_user", (Notifications::Table, Notifications::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_notifications_user").table(Notifications::Table).col(Notifications::UserId).col(Notifications::ReadAt).col(Notifications::Id).to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Reports::Table)
                .col(ColumnDef::new(Reports::Id).big_integer().not_null().auto_increment().primary_key())
                // proposal | comment
                .col(ColumnDef::new(Reports::TargetKind).string_len(20).not_null())
                .col(ColumnDef::new(Reports::TargetId).big_integer().not_null())
                .col(ColumnDef::new(Reports::ReporterId).big_integer().not_null())
                // spam | offensive | off_topic | personal_data
                .col(ColumnDef::new(Reports::Reason).string_len(20).not_null())
                .col(ColumnDef::new(Reports::Note).text().null())
                .col(ColumnDef::new(Reports::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Reports::ResolvedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk("fk_reports_reporter", (Reports::Table, Reports::ReporterId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_reports_unique").table(Reports::Table).col(Reports::TargetKind).col(Reports::TargetId).col(Reports::ReporterId).unique().to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(Users::Table).add_column(ColumnDef::new(Users::BlockedAt).timestamp_with_time_zone().null()).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Users::Table).drop_column(Users::BlockedAt).to_owned()).await?;
        for table in [
            Reports::Table.into_iden(),
            Notifications::Table.into_iden(),
            Follows::Table.into_iden(),
            CommentVotes::Table.into_iden(),
            Comments::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
