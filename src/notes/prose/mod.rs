//! Parts stated in prose (SPEC §2, "Reading notes as people write them"): sentences that read
//! as a result, a lesson, hindsight or an action, without any label.
//!
//! A region of text is cut into paragraphs (blank lines, list items and cut-out ranges end
//! one; wrapped lines join), each paragraph is searched for cue phrases, and only a paragraph
//! holding a cue is segmented into sentences (UAX #29), so that the cost stays with the text
//! that matters. Every hit carries the byte range of its sentence in the original text.

use std::ops::Range;

use regex::Regex;

use crate::kinds::PartKind;

/// A sentence read as stating a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: PartKind,
    /// The sentence, trimmed, in the original text.
    pub sentence: Range<usize>,
    /// An action with "I" as its subject: the writer's own voice.
    pub personal: bool,
    /// A result read only by an outcome cue ("No patient harm."): it states the result of a
    /// story whose action comes before it, and is no evidence of a story.
    pub outcome: bool,
    /// Read from where it stands, not from its words: a result, the first sentence after the
    /// story's last action that tells what happened ([`ending`]; an outcome too), or a lesson,
    /// a general truth told after it ([`maxim`]). No evidence of a story.
    pub ending: bool,
}

/// The kinds read from prose, in the order they are searched.
pub const PROSE_KINDS: [PartKind; 4] = [
    PartKind::Action,
    PartKind::Result,
    PartKind::Lesson,
    PartKind::Hindsight,
];

/// Cue phrases for one configuration: the built-in lexicon plus phrases from `[cues]`.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Extra phrases per kind, compiled into one case-insensitive pattern each.
    extra: Vec<(PartKind, Regex)>,
}

impl Cues {
    /// Compiles configured phrases (matched case-insensitively, as whole words).
    pub fn new(extra: &[(PartKind, Vec<String>)]) -> Cues {
        let mut compiled = Vec::new();
        for (kind, phrases) in extra {
            let alternatives: Vec<String> = phrases
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(|p| regex::escape(&p.to_lowercase()))
                .collect();
            if alternatives.is_empty() {
                continue;
            }
            let pattern = format!(r"(?i)(?:^|\W)(?:{})(?:\W|$)", alternatives.join("|"));
            if let Ok(re) = Regex::new(&pattern) {
                compiled.push((*kind, re));
            }
        }
        Cues { extra: compiled }
    }
}

mod cues;
mod ending;
mod maxim;
mod paragraphs;

use cues::{CHANGELOG_VERBS, NOT_PAST, action_patterns, lexicon, outcome};
pub(crate) use paragraphs::opens_a_sentence_in_lower_case;
use paragraphs::{Paragraph, paragraphs, sentence_around, trim_range};

/// Reads `region` of `text`, skipping `cut` (sorted ranges: headings, labels, comments,
/// code, nested experiences), and returns the sentences that state a part of one of `kinds`.
pub fn read(
    text: &str,
    region: Range<usize>,
    cut: &[Range<usize>],
    kinds: &[PartKind],
    cues: &Cues,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    if kinds.is_empty() {
        return hits;
    }
    paragraphs(text, region.clone(), cut, |paragraph| {
        read_paragraph(paragraph, text, kinds, cues, &mut hits);
    });
    // What is told after the story's last action: its ending, a general truth. The sentences
    // there are cut once for both readers.
    let Some(span) = paragraphs::action_span(&hits) else {
        return hits;
    };
    let wants_ending = kinds.contains(&PartKind::Result) && ending::wanted(&hits, &span);
    let wants_maxim =
        kinds.contains(&PartKind::Lesson) && maxim::wanted(text, &region, &hits, &span);
    if wants_ending || wants_maxim {
        let tail = paragraphs::sentences_from(text, &region, cut, span.last_end);
        if wants_ending {
            hits.extend(ending::in_tail(text, &hits, &tail));
        }
        // After the ending is read: a sentence read as the ending is no truth.
        if wants_maxim {
            hits.extend(maxim::in_tail(text, &hits, &tail));
        }
    }
    hits
}

