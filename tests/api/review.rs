//! Committee review (심사, issue 5) over HTTP, written against the contract
//! (`/api/v1/committees`, `/api/v1/rounds/…`) and the math documented in
//! `shared::review`: committees, rounds and their rubric, opening (eligible
//! proposals, even assignment, automatic conflicts of interest), declared
//! conflicts, score sheets and their history, peer sheets, blind rounds, the
//! ranking (mean, trimmed mean, z-score, public weight) checked against hand
//! computations, decisions, reminders, closing and the public report (JSON,
//! CSV, XLSX).
//!
//! Committee members are accounts made straight in the database with a
//! personal API token (`TestApp::users_with_tokens`): the sign-up throttle
//! allows ten sign-ups per address, and a committee test needs more people.

use serde_json::{Value, json};
use crate::json::{Who, act, arr, assert_close, body, get, items, num, post, put, send};
use tests::{TestApp, session_cookie};

const PASSWORD: &str = "a long enough password";

// ---------------------------------------------------------------------------
// Requests

fn field_names(error: &Value) -> Vec<String> {
    error["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}

// ---------------------------------------------------------------------------
// The world: an admin, a process taking proposals, a proposer

struct World {
    app: TestApp,
    admin: String,
    author: String,
    process: i64,
}

impl World {
    fn admin(&self) -> Who<'_> {
        Who::Cookie(&self.admin)
    }

    fn author(&self) -> Who<'_> {
        Who::Cookie(&self.author)
    }
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await.unwrap();
    let admin = session_cookie(&app.sign_in("admin@example.kr", PASSWORD, None).await).unwrap();
    let process = process(&app, &admin, "gov-2026").await;
    let author = app.sign_up("author@example.kr", PASSWORD, "제안자").await;
    World { app, admin, author, process }
}

/// A process taking proposals (and supports) now.
async fn process(app: &TestApp, admin: &str, slug: &str) -> i64 {
    let now = chrono::Utc::now();
    let phases = json!([{ "kind": "intake", "starts_at": (now - chrono::Duration::days(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::days(7)).to_rfc3339() }]);
    let res = post(app, "/api/v1/processes", Who::Cookie(admin), json!({ "slug": slug, "title": "2026 국민제안 공모", "phases": phases })).await;
    body(res, 201).await["id"].as_i64().unwrap()
}

/// A published proposal by `cookie`, naming `organisations` as collaborators.
async fn proposal(app: &TestApp, cookie: &str, process: i64, title: &str, organisations: &[i64]) -> i64 {
    let input = json!({
        "publish": true, "process_id": process, "title": title,
        "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.",
        "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.",
        "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
        "organisation_ids": organisations,
    });
    let res = post(app, "/api/v1/proposals", Who::Cookie(cookie), input).await;
    body(res, 201).await["id"].as_i64().unwrap()
}

async fn organisation(w: &World, name: &str) -> i64 {
    let res = post(&w.app, "/api/v1/organisations", w.admin(), json!({ "name": name, "kind": "central_agency", "region_code": "seoul" })).await;
    body(res, 201).await["id"].as_i64().unwrap()
}

/// Signs up `email`, makes it admin of process `scope_id` and signs it in
/// afresh (a role change gives the old session a new id).
async fn process_admin(app: &TestApp, admin: &str, email: &str, scope_id: i64) -> String {
    app.sign_up(email, PASSWORD, "과정 관리자").await;
    let grant = json!({ "email": email, "role": "admin", "scope_kind": "process", "scope_id": scope_id });
    body(post(app, "/api/v1/admin/role-grants", Who::Cookie(admin), grant).await, 201).await;
    session_cookie(&app.sign_in(email, PASSWORD, None).await).unwrap()
}

/// A person with an API token (made in the database: no sign-up throttle).
struct Member {
    id: i64,
    token: String,
}

impl Member {
    fn who(&self) -> Who<'_> {
        Who::Token(&self.token)
    }
}

/// `n` people `{prefix}{i}@example.kr`, named `{prefix} {i}`, in id order.
async fn people(app: &TestApp, prefix: &str, n: usize) -> Vec<Member> {
    let tokens = app.users_with_tokens(prefix, n).await;
    let mut out = Vec::with_capacity(n);
    for (i, token) in tokens.into_iter().enumerate() {
        let id = app.count(&format!("SELECT id AS n FROM users WHERE email = '{prefix}{i}@example.kr'")).await;
        out.push(Member { id, token });
    }
    out
}

/// A seat on a committee.
fn seat(m: &Member, chair: bool) -> Value {
    json!({ "user_id": m.id, "chair": chair })
}

/// A committee of the world's process, made by the global admin (each with a name of its own).
async fn committee(w: &World, seats: Vec<Value>) -> i64 {
    static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let input = json!({ "process_id": w.process, "name": format!("국민제안 심사위원회 {n}"), "description": "민간 전문가와 공무원이 함께 심사합니다.", "members": seats });
    body(post(&w.app, "/api/v1/committees", w.admin(), input).await, 201).await["id"].as_i64().unwrap()
}

