//! `hamkke bench`: the participation core's figures on PostgreSQL, measured
//! in one run against their baselines (issue: participation core).
//!
//! It seeds the database (once; it reuses what is there) with proposals and
//! supports generated deterministically from the real petitions, starts the
//! real server in this process, and measures:
//! 1. supports through the HTTP endpoint by N concurrent clients (API
//!    tokens), against the same single-row inserts done directly on the
//!    database in the same run; and with every client on the same proposal;
//! 2. the proposal list (20 per page, one area, most supported);
//! 3. Korean search.
//!
//! No thresholds: it prints the figures and their ratios.

use crate::config::Config;
use crate::services::search;
use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to measure.
#[derive(clap::Args, Clone, Debug)]
pub struct BenchArgs {
    /// Proposals to seed.
    #[arg(long, default_value_t = 100_000)]
    pub proposals: u64,
    /// Supports to seed.
    #[arg(long, default_value_t = 1_000_000)]
    pub supports: u64,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    pub clients: usize,
    /// Concurrent clients for the list and search measurements.
    #[arg(long, default_value_t = 16)]
    pub read_clients: usize,
    /// Seconds per measurement.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Folder of the petitions (`*.jsonl`).
    #[arg(long, default_value = "../shared/data/petitions")]
    pub petitions: PathBuf,
}

struct Text {
    title: String,
    content: Vec<char>,
}

