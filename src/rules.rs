//! The ten rules (SPEC §3): findings with byte ranges, after configuration and suppression.

use std::collections::HashMap;

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
    pub message: String,
    /// Index into `Notes::experiences`; `None` for file-level findings.
    pub experience: Option<usize>,
    /// A `missing-*` finding about a part that exists but is empty (no insertion offered).
    pub on_empty_part: bool,
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

/// Whether the experience tells of a failure or a mistake, in its own words (title included;
/// comments and code excluded) or by a `tags:` line.
pub fn assess_failure(notes: &Notes, experience: &Experience, source: &str) -> bool {
    let words = text::without(
        source,
        experience.section.clone(),
        &[
            &notes.blocks.comments,
            &notes.blocks.code_blocks,
            &notes.blocks.code_spans,
        ],
    );
    crate::failures::tells_of_failure(&words)
}

pub fn assess<'a>(notes: &Notes, experience: &'a Experience, source: &str) -> Assessment<'a> {
    let own_words = |range: Range<usize>| {
        text::without(
            source,
            range,
            &[
                &notes.blocks.comments,
                &notes.blocks.code_blocks,
                &notes.blocks.code_spans,
            ],
        )
    };
    let result_quantified = experience
        .parts_of(PartKind::Result)
        .filter(|p| p.state == PartState::Stated)
        .any(|p| figures::has_figure(&own_words(p.body.clone())));

    let mut count = PronounCount::default();
    // A labelled action is read alone; an action read from prose is a sentence that says "I"
    // (or has no subject), so the whole experience is read instead.
    let labelled_actions: Vec<&crate::notes::Part> = experience
        .parts_of(PartKind::Action)
        .filter(|p| p.state == PartState::Stated && p.evidence == Evidence::Label)
        .collect();
    if !labelled_actions.is_empty() {
        for part in labelled_actions {
            count.add(&own_words(part.body.clone()));
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

/// Runs every rule over a parsed file.
pub fn check(notes: &Notes, source: &str, settings: &Settings) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |code: RuleCode,
                    exp: Option<usize>,
                    range: Range<usize>,
                    message: String,
                    on_empty_part: bool| {
        let Some(severity) = settings.severity(code) else {
            return;
        };
        if notes.file_suppressed.contains(code) {
            return;
        }
        if let Some(i) = exp
            && notes.experiences[i].suppressed.contains(code)
        {
            return;
        }
        findings.push(Finding {
            code,
            severity,
            range,
            message,
            experience: exp,
            on_empty_part,
        });
    };

    let mut seen_titles: HashMap<String, usize> = HashMap::new();
    // Built on the first duplicate only: most files have none.
    let mut line_index: Option<LineIndex> = None;
    for (i, exp) in notes.experiences.iter().enumerate() {
        let title = &exp.title;
        let facts = assess(notes, exp, source);
        let heading = exp.title_range.clone();

        // missing-*: one finding per rule that asks for a part (crate::gaps decides), on the
        // label of the first empty part it asks about, else on the heading.
        let gaps = crate::gaps::gaps(notes, settings, i);
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
            let message = missing_message(code, title, empty.map(|p| (p.kind, p.has_prompt)));
            let range = empty.map_or(heading.clone(), |p| p.label.clone());
            push(code, Some(i), range, message, empty.is_some());
        }
        if let Some(part) = facts.hindsight_without_consequence {
            let asked = asks_counterfactual(exp, source);
            let message = if asked {
                format!(
                    "How the result of \"{title}\" would have changed is still a prompt: how would the result have been different?"
                )
            } else {
                format!(
                    "The hindsight of \"{title}\" says what you would do differently, not what it would have changed: how would the result have been different?"
                )
            };
            push(
                RuleCode::MissingCounterfactual,
                Some(i),
                part.label.clone(),
                message,
                false,
            );
        }
        if exp.state(PartKind::Result) == PartState::Stated && !facts.result_quantified {
            push(
                RuleCode::VagueResult,
                Some(i),
                heading.clone(),
                format!(
                    "The result of \"{title}\" has no figure: how much, how many, how fast, compared with what?"
                ),
                false,
            );
        }
        if facts.we_not_i {
            push(
                RuleCode::WeNotI,
                Some(i),
                heading.clone(),
                format!("\"{title}\" says \"we\" but never \"I\": what did you do yourself?"),
                false,
            );
        }
        let key = title_key(title);
        if let Some(first) = seen_titles.get(&key) {
            let lines = line_index.get_or_insert_with(|| LineIndex::new(source, Encoding::Utf8));
            let line = lines.line(notes.experiences[*first].heading.start) + 1;
            push(
                RuleCode::DuplicateExperience,
                Some(i),
                heading.clone(),
                format!(
                    "\"{title}\" repeats the title of the experience on line {line}: merge them, or tell them apart in the title"
                ),
                false,
            );
        } else {
            seen_titles.insert(key, i);
        }
    }

    if notes.experiences.len() >= 3 && !(notes.has_strengths && notes.has_growth) {
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
        let range = notes.headings.first().map_or(0..0, |h| h.title.clone());
        push(
            RuleCode::MissingSelfAssessment,
            None,
            range,
            format!(
                "{} experiences but {missing}: interviewers ask what you are good at and where you are growing",
                notes.experiences.len()
            ),
            false,
        );
    }
    if notes.experiences.len() >= 3
        && !notes
            .experiences
            .iter()
            .any(|e| assess_failure(notes, e, source))
    {
        let range = notes.headings.first().map_or(0..0, |h| h.title.clone());
        push(
            RuleCode::NoFailureStory,
            None,
            range,
            format!(
                "Interviewers ask about a time you failed; none of these {} experiences tells of a failure or a mistake (a `tags: failure` line marks one)",
                notes.experiences.len()
            ),
            false,
        );
    }
    findings.sort_by_key(|f| (source[..f.range.start.min(source.len())].len(), f.code));
    findings
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
    let folded: String = if title.is_ascii() {
        title
            .chars()
            .filter(unmarked)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    } else {
        title
            .nfc()
            .filter(unmarked)
            .flat_map(char::to_lowercase)
            .collect()
    };
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}
