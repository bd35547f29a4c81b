//! One module per route.

pub mod account;
pub mod feedback;
pub mod home;
pub mod not_found;