fn load_texts(dir: &Path) -> anyhow::Result<Vec<Text>> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?.flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "jsonl")) {
        for line in std::fs::read_to_string(&f)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let (Some(t), Some(c)) = (v["title"].as_str(), v["content"].as_str())
                && c.chars().count() > 200
            {
                out.push(Text { title: t.chars().take(60).collect(), content: c.chars().collect() });
            }
        }
    }
    if out.is_empty() {
        bail!("no petitions in {}", dir.display());
    }
    Ok(out)
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db.query_one_raw(Statement::from_string(DatabaseBackend::Postgres, sql.to_owned())).await?.context("no row")?;
    Ok(row.try_get::<i64>("", "n")?)
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Seeds what is missing.
async fn seed(db: &DatabaseConnection, args: &BenchArgs) -> anyhow::Result<i64> {
    let process_id = match scalar(db, "SELECT COALESCE(MAX(id), 0) AS n FROM processes WHERE slug = 'bench'").await? {
        0 => {
            db.execute_unprepared(
                "INSERT INTO processes (slug, title, description, propose_level, support_level, support_threshold, created_at, updated_at) \
                 VALUES ('bench', '벤치마크 과정', '성능 측정용', 'unverified', 'unverified', 10000000, now(), now())",
            )
            .await?;
            let id = scalar(db, "SELECT id AS n FROM processes WHERE slug = 'bench'").await?;
            db.execute_unprepared(&format!(
                "INSERT INTO process_phases (process_id, kind, starts_at, ends_at) VALUES ({id}, 'intake', now() - interval '1 day', now() + interval '365 days')"
            ))
            .await?;
            id
        }
        id => id,
    };
    let users = (args.supports / 50).max(1000) as i64;
    let have_users = scalar(db, "SELECT COUNT(*) AS n FROM users WHERE email LIKE 'bench-%'").await?;
    if have_users < users {
        println!("seeding {} accounts", users - have_users);
        db.execute_unprepared(&format!(
            "INSERT INTO users (email, display_name, verification_level, locale, created_at, updated_at) \
             SELECT 'bench-' || g || '@bench.invalid', '벤치 ' || g, 'unverified', 'ko', now(), now() FROM generate_series({}, {users}) g",
            have_users + 1
        ))
        .await?;
    }
    let have = scalar(db, &format!("SELECT COUNT(*) AS n FROM proposals WHERE process_id = {process_id}")).await?;
    if have < args.proposals as i64 {
        let texts = load_texts(&args.petitions)?;
        let author = scalar(db, "SELECT MIN(id) AS n FROM users WHERE email LIKE 'bench-%'").await?;
        let areas = ["participation", "public_service", "work_practice"];
        let start = Instant::now();
        let mut i = have;
        while i < args.proposals as i64 {
            let end = (i + 500).min(args.proposals as i64);
            let mut rows = Vec::new();
            let mut grams = Vec::new();
            for k in i..end {
                let n = texts.len() as i64;
                let a = &texts[(k % n) as usize];
                let b = &texts[((k * 7 + 3) % n) as usize];
                let c = &texts[((k * 13 + 5) % n) as usize];
                let title = format!("{} ({})", a.title, k / n + 1);
                let off = ((k / n) as usize * 37) % b.content.len().saturating_sub(200).max(1);
                let problem: String = b.content.iter().skip(off).take(200).collect();
                let solution: String = c.content.iter().take(120).collect();
                rows.push(format!(
                    "({process_id}, {author}, {}, {}, {}, '', {}, 'national', '[]', 'published', now() - interval '{} minutes', now(), now(), 'bench:{k}')",
                    q(&title),
                    q(&problem),
                    q(&solution),
                    q(areas[(k % 3) as usize]),
                    k % 100_000
                ));
                grams.push((k, search::grams(&title), search::grams(&format!("{problem}\n{solution}"))));
            }
            db.execute_unprepared(&format!(
                "INSERT INTO proposals (process_id, author_id, title, problem, solution, effect, area_code, region_code, tags, status, published_at, created_at, updated_at, external_ref) VALUES {}",
                rows.join(",")
            ))
            .await?;
            let mut values = Vec::new();
            for (k, title, body) in grams {
                let id = format!("(SELECT id FROM proposals WHERE external_ref = 'bench:{k}')");
                let mut all: std::collections::BTreeMap<String, bool> = body.into_iter().map(|g| (g, false)).collect();
                for g in title {
                    all.insert(g, true);
                }
                let _ = &id;
                for (g, t) in all {
                    values.push((k, g, t));
                }
            }
            // One statement per batch: grams joined to their proposal by external_ref.
            for chunk in values.chunks(20_000) {
                let v: Vec<String> = chunk.iter().map(|(k, g, t)| format!("('bench:{k}', {}, {t})", q(g))).collect();
                db.execute_unprepared(&format!(
                    "INSERT INTO proposal_grams (gram, proposal_id, in_title) SELECT v.gram, p.id, v.in_title FROM (VALUES {}) AS v(ref, gram, in_title) \
                     JOIN proposals p ON p.external_ref = v.ref ON CONFLICT DO NOTHING",
                    v.join(",")
                ))
                .await?;
            }
            i = end;
            if i % 10_000 == 0 || i == args.proposals as i64 {
                println!("  {i} proposals ({:.0}/s)", (i - have) as f64 / start.elapsed().as_secs_f64());
            }
        }
        // The titles' grams again, for "title matches first" (as search::index does).
        db.execute_unprepared(
            "INSERT INTO proposal_title_grams (gram, proposal_id) SELECT gram, proposal_id FROM proposal_grams WHERE in_title ON CONFLICT DO NOTHING",
        )
        .await?;
    }
    let have_supports = scalar(db, &format!("SELECT COUNT(*) AS n FROM supports s JOIN proposals p ON p.id = s.proposal_id WHERE p.process_id = {process_id}")).await?;
    if have_supports < args.supports as i64 / 2 {
        println!("seeding {} supports", args.supports);
        let (pmin, pcount) = (
            scalar(db, &format!("SELECT MIN(id) AS n FROM proposals WHERE process_id = {process_id}")).await?,
            scalar(db, &format!("SELECT COUNT(*) AS n FROM proposals WHERE process_id = {process_id}")).await?,
        );
        let umin = scalar(db, "SELECT MIN(id) AS n FROM users WHERE email LIKE 'bench-%'").await?;
        // A skewed spread: a few proposals get many supports.
        db.execute_unprepared(&format!(
            "INSERT INTO supports (proposal_id, user_id, created_at) \
             SELECT {pmin} + floor({pcount} * power(((g * 2654435761) % 1000003)::float8 / 1000003, 3))::bigint, {umin} + (g % {users}), now() \
             FROM generate_series(1::bigint, {}::bigint) g ON CONFLICT DO NOTHING",
            args.supports * 11 / 10
        ))
        .await?;
        db.execute_unprepared(
            "INSERT INTO support_counts (proposal_id, shard, n) SELECT proposal_id, user_id % 16, COUNT(*) FROM supports GROUP BY 1, 2 \
             ON CONFLICT (proposal_id, shard) DO UPDATE SET n = EXCLUDED.n",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE proposals SET support_count = s.n FROM (SELECT proposal_id, SUM(n)::bigint AS n FROM support_counts GROUP BY 1) s WHERE s.proposal_id = proposals.id",
        )
        .await?;
    }
    // Fresh statistics and visibility map (index-only scans) before measuring.
    println!("vacuum analyze");
    db.execute_unprepared("VACUUM ANALYZE").await?;
    Ok(process_id)
}

