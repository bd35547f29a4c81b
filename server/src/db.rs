//! Database connection for both backends, chosen by the URL's scheme.

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection};
use std::path::Path;
use std::time::Duration;

/// Connects to the database. For SQLite, creates the data folder first and
/// turns on write-ahead logging (readers do not block the writer).
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = Path::new(&path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("failed to create the data folder {}", dir.display()))?;
        }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options)
        .await
        .with_context(|| format!("failed to connect to the database at {}", redact_url(url)))?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // SQLite-only pragmas, kept in this one place (DESIGN.md §2 rule 4).
        db.execute_unprepared("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .await
            .context("failed to configure SQLite")?;
    }
    Ok(db)
}

/// Key of the PostgreSQL advisory lock held while migrating ("함께" in UTF-8 bytes).
const MIGRATION_LOCK_KEY: i64 = 0x0000_ED95_A8EA_B88C;

/// Applies all pending migrations; returns how many ran.
///
/// On PostgreSQL, several server processes may start at once: a session-level
/// advisory lock, held on a connection of its own, lets one migrate while the
/// others wait and then find nothing pending. (SQLite is one process's file.)
pub async fn migrate_up(db: &DatabaseConnection, url: &str) -> anyhow::Result<usize> {
    let lock = if db.get_database_backend() == DatabaseBackend::Postgres {
        let mut options = ConnectOptions::new(url.to_owned());
        options.max_connections(1).min_connections(1).sqlx_logging(false);
        let conn = Database::connect(options).await.context("failed to open the migration lock connection")?;
        conn.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
            .await
            .context("failed to take the migration lock")?;
        Some(conn)
    } else {
        None
    };
    let result = async {
        let pending = Migrator::get_pending_migrations(db).await.context("failed to read the migration status")?.len();
        if pending > 0 {
            Migrator::up(db, None).await.context("failed to apply migrations")?;
        }
        anyhow::Ok(pending)
    }
    .await;
    if let Some(conn) = lock {
        // Closing the connection releases the lock even if the unlock fails.
        let _ = conn.execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")).await;
        let _ = conn.close().await;
    }
    result
}

/// The file path of a `sqlite:` URL, or `None` for other databases and in-memory SQLite.
pub fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

/// The URL with any password (in the user info or a `password=` query
/// parameter) replaced by `***`, for logs.
pub fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.split_once("://").and_then(|(scheme, rest)| Some((scheme, rest.split_once('@')?))) {
        Some((scheme, (userinfo, host))) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => base.to_owned(),
        },
        None => base.to_owned(),
    };
    match query {
        None => base,
        Some(q) => {
            let q: Vec<String> = q
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{base}?{}", q.join("&"))
        }
    }
}

/// A short name of the backend, for health output.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => "sqlite",
        DatabaseBackend::Postgres => "postgres",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_and_sqlite_paths_found() {
        assert_eq!(redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("postgres://h/db?user=u&password=pw&sslmode=require"), "postgres://h/db?user=u&password=***&sslmode=require");
        assert_eq!(sqlite_file("sqlite://data/x.db?mode=rwc").as_deref(), Some("data/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }
}

/// Counts the SQL statements a connection pool runs: the benchmark reports
/// statements per request from it, and a test keeps pages within their budget.
#[derive(Clone, Debug, Default)]
pub struct StatementCounter(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl StatementCounter {
    /// Counts every statement run through `db` and its clones made after this call.
    pub fn attach(&self, db: &mut DatabaseConnection) {
        let count = self.0.clone();
        db.set_metric_callback(move |_| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
    }

    /// Statements counted so far.
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}
