//! sea-orm entities, one module per table (written to match the migrations).

pub mod area;
pub mod region;
pub mod site_feedback;
