//! Minutes of meetings, the council page and the day-before reminders
//! (issue 6) over HTTP and through the sweep's service function: drafts for
//! the people who run the meeting, publication only after the end with the
//! polls' results and the attendance by mode, the linked proposals'
//! timelines, who is told (once), members-only minutes, the council's page,
//! reminders sent once to the right people by sweeps running at once, and
//! old live events cleaned. The rules are in `services::minutes` and
//! `services::reminders`.
//!
//! A meeting is made to have ended by moving its times in the database
//! (registration and check-in need it to be upcoming first).

use crate::execution::{World, id, notifications, of_kind, people, refused, world};
use crate::json::{Who, act, arr, body, delete, get, items, post, put, send};
use crate::meetings::{check_in, council, meeting, meeting_input, published_proposal, register, seat};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use tests::TestApp;

/// Now, to the second (as the API writes times).
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap()
}

/// Moves a meeting's times in the database (written as the server writes them).
pub(crate) async fn set_times(app: &TestApp, meeting: i64, starts: DateTime<Utc>, ends: DateTime<Utc>) {
    let sql = format!("UPDATE meetings SET starts_at = '{}', ends_at = '{}' WHERE id = {meeting}", starts.to_rfc3339(), ends.to_rfc3339());
    let backend = app.db.get_database_backend();
    sea_orm::ConnectionTrait::execute_raw(&app.db, sea_orm::Statement::from_string(backend, sql)).await.unwrap();
}

/// Ends a meeting: it started three hours ago and ended an hour ago.
pub(crate) async fn end(app: &TestApp, meeting: i64) {
    set_times(app, meeting, now() - Duration::hours(3), now() - Duration::hours(1)).await;
}

async fn exec(app: &TestApp, sql: &str) {
    let backend = app.db.get_database_backend();
    sea_orm::ConnectionTrait::execute_raw(&app.db, sea_orm::Statement::from_string(backend, sql.to_owned())).await.unwrap();
}

fn minutes_path(m: i64) -> String {
    format!("/api/v1/meetings/{m}/minutes")
}

async fn agenda(app: &TestApp, m: i64, who: Who<'_>, items: Value) -> Vec<i64> {
    let dto = body(put(app, &format!("/api/v1/meetings/{m}/agenda"), who, json!({ "items": items })).await, 200).await;
    arr(&dto["agenda"]).iter().map(id).collect()
}

async fn poll(app: &TestApp, m: i64, who: Who<'_>, input: Value) -> i64 {
    id(&body(post(app, &format!("/api/v1/meetings/{m}/polls"), who, input).await, 201).await)
}

async fn vote(app: &TestApp, poll: i64, who: Who<'_>, choices: &[u32]) {
    body(put(app, &format!("/api/v1/polls/{poll}/vote"), who, json!({ "choices": choices })).await, 200).await;
}

async fn follow(w: &World, proposal: i64) {
    assert_eq!(send(&w.app, reqwest::Method::PUT, &format!("/api/v1/proposals/{proposal}/follow"), Who::Cookie(&w.follower), None).await.status(), 204);
}

async fn told(app: &TestApp, who: Who<'_>, kind: &str) -> usize {
    of_kind(&notifications(app, who).await, kind).len()
}

/// (total, room, online, hand_count) per option.
fn split(results: &Value) -> Vec<(u64, u64, u64, u64)> {
    arr(&results["options"]).iter().map(|o| (o["total"].as_u64().unwrap(), o["room"].as_u64().unwrap(), o["online"].as_u64().unwrap(), o["hand_count"].as_u64().unwrap())).collect()
}

fn attendance(dto: &Value) -> [u64; 5] {
    let a = &dto["attendance"];
    ["registered_in_room", "registered_online", "waitlisted", "present_in_room", "present_online"].map(|k| a[k].as_u64().unwrap_or_else(|| panic!("no {k} in {a}")))
}

