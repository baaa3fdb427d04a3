//! The LSP handlers. They are thin: take the document's analysis, call a feature module,
//! return. State lives behind one `std::sync::Mutex`, never held across an `.await`; a
//! change is applied and analysed before the handler's first await, and everything sent to
//! the client goes through one ordered outbox (see `outbox`), where stale results are dropped.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::actions::{self, FIX_ALL_KIND, NEW_EXPERIENCE_KIND};
use super::analysis::{self, Analysis};
use super::documents::{Documents, Rejected, file_path};
use super::outbox::{Effect, Outbox};
use super::position::Encoding;
use super::workspace::{self, Configs, Index};
use super::{completion, diagnostics, hints, hover, symbols};
use crate::config::ConfigError;

/// What the client can do, read once at `initialize`.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClientCaps {
    pub pull_diagnostics: bool,
    pub document_changes: bool,
    pub inlay_refresh: bool,
    pub diagnostic_refresh: bool,
    pub configuration: bool,
    pub watch_files: bool,
    pub snippets: bool,
}

pub struct State {
    pub docs: Documents,
    pub encoding: Encoding,
    pub caps: ClientCaps,
    pub configs: Configs,
    pub index: Index,
}

pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    outbox: Outbox,
}

/// Locks the state; a panic elsewhere never leaves it unusable.
pub fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Backend {
    pub fn new(client: Client, direct: Arc<super::outbox::Outgoing>) -> Backend {
        let state = Arc::new(Mutex::new(State {
            docs: Documents::default(),
            encoding: Encoding::Utf16,
            caps: ClientCaps::default(),
            configs: Configs::default(),
            index: Index::default(),
        }));
        let outbox = Outbox::start(client.clone(), state.clone(), direct);
        Backend {
            client,
            state,
            outbox,
        }
    }

    /// The current analysis of a document.
    fn analysis(&self, uri: &Uri) -> Option<(Arc<Analysis>, Encoding, ClientCaps)> {
        let state = lock(&self.state);
        let doc = state.docs.get(uri)?;
        let analysis = doc.analysis.clone()?;
        (analysis.version == doc.version).then_some((analysis, state.encoding, state.caps))
    }
}

