//! A story's lesson told as a general truth, in words no cue knows: after the writer's last
//! action, a sentence in the present tense about people in general ("people give to people,
//! not to stats", "the controls everyone assumes are on are the ones to test"), about a thing or
//! a habit in general ("A reset is not a repair."), or a rule to follow ("Read the spec twice,
//! price once."). Read only where the cues found no lesson after the story's first action, and
//! never as evidence that a text is a story (see `Hit::ending`).

use std::ops::Range;

use super::Hit;
use super::ending::past_tense;
use super::paragraphs::{ActionSpan, trim_range};
use crate::kinds::PartKind;

/// Whether to look for a general truth after the story's last action, given the cues'
/// `hits` in `region`: no lesson read after its first action, and a tail that names someone
/// in general or is short.
pub(super) fn wanted(
    text: &str,
    region: &Range<usize>,
    hits: &[Hit],
    actions: &ActionSpan,
) -> bool {
    let (first_action, last_action) = (actions.first.start, actions.last_end);
    let lesson_told = hits
        .iter()
        .any(|h| h.kind == PartKind::Lesson && h.sentence.start >= first_action);
    if lesson_told {
        return false;
    }
    // Most stories name no one in general after their last action: a long tail that does not
    // is not split into sentences. A short one is read whole (the truths of a thing or a
    // habit — "A reset is not a repair." — close a story).
    let after = text
        .get(last_action.min(region.end)..region.end)
        .unwrap_or("");
    after.len() <= SHORT_TAIL
        || ANYONE
            .iter()
            .any(|w| crate::text::contains_ascii_ci(after, w))
}

/// The first sentence of `tail` (the sentences after the story's last action) that states a
/// general truth, given the cues' `hits`.
pub(super) fn in_tail(text: &str, hits: &[Hit], tail: &[(Range<usize>, String)]) -> Option<Hit> {
    // Each clause a sentence of its own: "Kids were in on day one — people remember that"
    // holds a general truth after its dash.
    let (found, _) = tail
        .iter()
        .find(|(_, inner)| clauses(inner).any(states_a_general_truth))?;
    let sentence = trim_range(text, found.clone());
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

/// The most bytes after a story's last action read for any general truth, not only one about
/// people.
const SHORT_TAIL: usize = 300;

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
    "ppl",
];

