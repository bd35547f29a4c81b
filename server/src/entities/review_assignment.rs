//! `review_assignments`: who reviews which proposal in a round.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub proposal_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub reviewer_id: i64,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