/// A round input: two criteria on the default 1–5 scale, 실현 가능성 (weight
/// 60) and 파급 효과 (weight 40), public weight 30 %, mean; `extra` overrides.
fn round_input(committee: i64, extra: Value) -> Value {
    let mut input = json!({
        "committee_id": committee,
        "title": "2026 국민제안 1차 심사",
        "description": "공모에 들어온 제안을 심사합니다.",
        "criteria": [
            { "name": "실현 가능성", "description": "예산과 법령 안에서 할 수 있는가", "weight": 60 },
            { "name": "파급 효과", "weight": 40 },
        ],
        "deadline": (chrono::Utc::now() + chrono::Duration::days(14)).to_rfc3339(),
        "public_weight": 30,
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    input
}

/// Creates a round as the global admin (201, draft).
async fn round(w: &World, input: Value) -> Value {
    body(post(&w.app, "/api/v1/rounds", w.admin(), input).await, 201).await
}

/// Opens a round as the global admin.
async fn open(w: &World, round: i64) -> Value {
    body(act(&w.app, &format!("/api/v1/rounds/{round}/open"), w.admin()).await, 200).await
}

/// A created and opened round; returns (round id, criteria ids).
async fn open_round(w: &World, committee: i64, extra: Value) -> (i64, Vec<i64>) {
    let r = round(w, round_input(committee, extra)).await;
    let id = r["id"].as_i64().unwrap();
    let opened = open(w, id).await;
    assert_eq!(opened["state"], "open");
    (id, criteria(&opened))
}

fn criteria(round: &Value) -> Vec<i64> {
    arr(&round["criteria"]).iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

/// A sheet body.
fn sheet(criteria: &[i64], scores: &[Option<i32>], submit: bool, comment: &str) -> Value {
    let scores: Vec<Value> = criteria.iter().zip(scores).map(|(c, s)| json!({ "criterion_id": c, "score": s })).collect();
    json!({ "scores": scores, "comment": comment, "submit": submit })
}

async fn put_sheet(app: &TestApp, round: i64, proposal: i64, who: Who<'_>, input: Value) -> reqwest::Response {
    put(app, &format!("/api/v1/rounds/{round}/proposals/{proposal}/sheet"), who, input).await
}

/// Submits a complete sheet (200).
async fn submit(app: &TestApp, round: i64, proposal: i64, who: Who<'_>, criteria: &[i64], scores: &[i32]) -> Value {
    let scores: Vec<Option<i32>> = scores.iter().copied().map(Some).collect();
    body(put_sheet(app, round, proposal, who, sheet(criteria, &scores, true, "")).await, 200).await
}

async fn progress(app: &TestApp, round: i64, who: Who<'_>) -> Value {
    body(get(app, &format!("/api/v1/rounds/{round}/progress"), who).await, 200).await
}

/// The reviewers assigned to a proposal, by id.
fn reviewers_of(progress: &Value, proposal: i64) -> Vec<i64> {
    let mut ids: Vec<i64> =
        arr(&progress["assignments"]).iter().filter(|a| a["proposal_id"] == proposal).map(|a| a["reviewer_id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

/// The proposals of a round, by id.
fn proposals_in(progress: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = arr(&progress["proposals"]).iter().map(|p| p["proposal_id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

/// (proposal, reviewer, source) of every conflict, sorted.
fn conflicts_in(v: &Value) -> Vec<(i64, i64, String)> {
    let mut out: Vec<(i64, i64, String)> = arr(v)
        .iter()
        .map(|c| (c["proposal_id"].as_i64().unwrap(), c["reviewer_id"].as_i64().unwrap(), c["source"].as_str().unwrap().to_owned()))
        .collect();
    out.sort();
    out
}

async fn notifications(app: &TestApp, who: Who<'_>) -> Vec<Value> {
    let page = body(get(app, "/api/v1/me/notifications?limit=100", who).await, 200).await;
    arr(&page["items"]).clone()
}

fn count_kind(items: &[Value], kind: &str) -> usize {
    items.iter().filter(|n| n["kind"] == kind).count()
}

/// Supports `proposal` once with each token.
async fn support(app: &TestApp, proposal: i64, fans: &[String]) {
    for token in fans {
        let res = send(app, reqwest::Method::PUT, &format!("/api/v1/proposals/{proposal}/support"), Who::Token(token), None).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }
}

/// Waits until the proposals' `support_count` column (rolled up from the
/// counter rows a moment after each support) shows `expected`, so whichever
/// source the round reads is settled.
async fn supports_settled(app: &TestApp, expected: &[(i64, i64)]) {
    for _ in 0..100 {
        let mut all = true;
        for (id, n) in expected {
            all &= app.count(&format!("SELECT support_count AS n FROM proposals WHERE id = {id}")).await == *n;
        }
        if all {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("support counts did not settle at {expected:?}");
}

fn row_of(rows: &Value, proposal: i64) -> &Value {
    arr(rows).iter().find(|r| r["proposal_id"] == proposal).unwrap_or_else(|| panic!("no row for {proposal} in {rows}"))
}

// ---------------------------------------------------------------------------
// Committees

#[tokio::test]
async fn an_admin_creates_a_committee_with_members_and_a_chair_and_a_put_replaces_the_membership() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 4).await;
    let org = organisation(&w, "행정안전부").await;

    let input = json!({
        "process_id": w.process, "name": "2026 국민제안 심사위원회", "description": "민간 전문가와 공무원이 함께 심사합니다.",
        "members": [
            { "user_id": ms[0].id, "chair": true, "kind": "civilian", "organisation_id": org },
            { "user_id": ms[1].id },
            { "user_id": ms[2].id, "kind": "official" },
        ],
    });
    let c = body(post(app, "/api/v1/committees", w.admin(), input).await, 201).await;

    let id = c["id"].as_i64().unwrap();
    assert_eq!((c["name"].as_str(), c["process_id"].as_i64()), (Some("2026 국민제안 심사위원회"), Some(w.process)));
    assert_eq!(c["process_title"], "2026 국민제안 공모");
    let mut seats: Vec<(i64, String, bool, Option<i64>, String)> = arr(&c["members"])
        .iter()
        .map(|m| {
            (
                m["user_id"].as_i64().unwrap(),
                m["kind"].as_str().unwrap().to_owned(),
                m["chair"].as_bool().unwrap(),
                m["organisation"]["id"].as_i64(),
                m["display_name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    seats.sort();
    assert_eq!(
        seats,
        vec![
            (ms[0].id, "civilian".to_owned(), true, Some(org), "member 0".to_owned()),
            (ms[1].id, "expert".to_owned(), false, None, "member 1".to_owned()),
            (ms[2].id, "official".to_owned(), false, None, "member 2".to_owned()),
        ],
        "kind defaults to expert"
    );
    let chair = arr(&c["members"]).iter().find(|m| m["user_id"] == ms[0].id).unwrap();
    assert_eq!(chair["organisation"]["name"], "행정안전부");

    // Members read it and find it in their list; others do not.
    let seen = body(get(app, &format!("/api/v1/committees/{id}"), ms[1].who()).await, 200).await;
    assert_eq!(arr(&seen["members"]).len(), 3);
    let mine = body(get(app, "/api/v1/committees", ms[1].who()).await, 200).await;
    assert_eq!(items(&mine).iter().map(|c| c["id"].as_i64().unwrap()).collect::<Vec<_>>(), [id]);
    let theirs = body(get(app, "/api/v1/committees", ms[3].who()).await, 200).await;
    assert!(items(&theirs).is_empty(), "{theirs}");
    crate::error_code(get(app, &format!("/api/v1/committees/{id}"), ms[3].who()).await, 403).await;

    // A PUT replaces the whole membership.
    let input = json!({
        "process_id": w.process, "name": "2026 국민제안 심사위원회 2기",
        "members": [{ "user_id": ms[1].id, "chair": true }, { "user_id": ms[3].id, "kind": "civilian" }],
    });
    let c = body(put(app, &format!("/api/v1/committees/{id}"), w.admin(), input).await, 200).await;

    assert_eq!(c["name"], "2026 국민제안 심사위원회 2기");
    let mut seats: Vec<(i64, bool)> = arr(&c["members"]).iter().map(|m| (m["user_id"].as_i64().unwrap(), m["chair"].as_bool().unwrap())).collect();
    seats.sort();
    assert_eq!(seats, vec![(ms[1].id, true), (ms[3].id, false)]);
    crate::error_code(get(app, &format!("/api/v1/committees/{id}"), ms[0].who()).await, 403).await;
    let seen = body(get(app, &format!("/api/v1/committees/{id}"), ms[3].who()).await, 200).await;
    assert_eq!(arr(&seen["members"]).len(), 2);
}

#[tokio::test]
async fn committees_are_refused_to_anonymous_visitors_citizens_and_other_processes_and_bad_input_is_explained() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 2).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let other_process = process(app, &w.admin, "other-2026").await;
    let own_admin = process_admin(app, &w.admin, "own@example.kr", w.process).await;
    let other_admin = process_admin(app, &w.admin, "elsewhere@example.kr", other_process).await;
    let good = json!({ "process_id": w.process, "name": "국민제안 심사위원회", "members": [seat(&ms[0], true), seat(&ms[1], false)] });

    // 401 signed out; 403 for a citizen and for another process's admin.
    crate::error_code(post(app, "/api/v1/committees", Who::Nobody, good.clone()).await, 401).await;
    let (code, _) = crate::error_code(post(app, "/api/v1/committees", Who::Cookie(&citizen), good.clone()).await, 403).await;
    assert_eq!(code, "forbidden");
    crate::error_code(post(app, "/api/v1/committees", Who::Cookie(&other_admin), good.clone()).await, 403).await;

    // 422: no chair among the members; an empty name.
    let no_chair = json!({ "process_id": w.process, "name": "국민제안 심사위원회", "members": [seat(&ms[0], false), seat(&ms[1], false)] });
    let (_, b) = crate::error_code(post(app, "/api/v1/committees", w.admin(), no_chair).await, 422).await;
    assert_eq!(field_names(&b), ["members"]);
    let no_name = json!({ "process_id": w.process, "name": "   ", "members": [seat(&ms[0], true)] });
    let (_, b) = crate::error_code(post(app, "/api/v1/committees", w.admin(), no_name).await, 422).await;
    assert_eq!(field_names(&b), ["name"]);
    let none = body(get(app, "/api/v1/committees", w.admin()).await, 200).await;
    assert!(items(&none).is_empty(), "nothing was made: {none}");

    // The process's own admin may.
    let c = body(post(app, "/api/v1/committees", Who::Cookie(&own_admin), good.clone()).await, 201).await;
    let path = format!("/api/v1/committees/{}", c["id"]);

    crate::error_code(get(app, &path, Who::Nobody).await, 401).await;
    crate::error_code(get(app, &path, Who::Cookie(&citizen)).await, 403).await;
    crate::error_code(get(app, &path, Who::Cookie(&other_admin)).await, 403).await;
    crate::error_code(get(app, "/api/v1/committees/999999", w.admin()).await, 404).await;
    crate::error_code(put(app, &path, Who::Nobody, good.clone()).await, 401).await;
    crate::error_code(put(app, &path, Who::Cookie(&citizen), good.clone()).await, 403).await;
    crate::error_code(put(app, &path, Who::Cookie(&other_admin), good.clone()).await, 403).await;
    crate::error_code(put(app, &path, ms[0].who(), good.clone()).await, 403).await; // a chair does not manage the committee
    assert_eq!(get(app, &path, Who::Cookie(&own_admin)).await.status(), 200);
}

// ---------------------------------------------------------------------------
// Rounds

#[tokio::test]
async fn a_round_is_created_as_a_draft_checked_and_changeable_only_until_it_opens() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 2).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false)]).await;
    proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;

    // Only managers of the process create rounds.
    crate::error_code(post(app, "/api/v1/rounds", Who::Nobody, round_input(c, json!({}))).await, 401).await;
    crate::error_code(post(app, "/api/v1/rounds", Who::Cookie(&citizen), round_input(c, json!({}))).await, 403).await;
    crate::error_code(post(app, "/api/v1/rounds", ms[0].who(), round_input(c, json!({}))).await, 403).await;

    // 422, one problem at a time.
    for (extra, field) in [
        (json!({ "criteria": [] }), "criteria"),
        (json!({ "criteria": [{ "name": "실현 가능성", "weight": 0 }] }), "criteria[0]"),
        (json!({ "public_weight": 101 }), "public_weight"),
        (json!({ "aggregation": "median" }), "aggregation"),
    ] {
        let (_, b) = crate::error_code(post(app, "/api/v1/rounds", w.admin(), round_input(c, extra.clone())).await, 422).await;
        assert_eq!(field_names(&b), [field], "{extra}");
    }

    let r = round(&w, round_input(c, json!({}))).await;
    let id = r["id"].as_i64().unwrap();
    assert_eq!(r["state"], "draft");
    assert_eq!((r["committee_id"].as_i64(), r["process_id"].as_i64()), (Some(c), Some(w.process)));
    assert_eq!((r["aggregation"].as_str(), r["public_weight"].as_u64(), r["blind"].as_bool()), (Some("mean"), Some(30), Some(false)));
    assert_eq!(r["reviewers_per_proposal"], Value::Null);
    assert_eq!(r["opened_at"], Value::Null);
    let rubric: Vec<(String, u64, i64, i64)> = arr(&r["criteria"])
        .iter()
        .map(|k| (k["name"].as_str().unwrap().to_owned(), k["weight"].as_u64().unwrap(), k["scale_min"].as_i64().unwrap(), k["scale_max"].as_i64().unwrap()))
        .collect();
    assert_eq!(rubric, vec![("실현 가능성".to_owned(), 60, 1, 5), ("파급 효과".to_owned(), 40, 1, 5)], "the default scale is 1–5");
    assert_eq!(criteria(&r).len(), 2);

    // In preparation, the round is not public: the process's admins and the
    // committee see it; anonymous visitors and other citizens get 404 and an
    // empty list.
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}"), Who::Nobody).await, 404).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}"), Who::Cookie(&citizen)).await, 404).await;
    let seen = body(get(app, &format!("/api/v1/rounds/{id}"), ms[1].who()).await, 200).await;
    assert_eq!(seen["title"], "2026 국민제안 1차 심사");
    assert_eq!(seen["access"], json!({ "member": true, "chair": false, "manage": false, "ranking": false }));
    let list = body(get(app, &format!("/api/v1/rounds?process_id={}", w.process), Who::Nobody).await, 200).await;
    assert!(items(&list).is_empty(), "{list}");
    let list = body(get(app, &format!("/api/v1/rounds?process_id={}", w.process), w.admin()).await, 200).await;
    assert_eq!(items(&list).iter().map(|s| (s["id"].as_i64().unwrap(), s["state"].as_str().unwrap().to_owned())).collect::<Vec<_>>(), [(id, "draft".to_owned())]);
    crate::error_code(get(app, "/api/v1/rounds/999999", Who::Nobody).await, 404).await;

    // Changeable while in preparation, by managers only.
    let changed = round_input(c, json!({ "title": "2026 국민제안 본심사", "public_weight": 40, "blind": true, "reviewers_per_proposal": 2 }));
    crate::error_code(put(app, &format!("/api/v1/rounds/{id}"), Who::Cookie(&citizen), changed.clone()).await, 403).await;
    crate::error_code(put(app, &format!("/api/v1/rounds/{id}"), Who::Nobody, changed.clone()).await, 401).await;
    let r = body(put(app, &format!("/api/v1/rounds/{id}"), w.admin(), changed.clone()).await, 200).await;
    assert_eq!((r["title"].as_str(), r["public_weight"].as_u64(), r["blind"].as_bool()), (Some("2026 국민제안 본심사"), Some(40), Some(true)));
    assert_eq!(r["reviewers_per_proposal"], 2);
    let (_, b) = crate::error_code(put(app, &format!("/api/v1/rounds/{id}"), w.admin(), round_input(c, json!({ "public_weight": 101 }))).await, 422).await;
    assert_eq!(field_names(&b), ["public_weight"]);

    // Opening: managers only, once.
    crate::error_code(act(app, &format!("/api/v1/rounds/{id}/open"), ms[0].who()).await, 403).await;
    crate::error_code(act(app, &format!("/api/v1/rounds/{id}/open"), Who::Nobody).await, 401).await;
    let opened = open(&w, id).await;
    assert_eq!((opened["state"].as_str(), opened["proposal_count"].as_u64()), (Some("open"), Some(1)));
    assert!(opened["opened_at"].is_string(), "{opened}");
    let (code, _) = crate::error_code(act(app, &format!("/api/v1/rounds/{id}/open"), w.admin()).await, 409).await;
    assert_eq!(code, "conflict");
    // Open, it is public: anonymous visitors read it and may do nothing.
    let seen = body(get(app, &format!("/api/v1/rounds/{id}"), Who::Nobody).await, 200).await;
    assert_eq!(seen["access"], json!({ "member": false, "chair": false, "manage": false, "ranking": false }));
    let list = body(get(app, &format!("/api/v1/rounds?process_id={}", w.process), Who::Nobody).await, 200).await;
    assert_eq!(items(&list).iter().map(|s| s["id"].as_i64().unwrap()).collect::<Vec<_>>(), [id]);

    // Frozen once open.
    crate::error_code(put(app, &format!("/api/v1/rounds/{id}"), w.admin(), changed).await, 409).await;
    let kept = body(get(app, &format!("/api/v1/rounds/{id}"), Who::Nobody).await, 200).await;
    assert_eq!((kept["title"].as_str(), kept["state"].as_str()), (Some("2026 국민제안 본심사"), Some("open")));

    // `access` tells each person what they may do.
    let as_chair = body(get(app, &format!("/api/v1/rounds/{id}"), ms[0].who()).await, 200).await;
    assert_eq!(as_chair["access"], json!({ "member": true, "chair": true, "manage": false, "ranking": true }));
    let as_member = body(get(app, &format!("/api/v1/rounds/{id}"), ms[1].who()).await, 200).await;
    assert_eq!((as_member["access"]["member"].as_bool(), as_member["access"]["chair"].as_bool()), (Some(true), Some(false)));
    let as_admin = body(get(app, &format!("/api/v1/rounds/{id}"), w.admin()).await, 200).await;
    assert_eq!(as_admin["access"]["manage"], true);

    // A member finds it among their rounds; a citizen has none.
    let mine = body(get(app, "/api/v1/me/rounds", ms[1].who()).await, 200).await;
    assert_eq!(items(&mine).iter().map(|s| s["id"].as_i64().unwrap()).collect::<Vec<_>>(), [id]);
    let none = body(get(app, "/api/v1/me/rounds", Who::Cookie(&citizen)).await, 200).await;
    assert!(items(&none).is_empty(), "{none}");
    crate::error_code(get(app, "/api/v1/me/rounds", Who::Nobody).await, 401).await;
}

#[tokio::test]
async fn opening_gives_every_proposal_exactly_n_reviewers_and_balances_the_load() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 5).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let mut proposals = Vec::new();
    for i in 1..=8 {
        proposals.push(proposal(app, &w.author, w.process, &format!("국민제안 심사 대상 {i}번"), &[]).await);
    }
    let c = committee(&w, ms.iter().enumerate().map(|(i, m)| seat(m, i == 0)).collect()).await;
    let r = round(&w, round_input(c, json!({ "reviewers_per_proposal": 2 }))).await;
    let id = r["id"].as_i64().unwrap();

    let opened = open(&w, id).await;

    assert_eq!(opened["proposal_count"], 8);
    let chair = ms[0].who();
    let p = progress(app, id, chair).await;
    assert_eq!(proposals_in(&p), proposals);
    for pid in &proposals {
        let reviewers = reviewers_of(&p, *pid);
        assert_eq!(reviewers.len(), 2, "proposal {pid}: {reviewers:?}");
        assert_ne!(reviewers[0], reviewers[1]);
        let row = arr(&p["proposals"]).iter().find(|x| x["proposal_id"] == *pid).unwrap();
        assert_eq!(row["reviewers"], 2, "{row}");
    }
    // 8 × 2 = 16 assignments over 5 members: 3 or 4 each.
    let loads: Vec<usize> = ms.iter().map(|m| arr(&p["assignments"]).iter().filter(|a| a["reviewer_id"] == m.id).count()).collect();
    assert_eq!(loads.iter().sum::<usize>(), 16, "{loads:?}");
    assert!(loads.iter().all(|l| (3..=4).contains(l)), "{loads:?}");
    assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1, "{loads:?}");
    assert_eq!((p["total"].as_u64(), p["submitted"].as_u64()), (Some(16), Some(0)));
    for (m, load) in ms.iter().zip(&loads) {
        let row = arr(&p["reviewers"]).iter().find(|x| x["reviewer_id"] == m.id).unwrap_or_else(|| panic!("reviewer {} in {p}", m.id));
        assert_eq!(row["assigned"].as_u64(), Some(*load as u64));
        // Each member's queue has their assignments, and they were told.
        let q = body(get(app, &format!("/api/v1/rounds/{id}/queue"), m.who()).await, 200).await;
        assert_eq!((q["total"].as_u64(), arr(&q["items"]).len()), (Some(*load as u64), *load));
        assert!(arr(&q["items"]).iter().all(|i| i["state"] == "not_started"), "{q}");
        assert!(count_kind(&notifications(app, m.who()).await, "review_assigned") >= 1, "member {} was told", m.id);
    }

    // Progress is the chair's and the managers'.
    assert_eq!(get(app, &format!("/api/v1/rounds/{id}/progress"), w.admin()).await.status(), 200);
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/progress"), ms[1].who()).await, 403).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/progress"), Who::Cookie(&citizen)).await, 403).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/progress"), Who::Nobody).await, 401).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/queue"), Who::Cookie(&citizen)).await, 403).await;
}

