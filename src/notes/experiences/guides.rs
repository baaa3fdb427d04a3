//! Labelled sections that guide a reader rather than tell a story (an interviewer's scoring
//! guide under `#### Result / impact`).

use std::ops::Range;

use crate::kinds::PartKind;
use crate::notes::prose;

use super::Input;

/// Whether a heading's labelled parts are guidance for a reader, not a story: its text asks
/// questions or says "you", and not one sentence of it — inside the parts or out — tells
/// something done (an interviewer's scoring guide under
/// `#### Situation and task`, `#### Result / impact`).
pub(super) fn reads_as_guide(input: &Input, i: usize, cut: &[Range<usize>]) -> bool {
    let h = &input.headings[i];
    // The whole section: its part sub-headings' bodies are what it says.
    let region = h.range.end..h.section_end.min(input.text.len());
    // Most sections hold neither a `?` nor a "you" anywhere: asked of every labelled heading
    // on every keystroke, they are passed over at the cost of a byte search.
    let Some(raw) = input.text.get(region.clone()) else {
        return false;
    };
    if !addresses_a_reader(raw) {
        return false;
    }
    // Comments (prompts ask questions), code and labels are not the writer's words.
    let visible = crate::text::without(input.text, region.clone(), &[cut]);
    // Results and lessons are what a guide talks about ("the impact is …"); what it never
    // tells is something done: "I" or "we" + a past-tense verb, or a sentence that opens with
    // one.
    addresses_a_reader(&visible)
        && !prose::tells_something_done(&visible)
        && input
            .read_prose(region, cut, &[PartKind::Action])
            .iter()
            .all(|h| prose::may_say_what_to_do(input.text.get(h.sentence.clone()).unwrap_or("")))
}

/// A `?`, or "you" / "your" as a word, in any case: found in one pass for the three bytes
/// that can start them, as it is asked of every labelled heading's section on every keystroke
/// (three substring searches per section cost 2.5% of one).
pub(super) fn addresses_a_reader(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    let is = |at: usize, letter: u8| {
        bytes
            .get(at)
            .is_some_and(|b| b.eq_ignore_ascii_case(&letter))
    };
    memchr::memchr3_iter(b'?', b'y', b'Y', bytes).any(|at| {
        if bytes.get(at) == Some(&b'?') {
            return true;
        }
        if !(is(at + 1, b'o') && is(at + 2, b'u'))
            || word(at.checked_sub(1).and_then(|i| bytes.get(i)))
        {
            return false;
        }
        !word(bytes.get(at + 3)) || (is(at + 3, b'r') && !word(bytes.get(at + 4)))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_reader_is_addressed_by_a_question_or_by_you() {
        for text in [
            "Ask if you are unsure.",
            "Your turn.",
            "Why?",
            "(you)",
            "YOUR CALL",
        ] {
            assert!(super::addresses_a_reader(text), "{text:?}");
        }
        for text in [
            "Translate the rules yourself.",
            "A bayou trip.",
            "Youth team.",
            "",
        ] {
            assert!(!super::addresses_a_reader(text), "{text:?}");
        }
    }
}
