//! Plain-text helpers over byte ranges: text with some ranges cut out, and a line index for
//! the command line (the server converts positions with its rope instead).

use std::borrow::Cow;
use std::ops::Range;

/// The text of `range` with every range of `cut` (each list sorted by start) removed; a space
/// stands in for each cut so that words on either side stay apart.
pub fn without<'a>(text: &'a str, range: Range<usize>, cut: &[&Vec<Range<usize>>]) -> Cow<'a, str> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for list in cut {
        let first = list.partition_point(|r| r.end <= range.start);
        for r in &list[first..] {
            if r.start >= range.end {
                break;
            }
            pieces.push(r.start.max(range.start)..r.end.min(range.end));
        }
    }
    if pieces.is_empty() {
        return Cow::Borrowed(&text[range]);
    }
    pieces.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for piece in pieces {
        if piece.start > at {
            out.push_str(&text[at..piece.start]);
        }
        out.push(' ');
        at = at.max(piece.end);
    }
    if at < range.end {
        out.push_str(&text[at..range.end]);
    }
    Cow::Owned(out)
}

/// Units in which a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

/// Byte offset → (0-based line, column) for one text.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// Line and column of `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, offset: usize, encoding: Encoding) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let column = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf32 => before.chars().count(),
        };
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_ranges_and_keeps_words_apart() {
        let text = "we<!-- x -->did `code` it";
        let comments = vec![Range { start: 2, end: 12 }];
        let code = vec![Range { start: 16, end: 22 }];
        assert_eq!(
            without(text, 0..text.len(), &[&comments, &code]),
            "we did   it"
        );
        assert_eq!(without(text, 5..text.len(), &[&comments]), " did `code` it");
    }

    #[test]
    fn positions_in_each_encoding() {
        let text = "a\r\n😀b\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3, Encoding::Utf16), (1, 0));
        assert_eq!(index.position(8, Encoding::Utf8), (1, 5));
        assert_eq!(index.position(8, Encoding::Utf16), (1, 3));
        assert_eq!(index.position(8, Encoding::Utf32), (1, 2));
        assert_eq!(index.position(5, Encoding::Utf32), (1, 0));
        assert_eq!(index.position(999, Encoding::Utf8), (2, 0));
    }
}
