//! `GET /lang/{tag}?next=/path`: switches the interface language (a cookie)
//! and goes back to the page. A plain link, so it works without JavaScript.

use crate::error::{ApiPath, ApiQuery, AppError, Result};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use shared::Locale;
use shared::locale::LOCALE_COOKIE;

/// `https`: the site is served over HTTPS (the cookie is then `Secure`).
pub fn router(https: bool) -> Router<crate::AppState> {
    Router::new().route("/lang/{tag}", get(switch_language).with_state(https))
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

async fn switch_language(
    State(https): State<bool>,
    ApiPath(tag): ApiPath<String>,
    ApiQuery(q): ApiQuery<Next>,
) -> Result<Response> {
    let locale = Locale::from_tag(&tag).ok_or_else(|| AppError::BadRequest(format!("Unknown language `{tag}`; use ko or en.")))?;
    let next = shared::text::safe_next_path(q.next.as_deref());
    let secure = if https { "; Secure" } else { "" };
    let cookie = format!("{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", locale.tag());
    let mut res = Redirect::to(&next).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}
