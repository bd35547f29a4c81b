//! The personal-data download (`GET /api/v1/me/export`) over HTTP, for the
//! parts of the platform beyond proposals and meetings: committee review
//! (seats, assignments, conflicts of interest, score sheets, discussion),
//! task forces, the collaboration SOS desk and the notification centre. The
//! person finds what they did there, and nothing private to the people they
//! worked with (a fellow reviewer's scores, notes and reasons, a desk
//! responder's identity, another member's request).
//!
//! Set-up reuses the execution tests' world (an admin, a process, two
//! organisations) and people with API tokens; the person downloading has a
//! session, as the download needs one.

use crate::execution::{PASSWORD, World, direct_task, id, people, set_members, world};
use crate::json::{Who, act, arr, assert_close, body, get, post, put, send};
use serde_json::{Value, json};

/// A published proposal by the world's author, naming `organisations` as collaborators.
async fn proposal(w: &World, title: &str, organisations: &[i64]) -> i64 {
    let input = json!({
        "publish": true, "process_id": w.process, "title": title,
        "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.",
        "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.",
        "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
        "organisation_ids": organisations,
    });
    id(&body(post(&w.app, "/api/v1/proposals", Who::Cookie(&w.author), input).await, 201).await)
}

/// Grants `role` globally to `email` (as the world's admin).
async fn grant(w: &World, email: &str, role: &str) {
    let input = json!({ "email": email, "role": role, "scope_kind": "global", "scope_id": 0 });
    body(post(&w.app, "/api/v1/admin/role-grants", w.admin(), input).await, 201).await;
}

/// (what, title, flag) of each item of a list in the download.
fn rows(list: &Value, what: &str, title: &str, flag: &str) -> Vec<(i64, String, Value)> {
    arr(list)
        .iter()
        .map(|x| (x[what].as_i64().unwrap_or(-1), x[title].as_str().unwrap_or_default().to_owned(), x[flag].clone()))
        .collect()
}

