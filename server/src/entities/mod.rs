//! sea-orm entities, one module per table (written to match the migrations).

pub mod area;
pub mod audit_log;
pub mod auth_throttle;
pub mod region;
pub mod session;
pub mod site_feedback;
pub mod user;