#[tokio::test]
async fn eligibility_filters_decide_which_proposals_a_round_reviews() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 2).await;
    let fans = app.users_with_tokens("fan", 3).await;
    let p1 = proposal(app, &w.author, w.process, "지지 없는 제안입니다", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "지지 셋을 받은 제안", &[]).await;
    let p3 = proposal(app, &w.author, w.process, "검토 중인 제안입니다", &[]).await;
    let draft = {
        let input = json!({
            "publish": false, "process_id": w.process, "title": "아직 쓰는 중인 제안",
            "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.", "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.",
            "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
        });
        body(post(app, "/api/v1/proposals", w.author(), input).await, 201).await["id"].as_i64().unwrap()
    };
    support(app, p2, &fans).await;
    support(app, p3, &fans[..2]).await;
    supports_settled(app, &[(p1, 0), (p2, 3), (p3, 2)]).await;
    body(post(app, &format!("/api/v1/proposals/{p3}/status"), w.admin(), json!({ "status": "under_review", "answer": "검토합니다." })).await, 200).await;

    for (eligibility, expected) in [
        (json!({}), vec![p1, p2, p3]),
        (json!({ "min_supports": 2 }), vec![p2, p3]),
        (json!({ "statuses": ["under_review"] }), vec![p3]),
        (json!({ "statuses": ["published"], "min_supports": 1 }), vec![p2]),
        (json!({ "proposal_ids": [p1, p2] }), vec![p1, p2]),
    ] {
        let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false)]).await;
        let r = round(&w, round_input(c, json!({ "eligibility": eligibility }))).await;
        let id = r["id"].as_i64().unwrap();

        let opened = open(&w, id).await;

        assert_eq!(opened["proposal_count"].as_u64(), Some(expected.len() as u64), "{eligibility}");
        let p = progress(app, id, w.admin()).await;
        assert_eq!(proposals_in(&p), expected, "{eligibility}");
        assert!(!proposals_in(&p).contains(&draft), "drafts are never reviewed");
        // Every member reviews every proposal when no number is given.
        for pid in &expected {
            assert_eq!(reviewers_of(&p, *pid), vec![ms[0].id, ms[1].id], "{eligibility}");
        }
    }

    // Nothing eligible: 409, and the round stays in preparation.
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false)]).await;
    let r = round(&w, round_input(c, json!({ "eligibility": { "min_supports": 100 } }))).await;
    let id = r["id"].as_i64().unwrap();
    crate::error_code(act(app, &format!("/api/v1/rounds/{id}/open"), w.admin()).await, 409).await;
    assert_eq!(body(get(app, &format!("/api/v1/rounds/{id}"), w.admin()).await, 200).await["state"], "draft");
    // No members: 409 too.
    let empty = body(post(app, "/api/v1/committees", w.admin(), json!({ "process_id": w.process, "name": "빈 심사위원회", "members": [] })).await, 201).await;
    let r = round(&w, round_input(empty["id"].as_i64().unwrap(), json!({}))).await;
    crate::error_code(act(app, &format!("/api/v1/rounds/{}/open", r["id"]), w.admin()).await, 409).await;
}

