//! `proposals`: innovation-task proposals (혁신과제 제안).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub process_id: i64,
    pub author_id: i64,
    pub title: String,
    pub problem: String,
    pub solution: String,
    pub effect: String,
    pub area_code: String,
    pub region_code: String,
    /// JSON array of strings.
    pub tags: String,
    pub status: String,
    /// Rolled up from `support_counts` for sorting; the detail view sums the shards.
    pub support_count: i64,
    pub comment_count: i64,
    pub version: i32,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Where an imported proposal came from (`petition:581234`).
    pub external_ref: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::AuthorId", to = "super::user::Column::Id")]
    Author,
}

impl ActiveModelBehavior for ActiveModel {}
