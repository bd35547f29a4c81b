//! `meeting_reminders`: a day-before reminder sent for a registration and
//! the meeting's start time (the primary key is the claim).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_reminders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub registration_id: i64,
    /// The start (Unix seconds) the reminder was for.
    #[sea_orm(primary_key, auto_increment = false)]
    pub starts_at: i64,
    pub meeting_id: i64,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
