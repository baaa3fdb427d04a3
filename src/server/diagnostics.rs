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
        message: finding.message.to_string(),
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

/// Writes an analysis's diagnostics as a JSON array: the same JSON as [`diagnostics`] gives,
/// written straight from the findings. A long note's publication is thousands of diagnostics
/// per keystroke; through serde every key was escaped and every `data` map built, a tenth of
/// the keystroke's time at 1 MB.
pub fn write_published(analysis: &Analysis, out: &mut Vec<u8>) {
    let mut version = itoa::Buffer::new();
    let version = version.format(analysis.version).as_bytes();
    let mut numbers = itoa::Buffer::new();
    let mut number =
        |out: &mut Vec<u8>, n: u32| out.extend_from_slice(numbers.format(n).as_bytes());
    out.push(b'[');
    for (i, finding) in analysis.findings().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let range = analysis.range(finding.range.clone());
        out.extend_from_slice(br#"{"range":{"start":{"line":"#);
        number(out, range.start.line);
        out.extend_from_slice(br#","character":"#);
        number(out, range.start.character);
        out.extend_from_slice(br#"},"end":{"line":"#);
        number(out, range.end.line);
        out.extend_from_slice(br#","character":"#);
        number(out, range.end.character);
        out.extend_from_slice(br#"}},"severity":"#);
        // Writing into a Vec cannot fail; the number is `severity`'s, as the client reads it.
        let _ = serde_json::to_writer(&mut *out, &severity(finding.severity));
        out.extend_from_slice(br#","code":"#);
        write_string(out, finding.code.code());
        out.extend_from_slice(br#","source":"hindsight","message":"#);
        write_string(out, &finding.message);
        out.extend_from_slice(br#","data":{"experience_line":"#);
        match experience_line(analysis, finding) {
            Some(line) => number(out, line),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(br#","version":"#);
        out.extend_from_slice(version);
        out.extend_from_slice(b"}}");
    }
    out.push(b']');
}

/// A JSON string, escaped as serde_json escapes it. Messages quote titles, so quotes are
/// common: they and backslashes are escaped here, run by run; a string with a control
/// character (rare) is left to serde_json.
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    // Not short-circuiting: the compiler checks many bytes at once.
    let has_control = s.bytes().fold(false, |any, b| any | (b < 0x20));
    if has_control {
        // Writing into a Vec cannot fail, nor can serializing a str.
        let _ = serde_json::to_writer(&mut *out, s);
        return;
    }
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    for at in memchr::memchr2_iter(b'"', b'\\', bytes) {
        out.extend_from_slice(bytes.get(copied..at).unwrap_or_default());
        out.push(b'\\');
        copied = at; // the quote or backslash itself goes with the next run
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    out.push(b'"');
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
    use super::*;

    #[test]
    fn published_findings_are_the_diagnostics() {
        let text = "---\nhindsight: true\n---\n# Notes 🗒️\n\n## Billing move\n\nAction: we moved it.\nResult: it went well.\n\n## Hiring\n\n- **Rubric** — I rewrote it.\n  - Result: 2 weeks faster.\n\n## Billing move\n\nLesson: ask early.\n";
        let analysis = crate::server::analysis::of_career_note(text, 7);
        assert!(analysis.findings().len() > 3, "{:?}", analysis.findings());
        let built = serde_json::to_value(diagnostics(&analysis)).expect("built");
        let mut written = Vec::new();
        write_published(&analysis, &mut written);
        let published: serde_json::Value = serde_json::from_slice(&written).expect("published");
        assert_eq!(built, published);
    }

    #[test]
    fn strings_are_escaped_when_they_need_it() {
        for s in [
            "",
            "plain text",
            "a \"quoted\" title",
            "back\\slash",
            "\"\\\"\\",
            "end\"",
            "\u{7f} del",
            "tab\there",
            "line\nbreak",
            "\u{1}",
            "é — “curly”",
        ] {
            let mut out = Vec::new();
            write_string(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).expect("serialized"), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(
            s in r#"[a"\\\n\t\x01\x7fé😀 ]{0,30}|(?s).{0,30}"#
        ) {
            let mut out = Vec::new();
            write_string(&mut out, &s);
            proptest::prop_assert_eq!(out, serde_json::to_vec(&s).expect("serialized"));
        }
    }
}
