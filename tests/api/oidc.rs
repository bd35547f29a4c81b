//! Sign-in with OpenID Connect against a real provider (npm `oidc-provider`
//! on loopback), and every way it must fail safely.

use serde_json::Value;
use tests::TestApp;
use tests::oidc::{Visitor, all_providers, location};

async fn app() -> TestApp {
    TestApp::spawn_with(|c| c.providers = all_providers()).await
}

#[tokio::test]
async fn a_citizen_signs_in_with_the_provider_lands_where_they_were_and_signs_out() {
    let app = app().await;
    let providers: Value = app.get("/api/v1/auth/providers").await.json().await.unwrap();
    let ids: Vec<&str> = providers["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["test", "badsig", "expired", "wrongiss", "wrongaud", "naver"]);

    let v = Visitor::new(&app.base);
    // The sign-in starts with a session (it holds state, nonce and PKCE verifier)…
    let start_url = format!("{}/auth/oidc/test/start?next=/feedback%3Fx%3D1", app.base);
    let start = v.get(&start_url).await;
    let pre_sign_in = tests::session_cookie(&start).expect("a session for the pending sign-in");
    let to_provider = location(&start);
    assert!(to_provider.starts_with(&tests::oidc::issuer()), "{to_provider}");
    for part in ["code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "response_type=code"] {
        assert!(to_provider.contains(part), "{part} missing in {to_provider}");
    }
    let callback = v.through_provider(start, &start_url, "citizen1").await;
    let landed = v.get(&callback).await;
    assert_eq!(landed.status(), 303);
    assert_eq!(location(&landed), "/feedback?x=1", "back to the page the citizen came from");
    // …and the session id changes at sign-in (no fixation).
    let signed_in = tests::session_cookie(&landed).expect("a new session cookie");
    assert_ne!(signed_in, pre_sign_in);
    let me = app.get_with("/api/v1/me", &pre_sign_in).await;
    assert_eq!(me.status(), 401, "the pre-sign-in session id is not signed in");

    let me: Value = v.me().await.json().await.unwrap();
    assert_eq!(me["email"], "citizen1@example.test");
    assert_eq!(me["display_name"], "citizen1");
    assert_eq!(me["verification_level"], "verified", "this provider vouches for identities");

    // Signing in again finds the same account (no duplicate).
    let res = v.post("/api/v1/auth/sign-out").send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(v.me().await.status(), 401);
    let again = v.sign_in("test", "citizen1", "/").await;
    assert_eq!(location(&again), "/");
    let me2: Value = v.me().await.json().await.unwrap();
    assert_eq!(me2["id"], me["id"]);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM users").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM identities WHERE provider = 'test' AND subject = 'citizen1'").await, 1);
    let actions = app.strings("SELECT action AS v FROM audit_log ORDER BY id").await;
    assert_eq!(actions, ["account.sign_up", "account.sign_in", "account.sign_out", "account.sign_in"]);
}

#[tokio::test]
async fn a_wrong_state_or_a_second_use_of_the_callback_signs_nobody_in() {
    let app = app().await;
    let v = Visitor::new(&app.base);
    let start_url = format!("{}/auth/oidc/test/start?next=/me", app.base);
    let start = v.get(&start_url).await;
    let callback = v.through_provider(start, &start_url, "citizen2").await;
    let forged = callback.replace("state=", "state=forged");
    let res = v.get(&forged).await;
    assert_eq!(location(&res), "/sign-in?error=oidc_state");
    assert_eq!(v.me().await.status(), 401);
    // The pending sign-in was used up by the failed attempt: the real callback fails too.
    let res = v.get(&callback).await;
    assert_eq!(location(&res), "/sign-in?error=oidc_state");
    assert_eq!(v.me().await.status(), 401);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM users").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'account.sign_in_failed'").await, 2);
}

#[tokio::test]
async fn a_replayed_code_is_refused_by_the_provider_and_nobody_is_signed_in() {
    let app = app().await;
    let v = Visitor::new(&app.base);
    let start_url = format!("{}/auth/oidc/test/start", app.base);
    let start = v.get(&start_url).await;
    let first = v.through_provider(start, &start_url, "citizen3").await;
    assert_eq!(v.get(&first).await.status(), 303);
    assert_eq!(v.me().await.status(), 200);
    v.post("/api/v1/auth/sign-out").send().await.unwrap();

    // A new sign-in (new state), answered with the old code.
    let start = v.get(&start_url).await;
    let second = v.through_provider(start, &start_url, "citizen3").await;
    let state = second.split("state=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let old_code = first.split("code=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let replay = format!("{}/auth/oidc/test/callback?code={old_code}&state={state}", app.base);
    let res = v.get(&replay).await;
    assert_eq!(location(&res), "/sign-in?error=oidc_exchange");
    assert_eq!(v.me().await.status(), 401);
}

#[tokio::test]
async fn id_tokens_with_a_bad_signature_expired_or_for_someone_else_are_refused() {
    let app = app().await;
    for provider in ["badsig", "expired", "wrongiss", "wrongaud"] {
        let v = Visitor::new(&app.base);
        let res = v.sign_in(provider, "mallory", "/").await;
        assert_eq!(location(&res), "/sign-in?error=oidc_id_token", "{provider}");
        assert_eq!(v.me().await.status(), 401, "{provider}");
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM users").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM identities").await, 0);
}

