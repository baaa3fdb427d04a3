//! Reflection prompts: the questions Hindsight inserts for a missing part, and recognises
//! afterwards so that an unanswered prompt still counts as an empty part.

use crate::kinds::PartKind;

const DEFAULTS: [&str; 5] = [
    "What was the situation, and what was at stake?",
    "What did you do yourself? Name your decisions and actions, not the team's.",
    "What result did you achieve? Put a number on it: time, money, users, quality, risk.",
    "What did you learn? What do you know now that you did not know before?",
    "Knowing what you know now, what would you do differently, and how would the result change?",
];

/// Why interviewers ask about each kind; shown on hover.
const WHY: [&str; 5] = [
    "Interviewers need the stakes to judge the rest of the story: one or two sentences are enough.",
    "Interviewers are hiring you, not your team: they listen for \"I decided\", \"I built\", \"I convinced\".",
    "A result with a figure is what makes a story credible and memorable.",
    "The lesson shows that you grow from experience; it is the question most candidates fumble.",
    "Second-guessing your own decisions shows judgement; \"what would you do differently?\" is asked in almost every behavioural interview.",
];

/// Self-assessment prompts, inserted by the self-assessment quick fix.
pub const STRENGTHS_PROMPT: &str =
    "What do people come to you for? Name two or three strengths and the story that proves each.";
/// Appended inside a hindsight that says what you would do differently but not what it
/// would have changed (`missing-counterfactual`). Not among the prompts that make a part
/// empty: the hindsight it is appended to stays stated.
pub const COUNTERFACTUAL_PROMPT: &str = "How would the result have been different?";
pub const GROWTH_PROMPT: &str = "Where do you struggle, and what are you doing about it? Pick real weaknesses, with the story that taught you.";

/// The prompt for each part kind, defaults overridden by configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompts {
    texts: [String; 5],
    /// Every known prompt with its whitespace folded, computed once for the hot path.
    collapsed: Vec<String>,
    /// Whether every known prompt contains a `?`: asked of every part body, so computed once.
    all_ask_questions: bool,
}

impl Default for Prompts {
    fn default() -> Self {
        Prompts::with_overrides(&[])
    }
}

impl Prompts {
    pub fn with_overrides(overrides: &[(PartKind, String)]) -> Prompts {
        let mut texts = DEFAULTS.map(String::from);
        for (kind, text) in overrides {
            let text = text.trim();
            if !text.is_empty() {
                texts[kind.index()] = text.to_string();
            }
        }
        let mut prompts = Prompts {
            texts,
            collapsed: Vec::new(),
            all_ask_questions: false,
        };
        let mut collapsed: Vec<String> = prompts.known().map(crate::part_state::collapse).collect();
        collapsed.sort();
        collapsed.dedup();
        prompts.all_ask_questions = collapsed.iter().all(|p| p.contains('?'));
        prompts.collapsed = collapsed;
        prompts
    }

    /// Whether every known prompt contains a `?` (the defaults do; a configured one may not).
    pub fn all_ask_questions(&self) -> bool {
        self.all_ask_questions
    }

    /// [`Prompts::known`], whitespace folded.
    pub fn known_collapsed(&self) -> impl Iterator<Item = &str> {
        self.collapsed.iter().map(String::as_str)
    }

    pub fn get(&self, kind: PartKind) -> &str {
        &self.texts[kind.index()]
    }

    /// Why the part matters, for hovers.
    pub fn why(kind: PartKind) -> &'static str {
        WHY[kind.index()]
    }

    /// Every prompt text Hindsight may have inserted: the configured ones and the defaults
    /// (a prompt inserted before the configuration changed is still a prompt).
    pub fn known(&self) -> impl Iterator<Item = &str> {
        self.texts
            .iter()
            .map(String::as_str)
            .chain(DEFAULTS)
            .chain([STRENGTHS_PROMPT, GROWTH_PROMPT])
    }

    /// The HTML comment form inserted into notes, which keeps the rendered note clean.
    pub fn comment(&self, kind: PartKind) -> String {
        format!("<!-- {} -->", self.get(kind))
    }
}
