//! Latency of the real server over stdio, as an editor sees it (SPEC §8):
//! spawn → `initialize` answered; `didChange` → the `publishDiagnostics` of that version
//! (p50 / p99 over 300 edits, after 10 untimed ones) for 100 KB, 1 MB and 5 MB documents;
//! resident memory (now and at its peak) with each document open. Run with `cargo bench
//! --bench lsp_latency` (`HINDSIGHT_BENCH_BIN=path` runs another build of the server instead,
//! for a before/after).
//!
//! Two times per edit: until the publication's last byte is read (*received*: the server's
//! latency, what the budgets are about), and until the client has also parsed it into a JSON
//! tree (*parsed*: what an editor adds, which grows with the number of diagnostics whatever
//! the server does — about 3 ms for the 2,200 diagnostics of the 1 MB note).
//!
//! When `typos-lsp` is on the PATH (`cargo install typos-lsp --locked`), the same documents
//! and edits are sent to it in the same run, and the ratios are printed; without it, a note
//! says so.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/notes.rs"]
mod common;
use common::notes;

const EDITS: usize = 300;
/// Edits typed and waited for before the timed ones, for both servers: the first keystrokes
/// after an open pay for what the open left (a first reading's memos, the heap growing to its
/// working size), not for the keystroke.
const WARM_UP: usize = 10;
const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    /// Each message with the instant its last byte was read.
    messages: Receiver<(Instant, Value)>,
}

/// A language server to measure: its command line.
#[derive(Clone)]
struct Subject {
    name: &'static str,
    program: std::ffi::OsString,
    args: Vec<&'static str>,
}

fn hindsight() -> Subject {
    // `HINDSIGHT_BENCH_BIN` measures another build the same way (a before/after).
    let program = std::env::var_os("HINDSIGHT_BENCH_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_hindsight").into());
    Subject {
        name: "hindsight",
        program,
        args: vec!["lsp"],
    }
}

/// typos-lsp, when it is on the PATH.
fn typos_lsp() -> Option<Subject> {
    let path = std::env::var_os("PATH")?;
    let program = std::env::split_paths(&path)
        .map(|dir| dir.join("typos-lsp"))
        .find(|p| p.is_file())?;
    Some(Subject {
        name: "typos-lsp",
        program: program.into_os_string(),
        args: Vec::new(),
    })
}

/// What one server did with one document.
struct Measured {
    /// Until the publication was read.
    p50: Duration,
    p99: Duration,
    max: Duration,
    /// Until it was read and parsed into a JSON tree.
    parsed_p50: Duration,
    parsed_p99: Duration,
    rss_mb: f64,
    peak_mb: f64,
}

impl Server {
    fn spawn(subject: &Subject) -> Server {
        let mut child = Command::new(&subject.program)
            .args(&subject.args)
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
                let received = Instant::now();
                if let Ok(v) = serde_json::from_slice(&body)
                    && tx.send((received, v)).is_err()
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
        self.wait_received(what).1
    }

    /// The first message `what` accepts, with the instant its last byte was read.
    fn wait_received(&self, what: impl Fn(&Value) -> bool) -> (Instant, Value) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (received, message) = self
                .messages
                .recv_timeout(left)
                .expect("the server answered in time");
            if what(&message) {
                return (received, message);
            }
        }
    }

    /// Initializes; says whether the server takes incremental changes (else whole texts).
    /// With `pull`, the client says it pulls diagnostics (`textDocument.diagnostic`), as VS Code
    /// and Neovim 0.10+ do.
    fn initialize(&mut self, pull: bool) -> bool {
        let capabilities = if pull {
            json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}})
        } else {
            json!({})
        };
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": capabilities}}));
        let answer = self.wait(|m| m["id"] == 1);
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        let sync = &answer["result"]["capabilities"]["textDocumentSync"];
        sync == 2 || sync["change"] == 2
    }

    /// A line of /proc/PID/status, in MB.
    fn status_mb(&self, field: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0);
        kib as f64 / 1024.0
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
        let mut server = Server::spawn(&hindsight());
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

