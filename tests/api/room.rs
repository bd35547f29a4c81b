//! The live room of meetings (issue 6) over HTTP: the facilitator moves
//! through the agenda; people in the room (checked in) and online ask
//! questions and upvote them once each, the staff answer or hide them (a
//! hidden question is the staff's alone, in the state and in the event
//! stream, replays included); hands wait in the order raised and are
//! lowered or called; online participants who join are counted present
//! once, by mode; a reader that reconnects with `Last-Event-ID` gets the
//! room events it missed. The rules are documented in `services::room`.
//!
//! Meetings start half an hour from now (`meetings::meeting_input`), so the
//! door and the live room are open (from an hour before the start).
//! Timeouts below only keep a broken stream from hanging the run.

use crate::execution::{Member, World, id, people, refused, world};
use crate::json::{Who, act, arr, body, delete, get, items, post, put};
use crate::meetings::{check_in, council, meeting, meeting_input, register, seat};
use crate::sse::{listen, names};
use serde_json::{Value, json};
use tests::TestApp;

/// A hybrid public meeting run by `chair`, with twenty seats.
async fn hybrid(w: &World, chair: &Member) -> i64 {
    let c = council(w, "정부혁신추진협의회").await;
    seat(w, c, &[(chair, "chair")]).await;
    meeting(
        &w.app,
        chair.who(),
        meeting_input(c, "제7차 정기회의", "hybrid", Some(20), "public"),
    )
    .await
}

/// Registers for the room and checks in at the door (200).
async fn seated(app: &TestApp, meeting: i64, staff: Who<'_>, who: Who<'_>) {
    let reg = register(app, meeting, who, "in_room").await;
    let code = reg["check_in_code"].as_str().unwrap().to_owned();
    body(check_in(app, meeting, staff, &code).await, 200).await;
}

/// Sets the agenda (200) and returns the item ids in order.
async fn agenda(app: &TestApp, meeting: i64, chair: Who<'_>, items: Value) -> Vec<i64> {
    let dto = body(
        put(
            app,
            &format!("/api/v1/meetings/{meeting}/agenda"),
            chair,
            json!({ "items": items }),
        )
        .await,
        200,
    )
    .await;
    arr(&dto["agenda"]).iter().map(id).collect()
}

async fn live(app: &TestApp, meeting: i64, who: Who<'_>) -> Value {
    body(
        get(app, &format!("/api/v1/meetings/{meeting}/live"), who).await,
        200,
    )
    .await
}

async fn move_to(app: &TestApp, meeting: i64, who: Who<'_>, input: Value) -> reqwest::Response {
    put(
        app,
        &format!("/api/v1/meetings/{meeting}/current-item"),
        who,
        input,
    )
    .await
}

async fn ask(app: &TestApp, meeting: i64, who: Who<'_>, text: &str) -> reqwest::Response {
    post(
        app,
        &format!("/api/v1/meetings/{meeting}/questions"),
        who,
        json!({ "body": text }),
    )
    .await
}

async fn upvote(app: &TestApp, question: i64, who: Who<'_>) -> reqwest::Response {
    put(
        app,
        &format!("/api/v1/questions/{question}/upvote"),
        who,
        json!({}),
    )
    .await
}

async fn moderate(app: &TestApp, question: i64, who: Who<'_>, state: &str) -> reqwest::Response {
    put(
        app,
        &format!("/api/v1/questions/{question}/state"),
        who,
        json!({ "state": state }),
    )
    .await
}

/// (id, upvotes) of a question list, in its order.
fn queue(questions: &Value) -> Vec<(i64, u64)> {
    arr(questions)
        .iter()
        .map(|q| (id(q), q["upvotes"].as_u64().unwrap()))
        .collect()
}

/// The user ids of the raised hands, in order.
async fn hand_queue(app: &TestApp, meeting: i64) -> Vec<i64> {
    items(
        &body(
            get(
                app,
                &format!("/api/v1/meetings/{meeting}/hands"),
                Who::Nobody,
            )
            .await,
            200,
        )
        .await,
    )
    .iter()
    .map(|h| h["user_id"].as_i64().unwrap())
    .collect()
}

/// (registered in room, registered online, waitlisted, present in room, present online).
fn attendance(a: &Value) -> (u64, u64, u64, u64, u64) {
    let n = |k: &str| a[k].as_u64().unwrap_or_else(|| panic!("no {k} in {a}"));
    (
        n("registered_in_room"),
        n("registered_online"),
        n("waitlisted"),
        n("present_in_room"),
        n("present_online"),
    )
}

