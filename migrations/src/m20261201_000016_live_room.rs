//! The live room of a meeting (issue 6): `meeting_live_states` (the agenda
//! item the facilitator is on, one row per meeting once moved),
//! `meeting_questions` (questions from the audience: queued, answered or
//! hidden), `meeting_question_upvotes` (one per person and question),
//! `meeting_hands` (requests to speak: one row per person and meeting,
//! raised again after being lowered or called; the queue is the raised rows
//! by `raised_at`) and `meeting_registrations.joined_at` (when a person
//! registered online first joined the live room: attendance by mode).

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
    JoinedAt,
}

#[derive(DeriveIden)]
enum MeetingLiveStates {
    Table,
    MeetingId,
    CurrentAgendaItemId,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingQuestions {
    Table,
    Id,
    MeetingId,
    AuthorId,
    AgendaItemId,
    Body,
    State,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingQuestionUpvotes {
    Table,
    QuestionId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingHands {
    Table,
    Id,
    MeetingId,
    UserId,
    Mode,
    State,
    RaisedAt,
    EndedAt,
    EndedBy,
    UpdatedAt,
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

fn maybe_big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().null().to_owned()
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
        // First join kept: set once, never moved by a later visit.
        m.alter_table(Table::alter().table(MeetingRegistrations::Table).add_column(maybe_time(MeetingRegistrations::JoinedAt)).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(MeetingLiveStates::Table)
                .col(ColumnDef::new(MeetingLiveStates::MeetingId).big_integer().not_null().primary_key())
                // Cleared when the item goes (the agenda is replaced as a whole).
                .col(maybe_big(MeetingLiveStates::CurrentAgendaItemId))
                .col(big(MeetingLiveStates::UpdatedBy))
                .col(time(MeetingLiveStates::UpdatedAt))
                .foreign_key(&mut fk("fk_live_states_meeting", (MeetingLiveStates::Table, MeetingLiveStates::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(
                    "fk_live_states_agenda_item",
                    (MeetingLiveStates::Table, MeetingLiveStates::CurrentAgendaItemId),
                    (MeetingAgendaItems::Table, MeetingAgendaItems::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk("fk_live_states_user", (MeetingLiveStates::Table, MeetingLiveStates::UpdatedBy), (Users::Table, Users::Id), ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingQuestions::Table)
                .col(id(MeetingQuestions::Id))
                .col(big(MeetingQuestions::MeetingId))
                .col(big(MeetingQuestions::AuthorId))
                // The item the facilitator was on when the question was asked.
                .col(maybe_big(MeetingQuestions::AgendaItemId))
                // Cleaned text, 2–1,000 characters.
                .col(ColumnDef::new(MeetingQuestions::Body).text().not_null())
                // queued | answered | hidden
                .col(word(MeetingQuestions::State))
                .col(time(MeetingQuestions::CreatedAt))
                .col(time(MeetingQuestions::UpdatedAt))
                .foreign_key(&mut fk("fk_questions_meeting", (MeetingQuestions::Table, MeetingQuestions::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_questions_author", (MeetingQuestions::Table, MeetingQuestions::AuthorId), (Users::Table, Users::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(
                    "fk_questions_agenda_item",
                    (MeetingQuestions::Table, MeetingQuestions::AgendaItemId),
                    (MeetingAgendaItems::Table, MeetingAgendaItems::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_questions_meeting").table(MeetingQuestions::Table).col(MeetingQuestions::MeetingId).col(MeetingQuestions::State).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(MeetingQuestionUpvotes::Table)
                .col(big(MeetingQuestionUpvotes::QuestionId))
                .col(big(MeetingQuestionUpvotes::UserId))
                .col(time(MeetingQuestionUpvotes::CreatedAt))
                // One upvote per person and question.
                .primary_key(Index::create().col(MeetingQuestionUpvotes::QuestionId).col(MeetingQuestionUpvotes::UserId))
                .foreign_key(&mut fk(
                    "fk_question_upvotes_question",
                    (MeetingQuestionUpvotes::Table, MeetingQuestionUpvotes::QuestionId),
                    (MeetingQuestions::Table, MeetingQuestions::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk("fk_question_upvotes_user", (MeetingQuestionUpvotes::Table, MeetingQuestionUpvotes::UserId), (Users::Table, Users::Id), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingHands::Table)
                .col(id(MeetingHands::Id))
                .col(big(MeetingHands::MeetingId))
                .col(big(MeetingHands::UserId))
                // in_room | online: where the person was when they raised it.
                .col(word(MeetingHands::Mode))
                // raised | lowered | called
                .col(word(MeetingHands::State))
                // The place in the queue: set at each raise.
                .col(time(MeetingHands::RaisedAt))
                .col(maybe_time(MeetingHands::EndedAt))
                // Who lowered or called it (the person or the facilitator).
                .col(maybe_big(MeetingHands::EndedBy))
                .col(time(MeetingHands::UpdatedAt))
                .foreign_key(&mut fk("fk_hands_meeting", (MeetingHands::Table, MeetingHands::MeetingId), (Meetings::Table, Meetings::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_hands_user", (MeetingHands::Table, MeetingHands::UserId), (Users::Table, Users::Id), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_hands_ended_by", (MeetingHands::Table, MeetingHands::EndedBy), (Users::Table, Users::Id), ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        // One row per person and meeting, so at most one raised hand each.
        m.create_index(Index::create().name("uq_hands_meeting_user").table(MeetingHands::Table).col(MeetingHands::MeetingId).col(MeetingHands::UserId).unique().to_owned()).await?;
        m.create_index(Index::create().name("idx_hands_queue").table(MeetingHands::Table).col(MeetingHands::MeetingId).col(MeetingHands::State).col(MeetingHands::RaisedAt).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MeetingHands::Table.into_iden(),
            MeetingQuestionUpvotes::Table.into_iden(),
            MeetingQuestions::Table.into_iden(),
            MeetingLiveStates::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.alter_table(Table::alter().table(MeetingRegistrations::Table).drop_column(MeetingRegistrations::JoinedAt).to_owned()).await
    }
}
