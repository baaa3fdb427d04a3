//! What tells an episode: the prose hits of a unit, read as a careful reader reads a story —
//! sentences of what the writer did, then what came of it, a lesson or a second thought.

use std::ops::Range;

use crate::kinds::PartKind;
use crate::notes::prose::{self, Hit};

/// Whether the line holding `offset` is a list item's (its first line or a lazy one is not
/// told apart: a sentence that starts on an item's line).
pub(super) fn starts_in_list_item(text: &str, offset: usize) -> bool {
    let line = text
        .get(crate::blocks::line_start(text, offset)..)
        .unwrap_or("");
    let line = line.trim_start_matches([' ', '\t', '>']).trim_start();
    crate::notes::label_lines::list_marker_with_space(line).is_some()
}

/// Prose that tells an episode: two sentences read as parts, one of them "I" + a past-tense
/// verb.
pub(super) fn tells_an_episode(hits: &[Hit]) -> bool {
    // Hits come sentence by sentence: a new sentence starts where the one before did not.
    // An outcome cue is no evidence (see `Hit::outcome`), nor a sentence read from where it
    // stands (see `Hit::ending`).
    let (mut sentences, mut last) = (0, None);
    for start in hits
        .iter()
        .filter(|h| !h.outcome && !h.ending)
        .map(|h| h.sentence.start)
    {
        if last != Some(start) {
            sentences += 1;
            last = Some(start);
        }
    }
    sentences >= 2 && hits.iter().any(|h| h.personal)
}

/// A log's terse episode, its subject left out ("Split it by floor, walked round every
/// Friday." — "Down to 9 items at handover."): an action and, in another sentence, what came
/// of it.
pub(super) fn did_and_came_of_it(hits: &[Hit]) -> bool {
    hits.iter().any(|done| {
        done.kind == PartKind::Action
            && hits.iter().any(|came| {
                came.kind == PartKind::Result && !came.outcome && came.sentence != done.sentence
            })
    })
}

/// An action and, in a later sentence, what came of it — an outcome cue too ("the test
/// average came out at 71% against 58%"), as it is read after a story's first action — or
/// what it taught, or a second thought.
pub(super) fn did_then_told_more(hits: &[Hit]) -> bool {
    did_then(hits, false)
}

/// An action and, in a later sentence, anything else read — its ending included.
pub(super) fn did_then_ended(hits: &[Hit]) -> bool {
    did_then(hits, true)
}

/// An action and, in a later sentence, a hit of another kind; one read from where it stands
/// (`Hit::ending`) counts only `with_endings`.
pub(super) fn did_then(hits: &[Hit], with_endings: bool) -> bool {
    hits.iter().any(|done| {
        done.kind == PartKind::Action
            && hits.iter().any(|more| {
                more.kind != PartKind::Action
                    && (with_endings || !more.ending)
                    && more.sentence.start >= done.sentence.end
            })
    })
}

/// Two actions or more: in two sentences, or listed in one ("Wrote the script, got two
/// classes to try it, and recorded it").
pub(super) fn lists_what_was_done(text: &str, hits: &[Hit]) -> bool {
    let mut actions = hits.iter().filter(|h| h.kind == PartKind::Action);
    let Some(first) = actions.next() else {
        return false;
    };
    let lists = |h: &Hit| {
        text.get(h.sentence.clone())
            .is_some_and(prose::lists_actions)
    };
    lists(first) || actions.any(|h| h.sentence != first.sentence || lists(h))
}

/// A title that opens with a day's date: `27/02`, `27.02.23`, `2023-02-27`. Stricter than
/// [`is_period_or_version`], which takes any number for a period: a day and a month here.
pub(in crate::notes) fn starts_with_a_date(title: &str) -> bool {
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let title = title.trim_start();
    let first = digits(title);
    let rest = title.get(first..).unwrap_or("");
    let after_date = |rest: &str| {
        rest.chars()
            .next()
            .is_none_or(|c| c == ' ' || c == ':' || c == ',' || c == '—' || c == '–' || c == '-')
    };
    if title.starts_with("24/7") {
        return false; // round the clock
    }
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    match (first, rest.chars().next()) {
        (1 | 2, Some('/' | '.')) => {
            let month = rest.get(1..).unwrap_or("");
            let m = digits(month);
            let after = month.get(m..).unwrap_or("");
            // With full stops, two digits each (`27.02`): `3.5 days` is a number.
            let dotted = rest.starts_with('.');
            (!dotted || (first == 2 && m == 2))
                && (1..=31).contains(&number(title.get(..first).unwrap_or("")))
                && (1..=12).contains(&number(month.get(..m).unwrap_or("")))
                && (1..=2).contains(&m)
                && (after_date(after)
                    || (after.starts_with(['/', '.'])
                        && matches!(digits(after.get(1..).unwrap_or("")), 2 | 4)))
        }
        (4, Some('-')) => {
            let rest = rest.get(1..).unwrap_or("");
            digits(rest) == 2
                && rest.get(2..3) == Some("-")
                && digits(rest.get(3..).unwrap_or("")) == 2
        }
        _ => false,
    }
}

/// Whether a line in `region` opens a list item.
pub(super) fn has_nested_items(text: &str, region: &Range<usize>) -> bool {
    text.get(region.clone()).is_some_and(|body| {
        body.lines().any(|l| {
            crate::notes::label_lines::list_marker_with_space(
                l.trim_start_matches([' ', '\t', '>']),
            )
            .is_some()
        })
    })
}

/// Whether a text tells of someone else: a sentence opens with "He" or "She", and neither
/// "I" nor "we" (nor "my", "our", …) is said.
pub(super) fn told_of_someone_else(text: &str, region: &Range<usize>) -> bool {
    let Some(words) = text.get(region.clone()) else {
        return false;
    };
    let opens_with = |pronoun: &str| {
        words.match_indices(pronoun).any(|(at, _)| {
            let before = words
                .get(..at)
                .unwrap_or("")
                .trim_end_matches([' ', '\t', '\n', '\r', '-', '*', '>']);
            before.is_empty() || before.ends_with(['.', '!', '?', '—', '–', ':'])
        })
    };
    if !(opens_with("He ") || opens_with("She ")) {
        return false;
    }
    let mut count = crate::pronouns::PronounCount::default();
    count.add(words);
    count.i == 0 && count.we == 0
}

/// The hits of a heading's paragraphs: its list items are a log's lines.
pub(super) fn in_paragraphs(text: &str, hits: &[Hit]) -> Vec<Hit> {
    hits.iter()
        .filter(|h| !starts_in_list_item(text, h.sentence.start))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_that_open_a_log_line() {
        for dated in [
            "27/02 watery mouth",
            "2/5 drilled",
            "27.02.23 lambing",
            "2023-02-27: scan",
            "04/01",
        ] {
            assert!(starts_with_a_date(dated), "{dated}");
        }
        for not in [
            "24/7 cover",
            "3.5 days",
            "2023 review",
            "13/13 passed",
            "12/345 done",
            "Q3 plan",
        ] {
            assert!(!starts_with_a_date(not), "{not}");
        }
    }
}
