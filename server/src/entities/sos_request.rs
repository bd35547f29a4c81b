//! `sos_requests`: difficulties a task force raised with the 협업SOS desk.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sos_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub task_id: i64,
    pub requester_id: i64,
    pub title: String,
    pub category: String,
    pub urgency: String,
    pub state: String,
    pub description: String,
    pub assignee_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub first_response_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub escalated_at: Option<DateTimeUtc>,
    pub first_response_overdue_notified_at: Option<DateTimeUtc>,
    pub resolution_overdue_notified_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
