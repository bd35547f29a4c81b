//! Supports on PostgreSQL, written in batches. Concurrent requests hand
//! their (proposal, person) pair to a few writer tasks; each writer takes
//! whatever has gathered (up to [`MAX_BATCH`]) and writes it in one
//! statement: the support rows, their counter rows and the follows, with
//! one round trip and one commit for many supports instead of one each.
//! When nothing else is waiting a batch is one support, so a quiet site
//! answers as fast as before; under load the batches grow by themselves.
//!
//! The statement itself checks what allows a support (the proposal's status,
//! its process's running phase, the absence of a per-person limit, the
//! person's verification level), so a request reads nothing but who is
//! asking; a pair the statement refuses is written nowhere, and the caller
//! finds out why on the slow path. A batch that fails as a whole (a
//! deadlock, say) is retried one support at a time, so one bad pair never
//! fails the others.

use crate::error::{AppError, Result};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// Most supports one statement writes.
const MAX_BATCH: usize = 256;
/// Writer tasks, each with a connection of its own (a pool of this size
/// beside the requests' pool).
pub const WRITERS: usize = 4;
/// Counter rows per proposal (as in `proposals`).
const SHARDS: i64 = 16;

/// What happened to one support.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The statement's checks passed: the proposal collects supports, its
    /// process is in a phase that takes them, has no per-person limit, and
    /// the person's verification level is enough. When false nothing was
    /// written and the caller finds out why (and takes the other path).
    pub accepted: bool,
    /// A new row (false: the person had supported it already).
    pub inserted: bool,
    /// The proposal's count including this batch (the statement's snapshot
    /// plus what the batch added; supports committed meanwhile by other
    /// writers show in the next answer).
    pub count: u64,
    /// The proposal's process (when accepted).
    pub process_id: i64,
    /// Whether the proposal is `published` (not yet under review).
    pub published: bool,
}

struct Pending {
    proposal_id: i64,
    user_id: i64,
    /// The person's verification level: 0 unverified, 1 verified, 2 official.
    level: i32,
    reply: oneshot::Sender<Result<Written>>,
}

/// A writer's queue: the sending side, and the receiving side until the writer takes it.
type Queue = (mpsc::Sender<Pending>, Mutex<Option<mpsc::Receiver<Pending>>>);

/// The queues in front of the writers, one per writer. A support goes to
/// writer `proposal_id % WRITERS`, so all of one proposal's rows (its
/// supports' index range, its 16 counter rows, its followers) are written by
/// one writer: two writers never touch the same rows or index pages of a
/// proposal and never wait for each other's commit. When everyone supports
/// the same proposal, that writer's batches simply grow (measured: 0.91× of
/// the spread-out rate, against 0.75× when writers were chosen by person
/// and all four wrote into the same proposal's index pages). Cheap to clone.
#[derive(Clone)]
pub struct SupportBatcher {
    queues: Arc<Vec<Queue>>,
    started: Arc<std::sync::atomic::AtomicBool>,
}

impl Default for SupportBatcher {
    fn default() -> Self {
        let queues = (0..WRITERS)
            .map(|_| {
                let (tx, rx) = mpsc::channel(MAX_BATCH * 4);
                (tx, Mutex::new(Some(rx)))
            })
            .collect();
        Self { queues: Arc::new(queues), started: Arc::default() }
    }
}

impl SupportBatcher {
    /// Starts the writers on `db` (once; later calls do nothing).
    pub fn start(&self, db: &DatabaseConnection) {
        if self.started.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        for (_, receiver) in self.queues.iter() {
            let Some(mut rx) = receiver.try_lock().ok().and_then(|mut r| r.take()) else { continue };
            let db = db.clone();
            tokio::spawn(async move {
                while let Some(first) = rx.recv().await {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match rx.try_recv() {
                            Ok(p) => batch.push(p),
                            Err(_) => break,
                        }
                    }
                    write(&db, batch).await;
                }
            });
        }
    }

    /// Whether the writers run (the server starts them; tools may not).
    pub fn running(&self) -> bool {
        self.started.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Writes one support through the writers and waits for its outcome.
    /// `level`: the person's verification level (0, 1 or 2).
    pub async fn submit(&self, proposal_id: i64, user_id: i64, level: i32) -> Result<Written> {
        let (reply, answer) = oneshot::channel();
        let queue = &self.queues[usize::try_from(proposal_id.rem_euclid(WRITERS as i64)).unwrap_or(0)].0;
        queue
            .send(Pending { proposal_id, user_id, level, reply })
            .await
            .map_err(|_| AppError::Internal(anyhow::anyhow!("the support writers have stopped")))?;
        answer.await.map_err(|_| AppError::Internal(anyhow::anyhow!("a support writer stopped before answering")))?
    }
}

