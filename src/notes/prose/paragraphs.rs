//! Cutting a region into paragraphs of prose (blank lines, list items and cut-out ranges end
//! one; wrapped lines join), and finding the sentence around a cue.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One paragraph of prose, joined from line pieces.
pub(super) struct Paragraph {
    /// The pieces joined with a space (or a line break, see [`push_piece`]), emphasis and
    /// code markers blanked.
    pub joined: String,
    /// For each piece: its start in `joined` and in the original text, and its length.
    map: Vec<(usize, usize, usize)>,
    /// Whether the writer has not capitalised a sentence (so far, while it is joined): the
    /// paragraph opens in lower case and no full stop is followed by a capital.
    pub uncapitalised: bool,
}

impl Paragraph {
    /// Original offset of a position in `joined` (a joining space maps to its piece's end).
    pub fn original(&self, at: usize) -> usize {
        let i = self
            .map
            .partition_point(|(j, _, _)| *j <= at)
            .saturating_sub(1);
        match self.map.get(i) {
            Some((j, o, len)) => o + (at - j).min(*len),
            None => 0,
        }
    }
}

/// The UAX #29 sentence of `joined` that holds byte `at`, segmenting only a window from the
/// last sentence end before it (`. `, `! `, `? `) to the next one after it.
pub(super) fn sentence_around(joined: &str, at: usize) -> Option<(usize, &str)> {
    const REACH: usize = 600;
    let floor = |mut i: usize| {
        while !joined.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < joined.len() && !joined.is_char_boundary(i) {
            i += 1;
        }
        i.min(joined.len())
    };
    let back = floor(at.saturating_sub(REACH));
    let before = joined.get(back..at)?.as_bytes();
    let start = (0..before.len())
        .rev()
        .find_map(|i| terminator_at(before, i))
        .map_or(back, |len| back + len);
    let ahead = ceil((at + REACH).min(joined.len()));
    let after = joined.get(at..ahead)?.as_bytes();
    let end = (0..after.len())
        .find_map(|i| terminator_at(after, i))
        .map_or(ahead, |len| at + len);
    let window = joined.get(start..end)?;
    // A plain-ASCII window with no terminator before its end is one sentence: UAX #29 would
    // say so too, at a cost (most cues are found in such windows).
    let body = window.trim_end();
    let body = body.strip_suffix(['.', '!', '?']).unwrap_or(body);
    if window.is_ascii() && !body.contains(['.', '!', '?']) {
        return Some((start, window));
    }
    sentences(window)
        .map(|(i, s)| (start + i, s))
        .find(|(s, text)| *s <= at && at < s + text.len())
}

/// The end of a sentence terminator (`。`, or `.`, `!`, `?` and a space) that starts at byte `i`
/// of `bytes`, as an offset in `bytes`; a title's full stop (`Mrs. K`) ends nothing.
fn terminator_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i..)? {
        [b'.', b' ', ..] if ends_with_a_title(bytes.get(..=i)?) => None,
        [b'.' | b'!' | b'?', b' ', ..] => Some(i + 2),
        // A line that ends a sentence (see `push_piece`).
        [b'\n', ..] => Some(i + 1),
        [0xE3, 0x80, 0x82, ..] => Some(i + 3),
        _ => None,
    }
}

/// Titles and abbreviations written with a full stop before a name or a word that UAX #29
/// takes for a sentence's end (`Mr. Delgado`, `Dr. Shah`, `St. Mary's`): people's notes are
/// full of them, and a story cut there loses the sentence's verb.
const TITLES: &[&[u8]] = &[
    b"Mr.", b"Mrs.", b"Ms.", b"Mx.", b"Dr.", b"Prof.", b"St.", b"Sgt.", b"Insp.", b"Det.",
    b"Capt.", b"Lt.", b"Cllr.", b"Rev.", b"Fr.", b"Supt.", b"Cpl.", b"Gen.", b"Col.", b"Hon.",
];

