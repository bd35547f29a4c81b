//! `GET /healthz` (the process is up) and `GET /readyz` (the database answers
//! and every migration is applied), for load balancers and orchestrators.

use crate::error::{AppError, Result};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(get_health)).route("/readyz", get(get_ready))
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
}

async fn get_health() -> Json<Health> {
    Json(Health { status: "ok", version: env!("CARGO_PKG_VERSION") })
}

#[derive(Serialize)]
struct Ready {
    status: &'static str,
    database: &'static str,
    migrations: MigrationCounts,
}

#[derive(Serialize)]
struct MigrationCounts {
    applied: usize,
    pending: usize,
}

async fn get_ready(State(state): State<AppState>) -> Result<Json<Ready>> {
    let db = &state.db;
    db.execute_unprepared("SELECT 1")
        .await
        .map_err(|e| AppError::Unavailable(format!("database unreachable: {e}")))?;
    let pending = Migrator::get_pending_migrations(db)
        .await
        .map_err(|e| AppError::Unavailable(format!("cannot read migrations: {e}")))?
        .len();
    if pending > 0 {
        return Err(AppError::Unavailable(format!("{pending} migrations pending")));
    }
    let applied = Migrator::get_applied_migrations(db)
        .await
        .map_err(|e| AppError::Unavailable(format!("cannot read migrations: {e}")))?
        .len();
    Ok(Json(Ready {
        status: "ready",
        database: crate::db::backend_name(db),
        migrations: MigrationCounts { applied, pending },
    }))
}
