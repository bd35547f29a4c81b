//! Importing proposals (JSONL and CSV), idempotent, with rejected rows
//! reported; and the demo seed.

use serde_json::Value;
use server::services::import::{ImportOptions, import_proposals, read_rows};
use tests::TestApp;

#[tokio::test]
async fn the_real_petitions_import_once_and_rejected_rows_are_explained() {
    let app = TestApp::spawn().await;
    server::services::demo::seed(&app.db).await.unwrap();
    let options = ImportOptions { process_slug: "2026-national-proposals", author_email: None, limit: Some(150) };
    let petitions = tests::petitions_file("petitions_2019-05.jsonl");
    let first = import_proposals(&app.db, read_rows(&petitions).unwrap(), &options, |_, _| {}).await.unwrap();
    assert!(first.read >= 48, "{first:?}");
    assert!(first.created > 0 && first.created + first.skipped + first.rejected.len() as u64 == first.read, "{first:?}");
    let again = import_proposals(&app.db, read_rows(&petitions).unwrap(), &options, |_, _| {}).await.unwrap();
    assert_eq!(again.created, 0, "a second run adds nothing");
    assert_eq!(again.skipped, first.created + first.skipped);

    // A CSV in the plain format, with one good row and bad ones.
    let dir = std::env::temp_dir().join(format!("hamkke-import-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("proposals.csv");
    std::fs::write(
        &csv,
        "id,title,problem,solution,effect,area_code,region_code,tags,published_at\n\
         a1,지하철 엘리베이터 확충,\"역마다 엘리베이터가 없어 휠체어 이용이 어렵습니다.\",모든 역에 설치,이동권 보장,public_service,seoul,\"교통, 이동권\",2026-11-01\n\
         a2,,\"제목이 없습니다 제목이 없습니다\",,,public_service,national,,\n\
         a3,지역 축제,\"지역 축제 정보를 한곳에서 보고 싶습니다.\",,,public_service,atlantis,,\n\
         a4,날짜 오류,\"날짜를 읽을 수 없는 행입니다 정말로.\",,,public_service,national,,yesterday\n",
    )
    .unwrap();
    let report = import_proposals(&app.db, read_rows(&csv).unwrap(), &ImportOptions { limit: None, ..options }, |_, _| {}).await.unwrap();
    assert_eq!(report.created, 1);
    let reasons: Vec<String> = report.rejected.iter().map(|(line, why)| format!("{line}: {why}")).collect();
    assert_eq!(reasons, ["3: no title", "4: unknown region \"atlantis\"", "5: cannot read the date \"yesterday\""]);
    std::fs::remove_dir_all(&dir).ok();

    // Imported proposals are searchable and shown like any other.
    let found: Value = app.get(&format!("/api/v1/proposals?q={}&region=seoul", tests::oidc::encode("엘리베이터"))).await.json().await.unwrap();
    assert_eq!(found["items"][0]["title"], "지하철 엘리베이터 확충");
    assert_eq!(found["items"][0]["tags"], serde_json::json!(["교통", "이동권"]));
    let err = import_proposals(&app.db, Vec::new(), &ImportOptions { process_slug: "nope", author_email: None, limit: None }, |_, _| {}).await;
    assert!(err.is_err());
}

#[tokio::test]
async fn the_demo_seed_makes_a_lively_site_once() {
    let app = TestApp::spawn().await;
    let report = server::services::demo::seed(&app.db).await.unwrap();
    assert!(report.created && report.proposals == 48 && report.citizens == 30);
    assert!(!server::services::demo::seed(&app.db).await.unwrap().created, "a second run changes nothing");
    let processes: Value = app.get("/api/v1/processes").await.json().await.unwrap();
    assert_eq!(processes["items"].as_array().unwrap().len(), 2);
    let popular: Value = app.get("/api/v1/proposals?sort=most_supported&limit=1").await.json().await.unwrap();
    let top = &popular["items"][0];
    assert!(top["support_count"].as_u64().unwrap() >= 20, "{top}");
    assert_eq!(top["status"], "under_review");
    let id = top["id"].as_i64().unwrap();
    let detail: Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
    assert_eq!(detail["support_count"], top["support_count"], "the counter rows and the sort column agree");
    let with_comments: Value = app.get("/api/v1/proposals?sort=most_discussed&limit=1").await.json().await.unwrap();
    let cid = with_comments["items"][0]["id"].as_i64().unwrap();
    let thread: Value = app.get(&format!("/api/v1/proposals/{cid}/comments")).await.json().await.unwrap();
    let c = &thread["counts"];
    assert_eq!(c["for"].as_u64().unwrap() + c["neutral"].as_u64().unwrap() + c["against"].as_u64().unwrap(), 3);
}
