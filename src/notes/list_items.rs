//! List items that are experiences (REAL-NOTES §1): a bullet whose first line is a title —
//! bold text alone, bold text followed by ` — `, ` - ` or `: ` and more, or `Case 3: …` —
//! and whose further lines tell the episode. HTML `<details>` stories, titled by their
//! `<summary>`, are read the same way.

use std::ops::Range;

use crate::blocks::ListItem;
use crate::labels::{self, Vocabulary};

/// A list item whose first line reads as a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledItem {
    /// Start of the line holding the marker.
    pub line_start: usize,
    /// From the marker to the end of the first line (terminator excluded).
    pub first_line: Range<usize>,
    /// The title text: the bold text, or the whole `Case 3: …` line.
    pub title: Range<usize>,
    /// End of the item, nested items included.
    pub end: usize,
    /// End of the item's own text: the item's end, or, for a `<details>` story, the start of
    /// its closing tag's line (inserted parts go inside the story, never after it).
    pub own_end: usize,
    /// A plain first line (no bold, no `Case N:`) over nested items: a title only if the items
    /// tell an episode as a heading's text must (see [`plain_title`]).
    pub plain: bool,
    /// A `<details>` story: a block of its own, which may stand beside a heading's story.
    pub details: bool,
    /// A long item whose first sentence is its title (`Rolled out the cache change on a
    /// Friday. I'd tested it …`): a story only if the rest tells one as a heading's text must.
    pub sentence: bool,
    /// A bold title with its story on the same line and nothing after it
    /// (`**Capacity model** — built a small model …`).
    pub one_line: bool,
    /// A plain paragraph with no title of its own, named by its first sentence (`Onboarding
    /// backlog. When I moved into the pod …`): a story only where paragraphs are not a
    /// heading's story (see `experiences::items`), told in the writer's own voice.
    pub untitled: bool,
    /// A row of a table whose header names parts (see `table_rows`): its cells are its parts.
    pub table_row: bool,
    /// Where the story starts: after the title and a bold title's closing marks and dash, so
    /// that no sentence read from the story holds them.
    pub story_start: usize,
}

impl TitledItem {
    /// A story under a plain title (no bold, no `Case N:`): a title only if its text tells an
    /// episode as a heading's must. `end` is its end and its own text's end.
    pub(super) fn plain(
        line_start: usize,
        first_line: Range<usize>,
        title: Range<usize>,
        end: usize,
        story_start: usize,
    ) -> TitledItem {
        TitledItem {
            line_start,
            first_line,
            title,
            end,
            own_end: end,
            plain: true,
            details: false,
            sentence: false,
            one_line: false,
            untitled: false,
            table_row: false,
            story_start,
        }
    }
}

/// Whether `offset` is inside one of `ranges` (sorted, apart: code blocks, or the merged
/// blocks of [`merged_blocks`]).
pub(super) fn inside(ranges: &[Range<usize>], offset: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= offset);
    after > 0 && ranges.get(after - 1).is_some_and(|r| r.contains(&offset))
}

/// `<details><summary>Title</summary> … </details>` stories outside code, in order.
pub fn details_stories(
    text: &str,
    code: &[Range<usize>],
    heading_starts: &[usize],
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    let mut search = 0;
    let opening = memchr::memmem::Finder::new("<details");
    let name = memchr::memmem::Finder::new("details");
    while let Some(found) = text.get(search..).and_then(|t| opening.find(t.as_bytes())) {
        let open = search + found;
        search = open + "<details".len();
        let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
        if !text[line_start..open].trim().is_empty()
            || inside(code, open)
            || out.last().is_some_and(|t: &TitledItem| t.end > open)
        {
            continue;
        }
        // The matching `</details>`, nested ones counted; the end of the text when unclosed.
        let mut depth = 1usize;
        let mut at = search;
        let mut end = None;
        while let Some(next) = text.get(at..).and_then(|t| name.find(t.as_bytes())) {
            let pos = at + next;
            at = pos + "details".len();
            if text[..pos].ends_with("</") {
                depth -= 1;
                if depth == 0 {
                    let tag = pos - 2;
                    let tag_line = text[..tag].rfind('\n').map_or(0, |i| i + 1);
                    let own_end = if text[tag_line..tag].trim().is_empty() {
                        tag_line
                    } else {
                        tag
                    };
                    // The tag's `>` on its own line; a tag left open ends with its line (not
                    // with the text: what is appended after it would be in the story).
                    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                    let close = text[at..line_end]
                        .find('>')
                        .map_or(line_end, |i| at + i + 1);
                    end = Some((close, own_end));
                    break;
                }
            } else if text[..pos].ends_with('<') {
                depth += 1;
            }
        }
        // An unclosed story, or one holding a heading, is no story: it would swallow sections.
        let Some((end, own_end)) = end else {
            continue;
        };
        let first_heading = heading_starts.partition_point(|s| *s <= open);
        if heading_starts.get(first_heading).is_some_and(|s| *s < end) {
            continue;
        }
        let Some(summary_open) = text[open..end].find("<summary>").map(|i| open + i + 9) else {
            continue;
        };
        let Some(summary_close) = text[summary_open..end]
            .find("</summary>")
            .map(|i| summary_open + i)
        else {
            continue;
        };
        let raw_title = &text[summary_open..summary_close];
        let lead = raw_title.len() - raw_title.trim_start().len();
        let title = summary_open + lead..summary_open + lead + raw_title.trim().len();
        if raw_title.contains(['<', '\n']) || title.is_empty() || works_the_widget(raw_title) {
            continue;
        }
        // The title's line: the one holding `<summary>` (usually `<details>`'s own), where
        // the story's diagnostics and hints go.
        let summary_line = crate::blocks::line_start(text, summary_open).max(open);
        let first_line_end = text[summary_line..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| summary_line + i);
        out.push(TitledItem {
            line_start,
            first_line: summary_line..first_line_end.max(summary_close),
            story_start: title.end,
            title,
            end,
            own_end,
            plain: false,
            sentence: false,
            one_line: false,
            untitled: false,
            table_row: false,
            details: true,
        });
        search = end.max(search);
    }
    out
}

