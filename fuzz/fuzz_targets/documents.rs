//! Target 3: arbitrary sequences of incremental LSP changes, with ranges in UTF-16 and UTF-8
//! (some out of range, some reversed, some inside a character), applied to the document store
//! must give the same text as the same edits applied to a plain `String` by the reference
//! implementation in fuzz/common/reference.rs; and position ⇄ offset conversion never panics and agrees with it.
//!
//! Lines end at `\r\n`, `\n` and a lone `\r` (LSP); the edits insert lone `\r`s, U+2028 and
//! the like, and split `\r\n` pairs.
//!
//! Input: the initial document (bytes up to the first NUL, read lossily, so the seed corpus
//! can start from real notes), then the operations, decoded from the rest with `arbitrary`.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use hindsight::server::documents::{Documents, Rejected, apply_change};
use hindsight::server::position::{Encoding, offset, position};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

#[path = "../common/reference.rs"]
mod reference;
use reference::{ref_apply, ref_offset, ref_position};

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
    "\u{2029}",
    "\u{85}",
    "a\rb",
    "\r\r",
    "\r\n\r",
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
    let uri = "file:///fuzz/notes.career.md".parse::<Uri>().unwrap();
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
