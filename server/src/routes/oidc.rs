//! Sign-in with providers, as browser navigations (not the JSON API):
//! `GET /auth/oidc/{provider}/start?next=` sends the browser to the provider,
//! `POST /auth/oidc/{provider}/link` does the same to link it to the
//! signed-in account (a form post, so it passes the cross-site check), and
//! `GET /auth/oidc/{provider}/callback` finishes and lands on `next`, or on
//! the sign-in page (or the account page, when linking) with the reason.

use crate::auth::extract::Req;
use crate::error::{ApiPath, ApiQuery, Result};
use crate::services::oidc::{self, CallbackQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::HOST;
use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/oidc/{provider}/start", get(start))
        .route("/auth/oidc/{provider}/link", post(link))
        .route("/auth/oidc/{provider}/callback", get(callback))
}

#[derive(serde::Deserialize, Default)]
struct Next {
    next: Option<String>,
}

/// The site's origin for the redirect URI: the configured base URL, or in
/// local development the loopback host the browser used (so the session
/// cookie, which is per host, comes back with the callback).
fn origin(state: &AppState, headers: &HeaderMap) -> String {
    if state.config.base_url.is_none() {
        let port = state.config.port;
        if let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok())
            && (host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")) {
                return format!("http://{host}");
            }
    }
    state.config.base_url()
}

async fn start(
    State(state): State<AppState>,
    req: Req,
    headers: HeaderMap,
    ApiPath(provider): ApiPath<String>,
    ApiQuery(q): ApiQuery<Next>,
) -> Result<Redirect> {
    let url = oidc::start(&state.db, &state.providers, &req.0, &provider, &origin(&state, &headers), q.next.as_deref(), false).await?;
    Ok(Redirect::to(&url))
}

async fn link(State(state): State<AppState>, req: Req, headers: HeaderMap, ApiPath(provider): ApiPath<String>) -> Result<Redirect> {
    let url = oidc::start(&state.db, &state.providers, &req.0, &provider, &origin(&state, &headers), Some("/me"), true).await?;
    Ok(Redirect::to(&url))
}

async fn callback(
    State(state): State<AppState>,
    req: Req,
    ApiPath(provider): ApiPath<String>,
    ApiQuery(q): ApiQuery<CallbackQuery>,
) -> Redirect {
    match oidc::callback(&state.db, &state.providers, &req.0, &provider, q).await {
        Ok(landing) if landing.linked => Redirect::to("/me?linked=1"),
        Ok(landing) => Redirect::to(&landing.next),
        Err((failure, true)) => Redirect::to(&format!("/me?error=oidc_{}", failure.reason)),
        Err((failure, false)) => Redirect::to(&format!("/sign-in?error=oidc_{}", failure.reason)),
    }
}

