//! Where a new part goes, and in which notation (SPEC §4): after the nearest preceding part in
//! canonical order, else before the nearest following one, else at the end of the
//! experience's own text; copying the notation of its neighbours.

use super::{Insertion, after_content};
use crate::config::Settings;
use crate::kinds::PartKind;
use crate::labels::{Colon, Emphasis, LabelStyle};
use crate::notes::{Experience, Notation, Notes, Part, Shape};

/// Where and how parts are placed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Strategy {
    /// The experience's notation, next to its neighbours, tight or loose as they are.
    Natural,
    /// The same place and notation, with blank lines around.
    Apart,
    /// Sub-headings at the end of the experience's own text.
    AtEnd,
}

pub(super) fn plan_parts(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    kinds: &[PartKind],
    strategy: Strategy,
) -> Vec<Insertion> {
    let exp = &notes.experiences[experience];
    let mut groups: Vec<Group> = Vec::new();
    for &kind in kinds {
        let (offset, style, anchor) = match strategy {
            Strategy::AtEnd => end_of_own_text(exp, text),
            _ => place(exp, text, kind),
        };
        let loose = style.loose() || strategy != Strategy::Natural;
        let nth = groups
            .iter()
            .find(|g| g.offset == offset)
            .map_or(0, |g| g.blocks.len());
        let block = render_part(kind, &style, anchor, nth, settings);
        match groups.iter_mut().find(|g| g.offset == offset) {
            Some(g) => g.blocks.push(block),
            None => groups.push(Group {
                offset,
                loose,
                blocks: vec![block],
            }),
        }
    }
    groups
        .into_iter()
        .map(|g| g.render(text, notes.line_ending))
        .collect()
}

/// The end of the experience's own text, in sub-headings one level below it (for a list-item
/// experience: nested items in the item's own indentation).
fn end_of_own_text(exp: &Experience, text: &str) -> (usize, Style, Anchor) {
    let offset = after_content(text, exp.heading.end, exp.own_end);
    if is_details_story(exp, text) {
        // Inside `<details>`, a heading would end the story and an indented item could read
        // as code: a bold label line, before the closing tag.
        return (offset, Style::BoldLines, Anchor::End);
    }
    if is_lead_paragraph_story(exp, text) {
        // A bold title over a list: one more item of that list, in its marker.
        if let Some(style) = last_list_line_style(exp, text) {
            return (offset, style, Anchor::End);
        }
        // A paragraph's story ends at a blank line: a bold label line right after its last
        // line stays in the paragraph, and in the story. A story of paragraphs under a bold
        // title of its own (an interview question) runs to the next title: there the labels
        // are paragraphs of their own.
        let body = text.get(exp.heading.end..exp.own_end).unwrap_or("");
        let paragraphs = body.trim().contains("\n\n") || body.trim().contains("\n\r\n");
        let style = Style::Line {
            style: LabelStyle {
                emphasis: Emphasis::DoubleStar,
                colon: Colon::Inside,
            },
            quoted: false,
            tight: !paragraphs,
        };
        return (offset, style, Anchor::End);
    }
    if exp.shape == Shape::ListItem {
        return (offset, item_child_style(exp, text), Anchor::End);
    }
    let style = if exp.level < 6 {
        Style::Heading(exp.level + 1)
    } else {
        Style::BoldLines
    };
    (offset, style, Anchor::End)
}

/// The style of a top-level item of the list a lead paragraph's story ends with (`**Harlow
/// Logistics**` over `- met their CSR lead …`); none when its text ends in no list.
fn last_list_line_style(exp: &Experience, text: &str) -> Option<Style> {
    let body = text.get(exp.heading.end..exp.own_end)?;
    // From the last line back: the last item's own line (its wrapped lines are indented).
    let after_title = body.split_once('\n').map_or("", |(_, rest)| rest);
    let (marker, prefix) = after_title.split('\n').rev().find_map(|line| {
        let line = line.trim_end_matches('\r');
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.is_empty() {
            return None;
        }
        match bullet(content) {
            Some(marker) if indent <= 3 => Some(Some((marker.to_string(), " ".repeat(indent)))),
            // A paragraph's line: the story does not end in a list.
            _ if indent == 0 => Some(None),
            _ => None,
        }
    })??;
    Some(Style::List {
        style: LabelStyle {
            emphasis: Emphasis::DoubleStar,
            colon: Colon::Inside,
        },
        marker,
        prefix,
        checkbox: false,
    })
}

