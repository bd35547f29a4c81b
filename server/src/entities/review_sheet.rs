//! `review_sheets`: a reviewer's score sheet for a proposal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_sheets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub proposal_id: i64,
    pub reviewer_id: i64,
    pub state: String,
    pub comment: String,
    pub version: i32,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
