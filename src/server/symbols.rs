//! Document symbols (experiences and their parts), folding ranges, and workspace symbols
//! (experiences of open documents and of the workspace index).

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, Location, Position, Range, SymbolInformation,
    SymbolKind, Uri,
};

use super::analysis::Analysis;
use super::workspace::Index;
use crate::kinds::PartState;

/// At most this many workspace symbols are answered.
const MAX_WORKSPACE_SYMBOLS: usize = 1000;

/// End of the last non-blank text in `start..end`.
fn content_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start);
    text.get(start..end)
        .map_or(end, |slice| start + slice.trim_end().len())
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbols(analysis: &Analysis) -> Vec<DocumentSymbol> {
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
                        range: analysis
                            .range(p.label.start.min(p.line_start.max(p.label.start))..end),
                        selection_range: analysis.range(p.label.clone()),
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
                range: analysis.range(e.heading.start..end),
                selection_range: analysis.range(e.title_range.clone()),
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
    let line = |offset: usize| analysis.position(offset).line;
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

/// Experiences matching `query`: from open career-notes documents (their current text), then
/// from indexed files that are not open; sorted by name, then URI.
pub fn workspace_symbols(
    query: &str,
    open: impl Iterator<Item = (Uri, Option<PathBuf>, Option<Arc<Analysis>>)>,
    index: &Index,
) -> Vec<SymbolInformation> {
    let mut out = Vec::new();
    let mut open_paths = Vec::new();
    for (uri, path, analysis) in open {
        open_paths.extend(path);
        let Some(analysis) = analysis.filter(|a| a.career) else {
            continue;
        };
        for e in &analysis.notes.experiences {
            if fuzzy_match(query, &e.title) {
                let range = analysis.range(e.title_range.clone());
                out.push(symbol(&e.title, Location::new(uri.clone(), range)));
            }
        }
    }
    for (path, experiences) in &index.files {
        if open_paths.contains(path) {
            continue;
        }
        let Some(uri) = Uri::from_file_path(path) else {
            continue;
        };
        for e in experiences.iter().filter(|e| fuzzy_match(query, &e.title)) {
            let range = Range::new(
                Position::new(e.start.0, e.start.1),
                Position::new(e.end.0, e.end.1),
            );
            out.push(symbol(&e.title, Location::new(uri.clone(), range)));
        }
    }
    out.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.location.uri.as_str().cmp(b.location.uri.as_str()))
    });
    out.truncate(MAX_WORKSPACE_SYMBOLS);
    out
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must still be written.
fn symbol(title: &str, location: Location) -> SymbolInformation {
    SymbolInformation {
        name: title.to_string(),
        kind: SymbolKind::EVENT,
        tags: None,
        deprecated: None,
        location,
        container_name: None,
    }
}

/// Subsequence match, case-insensitive: `crsp` finds "CRISPR screen".
pub fn fuzzy_match(query: &str, title: &str) -> bool {
    let title = title.to_lowercase();
    let mut chars = title.chars();
    query
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|q| chars.any(|t| t == q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy() {
        assert!(fuzzy_match("crsp", "🔬 CRISPR screen"));
        assert!(fuzzy_match("", "x"));
        assert!(!fuzzy_match("zz", "CRISPR"));
    }
}
