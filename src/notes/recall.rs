//! What the reading of a document's previous version found in text that an edit left
//! unchanged, recalled instead of read again (the editor's keystroke path, issue 13).
//!
//! Prose reading is recalled per region: its hits depend only on the region's text, the two
//! bytes after it, the cut ranges that touch it (their extent and the text they cover) and the kinds
//! asked for. A region is recalled when all of that text lies in a part of the document the
//! edit did not touch, and the cut ranges, moved with it, are the same; anything else is read.
//! A part body's verdict and whether a heading's own text says "I" are recalled the same way.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use crate::blocks::Unchanged;
use crate::kinds::PartKind;
use crate::ordered_memo::OrderedMemo;
use crate::part_state::BodyState;

use super::prose::{self, Cues, Hit};

/// Prose read in one region, with the cut ranges that touched it and the hits, relative to
/// the region's start (wrapping: a cut may start before it).
#[derive(Debug)]
pub(super) struct ProseEntry {
    kinds: Vec<PartKind>,
    cuts: Vec<Range<usize>>,
    hits: Vec<Hit>,
}

/// What a version's reading found: the prose read by region (start, length), each part
/// body's verdict with the comments that touched it, and each heading's own voice.
#[derive(Debug, Default)]
pub(super) struct Memo {
    prose: OrderedMemo<(usize, usize), ProseEntry>,
    judged: ByRegion<BodyState>,
    /// Whether a heading's own text says "I", with the cut ranges that touched it.
    own_voice: ByRegion<bool>,
}

/// What was found in each region (start, length), with the ranges cut from it that touched
/// it, relative to its start.
type ByRegion<T> = OrderedMemo<(usize, usize), (Vec<Range<usize>>, T)>;

/// One reading's recall: what the previous version found, and what this one finds, kept for
/// the next.
pub(super) struct Recall {
    unchanged: Option<Unchanged>,
    /// Entries recalled are moved from here to `found`, not copied: a keystroke recalls
    /// nearly all of them.
    earlier: RefCell<Memo>,
    found: RefCell<Memo>,
    /// Where the searches of cut ranges and of comments last ended (see
    /// [`crate::text::touching_from`]).
    cut_hint: Cell<usize>,
    comment_hint: Cell<usize>,
    voice_hint: Cell<usize>,
}

fn relative(r: &Range<usize>, base: usize) -> Range<usize> {
    r.start.wrapping_sub(base)..r.end.wrapping_sub(base)
}

/// What a reading of `region` depends on besides its text: the ranges of `sorted` that touch
/// it; and the span of text it reads — `read` (the region, or a little more) and the whole of
/// those ranges.
fn footprint<'s>(
    region: &Range<usize>,
    read: Range<usize>,
    sorted: &'s [Range<usize>],
    hint: &Cell<usize>,
) -> (&'s [Range<usize>], Range<usize>) {
    let touching = crate::text::touching_from(sorted, region, hint);
    let span = touching
        .iter()
        .fold(read, |span, r| span.start.min(r.start)..span.end.max(r.end));
    (touching, span)
}

/// Ranges relative to `base`, as a memo keeps them.
fn relative_all(ranges: &[Range<usize>], base: usize) -> Vec<Range<usize>> {
    ranges.iter().map(|r| relative(r, base)).collect()
}

/// Whether ranges kept relative to their region's start are `ranges`, relative to `base`
/// (compared in place: a recalled region allocates nothing).
fn same_relative(kept: &[Range<usize>], ranges: &[Range<usize>], base: usize) -> bool {
    kept.len() == ranges.len()
        && kept
            .iter()
            .zip(ranges)
            .all(|(k, r)| *k == relative(r, base))
}

impl Recall {
    /// `unchanged`: what this text shares with the one `earlier` was read from; `None` when
    /// nothing can be recalled (no earlier reading, or other settings).
    pub(super) fn new(unchanged: Option<Unchanged>, earlier: Memo) -> Recall {
        let found = Memo {
            prose: OrderedMemo::with_capacity(earlier.prose.len()),
            judged: OrderedMemo::with_capacity(earlier.judged.len()),
            own_voice: OrderedMemo::with_capacity(earlier.own_voice.len()),
        };
        Recall {
            unchanged,
            earlier: RefCell::new(earlier),
            found: RefCell::new(found),
            cut_hint: Cell::new(0),
            comment_hint: Cell::new(0),
            voice_hint: Cell::new(0),
        }
    }

