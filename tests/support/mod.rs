//! A small LSP test client: it starts the real `hindsight lsp` binary and talks JSON-RPC over
//! its stdin/stdout the way an editor does.
//!
//! - A reader thread splits stdout into frames and sends every JSON message to a channel.
//! - A second thread collects stderr, so panics and log lines can be asserted.
//! - Requests from the server (`workspace/configuration`, `workspace/applyEdit`, …) are
//!   answered automatically, with configurable answers, and recorded.
//! - Nothing ever sleeps: every wait is for a specific message, with a deadline.
//!
//! The second half of the file applies LSP text edits and workspace edits to a `String`
//! under UTF-8 or UTF-16 positions, independently of the server's own position code.

#![allow(dead_code)] // each test binary uses its own subset

pub mod fixtures;

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Position encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Utf16,
}

/// What the reader thread sees on the server's stdout.
enum Incoming {
    Message(Value),
    /// stdout was closed (the server exited), or a frame could not be read.
    Eof(Option<String>),
}

type Answer = Box<dyn FnMut(&Value) -> Value + Send>;

/// The stderr text collected so far, and a condition variable signalled on each new chunk.
type Stderr = Arc<(Mutex<String>, Condvar)>;

pub struct Client {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    rx: Receiver<Incoming>,
    next_id: i64,
    /// Responses received but not yet asked for, by id (as JSON text).
    responses: HashMap<String, Value>,
    /// Notifications received and not yet consumed by a `wait_for`.
    pending: VecDeque<Value>,
    /// Every notification ever received, in order (consumed or not).
    pub log: Vec<Value>,
    /// Requests the server sent, not yet consumed by `wait_server_request`.
    pending_requests: VecDeque<Value>,
    /// Every request the server sent, in order.
    pub server_requests: Vec<Value>,
    answers: HashMap<String, Answer>,
    /// Methods of server requests that are recorded but not answered (the test answers them).
    held: Vec<String>,
    /// While true, the reader thread stops reading the server's stdout (a client that does not
    /// read): the pipe fills and the server's writes block.
    paused: Arc<(Mutex<bool>, Condvar)>,
    stderr: Stderr,
    eof: Option<Option<String>>,
    /// The encoding the server chose at `initialize` (UTF-16 until then).
    pub encoding: Enc,
}

impl Client {
    /// Starts `hindsight lsp`.
    pub fn start() -> Client {
        Client::start_with_env(&[])
    }

    /// Starts `hindsight lsp` with extra environment variables.
    pub fn start_with_env(env: &[(&str, &str)]) -> Client {
        // `HINDSIGHT_TEST_BIN` names another build of the binary (a target directory shared by
        // several checkouts holds one `target/debug/hindsight` for all of them).
        let binary = std::env::var_os("HINDSIGHT_TEST_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_hindsight").into());
        let mut command = Command::new(binary);
        command
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("HINDSIGHT_TEST_PANIC");
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("spawn hindsight lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let stdin = child.stdin.take().expect("stdin");

        let (tx, rx) = mpsc::channel();
        let paused: Arc<(Mutex<bool>, Condvar)> = Arc::new((Mutex::new(false), Condvar::new()));
        let gate = paused.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                {
                    let (flag, cond) = &*gate;
                    let guard = flag.lock().unwrap();
                    drop(cond.wait_while(guard, |p| *p).unwrap());
                }
                match read_frame(&mut reader) {
                    Ok(Some(value)) => {
                        if tx.send(Incoming::Message(value)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => {
                        let _ = tx.send(Incoming::Eof(None));
                        return;
                    }
                    Err(problem) => {
                        let _ = tx.send(Incoming::Eof(Some(problem)));
                        return;
                    }
                }
            }
        });

