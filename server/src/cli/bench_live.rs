//! `hamkke bench-live`: many concurrent readers of one meeting's live events
//! (Server-Sent Events) on one server process (issue: 10,000 concurrent SSE
//! clients; goals p99 delivery ≤ 1 s and ≤ 20 KiB of server memory per client).
//!
//! It measures the server process alone: the server is this same binary
//! started as a child (`serve` on a free port of 127.0.0.1, a fresh database,
//! an admin made by `create-admin`), and its resident memory is read from
//! `/proc/<pid>/status` (`VmRSS`) after a warm-up with no reader, then with
//! every reader connected and idle. Through the REST API it makes a council,
//! a public hybrid meeting that is live now, a voter registered online and
//! the polls; then it opens N plain TCP connections that send
//! `GET /api/v1/meetings/{id}/events` (anonymous: a public meeting's events
//! are public) and publishes updates one at a time: a poll opened
//! (`poll_opened`), then closed (`poll_closed` and `poll_results`, the
//! latter measured), which every reader gets. A vote of the voter between an
//! opening and its closing makes a staff-only event that readers must not get.
//!
//! The delivery latency of an update to a reader runs from just before the
//! HTTP request that causes it until that reader has read the end of the
//! event's frame. Every reader must get every update, in order; a reader
//! that misses one, gets something out of order or is disconnected makes the
//! command fail. No thresholds: it prints the figures.
//!
//! Linux only (`/proc`). The bench and the server each hold one socket per
//! reader, so the open-files limit must allow N and some more (checked first).

use crate::config::Config;
use anyhow::{Context, bail};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// What to measure.
#[derive(clap::Args, Clone, Debug)]
pub struct BenchLiveArgs {
    /// Concurrent readers of the meeting's event stream.
    #[arg(long, default_value_t = 10_000)]
    pub clients: usize,
    /// Updates to publish, one at a time: a poll opened, then closed, in turn.
    #[arg(long, default_value_t = 20)]
    pub updates: usize,
    /// Connection attempts in flight at once while the readers connect.
    #[arg(long, default_value_t = 200)]
    pub connect_concurrency: usize,
    /// Seconds to let the server settle before each memory reading.
    #[arg(long, default_value_t = 5)]
    pub settle: u64,
    /// Seconds an update may take to reach every reader before the missing
    /// ones count as missed (a failure guard, not a goal).
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

/// Descriptors this process and the server need beyond one per reader.
const SPARE_FILES: u64 = 512;

/// Bytes read at once by a reader (events are a few hundred bytes).
const READ_BUFFER: usize = 2048;

pub async fn run(config: &Config, args: BenchLiveArgs) -> anyhow::Result<()> {
    if args.clients == 0 || args.updates == 0 {
        bail!("--clients and --updates must be at least 1");
    }
    check_limits(args.clients)?;
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; build with --release for figures worth comparing");
    }
    let work = std::env::temp_dir().join(format!("hamkke-bench-live-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&work).with_context(|| format!("failed to create {}", work.display()))?;
    let database = Database::fresh(&config.database_url, &work).await?;
    let result = measure(config, &args, &database.url, &work).await;
    database.remove().await;
    match &result {
        // The server's log stays for a look when something went wrong.
        Err(_) => eprintln!("the server's log: {}", work.join("server.log").display()),
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&work);
        }
    }
    result
}

