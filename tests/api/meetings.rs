//! Councils and hybrid meetings (협의회·회의, issue 6) over HTTP, first
//! slice: councils and members, who may plan meetings, members-only
//! meetings, registration with the room's waiting list under concurrent
//! sign-ups, check-in codes at the door and the calendar file. The rules
//! are documented in `shared::meeting`.
//!
//! Set-up reuses the execution tests' world (an admin, a process, an author)
//! and people with API tokens. Meetings start half an hour from now, so the
//! door is open (it opens an hour before the start).

use crate::execution::{Member, World, id, notifications, of_kind, people, refused, world};
use crate::json::{Who, arr, body, delete, get, items, post, put};
use crate::minutes::set_times;
use futures::future::join_all;
use serde_json::{Value, json};
use tests::TestApp;

/// A council made by the world's admin.
pub(crate) async fn council(w: &World, name: &str) -> i64 {
    let input = json!({ "name": name, "description": "정부혁신 민관 협의체" });
    id(&body(
        post(&w.app, "/api/v1/councils", w.admin(), input).await,
        201,
    )
    .await)
}

/// Sets a council's members (200): `(person, role)`.
pub(crate) async fn seat(w: &World, council: i64, members: &[(&Member, &str)]) -> Value {
    let list: Vec<Value> = members
        .iter()
        .map(|(m, role)| json!({ "user_id": m.id, "side": "civilian", "role": role }))
        .collect();
    body(
        put(
            &w.app,
            &format!("/api/v1/councils/{council}/members"),
            w.admin(),
            json!({ "members": list }),
        )
        .await,
        200,
    )
    .await
}

/// A meeting input starting half an hour from now, lasting two hours.
pub(crate) fn meeting_input(
    council: i64,
    title: &str,
    kind: &str,
    capacity: Option<i64>,
    visibility: &str,
) -> Value {
    let now = chrono::Utc::now();
    json!({
        "council_id": council, "title": title, "description": "분기 정기회의", "kind": kind,
        "starts_at": (now + chrono::Duration::minutes(30)).to_rfc3339(),
        "ends_at": (now + chrono::Duration::minutes(150)).to_rfc3339(),
        "venue": "정부서울청사 별관 2층 대회의실", "capacity": capacity,
        "online_url": if kind == "in_person" { "" } else { "https://meet.example.kr/gov-council" },
        "visibility": visibility,
    })
}

pub(crate) async fn meeting(app: &TestApp, who: Who<'_>, input: Value) -> i64 {
    id(&body(post(app, "/api/v1/meetings", who, input).await, 201).await)
}

pub(crate) async fn register(app: &TestApp, meeting: i64, who: Who<'_>, mode: &str) -> Value {
    body(
        put(
            app,
            &format!("/api/v1/meetings/{meeting}/registration"),
            who,
            json!({ "mode": mode }),
        )
        .await,
        200,
    )
    .await
}

async fn mine(app: &TestApp, meeting: i64, who: Who<'_>) -> Value {
    body(
        get(
            app,
            &format!("/api/v1/meetings/{meeting}/registration"),
            who,
        )
        .await,
        200,
    )
    .await
}

pub(crate) async fn check_in(
    app: &TestApp,
    meeting: i64,
    who: Who<'_>,
    code: &str,
) -> reqwest::Response {
    post(
        app,
        &format!("/api/v1/meetings/{meeting}/check-in"),
        who,
        json!({ "code": code }),
    )
    .await
}

