//! Inline hints and code lenses: what each experience still lacks, at a glance.

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeLens, Command, InlayHint, InlayHintLabel, InlayHintTooltip, Uri,
};

use super::analysis::Analysis;
use crate::gaps::Gap;
use crate::kinds::PartKind;

pub const ADD_MISSING_PARTS: &str = "hindsight.addMissingParts";
pub const REPORT: &str = "hindsight.report";
/// The lens over the document's title. A client command in the editor extensions (it shows
/// the report); not announced in `executeCommandProvider`, so that VS Code's client does not
/// claim the name, but answered like [`REPORT`] for clients without one.
pub const SHOW_REPORT: &str = "hindsight.showReport";
/// Debug and fuzz builds only (not advertised, absent from release builds): answers the
/// server's text and version of the document named by the first argument (`null` when it is
/// not open), so tests and fuzzers can check that the client's and the server's texts agree.
#[cfg(any(debug_assertions, fuzzing))]
pub const DEBUG_DOCUMENT_TEXT: &str = "hindsight.debug.documentText";

/// The gaps of an experience (the one answer every view gives; see [`crate::gaps`]).
pub fn gaps(analysis: &Analysis, experience: usize) -> Vec<Gap> {
    crate::gaps::gaps(&analysis.notes, &analysis.settings, experience)
}

/// The hint text: `result · lesson missing`, or a check mark.
pub fn label(kinds: &[PartKind]) -> String {
    if kinds.is_empty() {
        "✓ complete".to_string()
    } else {
        let names: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
        format!("{} missing", names.join(" · "))
    }
}

/// Where a heading's hint goes: the end of its title line.
fn hint_offset(analysis: &Analysis, experience: usize) -> usize {
    let Some(e) = analysis.notes.experiences.get(experience) else {
        return 0;
    };
    let block = analysis.text.get(e.heading.clone()).unwrap_or("");
    if block.contains(['\n', '\r']) {
        e.title_range.end
    } else {
        e.heading.end
    }
}

pub fn inlay_hints(analysis: &Analysis, visible: std::ops::Range<usize>) -> Vec<InlayHint> {
    if !analysis.career || !analysis.settings.inlay_hints() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, e) in analysis.notes.experiences.iter().enumerate() {
        if e.heading.end < visible.start || e.heading.start > visible.end {
            continue;
        }
        let kinds = crate::gaps::kinds(&gaps(analysis, i));
        let tooltip = kinds
            .iter()
            .map(|k| {
                format!(
                    "{}: {}",
                    k.canonical_label(),
                    analysis.settings.prompts.get(*k)
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.push(InlayHint {
            position: analysis.position(hint_offset(analysis, i)),
            label: InlayHintLabel::String(label(&kinds)),
            kind: None,
            text_edits: None,
            tooltip: (!tooltip.is_empty()).then_some(InlayHintTooltip::String(tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    out
}

/// A lens per experience with something to add, and one over the document's title that says
/// how many interview questions the workspace's stories answer (`coverage`).
pub fn code_lenses(analysis: &Analysis, uri: &Uri, coverage: Option<String>) -> Vec<CodeLens> {
    if !analysis.career {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(summary) = coverage {
        let title = analysis
            .notes
            .headings
            .first()
            .map_or(0..0, |h| h.title.clone());
        out.push(CodeLens {
            range: analysis.range(title),
            command: Some(Command {
                title: summary,
                command: SHOW_REPORT.to_string(),
                arguments: Some(vec![json!(uri)]),
            }),
            data: None,
        });
    }
    for (i, e) in analysis.notes.experiences.iter().enumerate() {
        let gaps = gaps(analysis, i);
        let Some(title) = lens_title(&gaps) else {
            continue;
        };
        let range = analysis.range(e.title_range.clone());
        out.push(CodeLens {
            range,
            command: Some(Command {
                title,
                command: ADD_MISSING_PARTS.to_string(),
                arguments: Some(vec![json!(uri), json!(range.start.line)]),
            }),
            data: None,
        });
    }
    out
}

/// The lens over an experience: what is missing, as the hint counts it, and what running it
/// adds. No lens when nothing can be added (every missing part already holds its prompt).
pub fn lens_title(gaps: &[Gap]) -> Option<String> {
    let fixable = gaps.iter().filter(|g| g.fixable()).count();
    if fixable == 0 {
        return None;
    }
    let missing = match gaps {
        [gap] => format!("{} missing", gap.kind.canonical_label()),
        _ => format!("{} parts missing", gaps.len()),
    };
    let add = if fixable == gaps.len() {
        if gaps.len() == 1 {
            "add it"
        } else {
            "add them"
        }
        .to_string()
    } else if fixable == 1 {
        "add 1 prompt".to_string()
    } else {
        format!("add {fixable} prompts")
    };
    Some(format!("{missing} — {add}"))
}
