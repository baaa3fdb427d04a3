//! The first reading steps, done piece by piece (see [`crate::blocks::recut`]): the blocks,
//! the headings classified and the label lines of each piece depend on its text alone, so a
//! document read again after an edit keeps them for every piece the edit did not touch.

use std::ops::Range;
use std::sync::Arc;

use crate::blocks::{self, Blocks, Earlier, Piece};
use crate::config::Settings;

use super::headings::classify_headings;
use super::label_lines::find_label_lines;
use super::{Heading, Notation, RawPart};

/// What one piece says, with offsets relative to its start.
#[derive(Debug)]
pub(super) struct PieceReading {
    blocks: Blocks,
    headings: Vec<Heading>,
    labels: Vec<RawPart>,
}

/// A document's earlier reading, kept between versions so that the next reading reads again
/// only the pieces an edit touched. Reading with it gives exactly what reading afresh gives.
#[derive(Debug, Default)]
pub struct Reuse {
    /// The text that was read (lone `\r` read as `\n`), and where its Markdown starts.
    text: String,
    from: usize,
    /// The settings it was read with: labels depend on them.
    settings: Option<Arc<Settings>>,
    pieces: Vec<Piece<PieceReading>>,
}

impl Reuse {
    /// The earlier pieces, when they were read under the same settings.
    fn take_earlier(&mut self, settings: &Arc<Settings>) -> Option<Earlier<'_, PieceReading>> {
        let same = self
            .settings
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, settings));
        let pieces = std::mem::take(&mut self.pieces);
        same.then_some(Earlier {
            text: &self.text,
            from: self.from,
            pieces,
        })
    }

    fn keep(
        &mut self,
        text: &str,
        from: usize,
        settings: &Arc<Settings>,
        pieces: Vec<Piece<PieceReading>>,
    ) {
        self.text.clear();
        self.text.push_str(text);
        self.from = from;
        self.settings = Some(Arc::clone(settings));
        self.pieces = pieces;
    }
}

/// The blocks, classified headings (sections not cut yet) and label lines of `text[from..]`.
pub(super) struct FirstReading {
    pub blocks: Blocks,
    pub headings: Vec<Heading>,
    pub labels: Vec<RawPart>,
}

/// Reads `text[from..]` piece by piece; with `reuse`, keeps the pieces of its earlier reading
/// that the edit did not touch, and keeps this reading in it for the next.
pub(super) fn read(
    text: &str,
    from: usize,
    settings: &Settings,
    reuse: Option<(&mut Reuse, &Arc<Settings>)>,
) -> FirstReading {
    let read_piece = |start: usize, end: usize, blocks: Blocks| {
        let piece = text.get(start..end).unwrap_or("");
        let headings = classify_headings(piece, &blocks, settings);
        let labels = find_label_lines(piece, &blocks, &headings, settings);
        PieceReading {
            blocks,
            headings,
            labels,
        }
    };
    let mut reading = FirstReading {
        blocks: Blocks::default(),
        headings: Vec::new(),
        labels: Vec::new(),
    };
    let mut add = |piece: &Piece<PieceReading>| {
        let at = piece.start;
        reading.blocks.append(&piece.value.blocks, at);
        reading
            .headings
            .extend(piece.value.headings.iter().map(|h| shifted_heading(h, at)));
        reading
            .labels
            .extend(piece.value.labels.iter().map(|p| shifted_label(p, at)));
    };
    match reuse {
        Some((reuse, shared)) => {
            let earlier = reuse.take_earlier(shared);
            let pieces = blocks::recut(text, from, earlier, read_piece);
            pieces.iter().for_each(&mut add);
            reuse.keep(text, from, shared, pieces);
        }
        None => {
            for piece in blocks::recut(text, from, None, read_piece) {
                add(&piece);
            }
        }
    }
    reading
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

fn shifted_heading(h: &Heading, by: usize) -> Heading {
    Heading {
        range: shift(&h.range, by),
        title: shift(&h.title, by),
        line_start: h.line_start + by,
        ..h.clone()
    }
}

fn shifted_label(p: &RawPart, by: usize) -> RawPart {
    let notation = match &p.notation {
        Notation::ListLabel {
            style,
            marker,
            prefix,
            checkbox,
            item_end,
        } => Notation::ListLabel {
            style: *style,
            marker: marker.clone(),
            prefix: prefix.clone(),
            checkbox: *checkbox,
            item_end: item_end + by,
        },
        other => other.clone(),
    };
    RawPart {
        kind: p.kind,
        notation,
        label: shift(&p.label, by),
        line_start: p.line_start + by,
        body_start: p.body_start + by,
        hard_end: p.hard_end.saturating_add(by),
        ends_at_heading: p.ends_at_heading,
        letter: p.letter,
        marker: p.marker,
    }
}