/// Present-tense verbs and auxiliaries that say what holds, not what happened.
const HOLDS: &[&str] = &[
    "is",
    "will",
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
    "next",
    "soon",
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

/// Whether a clause says what holds for anyone: the present tense, no past tense, no figure,
/// no one in particular, and a general subject — people in general ("people", "you",
/// "everyone"), a thing or a habit in general (see [`generic_subject`]) — or a rule given as
/// an instruction (see [`a_rule_to_follow`]).
fn states_a_general_truth(clause: &str) -> bool {
    if clause.ends_with('?') || clause.ends_with(':') || clause.bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    // Most clauses name no one in general and open with no word a truth of a thing or a habit
    // opens with: not split into words.
    let about_anyone = ANYONE
        .iter()
        .any(|w| crate::text::contains_ascii_ci(clause, w));
    if !about_anyone && !may_open_a_truth(clause) {
        return false;
    }
    let words: Vec<String> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // "Nobody scores adjectives.": three words about anyone are enough.
    if words.len() < if about_anyone { 3 } else { 4 } || words.len() > 40 {
        return false;
    }
    let is = |w: &String, list: &[&str]| list.contains(&w.as_str());
    let timeless = || {
        !words.iter().enumerate().any(|(at, w)| {
            let before = at.checked_sub(1).and_then(|b| words.get(b));
            // What anyone or anything of a kind will do is what holds ("People will forgive
            // you bad news", "A bench will take the safer route"); "things that have" is
            // the things', not this story's "that"; "get filled in" is what holds.
            let general_will = w == "will"
                && before.is_some_and(|b| is(b, ANYONE) || (at <= 2 && generic_subject(&words)))
                && words.iter().any(|w| is(w, WHENEVER));
            let relative = w == "that" && before.is_some_and(|b| names_a_kind(b));
            let passive = before.is_some_and(|b| b == "get" || b == "gets") && is(w, WHAT_BEFALLS);
            // "A fixed format": a participle after an article describes, it tells nothing
            // that happened.
            // Nor one after "something" ("something left to do").
            let describes = before.is_some_and(|b| {
                [
                    "a",
                    "an",
                    "the",
                    "something",
                    "anything",
                    "nothing",
                    "everything",
                ]
                .contains(&b.as_str())
            });
            // "when volume is that high": "that" says how high, not which.
            let how_much = w == "that" && words.get(at + 1).is_some_and(|next| is(next, DEGREES));
            if general_will || relative || how_much {
                return false;
            }
            is(w, ABOUT_THIS_STORY) || is(w, PAST) || (past_tense(w) && !passive && !describes)
        })
    };
    if !about_anyone {
        return (generic_subject(&words) || a_rule_to_follow(clause, &words))
            && !names_a_particular(clause)
            && timeless();
    }
    // A general subject, then a verb in the present: a word of HOLDS, or one ending in "s"
    // after a singular subject ("everyone assumes"), or the bare verb after a plural one
    // ("people give").
    let general = words.windows(2).any(|pair| {
        let (subject, verb) = (&pair[0], &pair[1]);
        if !is(subject, ANYONE) {
            return false;
        }
        let plural = ["people", "you", "ppl"].contains(&subject.as_str());
        holds_for(verb, plural)
    });
    (general
        || ((generic_subject(&words) || a_rule_to_follow(clause, &words))
            && !names_a_particular(clause)))
        && timeless()
}

/// Words of degree after "that" ("that high", "that busy").
const DEGREES: &[&str] = &[
    "high", "low", "big", "small", "bad", "good", "busy", "long", "short", "much", "many", "far",
    "hard", "easy", "early", "late", "quick", "slow", "full", "tight",
];

/// Words that make "will" say what always happens, not what is planned ("People will forgive
/// you bad news if you bring it early"; "People will arrive at nine" is a plan).
const WHENEVER: &[&str] = &[
    "if", "when", "whenever", "unless", "always", "never", "usually", "rarely", "every",
];

/// What befalls things of a kind, after "get": "Short forms get filled in", "Long emails get
/// ignored" (not "Forms get sent to the office": how one office works).
const WHAT_BEFALLS: &[&str] = &[
    "filled",
    "ignored",
    "forgotten",
    "noticed",
    "remembered",
    "missed",
    "skipped",
    "heard",
    "answered",
    "used",
    "dropped",
    "rewarded",
    "blamed",
    "believed",
    "trusted",
    "read",
];

/// Whether `word` looks like a plural noun: "forms", "kids", not "class" or "status".
fn plural_noun(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && word.chars().all(|c| c.is_ascii_alphabetic())
}

/// Whether `word` names a kind of thing or person, so that a "that" after it opens a relative
/// clause: a plural ("things that"), or a word for anything or any one.
fn names_a_kind(word: &str) -> bool {
    plural_noun(word)
        || [
            "one",
            "thing",
            "anything",
            "something",
            "everything",
            "anyone",
            "someone",
        ]
        .contains(&word)
}

/// Whether a clause's first words may open a truth of a thing or a habit (see
/// [`generic_subject`], [`a_rule_to_follow`]): "a", "an", a plural, a doing, a rule's verb.
fn may_open_a_truth(clause: &str) -> bool {
    let mut words = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let Some(first) = words.next() else {
        return false;
    };
    let ends = |w: &str, end: &str| {
        w.len() > end.len()
            && w.get(w.len() - end.len()..)
                .is_some_and(|e| e.eq_ignore_ascii_case(end))
    };
    first.eq_ignore_ascii_case("a")
        || first.eq_ignore_ascii_case("an")
        || ends(first, "s")
        || ends(first, "ing")
        || first.eq_ignore_ascii_case("there")
        || first.eq_ignore_ascii_case("there's")
        || first.eq_ignore_ascii_case("there’s")
        || RULES.iter().any(|r| r.eq_ignore_ascii_case(first))
        || words.next().is_some_and(|second| ends(second, "s"))
}

/// Whether a clause names someone or something in particular after its first word (a
/// capital: a name, a place, a product), or is a heading's label (`Savings: …`).
fn names_a_particular(clause: &str) -> bool {
    // A short acronym names a kind of thing as often as a particular one ("even when it
    // isn't CPR").
    let acronym = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
    };
    clause.contains(':')
        || clause
            .split_whitespace()
            .skip(1)
            .any(|w| w.starts_with(|c: char| c.is_uppercase()) && w != "I" && !acronym(w))
}

