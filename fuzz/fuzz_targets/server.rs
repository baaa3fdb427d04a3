//! Target 4: the whole server (our framing, then tower-lsp and the handlers) in-process. No
//! panic (libFuzzer's panic hook aborts, so even a panic the server contains is a finding), and
//! no hang: `serve` must return within 2 s of the end of the session.
//!
//! The first byte picks the mode:
//!
//! - without `0x40`: the rest is the client's byte stream, delivered in chunks (low nibble:
//!   0 = all at once, 1 = one byte, n = 2^n bytes; `0x10` a `Pending` before every read);
//! - with `0x40`: a scripted session, decoded from the rest with `arbitrary`: a client that
//!   opens, edits (incremental changes in the negotiated encoding, lone CR, CRLF, emoji, JSON
//!   `\ud800` escapes) and closes documents, asks for everything, runs
//!   `hindsight.addMissingParts` and cancels it with `$/cancelRequest` while the server's
//!   `workspace/applyEdit` is outstanding, and answers the server's requests
//!   (`workspace/applyEdit`, `workspace/configuration`, refreshes) at once, late, out of order,
//!   twice, with an error or never. An edit the client accepts is applied client-side and
//!   sent back as a `didChange`, as an editor does. At the end every request of the client
//!   must have been answered, and the server's text of each document (read with the
//!   debug-only command `hindsight.debug.documentText`) must equal the client's.
//!
//! `0x20` runs the server on a multi-threaded runtime (both modes).
//!
//! Hangs found so far (fixed; replayed in tests/fuzz_regressions.rs): an unanswered
//! `workspace/configuration` kept `serve` from returning after `exit`, and an unanswered
//! `workspace/applyEdit` kept it from returning at the end of its input. A false one, in this
//! client: it took an applyEdit left by an earlier command for its own and never answered it,
//! and the command it belonged to waited for it past the end; the client now takes only an edit
//! of its command's document, and cancels the commands still waiting when it dropped an edit.
#![no_main]

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use arbitrary::{Arbitrary, Unstructured};
use hindsight::server::framing::{Frame, FrameReader, encode};
use hindsight::server::position::Encoding;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

#[path = "../common/reference.rs"]
mod reference;
use reference::{ref_apply, ref_lines, ref_offset};

#[path = "../../tests/support/trickle.rs"]
mod trickle;
use trickle::Trickle;

fn raw_stream(mode: u8, stream: &[u8]) {
    let input = Trickle::new(mode, stream);
    let runtime = runtime(mode);
    let returned = runtime.block_on(async {
        let serve = hindsight::server::serve(input, tokio::io::sink());
        tokio::pin!(serve);
        let start = Instant::now();
        loop {
            tokio::select! {
                _ = &mut serve => return true,
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
            let waited = start.elapsed();
            if waited >= Duration::from_secs(2) {
                return false;
            }
        }
    });
    // A workspace scan of a fuzzed root URI may still be running on the blocking pool.
    runtime.shutdown_timeout(Duration::from_millis(500));
    if !returned {
        panic!("the server did not return within 2 s");
    }
}

fn runtime(mode: u8) -> tokio::runtime::Runtime {
    if mode & 0x20 != 0 {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .expect("a runtime")
}

// ---------------------------------------------------------------------------------------------
// The scripted client.
// ---------------------------------------------------------------------------------------------

const URIS: [&str; 3] = [
    "file:///fuzz/a.career.md",
    "file:///fuzz/notes/b.md",
    "untitled:Untitled-1",
];

/// Stands for a JSON escape in a change's text (replaced in the serialised message).
const ESCAPE_MARK: char = '\u{10FFFD}';

/// JSON escapes put into didChange texts: (escape, the text it decodes to, or `None` when
/// serde_json refuses it, and with it the whole message).
const ESCAPES: &[(&str, Option<&str>)] = &[
    (r"\ud800", None),
    (r"\udc00", None),
    (r"\ud800\u0041", None),
    (r"\udbff", None),
    (r"\ud83d\ude00", Some("😀")),
    (r"\u2028", Some("\u{2028}")),
    (r"\u000d", Some("\r")),
    (r"\r\n", Some("\r\n")),
    (r"\u0085", Some("\u{85}")),
];

const PIECES: &[&str] = &[
    "a",
    "word ",
    "## ",
    "\n## Story ",
    "\n",
    "\r\n",
    "\r",
    "\r\r",
    "é",
    "e\u{301}",
    "😀",
    "𠮷",
    "\u{feff}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{a0}",
    "\t",
    "**Result:** 40% faster",
    "Action: I did it",
    "- Lesson: ",
    "> [!success] ",
    "<!-- hindsight-disable -->",
    "<!-- hindsight: not-experience -->",
    "```\n",
    "---\nhindsight: true\n---\n",
    "",
];

fn piece_text(u: &mut Unstructured) -> arbitrary::Result<String> {
    let n = u.int_in_range(0..=6)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 10)? {
            s.push_str(&String::arbitrary(u)?.replace(ESCAPE_MARK, ""));
        } else {
            s.push_str(u.choose(PIECES)?);
        }
    }
    Ok(s)
}

