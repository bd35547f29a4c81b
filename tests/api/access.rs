//! Organisations, roles and the policy over HTTP, as an attacker would try
//! them: citizens calling admin endpoints, scoped admins reaching beyond
//! their scope, the last admin revoking themself.

use serde_json::{Value, json};
use tests::{TestApp, session_cookie};

const ADMIN_PASSWORD: &str = "관리자 비밀번호 아주 길게";
const PASSWORD: &str = "a long enough password";

/// The first admin, as `hamkke create-admin` makes it; returns their session cookie.
async fn admin(app: &TestApp) -> String {
    let created = server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", ADMIN_PASSWORD).await.unwrap();
    assert!(created);
    // Running it again changes nothing (and keeps the password).
    assert!(!server::services::access::create_admin(&app.db, "Admin@Example.kr", "x", "ignored").await.unwrap());
    let res = app.sign_in("admin@example.kr", ADMIN_PASSWORD, None).await;
    assert_eq!(res.status(), 200);
    session_cookie(&res).unwrap()
}

async fn send(app: &TestApp, method: &str, path: &str, cookie: &str, body: Option<Value>) -> reqwest::Response {
    let url = app.url(path);
    let req = match method {
        "GET" => app.client.get(url),
        "POST" => app.client.post(url),
        "PUT" => app.client.put(url),
        "DELETE" => app.client.delete(url),
        other => panic!("{other}"),
    };
    let mut req = req.header("origin", app.base.as_str()).header("cookie", cookie);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn citizens_and_anonymous_visitors_cannot_reach_admin_endpoints() {
    let app = TestApp::spawn().await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let calls: [(&str, &str, Option<Value>); 8] = [
        ("GET", "/api/v1/admin/users", None),
        ("GET", "/api/v1/admin/audit-log", None),
        ("POST", "/api/v1/organisations", Some(json!({ "name": "행정안전부", "kind": "central_agency" }))),
        ("GET", "/api/v1/organisations/1/members", None),
        ("POST", "/api/v1/admin/role-grants", Some(json!({ "email": "citizen@example.kr", "role": "admin" }))),
        ("POST", "/api/v1/admin/role-grants", Some(json!({ "email": "citizen@example.kr", "role": "moderator", "scope_kind": "process", "scope_id": 1 }))),
        ("DELETE", "/api/v1/admin/role-grants/1", None),
        ("PUT", "/api/v1/admin/users/1/verification", Some(json!({ "level": "official" }))),
    ];
    for (method, path, body) in calls {
        let res = send(&app, method, path, &citizen, body.clone()).await;
        assert_eq!(res.status(), 403, "{method} {path}");
        let (code, _) = crate::error_code(res, 403).await;
        assert_eq!(code, "forbidden", "{method} {path}");
        let res = send(&app, method, path, "lang=ko", body).await;
        let status = res.status().as_u16();
        assert_eq!(status, 401, "{method} {path} anonymous");
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM role_grants").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM organisations").await, 0);
}

#[tokio::test]
async fn an_admin_creates_organisations_and_adds_members() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    app.sign_up("official@example.kr", PASSWORD, "공무원").await;

    let res = send(&app, "POST", "/api/v1/organisations", &admin, Some(json!({ "name": "서울특별시", "kind": "local_government" }))).await;
    let (_, body) = crate::error_code(res, 422).await;
    assert_eq!(body["error"]["fields"][0]["field"], "region_code");
    let res = send(&app, "POST", "/api/v1/organisations", &admin, Some(json!({ "name": "서울특별시", "kind": "local_government", "region_code": "atlantis" }))).await;
    crate::error_code(res, 422).await;
    let res = send(&app, "POST", "/api/v1/organisations", &admin, Some(json!({ "name": "서울특별시", "kind": "local_government", "region_code": "seoul" }))).await;
    assert_eq!(res.status(), 201);
    let seoul: Value = res.json().await.unwrap();
    assert_eq!(seoul["region_code"], "seoul");
    let res = send(&app, "POST", "/api/v1/organisations", &admin, Some(json!({ "name": "서울특별시", "kind": "central_agency" }))).await;
    let (_, body) = crate::error_code(res, 422).await;
    assert_eq!(body["error"]["fields"][0]["code"], "taken");

    let id = seoul["id"].as_i64().unwrap();
    let path = format!("/api/v1/organisations/{id}/members");
    let res = send(&app, "POST", &path, &admin, Some(json!({ "email": "nobody@example.kr" }))).await;
    crate::error_code(res, 422).await;
    let res = send(&app, "POST", &path, &admin, Some(json!({ "email": "OFFICIAL@example.kr", "title": "혁신담당관" }))).await;
    assert_eq!(res.status(), 201);
    let res = send(&app, "POST", &path, &admin, Some(json!({ "email": "official@example.kr" }))).await;
    crate::error_code(res, 409).await;
    let members: Value = send(&app, "GET", &path, &admin, None).await.json().await.unwrap();
    assert_eq!(members["items"][0]["title"], "혁신담당관");

    // The list of organisations is public, with member counts.
    let orgs: Value = app.get("/api/v1/organisations").await.json().await.unwrap();
    assert_eq!(orgs["items"][0]["name"], "서울특별시");
    assert_eq!(orgs["items"][0]["member_count"], 1);

    let user_id = members["items"][0]["user_id"].as_i64().unwrap();
    let res = send(&app, "DELETE", &format!("{path}/{user_id}"), &admin, None).await;
    assert_eq!(res.status(), 204);
    let res = send(&app, "DELETE", &format!("{path}/{user_id}"), &admin, None).await;
    crate::error_code(res, 404).await;
    let actions = app.strings("SELECT action AS v FROM audit_log WHERE action LIKE 'organisation.%' ORDER BY id").await;
    assert_eq!(actions, ["organisation.created", "organisation.member_added", "organisation.member_removed"]);
}

