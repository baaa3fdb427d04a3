//! The dispatch table: each LSP method, mapped to the state change or the feature module that
//! answers it. Handlers stay thin; a panic in one is contained where messages are dispatched
//! (`server::dispatch`).

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::outbox::{Outbox, Outgoing};
use super::state::{Shared, Snapshot};
use super::{actions, commands, completion, diagnostics, hints, hover, symbols};

pub struct Backend {
    shared: Shared,
}

impl Backend {
    pub fn new(client: Client, outgoing: Arc<Outgoing>) -> Backend {
        Backend {
            shared: Shared::new(Outbox::new(client, outgoing)),
        }
    }

    /// Called by the message loop when no message is waiting (see `Shared::analyse_pending`).
    pub fn analyse_pending(&self) {
        self.shared.analyse_pending();
    }

    /// Called by the message loop for `textDocument/diagnostic` (see `Shared::answer_pull`).
    pub fn answer_pull(
        &self,
        id: &tower_lsp_server::jsonrpc::Id,
        params: &DocumentDiagnosticParams,
    ) -> bool {
        self.shared.answer_pull(id, params)
    }

    fn snapshot(&self, document: &TextDocumentIdentifier) -> Option<Snapshot> {
        self.shared.snapshot(&document.uri)
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(self.shared.initialize(params))
    }

    async fn initialized(&self, _: InitializedParams) {
        self.shared.initialized();
    }

    async fn shutdown(&self) -> Result<()> {
        // The exit code is decided by the message loop, which sees `shutdown` and `exit`.
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.shared.open(params.text_document);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.shared.change(params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let path = params.text_document.uri.path();
        if path.as_str().ends_with(crate::config::FILE_NAME) {
            self.shared.config_files_changed();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.shared.close(&params.text_document.uri);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.shared.settings_changed(params.settings);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.shared.files_changed(&params.changes);
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let snapshot = self.snapshot(&params.text_document);
        let report = diagnostics::pulled(snapshot.as_ref(), params.previous_result_id);
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(s) = self.snapshot(&params.text_document) else {
            return Ok(None);
        };
        let range = s.analysis.byte_range(params.range);
        let request = actions::Request {
            analysis: &s.analysis,
            uri: &params.text_document.uri,
            versioned: s.caps.document_changes,
        };
        let found = actions::code_actions(&request, range, &params.context.only);
        Ok((!found.is_empty()).then_some(found))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(s) = self.snapshot(&params.text_document) else {
            return Ok(None);
        };
        let range = s.analysis.byte_range(params.range);
        Ok(Some(hints::inlay_hints(&s.analysis, range)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(s) = self.snapshot(&params.text_document) else {
            return Ok(None);
        };
        let uri = &params.text_document.uri;
        let coverage = s.analysis.career.then(|| {
            self.shared
                .questions_covered(&s.analysis.settings.questions)
        });
        Ok(Some(hints::code_lenses(&s.analysis, uri, coverage)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(s) = self.snapshot(&p.text_document) else {
            return Ok(None);
        };
        let offset = s.analysis.offset(p.position);
        Ok(hover::hover(&s.analysis, offset))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(s) = self.snapshot(&p.text_document) else {
            return Ok(None);
        };
        let offset = s.analysis.offset(p.position);
        let items = completion::completions(&s.analysis, offset, s.caps.snippets);
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(s) = self.snapshot(&params.text_document) else {
            return Ok(None);
        };
        let found = symbols::document_symbols(&s.analysis);
        Ok(Some(DocumentSymbolResponse::Nested(found)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(s) = self.snapshot(&params.text_document) else {
            return Ok(None);
        };
        Ok(Some(symbols::folding_ranges(&s.analysis)))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let found = self.shared.workspace_symbols(&params.query);
        Ok(Some(WorkspaceSymbolResponse::Flat(found)))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        commands::execute(&self.shared, params).await
    }
}