/// A `<summary>` that tells the reader how to open the box (`Click to expand`, `Show answer`,
/// `Details`) names no story: what the box holds belongs to the section around it.
fn works_the_widget(summary: &str) -> bool {
    let first = summary
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    [
        "click", "tap", "expand", "show", "hide", "toggle", "more", "details", "see", "spoiler",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(first))
}

/// Paragraphs led by a bold title that ends a sentence or takes a colon (`**Took over the trial
/// bundle.** Two weeks out, …`), outside lists, code, HTML and tables, in order: a hype doc's
/// stories told paragraph by paragraph under a theme. Read as one-line titled items: their text
/// must tell a story as such an item's must.
pub fn lead_paragraph_stories(
    text: &str,
    blocks: &crate::blocks::Blocks,
    heading_starts: &[usize],
    vocabulary: &Vocabulary,
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    // Lists, code, HTML, tables and comments, merged: built at the first bold title only.
    let mut covered: Option<Vec<Range<usize>>> = None;
    let is_heading = |at: usize| heading_starts.binary_search(&at).is_ok();
    let line_at = |at: usize| {
        let end = memchr::memchr(b'\n', text.as_bytes().get(at..).unwrap_or_default())
            .map_or(text.len(), |i| at + i);
        at..end
    };
    let blank = |r: &Range<usize>| text.get(r.clone()).is_none_or(|l| l.trim().is_empty());
    // Only lines that open with bold text are looked at: found by their markers, not line by
    // line (a long note has a hundred thousand lines and few such paragraphs).
    let bytes = text.as_bytes();
    let starts = memchr::memmem::find_iter(bytes, b"**")
        .chain(memchr::memmem::find_iter(bytes, b"__"))
        .filter_map(|at| {
            let line_start = crate::blocks::line_start(text, at);
            let indent = text.get(line_start..at)?;
            (indent.len() <= 3 && indent.bytes().all(|b| b == b' ')).then_some(line_start)
        });
    let mut line_starts: Vec<usize> = starts.collect();
    line_starts.sort_unstable();
    line_starts.dedup();
    let mut at = 0;
    // Where the last bold title of a series (see below) handed over to the next one.
    let mut series_reaches: Option<usize> = None;
    for start in line_starts {
        if start < at {
            continue; // inside the paragraph before
        }
        let line = line_at(start);
        at = line.end + 1;
        let content = text.get(line.clone()).unwrap_or("").trim_end_matches('\r');
        let indent = content.len() - content.trim_start_matches(' ').len();
        let previous = start
            .checked_sub(1)
            .map(|end| crate::blocks::line_start(text, end)..end);
        let opens = previous.is_none_or(|p| blank(&p) || is_heading(p.start));
        if !opens || is_heading(line.start) {
            continue;
        }
        let Some(title) = content.get(indent..).and_then(lead_title) else {
            continue;
        };
        let title = line.start + indent + title.start..line.start + indent + title.end;
        let title_text = text.get(title.clone()).unwrap_or("");
        // Not a label, a reserved section's name or a summing-up (see [`names_no_story`]); a
        // title of two words ends with its full stop inside the bold (`**May hailstorm.** The
        // storm …`), as a label's colon never does, or stands alone on its line.
        let words = title_text.split_whitespace().count();
        let stopped = text
            .get(title.end..)
            .is_some_and(|t| t.starts_with(".**") || t.starts_with(".__"))
            || is_bold_only_line(content);
        if words < 2 || (words == 2 && !stopped) {
            continue;
        }
        if names_no_story(title_text, vocabulary) {
            continue;
        }
        let covered = covered.get_or_insert_with(|| merged_blocks(blocks));
        let in_block = |at: usize| inside(covered, at);
        if in_block(line.start + indent) {
            continue;
        }
        // The paragraph runs to a blank line, a heading or a block.
        let mut last = line.clone();
        while at < text.len() {
            let next = line_at(at);
            if blank(&next) || is_heading(next.start) || in_block(next.start) {
                break;
            }
            at = next.end + 1;
            last = next;
        }
        // A bold title alone on its line, then a list (straight after it or after one blank
        // line): the list tells its story, as a heading's would (`**Harlow Logistics — charity
        // of the year**` over `- met their CSR lead …`, `- we got it — £41k …`).
        if last.start == line.start
            && text.get(title.end..line.end).is_some_and(|rest| {
                rest.trim_start_matches(['*', '_', '.', '!', '?', ':'])
                    .trim()
                    .is_empty()
            })
        {
            let mut next = line_at(at.min(text.len()));
            if blank(&next) && next.end < text.len() {
                next = line_at(next.end + 1);
            }
            let k = covered.partition_point(|r| r.start <= next.start);
            let list = k
                .checked_sub(1)
                .and_then(|k| covered.get(k))
                .filter(|r| r.start == next.start && !blank(&next));
            let opens_a_list = list.is_some()
                && text.get(next.clone()).is_some_and(|l| {
                    super::label_lines::list_marker_with_space(l.trim_start()).is_some()
                });
            if let Some(list) = list.filter(|_| opens_a_list) {
                let list_end = list.end.min(text.len());
                let last_line_start = crate::blocks::line_start(text, list_end.saturating_sub(1));
                last = line_at(last_line_start);
                at = list_end;
            } else if !blank(&next) && !in_block(next.start) && next.start > at {
                // A bold title alone in its paragraph, then paragraphs: in a series of such
                // titles, each heads the paragraphs up to the next (`**Q: Tell me about a time
                // you disagreed with a colleague.**` over the answer), or to a heading or a
                // rule after the last one; so does an interview question on its own. Any other
                // lone bold line over paragraphs is a tagline.
                let (mut scan, mut body_end, mut next_title) = (next.start, last.clone(), false);
                while scan < text.len() {
                    let l = line_at(scan);
                    let content = text.get(l.clone()).unwrap_or("").trim_end_matches('\r');
                    let outside = !in_block(l.start);
                    // Another title, not a bold label of the answer's own (`**Result:**`).
                    let another_title = is_bold_only_line(content)
                        && previous_is_blank(text, l.start)
                        && lead_title(content.trim_start_matches(' ')).is_some_and(|t| {
                            let inner = content.trim_start_matches(' ').get(t).unwrap_or("");
                            inner.split_whitespace().count() >= 3
                                && vocabulary
                                    .kind_of_normalized(&labels::normalize(inner))
                                    .is_none()
                        });
                    if outside && another_title {
                        next_title = true;
                        break;
                    }
                    if outside && (is_heading(l.start) || is_thematic_break(content)) {
                        break;
                    }
                    if !blank(&l) {
                        body_end = l.clone();
                    }
                    scan = l.end + 1;
                }
                if next_title || series_reaches == Some(line.start) || asks_for_a_story(title_text)
                {
                    last = body_end;
                    at = scan.min(text.len());
                    series_reaches = next_title.then_some(scan);
                }
            }
        }
        // Its line terminator included, as a list item's: an insertion at its end is in it.
        let end = (last.end + 1).min(text.len());
        let after_title = text.get(title.end..last.end).unwrap_or("");
        let story_start = title.end + after_title.len()
            - after_title
                .trim_start_matches(['*', '_', ' ', '.', '!', '?', ':', '—', '–', '-', '\r', '\n'])
                .len();
        let words = text
            .get(story_start..last.end)
            .unwrap_or("")
            .split_whitespace();
        if words.take(STORY_WORDS + 1).count() <= STORY_WORDS {
            continue;
        }
        out.push(TitledItem {
            line_start: line.start,
            first_line: line.start + indent..line.start + content.len(),
            title,
            end,
            own_end: end,
            plain: false,
            details: false,
            sentence: false,
            one_line: true,
            untitled: false,
            table_row: false,
            story_start,
        });
    }
    out
}

