use serde_json::json;
use tests::TestApp;

async fn feedback_count(app: &TestApp) -> usize {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM site_feedback".to_owned()))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap() as usize
}

#[tokio::test]
async fn a_cross_site_post_is_refused_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let body = json!({ "category": "idea", "message": "교차 사이트 요청으로 보낸 의견입니다" });

    let res = app.client.post(app.url("/api/v1/feedback")).header("origin", "https://evil.example").json(&body).send().await.unwrap();
    assert_eq!(crate::error_code(res, 403).await.0, "forbidden");

    let res = app.client.post(app.url("/api/v1/feedback")).header("sec-fetch-site", "cross-site").json(&body).send().await.unwrap();
    assert_eq!(crate::error_code(res, 403).await.0, "forbidden");

    // The HTML form's endpoint too, as a browser would send it from another site.
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .header("accept", "text/html")
        .form(&[("category", "idea"), ("message", "교차 사이트 요청으로 보낸 의견입니다"), ("email", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    assert_eq!(feedback_count(&app).await, 0);
}

#[tokio::test]
async fn a_same_origin_post_from_the_site_itself_is_accepted() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/api/v1/feedback"))
        .header("origin", app.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .json(&json!({ "category": "idea", "message": "같은 사이트에서 보낸 의견입니다" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(feedback_count(&app).await, 1);
}

#[tokio::test]
async fn responses_forbid_framing_and_sniffing() {
    let app = TestApp::spawn().await;
    // Pages, JSON, errors of every kind, static files.
    for path in ["/", "/healthz", "/api/v1/areas", "/nope", "/api/v1/nope", "/lang/xx", "/assets/krds-1.1.0/css/component/output.css"] {
        let res = app.get(path).await;
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin", "{path}");
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert!(h.get("strict-transport-security").is_none(), "no HSTS on plain http: {path}");
    }
}
