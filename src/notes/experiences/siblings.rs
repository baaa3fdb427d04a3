//! Headings beside experiences: a story stub among stories needs less evidence than a heading
//! alone — but a guide section or a question that asks for a view does not become a story for
//! standing there.

use std::ops::Range;

use crate::notes::prose::Hit;

use super::evidence::{did_then_told_more, in_paragraphs, lists_what_was_done};
use super::{Input, LabelEvidence, in_own_voice};

/// A heading beside experiences (same level, same parent) needs less: one labelled part, or
/// prose in the writer's own voice — a story stub among stories. Guide sections beside an
/// answer (`Why this is asked`, `Tips`) have neither.
pub(super) fn add_siblings_of_experiences(
    input: &Input,
    labels: &[LabelEvidence],
    prose: &[Vec<Hit>],
    cut: &[Range<usize>],
    eligible: &dyn Fn(usize) -> bool,
    candidate: &mut [bool],
) {
    let headings = input.headings;
    // Siblings: the same parent and level (sub-heading parts aside).
    let group = |j: usize| (input.tree.parent[j], headings[j].level);
    let mut with_experience: std::collections::HashSet<_, foldhash::fast::FixedState> =
        Default::default();
    let mut with_dated_story: std::collections::HashSet<_, foldhash::fast::FixedState> =
        Default::default();
    // A dated story does not make its neighbours stories: beside `## March` stand `## Wins`
    // and `## Next year`.
    for j in (0..headings.len()).filter(|j| headings[*j].part.is_none() && candidate[*j]) {
        if headings[j].names_period {
            with_dated_story.insert(group(j));
        } else {
            with_experience.insert(group(j));
        }
    }
    // But in a journal, an entry beside dated stories whose paragraphs say what the writer did
    // is one of them ("## 9 January" — "I told her I'd sit in the car for ten minutes …";
    // "Rang AQA straight away …", a journal's subject being its writer); a to-do list, a moan
    // or a day off says nothing done.
    for j in 0..headings.len() {
        if headings[j].names_period
            && !candidate[j]
            && eligible(j)
            && !headings[j].reflection_title
            && with_dated_story.contains(&group(j))
        {
            let in_paragraphs = in_paragraphs(input.text, &prose[j]);
            // One line of what was done is a log's line ("Started precepting Jess."), and one
            // chore a moan's ("Spent my whole PPA queuing in repro."): two actions — in one
            // sentence too ("Wrote the script, got two classes to try it, and recorded it") —
            // or more told.
            candidate[j] = in_paragraphs.iter().any(|h| h.personal)
                || did_then_told_more(&in_paragraphs)
                || lists_what_was_done(input.text, &in_paragraphs);
        }
    }
    // Cousins too: a form's areas (`## Technical`, `## People`) each over one story (`###
    // Penrose Holdings …`, `### Trainee reviews`): only children at one level under headings
    // of one level and parent stand beside each other.
    let mut children = vec![0usize; headings.len()];
    for j in (0..headings.len()).filter(|j| headings[*j].part.is_none()) {
        if let Some(count) = input.tree.parent[j].and_then(|p| children.get_mut(p)) {
            *count += 1;
        }
    }
    let cousins = |j: usize| {
        let p = input.tree.parent[j].filter(|p| children.get(*p) == Some(&1))?;
        Some((input.tree.parent[p], headings[p].level, headings[j].level))
    };
    let mut with_cousin_story: std::collections::HashSet<_, foldhash::fast::FixedState> =
        Default::default();
    for j in (0..headings.len())
        .filter(|j| headings[*j].part.is_none() && candidate[*j] && !headings[*j].names_period)
    {
        if let Some(key) = cousins(j) {
            with_cousin_story.insert(key);
        }
    }
    let beside_a_story = |j: usize| {
        with_experience.contains(&group(j))
            || cousins(j).is_some_and(|key| with_cousin_story.contains(&key))
    };
    if with_experience.is_empty() && with_cousin_story.is_empty() {
        return;
    }
    // In document order, as the recall of each heading's voice looks it up.
    for j in 0..headings.len() {
        if headings[j].part.is_some()
            || candidate[j]
            || !eligible(j)
            || headings[j].names_period
            || headings[j].reflection_title
            || !beside_a_story(j)
        {
            continue;
        }
        // A question that asks for a view, not a time (`Why do you want this role?` beside
        // `Tell me about a time …`), is answered with reasons: it needs a story's evidence.
        let title = input.text.get(headings[j].title.clone()).unwrap_or("");
        if asks_for_a_view(title) {
            continue;
        }
        // Or a log's terse episode with its subject left out ("Went through all 40 courses …
        // Every course now passes."; "called signaller, got line blocked …" — "no one hurt").
        candidate[j] =
            labels[j].count > 0 || in_own_voice(input, j, cut) || did_then_told_more(&prose[j]);
    }
}

/// A question that asks for reasons or a view (`Why do you want this role?`, `What are your
/// strengths?`), not for an episode (`Tell me about a time …?`, `Have you ever …?`, `Describe a
/// situation where …?`).
pub(in crate::notes) fn asks_for_a_view(title: &str) -> bool {
    if !title.trim_end().ends_with('?') {
        return false;
    }
    // Words between single spaces, so that "ever" is not found in "however".
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let title = format!(" {} ", words.join(" "));
    let asks_for_an_episode = [
        " a time ",
        " time when ",
        " time you ",
        " situation",
        " example",
        " ever ",
        " when you ",
        " when did ",
        " occasion",
        " instance",
        " experience",
        " story ",
        " stories ",
    ]
    .iter()
    .any(|words| title.contains(words));
    !asks_for_an_episode
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Beside stories, a terse one told without "I": what was done, then what came of it —
    /// an outcome too. A section beside them that tells nothing done is none.
    #[test]
    fn terse_stories_beside_stories() {
        let stories = "# prep\n\n## 1. mentoring Dave - coaching\nI split the route into sections and he called every signal out loud. He passed first time.\n\n";
        let terse = format!(
            "{stories}## 3. trespassers - challenging situation\nkids on the line ahead. called signaller on GSMR, got line blocked, stayed in cab.\nno one hurt\n"
        );
        assert_eq!(
            crate::notes::tests::titles_in(&terse),
            [
                "1. mentoring Dave - coaching",
                "3. trespassers - challenging situation"
            ]
        );
        let none_done = format!(
            "{stories}## Links\nthe rota is on the wall, the route cards in the cab.\nno one hurt\n"
        );
        assert_eq!(
            crate::notes::tests::titles_in(&none_done),
            ["1. mentoring Dave - coaching"]
        );
    }

    #[test]
    fn questions_that_ask_for_a_view_or_for_a_time() {
        assert!(asks_for_a_view("Why do you want this role?"));
        assert!(asks_for_a_view("What are your strengths? "));
        assert!(!asks_for_a_view("Tell me about a time you failed?"));
        assert!(!asks_for_a_view("Have you ever disagreed with a manager?"));
        assert!(!asks_for_a_view("Describe a situation where you led"));
        assert!(!asks_for_a_view("Why the migration slipped"));
        assert!(asks_for_a_view("What do you do every day, however busy?"));
    }
}
