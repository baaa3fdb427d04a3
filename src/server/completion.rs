//! Completion: the part labels the current experience still lacks, in its notation, and a
//! snippet for a new experience.

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, TextEdit,
};

use super::analysis::Analysis;
use crate::kinds::{PartKind, PartState};
use crate::labels::LabelStyle;
use crate::notes::{Experience, Notation};

/// What the line before the cursor looks like.
#[derive(Clone, Copy)]
enum Context {
    /// `#### Res|`
    Heading { word_start: usize },
    /// `- Res|`, `1. [ ] Res|`
    ListItem { word_start: usize },
    /// `Res|` or `**Res|` at the start of a line (block quotes allowed).
    LineStart { word_start: usize },
}

fn context(line_before: &str, line_offset: usize) -> Option<Context> {
    let trimmed = line_before.trim_start_matches([' ', '\t', '>']);
    let lead = line_before.len() - trimmed.len();
    let word_len = trimmed
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    let before_word = trimmed.get(..trimmed.len() - word_len)?;
    let word_start = line_offset + lead + before_word.len();
    let head = before_word.trim_end();
    if head.is_empty() {
        return Some(Context::LineStart { word_start });
    }
    if head.chars().all(|c| c == '#') && head.len() <= 6 && before_word.ends_with(' ') {
        return Some(Context::Heading { word_start });
    }
    let marker = head.trim_end_matches([']', '[', 'x', 'X', ' ']);
    // `-`, `*`, `+`, or digits and `.` / `)`; the text may end in any character.
    let is_marker = matches!(marker, "-" | "*" | "+")
        || marker
            .strip_suffix(['.', ')'])
            .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()));
    if is_marker && before_word.ends_with(' ') {
        return Some(Context::ListItem { word_start });
    }
    None
}

pub fn completions(analysis: &Analysis, offset: usize, snippets: bool) -> Vec<CompletionItem> {
    if !analysis.career {
        return Vec::new();
    }
    let text = &analysis.text;
    let Some(before) = text.get(..offset) else {
        return Vec::new();
    };
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let Some(ctx) = before
        .get(line_start..)
        .and_then(|line| context(line, line_start))
    else {
        return Vec::new();
    };
    let word_start = match ctx {
        Context::Heading { word_start }
        | Context::ListItem { word_start }
        | Context::LineStart { word_start } => word_start,
    };
    let replace = analysis.range(word_start..offset);
    let typed = text.get(word_start..offset).unwrap_or("");
    let mut items: Vec<CompletionItem> = analysis
        .notes
        .experience_at(offset)
        .and_then(|index| analysis.notes.experiences.get(index))
        .map(|exp| missing_part_items(analysis, exp, ctx, replace, typed))
        .unwrap_or_default();
    if matches!(ctx, Context::LineStart { .. }) {
        items.push(new_experience_item(analysis, replace, snippets, typed));
    }
    items
}

/// A label for each part the experience lacks, written as its other parts are.
fn missing_part_items(
    analysis: &Analysis,
    exp: &Experience,
    ctx: Context,
    replace: tower_lsp_server::ls_types::Range,
    typed: &str,
) -> Vec<CompletionItem> {
    let line_style = exp.parts.iter().find_map(|p| match &p.notation {
        Notation::LabelLine { style, .. } | Notation::ListLabel { style, .. } => Some(*style),
        _ => None,
    });
    let heading_level = exp.parts.iter().find_map(|p| match p.notation {
        Notation::SubHeading { level } => Some(level),
        _ => None,
    });
    PartKind::ALL
        .into_iter()
        .filter(|k| exp.state(*k) == PartState::Absent)
        .map(|kind| {
            let label = kind.canonical_label();
            let new_text = match ctx {
                Context::Heading { .. } => label.to_string(),
                Context::ListItem { .. } => {
                    format!("{} ", line_style.unwrap_or_default().render(label))
                }
                Context::LineStart { .. } => match (heading_level, line_style) {
                    (Some(level), None) => format!("{} {label}", "#".repeat(level as usize)),
                    (_, Some(style)) => format!("{} ", style.render(label)),
                    (None, None) => format!("{} ", LabelStyle::default().render(label)),
                },
            };
            CompletionItem {
                label: label.to_string(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(format!(
                    "{} part missing from \"{}\"",
                    kind.key(),
                    exp.title
                )),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: analysis.settings.prompts.get(kind).to_string(),
                })),
                filter_text: Some(format!("{typed}{label}")),
                sort_text: Some(format!("0{}", kind.index())),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replace,
                    new_text,
                })),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn new_experience_item(
    analysis: &Analysis,
    replace: tower_lsp_server::ls_types::Range,
    snippets: bool,
    typed: &str,
) -> CompletionItem {
    let level = analysis
        .settings
        .experience_level
        .or(analysis.notes.front_matter.experience_level)
        .or_else(|| analysis.notes.experiences.first().map(|e| e.level))
        .unwrap_or(2) as usize;
    let hashes = "#".repeat(level);
    let sub = "#".repeat((level + 1).min(6));
    let prompts = &analysis.settings.prompts;
    let mut body = if snippets {
        format!("{hashes} ${{1:Title}}")
    } else {
        format!("{hashes} Title")
    };
    for (i, kind) in PartKind::ALL.into_iter().enumerate() {
        let prompt = prompts.comment(kind);
        let prompt = if snippets {
            format!("${{{}:{}}}", i + 2, escape_snippet(&prompt))
        } else {
            prompt
        };
        body.push_str(&format!("\n\n{sub} {}\n\n{prompt}", kind.canonical_label()));
    }
    CompletionItem {
        label: "New experience".to_string(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some("A new experience with all five parts and their prompts".to_string()),
        filter_text: Some(format!("{typed}experience")),
        sort_text: Some("1".to_string()),
        insert_text_format: Some(if snippets {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: replace,
            new_text: body,
        })),
        ..CompletionItem::default()
    }
}

fn escape_snippet(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}