/// Analyses a document's current version and queues what must be sent. Runs under the lock.
fn refresh(state: &mut State, outbox: &Outbox, uri: &Uri) {
    let encoding = state.encoding;
    let pull = state.caps.pull_diagnostics;
    let Some(doc) = state.docs.get(uri) else {
        return;
    };
    let path = doc.path.clone();
    let resolved = state.configs.resolve(path.as_deref());
    if resolved.freshly_read
        && let Some(file) = &resolved.file
    {
        report_config_problems(outbox, file, state.configs.file_errors(file));
    }
    let by_path = workspace::career_by_path(path.as_deref(), &resolved, uri.path().as_str());
    let Some(doc) = state.docs.get_mut(uri) else {
        return;
    };
    let refusal = crate::limits::refusal(doc.rope.len_bytes(), || {
        crate::limits::block_markers(doc.rope.chunks())
    });
    if let Some(why) = refusal {
        doc.analysis = None;
        if !doc.warned_large {
            doc.warned_large = true;
            outbox.send(Effect::ShowMessage(
                MessageType::WARNING,
                format!(
                    "Hindsight does not analyse {}: {why}.",
                    uri.path()
                        .as_str()
                        .rsplit('/')
                        .next()
                        .unwrap_or("this document"),
                ),
            ));
        }
        if !pull {
            outbox.send(Effect::Publish {
                uri: uri.clone(),
                version: Some(doc.version),
                diagnostics: Vec::new(),
            });
        }
        return;
    }
    let version = doc.version;
    match analysis::run(&doc.rope, version, by_path, resolved.settings) {
        Some(result) => {
            let result = Arc::new(result);
            if !pull {
                let diagnostics = diagnostics::diagnostics(&result, encoding);
                outbox.send(Effect::Publish {
                    uri: uri.clone(),
                    version: Some(version),
                    diagnostics,
                });
            }
            doc.analysis = Some(result);
        }
        None => doc.analysis = None,
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
    outbox.send(Effect::Publish {
        uri,
        version: None,
        diagnostics,
    });
    if let Some(first) = errors.first() {
        outbox.send(Effect::ShowMessage(
            MessageType::ERROR,
            format!("Hindsight: {first} — defaults are used for what is broken."),
        ));
    }
}

/// Re-analyses every open document (configuration changed) and asks the client to refresh.
fn refresh_all(state: &mut State, outbox: &Outbox) {
    for uri in state.docs.uris() {
        refresh(state, outbox, &uri);
    }
    if state.caps.inlay_refresh {
        outbox.send(Effect::InlayHintRefresh);
    }
    if state.caps.pull_diagnostics && state.caps.diagnostic_refresh {
        outbox.send(Effect::DiagnosticRefresh);
    }
}

fn byte_range(analysis: &Analysis, range: Range, encoding: Encoding) -> std::ops::Range<usize> {
    let a = analysis.offset(range.start, encoding);
    let b = analysis.offset(range.end, encoding);
    a.min(b)..a.max(b)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let text_caps = caps.text_document.as_ref();
        let ws = caps.workspace.as_ref();
        let client_caps = ClientCaps {
            pull_diagnostics: text_caps.and_then(|t| t.diagnostic.as_ref()).is_some(),
            document_changes: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            inlay_refresh: ws
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
            diagnostic_refresh: ws
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            watch_files: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            snippets: text_caps
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
        };
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| file_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(file_path)
        {
            roots.push(root);
        }
        {
            let mut state = lock(&self.state);
            state.caps = client_caps;
            state.encoding = encoding;
            state.configs.set_roots(roots);
            if let Some(options) = params.initialization_options {
                state.configs.set_client_settings(options);
            }
        }
        let diagnostic_provider = client_caps.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("hindsight".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        });
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "hindsight".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR,
                            CodeActionKind::new(FIX_ALL_KIND),
                            CodeActionKind::new(NEW_EXPERIENCE_KIND),
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["#".to_string(), " ".to_string()]),
                    ..CompletionOptions::default()
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        hints::ADD_MISSING_PARTS.to_string(),
                        hints::REPORT.to_string(),
                    ],
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                diagnostic_provider,
                ..ServerCapabilities::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let caps = lock(&self.state).caps;
        let settings_errors = lock(&self.state).configs.settings_errors.clone();
        report_settings_problems(&self.outbox, &settings_errors);
        // Requests to the client run in their own tasks: a notification handler never waits.
        if caps.watch_files {
            let client = self.client.clone();
            tokio::spawn(async move {
                let watchers = ["**/*.md", "**/*.markdown", "**/.hindsight.toml"]
                    .into_iter()
                    .map(|glob| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(glob.to_string()),
                        kind: None,
                    })
                    .collect();
                let options = DidChangeWatchedFilesRegistrationOptions { watchers };
                let registration = Registration {
                    id: "hindsight-watch".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let _ = client.register_capability(vec![registration]).await;
            });
        }
        if caps.configuration {
            spawn_pull_configuration(self.client.clone(), self.state.clone(), self.outbox.clone());
        }
        spawn_workspace_scan(self.state.clone(), self.outbox.clone());
    }

    async fn shutdown(&self) -> Result<()> {
        // The exit code is decided by the framing layer, which sees `shutdown` and `exit`.
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let mut state = lock(&self.state);
        state.docs.open(doc.uri.clone(), &doc.text, doc.version);
        refresh(&mut state, &self.outbox, &doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut state = lock(&self.state);
        let encoding = state.encoding;
        match state.docs.change(
            &uri,
            params.text_document.version,
            &params.content_changes,
            encoding,
        ) {
            Ok(_) => refresh(&mut state, &self.outbox, &uri),
            Err(Rejected::NotOpen) => {
                eprintln!(
                    "hindsight: change for a document that is not open: {}",
                    uri.as_str()
                )
            }
            Err(Rejected::Stale { held }) => eprintln!(
                "hindsight: ignored change to version {} of {uri}: version {held} is already applied",
                params.text_document.version,
                uri = uri.as_str()
            ),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if params
            .text_document
            .uri
            .path()
            .as_str()
            .ends_with(crate::config::FILE_NAME)
        {
            let mut state = lock(&self.state);
            state.configs.invalidate_files();
            refresh_all(&mut state, &self.outbox);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut state = lock(&self.state);
        if state.docs.close(&uri) && !state.caps.pull_diagnostics {
            self.outbox.send(Effect::Publish {
                uri,
                version: None,
                diagnostics: Vec::new(),
            });
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let caps = lock(&self.state).caps;
        if caps.configuration {
            spawn_pull_configuration(self.client.clone(), self.state.clone(), self.outbox.clone());
            return;
        }
        let mut state = lock(&self.state);
        state.configs.set_client_settings(params.settings);
        let errors = state.configs.settings_errors.clone();
        report_settings_problems(&self.outbox, &errors);
        refresh_all(&mut state, &self.outbox);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let mut reindex = Vec::new();
        for change in &params.changes {
            let Some(path) = file_path(&change.uri) else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|n| n == crate::config::FILE_NAME)
            {
                config_changed = true;
            } else {
                reindex.push((path, change.typ));
            }
        }
        let mut state = lock(&self.state);
        if config_changed {
            state.configs.invalidate_files();
            refresh_all(&mut state, &self.outbox);
        }
        for (path, typ) in &reindex {
            if *typ == FileChangeType::DELETED {
                state.index.files.remove(path);
            }
        }
        drop(state);
        let changed: Vec<PathBuf> = reindex
            .into_iter()
            .filter(|(_, t)| *t != FileChangeType::DELETED)
            .map(|(p, _)| p)
            .collect();
        if !changed.is_empty() {
            spawn_index_files(self.state.clone(), self.outbox.clone(), changed);
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let Some((analysis, encoding, _)) = self.analysis(&params.text_document.uri) else {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
            ));
        };
        let result_id = analysis.id.to_string();
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                }),
            ));
        }
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: diagnostics::diagnostics(&analysis, encoding),
                },
            }),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((analysis, encoding, caps)) = self.analysis(&uri) else {
            return Ok(None);
        };
        let range = byte_range(&analysis, params.range, encoding);
        let request = actions::Request {
            analysis: &analysis,
            uri: &uri,
            encoding,
            versioned: caps.document_changes,
        };
        let found = contained(|| actions::code_actions(&request, range, &params.context.only));
        Ok(found.filter(|a| !a.is_empty()))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some((analysis, encoding, _)) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        let range = byte_range(&analysis, params.range, encoding);
        Ok(contained(|| hints::inlay_hints(&analysis, range, encoding)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let Some((analysis, encoding, _)) = self.analysis(&uri) else {
            return Ok(None);
        };
        Ok(contained(|| hints::code_lenses(&analysis, &uri, encoding)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((analysis, encoding, _)) = self.analysis(&p.text_document.uri) else {
            return Ok(None);
        };
        let offset = analysis.offset(p.position, encoding);
        Ok(contained(|| hover::hover(&analysis, offset, encoding)).flatten())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some((analysis, encoding, caps)) = self.analysis(&p.text_document.uri) else {
            return Ok(None);
        };
        let offset = analysis.offset(p.position, encoding);
        let items =
            contained(|| completion::completions(&analysis, offset, encoding, caps.snippets))
                .unwrap_or_default();
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((analysis, encoding, _)) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(contained(|| {
            DocumentSymbolResponse::Nested(symbols::document_symbols(&analysis, encoding))
        }))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some((analysis, _, _)) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(contained(|| symbols::folding_ranges(&analysis)))
    }

    #[allow(deprecated)] // `SymbolInformation::deprecated` must still be written.
    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let state = lock(&self.state);
        let encoding = state.encoding;
        let mut out = Vec::new();
        let mut open_paths = Vec::new();
        for uri in state.docs.uris() {
            let Some(doc) = state.docs.get(&uri) else {
                continue;
            };
            if let Some(path) = &doc.path {
                open_paths.push(path.clone());
            }
            let Some(analysis) = doc.analysis.as_ref().filter(|a| a.career) else {
                continue;
            };
            for e in &analysis.notes.experiences {
                if workspace::fuzzy_match(&params.query, &e.title) {
                    out.push(SymbolInformation {
                        name: e.title.clone(),
                        kind: SymbolKind::EVENT,
                        tags: None,
                        deprecated: None,
                        location: Location::new(
                            uri.clone(),
                            analysis.range(e.title_range.clone(), encoding),
                        ),
                        container_name: None,
                    });
                }
            }
        }
        for (path, experiences) in &state.index.files {
            if open_paths.contains(path) {
                continue;
            }
            let Some(uri) = Uri::from_file_path(path) else {
                continue;
            };
            for e in experiences
                .iter()
                .filter(|e| workspace::fuzzy_match(&params.query, &e.title))
            {
                let range = Range::new(
                    Position::new(e.start.0, e.start.1),
                    Position::new(e.end.0, e.end.1),
                );
                out.push(SymbolInformation {
                    name: e.title.clone(),
                    kind: SymbolKind::EVENT,
                    tags: None,
                    deprecated: None,
                    location: Location::new(uri.clone(), range),
                    container_name: None,
                });
            }
        }
        out.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then_with(|| a.location.uri.as_str().cmp(b.location.uri.as_str()))
        });
        out.truncate(1000);
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let uri = params
            .arguments
            .first()
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse::<Uri>().ok())
            .ok_or_else(|| {
                Error::invalid_params("the first argument must be the document's URI")
            })?;
        #[cfg(any(debug_assertions, fuzzing))]
        if params.command == hints::DEBUG_DOCUMENT_TEXT {
            let state = lock(&self.state);
            return Ok(state.docs.get(&uri).map(
                |doc| serde_json::json!({"version": doc.version, "text": doc.rope.to_string()}),
            ));
        }
        let Some((analysis, encoding, caps)) = self.analysis(&uri) else {
            return Err(Error::invalid_params(
                "that document is not open (or not analysed)",
            ));
        };
        match params.command.as_str() {
            hints::REPORT => {
                let sheet = crate::report::sheet(
                    uri.path().as_str(),
                    &analysis.notes,
                    &analysis.text,
                    &analysis.settings,
                );
                let markdown = if analysis.career {
                    crate::report::markdown(&[sheet])
                } else {
                    String::new()
                };
                Ok(Some(Value::String(markdown)))
            }
            hints::ADD_MISSING_PARTS => {
                let line = params.arguments.get(1).and_then(Value::as_u64);
                let insertions = contained(|| {
                    let notes = &analysis.notes;
                    match line {
                        Some(line) => notes
                            .experiences
                            .iter()
                            .position(|e| {
                                analysis.position(e.heading.start, encoding).line as u64 == line
                            })
                            .map(|i| {
                                crate::fixes::all_gaps(notes, &analysis.text, &analysis.settings, i)
                            })
                            .unwrap_or_default(),
                        None => crate::fixes::fix_all(
                            notes,
                            &analysis.text,
                            &analysis.settings,
                            analysis.findings(),
                        ),
                    }
                })
                .unwrap_or_default();
                if insertions.is_empty() {
                    return Ok(Some(Value::Bool(false)));
                }
                let edit = diagnostics::workspace_edit(
                    &analysis,
                    &uri,
                    &insertions,
                    encoding,
                    caps.document_changes,
                );
                // The request to the client runs in its own task: when this request is
                // cancelled, tower-lsp drops this future, and a wait for the client's answer
                // dropped with it makes tower-lsp panic once the answer comes.
                let client = self.client.clone();
                let request = tokio::spawn(async move {
                    client
                        .apply_edit(edit)
                        .await
                        .map(|r| r.applied)
                        .unwrap_or(false)
                });
                // A client that never answers holds one request slot, not forever.
                let applied = tokio::time::timeout(APPLY_EDIT_WAIT, request)
                    .await
                    .ok()
                    .and_then(|joined| joined.ok())
                    .unwrap_or(false);
                Ok(Some(Value::Bool(applied)))
            }
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }
}

