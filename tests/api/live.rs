//! Live polls and the live event stream of meetings (issue 6) over HTTP:
//! one vote per person across the room and online, hand counts kept apart
//! and bounded by the people in the room without a phone vote, who runs
//! polls, one open poll at a time, and `GET /api/v1/meetings/{id}/events`
//! as Server-Sent Events with `Last-Event-ID` replay or resync, also across
//! two server processes on one PostgreSQL database.
//!
//! Timeouts below only keep a broken stream from hanging the run; nothing
//! waits for time to pass.

use crate::execution::{World, id, people, refused, world};
use crate::json::{Who, act, body, get, items, post, put};
use crate::meetings::{check_in, council, meeting, meeting_input, register, seat};
use crate::sse::{GUARD, connect, listen};
use serde_json::{Value, json};
use tests::TestApp;

async fn poll(app: &TestApp, meeting: i64, who: Who<'_>, input: Value) -> i64 {
    id(&body(
        post(
            app,
            &format!("/api/v1/meetings/{meeting}/polls"),
            who,
            input,
        )
        .await,
        201,
    )
    .await)
}

fn single(question: &str) -> Value {
    json!({ "question": question, "kind": "single", "options": ["가안", "나안", "다안"] })
}

async fn vote(app: &TestApp, poll: i64, who: Who<'_>, choices: &[u32]) -> reqwest::Response {
    put(
        app,
        &format!("/api/v1/polls/{poll}/vote"),
        who,
        json!({ "choices": choices }),
    )
    .await
}

/// Checks a person in at the door (200).
async fn seated(app: &TestApp, meeting: i64, staff: Who<'_>, who: Who<'_>) {
    let reg = register(app, meeting, who, "in_room").await;
    let code = reg["check_in_code"].as_str().unwrap().to_owned();
    body(check_in(app, meeting, staff, &code).await, 200).await;
}

