//! The participation core over HTTP: processes, proposals, supports (also
//! under parallel load), listing and Korean search, on both backends.

use futures::future::join_all;
use serde_json::{Value, json};
use tests::{TestApp, session_cookie};

const PASSWORD: &str = "a long enough password";

async fn admin(app: &TestApp) -> String {
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await.unwrap();
    session_cookie(&app.sign_in("admin@example.kr", PASSWORD, None).await).unwrap()
}

/// A process whose `open` phase is running now (the others are later).
async fn process(app: &TestApp, admin: &str, slug: &str, open: &str, extra: Value) -> i64 {
    let now = chrono::Utc::now();
    let day = chrono::Duration::days(1);
    let (s, e) = ((now - day).to_rfc3339(), (now + day).to_rfc3339());
    let mut phases = vec![json!({ "kind": open, "starts_at": s, "ends_at": e })];
    if open != "review" {
        phases.push(json!({ "kind": "review", "starts_at": (now + day * 2).to_rfc3339(), "ends_at": (now + day * 3).to_rfc3339() }));
    }
    let mut body = json!({ "slug": slug, "title": "2026 정부혁신 국민제안", "description": "국민 누구나 제안합니다.", "phases": phases });
    if let (Some(b), Some(x)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in x {
            b.insert(k.clone(), v.clone());
        }
    }
    let res = app.post("/api/v1/processes", Some(admin)).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["current_phase"], open);
    p["id"].as_i64().unwrap()
}

fn proposal(process_id: i64, title: &str, problem: &str) -> Value {
    json!({
        "process_id": process_id,
        "title": title,
        "problem": problem,
        "solution": "관계 부처가 함께 정보를 모아 한 화면에서 안내하는 서비스를 만듭니다.",
        "effect": "국민이 찾는 시간이 줄어듭니다.",
        "area_code": "public_service",
        "region_code": "national",
        "tags": ["청년"],
    })
}

fn with_publish(mut v: Value) -> Value {
    v["publish"] = json!(true);
    v
}

async fn create(app: &TestApp, cookie: &str, body: Value) -> Value {
    let res = app.post("/api/v1/proposals", Some(cookie)).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json().await.unwrap()
}

async fn put(app: &TestApp, path: &str, auth: Auth<'_>) -> reqwest::Response {
    auth.apply(app.client.put(app.url(path)).header("origin", app.base.as_str())).send().await.unwrap()
}

#[derive(Clone, Copy)]
enum Auth<'a> {
    Cookie(&'a str),
    Token(&'a str),
}

impl Auth<'_> {
    fn apply(self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Auth::Cookie(c) => req.header("cookie", c),
            Auth::Token(t) => req.bearer_auth(t),
        }
    }
}

