//! HTTP routes, one module per resource; `api` merges the REST API.

pub mod admin;
pub mod api;
pub mod assets;
pub mod auth;
pub mod execution;
pub mod feedback;
pub mod health;
pub mod lang;
pub mod live;
pub mod meetings;
pub mod oidc;
pub mod openapi;
pub mod proposals;
pub mod reference;
pub mod review;
pub mod room;
pub mod sos;

/// A file download: the body with its type and a `Content-Disposition`
/// that names the file.
pub fn download(body: Vec<u8>, content_type: &'static str, name: &str) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let disposition = format!("attachment; filename=\"{name}\"");
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body).into_response()
}
