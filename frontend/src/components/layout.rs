//! The page frame: skip link, header (site name, language switch, screen
//! size), main navigation, footer. Markup follows KRDS (`krds-uiux`).
//!
//! All of it renders on the server only, except the screen-size control,
//! an island (see the crate's doc).

use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Wraps every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        // Its class belongs to the screen-size control, which changes it in the browser.
        <div id="wrap" class=Zoom::Normal.class()>
            <div id="krds-skip-link">
                <a href="#main-content">{t(Key::SkipToContent)}</a>
            </div>
            <SiteHeader />
            <main id="main-content" tabindex="-1">
                <div class="inner">{children()}</div>
            </main>
            <SiteFooter />
        </div>
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    view! {
        <header id="krds-header">
            <div class="header-in">
                <div class="header-container">
                    <div class="inner">
                        <div class="header-utility">
                            <ul class="utility-list">
                                <li><ScreenSizeControl /></li>
                                <li><LanguageSwitch /></li>
                                <li><crate::pages::account::AccountMenu /></li>
                            </ul>
                        </div>
                        <div class="header-branding">
                            <h1 class="site-title">
                                <a href="/" class="site-name">{t(Key::SiteName)}</a>
                            </h1>
                            <p class="site-tagline">{t(Key::SiteTagline)}</p>
                        </div>
                    </div>
                </div>
                <MainMenu />
            </div>
        </header>
    }
}

#[component]
fn MainMenu() -> impl IntoView {
    let location = use_location();
    let access = Resource::new(|| (), |_| crate::api::my_access());
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        let here = if href == "/" { path == "/" } else { path.starts_with(href) };
        here.then_some("page")
    };
    view! {
        <nav class="krds-main-menu" aria-label=t(Key::NavMain)>
            <div class="inner">
                <ul class="gnb-menu">
                    <li><a href="/" class="gnb-main-trigger is-link" aria-current=move || current("/")>{t(Key::NavHome)}</a></li>
                    <li><a href="/proposals" id="nav-proposals" class="gnb-main-trigger is-link" aria-current=move || current("/proposals")>{t(Key::NavProposals)}</a></li>
                    <li><a href="/tasks" id="nav-tasks" class="gnb-main-trigger is-link" aria-current=move || current("/tasks")>{t(Key::NavTasks)}</a></li>
                    <li><a href="/sos" id="nav-sos" class="gnb-main-trigger is-link" aria-current=move || current("/sos")>{t(Key::NavSos)}</a></li>
                    <li><a href="/councils" id="nav-councils" class="gnb-main-trigger is-link" aria-current=move || current("/councils")>{t(Key::NavCouncils)}</a></li>
                    <li><a href="/feedback" class="gnb-main-trigger is-link" aria-current=move || current("/feedback")>{t(Key::NavFeedback)}</a></li>
                    // Only for people the policy lets in; the pages check again.
                    // Reviews: the signed-in person's rounds (empty unless they sit on a committee).
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let access = access.await.ok().unwrap_or_default();
                            view! {
                                {access.signed_in.then(|| view! {
                                    <li><a href="/reviews" id="nav-reviews" class="gnb-main-trigger is-link" aria-current=move || current("/reviews")>{t(Key::NavReviews)}</a></li>
                                })}
                                {access.admin.then(|| view! {
                                    <li><a href="/admin" id="nav-admin" class="gnb-main-trigger is-link" aria-current=move || current("/admin")>{t(Key::NavAdmin)}</a></li>
                                })}
                            }
                        })}
                    </Suspense>
                </ul>
            </div>
        </nav>
    }
}