/// An interview question as a title: `Q: …`, or one that ends with a question mark.
fn asks_for_a_story(title: &str) -> bool {
    let title = title.trim();
    title.ends_with('?')
        || ["Q:", "Q.", "Q -", "Q —", "Question:"]
            .iter()
            .any(|q| title.starts_with(q))
}

/// Whether the line before `line_start` is blank (or there is none).
fn previous_is_blank(text: &str, line_start: usize) -> bool {
    let Some(end) = line_start.checked_sub(1) else {
        return true;
    };
    let start = crate::blocks::line_start(text, end);
    text.get(start..end).is_none_or(|l| l.trim().is_empty())
}

/// `---`, `***`, `___` (and spaced): a thematic break.
fn is_thematic_break(line: &str) -> bool {
    let line = line.trim();
    let Some(mark) = line.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    line.chars().filter(|c| *c == mark).count() >= 3
        && line.chars().all(|c| c == mark || c == ' ' || c == '\t')
}

/// A line that is bold text and nothing else (`**Q: Leadership example?**`).
fn is_bold_only_line(line: &str) -> bool {
    let content = line.trim_start_matches(' ');
    line.len() - content.len() <= 3
        && bold_opening(content).is_some_and(|bold| bold.after.trim().is_empty())
}

/// The ranges no lead paragraph starts in — list items, code, HTML blocks, tables, comments —
/// sorted and merged.
pub(super) fn merged_blocks(blocks: &crate::blocks::Blocks) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = blocks
        .items
        .iter()
        .map(|i| i.start..i.end)
        .chain(blocks.code_blocks.iter().cloned())
        .chain(blocks.opaque.iter().cloned())
        .chain(blocks.comments.iter().cloned())
        .collect();
    all.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Whether a title outside a list names a part, a reserved section or a summing-up ("Lessons
/// learned …"), not a story.
pub(super) fn names_no_story(title: &str, vocabulary: &Vocabulary) -> bool {
    let normalized = labels::normalize(title);
    vocabulary.kind_of_normalized(&normalized).is_some()
        || labels::reserved_item_title(title).is_some()
        || super::experiences::is_reflection_title(&normalized)
}

/// A plain line alone in its paragraph with a list straight under it, no blank line between
/// (`medical — diabetic lady on the JFK (spring 23)` over `- hypo about 2 hrs out …`): a
/// phone note's title over the story its list tells. Plain, so a story only if the list
/// tells an episode as a heading's text must; not over a list of titled items (a theme's
/// name over its stories), a label, a reserved section's name or a line that ends a sentence
/// or opens a list (`Steps:`).
pub fn line_titles_over_lists(
    text: &str,
    blocks: &crate::blocks::Blocks,
    heading_starts: &[usize],
    titled: &[TitledItem],
    vocabulary: &Vocabulary,
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    let mut covered: Option<Vec<Range<usize>>> = None;
    let mut list_reaches = 0;
    for item in &blocks.items {
        if item.start < list_reaches {
            continue;
        }
        list_reaches = item.end;
        let item_line = crate::blocks::line_start(text, item.start);
        let Some(title_line_end) = item_line.checked_sub(1) else {
            continue;
        };
        let title_line = crate::blocks::line_start(text, title_line_end)..title_line_end;
        let content = text
            .get(title_line.clone())
            .unwrap_or("")
            .trim_end_matches('\r');
        let trimmed = content.trim();
        if trimmed.is_empty()
            || content.starts_with([' ', '\t'])
            || heading_starts.binary_search(&title_line.start).is_ok()
            || super::label_lines::list_marker_with_space(trimmed).is_some()
            || trimmed.starts_with(['#', '>', '|', '<', '*', '_', '`', '['])
            || trimmed.ends_with(['.', ':', ',', ';', '?', '!'])
        {
            continue;
        }
        let words = trimmed.split_whitespace().count();
        if !(2..=14).contains(&words) || !trimmed.chars().any(char::is_alphabetic) {
            continue;
        }
        // Alone in its paragraph: a blank line or a heading above it, or the text's start.
        let alone = title_line.start.checked_sub(1).is_none_or(|end| {
            let above = crate::blocks::line_start(text, end)..end;
            text.get(above.clone()).is_none_or(|l| l.trim().is_empty())
                || heading_starts.binary_search(&above.start).is_ok()
        });
        if !alone {
            continue;
        }
        if names_no_story(trimmed, vocabulary) {
            continue;
        }
        let covered = covered.get_or_insert_with(|| merged_blocks(blocks));
        let k = covered.partition_point(|r| r.start <= item.start);
        let Some(list) = k.checked_sub(1).and_then(|k| covered.get(k)) else {
            continue;
        };
        // The title line itself is in no block (code, HTML, a comment).
        let title_in_block = covered
            .get(..k.saturating_sub(1))
            .and_then(<[Range<usize>]>::last)
            .is_some_and(|r| title_line.start < r.end);
        let holds_titled = titled
            .iter()
            .any(|t| list.start <= t.line_start && t.line_start < list.end);
        if title_in_block || holds_titled {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let title = title_line.start + lead..title_line.start + lead + trimmed.len();
        out.push(TitledItem::plain(
            title_line.start,
            title_line.start..title_line.start + content.len(),
            title.clone(),
            list.end.min(text.len()),
            title.end,
        ));
    }
    out
}

/// `**Took over the bundle.** Two weeks out …`, `**Pushed back:** their quote …`: bold text
/// that ends a sentence or takes a colon, then more on the line; `**Faster month-end close** —
/// moved accruals …`: bold text, a dash, more on the line; or bold text alone on the
/// paragraph's first line, its story on the lines after (offsets in `content`).
fn lead_title(content: &str) -> Option<Range<usize>> {
    let bold = bold_opening(content)?;
    if bold.after.trim().is_empty() {
        return bold.title(&['.', '!', ':']);
    }
    let ends_inside = bold.inner.trim_end().ends_with(['.', '!', ':']);
    let ends_after = bold.after.starts_with(['.', '!', ':']);
    let rest = bold.after.trim_start_matches(['.', '!', ':']);
    let dashed = ["—", "–", "-"]
        .iter()
        .any(|dash| bold.after.trim_start().starts_with(dash))
        && bold.after.starts_with(' ');
    if !(ends_inside || ends_after || dashed) || !rest.starts_with(' ') || rest.trim().is_empty() {
        return None;
    }
    bold.title(&['.', '!', ':'])
}

/// Numbered story prefixes people use instead of bold titles.
const NUMBERED_TITLES: &[&str] = &["case", "story", "example", "project", "incident", "win"];

/// The title of `item` when its first line is one and the item has more lines with text.
pub fn titled(
    text: &str,
    items: &[ListItem],
    index: usize,
    vocabulary: &Vocabulary,
) -> Option<TitledItem> {
    let item = items.get(index)?;
    let line_start = text.get(..item.start)?.rfind('\n').map_or(0, |i| i + 1);
    let first_line_end = text
        .get(item.start..)?
        .find('\n')
        .map_or(text.len(), |i| item.start + i);
    let first_line_end = first_line_end.min(item.end.max(item.start));
    let line = text.get(item.start..first_line_end)?.trim_end_matches('\r');
    let first_line = item.start..item.start + line.len();
    // More than the first line, with some text in it — or a bold title with its story told
    // on the same line.
    let rest = text.get(first_line_end.min(item.end)..item.end)?;
    let one_line = rest.trim().is_empty();
    let marker = marker_len(line)?;
    let after_marker = &line[marker..];
    let (checkbox, _) = labels::strip_checkbox(after_marker);
    let content_start = item.start + marker + checkbox;
    let content = text.get(content_start..first_line.end)?;
    let bold = bold_title(content);
    if one_line && bold.is_none() {
        let (title, story_start) = long_bullet_story(text, content_start, content, vocabulary)?;
        return Some(TitledItem {
            sentence: true,
            one_line: true,
            ..TitledItem::plain(line_start, first_line, title, item.end, story_start)
        });
    }
    if one_line {
        let after = content.get(bold.clone()?.end..).unwrap_or_default();
        if after.split_whitespace().take(STORY_WORDS + 1).count() <= STORY_WORDS {
            return None;
        }
    }
    let marked = bold.or_else(|| numbered_title(content));
    let plain = marked.is_none();
    // A plain title before a dash, or a first sentence, names what was done ("Led the
    // scheme-of-work rewrite — replaced the booklets …", "Rolled out the cache change on a
    // Friday."): the story is read from it. (Not a plain title alone: `- Set up CI` over
    // `- Added caching` is a log of changes.)
    let plain_phrase = marked
        .is_none()
        .then(|| plain_title(content, rest))
        .flatten();
    let read_from_title = marked.is_none() && plain_phrase.is_none();
    let phrase = marked
        .or(plain_phrase)
        .or_else(|| read_from_title.then(|| dash_title(content, rest)).flatten());
    let sentence = phrase.is_none();
    let title = phrase
        .or_else(|| sentence_title(content, rest))
        .map(|r| content_start + r.start..content_start + r.end)?;
    let title_text = text.get(title.clone())?;
    if !title_text.chars().any(char::is_alphabetic)
        || vocabulary.kind_of(title_text).is_some()
        || labels::reserved_item_title(title_text).is_some()
    {
        return None;
    }
    let after_title = text.get(title.end..item.end).unwrap_or_default();
    let story_start = if read_from_title {
        title.start
    } else {
        title.end + after_title.len()
            - after_title
                .trim_start_matches(['*', '_', ' ', '\t', '—', '–', '-', ':'])
                .len()
    };
    Some(TitledItem {
        line_start,
        first_line,
        title,
        end: item.end,
        own_end: item.end,
        plain,
        details: false,
        sentence,
        one_line,
        untitled: false,
        table_row: false,
        story_start,
    })
}

/// The fewest words after a long bullet's title for it to tell a story on its own line.
const LONG_BULLET_WORDS: usize = 30;

/// A story told in one long bullet, its first sentence its title (`- the chain on haddon rd.
/// 5 links, ftb at the bottom pulled out …`, thirty words and more after it): a phone note's
/// story: its title and where the story starts. A one-line bullet that says less is an
/// achievements list's line, no story.
fn long_bullet_story(
    text: &str,
    content_start: usize,
    content: &str,
    vocabulary: &Vocabulary,
) -> Option<(Range<usize>, usize)> {
    // A few words before a dash (`summer reading challenge - branch numbers had dropped …`),
    // or the first sentence.
    let dashed = [" - ", " — ", " – "].iter().find_map(|dash| {
        let (before, _) = content.split_once(dash)?;
        let words = before.split_whitespace().count();
        ((2..=8).contains(&words) && !before.contains(['.', ':', '!', '?']))
            .then(|| 0..before.trim_end().len())
    });
    let title = dashed.or_else(|| sentence_title(content, ""))?;
    let after = content.get(title.end..).unwrap_or_default();
    if after.split_whitespace().take(LONG_BULLET_WORDS).count() < LONG_BULLET_WORDS {
        return None;
    }
    let title = content_start + title.start..content_start + title.end;
    let title_text = text.get(title.clone())?;
    if vocabulary.kind_of(title_text).is_some() || labels::reserved_item_title(title_text).is_some()
    {
        return None;
    }
    let story_start = title.end + after.len()
        - after
            .trim_start_matches(['.', '!', ' ', '-', '—', '–'])
            .len();
    Some((title, story_start))
}

fn marker_len(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - trimmed.len();
    Some(indent + super::label_lines::list_marker_with_space(trimmed)?)
}

/// `**Title**`, `**Title:**`, `**Title** — more`, `__Title__: more` (offsets in `content`).
fn bold_title(content: &str) -> Option<Range<usize>> {
    let bold = bold_opening(content)?;
    let after = bold.after.trim_end();
    // An emoji after the title is decoration (`**Covered theatre solo** ❄️`).
    let decorated = after
        .chars()
        .all(|c| c.is_whitespace() || (!c.is_ascii() && !c.is_alphanumeric()));
    // So is a short remark in brackets (`**Consent forms** (Mar 2024)`).
    let remark = after
        .strip_prefix(" (")
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|r| !r.contains(['(', ')']) && r.split_whitespace().count() <= 6);
    let separated = decorated
        || remark
        || after.starts_with(':')
        || [" — ", " – ", " - ", " —", " –"]
            .iter()
            .any(|s| after.starts_with(s));
    separated.then(|| bold.title(&[':', '.']))?
}

/// Bold text that opens a line (`**…**` or `__…__`): where its inside starts, the inside, and
/// what follows the closing marks.
struct BoldOpening<'a> {
    inner_start: usize,
    inner: &'a str,
    after: &'a str,
}

