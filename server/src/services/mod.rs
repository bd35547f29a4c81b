//! Business rules, one module per area. Services take `&impl ConnectionTrait`
//! so they run on the pool or inside a transaction; REST handlers and server
//! functions only adapt to them.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod comments;
pub mod demo;
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
pub mod search;
pub mod site;
pub mod throttle;
pub mod tokens;
