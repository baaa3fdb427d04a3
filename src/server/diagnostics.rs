//! Findings as LSP diagnostics (published or pulled), and edits as LSP workspace edits.

use std::sync::Arc;

use serde_json::json;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, DocumentChanges, DocumentDiagnosticReport,
    FullDocumentDiagnosticReport, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    TextDocumentEdit, TextEdit, UnchangedDocumentDiagnosticReport, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::framing::Encoded;
use super::position::Encoding;
use super::state::Snapshot;
use crate::fixes::Insertion;
use crate::kinds::{RuleCode, Severity};
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
    experience_heading(analysis, finding).map(|at| analysis.position(at).line)
}

/// Where the heading of the finding's experience starts.
fn experience_heading(analysis: &Analysis, finding: &Finding) -> Option<usize> {
    finding
        .experience
        .and_then(|i| analysis.notes.experiences.get(i))
        .map(|e| e.heading.start)
}

/// What one publication of a document wrote: its frame, and what each diagnostic in it was
/// written from. The next publication copies the JSON of every diagnostic whose finding and
/// positions did not change — after a keystroke, all but the few the edit touched.
pub struct Written {
    frame: Arc<Encoded>,
    from: Unframed,
}

/// What [`write_published_after`] wrote, before the frame around it is done.
pub struct Unframed {
    text: Arc<String>,
    bom: bool,
    encoding: Encoding,
    line_count: usize,
    entries: Vec<WrittenEntry>,
}

impl Unframed {
    /// `frame`: the buffer the JSON was written into, not moved since.
    pub fn in_frame(self, frame: Arc<Encoded>) -> Written {
        Written { frame, from: self }
    }
}

struct WrittenEntry {
    range: std::ops::Range<usize>,
    code: RuleCode,
    severity: Severity,
    message: Arc<str>,
    /// Where the finding's experience heading starts (its line is in the JSON).
    heading: Option<usize>,
    /// Where in the frame's bytes its JSON is, from `{` to `"version":` inclusive.
    json: std::ops::Range<usize>,
}

/// Where an earlier publication's offsets still give the same client positions in this text:
/// before `prefix` (the bytes up to and including the offset are unchanged), or from
/// `moved_from` on (a line start after the edit, with as many lines before it as then).
struct Stable {
    prefix: usize,
    moved_from: usize,
    /// This text's length minus the earlier one's.
    delta: isize,
}

impl Stable {
    fn between(earlier: &Unframed, analysis: &Analysis) -> Option<Stable> {
        if earlier.bom != analysis.bom || earlier.encoding != analysis.encoding() {
            return None;
        }
        let unchanged = crate::blocks::Unchanged::between(&earlier.text, &analysis.text);
        let (old_len, new_len) = unchanged.lengths();
        let changed_end = new_len - unchanged.suffix();
        let moved_from = if earlier.line_count == analysis.line_count() {
            analysis.first_line_start_after(changed_end)
        } else {
            usize::MAX
        };
        let delta = isize::try_from(new_len).ok()? - isize::try_from(old_len).ok()?;
        Some(Stable {
            prefix: unchanged.prefix(),
            moved_from,
            delta,
        })
    }

    /// The earlier offset that gives the same position as `offset` gives now.
    fn earlier(&self, offset: usize) -> Option<usize> {
        if offset < self.prefix {
            Some(offset)
        } else if offset >= self.moved_from {
            offset.checked_add_signed(-self.delta)
        } else {
            None
        }
    }
}

