use serde_json::Value;
use tests::TestApp;

#[tokio::test]
async fn areas_are_listed_in_display_order_in_both_languages() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/areas").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let codes: Vec<_> = body["items"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["participation", "public_service", "work_practice"]);
    assert_eq!(body["items"][0]["name_ko"], "참여·협력");
    assert_eq!(body["items"][1]["name_en"], "Public services");
}

#[tokio::test]
async fn regions_are_nationwide_first_then_the_17_provinces() {
    let app = TestApp::spawn().await;
    let body: Value = app.get("/api/v1/regions").await.json().await.unwrap();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 18);
    assert_eq!(items[0]["code"], "national");
    assert_eq!(items[0]["name_ko"], "전국");
    assert_eq!(items[17]["name_ko"], "제주특별자치도");
}
