//! The live event bus of meetings (DESIGN.md §2 rule 5): a change in a
//! meeting's live room is a [`LiveEvent`] stored in `meeting_events` in the
//! transaction that makes the change; the row id is the event id. Readers
//! of `GET /api/v1/meetings/{id}/events` get the events after their
//! `Last-Event-ID` from that table, so replay works across server processes
//! and restarts, then the new ones as they come.
//!
//! How new events reach the subscribers of a process: after its commit the
//! publishing process wakes its own dispatcher; on PostgreSQL the publishing
//! transaction also sends `NOTIFY hamkke_live, '{"meeting_id":…,"id":…}'`
//! (delivered at commit), and every process `LISTEN`s on a connection of its
//! own and wakes its dispatcher in turn (SQLite is one process: the local
//! wake is all there is). The dispatcher reads each woken meeting's new rows
//! once and hands them to that meeting's `tokio::sync::broadcast` channel,
//! which every subscriber of the meeting in this process listens on.
//!
//! Ids follow commit order within a meeting because every transaction that
//! records an event first locks the meeting's row ([`lock_meeting`]); so "the
//! rows after the last id read" never skips a row that commits later.

use crate::error::{AppError, Result};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use shared::meeting::LiveEvent;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};

/// The PostgreSQL notification channel.
pub const CHANNEL: &str = "hamkke_live";

/// How many events a slow subscriber may fall behind before it reads the
/// table again instead.
const BUFFER: usize = 256;

/// Rows read from the table at once.
const PAGE: u64 = 500;

/// `meeting_events`, the stored events. The entity lives here rather than in
/// `entities/` because nothing but the bus reads or writes the table.
pub mod meeting_event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meeting_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub meeting_id: i64,
        pub audience: String,
        pub kind: String,
        pub payload: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Who may receive an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Everyone who may see the meeting.
    All,
    /// The people running it (live results of an open poll, `shared::meeting::PollDto`).
    Staff,
}

impl Audience {
    fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Staff => "staff",
        }
    }
}

/// An event as sent: its id, name and JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    pub id: i64,
    pub staff_only: bool,
    pub name: String,
    pub data: String,
}

impl From<meeting_event::Model> for StoredEvent {
    fn from(m: meeting_event::Model) -> Self {
        Self {
            id: m.id,
            staff_only: m.audience == Audience::Staff.as_str(),
            name: m.kind,
            data: m.payload,
        }
    }
}

/// Locks the meeting's row until the commit (a no-op update: a row lock on
/// PostgreSQL, the write lock on SQLite), so that events of one meeting get
/// their ids in commit order. Every transaction that calls [`record`] calls
/// this first.
pub async fn lock_meeting(txn: &impl ConnectionTrait, meeting_id: i64) -> Result<()> {
    use crate::entities::meeting;
    let locked = meeting::Entity::update_many()
        .col_expr(meeting::Column::Kind, Expr::col(meeting::Column::Kind))
        .filter(meeting::Column::Id.eq(meeting_id))
        .exec(txn)
        .await?
        .rows_affected;
    if locked == 1 {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Stores an event in the caller's transaction (which holds
/// [`lock_meeting`]) and, on PostgreSQL, queues the `NOTIFY` that tells
/// the other processes at commit. Returns the event id. After the commit,
/// call [`Bus::wake`].
pub async fn record(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    audience: Audience,
    event: &LiveEvent,
) -> Result<i64> {
    let payload = serde_json::to_string(event)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("failed to encode a live event: {e}")))?;
    let row = meeting_event::ActiveModel {
        meeting_id: Set(meeting_id),
        audience: Set(audience.as_str().into()),
        kind: Set(event.name().into()),
        payload: Set(payload),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // PostgreSQL-only (DESIGN.md §2 rule 4): the payload is small (well under 8000 bytes).
        let note = serde_json::json!({ "meeting_id": meeting_id, "id": row.id }).to_string();
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), note.into()],
        ))
        .await?;
    }
    Ok(row.id)
}

