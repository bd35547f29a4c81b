//! `meeting_agenda_items`: a meeting's agenda, in order.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_agenda_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub position: i32,
    pub title: String,
    pub description: String,
    pub minutes: Option<i32>,
    pub proposal_id: Option<i64>,
    pub presenter_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
