//! A long randomized editor session against the real binary, seeded and bounded: documents
//! opened, edited (incremental changes in both position encodings, emoji, CRLF, lone CR) and
//! closed; code actions and `hindsight.addMissingParts` edits applied client-side and
//! re-analysed; hovers, inlay hints, completion, document and workspace symbols, code lenses,
//! folding ranges; settings changes, watched-file events, `$/cancelRequest`; push and pull
//! diagnostics clients. Nothing sleeps: every wait is for an expected message, with a deadline.
//!
//! Checks: every request is answered, the server's text of every open document equals the
//! client's (read with the debug-only command `hindsight.debug.documentText`, at checkpoints
//! and at the end), no handler or analysis panicked; the server's memory (VmRSS) at the start
//! and the end is printed.
//!
//! `HINDSIGHT_SESSION_MESSAGES` (default 5000) sets the number of messages, spread over three
//! sessions with different clients; `HINDSIGHT_SESSION_SEED` the seed (printed; `random` for
//! one from the clock). Run with `--nocapture` to see the figures.

mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value, json};
use support::{
    Client, Enc, Rng, TIMEOUT, apply_change, apply_workspace_edit, editor_capabilities, file_uri,
    lines, lsp_position, merge, offset_at, random_position,
};

const BASE: &str = "\
# Career notes

## 🔬 CRISPR 𠮷田 screen

### Context

The assay was noisy; café talk said the controls were fine.

### Action

I redesigned the controls and re-ran 3 plates.

## Billing move\r
\r
**Action:** I moved it.\r
**Lesson:** measure first.\r
\r
## Old Mac notes\rSituation: the export was slow\rResult: went from 40 to 12 minutes\r\r\
## Warehouse

- Situation: picking was slow
- Result: 30% faster picks
";

const INSERTS: &[&str] = support::INSERTS;

fn key(p: &Value) -> (u64, u64) {
    (
        p["line"].as_u64().unwrap(),
        p["character"].as_u64().unwrap(),
    )
}

fn random_range(rng: &mut Rng, text: &str, enc: Enc) -> Value {
    let a = random_position(rng, text, enc, None);
    let line = a["line"].as_u64().unwrap() as usize;
    let last = lines(text).len() - 1;
    let target = (line + rng.below(4)).min(last);
    let b = random_position(rng, text, enc, Some(target));
    let (start, end) = if key(&a) <= key(&b) { (a, b) } else { (b, a) };
    json!({"start": start, "end": end})
}

fn random_change(rng: &mut Rng, text: &str, enc: Enc) -> Value {
    let range = if rng.chance(50) {
        let p = random_position(rng, text, enc, None);
        json!({"start": p, "end": p})
    } else {
        random_range(rng, text, enc)
    };
    let empty = range["start"] == range["end"];
    let new_text = if empty || rng.chance(40) {
        rng.pick(INSERTS).to_string()
    } else {
        String::new()
    };
    json!({"range": range, "text": new_text})
}

struct Doc {
    uri: String,
    text: String,
    version: i64,
}

#[derive(Default, Debug)]
struct Figures {
    messages: usize,
    requests: usize,
    unanswered: usize,
    cancelled: usize,
    divergences: usize,
    checks: usize,
    edits_applied: usize,
    rss_start_kib: u64,
    rss_end_kib: u64,
}

struct Session {
    client: Client,
    rng: Rng,
    enc: Enc,
    pull: bool,
    root: PathBuf,
    docs: Vec<Option<Doc>>,
    /// Requests sent and not waited for yet: (id, method).
    unread: Vec<(i64, String)>,
    figures: Figures,
    files: usize,
}

impl Session {
    fn notify(&mut self, method: &str, params: Value) {
        self.figures.messages += 1;
        self.client.notify(method, params);
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.figures.messages += 1;
        self.figures.requests += 1;
        self.client.send_request(method, params)
    }

    /// A request whose answer is read later, with the others.
    fn fire(&mut self, method: &str, params: Value) -> i64 {
        let id = self.send_request(method, params);
        self.unread.push((id, method.to_string()));
        id
    }

    /// Waits for one answer; false (and counted) when none comes.
    fn answered(&mut self, id: i64, response: Option<&Value>) -> bool {
        match response {
            Some(r) => {
                if r["error"]["code"] == -32800 {
                    self.figures.cancelled += 1;
                }
                true
            }
            None => {
                eprintln!("session: request {id} unanswered");
                self.figures.unanswered += 1;
                false
            }
        }
    }