fn bold_opening(content: &str) -> Option<BoldOpening<'_>> {
    let marker = ["**", "__"].into_iter().find(|m| content.starts_with(m))?;
    let inner_start = marker.len();
    let close = content.get(inner_start..)?.find(marker)? + inner_start;
    Some(BoldOpening {
        inner_start,
        inner: content.get(inner_start..close)?,
        after: content.get(close + marker.len()..)?,
    })
}

impl BoldOpening<'_> {
    /// The title inside the marks, trimmed of spaces and of the closing `ends` (offsets in the
    /// line's content); none when nothing is left.
    fn title(&self, ends: &[char]) -> Option<Range<usize>> {
        let trimmed = self.inner.trim().trim_end_matches(ends).trim_end();
        let lead = self.inner.len() - self.inner.trim_start().len();
        let start = self.inner_start + lead;
        (!trimmed.is_empty()).then(|| start..start + trimmed.len())
    }
}

/// The most words a plain title has (`Led the incident review for the March 14 DNS outage
/// (checkout down for 47 min)` has 15).
const MAX_TITLE_WORDS: usize = 20;

/// The fewest words after a title on its own line for them to tell a story there
/// (`**Brightline renewal** — I sat on their questionnaire for two weeks …`).
pub(super) const STORY_WORDS: usize = 20;

