//! The one place where byte offsets meet lines and columns, for the CLI's output, the
//! workspace index and the language server alike.
//!
//! Lines end at `\r\n`, `\n` or a lone `\r` (LSP's rule). A column counts in the index's
//! encoding, chosen once: UTF-16 code units or UTF-8 bytes for an LSP client (whichever was
//! negotiated), characters for people. Out-of-range input is clamped, never a panic.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::ordered_memo::partition_point_near;

/// Units in which a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// The line starts of one text, and the encoding its columns are counted in. It holds no
/// text: every call takes the text it was built from.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    encoding: Encoding,
    /// The line the last lookup found: a publication asks for its findings' lines in order,
    /// each search starts there (an atomic, as the server's handlers share the index).
    last_line: AtomicUsize,
}

impl Clone for LineIndex {
    fn clone(&self) -> Self {
        LineIndex {
            starts: self.starts.clone(),
            encoding: self.encoding,
            last_line: AtomicUsize::new(self.last_line.load(Ordering::Relaxed)),
        }
    }
}

impl LineIndex {
    pub fn new(text: &str, encoding: Encoding) -> LineIndex {
        LineIndex {
            starts: line_starts(text),
            encoding,
            last_line: AtomicUsize::new(0),
        }
    }

    /// The index of `text`, a later version of the text `earlier` indexes, which shares
    /// `unchanged` with it: the line starts in the shared ends are kept (those after the edit
    /// moved by its length) and only the text between is searched. A keystroke in a long note
    /// then costs a copy of the line starts, not a search of the whole text. `None` when
    /// `unchanged` does not describe `earlier`'s text and `text`.
    pub fn after_edit(
        earlier: LineIndex,
        text: &str,
        unchanged: &crate::blocks::Unchanged,
    ) -> Option<LineIndex> {
        let (old_len, new_len) = unchanged.lengths();
        let (prefix, suffix) = (unchanged.prefix(), unchanged.suffix());
        let ends_fit = prefix.checked_add(suffix)? <= old_len.min(new_len);
        let earlier_fits = earlier.starts.last().is_some_and(|last| *last <= old_len);
        if new_len != text.len() || !ends_fit || !earlier_fits {
            return None;
        }
        // Whether a line starts at `s` depends on the bytes at `s - 1` and `s`: the starts
        // below `prefix` are the earlier ones, those above `new_len - suffix` the earlier
        // ones moved; the others are searched for.
        let (lo, hi) = (prefix.max(1), new_len - suffix + 1);
        let mut starts = earlier.starts;
        let kept_below = starts.partition_point(|s| *s < lo);
        let moved_from = starts.partition_point(|s| *s < old_len - suffix + 1);
        let moved = starts.len() - moved_from;
        starts.splice(kept_below..moved_from, starts_between(text, lo, hi));
        let first_moved = starts.len() - moved;
        for start in starts.iter_mut().skip(first_moved) {
            // At least `old_len - suffix + 1`, so never below 1 once moved.
            *start = (*start + new_len).saturating_sub(old_len);
        }
        Some(LineIndex {
            starts,
            encoding: earlier.encoding,
            last_line: AtomicUsize::new(0),
        })
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// How many lines the text has (one more than its line terminators).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The first line start after `offset`.
    pub fn first_start_after(&self, offset: usize) -> Option<usize> {
        let at = self.starts.partition_point(|s| *s <= offset);
        self.starts.get(at).copied()
    }

    /// The 0-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let near = self.last_line.load(Ordering::Relaxed).saturating_add(1);
        let line = partition_point_near(&self.starts, near, |s| *s <= offset).saturating_sub(1);
        self.last_line.store(line, Ordering::Relaxed);
        line
    }

    /// Line and column of `offset`, clamped to the text and moved back to the start of the
    /// character it falls inside.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let before = text.get(start..offset).unwrap_or("");
        let column = match self.encoding {
            Encoding::Utf8 => before.len(),
            // Most lines are ASCII: one unit a byte, counted without decoding.
            _ if before.is_ascii() => before.len(),
            _ => before.chars().map(|c| self.encoding.width(c)).sum(),
        };
        (line, column)
    }

    /// The byte offset of a line and column. A line past the end gives the end of the text; a
    /// column past the end of its line gives the end of the line (before its terminator); a
    /// column inside a character (a UTF-8 continuation byte, half a surrogate pair) moves back
    /// to its start.
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let next = self.starts.get(line + 1).copied();
        let end = content_end(text, start, next.unwrap_or(text.len()), next.is_none());
        let Some(content) = text.get(start..end) else {
            return text.len().min(start);
        };
        let mut counted = 0;
        for (i, c) in content.char_indices() {
            let width = self.encoding.width(c);
            if column < counted + width {
                return start + i; // at or inside this character: its start
            }
            counted += width;
        }
        end
    }
}

/// The byte offset of the start of each line: 0, then the offset after each line terminator
/// (`\r\n`, `\n` or a lone `\r`).
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(text.len() / 40 + 1);
    starts.push(0);
    // The `\n` of a `\r\n` is passed over: the line starts after it.
    let mut crlf_at = usize::MAX;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if at == crlf_at {
            continue;
        }
        if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
            crlf_at = at + 1;
            starts.push(at + 2);
        } else {
            starts.push(at + 1);
        }
    }
    starts
}

