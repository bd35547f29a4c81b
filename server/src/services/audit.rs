//! The audit log: append-only, one row per security event or decision
//! (DESIGN.md §3). Never holds secrets; details are a small JSON object.

use crate::entities::audit_log;
use crate::error::Result;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use std::net::IpAddr;

/// One event to record.
pub struct Event<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub target: Option<(&'a str, String)>,
    pub ip: Option<IpAddr>,
    pub details: serde_json::Value,
}

impl<'a> Event<'a> {
    pub fn new(action: &'a str) -> Self {
        Self { actor: None, action, target: None, ip: None, details: serde_json::json!({}) }
    }
    pub fn actor(mut self, user_id: i64) -> Self {
        self.actor = Some(user_id);
        self
    }
    pub fn target(mut self, kind: &'a str, id: impl ToString) -> Self {
        self.target = Some((kind, id.to_string()));
        self
    }
    pub fn ip(mut self, ip: Option<IpAddr>) -> Self {
        self.ip = ip;
        self
    }
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// Appends an event.
pub async fn record(db: &impl ConnectionTrait, event: Event<'_>) -> Result<()> {
    let (target_kind, target_id) = match event.target {
        Some((k, id)) => (Some(k.to_owned()), Some(id)),
        None => (None, None),
    };
    audit_log::ActiveModel {
        actor_user_id: Set(event.actor),
        action: Set(event.action.to_owned()),
        target_kind: Set(target_kind),
        target_id: Set(target_id),
        ip: Set(event.ip.map(|ip| ip.to_string())),
        details: Set(event.details.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
