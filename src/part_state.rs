//! Whether a part's body says anything (SPEC §2, "empty").

use crate::kinds::{PartKind, PartState};
use crate::prompts::Prompts;

const PLACEHOLDER_WORDS: &[&str] = &["todo", "tbd"];
const NOTE_TO_SELF: &[&str] = &["todo", "tbd", "fixme", "xxx", "wip"];
/// How a note to self to find a result opens ("Need to get the real figure from Priya",
/// "Waiting on the SATs results — update this", "ask Rachel what we told them"): the result is
/// still to come. A lesson or a second thought may open the same way as advice ("ask the
/// pastoral team first"), so only a result is judged by it.
const RESULT_NOTE_OPENINGS: &[&[&str]] = &[
    &["need"],
    &["needs"],
    &["waiting", "on"],
    &["waiting", "for"],
    &["still", "waiting"],
    &["find", "out"],
    &["fill", "in"],
    &["add", "numbers"],
    &["add", "the"],
    &["update", "this"],
    &["get", "the"],
    &["check", "with"],
    &["ask"],
    &["chase"],
    &["will", "know"],
    &["will", "see"],
    &["will", "update"],
    &["not", "yet"],
    &["too", "early"],
    &["to", "be", "confirmed"],
    &["tbc"],
];
const UNFINISHED: &[&str] = &[
    "in progress",
    "ongoing",
    "pending",
    "wip",
    "work in progress",
];

/// The verdict on one body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyState {
    pub state: PartState,
    /// The body holds one of Hindsight's prompts (inserted, or pasted as text).
    pub has_prompt: bool,
}

/// Judges a body given its text with HTML comments already removed (`visible`) and its raw
/// text (`raw`, comments included, to recognise inserted prompts).
///
/// Placeholders and notes to self are matched case-insensitively: `todo` and `Tbd` are written
/// in a hurry as often as `TODO`.
pub fn judge(visible: &str, raw: &str, prompts: &Prompts) -> BodyState {
    // Every prompt asks a question: a body without `?` holds none (the common case, and the
    // one that matters on a large note).
    // (memchr's vectorised search: this runs on every part body of a long note.)
    let may_hold_prompt = !prompts.all_ask_questions() || has_question_mark(raw);
    let has_prompt = may_hold_prompt && {
        let raw = collapse(raw);
        prompts.known_collapsed().any(|p| raw.contains(p))
    };
    let empty = if may_hold_prompt && (has_prompt || has_question_mark(visible)) {
        let mut text = collapse(visible);
        for prompt in prompts.known_collapsed() {
            if text.contains(prompt) {
                text = text.replace(prompt, " ");
            }
        }
        is_empty_text(&text)
    } else {
        is_empty_text(visible)
    };
    let state = if empty {
        PartState::Empty
    } else {
        PartState::Stated
    };
    BodyState { state, has_prompt }
}

/// [`judge`]'s verdict on a body, for a part of `kind`: a result whose body opens as a note to
/// find it is empty (see [`RESULT_NOTE_OPENINGS`]). Apart from `judge`, whose verdicts are kept
/// per body whatever its part's kind.
pub fn for_kind(verdict: BodyState, kind: PartKind, raw: &str) -> BodyState {
    if kind == PartKind::Result && verdict.state == PartState::Stated && opens_as_result_note(raw) {
        return BodyState {
            state: PartState::Empty,
            ..verdict
        };
    }
    verdict
}

/// Whether a result's body opens as a note to self to find it (see [`RESULT_NOTE_OPENINGS`]).
fn opens_as_result_note(body: &str) -> bool {
    let (first, count) = first_words::<3>(without_leading_tags(body));
    RESULT_NOTE_OPENINGS.iter().any(|opening| {
        opening.len() <= count
            && opening
                .iter()
                .zip(&first)
                .all(|(want, word)| want.eq_ignore_ascii_case(word))
    })
}

/// Whether `text` holds a note to self (`TODO`, `tbd`, `FIXME`, `XXX`) as a word: a story
/// left to write.
pub fn has_note_to_self(text: &str) -> bool {
    words(text).any(|w| is_one_of(w, NOTE_TO_SELF))
}

fn has_question_mark(text: &str) -> bool {
    memchr::memchr(b'?', text.as_bytes()).is_some()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The first `N` words of `text` and how many there are, on the stack: asked of every part's
/// body on every keystroke.
fn first_words<const N: usize>(text: &str) -> ([&str; N], usize) {
    let mut first = [""; N];
    let mut count = 0;
    for (slot, word) in first.iter_mut().zip(words(text)) {
        *slot = word;
        count += 1;
    }
    (first, count)
}

/// "n/a": the form's question does not apply, so nothing is told under it.
pub fn not_applicable(text: &str) -> bool {
    let text = strip_markup(text);
    // Asked of every part's body: most do not open with an "n".
    if !text.starts_with(['n', 'N']) {
        return false;
    }
    let word_end = text
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '—' | '–' | '('))
        .unwrap_or(text.len());
    let first = text
        .get(..word_end)
        .unwrap_or("")
        .trim_end_matches(['.', ':']);
    // Alone, or before a remark: not a measure's name (`N/A rates fell …`).
    let rest = text.get(word_end..).unwrap_or("").trim_start();
    ["n/a", "n.a"]
        .iter()
        .any(|na| na.eq_ignore_ascii_case(first))
        && (rest.is_empty() || rest.starts_with([',', ';', '—', '–', '-', '(', '.']))
}

