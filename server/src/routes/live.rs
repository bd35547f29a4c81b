//! Live polls and the live event stream of meetings over the REST API:
//! polls (prepare, open, close, vote, hand count, results) and
//! `GET /api/v1/meetings/{id}/events` as Server-Sent Events, resumable with
//! `Last-Event-ID`. The rules are in `services::polls` and `services::live`.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, Result};
use crate::routes::api::Items;
use crate::services::live::{self, LiveStream, Outgoing};
use crate::services::polls;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::meeting::*;
use std::pin::Pin;
use std::task::{Context, Poll};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}/polls", get(list_polls).post(create_poll))
        .route("/meetings/{id}/events", get(events))
        .route("/polls/{id}", get(get_poll))
        .route("/polls/{id}/open", post(open_poll))
        .route("/polls/{id}/close", post(close_poll))
        .route("/polls/{id}/vote", put(vote))
        .route("/polls/{id}/hand-count", put(hand_count))
}

/// Prepare a poll as a draft: single, multiple, yes/no/abstain or a 1–5 scale (the meeting's staff)
#[utoipa::path(post, path = "/api/v1/meetings/{id}/polls", tag = "meetings", params(("id" = i64, Path)), request_body = PollInput, responses((status = 201, body = PollDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_poll(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PollInput>,
) -> Result<(StatusCode, Json<PollDto>)> {
    Ok((
        StatusCode::CREATED,
        Json(polls::create(&state.db, &req.0, id, input).await?),
    ))
}

/// A meeting's polls, oldest first (drafts only for the staff; results once closed, live for the staff)
#[utoipa::path(get, path = "/api/v1/meetings/{id}/polls", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = Items<PollDto>), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_polls(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Items<PollDto>>> {
    Ok(Json(Items {
        items: polls::list(&state.db, &req.0, id).await?,
    }))
}

/// One poll with one's vote and the results one may see
#[utoipa::path(get, path = "/api/v1/polls/{id}", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = PollDto), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_poll(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PollDto>> {
    Ok(Json(polls::get(&state.db, &req.0, id).await?))
}

/// Open a draft poll; one open poll per meeting (409 otherwise) (the meeting's staff)
#[utoipa::path(post, path = "/api/v1/polls/{id}/open", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = PollDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn open_poll(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PollDto>> {
    Ok(Json(polls::open(&state.db, &state.live, &req.0, id).await?))
}

/// Close an open poll; its results go to everyone (the meeting's staff)
#[utoipa::path(post, path = "/api/v1/polls/{id}/close", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = PollDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn close_poll(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PollDto>> {
    Ok(Json(
        polls::close(&state.db, &state.live, &req.0, id).await?,
    ))
}

/// Vote, or replace one's vote: from the room when checked in, online when registered online (403 otherwise)
#[utoipa::path(put, path = "/api/v1/polls/{id}/vote", tag = "meetings", params(("id" = i64, Path)), request_body = VoteInput, responses((status = 200, body = PollDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn vote(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<VoteInput>,
) -> Result<Json<PollDto>> {
    Ok(Json(
        polls::vote(&state.db, &state.live, &req.0, id, input).await?,
    ))
}

/// Enter the room's hand count per option, at most the people checked in who did not vote on a phone (the meeting's staff)
#[utoipa::path(put, path = "/api/v1/polls/{id}/hand-count", tag = "meetings", params(("id" = i64, Path)), request_body = HandCountInput, responses((status = 200, body = PollDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn hand_count(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<HandCountInput>,
) -> Result<Json<PollDto>> {
    Ok(Json(
        polls::hand_count(&state.db, &state.live, &req.0, id, input).await?,
    ))
}

/// The meeting's live events as Server-Sent Events (`text/event-stream`):
/// `id:` the event id, `event:` its name, `data:` the `LiveEvent` as JSON.
/// Resumes after `Last-Event-ID`, or sends `resync` when it cannot.
/// Described in prose rather than in the OpenAPI document (a stream, not JSON).
async fn events(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response> {
    // A header that is not text is as unusable as an unknown id: resync.
    let last = headers
        .get("last-event-id")
        .map(|v| v.to_str().unwrap_or("?"));
    let stream = live::open_stream(&state.db, &state.live, &req.0, id, last).await?;
    // axum's `Sse` wants a `Stream`, and the server has no stream crate;
    // the events are framed here and streamed through tokio's `AsyncRead`.
    let reader = SseReader {
        stream,
        buf: b"retry: 3000\n\n".to_vec(),
        pos: 0,
    };
    let body = Body::new(tower_http::services::fs::AsyncReadBody::with_capacity(
        reader, READ_CHUNK,
    ));
    Ok((
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        body,
    )
        .into_response())
}

/// One message of the stream in the SSE wire format (the JSON has no newlines).
fn frame(o: &Outgoing) -> String {
    match o {
        Outgoing::Event(e) => format!("id: {}\nevent: {}\ndata: {}\n\n", e.id, e.name, e.data),
        Outgoing::Resync { id } if *id > 0 => {
            format!("id: {id}\nevent: resync\ndata: {{\"type\":\"resync\"}}\n\n")
        }
        Outgoing::Resync { .. } => "event: resync\ndata: {\"type\":\"resync\"}\n\n".to_owned(),
        Outgoing::KeepAlive => ": keep-alive\n\n".to_owned(),
    }
}

/// The body's read buffer, which every open stream keeps (one per reader:
/// `hamkke bench-live` measures the memory of 10,000). A frame longer than
/// this (an opened poll is a few hundred bytes) goes out in pieces, written
/// together.
const READ_CHUNK: usize = 256;

/// The stream's messages as bytes to read; the end of the stream is the end of the body.
struct SseReader {
    stream: LiveStream,
    /// The frame being read (empty between frames: an idle reader keeps none).
    buf: Vec<u8>,
    pos: usize,
}

impl tokio::io::AsyncRead for SseReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.pos >= this.buf.len() {
            match this.stream.poll_next(cx) {
                Poll::Ready(Some(o)) => {
                    this.buf = frame(&o).into_bytes();
                    this.pos = 0;
                }
                // Nothing filled: the end.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = (this.buf.len() - this.pos).min(out.remaining());
        out.put_slice(&this.buf[this.pos..this.pos + n]);
        this.pos += n;
        if this.pos >= this.buf.len() {
            this.buf = Vec::new();
            this.pos = 0;
        }
        Poll::Ready(Ok(()))
    }
}
