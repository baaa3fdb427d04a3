//! A text cut into pieces where Markdown's block structure starts afresh, so that an edit is
//! read again only in the pieces it touched.
//!
//! A piece starts at the text's start or at a top-level ATX heading (a line starting with one
//! to six `#`), and runs to another such heading — one in four is a cut, see [`is_cut`] — that
//! the piece's own reading parses as a heading: a heading in column 0 closes every list,
//! quote, paragraph and table before it, so only a fence or an HTML block still open can
//! swallow it, and then the piece runs on to a later one. What a piece reads depends on its own
//! text, the line after it and the few bytes before each cut, nothing else: reading a text
//! piece by piece from its start always cuts it the same way, which is what lets [`recut`] keep
//! the pieces an edit did not touch and still give exactly the result of reading the whole text
//! again.
//!
//! Two things CommonMark reads across a whole document are read within a piece: a link
//! reference definition counts in its own piece (it decides nothing Hindsight reads, only
//! whether brackets are a link), and a comment opened in a paragraph ends, at the latest,
//! with its piece.

use std::ops::Range;

use memchr::memmem;

use super::{Blocks, read_source};
use crate::parallel::READ_APART;

/// A piece of a text and what was read from it.
#[derive(Debug, Clone)]
pub struct Piece<T> {
    /// Where the piece starts and ends in the text it was read from.
    pub start: usize,
    pub end: usize,
    /// The end of what was read to cut the piece: the line after it (the heading that ends it),
    /// or the text's end.
    checked_until: usize,
    pub value: T,
}

/// A piece read from a text: its end and its blocks, relative to its start.
pub(super) struct ReadPiece {
    pub end: usize,
    checked_until: usize,
    pub blocks: Blocks,
}

/// Reads the piece of `text` that starts at `start` (the text's start or a top-level heading).
pub(super) fn read_piece(text: &str, start: usize) -> ReadPiece {
    // Most pieces end at the next heading; a fence or HTML block left open runs on, and the
    // candidates tried double each time so that an unclosed fence costs a few readings, not
    // one per heading it swallows.
    let mut wanted = 1usize;
    loop {
        let end = nth_heading_line(text, start, wanted);
        let checked_until = if end >= text.len() {
            text.len()
        } else {
            memchr::memchr(b'\n', &text.as_bytes()[end..]).map_or(text.len(), |i| end + i + 1)
        };
        let source = text.get(start..checked_until).unwrap_or("");
        let (blocks, closed) = read_source(source, end - start);
        if end >= text.len() || closed {
            return ReadPiece {
                end,
                checked_until,
                blocks,
            };
        }
        wanted = wanted.saturating_mul(2);
    }
}

/// The start of the `n`-th line after the one at `start` that opens with an ATX heading
/// marker in column 0 and is a cut (see [`is_cut`]), or the text's end.
fn nth_heading_line(text: &str, start: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let mut seen = 0;
    for newline in memmem::find_iter(bytes.get(start..).unwrap_or(&[]), b"\n#") {
        let line = start + newline + 1;
        if opens_atx_heading(&bytes[line..]) && is_cut(bytes, line) {
            seen += 1;
            if seen == n {
                return line;
            }
        }
    }
    text.len()
}

/// How many bytes before a heading line decide, with the line, whether it is a cut.
pub(super) const LOOKBACK: usize = 32;

