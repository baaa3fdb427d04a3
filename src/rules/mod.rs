//! The ten rules (SPEC §3): findings with byte ranges, after configuration and suppression.

use std::collections::HashMap;
use std::sync::Arc;

use crate::line_index::{Encoding, LineIndex};
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::config::Settings;
use crate::figures;
use crate::kinds::{PartKind, PartState, RuleCode, Severity};
use crate::notes::{Evidence, Experience, Notes};
use crate::pronouns::PronounCount;
use crate::text;

/// One diagnostic, independent of any editor protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: RuleCode,
    pub severity: Severity,
    pub range: Range<usize>,
    /// Shared: a keystroke's findings recall the messages of the experiences it left alone.
    pub message: Arc<str>,
    /// Index into `Notes::experiences`; `None` for file-level findings.
    pub experience: Option<usize>,
}

/// Facts about one experience that rules, reports and tests share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment<'a> {
    pub result_quantified: bool,
    pub we_not_i: bool,
    /// The stated hindsight, when none of its stated parts says how the result would have
    /// changed (`missing-counterfactual`).
    pub hindsight_without_consequence: Option<&'a crate::notes::Part>,
}

/// Whether a hindsight part of the experience holds the counterfactual prompt already.
pub fn asks_counterfactual(experience: &Experience, source: &str) -> bool {
    experience.parts_of(PartKind::Hindsight).any(|p| {
        source.get(p.body.clone()).is_some_and(|body| {
            crate::part_state::collapse(body).contains(crate::prompts::COUNTERFACTUAL_PROMPT)
        })
    })
}

/// Whether a stated result of the experience holds a figure (comments and code aside).
pub fn result_quantified(notes: &Notes, experience: &Experience, source: &str) -> bool {
    experience
        .parts_of(PartKind::Result)
        .filter(|p| p.state == PartState::Stated)
        .any(|p| figures::has_figure(&notes.own_words(source, p.body.clone())))
}

pub fn assess<'a>(notes: &Notes, experience: &'a Experience, source: &str) -> Assessment<'a> {
    let own_words = |range: Range<usize>| notes.own_words(source, range);
    let result_quantified = result_quantified(notes, experience, source);

    let mut count = PronounCount::default();
    // A labelled action is read alone; an action read from prose is a sentence that says "I"
    // (or has no subject), so the whole experience is read instead.
    let labelled_actions: Vec<&crate::notes::Part> = experience
        .parts_of(PartKind::Action)
        .filter(|p| p.state == PartState::Stated && p.evidence == Evidence::Label)
        .collect();
    if !labelled_actions.is_empty() {
        for part in &labelled_actions {
            count.add(&own_words(part.body.clone()));
        }
        // `Swapped the forecast call for a stand-up.`: an action with no subject is the
        // writer's own, as "I" is, whatever "we" the rest of the part says.
        if count.we_not_i()
            && labelled_actions
                .iter()
                .any(|p| says_own_action(&own_words(p.body.clone())))
        {
            count.i += 1;
        }
    } else {
        // The whole experience, without headings and labels.
        let section = experience.section.clone();
        let first = notes
            .headings
            .partition_point(|h| h.line_start < section.start);
        let mut cut: Vec<Range<usize>> = notes.headings[first..]
            .iter()
            .take_while(|h| h.line_start < section.end)
            .map(|h| h.line_start..h.range.end)
            .collect();
        cut.push(experience.heading.clone());
        cut.extend(
            experience
                .parts
                .iter()
                .filter(|p| p.evidence == Evidence::Label)
                .map(|p| p.label.clone()),
        );
        cut.sort_by_key(|r| r.start);
        count.add(&text::without(
            source,
            section,
            &[
                &cut,
                &notes.blocks.comments,
                &notes.blocks.code_blocks,
                &notes.blocks.code_spans,
            ],
        ));
    }
    let stated_hindsight: Vec<&crate::notes::Part> = experience
        .parts_of(PartKind::Hindsight)
        .filter(|p| p.state == PartState::Stated)
        .collect();
    let hindsight_without_consequence = match stated_hindsight.first() {
        Some(first)
            if !stated_hindsight
                .iter()
                .any(|p| crate::counterfactual::states_consequence(&own_words(p.body.clone()))) =>
        {
            Some(*first)
        }
        _ => None,
    };
    Assessment {
        result_quantified,
        we_not_i: count.we_not_i(),
        hindsight_without_consequence,
    }
}