fn read_paragraph(
    paragraph: &Paragraph,
    text: &str,
    kinds: &[PartKind],
    cues: &Cues,
    hits: &mut Vec<Hit>,
) {
    let mut found = cues_in(&paragraph.joined, paragraph.uncapitalised, kinds, cues);
    if !found.is_empty() {
        let quoted = quoted_spans(&paragraph.joined);
        found.retain(|(_, at, _)| !quoted.iter().any(|q| q.contains(at)));
    }
    if !found.is_empty() {
        add_sentences(paragraph, text, found, hits);
    }
}

/// How a cue was found: an action in the writer's own voice, an outcome cue, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voice {
    Personal,
    Outcome,
    Plain,
}

/// Every cue of `kinds` in a paragraph: its kind, its offset in `joined`, and how it was
/// found. Each kind's patterns are searched on their own: a set of them all
/// for one pass (which reads every paragraph to its end for every pattern at once) scanned no
/// faster, took 1.8 MB and 80 M instructions to build, and on long stretches of notes its lazy
/// DFA gave up for the slow engine (2 MB of real notes: 438 ms against 46 ms).
fn cues_in(
    joined: &str,
    uncapitalised: bool,
    kinds: &[PartKind],
    cues: &Cues,
) -> Vec<(PartKind, usize, Voice)> {
    // (kind, offset in `joined`) of every cue.
    let mut found: Vec<(PartKind, usize, Voice)> = Vec::new();
    for kind in kinds {
        match kind {
            PartKind::Action => {
                let (first_person, subject_less) = action_patterns();
                // (start, the match up to its verb, voice).
                let personal = first_person
                    .find_iter(joined)
                    .map(|m| (m.start(), m.as_str(), Voice::Personal));
                let bare = subject_less
                    .find_iter(joined)
                    .map(|m| (m.start(), m.as_str(), Voice::Plain));
                // A writer who does not capitalise (see [`cues::lower_case_action`]): its match
                // ends with the word after the verb.
                let lower_case = uncapitalised
                    .then(|| cues::lower_case_action().find_iter(joined))
                    .into_iter()
                    .flatten()
                    .filter(|m| {
                        !m.as_str()
                            .split_whitespace()
                            .any(|w| cues::GOING_WRONG.contains(&w))
                    })
                    .map(|m| {
                        // The verb: the match's word after the sentence's start.
                        let from = m.as_str().trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, '.' | '!' | '?')
                        });
                        // A lead-in ("so moved 80ha over …") is no verb.
                        let from = ["so ", "then ", "and then "]
                            .iter()
                            .find_map(|lead| from.strip_prefix(lead))
                            .map_or(from, str::trim_start);
                        let verb_len = from.find(char::is_whitespace).unwrap_or(from.len());
                        let verb_end = m.end() - (from.len() - verb_len);
                        (
                            m.start(),
                            joined.get(m.start()..verb_end).unwrap_or(""),
                            Voice::Plain,
                        )
                    });
                for (start, matched, voice) in personal.chain(bare).chain(lower_case) {
                    // "IBM i unsupported": a platform's name, not the writer.
                    if voice == Voice::Personal
                        && matched.starts_with('i')
                        && crate::pronouns::names_a_platform(last_word(
                            joined.get(..start).unwrap_or("").trim_end(),
                        ))
                    {
                        continue;
                    }
                    // Every pattern ends with the verb: the match's last word.
                    // Its last part when hyphenated: "re-added" is "added".
                    let verb = last_word(matched);
                    let verb = verb.rsplit('-').next().unwrap_or(verb);
                    // "I suspect I found more …": a thought about what was done.
                    let said_before = joined.get(..start).unwrap_or("").trim_end();
                    if voice == Voice::Personal && supposes(said_before) {
                        continue;
                    }
                    // "What I took from it: …", "the thing I took from it" name a lesson,
                    // not something done.
                    let before = last_word(said_before);
                    if voice == Voice::Personal
                        && TAKEN_FROM.iter().any(|w| w.eq_ignore_ascii_case(verb))
                        && ["what", "thing", "things", "lesson", "lessons"]
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(before))
                    {
                        continue;
                    }
                    let changelog = voice == Voice::Plain
                        && CHANGELOG_VERBS.iter().any(|w| w.eq_ignore_ascii_case(verb));
                    if !changelog && !NOT_PAST.iter().any(|w| w.eq_ignore_ascii_case(verb)) {
                        found.push((PartKind::Action, start, voice));
                    }
                }
            }
            PartKind::Context => {}
            kind => {
                // What had happened before the story is its situation: "spend had doubled in
                // a year" states no result.
                // "Next time I looked he was at 3900" tells what happened next: no second
                // thought.
                let told = |at: &usize| match kind {
                    PartKind::Result => !after_had(joined, *at),
                    PartKind::Hindsight => !narrates_next_time(joined, *at),
                    _ => true,
                };
                if let Some((_, re)) = lexicon().iter().find(|(k, _)| k == kind) {
                    found.extend(
                        re.find_iter(joined)
                            .map(|m| m.start())
                            .filter(told)
                            .map(|at| (*kind, at, Voice::Plain)),
                    );
                }
                if *kind == PartKind::Result {
                    let outcomes = outcome().find_iter(joined).map(|m| m.start());
                    found.extend(outcomes.filter(told).map(|at| (*kind, at, Voice::Outcome)));
                }
            }
        }
        for (_, re) in cues.extra.iter().filter(|(k, _)| k == kind) {
            found.extend(
                re.find_iter(joined)
                    .map(|m| (*kind, m.start(), Voice::Plain)),
            );
        }
    }
    found
}

