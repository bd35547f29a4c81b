use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{TestApp, session_cookie, session_set_cookie};

const PASSWORD: &str = "우리 동네 버스 정류장을 바꿔요";

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let backend = app.db.get_database_backend();
    app.db
        .query_all_raw(Statement::from_string(backend, "SELECT action FROM audit_log ORDER BY id".to_owned()))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get("", "action").unwrap())
        .collect()
}

#[tokio::test]
async fn a_citizen_signs_up_is_signed_in_and_the_password_is_stored_as_argon2id() {
    let app = TestApp::spawn().await;
    let res = app
        .post("/api/v1/auth/sign-up", None)
        .json(&json!({ "email": "  Kim.Minsu@Example.KR ", "password": PASSWORD, "display_name": "김민수" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let set_cookie = session_set_cookie(&res).expect("a session cookie");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "plain http://localhost: no Secure flag");
    let cookie = session_cookie(&res).unwrap();
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["email"], "kim.minsu@example.kr");
    assert_eq!(user["verification_level"], "unverified");

    let me: Value = app.get_with("/api/v1/me", &cookie).await.json().await.unwrap();
    assert_eq!(me["display_name"], "김민수");

    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(backend, "SELECT password_hash FROM users".to_owned()))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "password_hash").unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
    assert_eq!(audit_actions(&app).await, ["account.sign_up"]);
}

#[tokio::test]
async fn an_e_mail_address_has_one_account_whatever_its_case() {
    let app = TestApp::spawn().await;
    app.sign_up("lee@example.kr", PASSWORD, "이영희").await;
    let res = app
        .post("/api/v1/auth/sign-up", None)
        .json(&json!({ "email": "LEE@example.kr", "password": PASSWORD, "display_name": "다른 사람" }))
        .send()
        .await
        .unwrap();
    let (code, body) = crate::error_code(res, 422).await;
    assert_eq!(code, "validation");
    assert_eq!(body["error"]["fields"][0]["code"], "taken");
}

#[tokio::test]
async fn sign_up_input_is_validated_field_by_field() {
    let app = TestApp::spawn().await;
    let res = app
        .post("/api/v1/auth/sign-up", None)
        .json(&json!({ "email": "nope", "password": "short", "display_name": "" }))
        .send()
        .await
        .unwrap();
    let (_, body) = crate::error_code(res, 422).await;
    let fields: Vec<&str> = body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "password", "display_name"]);
}

#[tokio::test]
async fn sign_in_rotates_the_session_id_so_a_planted_one_is_useless() {
    let app = TestApp::spawn().await;
    app.sign_up("park@example.kr", PASSWORD, "박지훈").await;

    // An attacker plants a session id in the victim's browser, then the victim signs in.
    let planted = "hamkke_session=AAAAAAAAAAAAAAAAAAAAAA";
    let res = app.sign_in("park@example.kr", PASSWORD, Some(planted)).await;
    assert_eq!(res.status(), 200);
    let fresh = session_cookie(&res).expect("a new session cookie");
    assert_ne!(fresh, planted);
    assert_eq!(app.get_with("/api/v1/me", &fresh).await.status(), 200);
    assert_eq!(crate::error_code(app.get_with("/api/v1/me", planted).await, 401).await.0, "unauthorized");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.sign_up("choi@example.kr", PASSWORD, "최수진").await;
    let (_, wrong) = crate::error_code(app.sign_in("choi@example.kr", "not the password", None).await, 401).await;
    let (_, unknown) = crate::error_code(app.sign_in("nobody@example.kr", "not the password", None).await, 401).await;
    assert_eq!(wrong, unknown);
    assert!(audit_actions(&app).await.ends_with(&["account.sign_in_failed".to_owned(), "account.sign_in_failed".to_owned()]));
}

#[tokio::test]
async fn signing_out_ends_the_session_for_good() {
    let app = TestApp::spawn().await;
    let cookie = app.sign_up("jung@example.kr", PASSWORD, "정하늘").await;
    let res = app.post("/api/v1/auth/sign-out", Some(&cookie)).send().await.unwrap();
    assert_eq!(res.status(), 204);
    // Replaying the old cookie does not bring the session back.
    assert_eq!(app.get_with("/api/v1/me", &cookie).await.status(), 401);
    assert_eq!(audit_actions(&app).await, ["account.sign_up", "account.sign_out"]);
}