#[tokio::test]
async fn a_proposal_goes_from_draft_to_published_is_supported_and_edits_are_versioned() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "gov-2026", "intake", json!({})).await;
    let author = app.sign_up("author@example.kr", PASSWORD, "제안자").await;
    let other = app.sign_up("other@example.kr", PASSWORD, "지지자").await;

    let draft = create(&app, &author, proposal(pid, "청년 일자리 정보 한곳에", "청년일자리 정보가 부처마다 흩어져 있어 찾기 어렵습니다.")).await;
    assert_eq!(draft["status"], "draft");
    let id = draft["id"].as_i64().unwrap();
    // A draft is the author's alone.
    assert_eq!(app.get_with(&format!("/api/v1/proposals/{id}"), &other).await.status(), 404);
    assert_eq!(app.get(&format!("/api/v1/proposals/{id}")).await.status(), 404);
    let list: Value = app.get("/api/v1/proposals").await.json().await.unwrap();
    assert_eq!(list["total"], 0);

    let res = app.post(&format!("/api/v1/proposals/{id}/publish"), Some(&other)).send().await.unwrap();
    crate::error_code(res, 404).await;
    let res = app.post(&format!("/api/v1/proposals/{id}/publish"), Some(&author)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let list: Value = app.get("/api/v1/proposals").await.json().await.unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["author_name"], "제안자");

    // Untouched: edited in place.
    let mut edit = proposal(pid, "청년 일자리 정보를 한곳에서", "청년일자리 정보가 부처마다 흩어져 있어 찾기 어렵습니다.");
    let res = app.client.put(app.url(&format!("/api/v1/proposals/{id}"))).header("origin", app.base.as_str()).header("cookie", &author).json(&edit).send().await.unwrap();
    let p: Value = res.json().await.unwrap();
    assert_eq!((p["version"].as_i64(), p["editable"].as_bool()), (Some(1), Some(true)));
    let res = app.client.put(app.url(&format!("/api/v1/proposals/{id}"))).header("origin", app.base.as_str()).header("cookie", &other).json(&edit).send().await.unwrap();
    crate::error_code(res, 403).await;

    // Supported: twice is once.
    let res = put(&app, &format!("/api/v1/proposals/{id}/support"), Auth::Cookie(&other)).await;
    assert_eq!(res.status(), 201);
    let res = put(&app, &format!("/api/v1/proposals/{id}/support"), Auth::Cookie(&other)).await;
    assert_eq!(res.status(), 200);
    let s: Value = res.json().await.unwrap();
    assert_eq!(s["support_count"], 1);
    let seen: Value = app.get_with(&format!("/api/v1/proposals/{id}"), &other).await.json().await.unwrap();
    assert_eq!((seen["supported_by_me"].as_bool(), seen["support_count"].as_u64()), (Some(true), Some(1)));
    assert_eq!(seen["editable"], false);

    // Now an edit keeps the earlier text and says so on the timeline.
    edit["title"] = json!("청년 일자리 정보를 한곳에서 보기");
    let res = app.client.put(app.url(&format!("/api/v1/proposals/{id}"))).header("origin", app.base.as_str()).header("cookie", &author).json(&edit).send().await.unwrap();
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["version"], 2);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposal_versions").await, 1);
    let timeline: Value = app.get(&format!("/api/v1/proposals/{id}/timeline")).await.json().await.unwrap();
    let kinds: Vec<&str> = timeline["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["published", "edited"]);

    let res = app.client.delete(app.url(&format!("/api/v1/proposals/{id}/support"))).header("origin", app.base.as_str()).header("cookie", &other).send().await.unwrap();
    let s: Value = res.json().await.unwrap();
    assert_eq!((s["supported"].as_bool(), s["support_count"].as_u64()), (Some(false), Some(0)));
}

