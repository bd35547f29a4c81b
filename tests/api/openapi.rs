//! The OpenAPI document describes the API that is really there.

use serde_json::Value;
use tests::TestApp;

#[tokio::test]
async fn the_openapi_document_lists_every_resource_and_its_paths_answer() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/proposals",
        "/api/v1/proposals/{id}/support",
        "/api/v1/proposals/{id}/comments",
        "/api/v1/me/notifications",
        "/api/v1/moderation/queue",
        "/api/v1/me/tokens",
        "/api/v1/admin/role-grants",
        "/api/v1/processes",
        "/api/v1/proposals/{id}/status",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    assert!(paths["/api/v1/processes/{id}"]["put"].is_object(), "changing a process is documented");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for s in ["ProposalDto", "ProposalPage", "CommentThread", "ErrorBody", "SupportState", "StatusChangeInput", "ProcessInput"] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Every documented GET without path parameters answers (200, or 401 when it needs a sign-in), never 404/405.
    for (path, item) in paths {
        if item.get("get").is_some() && !path.contains('{') {
            let status = app.get(path).await.status().as_u16();
            assert!(status == 200 || status == 401, "{path}: {status}");
        }
        for method in item.as_object().unwrap().keys() {
            assert!(["get", "post", "put", "delete"].contains(&method.as_str()), "{path} {method}");
        }
    }
    assert!(paths.len() >= 35, "{} paths", paths.len());
}
