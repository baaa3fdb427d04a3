//! The first reading steps, done piece by piece (see [`crate::blocks::recut`]): the blocks,
//! the headings classified and the label lines of each piece depend on its text alone, so a
//! document read again after an edit keeps them for every piece the edit did not touch.

use std::ops::Range;
use std::sync::Arc;

use crate::blocks::{self, Blocks, Earlier, Piece, Unchanged};
use crate::config::Settings;

use super::headings::classify_headings;
use super::label_lines::find_label_lines;
use super::titled::{self, TitledItem};
use super::{Heading, Notation, RawPart};

/// What one piece says, with offsets relative to its start.
#[derive(Debug)]
pub(super) struct PieceReading {
    blocks: Blocks,
    headings: Vec<Heading>,
    labels: Vec<RawPart>,
    /// List items whose first line is a title, then `<details>` stories (experiences if their
    /// body tells an episode).
    titled: Vec<TitledItem>,
}

/// A document's earlier reading, kept between versions so that the next reading reads again
/// only the pieces an edit touched. Reading with it gives exactly what reading afresh gives.
#[derive(Debug, Default)]
pub struct Reuse {
    /// The text that was read (lone `\r` read as `\n`), shared with the analysis that read
    /// it, and where its Markdown starts.
    text: Arc<String>,
    from: usize,
    /// The settings it was read with: labels depend on them.
    settings: Option<Arc<Settings>>,
    /// What the whole text's bold lines said: each piece's bold titles depend on it.
    bold_titles: titled::BoldTitles,
    pieces: Vec<Piece<PieceReading>>,
    /// What the last reading found in prose and part bodies (see [`super::recall`]).
    pub(super) memo: super::recall::Memo,
    /// What the last reading's text shares with the one before it, for the rules' recall.
    pub(super) unchanged: Option<Unchanged>,
    /// What the rules read of each experience (see [`crate::rules::check_reusing`]), and
    /// after which reading: recalled only by a check of the reading after it.
    rules: crate::rules::RulesMemo,
    rules_reading: u64,
    /// Readings made with this reuse.
    readings: u64,
}

impl Reuse {
    /// For the rules: what the text shares with the previous one, and what they read there.
    pub(crate) fn rules_recall(&mut self) -> (Option<Unchanged>, crate::rules::RulesMemo) {
        let memo = std::mem::take(&mut self.rules);
        let previous = self.rules_reading + 1 == self.readings;
        (self.unchanged.filter(|_| previous), memo)
    }

    pub(crate) fn keep_rules(&mut self, memo: crate::rules::RulesMemo) {
        self.rules = memo;
        self.rules_reading = self.readings;
    }

    /// Whether the last reading was of `text` (the same shared text, not an equal one).
    pub fn last_read(&self, text: &Arc<String>) -> bool {
        Arc::ptr_eq(&self.text, text)
    }

    /// What the last reading's text shared with the one read before it (`None` when it was
    /// read afresh).
    pub fn last_unchanged(&self) -> Option<Unchanged> {
        self.unchanged
    }

    /// The earlier pieces, when they were read under the same settings (none of them when the
    /// document's bold titles say otherwise now).
    fn take_earlier(
        &mut self,
        settings: &Arc<Settings>,
        bold_titles: titled::BoldTitles,
    ) -> Option<Earlier<'_, PieceReading>> {
        self.readings += 1;
        let same = self
            .settings
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, settings));
        let mut pieces = std::mem::take(&mut self.pieces);
        if bold_titles != self.bold_titles {
            pieces.clear();
        }
        if !same {
            // Read under other settings: nothing of it is recalled.
            self.memo = Default::default();
            self.rules = Default::default();
        }
        same.then_some(Earlier {
            text: self.text.as_str(),
            from: self.from,
            pieces,
        })
    }

    fn keep(
        &mut self,
        text: &Arc<String>,
        from: usize,
        settings: &Arc<Settings>,
        pieces: Vec<Piece<PieceReading>>,
        bold_titles: titled::BoldTitles,
    ) {
        self.text = Arc::clone(text);
        self.from = from;
        self.settings = Some(Arc::clone(settings));
        self.pieces = pieces;
        self.bold_titles = bold_titles;
    }
}

/// The blocks, classified headings (sections not cut yet) and label lines of `text[from..]`.
pub(super) struct FirstReading {
    /// What the text shares with the earlier one whose reading was kept, if any.
    pub unchanged: Option<Unchanged>,
    pub blocks: Blocks,
    pub headings: Vec<Heading>,
    pub labels: Vec<RawPart>,
    /// Titled list items and `<details>` stories, piece by piece.
    pub titled: Vec<TitledItem>,
}