#[tokio::test]
async fn bad_requests_get_clear_errors_and_the_phase_decides_what_is_allowed() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let intake = process(&app, &admin, "intake-only", "intake", json!({ "propose_level": "verified" })).await;
    let review = process(&app, &admin, "in-review", "review", json!({})).await;
    let open = process(&app, &admin, "open-one", "intake", json!({})).await;
    let citizen = app.sign_up("c@example.kr", PASSWORD, "시민").await;

    // 401 without a sign-in; 422 with every problem; 403 below the level; 409 outside intake.
    let res = app.post("/api/v1/proposals", None).json(&proposal(open, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.")).send().await.unwrap();
    crate::error_code(res, 401).await;
    let mut bad = proposal(open, "짧다", "짧음");
    bad["area_code"] = json!("nowhere");
    let res = app.post("/api/v1/proposals", Some(&citizen)).json(&bad).send().await.unwrap();
    let (_, body) = crate::error_code(res, 422).await;
    let fields: Vec<&str> = body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "problem"]);
    let mut unknown = proposal(999, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.");
    unknown["area_code"] = json!("nowhere");
    let res = app.post("/api/v1/proposals", Some(&citizen)).json(&unknown).send().await.unwrap();
    let (_, body) = crate::error_code(res, 422).await;
    let fields: Vec<&str> = body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["process_id", "area_code"]);
    let res = app.post("/api/v1/proposals", Some(&citizen)).json(&with_publish(proposal(intake, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다."))).send().await.unwrap();
    crate::error_code(res, 403).await;
    let res = app.post("/api/v1/proposals", Some(&citizen)).json(&with_publish(proposal(review, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다."))).send().await.unwrap();
    crate::error_code(res, 409).await;
    let res = app.post("/api/v1/proposals", Some(&citizen)).header("content-type", "application/json").body("{not json").send().await.unwrap();
    crate::error_code(res, 400).await;

    // Supports: 404 for nothing, 401 anonymous, 409 on a draft's… no: drafts are 404.
    assert_eq!(put(&app, "/api/v1/proposals/12345/support", Auth::Cookie(&citizen)).await.status(), 404);
    let p = create(&app, &citizen, with_publish(proposal(open, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다."))).await;
    let id = p["id"].as_i64().unwrap();
    let res = app.client.put(app.url(&format!("/api/v1/proposals/{id}/support"))).send().await.unwrap();
    crate::error_code(res, 401).await;
    let res = app.get("/api/v1/proposals?sort=loudest").await;
    crate::error_code(res, 422).await;
    let res = app.get("/api/v1/proposals?cursor=garbage").await;
    crate::error_code(res, 400).await;
    let res = app.get("/api/v1/proposals?status=draft").await;
    crate::error_code(res, 422).await;

    // Only admins create processes.
    let res = app.post("/api/v1/processes", Some(&citizen)).json(&json!({ "slug": "mine", "title": "내 과정입니다" })).send().await.unwrap();
    crate::error_code(res, 403).await;
    let res = app.post("/api/v1/processes", Some(&admin)).json(&json!({ "slug": "Bad Slug", "title": "짧" , "phases": [{ "kind": "intake", "starts_at": "2026-12-02T00:00:00Z", "ends_at": "2026-12-01T00:00:00Z" }] })).send().await.unwrap();
    let (_, body) = crate::error_code(res, 422).await;
    let fields: Vec<&str> = body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["slug", "title", "phases[0]"]);
}

#[tokio::test]
async fn two_hundred_parallel_supports_by_one_person_leave_one_row() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "p-1", "intake", json!({})).await;
    let author = app.sign_up("a@example.kr", PASSWORD, "제안자").await;
    let id = create(&app, &author, with_publish(proposal(pid, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다."))).await["id"].as_i64().unwrap();
    let tokens = app.users_with_tokens("same", 1).await;
    let path = format!("/api/v1/proposals/{id}/support");
    let results = join_all((0..200).map(|_| put(&app, &path, Auth::Token(&tokens[0])))).await;
    let created = results.iter().filter(|r| r.status() == 201).count();
    assert!(results.iter().all(|r| r.status() == 201 || r.status() == 200), "{:?}", results.iter().map(|r| r.status()).collect::<Vec<_>>());
    assert_eq!(created, 1);
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM supports WHERE proposal_id = {id}")).await, 1);
    let p: Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
    assert_eq!(p["support_count"], 1);
}

#[tokio::test]
async fn two_hundred_people_supporting_at_once_make_exactly_two_hundred_and_the_threshold_moves_it_once() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "p-1", "intake", json!({ "support_threshold": 150 })).await;
    let author = app.sign_up("a@example.kr", PASSWORD, "제안자").await;
    let id = create(&app, &author, with_publish(proposal(pid, "청년 교통비 지원", "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다."))).await["id"].as_i64().unwrap();
    let tokens = app.users_with_tokens("many", 200).await;
    let path = format!("/api/v1/proposals/{id}/support");
    let results = join_all(tokens.iter().map(|t| put(&app, &path, Auth::Token(t)))).await;
    assert!(results.iter().all(|r| r.status() == 201), "{:?}", results.iter().map(|r| r.status()).collect::<Vec<_>>());
    let p: Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
    assert_eq!(p["support_count"], 200);
    assert_eq!(p["status"], "under_review", "the threshold sent it to review");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposal_events WHERE kind = 'threshold_reached'").await, 1);
    // The sort column catches up with the rows.
    let mut rolled = 0;
    for _ in 0..50 {
        rolled = app.count(&format!("SELECT support_count AS n FROM proposals WHERE id = {id}")).await;
        if rolled == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(rolled, 200);
}

#[tokio::test]
async fn the_per_person_limit_holds_under_parallel_requests() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "p-1", "intake", json!({ "supports_per_person": 3 })).await;
    let author = app.sign_up("a@example.kr", PASSWORD, "제안자").await;
    let mut ids = Vec::new();
    for i in 0..10 {
        let p = create(&app, &author, with_publish(proposal(pid, &format!("청년 교통비 지원 {i}번"), "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다."))).await;
        ids.push(p["id"].as_i64().unwrap());
    }
    let tokens = app.users_with_tokens("limited", 1).await;
    let paths: Vec<String> = ids.iter().map(|id| format!("/api/v1/proposals/{id}/support")).collect();
    let results = join_all(paths.iter().map(|p| put(&app, p, Auth::Token(&tokens[0])))).await;
    let statuses: Vec<u16> = results.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 7, "{statuses:?}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM supports").await, 3);
    assert_eq!(app.count("SELECT CAST(used AS BIGINT) AS n FROM support_quotas").await, 3);
}

#[tokio::test]
async fn korean_search_finds_two_syllable_words_inside_compounds_with_title_matches_first() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "p-1", "intake", json!({})).await;
    let author = app.sign_up("a@example.kr", PASSWORD, "제안자").await;
    let texts = [
        ("청년일자리 박람회를 지역마다", "지방에 사는 사람도 일자리 정보를 쉽게 얻을 수 있어야 합니다."),
        ("시내버스 노선 개편", "청년층 통학 시간이 너무 깁니다. 교통 불편을 줄여 주세요."),
        ("세금 고지서를 모바일로", "종이 고지서가 낭비입니다. 납부도 번거롭습니다."),
        ("주민센터 민원 예약제", "기다리는 시간이 깁니다. 미리 예약하면 좋겠습니다."),
    ];
    for (t, p) in texts {
        create(&app, &author, with_publish(proposal(pid, t, p))).await;
    }
    let search = |q: &'static str| {
        let app = &app;
        async move {
            let v: Value = app.get(&format!("/api/v1/proposals?q={}", tests::oidc::encode(q))).await.json().await.unwrap();
            v["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        }
    };
    assert_eq!(search("청년").await, ["청년일자리 박람회를 지역마다", "시내버스 노선 개편"], "title match first");
    assert_eq!(search("일자리").await, ["청년일자리 박람회를 지역마다"]);
    assert_eq!(search("교통").await, ["시내버스 노선 개편"]);
    assert_eq!(search("세금").await, ["세금 고지서를 모바일로"]);
    assert_eq!(search("청년 교통").await, ["시내버스 노선 개편"], "all words must match");
    assert!(search("년일자리박람").await.is_empty(), "grams across words do not make a match");
    assert!(search("우주").await.is_empty());
    // Similar proposals while typing.
    let v: Value = app.get(&format!("/api/v1/proposals/similar?title={}", tests::oidc::encode("세금 고지서 모바일 전환"))).await.json().await.unwrap();
    assert_eq!(v["items"][0]["title"], "세금 고지서를 모바일로");
}

#[tokio::test]
async fn lists_page_with_a_cursor_without_gaps_or_repeats_in_every_order() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "p-1", "intake", json!({})).await;
    let author = app.sign_up("a@example.kr", PASSWORD, "제안자").await;
    for i in 0..23 {
        let mut body = with_publish(proposal(pid, &format!("제안 번호 {i:02}"), "문제가 있어 개선이 필요합니다. 자세히 적습니다."));
        if i % 2 == 0 {
            body["area_code"] = json!("participation");
        }
        create(&app, &author, body).await;
    }
    for sort in ["newest", "most_supported", "most_discussed", "random"] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/proposals?sort={sort}&seed=42&limit=10");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page: Value = app.get(&path).await.json().await.unwrap();
            assert_eq!(page["total"], 23);
            seen.extend(page["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()));
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (23, 23), "{sort}");
    }
    let filtered: Value = app.get("/api/v1/proposals?area=participation").await.json().await.unwrap();
    assert_eq!(filtered["total"], 12);
    let a: Value = app.get("/api/v1/proposals?sort=random&seed=7").await.json().await.unwrap();
    let b: Value = app.get("/api/v1/proposals?sort=random&seed=7").await.json().await.unwrap();
    assert_eq!(a["items"], b["items"], "the same seed, the same order");
}