/// Whether `before` (up to and including a full stop) ends with one of [`TITLES`], as a word.
fn ends_with_a_title(before: &[u8]) -> bool {
    TITLES.iter().any(|title| {
        before.ends_with(title)
            && before
                .len()
                .checked_sub(title.len() + 1)
                .and_then(|i| before.get(i))
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// The UAX #29 sentences of `joined` with their offsets, a sentence that ends with a title's
/// full stop (see [`TITLES`]) joined to the one after it.
pub(super) fn sentences(joined: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pieces = joined.split_sentence_bound_indices();
    std::iter::from_fn(move || {
        let (start, first) = pieces.next()?;
        let mut end = start + first.len();
        while joined
            .get(..end)
            .is_some_and(|s| ends_with_a_title(s.trim_end().as_bytes()))
        {
            match pieces.next() {
                Some((at, next)) => end = at + next.len(),
                None => break,
            }
        }
        Some((start, joined.get(start..end).unwrap_or("")))
    })
}

pub(super) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// Cuts `region` into paragraphs of prose and hands each to `read`, in order. One paragraph's
/// buffers serve them all: a long note has tens of thousands.
pub(super) fn paragraphs(
    text: &str,
    region: Range<usize>,
    cut: &[Range<usize>],
    mut read: impl FnMut(&Paragraph),
) {
    let mut current = Paragraph {
        joined: String::new(),
        map: Vec::new(),
        uncapitalised: false,
    };
    let mut flush = |p: &mut Paragraph| {
        if !p.map.is_empty() {
            read(p);
            p.joined.clear();
            p.map.clear();
        }
    };
    let mut cut_at = cut.partition_point(|r| r.end <= region.start);
    let mut pos = region.start;
    let end = region.end.min(text.len());
    while pos < end {
        let line_end =
            memchr::memchr2(b'\n', b'\r', &text.as_bytes()[pos..end]).map_or(end, |i| pos + i);
        let line_start = pos;
        pos = line_end + 1;
        let Some(line) = text.get(line_start..line_end) else {
            break;
        };
        let content = line_content(line);
        if content.starts_new_block {
            flush(&mut current);
        }
        let mut piece_start = line_start + content.offset;
        if piece_start >= line_end {
            flush(&mut current);
            continue;
        }
        // Pieces of the line outside the cut ranges.
        while cut_at < cut.len() && cut[cut_at].end <= piece_start {
            cut_at += 1;
        }
        let mut k = cut_at;
        while piece_start < line_end {
            let next_cut = cut.get(k).filter(|r| r.start < line_end);
            let piece_end = next_cut.map_or(line_end, |r| r.start.max(piece_start));
            if piece_end > piece_start {
                let new_line = piece_start == line_start + content.offset;
                push_piece(&mut current, text, piece_start..piece_end, new_line);
            }
            match next_cut {
                Some(r) => {
                    // A cut that spans lines (code, a comment block) ends the paragraph.
                    if text
                        .get(r.start.max(piece_start)..r.end.min(text.len()))
                        .is_some_and(|s| s.contains('\n'))
                    {
                        flush(&mut current);
                    }
                    piece_start = r.end.max(piece_start);
                    k += 1;
                }
                None => piece_start = line_end,
            }
        }
        if pos > line_end && text.as_bytes().get(line_end) == Some(&b'\r') {
            // CRLF: the `\n` after the `\r` starts an empty line that is no paragraph break.
            if text.as_bytes().get(pos) == Some(&b'\n') {
                pos += 1;
            }
        }
    }
    flush(&mut current);
}

fn push_piece(paragraph: &mut Paragraph, text: &str, range: Range<usize>, new_line: bool) {
    let Some(piece) = text.get(range.clone()) else {
        return;
    };
    if piece.trim().is_empty() {
        return;
    }
    if !paragraph.joined.is_empty() {
        // A writer who does not capitalise often does not end sentences either: a line that
        // leaves nothing open ends one ("hired 9 temps in nov" / "did all the interviews
        // myself"). The line break is kept, and UAX #29, the cue patterns' `^` and the
        // sentence window all take it for a sentence's end.
        let ends_a_line_sentence = new_line
            && paragraph.uncapitalised
            && !crate::text::leaves_a_sentence_open(&paragraph.joined);
        paragraph
            .joined
            .push(if ends_a_line_sentence { '\n' } else { ' ' });
    }
    if paragraph.joined.is_empty() {
        // A name may open it (`Dave was doing his hours with me. v nervous, …`): its next
        // sentence in lower case says as much.
        paragraph.uncapitalised = piece
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(|c: char| c.is_ascii_lowercase())
            || opens_a_sentence_in_lower_case(piece);
    }
    if paragraph.uncapitalised && capitalises(piece) {
        paragraph.uncapitalised = false;
    }
    paragraph
        .map
        .push((paragraph.joined.len(), range.start, piece.len()));
    // Emphasis and code markers become spaces (same length), so that cues read through them.
    let mut last = 0;
    for i in memchr::memchr3_iter(b'*', b'_', b'`', piece.as_bytes()) {
        paragraph
            .joined
            .push_str(piece.get(last..i).unwrap_or_default());
        paragraph.joined.push(' ');
        last = i + 1;
    }
    paragraph
        .joined
        .push_str(piece.get(last..).unwrap_or_default());
}

/// Whether a sentence in `piece` opens in lower case after a full stop, `!` or `?`.
pub(crate) fn opens_a_sentence_in_lower_case(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', bytes).any(|at| {
        bytes.get(at + 1) == Some(&b' ') && bytes.get(at + 2).is_some_and(u8::is_ascii_lowercase)
    })
}

/// Whether a sentence in `piece` opens with a capital after a full stop, `!` or `?`.
fn capitalises(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', bytes).any(|at| {
        bytes.get(at + 1) == Some(&b' ') && bytes.get(at + 2).is_some_and(u8::is_ascii_uppercase)
    })
}

struct LineContent {
    /// Where the prose starts on the line, after quote and list markers.
    offset: usize,
    /// The line starts a list item or is blank: the paragraph before it ends.
    starts_new_block: bool,
}