        let collected: Stderr = Arc::new((Mutex::new(String::new()), Condvar::new()));
        let sink = collected.clone();
        std::thread::spawn(move || {
            let mut stderr = stderr;
            let mut buf = [0u8; 8192];
            loop {
                match stderr.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        let (text, cond) = &*sink;
                        text.lock()
                            .unwrap()
                            .push_str(&String::from_utf8_lossy(&buf[..n]));
                        cond.notify_all();
                    }
                }
            }
        });

        Client {
            child: Some(child),
            stdin: Some(stdin),
            rx,
            next_id: 1,
            responses: HashMap::new(),
            pending: VecDeque::new(),
            log: Vec::new(),
            pending_requests: VecDeque::new(),
            server_requests: Vec::new(),
            answers: HashMap::new(),
            held: Vec::new(),
            paused,
            stderr: collected,
            eof: None,
            encoding: Enc::Utf16,
        }
    }

    // ----- sending -------------------------------------------------------------------------

    /// Writes bytes to the server's stdin as they are.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    /// Sends one message, framed.
    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        self.send_raw(&frame);
    }

    /// Sends a notification; `Value::Null` params are left out (LSP's `void`).
    pub fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
    }

    /// Sends a request without waiting; returns its id (see [`Client::response`]).
    /// `Value::Null` params are left out (LSP's `void`).
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
        id
    }

    /// The whole response message (with `result` or `error`) to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.response_to(&json!(id), &format!("request {id}"))
    }

    /// The response to request `id` if it comes within `timeout`.
    pub fn try_response(&mut self, id: i64, timeout: Duration) -> Option<Value> {
        let key = json!(id).to_string();
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(r) = self.responses.remove(&key) {
                return Some(r);
            }
            if !self.pump(deadline) {
                return None;
            }
        }
    }

    /// Waits for the response with this id (any JSON id, `null` included).
    pub fn response_to(&mut self, id: &Value, what: &str) -> Value {
        let key = id.to_string();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(r) = self.responses.remove(&key) {
                return r;
            }
            if !self.pump(deadline) {
                panic!("no response to {what} within {TIMEOUT:?}{}", self.context());
            }
        }
    }

    /// Sends a request and returns the whole response message.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.response(id);
        assert_eq!(response["jsonrpc"], "2.0", "{response}");
        response
    }

    /// Sends a request and returns its result; an error response fails the test.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params.clone());
        if let Some(error) = response.get("error") {
            panic!("{method} {params} failed: {error}{}", self.context());
        }
        response
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("{method}: response without a result: {response}"))
    }

    // ----- receiving -----------------------------------------------------------------------

    /// Handles one incoming message, waiting until `deadline`. Returns false on timeout or once
    /// the server's output has ended.
    fn pump(&mut self, deadline: Instant) -> bool {
        if self.eof.is_some() {
            return false;
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(wait) {
            Ok(Incoming::Message(message)) => {
                self.dispatch(message);
                true
            }
            Ok(Incoming::Eof(problem)) => {
                self.eof = Some(problem);
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = Some(None);
                false
            }
        }
    }

    fn dispatch(&mut self, message: Value) {
        let method = message
            .get("method")
            .and_then(Value::as_str)
            .map(String::from);
        let id = message.get("id").cloned();
        match (method, id) {
            (Some(method), Some(id)) => {
                let params = message.get("params").cloned().unwrap_or(Value::Null);
                self.server_requests.push(message.clone());
                self.pending_requests.push_back(message);
                if self.held.contains(&method) {
                    return;
                }
                let result = match self.answers.get_mut(&method) {
                    Some(answer) => answer(&params),
                    None => default_answer(&method, &params),
                };
                // The server may have exited meanwhile: a failed answer is not the test's concern.
                let answer = json!({"jsonrpc": "2.0", "id": id, "result": result});
                if let Some(stdin) = self.stdin.as_mut() {
                    let body = serde_json::to_vec(&answer).unwrap();
                    let _ = stdin
                        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
                        .and_then(|()| stdin.write_all(&body))
                        .and_then(|()| stdin.flush());
                }
            }
            (Some(_), None) => {
                self.log.push(message.clone());
                self.pending.push_back(message);
            }
            (None, Some(id)) => {
                self.responses.insert(id.to_string(), message);
            }
            (None, None) => {
                panic!("a message that is neither request, response nor notification: {message}")
            }
        }
    }

    /// Stops answering the server's requests of one method: they are recorded (see
    /// [`Client::wait_server_request`]) and the test answers them with [`Client::send`].
    pub fn hold(&mut self, method: &str) {
        self.held.push(method.to_string());
    }

    /// Stops reading the server's output (after the frame being read, if any).
    pub fn pause_reading(&self) {
        let (flag, _) = &*self.paused;
        *flag.lock().unwrap() = true;
    }

    /// Reads the server's output again.
    pub fn resume_reading(&self) {
        let (flag, cond) = &*self.paused;
        *flag.lock().unwrap() = false;
        cond.notify_all();
    }

    /// Sets the answer to the server's requests of one method (replacing the default).
    pub fn answer(&mut self, method: &str, answer: impl FnMut(&Value) -> Value + Send + 'static) {
        self.answers.insert(method.to_string(), Box::new(answer));
    }

    /// Waits for a notification that satisfies `predicate`, taking it out of the queue.
    /// Notifications that do not match stay queued for later waits.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        mut predicate: impl FnMut(&Value) -> bool,
    ) -> Value {
        if let Some(found) = self.try_wait_for(timeout, &mut predicate) {
            return found;
        }
        panic!("timed out waiting for {what}{}", self.context());
    }

    /// Like `wait_for`, but `None` on timeout.
    pub fn try_wait_for(
        &mut self,
        timeout: Duration,
        mut predicate: impl FnMut(&Value) -> bool,
    ) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        let mut checked = 0;
        loop {
            while checked < self.pending.len() {
                if predicate(&self.pending[checked]) {
                    return self.pending.remove(checked);
                }
                checked += 1;
            }
            if !self.pump(deadline) {
                // One last look at what arrived before the deadline.
                while checked < self.pending.len() {
                    if predicate(&self.pending[checked]) {
                        return self.pending.remove(checked);
                    }
                    checked += 1;
                }
                return None;
            }
        }
    }

    /// Waits for `publishDiagnostics` for `uri` (at `version`, when given); returns its params.
    pub fn wait_publish(&mut self, uri: &str, version: Option<i64>) -> Value {
        let what = format!("publishDiagnostics for {uri} version {version:?}");
        let uri = uri.to_string();
        let found = self.wait_for(&what, TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        found["params"].clone()
    }

    /// Waits for `publishDiagnostics` for `uri` at `version` and returns its diagnostics.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_publish(uri, Some(version));
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for a request from the server of `method`, taking it out of the queue.
    pub fn wait_server_request(&mut self, method: &str) -> Value {
        match self.try_wait_server_request(method, TIMEOUT) {
            Some(request) => request,
            None => panic!(
                "the server sent no {method} request within {TIMEOUT:?}{}",
                self.context()
            ),
        }
    }

    /// Like `wait_server_request`, but `None` on timeout.
    pub fn try_wait_server_request(&mut self, method: &str, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(i) = self
                .pending_requests
                .iter()
                .position(|r| r["method"] == method)
            {
                return self.pending_requests.remove(i);
            }
            if !self.pump(deadline) {
                return None;
            }
        }
    }

    /// Waits for the response to `id` or a request from the server of `method`, whichever
    /// comes first: `Ok(response)` or `Err(Some(request))` (taken out of the queue);
    /// `Err(None)` on timeout.
    pub fn response_or_server_request(
        &mut self,
        id: i64,
        method: &str,
        timeout: Duration,
    ) -> Result<Value, Option<Value>> {
        let key = json!(id).to_string();
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(i) = self
                .pending_requests
                .iter()
                .position(|r| r["method"] == method)
            {
                return Err(self.pending_requests.remove(i));
            }
            if let Some(r) = self.responses.remove(&key) {
                return Ok(r);
            }
            if !self.pump(deadline) {
                return Err(None);
            }
        }
    }

    /// Forgets every notification and server request received so far (queues and logs), so a
    /// long session does not hold them all.
    pub fn forget_received(&mut self) {
        self.pending.clear();
        self.log.clear();
        self.pending_requests.clear();
        self.server_requests.clear();
    }

    /// The server's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// The server's resident memory (`VmRSS` in /proc/PID/status), in KiB; `None` where
    /// /proc is not available.
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// Handles everything that has arrived up to a round trip: sends a cheap request and waits
    /// for its answer, so that whatever the server sent before answering is in the queues.
    pub fn sync(&mut self) {
        self.request(
            "workspace/symbol",
            json!({"query": "\u{1}never-matches\u{1}"}),
        );
    }

    /// Notifications received and not consumed, of a method.
    pub fn queued(&self, method: &str) -> Vec<Value> {
        self.pending
            .iter()
            .filter(|m| m["method"] == method)
            .cloned()
            .collect()
    }

    /// Every notification of a method received so far (consumed or not).
    pub fn logged(&self, method: &str) -> Vec<Value> {
        self.log
            .iter()
            .filter(|m| m["method"] == method)
            .cloned()
            .collect()
    }

    /// Forgets the queued notifications (the log keeps them).
    pub fn clear_queue(&mut self) {
        self.pending.clear();
    }

    // ----- stderr ----------------------------------------------------------------------------

    pub fn stderr(&self) -> String {
        self.stderr.0.lock().unwrap().clone()
    }

    /// Waits until the server's stderr satisfies `predicate`.
    pub fn wait_stderr(&self, what: &str, predicate: impl Fn(&str) -> bool) -> String {
        let (text, cond) = &*self.stderr;
        let guard = text.lock().unwrap();
        let (guard, result) = cond
            .wait_timeout_while(guard, TIMEOUT, |t| !predicate(t))
            .unwrap();
        if result.timed_out() {
            panic!("stderr never showed {what}; stderr:\n{}", *guard);
        }
        guard.clone()
    }

    fn context(&self) -> String {
        let methods: Vec<String> = self
            .pending
            .iter()
            .map(|m| {
                let p = &m["params"];
                format!(
                    "{} {} {}",
                    m["method"].as_str().unwrap_or(""),
                    p["uri"].as_str().unwrap_or(""),
                    p["version"]
                )
            })
            .collect();
        let stderr = self.stderr();
        let tail: String = stderr
            .chars()
            .rev()
            .take(3000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!(
            "\n  queued notifications: {methods:#?}\n  server output ended: {:?}\n  stderr (tail):\n{tail}",
            self.eof
        )
    }

    // ----- the LSP lifecycle -----------------------------------------------------------------

    /// `initialize` with these client capabilities, initialization options and root folder
    /// (sent as `rootUri` and as the one workspace folder), then `initialized`. Returns the
    /// result of `initialize`.
    pub fn initialize(
        &mut self,
        capabilities: Value,
        init_options: Value,
        root: Option<&Path>,
    ) -> Value {
        let mut params = json!({
            "processId": std::process::id(),
            "clientInfo": {"name": "hindsight-tests", "version": "0"},
            "capabilities": capabilities,
        });
        if !init_options.is_null() {
            params["initializationOptions"] = init_options;
        }
        match root {
            Some(root) => {
                let uri = file_uri(root);
                params["rootUri"] = json!(uri);
                params["workspaceFolders"] = json!([{"uri": uri, "name": "root"}]);
            }
            None => params["rootUri"] = Value::Null,
        }
        let result = self.request("initialize", params);
        self.encoding = match result["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Enc::Utf8,
            _ => Enc::Utf16,
        };
        self.notify("initialized", json!({}));
        result
    }

    /// Starts a server and initializes it with the usual editor capabilities.
    pub fn ready(root: Option<&Path>) -> Client {
        let mut client = Client::start();
        client.initialize(editor_capabilities(), Value::Null, root);
        client
    }

    /// Ready, with the editor's capabilities changed by `patch` (merged in).
    pub fn ready_with(patch: Value, root: Option<&Path>) -> Client {
        let mut caps = editor_capabilities();
        merge(&mut caps, patch);
        let mut client = Client::start();
        client.initialize(caps, Value::Null, root);
        client
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    /// Replaces the whole text.
    pub fn change_full(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Incremental changes (each `{"range": …, "text": …}`).
    pub fn change(&mut self, uri: &str, version: i64, changes: Vec<Value>) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    /// `shutdown`, then `exit`; returns the exit status. Everything the server wrote before
    /// exiting is read into the queues and the log.
    pub fn shutdown_and_exit(&mut self) -> ExitStatus {
        let response = self.call("shutdown", Value::Null);
        assert!(
            response.get("error").is_none(),
            "shutdown failed: {response}"
        );
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Closes the server's stdin (an editor that went away), then waits for the exit.
    pub fn wait_exit_after_closing_stdin(&mut self) -> ExitStatus {
        self.stdin = None;
        self.wait_exit()
    }

    /// Reads the server's output to its end, closes stdin and waits for the process.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        while self.pump(deadline) {}
        if self.eof.is_none() {
            panic!("the server did not close its output{}", self.context());
        }
        self.stdin = None;
        let mut child = self.child.take().expect("the server was started");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let status = child.wait();
            let _ = tx.send((status, child));
        });
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok((status, _)) => status.expect("wait for the server"),
            Err(_) => panic!(
                "the server closed its output but did not exit{}",
                self.context()
            ),
        }
    }

    /// A problem the reader thread found in the server's output, if any.
    pub fn output_problem(&self) -> Option<String> {
        self.eof.clone().flatten()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.stdin = None;
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn default_answer(method: &str, params: &Value) -> Value {
    match method {
        "workspace/configuration" => {
            let n = params["items"].as_array().map_or(0, Vec::len);
            Value::Array(vec![Value::Null; n])
        }
        "workspace/applyEdit" => json!({"applied": true}),
        _ => Value::Null,
    }
}

/// Reads one frame; `Ok(None)` at the end of the stream.
fn read_frame(reader: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        let n = reader
            .read_line(&mut line)
            .map_err(|e| format!("reading a header: {e}"))?;
        if n == 0 {
            return if saw_header {
                Err("the output ended inside a header".to_string())
            } else {
                Ok(None)
            };
        }
        if !line.ends_with("\r\n") {
            return Err(format!("a header line not ended by CRLF: {line:?}"));
        }
        let line = line.trim_end_matches("\r\n");
        if line.is_empty() {
            break;
        }
        saw_header = true;
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("not a header: {line:?}"))?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad Content-Length: {line:?}"))?,
            );
        }
    }
    let length = length.ok_or("a frame without Content-Length")?;
    let mut body = vec![0u8; length];
    reader
        .read_exact(&mut body)
        .map_err(|e| format!("reading a body of {length} bytes: {e}"))?;
    serde_json::from_slice(&body).map(Some).map_err(|e| {
        format!(
            "a body that is not JSON ({e}): {}",
            String::from_utf8_lossy(&body)
        )
    })
}

