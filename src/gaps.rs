//! What an experience still lacks, and why: the one answer that `check`, `report`, the inlay
//! hint, the code lens, the hover and the fix planner all give, so that they cannot disagree.
//!
//! A gap is a part the writer still has to write, with the rule that asks for it. The rules
//! (SPEC §3) decide: a result and an action are each asked for on their own; a lesson is asked
//! for when neither a lesson nor hindsight is stated, and then the hindsight is asked for with
//! it (the two are answered together: what it taught you, and what you would do differently);
//! hindsight alone is asked for once a lesson is stated. A rule turned off in configuration or
//! suppressed by a comment asks for nothing.

use crate::config::Settings;
use crate::kinds::{PartKind, PartState, RuleCode};
use crate::notes::{Experience, Notes};

/// Why a part counts as missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lack {
    /// No part of the kind: a fix inserts one, with its prompt.
    Absent,
    /// A part with nothing in it yet (or a placeholder): a fix inserts the prompt into its body.
    Empty,
    /// A part whose body holds the prompt and nothing else: only the writer can answer it.
    Prompt,
}

impl Lack {
    pub fn key(self) -> &'static str {
        match self {
            Lack::Absent => "absent",
            Lack::Empty => "empty",
            Lack::Prompt => "prompt",
        }
    }
}

/// One part an experience still lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub kind: PartKind,
    /// The rule whose finding reports this gap.
    pub rule: RuleCode,
    pub lack: Lack,
    /// The empty part (an index into `Experience::parts`), when one exists.
    pub part: Option<usize>,
}

impl Gap {
    /// A fix can do something about it: insert the part, or the prompt into the empty part.
    pub fn fixable(&self) -> bool {
        self.lack != Lack::Prompt
    }
}

/// The gaps of experience `index` of `notes`, in canonical part order.
pub fn gaps(notes: &Notes, settings: &Settings, index: usize) -> Vec<Gap> {
    let Some(exp) = notes.experiences.get(index) else {
        return Vec::new();
    };
    let asks = |rule: RuleCode| {
        settings.severity(rule).is_some()
            && !notes.file_suppressed.contains(rule)
            && !exp.suppressed.contains(rule)
    };
    let mut out = Vec::new();
    for (kind, rule) in [
        (PartKind::Action, RuleCode::MissingAction),
        (PartKind::Result, RuleCode::MissingResult),
    ] {
        if asks(rule) && exp.state(kind) != PartState::Stated {
            out.push(gap(exp, kind, rule));
        }
    }
    let lesson = exp.state(PartKind::Lesson);
    let hindsight = exp.state(PartKind::Hindsight);
    if lesson != PartState::Stated && hindsight != PartState::Stated {
        if asks(RuleCode::MissingLesson) {
            out.push(gap(exp, PartKind::Lesson, RuleCode::MissingLesson));
            // The hindsight comes with the lesson, unless the writer turned hindsight off.
            if asks(RuleCode::MissingHindsight) {
                out.push(gap(exp, PartKind::Hindsight, RuleCode::MissingLesson));
            }
        }
    } else if lesson == PartState::Stated
        && hindsight != PartState::Stated
        && asks(RuleCode::MissingHindsight)
    {
        out.push(gap(exp, PartKind::Hindsight, RuleCode::MissingHindsight));
    }
    out.sort_by_key(|g| g.kind);
    out
}

fn gap(exp: &Experience, kind: PartKind, rule: RuleCode) -> Gap {
    let empty = exp
        .parts
        .iter()
        .position(|p| p.kind == kind && p.state == PartState::Empty);
    let lack = match empty.and_then(|i| exp.parts.get(i)) {
        None => Lack::Absent,
        Some(part) if part.has_prompt => Lack::Prompt,
        Some(_) => Lack::Empty,
    };
    Gap {
        kind,
        rule,
        lack,
        part: empty,
    }
}

/// The kinds of `gaps`, in their order.
pub fn kinds(gaps: &[Gap]) -> Vec<PartKind> {
    gaps.iter().map(|g| g.kind).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn gaps_of(text: &str) -> Vec<(PartKind, RuleCode, Lack)> {
        let settings = Settings::default();
        let notes = crate::notes::parse(text, &settings);
        assert_eq!(notes.experiences.len(), 1, "{text}");
        gaps(&notes, &settings, 0)
            .into_iter()
            .map(|g| (g.kind, g.rule, g.lack))
            .collect()
    }

    #[test]
    fn a_missing_lesson_brings_its_hindsight() {
        let got = gaps_of("## Move\n\n**Action:** I moved it.\n\n**Result:** 3 days saved.\n");
        assert_eq!(
            got,
            vec![
                (PartKind::Lesson, RuleCode::MissingLesson, Lack::Absent),
                (PartKind::Hindsight, RuleCode::MissingLesson, Lack::Absent),
            ]
        );
    }

    #[test]
    fn hindsight_alone_answers_the_lesson_rule() {
        let got = gaps_of(
            "## Move\n\n**Action:** I moved it.\n\n**Result:** 3 days saved.\n\n**Next time:** I would ask first.\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_stated_lesson_asks_for_hindsight() {
        let got = gaps_of(
            "## Move\n\n**Action:** I moved it.\n\n**Result:** 3 days saved.\n\n**Lesson:** ask first.\n",
        );
        assert_eq!(
            got,
            vec![(
                PartKind::Hindsight,
                RuleCode::MissingHindsight,
                Lack::Absent
            )]
        );
    }

    #[test]
    fn empty_and_prompt_parts_are_told_apart() {
        let got = gaps_of(
            "## Move\n\n**Action:** I moved it.\n\n**Result:** TODO dig up the numbers\n\n**Lesson:** <!-- What did you learn? What do you know now that you did not know before? -->\n",
        );
        assert_eq!(
            got,
            vec![
                (PartKind::Result, RuleCode::MissingResult, Lack::Empty),
                (PartKind::Lesson, RuleCode::MissingLesson, Lack::Prompt),
                (PartKind::Hindsight, RuleCode::MissingLesson, Lack::Absent),
            ]
        );
    }

    #[test]
    fn rules_turned_off_ask_for_nothing() {
        let text = "## Move\n\n**Action:** I moved it.\n\n<!-- hindsight-disable missing-result, missing-hindsight -->\n";
        let got = gaps_of(text);
        assert_eq!(
            got,
            vec![(PartKind::Lesson, RuleCode::MissingLesson, Lack::Absent)]
        );
    }
}
