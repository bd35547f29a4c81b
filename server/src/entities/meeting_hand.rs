//! `meeting_hands`: a person's request to speak in a meeting (raised,
//! lowered or called), one row per person and meeting.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_hands")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub user_id: i64,
    pub mode: String,
    pub state: String,
    pub raised_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub ended_by: Option<i64>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
