//! A story's lesson told as a general truth, in words no cue knows: after the writer's last
//! action, a sentence in the present tense about people in general ("people give to people,
//! not to stats", "the controls everyone assumes are on are the ones to test"). Read only where
//! the cues found no lesson after the story's first action, and never as evidence that a text
//! is a story (see `Hit::ending`).

use std::ops::{ControlFlow, Range};

use super::Hit;
use super::ending::past_tense;
use super::paragraphs::{action_span, sentences_after, trim_range};
use crate::kinds::PartKind;

/// The first sentence after the story's last action, in `region`, that states a general truth,
/// given the cues' `hits` there.
pub(super) fn after_last_action(
    text: &str,
    region: &Range<usize>,
    cut: &[Range<usize>],
    hits: &[Hit],
) -> Option<Hit> {
    let (first_action, _, last_action) = action_span(hits)?;
    let lesson_told = hits
        .iter()
        .any(|h| h.kind == PartKind::Lesson && h.sentence.start >= first_action);
    if lesson_told {
        return None;
    }
    // Most stories name no one in general after their last action: not split into sentences.
    let after = text
        .get(last_action.min(region.end)..region.end)
        .unwrap_or("");
    if !ANYONE
        .iter()
        .any(|w| crate::text::contains_ascii_ci(after, w))
    {
        return None;
    }
    let mut found: Option<Range<usize>> = None;
    sentences_after(text, region, cut, last_action, |range, inner| {
        // Each clause a sentence of its own: "Kids were in on day one — people remember
        // that" holds a general truth after its dash.
        if clauses(inner).any(states_a_general_truth) {
            found = Some(range);
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    let sentence = trim_range(text, found?);
    // A sentence the cues read as something else is that.
    let read_already = hits
        .iter()
        .any(|h| h.sentence.start < sentence.end && sentence.start < h.sentence.end);
    // Read from where it stands, as an ending is: no evidence that the text tells a story.
    (!read_already).then_some(Hit {
        kind: PartKind::Lesson,
        sentence,
        personal: false,
        outcome: false,
        ending: true,
    })
}

/// A sentence's parts between dashes and semicolons.
fn clauses(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split([';', '—', '–'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Who a general truth is about: anyone at all.
const ANYONE: &[&str] = &[
    "people",
    "you",
    "everyone",
    "everybody",
    "nobody",
    "anyone",
    "anybody",
    "whoever",
];

/// Present-tense verbs and auxiliaries that say what holds, not what happened.
const HOLDS: &[&str] = &[
    "is",
    "are",
    "do",
    "does",
    "don't",
    "doesn't",
    "don’t",
    "doesn’t",
    "can",
    "can't",
    "can’t",
    "won't",
    "won’t",
    "never",
    "always",
    "rarely",
    "usually",
    "tend",
];

/// Words that make a sentence about this story, not a general truth: what holds now is its
/// result ("Everyone now uses it."), a plan or a question is neither.
const ABOUT_THIS_STORY: &[&str] = &[
    "now",
    "still",
    "since",
    "today",
    "yesterday",
    "tomorrow",
    "will",
    "would",
    "should",
    "could",
    "might",
    "may",
    "todo",
    "tbd",
    "i",
    "i'm",
    "i’m",
    "me",
    "my",
    "we",
    "our",
    "us",
    "he",
    "she",
    "his",
    "her",
    "this",
    "that",
    "these",
    "those",
];

/// The past tense's auxiliaries and verbs that [`past_tense`] does not know.
const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "didn't",
    "didn’t",
    "wasn't",
    "wasn’t",
    "weren't",
    "weren’t",
    "hadn't",
    "hadn’t",
    "said",
    "told",
    "got",
    "went",
];

/// Whether a clause says what holds for anyone: a general subject ("people", "you",
/// "everyone"), the present tense, no past tense, no figure, no one in particular.
fn states_a_general_truth(clause: &str) -> bool {
    if clause.ends_with('?') || clause.ends_with(':') || clause.bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    // Most sentences name no one in general: not split into words.
    if !ANYONE
        .iter()
        .any(|w| crate::text::contains_ascii_ci(clause, w))
    {
        return false;
    }
    let words: Vec<String> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 4 || words.len() > 40 {
        return false;
    }
    let is = |w: &String, list: &[&str]| list.contains(&w.as_str());
    // A general subject, then a verb in the present: a word of HOLDS, or one ending in "s"
    // after a singular subject ("everyone assumes"), or the bare verb after a plural one
    // ("people give").
    let general = words.windows(2).any(|pair| {
        let (subject, verb) = (&pair[0], &pair[1]);
        if !is(subject, ANYONE) {
            return false;
        }
        let plural = ["people", "you"].contains(&subject.as_str());
        is(verb, HOLDS)
            || (!plural && verb.len() > 3 && verb.ends_with('s') && !verb.ends_with("ss"))
            || (plural
                && verb.len() > 2
                && !verb.ends_with('s')
                && !NOT_VERBS.contains(&verb.as_str()))
    });
    general
        && !words
            .iter()
            .any(|w| is(w, ABOUT_THIS_STORY) || is(w, PAST) || past_tense(w))
}

/// Words after "people" or "you" that are not a verb ("people in the team", "you and me").
const NOT_VERBS: &[&str] = &[
    "in", "on", "at", "of", "for", "with", "and", "or", "the", "a", "an", "who", "that", "from",
    "to", "like", "all", "both", "here", "there", "they", "them", "know", "mean", "see", "guys",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_truths_and_near_misses() {
        for truth in [
            "people give to people, not to stats",
            "The controls everyone assumes are on are exactly the ones to test.",
            "people take up a standard if it saves them time on the first day, not because you tell them it's better",
            "If you don't show them properly they copy whatever they see.",
        ] {
            assert!(
                clauses(truth).any(states_a_general_truth),
                "{truth:?} states a general truth"
            );
        }
        for not in [
            "Everyone now uses the new form.",
            "People were lovely about it.",
            "You can see the figures in the appendix for 2023.",
            "Do you know what the trust said?",
            "People in the team asked for a copy.",
            "Everyone got paid on the right day.",
            "She says people like her need a named contact.",
            "I think people like a clear plan.",
        ] {
            assert!(
                !clauses(not).any(states_a_general_truth),
                "{not:?} is no general truth"
            );
        }
    }
}