/// Whether `words` hold an action sentence with no subject (`Rebuilt the rota.`): read as
/// the prose reader reads actions.
fn says_own_action(words: &str) -> bool {
    crate::notes::prose::read(
        words,
        0..words.len(),
        &[],
        &[PartKind::Action],
        &crate::notes::prose::Cues::default(),
    )
    .iter()
    .any(|hit| !hit.personal)
}

/// Findings as they are made: each kept when its rule is on and not switched off for the
/// file or its experience.
struct Findings<'a> {
    notes: &'a Notes,
    settings: &'a Settings,
    found: Vec<Finding>,
}

impl Findings<'_> {
    fn push(&mut self, code: RuleCode, exp: Option<usize>, range: Range<usize>, message: Arc<str>) {
        let Some(severity) = self.settings.severity(code) else {
            return;
        };
        let suppressed_here = exp
            .and_then(|i| self.notes.experiences.get(i))
            .is_some_and(|e| e.suppressed.contains(code));
        if self.notes.file_suppressed.contains(code) || suppressed_here {
            return;
        }
        self.found.push(Finding {
            code,
            severity,
            range,
            message,
            experience: exp,
        });
    }
}

mod recall;

pub use recall::RulesMemo;
use recall::{Facts, MessageKey, Recall};

/// A message of `exp`'s findings: recalled with its facts when it can be, else made by `make`.
fn message(
    recall: Option<&mut Recall>,
    exp: &Experience,
    key: MessageKey,
    make: impl FnOnce() -> String,
) -> Arc<str> {
    match recall {
        Some(recall) => recall.message(exp, key, make),
        None => make().into(),
    }
}

/// Runs every rule over a parsed file.
pub fn check(notes: &Notes, source: &str, settings: &Settings) -> Vec<Finding> {
    check_with(notes, source, settings, None, None)
}

/// [`check`] on the editor's keystroke path: what the rules read of each experience is
/// recalled from the previous version where nothing it was read from changed (`reuse` is the
/// document's, just used by [`crate::notes::parse_reusing`] for `notes`). The findings are
/// exactly [`check`]'s. `lines`, the line starts of `source` when the caller keeps them, serve
/// the messages that name a line (else they are found when a message first needs them).
pub fn check_reusing(
    notes: &Notes,
    source: &str,
    settings: &Settings,
    reuse: &mut crate::notes::Reuse,
    lines: Option<&LineIndex>,
) -> Vec<Finding> {
    let (unchanged, earlier) = reuse.rules_recall();
    let mut recall = Recall::new(notes, unchanged, earlier);
    let found = check_with(notes, source, settings, Some(&mut recall), lines);
    let memo = recall.into_memo();
    reuse.keep_rules(memo);
    found
}

/// What the rules read of one experience, read afresh.
fn facts_of(notes: &Notes, exp: &Experience, source: &str) -> Facts {
    let assessment = assess(notes, exp, source);
    let hindsight_without_consequence = assessment
        .hindsight_without_consequence
        .and_then(|part| exp.parts.iter().position(|p| std::ptr::eq(p, part)));
    Facts {
        result_quantified: assessment.result_quantified,
        we_not_i: assessment.we_not_i,
        hindsight_without_consequence,
        asks_counterfactual: hindsight_without_consequence.is_some()
            && asks_counterfactual(exp, source),
        title_key: title_key(&exp.title).into(),
        tells_of_failure: None,
    }
}

