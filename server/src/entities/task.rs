//! `tasks`: tasks (과제) under execution.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub proposal_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub area_code: String,
    pub region_code: String,
    pub lead_organisation_id: i64,
    pub progress: f64,
    pub health_override: Option<String>,
    pub health_override_reason: Option<String>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
