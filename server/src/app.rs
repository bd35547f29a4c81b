//! Assembling the application: connect and migrate the database, build the
//! router with its middleware, bind, serve until SIGTERM or Ctrl-C.

use crate::auth::session_store::DbSessionStore;
use crate::config::Config;
use crate::error::AppError;
use crate::security::{AllowedOrigins, refuse_cross_site, security_headers};
use crate::state::AppState;
use crate::{db, routes, ssr, telemetry};
use anyhow::Context;
use axum::Router;
use axum::response::IntoResponse;
use leptos::config::{Env, LeptosOptions};
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

/// The name of the WASM bundle (wasm-bindgen's `--out-name`).
pub const OUTPUT_NAME: &str = "frontend";

/// How long requests in flight may take to finish after a shutdown signal.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

/// A bound, ready-to-run server.
pub struct Server {
    pub listener: TcpListener,
    pub router: Router,
    pub state: AppState,
    /// Turned true at the shutdown signal: the background sweeps (SOS
    /// deadlines, meeting reminders) stop before the pool closes.
    stopping: tokio::sync::watch::Sender<bool>,
}

impl Server {
    /// Connects to the database, applies migrations (unless turned off),
    /// binds the address and builds the router.
    pub async fn prepare(config: Config) -> anyhow::Result<Self> {
        let desk = Arc::new(config.desk()?);
        let mut db = db::connect(&config.database_url, config.db_max_connections).await?;
        let statements = db::StatementCounter::default();
        statements.attach(&mut db);
        if config.auto_migrate {
            let applied = db::migrate_up(&db, &config.database_url).await?;
            if applied > 0 {
                tracing::info!(applied, "migrations applied");
            }
        }
        let listener = TcpListener::bind(config.bind_addr())
            .await
            .with_context(|| format!("failed to listen on {}", config.bind_addr()))?;
        let addr = listener
            .local_addr()
            .context("failed to read the bound address")?;
        let mut config = config;
        config.port = addr.port();
        let leptos = leptos_options(&config.site_root, addr);
        let providers = Arc::new(crate::services::oidc::Providers::new(
            config.providers.clone(),
        )?);
        let counters = crate::services::proposals::Counters::default();
        counters.spawn(db.clone(), std::time::Duration::from_millis(500));
        if sea_orm::ConnectionTrait::get_database_backend(&db) == sea_orm::DatabaseBackend::Postgres
        {
            let writers = db::connect(
                &config.database_url,
                crate::services::support_batch::WRITERS as u32,
            )
            .await?;
            counters.start_support_writers(&writers);
        }
        let (stopping, stop) = tokio::sync::watch::channel(false);
        crate::services::sos::spawn_overdue_sweep(
            db.clone(),
            desk.clone(),
            std::time::Duration::from_secs(60),
            stop.clone(),
        );
        crate::services::reminders::spawn_sweep(
            db.clone(),
            std::time::Duration::from_secs(60),
            stop,
        );
        let live = crate::services::live::Bus::start(db.clone(), &config.database_url);
        let state = AppState {
            live,
            desk,
            counters,
            db,
            config: Arc::new(config),
            leptos,
            providers,
            statements,
        };
        let router = build_router(&state, addr);
        Ok(Self {
            listener,
            router,
            state,
            stopping,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| self.state.config.bind_addr())
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.local_addr();
        tracing::info!(%addr, base_url = %self.state.config.base_url(), database = db::backend_name(&self.state.db), "함께혁신 listening");
        // After the signal, requests in flight get a grace period; then the
        // remaining connections are dropped, so a stuck client cannot keep
        // the process (and a rolling deploy) waiting forever.
        let (signalled_tx, signalled_rx) = tokio::sync::oneshot::channel::<()>();
        // Live event streams never finish on their own: end them at the signal.
        let live = self.state.live.clone();
        let stopping = self.stopping;
        let serve = crate::serve::serve(self.listener, self.router, async move {
            shutdown.await;
            live.shutdown();
            stopping.send_replace(true);
            let _ = signalled_tx.send(());
        });
        let grace = async move {
            if signalled_rx.await.is_ok() {
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            () = serve => {}
            () = grace => tracing::warn!(grace_secs = SHUTDOWN_GRACE.as_secs(), "grace period over; dropping the remaining connections"),
        }
        // The last support counts reach the sort column before the pool closes.
        self.state.counters.stop();
        if let Err(e) = self.state.counters.flush(&self.state.db).await {
            tracing::warn!(error = %e, "final support count roll-up failed");
        }
        self.state
            .db
            .clone()
            .close()
            .await
            .context("failed to close the database")?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Leptos options: where the bundle is. The build writes the bundle into
/// `pkg/<content hash>/` and the hash into `bundle.txt` beside `pkg/`.
fn leptos_options(site_root: &Path, addr: SocketAddr) -> LeptosOptions {
    let hash = std::fs::read_to_string(site_root.join("bundle.txt"))
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()));
    let pkg_dir = match hash {
        Some(h) => format!("pkg/{h}"),
        None => {
            tracing::warn!(
                site_root = %site_root.display(),
                "no built front end found (bundle.txt missing): pages work but will not hydrate; run `./x build`"
            );
            "pkg/unbuilt".to_owned()
        }
    };
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir(pkg_dir)
        .env(Env::PROD)
        .site_addr(addr)
        .build()
}

/// The whole router: health, REST API, language switch, static files, Leptos
/// pages and server functions, wrapped in the middleware stack.
pub fn build_router(state: &AppState, addr: SocketAddr) -> Router {
    let base_url = state.config.base_url();
    let mut origins = vec![base_url.clone(), format!("http://{addr}")];
    // Bound to loopback or to every address (0.0.0.0 / ::): people on this
    // machine reach it as localhost. Others come through --base-url.
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        origins.push(format!("http://localhost:{}", addr.port()));
        origins.push(format!("http://127.0.0.1:{}", addr.port()));
    }
    let allowed = AllowedOrigins(Arc::new(origins));
    let https = base_url.starts_with("https://");

    // Sign-in sessions in the database (shared by every process), cookie
    // HttpOnly + SameSite=Lax, Secure unless plain local http, idle expiry.
    let store = DbSessionStore::new(state.db.clone());
    store
        .clone()
        .spawn_cleanup(std::time::Duration::from_secs(600));
    let sessions = SessionManagerLayer::new(store)
        .with_name(crate::auth::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(i64::from(
            state.config.session_idle_minutes,
        ))));

