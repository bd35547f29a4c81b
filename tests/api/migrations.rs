use server::migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use tests::TestApp;

/// The number of rows, or `None` when the table does not exist (asked of the
/// catalogue, so a failing query is never mistaken for a missing table).
async fn count(app: &TestApp, table: &str) -> Option<i64> {
    let backend = app.db.get_database_backend();
    let exists_sql = match backend {
        DatabaseBackend::Sqlite => format!("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '{table}'"),
        _ => format!("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"),
    };
    let exists = app.db.query_one_raw(Statement::from_string(backend, exists_sql)).await.expect("catalogue query");
    if exists.expect("a row").try_get::<i64>("", "n").expect("n") == 0 {
        return None;
    }
    let row = app
        .db
        .query_one_raw(Statement::from_string(backend, format!("SELECT COUNT(*) AS n FROM {table}")))
        .await
        .expect("count query")
        .expect("a row");
    Some(row.try_get::<i64>("", "n").expect("n"))
}

#[tokio::test]
async fn migrations_go_down_completely_and_up_again_with_the_reference_data() {
    let app = TestApp::spawn().await;
    assert_eq!(count(&app, "regions").await, Some(18));
    assert_eq!(count(&app, "areas").await, Some(3));

    Migrator::down(&app.db, None).await.expect("down");
    assert!(Migrator::get_applied_migrations(&app.db).await.unwrap().is_empty());
    for table in ["areas", "regions", "site_feedback"] {
        assert_eq!(count(&app, table).await, None, "{table} still exists after down");
    }

    Migrator::up(&app.db, None).await.expect("up again");
    assert_eq!(count(&app, "regions").await, Some(18));
    assert_eq!(count(&app, "areas").await, Some(3));
    assert_eq!(count(&app, "site_feedback").await, Some(0));
    assert!(Migrator::get_pending_migrations(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn each_migration_reverts_on_its_own() {
    let app = TestApp::spawn().await;
    let total = Migrator::migrations().len();
    for step in 1..=total {
        Migrator::down(&app.db, Some(1)).await.unwrap_or_else(|e| panic!("down step {step}: {e}"));
        assert_eq!(Migrator::get_applied_migrations(&app.db).await.unwrap().len(), total - step);
    }
    for step in 1..=total {
        Migrator::up(&app.db, Some(1)).await.unwrap_or_else(|e| panic!("up step {step}: {e}"));
    }
    assert_eq!(Migrator::get_applied_migrations(&app.db).await.unwrap().len(), total);
}