/// Accounts with API tokens for the HTTP clients (fresh each run).
async fn token_users(db: &DatabaseConnection, run: &str, n: usize) -> anyhow::Result<Vec<String>> {
    let mut tokens = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        let users: Vec<String> = chunk
            .iter()
            .map(|i| format!("('load-{run}-{i}@bench.invalid', '부하 {i}', 'unverified', 'ko', now(), now())"))
            .collect();
        db.execute_unprepared(&format!(
            "INSERT INTO users (email, display_name, verification_level, locale, created_at, updated_at) VALUES {}",
            users.join(",")
        ))
        .await?;
        let mut rows = Vec::new();
        for i in chunk {
            let token = format!("hkt_bench{run}x{i}x{}", uuid::Uuid::new_v4().simple());
            let hash: String = Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            rows.push(format!("('load-{run}-{i}@bench.invalid', '{hash}')"));
            tokens.push(token);
        }
        db.execute_unprepared(&format!(
            // Marked as used just now, like the tokens of a running integration
            // (a token's first use in a minute also writes `last_used_at`).
            "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, last_used_at) SELECT u.id, 'bench', v.h, 'hkt_', now(), now() \
             FROM (VALUES {}) AS v(e, h) JOIN users u ON u.email = v.e",
            rows.join(",")
        ))
        .await?;
    }
    Ok(tokens)
}