/// How long `hindsight.addMissingParts` waits for the client to answer its
/// `workspace/applyEdit` before it answers `false` (the edit may still be applied).
const APPLY_EDIT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs a feature and contains a panic in it: logged, answered as "nothing".
fn contained<T>(f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(_) => {
            eprintln!("hindsight: a request handler panicked; answered with no result");
            None
        }
    }
}

fn report_settings_problems(outbox: &Outbox, errors: &[ConfigError]) {
    if let Some(first) = errors.first() {
        outbox.send(Effect::ShowMessage(
            MessageType::ERROR,
            format!("Hindsight settings: {}", first.message),
        ));
    }
}

fn spawn_pull_configuration(client: Client, state: Arc<Mutex<State>>, outbox: Outbox) {
    tokio::spawn(async move {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("hindsight".to_string()),
        };
        let Ok(mut values) = client.configuration(vec![item]).await else {
            return;
        };
        let value = values.pop().unwrap_or(Value::Null);
        let mut state = lock(&state);
        // An empty answer keeps what initializationOptions said.
        if !value.is_null() {
            state.configs.set_client_settings(value);
            let errors = state.configs.settings_errors.clone();
            report_settings_problems(&outbox, &errors);
        }
        refresh_all(&mut state, &outbox);
    });
}