struct Doc {
    text: String,
    /// The last version sent (what a versioned edit must name to be applied).
    version: i32,
    /// The version the server holds: the last one of a change it accepted.
    held: i32,
}

/// What the client does with a request from the server.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Policy {
    Answer,
    Refuse,
    Twice,
    Error,
    Later,
    Never,
}

struct Session {
    to_server: DuplexStream,
    from_server: mpsc::UnboundedReceiver<Value>,
    responses: HashMap<String, Value>,
    /// Requests from the server not handled yet.
    server_requests: VecDeque<Value>,
    /// Requests from the server to answer later.
    later: Vec<Value>,
    /// Requests of ours without an answer so far: id → method.
    outstanding: HashMap<i64, String>,
    next_id: i64,
    enc: Encoding,
    docs: HashMap<&'static str, Doc>,
    ended: bool,
    /// An applyEdit was never answered: a command may wait for it (60 s).
    dropped_edit: bool,
}

const WAIT: Duration = Duration::from_secs(1);
const FINAL_WAIT: Duration = Duration::from_secs(10);

impl Session {
    async fn write(&mut self, body: &[u8]) {
        let frame = encode(body);
        // `HINDSIGHT_FUZZ_DUMP=FILE`: the client's stream, to replay or read.
        if let Some(path) = std::env::var_os("HINDSIGHT_FUZZ_DUMP") {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
            {
                let _ = f.write_all(&frame);
            }
        }
        if self.to_server.write_all(&frame).await.is_err() {
            self.ended = true;
        }
    }