fn is_empty_text(text: &str) -> bool {
    let text = without_leading_tags(text);
    if not_applicable(text) {
        return true;
    }
    // The first four words decide, but for a body of placeholders only ("TODO TBD …").
    let (first_words, count) = first_words::<4>(text);
    let Some(first) = first_words.first().filter(|_| count > 0) else {
        return true;
    };
    if is_one_of(first, NOTE_TO_SELF) {
        return true;
    }
    if is_one_of(first, PLACEHOLDER_WORDS) && words(text).all(|w| is_one_of(w, PLACEHOLDER_WORDS)) {
        return true;
    }
    let stripped = strip_markup(text);
    if stripped.starts_with('[') && stripped.ends_with(']') && !stripped[1..].contains('[') {
        return true;
    }
    // "in progress", "ongoing", …: at most three words.
    if count > 3 {
        return false;
    }
    let plain = first_words[..count].join(" ").to_lowercase();
    UNFINISHED.contains(&plain.as_str())
}

/// The text after the HTML tags that open it (`<br>` after `<b>Result:</b>`): markup, not words.
fn without_leading_tags(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        // A comment is no words either: a prompt inserted before a placeholder (`<!-- What
        // result … --> TBC`) leaves the placeholder to decide.
        if let Some(inside) = rest.strip_prefix("<!--")
            && let Some(end) = inside.find("-->")
        {
            rest = inside.get(end + 3..).unwrap_or("").trim_start();
            continue;
        }
        match rest.strip_prefix('<') {
            Some(after)
                if after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                    && after.contains('>') =>
            {
                let end = after.find('>').unwrap_or(0);
                rest = after.get(end + 1..).unwrap_or("").trim_start();
            }
            _ => return rest,
        }
    }
}

/// Removes list markers, quote markers and emphasis around the whole body.
fn strip_markup(text: &str) -> &str {
    text.trim()
        .trim_start_matches(['-', '*', '+', '>', ' '])
        .trim_matches(['*', '_', ' ', '.'])
}

/// Whitespace runs folded to one space, so that re-wrapped prompts still match.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(body: &str) -> PartState {
        judge(body, body, &Prompts::default()).state
    }

    #[test]
    fn notes_to_self_are_words() {
        assert!(has_note_to_self(
            "good for a failure story - TODO write it up"
        ));
        assert!(has_note_to_self("(tbd)"));
        assert!(!has_note_to_self("We moved the feed to Mastodon."));
    }

    #[test]
    fn empty_bodies() {
        for body in [
            "",
            " TBD ",
            "TODO",
            "...",
            "?",
            "- ",
            "—",
            "todo",
            "Tbd",
            "TODO: add the numbers once the Q3 invoices go out",
            "FIXME: reconstruct this from the change log",
            "[Describe the result]",
            "in progress",
            "WIP",
            "**TBD**",
            "What result did you achieve? Put a number on it: time, money, users, quality, risk.",
            "<br>\nTODO - find out what the cores said",
            "n/a",
            "N/A — mostly planning",
            "n/a, no incident this month",
        ] {
            assert_eq!(state(body), PartState::Empty, "{body:?}");
        }
    }

    #[test]
    fn stated_bodies() {
        for body in [
            "Fewer falls.",
            "[link](x) shipped it",
            "```\ncode\n```",
            "42",
            "Pending review went from 9 to 2",
            "<br>\nThe cores passed.",
            "Asked for a re-test; it passed.",
            "Getting the numbers took a week, but churn fell 3%.",
            "N/A rates fell from 12% to 3% of returns.",
            "na-ive approach, still worked",
        ] {
            assert_eq!(state(body), PartState::Stated, "{body:?}");
        }
    }

    #[test]
    fn a_result_still_to_find_opens_as_a_note_to_self() {
        for body in [
            "Need to get the real $ figure from Priya before the review!!",
            "Waiting on the SATs results (out 9 July) — update this before the panel meets.",
            "<br>\nask Rachel what we told the CD officer",
            "(need the final number from Kim)",
            "will know after the spring drive",
            "Not yet — the audit is in March.",
            // A prompt inserted before the writer's placeholder leaves it to decide.
            "<!-- What result did you achieve? --> TBC – HR still investigating",
        ] {
            assert!(opens_as_result_note(body), "{body:?}");
        }
        for body in [
            "Asked for a re-test; it passed.",
            "Needed two weeks, but churn fell 3%.",
            "Waited a month; the audit found nothing.",
        ] {
            assert!(!opens_as_result_note(body), "{body:?}");
        }
    }

    #[test]
    fn recognises_inserted_prompts() {
        let raw = "<!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. -->";
        let verdict = judge("", raw, &Prompts::default());
        assert_eq!(verdict.state, PartState::Empty);
        assert!(verdict.has_prompt);
    }
}
