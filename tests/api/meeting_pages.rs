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
async fn form(app: &TestApp, cookie: &str, page: &str, action: &str, fields: &[(&str, String)]) -> String {
    let res = app
        .post(action, Some(cookie))
        .header("accept", "text/html")
        .header("referer", app.url(page))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{action}: {} {}", res.status(), res.text().await.unwrap_or_default());
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
    location.strip_prefix(&app.url("")).unwrap_or(location).to_owned()
}

#[tokio::test]
async fn registration_check_in_desk_printable_list_and_minutes_work_as_plain_pages() {
    // Arrange: a council whose chair runs an in-person meeting for 20 people.
    let w = world().await;
    let app = &w.app;
    let chair = app.sign_up("chair@example.kr", "의장 비밀번호 충분히 길게", "박위원장").await;
    let citizen = app.sign_up("citizen@example.kr", "시민 비밀번호 충분히 길게", "최시민").await;
    let chair_id = app.count("SELECT id AS n FROM users WHERE email = 'chair@example.kr'").await;
    let c = council(&w, "정부혁신추진협의회").await;
    let members = json!({ "members": [{ "user_id": chair_id, "side": "civilian", "role": "chair" }] });
    body(put(app, &format!("/api/v1/councils/{c}/members"), w.admin(), members).await, 200).await;
    let id = meeting(app, w.admin(), meeting_input(c, "제1차 현장 회의", "in_person", Some(20), "public")).await;
    let agenda = json!({ "items": [{ "title": "1호 안건: 민원 서류 한 번에 내기" }] });
    let m = body(put(app, &format!("/api/v1/meetings/{id}/agenda"), w.admin(), agenda).await, 200).await;
    let item = m["agenda"][0]["id"].as_i64().unwrap();

    // A citizen registers for a seat in the room with the page's form.
    let here = format!("/meetings/{id}");
    let to = form(app, &citizen, &here, "/fn/register_meeting", &[("id", id.to_string()), ("mode", "in_room".into())]).await;
    assert_eq!(relative(app, &to), format!("/meetings/{id}?registered=1#registration"));
    let mine = body(get(app, &format!("/api/v1/meetings/{id}/registration"), Who::Cookie(&citizen)).await, 200).await;
    let code = mine["check_in_code"].as_str().unwrap().to_owned();
    let (status, html) = page(app, Some(&citizen), &format!("/meetings/{id}?registered=1")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"meeting-registered\""));
    assert!(html.contains(&format!("id=\"my-check-in-code\" class=\"check-in-code\">{code}<")), "the code is on the page");
    assert!(html.contains("<svg role=\"img\" aria-label=\"입장 QR 코드"), "and its QR code");
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
    assert_eq!(list.matches("<svg role=\"img\"").count(), 1, "one QR code, for the one room seat");

    // The QR code's link opens the desk with the code filled in; a typo is refused on the page.
    let compact: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    let desk = format!("/meetings/{id}/check-in?code={compact}");
    let (_, html) = page(app, Some(&chair), &desk).await;
    assert!(html.contains(&format!("value=\"{compact}\"")), "the scanned code is filled in");
    assert!(html.contains("id=\"scanned-hint\""));
    let mut typo: Vec<char> = compact.chars().collect();
    typo.swap(0, 1);
    let typo: String = typo.into_iter().collect();
    let back = form(app, &chair, &desk, "/fn/check_in_code", &[("id", id.to_string()), ("code", typo)]).await;
    let (_, html) = page(app, Some(&chair), &relative(app, &back)).await;
    assert!(html.contains("id=\"check-in-code-error\""), "the typo's error is shown");
    assert!(!html.contains("id=\"checked-in\""));
    // The right code checks the person in.
    let to = form(app, &chair, &desk, "/fn/check_in_code", &[("id", id.to_string()), ("code", compact.clone())]).await;
    let (_, html) = page(app, Some(&chair), &relative(app, &to)).await;
    assert!(html.contains("최시민 님의 입장을 확인했습니다."), "{}", relative(app, &to));
    assert!(html.contains("입장 1/1명"));
    // Scanning it again is refused (used already).
    let back = form(app, &chair, &desk, "/fn/check_in_code", &[("id", id.to_string()), ("code", compact)]).await;
    let (_, html) = page(app, Some(&chair), &relative(app, &back)).await;
    assert!(html.contains("이미 입장을 확인한 코드입니다."), "the reuse is explained");

    // Minutes: publishing before the end is refused but the text is kept as a draft.
    let minutes_page = format!("/meetings/{id}/minutes");
    let fields = |publish: bool| {
        let mut f = vec![
            ("meeting_id", id.to_string()),
            ("agenda_item_id[]", item.to_string()),
            ("decisions[]", "중점과제 후보로 올리기로 했습니다.".to_owned()),
            ("summary[]", "부처 간 서류 공유 범위를 논의했습니다.".to_owned()),
        ];
        if publish {
            f.push(("publish", "1".to_owned()));
        }
        f
    };
    let back = form(app, &chair, &minutes_page, "/fn/save_meeting_minutes", &fields(true)).await;
    assert!(relative(app, &back).starts_with(&minutes_page), "{back}");
    let draft = body(get(app, &format!("/api/v1/meetings/{id}/minutes"), Who::Cookie(&chair)).await, 200).await;
    assert_eq!(draft["published_at"], serde_json::Value::Null);
    assert_eq!(draft["items"][0]["decisions"], "중점과제 후보로 올리기로 했습니다.");
    let (status, _) = page(app, None, &minutes_page).await;
    assert_eq!(status, 404, "a draft is not public");

    // Once the meeting has ended, the form publishes them; the council's page lists them.
    crate::minutes::end(app, id).await;
    let to = form(app, &chair, &minutes_page, "/fn/save_meeting_minutes", &fields(true)).await;
    assert_eq!(relative(app, &to), format!("{minutes_page}?published=1"));
    let (status, public) = page(app, None, &minutes_page).await;
    assert_eq!(status, 200);
    assert!(public.contains("중점과제 후보로 올리기로 했습니다.") && public.contains("부처 간 서류 공유 범위를 논의했습니다."));
    assert!(public.contains("현장 참석 1명(신청 1명)"), "attendance by mode");
    assert!(!public.contains("id=\"minutes-form\""), "only the staff get the form");
    let (_, council_page) = page(app, None, &format!("/councils/{c}")).await;
    assert!(council_page.contains(&format!("href=\"/meetings/{id}/minutes\"")));
    assert!(council_page.contains("박위원장"), "the members are listed");
}