/// `- Settled the attribution fight between marketing and sales` over nested items, or over
/// a paragraph of its own after a blank line: a short line with no closing punctuation
/// (offsets in `content`). Only a candidate: what follows must still tell an episode.
fn plain_title(content: &str, rest: &str) -> Option<Range<usize>> {
    let line = content.trim_end();
    let words = line.split_whitespace().count();
    let mut blank_before = false;
    let nested = rest
        .lines()
        .skip(1) // the first line's own end
        .find(|l| {
            let blank = l.trim().is_empty();
            blank_before |= blank;
            !blank
        })
        .is_some_and(|l| {
            let trimmed = l.trim_start_matches([' ', '\t']);
            // Indented text straight after the first line is the same paragraph: wrapped, the
            // first line a sentence's start and not a title — unless a new sentence starts
            // there after a line that leaves nothing hanging (`- Bakery, Mill St — RCD
            // tripping every morning` over `Spent 2 nights there …`).
            trimmed.len() < l.len()
                && (super::label_lines::list_marker_with_space(trimmed).is_some()
                    || blank_before
                    || (opens_a_sentence(trimmed) && !crate::text::leaves_a_sentence_open(content)))
        });
    let starts_with_word = line.chars().next().is_some_and(char::is_alphanumeric);
    // A title is one phrase: no sentence ends in it or after it.
    let closed = line.ends_with(['.', '!', '?', ':', ';', ',']) || ends_a_sentence_inside(line);
    (nested
        && starts_with_word
        && !closed
        && (2..=MAX_TITLE_WORDS).contains(&words)
        && line.len() <= 120)
        .then_some(0..line.len())
}