#[tokio::test]
async fn members_are_not_assigned_to_proposals_of_their_own_organisation_and_the_conflict_is_recorded() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 4).await;
    let collaborator = organisation(&w, "행정안전부").await;
    let employer = organisation(&w, "한국지능정보사회진흥원").await;
    // The proposer works for `employer`.
    let res = post(app, &format!("/api/v1/organisations/{employer}/members"), w.admin(), json!({ "email": "author@example.kr" })).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let other_author = app.sign_up("author2@example.kr", PASSWORD, "다른 제안자").await;
    let with_collaborator = proposal(app, &other_author, w.process, "기관과 함께하는 청년 정책", &[collaborator]).await;
    let by_employee = proposal(app, &w.author, w.process, "진흥원 직원이 낸 제안", &[]).await;
    let unrelated = proposal(app, &other_author, w.process, "누구와도 관계없는 제안", &[]).await;
    let seats = vec![
        seat(&ms[0], true),
        json!({ "user_id": ms[1].id, "organisation_id": collaborator }),
        json!({ "user_id": ms[2].id, "organisation_id": employer }),
        seat(&ms[3], false),
    ];
    let c = committee(&w, seats).await;

    let (id, criteria) = open_round(&w, c, json!({ "reviewers_per_proposal": 2 })).await;

    let p = progress(app, id, ms[0].who()).await;
    let mut expected = vec![(with_collaborator, ms[1].id, "automatic".to_owned()), (by_employee, ms[2].id, "automatic".to_owned())];
    expected.sort();
    assert_eq!(conflicts_in(&p["conflicts"]), expected);
    assert!(!reviewers_of(&p, with_collaborator).contains(&ms[1].id));
    assert!(!reviewers_of(&p, by_employee).contains(&ms[2].id));
    for pid in [with_collaborator, by_employee, unrelated] {
        assert_eq!(reviewers_of(&p, pid).len(), 2, "still two reviewers for {pid}");
    }
    let row = |pid: i64| arr(&p["proposals"]).iter().find(|x| x["proposal_id"] == pid).unwrap().clone();
    assert_eq!((row(with_collaborator)["conflicts"].as_u64(), row(unrelated)["conflicts"].as_u64()), (Some(1), Some(0)));

    // The conflicted member sees the conflict and cannot score.
    let seen = body(get(app, &format!("/api/v1/rounds/{id}/proposals/{with_collaborator}"), ms[1].who()).await, 200).await;
    assert_eq!((seen["conflicted"].as_bool(), seen["assigned"].as_bool()), (Some(true), Some(false)));
    let res = put_sheet(app, id, with_collaborator, ms[1].who(), sheet(&criteria, &[Some(5), Some(5)], true, "")).await;
    crate::error_code(res, 403).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/proposals/{with_collaborator}/sheet"), ms[1].who()).await, 403).await;
}

#[tokio::test]
async fn a_declared_conflict_recuses_the_reviewer_and_another_member_takes_the_proposal() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 4).await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[]).await;
    let c = committee(&w, ms.iter().enumerate().map(|(i, m)| seat(m, i == 0)).collect()).await;
    let (id, criteria) = open_round(&w, c, json!({ "reviewers_per_proposal": 2 })).await;
    let before = progress(app, id, ms[0].who()).await;
    let assigned = reviewers_of(&before, p1);
    assert_eq!(assigned.len(), 2);
    // The declarer: a reviewer of p1 who is not the chair; the other reviewer is their peer.
    let declarer = ms.iter().find(|m| m.id != ms[0].id && assigned.contains(&m.id)).unwrap();
    let peer = ms.iter().find(|m| m.id != declarer.id && assigned.contains(&m.id)).unwrap();
    // Both score first, and the declarer has read the peer sheets and the discussion.
    submit(app, id, p1, declarer.who(), &criteria, &[4, 4]).await;
    submit(app, id, p1, peer.who(), &criteria, &[3, 3]).await;
    let discussion = format!("/api/v1/rounds/{id}/proposals/{p1}/discussion");
    body(post(app, &discussion, peer.who(), json!({ "body": "예산 추계가 더 필요해 보입니다." })).await, 201).await;
    assert_eq!(get(app, &format!("/api/v1/rounds/{id}/proposals/{p1}/sheets"), declarer.who()).await.status(), 200);
    assert_eq!(get(app, &discussion, declarer.who()).await.status(), 200);

    let res = post(app, &format!("/api/v1/rounds/{id}/conflicts"), declarer.who(), json!({ "proposal_id": p1, "reason": "제안자와 같은 연구 모임에 속해 있습니다." })).await;

    let conflict = body(res, 201).await;
    assert_eq!((conflict["proposal_id"].as_i64(), conflict["reviewer_id"].as_i64(), conflict["source"].as_str()), (Some(p1), Some(declarer.id), Some("declared")));
    assert_eq!(conflict["reason"], "제안자와 같은 연구 모임에 속해 있습니다.");
    let after = progress(app, id, ms[0].who()).await;
    let now = reviewers_of(&after, p1);
    assert_eq!(now.len(), 2, "rebalanced: {now:?}");
    assert!(!now.contains(&declarer.id) && now.contains(&peer.id), "{now:?}");
    assert!(conflicts_in(&after["conflicts"]).contains(&(p1, declarer.id, "declared".to_owned())));
    let replacement = now.iter().find(|r| **r != peer.id).unwrap();
    assert!(!assigned.contains(replacement), "a member not yet on it: {replacement}");
    let q = body(get(app, &format!("/api/v1/rounds/{id}/queue"), declarer.who()).await, 200).await;
    assert!(!arr(&q["items"]).iter().any(|i| i["proposal_id"] == p1), "{q}");

    // Recused: no sheet, no peers' sheets, no discussion.
    crate::error_code(put_sheet(app, id, p1, declarer.who(), sheet(&criteria, &[Some(5), Some(5)], true, "")).await, 403).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/proposals/{p1}/sheet"), declarer.who()).await, 403).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{id}/proposals/{p1}/sheets"), declarer.who()).await, 403).await;
    crate::error_code(get(app, &discussion, declarer.who()).await, 403).await;
    crate::error_code(post(app, &discussion, declarer.who(), json!({ "body": "한마디 하겠습니다." })).await, 403).await;
    // The others still talk.
    let messages = body(get(app, &discussion, peer.who()).await, 200).await;
    assert_eq!(items(&messages).iter().map(|m| m["body"].as_str().unwrap()).collect::<Vec<_>>(), ["예산 추계가 더 필요해 보입니다."]);

    // Twice is 409; a short reason 422; a non-member 403; signed out 401.
    let again = json!({ "proposal_id": p1, "reason": "다시 한 번 신고합니다." });
    crate::error_code(post(app, &format!("/api/v1/rounds/{id}/conflicts"), declarer.who(), again.clone()).await, 409).await;
    let (_, b) = crate::error_code(post(app, &format!("/api/v1/rounds/{id}/conflicts"), declarer.who(), json!({ "proposal_id": p2, "reason": "짧" })).await, 422).await;
    assert_eq!(field_names(&b), ["reason"]);
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    crate::error_code(post(app, &format!("/api/v1/rounds/{id}/conflicts"), Who::Cookie(&citizen), again.clone()).await, 403).await;
    crate::error_code(post(app, &format!("/api/v1/rounds/{id}/conflicts"), Who::Nobody, again).await, 401).await;
}

