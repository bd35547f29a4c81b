//! Configuration: command-line flags, each with an environment variable
//! (flags win). The README has the table; `hamkke --help` prints it too.

use clap::{Args, ValueEnum};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// How logs are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    #[default]
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Server configuration shared by every sub-command.
#[derive(Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://PATH?mode=rwc` (embedded default) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/hamkke.db?mode=rwc", global = true)]
    pub database_url: String,

    /// Maximum database connections in the pool.
    #[arg(long, env = "HAMKKE_DB_MAX_CONNECTIONS", default_value_t = 10, global = true)]
    pub db_max_connections: u32,

    /// Address to listen on.
    #[arg(long, env = "HAMKKE_HOST", default_value = "127.0.0.1", global = true)]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "HAMKKE_PORT", default_value_t = 3000, global = true)]
    pub port: u16,

    /// Public base URL of the site, as people reach it (`https://hamkke.go.kr`).
    /// Used for absolute links and the cross-site request check. Default: `http://localhost:PORT`.
    #[arg(long, env = "HAMKKE_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Folder with the built site: `pkg/` (WASM bundle) and `assets/` (KRDS).
    #[arg(long, env = "HAMKKE_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,

    /// Log format.
    #[arg(long, env = "HAMKKE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,

    /// Sign out after this many minutes without a request.
    #[arg(long, env = "HAMKKE_SESSION_IDLE_MINUTES", default_value_t = 120, global = true)]
    pub session_idle_minutes: u32,

    /// Sign out this many hours after sign-in, active or not.
    #[arg(long, env = "HAMKKE_SESSION_MAX_HOURS", default_value_t = 12, global = true)]
    pub session_max_hours: u32,

    /// Apply pending migrations when `serve` starts.
    #[arg(long, env = "HAMKKE_AUTO_MIGRATE", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub auto_migrate: bool,
}

impl Config {
    /// The socket address to bind.
    pub fn bind_addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://localhost:{}", self.port),
        }
    }

    /// Configuration for tests and embedding: defaults, with this database and site root.
    pub fn for_tests(database_url: String, site_root: PathBuf) -> Self {
        Self {
            database_url,
            db_max_connections: 5,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            base_url: None,
            site_root,
            log_format: LogFormat::Pretty,
            session_idle_minutes: 120,
            session_max_hours: 12,
            auto_migrate: true,
        }
    }
}

/// Never prints the database password.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &crate::db::redact_url(&self.database_url))
            .field("db_max_connections", &self.db_max_connections)
            .field("bind", &self.bind_addr())
            .field("base_url", &self.base_url())
            .field("site_root", &self.site_root)
            .field("log_format", &self.log_format)
            .field("session_idle_minutes", &self.session_idle_minutes)
            .field("session_max_hours", &self.session_max_hours)
            .field("auto_migrate", &self.auto_migrate)
            .finish()
    }
}

impl Config {
    /// Whether the session cookie needs `Secure`: always, except for plain
    /// `http://localhost` / `127.0.0.1` development.
    pub fn secure_cookies(&self) -> bool {
        let base = self.base_url();
        let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
        !local.iter().any(|l| base == *l || base.starts_with(&format!("{l}:")) || base.starts_with(&format!("{l}/")))
    }
}
