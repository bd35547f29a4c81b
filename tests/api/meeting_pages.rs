//! The meeting pages as a browser without JavaScript gets them (issue 6):
//! registering with a plain form post, one's check-in code and its QR code
//! on the meeting's page, the staff's printable list and check-in desk (the
//! QR code's link fills the code in; the desk's form checks the person in;
//! a typo comes back as an error on the page), the minutes written and
//! published through their form (a refused publication keeps the text as a
//! draft), and the council's page listing the published minutes.

use crate::execution::world;
use crate::json::{Who, body, get, put};
use crate::meetings::{council, meeting, meeting_input};
use serde_json::json;
use tests::TestApp;

/// Posts a form as a browser without JavaScript does; the redirect's target.
async fn form(
    app: &TestApp,
    cookie: &str,
    page: &str,
    action: &str,
    fields: &[(&str, String)],
) -> String {
    let res = app
        .post(action, Some(cookie))
        .header("accept", "text/html")
        .header("referer", app.url(page))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_redirection(),
        "{action}: {} {}",
        res.status(),
        res.text().await.unwrap_or_default()
    );
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// A page's HTML, with its status.
async fn page(app: &TestApp, cookie: Option<&str>, path: &str) -> (u16, String) {
    let mut req = app.client.get(app.url(path));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn relative(app: &TestApp, location: &str) -> String {
    location
        .strip_prefix(&app.url(""))
        .unwrap_or(location)
        .to_owned()
}

#[tokio::test]
async fn registration_check_in_desk_printable_list_and_minutes_work_as_plain_pages() {
    // Arrange: a council whose chair runs an in-person meeting for 20 people.
    let w = world().await;
    let app = &w.app;
    let chair = app
        .sign_up("chair@example.kr", "의장 비밀번호 충분히 길게", "박위원장")
        .await;
    let citizen = app
        .sign_up("citizen@example.kr", "시민 비밀번호 충분히 길게", "최시민")
        .await;
    let chair_id = app
        .count("SELECT id AS n FROM users WHERE email = 'chair@example.kr'")
        .await;
    let c = council(&w, "정부혁신추진협의회").await;
    let members =
        json!({ "members": [{ "user_id": chair_id, "side": "civilian", "role": "chair" }] });
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
    let id = meeting(
        app,
        w.admin(),
        meeting_input(c, "제1차 현장 회의", "in_person", Some(20), "public"),
    )
    .await;
    let agenda = json!({ "items": [{ "title": "1호 안건: 민원 서류 한 번에 내기" }] });
    let m = body(
        put(
            app,
            &format!("/api/v1/meetings/{id}/agenda"),
            w.admin(),
            agenda,
        )
        .await,
        200,
    )
    .await;
    let item = m["agenda"][0]["id"].as_i64().unwrap();

    // A citizen registers for a seat in the room with the page's form.
    let here = format!("/meetings/{id}");
    let to = form(
        app,
        &citizen,
        &here,
        "/fn/register_meeting",
        &[("id", id.to_string()), ("mode", "in_room".into())],
    )
    .await;
    assert_eq!(
        relative(app, &to),
        format!("/meetings/{id}?registered=1#registration")
    );
    let mine = body(
        get(
            app,
            &format!("/api/v1/meetings/{id}/registration"),
            Who::Cookie(&citizen),
        )
        .await,
        200,
    )
    .await;
    let code = mine["check_in_code"].as_str().unwrap().to_owned();
    let (status, html) = page(app, Some(&citizen), &format!("/meetings/{id}?registered=1")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"meeting-registered\""));
    assert!(
        html.contains(&format!(
            "id=\"my-check-in-code\" class=\"check-in-code\">{code}<"
        )),
        "the code is on the page"
    );
    assert!(
        html.contains("<svg role=\"img\" aria-label=\"입장 QR 코드"),
        "and its QR code"
    );
    // Nobody else sees it: the page is private and the code is not in anyone else's copy.
    let (_, anonymous) = page(app, None, &here).await;
    assert!(!anonymous.contains(&code));
    assert!(anonymous.contains("참석을 신청하려면 로그인하세요."));

    // The staff's pages are closed to the citizen.
    let (status, _) = page(app, Some(&citizen), &format!("/meetings/{id}/attendees")).await;
    assert_eq!(status, 403);
    let (status, _) = page(app, Some(&citizen), &format!("/meetings/{id}/check-in")).await;
    assert_eq!(status, 403);

    // The chair's printable list: the person, their code and a QR code of the desk's link.
    let (status, list) = page(app, Some(&chair), &format!("/meetings/{id}/attendees")).await;
    assert_eq!(status, 200);
    assert!(list.contains("최시민") && list.contains(&code));
    assert_eq!(
        list.matches("<svg role=\"img\"").count(),
        1,
        "one QR code, for the one room seat"
    );

    // The QR code's link opens the desk with the code filled in; a typo is refused on the page.
    let compact: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    let desk = format!("/meetings/{id}/check-in?code={compact}");
    let (_, html) = page(app, Some(&chair), &desk).await;
    assert!(
        html.contains(&format!("value=\"{compact}\"")),
        "the scanned code is filled in"
    );
    assert!(html.contains("id=\"scanned-hint\""));
    let mut typo: Vec<char> = compact.chars().collect();
    // Two neighbours that differ, swapped (the same two would be no typo at all).
    let at = (0..typo.len() - 1).find(|&i| typo[i] != typo[i + 1]).unwrap();
    typo.swap(at, at + 1);
    let typo: String = typo.into_iter().collect();
    let back = form(
        app,
        &chair,
        &desk,
        "/fn/check_in_code",
        &[("id", id.to_string()), ("code", typo)],
    )
    .await;
    let (_, html) = page(app, Some(&chair), &relative(app, &back)).await;
    assert!(
        html.contains("id=\"check-in-code-error\""),
        "the typo's error is shown"
    );
    assert!(!html.contains("id=\"checked-in\""));
    // The right code checks the person in.
    let to = form(
        app,
        &chair,
        &desk,
        "/fn/check_in_code",
        &[("id", id.to_string()), ("code", compact.clone())],
    )
    .await;
    let (_, html) = page(app, Some(&chair), &relative(app, &to)).await;
    assert!(
        html.contains("최시민 님의 입장을 확인했습니다."),
        "{}",
        relative(app, &to)
    );
    assert!(html.contains("입장 1/1명"));
    // Scanning it again is refused (used already).
    let back = form(
        app,
        &chair,
        &desk,
        "/fn/check_in_code",
        &[("id", id.to_string()), ("code", compact)],
    )
    .await;
    let (_, html) = page(app, Some(&chair), &relative(app, &back)).await;
    assert!(
        html.contains("이미 입장을 확인한 코드입니다."),
        "the reuse is explained"
    );

    // Minutes: publishing before the end is refused but the text is kept as a draft.
    let minutes_page = format!("/meetings/{id}/minutes");
    let fields = |publish: bool| {
        let mut f = vec![
            ("meeting_id", id.to_string()),
            ("agenda_item_id[]", item.to_string()),
            (
                "decisions[]",
                "중점과제 후보로 올리기로 했습니다.".to_owned(),
            ),
            (
                "summary[]",
                "부처 간 서류 공유 범위를 논의했습니다.".to_owned(),
            ),
        ];
        if publish {
            f.push(("publish", "1".to_owned()));
        }
        f
    };
    let back = form(
        app,
        &chair,
        &minutes_page,
        "/fn/save_meeting_minutes",
        &fields(true),
    )
    .await;
    assert!(relative(app, &back).starts_with(&minutes_page), "{back}");
    let draft = body(
        get(
            app,
            &format!("/api/v1/meetings/{id}/minutes"),
            Who::Cookie(&chair),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(draft["published_at"], serde_json::Value::Null);
    assert_eq!(
        draft["items"][0]["decisions"],
        "중점과제 후보로 올리기로 했습니다."
    );
    let (status, _) = page(app, None, &minutes_page).await;
    assert_eq!(status, 404, "a draft is not public");

    // Once the meeting has ended, the form publishes them; the council's page lists them.
    crate::minutes::end(app, id).await;
    let to = form(
        app,
        &chair,
        &minutes_page,
        "/fn/save_meeting_minutes",
        &fields(true),
    )
    .await;
    assert_eq!(relative(app, &to), format!("{minutes_page}?published=1"));
    let (status, public) = page(app, None, &minutes_page).await;
    assert_eq!(status, 200);
    assert!(
        public.contains("중점과제 후보로 올리기로 했습니다.")
            && public.contains("부처 간 서류 공유 범위를 논의했습니다.")
    );
    assert!(
        public.contains("현장 참석 1명(신청 1명)"),
        "attendance by mode"
    );
    assert!(
        !public.contains("id=\"minutes-form\""),
        "only the staff get the form"
    );
    let (_, council_page) = page(app, None, &format!("/councils/{c}")).await;
    assert!(council_page.contains(&format!("href=\"/meetings/{id}/minutes\"")));
    assert!(council_page.contains("박위원장"), "the members are listed");
}

/// The id at the end of a redirect's path (`/councils/7/manage?created=1` → 7).
fn id_in(location: &str, prefix: &str) -> i64 {
    let rest = location
        .split(prefix)
        .nth(1)
        .unwrap_or_else(|| panic!("{location} has no {prefix}"));
    rest.split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn councils_members_meetings_and_agendas_are_set_up_through_plain_forms() {
    // Arrange: the global admin, a citizen, a future secretary, a published proposal.
    let w = world().await;
    let app = &w.app;
    let admin = w.admin.clone();
    let citizen = app
        .sign_up("citizen@example.kr", "시민 비밀번호 충분히 길게", "최시민")
        .await;
    let secretary = app
        .sign_up(
            "secretary@example.kr",
            "간사 비밀번호 충분히 길게",
            "정간사",
        )
        .await;
    let author_id = app
        .count("SELECT id AS n FROM users WHERE email = 'author@example.kr'")
        .await;
    let proposal = crate::meetings::published_proposal(&w).await;

    // Only the admins who manage councils get the council form; a visitor is sent to sign in.
    let res = app.get("/councils/new").await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in?next=")
    );
    assert_eq!(page(app, Some(&citizen), "/councils/new").await.0, 403);
    let (status, html) = page(app, Some(&admin), "/councils/new").await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"council-form\""));

    // The admin makes a council with the form, then adds the secretary by e-mail.
    let fields = |name: &str| {
        vec![
            ("name", name.to_owned()),
            ("kind", "council".into()),
            ("parent_id", String::new()),
            ("description", "정부혁신 과제를 심의합니다.".into()),
        ]
    };
    let to = form(
        app,
        &admin,
        "/councils/new",
        "/fn/save_council",
        &fields("정부혁신추진협의회"),
    )
    .await;
    let c = id_in(&relative(app, &to), "/councils/");
    assert_eq!(
        relative(app, &to),
        format!("/councils/{c}/manage?created=1")
    );
    let manage = format!("/councils/{c}/manage");
    let member = |user: &str, role: &str| {
        vec![
            ("council_id", c.to_string()),
            ("user", user.to_owned()),
            ("side", "government".into()),
            ("organisation_id", String::new()),
            ("role", role.to_owned()),
        ]
    };
    // An unknown address comes back on the account field, not as a 500.
    let back = form(
        app,
        &admin,
        &manage,
        "/fn/add_council_member",
        &member("nobody@example.kr", "secretary"),
    )
    .await;
    let (status, html) = page(app, Some(&admin), &relative(app, &back)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("id=\"cm-user-error\""),
        "the unknown address is shown on its field"
    );
    let to = form(
        app,
        &admin,
        &manage,
        "/fn/add_council_member",
        &member("secretary@example.kr", "secretary"),
    )
    .await;
    assert!(
        relative(app, &to).starts_with(&format!("{manage}?member_added=1")),
        "{to}"
    );
    let dto = body(
        get(app, &format!("/api/v1/councils/{c}"), Who::Cookie(&admin)).await,
        200,
    )
    .await;
    assert_eq!(dto["members"][0]["display_name"], "정간사");
    assert_eq!(dto["members"][0]["role"], "secretary");
    let (_, html) = page(app, Some(&admin), &manage).await;
    assert!(
        html.contains("<option value=\"secretary\" selected"),
        "the role is shown in its select"
    );
    // The council page offers the secretary to schedule a meeting, not to manage the council.
    let (_, html) = page(app, Some(&secretary), &format!("/councils/{c}")).await;
    assert!(
        html.contains("id=\"schedule-meeting-link\"")
            && !html.contains("id=\"manage-council-link\"")
    );
    let (_, html) = page(app, Some(&citizen), &format!("/councils/{c}")).await;
    assert!(!html.contains("id=\"schedule-meeting-link\""));

    // The secretary schedules a hybrid meeting tomorrow 14:00–16:00 KST.
    let new = format!("/meetings/new?council={c}");
    assert_eq!(page(app, Some(&citizen), &new).await.0, 403);
    assert_eq!(page(app, Some(&secretary), &new).await.0, 200);
    let day =
        (chrono::Utc::now() + chrono::Duration::hours(9) + chrono::Duration::days(1)).date_naive();
    let meeting_fields = |ends: &str| {
        vec![
            ("council_id", c.to_string()),
            ("title", "제3차 정부혁신추진협의회".to_owned()),
            ("description", "중점과제 후보를 심의합니다.".to_owned()),
            ("kind", "hybrid".to_owned()),
            ("starts_at", format!("{day}T14:00")),
            ("ends_at", format!("{day}T{ends}")),
            ("venue", "정부서울청사 별관 2층 대회의실".to_owned()),
            ("capacity", "30".to_owned()),
            ("room", "built_in".to_owned()),
            ("online_url", String::new()),
            ("visibility", "public".to_owned()),
        ]
    };
    // An end before the start comes back on its field, with what was typed.
    let back = form(
        app,
        &secretary,
        &new,
        "/fn/save_meeting",
        &meeting_fields("13:00"),
    )
    .await;
    let (_, html) = page(app, Some(&secretary), &relative(app, &back)).await;
    assert!(
        html.contains("id=\"mf-ends-error\""),
        "the end's error is on the page"
    );
    assert!(
        html.contains("value=\"제3차 정부혁신추진협의회\""),
        "the title typed is kept"
    );
    let to = form(
        app,
        &secretary,
        &new,
        "/fn/save_meeting",
        &meeting_fields("16:00"),
    )
    .await;
    let m = id_in(&relative(app, &to), "/meetings/");
    assert_eq!(relative(app, &to), format!("/meetings/{m}?created=1"));
    let dto = body(
        get(
            app,
            &format!("/api/v1/meetings/{m}"),
            Who::Cookie(&secretary),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        dto["starts_at"].as_str().unwrap(),
        format!("{day}T05:00:00Z"),
        "14:00 KST is 05:00 UTC"
    );
    assert_eq!(
        (dto["capacity"].as_i64(), dto["built_in_room"].as_bool()),
        (Some(30), Some(true))
    );
    // The edit form shows the time back in KST.
    let (status, html) = page(app, Some(&secretary), &format!("/meetings/{m}/edit")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("value=\"{day}T14:00\"")),
        "the start in KST"
    );
    assert_eq!(
        page(app, Some(&citizen), &format!("/meetings/{m}/edit"))
            .await
            .0,
        403
    );

    // The agenda: two new rows in the order asked for, the proposal's author presenting; a blank row is skipped.
    let agenda_page = format!("/meetings/{m}/agenda");
    assert_eq!(page(app, Some(&citizen), &agenda_page).await.0, 403);
    let rows = |rows: &[[&str; 6]], remove: &[&str]| {
        let mut f = vec![("meeting_id", m.to_string())];
        for [id, position, title, minutes, proposal, presenter] in rows {
            for (k, v) in [
                ("item_id[]", id),
                ("position[]", position),
                ("title[]", title),
                ("description[]", &""),
                ("minutes[]", minutes),
                ("proposal_id[]", proposal),
                ("presenter[]", presenter),
            ] {
                f.push((k, (*v).to_owned()));
            }
        }
        f.extend(remove.iter().map(|r| ("remove[]", (*r).to_owned())));
        f
    };
    let p = proposal.to_string();
    let first = rows(
        &[
            ["", "2", "개회와 지난 회의 결과 보고", "10", "", ""],
            ["", "1", "청년 교통비 제안 발표", "20", p.as_str(), "author"],
            ["", "3", "", "", "", ""],
        ],
        &[],
    );
    let to = form(app, &secretary, &agenda_page, "/fn/save_agenda", &first).await;
    assert_eq!(relative(app, &to), format!("{agenda_page}?saved=1"));
    let dto = body(
        get(
            app,
            &format!("/api/v1/meetings/{m}"),
            Who::Cookie(&secretary),
        )
        .await,
        200,
    )
    .await;
    let agenda = dto["agenda"].as_array().unwrap().clone();
    assert_eq!(agenda.len(), 2, "the blank row is skipped");
    assert_eq!(
        (
            agenda[0]["title"].as_str(),
            agenda[0]["presenter_id"].as_i64()
        ),
        (Some("청년 교통비 제안 발표"), Some(author_id))
    );
    assert_eq!(agenda[1]["title"], "개회와 지난 회의 결과 보고");
    let (kept, dropped) = (
        agenda[0]["id"].as_i64().unwrap().to_string(),
        agenda[1]["id"].as_i64().unwrap().to_string(),
    );
    // The page shows the items as rows (the presenter kept) and blank rows for new ones.
    let (_, html) = page(app, Some(&secretary), &relative(app, &to)).await;
    assert!(html.contains("id=\"agenda-saved\"") && html.contains(&format!("value=\"{kept}\"")));
    assert!(
        html.contains(&format!("<option value=\"{author_id}\" selected")),
        "the author is the presenter"
    );
    // "Save and show more blank rows" saves, then shows three more blank rows.
    let mut again = rows(
        &[
            [kept.as_str(), "1", "청년 교통비 제안 발표", "20", p.as_str(), "author"],
            [dropped.as_str(), "2", "개회와 지난 회의 결과 보고", "10", "", ""],
        ],
        &[],
    );
    again.extend([("blank", "3".to_owned()), ("more", "1".to_owned())]);
    let to = form(app, &secretary, &agenda_page, "/fn/save_agenda", &again).await;
    assert_eq!(relative(app, &to), format!("{agenda_page}?saved=1&blank=6#agenda-row-2"));
    let (_, html) = page(app, Some(&secretary), &relative(app, &to)).await;
    assert_eq!(html.matches("class=\"agenda-row\"").count(), 2 + 6, "two items and six blank rows");
    assert!(html.contains("name=\"blank\" value=\"6\""));
    // A proposal that does not exist comes back on its row; nothing changes.
    let bad = rows(
        &[[
            kept.as_str(),
            "1",
            "청년 교통비 제안 발표",
            "20",
            "999999",
            "",
        ]],
        &[],
    );
    let back = form(app, &secretary, &agenda_page, "/fn/save_agenda", &bad).await;
    let (_, html) = page(app, Some(&secretary), &relative(app, &back)).await;
    assert!(
        html.contains("id=\"ag-0-proposal-error\""),
        "the unknown proposal is shown on its row"
    );
    assert!(html.contains("value=\"999999\""), "what was typed is kept");
    // Removing one item keeps the other under its id.
    let author = author_id.to_string();
    let second = rows(
        &[
            [
                kept.as_str(),
                "1",
                "청년 교통비 제안 발표 (수정)",
                "25",
                p.as_str(),
                author.as_str(),
            ],
            [
                dropped.as_str(),
                "2",
                "개회와 지난 회의 결과 보고",
                "10",
                "",
                "",
            ],
        ],
        &["1"],
    );
    form(app, &secretary, &agenda_page, "/fn/save_agenda", &second).await;
    let dto = body(
        get(
            app,
            &format!("/api/v1/meetings/{m}"),
            Who::Cookie(&secretary),
        )
        .await,
        200,
    )
    .await;
    let agenda = dto["agenda"].as_array().unwrap();
    assert_eq!(agenda.len(), 1);
    assert_eq!(
        agenda[0]["id"].as_i64().unwrap().to_string(),
        kept,
        "the item kept its id"
    );
    assert_eq!(
        (agenda[0]["title"].as_str(), agenda[0]["minutes"].as_i64()),
        (Some("청년 교통비 제안 발표 (수정)"), Some(25))
    );
}