/// The list page stays within its SQL budget (at most 4 statements per
/// request, the participation core's benchmark rule), with filters, a sort,
/// a search and a second page; counted, not timed.
#[tokio::test]
async fn the_list_page_runs_at_most_four_sql_statements() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "budget", "intake", json!({})).await;
    for i in 0..25 {
        create(&app, &admin, with_publish(proposal(pid, &format!("청년 일자리 정보 한 곳에서 {i}"), "청년 지원 정보가 여러 기관에 흩어져 있어 찾기 어렵습니다."))).await;
    }
    let paths = [
        "/proposals?area=public_service&sort=most_supported".to_owned(),
        format!("/proposals?process={pid}&region=national&sort=newest"),
        "/proposals?q=%EC%B2%AD%EB%85%84".to_owned(),
    ];
    for path in &paths {
        // First request: reference data is read once per process, then kept.
        let html = app.get(path).await.text().await.unwrap();
        assert!(html.contains("청년 일자리 정보 한 곳에서"), "{path} lists the proposals");
        let before = app.statements.get();
        for _ in 0..3 {
            assert_eq!(app.get(path).await.status(), 200);
        }
        let per_request = (app.statements.get() - before) as f64 / 3.0;
        assert!(per_request <= 4.0, "{path}: {per_request} SQL statements per request");
        assert!(per_request >= 1.0, "{path}: the counter counts");
    }
}