    /// Reads the answers to every request sent so far, and forgets the notifications.
    fn read_answers(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        for (id, method) in std::mem::take(&mut self.unread) {
            let wait = deadline.saturating_duration_since(Instant::now());
            let response = self.client.try_response(id, wait);
            if !self.answered(id, response.as_ref()) {
                eprintln!("session: no answer to {method} ({id})");
            }
        }
        self.client.forget_received();
    }

    fn random_open(&mut self) -> Option<usize> {
        let open: Vec<usize> = (0..self.docs.len())
            .filter(|&i| self.docs[i].is_some())
            .collect();
        if open.is_empty() {
            return None;
        }
        Some(*self.rng.pick(&open))
    }

    fn open_or_close(&mut self) {
        let slot = self.rng.below(self.docs.len());
        match self.docs[slot].take() {
            Some(doc) => {
                self.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": doc.uri}}),
                );
            }
            None => {
                let name = match slot {
                    0 => "stories.career.md",
                    1 => "notes/2024.career.md",
                    _ => "brag.md",
                };
                let uri = file_uri(&self.root.join(name));
                let text = if self.rng.chance(20) {
                    BASE.replace('\n', "\r\n").replace("\r\r\n", "\r\n")
                } else {
                    BASE.to_string()
                };
                let version = self.rng.below(5) as i64;
                self.notify(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
                );
                self.docs[slot] = Some(Doc { uri, text, version });
            }
        }
    }

    fn change(&mut self, slot: usize) {
        let enc = self.enc;
        let doc = self.docs[slot].as_mut().unwrap();
        let mut changes = Vec::new();
        for _ in 0..1 + self.rng.below(3) {
            let change = if self.rng.chance(2) {
                json!({"text": BASE})
            } else {
                random_change(&mut self.rng, &doc.text, enc)
            };
            doc.text = apply_change(&doc.text, &change, enc);
            changes.push(change);
        }
        if doc.text.len() > 12_000 || doc.text.len() < 200 {
            let reset = json!({"text": BASE});
            doc.text = BASE.to_string();
            changes.push(reset);
        }
        doc.version += 1;
        let (uri, version) = (doc.uri.clone(), doc.version);
        self.figures.messages += 1;
        self.client.change(&uri, version, changes);
    }

    /// Applies a workspace edit as an editor does: refused when it names another version;
    /// otherwise applied and sent back as one didChange (last edit first).
    fn apply_edit(&mut self, slot: usize, edit: &Value) -> bool {
        let enc = self.enc;
        let doc = self.docs[slot].as_mut().unwrap();
        let applied = apply_workspace_edit(&doc.text, edit, &doc.uri, enc);
        if applied.versioned && applied.version.is_some_and(|v| v != doc.version) {
            return false;
        }
        // Sent back as one change over the span the edits touch. (The edits one by one, last
        // first, are not the same: an insertion at the start of the line after a lone `\r`,
        // applied after one that inserts a `\n` there, lands after that `\n`, since `\r\n` is
        // then one line end.)
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        let all_edits: Vec<Value> = match edit.get("documentChanges").filter(|c| !c.is_null()) {
            Some(changes) => changes
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| c["edits"].as_array().unwrap().clone())
                .collect(),
            None => edit["changes"][&doc.uri].as_array().unwrap().clone(),
        };
        for e in &all_edits {
            starts.push(offset_at(&doc.text, &e["range"]["start"], enc));
            ends.push(offset_at(&doc.text, &e["range"]["end"], enc));
        }
        let (Some(&a), Some(&b)) = (starts.iter().min(), ends.iter().max()) else {
            return false;
        };
        let tail = doc.text.len() - b;
        let change = json!({
            "range": {"start": lsp_position(&doc.text, a, enc), "end": lsp_position(&doc.text, b, enc)},
            "text": &applied.text[a..applied.text.len() - tail],
        });
        assert_eq!(
            apply_change(&doc.text, &change, enc),
            applied.text,
            "the edit as one change"
        );
        let changes = vec![change];
        doc.text = applied.text;
        doc.version += 1;
        let (uri, version) = (doc.uri.clone(), doc.version);
        self.figures.messages += 1;
        self.client.change(&uri, version, changes);
        self.figures.edits_applied += 1;
        true
    }

    /// After an edit: the server analyses the new version (a publication, or a pull).
    fn reanalysed(&mut self, slot: usize) {
        let doc = self.docs[slot].as_ref().unwrap();
        let (uri, version) = (doc.uri.clone(), doc.version);
        if self.pull {
            let id = self.send_request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            );
            let response = self.client.try_response(id, TIMEOUT);
            if self.answered(id, response.as_ref()) {
                let response = response.unwrap();
                assert!(response["result"]["items"].is_array(), "{response}");
            }
        } else {
            self.client.wait_publish(&uri, Some(version));
        }
    }

    fn code_action(&mut self, slot: usize) {
        let enc = self.enc;
        let doc = self.docs[slot].as_ref().unwrap();
        let range = random_range(&mut self.rng, &doc.text, enc);
        let uri = doc.uri.clone();
        let only = if self.rng.chance(20) {
            json!(["source.fixAll.hindsight"])
        } else {
            Value::Null
        };
        let mut context = json!({"diagnostics": []});
        if !only.is_null() {
            context["only"] = only;
        }
        let id = self.send_request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        );
        let response = self.client.try_response(id, TIMEOUT);
        if !self.answered(id, response.as_ref()) {
            return;
        }
        let actions = response.unwrap()["result"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let with_edits: Vec<&Value> = actions.iter().filter(|a| a["edit"].is_object()).collect();
        if with_edits.is_empty() {
            return;
        }
        let action = (*self.rng.pick(&with_edits)).clone();
        if self.apply_edit(slot, &action["edit"]) {
            self.reanalysed(slot);
        }
    }

    /// `hindsight.addMissingParts`: the server sends `workspace/applyEdit`; the client applies
    /// and answers it, sometimes after cancelling the command, sometimes answering twice, and
    /// sometimes (after a cancel) not at all.
    fn add_missing_parts(&mut self, slot: usize) {
        let uri = self.docs[slot].as_ref().unwrap().uri.clone();
        let id = self.send_request(
            "workspace/executeCommand",
            json!({"command": "hindsight.addMissingParts", "arguments": [uri]}),
        );
        let request =
            match self
                .client
                .response_or_server_request(id, "workspace/applyEdit", TIMEOUT)
            {
                Ok(response) => {
                    self.answered(id, Some(&response));
                    return;
                }
                Err(None) => {
                    self.answered(id, None);
                    return;
                }
                Err(Some(request)) => request,
            };
        let cancel = self.rng.chance(25);
        if cancel {
            self.notify("$/cancelRequest", json!({"id": id}));
        }
        if cancel && self.rng.chance(30) {
            // Never answered: the command is cancelled, the server's request stays open.
            let response = self.client.try_response(id, TIMEOUT);
            self.answered(id, response.as_ref());
            return;
        }
        let applied = self.apply_edit(slot, &request["params"]["edit"]);
        let answer = json!({"jsonrpc": "2.0", "id": request["id"], "result": {"applied": applied}});
        self.figures.messages += 1;
        self.client.send(&answer);
        if self.rng.chance(10) {
            self.figures.messages += 1;
            self.client.send(&answer);
        }
        let response = self.client.try_response(id, TIMEOUT);
        if self.answered(id, response.as_ref()) && !cancel {
            let response = response.unwrap();
            assert_eq!(response["result"], json!(applied), "{response}");
        }
        if applied {
            self.reanalysed(slot);
        }
    }

    fn read_request(&mut self, slot: usize) {
        let enc = self.enc;
        let doc = self.docs[slot].as_ref().unwrap();
        let uri = doc.uri.clone();
        let position = random_position(&mut self.rng, &doc.text, enc, None);
        let range = random_range(&mut self.rng, &doc.text, enc);
        let td = json!({"uri": uri});
        let (method, params) = match self.rng.below(9) {
            0 | 1 => (
                "textDocument/hover",
                json!({"textDocument": td, "position": position}),
            ),
            2 => (
                "textDocument/inlayHint",
                json!({"textDocument": td, "range": range}),
            ),
            3 => (
                "textDocument/completion",
                json!({"textDocument": td, "position": position}),
            ),
            4 => ("textDocument/documentSymbol", json!({"textDocument": td})),
            5 => (
                "workspace/symbol",
                json!({"query": *self.rng.pick(&["", "bill", "story", "crispr", "x"])}),
            ),
            6 => ("textDocument/codeLens", json!({"textDocument": td})),
            7 => ("textDocument/foldingRange", json!({"textDocument": td})),
            _ if self.pull => ("textDocument/diagnostic", json!({"textDocument": td})),
            _ => (
                "workspace/executeCommand",
                json!({"command": "hindsight.report", "arguments": [uri]}),
            ),
        };
        let id = self.fire(method, params);
        if self.rng.chance(8) {
            self.notify("$/cancelRequest", json!({"id": id}));
        }
    }

    fn settings(&mut self) {
        let settings = match self.rng.below(4) {
            0 => json!({"hindsight": {"rules": {"missing-lesson": "off"}}}),
            1 => json!({"hindsight": {"experience_level": 2, "inlay_hints": false}}),
            2 => json!({"hindsight": {"rules": {"missing-result": "hint"}}}),
            _ => json!({"hindsight": {}}),
        };
        self.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": settings}),
        );
    }

    fn watched_file(&mut self) {
        let (path, typ) = if self.rng.chance(25) {
            let path = self.root.join(".hindsight.toml");
            if path.exists() && self.rng.chance(40) {
                std::fs::remove_file(&path).unwrap();
                (path, 3)
            } else {
                let rule = *self
                    .rng
                    .pick(&["missing-action", "missing-lesson", "missing-result"]);
                std::fs::write(&path, format!("[rules]\n{rule} = \"off\"\n")).unwrap();
                (path, 2)
            }
        } else {
            let n = self.rng.below(8);
            let path = self.root.join(format!("disk/story-{n}.career.md"));
            if path.exists() && self.rng.chance(30) {
                std::fs::remove_file(&path).unwrap();
                (path, 3)
            } else {
                let created = !path.exists();
                self.files += 1;
                std::fs::write(
                    &path,
                    format!(
                        "## Disk story {n} ({})\r\n\r\nAction: I did it.\rResult: 😀 {}% faster\n",
                        self.files, self.files
                    ),
                )
                .unwrap();
                (path, if created { 1 } else { 2 })
            }
        };
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&path), "type": typ}]}),
        );
    }

    /// The server's text of each open document equals the client's; a divergence is counted
    /// and the text sent again whole, so that later ones count on their own.
    fn check_texts(&mut self) {
        for slot in 0..self.docs.len() {
            let Some(doc) = self.docs[slot].as_ref() else {
                continue;
            };
            let (uri, text, version) = (doc.uri.clone(), doc.text.clone(), doc.version);
            let id = self.send_request(
                "workspace/executeCommand",
                json!({"command": "hindsight.debug.documentText", "arguments": [uri]}),
            );
            let response = self.client.try_response(id, TIMEOUT);
            if !self.answered(id, response.as_ref()) {
                continue;
            }
            let response = response.unwrap();
            self.figures.checks += 1;
            let held = &response["result"];
            if held["text"].as_str() != Some(text.as_str()) || held["version"] != version {
                self.figures.divergences += 1;
                eprintln!(
                    "session: DIVERGENCE in {uri} at version {version}:\n  client: {text:?}\n  server: {held}"
                );
                let doc = self.docs[slot].as_mut().unwrap();
                doc.version += 1;
                let version = doc.version;
                self.figures.messages += 1;
                self.client.change_full(&uri, version, &text);
            }
        }
    }

    fn step(&mut self) {
        let Some(slot) = self.random_open() else {
            self.open_or_close();
            return;
        };
        match self.rng.below(100) {
            0..=37 => self.change(slot),
            38..=43 => self.open_or_close(),
            44..=50 => self.code_action(slot),
            51..=54 => self.add_missing_parts(slot),
            55..=86 => self.read_request(slot),
            87..=89 => self.settings(),
            90..=92 => self.watched_file(),
            93..=96 => {
                // Cancel a recent request (answered or not: both are fine).
                let target = match self.unread.last() {
                    Some((id, _)) => *id,
                    None => self.rng.below(1000) as i64,
                };
                self.notify("$/cancelRequest", json!({"id": target}));
            }
            _ => {
                if self.pull {
                    self.fire(
                        "textDocument/diagnostic",
                        json!({"textDocument": {"uri": self.docs[slot].as_ref().unwrap().uri}}),
                    );
                } else {
                    self.change(slot);
                }
            }
        }
    }
}