fn check_with(
    notes: &Notes,
    source: &str,
    settings: &Settings,
    mut recall: Option<&mut Recall>,
    lines: Option<&LineIndex>,
) -> Vec<Finding> {
    let mut findings = Findings {
        notes,
        settings,
        found: Vec::with_capacity(notes.experiences.len()),
    };
    let mut seen_titles: HashMap<std::sync::Arc<str>, usize, foldhash::fast::FixedState> =
        HashMap::with_capacity_and_hasher(notes.experiences.len(), Default::default());
    // Built on the first duplicate only, when the caller keeps none: most files have none.
    let mut own_lines: Option<LineIndex> = None;
    let mut all_facts = Vec::with_capacity(notes.experiences.len());
    // Read afresh, a long note's facts are found on every core; recalled, on this thread.
    let mut found_apart = if recall.is_none() {
        let weight = |i: usize| notes.experiences[i].section.len();
        let found = |i: usize| facts_of(notes, &notes.experiences[i], source);
        crate::parallel::map(source.len(), notes.experiences.len(), weight, found)
    } else {
        Vec::new()
    }
    .into_iter();
    for (i, exp) in notes.experiences.iter().enumerate() {
        let facts = match (found_apart.next(), recall.as_deref_mut()) {
            (Some(facts), _) => facts,
            (None, Some(recall)) => recall.facts(notes, exp, || facts_of(notes, exp, source)),
            (None, None) => facts_of(notes, exp, source),
        };
        missing_parts(&mut findings, i, exp, recall.as_deref_mut());
        experience_rules(&mut findings, i, exp, &facts, recall.as_deref_mut());
        let key = facts.title_key.clone();
        all_facts.push(facts);
        if let Some(first) = seen_titles.get(&key) {
            let lines = match lines {
                Some(lines) => lines,
                None => own_lines.get_or_insert_with(|| LineIndex::new(source, Encoding::Utf8)),
            };
            let line = lines.line(notes.experiences[*first].heading.start) + 1;
            findings.push(
                RuleCode::DuplicateExperience,
                Some(i),
                exp.title_range.clone(),
                format!(
                    "\"{}\" repeats the title of the experience on line {line}: merge them, or tell them apart in the title",
                    exp.title
                )
                .into(),
            );
        } else {
            seen_titles.insert(key, i);
        }
    }
    let failure_told = || {
        notes.experiences.iter().zip(&all_facts).any(|(e, facts)| {
            let told = facts
                .tells_of_failure
                .unwrap_or_else(|| crate::stories::tells_of_failure(notes, e, source));
            if let Some(recall) = recall.as_deref_mut() {
                recall.record_failure(e, told);
            }
            told
        })
    };
    file_rules(&mut findings, failure_told);
    let mut found = findings.found;
    found.sort_by_key(|f| (f.range.start, f.code));
    found
}

/// missing-*: one finding per rule that asks for a part (crate::gaps decides), on the label of
/// the first empty part it asks about, else on the heading.
fn missing_parts(
    findings: &mut Findings,
    i: usize,
    exp: &Experience,
    mut recall: Option<&mut Recall>,
) {
    let gaps = crate::gaps::gaps(findings.notes, findings.settings, i);
    for code in [
        RuleCode::MissingResult,
        RuleCode::MissingAction,
        RuleCode::MissingLesson,
        RuleCode::MissingHindsight,
    ] {
        let mut asked = gaps.iter().filter(|g| g.rule == code).peekable();
        if asked.peek().is_none() {
            continue;
        }
        let empty = asked
            .find_map(|g| g.part.and_then(|p| exp.parts.get(p)))
            .or_else(|| {
                // SPEC §3: else the empty hindsight label, even with that rule off.
                (code == RuleCode::MissingLesson)
                    .then(|| exp.empty_part(PartKind::Hindsight))
                    .flatten()
            });
        let empty_part = empty.map(|p| (p.kind, p.has_prompt));
        let message = message(recall.as_deref_mut(), exp, (code, empty_part), || {
            missing_message(code, &exp.title, empty_part)
        });
        let range = empty.map_or(exp.title_range.clone(), |p| p.label.clone());
        findings.push(code, Some(i), range, message);
    }
}