#[tokio::test]
async fn the_proposal_form_names_collaborating_organisations_and_keeps_them_on_edit() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "gov-2026", "intake", json!({})).await;
    let mut orgs = Vec::new();
    for (name, kind) in [("행정안전부", "central_agency"), ("서울특별시", "local_government"), ("한국지능정보사회진흥원", "public_institution")] {
        let res = app.post("/api/v1/organisations", Some(&admin)).json(&json!({ "name": name, "kind": kind, "region_code": "seoul" })).send().await.unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        orgs.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    let author = app.sign_up("author@example.kr", PASSWORD, "제안자").await;

    // The form lists them as checkboxes.
    let html = app.get_with("/proposals/new", &author).await.text().await.unwrap();
    for id in &orgs {
        assert!(html.contains(&format!("id=\"proposal-org-{id}\"")), "organisation {id} offered");
    }
    assert!(html.contains("name=\"organisation_ids[]\""));

    // Ticked boxes arrive as a list (a plain form post, as the browser sends it).
    let fields = |orgs: &[i64]| {
        let mut f: Vec<(String, String)> = [
            ("process_id", pid.to_string()),
            ("title", "기관이 함께하는 청년 정책".to_owned()),
            ("problem", "청년 정책 정보가 기관마다 흩어져 있어 찾기 어렵습니다.".to_owned()),
            ("solution", "관계 기관이 함께 정보를 모아 한 화면에서 안내합니다.".to_owned()),
            ("effect", "찾는 시간이 줄어듭니다.".to_owned()),
            ("area_code", "public_service".to_owned()),
            ("region_code", "national".to_owned()),
            ("tags", "청년".to_owned()),
            ("intent", "publish".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        f.extend(orgs.iter().map(|id| ("organisation_ids[]".to_owned(), id.to_string())));
        f
    };
    let res = app.post("/fn/save_proposal", Some(&author)).header("accept", "text/html").header("referer", app.url("/proposals/new")).form(&fields(&[orgs[0], orgs[2]])).send().await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.trim_start_matches("/proposals/").parse().unwrap_or_else(|_| panic!("{location}"));
    let p: Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
    let names: Vec<&str> = p["organisations"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["한국지능정보사회진흥원", "행정안전부"]);
    assert!(app.get(&location).await.text().await.unwrap().contains("한국지능정보사회진흥원, 행정안전부"), "the page shows them");

    // The edit form has them ticked; editing changes them; none ticked clears them.
    let html = app.get_with(&format!("/proposals/{id}/edit"), &author).await.text().await.unwrap();
    let ticked = |html: &str, org: i64| {
        let at = html.find(&format!("id=\"proposal-org-{org}\"")).unwrap();
        let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
        tag.contains("checked")
    };
    assert!(ticked(&html, orgs[0]) && !ticked(&html, orgs[1]) && ticked(&html, orgs[2]), "{html}");
    let mut edit = fields(&[orgs[1]]);
    edit.push(("id".to_owned(), id.to_string()));
    let res = app.post("/fn/save_proposal", Some(&author)).header("accept", "text/html").header("referer", app.url(&format!("/proposals/{id}/edit"))).form(&edit).send().await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let p: Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
    assert_eq!(p["organisations"], json!([{ "id": orgs[1], "name": "서울특별시" }]));
    let mut none = fields(&[]);
    none.push(("id".to_owned(), id.to_string()));
    app.post("/fn/save_proposal", Some(&author)).header("accept", "text/html").header("referer", app.url(&format!("/proposals/{id}/edit"))).form(&none).send().await.unwrap();
    let p: Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
    assert_eq!(p["organisations"], json!([]));

    // An organisation that does not exist is a field error, not a 500.
    let res = app.post("/fn/save_proposal", Some(&author)).header("accept", "application/json").form(&fields(&[424_242])).send().await.unwrap();
    let (_, body) = crate::error_code(res, 422).await;
    assert_eq!(body["error"]["fields"][0]["field"], "organisation_ids");
    let mut garbage = fields(&[]);
    garbage.push(("organisation_ids[]".to_owned(), "행정안전부".to_owned()));
    let res = app.post("/fn/save_proposal", Some(&author)).header("accept", "application/json").form(&garbage).send().await.unwrap();
    crate::error_code(res, 400).await;
}

/// Counts per (process, area, region, status) as the proposals table has them.
async fn group_counts(app: &TestApp, table_sql: &str) -> std::collections::BTreeMap<(i64, String, String, String), i64> {
    use sea_orm::ConnectionTrait;
    let backend = app.db.get_database_backend();
    let rows = app.db.query_all_raw(sea_orm::Statement::from_string(backend, table_sql.to_owned())).await.unwrap();
    rows.into_iter()
        .map(|r| {
            let key = (
                r.try_get::<i64>("", "process_id").unwrap(),
                r.try_get::<String>("", "area_code").unwrap(),
                r.try_get::<String>("", "region_code").unwrap(),
                r.try_get::<String>("", "status").unwrap(),
            );
            (key, r.try_get::<i64>("", "n").unwrap())
        })
        .filter(|(_, n)| *n != 0)
        .collect()
}

/// The list totals come from tallies kept by triggers; after drafts,
/// publishing, an edit that moves a draft to another area, a withdrawal and
/// a moderator's hiding, the tallies still equal a real count, and the
/// list's totals match what it lists.
#[tokio::test]
async fn list_totals_stay_exact_through_every_status_change() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "tallies", "intake", json!({})).await;
    let text = "청년 지원 정보가 여러 기관에 흩어져 있어 찾기 어렵습니다.";
    let mut ids = Vec::new();
    for (i, area) in ["public_service", "public_service", "participation", "work_practice"].into_iter().enumerate() {
        let mut body = with_publish(proposal(pid, &format!("집계 확인용 제안 {i}"), text));
        body["area_code"] = json!(area);
        ids.push(create(&app, &admin, body).await["id"].as_i64().unwrap());
    }
    let draft = create(&app, &admin, proposal(pid, "아직 쓰는 중인 제안", text)).await["id"].as_i64().unwrap();
    let mut moved = proposal(pid, "아직 쓰는 중인 제안", text);
    moved["area_code"] = json!("participation");
    let res = app.client.put(app.url(&format!("/api/v1/proposals/{draft}"))).header("origin", app.base.as_str()).header("cookie", &admin).json(&moved).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let res = app.post(&format!("/api/v1/proposals/{}/withdraw", ids[0]), Some(&admin)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let res = app.post(&format!("/api/v1/moderation/proposals/{}/hide", ids[2]), Some(&admin)).json(&json!({ "reason": "시험" })).send().await.unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap_or_default());

    let real = group_counts(&app, "SELECT process_id, area_code, region_code, status, COUNT(*) AS n FROM proposals GROUP BY process_id, area_code, region_code, status").await;
    let kept = group_counts(&app, "SELECT process_id, area_code, region_code, status, n FROM proposal_tallies").await;
    assert_eq!(kept, real, "tallies equal the real counts");
    assert_eq!(real.values().sum::<i64>(), 5);

    // public_service: one withdrawn (still public) and one published; participation: hidden only.
    for (query, expected) in [("area=public_service", 2), ("area=participation", 0), ("area=work_practice", 1), ("status=withdrawn", 1), ("", 3)] {
        let page: Value = app.get(&format!("/api/v1/proposals?process={pid}&{query}")).await.json().await.unwrap();
        assert_eq!(page["total"], expected, "total for {query}");
        assert_eq!(page["items"].as_array().unwrap().len(), expected as usize, "items for {query}");
    }
}

