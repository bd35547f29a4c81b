//! `council_members`: who sits on a council, for which side, as chair or member.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "council_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub council_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub side: String,
    pub organisation_id: Option<i64>,
    pub role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