async fn timeline(app: &TestApp, proposal: i64) -> Vec<Value> {
    items(&body(get(app, &format!("/api/v1/proposals/{proposal}/timeline"), Who::Nobody).await, 200).await).clone()
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn minutes_are_the_staffs_draft_until_published_after_the_end_with_the_polls_and_attendance_by_mode() {
    // Arrange: a hybrid meeting with three room seats; a proposal on the
    // agenda (followed by the world's follower); a poll on that item and one
    // on the meeting as a whole, both closed; one poll left as a draft.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "mn", 10).await;
    let [chair, member, r1, r2, r3, waiting, on1, on2, gone, outsider] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(|i| &ps[i]);
    let c = council(&w, "정부혁신추진협의회").await;
    seat(&w, c, &[(chair, "chair"), (member, "member")]).await;
    let m = meeting(app, chair.who(), meeting_input(c, "제7차 정기회의", "hybrid", Some(3), "public")).await;
    let proposal = published_proposal(&w).await;
    follow(&w, proposal).await;
    let items = agenda(app, m, chair.who(), json!([{ "title": "개회 및 경과 보고" }, { "title": "국민제안 심의", "proposal_id": proposal }])).await;
    for p in [r1, r2, r3] {
        register(app, m, p.who(), "in_room").await;
    }
    assert_eq!(register(app, m, waiting.who(), "in_room").await["state"], "waitlisted");
    for p in [on1, on2, gone] {
        register(app, m, p.who(), "online").await;
    }
    assert_eq!(delete(app, &format!("/api/v1/meetings/{m}/registration"), gone.who()).await.status(), 204);
    for p in [r1, r2] {
        let code = body(get(app, &format!("/api/v1/meetings/{m}/registration"), p.who()).await, 200).await["check_in_code"].as_str().unwrap().to_owned();
        body(check_in(app, m, chair.who(), &code).await, 200).await;
    }
    // on1 joined the live room online (as the live room records it).
    exec(app, &format!("UPDATE meeting_registrations SET joined_at = '{}' WHERE meeting_id = {m} AND user_id = {}", now().to_rfc3339(), on1.id)).await;
    let on_item = poll(app, m, chair.who(), json!({ "question": "원안대로 채택할까요?", "kind": "yes_no_abstain", "agenda_item_id": items[1] })).await;
    body(act(app, &format!("/api/v1/polls/{on_item}/open"), chair.who()).await, 200).await;
    vote(app, on_item, r1.who(), &[0]).await;
    vote(app, on_item, on1.who(), &[1]).await;
    // r2 is in the room without a phone vote: counted by hand.
    body(put(app, &format!("/api/v1/polls/{on_item}/hand-count"), chair.who(), json!({ "counts": [1, 0, 0] })).await, 200).await;
    body(act(app, &format!("/api/v1/polls/{on_item}/close"), chair.who()).await, 200).await;
    let general = poll(app, m, chair.who(), json!({ "question": "다음 회의 장소는?", "kind": "single", "options": ["세종", "서울"] })).await;
    body(act(app, &format!("/api/v1/polls/{general}/open"), chair.who()).await, 200).await;
    vote(app, general, on2.who(), &[1]).await;
    body(act(app, &format!("/api/v1/polls/{general}/close"), chair.who()).await, 200).await;
    poll(app, m, chair.who(), json!({ "question": "준비 중인 투표", "kind": "yes_no_abstain" })).await;

    // Act 1: the chair saves a draft while the meeting is upcoming.
    let draft_input = json!({ "items": [{ "agenda_item_id": items[1], "decisions": "원안 가결", "summary": "찬성 의견이 많았습니다." }] });
    let draft = body(put(app, &minutes_path(m), chair.who(), draft_input.clone()).await, 200).await;

    // Assert: a draft, seen by the staff only.
    assert!(draft["published_at"].is_null());
    assert_eq!(draft["editable"], true);
    assert_eq!(arr(&draft["items"]).iter().map(|i| i["decisions"].as_str().unwrap()).collect::<Vec<_>>(), ["", "원안 가결"]);
    for who in [Who::Nobody, member.who(), r1.who(), outsider.who()] {
        refused(get(app, &minutes_path(m), who).await, 404).await;
    }
    assert_eq!(body(get(app, &minutes_path(m), w.admin()).await, 200).await["items"][1]["summary"], "찬성 의견이 많았습니다.");
    // Writing is the staff's; publishing waits for the end.
    assert_eq!(put(app, &minutes_path(m), Who::Nobody, draft_input.clone()).await.status(), 401);
    refused(put(app, &minutes_path(m), member.who(), draft_input.clone()).await, 403).await;
    let early = json!({ "items": draft_input["items"], "publish": true });
    assert_eq!(refused(put(app, &minutes_path(m), chair.who(), early.clone()).await, 422).await, ["publish"]);
    assert_eq!(refused(put(app, &minutes_path(m), chair.who(), json!({ "items": [{ "agenda_item_id": 999_999 }] })).await, 422).await, ["items"]);
    refused(get(app, &minutes_path(999_999), chair.who()).await, 404).await;
    assert_eq!(told(app, Who::Cookie(&w.follower), "meeting_minutes").await, 0, "a draft tells nobody");

    // Act 2: the meeting ends; the chair publishes.
    end(app, m).await;
    let published = body(put(app, &minutes_path(m), chair.who(), early).await, 200).await;

    // Assert: published, with the closed polls' results by provenance and the attendance by mode.
    assert!(published["published_at"].is_string());
    let item_polls = arr(&published["items"][1]["polls"]);
    assert_eq!(item_polls.iter().map(id).collect::<Vec<_>>(), [on_item]);
    assert_eq!(split(&item_polls[0]["results"]), [(2, 1, 0, 1), (1, 0, 1, 0), (0, 0, 0, 0)]);
    assert_eq!(
        [&item_polls[0]["results"]["voters"]["room"], &item_polls[0]["results"]["voters"]["online"], &item_polls[0]["results"]["voters"]["hand_count"]],
        [&json!(1), &json!(1), &json!(1)]
    );
    assert!(arr(&published["items"][0]["polls"]).is_empty());
    let general_polls = arr(&published["polls"]);
    assert_eq!(general_polls.iter().map(id).collect::<Vec<_>>(), [general], "the draft poll is not in the minutes");
    assert_eq!(split(&general_polls[0]["results"]), [(0, 0, 0, 0), (1, 0, 1, 0)]);
    assert_eq!(attendance(&published), [3, 2, 1, 2, 1], "3 seats, 2 online, 1 waiting; 2 checked in, 1 joined online");
    // Everyone who may see the meeting reads them now.
    let public = body(get(app, &minutes_path(m), Who::Nobody).await, 200).await;
    assert_eq!((public["items"][1]["decisions"].as_str(), public["editable"].as_bool()), (Some("원안 가결"), Some(false)));
    assert!(body(get(app, &format!("/api/v1/meetings/{m}"), Who::Nobody).await, 200).await["minutes_published"].as_bool().unwrap());
    // The linked proposal's timeline has the decisions.
    let entries = timeline(app, proposal).await;
    let last = entries.last().unwrap();
    assert_eq!((last["kind"].as_str(), last["answer"].as_str(), last["meeting_id"].as_i64()), (Some("meeting_minutes"), Some("원안 가결"), Some(m)));
    assert_eq!(last["meeting_title"], "제7차 정기회의");
    // Told once: the author and follower of the proposal, every registrant
    // (also waiting), not the cancelled one, not the publisher, not outsiders.
    for who in [Who::Cookie(&w.author), Who::Cookie(&w.follower), r1.who(), r2.who(), r3.who(), waiting.who(), on1.who(), on2.who()] {
        assert_eq!(told(app, who, "meeting_minutes").await, 1);
    }
    for who in [gone.who(), chair.who(), member.who(), outsider.who()] {
        assert_eq!(told(app, who, "meeting_minutes").await, 0);
    }
    let notice = &of_kind(&notifications(app, r1.who()).await, "meeting_minutes")[0]["payload"].clone();
    assert_eq!((notice["meeting_id"].as_i64(), notice["title"].as_str()), (Some(m), Some("제7차 정기회의")));

    // The record is a snapshot: a later hand-count correction does not change it…
    body(put(app, &format!("/api/v1/polls/{on_item}/hand-count"), chair.who(), json!({ "counts": [0, 1, 0] })).await, 200).await;
    let again = body(get(app, &minutes_path(m), Who::Nobody).await, 200).await;
    assert_eq!(split(&again["items"][1]["polls"][0]["results"]), [(2, 1, 0, 1), (1, 0, 1, 0), (0, 0, 0, 0)]);
    // …and the agenda of published minutes is fixed.
    refused(put(app, &format!("/api/v1/meetings/{m}/agenda"), chair.who(), json!({ "items": [{ "title": "새 안건" }] })).await, 409).await;

    // Act 3: the chair corrects the published minutes (even sent as a draft: they stay published).
    let fixed = json!({ "items": [{ "agenda_item_id": items[1], "decisions": "수정 가결 (부대의견 첨부)", "summary": "찬성 다수" }], "publish": false });
    let edited = body(put(app, &minutes_path(m), chair.who(), fixed).await, 200).await;

    // Assert: still published at the same time, with the new decisions and a
    // fresh snapshot; the timeline entry follows; nobody is told again; audited.
    assert_eq!(edited["published_at"], published["published_at"]);
    assert_eq!(edited["items"][1]["decisions"], "수정 가결 (부대의견 첨부)");
    assert_eq!(split(&edited["items"][1]["polls"][0]["results"]), [(1, 1, 0, 0), (2, 0, 1, 1), (0, 0, 0, 0)]);
    let entries: Vec<Value> = timeline(app, proposal).await.into_iter().filter(|e| e["kind"] == "meeting_minutes").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["answer"], "수정 가결 (부대의견 첨부)");
    for who in [Who::Cookie(&w.author), Who::Cookie(&w.follower), r1.who(), on2.who()] {
        assert_eq!(told(app, who, "meeting_minutes").await, 1, "an edit tells nobody");
    }
    let audited = |action: &str| format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND target_id = '{m}'");
    assert_eq!([app.count(&audited("meeting.minutes_saved")).await, app.count(&audited("meeting.minutes_published")).await, app.count(&audited("meeting.minutes_edited")).await], [1, 1, 1]);
    let details = app.strings(&format!("SELECT details AS v FROM audit_log WHERE action = 'meeting.minutes_edited' AND target_id = '{m}'")).await;
    let details: Value = serde_json::from_str(&details[0]).unwrap();
    assert_eq!((details["items"][0]["decisions_before"].as_str(), details["items"][0]["decisions_after"].as_str()), (Some("원안 가결"), Some("수정 가결 (부대의견 첨부)")));
}