struct Kind {
    name: &'static str,
    capabilities: Value,
    pull: bool,
    configuration: bool,
}

fn kinds() -> Vec<Kind> {
    let push_utf16 = editor_capabilities();
    let mut pull_utf8 = editor_capabilities();
    merge(
        &mut pull_utf8,
        json!({
            "general": {"positionEncodings": ["utf-8", "utf-16"]},
            "workspace": {
                "workspaceEdit": {"documentChanges": false},
                "configuration": true,
                "inlayHint": {"refreshSupport": true},
                "diagnostics": {"refreshSupport": true},
            },
            "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        }),
    );
    let mut push_utf8 = editor_capabilities();
    merge(
        &mut push_utf8,
        json!({
            "general": {"positionEncodings": ["utf-8"]},
            "workspace": {
                "configuration": true,
                "didChangeWatchedFiles": {"dynamicRegistration": true},
            },
        }),
    );
    vec![
        Kind {
            name: "push diagnostics, UTF-16, versioned edits",
            capabilities: push_utf16,
            pull: false,
            configuration: false,
        },
        Kind {
            name: "pull diagnostics, UTF-8, plain edits, configuration requests",
            capabilities: pull_utf8,
            pull: true,
            configuration: true,
        },
        Kind {
            name: "push diagnostics, UTF-8, configuration requests, file watching",
            capabilities: push_utf8,
            pull: false,
            configuration: true,
        },
    ]
}

fn run_session(kind: &Kind, messages: usize, seed: u64, root: &Path) -> Figures {
    std::fs::create_dir_all(root.join("disk")).unwrap();
    std::fs::create_dir_all(root.join("notes")).unwrap();
    std::fs::write(
        root.join("disk/story-0.career.md"),
        "## Disk story\n\nAction: x\n",
    )
    .unwrap();
    let mut client = Client::start();
    if kind.configuration {
        let mut n = 0u64;
        client.answer("workspace/configuration", move |params| {
            n += 1;
            let items = params["items"].as_array().map_or(0, Vec::len);
            let setting = match n % 3 {
                0 => json!({"rules": {"missing-lesson": "off"}}),
                1 => json!({"experience_level": 3}),
                _ => Value::Null,
            };
            Value::Array(vec![setting; items])
        });
    }
    client.hold("workspace/applyEdit");
    client.initialize(kind.capabilities.clone(), Value::Null, Some(root));
    let enc = client.encoding;
    let mut s = Session {
        client,
        rng: Rng::new(seed),
        enc,
        pull: kind.pull,
        root: root.to_path_buf(),
        docs: vec![None, None, None],
        unread: Vec::new(),
        figures: Figures::default(),
        files: 0,
    };
    s.client.sync();
    s.figures.rss_start_kib = s.client.rss_kib().unwrap_or(0);
    let mut next_read = 400;
    let mut next_check = 500;
    while s.figures.messages < messages {
        s.step();
        if s.figures.messages >= next_read {
            next_read += 400;
            s.read_answers();
        }
        if s.figures.messages >= next_check {
            next_check += 500;
            s.check_texts();
        }
    }
    s.read_answers();
    s.check_texts();
    s.figures.rss_end_kib = s.client.rss_kib().unwrap_or(0);
    let stderr = s.client.stderr();
    let panics: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("panicked"))
        .take(5)
        .collect();
    assert!(
        panics.is_empty(),
        "{}: the server panicked:\n{}",
        kind.name,
        panics.join("\n")
    );
    assert!(s.client.shutdown_and_exit().success());
    s.figures
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn a_long_randomized_editor_session() {
    let messages = env_number("HINDSIGHT_SESSION_MESSAGES").unwrap_or(5_000) as usize;
    let seed = match std::env::var("HINDSIGHT_SESSION_SEED").as_deref() {
        Ok("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        _ => env_number("HINDSIGHT_SESSION_SEED").unwrap_or(0x5e55_1011),
    };
    println!(
        "session: seed {seed} (HINDSIGHT_SESSION_SEED={seed} replays it), {messages} messages"
    );
    let started = Instant::now();
    let kinds = kinds();
    let mut total = Figures::default();
    for (i, kind) in kinds.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let share = messages / kinds.len() + usize::from(i < messages % kinds.len());
        let f = run_session(kind, share, seed.wrapping_add(i as u64), dir.path());
        println!(
            "session {i} ({}): {} messages, {} requests ({} cancelled), {} unanswered, \
             {} text checks, {} divergences, {} edits applied, VmRSS {} KiB → {} KiB",
            kind.name,
            f.messages,
            f.requests,
            f.cancelled,
            f.unanswered,
            f.checks,
            f.divergences,
            f.edits_applied,
            f.rss_start_kib,
            f.rss_end_kib
        );
        total.messages += f.messages;
        total.requests += f.requests;
        total.unanswered += f.unanswered;
        total.divergences += f.divergences;
        total.checks += f.checks;
        assert!(
            f.rss_end_kib < 1024 * 1024,
            "{}: the server holds {} KiB",
            kind.name,
            f.rss_end_kib
        );
    }
    println!(
        "session: {} messages, {} requests, {} unanswered, {} divergences in {} checks, {:.1} s",
        total.messages,
        total.requests,
        total.unanswered,
        total.divergences,
        total.checks,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        total.unanswered, 0,
        "requests left unanswered (seed {seed})"
    );
    assert_eq!(
        total.divergences, 0,
        "the server's text diverged from the client's (seed {seed})"
    );
}
