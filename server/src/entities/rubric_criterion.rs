//! `rubric_criteria`: the rubric of a round.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rubric_criteria")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub position: i32,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
