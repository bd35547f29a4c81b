//! `shortlist_decisions`: a round's decision on a proposal, with its public rationale.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shortlist_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub proposal_id: i64,
    pub decision: String,
    pub rationale: String,
    pub decided_by: i64,
    pub decided_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