fn spawn_workspace_scan(state: Arc<Mutex<State>>, outbox: Outbox) {
    let roots = lock(&state).configs.roots.clone();
    if roots.is_empty() {
        return;
    }
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut files = Vec::new();
        for root in &roots {
            files.extend(workspace::scan_candidates(root));
        }
        let candidates = files.len();
        index_files(&state, &outbox, files);
        let indexed = lock(&state).index.files.len();
        eprintln!(
            "hindsight: workspace indexed: {indexed} career-notes files of {candidates} Markdown files in {} ms",
            started.elapsed().as_millis()
        );
    });
}

fn spawn_index_files(state: Arc<Mutex<State>>, outbox: Outbox, files: Vec<PathBuf>) {
    tokio::task::spawn_blocking(move || index_files(&state, &outbox, files));
}

/// Indexes files off the keystroke path: the lock is taken only to look up settings and to
/// store each result. A config file read here for the first time has its problems reported,
/// as when a document's analysis reads it. Only files inside the workspace folders (symlinks
/// resolved) are read: a watched-file event may name any path.
fn index_files(state: &Mutex<State>, outbox: &Outbox, files: Vec<PathBuf>) {
    for path in files {
        let (settings, include, encoding) = {
            let mut s = lock(state);
            if !s.configs.inside_workspace(&path) {
                s.index.files.remove(&path);
                eprintln!(
                    "hindsight: not indexed (outside the workspace folders): {}",
                    path.display()
                );
                continue;
            }
            let resolved = s.configs.resolve(Some(&path));
            if resolved.freshly_read
                && let Some(file) = &resolved.file
            {
                report_config_problems(outbox, file, s.configs.file_errors(file));
            }
            let include = workspace::career_by_path(Some(&path), &resolved, "");
            (resolved.settings, include, s.encoding)
        };
        let entry = workspace::index_file(&path, &settings, include, encoding);
        let mut s = lock(state);
        match entry {
            Some(experiences) => {
                s.index.files.insert(path, experiences);
            }
            None => {
                s.index.files.remove(&path);
            }
        }
    }
}