/// A line that starts a sentence: a capital letter, then a lower-case one or a space
/// (`Spent 2 nights`, `I did the DNO application`), not a name's initials or an acronym — nor
/// an instruction (`- Install the tools` over `Run cargo install.` is a step, not a story).
pub(super) fn opens_a_sentence(line: &str) -> bool {
    const INSTRUCTIONS: &[&str] = &[
        "run",
        "install",
        "use",
        "open",
        "add",
        "click",
        "go",
        "see",
        "make",
        "create",
        "copy",
        "type",
        "enter",
        "select",
        "press",
        "download",
        "check",
        "follow",
        "call",
        "try",
        "note",
        "edit",
        "change",
        "remove",
        "update",
        "start",
        "build",
        "do",
        "don't",
        "don’t",
        "never",
        "always",
        "please",
        "ensure",
        "configure",
        "set",
        "put",
        "write",
        "read",
        "test",
    ];
    let mut chars = line.chars();
    let opens = chars.next().is_some_and(char::is_uppercase)
        && chars
            .next()
            .is_some_and(|c| c.is_lowercase() || c == ' ' || c == '\'' || c == '’');
    let first = line
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("")
        .to_lowercase();
    opens && !INSTRUCTIONS.contains(&first.as_str())
}

/// The most words a plain title before a dash has.
const MAX_DASH_TITLE_WORDS: usize = 12;

/// `1. Led the Year 8 scheme-of-work rewrite — replaced the old booklets …` over nested items:
/// a short phrase, then ` — ` or ` – ` and a description (offsets in `content`). Only a
/// candidate, as a plain title is: what follows must still tell an episode.
fn dash_title(content: &str, rest: &str) -> Option<Range<usize>> {
    let (title, _) = [" — ", " – "]
        .iter()
        .filter_map(|dash| content.split_once(dash))
        .min_by_key(|(title, _)| title.len())?;
    let title = title.trim_end();
    let words = title.split_whitespace().count();
    let nested = rest.lines().skip(1).any(|l| {
        let trimmed = l.trim_start_matches([' ', '\t']);
        trimmed.len() < l.len() && super::label_lines::list_marker_with_space(trimmed).is_some()
    });
    let starts_with_word = title.chars().next().is_some_and(char::is_alphanumeric);
    let closed = title.ends_with(['.', '!', '?', ':', ';', ',']) || ends_a_sentence_inside(title);
    (nested && starts_with_word && !closed && (2..=MAX_DASH_TITLE_WORDS).contains(&words))
        .then_some(0..title.len())
}

/// The first sentence of a long item's first line, as its title: `Rolled out the cache
/// change on a Friday.` over more lines that tell the story (wrapped, or nested items), twenty
/// words or more. The sentence ends in the first line, with a full stop or an exclamation mark.
fn sentence_title(content: &str, rest: &str) -> Option<Range<usize>> {
    let line = content.trim_end();
    if !line.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let end = sentence_ends(line)
        .next()
        .or_else(|| line.ends_with(['.', '!']).then(|| line.len() - 1))?;
    let after = line.get(end + 1..).unwrap_or_default();
    let told = after
        .split_whitespace()
        .chain(rest.split_whitespace())
        .take(STORY_WORDS)
        .count();
    if told < STORY_WORDS {
        return None;
    }
    let title = line.get(..end)?.trim_end();
    // An exclamation names a story in two words (`forest school!! we only had the yard …`).
    let exclaimed = line.get(end..).is_some_and(|e| e.starts_with('!'));
    let title = title.trim_end_matches('!');
    // A log's date before it is no label (`2025-02-05: Pallet came down from B12 level 3.`).
    let named = title
        .split_once(':')
        .filter(|(date, _)| super::experiences::is_period_or_version(date))
        .map_or(title, |(_, rest)| rest);
    let words = named.split_whitespace().count();
    let fewest = if exclaimed { 2 } else { 3 };
    // A label (`Result: …`) or a list of words (`Skills: Rust, Go`) is no title.
    ((fewest..=MAX_TITLE_WORDS).contains(&words) && title.len() <= 120 && !named.contains(':'))
        .then_some(0..title.len())
}

/// Whether a full stop inside `line` ends a sentence: not one after an initial or a title
/// (`Mr D. to his review`, `the three R. children`, `Dr. Shah`).
fn ends_a_sentence_inside(line: &str) -> bool {
    sentence_ends(line).next().is_some()
}

