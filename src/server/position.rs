//! Positions on a document's rope, where the client's edits are applied.
//!
//! Everything else converts through the analysis's [`LineIndex`] (the core's one line index,
//! built with the negotiated encoding); these functions work on the rope itself, since an
//! edit arrives before there is an index of the new text. Lines end at `\r\n`, `\n` or a
//! lone `\r` (LSP's rule); out-of-range positions are clamped, never a panic.
//!
//! ropey is built without its `cr_lines` feature, so its line functions split at `\n` only:
//! they are used while the text holds no lone `\r` (the usual case, checked with a scan of
//! its chunks); a text with one is converted through a line index of its own.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

pub use crate::line_index::{Encoding, LineIndex};

/// The LSP position of `offset` in the text `index` was built from.
pub fn lsp_position(index: &LineIndex, text: &str, offset: usize) -> Position {
    let (line, column) = index.position(text, offset);
    Position::new(saturate(line), saturate(column))
}

/// The byte offset of an LSP position in the text `index` was built from.
pub fn lsp_offset(index: &LineIndex, text: &str, position: Position) -> usize {
    index.offset(text, position.line as usize, position.character as usize)
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Byte offset → position. Offsets past the end are clamped; an offset inside a character
/// moves back to its start.
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    if has_lone_cr(rope) {
        let text = rope.to_string();
        return lsp_position(&LineIndex::new(&text, encoding), &text, offset);
    }
    let offset = offset.min(rope.len_bytes());
    let char_index = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_index);
    let line_char = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_index) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_char),
        Encoding::Utf32 => char_index - line_char,
    };
    Position::new(line as u32, character as u32)
}

pub fn range(rope: &Rope, bytes: std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range::new(
        position(rope, bytes.start, encoding),
        position(rope, bytes.end, encoding),
    )
}

/// Position → byte offset. A line past the end gives the end of the text; a column past the
/// end of its line gives the end of the line (before its terminator); a column inside a
/// character (a UTF-8 continuation byte, half a surrogate pair) moves back to its start.
pub fn offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    offset_knowing(rope, has_lone_cr(rope), position, encoding)
}

/// [`offset`], told whether the text holds a lone `\r` (see [`has_lone_cr_after_edit`]).
pub fn offset_knowing(rope: &Rope, lone_cr: bool, position: Position, encoding: Encoding) -> usize {
    if lone_cr {
        let text = rope.to_string();
        return lsp_offset(&LineIndex::new(&text, encoding), &text, position);
    }
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let slice = rope.line(line);
    let mut content_chars = slice.len_chars();
    if content_chars > 0 && slice.char(content_chars - 1) == '\n' {
        content_chars -= 1;
        if content_chars > 0 && slice.char(content_chars - 1) == '\r' {
            content_chars -= 1;
        }
    }
    let column = position.character as usize;
    let char_in_line = match encoding {
        Encoding::Utf8 => {
            let content_bytes = slice.char_to_byte(content_chars);
            let column = column.min(content_bytes);
            // byte_to_char rounds down to the character that holds the byte.
            slice.byte_to_char(column)
        }
        Encoding::Utf16 => {
            let content_units = slice.char_to_utf16_cu(content_chars);
            let column = column.min(content_units);
            let c = slice.utf16_cu_to_char(column);
            // utf16_cu_to_char rounds a half pair down already; keep within the content.
            c.min(content_chars)
        }
        Encoding::Utf32 => column.min(content_chars),
    };
    rope.line_to_byte(line) + slice.char_to_byte(char_in_line)
}

/// Whether the text holds a lone `\r` once `inserted` replaced what was at `start`, given
/// whether it held one before. Without one before, only the `\r` just before the edit and
/// those inserted can have lost their `\n`: a keystroke looks at a byte or two, not at the
/// whole text (a long paste, or a text with a lone `\r` already, is scanned again).
pub fn has_lone_cr_after_edit(rope: &Rope, held: bool, start: usize, inserted: &str) -> bool {
    const LOOKED_AT_MOST: usize = 4096;
    if held || inserted.len() > LOOKED_AT_MOST {
        return has_lone_cr(rope);
    }
    let len = rope.len_bytes();
    let byte = |i: usize| (i < len).then(|| rope.byte(i));
    let end = start.saturating_add(inserted.len()).min(len);
    (start.saturating_sub(1)..end).any(|i| byte(i) == Some(b'\r') && byte(i + 1) != Some(b'\n'))
}

