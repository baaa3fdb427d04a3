//! `workspace/executeCommand`: the interview sheet of a document (Markdown, or HTML when the
//! second argument is `"html"`), and the code lens's "add the missing parts", which asks the
//! client to apply the same edit as the matching code action.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, Uri};

use super::state::{Shared, Snapshot};
use super::{actions, diagnostics, hints};

/// How long `hindsight.addMissingParts` waits for the client to answer its
/// `workspace/applyEdit` before it answers `false` (the edit may still be applied).
const APPLY_EDIT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

pub async fn execute(shared: &Shared, params: ExecuteCommandParams) -> Result<Option<Value>> {
    // Tests make a handler panic through this (debug builds only; see `test_panic_hook`).
    crate::test_panic_hook(&params.command);
    let uri = params
        .arguments
        .first()
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse::<Uri>().ok())
        .ok_or_else(|| Error::invalid_params("the first argument must be the document's URI"))?;
    #[cfg(any(debug_assertions, fuzzing))]
    if params.command == hints::DEBUG_DOCUMENT_TEXT {
        return Ok(shared
            .document_text(&uri)
            .map(|(version, text)| serde_json::json!({"version": version, "text": text})));
    }
    let Some(snapshot) = shared.snapshot(&uri) else {
        return Err(Error::invalid_params(
            "that document is not open (or not analysed)",
        ));
    };
    match params.command.as_str() {
        hints::REPORT | hints::SHOW_REPORT => {
            let html = params.arguments.get(1).and_then(Value::as_str) == Some("html");
            Ok(Some(Value::String(report(shared, &snapshot, &uri, html))))
        }
        hints::ADD_MISSING_PARTS => {
            let line = params.arguments.get(1).and_then(Value::as_u64);
            let applied = add_missing_parts(shared, &snapshot, &uri, line).await;
            Ok(Some(Value::Bool(applied)))
        }
        other => Err(Error::invalid_params(format!("unknown command {other}"))),
    }
}

/// The interview sheet of one document, with the story bank of the whole workspace, as
/// Markdown or HTML (empty for a document that is not career notes).
fn report(shared: &Shared, snapshot: &Snapshot, uri: &Uri, html: bool) -> String {
    let analysis = &snapshot.analysis;
    if !analysis.career {
        return String::new();
    }
    let sheet = crate::report::sheet(
        uri.path().as_str(),
        &analysis.notes,
        &analysis.text,
        &analysis.settings,
    );
    let coverage = shared.story_bank(&analysis.settings.questions);
    let report = crate::report::Report::with_coverage(vec![sheet], coverage);
    if html {
        crate::report::html(&report)
    } else {
        crate::report::markdown(&report)
    }
}

/// Adds the missing parts of the experience whose heading is on `line`, or of the whole
/// file; `true` once the client says it applied the edit.
async fn add_missing_parts(
    shared: &Shared,
    snapshot: &Snapshot,
    uri: &Uri,
    line: Option<u64>,
) -> bool {
    let analysis = &snapshot.analysis;
    let experience = match line {
        Some(line) => analysis
            .notes
            .experiences
            .iter()
            .position(|e| u64::from(analysis.position(e.heading.start).line) == line),
        None => None,
    };
    if line.is_some() && experience.is_none() {
        return false;
    }
    let insertions = actions::missing_parts(analysis, experience);
    if insertions.is_empty() {
        return false;
    }
    let edit =
        diagnostics::workspace_edit(analysis, uri, &insertions, snapshot.caps.document_changes);
    // The request to the client runs in its own task: when this request is cancelled, its
    // future is dropped, and a wait for the client's answer dropped with it would leave the
    // library's pending-request entry behind.
    let client = shared.client().clone();
    let request = tokio::spawn(async move {
        client
            .apply_edit(edit)
            .await
            .map(|r| r.applied)
            .unwrap_or(false)
    });
    // A client that never answers holds one request, not forever.
    tokio::time::timeout(APPLY_EDIT_WAIT, request)
        .await
        .ok()
        .and_then(|joined| joined.ok())
        .unwrap_or(false)
}