/// The bullet (`-`, `*`, `+`) a line's content opens with, a space after it: the marker an
/// inserted item copies.
fn bullet(content: &str) -> Option<&'static str> {
    ["-", "*", "+"].into_iter().find(|m| {
        content
            .strip_prefix(m)
            .is_some_and(|rest| rest.starts_with(' '))
    })
}

/// A `<details>` story: its first line opens the tag.
fn is_details_story(exp: &Experience, text: &str) -> bool {
    story_line(exp, text).is_some_and(|line| line.trim_start().starts_with("<details"))
}

/// The line a list-item shape of story starts on (a list item, a `<details>` story or a
/// paragraph led by a bold title); none for a heading's.
fn story_line<'a>(exp: &Experience, text: &'a str) -> Option<&'a str> {
    let line_start = crate::blocks::line_start(text, exp.heading.start);
    (exp.shape == Shape::ListItem)
        .then(|| text.get(line_start..))
        .flatten()
}

/// A story told in paragraphs under a title of their own, not in a list item: led by a bold
/// title (`**Took over the bundle.** Two weeks out …`), or by a plain one (`snow day feb 23 -
/// depot manager couldnt get in, …`, a short line over a list) — a titled story whose first
/// line holds no list marker and opens no `<details>`.
fn is_lead_paragraph_story(exp: &Experience, text: &str) -> bool {
    story_line(exp, text).is_some_and(|line| {
        let line = line.trim_start_matches(' ');
        crate::notes::list_marker_with_space(line).is_none() && !line.starts_with("<details")
    })
}

/// A nested `- **Lesson:** …` item: the marker and indentation of the item's first nested
/// item, else a `-` at the column of the item's text.
fn item_child_style(exp: &Experience, text: &str) -> Style {
    let bold = LabelStyle {
        emphasis: Emphasis::DoubleStar,
        colon: Colon::Inside,
    };
    let body = text.get(exp.heading.end..exp.own_end).unwrap_or("");
    for line in body.split('\n').skip(1) {
        let line = line.trim_end_matches('\r');
        let content = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - content.len()];
        if indent.is_empty() {
            continue;
        }
        if let Some(marker) = bullet(content) {
            return Style::List {
                style: bold,
                marker: marker.to_string(),
                prefix: indent.to_string(),
                checkbox: false,
            };
        }
    }
    let line_start = text
        .get(..exp.heading.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let first = text.get(line_start..exp.heading.end).unwrap_or("");
    let trimmed = first.trim_start_matches([' ', '\t', '>']);
    let lead = first.len() - trimmed.len();
    let marker = trimmed.find([' ', '\t']).map_or(2, |i| {
        i + 1 + trimmed[i + 1..].len() - trimmed[i + 1..].trim_start().len()
    });
    Style::List {
        style: bold,
        marker: "-".to_string(),
        prefix: " ".repeat(lead + marker),
        checkbox: false,
    }
}

/// Insertions at one offset, rendered together so that blank lines come out right.
pub(super) struct Group {
    pub offset: usize,
    pub loose: bool,
    pub blocks: Vec<String>,
}

impl Group {
    pub fn render(self, text: &str, eol: &str) -> Insertion {
        let before = &text[..self.offset];
        let after = &text[self.offset..];
        let at_line_start = before.is_empty() || before.ends_with('\n');
        let prev_blank =
            before.trim().is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n");
        let next_blank = after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n");
        let mut out = String::new();
        if self.loose {
            out.push_str(match (at_line_start, prev_blank) {
                (false, _) => "\n\n",
                (true, false) => "\n",
                (true, true) => "",
            });
            out.push_str(&self.blocks.join("\n\n"));
            out.push('\n');
            if !next_blank {
                out.push('\n');
            }
        } else {
            if !at_line_start {
                out.push('\n');
            }
            out.push_str(&self.blocks.join("\n"));
            out.push('\n');
        }
        let text = if eol == "\n" {
            out
        } else {
            out.replace('\n', eol)
        };
        Insertion {
            offset: self.offset,
            text,
        }
    }
}

/// The notation a new part copies.
enum Style {
    Heading(u8),
    Line {
        style: LabelStyle,
        quoted: bool,
        tight: bool,
    },
    List {
        style: LabelStyle,
        marker: String,
        prefix: String,
        checkbox: bool,
    },
    BoldLines,
}

