//! Headings classified (part label, reserved title, ordinary) with their sections, and the
//! tree of ordinary headings that says which heading owns which text.

use crate::blocks::{self, Blocks};
use crate::config::Settings;
use crate::labels;

use super::Heading;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

use crate::ordered_memo::partition_point_near;

/// The headings of a piece of text, classified, with offsets in `text` (the piece); their
/// sections are cut by [`set_section_ends`] once every piece is read.
pub(super) fn classify_headings(text: &str, blocks: &Blocks, settings: &Settings) -> Vec<Heading> {
    blocks
        .headings
        .iter()
        .map(|b| {
            let title = &text[b.title.clone()];
            let normalized = labels::normalize(title);
            let part = settings.vocabulary.kind_of_normalized(&normalized);
            Heading {
                level: b.level,
                range: b.range.clone(),
                title: b.title.clone(),
                line_start: blocks::line_start(text, b.range.start),
                section_end: usize::MAX,
                part,
                names_period: super::experiences::is_period_or_version(title),
                reflection_title: super::experiences::is_reflection_title(&normalized),
                reserved: if part.is_none() {
                    labels::reserved_normalized(&normalized).or_else(|| {
                        labels::is_placeholder_title(title).then_some(labels::Reserved::Other)
                    })
                } else {
                    None
                },
            }
        })
        .collect()
}

/// Each heading's section ends at the next heading of the same or a higher level, or with the
/// text.
pub(super) fn set_section_ends(headings: &mut [Heading], text_len: usize) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        headings[i].section_end = text_len;
        let (level, start) = (headings[i].level, headings[i].line_start);
        while let Some(&top) = open.last() {
            if headings[top].level >= level {
                headings[top].section_end = start;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }
}

/// Which headings own which text: ordinary headings form a tree; part headings belong to the
/// innermost ordinary heading around them.
pub(super) struct HeadingTree {
    /// For each heading: the ordinary heading whose direct content it is (itself when ordinary).
    pub(super) owner: Vec<Option<usize>>,
    /// For each ordinary heading: its parent ordinary heading.
    pub(super) parent: Vec<Option<usize>>,
    starts: Vec<usize>,
    /// Where the last [`HeadingTree::owner_at`] search ended: most searches go forward. Atomic
    /// so that a long note's headings are read on several threads (any value is a right hint).
    hint: AtomicUsize,
}

impl HeadingTree {
    pub(super) fn build(headings: &[Heading]) -> HeadingTree {
        let mut owner = vec![None; headings.len()];
        let mut parent = vec![None; headings.len()];
        let mut stack: Vec<usize> = Vec::new();
        for (i, h) in headings.iter().enumerate() {
            while stack
                .last()
                .is_some_and(|&top| headings[top].level >= h.level)
            {
                stack.pop();
            }
            if h.part.is_some() {
                owner[i] = stack.last().copied();
            } else {
                parent[i] = stack.last().copied();
                owner[i] = Some(i);
                stack.push(i);
            }
        }
        HeadingTree {
            owner,
            parent,
            starts: headings.iter().map(|h| h.line_start).collect(),
            hint: AtomicUsize::new(0),
        }
    }

    /// Every heading's line start, in order.
    pub(super) fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The ordinary heading whose direct content holds `offset`.
    pub(super) fn owner_at(&self, _headings: &[Heading], offset: usize) -> Option<usize> {
        let after = partition_point_near(&self.starts, self.hint.load(Relaxed), |s| *s <= offset);
        self.hint.store(after, Relaxed);
        let last = after.checked_sub(1)?;
        self.owner[last]
    }

    pub(super) fn ancestors(&self, heading: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(heading), move |h| self.parent[*h])
    }

    pub(super) fn experience_ancestor(
        &self,
        heading: usize,
        is_experience: &[bool],
    ) -> Option<usize> {
        self.ancestors(heading).find(|h| is_experience[*h])
    }
}
