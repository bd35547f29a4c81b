//! `meeting_minutes_items`: the minutes of one agenda item (decisions and a
//! summary of the discussion).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_minutes_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub agenda_item_id: i64,
    pub meeting_id: i64,
    pub decisions: String,
    pub summary: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