/// Types a character in the middle of a generated note of `size` bytes and deletes it again,
/// `EDITS` times, waiting each time for the diagnostics of the new version: published, or with
/// `pull` asked for after each change (`textDocument/diagnostic`) as VS Code and Neovim do.
fn edit_latency(subject: &Subject, size: usize, pull: bool) -> Measured {
    let mut server = Server::spawn(subject);
    let incremental = server.initialize(pull);
    let mut text = notes(size);
    let uri = "file:///bench/notes.career.md";
    server.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    // A server that does not say which version its diagnostics are for is taken at its word
    // that they are for the latest.
    let published = |m: &Value, version: i64| {
        m["method"] == "textDocument/publishDiagnostics"
            && (m["params"]["version"] == version || m["params"]["version"].is_null())
    };
    let pulled = |server: &mut Server, version: i64| {
        let id = 1000 + version;
        server.send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
            "params": {"textDocument": {"uri": uri}}}),
        );
        server.wait_received(|m| m["id"] == id && m["result"]["kind"] == "full")
    };
    if pull {
        pulled(&mut server, 1);
    } else {
        server.wait(|m| published(m, 1));
    }
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut times = Vec::with_capacity(EDITS);
    let mut parsed_times = Vec::with_capacity(EDITS);
    for n in 0..WARM_UP + EDITS {
        let version = n as i64 + 2;
        // Type a character somewhere in the middle, then delete it again on the next edit.
        let line = lines.len() / 2 + (n / 2 % 50);
        let at = lines[line];
        let change = if n % 2 == 0 {
            text.insert(at, 'x');
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            text.remove(at);
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let change = if incremental {
            change
        } else {
            json!({"text": text})
        };
        let started = Instant::now();
        server.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}),
        );
        let (received, publication) = if pull {
            pulled(&mut server, version)
        } else {
            server.wait_received(|m| published(m, version))
        };
        if n >= WARM_UP {
            parsed_times.push(started.elapsed());
            times.push(received.saturating_duration_since(started));
        }
        // Freeing the client's parsed copy is not part of the wait.
        drop(publication);
    }
    let (rss_mb, peak_mb) = (server.status_mb("VmRSS:"), server.status_mb("VmHWM:"));
    server.stop();
    times.sort();
    parsed_times.sort();
    let measured = Measured {
        p50: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        max: *times.last().unwrap_or(&Duration::ZERO),
        parsed_p50: percentile(&parsed_times, 0.5),
        parsed_p99: percentile(&parsed_times, 0.99),
        rss_mb,
        peak_mb,
    };
    println!(
        "{} · {} KB: didChange → {} received p50 {} · p99 {} · max {}; received and parsed p50 {} · p99 {} ({EDITS} edits after {WARM_UP}); resident {:.1} MB, peak {:.1} MB",
        subject.name,
        size / 1024,
        if pull {
            "textDocument/diagnostic asked and answered"
        } else {
            "publishDiagnostics"
        },
        ms(measured.p50),
        ms(measured.p99),
        ms(measured.max),
        ms(measured.parsed_p50),
        ms(measured.parsed_p99),
        measured.rss_mb,
        measured.peak_mb,
    );
    measured
}

fn main() {
    // `cargo test --benches` runs benches once as tests: keep that quick.
    if std::env::args().any(|a| a == "--test") {
        edit_latency(&hindsight(), 10_000, false);
        edit_latency(&hindsight(), 10_000, true);
        return;
    }
    startup();
    let other = typos_lsp();
    if other.is_none() {
        println!(
            "typos-lsp is not on the PATH: no side-by-side (cargo install typos-lsp --locked)"
        );
    }
    let mut p99s = Vec::new();
    for size in [100 * 1024, 1024 * 1024, 5 * 1024 * 1024] {
        let ours = edit_latency(&hindsight(), size, false);
        p99s.push((ours.p99, ours.parsed_p99));
        if let Some(other) = &other {
            let theirs = edit_latency(other, size, false);
            println!(
                "  hindsight vs typos-lsp at {} KB: p99 {:.1}× faster (received), {:.1}× (parsed), peak memory {:.1} vs {:.1} MB",
                size / 1024,
                theirs.p99.as_secs_f64() / ours.p99.as_secs_f64().max(1e-9),
                theirs.parsed_p99.as_secs_f64() / ours.parsed_p99.as_secs_f64().max(1e-9),
                ours.peak_mb,
                theirs.peak_mb,
            );
        }
    }
    // The editors' way: VS Code and Neovim pull diagnostics after each change.
    for size in [100 * 1024, 1024 * 1024] {
        edit_latency(&hindsight(), size, true);
    }
    if let [_, one, five] = p99s[..] {
        println!(
            "growth of p99 from 1 MB to 5 MB: {:.1}× (received), {:.1}× (parsed)",
            five.0.as_secs_f64() / one.0.as_secs_f64().max(1e-9),
            five.1.as_secs_f64() / one.1.as_secs_f64().max(1e-9)
        );
    }
}