/// The meeting's events after `after`, oldest first (at most one page).
pub async fn since(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    after: i64,
) -> Result<Vec<StoredEvent>> {
    let rows = meeting_event::Entity::find()
        .filter(meeting_event::Column::MeetingId.eq(meeting_id))
        .filter(meeting_event::Column::Id.gt(after))
        .order_by_asc(meeting_event::Column::Id)
        .limit(PAGE)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(StoredEvent::from).collect())
}

/// The meeting's latest event id (0 without events).
pub async fn latest_id(db: &impl ConnectionTrait, meeting_id: i64) -> Result<i64> {
    let row = meeting_event::Entity::find()
        .filter(meeting_event::Column::MeetingId.eq(meeting_id))
        .order_by_desc(meeting_event::Column::Id)
        .one(db)
        .await?;
    Ok(row.map_or(0, |r| r.id))
}

/// Whether `id` is an event of this meeting (a `Last-Event-ID` one can resume from).
pub async fn is_event_of(db: &impl ConnectionTrait, meeting_id: i64, id: i64) -> Result<bool> {
    Ok(meeting_event::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|e| e.meeting_id == meeting_id))
}

// ---------------------------------------------------------------------------
// The bus

enum Wake {
    Meeting(i64),
    All,
}

struct Channel {
    tx: broadcast::Sender<Arc<StoredEvent>>,
    /// The last event id handed to the channel.
    last: i64,
}

type Channels = Arc<Mutex<HashMap<i64, Channel>>>;

/// The bus of this process: cheap to clone, part of `AppState`.
#[derive(Clone)]
pub struct Bus {
    db: DatabaseConnection,
    channels: Channels,
    wake: mpsc::UnboundedSender<Wake>,
    closing: Arc<watch::Sender<bool>>,
    access: Arc<AccessReads>,
}

/// A meeting's council and visibility (`meetings::access_columns`).
type Access = Option<(i64, String)>;

/// The reads of meetings' access columns in progress ([`Bus::meeting_access`]).
#[derive(Default)]
struct AccessReads(Mutex<HashMap<i64, Arc<AccessRead>>>);

/// One who asks for a meeting's access columns; when the last of them is
/// done (or gone: a request can be dropped while it waits), the meeting is
/// forgotten.
struct Asking<'a> {
    reads: &'a AccessReads,
    meeting_id: i64,
    entry: Option<Arc<AccessRead>>,
}

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        let mut map = lock(&self.reads.0);
        if let Some(entry) = self.entry.take() {
            // The map's and this one's: nobody else is asking.
            if Arc::strong_count(&entry) == 2 {
                map.remove(&self.meeting_id);
            }
            // Let go while the map is locked: of two who finish at once,
            // the second then sees that the first is gone.
            drop(entry);
        }
    }
}

/// Why a shared read of a meeting's access columns failed, for each who asked.
#[derive(Clone, Debug)]
enum ReadFailed {
    /// No database connection came free in time (503 with `Retry-After`).
    Busy(sea_orm::error::ConnAcquireErr),
    Other(String),
}

/// One meeting's reads: one at a time, each shared by everyone who asked
/// before it started.
#[derive(Default)]
struct AccessRead {
    /// Held while the row is read (and, briefly, by each who asked, to get the answer).
    turn: tokio::sync::Mutex<()>,
    /// The read that has not started yet: whoever asks now gets its answer.
    next: Mutex<Arc<std::sync::OnceLock<std::result::Result<Access, ReadFailed>>>>,
}

/// A subscription to one meeting's events in this process.
pub struct Subscription {
    pub events: broadcast::Receiver<Arc<StoredEvent>>,
    /// The meeting's latest event id when subscribed.
    pub latest: i64,
    /// Turns true when the server shuts down.
    pub closing: watch::Receiver<bool>,
}

/// A lock on plain data: a panic while holding it leaves it usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn channels(c: &Channels) -> std::sync::MutexGuard<'_, HashMap<i64, Channel>> {
    lock(c)
}

