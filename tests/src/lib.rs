//! The test harness: [`TestApp::spawn`] starts the real application on
//! `127.0.0.1:0` with a fresh database, always through the real migrations:
//! a temporary SQLite file by default, or a new PostgreSQL database
//! (`test_<uuid>`, dropped afterwards) when `TEST_DATABASE_URL` is set.
//! [`browser`] drives headless Chromium over WebDriver.
//!
//! The harness installs nothing; `./x test` prepares the machine.

pub mod browser;
pub mod oidc;

use anyhow::Context;
use sea_orm::{ConnectionTrait, Database};
use std::path::PathBuf;
use std::sync::Once;

/// A running application with its own database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// HTTP client without redirects (tests look at them) and without cookies.
    pub client: reqwest::Client,
    /// The application's database connection (for checking what was stored).
    pub db: sea_orm::DatabaseConnection,
    /// The database URL the app runs on.
    pub database_url: String,
    /// SQL statements the app has run (through `db` too).
    pub statements: server::db::StatementCounter,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _database: TestDatabase,
}

impl TestApp {
    /// Starts the app on a fresh database; panics with a clear message if it cannot.
    pub async fn spawn() -> Self {
        match Self::try_spawn().await {
            Ok(app) => app,
            Err(e) => panic!("could not start the test app: {e:#}"),
        }
    }

    /// Starts the app with its configuration changed first (e.g. sign-in providers).
    pub async fn spawn_with(configure: impl FnOnce(&mut server::Config)) -> Self {
        match Self::try_spawn_with(configure).await {
            Ok(app) => app,
            Err(e) => panic!("could not start the test app: {e:#}"),
        }
    }

    async fn try_spawn() -> anyhow::Result<Self> {
        Self::try_spawn_with(|_| {}).await
    }

    async fn try_spawn_with(configure: impl FnOnce(&mut server::Config)) -> anyhow::Result<Self> {
        init_logging();
        let database = TestDatabase::create().await?;
        let mut config = server::Config::for_tests(database.url.clone(), site_root());
        configure(&mut config);
        let (addr, db, statements, tx, handle) = start_server(config).await?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("failed to build the HTTP client")?;
        Ok(Self {
            base: format!("http://{addr}"),
            client,
            db,
            statements,
            database_url: database.url.clone(),
            shutdown: Some(tx),
            server: Some(handle),
            _database: database,
        })
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client.post(self.url(path)).json(body).send().await.unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Starts a second server process on the same database (no new database,
    /// no cleanup): two instances must behave as one site.
    pub async fn spawn_sharing(other: &TestApp) -> Self {
        init_logging();
        let config = server::Config::for_tests(other.database_url.clone(), site_root());
        let (addr, db, statements, tx, handle) = match start_server(config).await {
            Ok(started) => started,
            Err(e) => panic!("could not start the second instance: {e:#}"),
        };
        Self {
            base: format!("http://{addr}"),
            client: other.client.clone(),
            db,
            statements,
            database_url: other.database_url.clone(),
            shutdown: Some(tx),
            server: Some(handle),
            _database: TestDatabase { url: other.database_url.clone(), kind: DbKind::Shared },
        }
    }

    /// A request builder for a state-changing call as this site's own pages
    /// make it: with the site's `Origin`, and the session cookie if given.
    pub fn post(&self, path: &str, cookie: Option<&str>) -> reqwest::RequestBuilder {
        let mut req = self.client.post(self.url(path)).header("origin", self.base.as_str());
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req
    }

    /// Signs up through the API; returns the session cookie (`hamkke_session=…`).
    pub async fn sign_up(&self, email: &str, password: &str, name: &str) -> String {
        let res = self
            .post("/api/v1/auth/sign-up", None)
            .json(&serde_json::json!({ "email": email, "password": password, "display_name": name }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("sign-up: {e}"));
        assert_eq!(res.status(), 201, "sign-up of {email}");
        session_cookie(&res).unwrap_or_else(|| panic!("no session cookie after sign-up"))
    }

    /// Signs in through the API; returns the response.
    pub async fn sign_in(&self, email: &str, password: &str, cookie: Option<&str>) -> reqwest::Response {
        self.post("/api/v1/auth/sign-in", cookie)
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("sign-in: {e}"))
    }

    /// `GET` with a cookie.
    pub async fn get_with(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client.get(self.url(path)).header("cookie", cookie).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// One number from the app's database (`SELECT COUNT(*) AS n …`: the column must be `n`).
    pub async fn count(&self, sql: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(backend, sql.to_owned()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .unwrap_or_else(|| panic!("{sql}: no row"));
        row.try_get::<i64>("", "n").unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The first column (named `v`, text) of every row of a query.
    pub async fn strings(&self, sql: &str) -> Vec<String> {
        let backend = self.db.get_database_backend();
        self.db
            .query_all_raw(sea_orm::Statement::from_string(backend, sql.to_owned()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .into_iter()
            .map(|r| r.try_get::<Option<String>>("", "v").unwrap_or_else(|e| panic!("{sql}: {e}")).unwrap_or_default())
            .collect()
    }

    /// Creates `n` accounts straight in the database, each with a personal
    /// API token (for load and concurrency tests: no password hashing, no
    /// sign-up throttle). Returns the tokens, in account order.
    pub async fn users_with_tokens(&self, prefix: &str, n: usize) -> Vec<String> {
        use sha2::Digest;
        let backend = self.db.get_database_backend();
        let mut tokens = Vec::with_capacity(n);
        for chunk in (0..n).collect::<Vec<_>>().chunks(100) {
            let users: Vec<String> = chunk
                .iter()
                .map(|i| format!("('{prefix}{i}@example.kr', '{prefix} {i}', 'unverified', 'ko', '2026-11-22T00:00:00Z', '2026-11-22T00:00:00Z')"))
                .collect();
            let sql = format!(
                "INSERT INTO users (email, display_name, verification_level, locale, created_at, updated_at) VALUES {}",
                users.join(", ")
            );
            self.db.execute_raw(sea_orm::Statement::from_string(backend, sql)).await.unwrap_or_else(|e| panic!("users: {e}"));
        }
        for i in 0..n {
            let token = format!("hkt_{prefix}_{i}_{}", uuid::Uuid::new_v4().simple());
            let hash: String = sha2::Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            let sql = format!(
                "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) \
                 SELECT id, 'load', '{hash}', 'hkt_', '2026-11-22T00:00:00Z' FROM users WHERE email = '{prefix}{i}@example.kr'"
            );
            self.db.execute_raw(sea_orm::Statement::from_string(backend, sql)).await.unwrap_or_else(|e| panic!("token: {e}"));
            tokens.push(token);
        }
        tokens
    }

    /// Stops the server and waits until it has finished (graceful shutdown).
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(handle) = self.server.take() {
            // The server's own grace period is 30 s; never hang a test run beyond it.
            tokio::time::timeout(std::time::Duration::from_secs(45), handle)
                .await
                .context("the server did not stop within 45 s")?
                .context("server task panicked")??;
        }
        Ok(())
    }
}

type Started = (
    std::net::SocketAddr,
    sea_orm::DatabaseConnection,
    server::db::StatementCounter,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
);

/// Every test server runs on one multi-threaded runtime that lives as long
/// as the test process, like the real server (`#[tokio::main]`), rather than
/// on the short-lived single-threaded runtime of the test that started it.
fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("test-server")
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("cannot build the test server runtime: {e}"))
    })
}

/// Prepares (connect, migrate, bind) and runs a server on the shared runtime.
async fn start_server(config: server::Config) -> anyhow::Result<Started> {
    server_runtime()
        .spawn(async move {
            let server = server::app::Server::prepare(config).await?;
            let addr = server.local_addr();
            let db = server.state.db.clone();
            let statements = server.state.statements.clone();
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            let handle = tokio::spawn(server.run(async move {
                let _ = rx.await;
            }));
            anyhow::Ok((addr, db, statements, tx, handle))
        })
        .await
        .context("server start task panicked")?
}

/// The `hamkke_session=…` pair from a response's `Set-Cookie`, if it sets one.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("hamkke_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

/// The whole `Set-Cookie` header of the session cookie (to check its flags).
pub fn session_set_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("hamkke_session="))
        .map(str::to_owned)
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A file of the real petitions (`../shared/data/petitions/` beside the
/// checkout, or `HAMKKE_PETITIONS_DIR`); where the folder is not there (a
/// clone elsewhere), the attributed sample shipped in `server/data/`.
pub fn petitions_file(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dirs = [
        std::env::var_os("HAMKKE_PETITIONS_DIR").map(PathBuf::from),
        Some(root.join("../shared/data/petitions")),
        Some(PathBuf::from("/work/shared/data/petitions")),
    ];
    dirs.into_iter()
        .flatten()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| root.join("server/data/demo-proposals.jsonl"))
}

/// Where the built site is (`./x test` builds it): `HAMKKE_SITE_ROOT`, or
/// `target/site` in the workspace.
pub fn site_root() -> PathBuf {
    std::env::var_os("HAMKKE_SITE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site"))
}

