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

    pub fn encoding(&self) -> Encoding {
        self.encoding
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
