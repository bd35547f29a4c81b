//! Business rules, one module per area. Services take `&impl ConnectionTrait`
//! so they run on the pool or inside a transaction; REST handlers and server
//! functions only adapt to them.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod comments;
pub mod demo;
pub mod execution;
pub mod feedback;
pub mod import;
pub mod markdown;
pub mod moderation;
pub mod notifications;
pub mod oidc;
pub mod privacy;
pub mod processes;
pub mod proposals;
pub mod reference;
pub mod review;
pub mod search;
pub mod site;
pub mod status;
pub mod support_batch;
pub mod throttle;
pub mod tokens;

/// A timestamp as the API shows it: RFC 3339, UTC, whole seconds.
pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
