//! The command line: `hamkke [serve]`, `hamkke migrate up|down|status`.

use crate::config::Config;
use crate::{app, db};
use anyhow::Context;
use clap::{Parser, Subcommand};
use migrations::{Migrator, MigratorTrait};

/// 함께혁신: citizen participation for government innovation.
#[derive(Parser)]
#[command(name = "hamkke", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve,
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
}

#[derive(Subcommand)]
pub enum MigrateAction {
    /// Apply pending migrations (all, or the next N).
    Up {
        #[arg(long)]
        steps: Option<u32>,
    },
    /// Revert applied migrations (the last one, or the last N).
    Down {
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether each is applied.
    Status,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            tracing::info!(?config, "starting");
            let server = app::Server::prepare(config).await?;
            server.run(app::shutdown_signal()).await
        }
        Command::Migrate { action } => migrate(&config, action).await,
    }
}

async fn migrate(config: &Config, action: MigrateAction) -> anyhow::Result<()> {
    let conn = db::connect(&config.database_url, 1).await?;
    match action {
        MigrateAction::Up { steps } => {
            let before = Migrator::get_pending_migrations(&conn).await?.len();
            Migrator::up(&conn, steps).await.context("failed to apply migrations")?;
            let after = Migrator::get_pending_migrations(&conn).await?.len();
            println!("applied {} migration(s); {} pending", before - after, after);
        }
        MigrateAction::Down { steps } => {
            let before = Migrator::get_applied_migrations(&conn).await?.len();
            Migrator::down(&conn, Some(steps)).await.context("failed to revert migrations")?;
            let after = Migrator::get_applied_migrations(&conn).await?.len();
            println!("reverted {} migration(s); {} applied", before - after, after);
        }
        MigrateAction::Status => {
            for m in Migrator::get_migration_with_status(&conn).await? {
                println!("{:<10} {}", format!("{:?}", m.status()).to_lowercase(), m.name());
            }
        }
    }
    Ok(())
}