/// Whether the present tense says what holds for `subject` and `verb` (a word of HOLDS, a verb
/// in "-s" after a singular subject, the bare verb after a plural one).
fn holds_for(verb: &str, plural: bool) -> bool {
    HOLDS.contains(&verb)
        || (!plural && verb.len() > 3 && verb.ends_with('s') && !verb.ends_with("ss"))
        || (plural && verb.len() > 2 && !verb.ends_with('s') && !NOT_VERBS.contains(&verb))
}

/// A clause about a thing or a habit in general, at its start: "a" or "an" and a noun ("A
/// reset is not a repair", "A checklist only protects you …"), a plural noun ("Kids sell a
/// subject …", "Short forms get filled in"), or a doing ("Taking the break is part of the
/// job"); then a verb in the present, within a few words.
fn generic_subject(words: &[String]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    // The verb at `at`, and what follows it: a place or a state is where something is now
    // ("Results are in the appendix", "A copy is on the drive"), not what holds.
    let says_what_holds = |at: usize| {
        !words
            .get(at + 1)
            .is_some_and(|next| WHERE_OR_WHEN.contains(&next.as_str()))
    };
    let found = |from: usize, reach: usize, verbs: &[&[&str]]| {
        (from..from + reach).any(|at| {
            words
                .get(at)
                .is_some_and(|w| verbs.iter().any(|list| list.contains(&w.as_str())))
                && says_what_holds(at)
        })
    };
    if first == "a" || first == "an" {
        return found(2, 4, &[HOLDS, SINGULAR_VERBS]);
    }
    // A plural's verb is one of a few that say what people and things do, not any word that
    // may follow a noun ("Queue times about the same", "data lands next month").
    if plural_noun(first) || words.get(1).is_some_and(|w| plural_noun(w)) {
        let from = if plural_noun(first) { 1 } else { 2 };
        return found(from, 1, &[HOLDS, PLURAL_VERBS]);
    }
    // "There is always something left to do": what always or never is.
    let always = |at: usize| {
        words
            .get(at)
            .is_some_and(|w| ["always", "never", "usually", "rarely"].contains(&w.as_str()))
    };
    if first == "there" {
        return words
            .get(1)
            .is_some_and(|w| ["is", "are"].contains(&w.as_str()))
            && always(2);
    }
    if first == "there's" || first == "there’s" {
        return always(1);
    }
    first.ends_with("ing") && !NOT_DOINGS.contains(&first.as_str()) && found(1, 5, &[DOING_VERBS])
}

/// Words after "is" or "are" that say where or when something is, not what it is.
const WHERE_OR_WHEN: &[&str] = &[
    "in",
    "on",
    "at",
    "inside",
    "under",
    "over",
    "with",
    "by",
    "from",
    "here",
    "there",
    "available",
    "attached",
    "below",
    "above",
    "due",
    "booked",
    "ready",
    "done",
    "back",
    "up",
    "down",
    "out",
    "off",
    "open",
    "closed",
];