/// The batch statement. Parameters: proposal ids, person ids and their
/// verification levels as comma-separated lists (one prepared statement
/// whatever the batch size). A pair is written only if the proposal collects
/// supports, a phase taking supports is running in its process, the process
/// has no per-person limit (that path counts quotas in a transaction), and
/// the person's level is enough: the request needs no reads of its own.
const BATCH_SQL: &str = "\
WITH v AS (SELECT * FROM UNNEST(string_to_array($1, ',')::bigint[], string_to_array($2, ',')::bigint[], string_to_array($3, ',')::int[]) \
           AS v(proposal_id, user_id, lvl)), \
ok AS (SELECT v.proposal_id, v.user_id, p.process_id, p.status FROM v \
       JOIN proposals p ON p.id = v.proposal_id AND p.status IN ('published', 'under_review') \
       JOIN processes pr ON pr.id = p.process_id AND pr.supports_per_person IS NULL \
            AND (CASE pr.support_level WHEN 'official' THEN 2 WHEN 'verified' THEN 1 ELSE 0 END) <= v.lvl \
       WHERE EXISTS (SELECT 1 FROM process_phases ph WHERE ph.process_id = p.process_id \
                     AND ph.kind IN ('intake', 'deliberation') AND ph.starts_at <= now() AND now() < ph.ends_at)), \
ins AS (INSERT INTO supports (proposal_id, user_id, created_at) SELECT proposal_id, user_id, now() FROM ok ORDER BY 1, 2 \
        ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING proposal_id, user_id), \
cnt AS (INSERT INTO support_counts (proposal_id, shard, n) SELECT proposal_id, user_id % 16, COUNT(*) FROM ins GROUP BY 1, 2 ORDER BY 1, 2 \
        ON CONFLICT (proposal_id, shard) DO UPDATE SET n = support_counts.n + EXCLUDED.n RETURNING 1), \
fol AS (INSERT INTO follows (user_id, proposal_id, created_at) SELECT user_id, proposal_id, now() FROM ins ORDER BY 1, 2 \
        ON CONFLICT (user_id, proposal_id) DO NOTHING RETURNING 1), \
added AS (SELECT proposal_id, COUNT(*) AS n FROM ins GROUP BY 1) \
SELECT v.proposal_id, v.user_id, ok.process_id, ok.status, \
       EXISTS (SELECT 1 FROM ins WHERE ins.proposal_id = v.proposal_id AND ins.user_id = v.user_id) AS inserted, \
       CAST((SELECT COALESCE(SUM(n), 0) FROM support_counts c WHERE c.proposal_id = v.proposal_id) \
            + COALESCE((SELECT n FROM added WHERE added.proposal_id = v.proposal_id), 0) AS BIGINT) AS count \
FROM v LEFT JOIN ok ON ok.proposal_id = v.proposal_id AND ok.user_id = v.user_id";

async fn write(db: &DatabaseConnection, batch: Vec<Pending>) {
    // One row per pair: a double click in one batch answers twice from one row.
    let mut pairs: Vec<(i64, i64, i32)> = batch.iter().map(|p| (p.proposal_id, p.user_id, p.level)).collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| (p.0, p.1));
    match run(db, &pairs).await {
        Ok(outcomes) => answer(batch, &outcomes),
        Err(e) if pairs.len() > 1 => {
            tracing::warn!(error = %e, supports = pairs.len(), "support batch failed; writing one at a time");
            let mut outcomes = HashMap::new();
            let mut failed = Vec::new();
            for pair in &pairs {
                match run(db, std::slice::from_ref(pair)).await {
                    Ok(o) => outcomes.extend(o),
                    Err(e) => failed.push(((pair.0, pair.1), e)),
                }
            }
            let (ok, rest): (Vec<Pending>, Vec<Pending>) = batch.into_iter().partition(|p| outcomes.contains_key(&(p.proposal_id, p.user_id)));
            answer(ok, &outcomes);
            for p in rest {
                let _ = p.reply.send(Err(AppError::Internal(anyhow::anyhow!("support write failed"))));
            }
            for ((proposal_id, user_id), e) in failed {
                tracing::error!(error = %e, proposal_id, user_id, "support write failed");
            }
        }
        Err(e) => {
            for p in batch {
                let _ = p.reply.send(Err(AppError::Internal(anyhow::anyhow!("support write failed: {e}"))));
            }
        }
    }
}

/// Answers each request; only the first request for a pair is the insert.
fn answer(batch: Vec<Pending>, outcomes: &HashMap<(i64, i64), Written>) {
    let mut seen = std::collections::HashSet::new();
    for p in batch {
        let key = (p.proposal_id, p.user_id);
        let reply = match outcomes.get(&key) {
            Some(w) => Ok(Written { inserted: w.inserted && seen.insert(key), ..*w }),
            None => Err(AppError::Internal(anyhow::anyhow!("no outcome for a support in its batch"))),
        };
        let _ = p.reply.send(reply);
    }
}

async fn run(db: &DatabaseConnection, pairs: &[(i64, i64, i32)]) -> std::result::Result<HashMap<(i64, i64), Written>, sea_orm::DbErr> {
    let list = |f: fn(&(i64, i64, i32)) -> String| pairs.iter().map(f).collect::<Vec<_>>().join(",");
    let (proposals, users, levels) = (list(|p| p.0.to_string()), list(|p| p.1.to_string()), list(|p| p.2.to_string()));
    const { assert!(SHARDS == 16, "the statement's shard is user_id % 16, as in `proposals`") };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(DatabaseBackend::Postgres, BATCH_SQL, [proposals.into(), users.into(), levels.into()]))
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let key = (r.try_get::<i64>("", "proposal_id")?, r.try_get::<i64>("", "user_id")?);
        let process_id = r.try_get::<Option<i64>>("", "process_id")?;
        let written = Written {
            accepted: process_id.is_some(),
            inserted: r.try_get::<bool>("", "inserted")?,
            count: u64::try_from(r.try_get::<i64>("", "count")?).unwrap_or(0),
            process_id: process_id.unwrap_or(0),
            published: r.try_get::<Option<String>>("", "status")?.as_deref() == Some("published"),
        };
        out.insert(key, written);
    }
    Ok(out)
}