impl Bus {
    /// Starts the dispatcher and, on PostgreSQL, the listener (on a
    /// connection of its own, from `database_url`). Both stop at [`Bus::shutdown`].
    pub fn start(db: DatabaseConnection, database_url: &str) -> Self {
        let (wake, wakes) = mpsc::unbounded_channel();
        let (closing, _) = watch::channel(false);
        let channels: Channels = Arc::default();
        tokio::spawn(dispatch(
            db.clone(),
            channels.clone(),
            wakes,
            closing.subscribe(),
        ));
        if db.get_database_backend() == DatabaseBackend::Postgres {
            tokio::spawn(listen(
                database_url.to_owned(),
                wake.clone(),
                closing.subscribe(),
            ));
        }
        Self {
            db,
            channels,
            wake,
            closing: Arc::new(closing),
            access: Arc::default(),
        }
    }

    /// A meeting's council and visibility (`None`: no such meeting), for
    /// the access check of a reader opening its live room. Thousands open
    /// it at once when a session starts, so the row is read once for all
    /// those who asked before the read began, not once each, and never
    /// older than the asking: a read is shared only by those who asked
    /// before it started, and one read at a time runs per meeting.
    pub(crate) async fn meeting_access(&self, meeting_id: i64) -> Result<Access> {
        // Declared first, dropped last (also when this is cancelled).
        let mut asking = Asking {
            reads: &self.access,
            meeting_id,
            entry: None,
        };
        let entry = lock(&self.access.0).entry(meeting_id).or_default().clone();
        asking.entry = Some(entry.clone());
        let read = lock(&entry.next).clone();
        let answer = {
            let _turn = entry.turn.lock().await;
            if read.get().is_none() {
                // This read starts now: whoever asks from here on waits for the next one.
                *lock(&entry.next) = Arc::default();
                // Boxed: only the one who reads holds the query's state.
                let columns = Box::pin(crate::services::meetings::access_columns(&self.db, meeting_id)).await;
                let _ = read.set(columns.map_err(|e| match e {
                    AppError::Db(sea_orm::DbErr::ConnectionAcquire(busy)) => ReadFailed::Busy(busy),
                    other => ReadFailed::Other(format!("{other:#}")),
                }));
            }
            read.get().cloned()
        };
        drop(entry);
        drop(asking);
        match answer {
            Some(Ok(access)) => Ok(access),
            Some(Err(ReadFailed::Busy(busy))) => Err(AppError::Db(sea_orm::DbErr::ConnectionAcquire(busy))),
            Some(Err(ReadFailed::Other(e))) => Err(AppError::Internal(anyhow::anyhow!("reading a meeting's access: {e}"))),
            None => Err(AppError::Internal(anyhow::anyhow!("a meeting's access was not read"))),
        }
    }

    /// Subscribes to a meeting's events, with the id of the latest one: a
    /// reader without `Last-Event-ID` gets the events after it.
    pub async fn subscribe(&self, meeting_id: i64) -> Result<Subscription> {
        // A reader joining a meeting that has readers starts where its
        // channel is, the last event handed out (those after it reach the
        // reader through the channel): no query per reader when thousands
        // open the room at once. The first reader reads the table.
        let joined = {
            let map = channels(&self.channels);
            map.get(&meeting_id).filter(|c| c.tx.receiver_count() > 0).map(|c| (c.last, c.tx.subscribe()))
        };
        let (latest, events) = match joined {
            Some(joined) => joined,
            None => {
                let latest = latest_id(&self.db, meeting_id).await?;
                let mut map = channels(&self.channels);
                map.retain(|_, c| c.tx.receiver_count() > 0);
                let events = map
                    .entry(meeting_id)
                    .or_insert_with(|| Channel {
                        tx: broadcast::channel(BUFFER).0,
                        last: latest,
                    })
                    .tx
                    .subscribe();
                (latest, events)
            }
        };
        Ok(Subscription {
            events,
            latest,
            closing: self.closing.subscribe(),
        })
    }

    /// Tells this process's subscribers of the meeting to look for new events
    /// (after the commit of a transaction that called [`record`]).
    pub fn wake(&self, meeting_id: i64) {
        let _ = self.wake.send(Wake::Meeting(meeting_id));
    }

    /// Ends the listener, the dispatcher and every open event stream.
    pub fn shutdown(&self) {
        self.closing.send_replace(true);
    }
}

