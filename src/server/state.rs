//! The server's state behind one lock, and everything that changes it.
//!
//! The lock is a `std::sync::Mutex`, never held across an `.await`. A change is applied to
//! the rope under the lock and the document marked pending ([`Shared::change`]); pending
//! documents are analysed and their publications queued under the lock too
//! ([`Shared::analyse_pending`]). Requests take a [`Snapshot`] and work without the lock.
//! Background jobs (reading the client's configuration, indexing the workspace) take the
//! lock only to read settings and to store what they found.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tower_lsp_server::ls_types::*;

use super::analysis::{self, Analysis};
use super::capabilities::{self, ClientCaps};
use super::documents::{Documents, Rejected, file_path};
use super::outbox::Outbox;
use super::workspace::{self, Configs, Index};
use super::{story_bank, symbols};
use crate::config::ConfigError;
use crate::line_index::Encoding;
use crate::stories::{bank::Coverage, questions::Questions};

struct State {
    docs: Documents,
    encoding: Encoding,
    caps: ClientCaps,
    configs: Configs,
    index: Index,
    /// Documents changed since they were last analysed, in the order they changed: analysed
    /// once the client has sent all it had (see [`Shared::analyse_pending`]), or as soon as a
    /// request needs one.
    pending: Vec<Uri>,
}

/// The state and the way out, shared by the handlers and the background jobs.
#[derive(Clone)]
pub struct Shared {
    state: Arc<Mutex<State>>,
    outbox: Outbox,
}

/// What a request about one document works on: its current analysis, and how to speak to
/// the client.
pub struct Snapshot {
    pub analysis: Arc<Analysis>,
    pub caps: ClientCaps,
}

impl Shared {
    pub fn new(outbox: Outbox) -> Shared {
        let state = State {
            docs: Documents::default(),
            encoding: Encoding::Utf16,
            caps: ClientCaps::default(),
            configs: Configs::default(),
            index: Index::default(),
            pending: Vec::new(),
        };
        Shared {
            state: Arc::new(Mutex::new(state)),
            outbox,
        }
    }

    /// Locks the state; a panic elsewhere never leaves it unusable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads the client's capabilities, folders and settings; returns our answer.
    pub fn initialize(&self, params: InitializeParams) -> InitializeResult {
        let caps = ClientCaps::read(&params.capabilities);
        let encoding = capabilities::encoding(&params.capabilities);
        let mut state = self.lock();
        state.caps = caps;
        state.encoding = encoding;
        state.configs.set_roots(capabilities::roots(&params));
        if let Some(options) = params.initialization_options {
            state.configs.set_client_settings(options);
        }
        capabilities::initialize_result(encoding, caps)
    }

    /// Starts what runs beside the handlers: watchers, the configuration, the index.
    pub fn initialized(&self) {
        let (caps, errors) = {
            let state = self.lock();
            (state.caps, state.configs.settings_errors.clone())
        };
        report_settings_problems(&self.outbox, &errors);
        if caps.watch_files {
            let client = self.outbox.client().clone();
            tokio::spawn(async move {
                let _ = client
                    .register_capability(vec![capabilities::watchers()])
                    .await;
            });
        }
        if caps.configuration {
            self.pull_configuration();
        }
        self.scan_workspace();
    }