/// Whether a top-level heading line may end a piece. Each piece costs the parser's set-up, so
/// about one heading in four is a cut: chosen by a hash of the heading's line and the bytes
/// before it (so that a note's repeated `### Result` lines are not all cut or all passed), never
/// by where the piece started, so that reading after an edit finds the same cuts again.
fn is_cut(bytes: &[u8], line: usize) -> bool {
    let end = memchr::memchr(b'\n', &bytes[line..]).map_or(bytes.len(), |i| line + i);
    let mut hash: u32 = 0x811c_9dc5;
    for &b in &bytes[line.saturating_sub(LOOKBACK)..end] {
        hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    // The high bits mix every byte.
    hash >> 30 == 0
}

/// One to six `#` followed by white space or the line's end.
pub(crate) fn opens_atx_heading(line: &[u8]) -> bool {
    let hashes = line.iter().take(7).take_while(|b| **b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(line.get(hashes), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
}

/// The pieces of an earlier reading, and the text they were read from.
pub struct Earlier<'a, T> {
    pub text: &'a str,
    pub from: usize,
    pub pieces: Vec<Piece<T>>,
}

/// What two versions of a text share at their ends: where a later step may recall what it
/// found in the earlier version.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unchanged {
    /// Bytes shared at the start.
    prefix: usize,
    /// Bytes shared at the end (not overlapping the prefix in either version).
    suffix: usize,
    old_len: usize,
    new_len: usize,
}

impl Unchanged {
    /// What `old` and `new` share at their ends (the end not overlapping the start).
    pub fn between(old: &str, new: &str) -> Unchanged {
        let prefix = common_prefix(old, new);
        let suffix = common_suffix(old, new).min(old.len().min(new.len()) - prefix);
        Unchanged {
            prefix,
            suffix,
            old_len: old.len(),
            new_len: new.len(),
        }
    }

    /// Bytes shared at the start.
    pub fn prefix(&self) -> usize {
        self.prefix
    }

    /// Bytes shared at the end.
    pub fn suffix(&self) -> usize {
        self.suffix
    }

    /// The two versions' lengths, earlier then later.
    pub fn lengths(&self) -> (usize, usize) {
        (self.old_len, self.new_len)
    }

    /// Where `span` of the new text was in the earlier one, when all of it is unchanged: the
    /// offset to add to a new offset to find the old one (wrapping), or `None`.
    pub fn shift_to_old(&self, span: &Range<usize>) -> Option<usize> {
        if span.end <= self.prefix {
            Some(0)
        } else if span.start >= self.new_len - self.suffix && span.end <= self.new_len {
            Some(self.old_len.wrapping_sub(self.new_len))
        } else {
            None
        }
    }
}

/// Cuts `text[from..]` into pieces, keeping those of `earlier` that the change from its text
/// did not touch, and reading the others with `read` (given the piece's start and end and its
/// blocks, relative to its start). The pieces are those that reading `text` from scratch
/// gives, with the same values when `read` is a function of the piece's text. Also says what
/// the two texts share (nothing without an earlier reading).
pub fn recut<T: Send>(
    text: &str,
    from: usize,
    earlier: Option<Earlier<'_, T>>,
    read: impl Fn(usize, usize, Blocks) -> T + Sync,
) -> (Vec<Piece<T>>, Unchanged) {
    let from = from.min(text.len());
    let mut unchanged = Unchanged {
        new_len: text.len(),
        ..Unchanged::default()
    };
    let mut pieces: Vec<Piece<T>> =
        Vec::with_capacity(earlier.as_ref().map_or(0, |e| e.pieces.len() + 1));
    let mut at = from;
    // The earlier pieces after the change: those in the unchanged end of the text are found
    // again at their new offsets.
    let mut tail: Vec<Piece<T>> = Vec::new();
    let mut tail_old_start = usize::MAX;
    let mut old_len = 0;
    if let Some(earlier) = earlier.filter(|e| e.from == from) {
        old_len = earlier.text.len();
        unchanged = Unchanged::between(earlier.text, text);
        let (same, suffix) = (unchanged.prefix, unchanged.suffix);
        let identical = same == old_len && same == text.len();
        let mut old = earlier.pieces.into_iter();
        for piece in old.by_ref() {
            // A piece is kept when its text and the heading line after it are unchanged, and
            // it did not end with the text (more text may now follow it).
            let keep = identical || (piece.checked_until <= same && piece.end < old_len);
            if !keep {
                // Later pieces wait to be found again after the change.
                // A piece's cuts look back LOOKBACK bytes: the reading from an unchanged piece
                // is the same only when those bytes are unchanged too.
                tail_old_start = (old_len - suffix).saturating_add(LOOKBACK);
                tail.extend(std::iter::once(piece).chain(old.by_ref()));
                break;
            }
            at = piece.end;
            pieces.push(piece);
        }
        tail.retain(|p| p.start >= tail_old_start);
    }
    if pieces.is_empty() && tail.is_empty() && text.len() - at >= READ_APART {
        // Nothing to recall (a note opened, or checked from the command line): a long text's
        // pieces are read on every core.
        let stretches = crate::parallel::cores().min((text.len() - at) / (READ_APART / 2));
        return (read_apart(text, at, &read, stretches), unchanged);
    }
    let mut tail = tail.into_iter().peekable();
    while at < text.len() {
        // An unchanged piece of the earlier text starting here: it and every later one read
        // the same as before, shifted.
        let old_start = (at + old_len).checked_sub(text.len());
        while tail.peek().is_some_and(|p| Some(p.start) < old_start) {
            tail.next();
        }
        if let Some(old_start) = old_start
            && tail.peek().is_some_and(|p| p.start == old_start)
        {
            for piece in tail.by_ref() {
                let shift = |offset: usize| offset + text.len() - old_len;
                pieces.push(Piece {
                    start: shift(piece.start),
                    end: shift(piece.end),
                    checked_until: shift(piece.checked_until),
                    value: piece.value,
                });
            }
            break;
        }
        let piece = read_piece_at(text, at, &read);
        at = piece.end;
        pieces.push(piece);
    }
    (pieces, unchanged)
}

/// The piece that starts at `at`, with `read`'s value of it.
fn read_piece_at<T>(text: &str, at: usize, read: &impl Fn(usize, usize, Blocks) -> T) -> Piece<T> {
    let piece = read_piece(text, at);
    Piece {
        start: at,
        end: piece.end,
        checked_until: piece.checked_until,
        value: read(at, piece.end, piece.blocks),
    }
}

/// The pieces of `text[from..]`, read in `stretches` on as many threads: each stretch after the first
/// starts at a cut near its share's start and is read on to the next stretch's start. A piece's
/// reading depends only on where it starts, so every piece read here that a reading from `from`
/// also starts is the piece that reading gives; where a piece runs past the next stretch's start
/// (a fence left open), [`recut`] reads on from its end until it meets a piece found here.
fn read_apart<T: Send>(
    text: &str,
    from: usize,
    read: &(impl Fn(usize, usize, Blocks) -> T + Sync),
    stretches: usize,
) -> Vec<Piece<T>> {
    let stretches = stretches.max(1);
    let share = (text.len() - from) / stretches;
    let mut starts: Vec<usize> = (1..stretches)
        .map(|i| next_cut(text, from + i * share))
        .collect();
    starts.insert(0, from);
    starts.dedup();
    starts.retain(|&s| s < text.len());
    let read_one = |at: usize| read_piece_at(text, at, read);
    let read_stretch = |at: usize, until: usize| {
        let mut pieces = Vec::new();
        let mut at = at;
        while at < until {
            let piece = read_one(at);
            at = piece.end;
            pieces.push(piece);
        }
        pieces
    };
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let stretches: Vec<Vec<Piece<T>>> = std::thread::scope(|scope| {
        let later: Vec<_> = starts
            .iter()
            .zip(ends.clone())
            .skip(1)
            .map(|(&at, until)| scope.spawn(move || read_stretch(at, until)))
            .collect();
        let mut stretches = vec![read_stretch(
            from,
            ends.clone().next().unwrap_or(text.len()),
        )];
        for stretch in later {
            match stretch.join() {
                Ok(pieces) => stretches.push(pieces),
                // A panic in a stretch is the caller's, as it would have been on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        stretches
    });
    // Joined where the reading from `from` meets each stretch: at its start, or, when a piece
    // ran past it, at the first of its pieces that the reading starts.
    let mut stretches = stretches.into_iter();
    let mut pieces = stretches.next().unwrap_or_default();
    for stretch in stretches {
        let mut at = pieces.last().map_or(from, |p| p.end);
        let mut stretch = stretch.into_iter().peekable();
        loop {
            while stretch.peek().is_some_and(|p| p.start < at) {
                stretch.next();
            }
            match stretch.peek() {
                Some(p) if p.start == at => break,
                Some(_) => {
                    let piece = read_one(at);
                    at = piece.end;
                    pieces.push(piece);
                }
                None => break,
            }
        }
        pieces.extend(stretch);
    }
    // The last stretch may have been left for a piece that ran to the end.
    let mut at = pieces.last().map_or(from, |p| p.end);
    while at < text.len() {
        let piece = read_one(at);
        at = piece.end;
        pieces.push(piece);
    }
    pieces
}

/// The first line at or after `offset` that starts a piece when reached (a cut heading), or
/// the text's end.
fn next_cut(text: &str, offset: usize) -> usize {
    let line = line_start_at_or_after(text.as_bytes(), offset);
    if line < text.len()
        && opens_atx_heading(&text.as_bytes()[line..])
        && is_cut(text.as_bytes(), line)
    {
        line
    } else {
        nth_heading_line(text, line.min(text.len()), 1)
    }
}

/// The start of the line that holds `offset` if `offset` starts one, else of the next line.
fn line_start_at_or_after(bytes: &[u8], offset: usize) -> usize {
    if offset == 0 || bytes.get(offset - 1) == Some(&b'\n') {
        return offset;
    }
    memchr::memchr(b'\n', bytes.get(offset..).unwrap_or(&[]))
        .map_or(bytes.len(), |i| offset + i + 1)
}

/// Compared a block at a time (a `memcmp`), so that the common part of two versions of a long
/// note costs little; then byte by byte in the block that differs.
const COMPARED_AT_ONCE: usize = 256;

/// How many bytes two texts share at their start, whole characters only.
fn common_prefix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let len = x.len().min(y.len());
    let mut n = 0;
    while n + COMPARED_AT_ONCE <= len && x[n..n + COMPARED_AT_ONCE] == y[n..n + COMPARED_AT_ONCE] {
        n += COMPARED_AT_ONCE;
    }
    n += x[n..len]
        .iter()
        .zip(&y[n..len])
        .take_while(|(p, q)| p == q)
        .count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// The `k` bytes before the last `n` of `bytes`.
fn before_last(bytes: &[u8], n: usize, k: usize) -> &[u8] {
    &bytes[bytes.len() - n - k..bytes.len() - n]
}

/// How many bytes two texts share at their end, whole characters only.
fn common_suffix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let len = x.len().min(y.len());
    let mut n = 0;
    while n + COMPARED_AT_ONCE <= len
        && before_last(x, n, COMPARED_AT_ONCE) == before_last(y, n, COMPARED_AT_ONCE)
    {
        n += COMPARED_AT_ONCE;
    }
    n += x[..x.len() - n]
        .iter()
        .rev()
        .zip(y[..y.len() - n].iter().rev())
        .take(len - n)
        .take_while(|(p, q)| p == q)
        .count();
    while !a.is_char_boundary(a.len() - n) || !b.is_char_boundary(b.len() - n) {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading in stretches on threads gives the pieces of a reading in order, also where a
    /// fence left open or an HTML block runs past a stretch's start.
    #[test]
    fn pieces_read_apart_are_those_read_in_order() {
        let mut text = String::from("---\ntitle: x\n---\nintro\n");
        for i in 0..8000 {
            text.push_str(&format!("# Heading {i}\ntext {i}\n\n## Sub {i}\n- item\n"));
            if i % 97 == 5 {
                text.push_str("```\nunclosed fence swallowing headings\n");
            }
            if i % 89 == 7 {
                text.push_str("```\n");
            }
            if i % 211 == 3 {
                text.push_str("<div>\n");
            }
        }
        let read = |s: usize, e: usize, _: Blocks| (s, e);
        let mut in_order = Vec::new();
        let mut at = 18;
        while at < text.len() {
            let piece = read_piece(&text, at);
            in_order.push((at, piece.end, piece.checked_until));
            at = piece.end;
        }
        assert!(in_order.len() > 100);
        for stretches in 1..=7 {
            let apart: Vec<_> = read_apart(&text, 18, &read, stretches)
                .into_iter()
                .map(|p| {
                    assert_eq!(p.value, (p.start, p.end));
                    (p.start, p.end, p.checked_until)
                })
                .collect();
            assert_eq!(apart, in_order, "{stretches} stretches");
        }
        // And through `recut`, which reads a text this long apart.
        assert!(text.len() >= READ_APART);
        let pieces: Vec<_> = recut(&text, 18, None, read)
            .0
            .into_iter()
            .map(|p| (p.start, p.end, p.checked_until))
            .collect();
        assert_eq!(pieces, in_order);
    }

    fn cut(text: &str) -> Vec<&str> {
        recut(text, 0, None, |_, _, _| ())
            .0
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect()
    }

    #[test]
    fn pieces_start_only_at_top_level_headings() {
        let mut text = String::from("intro\n");
        for i in 0..80 {
            text.push_str(&format!(
                "# Heading {i}\ntext\n  # indented {i}\n#hashtag{i}\n####### seven {i}\n"
            ));
        }
        let pieces = cut(&text);
        assert!((8..=40).contains(&pieces.len()), "{} pieces", pieces.len());
        assert!(pieces[0].starts_with("intro\n"));
        for piece in &pieces[1..] {
            assert!(piece.starts_with("# Heading "), "{piece:?}");
        }
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn a_heading_inside_an_open_fence_or_comment_does_not_cut() {
        let mut text = String::new();
        for i in 0..60 {
            text.push_str(&format!(
                "# A {i}\n```\n# fenced {i}\n```\n<!--\n# hidden {i}\n-->\n<div>\n# html {i}\n\n"
            ));
        }
        let pieces = cut(&text);
        assert!(pieces.len() > 4, "{} pieces", pieces.len());
        for piece in &pieces[1..] {
            assert!(piece.starts_with("# A "), "{piece:?}");
        }
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let mut text = String::from("# A\n```\n");
        for i in 0..200 {
            text.push_str(&format!("# x{i}\n"));
        }
        assert_eq!(cut(&text), [text.as_str()]);
    }

    #[test]
    fn the_same_blocks_as_one_reading_of_the_whole_text() {
        let text = "# A\n- Result: x <!-- a -->\n\n| a |\n|---|\n# B\n`code`\n    indented\n";
        let (one, _) = read_source(text, text.len());
        assert_eq!(super::super::scan(text, 0), one);
    }

    /// Reads `after` reusing the pieces of `before`, and compares with reading it afresh.
    fn check_reuse(before: &str, after: &str) -> usize {
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let (earlier, _) = recut(before, 0, None, |s, e, _| before[s..e].to_string());
        let (again, _) = recut(
            after,
            0,
            Some(Earlier {
                text: before,
                from: 0,
                pieces: earlier,
            }),
            |s, e, _| {
                reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                after[s..e].to_string()
            },
        );
        let (fresh, _) = recut(after, 0, None, |s, e, _| after[s..e].to_string());
        let spans = |p: &[Piece<String>]| {
            p.iter()
                .map(|p| (p.start, p.end, p.checked_until, p.value.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(&again), spans(&fresh), "{before:?} → {after:?}");
        reads.into_inner()
    }

    #[test]
    fn an_edit_reads_only_its_piece_again() {
        let before = "# A\none\n# B\ntwo\n# C\nthree\n";
        assert_eq!(check_reuse(before, "# A\none\n# B\ntwo!\n# C\nthree\n"), 1);
        assert_eq!(check_reuse(before, before), 0);
        // Opening a fence swallows the headings after it; closing it gives them back.
        assert_eq!(check_reuse(before, "# A\none\n# B\n```\n# C\nthree\n"), 1);
        check_reuse("# A\n```\n# B\n", "# A\n```\n```\n# B\n");
        // A heading typed, a heading removed, text added at either end.
        check_reuse(before, "# A\none\n# B\ntw\n# X\no\n# C\nthree\n");
        check_reuse(before, "# A\none\n# C\nthree\n");
        check_reuse(before, "x\n# A\none\n# B\ntwo\n# C\nthree\n");
        check_reuse(before, "# A\none\n# B\ntwo\n# C\nthree\n# D\n");
        check_reuse("# A\n# A\n# A\n", "# A\n# A\n# A\n# A\n");
        check_reuse("é# A\n", "# A\n");
    }

    #[test]
    fn a_character_typed_or_deleted_anywhere() {
        // Every position, so that edits in the bytes a cut looks back on are met too.
        let mut before = String::new();
        for i in 0..40 {
            before.push_str(&format!("## Story {i}\nI did {i}.\n### Result\nok\n"));
        }
        for at in 0..before.len() {
            let mut typed = before.clone();
            typed.insert(at, 'x');
            check_reuse(&before, &typed);
            let mut deleted = before.clone();
            deleted.remove(at);
            check_reuse(&before, &deleted);
        }
    }

    #[test]
    fn common_ends_in_whole_characters() {
        let long = "é".repeat(300);
        assert_eq!(
            common_prefix(&format!("{long}a"), &format!("{long}b")),
            long.len()
        );
        assert_eq!(
            common_suffix(&format!("a{long}"), &format!("b{long}")),
            long.len()
        );
        assert_eq!(common_prefix("é", "è"), 0);
        assert_eq!(common_suffix("é", "è"), 0);
        assert_eq!(common_prefix("abc", "ab"), 2);
        assert_eq!(common_suffix("abc", "bc"), 2);
        assert_eq!(common_suffix(&long, &long), long.len());
    }
}
