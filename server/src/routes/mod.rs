//! HTTP routes, one module per resource; `api` merges the REST API.

pub mod admin;
pub mod api;
pub mod assets;
pub mod auth;
pub mod execution;
pub mod feedback;
pub mod health;
pub mod lang;
pub mod oidc;
pub mod openapi;
pub mod proposals;
pub mod reference;
pub mod review;