// ---------------------------------------------------------------------------
// Score sheets

#[tokio::test]
async fn reviewers_save_drafts_submit_complete_sheets_and_every_submission_is_kept() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 3).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let p = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let outside = proposal(app, &w.author, w.process, "심사에 들지 않은 제안", &[]).await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false), seat(&ms[2], false)]).await;
    // A second round of the same committee that is never opened.
    let waiting = round(&w, round_input(c, json!({ "title": "2026 국민제안 2차 심사", "eligibility": { "proposal_ids": [p] } }))).await;
    let (id, k) = open_round(&w, c, json!({ "eligibility": { "proposal_ids": [p] } })).await;
    let path = format!("/api/v1/rounds/{id}/proposals/{p}/sheet");
    let reviewer = ms[1].who();

    let fresh = body(get(app, &path, reviewer).await, 200).await;
    assert_eq!((fresh["state"].as_str(), fresh["reviewer_id"].as_i64()), (Some("not_started"), Some(ms[1].id)));

    // A draft may be partial.
    let draft = body(put_sheet(app, id, p, reviewer, sheet(&k, &[Some(4), None], false, "초안")).await, 200).await;
    assert_eq!(draft["state"], "draft");
    assert_eq!(draft["total"], Value::Null, "no total until every criterion is scored");
    let score_of = |s: &Value, c: i64| arr(&s["scores"]).iter().find(|x| x["criterion_id"] == c).map(|x| x["score"].clone()).unwrap_or(Value::Null);
    assert_eq!((score_of(&draft, k[0]), score_of(&draft, k[1])), (json!(4), Value::Null));
    assert!(arr(&draft["history"]).is_empty());

    // Submitting needs every criterion; scores stay within the scale.
    let (_, b) = crate::error_code(put_sheet(app, id, p, reviewer, sheet(&k, &[Some(4), None], true, "")).await, 422).await;
    assert_eq!(field_names(&b), [format!("score_{}", k[1])]);
    let (_, b) = crate::error_code(put_sheet(app, id, p, reviewer, sheet(&k, &[Some(6), Some(3)], true, "")).await, 422).await;
    assert_eq!(field_names(&b), [format!("score_{}", k[0])]);
    let (_, b) = crate::error_code(put_sheet(app, id, p, reviewer, sheet(&k, &[Some(3), Some(0)], false, "")).await, 422).await;
    assert_eq!(field_names(&b), [format!("score_{}", k[1])]);
    assert_eq!(body(get(app, &path, reviewer).await, 200).await["state"], "draft", "refused sheets change nothing");

    // Submitted: (5, 3) on 1–5 → 100 and 50 → (60·100 + 40·50) / 100 = 80.
    let first = body(put_sheet(app, id, p, reviewer, sheet(&k, &[Some(5), Some(3)], true, "실현 가능성이 높습니다.")).await, 200).await;
    assert_eq!(first["state"], "submitted");
    assert_close(&first["total"], 80.0, "total");
    assert!(first["submitted_at"].is_string());
    assert_eq!(arr(&first["history"]).len(), 1);
    assert_eq!(first["history"][0]["version"], 1);
    assert_close(&first["history"][0]["total"], 80.0, "history total");

    // Changed while open: (3, 3) → 50; the history grows, newest first.
    let second = body(put_sheet(app, id, p, reviewer, sheet(&k, &[Some(3), Some(3)], true, "다시 보니 보통입니다.")).await, 200).await;
    assert_close(&second["total"], 50.0, "total");
    let versions: Vec<(u64, f64)> = arr(&second["history"]).iter().map(|v| (v["version"].as_u64().unwrap(), num(&v["total"]))).collect();
    assert_eq!(versions, vec![(2, 50.0), (1, 80.0)]);
    let stored = body(get(app, &path, reviewer).await, 200).await;
    assert_eq!((stored["comment"].as_str(), arr(&stored["history"]).len()), (Some("다시 보니 보통입니다."), 2));
    let q = body(get(app, &format!("/api/v1/rounds/{id}/queue"), reviewer).await, 200).await;
    assert_eq!((q["submitted"].as_u64(), q["total"].as_u64()), (Some(1), Some(1)));
    assert_eq!(q["items"][0]["state"], "submitted");

    // Not a member: 403; signed out: 401; not in the round: 404.
    let good = sheet(&k, &[Some(5), Some(5)], true, "");
    crate::error_code(put_sheet(app, id, p, Who::Cookie(&citizen), good.clone()).await, 403).await;
    crate::error_code(get(app, &path, Who::Cookie(&citizen)).await, 403).await;
    crate::error_code(put_sheet(app, id, p, Who::Nobody, good.clone()).await, 401).await;
    crate::error_code(put_sheet(app, id, outside, reviewer, good.clone()).await, 404).await;

    // Closed: scores are frozen.
    body(act(app, &format!("/api/v1/rounds/{id}/close"), ms[0].who()).await, 200).await;
    crate::error_code(put_sheet(app, id, p, reviewer, good).await, 409).await;
    assert_close(&body(get(app, &path, reviewer).await, 200).await["total"], 50.0, "kept after closing");

    // A round not yet open: 409 (the contract: "409 round not open (draft or closed)").
    let wk = criteria(&waiting);
    crate::error_code(put_sheet(app, waiting["id"].as_i64().unwrap(), p, reviewer, sheet(&wk, &[Some(5), Some(5)], true, "")).await, 409).await;
}

#[tokio::test]
async fn a_reviewer_sees_the_other_reviewers_sheets_only_after_submitting_their_own() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 3).await;
    let p = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false), seat(&ms[2], false)]).await;
    let (id, k) = open_round(&w, c, json!({})).await;
    let peers = format!("/api/v1/rounds/{id}/proposals/{p}/sheets");
    let (a, b) = (&ms[1], &ms[2]);
    body(put_sheet(app, id, p, a.who(), sheet(&k, &[Some(5), Some(3)], true, "A의 의견")).await, 200).await;

    // B has not submitted: 403, even with a draft.
    crate::error_code(get(app, &peers, b.who()).await, 403).await;
    body(put_sheet(app, id, p, b.who(), sheet(&k, &[Some(4), None], false, "")).await, 200).await;
    crate::error_code(get(app, &peers, b.who()).await, 403).await;

    body(put_sheet(app, id, p, b.who(), sheet(&k, &[Some(4), Some(4)], true, "B의 의견")).await, 200).await;
    let seen = body(get(app, &peers, b.who()).await, 200).await;

    assert_eq!(items(&seen).len(), 1, "the other reviewer's sheet only: {seen}");
    let theirs = &items(&seen)[0];
    assert_eq!((theirs["reviewer_id"].as_i64(), theirs["comment"].as_str()), (Some(a.id), Some("A의 의견")));
    let scores: Vec<(i64, i64)> = arr(&theirs["scores"]).iter().map(|s| (s["criterion_id"].as_i64().unwrap(), s["score"].as_i64().unwrap())).collect();
    assert_eq!(scores, vec![(k[0], 5), (k[1], 3)]);
    assert_close(&theirs["total"], 80.0, "A's total");
    let seen = body(get(app, &peers, a.who()).await, 200).await;
    assert_eq!(items(&seen).iter().map(|s| s["reviewer_id"].as_i64().unwrap()).collect::<Vec<_>>(), [b.id]);
    assert_close(&items(&seen)[0]["total"], 75.0, "B's total"); // (4, 4) → 75 and 75
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    crate::error_code(get(app, &peers, Who::Cookie(&citizen)).await, 403).await;
    crate::error_code(get(app, &peers, Who::Nobody).await, 401).await;
}

#[tokio::test]
async fn a_blind_round_hides_the_proposer_and_the_organisations_from_reviewers() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 2).await;
    let org = organisation(&w, "행정안전부").await;
    let p = proposal(app, &w.author, w.process, "청년 교통비 지원", &[org]).await;
    let other = proposal(app, &w.author, w.process, "심사에 들지 않은 제안", &[]).await;
    let seats = || vec![seat(&ms[0], true), seat(&ms[1], false)];
    let (blind, _) = open_round(&w, committee(&w, seats()).await, json!({ "blind": true, "eligibility": { "proposal_ids": [p] } })).await;
    let (open_book, _) = open_round(&w, committee(&w, seats()).await, json!({ "blind": false, "eligibility": { "proposal_ids": [p] } })).await;

    let hidden = body(get(app, &format!("/api/v1/rounds/{blind}/proposals/{p}"), ms[1].who()).await, 200).await;
    let shown = body(get(app, &format!("/api/v1/rounds/{open_book}/proposals/{p}"), ms[1].who()).await, 200).await;

    assert_eq!((hidden["title"].as_str(), hidden["blind"].as_bool(), hidden["assigned"].as_bool()), (Some("청년 교통비 지원"), Some(true), Some(true)));
    assert_eq!(hidden["author"], Value::Null);
    assert_eq!(hidden["organisations"], json!([]));
    assert!(!hidden.to_string().contains("제안자"), "the proposer's name is nowhere: {hidden}");
    assert_eq!(shown["blind"], false);
    assert_eq!(shown["author"]["name"], "제안자");
    assert_eq!(shown["organisations"], json!([{ "id": org, "name": "행정안전부" }]));

    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{blind}/proposals/{p}"), Who::Cookie(&citizen)).await, 403).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{blind}/proposals/{p}"), Who::Nobody).await, 401).await;
    crate::error_code(get(app, &format!("/api/v1/rounds/{blind}/proposals/{other}"), ms[1].who()).await, 404).await;
}

