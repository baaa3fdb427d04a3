//! A story's ending told in words no cue knows: after the writer's last action, the first
//! sentence that says in the past tense what happened, by someone or something other than the
//! writer ("It slipped into Q4 and compliance had to move their meeting.", "Case settled at
//! mediation.", "Nobody hurt."). Read only where the cues found no result after the story's
//! first action, and never as evidence that a text is a story (see `Hit::ending`).

use std::ops::Range;

use super::Hit;
use super::cues::{IRREGULAR_PAST, SAME_AS_IMPERATIVE};
use super::paragraphs::{ActionSpan, trim_range};
use crate::kinds::PartKind;

/// Whether to look for the story's ending, given the cues' `hits` and where its `actions`
/// stand: no result read (an outcome cue counts only after the first action).
pub(super) fn wanted(hits: &[Hit], actions: &ActionSpan) -> bool {
    let first_action_end = actions.first.end;
    !hits
        .iter()
        .any(|h| h.kind == PartKind::Result && (!h.outcome || h.sentence.start >= first_action_end))
}

/// The ending sentence in `tail` (the sentences after the story's last action), given the
/// cues' `hits`.
pub(super) fn in_tail(text: &str, hits: &[Hit], tail: &[(Range<usize>, String)]) -> Option<Hit> {
    let mut found: Option<Range<usize>> = None;
    for (range, inner) in tail {
        match read_sentence(inner) {
            Sentence::Ending => {
                found = Some(range.clone());
                break;
            }
            // A plan or a doubt: the story has not ended ("Decision is expected in
            // January. Fingers crossed.").
            Sentence::NotYet => break,
            Sentence::Other => {}
        }
    }
    // A sentence the cues read as a lesson or a second thought is that, not the ending.
    let sentence = trim_range(text, found?);
    let reflection = hits.iter().any(|h| {
        matches!(h.kind, PartKind::Lesson | PartKind::Hindsight)
            && h.sentence.start < sentence.end
            && sentence.start < h.sentence.end
    });
    (!reflection).then_some(Hit {
        kind: PartKind::Result,
        sentence,
        personal: false,
        outcome: true,
        ending: true,
    })
}

/// Words that make a sentence's main clause a plan, a wish, a doubt or a note to self, not
/// what happened.
const NOT_YET: &[&str] = &[
    "will",
    "would",
    "should",
    "could",
    "might",
    "may",
    "hope",
    "hoping",
    "hopefully",
    "planning",
    "going",
    "needs",
    "want",
    "wants",
    "todo",
    "tbd",
    "tbc",
    "maybe",
    "probably",
    "wish",
    "let's",
    "lets",
    "pending",
    "waiting",
    "yet",
    "expect",
    "expected",
    "expecting",
    "supposed",
    "ongoing",
    "planned",
    "scheduled",
    "underway",
    "wip",
];

/// Words before a month's name: "booked on the course in may".
const BEFORE_A_MONTH: &[&str] = &[
    "in", "by", "since", "until", "till", "from", "of", "early", "late", "mid", "end", "last",
    "next", "this",
];

/// Openings of a note to self or a condition: "Need to get the figures", "Ask Sam", "If it
/// ships".
const NOT_YET_OPENINGS: &[&str] = &[
    "need", "ask", "check", "chase", "fill", "plan", "if", "unless", "find", "get", "add",
];

/// Word pairs that say it is too soon to tell.
const NOT_YET_PAIRS: &[(&str, &str)] = &[
    ("fingers", "crossed"),
    ("too", "early"),
    ("too", "soon"),
    // The writer never learnt how it ended: "Never found out what happened to him".
    ("found", "out"),
    ("heard", "back"),
];

/// Irregular past tenses besides the actions' ([`IRREGULAR_PAST`]) that tell how something
/// turned out.
const MORE_PAST: &[&str] = &["saw", "beat", "shrank", "understood"];

/// Words that end in "ed" and are no past tense.
const ED_NOT_PAST: &[&str] = &[
    "hundred", "naked", "wicked", "sacred", "kindred", "embed", "shred", "sled", "bed", "red",
    "wed", "bred", "fed", "ted", "ned", "shed", "sped", "biped", "moped",
];

/// Openings that say something did not happen: "No object damaged.", "Nobody hurt.",
/// "Zero complaints since."
const NONE_HAPPENED: &[&str] = &["no", "nobody", "nothing", "none", "zero"];

/// Past participles after "had": what happened before the story ("had changed", "had been").
const PARTICIPLES: &[&str] = &[
    "been", "done", "gone", "taken", "seen", "given", "grown", "known", "become", "come", "begun",
    "run", "left", "made", "found", "lost", "got", "gotten", "written", "broken",
];