async fn measure(config: &Config, args: &BenchLiveArgs, database_url: &str, work: &Path) -> anyhow::Result<()> {
    let n = args.clients;
    let exe = std::env::current_exe().context("failed to find this program")?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let password = format!("bench-live-{}", uuid::Uuid::new_v4().simple());
    let admin_email = "bench-admin@bench.invalid";

    // The admin, then the server, both on the fresh database.
    let common = |cmd: &mut std::process::Command| {
        cmd.arg("--database-url")
            .arg(database_url)
            .arg("--host")
            .arg("127.0.0.1")
            .arg("--port")
            .arg(port.to_string())
            .arg("--base-url")
            .arg(&base)
            .arg("--site-root")
            .arg(&config.site_root)
            .arg("--db-max-connections")
            .arg(config.db_max_connections.to_string())
            // One log line per request would measure the terminal.
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()));
    };
    let mut create = std::process::Command::new(&exe);
    create.arg("create-admin").arg("--email").arg(admin_email).env("HAMKKE_ADMIN_PASSWORD", &password).stdout(Stdio::null());
    common(&mut create);
    let status = tokio::task::spawn_blocking(move || create.status()).await?.context("failed to run create-admin")?;
    if !status.success() {
        bail!("create-admin failed ({status})");
    }
    let log = std::fs::File::create(work.join("server.log")).context("failed to create the server's log")?;
    let mut serve = std::process::Command::new(&exe);
    serve.arg("serve").stdin(Stdio::null()).stdout(log.try_clone()?).stderr(log);
    common(&mut serve);
    let mut server = ServerProcess(Some(serve.spawn().context("failed to start the server")?));
    let pid = server.pid();
    let http = reqwest::Client::builder().pool_max_idle_per_host(4).build()?;
    wait_ready(&http, &base, &mut server).await?;
    println!("server: pid {pid}, {base}, {} database, {} tokio workers (the default)", backend_name(database_url), std::thread::available_parallelism().map_or(1, |n| n.get()));

    // The meeting, its voter and the polls, through the API.
    let api = Api { http: http.clone(), base: base.clone() };
    let admin = api.sign_in(admin_email, &password).await?;
    let voter = api.sign_up("bench-voter@bench.invalid", &password).await?;
    let council = id(&api.send(reqwest::Method::POST, "/api/v1/councils", &admin, Some(json!({ "name": "정부혁신추진협의회", "description": "실시간 중계 성능 측정" }))).await?)?;
    let now = chrono::Utc::now();
    let meeting = id(&api
        .send(
            reqwest::Method::POST,
            "/api/v1/meetings",
            &admin,
            Some(json!({
                "council_id": council, "title": "제1차 온라인 공개회의", "description": "실시간 투표", "kind": "hybrid",
                "starts_at": (now - chrono::Duration::minutes(10)).to_rfc3339(),
                "ends_at": (now + chrono::Duration::hours(3)).to_rfc3339(),
                "venue": "정부서울청사 별관 2층 대회의실", "capacity": 100,
                "online_url": "https://meet.example.kr/gov-council", "visibility": "public",
            })),
        )
        .await?)?;
    api.send(reqwest::Method::PUT, &format!("/api/v1/meetings/{meeting}/registration"), &voter, Some(json!({ "mode": "online" }))).await?;
    let mut polls = Vec::new();
    for i in 0..args.updates.div_ceil(2) {
        let input = json!({ "question": format!("{}번째 안건을 채택할까요?", i + 1), "kind": "single", "options": ["찬성", "반대", "기권"] });
        polls.push(id(&api.send(reqwest::Method::POST, &format!("/api/v1/meetings/{meeting}/polls"), &admin, Some(input)).await?)?);
    }
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let request: Arc<[u8]> =
        format!("GET /api/v1/meetings/{meeting}/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").into_bytes().into();

    // Warm-up without readers: the database pool opened, the meeting's
    // channel made, a few short streams opened and closed. Then memory.
    for _ in 0..3 {
        let rounds: Vec<_> = (0..32).map(|_| tokio::spawn(open_and_close(addr, request.clone()))).collect();
        for r in rounds {
            r.await??;
        }
        api.send(reqwest::Method::GET, &format!("/api/v1/meetings/{meeting}"), &Session::none(), None).await?;
    }
    tokio::time::sleep(Duration::from_secs(args.settle)).await;
    let before = Rss::of(pid)?;

    // N readers, each one task with one small buffer.
    let shared = Arc::new(Shared::new(n, args.updates));
    let permits = Arc::new(Semaphore::new(args.connect_concurrency.max(1)));
    let started = Instant::now();
    let mut readers = Vec::with_capacity(n);
    for c in 0..n {
        readers.push(tokio::spawn(reader(c, addr, request.clone(), shared.clone(), permits.clone())));
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("connecting {bar:40} {pos}/{len} ({per_sec})").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
    loop {
        let (ready, failed) = (shared.ready.load(Ordering::Acquire), shared.failed.load(Ordering::Acquire));
        bar.set_position(ready as u64);
        if ready + failed >= n {
            break;
        }
        if started.elapsed() > Duration::from_secs(args.timeout.max(60) * 4) {
            bar.abandon();
            bail!("only {ready} of {n} readers connected in {:.0} s", started.elapsed().as_secs_f64());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let connect_time = started.elapsed();
    bar.finish_and_clear();
    let connected = shared.ready.load(Ordering::Acquire);
    println!("connected {connected} of {n} readers in {:.2} s", connect_time.as_secs_f64());
    if connected == 0 {
        bail!("no reader connected: {}", shared.problems());
    }
    tokio::time::sleep(Duration::from_secs(args.settle)).await;
    let with = Rss::of(pid)?;

    // The updates, one at a time: each waits until every reader has it.
    let mut sent_at = Vec::with_capacity(args.updates);
    for k in 0..args.updates {
        let poll = polls[k / 2];
        let action = if k % 2 == 0 { "open" } else { "close" };
        let t0 = Instant::now();
        sent_at.push(t0);
        api.send(reqwest::Method::POST, &format!("/api/v1/polls/{poll}/{action}"), &admin, None).await?;
        let deadline = t0 + Duration::from_secs(args.timeout);
        while shared.delivered[k].load(Ordering::Acquire) + shared.failed.load(Ordering::Acquire) < n && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        if k % 2 == 0 {
            // A staff-only event (the live results) that readers must skip.
            api.send(reqwest::Method::PUT, &format!("/api/v1/polls/{poll}/vote"), &voter, Some(json!({ "choices": [0] }))).await?;
        }
    }
    // A moment for anything a reader should not have got, or a late disconnection.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = Rss::of(pid)?;
    for r in &readers {
        r.abort();
    }
    for r in readers {
        let _ = r.await;
    }

    // Figures.
    let mut all = Vec::with_capacity(n * args.updates);
    let mut per_update = Vec::with_capacity(args.updates);
    for (k, t0) in sent_at.iter().enumerate() {
        let mut lat: Vec<Duration> = (0..n).filter_map(|c| shared.arrival(c, k)).map(|at| at.saturating_duration_since(*t0)).collect();
        lat.sort_unstable();
        all.extend_from_slice(&lat);
        per_update.push(lat);
    }
    all.sort_unstable();
    let complete = (0..n).filter(|&c| (0..args.updates).all(|k| shared.arrival(c, k).is_some())).count();
    let missed = n * args.updates - all.len();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    println!("\nper update (delivery from just before the request to the end of the frame, over every reader):");
    println!("{:>4}  {:<26} {:>9} {:>9} {:>9} {:>9}", "#", "event", "got it", "p50 ms", "p99 ms", "max ms");
    for (k, lat) in per_update.iter().enumerate() {
        let what = if k % 2 == 0 { "poll opened (poll_opened)" } else { "poll closed (poll_results)" };
        println!("{:>4}  {:<26} {:>9} {:>9.1} {:>9.1} {:>9.1}", k + 1, what, lat.len(), ms(pct(lat, 0.50)), ms(pct(lat, 0.99)), ms(pct(lat, 1.0)));
    }
    let mib = |kib: u64| kib as f64 / 1024.0;
    let per_client = with.rss_kib.saturating_sub(before.rss_kib) as f64 / connected as f64;
    println!("\nlive events: {n} SSE readers of one meeting, {} updates, one server process ({} database)", args.updates, backend_name(database_url));
    println!("| figure | value |");
    println!("| --- | ---: |");
    println!("| readers connected (200, text/event-stream) | {connected} of {n} |");
    println!("| connect time (all response headers) | {:.2} s |", connect_time.as_secs_f64());
    println!("| readers that got every update | {complete} of {n} |");
    println!("| (reader, update) pairs delivered | {} of {} |", all.len(), n * args.updates);
    println!("| delivery p50 | {:.1} ms |", ms(pct(&all, 0.50)));
    println!("| delivery p95 | {:.1} ms |", ms(pct(&all, 0.95)));
    println!("| delivery p99 | {:.1} ms |", ms(pct(&all, 0.99)));
    println!("| delivery max | {:.1} ms |", ms(pct(&all, 1.0)));
    println!("| server RSS after warm-up, no reader | {:.1} MiB |", mib(before.rss_kib));
    println!("| server RSS, {connected} idle readers | {:.1} MiB |", mib(with.rss_kib));
    println!("| server RSS after the updates (peak) | {:.1} MiB ({:.1} MiB) |", mib(after.rss_kib), mib(after.hwm_kib));
    println!("| server memory per reader | {per_client:.1} KiB |");
    println!("| server threads | {} |", with.threads);

    let result = if complete < n || missed > 0 || shared.failed.load(Ordering::Acquire) > 0 {
        Err(anyhow::anyhow!(
            "{} of {n} readers did not get every update ({missed} deliveries missed, {} readers failed): {}",
            n - complete,
            shared.failed.load(Ordering::Acquire),
            shared.problems()
        ))
    } else {
        Ok(())
    };
    server.stop().await;
    result
}

// ---------------------------------------------------------------------------
// The readers

/// What the readers share with the coordinator: no lock on the way of an event.
struct Shared {
    base: Instant,
    updates: usize,
    /// Per (reader, update): microseconds after `base` + 1 when the reader
    /// had the update's frame; 0 while it has not.
    arrivals: Vec<AtomicU64>,
    /// Per update: readers that have it.
    delivered: Vec<AtomicUsize>,
    /// Readers that got the response headers.
    ready: AtomicUsize,
    /// Readers that failed (could not connect, got an error, were cut off,
    /// got events out of order).
    failed: AtomicUsize,
    /// The first few failures, for the message.
    first_problems: Mutex<Vec<String>>,
}

impl Shared {
    fn new(clients: usize, updates: usize) -> Self {
        Self {
            base: Instant::now(),
            updates,
            arrivals: (0..clients * updates).map(|_| AtomicU64::new(0)).collect(),
            delivered: (0..updates).map(|_| AtomicUsize::new(0)).collect(),
            ready: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            first_problems: Mutex::new(Vec::new()),
        }
    }

    fn arrival(&self, client: usize, update: usize) -> Option<Instant> {
        match self.arrivals[client * self.updates + update].load(Ordering::Acquire) {
            0 => None,
            micros => Some(self.base + Duration::from_micros(micros - 1)),
        }
    }

    fn arrived(&self, client: usize, update: usize) {
        let micros = self.base.elapsed().as_micros() as u64 + 1;
        self.arrivals[client * self.updates + update].store(micros, Ordering::Release);
        self.delivered[update].fetch_add(1, Ordering::AcqRel);
    }

    fn fail(&self, client: usize, why: String) {
        self.failed.fetch_add(1, Ordering::AcqRel);
        let mut p = self.first_problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if p.len() < 5 {
            p.push(format!("reader {client}: {why}"));
        }
    }

    fn problems(&self) -> String {
        self.first_problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner).join("; ")
    }
}

/// One reader: connect, ask for the stream, note each update's arrival.
async fn reader(client: usize, addr: SocketAddr, request: Arc<[u8]>, shared: Arc<Shared>, permits: Arc<Semaphore>) {
    if let Err(why) = read_stream(client, addr, &request, &shared, &permits).await {
        shared.fail(client, why);
    }
}

async fn read_stream(client: usize, addr: SocketAddr, request: &[u8], shared: &Shared, permits: &Semaphore) -> Result<(), String> {
    let mut buf = [0u8; READ_BUFFER];
    let mut progress = Progress::default();
    let (stream, mut body) = {
        // Connection attempts in flight are bounded (the listen backlog).
        let _permit = permits.acquire().await.map_err(|e| e.to_string())?;
        let stream = TcpStream::connect(addr).await.map_err(|e| format!("cannot connect: {e}"))?;
        write_all(&stream, request).await.map_err(|e| format!("cannot send the request: {e}"))?;
        let (head, filled) = read_head(&stream, &mut buf).await?;
        let mut body = Body::from_head(&buf[..head])?;
        shared.ready.fetch_add(1, Ordering::AcqRel);
        // Whatever came with the head is the start of the body.
        body.feed(&buf[head..filled], &mut |event| progress.on_event(client, shared, event))?;
        (stream, body)
    };
    loop {
        let n = read_some(&stream, &mut buf).await.map_err(|e| format!("read failed: {e}"))?;
        if n == 0 {
            return Err(format!("disconnected after {} of {} updates", progress.update, shared.updates));
        }
        body.feed(&buf[..n], &mut |event| progress.on_event(client, shared, event))?;
    }
}

/// Reads what is there (at least one byte, or 0 at the end). `readable` and
/// `try_read` need no more of tokio than its `net` feature.
async fn read_some(stream: &TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        stream.readable().await?;
        match stream.try_read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            got => return got,
        }
    }
}