/// Writes an analysis's diagnostics as a JSON array: the same JSON as [`diagnostics`] gives,
/// written straight from the findings (through serde every key was escaped and every `data`
/// map built, a tenth of a keystroke's time at 1 MB). The JSON of each diagnostic that
/// `earlier` wrote and that did not change is copied; what this publication wrote is returned
/// for the next one.
pub fn write_published_after(
    analysis: &Analysis,
    earlier: Option<&Written>,
    out: &mut Vec<u8>,
) -> Unframed {
    let findings = analysis.findings();
    let stable = earlier.and_then(|e| Stable::between(&e.from, analysis).map(|s| (e, s)));
    let mut version = itoa::Buffer::new();
    let version = version.format(analysis.version).as_bytes();
    let mut numbers = itoa::Buffer::new();
    let mut number =
        |out: &mut Vec<u8>, n: u32| out.extend_from_slice(numbers.format(n).as_bytes());
    let mut unframed = Unframed {
        text: Arc::clone(&analysis.text),
        bom: analysis.bom,
        encoding: analysis.encoding(),
        line_count: analysis.line_count(),
        entries: Vec::with_capacity(findings.len()),
    };
    let mut next_earlier = 0;
    out.push(b'[');
    for (i, finding) in findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let heading = experience_heading(analysis, finding);
        let kept = stable.as_ref().and_then(|(earlier, stable)| {
            let entries = &earlier.from.entries;
            let start = stable.earlier(finding.range.start)?;
            let end = stable.earlier(finding.range.end)?;
            let heading = match heading {
                Some(h) => Some(stable.earlier(h)?),
                None => None,
            };
            while entries
                .get(next_earlier)
                .is_some_and(|e| e.range.start < start)
            {
                next_earlier += 1;
            }
            entries
                .get(next_earlier..)?
                .iter()
                .take_while(|e| e.range.start == start)
                .find(|e| {
                    e.range.end == end
                        && e.code == finding.code
                        && e.severity == finding.severity
                        && e.heading == heading
                        && (Arc::ptr_eq(&e.message, &finding.message)
                            || e.message == finding.message)
                })
                .and_then(|e| earlier.frame.bytes.get(e.json.clone()))
        });
        let from = out.len();
        match kept {
            Some(json) => out.extend_from_slice(json),
            None => write_diagnostic(analysis, finding, heading, &mut number, out),
        }
        let json = from..out.len();
        out.extend_from_slice(version);
        out.extend_from_slice(b"}}");
        unframed.entries.push(WrittenEntry {
            range: finding.range.clone(),
            code: finding.code,
            severity: finding.severity,
            message: Arc::clone(&finding.message),
            heading,
            json,
        });
    }
    out.push(b']');
    unframed
}

/// One diagnostic's JSON up to its version: `{"range":…,"data":{…,"version":`.
fn write_diagnostic(
    analysis: &Analysis,
    finding: &Finding,
    heading: Option<usize>,
    number: &mut impl FnMut(&mut Vec<u8>, u32),
    out: &mut Vec<u8>,
) {
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
    match heading {
        Some(at) => number(out, analysis.position(at).line),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(br#","version":"#);
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
    if unchanged_since(&snapshot.analysis, previous.as_deref()) {
        let result_id = snapshot.analysis.id.to_string();
        return DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        });
    }
    full_report(&snapshot.analysis)
}

/// Whether a client that holds the report `previous` holds this analysis's (its `resultId`).
pub fn unchanged_since(analysis: &Analysis, previous: Option<&str>) -> bool {
    previous == Some(analysis.id.to_string().as_str())
}

