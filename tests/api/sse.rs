//! A reader of a meeting's event stream (`GET /api/v1/meetings/{id}/events`,
//! Server-Sent Events), shared by the live tests (`live`, `room`, `meetings`).
//!
//! The timeout below only keeps a broken stream from hanging the run;
//! nothing waits for time to pass.

use crate::json::Who;
use serde_json::Value;
use std::time::Duration;
use tests::TestApp;

/// A failure guard for reading a stream, not a timing expectation.
pub(crate) const GUARD: Duration = Duration::from_secs(10);

/// One Server-Sent Event.
#[derive(Debug)]
pub(crate) struct Ev {
    pub(crate) id: Option<i64>,
    pub(crate) name: String,
    /// The `data:` field as sent.
    pub(crate) raw: String,
    pub(crate) data: Value,
}

/// A reader of a meeting's event stream.
pub(crate) struct Stream {
    pub(crate) res: reqwest::Response,
    buf: Vec<u8>,
}

impl Stream {
    /// The next event (comments and `retry:` lines skipped).
    pub(crate) async fn next(&mut self) -> Ev {
        loop {
            if let Some(end) = self.buf.windows(2).position(|w| w == b"\n\n") {
                let block: Vec<u8> = self.buf.drain(..end + 2).collect();
                let block = String::from_utf8(block).expect("the stream is UTF-8");
                let (mut id, mut name, mut raw) = (None, None, String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id: ") {
                        id = Some(v.parse().expect("a numeric id"));
                    } else if let Some(v) = line.strip_prefix("event: ") {
                        name = Some(v.to_owned());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        raw.push_str(v);
                    }
                }
                if let Some(name) = name {
                    let data = serde_json::from_str(&raw)
                        .unwrap_or_else(|e| panic!("data is not JSON ({e}): {raw}"));
                    return Ev {
                        id,
                        name,
                        raw,
                        data,
                    };
                }
                continue;
            }
            let chunk = tokio::time::timeout(GUARD, self.res.chunk())
                .await
                .expect("no event came (failure guard)")
                .expect("the stream failed")
                .expect("the stream ended");
            self.buf.extend_from_slice(&chunk);
        }
    }

    /// The next `n` events.
    pub(crate) async fn take(&mut self, n: usize) -> Vec<Ev> {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.next().await);
        }
        out
    }

    /// The next `n` events' names.
    pub(crate) async fn names(&mut self, n: usize) -> Vec<String> {
        self.take(n).await.into_iter().map(|e| e.name).collect()
    }
}

/// The events' names, in order.
pub(crate) fn names(events: &[Ev]) -> Vec<&str> {
    events.iter().map(|e| e.name.as_str()).collect()
}

/// Connects to a meeting's event stream (200, `text/event-stream`).
pub(crate) async fn listen(
    app: &TestApp,
    meeting: i64,
    who: Who<'_>,
    last_event_id: Option<&str>,
) -> Stream {
    let res = connect(app, meeting, who, last_event_id).await;
    assert_eq!(res.status(), 200);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/event-stream"), "{ct}");
    Stream {
        res,
        buf: Vec::new(),
    }
}

/// Opens a meeting's event stream, whatever the answer.
pub(crate) async fn connect(
    app: &TestApp,
    meeting: i64,
    who: Who<'_>,
    last_event_id: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .get(app.url(&format!("/api/v1/meetings/{meeting}/events")));
    req = match who {
        Who::Nobody => req,
        Who::Cookie(c) => req.header("cookie", c),
        Who::Token(t) => req.bearer_auth(t),
    };
    if let Some(last) = last_event_id {
        req = req.header("last-event-id", last);
    }
    req.send().await.expect("GET events")
}
