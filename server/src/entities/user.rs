//! `users`: accounts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    /// Argon2id PHC string; `None` for provider-only accounts.
    pub password_hash: Option<String>,
    pub verification_level: String,
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_sign_in_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
    /// When roles or the verification level last changed (sessions get a new id).
    pub privileges_changed_at: Option<DateTimeUtc>,
    /// Set by a moderator: the account may no longer post.
    pub blocked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
