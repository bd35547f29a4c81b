//! `committee_members`: the members of a committee, with their kind, organisation and whether they chair.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "committee_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub committee_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub kind: String,
    pub organisation_id: Option<i64>,
    pub chair: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
