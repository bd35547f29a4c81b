//! Exact list totals without counting: `proposal_tallies` holds how many
//! proposals there are per (process, area, region, status), kept by
//! triggers on `proposals`, so a list filtered by any of those four sums a
//! handful of rows instead of reading every matching proposal (the
//! participation benchmark's list spent its time in that count).
//!
//! Backend-specific SQL (marked, DESIGN.md §2): triggers are written in each
//! database's own dialect; the table is the same on both.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "CREATE TABLE proposal_tallies (\
    process_id BIGINT NOT NULL, area_code TEXT NOT NULL, region_code TEXT NOT NULL, status TEXT NOT NULL, \
    n BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (process_id, area_code, region_code, status))";

const FILL: &str = "INSERT INTO proposal_tallies (process_id, area_code, region_code, status, n) \
    SELECT process_id, area_code, region_code, status, COUNT(*) FROM proposals GROUP BY process_id, area_code, region_code, status";

/// PostgreSQL: one function, fired after inserts and deletes, and after
/// updates that change one of the four columns (not the support roll-up).
const POSTGRES: &str = r#"
CREATE FUNCTION proposal_tallies_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE proposal_tallies SET n = n - 1
     WHERE process_id = OLD.process_id AND area_code = OLD.area_code AND region_code = OLD.region_code AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO proposal_tallies (process_id, area_code, region_code, status, n)
    VALUES (NEW.process_id, NEW.area_code, NEW.region_code, NEW.status, 1)
    ON CONFLICT (process_id, area_code, region_code, status) DO UPDATE SET n = proposal_tallies.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER proposal_tallies_insert_delete AFTER INSERT OR DELETE ON proposals
  FOR EACH ROW EXECUTE FUNCTION proposal_tallies_sync();
CREATE TRIGGER proposal_tallies_update AFTER UPDATE OF process_id, area_code, region_code, status ON proposals
  FOR EACH ROW WHEN (OLD.process_id IS DISTINCT FROM NEW.process_id OR OLD.area_code IS DISTINCT FROM NEW.area_code
                     OR OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION proposal_tallies_sync();
"#;

const POSTGRES_DOWN: &str = "DROP TRIGGER IF EXISTS proposal_tallies_update ON proposals; \
    DROP TRIGGER IF EXISTS proposal_tallies_insert_delete ON proposals; DROP FUNCTION IF EXISTS proposal_tallies_sync();";

/// SQLite: three triggers (no shared functions there).
const SQLITE: [&str; 3] = [
    "CREATE TRIGGER proposal_tallies_insert AFTER INSERT ON proposals BEGIN \
       INSERT INTO proposal_tallies (process_id, area_code, region_code, status, n) \
       VALUES (NEW.process_id, NEW.area_code, NEW.region_code, NEW.status, 1) \
       ON CONFLICT (process_id, area_code, region_code, status) DO UPDATE SET n = n + 1; \
     END",
    "CREATE TRIGGER proposal_tallies_delete AFTER DELETE ON proposals BEGIN \
       UPDATE proposal_tallies SET n = n - 1 WHERE process_id = OLD.process_id AND area_code = OLD.area_code \
         AND region_code = OLD.region_code AND status = OLD.status; \
     END",
    "CREATE TRIGGER proposal_tallies_update AFTER UPDATE OF process_id, area_code, region_code, status ON proposals \
     WHEN OLD.process_id IS NOT NEW.process_id OR OLD.area_code IS NOT NEW.area_code \
       OR OLD.region_code IS NOT NEW.region_code OR OLD.status IS NOT NEW.status BEGIN \
       UPDATE proposal_tallies SET n = n - 1 WHERE process_id = OLD.process_id AND area_code = OLD.area_code \
         AND region_code = OLD.region_code AND status = OLD.status; \
       INSERT INTO proposal_tallies (process_id, area_code, region_code, status, n) \
       VALUES (NEW.process_id, NEW.area_code, NEW.region_code, NEW.status, 1) \
       ON CONFLICT (process_id, area_code, region_code, status) DO UPDATE SET n = n + 1; \
     END",
];

const SQLITE_DOWN: &str = "DROP TRIGGER IF EXISTS proposal_tallies_update; DROP TRIGGER IF EXISTS proposal_tallies_delete; \
    DROP TRIGGER IF EXISTS proposal_tallies_insert;";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(TABLE).await?;
        db.execute_unprepared(FILL).await?;
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(POSTGRES).await?;
            }
            _ => {
                for trigger in SQLITE {
                    db.execute_unprepared(trigger).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Postgres => db.execute_unprepared(POSTGRES_DOWN).await?,
            _ => db.execute_unprepared(SQLITE_DOWN).await?,
        };
        db.execute_unprepared("DROP TABLE proposal_tallies").await?;
        Ok(())
    }
}
