//! Live polls of a meeting (issue 6) and the meeting's live events:
//! `meeting_polls` (question, kind, options as a JSON array, draft → open →
//! closed), `meeting_poll_votes` (one row per person and poll, replaced by a
//! later vote, with the mode the person voted in: in_room or online),
//! `meeting_poll_tallies` (the facilitator's hand count per option) and
//! `meeting_events`, the append-only log behind the Server-Sent Events: the
//! row id is the event id, so `Last-Event-ID` works across server processes
//! and restarts (DESIGN.md §2 rule 5).

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
enum MeetingPolls {
    Table,
    Id,
    MeetingId,
    AgendaItemId,
    Question,
    Kind,
    Options,
    MaxChoices,
    State,
    CreatedBy,
    OpenedAt,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingPollVotes {
    Table,
    Id,
    PollId,
    UserId,
    Mode,
    Choices,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingPollTallies {
    Table,
    PollId,
    OptionIndex,
    Count,
    EnteredBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingEvents {
    Table,
    Id,
    MeetingId,
    Audience,
    Kind,
    Payload,
    CreatedAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden), action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(action).to_owned()
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().auto_increment().primary_key().to_owned()
}

fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn word(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string_len(20).not_null().to_owned()
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
                .table(MeetingPolls::Table)
                .col(id(MeetingPolls::Id))
                .col(big(MeetingPolls::MeetingId))
                .col(ColumnDef::new(MeetingPolls::AgendaItemId).big_integer().null())
                .col(ColumnDef::new(MeetingPolls::Question).string_len(1200).not_null())
                // single | multiple | yes_no_abstain | scale
                .col(word(MeetingPolls::Kind))
                // A JSON array of the option texts (the keys for the fixed kinds).
                .col(ColumnDef::new(MeetingPolls::Options).text().not_null())
                .col(ColumnDef::new(MeetingPolls::MaxChoices).integer().not_null())
                // draft | open | closed
                .col(word(MeetingPolls::State))
                .col(big(MeetingPolls::CreatedBy))
                .col(maybe_time(MeetingPolls::OpenedAt))
                .col(maybe_time(MeetingPolls::ClosedAt))
                .col(time(MeetingPolls::CreatedAt))
                .col(time(MeetingPolls::UpdatedAt))
                .foreign_key(&mut fk("fk_polls_meeting", (MeetingPolls::Table, MeetingPolls::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(
                    "fk_polls_agenda_item",
                    (MeetingPolls::Table, MeetingPolls::AgendaItemId),
                    (MeetingAgendaItems::Table, MeetingAgendaItems::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk("fk_polls_created_by", (MeetingPolls::Table, MeetingPolls::CreatedBy), (Users::Table, Users::Id), ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_polls_meeting").table(MeetingPolls::Table).col(MeetingPolls::MeetingId).col(MeetingPolls::State).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(MeetingPollVotes::Table)
                .col(id(MeetingPollVotes::Id))
                .col(big(MeetingPollVotes::PollId))
                .col(big(MeetingPollVotes::UserId))
                // in_room | online: where the person was when they voted (the latest vote).
                .col(word(MeetingPollVotes::Mode))
                // A JSON array of option indexes, sorted, without repeats.
                .col(ColumnDef::new(MeetingPollVotes::Choices).string_len(200).not_null())
                .col(time(MeetingPollVotes::CreatedAt))
                .col(time(MeetingPollVotes::UpdatedAt))
                .foreign_key(&mut fk("fk_poll_votes_poll", (MeetingPollVotes::Table, MeetingPollVotes::PollId), (MeetingPolls::Table, MeetingPolls::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_poll_votes_user", (MeetingPollVotes::Table, MeetingPollVotes::UserId), (Users::Table, Users::Id), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        // One vote per person and poll (a later vote replaces the row).
        m.create_index(
            Index::create().name("uq_poll_votes_poll_user").table(MeetingPollVotes::Table).col(MeetingPollVotes::PollId).col(MeetingPollVotes::UserId).unique().to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingPollTallies::Table)
                .col(big(MeetingPollTallies::PollId))
                // 0-based, in the poll's order.
                .col(ColumnDef::new(MeetingPollTallies::OptionIndex).integer().not_null())
                .col(ColumnDef::new(MeetingPollTallies::Count).integer().not_null())
                .col(big(MeetingPollTallies::EnteredBy))
                .col(time(MeetingPollTallies::UpdatedAt))
                .primary_key(Index::create().col(MeetingPollTallies::PollId).col(MeetingPollTallies::OptionIndex))
                .foreign_key(&mut fk("fk_poll_tallies_poll", (MeetingPollTallies::Table, MeetingPollTallies::PollId), (MeetingPolls::Table, MeetingPolls::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_poll_tallies_user", (MeetingPollTallies::Table, MeetingPollTallies::EnteredBy), (Users::Table, Users::Id), ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingEvents::Table)
                // The event id (`id:` of the Server-Sent Event): increasing, and
                // within a meeting in commit order (publishers lock the meeting's row).
                .col(id(MeetingEvents::Id))
                .col(big(MeetingEvents::MeetingId))
                // all | staff (live results are for the facilitator until the poll closes)
                .col(word(MeetingEvents::Audience))
                // The event's name (`event:`).
                .col(ColumnDef::new(MeetingEvents::Kind).string_len(40).not_null())
                // The `LiveEvent` as JSON (`data:`).
                .col(ColumnDef::new(MeetingEvents::Payload).text().not_null())
                .col(time(MeetingEvents::CreatedAt))
                .foreign_key(&mut fk("fk_events_meeting", (MeetingEvents::Table, MeetingEvents::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_events_meeting").table(MeetingEvents::Table).col(MeetingEvents::MeetingId).col(MeetingEvents::Id).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MeetingEvents::Table.into_iden(),
            MeetingPollTallies::Table.into_iden(),
            MeetingPollVotes::Table.into_iden(),
            MeetingPolls::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
