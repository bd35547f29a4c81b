//! `review_scores`: one criterion's score on a sheet.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_scores")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sheet_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub criterion_id: i64,
    pub score: Option<i32>,
    pub comment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
