use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::TestApp;

async fn stored_feedback(app: &TestApp) -> Vec<(String, String, Option<String>)> {
    let backend = app.db.get_database_backend();
    app.db
        .query_all_raw(Statement::from_string(backend, "SELECT receipt, message, email FROM site_feedback ORDER BY id".to_owned()))
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.try_get("", "receipt").unwrap(), r.try_get("", "message").unwrap(), r.try_get("", "email").unwrap()))
        .collect()
}

#[tokio::test]
async fn a_citizen_sends_feedback_and_gets_a_receipt_that_can_be_looked_up() {
    let app = TestApp::spawn().await;
    let res = app
        .post_json("/api/v1/feedback", &json!({
            "category": "accessibility",
            "message": "  글자 크기 조절 버튼이 화면 읽기 프로그램에서 읽히지 않습니다.  ",
            "email": "Citizen@Example.KR"
        }))
        .await;
    assert_eq!(res.status(), 201);
    let receipt: Value = res.json().await.unwrap();
    let number = receipt["receipt"].as_str().unwrap().to_owned();
    assert!(number.starts_with("F-") && number.len() == 19, "{number}");

    let stored = stored_feedback(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, number);
    assert_eq!(stored[0].1, "글자 크기 조절 버튼이 화면 읽기 프로그램에서 읽히지 않습니다.", "trimmed");
    assert_eq!(stored[0].2.as_deref(), Some("Citizen@example.kr"));

    let res = app.get(&format!("/api/v1/feedback/{number}")).await;
    assert_eq!(res.status(), 200);
    let found: Value = res.json().await.unwrap();
    assert_eq!(found["receipt"], number.as_str());
    assert_eq!(found["received_at"], receipt["received_at"]);
}

#[tokio::test]
async fn invalid_feedback_is_refused_with_every_field_explained_and_nothing_stored() {
    let app = TestApp::spawn().await;
    let res = app.post_json("/api/v1/feedback", &json!({ "category": "spam", "message": "짧아요", "email": "nope" })).await;
    let (code, body) = crate::error_code(res, 422).await;
    assert_eq!(code, "validation");
    let fields: Vec<(&str, &str)> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, [("category", "invalid"), ("message", "too_short"), ("email", "invalid")]);
    assert_eq!(body["error"]["fields"][1]["min"], 10);
    assert!(stored_feedback(&app).await.is_empty());
}

#[tokio::test]
async fn the_length_limits_count_korean_characters_not_bytes() {
    let app = TestApp::spawn().await;
    let ok = app.post_json("/api/v1/feedback", &json!({ "category": "idea", "message": "가".repeat(2000) })).await;
    assert_eq!(ok.status(), 201, "2,000 Hangul syllables (6,000 bytes) are allowed");
    let too_long = app.post_json("/api/v1/feedback", &json!({ "category": "idea", "message": "가".repeat(2001) })).await;
    let (_, body) = crate::error_code(too_long, 422).await;
    assert_eq!(body["error"]["fields"][0]["code"], "too_long");
}