/// Reads the new rows of each woken meeting that has subscribers here and
/// hands them to its channel, in id order.
async fn dispatch(
    db: DatabaseConnection,
    channels: Channels,
    mut wakes: mpsc::UnboundedReceiver<Wake>,
    mut closing: watch::Receiver<bool>,
) {
    loop {
        let first = tokio::select! {
            w = wakes.recv() => match w { Some(w) => w, None => return },
            _ = closing.changed() => return,
        };
        // Wakes that queued up meanwhile are served by one read each.
        let mut all = false;
        let mut meetings = BTreeSet::new();
        let mut note = |w: Wake| match w {
            Wake::Meeting(m) => {
                meetings.insert(m);
            }
            Wake::All => all = true,
        };
        note(first);
        while let Ok(w) = wakes.try_recv() {
            note(w);
        }
        if all {
            meetings.extend(self::channels(&channels).keys().copied());
        }
        for m in meetings {
            loop {
                let last = match self::channels(&channels).get(&m) {
                    Some(c) if c.tx.receiver_count() > 0 => c.last,
                    _ => break,
                };
                let rows = match since(&db, m, last).await {
                    Ok(rows) => rows,
                    Err(e) => {
                        tracing::warn!(meeting.id = m, error = %e, "failed to read live events");
                        break;
                    }
                };
                let full = rows.len() as u64 == PAGE;
                let mut map = self::channels(&channels);
                let Some(c) = map.get_mut(&m) else { break };
                for row in rows {
                    if row.id > c.last {
                        c.last = row.id;
                        let _ = c.tx.send(Arc::new(row));
                    }
                }
                if !full {
                    break;
                }
            }
        }
    }
}

/// PostgreSQL: `LISTEN hamkke_live` and wake the dispatcher for each
/// notification. After (re)connecting, every meeting is woken: what was
/// published while nobody listened is in the table.
async fn listen(
    url: String,
    wake: mpsc::UnboundedSender<Wake>,
    mut closing: watch::Receiver<bool>,
) {
    use sea_orm::sqlx::postgres::PgListener;
    #[derive(serde::Deserialize)]
    struct Note {
        meeting_id: i64,
    }
    loop {
        if *closing.borrow() {
            return;
        }
        let connected = async {
            let mut l = PgListener::connect(&url).await?;
            l.listen(CHANNEL).await?;
            Ok::<_, sea_orm::sqlx::Error>(l)
        };
        let mut listener = match connected.await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "live events: cannot LISTEN; retrying");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(2)) => continue,
                    _ = closing.changed() => return,
                }
            }
        };
        let _ = wake.send(Wake::All);
        loop {
            tokio::select! {
                _ = closing.changed() => return,
                got = listener.try_recv() => match got {
                    Ok(Some(n)) => match serde_json::from_str::<Note>(n.payload()) {
                        Ok(note) => {
                            let _ = wake.send(Wake::Meeting(note.meeting_id));
                        }
                        Err(e) => tracing::warn!(error = %e, "live events: unreadable notification"),
                    },
                    // The connection was lost and opened again: notifications may be lost.
                    Ok(None) => {
                        let _ = wake.send(Wake::All);
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "live events: the listener failed; reconnecting");
                        break;
                    }
                },
            }
        }
    }
}

// ---------------------------------------------------------------------------
// A reader's stream

/// What the event stream sends, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// An event.
    Event(Arc<StoredEvent>),
    /// Load the full state again: the `Last-Event-ID` was not one of this
    /// meeting's events. `id` is the latest event id to resume from (0: none yet).
    Resync { id: i64 },
    /// A comment that keeps proxies from closing an idle connection.
    KeepAlive,
}

/// How often an idle stream sends a keep-alive comment.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Messages a reader's feed may queue ahead of the reader.
const QUEUE: usize = 64;

/// The messages a reader's feed has made and the reader has not read yet.
/// The feed and its [`LiveStream`] run in the same task, and the stream
/// polls the feed every time it is polled, so no waker is needed: a feed
/// waiting for room (at most [`QUEUE`] messages) goes on at the stream's
/// next poll, after the stream has handed out a message.
#[derive(Clone, Default)]
struct Queue(Arc<std::sync::Mutex<std::collections::VecDeque<Outgoing>>>);