/// Where a full stop or exclamation mark followed by a space ends a sentence in `line` (see
/// [`ends_a_sentence_inside`]).
pub(super) fn sentence_ends(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.match_indices(['.', '!'])
        .map(|(at, _)| at)
        .filter(move |&at| {
            if line.as_bytes().get(at + 1) != Some(&b' ') {
                return false;
            }
            let word = line
                .get(..at)
                .unwrap_or_default()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default();
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let title = ["Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "vs"].contains(&word);
            !(initial || title)
        })
}

/// `Case 3: cache stampede on deploy` (the whole line is the title).
fn numbered_title(content: &str) -> Option<Range<usize>> {
    let word_end = content.find(|c: char| !c.is_alphabetic())?;
    let word = &content[..word_end];
    if !NUMBERED_TITLES.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return None;
    }
    let rest = content[word_end..].trim_start_matches(' ');
    let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || !rest[digits..].starts_with([':', '.', ' ', '—']) {
        return None;
    }
    let line = content.trim_end();
    Some(0..line.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks;

    fn titles(text: &str) -> Vec<String> {
        let b = blocks::scan(text, 0);
        let vocabulary = Vocabulary::default();
        (0..b.items.len())
            .filter_map(|i| titled(text, &b.items, i, &vocabulary))
            .map(|t| text[t.title].to_string())
            .collect()
    }

    #[test]
    fn bold_and_numbered_titles_with_a_body() {
        let text = "- **Retired the nightly export job**\n  - I replaced it.\n- **Mentored Sam** — paired weekly\n  Sam now owns alerts.\n- Case 2: cache stampede on deploy\n  I added jitter.\n1. __Night shift rota:__\n   I rebuilt it.\n";
        assert_eq!(
            titles(text),
            vec![
                "Retired the nightly export job",
                "Mentored Sam",
                "Case 2: cache stampede on deploy",
                "Night shift rota"
            ]
        );
        // An emoji or a short remark in brackets after the title is no part of it; words
        // after it are no title's.
        let decorated = "- **Covered theatre solo** ❄️\n  - I ran the monitoring.\n- **Snow day** (Sat)\n  - I ran it.\n- **Snow day** on Sat\n  - I ran it.\n- **Snow day** (Sat) and more\n  - I ran it.\n";
        assert_eq!(titles(decorated), vec!["Covered theatre solo", "Snow day"]);
    }

    #[test]
    fn a_plain_title_over_sentences_on_the_lines_under_it() {
        // A new sentence on the next line, after a line that leaves nothing hanging.
        let text = "- Jake nearly drilled into a live cable at the Fosters'\n  Hadn't used the detector. Stopped the job.\n- Bakery, Mill St — RCD tripping every morning about 4am when the ovens came on\n  Spent 2 nights there with the clamp meter.\n";
        assert_eq!(
            titles(text),
            vec![
                "Jake nearly drilled into a live cable at the Fosters'",
                "Bakery, Mill St — RCD tripping every morning about 4am when the ovens came on"
            ]
        );
        // A sentence wrapped: its first line ends on a word that wants more, or the next line
        // goes on in lower case.
        let wrapped = "- I took over the rota in March when\n  I was the newest on the ward.\n- Moved the nightly jobs to the new cluster and\n  Grafana alerts with them.\n- Moved the nightly jobs to the new cluster\n  over two weekends.\n";
        assert!(titles(wrapped).is_empty(), "{:?}", titles(wrapped));
    }

    #[test]
    fn a_details_tag_left_open_ends_with_its_line() {
        let text = "<details>\n<summary>Case 3: Outage</summary>\n\nI rolled it back.\n</detailsdocument\n\n## Strengths\n\nCalm.\n";
        let stories = details_stories(text, &[], &[text.find("## Strengths").unwrap_or(0)]);
        assert_eq!(
            stories.len(),
            1,
            "a heading after the open tag is not in the story"
        );
        assert!(text[stories[0].line_start..stories[0].end].ends_with("</detailsdocument"));
    }

    #[test]
    fn paragraphs_led_by_a_bold_title() {
        let story = "Two weeks out from the hearing the associate went off sick and I was the only other person who knew the file, so I took it over.";
        let lead = |title: &str| {
            let text = format!("# Hype doc\n\n{title} {story}\nThe judge accepted it.\n\nMore.\n");
            let blocks = crate::blocks::scan(&text, 0);
            let starts: Vec<usize> = blocks
                .headings
                .iter()
                .map(|h| crate::blocks::line_start(&text, h.range.start))
                .collect();
            lead_paragraph_stories(&text, &blocks, &starts, &Vocabulary::default())
                .iter()
                .map(|t| {
                    assert!(text[t.line_start..t.end].ends_with("accepted it.\n"));
                    text[t.title.clone()].to_string()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lead("**Took over the trial bundle.**"),
            ["Took over the trial bundle"]
        );
        assert_eq!(
            lead("**Pushed back on the vendor**:"),
            ["Pushed back on the vendor"]
        );
        // Two words, ended by a full stop inside the bold, or alone on the line: a story's
        // title too.
        assert_eq!(lead("**May hailstorm.**"), ["May hailstorm"]);
        assert_eq!(lead("**Xmas temps**\n"), ["Xmas temps"]);
        // A note, a label, bold words in a sentence, a list item: no story's title.
        for near_miss in [
            "**Note:**",
            "**Result:**",
            "**Lessons learned from it:**",
            "**Bold words** in a sentence",
            "**Key actions:**",
            "**Quick note** —",
            "- **Took over the trial bundle.**",
        ] {
            assert!(lead(near_miss).is_empty(), "{near_miss}");
        }
        // Too short to tell a story.
        let short = "**Took over the trial bundle.** Done.\n";
        let blocks = crate::blocks::scan(short, 0);
        assert!(lead_paragraph_stories(short, &blocks, &[], &Vocabulary::default()).is_empty());
    }

    #[test]
    fn details_stories_with_their_summary() {
        let text = "<details><summary>EV charger install</summary>\n\nI rebooked it.\n\n</details>\n\n```\n<details><summary>code</summary>\n```\n";
        let code = blocks::scan(text, 0).code_blocks;
        let stories = details_stories(text, &code, &[]);
        assert_eq!(stories.len(), 1);
        assert_eq!(&text[stories[0].title.clone()], "EV charger install");
        assert!(text[..stories[0].end].ends_with("</details>"));
        // Unclosed, or around a heading: no story.
        assert!(
            details_stories("<details><summary>A</summary>\n\nI did it.\n", &[], &[]).is_empty()
        );
        let around = "<details><summary>A</summary>\n\n## H\n\nI did it.\n</details>\n";
        assert!(details_stories(around, &[], &[30]).is_empty());
        // A summary that says how to open the box names no story.
        for summary in ["Click to expand (the honest one)", "Show answer", "Details"] {
            let boxed = format!("<details><summary>{summary}</summary>\n\nI did it.\n</details>\n");
            assert!(details_stories(&boxed, &[], &[]).is_empty(), "{summary}");
        }
    }

    #[test]
    fn stories_told_in_one_long_bullet() {
        let story = "- the chain on haddon rd. five links, the buyer at the bottom pulled out two weeks before exchange. went through our own applicant list that night, found a cash couple and had them viewing the next morning. the whole chain exchanged on the 28th like planned.\n";
        assert_eq!(titles(story), vec!["the chain on haddon rd"]);
        let dashed = "- summer reading challenge - branch numbers had dropped two years running so i went round all five primary schools in june and did assemblies. 212 kids signed up against 140 last year and 61% finished the challenge.\n";
        assert_eq!(titles(dashed), vec!["summer reading challenge"]);
        // An exclamation names one in two words.
        let exclaimed = "- forest school!! we only had the yard and half the kids never got outdoor time in winter. i asked the vicar for the field behind the church on wednesday mornings and wrote the risk assessment myself.\n";
        assert_eq!(titles(exclaimed), vec!["forest school"]);
        // An achievements list's lines, however long a few of them run, are no stories.
        let wins = "- Renewed my CPR certificate.\n- Did the autism friendly hour training with the rest of the branch team in March.\n";
        assert!(titles(wins).is_empty(), "{:?}", titles(wins));
    }

    #[test]
    fn plain_lines_over_the_list_under_them() {
        let over = |text: &str| -> Vec<String> {
            let b = blocks::scan(text, 0);
            let vocabulary = Vocabulary::default();
            let titled: Vec<TitledItem> = (0..b.items.len())
                .filter_map(|i| titled(text, &b.items, i, &vocabulary))
                .collect();
            line_titles_over_lists(text, &b, &[], &titled, &vocabulary)
                .into_iter()
                .map(|t| text[t.title].to_string())
                .collect()
        };
        let text = "notes\n\nAccra diversion (feb 24)\n- I split the crew\n- everyone had a bed\n";
        assert_eq!(over(text), vec!["Accra diversion (feb 24)"]);
        for not in [
            // A line that opens the list, a sentence, the second line of a paragraph, a blank
            // line between, a label, a theme's name over titled items.
            "Steps to set it up:\n- install it\n- run it\n",
            "We moved the stock in March.\n- I split the crew\n",
            "The diversion was long and\nAccra diversion (feb 24)\n- I split the crew\n",
            "Accra diversion (feb 24)\n\n- I split the crew\n",
            "What I learned\n- I split the crew\n",
            "Big wins this year\n- **Accra diversion** — I split the crew, got everyone a bed by 3am and nobody missed the rescue flight the next day at all\n",
        ] {
            assert!(over(not).is_empty(), "{not:?}: {:?}", over(not));
        }
    }

    #[test]
    fn plain_titles_over_nested_items() {
        let text = "- Settled the attribution fight\n  - I built one table.\n- Install the tools\n  Run cargo install.\n- Steps to reproduce:\n  - open it\n- Done\n  - x\n- Fixed it. Then more\n  - x\n";
        assert_eq!(titles(text), vec!["Settled the attribution fight"]);
    }

    #[test]
    fn plain_titles_before_a_dash_over_nested_items() {
        let text = "1. Led the Year 8 scheme-of-work rewrite — replaced the old booklets with six\n   practical units.\n   - The average went from 54% to 63%.\n2. Ran the STEM club — every Tuesday.\n3. Build from source — needs Rust\n   and a C compiler.\n4. `cargo` — the build tool\n   - x\n5. Done. Then — more\n   - x\n";
        assert_eq!(titles(text), vec!["Led the Year 8 scheme-of-work rewrite"]);
    }

    #[test]
    fn plain_titles_over_a_paragraph_of_their_own() {
        // A blank line, then the item's own paragraph; initials are no sentence end.
        let text = "- Getting Mr D. to his review\n\n  I rewrote the letter.\n- Rewrote the rota for the ward\n  and it worked.\n- Settled it. Then more\n\n  I did.\n";
        assert_eq!(titles(text), vec!["Getting Mr D. to his review"]);
    }

    #[test]
    fn first_sentences_of_long_items() {
        // Twenty words after it: the first sentence names the story. Not: a short item, a
        // label, a two-word sentence, a list of words.
        let text = "- Rolled out the cache change on a Friday. I had tested it in staging\n  but not at prod scale, and Redis filled up by Saturday.\n  Should have waited for Monday.\n- Shipped search. It is faster\n  now.\n- Result: fewer calls. More\n  text here and there and then some more of it, one two three four five six seven eight nine ten\n- Did it. Then more text here and there and then some more of it,\n  one two three four five six seven eight nine ten\n- Languages: Rust, Go. And more text here and there and then some more of it,\n  one two three four five six seven eight nine ten\n";
        assert_eq!(
            titles(text),
            vec!["Rolled out the cache change on a Friday"]
        );
        let items = blocks::scan(text, 0).items;
        let first = titled(text, &items, 0, &Vocabulary::default()).unwrap();
        assert!(first.sentence && first.plain);
        // A log's date before the sentence is no label; a label before it still is.
        let dated = "- 2025-02-05: Pallet came down from B12 level 3. Nobody hurt.\n  - I cleared the aisle, stopped all putaway in zone B and called the shift manager, then did the report.\n- Outcome: Pallet came down from B12 level 3. Nobody hurt.\n  - I cleared the aisle, stopped all putaway in zone B and called the shift manager, then did the report.\n";
        assert_eq!(
            titles(dated),
            vec!["2025-02-05: Pallet came down from B12 level 3"]
        );
    }

    #[test]
    fn not_titles() {
        // One-line bullets, labels, reserved titles, bold text inside a sentence.
        let text = "- **Shipped search** in March\n- **Cut costs**\n- **Result:** fewer calls\n  more\n- **Skills**\n  Rust\n- **Bold** words then more\n  text\n- Case study: the billing team\n  text\n";
        assert!(titles(text).is_empty(), "{:?}", titles(text));
    }
}