    async fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("JSON");
        self.write(&body).await;
    }

    async fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.outstanding.insert(id, method.to_string());
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Receives one message (false on timeout or when the output ended).
    async fn pump(&mut self, deadline: Instant) -> bool {
        let wait = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(wait, self.from_server.recv()).await {
            Ok(Some(message)) => {
                let has_method = message.get("method").is_some();
                match message.get("id") {
                    Some(_) if has_method => self.server_requests.push_back(message),
                    Some(id) => {
                        if let Some(n) = id.as_i64() {
                            self.outstanding.remove(&n);
                        }
                        self.responses.insert(id.to_string(), message);
                    }
                    None => {} // a notification
                }
                true
            }
            Ok(None) => {
                self.ended = true;
                false
            }
            Err(_) => false,
        }
    }

    /// Waits for the response to `id`, or for a server request of `method`, whichever comes
    /// first; `Some` with the request in the second case.
    /// The `workspace/applyEdit` of our command `id` on `uri`, or `None` once the command is
    /// answered (or after a while). Only an edit of `uri` is taken: one left waiting by an
    /// earlier command on another document is not this command's.
    async fn wait_edit_of(&mut self, id: i64, uri: &str) -> Option<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.responses.contains_key(&json!(id).to_string()) {
                return None;
            }
            if let Some(i) = self
                .server_requests
                .iter()
                .position(|r| r["method"] == "workspace/applyEdit" && edits_document(r, uri))
            {
                return self.server_requests.remove(i);
            }
            if !self.pump(deadline).await {
                return None;
            }
        }
    }

    async fn response(&mut self, id: i64, wait: Duration) -> Option<Value> {
        let key = json!(id).to_string();
        let deadline = Instant::now() + wait;
        loop {
            if let Some(r) = self.responses.remove(&key) {
                return Some(r);
            }
            if !self.pump(deadline).await {
                return None;
            }
        }
    }

    /// Answers a request of the server as `policy` says.
    async fn answer(&mut self, request: Value, policy: Policy) {
        let id = request["id"].clone();
        let method = request["method"].as_str().unwrap_or("").to_string();
        let result = match (method.as_str(), policy) {
            (_, Policy::Never) => {
                self.dropped_edit |= method == "workspace/applyEdit";
                return;
            }
            (_, Policy::Later) => {
                self.later.push(request);
                return;
            }
            (_, Policy::Error) => {
                let error = json!({"jsonrpc": "2.0", "id": id,
                    "error": {"code": -32603, "message": "the client failed"}});
                self.send(&error).await;
                return;
            }
            ("workspace/applyEdit", Policy::Refuse) => json!({"applied": false}),
            ("workspace/applyEdit", _) => {
                let applied = self.apply_workspace_edit(&request["params"]["edit"]).await;
                json!({"applied": applied})
            }
            ("workspace/configuration", Policy::Refuse) => json!("not a list"),
            ("workspace/configuration", _) => {
                let n = request["params"]["items"].as_array().map_or(0, Vec::len);
                let setting = match self.next_id % 4 {
                    0 => json!({"experienceLevel": 2}),
                    1 => json!({"rules": {"missing-result": "off"}, "inlayHints": false}),
                    2 => json!({"experienceLevel": "high"}),
                    _ => Value::Null,
                };
                Value::Array(vec![setting; n])
            }
            _ => Value::Null,
        };
        let answer = json!({"jsonrpc": "2.0", "id": id, "result": result});
        self.send(&answer).await;
        if policy == Policy::Twice {
            self.send(&answer).await;
        }
    }

    /// Handles the server's requests received so far, with policies from the input.
    async fn handle_server_requests(&mut self, u: &mut Unstructured<'_>) {
        while let Some(request) = self.server_requests.pop_front() {
            let policy = policy(
                u,
                request["method"] == "workspace/applyEdit",
                self.later.len(),
            );
            self.answer(request, policy).await;
        }
    }

    /// Applies an edit the way an editor does: a versioned edit for another version is
    /// refused; otherwise the text edits are applied to the client's text and sent back as
    /// one didChange (last edit first, so each range is still where the server put it).
    async fn apply_workspace_edit(&mut self, edit: &Value) -> bool {
        let mut per_doc: Vec<(String, Option<i64>, Vec<Value>)> = Vec::new();
        if let Some(changes) = edit["documentChanges"].as_array() {
            for change in changes {
                per_doc.push((
                    change["textDocument"]["uri"]
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                    change["textDocument"]["version"].as_i64(),
                    change["edits"].as_array().cloned().unwrap_or_default(),
                ));
            }
        } else if let Some(changes) = edit["changes"].as_object() {
            for (uri, edits) in changes {
                per_doc.push((
                    uri.clone(),
                    None,
                    edits.as_array().cloned().unwrap_or_default(),
                ));
            }
        }
        let mut sends = Vec::new();
        for (uri, version, edits) in per_doc {
            let Some(key) = URIS.iter().copied().find(|u| *u == uri) else {
                panic!("an edit for a document never opened: {uri}");
            };
            let Some(doc) = self.docs.get_mut(key) else {
                return false; // closed meanwhile
            };
            if version.is_some_and(|v| v != i64::from(doc.version)) {
                return false;
            }
            let enc = self.enc;
            let mut resolved: Vec<(usize, usize, usize, TextDocumentContentChangeEvent)> = edits
                .iter()
                .enumerate()
                .map(|(n, e)| {
                    let range: Range =
                        serde_json::from_value(e["range"].clone()).expect("an edit's range");
                    let a = ref_offset(&doc.text, range.start, enc);
                    let b = ref_offset(&doc.text, range.end, enc);
                    assert!(a <= b, "a reversed edit range {e} in {:?}", doc.text);
                    let change = TextDocumentContentChangeEvent {
                        range: Some(range),
                        range_length: None,
                        text: e["newText"].as_str().expect("newText").to_string(),
                    };
                    (a, b, n, change)
                })
                .collect();
            resolved.sort_by_key(|&(a, b, n, _)| (a, b, n));
            for pair in resolved.windows(2) {
                assert!(
                    pair[0].1 <= pair[1].0,
                    "overlapping edits {edits:?} in {:?}",
                    doc.text
                );
            }
            let changes: Vec<TextDocumentContentChangeEvent> =
                resolved.into_iter().rev().map(|(_, _, _, c)| c).collect();
            for c in &changes {
                ref_apply(&mut doc.text, c, enc);
            }
            doc.version += 1;
            doc.held = doc.version;
            sends.push((key, doc.version, changes));
        }
        for (uri, version, changes) in sends {
            let params = json!({"textDocument": {"uri": uri, "version": version},
                "contentChanges": changes});
            self.notify("textDocument/didChange", params).await;
        }
        true
    }
}