/// Whether the cue at `at` is "next time I" and a past tense: the story's next moment.
fn narrates_next_time(joined: &str, at: usize) -> bool {
    let rest = joined.get(at..).unwrap_or("");
    let mut words = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty());
    let opening: Vec<&str> = words.by_ref().take(3).collect();
    matches!(opening.as_slice(), [n, t, i] if n.eq_ignore_ascii_case("next")
        && t.eq_ignore_ascii_case("time")
        && *i == "I")
        && words.next().is_some_and(ending::past_tense)
}

/// Whether the words just before `at` are "had" or "had been": the past before the story.
fn after_had(joined: &str, at: usize) -> bool {
    let before = joined.get(..at).unwrap_or("").trim_end();
    let before = before
        .strip_suffix("been")
        .map_or(before, |rest| rest.trim_end());
    before
        .strip_suffix("had")
        .or_else(|| before.strip_suffix("Had"))
        .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
}

/// The spans of `joined` between quotation marks (`"…"`, `“…”`): someone else's words — a
/// colleague's praise, a customer's complaint — state nothing of the writer's own story. A
/// quotation left open at the paragraph's end is no span (an inch mark, a stray quote).
pub(crate) fn quoted_spans(joined: &str) -> Vec<Range<usize>> {
    let bytes = joined.as_bytes();
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // `"`, or `“` / `”` (E2 80 9C / E2 80 9D).
    for at in memchr::memchr2_iter(b'"', 0xE2, bytes) {
        let (opens, closes, len) = match bytes.get(at..at + 3) {
            _ if bytes[at] == b'"' => (true, true, 1),
            Some([0xE2, 0x80, 0x9C]) => (true, false, 3),
            Some([0xE2, 0x80, 0x9D]) => (false, true, 3),
            _ => continue,
        };
        match open {
            Some(start) if closes => {
                spans.push(start..at + len);
                open = None;
            }
            None if opens => open = Some(at),
            _ => {}
        }
    }
    spans
}

/// Whether `text` says that "I" or "we" did something, in the past tense: a story, even one
/// told in the team's voice; a guide says what to do.
pub(crate) fn tells_something_done(text: &str) -> bool {
    cues::done_by_us().captures_iter(text).any(|found| {
        found.get(1).is_some_and(|verb| {
            !NOT_PAST
                .iter()
                .any(|w| w.eq_ignore_ascii_case(verb.as_str()))
                && !asks(text, verb.end())
        })
    })
}

/// Whether `text` tells of something that happened, by anyone: a story's stub ("a tamper broke
/// down and the possession was handed back late"), where advice says what one does.
pub(crate) fn tells_something_happened(text: &str) -> bool {
    tells_something_done(text)
        || cues::happened()
            .find_iter(text)
            .any(|found| !asks(text, found.end()))
}

