//! KRDS-styled building blocks, named for what the person sees.

pub mod form;
pub mod layout;