// ---------------------------------------------------------------------------
// Ranking

/// Two reviewers (A, B), two criteria on 1–5 weighted 60 / 40, supports
/// 4 / 1 / 2, public weight 30 %, mean. Scores on 0–100: 1 → 0, 2 → 25,
/// 3 → 50, 4 → 75, 5 → 100; total = (60·c1 + 40·c2) / 100.
///
/// | proposal | A        | B         | committee (mean) | public      | combined 0.7·c + 0.3·p |
/// |----------|----------|-----------|------------------|-------------|------------------------|
/// | P1       | (5,3) 80 | (4,4) 75  | 77.5             | 4/4 → 100   | 54.25 + 30   = 84.25   |
/// | P2       | (4,5) 85 | (5,5) 100 | 92.5             | 1/4 → 25    | 64.75 + 7.5  = 72.25   |
/// | P3       | (2,1) 15 | (3,2) 40  | 27.5             | 2/4 → 50    | 19.25 + 15   = 34.25   |
///
/// The public weight puts P1 before P2 (on the committee alone P2 leads);
/// P3's totals differ by 25 points: disagreement.
#[tokio::test]
async fn the_ranking_combines_committee_scores_and_public_support_as_computed_by_hand() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 3).await;
    let fans = app.users_with_tokens("fan", 4).await;
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, "시민").await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[]).await;
    let p3 = proposal(app, &w.author, w.process, "민원 서류 간소화", &[]).await;
    support(app, p1, &fans).await;
    support(app, p2, &fans[..1]).await;
    support(app, p3, &fans[..2]).await;
    supports_settled(app, &[(p1, 4), (p2, 1), (p3, 2)]).await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false), seat(&ms[2], false)]).await;
    let (id, k) = open_round(&w, c, json!({ "public_weight": 30, "aggregation": "mean" })).await;
    let ranking = format!("/api/v1/rounds/{id}/ranking");
    let (chair, a, b) = (ms[0].who(), ms[1].who(), ms[2].who());

    // The chair sees it at any time; a member only once all their sheets are in.
    assert_eq!(get(app, &ranking, chair).await.status(), 200);
    submit(app, id, p1, a, &k, &[5, 3]).await;
    submit(app, id, p2, a, &k, &[4, 5]).await;
    crate::error_code(get(app, &ranking, a).await, 403).await;
    submit(app, id, p3, a, &k, &[2, 1]).await;
    assert_eq!(get(app, &ranking, a).await.status(), 200, "A has submitted all");
    crate::error_code(get(app, &ranking, b).await, 403).await;
    crate::error_code(get(app, &ranking, Who::Cookie(&citizen)).await, 403).await;
    crate::error_code(get(app, &ranking, Who::Nobody).await, 401).await;
    submit(app, id, p1, b, &k, &[4, 4]).await;
    submit(app, id, p2, b, &k, &[5, 5]).await;
    submit(app, id, p3, b, &k, &[3, 2]).await;

    // The chair, a reviewer of all three who has scored none, sees no
    // figures yet: no rank, no totals, no committee or combined score.
    let unscored = body(get(app, &ranking, chair).await, 200).await;
    for row in arr(&unscored["rows"]) {
        assert_eq!((row["rank"].clone(), row["committee"].clone(), row["combined"].clone()), (Value::Null, Value::Null, Value::Null), "{row}");
        assert!(arr(&row["totals"]).is_empty(), "{row}");
    }

    let r = body(get(app, &ranking, a).await, 200).await;

    assert_eq!((r["aggregation"].as_str(), r["public_weight"].as_u64()), (Some("mean"), Some(30)));
    let rows = &r["rows"];
    let order: Vec<(i64, Option<u64>)> = arr(rows).iter().map(|x| (x["proposal_id"].as_i64().unwrap(), x["rank"].as_u64())).collect();
    assert_eq!(order, vec![(p1, Some(1)), (p2, Some(2)), (p3, Some(3))]);
    for (pid, supports, totals, committee, public, combined, disagreement) in [
        (p1, 4, [75.0, 80.0], 77.5, 100.0, 84.25, false),
        (p2, 1, [85.0, 100.0], 92.5, 25.0, 72.25, false),
        (p3, 2, [15.0, 40.0], 27.5, 50.0, 34.25, true),
    ] {
        let row = row_of(rows, pid);
        assert_eq!(row["supports"], supports, "{row}");
        let got: Vec<f64> = arr(&row["totals"]).iter().map(num).collect();
        assert_eq!(got.len(), 2, "{row}");
        assert!((got[0] - totals[0]).abs() < 1e-6 && (got[1] - totals[1]).abs() < 1e-6, "totals, lowest first: {row}");
        assert_close(&row["committee"], committee, "committee");
        assert_close(&row["public"], public, "public");
        assert_close(&row["combined"], combined, "combined");
        assert_eq!(row["disagreement"], disagreement, "{row}");
        assert!(row["title"].as_str().is_some_and(|t| !t.is_empty()), "{row}");
    }
    // B, now done, sees the same order.
    let seen = body(get(app, &ranking, b).await, 200).await;
    assert_eq!(arr(&seen["rows"]).iter().map(|x| x["proposal_id"].as_i64().unwrap()).collect::<Vec<_>>(), [p1, p2, p3]);
    assert_eq!(body(get(app, &format!("/api/v1/rounds/{id}"), b).await, 200).await["access"]["ranking"], true);
}

/// z-scores, one criterion on 0–10 (score s → 10·s), public weight 0.
/// Reviewer A (generous): P1 9 → 90, P2 7 → 70; mean 80, deviation 10.
/// Reviewer B (harsh):    P1 3 → 30, P2 0 → 0;  mean 15, deviation 15.
/// z: P1 (+1, +1), P2 (−1, −1) → T = 50 + 10·z: P1 60, P2 40.
/// (The plain mean would give P1 60 and P2 35.)
#[tokio::test]
async fn a_z_score_round_cancels_a_harsh_and_a_generous_reviewer() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 3).await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[]).await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false), seat(&ms[2], false)]).await;
    let one_criterion = json!([{ "name": "종합 평가", "weight": 1, "scale_min": 0, "scale_max": 10 }]);
    let (id, k) = open_round(&w, c, json!({ "criteria": one_criterion, "aggregation": "z_score", "public_weight": 0 })).await;
    for (who, s1, s2) in [(ms[1].who(), 9, 7), (ms[2].who(), 3, 0)] {
        submit(app, id, p1, who, &k, &[s1]).await;
        submit(app, id, p2, who, &k, &[s2]).await;
    }

    let r = body(get(app, &format!("/api/v1/rounds/{id}/ranking"), ms[1].who()).await, 200).await;

    assert_eq!(r["aggregation"], "z_score");
    assert_eq!(arr(&r["rows"]).iter().map(|x| x["proposal_id"].as_i64().unwrap()).collect::<Vec<_>>(), [p1, p2]);
    assert_close(&row_of(&r["rows"], p1)["committee"], 60.0, "P1 committee");
    assert_close(&row_of(&r["rows"], p2)["committee"], 40.0, "P2 committee");
    assert_close(&row_of(&r["rows"], p1)["combined"], 60.0, "P1 combined (no public weight)");
    assert_close(&row_of(&r["rows"], p2)["combined"], 40.0, "P2 combined");
}

/// Trimmed mean, one criterion on 0–10, public weight 0, three reviewers.
/// P1: 90, 60, 10 → the highest and the lowest dropped → 60 (the mean would be 53.33…).
/// P2: only two totals, 40 and 50 → the plain mean, 45.
#[tokio::test]
async fn a_trimmed_mean_round_drops_the_highest_and_the_lowest_of_three_totals() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 4).await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[]).await;
    let c = committee(&w, ms.iter().enumerate().map(|(i, m)| seat(m, i == 0)).collect()).await;
    let one_criterion = json!([{ "name": "종합 평가", "weight": 1, "scale_min": 0, "scale_max": 10 }]);
    let (id, k) = open_round(&w, c, json!({ "criteria": one_criterion, "aggregation": "trimmed_mean", "public_weight": 0 })).await;
    for (who, s) in [(ms[1].who(), 9), (ms[2].who(), 6), (ms[3].who(), 1)] {
        submit(app, id, p1, who, &k, &[s]).await;
    }
    submit(app, id, p2, ms[1].who(), &k, &[4]).await;
    submit(app, id, p2, ms[2].who(), &k, &[5]).await;

    let r = body(get(app, &format!("/api/v1/rounds/{id}/ranking"), ms[1].who()).await, 200).await;

    assert_eq!(r["aggregation"], "trimmed_mean");
    assert_eq!(arr(&r["rows"]).iter().map(|x| x["proposal_id"].as_i64().unwrap()).collect::<Vec<_>>(), [p1, p2]);
    assert_close(&row_of(&r["rows"], p1)["committee"], 60.0, "P1 trimmed");
    assert_close(&row_of(&r["rows"], p2)["committee"], 45.0, "P2 plain mean of two");
    assert_eq!(arr(&row_of(&r["rows"], p1)["totals"]).len(), 3);
}

