//! Findings as LSP diagnostics (published or pulled), and edits as LSP workspace edits.

use serde_json::json;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, DocumentChanges, DocumentDiagnosticReport,
    FullDocumentDiagnosticReport, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    TextDocumentEdit, TextEdit, UnchangedDocumentDiagnosticReport, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::state::Snapshot;
use crate::fixes::Insertion;
use crate::kinds::Severity;
use crate::rules::Finding;

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostic of one finding. `data` carries what the quick fix needs: the experience's
/// heading line and the document version.
pub fn diagnostic(analysis: &Analysis, finding: &Finding) -> Diagnostic {
    let experience_line = experience_line(analysis, finding);
    Diagnostic {
        range: analysis.range(finding.range.clone()),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.code().to_string())),
        source: Some("hindsight".to_string()),
        message: finding.message.clone(),
        data: Some(json!({"experience_line": experience_line, "version": analysis.version})),
        ..Diagnostic::default()
    }
}

/// The line of the heading of the finding's experience.
fn experience_line(analysis: &Analysis, finding: &Finding) -> Option<u32> {
    finding
        .experience
        .and_then(|i| analysis.notes.experiences.get(i))
        .map(|e| analysis.position(e.heading.start).line)
}

/// An analysis's diagnostics, serialized straight from its findings: the same JSON as
/// [`diagnostics`] gives, without building a `Diagnostic` (and its `data` map) for each.
pub struct Published<'a>(pub &'a Analysis);

#[derive(serde::Serialize)]
struct PublishedDiagnostic<'a> {
    range: tower_lsp_server::ls_types::Range,
    severity: DiagnosticSeverity,
    code: &'static str,
    source: &'static str,
    message: &'a str,
    data: PublishedData,
}

#[derive(serde::Serialize)]
struct PublishedData {
    experience_line: Option<u32>,
    version: i32,
}

impl serde::Serialize for Published<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let analysis = self.0;
        let findings = analysis.findings();
        let mut seq = serializer.serialize_seq(Some(findings.len()))?;
        for finding in findings {
            seq.serialize_element(&PublishedDiagnostic {
                range: analysis.range(finding.range.clone()),
                severity: severity(finding.severity),
                code: finding.code.code(),
                source: "hindsight",
                message: &finding.message,
                data: PublishedData {
                    experience_line: experience_line(analysis, finding),
                    version: analysis.version,
                },
            })?;
        }
        seq.end()
    }
}

/// The answer to a pull (`textDocument/diagnostic`): `unchanged` when the client holds the
/// result of this analysis already; an empty report for a document not open or not analysed.
pub fn pulled(snapshot: Option<&Snapshot>, previous: Option<String>) -> DocumentDiagnosticReport {
    let Some(snapshot) = snapshot else {
        return DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default());
    };
    let result_id = snapshot.analysis.id.to_string();
    if previous.as_deref() == Some(result_id.as_str()) {
        return DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        });
    }
    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport {
            result_id: Some(result_id),
            items: diagnostics(&snapshot.analysis),
        },
    })
}

pub fn diagnostics(analysis: &Analysis) -> Vec<Diagnostic> {
    analysis
        .findings()
        .iter()
        .map(|f| diagnostic(analysis, f))
        .collect()
}

/// A workspace edit of insertions, versioned when the client supports `documentChanges`
/// (a stale edit is then refused by the client instead of corrupting the note).
pub fn workspace_edit(
    analysis: &Analysis,
    uri: &Uri,
    insertions: &[Insertion],
    versioned: bool,
) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = insertions
        .iter()
        .map(|ins| {
            let at = analysis.position(ins.offset);
            TextEdit {
                range: tower_lsp_server::ls_types::Range::new(at, at),
                new_text: ins.text.clone(),
            }
        })
        .collect();
    if versioned {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(analysis.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::server::position::Encoding;

    #[test]
    fn published_findings_are_the_diagnostics() {
        let text = "---\nhindsight: true\n---\n# Notes 🗒️\n\n## Billing move\n\nAction: we moved it.\nResult: it went well.\n\n## Hiring\n\n- **Rubric** — I rewrote it.\n  - Result: 2 weeks faster.\n\n## Billing move\n\nLesson: ask early.\n";
        let rope = ropey::Rope::from_str(text);
        let mut reuse = crate::notes::Reuse::default();
        let settings = Arc::new(crate::Settings::default());
        let analysis =
            crate::server::analysis::run(&rope, 7, true, settings, Encoding::Utf16, &mut reuse)
                .expect("analysed");
        assert!(analysis.findings().len() > 3, "{:?}", analysis.findings());
        let built = serde_json::to_value(diagnostics(&analysis)).expect("built");
        let published = serde_json::to_value(Published(&analysis)).expect("published");
        assert_eq!(built, published);
    }
}