/// Whether the words hold a pluperfect ("had changed"): the situation, told after the fact.
/// "Had to" is not one ("compliance had to move their meeting").
fn told_before(words: &[&str]) -> bool {
    words.windows(2).any(|pair| {
        let next = pair[1].to_ascii_lowercase();
        pair[0].eq_ignore_ascii_case("had")
            && (next.ends_with("ed") || PARTICIPLES.contains(&next.as_str()))
    })
}

/// What a sentence after the story's last action is.
#[derive(Debug, PartialEq, Eq)]
enum Sentence {
    /// What happened in the end (see the module).
    Ending,
    /// A question, a plan, a wish or a note to self: the story has no ending yet.
    NotYet,
    Other,
}

/// Words that open an action told without its subject ("Then asked reception to …").
pub(super) const THEN: &[&str] = &[
    "then",
    "also",
    "and",
    "so",
    "later",
    "finally",
    "eventually",
];

fn read_sentence(sentence: &str) -> Sentence {
    if sentence.ends_with('?') || sentence.contains("??") {
        return Sentence::NotYet;
    }
    if sentence.ends_with(':') {
        return Sentence::Other;
    }
    let is = |w: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    // What a relative clause or an aside adds ("…, which was above the number Greg had told
    // the client to hope for") does not change what happened: the other clauses are read.
    let clauses: Vec<Vec<&str>> = clauses(sentence)
        .into_iter()
        .map(|clause| {
            clause
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .filter(|w| !w.is_empty())
                .collect::<Vec<&str>>()
        })
        .filter(|words| words.first().is_some_and(|w| !is(w, RELATIVE)))
        .collect();
    let Some(first) = clauses.first() else {
        return Sentence::Other;
    };
    let pair = |a: &str, b: &str| {
        NOT_YET_PAIRS
            .iter()
            .any(|(x, y)| x.eq_ignore_ascii_case(a) && y.eq_ignore_ascii_case(b))
    };
    let not_yet = |words: &Vec<&str>| {
        words.iter().enumerate().any(|(i, w)| {
            // "in may" is a month, not a doubt.
            let month = w.eq_ignore_ascii_case("may")
                && i.checked_sub(1)
                    .and_then(|before| words.get(before))
                    .is_some_and(|before| is(before, BEFORE_A_MONTH));
            is(w, NOT_YET) && !month
        }) || words.windows(2).any(|p| pair(p[0], p[1]))
    };
    if first.first().is_some_and(|w| is(w, NOT_YET_OPENINGS)) || clauses.iter().any(not_yet) {
        return Sentence::NotYet;
    }
    // An action whose subject is left out, after "then" or alone, and the writer's own
    // doings and thoughts ("I couldn't."): the story goes on.
    let opening = first.iter().find(|w| !is(w, THEN));
    let subject_left_out = first.len() > 1 && opening.is_some_and(|w| past_tense(w));
    if subject_left_out || opening.is_some_and(|w| said_by_me(w)) {
        return Sentence::Other;
    }
    if clauses.iter().any(|words| ends_a_story(words)) {
        Sentence::Ending
    } else {
        Sentence::Other
    }
}

/// Words that open a clause saying more about something already named.
const RELATIVE: &[&str] = &[
    "which", "who", "whom", "whose", "where", "because", "although", "though", "while", "whereas",
];

/// The clauses of a sentence: cut at `, `, `; `, `: `, a bracket or a dash between spaces
/// (not inside "$385,000").
fn clauses(sentence: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let bytes = sentence.as_bytes();
    for (at, c) in sentence.char_indices() {
        let next_is_space = bytes.get(at + c.len_utf8()).is_some_and(|b| *b == b' ');
        let cut = match c {
            ',' | ';' | ':' => next_is_space,
            '(' | ')' => true,
            '—' | '–' => true,
            _ => false,
        };
        if cut {
            cuts.push(at);
            cuts.push(at + c.len_utf8());
        }
    }
    cuts.push(sentence.len());
    cuts.chunks(2)
        .filter_map(|pair| sentence.get(*pair.first()?..*pair.get(1)?))
        .collect()
}

/// "I", "I'd", "we", "we've" …: the writer speaking.
fn said_by_me(word: &str) -> bool {
    let w = word.replace('’', "'").to_ascii_lowercase();
    w == "i" || w.starts_with("i'") || w == "we" || w.starts_with("we'")
}

/// Whether a word is a verb's past tense.
/// [`IRREGULAR_PAST`] as a set: asked for every word of the sentences after a story's last
/// action (splitting the list at each word cost 28 M instructions on a 1 MB file).
fn irregular_past() -> &'static std::collections::HashSet<&'static str, foldhash::fast::FixedState>
{
    static SET: std::sync::OnceLock<
        std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
    > = std::sync::OnceLock::new();
    SET.get_or_init(|| IRREGULAR_PAST.split('|').collect())
}