struct Figures {
    count: usize,
    errors: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Figures {
    fn rate(&self) -> f64 {
        self.count as f64 / self.elapsed.as_secs_f64()
    }
    fn pct(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let mut l = self.latencies.clone();
        l.sort();
        let i = ((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1;
        l[i].as_secs_f64() * 1000.0
    }
}

/// Runs `clients` loops for `seconds`; each call of `op(client, i)` is one request.
async fn load<F, Fut>(clients: usize, seconds: u64, op: F) -> Figures
where
    F: Fn(usize, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let op = Arc::new(op);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut handles = Vec::new();
    for c in 0..clients {
        let op = op.clone();
        handles.push(tokio::spawn(async move {
            let (mut lat, mut errors, mut i) = (Vec::new(), 0, 0);
            while Instant::now() < deadline {
                let t = Instant::now();
                if op(c, i).await {
                    lat.push(t.elapsed());
                } else {
                    errors += 1;
                }
                i += 1;
            }
            (lat, errors)
        }));
    }
    let mut f = Figures { count: 0, errors: 0, elapsed: Duration::ZERO, latencies: Vec::new() };
    for h in handles {
        if let Ok((lat, errors)) = h.await {
            f.count += lat.len();
            f.errors += errors;
            f.latencies.extend(lat);
        }
    }
    f.elapsed = start.elapsed();
    f
}

fn line(name: &str, f: &Figures) {
    println!(
        "{name:<44} {:>9.0}/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} ok, {} failed)",
        f.rate(),
        f.pct(0.50),
        f.pct(0.99),
        f.count,
        f.errors
    );
}

pub async fn run(config: &Config, args: BenchArgs) -> anyhow::Result<()> {
    if !config.database_url.starts_with("postgres") {
        bail!("the benchmark runs on PostgreSQL: pass --database-url postgres://…");
    }
    let db = crate::db::connect(&config.database_url, 8).await?;
    crate::db::migrate_up(&db, &config.database_url).await?;
    let started = Instant::now();
    let process_id = seed(&db, &args).await?;
    let proposals = scalar(&db, &format!("SELECT COUNT(*) AS n FROM proposals WHERE process_id = {process_id}")).await?;
    let supports = scalar(&db, "SELECT COUNT(*) AS n FROM supports").await?;
    let grams = scalar(&db, "SELECT COUNT(*) AS n FROM proposal_grams").await?;
    println!("data: {proposals} proposals, {supports} supports, {grams} search grams (ready in {:.0} s)", started.elapsed().as_secs_f64());
    let ids: Arc<Vec<i64>> = Arc::new({
        let rows = db.query_all_raw(Statement::from_string(DatabaseBackend::Postgres, format!("SELECT id FROM proposals WHERE process_id = {process_id} ORDER BY id"))).await?;
        rows.into_iter().filter_map(|r| r.try_get::<i64>("", "id").ok()).collect()
    });

    // The real server, in this process, on the same database.
    let mut server_config = config.clone();
    server_config.port = 0;
    server_config.host = std::net::IpAddr::from([127, 0, 0, 1]);
    server_config.db_max_connections = 32;
    server_config.auto_migrate = false;
    let server = crate::app::Server::prepare(server_config).await?;
    let base = format!("http://{}", server.local_addr());
    let (counters, statements) = (server.state.counters.clone(), server.state.statements.clone());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run(async move {
        let _ = stop_rx.await;
    }));
    let http = reqwest::Client::builder().pool_max_idle_per_host(args.clients).build()?;
    let run = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let per_client = 4000;
    println!("preparing {} load accounts with API tokens", args.clients * per_client / 10);
    let tokens = Arc::new(token_users(&db, &run, args.clients * per_client / 10).await?);
    let umin = scalar(&db, &format!("SELECT MIN(id) AS n FROM users WHERE email LIKE 'load-{run}-%'")).await?;
    println!("\nmeasurements ({} clients, {} s each, server + PostgreSQL + load on this machine):", args.clients, args.seconds);

    // 1a. Raw baseline: the same single-row inserts, straight on the database,
    // one connection per client (closed afterwards, so the server's pools and
    // this one never pass PostgreSQL's connection limit together).
    let per = (tokens.len() / args.clients).max(1);
    let raw_db = crate::db::connect(&config.database_url, args.clients as u32).await?;
    let raw = {
        let (db, ids) = (raw_db.clone(), ids.clone());
        let n = ids.len();
        load(args.clients, args.seconds, move |c, i| {
            let (db, ids) = (db.clone(), ids.clone());
            async move {
                // The same (person, proposal) pairs the HTTP run uses next.
                let uid = umin + (c * per + (i / n) % per) as i64;
                let pid = ids[(c * 7919 + i * 104_729) % n];
                db.execute_unprepared(&format!(
                    "INSERT INTO supports (proposal_id, user_id, created_at) VALUES ({pid}, {uid}, now()) ON CONFLICT DO NOTHING"
                ))
                .await
                .is_ok()
            }
        })
        .await
    };
    raw_db.close().await?;
    db.execute_unprepared(&format!("DELETE FROM supports WHERE user_id >= {umin}")).await?;
    line("raw single-row inserts (baseline)", &raw);

    // 1b. Through the HTTP endpoint, spread over all proposals.
    let spread = {
        let (http, ids, tokens, base) = (http.clone(), ids.clone(), tokens.clone(), base.clone());
        let n = ids.len();
        let per = tokens.len() / args.clients;
        load(args.clients, args.seconds, move |c, i| {
            let (http, ids, tokens, base) = (http.clone(), ids.clone(), tokens.clone(), base.clone());
            async move {
                let token = &tokens[c * per + (i / n) % per];
                let pid = ids[(c * 7919 + i * 104_729) % n];
                matches!(http.put(format!("{base}/api/v1/proposals/{pid}/support")).bearer_auth(token).send().await, Ok(r) if r.status().is_success())
            }
        })
        .await
    };
    line("HTTP supports, spread over proposals", &spread);

    // 1c. Everyone on the same proposal (each request a different person).
    let hot = {
        let (http, tokens, base) = (http.clone(), tokens.clone(), base.clone());
        let pid = ids[ids.len() / 2];
        let per = tokens.len() / args.clients;
        load(args.clients, args.seconds, move |c, i| {
            let (http, tokens, base) = (http.clone(), tokens.clone(), base.clone());
            async move {
                let token = &tokens[c * per + i % per];
                matches!(http.put(format!("{base}/api/v1/proposals/{pid}/support")).bearer_auth(token).send().await, Ok(r) if r.status().is_success())
            }
        })
        .await
    };
    line("HTTP supports, all on one proposal", &hot);

    // The sort column catches up with the supports just cast (the server does
    // this every half second; here it is done before the reads are measured).
    let t = Instant::now();
    let rolled = counters.flush(&db).await?;
    println!("  (support counts of {rolled} proposals rolled up in {:.0} ms)", t.elapsed().as_secs_f64() * 1000.0);

    // 2. The list: one area, most supported, 20 per page: the server-rendered
    // page (what people open) and the REST API.
    println!("\nreads ({} clients):", args.read_clients);
    let mut list_statements = 0.0;
    let mut list_figures = Vec::new();
    for (name, path) in [
        ("proposal list page (HTML, area, most supported)", "/proposals?sort=most_supported&area="),
        ("proposal list API (JSON, area, most supported)", "/api/v1/proposals?sort=most_supported&limit=20&area="),
    ] {
        let before = statements.get();
        let figures = {
            let (http, base) = (http.clone(), base.clone());
            load(args.read_clients, args.seconds, move |c, i| {
                let (http, base) = (http.clone(), base.clone());
                let area = ["participation", "public_service", "work_practice"][(c + i) % 3];
                async move {
                    match http.get(format!("{base}{path}{area}")).send().await {
                        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                        _ => false,
                    }
                }
            })
            .await
        };
        let per_request = (statements.get() - before) as f64 / (figures.count + figures.errors).max(1) as f64;
        line(name, &figures);
        println!("  SQL statements per request: {per_request:.2}");
        if list_figures.is_empty() {
            list_statements = per_request;
        }
        list_figures.push(figures);
    }

    // 3. Korean search.
    const QUERIES: [&str; 12] = ["청년", "세금", "교통", "교육", "일자리", "환경", "부동산", "어린이집", "국민연금", "미세먼지", "청년 일자리", "공무원"];
    let searching = {
        let (http, base) = (http.clone(), base.clone());
        load(args.read_clients, args.seconds, move |c, i| {
            let (http, base) = (http.clone(), base.clone());
            let query = QUERIES[(c + i) % QUERIES.len()];
            async move {
                let url = format!("{base}/api/v1/proposals?q={}", crate::services::search::normalize(query).replace(' ', "+"));
                match http.get(url).send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                    _ => false,
                }
            }
        })
        .await
    };
    line("Korean search (12 queries, JSON)", &searching);
    println!("  search p95: {:.2} ms", searching.pct(0.95));

    println!("\nratios in this run:");
    println!("  HTTP supports / raw inserts            {:.2}x", spread.rate() / raw.rate().max(1e-9));
    println!("  one hot proposal / spread              {:.2}x", hot.rate() / spread.rate().max(1e-9));
    if let Some(page) = list_figures.first() {
        println!("  list page p99 {:.1} ms with {list_statements:.2} SQL statements per request", page.pct(0.99));
    }
    println!("  search p95 {:.1} ms", searching.pct(0.95));
    let _ = stop_tx.send(());
    let _ = serving.await;
    Ok(())
}
