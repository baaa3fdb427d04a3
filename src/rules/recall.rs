//! What the rules read of each experience, recalled from the previous version of a document
//! when nothing they read changed (the editor's keystroke path, issue 13).
//!
//! The facts of an experience (a figure in its result, "we" without "I", a hindsight without
//! its consequence, a failure told, its title's key) are read from its section's text, its parts, and the
//! headings, comments and code in the section. They are recalled when all of that lies in text
//! the edit did not touch and, moved with it, is the same: the section's offsets, every part's
//! kind, state, evidence and ranges, and the ranges of those blocks, compared as one list of
//! numbers relative to the section's start. The messages of its findings go with them: each
//! depends on the title (in that unchanged text) and on what its key holds.

use std::cell::Cell;
use std::ops::Range;
use std::sync::Arc;

use crate::blocks::Unchanged;
use crate::notes::{Experience, Notes};
use crate::ordered_memo::{OrderedMemo, partition_point_from};

/// What the rules read of one experience.
#[derive(Debug, Clone)]
pub(super) struct Facts {
    pub result_quantified: bool,
    pub we_not_i: bool,
    /// Index in the experience's parts.
    pub hindsight_without_consequence: Option<usize>,
    /// With such a hindsight: whether the counterfactual prompt is in it already (see
    /// [`super::asks_counterfactual`]).
    pub asks_counterfactual: bool,
    /// The title as `duplicate-experience` compares it (see [`super::title_key`]); shared, as
    /// the duplicates' table and the next version's recall hold it too.
    pub title_key: std::sync::Arc<str>,
    /// Read only when the file's rules ask (they stop at the first failure told).
    pub tells_of_failure: Option<bool>,
}

/// The messages of an experience's findings, by what decides each besides its title (the rule,
/// and the kind of the empty part it points at and whether that holds the prompt): kept with
/// its facts, so that a recalled experience's findings are not formatted again.
pub(super) type MessageKey = (
    crate::kinds::RuleCode,
    Option<(crate::kinds::PartKind, bool)>,
);
type Messages = Vec<(MessageKey, Arc<str>)>;

/// An experience in one version: its section's start and length, and its heading's start.
type Key = (usize, usize, usize);

fn key(e: &Experience, shift: usize) -> Key {
    (
        e.section.start.wrapping_add(shift),
        e.section.len(),
        e.heading.start.wrapping_add(shift),
    )
}

/// The facts found in a version, by experience, with what they were read from.
#[derive(Debug, Default)]
pub struct RulesMemo {
    facts: OrderedMemo<Key, (Vec<usize>, Facts, Messages)>,
    /// The front matter's tags, which decide a failure story too.
    tags: Option<Vec<String>>,
}

/// The numbers that, with the section's text, decide an experience's facts; and the span of
/// text they cover.
fn signature(
    notes: &Notes,
    e: &Experience,
    sig: &mut Vec<usize>,
    hints: &[Cell<usize>; 4],
) -> Range<usize> {
    let base = e.section.start;
    let mut span = e.section.clone();
    sig.clear();
    let mut range = |sig: &mut Vec<usize>, r: &Range<usize>| {
        span.start = span.start.min(r.start);
        span.end = span.end.max(r.end);
        sig.push(r.start.wrapping_sub(base));
        sig.push(r.end.wrapping_sub(base));
    };
    range(sig, &e.section);
    range(sig, &e.heading);
    range(sig, &e.title_range);
    sig.push(e.own_end.wrapping_sub(base));
    sig.push(e.parts.len());
    for p in &e.parts {
        sig.push(p.kind.index());
        sig.push(p.state as usize);
        sig.push(p.evidence as usize);
        sig.push(usize::from(p.has_prompt) | usize::from(p.direct) << 1);
        sig.push(p.line_start.wrapping_sub(base));
        range(sig, &p.label);
        range(sig, &p.body);
    }
    for (ranges, hint) in [
        &notes.blocks.comments,
        &notes.blocks.code_blocks,
        &notes.blocks.code_spans,
    ]
    .into_iter()
    .zip(hints)
    {
        for r in crate::text::touching_from(ranges, &e.section, hint) {
            range(sig, r);
        }
        sig.push(usize::MAX);
    }
    let first = partition_point_from(&notes.headings, &hints[3], |h| {
        h.line_start < e.section.start
    });
    for h in notes.headings[first..]
        .iter()
        .take_while(|h| h.line_start < e.section.end)
    {
        sig.push(h.line_start.wrapping_sub(base));
        range(sig, &h.range);
    }
    span
}

/// One check's recall: the previous version's facts and this one's.
pub(super) struct Recall {
    unchanged: Option<Unchanged>,
    /// Facts recalled are moved from here to `found`, not copied.
    earlier: RulesMemo,
    found: RulesMemo,
    /// The signature being compared: it is kept only when no earlier one equal to it is.
    scratch: Vec<usize>,
    /// Where the searches of comments, code blocks, code spans and headings last ended
    /// (experiences come in document order).
    hints: [Cell<usize>; 4],
}

impl Recall {
    pub(super) fn new(notes: &Notes, unchanged: Option<Unchanged>, earlier: RulesMemo) -> Self {
        let same_tags = earlier.tags == notes.front_matter.tags;
        Recall {
            unchanged: unchanged.filter(|_| same_tags),
            earlier,
            found: RulesMemo {
                facts: OrderedMemo::with_capacity(notes.experiences.len()),
                tags: notes.front_matter.tags.clone(),
            },
            scratch: Vec::new(),
            hints: Default::default(),
        }
    }

    /// The facts of `e`, recalled or read with `read`.
    pub(super) fn facts(
        &mut self,
        notes: &Notes,
        e: &Experience,
        read: impl FnOnce() -> Facts,
    ) -> Facts {
        let span = signature(notes, e, &mut self.scratch, &self.hints);
        let (earlier, sig) = (&mut self.earlier, &self.scratch);
        let recalled = self
            .unchanged
            .and_then(|u| u.shift_to_old(&span))
            .and_then(|shift| {
                earlier
                    .facts
                    .take(key(e, shift), |(old_sig, _, _)| old_sig == sig)
            });
        // The earlier signature, equal to this one, moves on with its facts and messages.
        let (sig, facts, messages) =
            recalled.unwrap_or_else(|| (std::mem::take(&mut self.scratch), read(), Vec::new()));
        self.found
            .facts
            .push(key(e, 0), (sig, facts.clone(), messages));
        facts
    }

    /// The message under `wanted` of `e`'s findings, recalled with its facts, or made with
    /// `make` (and kept with them). Asked after [`Recall::facts`] for `e`, whose entry is the
    /// last one; else the message is made and not kept.
    pub(super) fn message(
        &mut self,
        e: &Experience,
        wanted: MessageKey,
        make: impl FnOnce() -> String,
    ) -> Arc<str> {
        let messages = match self.found.facts.last_mut() {
            Some((last, (_, _, messages))) if last == key(e, 0) => messages,
            _ => return make().into(),
        };
        if let Some((_, message)) = messages.iter().find(|(k, _)| *k == wanted) {
            return Arc::clone(message);
        }
        let message: Arc<str> = make().into();
        messages.push((wanted, Arc::clone(&message)));
        message
    }

    /// Keeps whether `e` tells of a failure, once read, for the next version.
    pub(super) fn record_failure(&mut self, e: &Experience, told: bool) {
        if let Some((_, facts, _)) = self.found.facts.find(key(e, 0), |_| true) {
            facts.tells_of_failure = Some(told);
        }
    }

    pub(super) fn into_memo(self) -> RulesMemo {
        self.found
    }
}