    let app = Router::new()
        // Unknown API versions and paths are JSON errors, never the HTML 404 page.
        .route("/api", axum::routing::any(|| async { AppError::NotFound }))
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { AppError::NotFound }),
        )
        .merge(routes::health::router())
        .merge(routes::api::router())
        .merge(routes::oidc::router())
        .merge(routes::lang::router(https))
        .merge(routes::assets::router(&state.config.site_root))
        .merge(ssr::router(state))
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .with_state(state.clone());

    // Outermost first: request id → span → propagate id → headers, for every
    // request; then panic → compression → CSRF check → sessions for all but
    // the live event streams (below).
    let common = ServiceBuilder::new()
        .layer(axum::middleware::from_fn(
            telemetry::drop_unusable_request_id,
        ))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(telemetry::make_request_span)
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                )
                .on_failure(DefaultOnFailure::new().level(Level::ERROR)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(axum::middleware::from_fn_with_state(
            https,
            security_headers,
        ));
    let rest = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(
            |panic: Box<dyn std::any::Any + Send>| {
                let what = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                AppError::Internal(anyhow::anyhow!("a request handler panicked: {what}"))
                    .into_response()
            },
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            allowed,
            refuse_cross_site,
        ))
        .layer(sessions.clone());
    // A live event stream is held open for hours by each of thousands of
    // readers, and every layer around it keeps its wrapper of the body for
    // as long (`hamkke bench-live` measures the memory per reader). An event
    // stream is never compressed, its route takes only GET (no CSRF check),
    // and its handler is short: these layers are left out.
    let streams = routes::live::stream_router()
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .with_state(state.clone())
        .layer(sessions);
    Router::new()
        .merge(streams.layer(common.clone()))
        .merge(app.layer(rest).layer(common))
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
