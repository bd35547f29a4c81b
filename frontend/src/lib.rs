#![recursion_limit = "256"]
//! The 함께혁신 web app (Leptos). Rendered on the server (`ssr`); in the
//! browser only its islands run (`hydrate`, compiled to WASM).
//!
//! Leptos islands mode: a `#[component]` renders on the server only; an
//! `#[island]` is also compiled to WASM and made interactive in the browser.
//! Most pages are forms that post without JavaScript, so only the pieces
//! that need the browser are islands: the screen-size control in the header
//! ([`components::layout`]), the feedback form ([`pages::feedback`]) and the
//! proposal form's title and problem fields, which look up similar proposals
//! while the person types ([`pages::proposals::form`]).
//! There is no client-side routing: every link loads a page from the server.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// Where the server serves the KRDS assets (npm `krds-uiux`, pinned in
/// `frontend/package.json`); the version is part of the path, so the files
/// can be cached for a year.
pub const KRDS_BASE: &str = "/assets/krds-1.1.0";

/// The pinned `krds-uiux` version (a test checks it matches `package.json`).
pub const KRDS_VERSION: &str = "1.1.0";

/// The HTML document around the app (server only renders this part).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = i18n::provide_locale();
    // site.css and the icon are hashed together with the bundle (see the build script).
    let pkg = options.site_pkg_dir.clone();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=format!("{KRDS_BASE}/css/component/output.css") />
                <link rel="stylesheet" href=format!("/{pkg}/site.css") />
                <link rel="icon" href=format!("/{pkg}/favicon.svg") type="image/svg+xml" />
                // Loads the bundle when the browser is idle and hydrates each
                // `<leptos-island>`; the inline script carries the response's nonce.
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: layout and routes. Every route renders completely on the server
/// before the response starts (`SsrMode::Async`): its data is in the HTML, it
/// works without JS, and its status code is final.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = i18n::provide_locale();
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { i18n::text(locale, i18n::Key::SiteName).to_owned() }
            else { format!("{page} | {}", i18n::text(locale, i18n::Key::SiteName)) }
        } />
        <Meta name="description" content=i18n::text(locale, i18n::Key::SiteTagline) />
        <Link rel="preload" href=format!("{KRDS_BASE}/fonts/PretendardGOV-Regular.subset.woff2") as_="font" type_="font/woff2" crossorigin="anonymous" />
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/feedback") view=pages::feedback::FeedbackPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=pages::account::SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-up") view=pages::account::SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/me") view=pages::account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/thanks") view=pages::feedback::FeedbackThanksPage ssr=SsrMode::Async />
                    <Route path=path!("/proposals") view=pages::proposals::ProposalsPage ssr=SsrMode::Async />
                    <Route path=path!("/proposals/new") view=pages::proposals::form::NewProposalPage ssr=SsrMode::Async />
                    <Route path=path!("/proposals/:id") view=pages::proposals::detail::ProposalPage ssr=SsrMode::Async />
                    <Route path=path!("/proposals/:id/edit") view=pages::proposals::form::EditProposalPage ssr=SsrMode::Async />
                    <Route path=path!("/me/notifications") view=pages::notifications::NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/moderation") view=pages::moderation::ModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=pages::admin::AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/organisations") view=pages::admin::organisations::OrganisationsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/organisations/:id") view=pages::admin::organisations::OrganisationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/processes") view=pages::admin::processes::ProcessesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/processes/:id") view=pages::admin::processes::ProcessPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=pages::admin::users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=pages::admin::audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/committees") view=pages::admin::committees::CommitteesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/committees/:id") view=pages::admin::committees::CommitteePage ssr=SsrMode::Async />
                    <Route path=path!("/reviews") view=pages::review::MyRoundsPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/:id") view=pages::review::round::RoundPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/:id/proposals/:pid") view=pages::review::sheet::ReviewProposalPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/:id/ranking") view=pages::review::ranking::RankingPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/:id/report") view=pages::review::report::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/tasks") view=pages::tasks::TasksPage ssr=SsrMode::Async />
                    <Route path=path!("/tasks/new") view=pages::tasks::form::NewTaskPage ssr=SsrMode::Async />
                    <Route path=path!("/tasks/:id") view=pages::tasks::detail::TaskPage ssr=SsrMode::Async />
                    <Route path=path!("/sos") view=pages::sos::SosPage ssr=SsrMode::Async />
                    <Route path=path!("/sos/:id") view=pages::sos::detail::SosRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/councils") view=pages::meetings::CouncilsPage ssr=SsrMode::Async />
                    <Route path=path!("/councils/new") view=pages::meetings::manage::NewCouncilPage ssr=SsrMode::Async />
                    <Route path=path!("/councils/:id") view=pages::meetings::CouncilPage ssr=SsrMode::Async />
                    <Route path=path!("/councils/:id/manage") view=pages::meetings::manage::ManageCouncilPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings") view=pages::meetings::CouncilsPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/new") view=pages::meetings::manage::NewMeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id") view=pages::meetings::detail::MeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/edit") view=pages::meetings::manage::EditMeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/agenda") view=pages::meetings::manage::AgendaPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/live") view=pages::meetings::live::LiveRoomPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/check-in") view=pages::meetings::checkin::CheckInPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/attendees") view=pages::meetings::checkin::AttendeesPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/minutes") view=pages::meetings::minutes::MinutesPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// Sends this page's Content-Security-Policy with the nonce Leptos puts on its
/// own inline hydration scripts; nothing else inline may run.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        let policy = shared::csp::content_security_policy(nonce.as_deref());
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_krds_version_in_code_is_the_one_pinned_in_package_json() {
        let package = include_str!("../package.json");
        assert!(
            package.contains(&format!("\"krds-uiux\": \"{}\"", super::KRDS_VERSION)),
            "{package}"
        );
        assert!(super::KRDS_BASE.ends_with(super::KRDS_VERSION));
    }
}

/// Entry point of the WASM bundle, called by Leptos's island script before it
/// hydrates the islands on the page, one after another.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Sets up the root reactive owner every island is created under …
    leptos::mount::hydrate_islands();
    // … so context provided here reaches them all: the page's locale, read
    // once from `<html lang>` (islands have no server context in the browser).
    i18n::provide_locale();
}