async fn write_all(stream: &TcpStream, mut data: &[u8]) -> std::io::Result<()> {
    while !data.is_empty() {
        stream.writable().await?;
        match stream.try_write(data) {
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads the response head into `buf`: (its length with the blank line, bytes read).
async fn read_head(stream: &TcpStream, buf: &mut [u8]) -> Result<(usize, usize), String> {
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            return Err("the response head is too long".into());
        }
        let n = read_some(stream, &mut buf[filled..]).await.map_err(|e| format!("read failed: {e}"))?;
        if n == 0 {
            return Err("the server closed the connection before answering".into());
        }
        let from = filled.saturating_sub(3);
        filled += n;
        if let Some(at) = buf[from..filled].windows(4).position(|w| w == b"\r\n\r\n") {
            return Ok((from + at + 4, filled));
        }
    }
}

/// How far a reader is: the next update it waits for, and whether that
/// update's `poll_closed` came (its `poll_results` is measured).
#[derive(Default)]
struct Progress {
    update: usize,
    closed: bool,
}

impl Progress {
    /// Notes an event. Updates come in order: `poll_opened` for the even
    /// ones (0, 2, …), `poll_closed` then `poll_results` for the odd ones.
    fn on_event(&mut self, client: usize, shared: &Shared, event: Event) -> Result<(), String> {
        let (k, left) = (self.update, self.update < shared.updates);
        match event {
            Event::PollOpened if left && k % 2 == 0 => {
                shared.arrived(client, k);
                self.update += 1;
            }
            Event::PollClosed if left && k % 2 == 1 && !self.closed => self.closed = true,
            Event::PollResults if self.closed => {
                shared.arrived(client, k);
                self.update += 1;
                self.closed = false;
            }
            Event::Other => {}
            unexpected => return Err(format!("{unexpected:?} came out of order, waiting for update {}", k + 1)),
        }
        Ok(())
    }
}

/// The events a reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    PollOpened,
    PollClosed,
    PollResults,
    Other,
}

