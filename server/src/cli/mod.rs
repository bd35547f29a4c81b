//! The command line: `hamkke [serve]`, `hamkke migrate up|down|status`,
//! `hamkke create-admin`.

mod bench;
mod bench_live;
mod search_quality;

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
    /// Make an account a global admin, creating it if needed (the first admin).
    /// The password of a new account is read from HAMKKE_ADMIN_PASSWORD, or
    /// else from the first line of standard input.
    CreateAdmin {
        /// The admin's e-mail address (sign-in name).
        #[arg(long)]
        email: String,
        /// The name shown for a new account.
        #[arg(long, default_value = "관리자")]
        name: String,
    },
    /// Load data from files.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Measure the participation core on PostgreSQL (seeds 100,000 proposals
    /// and 1,000,000 supports from the real petitions the first time).
    Bench(bench::BenchArgs),
    /// Hold many concurrent readers of a meeting's live events (SSE) on one
    /// server process, started as a child on a fresh database: delivery
    /// latency of poll updates to every reader, server memory per reader.
    BenchLive(bench_live::BenchLiveArgs),
    /// Korean search quality on the real petitions: precision and recall on
    /// a labelled set of queries, next to word-based search.
    SearchQuality(search_quality::SearchQualityArgs),
    /// Fill an empty site with a believable demo: processes, real petitions
    /// as proposals, demo citizens who support and discuss them (once).
    SeedDemo,
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
}

#[derive(Subcommand)]
pub enum ImportWhat {
    /// Proposals from a JSONL or CSV file (the petition board's format, or
    /// `id,title,problem,solution,effect,area_code,region_code,tags,published_at`).
    /// Running it again adds only what is new.
    Proposals {
        /// The file (`.jsonl` or `.csv`).
        file: std::path::PathBuf,
        /// The process (its address, e.g. `2026-national-proposals`).
        #[arg(long)]
        process: String,
        /// The account the proposals are attributed to (default: an import account).
        #[arg(long)]
        author: Option<String>,
        /// Import at most this many rows.
        #[arg(long)]
        limit: Option<u64>,
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
    let mut config = cli.config;
    config.load_providers()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            tracing::info!(?config, "starting");
            let server = app::Server::prepare(config).await?;
            server.run(app::shutdown_signal()).await
        }
        Command::Migrate { action } => migrate(&config, action).await,
        Command::CreateAdmin { email, name } => create_admin(&config, &email, &name).await,
        Command::Import { what: ImportWhat::Proposals { file, process, author, limit } } => {
            import(&config, &file, &process, author.as_deref(), limit).await
        }
        Command::SeedDemo => seed_demo(&config).await,
        Command::Bench(args) => bench::run(&config, args).await,
        Command::BenchLive(args) => bench_live::run(&config, args).await,
        Command::SearchQuality(args) => search_quality::run(&config, args).await,
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

async fn create_admin(config: &Config, email: &str, name: &str) -> anyhow::Result<()> {
    let conn = db::connect(&config.database_url, 1).await?;
    if config.auto_migrate {
        db::migrate_up(&conn, &config.database_url).await?;
    }
    let password = match std::env::var("HAMKKE_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).context("failed to read the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    match crate::services::access::create_admin(&conn, email, name, &password).await {
        Ok(true) => println!("created the account {email} and made it a global admin"),
        Ok(false) => println!("{email} is a global admin (the existing account and its password are unchanged)"),
        Err(crate::AppError::Validation(fields)) => {
            let problems: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect();
            anyhow::bail!("cannot create the admin: {}", problems.join("; "));
        }
        Err(e) => return Err(anyhow::anyhow!("cannot create the admin: {e}")),
    }
    Ok(())
}

async fn open_migrated(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let conn = db::connect(&config.database_url, 2).await?;
    if config.auto_migrate {
        db::migrate_up(&conn, &config.database_url).await?;
    }
    Ok(conn)
}

async fn import(config: &Config, file: &std::path::Path, process: &str, author: Option<&str>, limit: Option<u64>) -> anyhow::Result<()> {
    use crate::services::import;
    let conn = open_migrated(config).await?;
    let rows = import::read_rows(file).map_err(|e| anyhow::anyhow!("{}", e.to_body().error.message))?;
    let bar = indicatif::ProgressBar::new(rows.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({per_sec}, {eta} left)").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let options = import::ImportOptions { process_slug: process, author_email: author, limit };
    let report = import::import_proposals(&conn, rows, &options, |done, _| bar.set_position(done)).await.map_err(|e| match e {
        crate::AppError::BadRequest(m) => anyhow::anyhow!(m),
        other => anyhow::anyhow!("{other}"),
    })?;
    bar.finish_and_clear();
    println!(
        "read {} rows: {} imported, {} already there, {} rejected",
        report.read,
        report.created,
        report.skipped,
        report.rejected.len()
    );
    for (line, why) in report.rejected.iter().take(50) {
        println!("  line {line}: {why}");
    }
    if report.rejected.len() > 50 {
        println!("  … and {} more", report.rejected.len() - 50);
    }
    Ok(())
}

async fn seed_demo(config: &Config) -> anyhow::Result<()> {
    let conn = open_migrated(config).await?;
    let report = crate::services::demo::seed(&conn).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    if report.created {
        println!("demo site ready: {} proposals, {} demo citizens", report.proposals, report.citizens);
    } else {
        println!("the demo is already there; nothing changed");
    }
    Ok(())
}