    /// The current analysis of a document, if it is of the current version; a change not
    /// analysed yet is analysed now, so that a request sees every change sent before it.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let mut state = self.lock();
        if let Some(at) = state.pending.iter().position(|u| u == uri) {
            state.pending.remove(at);
            state.refresh(&self.outbox, uri);
        }
        let doc = state.docs.get(uri)?;
        let analysis = doc.analysis.clone()?;
        (analysis.version == doc.version).then_some(Snapshot {
            analysis,
            caps: state.caps,
        })
    }

    pub fn open(&self, document: TextDocumentItem) {
        let mut state = self.lock();
        state
            .docs
            .open(document.uri.clone(), &document.text, document.version);
        state.refresh(&self.outbox, &document.uri);
    }

    /// The keystroke path: the change is applied to the document's rope, and the document
    /// waits in `pending` for [`Shared::analyse_pending`].
    pub fn change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let mut state = self.lock();
        let encoding = state.encoding;
        match state
            .docs
            .change(&uri, version, &params.content_changes, encoding)
        {
            Ok(_) => {
                if !state.pending.contains(&uri) {
                    state.pending.push(uri);
                }
            }
            Err(Rejected::NotOpen) => eprintln!(
                "hindsight: change for a document that is not open: {}",
                uri.as_str()
            ),
            Err(Rejected::Stale { held }) => eprintln!(
                "hindsight: ignored change to version {version} of {}: version {held} is already applied",
                uri.as_str()
            ),
        }
    }

    /// Analyses every document changed since its last analysis, once each, and queues its
    /// diagnostics. The message loop calls this when the client has nothing more waiting: a
    /// burst of changes (typing faster than the analysis) costs one analysis, of the newest
    /// version, and the versions in between get no publication.
    pub fn analyse_pending(&self) {
        let mut state = self.lock();
        for uri in std::mem::take(&mut state.pending) {
            state.refresh(&self.outbox, &uri);
        }
    }

    pub fn close(&self, uri: &Uri) {
        let mut state = self.lock();
        state.pending.retain(|u| u != uri);
        if state.docs.close(uri) && !state.caps.pull_diagnostics {
            self.outbox.publish(uri.clone(), None, Vec::new());
        }
        // A pull's report kept to copy from (a publication of nothing forgets it too).
        self.outbox.outgoing().forget(uri);
    }

    /// Answers a pull with the full report of the document's current analysis, written by
    /// hand (see [`super::outbox::Outgoing::answer_pull`]); `false` when the answer is another
    /// (not open or not analysed, or unchanged since `previous_result_id`): the library's
    /// handler gives those.
    pub fn answer_pull(
        &self,
        id: &tower_lsp_server::jsonrpc::Id,
        params: &tower_lsp_server::ls_types::DocumentDiagnosticParams,
    ) -> bool {
        let uri = &params.text_document.uri;
        let Some(snapshot) = self.snapshot(uri) else {
            return false;
        };
        if super::diagnostics::unchanged_since(
            &snapshot.analysis,
            params.previous_result_id.as_deref(),
        ) {
            return false;
        }
        self.outbox
            .outgoing()
            .answer_pull(id, uri, &snapshot.analysis)
    }

    /// A config file changed on disk: everything read from disk is read again.
    pub fn config_files_changed(&self) {
        let mut state = self.lock();
        state.configs.invalidate_files();
        state.refresh_all(&self.outbox);
    }

    /// `workspace/didChangeConfiguration`: the settings come with it, or are asked for.
    pub fn settings_changed(&self, settings: Value) {
        if self.lock().caps.configuration {
            self.pull_configuration();
            return;
        }
        let mut state = self.lock();
        state.configs.set_client_settings(settings);
        report_settings_problems(&self.outbox, &state.configs.settings_errors);
        state.refresh_all(&self.outbox);
    }

    pub fn files_changed(&self, changes: &[FileEvent]) {
        let mut config_changed = false;
        let mut changed = Vec::new();
        let mut state = self.lock();
        for change in changes {
            let Some(path) = file_path(&change.uri) else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|n| n == crate::config::FILE_NAME)
            {
                config_changed = true;
            } else if change.typ == FileChangeType::DELETED {
                state.index.files.remove(&path);
            } else {
                changed.push(path);
            }
        }
        if config_changed {
            state.configs.invalidate_files();
            state.refresh_all(&self.outbox);
        }
        drop(state);
        if !changed.is_empty() {
            let shared = self.clone();
            tokio::task::spawn_blocking(move || shared.index_files(changed));
        }
    }

    /// Experiences whose titles match `query`, in open documents and in the index.
    pub fn workspace_symbols(&self, query: &str) -> Vec<SymbolInformation> {
        self.analyse_pending();
        let state = self.lock();
        let open = state
            .docs
            .iter()
            .map(|(uri, doc)| (uri.clone(), doc.path.clone(), doc.analysis.clone()));
        symbols::workspace_symbols(query, open, &state.index)
    }

    /// Which interview questions the stories of the workspace answer (open documents as they
    /// are now, other files as indexed), files named from their workspace folder.
    pub fn story_bank(&self, questions: &Questions) -> Coverage {
        self.analyse_pending();
        let state = self.lock();
        let shown = |path: &std::path::Path| {
            let relative = state
                .configs
                .root_of(path)
                .and_then(|root| path.strip_prefix(root).ok());
            relative.unwrap_or(path).display().to_string()
        };
        story_bank::coverage(&state.open_career_notes(), &state.index, questions, shown)
    }

    /// The title lens's "N of M interview questions covered", over the same stories as
    /// [`Shared::story_bank`].
    pub fn questions_covered(&self, questions: &Questions) -> String {
        self.analyse_pending();
        let state = self.lock();
        story_bank::summary(&state.open_career_notes(), &state.index, questions)
    }

    /// For requests to the client that need an answer.
    pub fn client(&self) -> &tower_lsp_server::Client {
        self.outbox.client()
    }

    /// The text the server holds for a document, and its version (tests only).
    #[cfg(any(debug_assertions, fuzzing))]
    pub fn document_text(&self, uri: &Uri) -> Option<(i32, String)> {
        let state = self.lock();
        let doc = state.docs.get(uri)?;
        Some((doc.version, doc.rope.to_string()))
    }

    fn pull_configuration(&self) {
        let shared = self.clone();
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("hindsight".to_string()),
            };
            let Ok(mut values) = shared.outbox.client().configuration(vec![item]).await else {
                return;
            };
            let value = values.pop().unwrap_or(Value::Null);
            let mut state = shared.lock();
            // An empty answer keeps what initializationOptions said.
            if !value.is_null() {
                state.configs.set_client_settings(value);
                report_settings_problems(&shared.outbox, &state.configs.settings_errors);
            }
            state.refresh_all(&shared.outbox);
        });
    }

    fn scan_workspace(&self) {
        let roots = self.lock().configs.roots.clone();
        if roots.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let files: Vec<PathBuf> = roots
                .iter()
                .flat_map(|root| workspace::scan_candidates(root))
                .collect();
            let candidates = files.len();
            shared.index_files(files);
            let indexed = shared.lock().index.files.len();
            eprintln!(
                "hindsight: workspace indexed: {indexed} career-notes files of {candidates} Markdown files in {} ms",
                started.elapsed().as_millis()
            );
        });
    }

    /// Indexes files off the keystroke path: the lock is taken only to look up settings and
    /// to store each result. A config file read here for the first time has its problems
    /// reported, as when a document's analysis reads it. Only files inside the workspace
    /// folders (symlinks resolved) are read: a watched-file event may name any path.
    fn index_files(&self, files: Vec<PathBuf>) {
        for path in files {
            let (settings, include, encoding) = {
                let mut state = self.lock();
                if !state.configs.inside_workspace(&path) {
                    state.index.files.remove(&path);
                    eprintln!(
                        "hindsight: not indexed (outside the workspace folders): {}",
                        path.display()
                    );
                    continue;
                }
                let resolved = state.resolve(&self.outbox, Some(&path));
                let include = workspace::career_by_path(Some(&path), &resolved, "");
                (resolved.settings, include, state.encoding)
            };
            let entry = workspace::index_file(&path, &settings, include, encoding);
            let mut state = self.lock();
            match entry {
                Some(experiences) => state.index.files.insert(path, experiences),
                None => state.index.files.remove(&path),
            };
        }
    }
}

