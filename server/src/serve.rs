//! The HTTP server loop: `axum::serve` with graceful shutdown, written out
//! so that hyper can be configured.
//!
//! Two things differ from axum's, both for the memory a long response keeps
//! per connection (a live event stream, Server-Sent Events, is written for
//! hours to thousands of readers; `hamkke bench-live` measures the server's
//! memory per reader):
//!
//! - HTTP/1 only, with hyper's own connection builder. axum's (hyper-util's
//!   `auto`) first reads a few bytes to tell HTTP/2 from HTTP/1 and hands
//!   them back; hyper's read buffer then grows from 8 to 16 KiB on the
//!   second read. axum serves HTTP/1 only anyway (no `http2` feature).
//! - HTTP/1 **half-close** is allowed. Without it, while a response is still
//!   being written, hyper keeps reading the socket to notice a client that
//!   hangs up, and that read can reserve another buffer. A client that goes
//!   away is still noticed: the next write to its socket (an event, or the
//!   keep-alive comment every 15 s) fails and ends the connection. A
//!   handler is no longer cancelled when its client hangs up mid-request;
//!   every handler is short and ends in a transaction of its own.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use std::pin::pin;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::Service;

/// Serves `router` on `listener` until `signal` completes; then stops
/// accepting, asks every connection to finish the request in flight and
/// close (hyper's graceful shutdown) and returns once all have closed.
/// Handlers see the peer's address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    signal: impl Future<Output = ()> + Send + 'static,
) {
    // Dropping the receiver tells everyone: `closed()` completes.
    let (signal_tx, signal_rx) = watch::channel(());
    tokio::spawn(async move {
        signal.await;
        drop(signal_rx);
    });
    // Each connection holds a receiver; `closed()` completes when the last one ends.
    let (close_tx, close_rx) = watch::channel(());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = signal_tx.closed() => break,
        };
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |req: http::Request<hyper::body::Incoming>| {
                let mut req = req.map(axum::body::Body::new);
                req.extensions_mut().insert(ConnectInfo(peer));
                router.clone().call(req)
            });
        let (signal_tx, close_rx) = (signal_tx.clone(), close_rx.clone());
        tokio::spawn(async move {
            let mut conn = pin!(
                http1::Builder::new()
                    .half_close(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .with_upgrades()
            );
            let mut signalled = pin!(signal_tx.closed());
            let mut stopping = false;
            loop {
                tokio::select! {
                    result = conn.as_mut() => {
                        if let Err(e) = result {
                            tracing::trace!(%peer, error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    () = &mut signalled, if !stopping => {
                        stopping = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
            drop(close_rx);
        });
    }
    drop(close_rx);
    drop(listener);
    close_tx.closed().await;
}

/// After a failed `accept`: a connection that failed before it was
/// accepted is the client's business; anything else (out of file
/// descriptors, say) is logged and retried after a second, as axum does.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "failed to accept a connection; retrying in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
