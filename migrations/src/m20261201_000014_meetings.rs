//! Councils and their meetings (협의회·회의, issue 6; DESIGN.md §3 calls them
//! meetings, not sessions, which are sign-in sessions): councils with their
//! subcommittees and forum teams, members by side, meetings held in a room,
//! online or both, their agenda, and registrations with the room's waiting
//! list (`ordinal` keeps the queue order) and one check-in code each.

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
enum Proposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Councils {
    Table,
    Id,
    Name,
    Kind,
    ParentId,
    Description,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CouncilMembers {
    Table,
    CouncilId,
    UserId,
    Side,
    OrganisationId,
    Role,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    CouncilId,
    Title,
    Description,
    Kind,
    StartsAt,
    EndsAt,
    Venue,
    Capacity,
    OnlineUrl,
    BuiltInRoom,
    Visibility,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingAgendaItems {
    Table,
    Id,
    MeetingId,
    Position,
    Title,
    Description,
    Minutes,
    ProposalId,
    PresenterId,
}

#[derive(DeriveIden)]
enum MeetingRegistrations {
    Table,
    Id,
    MeetingId,
    UserId,
    Mode,
    State,
    Ordinal,
    CheckInCode,
    CheckedInAt,
    CheckInChannel,
    CreatedAt,
    UpdatedAt,
}

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

/// A reference that must not take the row with it (accounts are kept as
/// rows when deleted; councils and organisations cannot be deleted while named).
fn keep(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

/// An optional reference that is cleared when its target goes.
fn clear(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::SetNull).to_owned()
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
        m.create_table(
            Table::create()
                .table(Councils::Table)
                .col(id(Councils::Id))
                .col(ColumnDef::new(Councils::Name).string_len(400).not_null())
                // council | subcommittee | forum_team
                .col(word(Councils::Kind))
                .col(maybe_big(Councils::ParentId))
                .col(ColumnDef::new(Councils::Description).text().not_null())
                .col(time(Councils::CreatedAt))
                .foreign_key(&mut keep("fk_councils_parent", (Councils::Table, Councils::ParentId), (Councils::Table, Councils::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_councils_parent").table(Councils::Table).col(Councils::ParentId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(CouncilMembers::Table)
                .col(big(CouncilMembers::CouncilId))
                .col(big(CouncilMembers::UserId))
                // civilian | government
                .col(word(CouncilMembers::Side))
                .col(maybe_big(CouncilMembers::OrganisationId))
                // chair | member
                .col(word(CouncilMembers::Role))
                .primary_key(Index::create().col(CouncilMembers::CouncilId).col(CouncilMembers::UserId))
                .foreign_key(&mut fk("fk_council_members_council", (CouncilMembers::Table, CouncilMembers::CouncilId), (Councils::Table, Councils::Id)))
                .foreign_key(&mut fk("fk_council_members_user", (CouncilMembers::Table, CouncilMembers::UserId), (Users::Table, Users::Id)))
                .foreign_key(&mut keep(
                    "fk_council_members_org",
                    (CouncilMembers::Table, CouncilMembers::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_council_members_user").table(CouncilMembers::Table).col(CouncilMembers::UserId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Meetings::Table)
                .col(id(Meetings::Id))
                .col(big(Meetings::CouncilId))
                .col(ColumnDef::new(Meetings::Title).string_len(800).not_null())
                .col(ColumnDef::new(Meetings::Description).text().not_null())
                // in_person | online | hybrid
                .col(word(Meetings::Kind))
                .col(time(Meetings::StartsAt))
                .col(time(Meetings::EndsAt))
                // In person and hybrid only.
                .col(ColumnDef::new(Meetings::Venue).string_len(800).null())
                .col(ColumnDef::new(Meetings::Capacity).integer().null())
                // Online and hybrid: an external link, or the built-in live room.
                .col(ColumnDef::new(Meetings::OnlineUrl).string_len(2000).null())
                .col(ColumnDef::new(Meetings::BuiltInRoom).boolean().not_null().default(false))
                // public | members_only
                .col(word(Meetings::Visibility))
                .col(big(Meetings::CreatedBy))
                .col(time(Meetings::CreatedAt))
                .col(time(Meetings::UpdatedAt))
                .foreign_key(&mut keep("fk_meetings_council", (Meetings::Table, Meetings::CouncilId), (Councils::Table, Councils::Id)))
                .foreign_key(&mut keep("fk_meetings_created_by", (Meetings::Table, Meetings::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_meetings_council").table(Meetings::Table).col(Meetings::CouncilId).col(Meetings::StartsAt).to_owned()).await?;
        m.create_index(Index::create().name("idx_meetings_starts").table(Meetings::Table).col(Meetings::StartsAt).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(MeetingAgendaItems::Table)
                .col(id(MeetingAgendaItems::Id))
                .col(big(MeetingAgendaItems::MeetingId))
                // 1-based order on the agenda.
                .col(ColumnDef::new(MeetingAgendaItems::Position).integer().not_null())
                .col(ColumnDef::new(MeetingAgendaItems::Title).string_len(800).not_null())
                .col(ColumnDef::new(MeetingAgendaItems::Description).text().not_null())
                // The planned length.
                .col(ColumnDef::new(MeetingAgendaItems::Minutes).integer().null())
                .col(maybe_big(MeetingAgendaItems::ProposalId))
                .col(maybe_big(MeetingAgendaItems::PresenterId))
                .foreign_key(&mut fk("fk_agenda_items_meeting", (MeetingAgendaItems::Table, MeetingAgendaItems::MeetingId), (Meetings::Table, Meetings::Id)))
                .foreign_key(&mut clear("fk_agenda_items_proposal", (MeetingAgendaItems::Table, MeetingAgendaItems::ProposalId), (Proposals::Table, Proposals::Id)))
                .foreign_key(&mut clear("fk_agenda_items_presenter", (MeetingAgendaItems::Table, MeetingAgendaItems::PresenterId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_agenda_items_meeting").table(MeetingAgendaItems::Table).col(MeetingAgendaItems::MeetingId).col(MeetingAgendaItems::Position).to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_agenda_items_proposal").table(MeetingAgendaItems::Table).col(MeetingAgendaItems::ProposalId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(MeetingRegistrations::Table)
                .col(id(MeetingRegistrations::Id))
                .col(big(MeetingRegistrations::MeetingId))
                .col(big(MeetingRegistrations::UserId))
                // in_room | online
                .col(word(MeetingRegistrations::Mode))
                // registered | waitlisted | cancelled
                .col(word(MeetingRegistrations::State))
                // The place in the queue: larger is later (per meeting).
                .col(big(MeetingRegistrations::Ordinal))
                // Normalised (`normalise_code`), ten characters with the check character.
                .col(ColumnDef::new(MeetingRegistrations::CheckInCode).string_len(16).not_null())
                .col(maybe_time(MeetingRegistrations::CheckedInAt))
                // How the person was checked in: code (typed or scanned by staff).
                .col(ColumnDef::new(MeetingRegistrations::CheckInChannel).string_len(20).null())
                .col(time(MeetingRegistrations::CreatedAt))
                .col(time(MeetingRegistrations::UpdatedAt))
                .foreign_key(&mut fk("fk_registrations_meeting", (MeetingRegistrations::Table, MeetingRegistrations::MeetingId), (Meetings::Table, Meetings::Id)))
                .foreign_key(&mut fk("fk_registrations_user", (MeetingRegistrations::Table, MeetingRegistrations::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_registrations_meeting_user")
                .table(MeetingRegistrations::Table)
                .col(MeetingRegistrations::MeetingId)
                .col(MeetingRegistrations::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("uq_registrations_code").table(MeetingRegistrations::Table).col(MeetingRegistrations::CheckInCode).unique().to_owned()).await?;
        m.create_index(
            Index::create().name("idx_registrations_queue").table(MeetingRegistrations::Table).col(MeetingRegistrations::MeetingId).col(MeetingRegistrations::Ordinal).to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_registrations_user").table(MeetingRegistrations::Table).col(MeetingRegistrations::UserId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MeetingRegistrations::Table.into_iden(),
            MeetingAgendaItems::Table.into_iden(),
            Meetings::Table.into_iden(),
            CouncilMembers::Table.into_iden(),
            Councils::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