impl State {
    /// The open documents that are career notes, with their latest analysis.
    fn open_career_notes(&self) -> Vec<story_bank::Open> {
        self.docs
            .iter()
            .filter_map(|(uri, doc)| {
                let analysis = doc.analysis.clone().filter(|a| a.career)?;
                Some((doc.path.clone(), uri.as_str().to_string(), analysis))
            })
            .collect()
    }

    /// The settings for a path; a config file read for the first time has its problems
    /// reported.
    fn resolve(&mut self, outbox: &Outbox, path: Option<&std::path::Path>) -> workspace::Resolved {
        let resolved = self.configs.resolve(path);
        if resolved.freshly_read
            && let Some(file) = &resolved.file
        {
            report_config_problems(outbox, file, self.configs.file_errors(file));
        }
        resolved
    }

    /// Analyses a document's current version and queues its diagnostics.
    fn refresh(&mut self, outbox: &Outbox, uri: &Uri) {
        let encoding = self.encoding;
        let pull = self.caps.pull_diagnostics;
        let Some(path) = self.docs.get(uri).map(|doc| doc.path.clone()) else {
            return;
        };
        let resolved = self.resolve(outbox, path.as_deref());
        let by_path = workspace::career_by_path(path.as_deref(), &resolved, uri.path().as_str());
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let len = doc.rope.len_bytes();
        let refusal = crate::limits::refusal(len, || doc.block_markers());
        if let Some(why) = refusal {
            doc.analysis = None;
            if !doc.warned_large {
                doc.warned_large = true;
                let name = uri.path().as_str().rsplit('/').next();
                outbox.show_message(
                    MessageType::WARNING,
                    format!(
                        "Hindsight does not analyse {}: {why}.",
                        name.unwrap_or("this document")
                    ),
                );
            }
            if !pull {
                outbox.publish(uri.clone(), Some(doc.version), Vec::new());
            }
            return;
        }
        let settings = resolved.settings;
        // The old analysis goes first: a long note's two analyses are never held at once. Its
        // line index serves the new one when no handler holds it still.
        let earlier = doc
            .analysis
            .take()
            .and_then(|old| Arc::try_unwrap(old).ok())
            .map(analysis::Analysis::into_earlier);
        doc.analysis = analysis::run(
            &doc.rope,
            doc.version,
            by_path,
            settings,
            encoding,
            &mut doc.reuse,
            earlier,
        )
        .map(Arc::new);
        if let Some(result) = doc.analysis.as_ref().filter(|_| !pull) {
            outbox.publish_analysis(uri.clone(), Arc::clone(result));
        }
    }

