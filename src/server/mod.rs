//! The language server: our framing layer in front of tower-lsp on stdio.

mod actions;
mod analysis;
mod backend;
mod completion;
mod diagnostics;
pub mod documents;
pub mod framing;
mod hints;
mod hover;
mod outbox;
pub mod position;
mod symbols;
mod workspace;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp::{LspService, Server};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use framing::{Frame, FrameReader};
use outbox::Outgoing;

/// Client capabilities that lsp-types 0.94 misreads, taken from the raw `initialize` message
/// before tower-lsp sees it.
#[derive(Default)]
pub struct RawCapabilities {
    /// `workspace.diagnostics.refreshSupport` (lsp-types looks for `workspace.diagnostic`).
    pub diagnostic_refresh: AtomicBool,
}

fn read_raw_capabilities(initialize: &serde_json::Value, caps: &RawCapabilities) {
    let workspace = &initialize["params"]["capabilities"]["workspace"];
    let refresh = workspace["diagnostics"]["refreshSupport"]
        .as_bool()
        .unwrap_or(false)
        || workspace["diagnostic"]["refreshSupport"]
            .as_bool()
            .unwrap_or(false);
    caps.diagnostic_refresh.store(refresh, Ordering::SeqCst);
}

/// Runs the server on stdin/stdout; returns the exit code (0 after `shutdown` then `exit`).
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hindsight: cannot start the server: {e}");
            return 2;
        }
    };
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()))
}

/// Serves one client over a byte stream pair.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (to_server, server_input) = tokio::io::duplex(1 << 20);
    let (server_output, from_server) = tokio::io::duplex(1 << 20);
    // Frames written by us rather than tower-lsp: error answers, messages and published
    // diagnostics (bounded: see `Outgoing`).
    let outgoing = Arc::new(Outgoing::default());
    let direct = outgoing.clone();
    let raw_caps = Arc::new(RawCapabilities::default());
    let caps_for_backend = raw_caps.clone();
    let (service, socket) =
        LspService::new(move |client| backend::Backend::new(client, direct, caps_for_backend).0);

    let mut reader = tokio::spawn(read_input(input, to_server, outgoing.clone(), raw_caps));
    let writer = tokio::spawn(write_output(from_server, outgoing, output));
    let mut server = Box::pin(Server::new(server_input, server_output, socket).serve(service));
    let code = tokio::select! {
        () = server.as_mut() => reader.await.unwrap_or(1),
        joined = &mut reader => {
            // The input ended (or `exit` came): in-flight requests get a moment to finish, but
            // one waiting on a client that is gone (an unanswered `workspace/applyEdit`) would
            // hold tower-lsp forever.
            let _ = tokio::time::timeout(SHUTDOWN_GRACE, server.as_mut()).await;
            joined.unwrap_or(1)
        }
    };
    // Dropping the server closes its output, which ends the writer.
    drop(server);
    let _ = writer.await;
    code
}

/// How long requests still running when the input ends may take to finish.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// Reads the client's bytes, passes well-formed messages to tower-lsp and answers the rest.
/// Returns the exit code once `exit` arrives or the input ends.
async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    mut to_server: tokio::io::DuplexStream,
    errors: Arc<Outgoing>,
    raw_caps: Arc<RawCapabilities>,
) -> i32 {
    let mut frames = FrameReader::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut shutdown_seen = false;
    loop {
        let n = match input.read(&mut buf).await {
            Ok(0) | Err(_) => return if shutdown_seen { 0 } else { 1 },
            Ok(n) => n,
        };
        frames.push(buf.get(..n).unwrap_or_default());
        while let Some(frame) = frames.next_frame() {
            match frame {
                Frame::Message(message) => {
                    if message.method.as_deref() == Some("initialize") {
                        read_raw_capabilities(&message.value, &raw_caps);
                    }
                    let method = message.method;
                    if to_server
                        .write_all(&framing::encode(&message.body))
                        .await
                        .is_err()
                    {
                        return if shutdown_seen { 0 } else { 1 };
                    }
                    match method.as_deref() {
                        Some("shutdown") => shutdown_seen = true,
                        // Stop reading: tower-lsp sees the end of its input and returns.
                        Some("exit") => return if shutdown_seen { 0 } else { 1 },
                        _ => {}
                    }
                }
                Frame::Invalid { id, code, message } => {
                    eprintln!("hindsight: answered without passing on: {message}");
                    errors.frame(framing::error_response(&id, code, &message));
                }
            }
        }
    }
}

/// Writes tower-lsp's frames and our own (error answers, messages, diagnostics) to the client,
/// whole frames at a time. Ours are taken from the queue only when they can be written, so a
/// publication superseded while the client was not reading is never written.
async fn write_output<O: AsyncWrite + Unpin>(
    mut from_server: tokio::io::DuplexStream,
    ours: Arc<Outgoing>,
    mut output: O,
) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    // Runs until tower-lsp closes its output; frames of ours still queued then are written.
    loop {
        tokio::select! {
            read = from_server.read(&mut buf) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(buf.get(..n).unwrap_or_default());
                    while let Some(frame) = framing::split_frame(&mut pending) {
                        if output.write_all(&frame).await.is_err() { return; }
                    }
                    let _ = output.flush().await;
                }
            },
            () = ours.ready() => {
                while let Some(bytes) = ours.next() {
                    if output.write_all(&bytes).await.is_err() { return; }
                    let _ = output.flush().await;
                }
            },
        }
    }
    while let Some(bytes) = ours.next() {
        if output.write_all(&bytes).await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}