/// Whether a `\r` not followed by `\n` is in the text (where ropey's lines are not LSP's).
pub fn has_lone_cr(rope: &Rope) -> bool {
    let mut cr_at_chunk_end = false;
    for chunk in rope.chunks() {
        let bytes = chunk.as_bytes();
        if bytes.is_empty() {
            continue;
        }
        if cr_at_chunk_end && bytes.first() != Some(&b'\n') {
            return true;
        }
        cr_at_chunk_end = false;
        if !bytes.contains(&b'\r') {
            continue;
        }
        for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'\r') {
            match bytes.get(i + 1) {
                Some(b'\n') => {}
                Some(_) => return true,
                None => cr_at_chunk_end = true,
            }
        }
    }
    cr_at_chunk_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_cjk_and_crlf() {
        let text = "# 🔬 Lab ☕\r\n𠮷田 e\u{301}x\r\nlast";
        let rope = Rope::from_str(text);
        let lab = text.find("Lab").unwrap();
        assert_eq!(position(&rope, lab, Encoding::Utf16), Position::new(0, 5));
        assert_eq!(position(&rope, lab, Encoding::Utf8), Position::new(0, 7));
        let x = text.find('x').unwrap();
        assert_eq!(position(&rope, x, Encoding::Utf16), Position::new(1, 6));
        assert_eq!(offset(&rope, Position::new(1, 6), Encoding::Utf16), x);
        // Past the end of a CRLF line: the end of its content.
        let line_end = text.find("x\r\n").unwrap() + 1;
        assert_eq!(
            offset(&rope, Position::new(1, 99), Encoding::Utf16),
            line_end
        );
        assert_eq!(
            offset(&rope, Position::new(9, 0), Encoding::Utf8),
            text.len()
        );
        // Inside a surrogate pair or a UTF-8 sequence: back to the character's start.
        let cjk = text.find('𠮷').unwrap();
        assert_eq!(offset(&rope, Position::new(1, 1), Encoding::Utf16), cjk);
        assert_eq!(offset(&rope, Position::new(1, 2), Encoding::Utf8), cjk);
    }

    #[test]
    fn line_index_agrees_with_the_rope() {
        let text = "# 🔬 Lab ☕\r\n𠮷田 e\u{301}x\r\n\nlast";
        let rope = Rope::from_str(text);
        for offset in 0..=text.len() + 2 {
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let lines = LineIndex::new(text, encoding);
                assert_eq!(
                    lsp_position(&lines, text, offset),
                    position(&rope, offset, encoding),
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn lone_cr_ends_lines_for_the_rope_and_the_index() {
        let text = "## A\r😀x\r\ry\r\nz\nlast\r";
        let rope = Rope::from_str(text);
        assert!(has_lone_cr(&rope));
        assert!(!has_lone_cr(&Rope::from_str("a\r\nb\n")));
        let x = text.find('x').unwrap();
        let y = text.find('y').unwrap();
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let lines = LineIndex::new(text, encoding);
            let wide = if encoding == Encoding::Utf8 { 4 } else { 2 };
            assert_eq!(position(&rope, x, encoding), Position::new(1, wide));
            assert_eq!(position(&rope, y, encoding), Position::new(3, 0));
            assert_eq!(offset(&rope, Position::new(1, wide), encoding), x);
            assert_eq!(offset(&rope, Position::new(3, 0), encoding), y);
            // Past the end of a line: before its terminator.
            assert_eq!(offset(&rope, Position::new(0, 99), encoding), 4);
            assert_eq!(offset(&rope, Position::new(2, 9), encoding), y - 1);
            assert_eq!(offset(&rope, Position::new(3, 9), encoding), y + 1);
            assert_eq!(offset(&rope, Position::new(6, 0), encoding), text.len());
            assert_eq!(offset(&rope, Position::new(7, 0), encoding), text.len());
            for at in 0..=text.len() {
                if text.is_char_boundary(at) {
                    let p = lsp_position(&lines, text, at);
                    assert_eq!(p, position(&rope, at, encoding), "{at}");
                    assert_eq!(lsp_offset(&lines, text, p), offset(&rope, p, encoding));
                }
            }
        }
    }

    #[test]
    fn the_index_agrees_with_the_rope_on_offsets() {
        let text = "# 🔬 Lab ☕\r\n𠮷田 e\u{301}x\r\n\nlast";
        let rope = Rope::from_str(text);
        for line in 0..6 {
            for character in 0..14 {
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    let lines = LineIndex::new(text, encoding);
                    let p = Position::new(line, character);
                    assert_eq!(
                        lsp_offset(&lines, text, p),
                        offset(&rope, p, encoding),
                        "{p:?} {encoding:?}"
                    );
                }
            }
        }
    }
}
