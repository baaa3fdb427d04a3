//! Inputs found by the fuzz targets under `fuzz/` (see `scripts/fuzz-smoke`), replayed through
//! the public API so they stay fixed. Each test names its target and says what went wrong.

use std::time::Duration;

use hindsight::server::framing::{Frame, FrameReader, encode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

/// Reads the server's output until a message matching `want` arrives.
async fn read_until(
    output: &mut DuplexStream,
    frames: &mut FrameReader,
    want: impl Fn(&Value) -> bool,
) -> Value {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        while let Some(frame) = frames.next_frame() {
            if let Frame::Message(m) = frame
                && want(&m.value)
            {
                return m.value;
            }
        }
        let n = output.read(&mut buf).await.expect("server output");
        assert!(n > 0, "the server's output ended early");
        frames.push(&buf[..n]);
    }
}

/// Target `server`, found on its seed corpus (input delivered in 8-byte chunks): a client that
/// never answers the server's `workspace/configuration` request, then sends `shutdown` and
/// `exit` and closes its end, leaves `serve` running forever (the editor's process would keep a
/// `hindsight lsp` child alive after quitting). Here the messages are sent in lockstep so the
/// request is certainly outstanding when `exit` arrives.
// BUG: `serve` does not return after `exit` while a server→client request is unanswered.
#[test]
fn serve_returns_after_exit_with_an_unanswered_configuration_request() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (mut client_in, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, mut client_out) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(hindsight::server::serve(server_in, server_out));
        let mut frames = FrameReader::default();
        let send = |m: Value| encode(m.to_string().as_bytes());

        client_in
            .write_all(&send(
                json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {"workspace": {"configuration": true}}}}),
            ))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| v["id"] == 1).await;
        client_in
            .write_all(&send(
                json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            ))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| {
            v["method"] == "workspace/configuration"
        })
        .await;
        // Not answered.
        client_in
            .write_all(&send(
                json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            ))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| v["id"] == 2).await;
        client_in
            .write_all(&send(json!({"jsonrpc": "2.0", "method": "exit"})))
            .await
            .unwrap();
        drop(client_in);
        // Keep reading the output so that the server is never blocked on a full pipe.
        let drain = tokio::spawn(async move {
            let mut buf = vec![0u8; 4096];
            while matches!(client_out.read(&mut buf).await, Ok(n) if n > 0) {}
        });
        let code = tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .expect("serve did not return within 5 s of exit")
            .unwrap();
        assert_eq!(code, 0);
        drain.abort();
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
}