/// A published proposal by the world's author.
async fn published_proposal(w: &World) -> i64 {
    let input = json!({
        "publish": true, "process_id": w.process, "title": "지역 청년 창업 공간 확대",
        "problem": "지역 청년이 창업할 공간이 부족합니다. 임대료도 너무 비쌉니다.",
        "solution": "빈 공공건물을 청년 창업 공간으로 바꾸어 저렴하게 빌려줍니다.",
        "effect": "지역에 일자리가 생깁니다.", "area_code": "public_service", "region_code": "national",
    });
    id(&body(
        post(&w.app, "/api/v1/proposals", Who::Cookie(&w.author), input).await,
        201,
    )
    .await)
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn the_facilitator_moves_through_the_agenda_and_nobody_else_can() {
    // Arrange: a meeting with two agenda items, the second linking a
    // proposal; another meeting with an item of its own.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "ag", 2).await;
    let (chair, citizen) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    let proposal = published_proposal(&w).await;
    let items = agenda(app, m, chair.who(), json!([{ "title": "개회 및 경과 보고" }, { "title": "국민제안 심의", "proposal_id": proposal }])).await;
    let other = meeting(
        app,
        w.admin(),
        meeting_input(
            council(&w, "규제혁신 분과").await,
            "분과 회의",
            "online",
            None,
            "public",
        ),
    )
    .await;
    let foreign = agenda(
        app,
        other,
        w.admin(),
        json!([{ "title": "다른 회의의 안건" }]),
    )
    .await[0];
    let before = live(app, m, Who::Nobody).await;
    assert_eq!(
        (before["meeting_id"].as_i64(), before["state"].as_str()),
        (Some(m), Some("upcoming"))
    );
    assert!(before["current_agenda_item_id"].is_null());
    assert_eq!(before["facilitator"], false);
    assert_eq!(arr(&before["agenda"]).len(), 2);
    let mut reader = listen(app, m, Who::Nobody, None).await;

    // Act and assert: only the staff move; a foreign item or an unknown step is 422.
    assert_eq!(
        move_to(app, m, Who::Nobody, json!({ "step": "next" }))
            .await
            .status(),
        401
    );
    refused(
        move_to(app, m, citizen.who(), json!({ "step": "next" })).await,
        403,
    )
    .await;
    assert_eq!(
        refused(
            move_to(app, m, chair.who(), json!({ "agenda_item_id": foreign })).await,
            422
        )
        .await,
        ["agenda_item_id"]
    );
    assert_eq!(
        refused(
            move_to(app, m, chair.who(), json!({ "step": "last" })).await,
            422
        )
        .await,
        ["step"]
    );
    assert_eq!(
        refused(
            move_to(
                app,
                m,
                chair.who(),
                json!({ "step": "next", "agenda_item_id": items[0] })
            )
            .await,
            422
        )
        .await,
        ["step"]
    );
    refused(
        move_to(app, m, chair.who(), json!({ "agenda_item_id": "첫째" })).await,
        400,
    )
    .await;
    refused(
        move_to(app, 999_999, chair.who(), json!({ "step": "next" })).await,
        404,
    )
    .await;

    let first = body(
        move_to(app, m, chair.who(), json!({ "step": "next" })).await,
        200,
    )
    .await;
    assert_eq!(first["current_agenda_item_id"], items[0]);
    assert_eq!(first["facilitator"], true);
    let second = body(
        move_to(app, m, w.admin(), json!({ "agenda_item_id": items[1] })).await,
        200,
    )
    .await;
    assert_eq!(second["current_agenda_item_id"], items[1]);
    // Past the last item the room stays where it is (no event).
    let stays = body(
        move_to(app, m, chair.who(), json!({ "step": "next" })).await,
        200,
    )
    .await;
    assert_eq!(stays["current_agenda_item_id"], items[1]);

    // Everyone sees the current item and the proposal it links.
    let seen = live(app, m, citizen.who()).await;
    assert_eq!(seen["current_agenda_item_id"], items[1]);
    assert_eq!(seen["facilitator"], false);
    let current = arr(&seen["agenda"])
        .iter()
        .find(|i| i["id"] == items[1])
        .unwrap();
    assert_eq!(
        (
            current["proposal_id"].as_i64(),
            current["proposal_title"].as_str()
        ),
        (Some(proposal), Some("지역 청년 창업 공간 확대"))
    );
    body(move_to(app, m, chair.who(), json!({})).await, 200).await;
    assert!(live(app, m, Who::Nobody).await["current_agenda_item_id"].is_null());

    // The stream carried exactly the three moves.
    let moves = reader.take(3).await;
    assert_eq!(names(&moves), ["agenda_moved"; 3]);
    let to: Vec<Value> = moves
        .iter()
        .map(|e| e.data["agenda_item_id"].clone())
        .collect();
    assert_eq!(to, [json!(items[0]), json!(items[1]), Value::Null]);
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.agenda_moved' AND target_id = '{m}'")).await, 3);
    refused(
        get(app, "/api/v1/meetings/999999/live", Who::Nobody).await,
        404,
    )
    .await;
}

#[tokio::test]
async fn questions_come_from_the_room_online_and_the_staff_and_are_upvoted_once_per_person() {
    // Arrange: one person checked in at the room, one registered online, one
    // registered for the room but not checked in, one not registered.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "qa", 5).await;
    let (chair, in_room, online, late, stranger) = (&ps[0], &ps[1], &ps[2], &ps[3], &ps[4]);
    let m = hybrid(&w, chair).await;
    let items = agenda(app, m, chair.who(), json!([{ "title": "예산 심의" }])).await;
    body(
        move_to(app, m, chair.who(), json!({ "agenda_item_id": items[0] })).await,
        200,
    )
    .await;
    seated(app, m, chair.who(), in_room.who()).await;
    register(app, m, online.who(), "online").await;
    register(app, m, late.who(), "in_room").await;

    // Act and assert: who may ask.
    assert_eq!(
        ask(app, m, Who::Nobody, "익명으로 묻습니다").await.status(),
        401
    );
    refused(
        ask(app, m, stranger.who(), "등록하지 않고 묻습니다").await,
        403,
    )
    .await;
    refused(
        ask(app, m, late.who(), "입장 확인 전에 묻습니다").await,
        403,
    )
    .await;
    assert_eq!(
        refused(ask(app, m, in_room.who(), "왜").await, 422).await,
        ["body"]
    );
    let q1 = body(
        ask(app, m, in_room.who(), "  예산은 어디에 쓰입니까?  ").await,
        201,
    )
    .await;
    assert_eq!(
        (
            q1["body"].as_str(),
            q1["state"].as_str(),
            q1["upvotes"].as_u64()
        ),
        (Some("예산은 어디에 쓰입니까?"), Some("queued"), Some(0))
    );
    assert_eq!(q1["agenda_item_id"], items[0]);
    assert_eq!(q1["author_name"], "qa 1");
    let q2 = id(&body(
        ask(app, m, online.who(), "온라인 참여자도 발언할 수 있습니까?").await,
        201,
    )
    .await);
    let q3 = id(&body(
        ask(app, m, chair.who(), "다음 회의 일정에 의견이 있습니까?").await,
        201,
    )
    .await);
    let q1 = id(&q1);

    // Upvotes: once per person, never one's own; taking one back is idempotent too.
    let up = body(upvote(app, q1, online.who()).await, 200).await;
    assert_eq!(
        (up["upvotes"].as_u64(), up["upvoted_by_me"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(
        body(upvote(app, q1, online.who()).await, 200).await["upvotes"],
        1
    );
    assert_eq!(
        body(upvote(app, q1, chair.who()).await, 200).await["upvotes"],
        2
    );
    refused(upvote(app, q1, in_room.who()).await, 409).await;
    refused(upvote(app, q1, stranger.who()).await, 403).await;
    refused(upvote(app, q1, late.who()).await, 403).await;
    assert_eq!(upvote(app, q1, Who::Nobody).await.status(), 401);
    refused(upvote(app, 999_999, online.who()).await, 404).await;
    body(upvote(app, q2, in_room.who()).await, 200).await;
    body(upvote(app, q2, chair.who()).await, 200).await;
    body(upvote(app, q3, in_room.who()).await, 200).await;
    let back = body(
        delete(app, &format!("/api/v1/questions/{q1}/upvote"), online.who()).await,
        200,
    )
    .await;
    assert_eq!(
        (back["upvotes"].as_u64(), back["upvoted_by_me"].as_bool()),
        (Some(1), Some(false))
    );
    assert_eq!(
        body(
            delete(app, &format!("/api/v1/questions/{q1}/upvote"), online.who()).await,
            200
        )
        .await["upvotes"],
        1
    );
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM meeting_question_upvotes WHERE question_id IN ({q1}, {q2}, {q3})")).await, 4);

    // The queue: more upvotes first, then the earlier question.
    let listed = body(
        get(app, &format!("/api/v1/meetings/{m}/questions"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(queue(&listed["items"]), [(q2, 2), (q1, 1), (q3, 1)]);
    let mine = live(app, m, chair.who()).await;
    let flags: Vec<bool> = arr(&mine["questions"])
        .iter()
        .map(|q| q["upvoted_by_me"].as_bool().unwrap())
        .collect();
    assert_eq!(flags, [true, true, false]);

    // The staff answer; others may not, and the state must be known.
    refused(moderate(app, q2, in_room.who(), "answered").await, 403).await;
    assert_eq!(
        refused(moderate(app, q2, chair.who(), "deleted").await, 422).await,
        ["state"]
    );
    refused(moderate(app, 999_999, chair.who(), "answered").await, 404).await;
    assert_eq!(
        body(moderate(app, q2, chair.who(), "answered").await, 200).await["state"],
        "answered"
    );
    let after = live(app, m, Who::Nobody).await;
    assert_eq!(queue(&after["questions"]), [(q1, 1), (q3, 1), (q2, 2)]);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.question_moderated'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_hidden_question_is_the_staffs_alone_in_the_state_and_in_the_event_stream() {
    // Arrange: two people online; one asks something the chair will hide.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "hq", 3).await;
    let (chair, asker, viewer) = (&ps[0], &ps[1], &ps[2]);
    let m = hybrid(&w, chair).await;
    register(app, m, asker.who(), "online").await;
    register(app, m, viewer.who(), "online").await;
    const SECRET: &str = "비밀번호는 1234입니다";
    let hidden = id(&body(ask(app, m, asker.who(), SECRET).await, 201).await);
    let open = id(&body(ask(app, m, asker.who(), "공개 질문입니다").await, 201).await);
    body(upvote(app, hidden, viewer.who()).await, 200).await;
    let mut reader = listen(app, m, viewer.who(), None).await;
    let mut staff = listen(app, m, chair.who(), None).await;

    // Act
    let dto = body(moderate(app, hidden, chair.who(), "hidden").await, 200).await;

    // Assert: the staff keep it whole; everyone else gets only that it is hidden.
    assert_eq!(
        (dto["state"].as_str(), dto["body"].as_str()),
        (Some("hidden"), Some(SECRET))
    );
    let seen = reader.next().await;
    assert_eq!(seen.name, "question_updated");
    assert_eq!(
        seen.data["question"],
        json!({ "id": hidden, "body": "", "author_name": "", "agenda_item_id": null, "state": "hidden", "upvotes": 0, "upvoted_by_me": false, "created_at": seen.data["question"]["created_at"] })
    );
    let both = staff.take(2).await;
    assert_eq!(both[0].data["question"]["body"], "");
    assert_eq!(
        (
            both[1].data["question"]["body"].as_str(),
            both[1].data["question"]["upvotes"].as_u64()
        ),
        (Some(SECRET), Some(1))
    );
    let theirs = live(app, m, viewer.who()).await;
    assert_eq!(queue(&theirs["questions"]), [(open, 0)]);
    assert_eq!(
        queue(
            &body(
                get(app, &format!("/api/v1/meetings/{m}/questions"), Who::Nobody).await,
                200
            )
            .await["items"]
        ),
        [(open, 0)]
    );
    let staffs = live(app, m, chair.who()).await;
    assert_eq!(queue(&staffs["questions"]), [(open, 0), (hidden, 1)]);
    assert_eq!(staffs["questions"][1]["body"], SECRET);
    refused(upvote(app, hidden, viewer.who()).await, 404).await;

    // A replay from the very start does not bring the text back: the
    // earlier events were redacted, and the staff's whole copy is skipped.
    let mut replay = listen(app, m, viewer.who(), Some("0")).await;
    let events = replay.take(4).await;
    assert_eq!(
        names(&events),
        [
            "question_posted",
            "question_posted",
            "question_updated",
            "question_updated"
        ]
    );
    assert!(events.iter().all(|e| !e.raw.contains("비밀")), "{events:?}");
    assert_eq!(events[0].data["question"]["state"], "hidden");
    assert_eq!(events[1].data["question"]["body"], "공개 질문입니다");
    body(moderate(app, open, chair.who(), "answered").await, 200).await;
    let next = replay.next().await;
    assert_eq!(
        (next.name.as_str(), next.data["question"]["id"].as_i64()),
        ("question_updated", Some(open))
    );
    let mut staff_replay = listen(app, m, chair.who(), Some("0")).await;
    let staff_events = staff_replay.take(5).await;
    assert_eq!(staff_events[4].data["question"]["body"], SECRET);

    // Queued again, it is everyone's again.
    body(moderate(app, hidden, chair.who(), "queued").await, 200).await;
    let back = reader.take(2).await;
    assert_eq!(back[1].data["question"]["body"], SECRET);
    assert_eq!(
        queue(&live(app, m, viewer.who()).await["questions"]),
        [(hidden, 1), (open, 0)]
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.question_moderated'"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn hands_wait_in_the_order_raised_and_are_lowered_by_their_owner_or_called_by_the_staff() {
    // Arrange: one person in the room, two online; a person not checked in and a stranger.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "hd", 6).await;
    let (chair, a, b, c, late, stranger) = (&ps[0], &ps[1], &ps[2], &ps[3], &ps[4], &ps[5]);
    let m = hybrid(&w, chair).await;
    seated(app, m, chair.who(), a.who()).await;
    register(app, m, b.who(), "online").await;
    register(app, m, c.who(), "online").await;
    register(app, m, late.who(), "in_room").await;
    let hands = format!("/api/v1/meetings/{m}/hands");

    // Act and assert: who may raise a hand.
    assert_eq!(act(app, &hands, Who::Nobody).await.status(), 401);
    refused(act(app, &hands, stranger.who()).await, 403).await;
    refused(act(app, &hands, late.who()).await, 403).await;
    let first = body(act(app, &hands, a.who()).await, 200).await;
    assert_eq!(
        (
            first["user_id"].as_i64(),
            first["mode"].as_str(),
            first["display_name"].as_str()
        ),
        (Some(a.id), Some("in_room"), Some("hd 1"))
    );
    assert_eq!(
        body(act(app, &hands, b.who()).await, 200).await["mode"],
        "online"
    );
    body(act(app, &hands, c.who()).await, 200).await;
    // Raising again keeps one's place.
    assert_eq!(
        body(act(app, &hands, a.who()).await, 200).await["raised_at"],
        first["raised_at"]
    );
    assert_eq!(hand_queue(app, m).await, [a.id, b.id, c.id]);

    // One's own hand down (twice: nothing more happens); not someone else's.
    assert_eq!(delete(app, &hands, b.who()).await.status(), 204);
    assert_eq!(delete(app, &hands, b.who()).await.status(), 204);
    refused(
        delete(app, &format!("{hands}/{}", a.id), c.who()).await,
        403,
    )
    .await;
    assert_eq!(hand_queue(app, m).await, [a.id, c.id]);
    // Raised again: at the end.
    body(act(app, &hands, b.who()).await, 200).await;
    assert_eq!(hand_queue(app, m).await, [a.id, c.id, b.id]);
    // The staff lower anyone's and call the next, or a given person.
    assert_eq!(
        delete(app, &format!("{hands}/{}", c.id), chair.who())
            .await
            .status(),
        204
    );
    refused(act(app, &format!("{hands}/next"), a.who()).await, 403).await;
    let called = body(act(app, &format!("{hands}/next"), chair.who()).await, 200).await;
    assert_eq!(called["user_id"], a.id);
    assert_eq!(hand_queue(app, m).await, [b.id]);
    assert_eq!(
        body(
            act(app, &format!("{hands}/{}/call", b.id), w.admin()).await,
            200
        )
        .await["user_id"],
        b.id
    );
    assert_eq!(
        act(app, &format!("{hands}/next"), chair.who())
            .await
            .status(),
        204
    );
    assert!(hand_queue(app, m).await.is_empty());
    assert!(arr(&live(app, m, Who::Nobody).await["hands"]).is_empty());

    // The stream told it all, once each, in order (after the attendance of A's check-in).
    let mut replay = listen(app, m, Who::Nobody, Some("0")).await;
    assert_eq!(replay.next().await.name, "attendance");
    let events = replay.take(8).await;
    assert_eq!(
        names(&events),
        [
            "hand_raised",
            "hand_raised",
            "hand_raised",
            "hand_lowered",
            "hand_raised",
            "hand_lowered",
            "hand_called",
            "hand_called"
        ]
    );
    let who: Vec<i64> = events
        .iter()
        .map(|e| {
            e.data["hand"]["user_id"]
                .as_i64()
                .or(e.data["user_id"].as_i64())
                .unwrap()
        })
        .collect();
    assert_eq!(who, [a.id, b.id, c.id, b.id, b.id, c.id, a.id, b.id]);
    body(act(app, &hands, c.who()).await, 200).await;
    let last = replay.next().await;
    assert_eq!(
        (last.name.as_str(), last.data["hand"]["user_id"].as_i64()),
        ("hand_raised", Some(c.id))
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM meeting_hands WHERE meeting_id = {m}"
        ))
        .await,
        3,
        "one row per person"
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('meeting.hand_lowered', 'meeting.hand_called')").await, 3);
}

#[tokio::test]
async fn an_online_participant_who_joins_is_counted_present_once_and_attendance_is_kept_by_mode() {
    // Arrange: two people online, one checked in at the room, one registered
    // for the room but not there, one not registered.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "jn", 6).await;
    let (chair, on1, on2, here, away, stranger) = (&ps[0], &ps[1], &ps[2], &ps[3], &ps[4], &ps[5]);
    let m = hybrid(&w, chair).await;
    register(app, m, on1.who(), "online").await;
    register(app, m, on2.who(), "online").await;
    seated(app, m, chair.who(), here.who()).await;
    register(app, m, away.who(), "in_room").await;
    assert_eq!(
        attendance(&live(app, m, Who::Nobody).await["attendance"]),
        (2, 2, 0, 1, 0)
    );
    let mut reader = listen(app, m, Who::Nobody, None).await;
    let join = format!("/api/v1/meetings/{m}/join");

    // Act: people open the live room, some more than once.
    let state = body(act(app, &join, on1.who()).await, 200).await;
    assert_eq!(attendance(&state["attendance"]), (2, 2, 0, 1, 1));
    body(act(app, &join, on1.who()).await, 200).await;
    body(act(app, &join, on2.who()).await, 200).await;
    body(act(app, &join, away.who()).await, 200).await;
    body(act(app, &join, stranger.who()).await, 200).await;
    let anonymous = body(act(app, &join, Who::Nobody).await, 200).await;

    // Assert: two present online, counted once each; the room by its check-ins.
    assert_eq!(attendance(&anonymous["attendance"]), (2, 2, 0, 1, 2));
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM meeting_registrations WHERE meeting_id = {m} AND joined_at IS NOT NULL")).await, 2);
    let events = reader.take(2).await;
    assert_eq!(names(&events), ["attendance", "attendance"]);
    assert_eq!(
        (
            attendance(&events[0].data["attendance"]),
            attendance(&events[1].data["attendance"])
        ),
        ((2, 2, 0, 1, 1), (2, 2, 0, 1, 2))
    );
    body(ask(app, m, chair.who(), "모두 잘 들리십니까?").await, 201).await;
    assert_eq!(
        reader.next().await.name,
        "question_posted",
        "no attendance event for the repeated or uncounted joins"
    );

    // Three hours ahead the room is not open yet: nobody is counted, no hand is raised.
    let c = council(&w, "디지털 분과").await;
    let mut later = meeting_input(c, "다음 달 회의", "online", None, "public");
    let now = chrono::Utc::now();
    later["starts_at"] = json!((now + chrono::Duration::hours(3)).to_rfc3339());
    later["ends_at"] = json!((now + chrono::Duration::hours(5)).to_rfc3339());
    let far = meeting(app, w.admin(), later).await;
    register(app, far, on1.who(), "online").await;
    let early = body(
        act(app, &format!("/api/v1/meetings/{far}/join"), on1.who()).await,
        200,
    )
    .await;
    assert_eq!(attendance(&early["attendance"]), (0, 1, 0, 0, 0));
    refused(
        act(app, &format!("/api/v1/meetings/{far}/hands"), on1.who()).await,
        409,
    )
    .await;

    // A members-only meeting stays hidden from outsiders.
    let closed = meeting(
        app,
        w.admin(),
        meeting_input(c, "위원 워크숍", "online", None, "members_only"),
    )
    .await;
    refused(
        act(
            app,
            &format!("/api/v1/meetings/{closed}/join"),
            stranger.who(),
        )
        .await,
        404,
    )
    .await;
    refused(
        get(app, &format!("/api/v1/meetings/{closed}/live"), Who::Nobody).await,
        404,
    )
    .await;
    refused(
        ask(app, closed, stranger.who(), "보이지 않는 회의에 묻습니다").await,
        404,
    )
    .await;
}

#[tokio::test]
async fn a_reader_that_reconnects_with_last_event_id_gets_the_room_events_it_missed() {
    // Arrange: a meeting with an agenda, two people online, a reader.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "rc", 3).await;
    let (chair, online, other) = (&ps[0], &ps[1], &ps[2]);
    let m = hybrid(&w, chair).await;
    let items = agenda(
        app,
        m,
        chair.who(),
        json!([{ "title": "첫째 안건" }, { "title": "둘째 안건" }]),
    )
    .await;
    register(app, m, online.who(), "online").await;
    register(app, m, other.who(), "online").await;
    let mut reader = listen(app, m, online.who(), None).await;
    body(
        move_to(app, m, chair.who(), json!({ "step": "next" })).await,
        200,
    )
    .await;
    let seen = reader.next().await;
    assert_eq!(seen.name, "agenda_moved");
    let last = seen.id.expect("an event id");

    // Act: the reader drops; meanwhile the room goes on.
    drop(reader);
    let q = id(&body(
        ask(app, m, online.who(), "첫째 안건의 예산은 얼마입니까?").await,
        201,
    )
    .await);
    body(upvote(app, q, other.who()).await, 200).await;
    body(
        act(app, &format!("/api/v1/meetings/{m}/hands"), other.who()).await,
        200,
    )
    .await;
    body(
        move_to(app, m, chair.who(), json!({ "step": "next" })).await,
        200,
    )
    .await;
    body(
        act(app, &format!("/api/v1/meetings/{m}/join"), other.who()).await,
        200,
    )
    .await;

    // Assert: reconnecting with Last-Event-ID gives exactly what was missed, in order.
    let mut back = listen(app, m, online.who(), Some(&last.to_string())).await;
    let missed = back.take(5).await;
    assert_eq!(
        names(&missed),
        [
            "question_posted",
            "question_updated",
            "hand_raised",
            "agenda_moved",
            "attendance"
        ]
    );
    let ids: Vec<i64> = missed.iter().map(|e| e.id.unwrap()).collect();
    assert!(
        ids[0] > last && ids.windows(2).all(|w| w[0] < w[1]),
        "{ids:?}"
    );
    assert_eq!(
        (
            missed[1].data["question"]["id"].as_i64(),
            missed[1].data["question"]["upvotes"].as_u64()
        ),
        (Some(q), Some(1))
    );
    assert_eq!(
        missed[1].data["question"]["upvoted_by_me"], false,
        "events never carry the reader's own flags"
    );
    assert_eq!(missed[3].data["agenda_item_id"], items[1]);
    // The full state agrees and gives the id to resume from.
    let state = live(app, m, online.who()).await;
    assert_eq!(state["last_event_id"].as_i64(), Some(ids[4]));
    assert_eq!(state["current_agenda_item_id"], items[1]);
    assert_eq!(queue(&state["questions"]), [(q, 1)]);
    assert_eq!(
        arr(&state["hands"])
            .iter()
            .map(|h| h["user_id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [other.id]
    );
    // …and then the live ones.
    assert_eq!(
        delete(app, &format!("/api/v1/meetings/{m}/hands"), other.who())
            .await
            .status(),
        204
    );
    let next = back.next().await;
    assert_eq!(
        (next.name.as_str(), next.data["user_id"].as_i64()),
        ("hand_lowered", Some(other.id))
    );
    assert!(next.id.unwrap() > ids[4]);
}

#[tokio::test]
async fn the_openapi_document_lists_the_live_room_paths() {
    let app = TestApp::spawn().await;
    let doc = body(get(&app, "/api/v1/openapi.json", Who::Nobody).await, 200).await;
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/meetings/{id}/live", "get"),
        ("/api/v1/meetings/{id}/join", "post"),
        ("/api/v1/meetings/{id}/current-item", "put"),
        ("/api/v1/meetings/{id}/questions", "get"),
        ("/api/v1/meetings/{id}/questions", "post"),
        ("/api/v1/questions/{id}/upvote", "put"),
        ("/api/v1/questions/{id}/upvote", "delete"),
        ("/api/v1/questions/{id}/state", "put"),
        ("/api/v1/meetings/{id}/hands", "get"),
        ("/api/v1/meetings/{id}/hands", "post"),
        ("/api/v1/meetings/{id}/hands", "delete"),
        ("/api/v1/meetings/{id}/hands/{user_id}", "delete"),
        ("/api/v1/meetings/{id}/hands/next", "post"),
        ("/api/v1/meetings/{id}/hands/{user_id}/call", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for s in [
        "LiveStateDto",
        "QuestionDto",
        "QuestionInput",
        "QuestionModerationInput",
        "MoveAgendaInput",
        "HandDto",
        "AttendanceDto",
    ] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
}

// ---------------------------------------------------------------------------
// Agenda edits, check-ins and presence as the live room sees them

fn minutes_of(minutes: &Value, item: i64) -> (String, String) {
    let found = arr(&minutes["items"])
        .iter()
        .find(|i| i["agenda_item"]["id"] == item)
        .unwrap_or_else(|| panic!("no item {item} in {minutes}"));
    (
        found["decisions"].as_str().unwrap().to_owned(),
        found["summary"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn an_agenda_edit_keeps_the_items_it_names_with_their_minutes_text_and_the_rooms_place() {
    // Arrange: three items, the room on the second, a draft of the minutes
    // for the first two; a reader online.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "ae", 2).await;
    let (chair, online) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    let items = agenda(app, m, chair.who(), json!([{ "title": "개회 및 경과 보고" }, { "title": "예산 심의" }, { "title": "기타 안건" }])).await;
    body(
        move_to(app, m, chair.who(), json!({ "agenda_item_id": items[1] })).await,
        200,
    )
    .await;
    let minutes = format!("/api/v1/meetings/{m}/minutes");
    let draft = json!({ "items": [
        { "agenda_item_id": items[0], "decisions": "보고 접수" },
        { "agenda_item_id": items[1], "decisions": "원안 가결", "summary": "예산 증액 의견이 있었습니다." },
    ] });
    body(put(app, &minutes, chair.who(), draft).await, 200).await;
    register(app, m, online.who(), "online").await;
    let mut reader = listen(app, m, online.who(), None).await;

    // Act 1: the second item renamed and moved first, the first kept, the third left out, one added.
    let edited = agenda(app, m, chair.who(), json!([{ "id": items[1], "title": "예산 심의 (수정안)" }, { "id": items[0], "title": "개회 및 경과 보고" }, { "title": "추가 안건" }])).await;

    // Assert: the items named keep their ids, in the new order; the room
    // stays on its item; the minutes text stays with the items.
    assert_eq!(edited.len(), 3);
    assert_eq!(edited[..2], [items[1], items[0]]);
    assert!(!edited.contains(&items[2]));
    let state = live(app, m, online.who()).await;
    assert_eq!(state["current_agenda_item_id"], items[1]);
    let titles: Vec<&str> = arr(&state["agenda"])
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["예산 심의 (수정안)", "개회 및 경과 보고", "추가 안건"]
    );
    let positions: Vec<u64> = arr(&state["agenda"])
        .iter()
        .map(|i| i["position"].as_u64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3]);
    let kept = body(get(app, &minutes, chair.who()).await, 200).await;
    assert_eq!(
        minutes_of(&kept, items[1]),
        (
            "원안 가결".to_owned(),
            "예산 증액 의견이 있었습니다.".to_owned()
        )
    );
    assert_eq!(minutes_of(&kept, items[0]).0, "보고 접수");
    assert_eq!(
        minutes_of(&kept, edited[2]).0,
        "",
        "a new item starts blank"
    );

    // Act 2: the item the room is on is left out.
    let last = agenda(app, m, chair.who(), json!([{ "id": items[0], "title": "개회 및 경과 보고" }, { "id": edited[2], "title": "추가 안건" }])).await;

    // Assert: the room is on no item, and the reader is told so (its first
    // event: keeping the current item in Act 1 sent none).
    assert_eq!(last, [items[0], edited[2]]);
    let moved = reader.next().await;
    assert_eq!(
        (moved.name.as_str(), &moved.data["agenda_item_id"]),
        ("agenda_moved", &Value::Null)
    );
    let state = live(app, m, online.who()).await;
    assert!(state["current_agenda_item_id"].is_null());
    assert_eq!(state["last_event_id"].as_i64(), moved.id);
    assert_eq!(
        arr(&body(get(app, &minutes, chair.who()).await, 200).await["items"]).len(),
        2
    );

    // An id that is not an item of this meeting (another meeting's, a
    // deleted one) or is given twice is refused on its field; nothing changes.
    let other = meeting(
        app,
        w.admin(),
        meeting_input(
            council(&w, "규제혁신 분과").await,
            "분과 회의",
            "online",
            None,
            "public",
        ),
    )
    .await;
    let foreign = agenda(
        app,
        other,
        w.admin(),
        json!([{ "title": "다른 회의의 안건" }]),
    )
    .await[0];
    let bad = json!({ "items": [
        { "id": foreign, "title": "남의 안건" }, { "id": items[0], "title": "개회" }, { "id": items[0], "title": "개회 또" }, { "id": items[1], "title": "지운 안건" },
    ] });
    let mut fields = refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            chair.who(),
            bad,
        )
        .await,
        422,
    )
    .await;
    fields.sort();
    assert_eq!(fields, ["items[0].id", "items[2].id", "items[3].id"]);
    assert_eq!(
        arr(&live(app, m, Who::Nobody).await["agenda"])
            .iter()
            .map(id)
            .collect::<Vec<_>>(),
        last
    );
    assert_eq!(
        arr(&live(app, other, Who::Nobody).await["agenda"])
            .iter()
            .map(id)
            .collect::<Vec<_>>(),
        [foreign]
    );
}

#[tokio::test]
async fn a_check_in_at_the_door_updates_the_live_rooms_attendance() {
    // Arrange: one person registered online, one for the room; a reader.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "dc", 3).await;
    let (chair, guest, online) = (&ps[0], &ps[1], &ps[2]);
    let m = hybrid(&w, chair).await;
    register(app, m, online.who(), "online").await;
    let code = register(app, m, guest.who(), "in_room").await["check_in_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut reader = listen(app, m, online.who(), None).await;

    // Act
    body(check_in(app, m, chair.who(), &code).await, 200).await;

    // Assert: the reader gets the new attendance, as the state has it.
    let e = reader.next().await;
    assert_eq!(e.name, "attendance");
    assert_eq!(attendance(&e.data["attendance"]), (1, 1, 0, 1, 0));
    let state = live(app, m, Who::Nobody).await;
    assert_eq!(attendance(&state["attendance"]), (1, 1, 0, 1, 0));
    assert_eq!(state["last_event_id"].as_i64(), e.id);
    // A refused check-in (the code again) changes nothing and sends nothing.
    refused(check_in(app, m, chair.who(), &code).await, 409).await;
    body(
        ask(app, m, guest.who(), "입장 확인 후에 묻습니다").await,
        201,
    )
    .await;
    assert_eq!(reader.next().await.name, "question_posted");
}

#[tokio::test]
async fn a_registration_shows_presence_online_and_a_registration_after_a_cancel_starts_absent() {
    // Arrange: a person registered online.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "pr", 2).await;
    let (chair, online) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    let registration = format!("/api/v1/meetings/{m}/registration");
    let join = format!("/api/v1/meetings/{m}/join");
    let first = register(app, m, online.who(), "online").await;
    assert!(first["present_at"].is_null() && first["present_mode"].is_null());

    // Act 1: they join the live room.
    body(act(app, &join, online.who()).await, 200).await;

    // Assert: their registration shows them present online.
    let mine = body(get(app, &registration, online.who()).await, 200).await;
    assert_eq!(mine["present_mode"], "online");
    assert!(mine["present_at"].is_string(), "{mine}");
    let dto = body(
        get(app, &format!("/api/v1/meetings/{m}"), online.who()).await,
        200,
    )
    .await;
    assert_eq!(dto["my_registration"]["present_mode"], "online");

    // Act 2: they cancel, then register again.
    assert_eq!(delete(app, &registration, online.who()).await.status(), 204);
    let again = register(app, m, online.who(), "online").await;

    // Assert: the new registration starts absent, in the room's count too…
    assert!(
        again["present_at"].is_null() && again["present_mode"].is_null(),
        "{again}"
    );
    assert!(body(get(app, &registration, online.who()).await, 200).await["present_at"].is_null());
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM meeting_registrations WHERE meeting_id = {m} AND joined_at IS NOT NULL")).await, 0);
    assert_eq!(
        attendance(&live(app, m, Who::Nobody).await["attendance"]),
        (0, 1, 0, 0, 0)
    );
    // …and joining again counts them again.
    let state = body(act(app, &join, online.who()).await, 200).await;
    assert_eq!(attendance(&state["attendance"]), (0, 1, 0, 0, 1));
    assert_eq!(
        body(get(app, &registration, online.who()).await, 200).await["present_mode"],
        "online"
    );
}
