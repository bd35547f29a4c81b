//! `review_sheet_versions`: submitted versions of a sheet (its history).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "review_sheet_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub sheet_id: i64,
    pub version: i32,
    pub scores: String,
    pub comment: String,
    pub total: f64,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