// ----- capabilities and URIs ---------------------------------------------------------------

/// What a typical editor declares: versioned workspace edits, snippets, hierarchical symbols,
/// no pull diagnostics, no configuration requests, no dynamic file watching.
pub fn editor_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "workspace": {
            "workspaceEdit": {"documentChanges": true},
            "applyEdit": true,
            "workspaceFolders": true,
        },
        "textDocument": {
            "synchronization": {"dynamicRegistration": false, "didSave": true},
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
            "completion": {"completionItem": {"snippetSupport": true}},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "codeAction": {
                "isPreferredSupport": true,
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
                    "", "quickfix", "refactor", "refactor.insert", "source", "source.fixAll"
                ]}}
            },
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "inlayHint": {},
            "foldingRange": {},
        }
    })
}

/// Merges `patch` into `base` (objects key by key, anything else replaced).
pub fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, p) => *b = p,
    }
}

pub fn file_uri(path: &Path) -> String {
    tower_lsp_server::ls_types::Uri::from_file_path(path)
        .expect("an absolute path")
        .to_string()
}

// ----- diagnostics -------------------------------------------------------------------------

/// `(code, start line)` of each diagnostic, sorted.
pub fn codes_and_lines(diagnostics: &[Value]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect();
    out.sort();
    out
}

