//! Shared application state, cloned into every handler.

use crate::config::Config;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a handler may need. Cheap to clone (all shared).
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub leptos: LeptosOptions,
    /// Sign-in providers (OIDC / OAuth2) with their cached discovery documents.
    pub providers: Arc<crate::services::oidc::Providers>,
    /// Proposals whose sort column waits for the support-count roll-up.
    pub counters: crate::services::proposals::Counters,
    /// SQL statements run through `db` (and its clones) since the start.
    pub statements: crate::db::StatementCounter,
    /// The 협업SOS desk's working calendar and service levels.
    pub desk: Arc<crate::services::sos::Desk>,
    /// Meetings' live events (broadcast in-process; LISTEN/NOTIFY on PostgreSQL).
    pub live: crate::services::live::Bus,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