#[tokio::test]
async fn the_minutes_of_a_members_only_meeting_stay_with_its_members() {
    // Arrange: a members-only meeting discussing a public proposal whose
    // author and follower are not members.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "mm", 3).await;
    let (chair, member, outsider) = (&ps[0], &ps[1], &ps[2]);
    let c = council(&w, "규제혁신 분과").await;
    seat(&w, c, &[(chair, "chair"), (member, "member")]).await;
    let m = meeting(app, chair.who(), meeting_input(c, "비공개 검토 회의", "online", None, "members_only")).await;
    let proposal = published_proposal(&w).await;
    follow(&w, proposal).await;
    let items = agenda(app, m, chair.who(), json!([{ "title": "비공개 검토", "proposal_id": proposal }])).await;
    register(app, m, member.who(), "online").await;
    end(app, m).await;

    // Act
    let input = json!({ "items": [{ "agenda_item_id": items[0], "decisions": "추가 검토" }], "publish": true });
    body(put(app, &minutes_path(m), chair.who(), input).await, 200).await;

    // Assert: members read them; for others they do not exist; the public
    // timeline says nothing; only the member is told.
    assert_eq!(body(get(app, &minutes_path(m), member.who()).await, 200).await["items"][0]["decisions"], "추가 검토");
    for who in [Who::Nobody, outsider.who(), Who::Cookie(&w.author)] {
        refused(get(app, &minutes_path(m), who).await, 404).await;
    }
    assert!(timeline(app, proposal).await.iter().all(|e| e["kind"] != "meeting_minutes"));
    assert_eq!(told(app, member.who(), "meeting_minutes").await, 1);
    assert_eq!(told(app, Who::Cookie(&w.author), "meeting_minutes").await, 0);
    assert_eq!(told(app, Who::Cookie(&w.follower), "meeting_minutes").await, 0);
    let page = body(get(app, &format!("/api/v1/councils/{c}"), Who::Nobody).await, 200).await;
    assert!(arr(&page["minutes"]).is_empty() && arr(&page["proposals"]).is_empty());
    let page = body(get(app, &format!("/api/v1/councils/{c}"), member.who()).await, 200).await;
    assert_eq!(arr(&page["minutes"]).iter().map(|s| s["meeting_id"].as_i64().unwrap()).collect::<Vec<_>>(), [m]);
}