/// The personal-data export holds what the person did here: proposals,
/// comments, supports and reports.
#[tokio::test]
async fn the_data_export_includes_participation() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "export", "intake", json!({})).await;
    let text = "청년 지원 정보가 여러 기관에 흩어져 있어 찾기 어렵습니다.";
    let theirs = create(&app, &admin, with_publish(proposal(pid, "관리자가 쓴 다른 제안", text))).await["id"].as_i64().unwrap();
    let me = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let mine = create(&app, &me, with_publish(proposal(pid, "내가 쓴 청년 제안", text))).await["id"].as_i64().unwrap();
    let put = |path: String| app.client.put(app.url(&path)).header("origin", app.base.as_str()).header("cookie", &me).send();
    assert_eq!(put(format!("/api/v1/proposals/{theirs}/support")).await.unwrap().status(), 201);
    let res = app.post(&format!("/api/v1/proposals/{theirs}/comments"), Some(&me)).json(&json!({ "body": "좋은 제안입니다. 찬성합니다.", "alignment": "for" })).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let res = app.post(&format!("/api/v1/proposals/{theirs}/reports"), Some(&me)).json(&json!({ "reason": "off_topic" })).send().await.unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap_or_default());

    let export: Value = app.client.get(app.url("/api/v1/me/export")).header("cookie", &me).send().await.unwrap().json().await.unwrap();
    assert_eq!(export["proposals"].as_array().unwrap().len(), 1);
    assert_eq!(export["proposals"][0]["id"], mine);
    assert_eq!(export["proposals"][0]["title"], "내가 쓴 청년 제안");
    assert_eq!(export["supports"][0]["proposal_id"], theirs);
    assert_eq!(export["comments"][0]["body"], "좋은 제안입니다. 찬성합니다.");
    assert_eq!(export["comments"][0]["alignment"], "for");
    assert_eq!(export["reports_filed"][0]["reason"], "off_topic");
}

