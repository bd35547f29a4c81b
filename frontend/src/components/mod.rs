//! KRDS-styled building blocks, named for what the person sees.

pub mod account_data;
pub mod api_tokens;
pub mod form;
pub mod layout;
pub mod linked_logins;
pub mod providers;
pub mod qr;
pub mod time;
