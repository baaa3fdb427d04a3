//! Label lines and list labels (SPEC §2, notations 2 and 3), found line by line outside code,
//! HTML, tables, comments and headings.

use std::ops::Range;

use crate::blocks::{Blocks, ListItem};
use crate::config::Settings;
use crate::labels;

use super::{Heading, Notation, RawPart};

/// Finds label lines and list labels outside code, HTML, tables, comments and headings, in a
/// piece of text (see [`crate::blocks::recut`]): offsets are in `text`, the piece.
pub(super) fn find_label_lines(
    text: &str,
    blocks: &Blocks,
    headings: &[Heading],
    settings: &Settings,
) -> Vec<RawPart> {
    let mut opaque: Vec<Range<usize>> = blocks
        .code_blocks
        .iter()
        .chain(&blocks.opaque)
        .chain(&blocks.comments)
        .cloned()
        .collect();
    opaque.sort_by_key(|r| r.start);
    let mut opaque_at = 0;
    let mut heading_at = 0;
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let line_end =
            memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line_start = pos;
        pos = line_end + 1;
        let line = text[line_start..line_end].trim_end_matches('\r');
        let indent = line.len() - line.trim_start().len();
        let content_start = line_start + indent;
        if indent == line.len() {
            continue;
        }
        while heading_at < headings.len() && headings[heading_at].range.end < line_start {
            heading_at += 1;
        }
        if headings
            .get(heading_at)
            .is_some_and(|h| h.line_start <= line_start && line_start <= h.range.end)
        {
            continue;
        }
        while opaque_at < opaque.len() && opaque[opaque_at].end <= content_start {
            opaque_at += 1;
        }
        if opaque[opaque_at..]
            .iter()
            .take_while(|r| r.start <= content_start)
            .any(|r| r.contains(&content_start))
        {
            continue;
        }
        // The matcher asks the same of the line's rest; asked here of the whole line, most
        // prose lines are passed over before their quote and list markers are read.
        if labels::may_hold_label(line)
            && let Some(part) =
                label_on_line(text, line_start, line_start + line.len(), blocks, settings)
        {
            out.push(part);
        }
        inline_star_markers(text, line_start, line_start + line.len(), &mut out);
    }
    out
}

/// `(S) … (T) … (A) … (R) …` inside a paragraph: each marker starts a part that runs to the
/// next one. Like STAR letters they count only as a set (see `keep_letters_among_letters`).
fn inline_star_markers(text: &str, line_start: usize, line_end: usize, out: &mut Vec<RawPart>) {
    let line = &text[line_start..line_end];
    if memchr::memchr(b'(', line.as_bytes()).is_none() {
        return;
    }
    let bytes = line.as_bytes();
    for (i, _) in line.match_indices('(') {
        let (Some(letter), Some(b')')) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            continue;
        };
        let Some(kind) = labels::star_letter(char::from(*letter)) else {
            continue;
        };
        let before_ok = i == 0 || bytes.get(i - 1).is_some_and(|b| b.is_ascii_whitespace());
        let after_ok = bytes.get(i + 3).is_none_or(|b| b.is_ascii_whitespace());
        if !before_ok || !after_ok {
            continue;
        }
        let at = line_start + i;
        out.push(RawPart {
            kind,
            notation: Notation::Prose,
            label: at..at + 3,
            line_start: at,
            body_start: at + 3,
            hard_end: usize::MAX,
            ends_at_heading: true,
            letter: true,
            marker: true,
        });
    }
}

/// Where a line's text starts once block-quote markers, list markers and a checkbox are
/// stepped over, and which of them were there.
struct LinePrefix<'a> {
    at: usize,
    quoted: bool,
    item: Option<&'a ListItem>,
    marker: String,
    checkbox: bool,
}