/// Whether a `workspace/applyEdit` request edits `uri` (as `changes` or `documentChanges`).
fn edits_document(request: &Value, uri: &str) -> bool {
    let edit = &request["params"]["edit"];
    edit["changes"].get(uri).is_some()
        || edit["documentChanges"]
            .as_array()
            .is_some_and(|changes| changes.iter().any(|c| c["textDocument"]["uri"] == uri))
}

fn policy(u: &mut Unstructured, apply_edit: bool, later: usize) -> Policy {
    let choice = u.int_in_range(0..=9u8).unwrap_or(0);
    match choice {
        0..=3 => Policy::Answer,
        4 => Policy::Refuse,
        5 => Policy::Twice,
        6 => Policy::Error,
        // At most one edit answered late: a request waiting for it holds a request slot.
        7 | 8 if !apply_edit || later == 0 => Policy::Later,
        // Never answering an applyEdit leaves `addMissingParts` waiting 60 s unless cancelled.
        9 if !apply_edit => Policy::Never,
        _ => Policy::Answer,
    }
}

fn coord(u: &mut Unstructured) -> arbitrary::Result<u32> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u32::MAX,
        1 => u32::arbitrary(u)?,
        2 => u.int_in_range(0..=300)?,
        _ => u.int_in_range(0..=12)?,
    })
}

/// A position in `text`: mostly at a character boundary of a line, sometimes anything.
fn position(u: &mut Unstructured, text: &str, enc: Encoding) -> arbitrary::Result<Position> {
    if u.ratio(1, 5)? {
        return Ok(Position::new(coord(u)?, coord(u)?));
    }
    let lines = ref_lines(text);
    let line = u.choose_index(lines.len())?;
    let (start, end) = lines[line];
    let content = &text[start..end];
    let boundaries: Vec<usize> = content
        .char_indices()
        .map(|(i, _)| i)
        .chain([content.len()])
        .collect();
    let at = boundaries[u.choose_index(boundaries.len())?];
    let units = match enc {
        Encoding::Utf8 => at,
        Encoding::Utf16 => content[..at].encode_utf16().count(),
        Encoding::Utf32 => content[..at].chars().count(),
    };
    Ok(Position::new(line as u32, units as u32))
}

fn td(uri: &str) -> Value {
    json!({"uri": uri})
}