#[tokio::test]
async fn sessions_are_shared_by_two_server_processes_on_one_database() {
    let first = TestApp::spawn().await;
    let cookie = first.sign_up("kang@example.kr", PASSWORD, "강민호").await;
    let second = TestApp::spawn_sharing(&first).await;
    let me: Value = second.get_with("/api/v1/me", &cookie).await.json().await.unwrap();
    assert_eq!(me["email"], "kang@example.kr");
    // Signing out on one ends it on the other.
    assert_eq!(second.post("/api/v1/auth/sign-out", Some(&cookie)).send().await.unwrap().status(), 204);
    assert_eq!(first.get_with("/api/v1/me", &cookie).await.status(), 401);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while_with_retry_after() {
    let app = TestApp::spawn().await;
    app.sign_up("yoon@example.kr", PASSWORD, "윤서연").await;
    for _ in 0..5 {
        assert_eq!(app.sign_in("yoon@example.kr", "guess guess guess", None).await.status(), 401);
    }
    // Now even the right password waits.
    let res = app.sign_in("yoon@example.kr", PASSWORD, None).await;
    let retry_after: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry_after), "{retry_after}");
    assert_eq!(crate::error_code(res, 429).await.0, "rate_limited");
    // Another account from the same address is not locked by it.
    app.sign_up("han@example.kr", PASSWORD, "한지민").await;
    assert_eq!(app.sign_in("han@example.kr", PASSWORD, None).await.status(), 200);
}

#[tokio::test]
async fn a_cookie_request_without_origin_or_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let cookie = app.sign_up("seo@example.kr", PASSWORD, "서지우").await;
    let body = json!({ "current_password": PASSWORD, "new_password": "완전히 새로운 비밀번호입니다" });

    let blind = app.client.post(app.url("/api/v1/me/password")).header("cookie", &cookie).json(&body).send().await.unwrap();
    assert_eq!(crate::error_code(blind, 403).await.0, "forbidden");
    let cross = app
        .client
        .post(app.url("/api/v1/me/password"))
        .header("cookie", &cookie)
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(crate::error_code(cross, 403).await.0, "forbidden");
    // The password is unchanged.
    assert_eq!(app.sign_in("seo@example.kr", PASSWORD, None).await.status(), 200);
}

#[tokio::test]
async fn the_password_is_changed_only_with_the_current_one() {
    let app = TestApp::spawn().await;
    let cookie = app.sign_up("oh@example.kr", PASSWORD, "오세훈").await;
    let new = "새 비밀번호는 충분히 깁니다";
    let wrong = app
        .post("/api/v1/me/password", Some(&cookie))
        .json(&json!({ "current_password": "not it at all", "new_password": new }))
        .send()
        .await
        .unwrap();
    let (_, body) = crate::error_code(wrong, 422).await;
    assert_eq!(body["error"]["fields"][0]["field"], "current_password");

    let ok = app
        .post("/api/v1/me/password", Some(&cookie))
        .json(&json!({ "current_password": PASSWORD, "new_password": new }))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 204);
    assert_eq!(app.sign_in("oh@example.kr", PASSWORD, None).await.status(), 401);
    assert_eq!(app.sign_in("oh@example.kr", new, None).await.status(), 200);
    assert!(audit_actions(&app).await.contains(&"account.password_changed".to_owned()));
}

#[tokio::test]
async fn without_a_session_the_account_endpoints_answer_401() {
    let app = TestApp::spawn().await;
    assert_eq!(crate::error_code(app.get("/api/v1/me").await, 401).await.0, "unauthorized");
    let res = app.post("/api/v1/me/password", None).json(&json!({})).send().await.unwrap();
    assert_eq!(crate::error_code(res, 401).await.0, "unauthorized");
}

#[tokio::test]
async fn the_sign_in_form_without_javascript_signs_in_and_goes_to_next_only_on_this_site() {
    let app = TestApp::spawn().await;
    app.sign_up("bae@example.kr", PASSWORD, "배수지").await;
    for (next, expected) in [("/feedback", "/feedback"), ("https://evil.example/", "/"), ("//evil.example", "/")] {
        let res = app
            .post("/fn/sign_in", None)
            .header("accept", "text/html")
            .header("referer", app.url("/sign-in"))
            .form(&[("email", "bae@example.kr"), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{}", res.status());
        assert_eq!(res.headers()["location"], expected, "next={next}");
        let cookie = session_cookie(&res).expect("signed in");
        let page = app.get_with("/", &cookie).await.text().await.unwrap();
        assert!(page.contains("id=\"account-link\""), "the header shows the account");
    }
}