/// `(start line, start char, end line, end char)` of an LSP range.
pub fn span(range: &Value) -> (u64, u64, u64, u64) {
    (
        range["start"]["line"].as_u64().unwrap(),
        range["start"]["character"].as_u64().unwrap(),
        range["end"]["line"].as_u64().unwrap(),
        range["end"]["character"].as_u64().unwrap(),
    )
}

// ----- positions and edits -----------------------------------------------------------------

/// Length of a string in the units of `enc`.
pub fn units(s: &str, enc: Enc) -> usize {
    match enc {
        Enc::Utf8 => s.len(),
        Enc::Utf16 => s.encode_utf16().count(),
    }
}

/// Each line of a text as (start, end of its content, start of the next line), with the LSP's
/// line terminators: `\r\n`, `\n` and a lone `\r`.
pub fn line_spans(text: &str) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, i, i + 1));
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                out.push((start, i, i + 2));
                i += 1;
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i, i + 1));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, text.len(), text.len()));
    out
}

/// The lines of a text without their terminators (`\n`, `\r\n` or a lone `\r`).
pub fn lines(text: &str) -> Vec<&str> {
    line_spans(text)
        .into_iter()
        .map(|(start, end, _)| &text[start..end])
        .collect()
}

/// Byte offset → (line, character) under `enc`.
pub fn position_of(text: &str, offset: usize, enc: Enc) -> (usize, usize) {
    assert!(
        text.is_char_boundary(offset),
        "offset {offset} inside a character"
    );
    let spans = line_spans(text);
    let line = spans
        .iter()
        .rposition(|&(start, _, _)| start <= offset)
        .unwrap_or(0);
    let start = spans[line].0;
    (line, units(&text[start..offset], enc))
}