/// Whether a sentence lists actions: after its first, another past tense follows a comma or
/// "and" ("Wrote the script, got two classes to try it, and recorded it").
pub(crate) fn lists_actions(sentence: &str) -> bool {
    sentence
        .split(',')
        .flat_map(|clause| clause.split(" and "))
        .skip(1)
        .any(|clause| {
            let mut words = clause
                .split_whitespace()
                .skip_while(|w| ending::THEN.iter().any(|t| t.eq_ignore_ascii_case(w)));
            words.next().is_some_and(ending::past_tense)
        })
}

/// Whether `line` opens with a past tense (`took over halfway …`): a writer who leaves the
/// subject out, starting a sentence.
pub(crate) fn opens_with_a_past_tense(line: &str) -> bool {
    ending::past_tense(first_word(line))
}

/// The first run of letters in `line` (empty when it has none).
fn first_word(line: &str) -> &str {
    line.split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// Whether `line` opens with a past tense that tells what a writer did, not a changelog's
/// entry (`Fixed`, `Added`, `Removed` …): a brag bullet's first words (`Migrated the research
/// notes …`, `Ran an accessibility audit …`; not `Set up …`, as often an instruction).
pub(crate) fn opens_with_something_done(line: &str) -> bool {
    let first = first_word(line);
    opens_with_a_past_tense(first)
        && !CHANGELOG_VERBS
            .iter()
            .any(|v| v.eq_ignore_ascii_case(first))
}

/// Whether `sentence` opens with a verb whose past is its bare form ([`cues::SAME_AS_IMPERATIVE`]):
/// in a text that addresses its reader it says what to do ("Set the scene in two sentences."),
/// not what was done.
pub(crate) fn may_say_what_to_do(sentence: &str) -> bool {
    let first = sentence
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    cues::SAME_AS_IMPERATIVE
        .iter()
        .any(|verb| verb.eq_ignore_ascii_case(first))
}

/// Whether the sentence going on at `at` is a question ("Do we split Payments …?"): it tells
/// nothing that happened.
fn asks(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default().as_bytes();
    memchr::memchr3(b'.', b'!', b'?', rest).is_some_and(|i| rest[i] == b'?')
}

/// Whether `said_before` ends with "I think", "I suspect", "I guess" …: what follows is a
/// thought, not an action told.
fn supposes(said_before: &str) -> bool {
    let verb = last_word(said_before);
    let subject = last_word(
        said_before
            .get(..said_before.len() - verb.len())
            .unwrap_or("")
            .trim_end(),
    );
    subject == "I"
        && [
            "think", "suspect", "guess", "reckon", "believe", "feel", "suppose", "imagine", "doubt",
        ]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(verb))
}

/// Verbs that, after "what I", name what a story left the writer with ("What I took from
/// it", "what I learned"), not an action.
const TAKEN_FROM: &[&str] = &[
    "took", "learned", "learnt", "got", "gained", "realised", "realized",
];

/// The word that ends `matched`: the verb an action pattern ends with, after white space or
/// at the start.
fn last_word(matched: &str) -> &str {
    matched
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(matched)
}

