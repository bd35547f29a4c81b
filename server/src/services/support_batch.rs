//! Supports on PostgreSQL, written in batches. Concurrent requests hand
//! their (proposal, person) pair to a few writer tasks; each writer takes
//! whatever has gathered (up to [`MAX_BATCH`]) and writes it in one
//! statement: the support rows, their counter rows and the follows, with
//! one round trip and one commit for many supports instead of one each.
//! When nothing else is waiting a batch is one support, so a quiet site
//! answers as fast as before; under load the batches grow by themselves.
//!
//! The statement re-checks the proposal's status, so a support never lands
//! on a proposal that stopped collecting them between the request's checks
//! and the write. A batch that fails as a whole (a deadlock, say) is retried
//! one support at a time, so one bad pair never fails the others.

use crate::error::{AppError, Result};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// Most supports one statement writes.
const MAX_BATCH: usize = 256;
/// Writer tasks, each with a connection of its own (a pool of this size
/// beside the requests' pool). Divides the 16 counter shards evenly.
pub const WRITERS: usize = 4;
/// Counter rows per proposal (as in `proposals`).
const SHARDS: i64 = 16;

/// What happened to one support.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// A new row (false: the person had supported it already).
    pub inserted: bool,
    /// The proposal's count including this batch (the statement's snapshot
    /// plus what the batch added; supports committed meanwhile by other
    /// writers show in the next answer).
    pub count: u64,
    /// False when the proposal no longer collects supports (nothing written).
    pub open: bool,
}

struct Pending {
    proposal_id: i64,
    user_id: i64,
    reply: oneshot::Sender<Result<Written>>,
}

/// A writer's queue: the sending side, and the receiving side until the writer takes it.
type Queue = (mpsc::Sender<Pending>, Mutex<Option<mpsc::Receiver<Pending>>>);

/// The queues in front of the writers, one per writer. A support goes to
/// writer `user_id % WRITERS`, and its counter row is shard `user_id % 16`,
/// so two writers never touch the same rows (support, counter or follow)
/// and never wait for each other's commit, even when everyone supports the
/// same proposal. Cheap to clone.
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
    pub async fn submit(&self, proposal_id: i64, user_id: i64) -> Result<Written> {
        let (reply, answer) = oneshot::channel();
        let queue = &self.queues[usize::try_from(user_id.rem_euclid(WRITERS as i64)).unwrap_or(0)].0;
        queue
            .send(Pending { proposal_id, user_id, reply })
            .await
            .map_err(|_| AppError::Internal(anyhow::anyhow!("the support writers have stopped")))?;
        answer.await.map_err(|_| AppError::Internal(anyhow::anyhow!("a support writer stopped before answering")))?
    }
}

/// The batch statement. Parameters: proposal ids and person ids as
/// comma-separated lists (one prepared statement whatever the batch size).
const BATCH_SQL: &str = "\
WITH v AS (SELECT * FROM UNNEST(string_to_array($1, ',')::bigint[], string_to_array($2, ',')::bigint[]) AS v(proposal_id, user_id)), \
ok AS (SELECT v.proposal_id, v.user_id FROM v JOIN proposals p ON p.id = v.proposal_id AND p.status IN ('published', 'under_review')), \
ins AS (INSERT INTO supports (proposal_id, user_id, created_at) SELECT proposal_id, user_id, now() FROM ok ORDER BY 1, 2 \
        ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING proposal_id, user_id), \
cnt AS (INSERT INTO support_counts (proposal_id, shard, n) SELECT proposal_id, user_id % 16, COUNT(*) FROM ins GROUP BY 1, 2 ORDER BY 1, 2 \
        ON CONFLICT (proposal_id, shard) DO UPDATE SET n = support_counts.n + EXCLUDED.n RETURNING 1), \
fol AS (INSERT INTO follows (user_id, proposal_id, created_at) SELECT user_id, proposal_id, now() FROM ins ORDER BY 1, 2 \
        ON CONFLICT (user_id, proposal_id) DO NOTHING RETURNING 1), \
added AS (SELECT proposal_id, COUNT(*) AS n FROM ins GROUP BY 1) \
SELECT v.proposal_id, v.user_id, \
       EXISTS (SELECT 1 FROM ok WHERE ok.proposal_id = v.proposal_id) AS open, \
       EXISTS (SELECT 1 FROM ins WHERE ins.proposal_id = v.proposal_id AND ins.user_id = v.user_id) AS inserted, \
       CAST((SELECT COALESCE(SUM(n), 0) FROM support_counts c WHERE c.proposal_id = v.proposal_id) \
            + COALESCE((SELECT n FROM added WHERE added.proposal_id = v.proposal_id), 0) AS BIGINT) AS count \
FROM v";

async fn write(db: &DatabaseConnection, batch: Vec<Pending>) {
    // One row per pair: a double click in one batch answers twice from one row.
    let mut pairs: Vec<(i64, i64)> = batch.iter().map(|p| (p.proposal_id, p.user_id)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    match run(db, &pairs).await {
        Ok(outcomes) => answer(batch, &outcomes),
        Err(e) if pairs.len() > 1 => {
            tracing::warn!(error = %e, supports = pairs.len(), "support batch failed; writing one at a time");
            let mut outcomes = HashMap::new();
            let mut failed = Vec::new();
            for pair in &pairs {
                match run(db, std::slice::from_ref(pair)).await {
                    Ok(o) => outcomes.extend(o),
                    Err(e) => failed.push((*pair, e)),
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

async fn run(db: &DatabaseConnection, pairs: &[(i64, i64)]) -> std::result::Result<HashMap<(i64, i64), Written>, sea_orm::DbErr> {
    let join = |f: fn(&(i64, i64)) -> i64| pairs.iter().map(|p| f(p).to_string()).collect::<Vec<_>>().join(",");
    let (proposals, users) = (join(|p| p.0), join(|p| p.1));
    const { assert!(SHARDS == 16 && (SHARDS as usize).is_multiple_of(WRITERS), "the statement's shard is user_id % 16; writers split the shards") };
    let rows = db.query_all_raw(Statement::from_sql_and_values(DatabaseBackend::Postgres, BATCH_SQL, [proposals.into(), users.into()])).await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let key = (r.try_get::<i64>("", "proposal_id")?, r.try_get::<i64>("", "user_id")?);
        let written = Written {
            inserted: r.try_get::<bool>("", "inserted")?,
            count: u64::try_from(r.try_get::<i64>("", "count")?).unwrap_or(0),
            open: r.try_get::<bool>("", "open")?,
        };
        out.insert(key, written);
    }
    Ok(out)
}