pub fn lsp_position(text: &str, offset: usize, enc: Enc) -> Value {
    let (line, character) = position_of(text, offset, enc);
    json!({"line": line, "character": character})
}

/// (line, character) → byte offset under `enc`. A line past the last one fails the test; a
/// character past the end of its line means the end of the line (LSP); a character inside a
/// UTF-16 surrogate pair or a UTF-8 sequence fails the test (no server should send one).
pub fn offset_of(text: &str, line: usize, character: usize, enc: Enc) -> usize {
    let spans = line_spans(text);
    let Some(&(start, content_end, _)) = spans.get(line) else {
        panic!(
            "line {line} is past the end of a text of {} lines",
            spans.len()
        );
    };
    let mut counted = 0;
    for (i, c) in text[start..content_end].char_indices() {
        if counted == character {
            return start + i;
        }
        let width = match enc {
            Enc::Utf8 => c.len_utf8(),
            Enc::Utf16 => c.len_utf16(),
        };
        if character < counted + width {
            panic!("position {line}:{character} ({enc:?}) falls inside the character {c:?}");
        }
        counted += width;
    }
    content_end
}

pub fn offset_at(text: &str, position: &Value, enc: Enc) -> usize {
    offset_of(
        text,
        position["line"].as_u64().expect("line") as usize,
        position["character"].as_u64().expect("character") as usize,
        enc,
    )
}