impl Style {
    fn loose(&self) -> bool {
        match self {
            Style::Heading(_) | Style::BoldLines => true,
            Style::Line { tight, .. } => !tight,
            Style::List { .. } => false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    After,
    Before,
    End,
}

/// Where a part of `kind` goes, and in which notation: after the nearest preceding part in
/// canonical order, else before the nearest following one, else at the end of the
/// experience's own text (SPEC §4).
fn place(exp: &Experience, text: &str, kind: PartKind) -> (usize, Style, Anchor) {
    let direct: Vec<&Part> = exp.parts.iter().filter(|p| p.direct).collect();
    let preceding = direct
        .iter()
        .filter(|p| p.kind < kind)
        .max_by_key(|p| (p.kind, p.line_start))
        .copied();
    let following = direct
        .iter()
        .filter(|p| p.kind > kind)
        .min_by_key(|p| (p.kind, p.line_start))
        .copied();
    if let Some(anchor) = preceding {
        let offset = after_content(text, anchor.line_start, anchor.body.end);
        (offset, style_of(anchor, exp, text), Anchor::After)
    } else if let Some(anchor) = following {
        (
            anchor.line_start,
            style_of(anchor, exp, text),
            Anchor::Before,
        )
    } else {
        end_of_own_text(exp, text)
    }
}

fn style_of(part: &Part, exp: &Experience, text: &str) -> Style {
    match &part.notation {
        Notation::SubHeading { level } => Style::Heading(*level),
        // Sentences anchor nothing (they are never direct); bold lines are the neutral choice.
        Notation::Prose | Notation::TableCell => Style::BoldLines,
        Notation::LabelLine { style, quoted, .. } => Style::Line {
            style: if style.colon == Colon::None {
                LabelStyle {
                    colon: Colon::Inside,
                    ..*style
                }
            } else {
                *style
            },
            quoted: *quoted,
            tight: is_tight(part, exp, text),
        },
        Notation::ListLabel {
            style,
            marker,
            prefix,
            checkbox,
            ..
        } => Style::List {
            style: if style.colon == Colon::None {
                LabelStyle {
                    colon: Colon::Inside,
                    ..*style
                }
            } else {
                *style
            },
            marker: marker.to_string(),
            prefix: prefix.to_string(),
            checkbox: *checkbox,
        },
    }
}

/// Label lines written one under the other, with no blank line between parts.
fn is_tight(part: &Part, exp: &Experience, text: &str) -> bool {
    let line_starts: Vec<usize> = exp.parts.iter().map(|p| p.line_start).collect();
    let previous_line = text[..part.line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let previous_is_part = part.line_start > 0
        && line_starts.contains(&previous_line)
        && !text[previous_line..part.line_start].trim().is_empty();
    let next = after_content(text, part.line_start, part.body.end);
    previous_is_part || (line_starts.contains(&next) && next < part.body.end.max(next + 1))
}

fn render_part(
    kind: PartKind,
    style: &Style,
    anchor: Anchor,
    nth: usize,
    settings: &Settings,
) -> String {
    let label = kind.canonical_label();
    let prompt = settings.prompts.comment(kind);
    match style {
        Style::Heading(level) => format!("{} {label}\n\n{prompt}", "#".repeat(*level as usize)),
        Style::BoldLines => format!("**{label}:** {prompt}"),
        Style::Line { style, quoted, .. } => {
            let quote = if *quoted { "> " } else { "" };
            format!("{quote}{} {prompt}", style.render(label))
        }
        Style::List {
            style,
            marker,
            prefix,
            checkbox,
        } => {
            let marker = if anchor == Anchor::After {
                next_marker(marker, nth + 1)
            } else {
                marker.clone()
            };
            let checkbox = if *checkbox { "[ ] " } else { "" };
            format!(
                "{prefix}{marker} {checkbox}{} {prompt}",
                style.render(label)
            )
        }
    }
}

/// The marker `steps` items after one with `marker`: the same bullet, or a later number.
fn next_marker(marker: &str, steps: usize) -> String {
    let digits: String = marker.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(n) => format!(
            "{}{}",
            n.saturating_add(steps as u64),
            &marker[digits.len()..]
        ),
        Err(_) => marker.to_string(),
    }
}