async fn op(s: &mut Session, u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    s.handle_server_requests(u).await;
    let uri: &'static str = URIS[u.choose_index(URIS.len())?];
    let enc = s.enc;
    let text = s.docs.get(uri).map(|d| d.text.clone());
    match u.int_in_range(0..=19u8)? {
        // Open (or open again: the new text replaces the old).
        0 | 1 => {
            let text = match u.int_in_range(0..=3u8)? {
                0 => "## Billing move\r\n\r\nAction: I moved it.\r\n".to_string(),
                1 => "# Notes\n\n## 🔬 Lab\rResult: 40% faster\r\r## B\n- Lesson: x\n".to_string(),
                _ => piece_text(u)?,
            };
            let version = u.int_in_range(0..=3)?;
            s.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "markdown",
                    "version": version, "text": text}}),
            )
            .await;
            s.docs.insert(
                uri,
                Doc {
                    text,
                    version,
                    held: version,
                },
            );
        }
        2 => {
            s.notify("textDocument/didClose", json!({"textDocument": td(uri)}))
                .await;
            s.docs.remove(uri);
        }
        // Incremental changes (sometimes the whole text), some with JSON escapes.
        3..=7 => {
            let Some(doc) = s.docs.get_mut(uri) else {
                return Ok(());
            };
            let escaped = u.ratio(1, 4)?;
            let mut refused = false;
            let mut model = doc.text.clone();
            let mut changes = Vec::new();
            let mut escapes = Vec::new();
            for _ in 0..u.int_in_range(1..=3)? {
                // `text` goes into the message (the mark becomes the escape), `decoded` is
                // what the server reads from it.
                let mut text = piece_text(u)?;
                let mut decoded = text.clone();
                if escaped && u.ratio(1, 2)? {
                    let (escape, decodes_to) = *u.choose(ESCAPES)?;
                    text.push(ESCAPE_MARK);
                    escapes.push(escape);
                    match decodes_to {
                        Some(d) => decoded.push_str(d),
                        None => refused = true,
                    }
                }
                let change = if u.ratio(1, 15)? {
                    TextDocumentContentChangeEvent {
                        range: None,
                        range_length: None,
                        text,
                    }
                } else {
                    let a = position(u, &model, enc)?;
                    let b = if u.ratio(1, 2)? {
                        a
                    } else {
                        position(u, &model, enc)?
                    };
                    TextDocumentContentChangeEvent {
                        range: Some(Range::new(a, b)),
                        range_length: None,
                        text,
                    }
                };
                let mut applied = change.clone();
                applied.text = decoded;
                ref_apply(&mut model, &applied, enc);
                changes.push(change);
            }
            let stale = u.ratio(1, 12)?;
            let version = if stale {
                doc.held - u.int_in_range(0..=1)?
            } else {
                doc.version + 1
            };
            let message = json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version},
                "contentChanges": changes}});
            let mut body = serde_json::to_string(&message).expect("JSON");
            for escape in escapes {
                body = body.replacen(ESCAPE_MARK, escape, 1);
            }
            if !stale {
                doc.version = version;
                if !refused {
                    doc.text = model;
                    doc.held = version;
                }
            }
            s.write(body.as_bytes()).await;
        }
        // Requests about a document; the answers are collected at the end.
        8..=11 => {
            let text = text.unwrap_or_default();
            let p = position(u, &text, enc)?;
            let q = position(u, &text, enc)?;
            let (method, params) = match u.int_in_range(0..=8u8)? {
                0 => (
                    "textDocument/hover",
                    json!({"textDocument": td(uri), "position": p}),
                ),
                1 => (
                    "textDocument/completion",
                    json!({"textDocument": td(uri), "position": p}),
                ),
                2 => (
                    "textDocument/inlayHint",
                    json!({"textDocument": td(uri), "range": Range::new(p, q)}),
                ),
                3 => (
                    "textDocument/documentSymbol",
                    json!({"textDocument": td(uri)}),
                ),
                4 => ("textDocument/codeLens", json!({"textDocument": td(uri)})),
                5 => ("textDocument/diagnostic", json!({"textDocument": td(uri)})),
                6 => ("workspace/symbol", json!({"query": "b"})),
                7 => (
                    "textDocument/foldingRange",
                    json!({"textDocument": td(uri)}),
                ),
                _ => (
                    "workspace/executeCommand",
                    json!({"command": "hindsight.report", "arguments": [uri]}),
                ),
            };
            let id = s.request(method, params).await;
            if u.ratio(1, 6)? {
                s.notify("$/cancelRequest", json!({"id": id})).await;
            }
        }
        // A code action, whose edit the client applies when it is for its version.
        12 | 13 => {
            let text = text.unwrap_or_default();
            let p = position(u, &text, enc)?;
            let q = position(u, &text, enc)?;
            let only = if u.ratio(1, 3)? {
                json!(["source.fixAll.hindsight"])
            } else {
                Value::Null
            };
            let id = s
                .request(
                    "textDocument/codeAction",
                    json!({"textDocument": td(uri), "range": Range::new(p, q),
                        "context": {"diagnostics": [], "only": only}}),
                )
                .await;
            if let Some(response) = s.response(id, WAIT).await
                && let Some(actions) = response["result"].as_array()
                && !actions.is_empty()
            {
                let action = actions[u.choose_index(actions.len())?].clone();
                if action["edit"].is_object() && u.ratio(3, 4)? {
                    s.apply_workspace_edit(&action["edit"]).await;
                }
            }
        }
        // `hindsight.addMissingParts`, cancelled while its applyEdit is outstanding, or not.
        14..=16 => {
            let mut arguments = vec![json!(uri)];
            if u.ratio(1, 3)? {
                arguments.push(json!(u.int_in_range(0..=6u32)?));
            }
            let id = s
                .request(
                    "workspace/executeCommand",
                    json!({"command": "hindsight.addMissingParts", "arguments": arguments}),
                )
                .await;
            let cancel_first = u.ratio(1, 4)?;
            if cancel_first {
                s.notify("$/cancelRequest", json!({"id": id})).await;
            }
            let Some(request) = s.wait_edit_of(id, uri).await else {
                return Ok(());
            };
            let cancel = !cancel_first && u.ratio(2, 3)?;
            let policy = match u.int_in_range(0..=5u8)? {
                0 if cancel || cancel_first => Policy::Never,
                1 => Policy::Twice,
                2 => Policy::Refuse,
                3 => Policy::Error,
                4 if s.later.is_empty() => Policy::Later,
                _ => Policy::Answer,
            };
            let cancel_before_answer = u.ratio(1, 2)?;
            if cancel && cancel_before_answer {
                s.notify("$/cancelRequest", json!({"id": id})).await;
            }
            s.answer(request, policy).await;
            if cancel && !cancel_before_answer {
                s.notify("$/cancelRequest", json!({"id": id})).await;
            }
        }
        // Answer the requests kept for later, in any order.
        17 => {
            while !s.later.is_empty() {
                let i = u.choose_index(s.later.len())?;
                let request = s.later.remove(i);
                let policy = match u.int_in_range(0..=3u8)? {
                    0 => Policy::Twice,
                    1 => Policy::Refuse,
                    _ => Policy::Answer,
                };
                s.answer(request, policy).await;
            }
        }
        // Settings and watched files; a cancel for any id.
        18 => match u.int_in_range(0..=2u8)? {
            0 => {
                let settings = match u.int_in_range(0..=2u8)? {
                    0 => json!({"hindsight": {"experienceLevel": 3}}),
                    1 => json!({"hindsight": {"rules": {"missing-lesson": "off"}}}),
                    _ => json!(null),
                };
                s.notify(
                    "workspace/didChangeConfiguration",
                    json!({"settings": settings}),
                )
                .await;
            }
            1 => {
                let typ = u.int_in_range(1..=3u8)?;
                s.notify(
                    "workspace/didChangeWatchedFiles",
                    json!({"changes": [{"uri": "file:///fuzz/notes/.hindsight.toml", "type": typ},
                        {"uri": "file:///fuzz/other.career.md", "type": typ}]}),
                )
                .await;
            }
            _ => {
                // Any id the client has used (answered or not), as clients do. (Under tower-lsp
                // 0.20 a cancel for an id not yet used could overtake its request, which ran
                // concurrently, crash-b4f794a0; messages are now handled in order.)
                let id = u.int_in_range(0..=s.next_id.saturating_sub(1))?;
                s.notify("$/cancelRequest", json!({"id": id})).await;
            }
        },
        // Let the server catch up.
        _ => {
            let deadline = Instant::now() + Duration::from_millis(5);
            while s.pump(deadline).await {}
        }
    }
    Ok(())
}

