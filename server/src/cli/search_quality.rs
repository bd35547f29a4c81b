//! `hamkke search-quality`: Korean search on the real petitions, against a
//! labelled set of queries. A petition is relevant to a query when its
//! title or text contains every query word (inside compounds too: 청년 is in
//! 청년일자리). For each query it reports what the search returns
//! (precision, recall) next to a word-based search (a word matches only
//! whole: what a whitespace tokenizer, such as PostgreSQL's `simple`
//! configuration, gives), which is what Korean users get on most platforms.

use crate::config::Config;
use crate::services::import::{self, ImportOptions};
use crate::services::search;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::HashSet;
use std::path::PathBuf;

#[derive(clap::Args, Clone, Debug)]
pub struct SearchQualityArgs {
    /// Folder of the petitions (`*.jsonl`).
    #[arg(long, default_value = "../shared/data/petitions")]
    pub petitions: PathBuf,
}

/// The labelled queries: short, common two-syllable words, compounds and
/// two-word queries people type.
pub const QUERIES: [&str; 16] = [
    "청년", "세금", "교통", "교육", "일자리", "환경", "주택", "의료", "어린이집", "미세먼지", "국민연금", "최저임금", "청년 주택", "교통 안전", "공무원", "반려동물",
];

async fn ids(db: &DatabaseConnection, sql: &str) -> anyhow::Result<HashSet<i64>> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await?;
    Ok(rows.into_iter().filter_map(|r| r.try_get::<i64>("", "id").ok()).collect())
}

pub async fn run(_config: &Config, args: SearchQualityArgs) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("hamkke-search-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("q.db").display());
    let db = crate::db::connect(&url, 2).await?;
    crate::db::migrate_up(&db, &url).await?;
    db.execute_unprepared(
        "INSERT INTO processes (slug, title, description, propose_level, support_level, support_threshold, created_at, updated_at) \
         VALUES ('petitions', '국민청원', '', 'unverified', 'unverified', 100, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    )
    .await?;
    let mut files: Vec<_> = std::fs::read_dir(&args.petitions)?.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "jsonl")).collect();
    files.sort();
    let mut total = 0;
    for f in &files {
        let rows = import::read_rows(f).map_err(|e| anyhow::anyhow!("{e}"))?;
        let r = import::import_proposals(&db, rows, &ImportOptions { process_slug: "petitions", author_email: None, limit: None }, |_, _| {})
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        total += r.created;
    }
    println!("{total} petitions imported from {}\n", args.petitions.display());
    println!("{:<12} {:>9} | {:>8} {:>9} {:>7} | {:>10} {:>9}", "query", "relevant", "found", "precision", "recall", "word-based", "recall");
    let (mut sum_p, mut sum_r, mut sum_w) = (0.0, 0.0, 0.0);
    for q in QUERIES {
        let terms = search::terms(q);
        // Ground truth: every word is in the (lower-cased) text.
        let cond: Vec<String> = terms
            .iter()
            .map(|t| format!("LOWER(title || ' ' || problem) LIKE '%{}%'", t.replace('\'', "")))
            .collect();
        let relevant = ids(&db, &format!("SELECT id FROM proposals WHERE {}", cond.join(" AND "))).await?;
        // The product's search, through the same service the API uses.
        let query = shared::participation::ProposalQuery { q: Some(q.to_owned()), limit: Some(100), ..Default::default() };
        let mut found = HashSet::new();
        let mut cursor = None;
        loop {
            let page = crate::services::proposals::list(&db, &shared::participation::ProposalQuery { cursor: cursor.clone(), ..query.clone() })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            found.extend(page.items.iter().map(|i| i.id));
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        // Word-based: each query word must be a whole word of the text.
        let texts = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT id, title || ' ' || problem AS t FROM proposals".to_owned()))
            .await?;
        let word_found: HashSet<i64> = texts
            .into_iter()
            .filter_map(|r| {
                let id = r.try_get::<i64>("", "id").ok()?;
                let t = r.try_get::<String>("", "t").ok()?;
                let words: HashSet<String> = search::normalize(&t).split_whitespace().map(str::to_owned).collect();
                terms.iter().all(|w| words.contains(w)).then_some(id)
            })
            .collect();
        let hits = found.intersection(&relevant).count() as f64;
        let precision = if found.is_empty() { 1.0 } else { hits / found.len() as f64 };
        let recall = if relevant.is_empty() { 1.0 } else { hits / relevant.len() as f64 };
        let word_recall = if relevant.is_empty() { 1.0 } else { word_found.intersection(&relevant).count() as f64 / relevant.len() as f64 };
        sum_p += precision;
        sum_r += recall;
        sum_w += word_recall;
        println!(
            "{q:<12} {:>9} | {:>8} {:>8.1}% {:>6.1}% | {:>10} {:>8.1}%",
            relevant.len(),
            found.len(),
            precision * 100.0,
            recall * 100.0,
            word_found.len(),
            word_recall * 100.0
        );
    }
    let n = QUERIES.len() as f64;
    println!("\nmean: precision {:.1}%, recall {:.1}%; word-based recall {:.1}%", sum_p / n * 100.0, sum_r / n * 100.0, sum_w / n * 100.0);
    db.close().await?;
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
