//! `round_proposals`: the proposals a round reviews (supports frozen at close).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub proposal_id: i64,
    pub supports: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