async fn session(u: &mut Unstructured<'_>) {
    let (client_in, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, mut client_out) = tokio::io::duplex(1 << 16);
    let server = tokio::spawn(hindsight::server::serve(server_in, server_out));
    let (tx, rx) = mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        let mut frames = FrameReader::default();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            while let Some(frame) = frames.next_frame() {
                if let Frame::Message(m) = frame {
                    let _ = tx.send(m.to_value());
                }
            }
            match client_out.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => frames.push(&buf[..n]),
            }
        }
    });

    let utf8 = u.arbitrary::<bool>().unwrap_or(false);
    let versioned = u.arbitrary::<bool>().unwrap_or(true);
    let flags = u.arbitrary::<u8>().unwrap_or(0);
    let mut caps = json!({
        "general": {"positionEncodings": if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) }},
        "workspace": {
            "workspaceEdit": {"documentChanges": versioned},
            "applyEdit": true,
            "configuration": flags & 1 != 0,
            "inlayHint": {"refreshSupport": flags & 2 != 0},
            "diagnostics": {"refreshSupport": flags & 4 != 0},
            "didChangeWatchedFiles": {"dynamicRegistration": flags & 8 != 0},
        },
        "textDocument": {"completion": {"completionItem": {"snippetSupport": flags & 16 != 0}}},
    });
    if flags & 32 != 0 {
        caps["textDocument"]["diagnostic"] = json!({});
    }
    let mut s = Session {
        to_server: client_in,
        from_server: rx,
        responses: HashMap::new(),
        server_requests: VecDeque::new(),
        later: Vec::new(),
        outstanding: HashMap::new(),
        next_id: 1,
        enc: Encoding::Utf16,
        docs: HashMap::new(),
        ended: false,
        dropped_edit: false,
    };
    let init = s
        .request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps}),
        )
        .await;
    let Some(response) = s.response(init, FINAL_WAIT).await else {
        panic!("no answer to initialize");
    };
    s.enc = match response["result"]["capabilities"]["positionEncoding"].as_str() {
        Some("utf-8") => Encoding::Utf8,
        _ => Encoding::Utf16,
    };
    s.notify("initialized", json!({})).await;

    let mut ops = 0;
    while !u.is_empty() && ops < 48 && !s.ended {
        ops += 1;
        if op(&mut s, u).await.is_err() {
            break;
        }
    }

    // The end: answer what was kept for later, then wait for every answer (answering the
    // server's requests meanwhile, at once).
    let kept = std::mem::take(&mut s.later);
    for request in kept {
        s.answer(request, Policy::Answer).await;
    }
    // A client that dropped an applyEdit gives up on the commands still waiting: one may wait
    // for that edit (the server gives up after 60 s). Each must still be answered, if only as
    // cancelled.
    if s.dropped_edit {
        let waiting: Vec<i64> = s
            .outstanding
            .iter()
            .filter(|(_, method)| *method == "workspace/executeCommand")
            .map(|(id, _)| *id)
            .collect();
        for id in waiting {
            s.notify("$/cancelRequest", json!({"id": id})).await;
        }
    }
    let deadline = Instant::now() + FINAL_WAIT;
    loop {
        while let Some(request) = s.server_requests.pop_front() {
            s.answer(request, Policy::Answer).await;
        }
        if s.outstanding.is_empty() || !s.pump(deadline).await {
            break;
        }
    }
    assert!(!s.ended, "the server's output ended");
    assert!(
        s.outstanding.is_empty(),
        "requests never answered: {:?}",
        s.outstanding
    );

    // The server's text of each document equals the client's (requests from the server that
    // arrive now stay unanswered: an edit applied now would race the check).
    for uri in URIS {
        let id = s
            .request(
                "workspace/executeCommand",
                json!({"command": "hindsight.debug.documentText", "arguments": [uri]}),
            )
            .await;
        let Some(response) = s.response(id, FINAL_WAIT).await else {
            panic!("no answer to hindsight.debug.documentText");
        };
        let held = &response["result"];
        match s.docs.get(uri) {
            None => assert!(
                held.is_null(),
                "{uri} is closed but the server holds {held}"
            ),
            Some(doc) => {
                assert_eq!(
                    held["text"].as_str(),
                    Some(doc.text.as_str()),
                    "the server's text of {uri} differs from the client's (server: {held})"
                );
                assert_eq!(held["version"], doc.held, "the server's version of {uri}");
            }
        }
    }

    s.request("shutdown", Value::Null).await;
    s.notify("exit", Value::Null).await;
    drop(s);
    let returned = tokio::time::timeout(Duration::from_secs(2), server).await;
    reader.abort();
    match returned {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => panic!("serve panicked: {e}"),
        Err(_) => panic!("the server did not return within 2 s of exit"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, stream)) = data.split_first() else {
        return;
    };
    if mode & 0x40 == 0 {
        raw_stream(mode, stream);
        return;
    }
    let runtime = runtime(mode);
    let mut u = Unstructured::new(stream);
    runtime.block_on(session(&mut u));
    runtime.shutdown_timeout(Duration::from_millis(500));
});
