//! One module per route.

pub mod feedback;
pub mod home;
pub mod not_found;