#[tokio::test]
async fn a_council_page_lists_its_meetings_the_proposals_it_deliberated_and_its_minutes() {
    // Arrange: a past public meeting with published minutes discussing one
    // proposal, an upcoming public meeting discussing a second, and a
    // members-only meeting discussing a third.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "cp", 2).await;
    let (chair, citizen) = (&ps[0], &ps[1]);
    let c = council(&w, "국민참여 협의회").await;
    seat(&w, c, &[(chair, "chair")]).await;
    let past = meeting(app, chair.who(), meeting_input(c, "제1차 회의", "online", None, "public")).await;
    let upcoming = meeting(app, chair.who(), meeting_input(c, "제2차 회의", "online", None, "public")).await;
    let closed = meeting(app, chair.who(), meeting_input(c, "위원 간담회", "online", None, "members_only")).await;
    let (p1, p2, p3) = (published_proposal(&w).await, published_proposal(&w).await, published_proposal(&w).await);
    let past_items = agenda(app, past, chair.who(), json!([{ "title": "심의 1", "proposal_id": p1 }, { "title": "심의 2", "proposal_id": p2 }])).await;
    agenda(app, upcoming, chair.who(), json!([{ "title": "재심의", "proposal_id": p2 }])).await;
    agenda(app, closed, chair.who(), json!([{ "title": "비공개 심의", "proposal_id": p3 }])).await;
    set_times(app, past, now() - Duration::days(3), now() - Duration::days(3) + Duration::hours(2)).await;
    let input = json!({ "items": [{ "agenda_item_id": past_items[0], "decisions": "채택" }], "publish": true });
    body(put(app, &minutes_path(past), chair.who(), input).await, 200).await;

    // Act
    let page = body(get(app, &format!("/api/v1/councils/{c}"), citizen.who()).await, 200).await;
    let staff_page = body(get(app, &format!("/api/v1/councils/{c}"), chair.who()).await, 200).await;

    // Assert: upcoming meetings first, then past; proposals most recently
    // discussed first (p2: upcoming and past); the published minutes.
    let meetings: Vec<(i64, &str)> = arr(&page["meetings"]).iter().map(|s| (id(s), s["state"].as_str().unwrap())).collect();
    assert_eq!(meetings, [(upcoming, "upcoming"), (past, "ended")]);
    let proposals: Vec<(i64, Vec<i64>)> = arr(&page["proposals"]).iter().map(|p| (id(p), arr(&p["meeting_ids"]).iter().map(|i| i.as_i64().unwrap()).collect())).collect();
    assert_eq!(proposals, [(p2, vec![upcoming, past]), (p1, vec![past])]);
    assert_eq!(page["proposals"][1]["status"], "published");
    let minutes: Vec<(i64, &str)> = arr(&page["minutes"]).iter().map(|s| (s["meeting_id"].as_i64().unwrap(), s["meeting_title"].as_str().unwrap())).collect();
    assert_eq!(minutes, [(past, "제1차 회의")]);
    assert!(page["minutes"][0]["published_at"].is_string());
    // The chair (a member) also sees the members-only meeting and what it discussed.
    assert_eq!(arr(&staff_page["meetings"]).len(), 3);
    let seen: Vec<i64> = arr(&staff_page["proposals"]).iter().map(id).collect();
    assert!(seen.contains(&p3) && seen.len() == 3, "{seen:?}");
}