#[tokio::test]
async fn the_redirect_after_sign_in_never_leaves_the_site() {
    let app = app().await;
    for next in ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)"] {
        let v = Visitor::new(&app.base);
        let res = v.sign_in("test", "citizen4", next).await;
        assert_eq!(location(&res), "/", "{next}");
        assert_eq!(v.me().await.status(), 200);
    }
    // An unknown provider is a clear 404.
    let res = app.get("/auth/oidc/nope/start").await;
    let (code, _) = crate::error_code(res, 404).await;
    assert_eq!(code, "not_found");
}

#[tokio::test]
async fn naver_style_oauth2_with_a_profile_endpoint_creates_an_unverified_account() {
    let app = app().await;
    let v = Visitor::new(&app.base);
    let res = v.sign_in("naver", "naver-user@example.org", "/me").await;
    assert_eq!(location(&res), "/me");
    let me: Value = v.me().await.json().await.unwrap();
    assert_eq!(me["email"], "naver-user@example.org");
    assert_eq!(me["verification_level"], "unverified");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM identities WHERE provider = 'naver'").await, 1);
}

#[tokio::test]
async fn an_existing_e_mail_is_not_taken_over_but_can_be_linked_and_unlinked() {
    let app = app().await;
    let cookie = app.sign_up("citizen5@example.test", "a long password 5", "시민오").await;
    // Someone signing in with a provider account that has this address does not get in.
    let stranger = Visitor::new(&app.base);
    let res = stranger.sign_in("test", "citizen5", "/").await;
    assert_eq!(location(&res), "/sign-in?error=oidc_email_taken");
    assert_eq!(stranger.me().await.status(), 401);

    // The owner links it from their account (a same-origin form post).
    let v = Visitor::new(&app.base);
    let res = v
        .post("/api/v1/auth/sign-in")
        .json(&serde_json::json!({ "email": "citizen5@example.test", "password": "a long password 5" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let start = v.post("/auth/oidc/test/link").send().await.unwrap();
    let start_url = format!("{}/auth/oidc/test/link", app.base);
    let callback = v.through_provider(start, &start_url, "citizen5").await;
    let res = v.get(&callback).await;
    assert_eq!(location(&res), "/me?linked=1");
    let ids: Value = v.get(&format!("{}/api/v1/me/identities", app.base)).await.json().await.unwrap();
    let items = ids["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["provider"], "test");
    let me: Value = v.me().await.json().await.unwrap();
    assert_eq!(me["verification_level"], "verified", "linking a vouching provider verifies the account");

    // Now the provider signs in to the same account.
    let other = Visitor::new(&app.base);
    other.sign_in("test", "citizen5", "/").await;
    let me2: Value = other.me().await.json().await.unwrap();
    assert_eq!(me2["id"], me["id"]);

    // Linking it to a second account is refused.
    let cookie_b = app.sign_up("someone@example.kr", "a long password 6", "다른사람").await;
    let w = Visitor::new(&app.base);
    w.post("/api/v1/auth/sign-in")
        .json(&serde_json::json!({ "email": "someone@example.kr", "password": "a long password 6" }))
        .send()
        .await
        .unwrap();
    let start = w.post("/auth/oidc/test/link").send().await.unwrap();
    let callback = w.through_provider(start, &start_url, "citizen5").await;
    assert_eq!(location(&w.get(&callback).await), "/me?error=oidc_linked_elsewhere");
    let _ = cookie_b;

    // Unlinking: fine while a password remains.
    let id = items[0]["id"].as_i64().unwrap();
    let res = v.delete(&format!("/api/v1/me/identities/{id}")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM identities").await, 0);
    let _ = cookie;
}

#[tokio::test]
async fn the_last_way_in_cannot_be_unlinked_and_linking_needs_a_same_origin_post() {
    let app = app().await;
    let v = Visitor::new(&app.base);
    v.sign_in("test", "citizen6", "/").await;
    let ids: Value = v.get(&format!("{}/api/v1/me/identities", app.base)).await.json().await.unwrap();
    let id = ids["items"][0]["id"].as_i64().unwrap();
    let res = v.delete(&format!("/api/v1/me/identities/{id}")).send().await.unwrap();
    let (code, body) = crate::error_code(res, 409).await;
    assert_eq!(code, "conflict", "{body}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM identities").await, 1);

    // A cross-site page cannot start a link in the citizen's name.
    let res = v
        .client
        .post(format!("{}/auth/oidc/naver/link", app.base))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    let (code, _) = crate::error_code(res, 403).await;
    assert_eq!(code, "forbidden");
    // Not signed in: linking is refused.
    let anon = Visitor::new(&app.base);
    let res = anon.post("/auth/oidc/test/link").send().await.unwrap();
    crate::error_code(res, 401).await;
}