/// (room, online, hand_count) per option.
fn split(results: &Value) -> Vec<(u64, u64, u64)> {
    results["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["room"].as_u64().unwrap(),
                o["online"].as_u64().unwrap(),
                o["hand_count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A hybrid public meeting run by a chair.
async fn hybrid(w: &World, chair: &crate::execution::Member) -> i64 {
    let c = council(w, "정부혁신추진협의회").await;
    seat(w, c, &[(chair, "chair")]).await;
    meeting(
        &w.app,
        chair.who(),
        meeting_input(c, "제5차 정기회의", "hybrid", Some(20), "public"),
    )
    .await
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_poll_takes_one_vote_per_person_from_the_room_or_online_and_keeps_hand_counts_apart() {
    // Arrange: three people checked in at the room, one online, one registered
    // for the room but not checked in, one not registered.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "pv", 7).await;
    let (chair, in_room, online, late, stranger) = (&ps[0], &ps[1], &ps[2], &ps[3], &ps[4]);
    let m = hybrid(&w, chair).await;
    for p in [in_room, &ps[5], &ps[6]] {
        seated(app, m, chair.who(), p.who()).await;
    }
    register(app, m, online.who(), "online").await;
    register(app, m, late.who(), "in_room").await;
    let p = poll(app, m, chair.who(), single("어느 안을 지지하십니까?")).await;
    body(
        act(app, &format!("/api/v1/polls/{p}/open"), chair.who()).await,
        200,
    )
    .await;

    // Act: a room vote, an online vote replaced by a second one.
    body(vote(app, p, in_room.who(), &[0]).await, 200).await;
    body(vote(app, p, online.who(), &[1]).await, 200).await;
    let mine = body(vote(app, p, online.who(), &[2]).await, 200).await;

    // Assert: one vote each, with its provenance; the later vote counts.
    assert_eq!(mine["my_vote"], json!([2]));
    assert!(
        mine["results"].is_null(),
        "results of an open poll are the facilitator's"
    );
    let seen = body(
        get(app, &format!("/api/v1/polls/{p}"), chair.who()).await,
        200,
    )
    .await;
    assert_eq!(split(&seen["results"]), [(1, 0, 0), (0, 0, 0), (0, 1, 0)]);
    assert_eq!(
        (
            seen["results"]["voters"]["room"].as_u64(),
            seen["results"]["voters"]["online"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM meeting_poll_votes WHERE poll_id = {p}"
        ))
        .await,
        2
    );
    // Not checked in, not registered, not signed in; choices outside the poll.
    refused(vote(app, p, late.who(), &[0]).await, 403).await;
    refused(vote(app, p, stranger.who(), &[0]).await, 403).await;
    assert_eq!(vote(app, p, Who::Nobody, &[0]).await.status(), 401);
    assert_eq!(
        refused(vote(app, p, in_room.who(), &[7]).await, 422).await,
        ["choices"]
    );

    // Hand counts: the two people in the room without a phone vote, kept apart.
    let path = format!("/api/v1/polls/{p}/hand-count");
    refused(
        put(app, &path, in_room.who(), json!({ "counts": [1, 0, 0] })).await,
        403,
    )
    .await;
    assert_eq!(
        refused(
            put(app, &path, chair.who(), json!({ "counts": [3, 0, 0] })).await,
            422
        )
        .await,
        ["counts[0]"]
    );
    assert_eq!(
        refused(
            put(app, &path, chair.who(), json!({ "counts": [2, 1, 0] })).await,
            422
        )
        .await,
        ["counts"]
    );
    let counted = body(
        put(app, &path, chair.who(), json!({ "counts": [1, 1, 0] })).await,
        200,
    )
    .await;
    assert_eq!(
        split(&counted["results"]),
        [(1, 0, 1), (0, 0, 1), (0, 1, 0)]
    );
    let totals: Vec<u64> = counted["results"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["total"].as_u64().unwrap())
        .collect();
    assert_eq!(totals, [2, 1, 1]);
    assert_eq!(counted["results"]["voters"]["hand_count"], 2);

    // Closed: the results are everyone's, and votes are refused.
    body(
        act(app, &format!("/api/v1/polls/{p}/close"), chair.who()).await,
        200,
    )
    .await;
    let public = body(
        get(app, &format!("/api/v1/polls/{p}"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(public["state"], "closed");
    assert_eq!(split(&public["results"]), [(1, 0, 1), (0, 0, 1), (0, 1, 0)]);
    refused(vote(app, p, in_room.who(), &[1]).await, 409).await;
}

#[tokio::test]
async fn only_the_staff_run_polls_and_one_poll_is_open_at_a_time() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "po", 2).await;
    let (chair, citizen) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    refused(
        post(
            app,
            &format!("/api/v1/meetings/{m}/polls"),
            citizen.who(),
            single("제안을 채택할까요?"),
        )
        .await,
        403,
    )
    .await;
    let bad = json!({ "question": "왜", "kind": "ranked" });
    let mut fields = refused(
        post(
            app,
            &format!("/api/v1/meetings/{m}/polls"),
            chair.who(),
            bad,
        )
        .await,
        422,
    )
    .await;
    fields.sort();
    assert_eq!(fields, ["kind", "question"]);
    let first = poll(
        app,
        m,
        chair.who(),
        json!({ "question": "안건을 채택할까요?", "kind": "yes_no_abstain" }),
    )
    .await;
    let second = poll(
        app,
        m,
        chair.who(),
        json!({ "question": "만족도는 어떠셨습니까?", "kind": "scale" }),
    )
    .await;
    let third = poll(app, m, w.admin(), single("다음 회의 장소는?")).await;
    let at = |p: i64, what: &str| format!("/api/v1/polls/{p}/{what}");

    // Drafts are the staff's.
    refused(
        get(app, &format!("/api/v1/polls/{first}"), citizen.who()).await,
        404,
    )
    .await;
    assert!(
        items(
            &body(
                get(app, &format!("/api/v1/meetings/{m}/polls"), citizen.who()).await,
                200
            )
            .await
        )
        .is_empty()
    );
    assert_eq!(
        items(
            &body(
                get(app, &format!("/api/v1/meetings/{m}/polls"), chair.who()).await,
                200
            )
            .await
        )
        .len(),
        3
    );

    // Only the staff open, close and count hands.
    assert_eq!(
        act(app, &at(first, "open"), Who::Nobody).await.status(),
        401
    );
    refused(act(app, &at(first, "open"), citizen.who()).await, 403).await;
    body(act(app, &at(first, "open"), chair.who()).await, 200).await;
    refused(act(app, &at(first, "close"), citizen.who()).await, 403).await;
    refused(
        put(
            app,
            &at(first, "hand-count"),
            citizen.who(),
            json!({ "counts": [0, 0, 0] }),
        )
        .await,
        403,
    )
    .await;
    assert_eq!(
        items(
            &body(
                get(app, &format!("/api/v1/meetings/{m}/polls"), citizen.who()).await,
                200
            )
            .await
        )
        .len(),
        1
    );

    // One open poll at a time; no way back to open; no hand count on a draft.
    refused(act(app, &at(second, "open"), chair.who()).await, 409).await;
    refused(act(app, &at(first, "open"), chair.who()).await, 409).await;
    refused(
        put(
            app,
            &at(third, "hand-count"),
            chair.who(),
            json!({ "counts": [0, 0, 0] }),
        )
        .await,
        409,
    )
    .await;
    body(act(app, &at(first, "close"), chair.who()).await, 200).await;
    refused(act(app, &at(first, "close"), chair.who()).await, 409).await;
    refused(act(app, &at(first, "open"), chair.who()).await, 409).await;
    let opened = body(act(app, &at(second, "open"), w.admin()).await, 200).await;
    assert_eq!(opened["state"], "open");
    assert_eq!(opened["options"].as_array().unwrap().len(), 5);
    refused(
        act(app, "/api/v1/polls/999999/open", chair.who()).await,
        404,
    )
    .await;
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('poll.opened', 'poll.closed')"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn the_event_stream_sends_poll_events_and_replays_exactly_what_a_reader_missed() {
    // Arrange: a chair and a person attending online; two polls prepared.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "ev", 2).await;
    let (chair, online) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    register(app, m, online.who(), "online").await;
    let p1 = poll(app, m, chair.who(), single("첫째 안건을 채택할까요?")).await;
    let p2 = poll(app, m, chair.who(), single("둘째 안건을 채택할까요?")).await;
    let mut reader = listen(app, m, online.who(), None).await;
    let mut staff = listen(app, m, chair.who(), None).await;

    // Act: the chair opens a poll.
    body(
        act(app, &format!("/api/v1/polls/{p1}/open"), chair.who()).await,
        200,
    )
    .await;

    // Assert: both see it arrive, with an id to resume from.
    let opened = reader.next().await;
    assert_eq!(
        (opened.name.as_str(), opened.data["type"].as_str()),
        ("poll_opened", Some("poll_opened"))
    );
    assert_eq!(opened.data["poll"]["id"], p1);
    assert!(opened.data["poll"]["my_vote"].is_null() && opened.data["poll"]["results"].is_null());
    let first = opened.id.expect("an event id");
    assert_eq!(staff.next().await.id, Some(first));

    // The reader goes away; meanwhile a vote, the close and the next poll.
    drop(reader);
    body(vote(app, p1, online.who(), &[1]).await, 200).await;
    body(
        act(app, &format!("/api/v1/polls/{p1}/close"), chair.who()).await,
        200,
    )
    .await;
    body(
        act(app, &format!("/api/v1/polls/{p2}/open"), chair.who()).await,
        200,
    )
    .await;
    // The staff saw the live results of the vote; others only the results at closing.
    assert_eq!(
        staff.names(4).await,
        ["poll_results", "poll_closed", "poll_results", "poll_opened"]
    );

    // Reconnecting with Last-Event-ID gives exactly what was missed, in order.
    let mut back = listen(app, m, online.who(), Some(&first.to_string())).await;
    let missed = [back.next().await, back.next().await, back.next().await];
    let names: Vec<&str> = missed.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["poll_closed", "poll_results", "poll_opened"]);
    let ids: Vec<i64> = missed.iter().map(|e| e.id.unwrap()).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]) && ids[0] > first,
        "{ids:?}"
    );
    assert_eq!(missed[1].data["results"]["options"][1]["online"], 1);
    assert_eq!(missed[2].data["poll"]["id"], p2);
    // …and then the live ones, with nothing in between.
    body(
        act(app, &format!("/api/v1/polls/{p2}/close"), chair.who()).await,
        200,
    )
    .await;
    let next = back.next().await;
    assert_eq!(
        (next.name.as_str(), next.data["poll_id"].as_i64()),
        ("poll_closed", Some(p2))
    );
    assert!(next.id.unwrap() > ids[2]);
    let mut staff_back = listen(app, m, chair.who(), Some(&first.to_string())).await;
    assert_eq!(
        staff_back.names(4).await,
        ["poll_results", "poll_closed", "poll_results", "poll_opened"]
    );

    // An id the meeting never gave, or no number at all: resync, from the latest id.
    for unknown in ["999999", "abc"] {
        let mut lost = listen(app, m, online.who(), Some(unknown)).await;
        let e = lost.next().await;
        assert_eq!(
            (e.name.as_str(), e.data["type"].as_str()),
            ("resync", Some("resync"))
        );
        assert!(e.id.unwrap() > ids[2]);
    }

    // The stream's route keeps the site's headers, is never compressed and takes only GET.
    let res = app
        .client
        .get(app.url(&format!("/api/v1/meetings/{m}/events")))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    let h = res.headers();
    assert_eq!(h["content-type"], "text/event-stream");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("x-request-id") && !h.contains_key("content-encoding"), "{h:?}");
    drop(res);
    let res = app.post(&format!("/api/v1/meetings/{m}/events"), None).send().await.unwrap();
    assert_eq!(crate::error_code(res, 405).await.0, "method_not_allowed");

    // The stream follows the meeting's visibility.
    assert_eq!(
        connect(app, 999_999, online.who(), None).await.status(),
        404
    );
    let c = council(&w, "위원 전용 분과").await;
    let closed = meeting(
        app,
        w.admin(),
        meeting_input(c, "위원 워크숍", "online", None, "members_only"),
    )
    .await;
    assert_eq!(connect(app, closed, online.who(), None).await.status(), 404);
    listen(app, closed, w.admin(), None).await;
    // A change of visibility holds for the next reader at once (the
    // access check is never answered from before the asking).
    for (visibility, status) in [("public", 200), ("members_only", 404), ("public", 200)] {
        let input = meeting_input(c, "위원 워크숍", "online", None, visibility);
        body(put(app, &format!("/api/v1/meetings/{closed}"), w.admin(), input).await, 200).await;
        assert_eq!(connect(app, closed, Who::Nobody, None).await.status(), status, "{visibility}");
    }

    // A shutdown ends open streams (they never end by themselves) instead of
    // leaving them to the grace period.
    let mut open = listen(app, m, online.who(), None).await;
    w.app.stop().await.unwrap();
    loop {
        match tokio::time::timeout(GUARD, open.res.chunk())
            .await
            .expect("the stream did not end (failure guard)")
        {
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(e) => panic!("the stream broke instead of ending: {e}"),
        }
    }
}

