//! Document symbols (experiences and their parts) and folding ranges.

use tower_lsp_server::ls_types::{DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind};

use super::analysis::Analysis;
use super::position::Encoding;
use crate::kinds::PartState;

/// End of the last non-blank text in `start..end`.
fn content_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start);
    text.get(start..end)
        .map_or(end, |slice| start + slice.trim_end().len())
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbols(analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    if !analysis.career {
        return Vec::new();
    }
    let text = &analysis.text;
    analysis
        .notes
        .experiences
        .iter()
        .map(|e| {
            let stated = crate::kinds::PartKind::ALL
                .iter()
                .filter(|k| e.state(**k) == PartState::Stated)
                .count();
            let children = e
                .parts
                .iter()
                .map(|p| {
                    let end = content_end(text, p.label.end, p.body.end).max(p.label.end);
                    DocumentSymbol {
                        name: p.kind.canonical_label().to_string(),
                        detail: Some(p.state.key().to_string()),
                        kind: SymbolKind::FIELD,
                        tags: None,
                        deprecated: None,
                        range: analysis.range(
                            p.label.start.min(p.line_start.max(p.label.start))..end,
                            encoding,
                        ),
                        selection_range: analysis.range(p.label.clone(), encoding),
                        children: None,
                    }
                })
                .collect();
            let end = content_end(text, e.heading.start, e.section.end);
            DocumentSymbol {
                name: if e.title.is_empty() {
                    "(untitled)".to_string()
                } else {
                    e.title.clone()
                },
                detail: Some(format!("{stated}/5 parts")),
                kind: SymbolKind::EVENT,
                tags: None,
                deprecated: None,
                range: analysis.range(e.heading.start..end, encoding),
                selection_range: analysis.range(e.title_range.clone(), encoding),
                children: Some(children),
            }
        })
        .collect()
}

pub fn folding_ranges(analysis: &Analysis) -> Vec<FoldingRange> {
    if !analysis.career {
        return Vec::new();
    }
    let text = &analysis.text;
    let line = |offset: usize| analysis.position(offset, Encoding::Utf8).line;
    let mut out = Vec::new();
    let mut fold = |start: usize, end: usize| {
        let (a, b) = (line(start), line(end));
        if b > a {
            out.push(FoldingRange {
                start_line: a,
                start_character: None,
                end_line: b,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: None,
            });
        }
    };
    for e in &analysis.notes.experiences {
        fold(
            e.heading.start,
            content_end(text, e.heading.start, e.section.end),
        );
        for p in &e.parts {
            fold(p.line_start, content_end(text, p.label.end, p.body.end));
        }
    }
    out
}