#[tokio::test]
async fn roles_are_granted_in_scopes_and_scoped_admins_cannot_escalate() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let b = app.sign_up("b@example.kr", PASSWORD, "비비").await;
    app.sign_up("c@example.kr", PASSWORD, "씨씨").await;

    // Bad grants are explained.
    for bad in [
        json!({ "email": "b@example.kr", "role": "citizen" }),
        json!({ "email": "b@example.kr", "role": "emperor" }),
        json!({ "email": "b@example.kr", "role": "admin", "scope_kind": "process" }),
        json!({ "email": "b@example.kr", "role": "admin", "scope_kind": "planet", "scope_id": 1 }),
    ] {
        let res = send(&app, "POST", "/api/v1/admin/role-grants", &admin, Some(bad.clone())).await;
        crate::error_code(res, 422).await;
    }

    // B becomes admin of process 1.
    let res = send(&app, "POST", "/api/v1/admin/role-grants", &admin, Some(json!({ "email": "b@example.kr", "role": "admin", "scope_kind": "process", "scope_id": 1 }))).await;
    assert_eq!(res.status(), 201);
    let res = send(&app, "POST", "/api/v1/admin/role-grants", &admin, Some(json!({ "email": "b@example.kr", "role": "admin", "scope_kind": "process", "scope_id": 1 }))).await;
    crate::error_code(res, 409).await;

    // B's session gets a new id on its next request (privilege change).
    let res = app.get_with("/api/v1/me", &b).await;
    assert_eq!(res.status(), 200);
    let b2 = session_cookie(&res).expect("a new session id after the role change");
    assert_ne!(b2, b);
    assert_eq!(app.get_with("/api/v1/me", &b).await.status(), 401, "the old id is gone");

    // Within process 1, B grants moderator; beyond it, or admin itself, B cannot.
    let ok = send(&app, "POST", "/api/v1/admin/role-grants", &b2, Some(json!({ "email": "c@example.kr", "role": "moderator", "scope_kind": "process", "scope_id": 1 }))).await;
    assert_eq!(ok.status(), 201);
    for escalation in [
        json!({ "email": "b@example.kr", "role": "admin" }),
        json!({ "email": "c@example.kr", "role": "admin", "scope_kind": "process", "scope_id": 1 }),
        json!({ "email": "c@example.kr", "role": "moderator", "scope_kind": "process", "scope_id": 2 }),
        json!({ "email": "c@example.kr", "role": "moderator" }),
    ] {
        let res = send(&app, "POST", "/api/v1/admin/role-grants", &b2, Some(escalation.clone())).await;
        let (code, _) = crate::error_code(res, 403).await;
        assert_eq!(code, "forbidden", "{escalation}");
    }
    let res = send(&app, "GET", "/api/v1/admin/users", &b2, None).await;
    crate::error_code(res, 403).await;

    // The global admin sees every account with its roles.
    let users: Value = send(&app, "GET", "/api/v1/admin/users?q=example.kr", &admin, None).await.json().await.unwrap();
    let c = users["items"].as_array().unwrap().iter().find(|u| u["email"] == "c@example.kr").unwrap().clone();
    assert_eq!(c["roles"][0]["role"], "moderator");
    assert_eq!(c["roles"][0]["scope_kind"], "process");
    assert_eq!(c["roles"][0]["scope_id"], 1);

    // Revoking: B may revoke within process 1; the last global admin stays.
    let grant_id = c["roles"][0]["id"].as_i64().unwrap();
    let res = send(&app, "DELETE", &format!("/api/v1/admin/role-grants/{grant_id}"), &b2, None).await;
    assert_eq!(res.status(), 204);
    let admins: Value = send(&app, "GET", "/api/v1/admin/users?q=admin@", &admin, None).await.json().await.unwrap();
    let own_grant = admins["items"][0]["roles"][0]["id"].as_i64().unwrap();
    let res = send(&app, "DELETE", &format!("/api/v1/admin/role-grants/{own_grant}"), &admin, None).await;
    let (code, _) = crate::error_code(res, 409).await;
    assert_eq!(code, "conflict");

    // Verification: only a global admin confirms an official.
    let c_id = c["id"].as_i64().unwrap();
    let res = send(&app, "PUT", &format!("/api/v1/admin/users/{c_id}/verification"), &b2, Some(json!({ "level": "official" }))).await;
    crate::error_code(res, 403).await;
    let res = send(&app, "PUT", &format!("/api/v1/admin/users/{c_id}/verification"), &admin, Some(json!({ "level": "official" }))).await;
    assert_eq!(res.status(), 204);

    let log: Value = send(&app, "GET", "/api/v1/admin/audit-log", &admin, None).await.json().await.unwrap();
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in ["role.granted", "role.revoked", "account.verification_set"] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}