/// Links to the other languages. A plain link to `/lang/:tag` (handled by the
/// server, which sets the cookie and comes back here), so it works without JS;
/// `rel="external"` keeps the client router from intercepting it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let href = move |to: Locale| {
        let path = location.pathname.get();
        let search = location.search.get();
        let next = if search.is_empty() { path } else { format!("{path}?{search}") };
        format!("/lang/{}?next={}", to.tag(), encode_component(&next))
    };
    view! {
        <div class="krds-language" role="group" aria-label=t(Key::LanguageLabel)>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    let lang = l.tag();
                    if l == locale {
                        view! { <span class="krds-btn small text lang-current" lang=lang aria-current="true">{l.native_name()}</span> }.into_any()
                    } else {
                        view! { <a class="krds-btn small text" rel="external" hreflang=lang lang=lang href=move || href(l)>{l.native_name()}</a> }.into_any()
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Screen size (KRDS "화면 크기"): scales the page. It needs the browser to
/// run the app, so it appears only once the page is hydrated; without JS the
/// browser's own zoom does the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    Small,
    Normal,
    Large,
    Larger,
    Largest,
}

impl Zoom {
    const ALL: [Zoom; 5] = [Zoom::Small, Zoom::Normal, Zoom::Large, Zoom::Larger, Zoom::Largest];

    fn class(self) -> &'static str {
        match self {
            Zoom::Small => "zoom-sm",
            Zoom::Normal => "zoom-md",
            Zoom::Large => "zoom-lg",
            Zoom::Larger => "zoom-xlg",
            Zoom::Largest => "zoom-xxlg",
        }
    }

    fn label(self) -> Key {
        match self {
            Zoom::Small => Key::ScreenSizeSmall,
            Zoom::Normal => Key::ScreenSizeNormal,
            Zoom::Large => Key::ScreenSizeLarge,
            Zoom::Larger => Key::ScreenSizeLarger,
            Zoom::Largest => Key::ScreenSizeLargest,
        }
    }
}

/// The screen-size menu. An island: it is on every page, so it also marks
/// the page as hydrated. It scales the page by setting the class of
/// `#wrap`, which lies outside the island (the server renders the frame), so
/// it sets the class on the element rather than through the view.
#[island]
fn ScreenSizeControl() -> impl IntoView {
    let zoom = RwSignal::new(Zoom::Normal);
    // Effects run only in the browser, after hydration: this marks the page as
    // hydrated (browser tests wait for it) and reveals the control.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        hydrated.set(true);
        mark_hydrated();
    });
    Effect::new(move |_| set_wrap_class(zoom.get().class()));
    let open = RwSignal::new(false);
    view! {
        <Show when=move || hydrated.get()>
            <div class="krds-drop-wrap krds-resize" class:is-open=move || open.get()>
                <button
                    type="button"
                    id="screen-size-toggle"
                    class="krds-btn small text drop-btn"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="screen-size-menu"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {t(Key::ScreenSize)}
                    <i class="svg-icon ico-toggle"></i>
                </button>
                <div class="drop-menu" id="screen-size-menu">
                    <div class="drop-in">
                        <ul class="drop-list">
                            {Zoom::ALL
                                .into_iter()
                                .map(|z| view! {
                                    <li>
                                        <button
                                            type="button"
                                            class=format!("item-link {}", z.class())
                                            class:active=move || zoom.get() == z
                                            aria-pressed=move || (zoom.get() == z).to_string()
                                            data-zoom=z.class()
                                            on:click=move |_| { zoom.set(z); open.set(false); }
                                        >
                                            {t(z.label())}
                                        </button>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                        <div class="drop-bottom">
                            <button type="button" class="krds-btn medium text" on:click=move |_| { zoom.set(Zoom::Normal); open.set(false); }>
                                <i class="svg-icon ico-reset"></i>
                                {t(Key::ScreenSizeReset)}
                            </button>
                        </div>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// Sets `body[data-hydrated="true"]` once every island on the page is live.
///
/// Leptos's island script hydrates the islands in document order, in one run
/// of promise continuations (microtasks); this island's effects run among
/// them. A zero timeout is a new task, so it runs after the last island.
#[cfg(feature = "hydrate")]
fn mark_hydrated() {
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}

#[cfg(not(feature = "hydrate"))]
fn mark_hydrated() {}

#[cfg(feature = "hydrate")]
fn set_wrap_class(class: &str) {
    if let Some(wrap) = document().get_element_by_id("wrap") {
        let _ = wrap.set_attribute("class", class);
    }
}

#[cfg(not(feature = "hydrate"))]
fn set_wrap_class(_: &str) {}

#[component]
fn SiteFooter() -> impl IntoView {
    view! {
        <footer id="krds-footer">
            <div class="inner">
                <div class="f-cnt">
                    <div class="f-info">
                        <p class="f-site-name">{t(Key::SiteName)}</p>
                        <p class="info-addr">{t(Key::FooterAbout)}</p>
                    </div>
                </div>
                <div class="f-bottom">
                    <p class="f-copy">{t(Key::FooterLicense)}</p>
                    <p class="f-copy">{t(Key::FooterDataCredit)}</p>
                </div>
            </div>
        </footer>
    }
}