/// The line starts `s` of `text` with `lo <= s < hi` (`lo` at least 1): after a `\n`, or after a
/// `\r` not followed by one.
fn starts_between(text: &str, lo: usize, hi: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let from = lo.saturating_sub(1);
    let searched = bytes.get(from..hi.saturating_sub(1).min(bytes.len()));
    memchr::memchr2_iter(b'\n', b'\r', searched.unwrap_or_default()).filter_map(move |k| {
        let at = from + k;
        let starts = bytes.get(at) == Some(&b'\n') || bytes.get(at + 1) != Some(&b'\n');
        starts.then_some(at + 1)
    })
}

/// The end of a line's content: `next` (the start of the following line) without the
/// terminator before it. `next` is the text's length for the last line, which has none.
pub fn content_end(text: &str, start: usize, next: usize, last: bool) -> usize {
    if last {
        return next;
    }
    let bytes = text.as_bytes();
    let mut end = next;
    if end > start && bytes.get(end - 1) == Some(&b'\n') {
        end -= 1;
    }
    if end > start && bytes.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_each_encoding() {
        let text = "a\r\n😀b\n";
        let at = |encoding, offset| LineIndex::new(text, encoding).position(text, offset);
        assert_eq!(at(Encoding::Utf16, 3), (1, 0));
        assert_eq!(at(Encoding::Utf8, 8), (1, 5));
        assert_eq!(at(Encoding::Utf16, 8), (1, 3));
        assert_eq!(at(Encoding::Utf32, 8), (1, 2));
        assert_eq!(at(Encoding::Utf32, 5), (1, 0));
        assert_eq!(at(Encoding::Utf8, 999), (2, 0));
    }

    #[test]
    fn offsets_clamp_and_round_down() {
        let text = "a\r\n😀b\nlast";
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(utf16.offset(text, 1, 1), 3, "half a surrogate pair");
        assert_eq!(utf16.offset(text, 1, 2), 7);
        assert_eq!(utf16.offset(text, 0, 99), 1, "before the terminator");
        assert_eq!(utf16.offset(text, 9, 0), text.len());
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.offset(text, 1, 2), 3, "inside the emoji");
        assert_eq!(utf8.offset(text, 2, 2), 11);
    }

    proptest::proptest! {
        /// The index kept through an edit is the index built afresh.
        #[test]
        fn an_index_after_an_edit_is_the_one_built_afresh(
            old in "[ab\r\né]{0,24}",
            at in 0usize..30,
            removed in 0usize..6,
            inserted in "[ab\r\n]{0,6}",
        ) {
            let mut at = at.min(old.len());
            while !old.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + removed).min(old.len());
            while !old.is_char_boundary(end) {
                end += 1;
            }
            let new = format!("{}{inserted}{}", &old[..at], &old[end..]);
            let unchanged = crate::blocks::Unchanged::between(&old, &new);
            let earlier = LineIndex::new(&old, Encoding::Utf16);
            let kept = LineIndex::after_edit(earlier, &new, &unchanged).expect("fits");
            proptest::prop_assert_eq!(kept.starts, line_starts(&new));
        }
    }

    #[test]
    fn line_ends_made_and_unmade_at_an_edit_s_ends() {
        // (before, after): a `\r` typed into an empty text, a `\n` joining a `\r` into
        // `\r\n`, the `\n` of a `\r\n` deleted, a line end typed at the very end.
        for (old, new) in [
            ("", "\r"),
            ("a\rb", "a\r\nb"),
            ("a\r\nb", "a\rb"),
            ("ab", "ab\n"),
        ] {
            let unchanged = crate::blocks::Unchanged::between(old, new);
            let earlier = LineIndex::new(old, Encoding::Utf8);
            let kept = LineIndex::after_edit(earlier, new, &unchanged).expect("fits");
            assert_eq!(kept.starts, line_starts(new), "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn an_index_for_another_text_is_not_kept() {
        let unchanged = crate::blocks::Unchanged::between("a\nb\n", "a\nbc\n");
        let other = LineIndex::new("a much longer text\n\n\n", Encoding::Utf8);
        assert!(LineIndex::after_edit(other, "a\nbc\n", &unchanged).is_none());
        let earlier = LineIndex::new("a\nb\n", Encoding::Utf8);
        assert!(LineIndex::after_edit(earlier, "a\nbc\n\n", &unchanged).is_none());
    }

    #[test]
    fn a_lone_cr_ends_a_line_too() {
        let text = "a\rb\r\nc\nd\r";
        assert_eq!(line_starts(text), vec![0, 2, 5, 7, 9]);
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, 2), (1, 0));
        assert_eq!(utf8.position(text, 4), (1, 2));
        assert_eq!(utf8.position(text, 5), (2, 0));
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, 8), (3, 1));
        assert_eq!(utf16.position(text, 9), (4, 0));
        assert_eq!(content_end(text, 2, 5, false), 3);
        assert_eq!(content_end(text, 0, 2, false), 1);
        assert_eq!(content_end(text, 9, 9, true), 9);
    }
}
