//! `review_messages`: the committee's private discussion on a proposal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub proposal_id: i64,
    pub author_id: i64,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
