//! What the client can do (read once from `initialize`) and what we tell it we do.

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use super::actions::{FIX_ALL_KIND, NEW_EXPERIENCE_KIND};
use super::documents::file_path;
use super::hints;
use super::position::Encoding;

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

impl ClientCaps {
    pub fn read(caps: &ClientCapabilities) -> ClientCaps {
        let text = caps.text_document.as_ref();
        let ws = caps.workspace.as_ref();
        ClientCaps {
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
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
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
        }
    }
}

/// The position encoding both sides use: UTF-8 when the client offers it, else UTF-16 (the
/// LSP default).
pub fn encoding(caps: &ClientCapabilities) -> Encoding {
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    negotiate(offered)
}

fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// The workspace folders to read, as local paths (the deprecated `rootUri` when none).
pub fn roots(params: &InitializeParams) -> Vec<PathBuf> {
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
    roots
}

pub fn initialize_result(encoding: Encoding, caps: ClientCaps) -> InitializeResult {
    InitializeResult {
        server_info: Some(ServerInfo {
            name: "hindsight".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        capabilities: server_capabilities(encoding, caps),
        offset_encoding: None,
    }
}

fn server_capabilities(encoding: Encoding, caps: ClientCaps) -> ServerCapabilities {
    let diagnostic_provider = caps.pull_diagnostics.then(|| {
        DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("hindsight".to_string()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })
    });
    ServerCapabilities {
        position_encoding: Some(encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR,
                CodeActionKind::new(FIX_ALL_KIND),
                CodeActionKind::new(NEW_EXPERIENCE_KIND),
            ]),
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
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
    }
}

/// The file watchers we register when the client lets us: notes and config files.
pub fn watchers() -> Registration {
    let watchers = ["**/*.md", "**/*.markdown", "**/.hindsight.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    Registration {
        id: "hindsight-watch".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(negotiate(None), Encoding::Utf16);
    }
}