// ---------------------------------------------------------------------------
// Decisions, reminders

#[tokio::test]
async fn the_chair_shortlists_then_selects_with_a_public_rationale_and_the_author_is_told() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 2).await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[]).await;
    let outside = proposal(app, &w.author, w.process, "심사에 들지 않은 제안", &[]).await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false)]).await;
    let (id, _) = open_round(&w, c, json!({ "eligibility": { "proposal_ids": [p1, p2] } })).await;
    let decisions = format!("/api/v1/rounds/{id}/decisions");
    let (chair, member) = (ms[0].who(), ms[1].who());
    let shortlist = "예산 대비 효과가 커서 후보 과제로 올립니다.";
    let select = "관계 부처와 협의해 2027년 시행 과제로 선정합니다.";

    // Refusals first: a member is not the chair; selecting needs a shortlist; bad input.
    crate::error_code(post(app, &decisions, member, json!({ "proposal_id": p1, "decision": "shortlisted", "rationale": shortlist })).await, 403).await;
    crate::error_code(post(app, &decisions, Who::Nobody, json!({ "proposal_id": p1, "decision": "shortlisted", "rationale": shortlist })).await, 401).await;
    crate::error_code(post(app, &decisions, chair, json!({ "proposal_id": p1, "decision": "selected", "rationale": select })).await, 409).await;
    let (_, b) = crate::error_code(post(app, &decisions, chair, json!({ "proposal_id": p1, "decision": "promoted", "rationale": "짧" })).await, 422).await;
    assert_eq!(field_names(&b), ["decision", "rationale"]);
    crate::error_code(post(app, &decisions, chair, json!({ "proposal_id": outside, "decision": "shortlisted", "rationale": shortlist })).await, 404).await;
    assert_eq!(body(get(app, &format!("/api/v1/proposals/{p1}"), Who::Nobody).await, 200).await["status"], "published", "nothing changed");

    let first = body(post(app, &decisions, chair, json!({ "proposal_id": p1, "decision": "shortlisted", "rationale": shortlist })).await, 201).await;
    assert_eq!((first["decision"].as_str(), first["rationale"].as_str(), first["proposal_id"].as_i64()), (Some("shortlisted"), Some(shortlist), Some(p1)));
    assert_eq!(body(get(app, &format!("/api/v1/proposals/{p1}"), Who::Nobody).await, 200).await["status"], "shortlisted");
    let second = body(post(app, &decisions, chair, json!({ "proposal_id": p1, "decision": "selected", "rationale": select })).await, 201).await;
    assert_eq!(second["decision"], "selected");
    let no = "취지는 좋지만 이미 비슷한 사업이 있습니다.";
    body(post(app, &decisions, chair, json!({ "proposal_id": p2, "decision": "not_selected", "rationale": no })).await, 201).await;

    // The proposal's status and public timeline carry the decisions with their rationale.
    assert_eq!(body(get(app, &format!("/api/v1/proposals/{p1}"), Who::Nobody).await, 200).await["status"], "selected");
    assert_eq!(body(get(app, &format!("/api/v1/proposals/{p2}"), Who::Nobody).await, 200).await["status"], "not_selected");
    let timeline = body(get(app, &format!("/api/v1/proposals/{p1}/timeline"), Who::Nobody).await, 200).await;
    let changes: Vec<(String, String, Option<String>)> = arr(&timeline["items"])
        .iter()
        .filter(|e| e["kind"] == "status_changed")
        .map(|e| (e["from_status"].as_str().unwrap().to_owned(), e["to_status"].as_str().unwrap().to_owned(), e["answer"].as_str().map(str::to_owned)))
        .collect();
    assert_eq!(
        changes,
        vec![
            ("published".to_owned(), "shortlisted".to_owned(), Some(shortlist.to_owned())),
            ("shortlisted".to_owned(), "selected".to_owned(), Some(select.to_owned())),
        ]
    );
    // The author (who follows their proposal) is told of each decision.
    let told = notifications(app, w.author()).await;
    assert_eq!(told.iter().filter(|n| n["proposal_id"] == p1).count(), 2, "{told:?}");
    assert_eq!(told.iter().filter(|n| n["proposal_id"] == p2).count(), 1, "{told:?}");
    // The ranking shows the decisions.
    let r = body(get(app, &format!("/api/v1/rounds/{id}/ranking"), chair).await, 200).await;
    assert_eq!((row_of(&r["rows"], p1)["decision"].as_str(), row_of(&r["rows"], p1)["rationale"].as_str()), (Some("selected"), Some(select)));
    assert_eq!(row_of(&r["rows"], p2)["decision"], "not_selected");

    // The chair edits the rationale; the change is audited with before and after.
    let edited = "관계 부처 협의를 마쳐 2027년 시행 과제로 선정합니다.";
    crate::error_code(put(app, &format!("{decisions}/{p1}"), member, json!({ "rationale": edited })).await, 403).await;
    let (_, b) = crate::error_code(put(app, &format!("{decisions}/{p1}"), chair, json!({ "rationale": "" })).await, 422).await;
    assert_eq!(field_names(&b), ["rationale"]);
    let d = body(put(app, &format!("{decisions}/{p1}"), chair, json!({ "rationale": edited })).await, 200).await;
    assert_eq!((d["decision"].as_str(), d["rationale"].as_str()), (Some("selected"), Some(edited)));
    let r = body(get(app, &format!("/api/v1/rounds/{id}/ranking"), chair).await, 200).await;
    assert_eq!(row_of(&r["rows"], p1)["rationale"], edited);
    let log = body(get(app, "/api/v1/admin/audit-log?limit=500", w.admin()).await, 200).await;
    let audited = arr(&log["items"]).iter().any(|e| {
        let details = e["details"].to_string();
        details.contains(select) && details.contains(edited)
    });
    assert!(audited, "an audit entry holds the rationale before and after: {log}");
}

#[tokio::test]
async fn the_chair_reminds_exactly_the_reviewers_who_have_not_submitted() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 4).await;
    let p = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let c = committee(&w, ms.iter().enumerate().map(|(i, m)| seat(m, i == 0)).collect()).await;
    let (id, k) = open_round(&w, c, json!({})).await;
    // The chair and member 1 submit; member 2 keeps a draft; member 3 has not started.
    submit(app, id, p, ms[0].who(), &k, &[3, 3]).await;
    submit(app, id, p, ms[1].who(), &k, &[4, 4]).await;
    body(put_sheet(app, id, p, ms[2].who(), sheet(&k, &[Some(2), None], false, "")).await, 200).await;
    let path = format!("/api/v1/rounds/{id}/reminders");
    crate::error_code(act(app, &path, ms[1].who()).await, 403).await;
    crate::error_code(act(app, &path, Who::Nobody).await, 401).await;

    let receipt = body(act(app, &path, ms[0].who()).await, 200).await;

    assert_eq!(receipt, json!({ "reminded": 2 }));
    for (m, expected) in ms.iter().zip([0, 0, 1, 1]) {
        let items = notifications(app, m.who()).await;
        assert_eq!(count_kind(&items, "review_reminder"), expected, "member {}: {items:?}", m.id);
    }
}

// ---------------------------------------------------------------------------
// Closing and the public report