pub(super) fn past_tense(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    // "Set", "shut", "cut" are as often the present or a participle ("keeping my mouth
    // shut"): not read as a past tense alone.
    let same_as_present = SAME_AS_IMPERATIVE.contains(&lower.as_str());
    (irregular_past().contains(lower.as_str()) && !same_as_present)
        || MORE_PAST.contains(&lower.as_str())
        || (lower.len() >= 4
            && lower.ends_with("ed")
            && !lower.ends_with("eed")
            && !ED_NOT_PAST.contains(&lower.as_str())
            && lower.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether the words of a sentence read as the ending of a story told before it.
fn ends_a_story(words: &[&str]) -> bool {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .skip_while(|w| THEN.iter().any(|t| t.eq_ignore_ascii_case(w)))
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    // The writer's own doings and thoughts are actions or reflections.
    if said_by_me(first) || told_before(&words) {
        return false;
    }
    if NONE_HAPPENED.iter().any(|n| n.eq_ignore_ascii_case(first)) && words.len() >= 2 {
        return true;
    }
    // After a determiner an "-ed" word is an adjective ("the shared drive", "an updated plan").
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "my", "our", "their", "this", "that", "its",
    ];
    words.iter().enumerate().any(|(i, w)| {
        let adjective = i
            .checked_sub(1)
            .and_then(|before| words.get(before))
            .is_some_and(|before| DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(before)));
        past_tense(w) && !adjective
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_read() {
        for sentence in [
            "It slipped into Q4 and compliance had to move their auditor meeting.",
            "Case settled at mediation for $385,000, which was above the number Greg gave.",
            "Nobody hurt.",
            "No object damaged — one frame has a water mark on the back.",
            "The inspector passed it on the second visit.",
            "Worked.",
            "Two weeks later the ward adopted it for every bay.",
            "Zero complaints since.",
            "she withdrew her notice the next day and is booked on the course in may.",
            "Case settled at mediation for $385,000, which was above what we had hoped for.",
        ] {
            assert_eq!(read_sentence(sentence), Sentence::Ending, "{sentence}");
        }
    }

    #[test]
    fn not_endings() {
        for sentence in [
            "I couldn't.",
            "I knew it was closer to six.",
            "We talked it through.",
            "The client had changed the API the week before.",
            "It will launch in March.",
            "Numbers?",
            "TODO ask front desk for uptake once it's been live a month.",
            "Need to get the figures from Sam.",
            "Did it actually help?",
            "The lesson plan for Year 9 is in the shared drive.",
            "Launches in March.",
            "Hoping it sticks.",
            "If it ships on time, great.",
            "Then asked reception to book the last slot of a session.",
            "Then wrote to the committee + got the specialists to co-sign.",
            "Still ongoing; second batch planned for October.",
            "Fingers crossed.",
            "It may slip to June.",
            "Never found out what happened to him after that.",
            "Never heard back from the family.",
            "The board may sign it off in may.",
            "Too early to say what it did to bounces; data lands next month.",
        ] {
            assert_ne!(read_sentence(sentence), Sentence::Ending, "{sentence}");
        }
    }

    fn ending_of(text: &str) -> Option<&str> {
        let hits = super::super::read(
            text,
            0..text.len(),
            &[],
            &super::super::PROSE_KINDS,
            &Default::default(),
        );
        hits.iter()
            .find(|h| h.ending)
            .map(|h| &text[h.sentence.clone()])
    }

    #[test]
    fn the_ending_follows_the_last_action() {
        let story = "The audit export was late. I told Jen it would take three weeks. \
                     I didn't say anything when it slipped. It slipped into Q4 anyway.";
        assert_eq!(ending_of(story), Some("It slipped into Q4 anyway."));
        // Before the first action, a past tense is the situation.
        assert_eq!(
            ending_of("The pallets went to Bradford. I pulled the scans."),
            None
        );
        // A result the cues read is the result: no ending is looked for.
        assert_eq!(
            ending_of("I rewrote the query. As a result, reports load in 2 s. Sales noticed."),
            None
        );
        // A plan or a question after the last action: no ending yet.
        assert_eq!(
            ending_of("I sent the proposal. Decision is expected in January. Fingers crossed."),
            None
        );
        assert_eq!(
            ending_of("I wrote the script. It's on the agenda. Did it help?? The board liked it."),
            None
        );
        // A lesson is not the ending.
        assert_eq!(
            ending_of("I rewrote the query. I learned that indexes matter."),
            None
        );
    }
}
