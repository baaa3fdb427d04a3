//! Latency of the real server over stdio, as an editor sees it (SPEC §8):
//! spawn → `initialize` answered; `didChange` → the `publishDiagnostics` of that version
//! (p50 / p99 over 300 edits) for 100 KB and 1 MB documents; resident memory with the 1 MB
//! document open. Run with `cargo bench --bench lsp_latency` (`HINDSIGHT_BENCH_BIN=path` runs
//! another build of the server instead, for a before/after).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/notes.rs"]
mod common;
use common::notes;

const EDITS: usize = 300;
const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn spawn() -> Server {
        // `HINDSIGHT_BENCH_BIN` measures another build the same way (a before/after).
        let binary = std::env::var_os("HINDSIGHT_BENCH_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_hindsight").into());
        let mut child = Command::new(binary)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn hindsight");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice(&body)
                    && tx.send(v).is_err()
                {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn wait(&self, what: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the server answered in time");
            if what(&message) {
                return message;
            }
        }
    }

    fn initialize(&mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        self.wait(|m| m["id"] == 1);
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
        self.wait(|m| m["id"] == 99);
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn startup() {
    let mut times = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let mut server = Server::spawn();
        server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        server.wait(|m| m["id"] == 1);
        times.push(started.elapsed());
        server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server.stop();
    }
    times.sort();
    println!(
        "spawn → initialize answered: p50 {} · p99 {} (20 runs)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99))
    );
}

fn edit_latency(label: &str, size: usize) {
    let mut server = Server::spawn();
    server.initialize();
    let text = notes(size);
    let uri = "file:///bench/notes.career.md";
    server.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    server
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1);
    let lines = text.lines().count() as u64;
    let mut times = Vec::with_capacity(EDITS);
    for n in 0..EDITS {
        let version = n as i64 + 2;
        // Type a character somewhere in the middle, then delete it again on the next edit.
        let line = (lines / 2) + (n as u64 / 2 % 50);
        let change = if n % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let started = Instant::now();
        server.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}),
        );
        server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        times.push(started.elapsed());
    }
    let rss = server.rss_kib();
    server.stop();
    times.sort();
    println!(
        "{label} ({} KB): didChange → publishDiagnostics p50 {} · p99 {} · max {} ({EDITS} edits); resident memory {:.1} MB",
        text.len() / 1024,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        rss as f64 / 1024.0
    );
}

fn main() {
    // `cargo test --benches` runs benches once as tests: keep that quick.
    if std::env::args().any(|a| a == "--test") {
        edit_latency("smoke", 10_000);
        return;
    }
    startup();
    edit_latency("100 KB document", 100 * 1024);
    edit_latency("1 MB document", 1024 * 1024);
}