/// Only findable proposals are in the search index: a draft is not found,
/// a hidden proposal leaves it, a restored one comes back, and the total
/// follows.
#[tokio::test]
async fn search_finds_only_what_the_public_may_see() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let pid = process(&app, &admin, "findable", "intake", json!({})).await;
    let text = "징검다리 정보가 여러 기관에 흩어져 있어 찾기 어렵습니다.";
    let shown = create(&app, &admin, with_publish(proposal(pid, "징검다리 안내를 한곳에서", text))).await["id"].as_i64().unwrap();
    create(&app, &admin, proposal(pid, "징검다리 초안은 아직 비공개", text)).await;
    let found = |q: &'static str| {
        let app = &app;
        async move {
            let v: Value = app.get(&format!("/api/v1/proposals?q={}", tests::oidc::encode(q))).await.json().await.unwrap();
            (v["total"].as_u64().unwrap(), v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>())
        }
    };
    assert_eq!(found("징검다리").await, (1, vec![shown]), "the draft is not found");
    let res = app.post(&format!("/api/v1/moderation/proposals/{shown}/hide"), Some(&admin)).json(&json!({ "reason": "시험" })).send().await.unwrap();
    assert!(res.status().is_success());
    assert_eq!(found("징검다리").await, (0, vec![]), "hidden: gone from search");
    let res = app.post(&format!("/api/v1/moderation/proposals/{shown}/restore"), Some(&admin)).json(&json!({ "reason": "복구" })).send().await.unwrap();
    assert!(res.status().is_success());
    assert_eq!(found("징검다리").await, (1, vec![shown]), "restored: found again");
    assert_eq!(found("다리 안내").await, (1, vec![shown]), "every word, each inside compounds");
}