/// The response body: chunked or not, then the SSE lines. No allocation:
/// the `event:` line of the current frame is all it keeps.
struct Body {
    chunk: Chunked,
    line: [u8; 32],
    len: usize,
    long: bool,
    event: Option<Event>,
}

/// Where the chunked decoder is.
enum Chunked {
    /// Not chunked: every byte is body.
    Off,
    /// Reading a chunk's size (`ext`: in its extension, skipped).
    Size { n: usize, ext: bool },
    /// In a chunk's data, with this many bytes left.
    Data(usize),
    /// After a chunk's data, up to the end of its line.
    DataEnd,
}

impl Body {
    /// Checks the response head: 200, `text/event-stream`.
    fn from_head(head: &[u8]) -> Result<Self, String> {
        let text = String::from_utf8_lossy(head);
        let mut lines = text.split("\r\n");
        let status = lines.next().unwrap_or_default();
        if !status.starts_with("HTTP/1.1 200") {
            return Err(format!("answered {status:?}"));
        }
        let (mut sse, mut chunked) = (false, false);
        for l in lines {
            let l = l.to_ascii_lowercase();
            sse |= l.starts_with("content-type:") && l.contains("text/event-stream");
            chunked |= l.starts_with("transfer-encoding:") && l.contains("chunked");
        }
        if !sse {
            return Err("the response is not text/event-stream".into());
        }
        Ok(Self { chunk: if chunked { Chunked::Size { n: 0, ext: false } } else { Chunked::Off }, line: [0; 32], len: 0, long: false, event: None })
    }

