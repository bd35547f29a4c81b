//! `meeting_registrations`: who attends a meeting, how, their place in the
//! room's queue and their check-in code.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_registrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub user_id: i64,
    pub mode: String,
    pub state: String,
    pub ordinal: i64,
    pub check_in_code: String,
    pub checked_in_at: Option<DateTimeUtc>,
    pub check_in_channel: Option<String>,
    /// When the person, registered online, first joined the live room.
    pub joined_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