#[tokio::test]
async fn personal_api_tokens_are_shown_once_stored_hashed_and_revocable() {
    let app = TestApp::spawn().await;
    let cookie = app.sign_up("dev@example.kr", PASSWORD, "개발자").await;
    let res = send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": "" }))).await;
    crate::error_code(res, 422).await;
    let res = send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": "통계 스크립트", "expires_in_days": 30 }))).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("hkt_") && token.len() > 40, "{token}");
    assert!(created["expires_at"].is_string());

    // Stored as SHA-256 only.
    let stored = app.strings("SELECT token_hash AS v FROM api_tokens").await;
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert_eq!(stored[0].len(), 64);
    let listed: Value = send(&app, "GET", "/api/v1/me/tokens", &cookie, None).await.json().await.unwrap();
    assert!(!listed.to_string().contains(&token), "the list never shows the token");
    assert_eq!(listed["items"][0]["prefix"], token[..12]);

    // The token works instead of the cookie (and needs no Origin: no cookie, no CSRF).
    let bearer = |path: &str| app.client.get(app.url(path)).bearer_auth(&token);
    let me: Value = bearer("/api/v1/me").send().await.unwrap().json().await.unwrap();
    assert_eq!(me["email"], "dev@example.kr");
    // It cannot mint more tokens, change the password or delete the account.
    let res = app.client.post(app.url("/api/v1/me/tokens")).bearer_auth(&token).json(&json!({ "name": "more" })).send().await.unwrap();
    crate::error_code(res, 403).await;
    let res = app.client.delete(app.url("/api/v1/me")).bearer_auth(&token).json(&json!({ "password": PASSWORD, "confirm": "탈퇴" })).send().await.unwrap();
    crate::error_code(res, 403).await;

    // Wrong, malformed and revoked tokens are 401.
    for header in ["Bearer hkt_nope", "Bearer ", "Basic abc", "hkt_raw"] {
        let res = app.client.get(app.url("/api/v1/me")).header("authorization", header).send().await.unwrap();
        crate::error_code(res, 401).await;
    }
    let id = created["id"].as_i64().unwrap();
    let res = send(&app, "DELETE", &format!("/api/v1/me/tokens/{id}"), &cookie, None).await;
    assert_eq!(res.status(), 204);
    crate::error_code(bearer("/api/v1/me").send().await.unwrap(), 401).await;
    let actions = app.strings("SELECT action AS v FROM audit_log WHERE action LIKE 'token.%' ORDER BY id").await;
    assert_eq!(actions, ["token.created", "token.revoked"]);

    // Someone else's token id is not found, not revocable.
    let other = app.sign_up("other@example.kr", PASSWORD, "남남").await;
    let res = send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": "두번째" }))).await;
    let second: Value = res.json().await.unwrap();
    let res = send(&app, "DELETE", &format!("/api/v1/me/tokens/{}", second["id"]), &other, None).await;
    crate::error_code(res, 404).await;

    // Expired tokens stop working.
    let backend = app.db.get_database_backend();
    use sea_orm::ConnectionTrait;
    app.db
        .execute_raw(sea_orm::Statement::from_string(backend, "UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00Z'".to_owned()))
        .await
        .unwrap();
    let res = app.client.get(app.url("/api/v1/me")).bearer_auth(second["token"].as_str().unwrap()).send().await.unwrap();
    crate::error_code(res, 401).await;
}

