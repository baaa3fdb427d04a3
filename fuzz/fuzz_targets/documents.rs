//! Target 3: arbitrary sequences of incremental LSP changes, with ranges in UTF-16 and UTF-8
//! (some out of range, some reversed, some inside a character), applied to the document store
//! must give the same text as the same edits applied to a plain `String` by the reference
//! implementation below; and position ⇄ offset conversion never panics and agrees with it.
//!
//! Input: the initial document (bytes up to the first NUL, read lossily, so the seed corpus
//! can start from real notes), then the operations, decoded from the rest with `arbitrary`.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use hindsight::server::documents::{Documents, Rejected, apply_change};
use hindsight::server::position::{Encoding, offset, position};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

// ---------------------------------------------------------------------------------------------
// The reference: LSP positions resolved on a String, written from the rules of
// src/server/position.rs, not from its code.
//
// - Lines are split at `\n` only; a `\r` directly before a `\n` is part of the terminator. A
//   lone `\r`, or a `\r` at the very end of the text, is content.
// - A line past the last one gives the end of the text.
// - A column past the end of the line's content gives the end of the content (before `\r\n`).
// - A column inside a character (a UTF-8 continuation byte, the second half of a surrogate
//   pair) moves back to the character's start.
// - Offset → position: an offset past the end is clamped, one inside a character moves back to
//   its start; the column counts the line's code units before it (a `\r` before the offset
//   counts, also when it belongs to the terminator).
// ---------------------------------------------------------------------------------------------

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn ref_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let starts = line_starts(text);
    let line = pos.line as usize;
    if line >= starts.len() {
        return text.len();
    }
    let start = starts[line];
    let mut end = match starts.get(line + 1) {
        Some(next) => next - 1, // the `\n`
        None => text.len(),
    };
    if starts.get(line + 1).is_some() && end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
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
    };
    start + within
}

fn ref_position(text: &str, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = match enc {
        Encoding::Utf8 => offset - line_start,
        Encoding::Utf16 => text[line_start..offset].encode_utf16().count(),
    };
    Position::new(line as u32, column as u32)
}

fn ref_apply(text: &mut String, change: &TextDocumentContentChangeEvent, enc: Encoding) {
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

// ---------------------------------------------------------------------------------------------
// Generated operations.
// ---------------------------------------------------------------------------------------------

/// Pieces of inserted text, biased towards what breaks position code.
const PIECES: &[&str] = &[
    "a",
    "## ",
    "\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "☕",
    "😀",
    "𠮷",
    "\u{feff}",
    "\t",
    " ",
    "**Result:** ",
    "- ",
    "<!-- x -->",
    "\n\n",
    "\r\n\r\n",
    "ß",
    "\u{2028}",
    "",
];

fn piece_text(u: &mut Unstructured) -> Result<String> {
    let n = u.int_in_range(0..=8)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 6)? {
            s.push_str(&String::arbitrary(u)?);
        } else {
            s.push_str(u.choose(PIECES)?);
        }
    }
    Ok(s)
}

/// A coordinate: mostly small, sometimes anything up to `u32::MAX`.
fn coord(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u32::MAX,
        1 => u32::arbitrary(u)?,
        2 => u.int_in_range(0..=300)?,
        _ => u.int_in_range(0..=12)?,
    })
}

fn pos(u: &mut Unstructured) -> Result<Position> {
    Ok(Position::new(coord(u)?, coord(u)?))
}

fn encoding(u: &mut Unstructured) -> Result<Encoding> {
    Ok(if bool::arbitrary(u)? {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    })
}

fn change(u: &mut Unstructured) -> Result<TextDocumentContentChangeEvent> {
    let range = if u.ratio(1, 20)? {
        None
    } else {
        Some(Range::new(pos(u)?, pos(u)?))
    };
    Ok(TextDocumentContentChangeEvent {
        range,
        range_length: None,
        text: piece_text(u)?,
    })
}

fn check_conversions(rope: &Rope, text: &str, probes: &[(usize, Position)]) {
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        for &(o, p) in probes {
            assert_eq!(
                position(rope, o, enc),
                ref_position(text, o, enc),
                "position({o}, {enc:?}) of {text:?}"
            );
            assert_eq!(
                offset(rope, p, enc),
                ref_offset(text, p, enc),
                "offset({p:?}, {enc:?}) of {text:?}"
            );
        }
        // Every boundary: offset → position → offset comes back, except between `\r` and
        // `\n`, where the column past the content clamps to before the `\r`.
        let step = text.len() / 512 + 1; // all of a small text, a sample of a large one
        let boundaries = text.char_indices().map(|(o, _)| o).step_by(step);
        for o in boundaries.chain(std::iter::once(text.len())) {
            let p = position(rope, o, enc);
            let back = offset(rope, p, enc);
            let between_cr_lf = o > 0 && text[..o].ends_with('\r') && text[o..].starts_with('\n');
            if between_cr_lf {
                assert_eq!(back, o - 1, "round trip at {o} ({enc:?}) of {text:?}");
            } else {
                assert_eq!(back, o, "round trip at {o} ({enc:?}) of {text:?}");
            }
        }
    }
}

fn run(u: &mut Unstructured, initial: &str) -> Result<()> {
    let uri = Url::parse("file:///fuzz/notes.career.md").unwrap();
    let mut docs = Documents::default();
    docs.open(uri.clone(), initial, 0);
    let mut version = 0i32;
    let mut rope = Rope::from_str(initial);
    let mut reference = initial.to_string();

    let mut ops = 0;
    while !u.is_empty() && ops < 64 {
        ops += 1;
        match u.int_in_range(0..=9)? {
            // A didChange with a few changes, through the store.
            0..=5 => {
                let enc = encoding(u)?;
                let n = u.int_in_range(1..=4)?;
                let mut changes = Vec::new();
                for _ in 0..n {
                    changes.push(change(u)?);
                }
                version += 1;
                docs.change(&uri, version, &changes, enc)
                    .unwrap_or_else(|e| panic!("change refused: {e:?}"));
                for c in &changes {
                    apply_change(&mut rope, c, enc);
                    ref_apply(&mut reference, c, enc);
                }
            }
            // A stale version is refused and changes nothing.
            6 => {
                let stale = version - u.int_in_range(0..=2)?;
                let c = change(u)?;
                assert_eq!(
                    docs.change(&uri, stale, &[c], encoding(u)?).err(),
                    Some(Rejected::Stale { held: version })
                );
            }
            // Conversions at arbitrary offsets and positions.
            _ => {
                let mut probes = Vec::new();
                for _ in 0..u.int_in_range(1..=6)? {
                    let o = match u.int_in_range(0..=3)? {
                        0 => usize::MAX,
                        1 => u.int_in_range(0..=reference.len() + 8)?,
                        _ => u.int_in_range(0..=reference.len())?,
                    };
                    probes.push((o, pos(u)?));
                }
                check_conversions(&rope, &reference, &probes);
            }
        }
        let held = &docs.get(&uri).unwrap().rope;
        assert_eq!(held, &rope, "the store and apply_change disagree");
        assert_eq!(
            rope.to_string(),
            reference,
            "the rope and the reference disagree after op {ops}"
        );
    }
    let probes = [
        (0, Position::new(0, 0)),
        (usize::MAX, Position::new(u32::MAX, u32::MAX)),
    ];
    check_conversions(&rope, &reference, &probes);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let initial = String::from_utf8_lossy(&data[..split]);
    let rest = data.get(split + 1..).unwrap_or(&[]);
    let mut u = Unstructured::new(rest);
    let _ = run(&mut u, &initial);
});