    /// What this reading found, for the next.
    pub(super) fn into_memo(self) -> Memo {
        self.found.into_inner()
    }

    /// [`prose::read`], recalled when nothing it depends on changed.
    pub(super) fn prose(
        &self,
        text: &str,
        region: Range<usize>,
        cut: &[Range<usize>],
        kinds: &[PartKind],
        cues: &Cues,
    ) -> Vec<Hit> {
        // Paragraph reading may look at the two bytes after the region (a `\r\n` there).
        let read = region.start..(region.end + 2).min(text.len()).max(region.end);
        let (touching, span) = footprint(&region, read, cut, &self.cut_hint);
        let base = region.start;
        let recalled = self
            .unchanged
            .and_then(|u| u.shift_to_old(&span))
            .and_then(|shift| {
                let key = (base.wrapping_add(shift), region.len());
                self.earlier.borrow_mut().prose.take(key, |e| {
                    e.kinds == kinds && same_relative(&e.cuts, touching, base)
                })
            });
        let (entry, hits) = match recalled {
            Some(entry) => {
                let hits = entry
                    .hits
                    .iter()
                    .map(|h| Hit {
                        sentence: h.sentence.start.wrapping_add(base)
                            ..h.sentence.end.wrapping_add(base),
                        ..h.clone()
                    })
                    .collect();
                (entry, hits)
            }
            None => {
                let hits = prose::read(text, region.clone(), cut, kinds, cues);
                let entry = ProseEntry {
                    kinds: kinds.to_vec(),
                    cuts: relative_all(touching, base),
                    hits: hits
                        .iter()
                        .map(|h| Hit {
                            sentence: relative(&h.sentence, base),
                            ..h.clone()
                        })
                        .collect(),
                };
                (entry, hits)
            }
        };
        self.found
            .borrow_mut()
            .prose
            .push((base, region.len()), entry);
        hits
    }

    /// A part body's verdict ([`crate::part_state::judge`], given by `judge`), recalled when
    /// the body and the comments that touch it are unchanged.
    pub(super) fn judged(
        &self,
        body: &Range<usize>,
        comments: &[Range<usize>],
        judge: impl FnOnce() -> BodyState,
    ) -> BodyState {
        self.recalled(|m| &mut m.judged, body, comments, &self.comment_hint, judge)
    }

    /// Whether `region`, without the `cut` ranges, says "I" (`read` tells), recalled when the
    /// region and the cut ranges that touch it are unchanged.
    pub(super) fn own_voice(
        &self,
        region: &Range<usize>,
        cut: &[Range<usize>],
        read: impl FnOnce() -> bool,
    ) -> bool {
        self.recalled(|m| &mut m.own_voice, region, cut, &self.voice_hint, read)
    }

    /// What `read` finds in `region`, with `sorted` ranges cut from it, recalled from the memo
    /// `which` picks when the region and the ranges touching it are unchanged.
    fn recalled<T: Copy>(
        &self,
        which: fn(&mut Memo) -> &mut ByRegion<T>,
        region: &Range<usize>,
        sorted: &[Range<usize>],
        hint: &Cell<usize>,
        read: impl FnOnce() -> T,
    ) -> T {
        let (touching, span) = footprint(region, region.clone(), sorted, hint);
        let base = region.start;
        let key = |base: usize| (base, region.len());
        // A recalled entry moves on, its ranges with it; only a region read again allocates.
        let recalled = self
            .unchanged
            .and_then(|u| u.shift_to_old(&span))
            .and_then(|shift| {
                which(&mut self.earlier.borrow_mut())
                    .take(key(base.wrapping_add(shift)), |(old, _)| {
                        same_relative(old, touching, base)
                    })
            });
        let entry = recalled.unwrap_or_else(|| (relative_all(touching, base), read()));
        let found = entry.1;
        which(&mut self.found.borrow_mut()).push(key(base), entry);
        found
    }
}