#[tokio::test]
async fn token_creation_is_rate_limited_per_account() {
    let app = TestApp::spawn().await;
    let cookie = app.sign_up("busy@example.kr", PASSWORD, "바쁜사람").await;
    for i in 0..9 {
        let res = send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": format!("t{i}") }))).await;
        assert_eq!(res.status(), 201, "token {i}");
    }
    // The 10th reaches the limit and is still made; the 11th waits.
    let res = send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": "t9" }))).await;
    assert_eq!(res.status(), 201);
    let res = send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": "t10" }))).await;
    let retry = res.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    crate::error_code(res, 429).await;
    assert!(retry.is_some_and(|r| r.parse::<u64>().unwrap() > 0));
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    let first = app.sign_up("two@example.kr", PASSWORD, "두기기").await;
    let second = session_cookie(&app.sign_in("two@example.kr", PASSWORD, None).await).unwrap();
    let res = send(&app, "POST", "/api/v1/me/password", &first, Some(json!({ "current_password": PASSWORD, "new_password": "another long password" }))).await;
    assert_eq!(res.status(), 204);
    let renewed = session_cookie(&res).expect("this session gets a new id");
    assert_eq!(app.get_with("/api/v1/me", &second).await.status(), 401, "the other device is signed out");
    assert_eq!(app.get_with("/api/v1/me", &first).await.status(), 401, "the old id is gone");
    assert_eq!(app.get_with("/api/v1/me", &renewed).await.status(), 200);
}

#[tokio::test]
async fn a_citizen_downloads_their_data_and_deletes_their_account() {
    let app = TestApp::spawn().await;
    let cookie = app.sign_up("leaving@example.kr", PASSWORD, "떠나는사람").await;
    send(&app, "POST", "/api/v1/me/tokens", &cookie, Some(json!({ "name": "스크립트" }))).await;
    let res = send(&app, "GET", "/api/v1/me/export", &cookie, None).await;
    assert_eq!(res.status(), 200);
    let disposition = res.headers().get("content-disposition").unwrap().to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let data: Value = res.json().await.unwrap();
    assert_eq!(data["account"]["email"], "leaving@example.kr");
    assert_eq!(data["api_tokens"][0]["name"], "스크립트");
    assert!(data["activity"].as_array().unwrap().iter().any(|e| e["action"] == "account.sign_up"));
    crate::error_code(app.get("/api/v1/me/export").await, 401).await;

    let res = send(&app, "DELETE", "/api/v1/me", &cookie, Some(json!({ "password": PASSWORD, "confirm": "네" }))).await;
    let (_, body) = crate::error_code(res, 422).await;
    assert_eq!(body["error"]["fields"][0]["field"], "confirm");
    let res = send(&app, "DELETE", "/api/v1/me", &cookie, Some(json!({ "password": "wrong password!", "confirm": "탈퇴" }))).await;
    let (_, body) = crate::error_code(res, 422).await;
    assert_eq!(body["error"]["fields"][0]["field"], "password");
    let res = send(&app, "DELETE", "/api/v1/me", &cookie, Some(json!({ "password": PASSWORD, "confirm": "탈퇴" }))).await;
    assert_eq!(res.status(), 204);

    assert_eq!(app.get_with("/api/v1/me", &cookie).await.status(), 401);
    assert_eq!(app.sign_in("leaving@example.kr", PASSWORD, None).await.status(), 401);
    let rows = app.strings("SELECT email || '|' || display_name AS v FROM users").await;
    assert_eq!(rows.len(), 1, "the row stays for the contributions that point at it");
    assert!(rows[0].starts_with("deleted-") && rows[0].ends_with("|탈퇴한 사용자"), "{rows:?}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM users WHERE password_hash IS NOT NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM api_tokens WHERE revoked_at IS NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM sessions WHERE user_id IS NOT NULL").await, 0);
    // The address is free again.
    app.sign_up("leaving@example.kr", PASSWORD, "돌아온사람").await;
}