/// The rules about what an experience says: the counterfactual, a figure, "I".
fn experience_rules(
    findings: &mut Findings,
    i: usize,
    exp: &Experience,
    facts: &Facts,
    mut recall: Option<&mut Recall>,
) {
    let title = &exp.title;
    if let Some(part) = facts
        .hindsight_without_consequence
        .and_then(|p| exp.parts.get(p))
    {
        let key = (RuleCode::MissingCounterfactual, None);
        let message = message(recall.as_deref_mut(), exp, key, || {
            if facts.asks_counterfactual {
                format!(
                    "How the result of \"{title}\" would have changed is still a prompt: how would the result have been different?"
                )
            } else {
                format!(
                    "The hindsight of \"{title}\" says what you would do differently, not what it would have changed: how would the result have been different?"
                )
            }
        });
        findings.push(
            RuleCode::MissingCounterfactual,
            Some(i),
            part.label.clone(),
            message,
        );
    }
    if exp.state(PartKind::Result) == PartState::Stated && !facts.result_quantified {
        let message = message(
            recall.as_deref_mut(),
            exp,
            (RuleCode::VagueResult, None),
            || {
                format!(
                    "The result of \"{title}\" has no figure: how much, how many, how fast, compared with what?"
                )
            },
        );
        findings.push(
            RuleCode::VagueResult,
            Some(i),
            exp.title_range.clone(),
            message,
        );
    }
    if facts.we_not_i {
        findings.push(
            RuleCode::WeNotI,
            Some(i),
            exp.title_range.clone(),
            message(recall, exp, (RuleCode::WeNotI, None), || {
                format!("\"{title}\" says \"we\" but never \"I\": what did you do yourself?")
            }),
        );
    }
}