/// Applies LSP `TextEdit`s (all relative to the original text, non-overlapping; inserts at
/// the same position in array order) to a text.
pub fn apply_text_edits(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut resolved: Vec<(usize, usize, usize, &str)> = edits
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let a = offset_at(text, &e["range"]["start"], enc);
            let b = offset_at(text, &e["range"]["end"], enc);
            assert!(a <= b, "a reversed edit range: {e}");
            (a, b, n, e["newText"].as_str().expect("newText"))
        })
        .collect();
    resolved.sort_by_key(|&(a, b, n, _)| (a, b, n));
    for pair in resolved.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "overlapping edits: {edits:?}");
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (a, b, _, new_text) in resolved {
        out.push_str(&text[at..a]);
        out.push_str(new_text);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// Applies one `TextDocumentContentChangeEvent` (ranged or whole-text).
pub fn apply_change(text: &str, change: &Value, enc: Enc) -> String {
    match change.get("range") {
        Some(range) if !range.is_null() => apply_text_edits(
            text,
            &[json!({"range": range, "newText": change["text"]})],
            enc,
        ),
        _ => change["text"].as_str().expect("text").to_string(),
    }
}

/// A workspace edit applied to one document.
#[derive(Debug)]
pub struct Applied {
    pub text: String,
    /// The document version the edit names (`documentChanges`), `None` for plain `changes`.
    pub version: Option<i64>,
    pub versioned: bool,
}

/// Applies a `WorkspaceEdit` that touches only `uri`. `documentChanges` (text document edits
/// only) and `changes` are both understood.
pub fn apply_workspace_edit(text: &str, edit: &Value, uri: &str, enc: Enc) -> Applied {
    if let Some(changes) = edit.get("documentChanges").filter(|c| !c.is_null()) {
        let changes = changes.as_array().expect("documentChanges is an array");
        let mut out = text.to_string();
        let mut version = None;
        for change in changes {
            assert!(
                change.get("kind").is_none(),
                "a resource operation: {change}"
            );
            assert_eq!(
                change["textDocument"]["uri"], uri,
                "an edit to another document"
            );
            version = change["textDocument"]["version"].as_i64();
            let edits = change["edits"].as_array().expect("edits");
            out = apply_text_edits(&out, edits, enc);
        }
        return Applied {
            text: out,
            version,
            versioned: true,
        };
    }
    let changes = edit["changes"]
        .as_object()
        .expect("changes or documentChanges");
    let mut out = text.to_string();
    for (target, edits) in changes {
        assert_eq!(target, uri, "an edit to another document");
        out = apply_text_edits(&out, edits.as_array().expect("edits"), enc);
    }
    Applied {
        text: out,
        version: None,
        versioned: false,
    }
}

// ----- randomness --------------------------------------------------------------------------

/// xorshift64*: a tiny seeded generator, so stress runs are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A random position in `text` under `enc` (on `line`, or a random one): a character
/// boundary inside the line, its end, or past its end (which LSP reads as its end).
pub fn random_position(rng: &mut Rng, text: &str, enc: Enc, line: Option<usize>) -> Value {
    let all = lines(text);
    let line = line.unwrap_or_else(|| rng.below(all.len()));
    let content = all[line];
    let len = units(content, enc);
    let character = match rng.below(10) {
        0 => len,
        1 => len + 1 + rng.below(5),
        _ => {
            let boundaries: Vec<usize> = content
                .char_indices()
                .map(|(i, _)| units(&content[..i], enc))
                .chain([len])
                .collect();
            *rng.pick(&boundaries)
        }
    };
    json!({"line": line, "character": character})
}

/// What the typing simulations insert: text, emoji and CJK, combining marks, line ends of
/// every kind, and Markdown that changes the structure. The first `COMMON_INSERTS` keep to
/// `\n` and `\r\n` line ends (the stress runs, where a lone `\r` would only be slow).
pub const INSERTS: &[&str] = &[
    "a",
    "word ",
    "🔬",
    "😀😀",
    "𠮷田",
    "é",
    "e\u{301}",
    "\n",
    "\r\n",
    "\n## Story ",
    "\nResult: 5% better\n",
    "\n- Lesson: ",
    "**Action:** I did ",
    "### In hindsight\n\nI would ",
    "",
    "\r",
    "\r\r",
    "\u{2028}",
    "\u{a0}",
    "\r## Lone CR story\r",
    "\n<!-- hindsight-disable missing-lesson -->\n",
];

pub const COMMON_INSERTS: usize = 15;

/// The diagnostics of one code.
pub fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}
