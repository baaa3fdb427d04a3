//! Property tests at the protocol boundary: incremental edits applied to the server's rope give
//! the same text as the same edits applied to a plain string, and positions round-trip under
//! both encodings, for text with emoji, CJK, combining marks and CRLF.

use hindsight::server::documents::apply_change;
use hindsight::server::position::{self, Encoding};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// Pieces that exercise every width: ASCII, 2- and 3-byte UTF-8, astral (surrogate pairs),
/// a combining mark, a ZWJ sequence, CRLF and LF.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        Just("Result: ".to_string()),
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("日本".to_string()),
        Just("😀".to_string()),
        Just("👩‍🔬".to_string()),
        Just("𠮷".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("## ".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

/// The client's view: positions are resolved on a plain string with the LSP rules.
fn offset_in(text: &str, pos: Position, encoding: Encoding) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let content_end =
        if line_end > line_start && text.as_bytes()[line_end - 1] == b'\r' && line_end < text.len()
        {
            line_end - 1
        } else {
            line_end
        };
    let mut units = 0usize;
    for (i, c) in text[line_start..content_end].char_indices() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        };
        if units + width > pos.character as usize {
            return line_start + i;
        }
        units += width;
    }
    content_end
}

fn edit() -> impl Strategy<Value = (u32, u32, u32, u32, String)> {
    (0u32..8, 0u32..12, 0u32..8, 0u32..12, text())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn rope_edits_match_string_edits(start in text(), edits in prop::collection::vec(edit(), 1..20), utf8 in any::<bool>()) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut rope = Rope::from_str(&start);
        let mut plain = start.clone();
        for (sl, sc, el, ec, new_text) in edits {
            let range = Range::new(Position::new(sl, sc), Position::new(el, ec));
            let a = offset_in(&plain, range.start, encoding);
            let b = offset_in(&plain, range.end, encoding);
            let (a, b) = (a.min(b), a.max(b));
            plain.replace_range(a..b, &new_text);
            let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: new_text };
            apply_change(&mut rope, &change, encoding);
            prop_assert_eq!(rope.to_string(), plain.clone());
        }
    }

    #[test]
    fn positions_round_trip(t in text(), utf8 in any::<bool>()) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let rope = Rope::from_str(&t);
        for (offset, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            let pos = position::position(&rope, offset, encoding);
            let back = position::offset(&rope, pos, encoding);
            // The `\n` of a CRLF terminator has no position of its own (it shares the `\r`'s).
            if t[offset..].starts_with('\n') && t[..offset].ends_with('\r') {
                continue;
            }
            prop_assert_eq!(back, offset, "offset {} -> {:?}", offset, pos);
            prop_assert_eq!(offset_in(&t, pos, encoding), offset);
        }
    }

    #[test]
    fn any_position_is_safe(t in text(), line in 0u32..u32::MAX, character in 0u32..u32::MAX, utf8 in any::<bool>()) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let rope = Rope::from_str(&t);
        let offset = position::offset(&rope, Position::new(line, character), encoding);
        prop_assert!(t.is_char_boundary(offset));
    }
}
