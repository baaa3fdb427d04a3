//! The small shared vocabulary of the analysis: part kinds, part states, rule codes and
//! severities. Kept apart so every layer (core, CLI, server) names them the same way.

use std::fmt;

/// The five kinds of part an experience is made of, in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    Context,
    Action,
    Result,
    Lesson,
    Hindsight,
}

impl PartKind {
    pub const ALL: [PartKind; 5] = [
        PartKind::Context,
        PartKind::Action,
        PartKind::Result,
        PartKind::Lesson,
        PartKind::Hindsight,
    ];

    /// The key used in configuration tables and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            PartKind::Context => "context",
            PartKind::Action => "action",
            PartKind::Result => "result",
            PartKind::Lesson => "lesson",
            PartKind::Hindsight => "hindsight",
        }
    }

    pub fn from_key(key: &str) -> Option<PartKind> {
        PartKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The label Hindsight writes when it inserts a part of this kind.
    pub fn canonical_label(self) -> &'static str {
        match self {
            PartKind::Context => "Context",
            PartKind::Action => "Action",
            PartKind::Result => "Result",
            PartKind::Lesson => "Lesson",
            PartKind::Hindsight => "In hindsight",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for PartKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Whether a part is written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartState {
    Absent,
    Empty,
    Stated,
}

impl PartState {
    pub fn key(self) -> &'static str {
        match self {
            PartState::Absent => "absent",
            PartState::Empty => "empty",
            PartState::Stated => "stated",
        }
    }
}

/// The rule codes, in the order of the rules table (which is also the order of output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleCode {
    MissingResult,
    MissingLesson,
    MissingAction,
    MissingHindsight,
    MissingCounterfactual,
    VagueResult,
    WeNotI,
    DuplicateExperience,
    MissingSelfAssessment,
    NoFailureStory,
}

impl RuleCode {
    pub const ALL: [RuleCode; 10] = [
        RuleCode::MissingResult,
        RuleCode::MissingLesson,
        RuleCode::MissingAction,
        RuleCode::MissingHindsight,
        RuleCode::MissingCounterfactual,
        RuleCode::VagueResult,
        RuleCode::WeNotI,
        RuleCode::DuplicateExperience,
        RuleCode::MissingSelfAssessment,
        RuleCode::NoFailureStory,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RuleCode::MissingResult => "missing-result",
            RuleCode::MissingLesson => "missing-lesson",
            RuleCode::MissingAction => "missing-action",
            RuleCode::MissingHindsight => "missing-hindsight",
            RuleCode::MissingCounterfactual => "missing-counterfactual",
            RuleCode::VagueResult => "vague-result",
            RuleCode::WeNotI => "we-not-i",
            RuleCode::DuplicateExperience => "duplicate-experience",
            RuleCode::MissingSelfAssessment => "missing-self-assessment",
            RuleCode::NoFailureStory => "no-failure-story",
        }
    }

    pub fn from_code(code: &str) -> Option<RuleCode> {
        RuleCode::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            RuleCode::MissingResult | RuleCode::MissingLesson | RuleCode::DuplicateExperience => {
                Severity::Warning
            }
            RuleCode::MissingAction
            | RuleCode::MissingHindsight
            | RuleCode::VagueResult
            | RuleCode::MissingSelfAssessment
            | RuleCode::NoFailureStory => Severity::Information,
            RuleCode::WeNotI | RuleCode::MissingCounterfactual => Severity::Hint,
        }
    }

    /// The part kind a `missing-*` rule is about.
    pub fn missing_kind(self) -> Option<PartKind> {
        match self {
            RuleCode::MissingResult => Some(PartKind::Result),
            RuleCode::MissingLesson => Some(PartKind::Lesson),
            RuleCode::MissingAction => Some(PartKind::Action),
            RuleCode::MissingHindsight => Some(PartKind::Hindsight),
            _ => None,
        }
    }

    /// One line for the rules table, the hover and `--help`.
    pub fn summary(self) -> &'static str {
        match self {
            RuleCode::MissingResult => "the experience states no result",
            RuleCode::MissingLesson => "neither a lesson nor a hindsight part is stated",
            RuleCode::MissingAction => "the experience does not say what you did",
            RuleCode::MissingHindsight => {
                "a lesson is stated but not what you would do differently"
            }
            RuleCode::MissingCounterfactual => {
                "the hindsight says what you would do differently, not how the result would change"
            }
            RuleCode::VagueResult => "the result holds no measurable figure",
            RuleCode::WeNotI => "the action says \"we\" and never \"I\"",
            RuleCode::DuplicateExperience => {
                "another experience earlier in the file has this title"
            }
            RuleCode::MissingSelfAssessment => {
                "three or more experiences but no strengths or no growth-areas section"
            }
            RuleCode::NoFailureStory => {
                "three or more experiences and none tells of a failure or a mistake"
            }
        }
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of rule codes, as a bit set: suppressions are unioned per experience and per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RuleSet(u16);

impl RuleSet {
    pub const ALL: RuleSet = RuleSet(u16::MAX);

    pub fn insert(&mut self, code: RuleCode) {
        self.0 |= 1 << (code as u16);
    }
    pub fn contains(self, code: RuleCode) -> bool {
        self.0 & (1 << (code as u16)) != 0
    }
    pub fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The codes in rule-table order.
    pub fn codes(self) -> impl Iterator<Item = RuleCode> {
        RuleCode::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

/// A severity setting that is none of error, warning, information, hint, off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownSeverity;

/// Diagnostic severity; `off` is expressed as the absence of a severity in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    /// Most severe first.
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Information,
        Severity::Hint,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// Parses a configured severity; `Ok(None)` means the rule is turned off.
    pub fn parse_setting(value: &str) -> Result<Option<Severity>, UnknownSeverity> {
        match value.to_ascii_lowercase().as_str() {
            "error" => Ok(Some(Severity::Error)),
            "warning" | "warn" => Ok(Some(Severity::Warning)),
            "information" | "info" => Ok(Some(Severity::Information)),
            "hint" => Ok(Some(Severity::Hint)),
            "off" | "none" => Ok(None),
            _ => Err(UnknownSeverity),
        }
    }

    /// Whether a finding of this severity fails `hindsight check`.
    pub fn fails_check(self) -> bool {
        self <= Severity::Warning
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_round_trip() {
        for code in RuleCode::ALL {
            assert_eq!(RuleCode::from_code(code.code()), Some(code));
        }
    }

    #[test]
    fn rule_set_lists_codes_in_table_order() {
        let mut set = RuleSet::default();
        set.insert(RuleCode::MissingSelfAssessment);
        set.insert(RuleCode::VagueResult);
        let codes: Vec<_> = set.codes().collect();
        assert_eq!(
            codes,
            vec![RuleCode::VagueResult, RuleCode::MissingSelfAssessment]
        );
        assert_eq!(RuleSet::ALL.codes().count(), RuleCode::ALL.len());
        assert_eq!(RuleCode::ALL.len(), 10);
    }

    #[test]
    fn severity_settings() {
        assert_eq!(Severity::parse_setting("OFF"), Ok(None));
        assert_eq!(Severity::parse_setting("hint"), Ok(Some(Severity::Hint)));
        assert!(Severity::parse_setting("loud").is_err());
        assert!(Severity::Warning.fails_check());
        assert!(!Severity::Information.fails_check());
    }
}
