//! Minutes of meetings (회의록, issue 6) and the day-before reminders:
//!
//! - `meeting_minutes`: one row per meeting, a draft or published, who
//!   published it and when, who changed it last, and at publication a
//!   snapshot (JSON) of the meeting's closed polls with their results and of
//!   the attendance by mode, so the published record does not move when the
//!   live tables do;
//! - `meeting_minutes_items`: per agenda item, the decisions and the summary
//!   of the discussion;
//! - `meeting_reminders`: one row per registration and start time a
//!   reminder went out for. Its primary key is the claim: of two server
//!   processes sweeping at once only one inserts the row and sends the
//!   notice; a meeting moved to another time is reminded again;
//! - `proposal_events.meeting_id`: a proposal's timeline entry for the
//!   minutes of a meeting that discussed it (kind `meeting_minutes`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MeetingAgendaItems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MeetingRegistrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProposalEvents {
    Table,
    MeetingId,
}

#[derive(DeriveIden)]
enum MeetingMinutes {
    Table,
    MeetingId,
    State,
    Snapshot,
    PublishedAt,
    PublishedBy,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum MeetingMinutesItems {
    Table,
    AgendaItemId,
    MeetingId,
    Decisions,
    Summary,
}

#[derive(DeriveIden)]
enum MeetingReminders {
    Table,
    RegistrationId,
    StartsAt,
    MeetingId,
    SentAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden), action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(action).to_owned()
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
                .table(MeetingMinutes::Table)
                .col(ColumnDef::new(MeetingMinutes::MeetingId).big_integer().not_null().primary_key())
                // draft | published
                .col(ColumnDef::new(MeetingMinutes::State).string_len(20).not_null())
                // JSON { "polls": [PollDto], "attendance": AttendanceDto }, taken at publication.
                .col(ColumnDef::new(MeetingMinutes::Snapshot).text().null())
                .col(ColumnDef::new(MeetingMinutes::PublishedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(MeetingMinutes::PublishedBy).big_integer().null())
                .col(time(MeetingMinutes::CreatedAt))
                .col(time(MeetingMinutes::UpdatedAt))
                .col(big(MeetingMinutes::UpdatedBy))
                .foreign_key(&mut fk("fk_minutes_meeting", (MeetingMinutes::Table, MeetingMinutes::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_minutes_published_by", (MeetingMinutes::Table, MeetingMinutes::PublishedBy), (Users::Table, Users::Id), ForeignKeyAction::Restrict))
                .foreign_key(&mut fk("fk_minutes_updated_by", (MeetingMinutes::Table, MeetingMinutes::UpdatedBy), (Users::Table, Users::Id), ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingMinutesItems::Table)
                .col(ColumnDef::new(MeetingMinutesItems::AgendaItemId).big_integer().not_null().primary_key())
                .col(big(MeetingMinutesItems::MeetingId))
                .col(ColumnDef::new(MeetingMinutesItems::Decisions).text().not_null())
                .col(ColumnDef::new(MeetingMinutesItems::Summary).text().not_null())
                .foreign_key(&mut fk(
                    "fk_minutes_items_agenda_item",
                    (MeetingMinutesItems::Table, MeetingMinutesItems::AgendaItemId),
                    (MeetingAgendaItems::Table, MeetingAgendaItems::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_minutes_items_meeting",
                    (MeetingMinutesItems::Table, MeetingMinutesItems::MeetingId),
                    (Meetings::Table, Meetings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_minutes_items_meeting").table(MeetingMinutesItems::Table).col(MeetingMinutesItems::MeetingId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(MeetingReminders::Table)
                .col(big(MeetingReminders::RegistrationId))
                // The meeting's start (Unix seconds) the reminder was for.
                .col(big(MeetingReminders::StartsAt))
                .col(big(MeetingReminders::MeetingId))
                .col(time(MeetingReminders::SentAt))
                .primary_key(Index::create().col(MeetingReminders::RegistrationId).col(MeetingReminders::StartsAt))
                .foreign_key(&mut fk(
                    "fk_reminders_registration",
                    (MeetingReminders::Table, MeetingReminders::RegistrationId),
                    (MeetingRegistrations::Table, MeetingRegistrations::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk("fk_reminders_meeting", (MeetingReminders::Table, MeetingReminders::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_reminders_meeting").table(MeetingReminders::Table).col(MeetingReminders::MeetingId).to_owned()).await?;
        // A plain column: SQLite cannot add a foreign key to an existing table.
        // Meetings are never deleted; the timeline reads the meeting when shown.
        m.alter_table(Table::alter().table(ProposalEvents::Table).add_column(ColumnDef::new(ProposalEvents::MeetingId).big_integer().null()).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(ProposalEvents::Table).drop_column(ProposalEvents::MeetingId).to_owned()).await?;
        for table in [MeetingReminders::Table.into_iden(), MeetingMinutesItems::Table.into_iden(), MeetingMinutes::Table.into_iden()] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
