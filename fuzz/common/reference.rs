//! The reference for LSP positions and content changes, on a plain `String`, shared by the
//! `documents` and `server` targets. Written from the rules of the LSP specification and
//! src/server/position.rs, not from the server's code.
#![allow(dead_code)] // each target uses its own subset

use hindsight::server::position::Encoding;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

// ---------------------------------------------------------------------------------------------
// The reference: LSP positions resolved on a String, written from the rules of
// src/server/position.rs and the LSP specification, not from their code.
//
// - Lines end at `\r\n`, at `\n` and at a lone `\r` (a `\r` not directly before a `\n`, also
//   one at the very end of the text, which then ends with an empty line). Nothing else ends a
//   line: U+2028, U+2029 and U+0085 are content.
// - A line past the last one gives the end of the text.
// - A column past the end of the line's content gives the end of the content (before its
//   terminator).
// - A column inside a character (a UTF-8 continuation byte, the second half of a surrogate
//   pair) moves back to the character's start.
// - Offset → position: an offset past the end is clamped, one inside a character moves back to
//   its start; the column counts the line's code units before it (a `\r` before the offset
//   counts when it is the first half of a `\r\n` the offset splits).
// ---------------------------------------------------------------------------------------------

/// Each line as (start, end of content), with the terminators above.
pub fn ref_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let terminator = match (b[i], b.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r', _) | (b'\n', _) => 1,
            _ => 0,
        };
        if terminator > 0 {
            out.push((start, i));
            i += terminator;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push((start, text.len()));
    out
}

pub fn ref_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let lines = ref_lines(text);
    let Some(&(start, end)) = lines.get(pos.line as usize) else {
        return text.len();
    };
    let content = &text[start..end];
    let column = pos.character as usize;
    let within = match enc {
        Encoding::Utf8 => {
            let mut c = column.min(content.len());
            while !content.is_char_boundary(c) {
                c -= 1;
            }
            c
        }
        Encoding::Utf16 => {
            let mut units = 0;
            let mut found = content.len();
            for (i, ch) in content.char_indices() {
                if units + ch.len_utf16() > column {
                    found = i;
                    break;
                }
                units += ch.len_utf16();
            }
            found
        }
        Encoding::Utf32 => content
            .char_indices()
            .nth(column)
            .map_or(content.len(), |(i, _)| i),
    };
    start + within
}

pub fn ref_position(text: &str, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // The last line that starts at or before the offset (between the `\r` and the `\n` of a
    // `\r\n`, that is the line the pair ends).
    let lines = ref_lines(text);
    let line = lines.iter().rposition(|&(s, _)| s <= offset).unwrap_or(0);
    let line_start = lines[line].0;
    let column = match enc {
        Encoding::Utf8 => offset - line_start,
        Encoding::Utf16 => text[line_start..offset].encode_utf16().count(),
        Encoding::Utf32 => text[line_start..offset].chars().count(),
    };
    Position::new(line as u32, column as u32)
}

pub fn ref_apply(text: &mut String, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *text = change.text.clone(),
        Some(range) => {
            let a = ref_offset(text, range.start, enc);
            let b = ref_offset(text, range.end, enc);
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            text.replace_range(start..end, &change.text);
        }
    }
}