/// Verbs that say what holds for things or people in general, after a plural subject.
const PLURAL_VERBS: &[&str] = &[
    "sell", "get", "need", "want", "remember", "forget", "learn", "listen", "trust", "work",
    "matter", "beat", "win", "lose", "last", "break", "fail", "help", "hurt", "save", "cost",
    "follow", "respond", "notice", "expect", "care", "stick", "stay", "fill", "read", "come", "go",
    "tell", "show", "make", "take", "give", "like", "hate", "prefer", "copy", "ignore",
];

/// What a doing is or does ("Taking the break is part of the job").
const DOING_VERBS: &[&str] = &["is", "beats", "saves", "costs", "makes", "takes", "matters"];

/// Verbs in "-s" after "a" or "an" and a noun ("A checklist only protects you …").
const SINGULAR_VERBS: &[&str] = &[
    "beats", "saves", "costs", "makes", "takes", "matters", "protects", "works", "helps", "needs",
    "pays", "wins", "loses", "hurts", "lasts", "breaks", "fails", "means", "tells", "shows",
    "gets", "stops", "starts", "buys", "sells", "keeps",
];

/// Words in "-ing" that name a thing, not a doing.
const NOT_DOINGS: &[&str] = &[
    "nothing",
    "something",
    "everything",
    "anything",
    "thing",
    "morning",
    "evening",
    "building",
    "meeting",
    "training",
    "ceiling",
    "ring",
    "king",
    "spring",
    "string",
    "during",
    "bring",
    "sing",
    "wing",
    "funding",
    "pending",
    "booking",
    "listing",
    "setting",
    "wedding",
];

/// The words a rule given as an instruction opens with.
const RULES: &[&str] = &[
    "always",
    "never",
    "read",
    "check",
    "test",
    "ask",
    "write",
    "keep",
    "trust",
    "listen",
    "plan",
    "measure",
    "price",
    "document",
    "escalate",
    "involve",
    "don't",
    "don’t",
    "double-check",
    "budget",
    "assume",
    "get",
    "put",
    "tell",
    "talk",
    "start",
    "slow",
];

/// A rule given as an instruction, no one named in it: "Read the spec twice, price once.",
/// "Always ask for the handover notes." (an instruction to someone named is a to-do).
fn a_rule_to_follow(clause: &str, words: &[String]) -> bool {
    words.len() <= 14
        && clause.starts_with(|c: char| c.is_uppercase())
        && words.first().is_some_and(|w| RULES.contains(&w.as_str()))
        && !names_a_particular(clause)
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
            "A reset is not a repair.",
            "Read the spec twice, price once.",
            "Kids sell a subject far better than teachers do.",
            "Taking the break is part of the job.",
            "Short forms get more answers than long ones.",
            "ppl remember the stuff they teach",
            "People will forgive you bad news if you bring it early.",
            "A checklist only protects you from the things that have already bitten someone.",
            "A bench will nearly always take the safer route if you hand them a plan.",
            "Nobody scores adjectives.",
            "Short forms get filled in.",
            "A fixed handover format works because the listener hears the shape before the words",
            "Splitting into waves beats throwing everyone at the whole pick when volume is that high",
            "There is always something left to do for a family, even when it isn't CPR.",
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
            "Queue times about the same.",
            "Janet's taken the triage model to the other two localities.",
            "Savings: need to get the real figure from finance.",
            "Two complaints about label size already.",
            "Ask Carol about the supervisor role.",
            "A copy was filed on the Friday.",
            "Results are in the appendix.",
            "A spare key is on the hook by the door.",
            "Training is booked for the spring.",
            "Nothing is broken.",
            "Data lands next month.",
            "A meeting will be held in the hall next week.",
            "People will arrive at nine.",
            "Nobody was hurt.",
            "The form that I wrote is on the drive.",
            "Forms get sent to the office.",
            "A fixed rota was agreed with the union.",
            "That one is still open.",
            "There is a spare key at reception.",
            "There were always two of us on nights.",
        ] {
            assert!(
                !clauses(not).any(states_a_general_truth),
                "{not:?} is no general truth"
            );
        }
    }
}