    /// Takes bytes of the body as they come; calls `on` at the end of each named event's frame.
    fn feed(&mut self, mut bytes: &[u8], on: &mut impl FnMut(Event) -> Result<(), String>) -> Result<(), String> {
        while !bytes.is_empty() {
            match &mut self.chunk {
                Chunked::Off => {
                    for &b in bytes {
                        self.sse_byte(b, on)?;
                    }
                    return Ok(());
                }
                Chunked::Size { n, ext } => {
                    let b = bytes[0];
                    bytes = &bytes[1..];
                    match b {
                        b'\n' if *n == 0 => return Err("the stream ended (last chunk)".into()),
                        b'\n' => self.chunk = Chunked::Data(*n),
                        b'\r' => {}
                        _ if *ext => {}
                        b';' => *ext = true,
                        _ => {
                            let d = (b as char).to_digit(16).ok_or("a malformed chunk size")?;
                            *n = n.checked_mul(16).and_then(|n| n.checked_add(d as usize)).ok_or("a chunk too large")?;
                        }
                    }
                }
                Chunked::Data(left) => {
                    let take = (*left).min(bytes.len());
                    *left -= take;
                    if *left == 0 {
                        self.chunk = Chunked::DataEnd;
                    }
                    let (data, rest) = bytes.split_at(take);
                    bytes = rest;
                    for &b in data {
                        self.sse_byte(b, on)?;
                    }
                }
                Chunked::DataEnd => {
                    let b = bytes[0];
                    bytes = &bytes[1..];
                    if b == b'\n' {
                        self.chunk = Chunked::Size { n: 0, ext: false };
                    }
                }
            }
        }
        Ok(())
    }

