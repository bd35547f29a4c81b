use server::migrations::{Migrator, MigratorTrait};
use serde_json::Value;
use tests::TestApp;

#[tokio::test]
async fn healthz_answers_while_the_process_runs() {
    let app = TestApp::spawn().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn readyz_reports_the_database_and_applied_migrations() {
    let app = TestApp::spawn().await;
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    let expected = if app.database_url.starts_with("postgres") { "postgres" } else { "sqlite" };
    assert_eq!(body["database"], expected);
    assert_eq!(body["migrations"]["pending"], 0);
    assert_eq!(body["migrations"]["applied"].as_u64(), Some(Migrator::migrations().len() as u64));
}

#[tokio::test]
async fn readyz_is_unavailable_while_a_migration_is_pending_and_ready_again_after() {
    let app = TestApp::spawn().await;
    Migrator::down(&app.db, Some(1)).await.unwrap();

    let (code, body) = crate::error_code(app.get("/readyz").await, 503).await;
    assert_eq!(code, "unavailable", "{body}");

    Migrator::up(&app.db, None).await.unwrap();
    assert_eq!(app.get("/readyz").await.status(), 200);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_the_one_given() {
    let app = TestApp::spawn().await;
    let res = app.get("/healthz").await;
    let generated = res.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(generated.len(), 36, "a UUID request id: {generated:?}");

    let res = app.client.get(app.url("/healthz")).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn shutdown_finishes_the_response_in_flight_then_stops_listening() {
    let app = TestApp::spawn().await;
    let html = app.get("/").await.text().await.unwrap();
    let start = html.find("/pkg/").expect("bundle link") + 5;
    let hash: String = html[start..].chars().take_while(char::is_ascii_alphanumeric).collect();
    let path = format!("/pkg/{hash}/frontend_bg.wasm");
    let expected = std::fs::metadata(tests::site_root().join(&path[1..])).expect("bundle built").len();

    // A large response has started (headers received) when the shutdown begins.
    let res = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let base = app.base.clone();
    let stopping = tokio::spawn(app.stop());
    let body = res.bytes().await.expect("the body in flight is completed");
    assert_eq!(body.len() as u64, expected);
    stopping.await.unwrap().expect("graceful shutdown");
    assert!(reqwest::get(format!("{base}/healthz")).await.is_err(), "still answering after shutdown");
}

#[tokio::test]
async fn readyz_is_unavailable_when_the_database_is_unreachable() {
    let app = TestApp::spawn().await;
    app.db.clone().close().await.unwrap();
    let (code, _) = crate::error_code(app.get("/readyz").await, 503).await;
    assert_eq!(code, "unavailable");
    assert_eq!(app.get("/healthz").await.status(), 200, "the process itself is fine");
}

#[tokio::test]
async fn an_unusable_request_id_from_a_client_is_replaced() {
    let app = TestApp::spawn().await;
    let res = app.client.get(app.url("/healthz")).header("x-request-id", "x".repeat(200)).send().await.unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "{id}");
}