/// The full report of an analysis, as the library's handler answers a pull with it (the message
/// loop writes the same by hand: `outbox::pulled_report`).
pub fn full_report(analysis: &Analysis) -> DocumentDiagnosticReport {
    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport {
            result_id: Some(analysis.id.to_string()),
            items: diagnostics(analysis),
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
    // Anchored inside the last line rather than past it: Neovim appends lines of its own for
    // an edit past the last line end, and leaves an empty one behind.
    let edits: Vec<TextEdit> = crate::fixes::anchored_inside(&analysis.text, insertions)
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
        write_published_after(&analysis, None, &mut written);
        let published: serde_json::Value = serde_json::from_slice(&written).expect("published");
        assert_eq!(built, published);
    }

    /// A publication written on its own, and what the next one copies from.
    fn publish(analysis: &Analysis, earlier: Option<&Written>) -> (Vec<u8>, Written) {
        let mut out = Vec::new();
        let unframed = write_published_after(analysis, earlier, &mut out);
        let written = unframed.in_frame(Arc::new(Encoded::from(out.clone())));
        (out, written)
    }

    /// A publication that copies an earlier one's JSON, and the same written afresh.
    fn after_and_afresh(earlier: &Written, analysis: &Analysis) -> (Vec<u8>, Vec<u8>, Written) {
        let (after, written) = publish(analysis, Some(earlier));
        let (afresh, _) = publish(analysis, None);
        (after, afresh, written)
    }

    #[test]
    fn an_unchanged_diagnostic_is_copied_and_a_moved_one_rewritten() {
        let text = "---\nhindsight: true\n---\n# Notes\n\n## Billing\n\nAction: we moved it.\n\n## Hiring 🧑\n\nAction: I hired.\n";
        let earlier = crate::server::analysis::of_career_note(text, 1);
        let (first, written) = publish(&earlier, None);
        assert!(
            written.from.entries.len() >= 4,
            "{}",
            String::from_utf8_lossy(&first)
        );
        // A character typed in the first experience's action; a line added before the second.
        for edited in [
            text.replacen("we moved", "we xmoved", 1),
            text.replacen("## Hiring", "\n## Hiring", 1),
            text.replacen("# Notes", "# Nötes", 1),
            text.replacen("## Hiring 🧑", "## Hiring 🧑🧑", 1),
        ] {
            let analysis = crate::server::analysis::of_career_note(&edited, 2);
            let (after, afresh, _) = after_and_afresh(&written, &analysis);
            assert_eq!(
                String::from_utf8_lossy(&after),
                String::from_utf8_lossy(&afresh)
            );
        }
        let mut same = crate::server::analysis::of_career_note(text, 2);
        let (after, afresh, _) = after_and_afresh(&written, &same);
        assert_eq!(after, afresh);
        assert!(after != first, "the version is written anew");
        // A finding that stays in place but belongs to another experience now: its data
        // names the other heading's line.
        let last = same.notes.experiences.len() - 1;
        same.findings[0].experience = Some(last);
        let (after, afresh, _) = after_and_afresh(&written, &same);
        assert_eq!(
            String::from_utf8_lossy(&after),
            String::from_utf8_lossy(&afresh)
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Edit after edit, a publication that copies the one before is the one written
        /// afresh, byte for byte.
        #[test]
        fn a_copied_publication_is_the_one_written_afresh(
            fixture in 0..3usize,
            edits in proptest::collection::vec(
                (0.0..1.0f64, 0..8usize, "(x|é|😀|\n|\r\n| |## |Result: |\\*\\*|-){0,3}"),
                1..6,
            ),
        ) {
            let mut text = [
                include_str!("../../tests/fixtures/corpus/01-backend-engineer.career.md"),
                include_str!("../../tests/fixtures/corpus/03-history-teacher-crlf.career.md"),
                include_str!("../../tests/fixtures/corpus/07-lab-scientist-unicode.career.md"),
            ][fixture]
                .to_string();
            let first = crate::server::analysis::of_career_note(&text, 1);
            let (_, mut written) = publish(&first, None);
            for (n, (at, removed, inserted)) in edits.into_iter().enumerate() {
                let mut start = ((text.len() as f64) * at) as usize;
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + removed).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(start..end, &inserted);
                let version = i32::try_from(n).unwrap_or(0) + 2;
                let analysis = crate::server::analysis::of_career_note(&text, version);
                let (after, afresh, next) = after_and_afresh(&written, &analysis);
                proptest::prop_assert_eq!(
                    String::from_utf8_lossy(&after),
                    String::from_utf8_lossy(&afresh)
                );
                written = next;
            }
        }
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