/// The sentence around each cue, as a hit (one per kind and sentence).
fn add_sentences(
    paragraph: &Paragraph,
    text: &str,
    found: Vec<(PartKind, usize, Voice)>,
    hits: &mut Vec<Hit>,
) {
    let joined = paragraph.joined.as_str();
    // Sentences are found (UAX #29) only around the cues, a window at a time: most of a long
    // paragraph is never segmented.
    let mut sentences: Vec<(usize, &str)> = Vec::new();
    for (kind, at, voice) in found {
        let (personal, outcome) = (voice == Voice::Personal, voice == Voice::Outcome);
        // The sentence holding the cue's first letter (a cue may start with the space or
        // full stop before it).
        let letter = joined[at..]
            .find(|c: char| c.is_alphanumeric())
            .map_or(at, |i| at + i);
        let known = sentences
            .iter()
            .find(|(s, text)| *s <= letter && letter < s + text.len());
        let (start, sentence) = match known {
            Some(found) => *found,
            None => match sentence_around(joined, letter) {
                Some(found) => {
                    sentences.push(found);
                    found
                }
                None => continue,
            },
        };
        let lead = sentence.len() - sentence.trim_start().len();
        let inner = sentence.trim();
        // A question states nothing: "Did they set up the context?" is no action, "What did
        // it teach you?" no lesson. A figure the writer is unsure of asks nothing ("fuel down
        // about 40%??").
        const ASKING: &[&str] = &[
            "did", "does", "do", "is", "was", "were", "are", "what", "how", "why", "when", "where",
            "who", "can", "could", "should", "would", "will", "has", "have",
        ];
        let opening = inner.split_whitespace().next().unwrap_or_default();
        let unsure_of_a_figure = inner
            .trim_end_matches('?')
            .ends_with(|c: char| c.is_ascii_digit() || c == '%')
            && !ASKING.iter().any(|w| w.eq_ignore_ascii_case(opening));
        if inner.is_empty() || (inner.ends_with('?') && !unsure_of_a_figure) {
            continue;
        }
        // What is hoped or planned is no outcome: "Zero errors is the goal", "if it ships on
        // time".
        if outcome && cues::intends().is_match(inner) {
            continue;
        }
        let range =
            paragraph.original(start + lead)..paragraph.original(start + lead + inner.len());
        let range = trim_range(text, range);
        match hits
            .iter_mut()
            .find(|h| h.kind == kind && h.sentence == range)
        {
            Some(hit) => {
                hit.personal |= personal;
                // A sentence that a result cue reads is a result whatever else it says.
                hit.outcome &= outcome;
            }
            None => hits.push(Hit {
                kind,
                sentence: range,
                personal,
                outcome,
                ending: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cues::{HINDSIGHT, LESSON, RESULT, compile};
    use super::*;

    fn kinds_of(sentence: &str) -> Vec<PartKind> {
        let mut kinds: Vec<PartKind> = read(
            sentence,
            0..sentence.len(),
            &[],
            &PROSE_KINDS,
            &Cues::default(),
        )
        .into_iter()
        // Outcome cues read a result only after an action (tested in `outcome_sentences`
        // and in `assemble`).
        .filter(|h| !h.outcome)
        .map(|h| h.kind)
        .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    #[test]
    fn built_in_patterns_compile() {
        for pattern in [RESULT, LESSON, HINDSIGHT] {
            if let Err(e) = compile(pattern) {
                panic!("{e}");
            }
        }
        let _ = action_patterns();
    }

    #[test]
    fn sentences_read_as_each_kind() {
        let cases: &[(&str, PartKind)] = &[
            (
                "Month-end close now takes two days instead of five.",
                PartKind::Result,
            ),
            ("As a result, churn fell to 3%.", PartKind::Result),
            (
                "The ward no longer needs an agency nurse.",
                PartKind::Result,
            ),
            (
                "Waiting times went from 40 to 12 minutes.",
                PartKind::Result,
            ),
            ("I learned that estimates need a buffer.", PartKind::Lesson),
            ("It taught me to ask for the data first.", PartKind::Lesson),
            ("My takeaway: write the runbook first.", PartKind::Lesson),
            (
                "learned: tell the customer early, even when it is bad news.",
                PartKind::Lesson,
            ),
            (
                "Looking back, I should have asked sooner.",
                PartKind::Hindsight,
            ),
            (
                "Next time I would involve legal on day one.",
                PartKind::Hindsight,
            ),
            ("I'd have involved legal on day one.", PartKind::Hindsight),
            ("I replaced the export with a live view.", PartKind::Action),
            ("Paired with Sam three afternoons a week.", PartKind::Action),
            (
                "I had a quiet word with him after the shift.",
                PartKind::Action,
            ),
            ("latency back to normal by 03:25.", PartKind::Result),
            (
                "paid back in just under 2 yrs and no overspend since.",
                PartKind::Result,
            ),
            ("rolled back the flag, ~8 min impact.", PartKind::Result),
            (
                "restarted the checkout pods in batches of 5.",
                PartKind::Action,
            ),
        ];
        for (sentence, kind) in cases {
            assert!(
                kinds_of(sentence).contains(kind),
                "{sentence:?} should read as {kind}: {:?}",
                kinds_of(sentence)
            );
        }
    }

    #[test]
    fn sentences_that_list_actions() {
        assert!(lists_actions(
            "Wrote the script myself (12 stops), got two classes to try it, and recorded it."
        ));
        assert!(lists_actions(
            "Co-planned his next 3 lessons, watched him teach the first one and gave him one thing."
        ));
        assert!(!lists_actions("Spent my whole PPA queuing in repro."));
        assert!(!lists_actions(
            "Started precepting Jess (new grad, 12-week orientation)."
        ));
        assert!(!lists_actions(
            "Rewrote the rota, the handover sheet and the induction pack."
        ));
    }

    #[test]
    fn a_question_states_nothing() {
        for question in [
            "Did they set up the context in a sentence or two?",
            "What did it teach you? ",
            "Looking back, what would you do differently?",
            "Did it cut the queue to 40%?",
        ] {
            assert_eq!(kinds_of(question), [], "{question:?}");
        }
        assert!(tells_something_done(
            "We moved the jobs and kept the scheduler."
        ));
        assert!(tells_something_done("i rebuilt it."));
        assert!(tells_something_done("I've paired with Aiyana since March."));
        assert!(tells_something_done("We have moved the jobs."));
        assert!(!tells_something_done(
            "We need the numbers. Ask what they did."
        ));
        // A question tells nothing that happened.
        assert!(!tells_something_happened(
            "Do we split Payments once the hires land? Was it worth it?"
        ));
        assert!(tells_something_happened("Do we split it? We split it."));
        // Advice in the first person tells nothing that happened.
        assert!(!tells_something_done(
            "I think the main thing is to make the trade-off visible. I have a list."
        ));
        assert!(!tells_something_happened(
            "I think the main thing is to make the trade-off visible. Put every request in one list, since something urgent will turn up."
        ));
        assert!(tells_something_happened(
            "The worst night of my career: a tamper broke down and the possession was handed back late."
        ));
    }

    #[test]
    fn quoted_words_are_someone_else_s() {
        // A colleague's praise in quotation marks tells nothing the writer did.
        for quoted in [
            "> \"The ramp program is the reason I closed my first deal.\" — Aisha, AE",
            "“I learned more in that month than in a year,” said the new hire.",
        ] {
            assert_eq!(kinds_of(quoted), [], "{quoted:?}");
        }
        // Words outside the quotes still read; a quote left open hides nothing.
        assert_eq!(
            kinds_of("I rewrote the \"quick\" export and it now takes 2 minutes."),
            [PartKind::Action, PartKind::Result]
        );
        assert_eq!(
            kinds_of("I replaced the 27\" monitors with laptops."),
            [PartKind::Action]
        );
    }

    #[test]
    fn near_misses_do_not_read() {
        let cases: &[(&str, PartKind)] = &[
            ("Wrote the lesson plan for week three.", PartKind::Lesson),
            ("We learned the API later.", PartKind::Lesson),
            ("I had a word for it in French.", PartKind::Action),
            ("The normal by-laws apply.", PartKind::Result),
            ("We paid back the loan in March.", PartKind::Result),
            (
                "Expect 5 minutes of downtime during the upgrade",
                PartKind::Result,
            ),
            ("Learned: Rust, Go and Terraform.", PartKind::Lesson),
            ("Open the results page.", PartKind::Result),
            ("The result type is an enum.", PartKind::Result),
            ("Book the next time slot.", PartKind::Hindsight),
            (
                "Looking back at the logs the spike began at noon.",
                PartKind::Hindsight,
            ),
            ("I now own the billing alerts.", PartKind::Lesson),
            ("We migrated the database.", PartKind::Action),
            ("I need a new laptop.", PartKind::Action),
        ];
        for (sentence, kind) in cases {
            assert!(
                !kinds_of(sentence).contains(kind),
                "{sentence:?} must not read as {kind}"
            );
        }
    }

    /// The sentence lists of tests/fixtures/cues, both ways: `KIND.yes.txt` must read as that
    /// kind, `KIND.no.txt` (near misses) must not. Lines starting with `#` are comments.
    #[test]
    fn cue_fixture_sentences() {
        let lists: [(PartKind, &str, &str); 4] = [
            (
                PartKind::Result,
                include_str!("../../../tests/fixtures/cues/result.yes.txt"),
                include_str!("../../../tests/fixtures/cues/result.no.txt"),
            ),
            (
                PartKind::Lesson,
                include_str!("../../../tests/fixtures/cues/lesson.yes.txt"),
                include_str!("../../../tests/fixtures/cues/lesson.no.txt"),
            ),
            (
                PartKind::Hindsight,
                include_str!("../../../tests/fixtures/cues/hindsight.yes.txt"),
                include_str!("../../../tests/fixtures/cues/hindsight.no.txt"),
            ),
            (
                PartKind::Action,
                include_str!("../../../tests/fixtures/cues/action.yes.txt"),
                include_str!("../../../tests/fixtures/cues/action.no.txt"),
            ),
        ];
        let mut wrong = Vec::new();
        for (kind, yes, no) in lists {
            for sentence in crate::text::sentence_list(yes, &[]) {
                if !kinds_of(sentence).contains(&kind) {
                    wrong.push(format!("should read as {kind}: {sentence}"));
                }
            }
            for sentence in crate::text::sentence_list(no, &[]) {
                if kinds_of(sentence).contains(&kind) {
                    wrong.push(format!("must not read as {kind}: {sentence}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// tests/fixtures/cues/outcome.*.txt: the outcome cues read a result (and mark it an
    /// outcome), and their near misses read none.
    #[test]
    fn outcome_sentences() {
        let outcomes = |sentence: &str| -> Vec<bool> {
            read(
                sentence,
                0..sentence.len(),
                &[],
                &[PartKind::Result],
                &Cues::default(),
            )
            .into_iter()
            .map(|h| h.outcome)
            .collect()
        };
        let mut wrong = Vec::new();
        let yes = include_str!("../../../tests/fixtures/cues/outcome.yes.txt");
        for sentence in crate::text::sentence_list(yes, &[]) {
            if outcomes(sentence).is_empty() {
                wrong.push(format!("should read as an outcome: {sentence}"));
            }
        }
        let no = include_str!("../../../tests/fixtures/cues/outcome.no.txt");
        for sentence in crate::text::sentence_list(no, &[]) {
            if !outcomes(sentence).is_empty() {
                wrong.push(format!("must not read as a result: {sentence}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        // A result cue in the same sentence makes it a result, not an outcome.
        assert_eq!(
            outcomes("Waiting times went from 40 to 12 minutes, zero complaints."),
            [false]
        );
        assert_eq!(outcomes("No patient harm."), [true]);
    }

    #[test]
    fn wrapped_lines_join_and_ranges_point_into_the_text() {
        let text = "- **Export job**\n  - I replaced it with a live view. Month-end close\n    now takes two days instead of five.\n";
        let hits = read(text, 0..text.len(), &[], &PROSE_KINDS, &Cues::default());
        let result = hits
            .iter()
            .find(|h| h.kind == PartKind::Result)
            .expect("a result");
        assert_eq!(
            &text[result.sentence.clone()],
            "Month-end close\n    now takes two days instead of five."
        );
        let action = hits
            .iter()
            .find(|h| h.kind == PartKind::Action)
            .expect("an action");
        assert_eq!(
            &text[action.sentence.clone()],
            "I replaced it with a live view."
        );
    }

    #[test]
    fn cut_ranges_are_not_read() {
        let text = "Notes here <!-- I learned that x. --> end\n";
        let comment = Range { start: 11, end: 37 };
        let cut = std::slice::from_ref(&comment);
        let hits = read(
            text,
            0..text.len(),
            cut,
            &[PartKind::Lesson],
            &Cues::default(),
        );
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn configured_cues() {
        let cues = Cues::new(&[(PartKind::Lesson, vec!["aprendí que".to_string()])]);
        let text = "Aprendí que hay que medir antes.";
        let hits = read(text, 0..text.len(), &[], &[PartKind::Lesson], &cues);
        assert_eq!(hits.len(), 1);
    }
}