/// Reads `text[from..]` piece by piece; with `reuse`, keeps the pieces of its earlier reading
/// that the edit did not touch, and keeps this reading in it for the next.
pub(super) fn read(
    text: &str,
    from: usize,
    settings: &Settings,
    reuse: Option<(&mut Reuse, &Arc<Settings>, &Arc<String>)>,
) -> FirstReading {
    let bold_titles = titled::BoldTitles::of(text.get(from..).unwrap_or(""));
    let read_piece = |start: usize, end: usize, blocks: Blocks| {
        let piece = text.get(start..end).unwrap_or("");
        let headings = classify_headings(piece, &blocks, settings);
        let mut labels = find_label_lines(piece, &blocks, &headings, settings);
        // Rows of tables whose columns are parts: their cells are labelled parts (raw parts
        // are put in order after the pieces are joined).
        let (rows, cells) = titled::table_stories(piece, &blocks, &settings.vocabulary);
        labels.extend(cells);
        // A list ends before the heading that ends its piece: an item is read in its piece; and
        // a `<details>` story holds no heading, so none crosses a cut either.
        let mut titled: Vec<TitledItem> = (0..blocks.items.len())
            .filter_map(|i| titled::titled(piece, &blocks.items, i, &settings.vocabulary))
            .collect();
        let heading_starts: Vec<usize> = headings.iter().map(|h| h.line_start).collect();
        titled.extend(titled::details_stories(
            piece,
            &blocks.code_blocks,
            &heading_starts,
        ));
        titled.extend(titled::lead_paragraph_stories(
            piece,
            &blocks,
            &heading_starts,
            &settings.vocabulary,
            bold_titles,
        ));
        let over_lists = titled::line_titles_over_lists(
            piece,
            &blocks,
            &heading_starts,
            &titled,
            &settings.vocabulary,
        );
        titled.extend(over_lists);
        titled.extend(titled::paragraph_stories(
            piece,
            &blocks,
            &heading_starts,
            &settings.vocabulary,
        ));
        titled.extend(rows);
        PieceReading {
            blocks,
            headings,
            labels,
            titled,
        }
    };
    let mut reading = FirstReading {
        unchanged: None,
        blocks: Blocks::default(),
        headings: Vec::new(),
        labels: Vec::new(),
        titled: Vec::new(),
    };
    match reuse {
        Some((reuse, shared, shared_text)) => {
            let earlier = reuse.take_earlier(shared, bold_titles);
            let reused = earlier.is_some();
            let (pieces, unchanged) = blocks::recut(text, from, earlier, read_piece);
            reading.unchanged = reused.then_some(unchanged);
            reading.reserve_for(&pieces);
            for piece in &pieces {
                // Kept for the next reading: copied, then moved to their place in the text.
                reading.add(piece.start, &piece.value);
            }
            reuse.keep(shared_text, from, shared, pieces, bold_titles);
        }
        None => {
            let pieces = blocks::recut(text, from, None, read_piece).0;
            reading.reserve_for(&pieces);
            for piece in &pieces {
                reading.add(piece.start, &piece.value);
            }
        }
    }
    reading
}

impl FirstReading {
    /// Makes room for every piece's reading: a long note's vectors are not grown (and copied)
    /// piece by piece on every keystroke.
    fn reserve_for(&mut self, pieces: &[Piece<PieceReading>]) {
        let readings = pieces.iter().map(|p| &p.value);
        self.blocks.reserve_for(readings.clone().map(|r| &r.blocks));
        self.headings
            .reserve(readings.clone().map(|r| r.headings.len()).sum());
        // With room for the sub-heading parts, which join the labels later: a long note's
        // labels are not copied again to make it.
        let sub_heading_parts =
            |r: &PieceReading| r.headings.iter().filter(|h| h.part.is_some()).count();
        self.labels.reserve(
            readings
                .clone()
                .map(|r| r.labels.len() + sub_heading_parts(r))
                .sum(),
        );
        self.titled.reserve(readings.map(|r| r.titled.len()).sum());
    }

    /// Adds a copy of a piece's reading, whose offsets are relative to `at` (element by
    /// element: no vector per piece).
    fn add(&mut self, at: usize, piece: &PieceReading) {
        self.blocks.append(&piece.blocks, at);
        self.titled.extend(piece.titled.iter().map(|t| {
            let mut t = t.clone();
            shift(&mut t.first_line, at);
            shift(&mut t.title, at);
            t.line_start += at;
            t.end += at;
            t.own_end += at;
            t.story_start += at;
            t
        }));
        self.headings.extend(piece.headings.iter().map(|h| {
            let mut h = h.clone();
            shift(&mut h.range, at);
            shift(&mut h.title, at);
            h.line_start += at;
            h
        }));
        self.labels.extend(piece.labels.iter().map(|p| {
            let mut p = p.clone();
            shift(&mut p.label, at);
            p.line_start += at;
            p.body_start += at;
            p.hard_end = p.hard_end.saturating_add(at);
            if let Notation::ListLabel { item_end, .. } = &mut p.notation {
                *item_end += at;
            }
            p
        }));
    }
}

fn shift(r: &mut Range<usize>, by: usize) {
    *r = r.start + by..r.end + by;
}
