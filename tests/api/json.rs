//! Requests and JSON answers for the API tests of one resource area: who
//! asks (nobody, a session cookie, an API token), the verbs, and small
//! readers of JSON values that fail with the value in the message.

use serde_json::Value;
use tests::TestApp;

/// Who makes a request.
#[derive(Clone, Copy)]
pub enum Who<'a> {
    Nobody,
    Cookie(&'a str),
    Token(&'a str),
}

pub async fn send(app: &TestApp, method: reqwest::Method, path: &str, who: Who<'_>, body: Option<&Value>) -> reqwest::Response {
    // The site's own Origin, as its pages send it (cookie requests need it; tokens ignore it).
    let mut req = app.client.request(method.clone(), app.url(path)).header("origin", app.base.as_str());
    req = match who {
        Who::Nobody => req,
        Who::Cookie(c) => req.header("cookie", c),
        Who::Token(t) => req.bearer_auth(t),
    };
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

pub async fn get(app: &TestApp, path: &str, who: Who<'_>) -> reqwest::Response {
    send(app, reqwest::Method::GET, path, who, None).await
}

pub async fn post(app: &TestApp, path: &str, who: Who<'_>, body: Value) -> reqwest::Response {
    send(app, reqwest::Method::POST, path, who, Some(&body)).await
}

/// A `POST` without a body (open, close, reminders).
pub async fn act(app: &TestApp, path: &str, who: Who<'_>) -> reqwest::Response {
    send(app, reqwest::Method::POST, path, who, None).await
}

pub async fn put(app: &TestApp, path: &str, who: Who<'_>, body: Value) -> reqwest::Response {
    send(app, reqwest::Method::PUT, path, who, Some(&body)).await
}

pub async fn delete(app: &TestApp, path: &str, who: Who<'_>) -> reqwest::Response {
    send(app, reqwest::Method::DELETE, path, who, None).await
}

/// The JSON body of a response that must answer `status` (shows the body when not).
pub async fn body(res: reqwest::Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

pub fn arr(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

/// A list response: `{ "items": [...] }`, as everywhere in the API.
pub fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap_or_else(|| panic!("not a list response: {v}"))
}

pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

pub fn assert_close(got: &Value, want: f64, what: &str) {
    let g = num(got);
    assert!((g - want).abs() < 1e-6, "{what}: got {g}, want {want}");
}