fn line_prefix<'a>(
    text: &str,
    line_start: usize,
    line_end: usize,
    blocks: &'a Blocks,
) -> LinePrefix<'a> {
    let mut prefix = LinePrefix {
        at: line_start,
        quoted: false,
        item: None,
        marker: String::new(),
        checkbox: false,
    };
    loop {
        let before_indent = prefix.at;
        let rest = &text[prefix.at..line_end];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        prefix.at += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix('>') {
            prefix.quoted = true;
            prefix.at += 1 + usize::from(after.starts_with(' '));
            continue;
        }
        // pulldown-cmark starts an indented item at its line's (or container's) content start,
        // not at the marker: any item starting between here and the marker is this one.
        let first = blocks.items.partition_point(|i| i.start < before_indent);
        let found = blocks.items[first..]
            .iter()
            .take_while(|i| i.start <= prefix.at)
            .last();
        if let Some(found) = found
            && let Some(len) = list_marker_len(trimmed)
        {
            prefix.item = Some(found);
            prefix.marker = trimmed[..len].trim_end().to_string();
            prefix.at += len;
            let (box_len, _) = labels::strip_checkbox(&text[prefix.at..line_end]);
            prefix.checkbox = box_len > 0;
            prefix.at += box_len;
            continue;
        }
        return prefix;
    }
}

fn label_on_line(
    text: &str,
    line_start: usize,
    line_end: usize,
    blocks: &Blocks,
    settings: &Settings,
) -> Option<RawPart> {
    let LinePrefix {
        at,
        quoted,
        item,
        marker,
        checkbox,
    } = line_prefix(text, line_start, line_end, blocks);
    let rest = &text[at..line_end];
    let first = rest.chars().next()?;
    // A link reference definition (`[actions]: https://…`) is never a label.
    if first == '['
        && let Some(close) = rest.find("]:")
        && !rest[1..close].contains(['[', ']'])
        && !rest.starts_with("[!")
    {
        return None;
    }
    let html_label = rest.starts_with("<b>") || rest.starts_with("<strong>");
    if first == '`'
        || (first.is_ascii_punctuation() && !matches!(first, '*' | '_' | '[') && !html_label)
    {
        return None;
    }
    let m = settings.vocabulary.match_label_line(rest)?;
    let label = at + m.label_start..at + m.label_end;
    let body_start = if m.body_start >= rest.len() {
        line_end
    } else {
        at + m.body_start
    };
    let notation = match item {
        Some(item) => Notation::ListLabel {
            style: m.style,
            marker: marker.as_str().into(),
            prefix: list_prefix(&text[line_start..item.start]).into(),
            checkbox,
            item_end: item.end,
        },
        None => Notation::LabelLine {
            style: m.style,
            quoted,
            callout: m.callout,
        },
    };
    let hard_end = item.map_or(usize::MAX, |i| i.end);
    Some(RawPart {
        kind: m.kind,
        notation,
        label,
        line_start,
        body_start,
        hard_end,
        ends_at_heading: true,
        letter: m.letter,
        marker: m.letter || m.html,
    })
}

/// What stands before a list marker on its line, kept when a sibling item is inserted.
fn list_prefix(before: &str) -> String {
    if before.chars().all(|c| c == ' ' || c == '\t' || c == '>') {
        before.to_string()
    } else {
        " ".repeat(before.chars().count())
    }
}

/// Length of a list marker and the spaces after it: `- `, `* `, `+ `, `12. `, `3) `.
/// Like [`list_marker_len`], but only a marker followed by white space (a bare `-` at the end
/// of a line is no item to read text from).
pub(crate) fn list_marker_with_space(text: &str) -> Option<usize> {
    let len = list_marker_len(text)?;
    matches!(text.as_bytes().get(len.checked_sub(1)?), Some(b' ' | b'\t')).then_some(len)
}

pub(super) fn list_marker_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut len = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.') | Some(b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match bytes.get(len) {
        None => return Some(len),
        Some(b' ') | Some(b'\t') => {}
        Some(_) => return None,
    }
    while matches!(bytes.get(len), Some(b' ') | Some(b'\t')) {
        len += 1;
    }
    Some(len)
}