#[tokio::test]
async fn reminders_go_once_to_people_with_a_place_for_meetings_in_the_next_day_even_from_two_sweeps_at_once() {
    // Arrange: a hybrid meeting in two hours with one room seat (a seat, a
    // waiting person, an online place, a cancellation), one in two days and
    // one that started ten minutes ago, each with a registrant.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "rm", 7).await;
    let [seated, waiting, online, cancelled, later, started, chair] = [0, 1, 2, 3, 4, 5, 6].map(|i| &ps[i]);
    let c = council(&w, "정부혁신추진협의회").await;
    seat(&w, c, &[(chair, "chair")]).await;
    let soon = meeting(app, chair.who(), meeting_input(c, "내일 회의", "hybrid", Some(1), "public")).await;
    let far = meeting(app, chair.who(), meeting_input(c, "모레 회의", "online", None, "public")).await;
    let live = meeting(app, chair.who(), meeting_input(c, "진행 중 회의", "online", None, "public")).await;
    register(app, soon, seated.who(), "in_room").await;
    register(app, soon, waiting.who(), "in_room").await;
    register(app, soon, online.who(), "online").await;
    register(app, soon, cancelled.who(), "online").await;
    assert_eq!(delete(app, &format!("/api/v1/meetings/{soon}/registration"), cancelled.who()).await.status(), 204);
    register(app, far, later.who(), "online").await;
    register(app, live, started.who(), "online").await;
    let t = now();
    set_times(app, soon, t + Duration::hours(2), t + Duration::hours(4)).await;
    set_times(app, far, t + Duration::days(2), t + Duration::days(2) + Duration::hours(2)).await;
    set_times(app, live, t - Duration::minutes(10), t + Duration::hours(1)).await;

    // Act: two sweeps at once (the second through a pool of its own, as
    // another server process), then a third.
    let other = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let (a, b) = tokio::join!(server::services::reminders::send_due_reminders(&app.db, t), server::services::reminders::send_due_reminders(&other, t));
    let third = server::services::reminders::send_due_reminders(&app.db, t).await.unwrap();

    // Assert: the seat and the online place, once each; nobody else. (The
    // server's own sweep may have sent some first: the counts are per person.)
    assert!(a.unwrap() + b.unwrap() + third <= 2);
    assert_eq!(third, 0, "nothing left for a later sweep");
    assert_eq!([told(app, seated.who(), "meeting_reminder").await, told(app, online.who(), "meeting_reminder").await], [1, 1]);
    for p in [waiting, cancelled, later, started, chair] {
        assert_eq!(told(app, p.who(), "meeting_reminder").await, 0);
    }
    let room = of_kind(&notifications(app, seated.who()).await, "meeting_reminder")[0]["payload"].clone();
    assert_eq!((room["meeting_id"].as_i64(), room["mode"].as_str(), room["venue"].as_str(), room["online_link"].as_bool()), (Some(soon), Some("in_room"), Some("정부서울청사 별관 2층 대회의실"), Some(false)));
    assert_eq!(room["starts_at"].as_str().map(|s| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()), Some((t + Duration::hours(2)).timestamp()));
    let away = of_kind(&notifications(app, online.who()).await, "meeting_reminder")[0]["payload"].clone();
    assert_eq!((away["mode"].as_str(), away["venue"].is_null(), away["online_link"].as_bool()), (Some("online"), true, Some(true)));

    // A meeting moved to another time is reminded again for the new time.
    set_times(app, soon, t + Duration::hours(5), t + Duration::hours(7)).await;
    server::services::reminders::send_due_reminders(&app.db, t).await.unwrap();
    assert_eq!([told(app, seated.who(), "meeting_reminder").await, told(app, online.who(), "meeting_reminder").await], [2, 2]);
    assert_eq!(told(app, waiting.who(), "meeting_reminder").await, 0);
    // The one two days away is due the next day.
    assert_eq!(server::services::reminders::send_due_reminders(&app.db, t + Duration::days(1) + Duration::hours(1)).await.unwrap(), 1);
    assert_eq!(told(app, later.who(), "meeting_reminder").await, 1);
}

