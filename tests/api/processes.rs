//! Changing a process (`PUT /api/v1/processes/{id}` and the administration
//! form at `/admin/processes`): the same checks as creating one, phases
//! replaced as a whole, who may, and the audit log.

use serde_json::{Value, json};
use tests::{TestApp, session_cookie};

const PASSWORD: &str = "a long enough password";

async fn admin(app: &TestApp) -> String {
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await.unwrap();
    session_cookie(&app.sign_in("admin@example.kr", PASSWORD, None).await).unwrap()
}

fn body(slug: &str, title: &str, phases: Value) -> Value {
    json!({ "slug": slug, "title": title, "description": "국민 누구나 제안합니다.", "phases": phases })
}

fn intake_now() -> Value {
    let now = chrono::Utc::now();
    json!([{ "kind": "intake", "starts_at": (now - chrono::Duration::days(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::days(7)).to_rfc3339() }])
}

async fn create(app: &TestApp, admin: &str, slug: &str) -> i64 {
    let res = app.post("/api/v1/processes", Some(admin)).json(&body(slug, "2026 정부혁신 국민제안", intake_now())).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn put(app: &TestApp, cookie: Option<&str>, id: impl std::fmt::Display, body: &Value) -> reqwest::Response {
    let mut req = app.client.put(app.url(&format!("/api/v1/processes/{id}"))).header("origin", app.base.as_str()).json(body);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.unwrap()
}

/// Signs up `email`, makes it admin of process `id`, and signs it in afresh.
async fn process_admin(app: &TestApp, admin: &str, email: &str, id: i64) -> String {
    app.sign_up(email, PASSWORD, "과정 관리자").await;
    let res = app
        .post("/api/v1/admin/role-grants", Some(admin))
        .json(&json!({ "email": email, "role": "admin", "scope_kind": "process", "scope_id": id }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    session_cookie(&app.sign_in(email, PASSWORD, None).await).unwrap()
}

fn field_names(body: &Value) -> Vec<String> {
    body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn an_admin_changes_a_process_and_its_phases_are_replaced_and_audited() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = create(&app, &admin, "gov-2026").await;

    let phases = json!([
        { "kind": "intake", "starts_at": "2027-01-01T09:00:00+09:00", "ends_at": "2027-01-31T18:00:00+09:00" },
        { "kind": "review", "starts_at": "2027-02-01T00:00:00Z", "ends_at": "2027-02-28T00:00:00Z" },
    ]);
    let mut changed = body("gov-2027", "2027 정부혁신 국민제안", phases);
    changed["area_code"] = json!("public_service");
    changed["region_code"] = json!("seoul");
    changed["propose_level"] = json!("verified");
    changed["support_threshold"] = json!(500);
    changed["supports_per_person"] = json!(3);
    let res = put(&app, Some(&admin), id, &changed).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let p: Value = res.json().await.unwrap();
    assert_eq!((p["slug"].as_str(), p["title"].as_str()), (Some("gov-2027"), Some("2027 정부혁신 국민제안")));
    assert_eq!((p["propose_level"].as_str(), p["support_threshold"].as_u64(), p["supports_per_person"].as_u64()), (Some("verified"), Some(500), Some(3)));
    assert_eq!(p["current_phase"], Value::Null, "no phase open now");
    let got: Value = app.get(&format!("/api/v1/processes/{id}")).await.json().await.unwrap();
    assert_eq!(got["phases"], json!([
        { "kind": "intake", "starts_at": "2027-01-01T00:00:00Z", "ends_at": "2027-01-31T09:00:00Z" },
        { "kind": "review", "starts_at": "2027-02-01T00:00:00Z", "ends_at": "2027-02-28T00:00:00Z" },
    ]), "stored in UTC, the old phase gone");
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM process_phases WHERE process_id = {id}")).await, 2);

    let details = app.strings("SELECT details AS v FROM audit_log WHERE action = 'process.updated'").await;
    assert_eq!(details.len(), 1);
    let d: Value = serde_json::from_str(&details[0]).unwrap();
    assert_eq!(d["before"]["title"], "2026 정부혁신 국민제안");
    assert_eq!(d["after"]["title"], "2027 정부혁신 국민제안");
    assert_eq!(d["before"]["phases"].as_array().unwrap().len(), 1);
    assert_eq!(d["after"]["phases"][1]["kind"], "review");

    // Leaving out optional settings puts the defaults back; no phases at all is allowed.
    let res = put(&app, Some(&admin), id, &body("gov-2027", "2027 정부혁신 국민제안", json!([]))).await;
    let p: Value = res.json().await.unwrap();
    assert_eq!((p["support_threshold"].as_u64(), p["supports_per_person"].as_u64(), p["area_code"].as_str()), (Some(100), None, None));
    assert_eq!(p["phases"], json!([]));
}

#[tokio::test]
async fn process_changes_are_checked_like_new_processes_and_refused_without_the_right() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = create(&app, &admin, "gov-2026").await;
    let other = create(&app, &admin, "other-2026").await;
    let own = process_admin(&app, &admin, "own@example.kr", id).await;
    let elsewhere = process_admin(&app, &admin, "elsewhere@example.kr", other).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let good = body("gov-2026", "2026 정부혁신 국민제안 (수정)", intake_now());

    crate::error_code(put(&app, None, id, &good).await, 401).await;
    crate::error_code(put(&app, Some(&citizen), id, &good).await, 403).await;
    crate::error_code(put(&app, Some(&elsewhere), id, &good).await, 403).await;
    crate::error_code(put(&app, Some(&admin), 999_999, &good).await, 404).await;
    crate::error_code(put(&app, Some(&admin), "x", &good).await, 400).await;
    let res = app.client.put(app.url(&format!("/api/v1/processes/{id}"))).header("origin", app.base.as_str()).header("cookie", &admin).header("content-type", "application/json").body("{").send().await.unwrap();
    crate::error_code(res, 400).await;

    // Every problem at once, as when creating.
    let bad = json!({
        "slug": "Bad Slug", "title": "짧", "description": "가".repeat(10_001), "area_code": "nowhere", "region_code": "atlantis",
        "propose_level": "king", "support_threshold": 0, "supports_per_person": 0,
        "phases": [
            { "kind": "intake", "starts_at": "2027-01-02T00:00:00Z", "ends_at": "2027-01-01T00:00:00Z" },
            { "kind": "review", "starts_at": "2027-02-01T00:00:00Z", "ends_at": "2027-02-02T00:00:00Z" },
            { "kind": "review", "starts_at": "2027-03-01T00:00:00Z", "ends_at": "2027-03-02T00:00:00Z" },
            { "kind": "party", "starts_at": "2027-03-01T00:00:00Z", "ends_at": "2027-03-02T00:00:00Z" },
            { "kind": "execution", "starts_at": "next week", "ends_at": "2027-03-02T00:00:00Z" },
        ],
    });
    let (_, b) = crate::error_code(put(&app, Some(&admin), id, &bad).await, 422).await;
    assert_eq!(
        field_names(&b),
        ["slug", "title", "description", "propose_level", "support_threshold", "supports_per_person", "phases[0]", "phases[2]", "phases[3]", "phases[4]", "area_code", "region_code"]
    );
    // Another process's address is taken.
    let (_, b) = crate::error_code(put(&app, Some(&admin), id, &body("other-2026", "2026 정부혁신 국민제안", intake_now())).await, 422).await;
    assert_eq!(b["error"]["fields"][0]["field"], "slug");
    assert_eq!(b["error"]["fields"][0]["code"], "taken");
    let kept: Value = app.get(&format!("/api/v1/processes/{id}")).await.json().await.unwrap();
    assert_eq!((kept["slug"].as_str(), kept["phases"].as_array().map(Vec::len)), (Some("gov-2026"), Some(1)), "nothing changed");

    // The process's own admin may change it, but not create processes.
    let res = put(&app, Some(&own), id, &good).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let res = app.post("/api/v1/processes", Some(&own)).json(&body("own-new", "내가 만드는 참여 과정", json!([]))).send().await.unwrap();
    crate::error_code(res, 403).await;
    // Keeping its own address is not a clash.
    assert_eq!(put(&app, Some(&admin), id, &good).await.status(), 200);
}

#[tokio::test]
async fn the_administration_pages_list_create_and_change_processes_with_kst_dates() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = create(&app, &admin, "gov-2026").await;
    let other = create(&app, &admin, "other-2026").await;
    let own = process_admin(&app, &admin, "own@example.kr", id).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;

    // Global admins see every process and the form that creates one.
    let html = app.get_with("/admin/processes", &admin).await.text().await.unwrap();
    assert!(html.contains(&format!("id=\"process-{id}\"")) && html.contains(&format!("id=\"process-{other}\"")));
    assert!(html.contains("id=\"process-form\""));
    // A process's admin sees that process only, and no creation form.
    let res = app.get_with("/admin/processes", &own).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("id=\"process-{id}\"")) && !html.contains(&format!("id=\"process-{other}\"")));
    assert!(!html.contains("id=\"process-form\""));
    assert_eq!(app.get_with(&format!("/admin/processes/{other}"), &own).await.status(), 403);
    assert_eq!(app.get_with("/admin/processes", &citizen).await.status(), 403);
    assert_eq!(app.get_with(&format!("/admin/processes/{id}"), &admin).await.status(), 200);
    assert_eq!(app.get_with("/admin/processes/424242", &admin).await.status(), 404);

    // The edit form: dates in KST, stored in UTC; an empty pair is no phase.
    let mut form = vec![
        ("id", id.to_string()),
        ("title", "2026 정부혁신 국민제안".to_owned()),
        ("slug", "gov-2026".to_owned()),
        ("description", "국민 누구나 제안합니다.".to_owned()),
        ("area_code", String::new()),
        ("region_code", "busan".to_owned()),
        ("propose_level", "unverified".to_owned()),
        ("support_level", "verified".to_owned()),
        ("support_threshold", "250".to_owned()),
        ("supports_per_person", String::new()),
        ("intake_starts", "2027-01-01T09:00".to_owned()),
        ("intake_ends", "2027-01-31T18:00".to_owned()),
        ("deliberation_starts", String::new()),
        ("deliberation_ends", String::new()),
        ("review_starts", "2027-02-01T09:00".to_owned()),
        ("review_ends", "2027-02-28T18:00".to_owned()),
        ("selection_starts", String::new()),
        ("selection_ends", String::new()),
        ("execution_starts", String::new()),
        ("execution_ends", String::new()),
    ];
    let post = |form: Vec<(&'static str, String)>, cookie: String, accept: &'static str| {
        let app = &app;
        async move {
            app.post("/fn/save_process", Some(&cookie))
                .header("accept", accept)
                .header("referer", app.url(&format!("/admin/processes/{id}")))
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    let res = post(form.clone(), own.clone(), "text/html").await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], format!("/admin/processes/{id}?saved=1").as_str());
    let got: Value = app.get(&format!("/api/v1/processes/{id}")).await.json().await.unwrap();
    assert_eq!(got["phases"], json!([
        { "kind": "intake", "starts_at": "2027-01-01T00:00:00Z", "ends_at": "2027-01-31T09:00:00Z" },
        { "kind": "review", "starts_at": "2027-02-01T00:00:00Z", "ends_at": "2027-02-28T09:00:00Z" },
    ]));
    assert_eq!((got["region_code"].as_str(), got["support_level"].as_str(), got["support_threshold"].as_u64()), (Some("busan"), Some("verified"), Some(250)));
    // The form shows the dates back in KST.
    let html = app.get_with(&format!("/admin/processes/{id}?saved=1"), &own).await.text().await.unwrap();
    assert!(html.contains("value=\"2027-01-31T18:00\"") && html.contains("id=\"process-saved\""), "KST in the form");

    // Errors are given per field: a half-filled phase, a phase ending before it starts, a bad number.
    form[13].1 = "2027-01-20T09:00".to_owned(); // deliberation_ends without a start
    form[15].1 = "2027-01-31T09:00".to_owned(); // review ends before it starts
    form[8].1 = "many".to_owned();
    let res = post(form.clone(), own.clone(), "application/json").await;
    let (_, b) = crate::error_code(res, 422).await;
    assert_eq!(field_names(&b), ["phase_deliberation", "support_threshold"]);
    form[8].1 = "250".to_owned();
    form[13].1 = String::new();
    let res = post(form.clone(), own.clone(), "application/json").await;
    let (_, b) = crate::error_code(res, 422).await;
    assert_eq!(field_names(&b), ["phase_review"], "the server's phases[i] is put on the phase's fields");
    // Without JavaScript: back to the form with the error and what was typed.
    let res = post(form.clone(), own.clone(), "text/html").await;
    let location = res.headers()["location"].to_str().unwrap().replacen(&app.base, "", 1);
    let html = app.get_with(&location, &own).await.text().await.unwrap();
    assert!(html.contains("id=\"pf-review-error\"") && html.contains("value=\"2027-01-31T09:00\""), "error and typed value shown");
    // 401, 403 and 404 through the form too.
    let mut gone = form.clone();
    gone[0].1 = "424242".to_owned();
    crate::error_code(post(gone, admin.clone(), "application/json").await, 404).await;
    let res = app.post("/fn/save_process", None).header("accept", "application/json").form(&form).send().await.unwrap();
    crate::error_code(res, 401).await;
    let res = post(form.clone(), citizen.clone(), "application/json").await;
    crate::error_code(res, 403).await;

    // A global admin creates one through the form.
    let mut new = form.clone();
    new.remove(0);
    new[1].1 = "gov-2028".to_owned();
    new[14].1 = "2027-02-28T18:00".to_owned(); // review_ends (index shifted by the removed id)
    let res = post(new, admin.clone(), "text/html").await;
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/admin/processes/") && location.ends_with("?created=1"), "{location}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM processes WHERE slug = 'gov-2028'").await, 1);
}

#[tokio::test]
async fn a_broken_database_gives_an_opaque_500_and_keeps_the_old_phases() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let id = create(&app, &admin, "gov-2026").await;
    app.db.execute_unprepared("DROP TABLE audit_log").await.unwrap();
    let res = put(&app, Some(&admin), id, &body("gov-2027", "2027 정부혁신 국민제안", json!([]))).await;
    let (code, body) = crate::error_code(res, 500).await;
    assert_eq!(code, "internal");
    assert!(!body.to_string().to_lowercase().contains("audit"), "{body}");
    let kept: Value = app.get(&format!("/api/v1/processes/{id}")).await.json().await.unwrap();
    assert_eq!((kept["slug"].as_str(), kept["phases"].as_array().map(Vec::len)), (Some("gov-2026"), Some(1)), "rolled back as a whole");
}