    /// Re-analyses every open document (configuration changed) and asks the client to refresh.
    fn refresh_all(&mut self, outbox: &Outbox) {
        self.pending.clear();
        for uri in self.docs.uris() {
            self.refresh(outbox, &uri);
        }
        if self.caps.inlay_refresh {
            outbox.refresh_inlay_hints();
        }
        if self.caps.pull_diagnostics && self.caps.diagnostic_refresh {
            outbox.refresh_diagnostics();
        }
    }
}

fn report_config_problems(outbox: &Outbox, file: &std::path::Path, errors: &[ConfigError]) {
    let Some(uri) = Uri::from_file_path(file) else {
        return;
    };
    let diagnostics = errors
        .iter()
        .map(|e| {
            let line = e.line.map_or(0, |l| l.saturating_sub(1)) as u32;
            Diagnostic {
                range: Range::new(Position::new(line, 0), Position::new(line, u32::MAX / 2)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("hindsight".to_string()),
                message: e.message.clone(),
                ..Diagnostic::default()
            }
        })
        .collect();
    outbox.publish(uri, None, diagnostics);
    if let Some(first) = errors.first() {
        outbox.show_message(
            MessageType::ERROR,
            format!("Hindsight: {first} — defaults are used for what is broken."),
        );
    }
}

fn report_settings_problems(outbox: &Outbox, errors: &[ConfigError]) {
    if let Some(first) = errors.first() {
        outbox.show_message(
            MessageType::ERROR,
            format!("Hindsight settings: {}", first.message),
        );
    }
}
