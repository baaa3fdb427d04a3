//! The language server: our framing layer in front of tower-lsp on stdio.

mod actions;
mod allocator;
mod analysis;
mod backend;
mod capabilities;
mod commands;
mod completion;
mod diagnostics;
pub mod documents;
pub mod framing;
mod hints;
mod hover;
mod outbox;
pub mod position;
mod state;
mod story_bank;
mod symbols;
mod workspace;

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::task::Poll;

use futures::{FutureExt, SinkExt, StreamExt};
use serde::Deserialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::task::JoinSet;
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{ClientSocket, LspService};

use framing::{Frame, FrameReader, Message};
use outbox::{Outgoing, write_output};

/// Runs the server on stdin/stdout; returns the exit code (0 after `shutdown` then `exit`).
pub fn run_stdio() -> i32 {
    allocator::keep_freed_memory();
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
    runtime.block_on(serve_into(tokio::io::stdin(), stdout()))
}

/// The client's stream, written as it is: std's stdout is line-buffered, and looked through
/// every frame for its last line end before writing it (0.7 M instructions a keystroke on a
/// 1 MB note). Std's stdout where the descriptor cannot be had.
fn stdout() -> Box<dyn std::io::Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout())
}

/// Serves one client over a byte stream pair (the in-process tests and fuzz targets): the
/// frames are written to `output` as [`run_stdio`] writes them to stdout, from the output
/// thread, each write waited for on the runtime's handle.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let runtime = tokio::runtime::Handle::current();
    serve_into(input, Box::new(WrittenOn { output, runtime })).await
}

/// Serves one client.
///
/// One path in: [`read_input`] is the only reader; it hands requests and notifications to
/// tower-lsp-server's service and the client's answers to its socket. One path out: every
/// frame — responses, requests to the client (forwarded from the socket), publications, error
/// answers — is queued in one [`Outgoing`] and written by [`write_output`] alone, on a thread
/// of its own.
async fn serve_into<I>(input: I, output: Box<dyn std::io::Write + Send>) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
{
    let outgoing = Arc::new(Outgoing::default());
    let writer = {
        let ours = outgoing.clone();
        std::thread::Builder::new()
            .name("hindsight-output".to_string())
            .spawn(move || write_output(&ours, output))
    };
    let writer = match writer {
        Ok(writer) => writer,
        Err(e) => {
            eprintln!("hindsight: cannot start the server's output: {e}");
            return 2;
        }
    };
    // Dropped before it returns (a caller's timeout), the server still lets the thread end.
    let _closes = CloseOnDrop(outgoing.clone());
    let direct = outgoing.clone();
    let (service, socket) = LspService::new(move |client| backend::Backend::new(client, direct));
    let (to_client, from_client) = socket.split();
    let forwarder = tokio::spawn(forward_to_client(to_client, outgoing.clone()));
    let mut in_flight = JoinSet::new();
    let code = read_input(input, service, from_client, &outgoing, &mut in_flight).await;
    // The input ended (or `exit` came): requests still running get a moment to finish, but
    // one waiting on a client that is gone (an unanswered `workspace/applyEdit`) would wait
    // forever.
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while in_flight.join_next().await.is_some() {}
    })
    .await;
    in_flight.abort_all();
    forwarder.abort();
    outgoing.close();
    let _ = tokio::task::spawn_blocking(move || writer.join()).await;
    code
}

/// Closes the queue when dropped: the output thread then writes what is left and ends.
struct CloseOnDrop(Arc<Outgoing>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// An async output written from the output thread: each write waits on the runtime's handle.
struct WrittenOn<O> {
    output: O,
    runtime: tokio::runtime::Handle,
}

impl<O: AsyncWrite + Unpin> std::io::Write for WrittenOn<O> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.runtime.block_on(self.output.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.runtime.block_on(self.output.flush())
    }
}

/// How long requests still running when the input ends may take to finish.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

type Requests = <ClientSocket as tower_lsp_server::Loopback>::RequestStream;
type Answers = <ClientSocket as tower_lsp_server::Loopback>::ResponseSink;

