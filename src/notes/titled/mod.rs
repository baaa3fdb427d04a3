//! Stories told under a title of their own that is no heading, read piece by piece: list
//! items whose first line is a title ([`list_items`]), `<details>` boxes titled by their
//! `<summary>` ([`details`]), paragraphs led by a bold title ([`lead_paragraphs`]), a plain line
//! over the list under it ([`lines_over_lists`]), plain paragraphs titled on their first line or
//! by their first sentence ([`paragraphs`]), and the rows of a table whose columns are parts
//! ([`table_rows`]). Each is only a candidate: `experiences::items` decides which tell a story.

use std::ops::Range;

use crate::labels::{self, Vocabulary};

mod details;
mod lead_paragraphs;
mod lines_over_lists;
pub mod list_items;
mod paragraphs;
mod table_rows;

pub use details::details_stories;
pub use lead_paragraphs::{BoldTitles, lead_paragraph_stories};
pub use lines_over_lists::line_titles_over_lists;
pub use list_items::titled;
pub(super) use list_items::{numbered, opens_a_sentence, sentence_ends};
pub use paragraphs::paragraph_stories;
pub(super) use table_rows::{cells_of, table_stories};

/// A story under a title that is no heading: a list item whose first line reads as a title, a
/// `<details>` box, a paragraph or a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledItem {
    /// Start of the line holding the marker (or the title).
    pub line_start: usize,
    /// From the marker (or the title) to the end of the first line (terminator excluded).
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
/// learned …"), or asks for a view (`Why Oakfield?`), not a story.
pub(super) fn names_no_story(title: &str, vocabulary: &Vocabulary) -> bool {
    let normalized = labels::normalize(title);
    vocabulary.kind_of_normalized(&normalized).is_some()
        || labels::reserved_item_title(title).is_some()
        || super::experiences::is_reflection_title(&normalized)
        || reflective_prompt(title)
        || super::experiences::asks_for_a_view(title)
        || divider(title)
}

/// A divider that names the part of the note after it (`--- next yr ---`, `=== examples ===`).
fn divider(title: &str) -> bool {
    let title = title.trim();
    ["--", "==", "~~"].iter().any(|mark| {
        title.starts_with(mark) && title.ends_with(mark) && title.len() > 2 * mark.len()
    })
}

/// The prompts of a reflective model (Rolfe's `What?`, `So what?`, `Now what?`, a CPD log's
/// steps): steps of the story they sit in, never a story's name.
fn reflective_prompt(title: &str) -> bool {
    let prompt = title
        .trim()
        .trim_end_matches(['?', ':', '.', ' '])
        .to_lowercase();
    // The GPhC record's prompt over an unplanned entry's whole story, told in prose.
    [
        "what",
        "so what",
        "now what",
        "what next",
        "then what",
        "describe what you learnt",
        "describe what you learned",
    ]
    .contains(&prompt.as_str())
}

/// A title without a remark in brackets at its end (`LEADERSHIP (238)`, `block of 6 flats
/// Station Ave (landlord Mr P)`): the remark names nothing of the story.
fn without_remark(title: &str) -> &str {
    let title = title.trim_end();
    title
        .split_once(" (")
        .filter(|(_, remark)| remark.ends_with(')'))
        .map_or(title, |(named, _)| named)
}

/// The fewest words after a title on its own line for them to tell a story there
/// (`**Brightline renewal** — I sat on their questionnaire for two weeks …`).
pub(super) const STORY_WORDS: usize = 20;