/// The rules about the file as a whole, once it holds three experiences: the self-assessment
/// sections, and a story of a failure.
fn file_rules(findings: &mut Findings, failure_told: impl FnOnce() -> bool) {
    let notes = findings.notes;
    let count = notes.experiences.len();
    if count < 3 {
        return;
    }
    let range = notes.headings.first().map_or(0..0, |h| h.title.clone());
    if !(notes.has_strengths && notes.has_growth) {
        let describe = |answered: bool, exists: bool, name: &str| match (answered, exists) {
            (true, _) => None,
            (false, true) => Some(format!("the {name} section is still a prompt")),
            (false, false) => Some(format!("no {name} section")),
        };
        let missing = [
            describe(notes.has_strengths, notes.strengths_section, "Strengths"),
            describe(notes.has_growth, notes.growth_section, "Growth areas"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" and ");
        findings.push(
            RuleCode::MissingSelfAssessment,
            None,
            range.clone(),
            format!(
                "{count} experiences but {missing}: interviewers ask what you are good at and where you are growing"
            )
            .into(),
        );
    }
    if !failure_told() {
        findings.push(
            RuleCode::NoFailureStory,
            None,
            range,
            format!(
                "Interviewers ask about a time you failed; none of these {count} experiences tells of a failure or a mistake (a `tags: failure` line marks one)"
            )
            .into(),
        );
    }
}

fn missing_message(code: RuleCode, title: &str, empty_part: Option<(PartKind, bool)>) -> String {
    let ask = match code {
        RuleCode::MissingResult => "what changed because of your work?",
        RuleCode::MissingAction => "what did you do yourself?",
        RuleCode::MissingLesson => "what did it teach you?",
        _ => "knowing what you know now, what would you do differently?",
    };
    match empty_part {
        Some((kind, prompt)) => {
            let what = kind.key();
            let how = if prompt { "still a prompt" } else { "empty" };
            if code == RuleCode::MissingLesson && kind == PartKind::Hindsight {
                format!("The {what} of \"{title}\" is {how}, and no lesson is stated: {ask}")
            } else {
                format!("The {what} of \"{title}\" is {how}: {ask}")
            }
        }
        None => match code {
            RuleCode::MissingResult => format!("\"{title}\" states no result: {ask}"),
            RuleCode::MissingAction => format!("\"{title}\" does not say what you did: {ask}"),
            RuleCode::MissingLesson => format!("\"{title}\" states no lesson: {ask}"),
            _ => format!("\"{title}\" states a lesson but not what you would do differently now"),
        },
    }
}

/// The comparison form of a title: NFC, case-folded, without markup or extra spaces.
pub fn title_key(title: &str) -> String {
    let unmarked = |c: &char| !matches!(c, '*' | '_' | '`' | '~');
    // ASCII is already in NFC.
    let mut key = String::with_capacity(title.len());
    let mut push = |c: char| {
        if c.is_whitespace() {
            if !key.is_empty() && !key.ends_with(' ') {
                key.push(' ');
            }
        } else {
            key.push(c);
        }
    };
    if title.is_ascii() {
        title
            .chars()
            .filter(unmarked)
            .for_each(|c| push(c.to_ascii_lowercase()));
    } else {
        title
            .nfc()
            .filter(unmarked)
            .flat_map(char::to_lowercase)
            .for_each(push);
    }
    if key.ends_with(' ') {
        key.pop();
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keys_fold_case_markup_and_spaces() {
        assert_eq!(title_key("  **Billing**   Move\t"), "billing move");
        assert_eq!(title_key("Cafe\u{301} _scientifique_"), "café scientifique");
        assert_eq!(title_key("CAFÉ  Scientifique"), "café scientifique");
        assert_eq!(title_key("   "), "");
    }

    fn codes(text: &str) -> Vec<&'static str> {
        let settings = Settings::default();
        let notes = crate::notes::parse(text, &settings);
        check(&notes, text, &settings)
            .iter()
            .map(|f| f.code.code())
            .collect()
    }

    #[test]
    fn a_story_without_a_lesson_asks_for_one_and_its_hindsight() {
        let found = codes("## Billing move\n\nAction: I moved it.\nResult: 3 days faster.\n");
        assert!(found.contains(&"missing-lesson"), "{found:?}");
        assert!(!found.contains(&"missing-result"), "{found:?}");
    }

    #[test]
    fn a_result_without_a_figure_is_vague_and_one_with_a_figure_is_not() {
        let vague = codes("## A\n\nAction: I did it.\nResult: it went better.\n");
        assert!(vague.contains(&"vague-result"), "{vague:?}");
        let counted = codes("## A\n\nAction: I did it.\nResult: 30% fewer tickets.\n");
        assert!(!counted.contains(&"vague-result"), "{counted:?}");
    }

    #[test]
    fn we_without_i() {
        let found = codes(
            "## Launch\n\nAction: we shipped it together and we measured it.\nResult: 2x signups.\n",
        );
        assert!(found.contains(&"we-not-i"), "{found:?}");
        let mine = codes("## Launch\n\nAction: I shipped it with the team.\nResult: 2x signups.\n");
        assert!(!mine.contains(&"we-not-i"), "{mine:?}");
        // Actions with no subject are the writer's own: a "we" among them is not team-speak.
        let bullets = codes(
            "## Turnaround\n\n#### Approach\n\n- We closed out dead deals together.\n- Swapped the forecast call for a stand-up.\n- Picked the twelve deals our VP would join.\n\n#### Results\n\n- 112% of quota.\n",
        );
        assert!(!bullets.contains(&"we-not-i"), "{bullets:?}");
        // Without a sentence of the writer's own, "we" alone is still team-speak.
        let team = codes(
            "## Turnaround\n\n#### Approach\n\n- We closed out dead deals together.\n- Our VP joined the calls.\n\n#### Results\n\n- 112% of quota.\n",
        );
        assert!(team.contains(&"we-not-i"), "{team:?}");
    }

    #[test]
    fn a_repeated_title_names_the_line_of_the_first() {
        let text = "## Billing move\n\nAction: I did it.\n\n## Billing move\n\nAction: again.\n";
        let settings = Settings::default();
        let notes = crate::notes::parse(text, &settings);
        let duplicate = check(&notes, text, &settings)
            .into_iter()
            .find(|f| f.code == RuleCode::DuplicateExperience)
            .expect("a duplicate");
        assert_eq!(duplicate.experience, Some(1));
        assert!(
            duplicate.message.contains("line 1"),
            "{}",
            duplicate.message
        );
    }

    #[test]
    fn a_disabled_rule_is_not_reported() {
        let found = codes(
            "## A\n\n<!-- hindsight-disable missing-lesson missing-hindsight -->\nAction: I did it.\nResult: 3 days faster.\n",
        );
        assert!(!found.contains(&"missing-lesson"), "{found:?}");
    }

    #[test]
    fn three_experiences_ask_for_a_self_assessment_and_a_failure_story() {
        let story = |t: &str| format!("## {t}\n\nAction: I did it.\nResult: 3 days faster.\n\n");
        let text: String = ["A", "B", "C"].iter().map(|t| story(t)).collect();
        let found = codes(&text);
        assert!(found.contains(&"missing-self-assessment"), "{found:?}");
        assert!(found.contains(&"no-failure-story"), "{found:?}");
        let two: String = ["A", "B"].iter().map(|t| story(t)).collect();
        assert!(!codes(&two).contains(&"missing-self-assessment"));
    }
}