#[tokio::test]
async fn a_persons_download_has_their_review_work_task_forces_sos_requests_and_notifications_but_not_other_peoples() {
    // Arrange: the person (with a session), a fellow reviewer who chairs
    // the committee and sits in the person's task force, and a desk responder.
    let w = world().await;
    let app = &w.app;
    let cookie = app.sign_up("reviewer@example.kr", PASSWORD, "내보내는 위원").await;
    let me = app.count("SELECT id AS n FROM users WHERE email = 'reviewer@example.kr'").await;
    let who = Who::Cookie(&cookie);
    let ps = people(app, "pe", 2).await;
    let (peer, desk) = (&ps[0], &ps[1]);
    grant(&w, "pe1@example.kr", "sos_responder").await;

    // Review: the person sits for 국토교통부, so the proposal naming it is an
    // automatic conflict; they declare another, score one (submitted, then
    // changed as a draft) and write in its discussion. The peer does the same
    // with words of their own.
    let p1 = proposal(&w, "청년 교통비 지원", &[]).await;
    let p2 = proposal(&w, "어르신 디지털 교육", &[w.partner]).await;
    let p3 = proposal(&w, "주민 참여 예산 확대", &[]).await;
    let members = json!([
        { "user_id": me, "kind": "civilian", "organisation_id": w.partner },
        { "user_id": peer.id, "chair": true },
    ]);
    let committee = json!({ "process_id": w.process, "name": "국민제안 심사위원회", "description": "민간 전문가와 공무원이 함께 심사합니다.", "members": members });
    let c = id(&body(post(app, "/api/v1/committees", w.admin(), committee).await, 201).await);
    let round = json!({
        "committee_id": c, "title": "2026 국민제안 1차 심사", "description": "공모에 들어온 제안을 심사합니다.",
        "criteria": [{ "name": "실현 가능성", "weight": 60 }, { "name": "파급 효과", "weight": 40 }],
        "deadline": (chrono::Utc::now() + chrono::Duration::days(14)).to_rfc3339(),
        "blind": true, "eligibility": { "proposal_ids": [p1, p2, p3] },
    });
    let r = id(&body(post(app, "/api/v1/rounds", w.admin(), round).await, 201).await);
    let opened = body(act(app, &format!("/api/v1/rounds/{r}/open"), w.admin()).await, 200).await;
    let k: Vec<i64> = arr(&opened["criteria"]).iter().map(id).collect();
    let sheet = |p: i64| format!("/api/v1/rounds/{r}/proposals/{p}/sheet");
    let first = json!({
        "scores": [{ "criterion_id": k[0], "score": 4, "comment": "예산 근거가 충분함" }, { "criterion_id": k[1], "score": 3 }],
        "comment": "재원 계획이 현실적입니다", "submit": true,
    });
    body(put(app, &sheet(p1), who, first).await, 200).await;
    let draft = json!({ "scores": [{ "criterion_id": k[0], "score": 5 }, { "criterion_id": k[1], "score": 3 }], "comment": "다시 보니 더 좋습니다", "submit": false });
    body(put(app, &sheet(p1), who, draft).await, 200).await;
    let conflicts = format!("/api/v1/rounds/{r}/conflicts");
    body(post(app, &conflicts, who, json!({ "proposal_id": p3, "reason": "제 배우자가 이 제안을 함께 준비했습니다" })).await, 201).await;
    let discussion = format!("/api/v1/rounds/{r}/proposals/{p1}/discussion");
    body(post(app, &discussion, who, json!({ "body": "재원 계획을 더 확인해 봅시다" })).await, 201).await;
    let peer_sheet = json!({ "scores": [{ "criterion_id": k[0], "score": 2 }, { "criterion_id": k[1], "score": 2 }], "comment": "동료 위원의 비공개 의견", "submit": true });
    body(put(app, &sheet(p1), peer.who(), peer_sheet).await, 200).await;
    body(post(app, &discussion, peer.who(), json!({ "body": "동료의 토론 글입니다" })).await, 201).await;
    body(post(app, &conflicts, peer.who(), json!({ "proposal_id": p2, "reason": "동료의 사적인 사유입니다" })).await, 201).await;
    // What came so far is read.
    body(post(app, "/api/v1/me/notifications/read", who, json!({})).await, 200).await;

    // Task forces: the person leads one (where the peer writes too) and follows another.
    let t1 = id(&direct_task(&w, "청년 주거 지원 확대", json!({})).await);
    set_members(&w, t1, json!([{ "user_id": me, "role": "lead" }, { "user_id": peer.id }])).await;
    let t2 = id(&direct_task(&w, "민원 서류 간소화", json!({})).await);
    set_members(&w, t2, json!([{ "user_id": peer.id }])).await;
    assert_eq!(send(app, reqwest::Method::PUT, &format!("/api/v1/tasks/{t2}/follow"), who, None).await.status(), 204);
    let update = json!({ "body": "관계 부처 협의를 시작했습니다.", "links": ["https://example.kr/report"] });
    body(post(app, &format!("/api/v1/tasks/{t1}/updates"), who, update).await, 201).await;
    body(post(app, &format!("/api/v1/tasks/{t1}/updates"), peer.who(), json!({ "body": "동료가 쓴 진행 소식입니다." })).await, 201).await;
    body(post(app, &format!("/api/v1/tasks/{t2}/updates"), peer.who(), json!({ "body": "민원 서식을 절반으로 줄였습니다." })).await, 201).await;

    // SOS: the person raises a request, the desk asks for more and takes it,
    // the person answers; the peer raises one of their own on the same task.
    let sos = json!({
        "title": "협업정원 2명 배정 요청", "category": "staffing", "urgency": "high",
        "description": "관계 부처와 협의가 3주째 진행되지 않고 있습니다. 조정이 필요합니다.", "organisation_ids": [w.partner],
    });
    let s = id(&body(post(app, &format!("/api/v1/tasks/{t1}/sos"), who, sos).await, 201).await);
    let peer_sos = json!({ "title": "동료의 예산 요청", "category": "budget", "description": "동료만 아는 예산 사정이 있습니다. 도와주세요." });
    body(post(app, &format!("/api/v1/tasks/{t1}/sos"), peer.who(), peer_sos).await, 201).await;
    let messages = format!("/api/v1/sos/{s}/messages");
    body(post(app, &messages, desk.who(), json!({ "kind": "request_info", "body": "필요한 인원의 직무를 알려 주세요." })).await, 201).await;
    let answered = body(post(app, &messages, who, json!({ "body": "행정 2명, 전산 1명이 필요합니다." })).await, 201).await;
    assert_eq!((answered["state"].as_str(), answered["assignee_id"].as_i64()), (Some("assigned"), Some(desk.id)), "the desk took it");

    // Act
    let data = body(get(app, "/api/v1/me/export", who).await, 200).await;

    // Assert: review.
    let seats = arr(&data["review_committees"]);
    assert_eq!(seats.len(), 1, "{seats:?}");
    assert_eq!(
        (seats[0]["committee"].as_str(), seats[0]["kind"].as_str(), seats[0]["chair"].as_bool(), seats[0]["organisation"].as_str()),
        (Some("국민제안 심사위원회"), Some("civilian"), Some(false), Some("국토교통부"))
    );
    assert_eq!(
        rows(&data["review_assignments"], "proposal_id", "proposal", "active"),
        [(p1, "청년 교통비 지원".to_owned(), json!(true)), (p3, "주민 참여 예산 확대".to_owned(), json!(false))],
        "the proposal they were recused from is kept, withdrawn; the conflicted one was never assigned"
    );
    assert!(arr(&data["review_assignments"]).iter().all(|a| a["round"] == "2026 국민제안 1차 심사"));
    // The automatic conflict's reason would say who is behind the proposal
    // while the blind round runs: only "automatic" is given.
    assert_eq!(
        rows(&data["review_conflicts"], "proposal_id", "source", "reason"),
        [(p2, "automatic".to_owned(), json!("automatic")), (p3, "declared".to_owned(), json!("제 배우자가 이 제안을 함께 준비했습니다"))]
    );
    assert_eq!(data["review_conflicts"][1]["proposal"], "주민 참여 예산 확대");
    let sheets = arr(&data["review_sheets"]);
    assert_eq!(sheets.len(), 1, "only their own sheet: {sheets:?}");
    let mine = &sheets[0];
    assert_eq!((mine["proposal"].as_str(), mine["round"].as_str()), (Some("청년 교통비 지원"), Some("2026 국민제안 1차 심사")));
    assert_eq!((mine["state"].as_str(), mine["comment"].as_str()), (Some("draft"), Some("다시 보니 더 좋습니다")));
    assert_eq!(
        mine["scores"],
        json!([{ "criterion": "실현 가능성", "score": 5, "comment": "" }, { "criterion": "파급 효과", "score": 3, "comment": "" }])
    );
    let versions = arr(&mine["submitted_versions"]);
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert_eq!(versions[0]["version"], 1);
    assert_eq!(versions[0]["comment"], "재원 계획이 현실적입니다");
    assert_eq!(
        versions[0]["scores"],
        json!([{ "criterion": "실현 가능성", "score": 4, "comment": "예산 근거가 충분함" }, { "criterion": "파급 효과", "score": 3, "comment": "" }])
    );
    // 0.6 · (4−1)/4 · 100 + 0.4 · (3−1)/4 · 100 = 45 + 20.
    assert_close(&versions[0]["total"], 65.0, "the submitted total");
    assert!(mine["submitted_at"].is_string(), "{mine}");
    let said = arr(&data["review_messages"]);
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!((said[0]["body"].as_str(), said[0]["proposal"].as_str()), (Some("재원 계획을 더 확인해 봅시다"), Some("청년 교통비 지원")));

    // Task forces.
    assert_eq!(rows(&data["task_memberships"], "task_id", "task", "role"), [(t1, "청년 주거 지원 확대".to_owned(), json!("lead"))]);
    let followed = arr(&data["tasks_followed"]);
    assert_eq!((followed.len(), followed[0]["task_id"].as_i64(), followed[0]["task"].as_str()), (1, Some(t2), Some("민원 서류 간소화")));
    assert!(followed[0]["since"].is_string());
    let updates = arr(&data["task_updates"]);
    assert_eq!(updates.len(), 1, "only their own update: {updates:?}");
    assert_eq!((updates[0]["task"].as_str(), updates[0]["body"].as_str()), (Some("청년 주거 지원 확대"), Some("관계 부처 협의를 시작했습니다.")));
    assert_eq!(updates[0]["links"], json!(["https://example.kr/report"]));

    // SOS: their request, without who on the desk took it; only the message they wrote.
    let requests = arr(&data["sos_requests"]);
    assert_eq!(requests.len(), 1, "not the peer's request: {requests:?}");
    let req = &requests[0];
    assert_eq!((req["id"].as_i64(), req["title"].as_str(), req["task"].as_str()), (Some(s), Some("협업정원 2명 배정 요청"), Some("청년 주거 지원 확대")));
    assert_eq!((req["category"].as_str(), req["urgency"].as_str(), req["state"].as_str()), (Some("staffing"), Some("high"), Some("assigned")));
    assert_eq!(req["description"], "관계 부처와 협의가 3주째 진행되지 않고 있습니다. 조정이 필요합니다.");
    assert_eq!(req["organisations"], json!(["국토교통부"]));
    assert!(req["first_response_at"].is_string() && req["resolved_at"].is_null(), "{req}");
    assert!(req.get("assignee_id").is_none() && req.get("assignee").is_none(), "{req}");
    let written = arr(&data["sos_messages"]);
    assert_eq!(written.len(), 1, "{written:?}");
    assert_eq!(
        (written[0]["request_id"].as_i64(), written[0]["request"].as_str(), written[0]["kind"].as_str(), written[0]["from_desk"].as_bool()),
        (Some(s), Some("협업정원 2명 배정 요청"), Some("reply"), Some(false))
    );
    assert_eq!(written[0]["body"], "행정 2명, 전산 1명이 필요합니다.");

    // Notifications, newest first, with what was read; not who set them off.
    let told = arr(&data["notifications"]);
    let kinds: Vec<&str> = told.iter().map(|n| n["kind"].as_str().unwrap_or_default()).collect();
    assert_eq!(kinds, ["sos_answered", "task_update", "review_assigned"]);
    assert_eq!((told[0]["payload"]["title"].as_str(), told[0]["payload"]["kind"].as_str()), (Some("협업정원 2명 배정 요청"), Some("request_info")));
    assert_eq!(told[1]["payload"]["task_title"], "민원 서류 간소화");
    assert_eq!(told[2]["payload"]["round_title"], "2026 국민제안 1차 심사");
    assert_eq!(told.iter().map(|n| n["read_at"].is_string()).collect::<Vec<_>>(), [false, false, true]);
    assert!(told.iter().all(|n| n.get("actor_id").is_none() && n["created_at"].is_string()), "{told:?}");

    // Nothing private to anyone else: the peer's scores, notes, reasons,
    // request and update, or the names of the peer and the desk responder.
    let text = data.to_string();
    for private in [
        "동료 위원의 비공개 의견", "동료의 토론 글입니다", "동료의 사적인 사유입니다", "동료의 예산 요청", "동료만 아는 예산 사정",
        "동료가 쓴 진행 소식", "same_organisation", "pe 0", "pe 1",
    ] {
        assert!(!text.contains(private), "the download has {private}: {text}");
    }

    // Once the round is closed the public report gives conflicts with their
    // reasons, and so does the download.
    body(act(app, &format!("/api/v1/rounds/{r}/close"), peer.who()).await, 200).await;
    let after = body(get(app, "/api/v1/me/export", who).await, 200).await;
    assert_eq!(after["review_conflicts"][0]["reason"], "same_organisation");

    // The account is deleted while a second round of the committee is open,
    // and it also sits on a committee with no round: it leaves that one, but
    // keeps the seat where a round is under way (its record), and the next
    // round does not take it.
    let round_for = |title: &str| json!({
        "committee_id": c, "title": title, "description": "추가 심사입니다.",
        "criteria": [{ "name": "실현 가능성", "weight": 100 }],
        "deadline": (chrono::Utc::now() + chrono::Duration::days(14)).to_rfc3339(),
        "blind": false, "eligibility": { "proposal_ids": [p1] },
    });
    let r2 = id(&body(post(app, "/api/v1/rounds", w.admin(), round_for("2026 국민제안 2차 심사")).await, 201).await);
    body(act(app, &format!("/api/v1/rounds/{r2}/open"), w.admin()).await, 200).await;
    let quiet = json!({ "process_id": w.process, "name": "자문단", "description": "심사 없이 자문만 합니다.",
        "members": [{ "user_id": me }, { "user_id": peer.id, "chair": true }] });
    let quiet = id(&body(post(app, "/api/v1/committees", w.admin(), quiet).await, 201).await);
    let res = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("cookie", &cookie)
        .header("origin", app.base.as_str())
        .json(&json!({ "password": PASSWORD, "confirm": "탈퇴" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let seated = |dto: Value| arr(&dto["members"]).iter().map(|m| m["user_id"].as_i64().unwrap()).collect::<Vec<i64>>();
    let dto = body(get(app, &format!("/api/v1/committees/{quiet}"), w.admin()).await, 200).await;
    assert_eq!(seated(dto), [peer.id]);
    let dto = body(get(app, &format!("/api/v1/committees/{c}"), w.admin()).await, 200).await;
    assert!(seated(dto).contains(&me), "the seat stays while its round is open");
    body(act(app, &format!("/api/v1/rounds/{r2}/close"), peer.who()).await, 200).await;
    let r3 = id(&body(post(app, "/api/v1/rounds", w.admin(), round_for("2026 국민제안 3차 심사")).await, 201).await);
    body(act(app, &format!("/api/v1/rounds/{r3}/open"), w.admin()).await, 200).await;
    let assigned = |who: i64| format!("SELECT COUNT(*) AS n FROM review_assignments WHERE round_id = {r3} AND reviewer_id = {who}");
    assert_eq!((app.count(&assigned(me)).await, app.count(&assigned(peer.id)).await), (0, 1));
}