#[tokio::test]
async fn malformed_requests_get_the_error_shape_not_a_crash() {
    let app = TestApp::spawn().await;
    let not_json = app.client.post(app.url("/api/v1/feedback")).body("message=hi").send().await.unwrap();
    assert_eq!(crate::error_code(not_json, 415).await.0, "unsupported_media_type");

    let broken = app
        .client
        .post(app.url("/api/v1/feedback"))
        .header("content-type", "application/json")
        .body("{\"message\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(crate::error_code(broken, 400).await.0, "bad_request");

    let wrong_type = app.post_json("/api/v1/feedback", &json!({ "message": 42 })).await;
    assert_eq!(crate::error_code(wrong_type, 400).await.0, "bad_request");

    let huge = app
        .client
        .post(app.url("/api/v1/feedback"))
        .header("content-type", "application/json")
        .body(format!("{{\"message\": \"{}\"}}", "a".repeat(3 * 1024 * 1024)))
        .send()
        .await
        .unwrap();
    assert_eq!(crate::error_code(huge, 413).await.0, "payload_too_large");
    assert!(stored_feedback(&app).await.is_empty());
}

#[tokio::test]
async fn unknown_receipts_paths_and_methods_are_json_errors() {
    let app = TestApp::spawn().await;
    assert_eq!(crate::error_code(app.get("/api/v1/feedback/F-20260101-DEADBEEF").await, 404).await.0, "not_found");
    assert_eq!(crate::error_code(app.get("/api/v1/no-such-thing").await, 404).await.0, "not_found");
    let res = app.client.delete(app.url("/api/v1/areas")).send().await.unwrap();
    assert_eq!(crate::error_code(res, 405).await.0, "method_not_allowed");
}

#[tokio::test]
async fn a_broken_database_gives_an_opaque_500_that_leaks_nothing() {
    let app = TestApp::spawn().await;
    app.db.execute_unprepared("DROP TABLE site_feedback").await.unwrap();
    let res = app.post_json("/api/v1/feedback", &json!({ "category": "bug", "message": "저장이 안 되는 것 같습니다" })).await;
    let (code, body) = crate::error_code(res, 500).await;
    assert_eq!(code, "internal");
    let text = body.to_string().to_lowercase();
    for leak in ["site_feedback", "sql", "table", "no such", "relation"] {
        assert!(!text.contains(leak), "500 body leaks `{leak}`: {body}");
    }
}

#[tokio::test]
async fn the_form_posted_without_javascript_redirects_to_the_receipt() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("accept", "text/html")
        .header("referer", app.url("/feedback"))
        .form(&[("category", "bug"), ("message", "검색 결과 페이지가 느립니다"), ("email", "")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/feedback/thanks?receipt=F-"), "{location}");
    let stored = stored_feedback(&app).await;
    assert_eq!(stored.len(), 1);
    assert!(location.ends_with(&stored[0].0));

    // The receipt page shows it, rendered on the server.
    let page = app.get(&location).await.text().await.unwrap();
    assert!(page.contains(&stored[0].0));
}

#[tokio::test]
async fn an_invalid_form_without_javascript_goes_back_with_the_error_and_the_text() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("accept", "text/html")
        .header("referer", app.url("/feedback"))
        .form(&[("category", "idea"), ("message", "너무 짧음"), ("email", "")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&app.url("/feedback?")), "{location}");
    let page = app.client.get(&location).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("글자 수가 너무 적습니다"), "the field error is shown");
    assert!(page.contains("너무 짧음"), "what was typed is kept");
    assert!(stored_feedback(&app).await.is_empty());
}

#[tokio::test]
async fn the_e_mail_address_never_travels_in_the_error_redirect() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("accept", "text/html")
        .header("referer", app.url("/feedback"))
        .form(&[("category", "idea"), ("message", "짧음"), ("email", "private.person@example.kr")])
        .send()
        .await
        .unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let decoded = String::from_utf8_lossy(&decode_err_param(&location)).into_owned();
    assert!(decoded.contains("짧음"), "the message is echoed: {decoded}");
    assert!(!decoded.contains("private.person"), "the e-mail is not: {decoded}");
}

/// The `__err` query value of a redirect (URL-safe base64 of the error JSON).
fn decode_err_param(location: &str) -> Vec<u8> {
    let value = location.split(['?', '&']).find_map(|p| p.strip_prefix("__err=")).expect("__err parameter");
    let value = value.replace("%3D", "=").replace("%2B", "+").replace("%2F", "/");
    base64_url_decode(&value)
}

fn base64_url_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=') {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else { continue };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[tokio::test]
async fn server_functions_answer_bad_input_with_4xx_json() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("accept", "application/json")
        .form(&[("category", "idea"), ("message", "짧음"), ("email", "")])
        .send()
        .await
        .unwrap();
    let (code, body) = crate::error_code(res, 422).await;
    assert_eq!(code, "validation");
    assert!(body.get("echo").is_none(), "JSON clients get no echo of their input: {body}");

    let res = app.client.post(app.url("/fn/no_such_function")).header("accept", "application/json").send().await.unwrap();
    assert_eq!(crate::error_code(res, 400).await.0, "bad_request");

    // A huge message is refused as too long, with a 4xx, never a 500.
    let huge = "가".repeat(150_000); // 1.35 MB percent-encoded: under the body limit
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("accept", "application/json")
        .form(&[("category", "idea"), ("message", huge.as_str()), ("email", "")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    let res = app
        .client
        .post(app.url("/fn/feedback"))
        .header("accept", "application/json")
        .form(&[("wrong", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(crate::error_code(res, 400).await.0, "bad_request");
}