#[tokio::test]
async fn the_openapi_document_lists_the_poll_paths() {
    let app = TestApp::spawn().await;
    let doc = body(get(&app, "/api/v1/openapi.json", Who::Nobody).await, 200).await;
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/meetings/{id}/polls", "post"),
        ("/api/v1/meetings/{id}/polls", "get"),
        ("/api/v1/polls/{id}", "get"),
        ("/api/v1/polls/{id}/open", "post"),
        ("/api/v1/polls/{id}/close", "post"),
        ("/api/v1/polls/{id}/vote", "put"),
        ("/api/v1/polls/{id}/hand-count", "put"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for s in [
        "PollDto",
        "PollInput",
        "VoteInput",
        "HandCountInput",
        "PollResultsDto",
    ] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
}

#[tokio::test]
async fn a_vote_through_one_server_reaches_a_reader_of_another() {
    let w = world().await;
    if !w.app.database_url.starts_with("postgres") {
        eprintln!(
            "note: two server processes share a database only on PostgreSQL (TEST_DATABASE_URL); skipped on SQLite"
        );
        return;
    }
    // Arrange: a second server on the same database; the chair reads its stream.
    let app = &w.app;
    let other = TestApp::spawn_sharing(app).await;
    let ps = people(app, "tw", 2).await;
    let (chair, online) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    register(app, m, online.who(), "online").await;
    let p = poll(
        app,
        m,
        chair.who(),
        single("두 서버에서 같은 결과가 보입니까?"),
    )
    .await;
    let mut reader = listen(&other, m, chair.who(), None).await;

    // Act: the poll is opened and voted on through the first server.
    body(
        act(app, &format!("/api/v1/polls/{p}/open"), chair.who()).await,
        200,
    )
    .await;
    body(vote(app, p, online.who(), &[2]).await, 200).await;

    // Assert: the reader of the second server gets both.
    assert_eq!(reader.next().await.name, "poll_opened");
    let results = reader.next().await;
    assert_eq!(results.name, "poll_results");
    assert_eq!(
        split(&results.data["results"]),
        [(0, 0, 0), (0, 0, 0), (0, 1, 0)]
    );
    // And a reader of the first server resumes from an id given by the second.
    let mut again = listen(app, m, chair.who(), Some(&results.id.unwrap().to_string())).await;
    body(
        act(app, &format!("/api/v1/polls/{p}/close"), chair.who()).await,
        200,
    )
    .await;
    assert_eq!(again.next().await.name, "poll_closed");
}

#[tokio::test]
async fn a_persons_download_has_their_part_in_meetings_and_deleting_the_account_frees_their_seat() {
    // Arrange: a chair's hybrid meeting with an open poll; a member of a
    // council who registered for it, voted and asked; a small meeting whose
    // one seat the member holds, with someone waiting.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "ex", 2).await;
    let (chair, waiting) = (&ps[0], &ps[1]);
    let m = hybrid(&w, chair).await;
    let cookie = app.sign_up("leaving@example.kr", crate::execution::PASSWORD, "떠나는 위원").await;
    let me = crate::execution::Member {
        id: app.count("SELECT id AS n FROM users WHERE email = 'leaving@example.kr'").await,
        token: String::new(),
    };
    let who = Who::Cookie(&cookie);
    let c = council(&w, "국민참여 분과").await;
    seat(&w, c, &[(chair, "chair"), (&me, "member")]).await;
    register(app, m, who, "online").await;
    let p = poll(app, m, chair.who(), single("첫째 안건을 채택할까요?")).await;
    body(act(app, &format!("/api/v1/polls/{p}/open"), chair.who()).await, 200).await;
    body(vote(app, p, who, &[1]).await, 200).await;
    let question = json!({ "body": "예산은 어디에서 마련하나요?" });
    body(post(app, &format!("/api/v1/meetings/{m}/questions"), who, question).await, 201).await;
    let small = meeting(app, chair.who(), meeting_input(c, "소회의", "in_person", Some(1), "public")).await;
    let seat_code = register(app, small, who, "in_room").await["check_in_code"].as_str().unwrap().to_owned();
    assert_eq!(register(app, small, waiting.who(), "in_room").await["state"], "waitlisted");
    let agenda = json!({ "items": [{ "title": "분과 활동 보고", "presenter_id": me.id }] });
    body(put(app, &format!("/api/v1/meetings/{small}/agenda"), chair.who(), agenda).await, 200).await;

    let followed = crate::meetings::published_proposal(&w).await;
    assert_eq!(put(app, &format!("/api/v1/proposals/{followed}/follow"), who, json!({})).await.status(), 204);

    // Act and assert: the download has all of it, and no check-in code.
    let data = body(get(app, "/api/v1/me/export", who).await, 200).await;
    assert_eq!(data["councils"][0]["council"], "국민참여 분과");
    assert_eq!(data["councils"][0]["role"], "member");
    let regs = data["meeting_registrations"].as_array().unwrap();
    assert_eq!(
        regs.iter().map(|r| (r["meeting_id"].as_i64().unwrap(), r["mode"].as_str().unwrap())).collect::<Vec<_>>(),
        [(m, "online"), (small, "in_room")]
    );
    assert_eq!(regs[0]["meeting"], "제5차 정기회의");
    assert_eq!(data["poll_votes"][0]["question"], "첫째 안건을 채택할까요?");
    assert_eq!(data["poll_votes"][0]["choices"], json!(["나안"]));
    assert_eq!(data["poll_votes"][0]["from"], "online");
    assert_eq!(data["meeting_questions"][0]["body"], "예산은 어디에서 마련하나요?");
    assert_eq!(data["meeting_agenda_items_presented"][0]["agenda_item"], "분과 활동 보고");
    // The door code stays out of the download, as shown and as stored.
    let text = data.to_string();
    assert!(!text.contains(&seat_code) && !text.contains(&seat_code.replace('-', "")), "{text}");
    assert!(regs.iter().all(|r| r.get("check_in_code").is_none()));

    // Deleting the account takes the person off the council and gives the
    // seat to the person waiting.
    let res = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("cookie", &cookie)
        .header("origin", app.base.as_str())
        .json(&json!({ "password": crate::execution::PASSWORD, "confirm": "탈퇴" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let council = body(get(app, &format!("/api/v1/councils/{c}"), w.admin()).await, 200).await;
    let members: Vec<i64> = council["members"].as_array().unwrap().iter().map(|m| m["user_id"].as_i64().unwrap()).collect();
    assert_eq!(members, [chair.id]);
    let mine = body(get(app, &format!("/api/v1/meetings/{small}/registration"), waiting.who()).await, 200).await;
    assert_eq!(mine["state"], "registered");
    // A deleted account follows nothing and is told nothing more.
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM follows WHERE user_id = {}", me.id)).await, 0);
    let told = |id: i64| format!("SELECT COUNT(*) AS n FROM notifications WHERE user_id = {id} AND kind = 'test_notice'");
    server::services::notifications::notify(&app.db, [me.id, waiting.id], None, "test_notice", None, None, json!({}))
        .await
        .unwrap();
    assert_eq!((app.count(&told(me.id)).await, app.count(&told(waiting.id)).await), (0, 1));
}
