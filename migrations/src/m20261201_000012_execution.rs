//! Execution tracking (issue 7, first part): tasks (과제) made from selected
//! proposals or directly, their organisations and task-force members,
//! nested milestones, progress updates, and outcome indicators with values.
//! Progress is stored on the task, recomputed on every milestone change;
//! health depends on the date and is derived when read.

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
    ProposalId,
    Title,
    Description,
    Kind,
    AreaCode,
    RegionCode,
    LeadOrganisationId,
    Progress,
    HealthOverride,
    HealthOverrideReason,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TaskOrganisations {
    Table,
    TaskId,
    OrganisationId,
    Role,
}

#[derive(DeriveIden)]
enum TaskMembers {
    Table,
    TaskId,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    Id,
    TaskId,
    ParentId,
    Title,
    DueDate,
    OwnerId,
    Weight,
    Status,
    ProgressPercent,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TaskUpdates {
    Table,
    Id,
    TaskId,
    AuthorId,
    Body,
    Links,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Indicators {
    Table,
    Id,
    TaskId,
    Name,
    Unit,
    Baseline,
    Target,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IndicatorValues {
    Table,
    Id,
    IndicatorId,
    Date,
    Value,
    CreatedAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

/// A reference that must not take the task's history with it: the
/// organisation or account cannot be deleted while it is referenced.
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Tasks::Table)
                .col(id(Tasks::Id))
                // The selected proposal it executes (none for tasks made directly).
                .col(ColumnDef::new(Tasks::ProposalId).big_integer().null())
                .col(ColumnDef::new(Tasks::Title).string_len(400).not_null())
                .col(ColumnDef::new(Tasks::Description).text().not_null())
                // priority | institution_managed
                .col(ColumnDef::new(Tasks::Kind).string_len(30).not_null())
                .col(ColumnDef::new(Tasks::AreaCode).string_len(40).not_null())
                .col(ColumnDef::new(Tasks::RegionCode).string_len(40).not_null())
                .col(big(Tasks::LeadOrganisationId))
                // Rolled up from the milestones on every change (health depends
                // on the date, so it is derived when read, not stored).
                .col(ColumnDef::new(Tasks::Progress).double().not_null().default(0.0))
                // on_track | at_risk | delayed, set by the task force with a reason
                .col(ColumnDef::new(Tasks::HealthOverride).string_len(20).null())
                .col(ColumnDef::new(Tasks::HealthOverrideReason).text().null())
                .col(big(Tasks::CreatedBy))
                .col(time(Tasks::CreatedAt))
                .col(time(Tasks::UpdatedAt))
                .foreign_key(&mut keep("fk_tasks_lead", (Tasks::Table, Tasks::LeadOrganisationId), (Organisations::Table, Organisations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_tasks_proposal").table(Tasks::Table).col(Tasks::ProposalId).unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table(TaskOrganisations::Table)
                .col(big(TaskOrganisations::TaskId))
                .col(big(TaskOrganisations::OrganisationId))
                // lead | partner
                .col(ColumnDef::new(TaskOrganisations::Role).string_len(20).not_null())
                .primary_key(Index::create().col(TaskOrganisations::TaskId).col(TaskOrganisations::OrganisationId))
                .foreign_key(&mut fk("fk_task_orgs_task", (TaskOrganisations::Table, TaskOrganisations::TaskId), (Tasks::Table, Tasks::Id)))
                .foreign_key(&mut keep("fk_task_orgs_org", (TaskOrganisations::Table, TaskOrganisations::OrganisationId), (Organisations::Table, Organisations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TaskMembers::Table)
                .col(big(TaskMembers::TaskId))
                .col(big(TaskMembers::UserId))
                // lead | member
                .col(ColumnDef::new(TaskMembers::Role).string_len(20).not_null())
                .primary_key(Index::create().col(TaskMembers::TaskId).col(TaskMembers::UserId))
                .foreign_key(&mut fk("fk_task_members_task", (TaskMembers::Table, TaskMembers::TaskId), (Tasks::Table, Tasks::Id)))
                .foreign_key(&mut fk("fk_task_members_user", (TaskMembers::Table, TaskMembers::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_task_members_user").table(TaskMembers::Table).col(TaskMembers::UserId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Milestones::Table)
                .col(id(Milestones::Id))
                .col(big(Milestones::TaskId))
                .col(ColumnDef::new(Milestones::ParentId).big_integer().null())
                .col(ColumnDef::new(Milestones::Title).string_len(400).not_null())
                // YYYY-MM-DD (a calendar date, no time zone)
                .col(ColumnDef::new(Milestones::DueDate).string_len(10).not_null())
                .col(ColumnDef::new(Milestones::OwnerId).big_integer().null())
                .col(ColumnDef::new(Milestones::Weight).integer().not_null())
                // planned | in_progress | done | delayed
                .col(ColumnDef::new(Milestones::Status).string_len(20).not_null())
                .col(ColumnDef::new(Milestones::ProgressPercent).integer().null())
                .col(time(Milestones::CreatedAt))
                .col(time(Milestones::UpdatedAt))
                .foreign_key(&mut fk("fk_milestones_task", (Milestones::Table, Milestones::TaskId), (Tasks::Table, Tasks::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_milestones_task").table(Milestones::Table).col(Milestones::TaskId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(TaskUpdates::Table)
                .col(id(TaskUpdates::Id))
                .col(big(TaskUpdates::TaskId))
                .col(big(TaskUpdates::AuthorId))
                .col(ColumnDef::new(TaskUpdates::Body).text().not_null())
                // JSON list of http(s) links
                .col(ColumnDef::new(TaskUpdates::Links).text().not_null())
                .col(time(TaskUpdates::CreatedAt))
                .foreign_key(&mut fk("fk_task_updates_task", (TaskUpdates::Table, TaskUpdates::TaskId), (Tasks::Table, Tasks::Id)))
                .foreign_key(&mut keep("fk_task_updates_author", (TaskUpdates::Table, TaskUpdates::AuthorId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_task_updates_task").table(TaskUpdates::Table).col(TaskUpdates::TaskId).col(TaskUpdates::Id).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Indicators::Table)
                .col(id(Indicators::Id))
                .col(big(Indicators::TaskId))
                .col(ColumnDef::new(Indicators::Name).string_len(200).not_null())
                .col(ColumnDef::new(Indicators::Unit).string_len(40).not_null())
                .col(ColumnDef::new(Indicators::Baseline).double().not_null())
                .col(ColumnDef::new(Indicators::Target).double().not_null())
                .col(time(Indicators::CreatedAt))
                .foreign_key(&mut fk("fk_indicators_task", (Indicators::Table, Indicators::TaskId), (Tasks::Table, Tasks::Id)))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IndicatorValues::Table)
                .col(id(IndicatorValues::Id))
                .col(big(IndicatorValues::IndicatorId))
                .col(ColumnDef::new(IndicatorValues::Date).string_len(10).not_null())
                .col(ColumnDef::new(IndicatorValues::Value).double().not_null())
                .col(time(IndicatorValues::CreatedAt))
                .foreign_key(&mut fk("fk_indicator_values_indicator", (IndicatorValues::Table, IndicatorValues::IndicatorId), (Indicators::Table, Indicators::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_indicator_values_unique").table(IndicatorValues::Table).col(IndicatorValues::IndicatorId).col(IndicatorValues::Date).unique().to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IndicatorValues::Table.into_iden(),
            Indicators::Table.into_iden(),
            TaskUpdates::Table.into_iden(),
            Milestones::Table.into_iden(),
            TaskMembers::Table.into_iden(),
            TaskOrganisations::Table.into_iden(),
            Tasks::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