#[tokio::test]
async fn live_events_of_meetings_that_ended_over_a_week_ago_are_deleted() {
    // Arrange: events of a meeting that ended eight days ago and of one that ended yesterday.
    let w = world().await;
    let app = &w.app;
    let c = council(&w, "정부혁신추진협의회").await;
    let old = meeting(app, w.admin(), meeting_input(c, "지난달 회의", "online", None, "public")).await;
    let recent = meeting(app, w.admin(), meeting_input(c, "어제 회의", "online", None, "public")).await;
    set_times(app, old, now() - Duration::days(8) - Duration::hours(2), now() - Duration::days(8)).await;
    set_times(app, recent, now() - Duration::days(1) - Duration::hours(2), now() - Duration::days(1)).await;
    for m in [old, old, recent] {
        exec(app, &format!("INSERT INTO meeting_events (meeting_id, audience, kind, payload, created_at) VALUES ({m}, 'all', 'resync', '{{\"type\":\"resync\"}}', '{}')", now().to_rfc3339())).await;
    }

    // Act
    let deleted = server::services::reminders::delete_old_events(&app.db, Utc::now()).await.unwrap();

    // Assert (the server's own sweep may have deleted some first)
    assert!(deleted <= 2);
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM meeting_events WHERE meeting_id = {old}")).await, 0);
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM meeting_events WHERE meeting_id = {recent}")).await, 1);
}
