//! API tests: the real server on a random port with a fresh database
//! (SQLite by default, PostgreSQL with `TEST_DATABASE_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod access;
mod accounts;
mod deliberation;
mod execution;
mod feedback;
mod health;
mod import;
mod json;
mod live;
mod meeting_pages;
mod meetings;
mod migrations;
mod minutes;
mod oidc;
mod openapi;
mod pages;
mod privacy_export;
mod processes;
mod proposals;
mod reference;
mod review;
mod room;
mod security;
mod sos;
mod sse;
mod status;

use serde_json::Value;

/// Asserts the one error shape and returns `error.code`.
pub async fn error_code(res: reqwest::Response, status: u16) -> (String, Value) {
    assert_eq!(res.status().as_u16(), status, "unexpected status");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        ct.starts_with("application/json"),
        "error is not JSON: {ct}"
    );
    let body: Value = res.json().await.expect("error body is JSON");
    let error = &body["error"];
    assert!(error["code"].is_string(), "no error.code in {body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "no error.message in {body}"
    );
    assert!(error["fields"].is_array(), "no error.fields in {body}");
    (error["code"].as_str().unwrap_or_default().to_owned(), body)
}
