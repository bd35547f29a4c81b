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

/// The live event streams, apart from the other routes: `app::build_router`
/// gives them fewer layers.
pub fn stream_router() -> Router<AppState> {
    Router::new().route("/api/v1/meetings/{id}/events", get(events))
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
    // The events are framed here and handed to hyper as the body's frames
    // (axum's `Sse` wants a `Stream`, and the server has no stream crate).
    let body = Body::new(SseBody {
        stream,
        started: false,
    });
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

/// The stream's messages as the response body's frames, one frame per
/// message; the end of the stream is the end of the body. It holds nothing
/// but the stream between messages (one per reader: `hamkke bench-live`
/// measures the memory of 10,000).
struct SseBody {
    stream: LiveStream,
    /// Whether the `retry:` hint has gone out (the body's first frame).
    started: bool,
}

impl hyper::body::Body for SseBody {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        if !this.started {
            this.started = true;
            let hint = axum::body::Bytes::from_static(b"retry: 3000\n\n");
            return Poll::Ready(Some(Ok(hyper::body::Frame::data(hint))));
        }
        this.stream.poll_next(cx).map(|next| {
            next.map(|o| Ok(hyper::body::Frame::data(frame(&o).into_bytes().into())))
        })
    }
}
