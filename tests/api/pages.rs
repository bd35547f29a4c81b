use tests::TestApp;

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// The bundle's hashed folder, as the home page links it.
fn bundle_path(html: &str) -> Option<String> {
    let start = html.find("/pkg/")? + "/pkg/".len();
    let hash: String = html[start..].chars().take_while(char::is_ascii_alphanumeric).collect();
    (!hash.is_empty()).then(|| format!("/pkg/{hash}"))
}

#[tokio::test]
async fn the_home_page_is_korean_server_rendered_and_loads_the_wasm() {
    let app = TestApp::spawn().await;
    let res = app.get("/").await;
    assert_eq!(res.status(), 200);
    assert!(header(&res, "content-type").starts_with("text/html"));
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"ko\""), "lang=ko");
    assert!(html.contains("<title>함께혁신</title>"));
    // Data from the database is in the HTML itself (works without JS).
    assert!(html.contains("참여·협력") && html.contains("일하는 방식"), "areas rendered");
    assert!(html.contains("제주특별자치도"), "regions rendered");
    let pkg = bundle_path(&html).expect("the page loads a bundle from /pkg/<hash>/");
    assert!(html.contains(&format!("{pkg}/frontend.js")) && html.contains(&format!("{pkg}/frontend_bg.wasm")));
    assert!(html.contains("/assets/krds-1.1.0/css/component/output.css"), "KRDS styles from our own server");
}

#[tokio::test]
async fn the_page_csp_allows_only_our_scripts_with_this_responses_nonce() {
    let app = TestApp::spawn().await;
    let res = app.get("/").await;
    let csp = header(&res, "content-security-policy").to_owned();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("a nonce").to_owned();
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "referrer-policy"), "strict-origin-when-cross-origin");
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the inline hydration script carries the nonce");

    // A second response has another nonce.
    let again = app.get("/").await;
    assert!(!header(&again, "content-security-policy").contains(&nonce));
}

#[tokio::test]
async fn english_is_chosen_with_the_language_switch_and_remembered_in_a_cookie() {
    let app = TestApp::spawn().await;
    let res = app.get("/lang/en?next=/feedback").await;
    assert_eq!(res.status(), 303);
    assert_eq!(header(&res, "location"), "/feedback");
    let cookie = header(&res, "set-cookie");
    assert!(cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"), "{cookie}");

    let html = app.client.get(app.url("/feedback")).header("cookie", "lang=en").send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Send feedback about the site"));
    assert!(!html.contains("누리집 의견 보내기"), "no Korean UI text left on the English page");
}

#[tokio::test]
async fn the_language_switch_never_redirects_off_site_and_refuses_unknown_languages() {
    let app = TestApp::spawn().await;
    for next in ["//evil.example/x", "https://evil.example", "/\\evil.example"] {
        let res = app.client.get(app.url("/lang/en")).query(&[("next", next)]).send().await.unwrap();
        assert_eq!(header(&res, "location"), "/", "next={next}");
    }
    assert_eq!(crate::error_code(app.get("/lang/xx").await, 400).await.0, "bad_request");
    assert_eq!(crate::error_code(app.get("/lang/en?next=/a&next=/b").await, 400).await.0, "bad_request");
}

#[tokio::test]
async fn an_unknown_page_is_a_404_page_in_the_site_layout() {
    let app = TestApp::spawn().await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("페이지를 찾을 수 없습니다"));
    assert!(html.contains("id=\"krds-header\""), "inside the layout");
}

#[tokio::test]
async fn a_receipt_page_for_an_unknown_receipt_says_not_found() {
    let app = TestApp::spawn().await;
    let res = app.get("/feedback/thanks?receipt=F-20260101-00000000").await;
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("페이지를 찾을 수 없습니다"));
    assert!(!html.contains("id=\"feedback-receipt\""), "no receipt is shown");
}

#[tokio::test]
async fn static_assets_are_precompressed_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let html = app.get("/").await.text().await.unwrap();
    let pkg = bundle_path(&html).expect("bundle path");
    let wasm = app.client.get(app.url(&format!("{pkg}/frontend_bg.wasm"))).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(wasm.status(), 200, "the bundle is built (./x test builds it)");
    assert_eq!(header(&wasm, "content-encoding"), "gzip");
    assert_eq!(header(&wasm, "content-type"), "application/wasm");
    assert_eq!(header(&wasm, "cache-control"), "public, max-age=31536000, immutable");

    let css = app.get("/assets/krds-1.1.0/css/component/output.css").await;
    assert_eq!(css.status(), 200);
    assert!(header(&css, "content-type").starts_with("text/css"));
    assert_eq!(header(&css, "cache-control"), "public, max-age=31536000, immutable");
    let font = app.get("/assets/krds-1.1.0/fonts/PretendardGOV-Regular.subset.woff2").await;
    assert_eq!(font.status(), 200);

    let missing = app.get(&format!("{pkg}/nope.js")).await;
    assert_eq!(missing.status(), 404);
    assert_eq!(header(&missing, "cache-control"), "no-store", "a 404 is never cached for a year");
}

#[tokio::test]
async fn html_is_compressed_for_clients_that_accept_it() {
    let app = TestApp::spawn().await;
    let res = app.client.get(app.url("/")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(header(&res, "content-encoding"), "gzip");
}

#[tokio::test]
async fn a_known_receipt_page_answers_200() {
    let app = TestApp::spawn().await;
    let receipt: serde_json::Value = app
        .post_json("/api/v1/feedback", &serde_json::json!({ "category": "idea", "message": "접수 화면을 확인합니다" }))
        .await
        .json()
        .await
        .unwrap();
    let number = receipt["receipt"].as_str().unwrap();
    let res = app.get(&format!("/feedback/thanks?receipt={number}")).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains(&format!("id=\"feedback-receipt\">{number}<")));
}

#[tokio::test]
async fn wrong_methods_and_unknown_api_paths_get_the_json_error_everywhere() {
    let app = TestApp::spawn().await;
    for path in ["/healthz", "/", "/feedback"] {
        let res = app.client.delete(app.url(path)).send().await.unwrap();
        assert_eq!(crate::error_code(res, 405).await.0, "method_not_allowed", "DELETE {path}");
    }
    let res = app.client.post(app.url("/assets/krds-1.1.0/css/component/output.css")).send().await.unwrap();
    assert!(res.status().is_client_error());
    crate::error_code(res, 404).await;
    assert_eq!(crate::error_code(app.get("/api/v2/anything").await, 404).await.0, "not_found");
    assert_eq!(crate::error_code(app.get("/api").await, 404).await.0, "not_found");
}

#[tokio::test]
async fn the_build_bookkeeping_files_are_not_served() {
    let app = TestApp::spawn().await;
    for path in ["/pkg/current", "/pkg/input.sum", "/pkg/.stage/frontend.js", "/bundle.txt", "/pkg/"] {
        let status = app.get(path).await.status();
        assert_eq!(status, 404, "{path}");
    }
}

/// Pages for signed-in people send a visitor to sign in with a real
/// redirect (a `Location` on a 200 is not followed by browsers).
#[tokio::test]
async fn signed_out_visitors_are_redirected_to_sign_in() {
    let app = TestApp::spawn().await;
    for (path, to) in [
        ("/me", "/sign-in?next=/me"),
        ("/me/notifications", "/sign-in?next=/me/notifications"),
        ("/moderation", "/sign-in?next=/moderation"),
        ("/admin/processes", "/sign-in?next=/admin/processes"),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(header(&res, "location"), to, "{path}");
    }
    assert_eq!(app.get("/proposals").await.status(), 200, "public pages stay 200");
}
