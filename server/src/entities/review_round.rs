//! `review_rounds`: review rounds of a committee.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub description: String,
    pub state: String,
    pub eligibility: String,
    pub reviewers_per_proposal: Option<i32>,
    pub deadline: DateTimeUtc,
    pub blind: bool,
    pub public_weight: i32,
    pub aggregation: String,
    pub created_at: DateTimeUtc,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