fn state(reg: &Value) -> &str {
    reg["state"]
        .as_str()
        .unwrap_or_else(|| panic!("no state in {reg}"))
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn twelve_people_registering_at_once_for_five_seats_get_five_seats_and_a_waiting_list_in_order()
 {
    // Arrange: a hybrid meeting with five seats in the room.
    let w = world().await;
    let app = &w.app;
    let c = council(&w, "정부혁신추진협의회").await;
    let m = meeting(
        app,
        w.admin(),
        meeting_input(c, "제3차 정기회의", "hybrid", Some(5), "public"),
    )
    .await;
    let ps = people(app, "rg", 14).await;

    // Act: twelve people register for the room at the same moment.
    let results = join_all(
        ps[..12]
            .iter()
            .map(|p| register(app, m, p.who(), "in_room")),
    )
    .await;

    // Assert: exactly five seats taken, seven waiting, in the order they came.
    let registered = results.iter().filter(|r| state(r) == "registered").count();
    let waiting: Vec<&Value> = results
        .iter()
        .filter(|r| state(r) == "waitlisted")
        .collect();
    assert_eq!((registered, waiting.len()), (5, 7), "{results:?}");
    assert!(
        results
            .iter()
            .filter(|r| state(r) == "registered")
            .all(|r| r["check_in_code"].is_string())
    );
    assert!(
        waiting.iter().all(|r| r["check_in_code"].is_null()),
        "people waiting have no code yet"
    );
    let queue = app.strings(&format!("SELECT CAST(user_id AS VARCHAR(20)) AS v FROM meeting_registrations WHERE meeting_id = {m} AND state = 'waitlisted' ORDER BY ordinal")).await;
    let mut by_position = Vec::new();
    for p in &ps[..12] {
        let reg = mine(app, m, p.who()).await;
        if let Some(pos) = reg["waitlist_position"].as_u64() {
            by_position.push((pos, p.id.to_string()));
        }
    }
    by_position.sort();
    assert_eq!(
        by_position.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        (1..=7).collect::<Vec<u64>>()
    );
    assert_eq!(
        by_position
            .iter()
            .map(|(_, u)| u.clone())
            .collect::<Vec<_>>(),
        queue,
        "positions follow the queue"
    );
    let dto = body(
        get(app, &format!("/api/v1/meetings/{m}"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(
        (
            dto["counts"]["in_room"].as_u64(),
            dto["counts"]["waitlisted"].as_u64()
        ),
        (Some(5), Some(7))
    );
    assert!(
        dto["online_url"].is_null(),
        "the link is for people registered"
    );

    // Online registrations never wait, even with people waiting for the room.
    let online = register(app, m, ps[12].who(), "online").await;
    assert_eq!(state(&online), "registered");
    assert!(
        online["check_in_code"].is_null(),
        "no door code for online attendance"
    );
    let seen = body(
        get(app, &format!("/api/v1/meetings/{m}"), ps[12].who()).await,
        200,
    )
    .await;
    assert_eq!(seen["online_url"], "https://meet.example.kr/gov-council");

    // A seat holder cancels: the first person waiting takes the seat and is told.
    let holder = ps[..12]
        .iter()
        .zip(&results)
        .find(|(_, r)| state(r) == "registered")
        .map(|(p, _)| p)
        .unwrap();
    let first = ps
        .iter()
        .find(|p| p.id.to_string() == by_position[0].1)
        .unwrap();
    let second = ps
        .iter()
        .find(|p| p.id.to_string() == by_position[1].1)
        .unwrap();
    assert_eq!(
        delete(
            app,
            &format!("/api/v1/meetings/{m}/registration"),
            holder.who()
        )
        .await
        .status(),
        204
    );
    let promoted = mine(app, m, first.who()).await;
    assert_eq!(state(&promoted), "registered");
    assert!(promoted["check_in_code"].is_string());
    assert_eq!(
        of_kind(&notifications(app, first.who()).await, "meeting_promoted").len(),
        1
    );
    assert_eq!(mine(app, m, second.who()).await["waitlist_position"], 1);
    assert!(of_kind(&notifications(app, second.who()).await, "meeting_promoted").is_empty());
    assert_eq!(
        get(
            app,
            &format!("/api/v1/meetings/{m}/registration"),
            holder.who()
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        delete(
            app,
            &format!("/api/v1/meetings/{m}/registration"),
            holder.who()
        )
        .await
        .status(),
        404
    );

    // Switching from the room to online frees a seat for the next one too.
    let switched = register(app, m, first.who(), "online").await;
    assert_eq!(state(&switched), "registered");
    assert_eq!(state(&mine(app, m, second.who()).await), "registered");
    let dto = body(
        get(app, &format!("/api/v1/meetings/{m}"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(
        (
            dto["counts"]["in_room"].as_u64(),
            dto["counts"]["online"].as_u64(),
            dto["counts"]["waitlisted"].as_u64()
        ),
        (Some(5), Some(2), Some(5))
    );

    // A mode the meeting does not offer, or no mode, is refused with the field.
    let fields = refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}/registration"),
            ps[13].who(),
            json!({ "mode": "teleport" }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(fields, ["mode"]);
    assert_eq!(
        put(
            app,
            &format!("/api/v1/meetings/{m}/registration"),
            Who::Nobody,
            json!({ "mode": "online" })
        )
        .await
        .status(),
        401
    );
}

#[tokio::test]
async fn check_in_codes_cannot_be_reused_or_guessed() {
    // Arrange: a council with a chair and a plain member; a room meeting; a registrant.
    let w = world().await;
    let app = &w.app;
    let c = council(&w, "규제혁신 분과").await;
    let ps = people(app, "ci", 4).await;
    let (chair, member, guest, outsider) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    seat(&w, c, &[(chair, "chair"), (member, "member")]).await;
    let m = meeting(
        app,
        chair.who(),
        meeting_input(c, "현장 점검 회의", "in_person", Some(30), "public"),
    )
    .await;
    let reg = register(app, m, guest.who(), "in_room").await;
    let code = reg["check_in_code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 11, "written ABCDE-FGHJK: {code}");

    // Only staff check people in.
    assert_eq!(check_in(app, m, Who::Nobody, &code).await.status(), 401);
    refused(check_in(app, m, member.who(), &code).await, 403).await;
    refused(check_in(app, m, outsider.who(), &code).await, 403).await;

    // A typo is caught by the check character (422), before any look-up.
    let mut typo: Vec<char> = code.chars().collect();
    typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    assert_eq!(
        refused(check_in(app, m, chair.who(), &typo).await, 422).await,
        ["code"]
    );
    // A well-formed code nobody holds is simply unknown (404).
    let guessed = shared::meeting::format_code([7, 1, 8, 2, 8, 1, 8, 2]);
    assert!(shared::meeting::code_is_well_formed(&guessed));
    refused(check_in(app, m, chair.who(), &guessed).await, 404).await;

    // Act: the chair checks the guest in, typed in lower case without the dash.
    let typed = code.replace('-', "").to_lowercase();
    let done = body(check_in(app, m, chair.who(), &typed).await, 200).await;
    assert_eq!(done["user_id"], guest.id);
    assert!(mine(app, m, guest.who()).await["present_at"].is_string());

    // Assert: the code does not work twice, even for a global admin.
    refused(check_in(app, m, chair.who(), &code).await, 409).await;
    refused(check_in(app, m, w.admin(), &code).await, 409).await;
    let failed = app
        .count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.check_in_failed'")
        .await;
    assert_eq!(failed, 4, "the typo, the guess and both reuses are audited");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.checked_in'")
            .await,
        1
    );
}

#[tokio::test]
async fn members_only_meetings_are_closed_to_others_but_open_to_members() {
    // Arrange: a members-only meeting of a council with one member.
    let w = world().await;
    let app = &w.app;
    let c = council(&w, "국민참여 포럼").await;
    let ps = people(app, "mo", 2).await;
    let (member, citizen) = (&ps[0], &ps[1]);
    seat(&w, c, &[(member, "member")]).await;
    let closed = meeting(
        app,
        w.admin(),
        meeting_input(c, "위원 워크숍", "online", None, "members_only"),
    )
    .await;
    let open = meeting(
        app,
        w.admin(),
        meeting_input(c, "공개 토론회", "online", None, "public"),
    )
    .await;
    let path = format!("/api/v1/meetings/{closed}");

    // Assert: the meeting does not exist for others, not even its calendar file.
    for who in [Who::Nobody, citizen.who()] {
        refused(get(app, &path, who).await, 404).await;
        refused(get(app, &format!("{path}/calendar.ics"), who).await, 404).await;
    }
    refused(
        put(
            app,
            &format!("{path}/registration"),
            citizen.who(),
            json!({ "mode": "online" }),
        )
        .await,
        404,
    )
    .await;
    let listed: Vec<i64> =
        items(&body(get(app, "/api/v1/meetings", citizen.who()).await, 200).await)
            .iter()
            .map(id)
            .collect();
    assert_eq!(listed, [open]);
    let page = body(
        get(app, &format!("/api/v1/councils/{c}"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(
        arr(&page["meetings"]).iter().map(id).collect::<Vec<_>>(),
        [open]
    );
    assert_eq!(page["is_member"], false);

    // …and is open to its members and global admins.
    body(get(app, &path, w.admin()).await, 200).await;
    let dto = body(get(app, &path, member.who()).await, 200).await;
    assert_eq!(dto["visibility"], "members_only");
    assert_eq!(
        state(&register(app, closed, member.who(), "online").await),
        "registered"
    );
    let listed: Vec<i64> = items(
        &body(
            get(app, &format!("/api/v1/meetings?council={c}"), member.who()).await,
            200,
        )
        .await,
    )
    .iter()
    .map(id)
    .collect();
    assert_eq!(listed.len(), 2);
    let page = body(
        get(app, &format!("/api/v1/councils/{c}"), member.who()).await,
        200,
    )
    .await;
    assert_eq!(
        (page["is_member"].as_bool(), arr(&page["meetings"]).len()),
        (Some(true), 2)
    );
    assert_eq!(arr(&page["members"])[0]["user_id"], member.id);
}

#[tokio::test]
async fn the_calendar_file_has_the_title_and_the_start_in_utc() {
    // Arrange: a meeting at 14:00 KST ten days from now.
    let w = world().await;
    let app = &w.app;
    let c = council(&w, "정부혁신추진협의회").await;
    let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    let day = (chrono::Utc::now().with_timezone(&kst) + chrono::Duration::days(10)).date_naive();
    let start = day
        .and_hms_opt(14, 0, 0)
        .unwrap()
        .and_local_timezone(kst)
        .unwrap();
    let mut input = meeting_input(
        c,
        "제4차 정기회의; 국민제안, 심의",
        "in_person",
        Some(40),
        "public",
    );
    input["starts_at"] = json!(start.to_rfc3339());
    input["ends_at"] = json!((start + chrono::Duration::hours(2)).to_rfc3339());
    let m = meeting(app, w.admin(), input).await;

    // Act
    let res = get(
        app,
        &format!("/api/v1/meetings/{m}/calendar.ics"),
        Who::Nobody,
    )
    .await;

    // Assert: text/calendar, the title escaped, DTSTART at 05:00 UTC.
    assert_eq!(res.status(), 200);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/calendar"), "{ct}");
    let ics = res.text().await.unwrap();
    let unfolded = ics.replace("\r\n ", "");
    let utc = start.with_timezone(&chrono::Utc);
    assert!(
        unfolded.contains(&format!("DTSTART:{}\r\n", utc.format("%Y%m%dT%H%M%SZ"))),
        "{ics}"
    );
    assert!(utc.format("%H%M").to_string() == "0500");
    assert!(
        unfolded.contains("SUMMARY:제4차 정기회의\\; 국민제안\\, 심의\r\n"),
        "{ics}"
    );
    assert!(
        unfolded.contains("LOCATION:정부서울청사 별관 2층 대회의실"),
        "{ics}"
    );
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    refused(
        get(app, "/api/v1/meetings/999999/calendar.ics", Who::Nobody).await,
        404,
    )
    .await;
}

#[tokio::test]
async fn only_admins_make_councils_and_only_chairs_and_admins_plan_meetings() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "pl", 3).await;
    let (chair, member, citizen) = (&ps[0], &ps[1], &ps[2]);
    let input = json!({ "name": "정부혁신추진협의회" });

    // Councils: 401 without a session, 403 for citizens, 422 with the fields.
    assert_eq!(
        post(app, "/api/v1/councils", Who::Nobody, input.clone())
            .await
            .status(),
        401
    );
    refused(
        post(app, "/api/v1/councils", citizen.who(), input.clone()).await,
        403,
    )
    .await;
    let fields = refused(
        post(
            app,
            "/api/v1/councils",
            w.admin(),
            json!({ "name": "가", "kind": "subcommittee" }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(fields, ["name", "parent_id"]);
    let c = council(&w, "정부혁신추진협의회").await;
    let other = council(&w, "디지털 전환 협의회").await;
    let sub = body(
        post(
            app,
            "/api/v1/councils",
            w.admin(),
            json!({ "name": "규제혁신 분과", "kind": "subcommittee", "parent_id": c }),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(sub["parent"]["id"], c);
    let fields = refused(
        post(
            app,
            "/api/v1/councils",
            w.admin(),
            json!({ "name": "하위의 하위", "kind": "forum_team", "parent_id": id(&sub) }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(fields, ["parent_id"]);
    let page = body(
        get(app, &format!("/api/v1/councils/{c}"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(arr(&page["children"]).len(), 1);
    assert_eq!(
        items(&body(get(app, "/api/v1/councils", Who::Nobody).await, 200).await).len(),
        3
    );

    // Members: admins only; unknown people are refused with the field.
    let members = json!({ "members": [{ "user_id": chair.id, "side": "government", "role": "chair" }, { "user_id": member.id, "side": "civilian" }] });
    refused(
        put(
            app,
            &format!("/api/v1/councils/{c}/members"),
            chair.who(),
            members.clone(),
        )
        .await,
        403,
    )
    .await;
    let bad = json!({ "members": [{ "user_id": 999_999, "side": "civilian" }, { "user_id": member.id, "side": "neutral" }] });
    assert_eq!(
        refused(
            put(
                app,
                &format!("/api/v1/councils/{c}/members"),
                w.admin(),
                bad
            )
            .await,
            422
        )
        .await,
        ["members[1].side", "members[0].user_id"]
    );
    body(
        put(
            app,
            &format!("/api/v1/councils/{c}/members"),
            w.admin(),
            members,
        )
        .await,
        200,
    )
    .await;

    // Meetings: the chair plans their council's, nobody else but admins.
    let m = meeting(
        app,
        chair.who(),
        meeting_input(c, "제1차 회의", "in_person", Some(20), "public"),
    )
    .await;
    refused(
        post(
            app,
            "/api/v1/meetings",
            chair.who(),
            meeting_input(other, "남의 회의", "online", None, "public"),
        )
        .await,
        403,
    )
    .await;
    refused(
        post(
            app,
            "/api/v1/meetings",
            member.who(),
            meeting_input(c, "위원의 회의", "online", None, "public"),
        )
        .await,
        403,
    )
    .await;
    assert_eq!(
        post(
            app,
            "/api/v1/meetings",
            Who::Nobody,
            meeting_input(c, "익명 회의", "online", None, "public")
        )
        .await
        .status(),
        401
    );
    refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}"),
            citizen.who(),
            meeting_input(c, "바뀐 회의", "in_person", Some(20), "public"),
        )
        .await,
        403,
    )
    .await;
    let changed = body(
        put(
            app,
            &format!("/api/v1/meetings/{m}"),
            chair.who(),
            meeting_input(c, "제1차 회의 (장소 변경)", "in_person", Some(25), "public"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (changed["title"].as_str(), changed["capacity"].as_u64()),
        (Some("제1차 회의 (장소 변경)"), Some(25))
    );

    // Bad input answers 422 with every field in error.
    let bad = json!({ "council_id": c, "title": "", "kind": "hybrid", "starts_at": "내일 오후", "ends_at": "", "venue": "", "capacity": 0, "online_url": "ftp://x", "visibility": "secret" });
    let mut fields = refused(post(app, "/api/v1/meetings", w.admin(), bad).await, 422).await;
    fields.sort();
    assert_eq!(
        fields,
        [
            "capacity",
            "ends_at",
            "online_url",
            "starts_at",
            "title",
            "venue",
            "visibility"
        ]
    );
    let mut backwards = meeting_input(c, "거꾸로 회의", "online", None, "public");
    backwards["ends_at"] = backwards["starts_at"].clone();
    assert_eq!(
        refused(
            post(app, "/api/v1/meetings", w.admin(), backwards).await,
            422
        )
        .await,
        ["ends_at"]
    );
    assert_eq!(
        refused(
            post(
                app,
                "/api/v1/meetings",
                w.admin(),
                meeting_input(999_999, "없는 협의회", "online", None, "public")
            )
            .await,
            422
        )
        .await,
        ["council_id"]
    );
    refused(get(app, "/api/v1/meetings/999999", Who::Nobody).await, 404).await;

    // The agenda: the chair sets it; linking a proposal tells its author.
    let proposal = published_proposal(&w).await;
    let agenda = json!({ "items": [
        { "title": "개회 및 경과 보고", "minutes": 10 },
        { "title": "국민제안 심의", "minutes": 40, "proposal_id": proposal, "presenter_id": member.id },
    ] });
    refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            member.who(),
            agenda.clone(),
        )
        .await,
        403,
    )
    .await;
    let dto = body(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            chair.who(),
            agenda.clone(),
        )
        .await,
        200,
    )
    .await;
    let items = arr(&dto["agenda"]);
    assert_eq!(
        items
            .iter()
            .map(|i| i["position"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(items[1]["proposal_title"], "청년 교통비 지원 제도 개선");
    assert_eq!(items[1]["presenter_id"], member.id);
    let told = of_kind(
        &notifications(app, Who::Cookie(&w.author)).await,
        "meeting_presenter",
    )
    .len();
    assert_eq!(told, 1);
    // Setting the same agenda again tells nobody twice.
    body(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            chair.who(),
            agenda,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        of_kind(
            &notifications(app, Who::Cookie(&w.author)).await,
            "meeting_presenter"
        )
        .len(),
        1
    );
    let bad = json!({ "items": [{ "title": "가", "minutes": 0 }, { "title": "없는 제안", "proposal_id": 999_999 }] });
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
    assert_eq!(
        fields,
        ["items[0].minutes", "items[0].title", "items[1].proposal_id"]
    );
    // "The proposal's author presents": the server names the author…
    let by_author = json!({ "items": [
        { "title": "국민제안 심의", "proposal_id": proposal, "author_presents": true },
    ] });
    let dto = body(
        put(app, &format!("/api/v1/meetings/{m}/agenda"), chair.who(), by_author).await,
        200,
    )
    .await;
    let author = body(get(app, &format!("/api/v1/proposals/{proposal}"), Who::Nobody).await, 200).await;
    assert!(author["author"]["id"].is_i64());
    assert_eq!(arr(&dto["agenda"])[0]["presenter_id"], author["author"]["id"]);
    // … of a linked proposal, and no one else besides.
    let bad = json!({ "items": [
        { "title": "발표", "author_presents": true },
        { "title": "발표 둘", "proposal_id": proposal, "presenter_id": member.id, "author_presents": true },
    ] });
    let mut fields = refused(
        put(app, &format!("/api/v1/meetings/{m}/agenda"), chair.who(), bad).await,
        422,
    )
    .await;
    fields.sort();
    assert_eq!(fields, ["items[0].presenter_id", "items[1].presenter_id"]);
}

/// A published proposal by the world's author.
pub(crate) async fn published_proposal(w: &World) -> i64 {
    let input = json!({
        "publish": true, "process_id": w.process, "title": "청년 교통비 지원 제도 개선",
        "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.",
        "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.",
        "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
    });
    id(&body(
        post(&w.app, "/api/v1/proposals", Who::Cookie(&w.author), input).await,
        201,
    )
    .await)
}

#[tokio::test]
async fn the_openapi_document_lists_the_council_and_meeting_paths() {
    let app = TestApp::spawn().await;
    let doc = body(get(&app, "/api/v1/openapi.json", Who::Nobody).await, 200).await;
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/councils", "post"),
        ("/api/v1/councils/{id}", "get"),
        ("/api/v1/councils/{id}/members", "put"),
        ("/api/v1/meetings", "get"),
        ("/api/v1/meetings/{id}", "put"),
        ("/api/v1/meetings/{id}/agenda", "put"),
        ("/api/v1/meetings/{id}/registration", "delete"),
        ("/api/v1/meetings/{id}/check-in", "post"),
        ("/api/v1/meetings/{id}/calendar.ics", "get"),
        ("/api/v1/meetings/{id}/minutes", "get"),
        ("/api/v1/meetings/{id}/minutes", "put"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for s in [
        "MeetingDto",
        "MeetingInput",
        "CouncilDto",
        "RegistrationDto",
        "CheckInInput",
        "MinutesDto",
        "MinutesInput",
        "DeliberatedProposalDto",
        "MinutesSummary",
    ] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
}

#[tokio::test]
async fn the_waiting_list_is_served_in_order_and_a_fresh_registration_gets_a_fresh_code() {
    // Arrange: one seat in the room; A takes it, then B and C wait in that order.
    let w = world().await;
    let app = &w.app;
    let c = council(&w, "국민참여 분과").await;
    let members = people(app, "wl", 4).await;
    let (a, b, cc, member) = (&members[0], &members[1], &members[2], &members[3]);
    seat(&w, c, &[(member, "member")]).await;
    let m = meeting(
        app,
        w.admin(),
        meeting_input(c, "분과 회의", "hybrid", Some(1), "public"),
    )
    .await;
    let first = register(app, m, a.who(), "in_room").await;
    let old_code = first["check_in_code"].as_str().unwrap().to_owned();
    assert_eq!(
        state(&register(app, m, b.who(), "in_room").await),
        "waitlisted"
    );
    assert_eq!(
        state(&register(app, m, cc.who(), "in_room").await),
        "waitlisted"
    );
    assert_eq!(
        (
            mine(app, m, b.who()).await["waitlist_position"].as_u64(),
            mine(app, m, cc.who()).await["waitlist_position"].as_u64()
        ),
        (Some(1), Some(2))
    );

    // Act: A cancels (B takes the seat), then B cancels (C takes it), then A comes back.
    assert_eq!(
        delete(app, &format!("/api/v1/meetings/{m}/registration"), a.who())
            .await
            .status(),
        204
    );
    let b_after = mine(app, m, b.who()).await;
    let c_between = mine(app, m, cc.who()).await;
    assert_eq!(
        delete(app, &format!("/api/v1/meetings/{m}/registration"), b.who())
            .await
            .status(),
        204
    );
    let c_after = mine(app, m, cc.who()).await;
    let again = register(app, m, a.who(), "in_room").await;

    // Assert
    assert_eq!(
        (
            state(&b_after),
            state(&c_between),
            c_between["waitlist_position"].as_u64()
        ),
        ("registered", "waitlisted", Some(1))
    );
    assert_eq!(state(&c_after), "registered");
    assert_eq!(
        of_kind(&notifications(app, b.who()).await, "meeting_promoted").len(),
        1
    );
    assert_eq!(
        of_kind(&notifications(app, cc.who()).await, "meeting_promoted").len(),
        1
    );
    assert_eq!(
        state(&again),
        "waitlisted",
        "A comes back at the end of the line"
    );
    // A's old code no longer opens the door, even once A is seated again.
    assert_eq!(
        delete(app, &format!("/api/v1/meetings/{m}/registration"), cc.who())
            .await
            .status(),
        204
    );
    let seated = mine(app, m, a.who()).await;
    assert_eq!(state(&seated), "registered");
    assert_ne!(seated["check_in_code"].as_str().unwrap(), old_code);
    refused(check_in(app, m, w.admin(), &old_code).await, 404).await;
}

// ---------------------------------------------------------------------------
// Fixes from the review of the first slice

/// The `meeting_presenter` notices a person got: (role, meeting id).
async fn presenter_notices(app: &TestApp, who: Who<'_>) -> Vec<(String, i64)> {
    of_kind(&notifications(app, who).await, "meeting_presenter")
        .iter()
        .map(|n| {
            (
                n["payload"]["role"].as_str().unwrap().to_owned(),
                n["payload"]["meeting_id"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn agenda_notices_go_to_the_author_and_the_presenter_who_may_see_the_meeting_and_not_beyond()
{
    // Arrange: a public and a members-only meeting; the proposal's author is
    // no member; one presenter is a member, the other a citizen.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "an", 3).await;
    let (chair, member, citizen) = (&ps[0], &ps[1], &ps[2]);
    let c = council(&w, "규제혁신 분과").await;
    seat(&w, c, &[(chair, "chair"), (member, "member")]).await;
    let open = meeting(
        app,
        chair.who(),
        meeting_input(c, "공개 토론회", "online", None, "public"),
    )
    .await;
    let closed = meeting(
        app,
        chair.who(),
        meeting_input(c, "위원 검토회", "online", None, "members_only"),
    )
    .await;
    let proposal = published_proposal(&w).await;

    // Act
    let item = |presenter: i64| json!({ "items": [{ "title": "제안 심의", "proposal_id": proposal, "presenter_id": presenter }] });
    body(
        put(
            app,
            &format!("/api/v1/meetings/{open}/agenda"),
            chair.who(),
            item(citizen.id),
        )
        .await,
        200,
    )
    .await;
    let closed_dto = body(
        put(
            app,
            &format!("/api/v1/meetings/{closed}/agenda"),
            chair.who(),
            item(member.id),
        )
        .await,
        200,
    )
    .await;
    // Naming a second presenter on the same agenda tells only the new one.
    let again = json!({ "items": [{ "title": "제안 심의", "proposal_id": proposal, "presenter_id": member.id }, { "title": "보충 설명", "presenter_id": chair.id }] });
    body(
        put(
            app,
            &format!("/api/v1/meetings/{closed}/agenda"),
            chair.who(),
            again,
        )
        .await,
        200,
    )
    .await;

    // Assert: on the public meeting the author and the citizen presenter are
    // told; on the members-only one only the member presenter (the chair
    // named themselves: nobody to tell), and the organisers see the item
    // whose author was not told.
    assert_eq!(
        presenter_notices(app, Who::Cookie(&w.author)).await,
        [("author".to_owned(), open)]
    );
    assert_eq!(
        presenter_notices(app, citizen.who()).await,
        [("presenter".to_owned(), open)]
    );
    assert_eq!(
        presenter_notices(app, member.who()).await,
        [("presenter".to_owned(), closed)]
    );
    assert!(presenter_notices(app, chair.who()).await.is_empty());
    let item = id(&closed_dto["agenda"][0]);
    assert_eq!(closed_dto["agenda_not_told"], json!([item]));
    let seen_by_chair = body(
        get(app, &format!("/api/v1/meetings/{closed}"), chair.who()).await,
        200,
    )
    .await;
    assert_eq!(
        seen_by_chair["agenda_not_told"],
        json!([id(&seen_by_chair["agenda"][0])])
    );
    assert_eq!(
        body(
            get(app, &format!("/api/v1/meetings/{closed}"), member.who()).await,
            200
        )
        .await["agenda_not_told"],
        json!([])
    );
    assert_eq!(
        body(
            get(app, &format!("/api/v1/meetings/{open}"), chair.who()).await,
            200
        )
        .await["agenda_not_told"],
        json!([])
    );
}

#[tokio::test]
async fn removing_a_member_cancels_their_members_only_registrations_and_the_waiting_list_moves_up()
{
    // Arrange: a members-only meeting with one room seat (A seated, B
    // waiting) and a public meeting A also registered for.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "rx", 3).await;
    let (a, b, chair) = (&ps[0], &ps[1], &ps[2]);
    let c = council(&w, "국민참여 포럼").await;
    seat(&w, c, &[(chair, "chair"), (a, "member"), (b, "member")]).await;
    let closed = meeting(
        app,
        chair.who(),
        meeting_input(c, "위원 워크숍", "in_person", Some(1), "members_only"),
    )
    .await;
    let open = meeting(
        app,
        chair.who(),
        meeting_input(c, "공개 토론회", "online", None, "public"),
    )
    .await;
    assert_eq!(
        state(&register(app, closed, a.who(), "in_room").await),
        "registered"
    );
    assert_eq!(
        state(&register(app, closed, b.who(), "in_room").await),
        "waitlisted"
    );
    register(app, open, a.who(), "online").await;

    // Act: A leaves the council.
    seat(&w, c, &[(chair, "chair"), (b, "member")]).await;

    // Assert: A's seat went to B (told), A is told, A's public registration stays.
    refused(
        get(
            app,
            &format!("/api/v1/meetings/{closed}/registration"),
            a.who(),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(state(&mine(app, closed, b.who()).await), "registered");
    assert_eq!(
        of_kind(&notifications(app, b.who()).await, "meeting_promoted").len(),
        1
    );
    let dropped = notifications(app, a.who()).await;
    let dropped = of_kind(&dropped, "meeting_registration_cancelled");
    assert_eq!(dropped.len(), 1);
    assert_eq!(
        (
            dropped[0]["payload"]["meeting_id"].as_i64(),
            dropped[0]["payload"]["reason"].as_str()
        ),
        (Some(closed), Some("not_a_member"))
    );
    assert_eq!(state(&mine(app, open, a.who()).await), "registered");
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.registrations_dropped' AND target_id = '{closed}'")).await, 1);
    // Setting the same members again drops nobody else.
    seat(&w, c, &[(chair, "chair"), (b, "member")]).await;
    assert_eq!(
        of_kind(
            &notifications(app, b.who()).await,
            "meeting_registration_cancelled"
        )
        .len(),
        0
    );
    // Making a public meeting members-only drops the outsiders too.
    let outsider = &people(app, "ry", 1).await[0];
    register(app, open, outsider.who(), "online").await;
    body(
        put(
            app,
            &format!("/api/v1/meetings/{open}"),
            chair.who(),
            meeting_input(c, "공개 토론회", "online", None, "members_only"),
        )
        .await,
        200,
    )
    .await;
    refused(
        get(
            app,
            &format!("/api/v1/meetings/{open}/registration"),
            outsider.who(),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(
        of_kind(
            &notifications(app, outsider.who()).await,
            "meeting_registration_cancelled"
        )
        .len(),
        1
    );
}

#[tokio::test]
async fn concurrent_member_list_changes_are_applied_one_after_the_other_never_a_500() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "cm", 6).await;
    let c = council(&w, "정부혁신추진협의회").await;
    let lists: Vec<Value> = (0..6)
        .map(|i| json!({ "members": ps.iter().skip(i % 3).take(3 + i % 3).map(|p| json!({ "user_id": p.id, "side": "civilian" })).collect::<Vec<_>>() }))
        .collect();

    // Act: six replacements at once.
    let path = format!("/api/v1/councils/{c}/members");
    let results = join_all(lists.iter().map(|l| put(app, &path, w.admin(), l.clone()))).await;

    // Assert: every one answered 200 (applied in turn); the last applied list is whole.
    let statuses: Vec<u16> = results.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses, [200; 6]);
    let mut members: Vec<i64> = arr(&body(
        get(app, &format!("/api/v1/councils/{c}"), Who::Nobody).await,
        200,
    )
    .await["members"])
    .iter()
    .map(|m| m["user_id"].as_i64().unwrap())
    .collect();
    members.sort_unstable();
    let expected: Vec<Vec<i64>> = lists
        .iter()
        .map(|l| {
            arr(&l["members"])
                .iter()
                .map(|m| m["user_id"].as_i64().unwrap())
                .collect()
        })
        .collect();
    assert!(
        expected.contains(&members),
        "{members:?} is one of the lists"
    );
}

#[tokio::test]
async fn registrants_are_told_once_when_the_time_place_or_link_changes() {
    // Arrange: a hybrid meeting with a seat, a waiting person, an online place and a cancellation.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "ch", 5).await;
    let (chair, seated, waiting, online, gone) = (&ps[0], &ps[1], &ps[2], &ps[3], &ps[4]);
    let c = council(&w, "정부혁신추진협의회").await;
    seat(&w, c, &[(chair, "chair")]).await;
    let input = meeting_input(c, "제3차 정기회의", "hybrid", Some(1), "public");
    let m = meeting(app, chair.who(), input.clone()).await;
    register(app, m, seated.who(), "in_room").await;
    register(app, m, waiting.who(), "in_room").await;
    register(app, m, online.who(), "online").await;
    register(app, m, gone.who(), "online").await;
    assert_eq!(
        delete(
            app,
            &format!("/api/v1/meetings/{m}/registration"),
            gone.who()
        )
        .await
        .status(),
        204
    );
    let path = format!("/api/v1/meetings/{m}");

    // Act: a new title and description (nothing to tell), then a later start
    // and a new room at once, then a new link.
    let mut retitled = input.clone();
    retitled["title"] = json!("제3차 정기회의 (안건 확정)");
    body(put(app, &path, chair.who(), retitled.clone()).await, 200).await;
    let mut moved = retitled.clone();
    moved["starts_at"] = json!((chrono::Utc::now() + chrono::Duration::hours(5)).to_rfc3339());
    moved["ends_at"] = json!((chrono::Utc::now() + chrono::Duration::hours(7)).to_rfc3339());
    moved["venue"] = json!("정부세종청사 6동 대회의실");
    body(put(app, &path, chair.who(), moved.clone()).await, 200).await;
    let mut relinked = moved.clone();
    relinked["online_url"] = json!("https://meet.example.kr/gov-council-2");
    body(put(app, &path, chair.who(), relinked).await, 200).await;

    // Assert: two notices each (registered and waiting), in order; none to
    // the cancelled person or the chair who made the change.
    for p in [seated, waiting, online] {
        let got = notifications(app, p.who()).await;
        let changed: Vec<Value> = of_kind(&got, "meeting_changed")
            .iter()
            .map(|n| n["payload"]["changed"].clone())
            .collect();
        // Newest first.
        assert_eq!(changed, [json!(["online_link"]), json!(["time", "venue"])]);
    }
    for p in [gone, chair] {
        assert!(of_kind(&notifications(app, p.who()).await, "meeting_changed").is_empty());
    }
    let last =
        of_kind(&notifications(app, seated.who()).await, "meeting_changed")[1]["payload"].clone();
    assert_eq!(
        (last["meeting_id"].as_i64(), last["venue"].as_str()),
        (Some(m), Some("정부세종청사 6동 대회의실"))
    );
}

#[tokio::test]
async fn the_door_opens_an_hour_before_the_start_and_closes_at_the_end() {
    use sea_orm::EntityTrait;
    use server::services::meetings::{CheckInInput, check_in_at};
    // Arrange: a room meeting with two seats taken; the chair as the service sees them.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "dw", 3).await;
    let (chair, early, late) = (&ps[0], &ps[1], &ps[2]);
    let c = council(&w, "정부혁신추진협의회").await;
    seat(&w, c, &[(chair, "chair")]).await;
    let m = meeting(
        app,
        chair.who(),
        meeting_input(c, "현장 회의", "in_person", Some(10), "public"),
    )
    .await;
    let code_of = |reg: &Value| reg["check_in_code"].as_str().unwrap().to_owned();
    let early_code = code_of(&register(app, m, early.who(), "in_room").await);
    let late_code = code_of(&register(app, m, late.who(), "in_room").await);
    let dto = body(
        get(app, &format!("/api/v1/meetings/{m}"), Who::Nobody).await,
        200,
    )
    .await;
    let at = |field: &str| {
        chrono::DateTime::parse_from_rfc3339(dto[field].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let (starts, ends) = (at("starts_at"), at("ends_at"));
    let user = server::entities::user::Entity::find_by_id(chair.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let actor = server::services::accounts::actor(&app.db, &user)
        .await
        .unwrap();
    // A bus of the test's own: the `attendance` events are stored and wake nobody here.
    let bus = server::services::live::Bus::start(app.db.clone(), &app.database_url);
    let door = |code: &str, now: chrono::DateTime<chrono::Utc>| {
        check_in_at(
            &app.db,
            &bus,
            &actor,
            None,
            m,
            CheckInInput {
                code: code.to_owned(),
            },
            now,
        )
    };
    let refusal = |r: server::Result<server::services::meetings::CheckInDto>| match r {
        Err(server::AppError::Conflict(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    };

    // Act and assert: one second too early, then just in time; at the end, too late.
    assert!(
        refusal(door(&early_code, starts - chrono::Duration::seconds(3_601)).await)
            .ends_with("(too_early).")
    );
    let done = door(&early_code, starts - chrono::Duration::seconds(3_600))
        .await
        .unwrap();
    assert_eq!(done.user_id, early.id);
    assert_eq!(
        done.checked_in_at,
        (starts - chrono::Duration::seconds(3_600))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    assert!(refusal(door(&late_code, ends).await).ends_with("(ended)."));
    door(&late_code, ends - chrono::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.check_in_failed' AND target_id = '{m}'")).await, 2);
    bus.shutdown();
}

#[tokio::test]
async fn a_parent_councils_chair_runs_its_subcommittees_meetings() {
    // Arrange: a council chaired by X with a plain member P; its
    // subcommittee with member Y and no chair of its own; another council's chair Z.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "pc", 4).await;
    let (x, p, y, z) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    let parent = council(&w, "정부혁신추진협의회").await;
    let other = council(&w, "디지털 전환 협의회").await;
    seat(&w, parent, &[(x, "chair"), (p, "member")]).await;
    seat(&w, other, &[(z, "chair")]).await;
    let sub = id(&body(
        post(
            app,
            "/api/v1/councils",
            w.admin(),
            json!({ "name": "규제혁신 분과", "kind": "subcommittee", "parent_id": parent }),
        )
        .await,
        201,
    )
    .await);
    seat(&w, sub, &[(y, "member")]).await;

    // Act: X plans a members-only meeting of the subcommittee.
    let m = meeting(
        app,
        x.who(),
        meeting_input(
            sub,
            "분과 비공개 회의",
            "in_person",
            Some(5),
            "members_only",
        ),
    )
    .await;

    // Assert: X sees and runs it (agenda, check-in, minutes); Y attends it; P and Z do not reach it.
    body(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            x.who(),
            json!({ "items": [{ "title": "분과 안건" }] }),
        )
        .await,
        200,
    )
    .await;
    let code = register(app, m, y.who(), "in_room").await["check_in_code"]
        .as_str()
        .unwrap()
        .to_owned();
    body(check_in(app, m, x.who(), &code).await, 200).await;
    let listed: Vec<i64> = items(&body(get(app, "/api/v1/meetings", x.who()).await, 200).await)
        .iter()
        .map(id)
        .collect();
    assert_eq!(listed, [m]);
    assert_eq!(
        arr(&body(
            get(app, &format!("/api/v1/councils/{sub}"), x.who()).await,
            200
        )
        .await["meetings"])
        .len(),
        1
    );
    refused(
        get(app, &format!("/api/v1/meetings/{m}"), p.who()).await,
        404,
    )
    .await;
    refused(
        get(app, &format!("/api/v1/meetings/{m}"), z.who()).await,
        404,
    )
    .await;
    refused(
        post(
            app,
            "/api/v1/meetings",
            p.who(),
            meeting_input(sub, "위원의 회의", "online", None, "public"),
        )
        .await,
        403,
    )
    .await;
    refused(
        post(
            app,
            "/api/v1/meetings",
            z.who(),
            meeting_input(sub, "남의 분과 회의", "online", None, "public"),
        )
        .await,
        403,
    )
    .await;
    set_times(
        app,
        m,
        chrono::Utc::now() - chrono::Duration::hours(3),
        chrono::Utc::now() - chrono::Duration::hours(1),
    )
    .await;
    let item = id(&body(
        get(app, &format!("/api/v1/meetings/{m}"), x.who()).await,
        200,
    )
    .await["agenda"][0]);
    let minutes =
        json!({ "items": [{ "agenda_item_id": item, "decisions": "원안 가결" }], "publish": true });
    refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}/minutes"),
            y.who(),
            minutes.clone(),
        )
        .await,
        403,
    )
    .await;
    body(
        put(
            app,
            &format!("/api/v1/meetings/{m}/minutes"),
            x.who(),
            minutes,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        body(
            get(app, &format!("/api/v1/meetings/{m}/minutes"), y.who()).await,
            200
        )
        .await["items"][0]["decisions"],
        "원안 가결"
    );
}

#[tokio::test]
async fn a_councils_secretary_runs_its_meetings_but_chairs_nothing() {
    // Arrange: a council with a chair, a secretary and a plain member (set
    // like any member); its subcommittee; a guest.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "sc", 4).await;
    let (chair, secretary, member, guest) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    let c = council(&w, "정부혁신추진협의회").await;
    let page = seat(
        &w,
        c,
        &[
            (member, "member"),
            (secretary, "secretary"),
            (chair, "chair"),
        ],
    )
    .await;
    let sub = id(&body(
        post(
            app,
            "/api/v1/councils",
            w.admin(),
            json!({ "name": "규제혁신 분과", "kind": "subcommittee", "parent_id": c }),
        )
        .await,
        201,
    )
    .await);

    // Act: the secretary plans a meeting, sets its agenda, checks the guest in.
    let m = meeting(
        app,
        secretary.who(),
        meeting_input(c, "제2차 정기회의", "in_person", Some(10), "public"),
    )
    .await;
    body(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            secretary.who(),
            json!({ "items": [{ "title": "예산 심의" }] }),
        )
        .await,
        200,
    )
    .await;
    let code = register(app, m, guest.who(), "in_room").await["check_in_code"]
        .as_str()
        .unwrap()
        .to_owned();
    body(check_in(app, m, secretary.who(), &code).await, 200).await;

    // Assert: listed after the chair; the secretary runs the meeting (its
    // live room, its changes), a plain member does none of it.
    let roles: Vec<(i64, &str)> = arr(&page["members"])
        .iter()
        .map(|m| (m["user_id"].as_i64().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            (chair.id, "chair"),
            (secretary.id, "secretary"),
            (member.id, "member")
        ]
    );
    assert_eq!(
        body(
            get(app, &format!("/api/v1/councils/{c}"), secretary.who()).await,
            200
        )
        .await["can_schedule"],
        true
    );
    assert_eq!(
        body(
            get(app, &format!("/api/v1/councils/{c}"), member.who()).await,
            200
        )
        .await["can_schedule"],
        false
    );
    assert_eq!(
        body(
            get(app, &format!("/api/v1/meetings/{m}/live"), secretary.who()).await,
            200
        )
        .await["facilitator"],
        true
    );
    body(
        put(
            app,
            &format!("/api/v1/meetings/{m}"),
            secretary.who(),
            meeting_input(
                c,
                "제2차 정기회의 (장소 변경)",
                "in_person",
                Some(12),
                "public",
            ),
        )
        .await,
        200,
    )
    .await;
    refused(
        post(
            app,
            "/api/v1/meetings",
            member.who(),
            meeting_input(c, "위원의 회의", "online", None, "public"),
        )
        .await,
        403,
    )
    .await;
    refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}/agenda"),
            member.who(),
            json!({ "items": [{ "title": "위원 안건" }] }),
        )
        .await,
        403,
    )
    .await;
    refused(check_in(app, m, member.who(), &code).await, 403).await;
    // The secretary chairs nothing: not the council's subcommittees (the
    // chair's oversight), not its membership.
    refused(
        post(
            app,
            "/api/v1/meetings",
            secretary.who(),
            meeting_input(sub, "분과 회의", "online", None, "public"),
        )
        .await,
        403,
    )
    .await;
    meeting(
        app,
        chair.who(),
        meeting_input(sub, "분과 회의", "online", None, "public"),
    )
    .await;
    refused(
        put(
            app,
            &format!("/api/v1/councils/{c}/members"),
            secretary.who(),
            json!({ "members": [] }),
        )
        .await,
        403,
    )
    .await;

    // After the meeting, the secretary publishes the minutes; the member may not.
    set_times(
        app,
        m,
        chrono::Utc::now() - chrono::Duration::hours(3),
        chrono::Utc::now() - chrono::Duration::hours(1),
    )
    .await;
    let item = id(&body(
        get(app, &format!("/api/v1/meetings/{m}"), secretary.who()).await,
        200,
    )
    .await["agenda"][0]);
    let minutes =
        json!({ "items": [{ "agenda_item_id": item, "decisions": "원안 가결" }], "publish": true });
    refused(
        put(
            app,
            &format!("/api/v1/meetings/{m}/minutes"),
            member.who(),
            minutes.clone(),
        )
        .await,
        403,
    )
    .await;
    let published = body(
        put(
            app,
            &format!("/api/v1/meetings/{m}/minutes"),
            secretary.who(),
            minutes,
        )
        .await,
        200,
    )
    .await;
    assert!(published["published_at"].is_string());
    assert_eq!(
        body(
            get(app, &format!("/api/v1/meetings/{m}/minutes"), Who::Nobody).await,
            200
        )
        .await["items"][0]["decisions"],
        "원안 가결"
    );
}

#[tokio::test]
async fn council_members_may_be_named_by_their_e_mail_address() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "em", 2).await;
    let c = council(&w, "국민참여 포럼").await;
    let path = format!("/api/v1/councils/{c}/members");

    // Act: one member by account number, one by address as typed (spaces, capitals).
    let members = json!({ "members": [
        { "user_id": ps[0].id, "side": "government", "role": "chair" },
        { "email": "  EM1@Example.KR ", "side": "civilian", "role": "secretary" },
    ] });
    let dto = body(put(app, &path, w.admin(), members).await, 200).await;

    // Assert: the address named its account.
    let seated: Vec<(i64, &str)> = arr(&dto["members"])
        .iter()
        .map(|m| (m["user_id"].as_i64().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(seated, [(ps[0].id, "chair"), (ps[1].id, "secretary")]);

    // An unknown address, the same person twice (by number and by address),
    // or nobody named: 422 on the field, and nothing changes.
    let unknown = json!({ "members": [{ "email": "nobody@example.kr", "side": "civilian" }, { "user_id": ps[0].id, "side": "civilian" }] });
    assert_eq!(
        refused(put(app, &path, w.admin(), unknown).await, 422).await,
        ["members[0].email"]
    );
    let twice = json!({ "members": [{ "user_id": ps[1].id, "side": "civilian" }, { "email": "em1@example.kr", "side": "civilian" }] });
    assert_eq!(
        refused(put(app, &path, w.admin(), twice).await, 422).await,
        ["members[1].email"]
    );
    let nobody = json!({ "members": [{ "email": " ", "side": "civilian" }] });
    assert_eq!(
        refused(put(app, &path, w.admin(), nobody).await, 422).await,
        ["members[0].user_id"]
    );
    let page = body(
        get(app, &format!("/api/v1/councils/{c}"), Who::Nobody).await,
        200,
    )
    .await;
    assert_eq!(
        arr(&page["members"])
            .iter()
            .map(|m| m["user_id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [ps[0].id, ps[1].id]
    );
}