impl Queue {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::VecDeque<Outgoing>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Queues `o`, once there is room.
    async fn send(&self, o: Outgoing) {
        std::future::poll_fn(|_| {
            if self.lock().len() < QUEUE {
                std::task::Poll::Ready(())
            } else {
                std::task::Poll::Pending
            }
        })
        .await;
        self.lock().push_back(o);
    }
}

/// One reader's stream of [`Outgoing`] messages, from [`open_stream`].
///
/// It has no task of its own: polling it ([`LiveStream::poll_next`]) runs
/// the reader's feed (the replay, then the meeting's channel and the
/// keep-alives), which queues messages that the same poll then reads. So an
/// event wakes the reader's connection once, an idle reader costs its
/// connection, this struct, the queue and the feed's state (`hamkke
/// bench-live` measures the whole server's memory per reader), and when the
/// reader goes away its feed is dropped with the response body.
/// A reader that does not read (a full socket) is not polled: it falls
/// behind the channel and is served from the table when it reads again.
pub struct LiveStream {
    /// The feed, until it ends (the server shuts down, the table cannot be read).
    feed: Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>>,
    queue: Queue,
}

impl LiveStream {
    /// The next message; `None` once the feed has ended and its messages are read.
    pub fn poll_next(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Outgoing>> {
        // The feed first: it fills the queue (or waits, woken through the
        // same task, for the meeting's channel or the timer; for room in the
        // queue, until this poll has handed out a message).
        if let Some(feed) = self.feed.as_mut()
            && feed.as_mut().poll(cx).is_ready()
        {
            self.feed = None;
        }
        match self.queue.lock().pop_front() {
            Some(o) => std::task::Poll::Ready(Some(o)),
            // The stream ends after what the ended feed queued.
            None if self.feed.is_none() => std::task::Poll::Ready(None),
            None => std::task::Poll::Pending,
        }
    }
}

/// Opens a meeting's event stream for the person asking (404 for a meeting
/// they may not see). With a `Last-Event-ID` of one of the meeting's events,
/// first the events after it; with an unknown or malformed one, a resync;
/// without one, only what comes next. Then the new events as they come;
/// results of an open poll only to the staff. The stream ends when the
/// reader goes away (it is dropped) or the server shuts down.
pub async fn open_stream(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &crate::services::accounts::Requester,
    meeting_id: i64,
    last_event_id: Option<&str>,
) -> Result<LiveStream> {
    use crate::services::{accounts, meetings};
    let actor = match accounts::current(db, req).await? {
        Some(user) => accounts::actor(db, &user).await?,
        None => crate::policy::Actor::anonymous(),
    };
    // Only what the access check needs is read (thousands open at once): the
    // meeting's columns shared, the person's seat once (none for a visitor).
    let seat = meetings::visible_seat(db, bus, &actor, meeting_id).await?;
    let staff = crate::policy::allows(&actor, crate::policy::Action::RunMeeting, seat);
    let sub = bus.subscribe(meeting_id).await?;
    let (start, resync) = match last_event_id {
        None => (sub.latest, false),
        Some(raw) => match shared::meeting::parse_last_event_id(Some(raw))
            .and_then(|id| i64::try_from(id).ok())
        {
            // 0: before the first event of the meeting.
            Some(0) => (0, false),
            Some(id) => {
                if is_event_of(db, meeting_id, id).await? {
                    (id, false)
                } else {
                    (sub.latest, true)
                }
            }
            None => (sub.latest, true),
        },
    };
    let queue = Queue::default();
    Ok(LiveStream {
        feed: Some(Box::pin(feed(
            db.clone(),
            meeting_id,
            staff,
            sub,
            start,
            resync,
            queue.clone(),
        ))),
        queue,
    })
}

/// Sends the stored events after `*last` (every page), skipping the staff's
/// for others. False when the table cannot be read.
async fn catch_up(
    db: &DatabaseConnection,
    meeting_id: i64,
    staff: bool,
    last: &mut i64,
    tx: &Queue,
) -> bool {
    loop {
        let rows = match since(db, meeting_id, *last).await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(meeting.id = meeting_id, error = %e, "failed to replay live events");
                return false;
            }
        };
        let full = rows.len() as u64 == PAGE;
        for row in rows {
            *last = row.id;
            if staff || !row.staff_only {
                tx.send(Outgoing::Event(Arc::new(row))).await;
            }
        }
        if !full {
            return true;
        }
    }
}

