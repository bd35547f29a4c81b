//! Hosting the Leptos app: its pages (server-rendered, in order), its server
//! functions under `/fn/…`, and the 404 page for unknown paths. The service
//! handle is provided as context to both, so server functions reach the same
//! services as the REST API (DESIGN.md §2 rule 2).

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use frontend::{App, shell};
use crate::auth::extract::requester_from_parts;
use crate::services::site::Site;
use axum::http::request::Parts;
use leptos::prelude::{provide_context, use_context};
use shared::services::Services;
use std::sync::Arc;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};

/// Provides the per-request service handle: bound to the request's session
/// and client address (read from the request parts Leptos provides).
fn provide_services(state: &AppState) {
    let requester = use_context::<Parts>().and_then(|parts| requester_from_parts(&parts, state).ok());
    let site: Services = Arc::new(Site {
        db: state.db.clone(),
        providers: state.providers.clone(),
        counters: state.counters.clone(),
        desk: state.desk.clone(),
        live: state.live.clone(),
        base_url: state.config.base_url(),
        requester,
    });
    provide_context(site);
}

/// The app's routes, worked out once per process. Leptos finds them by
/// rendering the app in a special mode; doing that while another router in
/// the same process renders a page (several servers in one test process)
/// left that page's resources waiting forever.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: &AppState) -> Router<AppState> {
    let routes = route_list();
    let ctx_state = state.clone();
    let options = state.leptos.clone();
    Router::new()
        .route("/fn/{*name}", any(server_fn))
        .leptos_routes_with_context(
            state,
            routes,
            move || provide_services(&ctx_state),
            move || shell(options.clone()),
        )
        .fallback(not_found_page)
        .layer(axum::middleware::from_fn(server_fn_status))
}

/// Unknown server functions (the known ones are routed by Leptos itself).
async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle_server_fns_with_context(move || provide_services(&state), req).await.into_response()
}

/// Leptos answers every server-function error with 500; this sets the status
/// of the error's code (422 for invalid input, 404 for a missing receipt…),
/// and gives errors Leptos raises as plain text (unknown function, unreadable
/// arguments) the one JSON error shape. Redirects of plain form posts (no
/// JavaScript) pass through untouched. Pages that redirect get a redirect status.
async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    if !req.uri().path().starts_with("/fn/") {
        let mut res = next.run(req).await;
        // A page that sends the visitor elsewhere (`<Redirect>`, e.g. /me when
        // signed out) gets a `Location` header, but the status stays 200,
        // which browsers do not follow: make it a redirect.
        if res.status() == StatusCode::OK && res.headers().contains_key(axum::http::header::LOCATION) {
            *res.status_mut() = StatusCode::SEE_OTHER;
        }
        return res;
    }
    let res = next.run(req).await;
    if !(res.status().is_client_error() || res.status().is_server_error()) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // Error bodies are small (the echo is capped); a body too large to read is a server fault.
    let Ok(bytes) = axum::body::to_bytes(body, 4 << 20).await else {
        return AppError::Internal(anyhow::anyhow!("server function error body unreadable")).into_response();
    };
    match serde_json::from_slice::<frontend::api::FnError>(&bytes) {
        Ok(err) => {
            parts.status = StatusCode::from_u16(err.error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) if parts.status.is_client_error() => {
            tracing::debug!(body = %String::from_utf8_lossy(&bytes), "server function refused the request");
            AppError::BadRequest("No such server function, or its arguments could not be read.".into()).into_response()
        }
        Err(_) => AppError::Internal(anyhow::anyhow!("server function failed: {}", String::from_utf8_lossy(&bytes))).into_response(),
    }
}

/// Renders the app for a path no route matches: the app's own "not found"
/// page, answered with 404.
async fn not_found_page(State(state): State<AppState>, req: Request<Body>) -> Response {
    let options = state.leptos.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_services(&state);
            provide_context(state.leptos.clone());
        },
        move || shell(options.clone()),
    );
    render(req).await.into_response()
}
