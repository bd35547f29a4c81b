//! The collaboration SOS desk (협업SOS, issue 7): requests raised by task
//! forces, the organisations they concern, their threads, and people who
//! follow a task. Service-level deadlines depend on the configured working
//! calendar, so they are computed when read; only the events are stored
//! (first answer, resolution) and when the desk lead was told of a missed
//! deadline, so each is told once across server processes.

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
enum Tasks {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SosRequests {
    Table,
    Id,
    TaskId,
    RequesterId,
    Title,
    Category,
    Urgency,
    State,
    Description,
    AssigneeId,
    CreatedAt,
    FirstResponseAt,
    ResolvedAt,
    EscalatedAt,
    FirstResponseOverdueNotifiedAt,
    ResolutionOverdueNotifiedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SosRequestOrganisations {
    Table,
    RequestId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum SosMessages {
    Table,
    Id,
    RequestId,
    AuthorId,
    FromDesk,
    Kind,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TaskFollows {
    Table,
    TaskId,
    UserId,
    CreatedAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

/// A reference that must not take the thread with it (accounts are kept as
/// rows when deleted; organisations cannot be deleted while named).
fn keep(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
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

fn maybe_time(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SosRequests::Table)
                .col(id(SosRequests::Id))
                .col(big(SosRequests::TaskId))
                .col(big(SosRequests::RequesterId))
                .col(ColumnDef::new(SosRequests::Title).string_len(400).not_null())
                // staffing | budget | law | coordination | other
                .col(ColumnDef::new(SosRequests::Category).string_len(20).not_null())
                // urgent | high | normal | low
                .col(ColumnDef::new(SosRequests::Urgency).string_len(20).not_null())
                // open | assigned | waiting_for_info | escalated | resolved
                .col(ColumnDef::new(SosRequests::State).string_len(20).not_null())
                .col(ColumnDef::new(SosRequests::Description).text().not_null())
                .col(ColumnDef::new(SosRequests::AssigneeId).big_integer().null())
                .col(time(SosRequests::CreatedAt))
                // The desk's first message of any kind.
                .col(maybe_time(SosRequests::FirstResponseAt))
                .col(maybe_time(SosRequests::ResolvedAt))
                .col(maybe_time(SosRequests::EscalatedAt))
                // When the desk lead was told the deadline was missed (once each).
                .col(maybe_time(SosRequests::FirstResponseOverdueNotifiedAt))
                .col(maybe_time(SosRequests::ResolutionOverdueNotifiedAt))
                .col(time(SosRequests::UpdatedAt))
                .foreign_key(&mut fk("fk_sos_requests_task", (SosRequests::Table, SosRequests::TaskId), (Tasks::Table, Tasks::Id)))
                .foreign_key(&mut keep("fk_sos_requests_requester", (SosRequests::Table, SosRequests::RequesterId), (Users::Table, Users::Id)))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sos_requests_assignee")
                        .from(SosRequests::Table, SosRequests::AssigneeId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_sos_requests_task").table(SosRequests::Table).col(SosRequests::TaskId).to_owned()).await?;
        m.create_index(Index::create().name("idx_sos_requests_state").table(SosRequests::Table).col(SosRequests::State).col(SosRequests::CreatedAt).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(SosRequestOrganisations::Table)
                .col(big(SosRequestOrganisations::RequestId))
                .col(big(SosRequestOrganisations::OrganisationId))
                .primary_key(Index::create().col(SosRequestOrganisations::RequestId).col(SosRequestOrganisations::OrganisationId))
                .foreign_key(&mut fk(
                    "fk_sos_orgs_request",
                    (SosRequestOrganisations::Table, SosRequestOrganisations::RequestId),
                    (SosRequests::Table, SosRequests::Id),
                ))
                .foreign_key(&mut keep(
                    "fk_sos_orgs_org",
                    (SosRequestOrganisations::Table, SosRequestOrganisations::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SosMessages::Table)
                .col(id(SosMessages::Id))
                .col(big(SosMessages::RequestId))
                .col(big(SosMessages::AuthorId))
                .col(ColumnDef::new(SosMessages::FromDesk).boolean().not_null())
                // reply | request_info | escalate | resolve
                .col(ColumnDef::new(SosMessages::Kind).string_len(20).not_null())
                .col(ColumnDef::new(SosMessages::Body).text().not_null())
                .col(time(SosMessages::CreatedAt))
                .foreign_key(&mut fk("fk_sos_messages_request", (SosMessages::Table, SosMessages::RequestId), (SosRequests::Table, SosRequests::Id)))
                .foreign_key(&mut keep("fk_sos_messages_author", (SosMessages::Table, SosMessages::AuthorId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_sos_messages_request").table(SosMessages::Table).col(SosMessages::RequestId).col(SosMessages::Id).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(TaskFollows::Table)
                .col(big(TaskFollows::TaskId))
                .col(big(TaskFollows::UserId))
                .col(time(TaskFollows::CreatedAt))
                .primary_key(Index::create().col(TaskFollows::TaskId).col(TaskFollows::UserId))
                .foreign_key(&mut fk("fk_task_follows_task", (TaskFollows::Table, TaskFollows::TaskId), (Tasks::Table, Tasks::Id)))
                .foreign_key(&mut fk("fk_task_follows_user", (TaskFollows::Table, TaskFollows::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_task_follows_user").table(TaskFollows::Table).col(TaskFollows::UserId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TaskFollows::Table.into_iden(),
            SosMessages::Table.into_iden(),
            SosRequestOrganisations::Table.into_iden(),
            SosRequests::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