/// Scores as in the ranking test, without supports: P1 77.5 → combined
/// 0.7 · 77.5 = 54.25; P2 27.5 → 19.25 (public 0 for all when nobody supported).
#[tokio::test]
async fn closing_freezes_the_scores_and_publishes_a_report_without_individual_scores() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 4).await;
    let org = organisation(&w, "행정안전부").await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[org]).await;
    let seats = vec![seat(&ms[0], true), seat(&ms[1], false), seat(&ms[2], false), json!({ "user_id": ms[3].id, "organisation_id": org })];
    let c = committee(&w, seats).await;
    let (id, k) = open_round(&w, c, json!({ "public_weight": 30 })).await;
    let secret = ["심사위원 일의 비공개 메모", "심사위원 이의 비공개 메모"];
    for (m, s1, s2, note) in [(&ms[1], [5, 3], [2, 1], secret[0]), (&ms[2], [4, 4], [3, 2], secret[1])] {
        body(put_sheet(app, id, p1, m.who(), sheet(&k, &[Some(s1[0]), Some(s1[1])], true, note)).await, 200).await;
        body(put_sheet(app, id, p2, m.who(), sheet(&k, &[Some(s2[0]), Some(s2[1])], true, note)).await, 200).await;
    }
    let rationale = "예산 대비 효과가 커서 후보 과제로 올립니다.";
    body(post(app, &format!("/api/v1/rounds/{id}/decisions"), ms[0].who(), json!({ "proposal_id": p1, "decision": "shortlisted", "rationale": rationale })).await, 201).await;
    let report = format!("/api/v1/rounds/{id}/report");

    // Before closing there is no report.
    crate::error_code(get(app, &report, Who::Nobody).await, 409).await;
    assert_eq!(get(app, &format!("{report}.csv"), Who::Nobody).await.status(), 409);
    assert_eq!(get(app, &format!("{report}.xlsx"), Who::Nobody).await.status(), 409);
    // Only the chair or a manager closes.
    crate::error_code(act(app, &format!("/api/v1/rounds/{id}/close"), ms[1].who()).await, 403).await;
    crate::error_code(act(app, &format!("/api/v1/rounds/{id}/close"), Who::Nobody).await, 401).await;

    let closed = body(act(app, &format!("/api/v1/rounds/{id}/close"), ms[0].who()).await, 200).await;

    assert_eq!(closed["state"], "closed");
    assert!(closed["closed_at"].is_string(), "{closed}");
    crate::error_code(act(app, &format!("/api/v1/rounds/{id}/close"), w.admin()).await, 409).await;
    crate::error_code(put_sheet(app, id, p1, ms[1].who(), sheet(&k, &[Some(1), Some(1)], true, "")).await, 409).await;

    // The report is public, with combined scores, decisions and conflicts.
    let res = get(app, &report, Who::Nobody).await;
    let text = res.text().await.unwrap();
    let r: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(r["round"]["state"], "closed");
    let rows = &r["rows"];
    assert_eq!(arr(rows).iter().map(|x| (x["proposal_id"].as_i64().unwrap(), x["rank"].as_u64())).collect::<Vec<_>>(), [(p1, Some(1)), (p2, Some(2))]);
    assert_close(&row_of(rows, p1)["committee"], 77.5, "P1 committee");
    assert_close(&row_of(rows, p1)["combined"], 54.25, "P1 combined");
    assert_close(&row_of(rows, p2)["combined"], 19.25, "P2 combined");
    assert_close(&row_of(rows, p2)["public"], 0.0, "nobody supported");
    assert_eq!((row_of(rows, p1)["decision"].as_str(), row_of(rows, p1)["rationale"].as_str()), (Some("shortlisted"), Some(rationale)));
    assert_eq!(row_of(rows, p2)["decision"], Value::Null);
    assert_eq!(conflicts_in(&r["conflicts"]), vec![(p2, ms[3].id, "automatic".to_owned())]);
    assert_eq!(arr(&r["decisions"]).len(), 1);
    // No reviewer's own scores or notes.
    for hidden in [secret[0], secret[1], "\"totals\"", "\"scores\"", "\"history\""] {
        assert!(!text.contains(hidden), "{hidden} leaked into the report: {text}");
    }
    for row in arr(rows) {
        assert!(row.get("totals").is_none(), "{row}");
    }

    // CSV: UTF-8 with a BOM, a header and one row per proposal, Korean intact.
    let res = get(app, &format!("{report}.csv"), Who::Nobody).await;
    assert_eq!(res.status(), 200);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/csv"), "{ct}");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a UTF-8 BOM for spreadsheet programs");
    let csv = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let lines: Vec<&str> = csv.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "a header and two rows: {csv}");
    assert!(lines[1].contains("청년 교통비 지원") && lines[2].contains("어르신 디지털 교육"), "{csv}");
    assert!(!csv.contains(secret[0]) && !csv.contains(secret[1]), "{csv}");

    // XLSX: a ZIP container.
    let res = get(app, &format!("{report}.xlsx"), Who::Nobody).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "ZIP magic bytes");

    // The round is listed as closed; the ranking is now open to every member.
    let list = body(get(app, &format!("/api/v1/rounds?process_id={}", w.process), Who::Nobody).await, 200).await;
    assert_eq!(items(&list)[0]["state"], "closed");
    assert_eq!(get(app, &format!("/api/v1/rounds/{id}/ranking"), ms[3].who()).await.status(), 200);
}

// ---------------------------------------------------------------------------
// OpenAPI

#[tokio::test]
async fn the_openapi_document_lists_the_review_endpoints() {
    let app = TestApp::spawn().await;
    let doc = body(app.get("/api/v1/openapi.json").await, 200).await;
    let paths = doc["paths"].as_object().unwrap();
    for p in ["/api/v1/committees", "/api/v1/rounds/{id}/ranking"] {
        assert!(paths.contains_key(p), "{p} missing");
    }
}

/// An admin of one process (not a global admin, who alone may list
/// accounts) adds members by their e-mail address; an unknown address is a
/// field error, and the admin of another process is refused.
#[tokio::test]
async fn a_process_admin_names_members_by_e_mail_address() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 2).await;
    let scoped = process_admin(app, &w.admin, "process-admin@example.kr", w.process).await;

    let input = json!({ "process_id": w.process, "name": "협업과제 심사위원회", "members": [
        { "email": "MEMBER0@example.kr", "chair": true },
        { "email": " member1@example.kr " },
    ] });
    let c = body(post(app, "/api/v1/committees", Who::Cookie(&scoped), input).await, 201).await;
    let mut ids: Vec<i64> = arr(&c["members"]).iter().map(|m| m["user_id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![ms[0].id, ms[1].id]);

    let unknown = json!({ "process_id": w.process, "name": "협업과제 심사위원회 2", "members": [{ "email": "nobody@example.kr", "chair": true }] });
    let (_, b) = crate::error_code(post(app, "/api/v1/committees", Who::Cookie(&scoped), unknown).await, 422).await;
    assert_eq!(field_names(&b), ["user"]);
    let other = process(app, &w.admin, "gov-2026-other").await;
    let elsewhere = json!({ "process_id": other, "name": "다른 과정 심사위원회", "members": [] });
    crate::error_code(post(app, "/api/v1/committees", Who::Cookie(&scoped), elsewhere).await, 403).await;
}

/// While a round runs, its committee's membership is fixed (assignments and
/// conflicts were settled when it opened); a draft saved over a submitted
/// sheet shows as a draft again while the submitted version still counts;
/// a conflicted member's ranking shows that proposal last, without a rank.
#[tokio::test]
async fn a_running_round_keeps_its_committee_and_drafts_over_submissions_do_not_count() {
    let w = world().await;
    let app = &w.app;
    let ms = people(app, "member", 3).await;
    let p1 = proposal(app, &w.author, w.process, "청년 교통비 지원", &[]).await;
    let p2 = proposal(app, &w.author, w.process, "어르신 디지털 교육", &[]).await;
    let c = committee(&w, vec![seat(&ms[0], true), seat(&ms[1], false), seat(&ms[2], false)]).await;
    let (id, k) = open_round(&w, c, json!({ "public_weight": 0 })).await;

    let changed = json!({ "process_id": w.process, "name": "바뀐 심사위원회", "members": [seat(&ms[0], true)] });
    let (code, _) = crate::error_code(put(app, &format!("/api/v1/committees/{c}"), w.admin(), changed).await, 409).await;
    assert_eq!(code, "conflict");
    let seen = body(get(app, &format!("/api/v1/committees/{c}"), w.admin()).await, 200).await;
    assert_eq!(arr(&seen["members"]).len(), 3, "nothing changed");

    // Member 1 submits 5/5 on P1 (100), then saves a 1/1 draft over it.
    submit(app, id, p1, ms[1].who(), &k, &[5, 5]).await;
    let draft = body(put_sheet(app, id, p1, ms[1].who(), sheet(&k, &[Some(1), Some(1)], false, "고민 중")).await, 200).await;
    assert_eq!(draft["state"], "draft");
    let q = body(get(app, &format!("/api/v1/rounds/{id}/queue"), ms[1].who()).await, 200).await;
    assert_eq!(q["submitted"], 0, "{q}");
    // Member 2 submits both and declares a conflict on P2 afterwards.
    submit(app, id, p1, ms[2].who(), &k, &[3, 3]).await;
    submit(app, id, p2, ms[2].who(), &k, &[4, 4]).await;
    body(post(app, &format!("/api/v1/rounds/{id}/conflicts"), ms[2].who(), json!({ "proposal_id": p2, "reason": "가족이 제안 기관에 근무합니다." })).await, 201).await;
    submit(app, id, p2, ms[1].who(), &k, &[2, 2]).await;
    submit(app, id, p1, ms[0].who(), &k, &[3, 3]).await;
    submit(app, id, p2, ms[0].who(), &k, &[3, 3]).await;

    // The chair's ranking: P1 from the submitted 100 (not the draft's 0) and 50, 50.
    let r = body(get(app, &format!("/api/v1/rounds/{id}/ranking"), ms[0].who()).await, 200).await;
    let p1_row = row_of(&r["rows"], p1);
    assert_close(&p1_row["committee"], (100.0 + 50.0 + 50.0) / 3.0, "the draft does not count");
    // P2 leaves out member 2's sheet (conflicted): (25 + 50) / 2.
    assert_close(&row_of(&r["rows"], p2)["committee"], 37.5, "a conflicted sheet does not count");
    // Member 2 sees P2 last, without rank or figures.
    let theirs = body(get(app, &format!("/api/v1/rounds/{id}/ranking"), ms[2].who()).await, 200).await;
    let rows = arr(&theirs["rows"]);
    assert_eq!(rows.last().unwrap()["proposal_id"], p2);
    assert_eq!((rows.last().unwrap()["rank"].clone(), rows.last().unwrap()["conflicted"].clone()), (Value::Null, json!(true)));
    assert_eq!(rows[0]["rank"], 1);
}
