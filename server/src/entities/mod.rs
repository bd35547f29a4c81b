//! sea-orm entities, one module per table (written to match the migrations).

pub mod api_token;
pub mod area;
pub mod audit_log;
pub mod auth_throttle;
pub mod comment;
pub mod identity;
pub mod notification;
pub mod organisation;
pub mod organisation_member;
pub mod process;
pub mod process_phase;
pub mod proposal;
pub mod proposal_event;
pub mod proposal_organisation;
pub mod proposal_version;
pub mod region;
pub mod report;
pub mod role_grant;
pub mod session;
pub mod site_feedback;
pub mod support;
pub mod user;
