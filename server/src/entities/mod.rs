//! sea-orm entities, one module per table (written to match the migrations).

pub mod api_token;
pub mod area;
pub mod audit_log;
pub mod auth_throttle;
pub mod identity;
pub mod organisation;
pub mod organisation_member;
pub mod region;
pub mod role_grant;
pub mod session;
pub mod site_feedback;
pub mod user;