    /// One byte of the SSE text: a blank line ends a frame; `event: NAME`
    /// names it; `data:`, `id:`, comments and `retry:` need no look.
    fn sse_byte(&mut self, b: u8, on: &mut impl FnMut(Event) -> Result<(), String>) -> Result<(), String> {
        match b {
            b'\n' => {
                if self.len == 0 && !self.long {
                    if let Some(e) = self.event.take() {
                        on(e)?;
                    }
                } else if let Some(name) = self.line[..self.len].strip_prefix(b"event: ") {
                    self.event = Some(match name {
                        b"poll_opened" => Event::PollOpened,
                        b"poll_closed" => Event::PollClosed,
                        b"poll_results" => Event::PollResults,
                        _ => Event::Other,
                    });
                }
                self.len = 0;
                self.long = false;
            }
            b'\r' => {}
            _ if self.len < self.line.len() => {
                self.line[self.len] = b;
                self.len += 1;
            }
            _ => self.long = true,
        }
        Ok(())
    }
}

/// A warm-up stream: open it, read its head, close it.
async fn open_and_close(addr: SocketAddr, request: Arc<[u8]>) -> anyhow::Result<()> {
    let stream = TcpStream::connect(addr).await?;
    write_all(&stream, &request).await?;
    let mut buf = [0u8; READ_BUFFER];
    let (head, _) = read_head(&stream, &mut buf).await.map_err(|e| anyhow::anyhow!(e))?;
    Body::from_head(&buf[..head]).map_err(|e| anyhow::anyhow!("the event stream {e}"))?;
    Ok(())
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

// ---------------------------------------------------------------------------
// The server process, its database and the API

/// The server as a child process: stopped (SIGTERM, then SIGKILL after the
/// grace period) by [`ServerProcess::stop`], killed if dropped earlier.
struct ServerProcess(Option<Child>);

impl ServerProcess {
    fn pid(&self) -> u32 {
        self.0.as_ref().map_or(0, Child::id)
    }

    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.0.as_mut().and_then(|c| c.try_wait().ok().flatten())
    }

    async fn stop(mut self) {
        let Some(mut child) = self.0.take() else { return };
        // `kill` the program: the workspace forbids `unsafe`, so no libc call.
        let _ = std::process::Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let deadline = Instant::now() + crate::app::SHUTDOWN_GRACE + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Waits until the server answers `/readyz`; fails if it exits first.
async fn wait_ready(http: &reqwest::Client, base: &str, server: &mut ServerProcess) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(r) = http.get(format!("{base}/readyz")).send().await
            && r.status().is_success()
        {
            return Ok(());
        }
        if let Some(status) = server.exited() {
            bail!("the server exited ({status}) before it was ready");
        }
        if Instant::now() > deadline {
            bail!("the server did not become ready in 120 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A free port on loopback (bound and released; the server binds it next).
fn free_port() -> anyhow::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("failed to find a free port")?;
    Ok(l.local_addr()?.port())
}

fn backend_name(url: &str) -> &'static str {
    if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" }
}

/// The database of one run: a new SQLite file in the run's folder, or a new
/// database on the PostgreSQL server of `--database-url`, dropped at the end.
struct Database {
    url: String,
    /// PostgreSQL: the server's URL and the database's name.
    postgres: Option<(String, String)>,
}

impl Database {
    async fn fresh(url: &str, work: &Path) -> anyhow::Result<Self> {
        if !url.starts_with("postgres") {
            let file: PathBuf = work.join("bench-live.db");
            return Ok(Self { url: format!("sqlite://{}?mode=rwc", file.display()), postgres: None });
        }
        let name = format!("hamkke_bench_live_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let admin = crate::db::connect(url, 1).await?;
        sea_orm::ConnectionTrait::execute_unprepared(&admin, &format!("CREATE DATABASE {name}")).await.context("failed to create the benchmark's database")?;
        let _ = admin.close().await;
        let mut fresh = url::Url::parse(url).context("the database URL")?;
        fresh.set_path(&format!("/{name}"));
        Ok(Self { url: fresh.to_string(), postgres: Some((url.to_owned(), name)) })
    }

    async fn remove(self) {
        if let Some((url, name)) = self.postgres
            && let Ok(admin) = crate::db::connect(&url, 1).await
        {
            if let Err(e) = sea_orm::ConnectionTrait::execute_unprepared(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await {
                eprintln!("note: could not drop the benchmark's database {name}: {e}");
            }
            let _ = admin.close().await;
        }
    }
}

/// Who makes a request: a session cookie, or nobody.
struct Session(Option<String>);

impl Session {
    fn none() -> Self {
        Self(None)
    }
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    /// A request as the site's pages make it (with its `Origin`); the JSON answer, or an error with the body.
    async fn send(&self, method: reqwest::Method, path: &str, who: &Session, body: Option<Value>) -> anyhow::Result<Value> {
        let mut req = self.http.request(method.clone(), format!("{}{path}", self.base)).header("origin", &self.base);
        if let Some(cookie) = &who.0 {
            req = req.header("cookie", cookie);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.with_context(|| format!("{method} {path}"))?;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        if !status.is_success() {
            bail!("{method} {path} answered {status}: {text}");
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn session_of(&self, path: &str, body: Value) -> anyhow::Result<Session> {
        let res = self.http.post(format!("{}{path}", self.base)).header("origin", &self.base).json(&body).send().await.with_context(|| format!("POST {path}"))?;
        if !res.status().is_success() {
            bail!("POST {path} answered {}", res.status());
        }
        let prefix = format!("{}=", crate::auth::SESSION_COOKIE);
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&prefix))
            .and_then(|v| v.split(';').next())
            .with_context(|| format!("no session cookie from {path}"))?;
        Ok(Session(Some(cookie.to_owned())))
    }

    async fn sign_in(&self, email: &str, password: &str) -> anyhow::Result<Session> {
        self.session_of("/api/v1/auth/sign-in", json!({ "email": email, "password": password })).await
    }

    async fn sign_up(&self, email: &str, password: &str) -> anyhow::Result<Session> {
        self.session_of("/api/v1/auth/sign-up", json!({ "email": email, "password": password, "display_name": "벤치 투표자" })).await
    }
}

fn id(v: &Value) -> anyhow::Result<i64> {
    v["id"].as_i64().with_context(|| format!("no id in {v}"))
}

// ---------------------------------------------------------------------------
// Limits and /proc

/// The open-files limit (soft, hard) and the local port range must allow
/// one socket per reader here and in the server, plus some.
fn check_limits(clients: usize) -> anyhow::Result<()> {
    let need = clients as u64 + SPARE_FILES;
    let limits = std::fs::read_to_string("/proc/self/limits").context("failed to read /proc/self/limits (the benchmark runs on Linux)")?;
    let line = limits.lines().find(|l| l.starts_with("Max open files")).context("no open-files limit in /proc/self/limits")?;
    let mut fields = line.split_whitespace().skip(3);
    let value = |f: Option<&str>| f.map_or(Ok(u64::MAX), |v| if v == "unlimited" { Ok(u64::MAX) } else { v.parse::<u64>() });
    let soft = value(fields.next())?;
    let hard = value(fields.next())?;
    if soft < need {
        let how = if hard >= need {
            format!("raise it in this shell with `ulimit -n {need}` (the hard limit is {hard})")
        } else {
            format!("the hard limit is {hard} too: raise it (e.g. `nofile` in /etc/security/limits.conf, or LimitNOFILE for a service) and then `ulimit -n {need}`")
        };
        bail!("the open-files limit is {soft}, and {clients} readers need about {need} descriptors in this process and as many in the server (which inherits the limit): {how}, or pass fewer --clients");
    }
    if let Ok(range) = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range") {
        let mut r = range.split_whitespace().filter_map(|v| v.parse::<u64>().ok());
        if let (Some(lo), Some(hi)) = (r.next(), r.next())
            && hi.saturating_sub(lo) + 1 < need
        {
            bail!("the local port range {lo}-{hi} has fewer ports than {need}: widen net.ipv4.ip_local_port_range or pass fewer --clients");
        }
    }
    Ok(())
}

/// A process's memory and threads, from `/proc/<pid>/status`.
struct Rss {
    rss_kib: u64,
    hwm_kib: u64,
    threads: u64,
}

impl Rss {
    fn of(pid: u32) -> anyhow::Result<Self> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).with_context(|| format!("failed to read /proc/{pid}/status (has the server exited?)"))?;
        let field = |name: &str| -> anyhow::Result<u64> {
            let line = status.lines().find(|l| l.starts_with(name)).with_context(|| format!("no {name} in /proc/{pid}/status"))?;
            Ok(line[name.len()..].split_whitespace().next().unwrap_or("0").parse()?)
        };
        Ok(Self { rss_kib: field("VmRSS:")?, hwm_kib: field("VmHWM:")?, threads: field("Threads:")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events `Body` finds in `body` fed in pieces of `step` bytes.
    fn events(head: &str, body: &[u8], step: usize) -> Vec<Event> {
        let mut b = Body::from_head(head.as_bytes()).unwrap();
        let mut got = Vec::new();
        for piece in body.chunks(step) {
            b.feed(piece, &mut |e| {
                got.push(e);
                Ok(())
            })
            .unwrap();
        }
        got
    }

    #[test]
    fn events_are_found_across_chunks_and_reads() {
        let sse = "retry: 3000\n\n: keep-alive\n\nid: 7\nevent: poll_opened\ndata: {\"type\":\"poll_opened\",\"poll\":{\"question\":\"event: poll_closed\"}}\n\n\
                   id: 8\nevent: attendance\ndata: {}\n\nid: 9\nevent: poll_closed\ndata: {}\n\nid: 10\nevent: poll_results\ndata: {}\n\n";
        let want = [Event::PollOpened, Event::Other, Event::PollClosed, Event::PollResults];
        let plain = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n";
        let chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        // The same text in chunks of 5 bytes (one with an extension).
        let mut body = Vec::new();
        for (i, c) in sse.as_bytes().chunks(5).enumerate() {
            let ext = if i == 3 { ";x=y" } else { "" };
            body.extend_from_slice(format!("{:x}{ext}\r\n", c.len()).as_bytes());
            body.extend_from_slice(c);
            body.extend_from_slice(b"\r\n");
        }
        for step in [1, 3, 64, 4096] {
            assert_eq!(events(plain, sse.as_bytes(), step), want, "plain, reads of {step}");
            assert_eq!(events(chunked, &body, step), want, "chunked, reads of {step}");
        }
    }

    #[test]
    fn a_refusal_or_another_type_is_not_a_stream() {
        assert!(Body::from_head(b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n\r\n").is_err());
        assert!(Body::from_head(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n").is_err());
    }

    #[test]
    fn updates_are_counted_in_order_and_a_stray_event_fails_the_reader() {
        let shared = Shared::new(1, 3);
        let mut p = Progress::default();
        for e in [Event::PollOpened, Event::Other, Event::PollClosed, Event::PollResults, Event::PollOpened] {
            p.on_event(0, &shared, e).unwrap();
        }
        assert!((0..3).all(|k| shared.arrival(0, k).is_some()));
        // Live results of an open poll are the staff's: a reader must not get them.
        let mut q = Progress::default();
        q.on_event(0, &Shared::new(1, 2), Event::PollOpened).unwrap();
        assert!(q.on_event(0, &Shared::new(1, 2), Event::PollResults).is_err());
    }
}