/// Reads the client's bytes until `exit` or the end of the input; returns the exit code.
///
/// Each message is handled before the next is read (see [`dispatch`]); documents changed
/// by the messages of one read are analysed after them.
async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    mut service: LspService<backend::Backend>,
    mut answers: Answers,
    outgoing: &Arc<Outgoing>,
    in_flight: &mut JoinSet<()>,
) -> i32 {
    let mut frames = FrameReader::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut shutdown_seen = false;
    let code = |shutdown_seen| if shutdown_seen { 0 } else { 1 };
    loop {
        let n = match input.read(&mut buf).await {
            Ok(0) | Err(_) => return code(shutdown_seen),
            Ok(n) => n,
        };
        frames.push(buf.get(..n).unwrap_or_default());
        while let Some(frame) = frames.next_frame() {
            match frame {
                Frame::Message(Message::Request(request)) => {
                    match request.method() {
                        "shutdown" => shutdown_seen = true,
                        "exit" => return code(shutdown_seen),
                        _ => {}
                    }
                    // Not ready only while `initialize` runs, and after `exit`.
                    if std::future::poll_fn(|cx| service.poll_ready(cx))
                        .await
                        .is_err()
                    {
                        return code(shutdown_seen);
                    }
                    if !shutdown_seen && answered_pull(&service, &request) {
                        continue;
                    }
                    dispatch(&mut service, request, outgoing, in_flight).await;
                }
                Frame::Message(Message::Response(response)) => {
                    if answers.send(response).await.is_err() {
                        return code(shutdown_seen);
                    }
                }
                Frame::Invalid { id, code, message } => {
                    eprintln!("hindsight: answered without passing on: {message}");
                    outgoing.frame(framing::error_response(&id, code, &message));
                }
            }
        }
        // Everything the client had sent is handled: now the changed documents are analysed,
        // once each, whatever number of changes came for them.
        service.inner().analyse_pending();
    }
}

/// Answers a `textDocument/diagnostic` request here, when it asks for a full report of an
/// analysed document (the library would build a `serde_json::Value` of every diagnostic); any
/// other answer, and a panic, is left to the library's handler.
fn answered_pull(service: &LspService<backend::Backend>, request: &Request) -> bool {
    if request.method() != "textDocument/diagnostic" {
        return false;
    }
    let (Some(id), Some(params)) = (request.id(), request.params()) else {
        return false;
    };
    let Ok(params) = tower_lsp_server::ls_types::DocumentDiagnosticParams::deserialize(params)
    else {
        return false;
    };
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        service.inner().answer_pull(id, &params)
    }))
    .unwrap_or_else(|_| {
        eprintln!("hindsight: answering a pull panicked; the handler answers it");
        false
    })
}

/// Hands one message to the service. A panic in its handler is contained here, once for every
/// method: logged, and a request answered with no result.
async fn dispatch(
    service: &mut LspService<backend::Backend>,
    request: Request,
    outgoing: &Arc<Outgoing>,
    in_flight: &mut JoinSet<()>,
) {
    let method = request.method().to_string();
    let id = request.id().cloned();
    let handled = AssertUnwindSafe(service.call(request)).catch_unwind();
    let answer = async move {
        match handled.await {
            Ok(Ok(response)) => response,
            Ok(Err(_exited)) => None,
            Err(_panic) => {
                eprintln!("hindsight: the {method} handler panicked; answered with no result");
                id.map(|id| Response::from_ok(id, serde_json::Value::Null))
            }
        }
    };
    // Every handler runs here, in the order the messages came, up to its first wait on the
    // client: a request sees every change sent before it and none sent after. Only a request
    // still waiting then (`hindsight.addMissingParts` waits for `workspace/applyEdit`) goes on
    // in `in_flight`.
    let mut answer = Box::pin(answer);
    let first = std::future::poll_fn(|cx| Poll::Ready(answer.as_mut().poll(cx))).await;
    match first {
        Poll::Ready(response) => {
            if let Some(response) = response {
                write_message(outgoing, &response);
            }
        }
        Poll::Pending => {
            let outgoing = outgoing.clone();
            in_flight.spawn(async move {
                if let Some(response) = answer.await {
                    write_message(&outgoing, &response);
                }
            });
        }
    }
}

/// Queues a response or a request for the writer.
fn write_message<T: serde::Serialize>(outgoing: &Outgoing, message: &T) {
    match serde_json::to_vec(message) {
        Ok(body) => outgoing.message(framing::encode(&body)),
        Err(e) => eprintln!("hindsight: a message could not be written: {e}"),
    }
}

/// Requests and notifications the handlers send the client, queued in the order they come.
async fn forward_to_client(mut requests: Requests, outgoing: Arc<Outgoing>) {
    while let Some(request) = requests.next().await {
        write_message(&outgoing, &request);
    }
}