fn init_logging() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("RUST_LOG").is_none() {
            server::telemetry::init_with_filter("warn");
        } else {
            server::telemetry::init(server::config::LogFormat::Pretty);
        }
    });
}

/// A database that exists only for one test.
struct TestDatabase {
    url: String,
    kind: DbKind,
}

enum DbKind {
    /// Owned by another `TestApp`.
    Shared,
    Sqlite { dir: PathBuf },
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    async fn create() -> anyhow::Result<Self> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(admin_url) if admin_url.starts_with("postgres") => {
                let name = format!("test_{id}");
                let admin = Database::connect(admin_url.as_str())
                    .await
                    .with_context(|| format!("cannot connect to TEST_DATABASE_URL={}", server::db::redact_url(&admin_url)))?;
                admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
                admin.close().await?;
                Ok(Self { url: replace_db_name(&admin_url, &name), kind: DbKind::Postgres { admin_url, name } })
            }
            Some(other) => anyhow::bail!("TEST_DATABASE_URL must be a postgres:// URL, got {}", server::db::redact_url(&other)),
            None => {
                let dir = std::env::temp_dir().join(format!("hamkke-test-{id}"));
                std::fs::create_dir_all(&dir)?;
                let url = format!("sqlite://{}?mode=rwc", dir.join("test.db").display());
                Ok(Self { url, kind: DbKind::Sqlite { dir } })
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.kind {
            DbKind::Shared => {}
            DbKind::Sqlite { dir } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            DbKind::Postgres { admin_url, name } => {
                // Drop may run inside the test's runtime: use a thread with its own.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                    rt.block_on(async {
                        let admin = Database::connect(admin_url.as_str()).await?;
                        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await?;
                        admin.close().await
                    })?;
                    anyhow::Ok(())
                })
                .join();
            }
        }
    }
}

/// `postgres://u@h:5432/test?x` with the database name replaced.
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_and_path = &base[scheme_end..];
    let host = host_and_path.split('/').next().unwrap_or_default();
    let mut out = format!("{}{host}/{name}", &base[..scheme_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_database_name_is_replaced_and_the_rest_kept() {
        assert_eq!(super::replace_db_name("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(super::replace_db_name("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
        assert_eq!(super::replace_db_name("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