fn line_content(line: &str) -> LineContent {
    let mut at = 0;
    let mut new_block = false;
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        at += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix('>') {
            at += 1;
            let _ = after;
            continue;
        }
        if let Some(len) = list_marker(trimmed) {
            at += len;
            new_block = true;
            continue;
        }
        break;
    }
    if line[at..].trim().is_empty() {
        new_block = true;
    }
    LineContent {
        offset: at,
        starts_new_block: new_block,
    }
}

/// `- `, `* `, `+ `, `1. `, `2) ` and a task box after them.
fn list_marker(text: &str) -> Option<usize> {
    let len = super::super::label_lines::list_marker_with_space(text)?;
    Some(len + crate::labels::strip_checkbox(&text[len..]).0)
}

/// Where a story's actions stand: the first one's sentence, and the last one's end.
pub(super) struct ActionSpan {
    pub first: Range<usize>,
    pub last_end: usize,
}

/// Where a story's actions stand in `hits`; none without an action.
pub(super) fn action_span(hits: &[super::Hit]) -> Option<ActionSpan> {
    let actions = hits
        .iter()
        .filter(|h| h.kind == crate::kinds::PartKind::Action);
    let first = actions
        .clone()
        .map(|h| h.sentence.clone())
        .min_by_key(|r| r.start)?;
    let last_end = actions.map(|h| h.sentence.end).max()?;
    Some(ActionSpan { first, last_end })
}

/// The sentences (their ranges in `text`, trimmed, and their words as joined) of `region`
/// that start at or after `after`, read from the start of the line `after` is on (a paragraph
/// is cut from line starts).
pub(super) fn sentences_from(
    text: &str,
    region: &Range<usize>,
    cut: &[Range<usize>],
    after: usize,
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let from = crate::blocks::line_start(text, after).max(region.start);
    paragraphs(text, from..region.end, cut, |paragraph| {
        for (at, sentence) in sentences(&paragraph.joined) {
            let lead = sentence.len() - sentence.trim_start().len();
            let inner = sentence.trim();
            let start = paragraph.original(at + lead);
            if inner.is_empty() || start < after {
                continue;
            }
            let end = paragraph.original(at + lead + inner.len());
            out.push((start..end, inner.to_string()));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_full_stop_ends_no_sentence() {
        let text = "I interviewed Mrs. K at the centre. Dr. Shah agreed. He left.";
        let found: Vec<&str> = sentences(text).map(|(_, s)| s.trim()).collect();
        assert_eq!(
            found,
            [
                "I interviewed Mrs. K at the centre.",
                "Dr. Shah agreed.",
                "He left."
            ]
        );
        let at = text.find("at the centre").unwrap_or(0);
        assert_eq!(
            sentence_around(text, at).map(|(_, s)| s.trim()),
            Some("I interviewed Mrs. K at the centre.")
        );
        // A sentence's own full stop still ends it; a title without one joins nothing.
        let plain = "I rang Tom. Mrs Hall agreed. The Jays beat the Cardinals. St. Mary's won.";
        assert_eq!(sentences(plain).count(), 4);
    }

    /// The paragraphs `paragraphs` hands over, as joined.
    fn joined(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        paragraphs(text, 0..text.len(), &[], |p| out.push(p.joined.clone()));
        out
    }

    #[test]
    fn a_writer_who_does_not_capitalise_ends_sentences_with_lines() {
        assert_eq!(
            joined("hired 9 temps in nov\ndid the interviews myself\nnext yr a trial shift"),
            ["hired 9 temps in nov\ndid the interviews myself\nnext yr a trial shift"]
        );
        let found: Vec<String> = joined("hired 9 temps in nov\ndid the interviews myself")
            .iter()
            .flat_map(|p| {
                sentences(p)
                    .map(|(_, s)| s.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(found, ["hired 9 temps in nov", "did the interviews myself"]);
        // A line that leaves its sentence open goes on; a writer who capitalises wraps lines.
        assert_eq!(
            joined("rebuilt the early duties on the\nfly, dropped two runs"),
            ["rebuilt the early duties on the fly, dropped two runs"]
        );
        assert_eq!(
            joined("our bill jumped. I got\nquotes from three mills"),
            ["our bill jumped. I got quotes from three mills"]
        );
        assert_eq!(
            joined("Hired 9 temps in November\nand did the interviews"),
            ["Hired 9 temps in November and did the interviews"]
        );
        // A name may open it: its next sentence in lower case shows the writer's way.
        assert_eq!(
            joined(
                "Dave did his hours with me. v nervous on the bank\nlearned ppl fix what they hear"
            ),
            ["Dave did his hours with me. v nervous on the bank\nlearned ppl fix what they hear"]
        );
        assert_eq!(
            joined("Dave did his hours with me. He was nervous on the bank\nand braked early"),
            ["Dave did his hours with me. He was nervous on the bank and braked early"]
        );
    }
}
