//! The database schema of 함께혁신 (DESIGN.md §3), one reversible change per
//! file. Every migration uses backend-neutral sea-query calls so the same
//! schema is built on SQLite (embedded default) and PostgreSQL; where a
//! backend ever needs its own SQL, it is marked in the migration.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_reference_data;
mod m20261122_000002_site_feedback;
mod m20261122_000003_accounts;
mod m20261122_000004_access;
mod m20261122_000005_participation;
mod m20261122_000006_deliberation;
mod m20261122_000007_imports;
mod m20261122_000008_list_indexes;
mod m20261129_000009_list_tallies;
mod m20261129_000010_title_grams;
mod m20261130_000011_review;
mod m20261201_000012_execution;
mod m20261201_000013_sos;
mod m20261201_000014_meetings;
mod m20261201_000015_polls;
mod m20261201_000016_live_room;
mod m20261201_000017_minutes;

/// Applies and reverts the migrations, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_reference_data::Migration),
            Box::new(m20261122_000002_site_feedback::Migration),
            Box::new(m20261122_000003_accounts::Migration),
            Box::new(m20261122_000004_access::Migration),
            Box::new(m20261122_000005_participation::Migration),
            Box::new(m20261122_000006_deliberation::Migration),
            Box::new(m20261122_000007_imports::Migration),
            Box::new(m20261122_000008_list_indexes::Migration),
            Box::new(m20261129_000009_list_tallies::Migration),
            Box::new(m20261129_000010_title_grams::Migration),
            Box::new(m20261130_000011_review::Migration),
            Box::new(m20261201_000012_execution::Migration),
            Box::new(m20261201_000013_sos::Migration),
            Box::new(m20261201_000014_meetings::Migration),
            Box::new(m20261201_000015_polls::Migration),
            Box::new(m20261201_000016_live_room::Migration),
            Box::new(m20261201_000017_minutes::Migration),
        ]
    }
}
