//! Security headers on every response, and the cross-site request check on
//! every state-changing request (DESIGN.md §5).

use crate::error::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Adds the security headers. Pages rendered by Leptos already carry their
/// own CSP (with the nonce of their inline hydration script); every other
/// response gets the same policy without a nonce.
///
/// An event stream (`text/event-stream`) is read by `EventSource`, never
/// rendered, so it gets `nosniff` only: the document policies mean nothing
/// there, and hyper keeps each connection's response header map (emptied,
/// for the next request) for as long as the stream lasts, hours for
/// thousands of live-room readers (`hamkke bench-live`).
pub async fn security_headers(State(https): State<bool>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if h.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream")) {
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        return res;
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(v) = HeaderValue::from_str(&shared::csp::content_security_policy(None))
    {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// The origins a browser may send state-changing requests from: the public
/// base URL, and the address the server is bound to (for local use).
#[derive(Clone, Debug)]
pub struct AllowedOrigins(pub Arc<Vec<String>>);

/// Refuses state-changing requests that a browser marks as coming from
/// another site: `Sec-Fetch-Site: cross-site`/`same-site`, or an `Origin`
/// that is not ours. Requests without either header (curl, API clients)
/// carry no ambient browser credentials and pass; the identity issue adds
/// session-bound tokens on top.
pub async fn refuse_cross_site(
    State(allowed): State<AllowedOrigins>,
    req: Request,
    next: Next,
) -> Response {
    if !is_safe_method(req.method())
        && let Err(why) = check_same_origin(req.headers(), &allowed.0)
    {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), reason = why, "cross-site request refused");
        return AppError::Forbidden(format!("Cross-site request refused ({why}).")).into_response();
    }
    next.run(req).await
}

fn is_safe_method(m: &Method) -> bool {
    matches!(
        *m,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// `Ok` when the request comes from one of `allowed` (or from no browser context).
///
/// A request that carries the sign-in cookie must prove where it comes from
/// (`Origin` or `Sec-Fetch-Site`, which every current browser sends on a
/// POST): cookie-authenticated writes are never accepted blind.
pub fn check_same_origin(headers: &HeaderMap, allowed: &[String]) -> Result<(), &'static str> {
    let has_session_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| {
            c.split(';').any(|p| {
                p.trim()
                    .starts_with(&format!("{}=", crate::auth::SESSION_COOKIE))
            })
        });
    if has_session_cookie
        && !headers.contains_key("sec-fetch-site")
        && !headers.contains_key(header::ORIGIN)
    {
        return Err("no origin on a cookie request");
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        // "none" is a navigation the user typed; "same-origin" is us.
        if site != "same-origin" && site != "none" {
            return Err("sec-fetch-site");
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or_default().trim_end_matches('/');
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) {
            return Err("origin");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_and_foreign_origins_are_refused() {
        let ours = vec!["http://localhost:3000".to_owned()];
        assert!(check_same_origin(&headers(&[]), &ours).is_ok());
        assert!(
            check_same_origin(
                &headers(&[
                    ("sec-fetch-site", "same-origin"),
                    ("origin", "http://localhost:3000")
                ]),
                &ours
            )
            .is_ok()
        );
        assert_eq!(
            check_same_origin(&headers(&[("sec-fetch-site", "cross-site")]), &ours),
            Err("sec-fetch-site")
        );
        assert_eq!(
            check_same_origin(&headers(&[("sec-fetch-site", "same-site")]), &ours),
            Err("sec-fetch-site")
        );
        assert_eq!(
            check_same_origin(&headers(&[("origin", "https://evil.example")]), &ours),
            Err("origin")
        );
        assert_eq!(
            check_same_origin(&headers(&[("origin", "null")]), &ours),
            Err("origin")
        );
        assert_eq!(
            check_same_origin(
                &headers(&[("cookie", "lang=ko; hamkke_session=abc")]),
                &ours
            ),
            Err("no origin on a cookie request")
        );
        assert!(
            check_same_origin(
                &headers(&[
                    ("cookie", "hamkke_session=abc"),
                    ("origin", "http://localhost:3000")
                ]),
                &ours
            )
            .is_ok()
        );
    }
}
