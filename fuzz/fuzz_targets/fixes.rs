//! Target 2: plan and apply every quick fix and fix-all on arbitrary text (bytes read lossily,
//! or Markdown tokens when the input starts with `0xFF`: see fuzz/common/markdown.rs).
//!
//! - nothing panics;
//! - every result only inserts: the input is a subsequence of the output;
//! - a second fix-all on the fixed text plans nothing;
//! - the fixed text re-parses into the same experience titles, in the same order.
#![no_main]

use hindsight::fixes::{self, Insertion};
use hindsight::{PartKind, RuleCode, Settings, analyse};
use libfuzzer_sys::fuzz_target;

#[path = "../common/markdown.rs"]
mod markdown;

/// Per-experience fixes are tried on this many experiences at most (the cost is quadratic).
const MAX_EXPERIENCES: usize = 24;

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.bytes();
    needle.bytes().all(|b| hay.any(|h| h == b))
}

fn check_insertions(what: &str, text: &str, insertions: &[Insertion]) -> String {
    for i in insertions {
        assert!(
            i.offset <= text.len(),
            "{what}: offset {} past the end",
            i.offset
        );
        assert!(
            text.is_char_boundary(i.offset),
            "{what}: offset {} inside a character",
            i.offset
        );
    }
    let out = fixes::apply(text, insertions);
    assert!(
        is_subsequence(text, &out),
        "{what}: the input is not a subsequence of the output\n--- input\n{text:?}\n--- output\n{out:?}"
    );
    out
}

fuzz_target!(|data: &[u8]| {
    let text = markdown::text(data);
    let text: &str = &text;
    let settings = Settings::default();
    let (notes, findings) = analyse(text, &settings);

    // Fix-all.
    let plan = fixes::fix_all(&notes, text, &settings, &findings);
    let fixed = check_insertions("fix_all", text, &plan);
    let (notes2, findings2) = analyse(&fixed, &settings);
    let again = fixes::fix_all(&notes2, &fixed, &settings, &findings2);
    assert!(
        again.is_empty(),
        "a second fix-all plans {again:?}\n--- input\n{text:?}\n--- fixed\n{fixed:?}"
    );
    let before: Vec<&str> = notes.experiences.iter().map(|e| e.title.as_str()).collect();
    let after: Vec<&str> = notes2
        .experiences
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        before, after,
        "fix-all changed the experiences\n--- input\n{text:?}\n--- fixed\n{fixed:?}"
    );

    // Every quick fix on its own.
    let n = notes.experiences.len().min(MAX_EXPERIENCES);
    for i in 0..n {
        check_insertions(
            "all_gaps",
            text,
            &fixes::all_gaps(&notes, text, &settings, i),
        );
        check_insertions(
            "insert_parts(all)",
            text,
            &fixes::insert_parts(&notes, text, &settings, i, &PartKind::ALL),
        );
        for kind in PartKind::ALL {
            check_insertions(
                "insert_parts",
                text,
                &fixes::insert_parts(&notes, text, &settings, i, &[kind]),
            );
        }
        for code in [RuleCode::ALL[0], RuleCode::ALL[RuleCode::ALL.len() - 1]] {
            check_insertions(
                "ignore_rule",
                text,
                &[fixes::ignore_rule(&notes, text, i, code)],
            );
        }
        check_insertions(
            "not_experience",
            text,
            &[fixes::not_experience(&notes, text, i)],
        );
    }
    if let Some(sa) = fixes::self_assessment(&notes, text) {
        check_insertions("self_assessment", text, &[sa]);
    }

    // A new experience at a few offsets, some inside characters or past the end.
    let len = text.len();
    let seed = data
        .iter()
        .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(*b as usize));
    for offset in [
        0,
        len / 2,
        len,
        len + 7,
        seed % (len + 1),
        (seed / 7) % (len + 3),
    ] {
        let ins = fixes::new_experience(&notes, text, &settings, offset);
        check_insertions("new_experience", text, &[ins]);
    }
});