/// A reader's feed, run by its [`LiveStream`]. The replays are boxed: the
/// feed's own state, kept as long as the reader stays, is then only what
/// waiting for the next event needs.
async fn feed(
    db: DatabaseConnection,
    meeting_id: i64,
    staff: bool,
    mut sub: Subscription,
    start: i64,
    resync: bool,
    tx: Queue,
) {
    let mut last = start;
    if resync {
        tx.send(Outgoing::Resync { id: start }).await;
    }
    if !Box::pin(catch_up(&db, meeting_id, staff, &mut last, &tx)).await {
        return;
    }
    let mut keep_alive =
        tokio::time::interval_at(tokio::time::Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            got = sub.events.recv() => match got {
                Ok(e) => {
                    // Events already replayed come again through the channel: skip them.
                    if e.id > last {
                        last = e.id;
                        if staff || !e.staff_only {
                            tx.send(Outgoing::Event(e)).await;
                        }
                    }
                }
                // Too slow for the channel: read what was missed from the table.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    if !Box::pin(catch_up(&db, meeting_id, staff, &mut last, &tx)).await {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
            _ = keep_alive.tick() => {
                tx.send(Outgoing::KeepAlive).await;
            }
            _ = sub.closing.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, Database};

    #[tokio::test]
    async fn readers_asking_at_once_share_one_read_and_the_meeting_is_forgotten_after() {
        let mut db = Database::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared(
            "CREATE TABLE meetings (id INTEGER PRIMARY KEY, council_id INTEGER NOT NULL, visibility TEXT NOT NULL);
             INSERT INTO meetings VALUES (7, 3, 'public');",
        )
        .await
        .unwrap();
        let reads = crate::db::StatementCounter::default();
        reads.attach(&mut db);
        let bus = Bus::start(db.clone(), "sqlite::memory:");
        let ask = || {
            let bus = bus.clone();
            tokio::spawn(async move { bus.meeting_access(7).await })
        };
        // A read of meeting 7 is under way (the test holds its turn): those
        // who ask now wait for the next read, and share it.
        let entry = lock(&bus.access.0).entry(7).or_default().clone();
        let turn = entry.turn.lock().await;
        let askers: Vec<_> = (0..20).map(|_| ask()).collect();
        // One more goes away while it waits.
        let gone = ask();
        let batch = lock(&entry.next).clone();
        tokio::time::timeout(std::time::Duration::from_secs(10), async {
            // The next read's: its cell, the test's clone and the 21 askers'.
            while Arc::strong_count(&batch) < 1 + 1 + 21 {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("the askers did not all wait for the same read");
        gone.abort();
        let _ = gone.await;
        // The read starts only when it is their turn, after this change.
        db.execute_unprepared("UPDATE meetings SET visibility = 'members_only' WHERE id = 7")
            .await
            .unwrap();
        // (Statements run with `execute_unprepared` are not counted.)
        let before = reads.get();
        drop(turn);
        for a in askers {
            assert_eq!(a.await.unwrap().unwrap(), Some((3, "members_only".to_owned())));
        }
        assert_eq!(reads.get() - before, 1, "one read served all twenty");
        // Who asks after a read gets a read of their own, never the last answer.
        db.execute_unprepared("UPDATE meetings SET visibility = 'public' WHERE id = 7")
            .await
            .unwrap();
        assert_eq!(bus.meeting_access(7).await.unwrap(), Some((3, "public".to_owned())));
        assert_eq!(reads.get() - before, 2, "a second read");
        // Nobody asking: the meeting is forgotten (also after the one that went away).
        drop(entry);
        assert_eq!(bus.meeting_access(7).await.unwrap(), Some((3, "public".to_owned())));
        assert!(lock(&bus.access.0).is_empty());
        // An unknown meeting is none, and forgotten too.
        assert_eq!(bus.meeting_access(8).await.unwrap(), None);
        assert!(lock(&bus.access.0).is_empty());
        bus.shutdown();
    }
}
