//! One module per route.

pub mod account;
pub mod admin;
pub mod feedback;
pub mod forbidden;
pub mod home;
pub mod meetings;
pub mod moderation;
pub mod not_found;
pub mod notifications;
pub mod proposals;
pub mod review;
pub mod sos;
pub mod tasks;

/// Marks the page being rendered as personal: browsers and proxies must not
/// store it (it shows e-mail addresses, tokens, the administration data).
pub fn private_page() {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}
