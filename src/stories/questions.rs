//! The behavioural questions interviewers ask, each with the themes that answer it: the list
//! shipped, and `[questions]` in `.hindsight.toml`, which adds, changes or removes them.

use super::themes::{Theme, Themes};

/// One question and the themes of the stories that answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub text: String,
    pub themes: Themes,
}

/// The questions shipped: the ones behavioural interviews ask most, in the order a candidate
/// would prepare them (the hardest to answer first).
const BUILT_IN: &[(&str, &[Theme])] = &[
    ("Tell me about a time you failed.", &[Theme::Failure]),
    ("Tell me about a mistake you made.", &[Theme::Mistake]),
    (
        "Tell me about a time you disagreed with your manager or a colleague.",
        &[Theme::Conflict],
    ),
    (
        "Tell me about a time you led without authority.",
        &[Theme::Leadership, Theme::Influence],
    ),
    (
        "Tell me about a time you missed a deadline, or nearly did.",
        &[Theme::Deadline],
    ),
    (
        "Tell me about a time you had to work with unclear requirements.",
        &[Theme::Ambiguity],
    ),
    (
        "Tell me about a time you delighted a customer.",
        &[Theme::Customer],
    ),
    (
        "Tell me about a time you had to learn something fast.",
        &[Theme::Learning],
    ),
    (
        "Tell me about a time you had to deliver bad news.",
        &[Theme::BadNews],
    ),
    ("Tell me about a time you took a risk.", &[Theme::Risk]),
    (
        "Tell me about a time you persuaded people to change course.",
        &[Theme::Influence],
    ),
    (
        "Tell me about a time you had to choose between competing priorities.",
        &[Theme::Prioritisation],
    ),
    (
        "Tell me about a time you worked across teams to get something done.",
        &[Theme::Teamwork],
    ),
    (
        "What is the achievement you are proudest of?",
        &[Theme::Success],
    ),
];

/// The questions in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questions {
    list: Vec<Question>,
}

impl Default for Questions {
    fn default() -> Self {
        Questions::new(&[])
    }
}

impl Questions {
    /// The shipped questions with `overrides` applied in order: a question already listed gets
    /// the new themes (none removes it), any other is added at the end.
    pub fn new(overrides: &[(String, Vec<Theme>)]) -> Questions {
        let mut list: Vec<Question> = BUILT_IN
            .iter()
            .map(|(text, themes)| Question {
                text: (*text).to_string(),
                themes: themes.iter().copied().collect(),
            })
            .collect();
        for (text, themes) in overrides {
            let themes: Themes = themes.iter().copied().collect();
            let same = |q: &Question| same_question(&q.text, text);
            match list.iter().position(same) {
                Some(i) if themes.is_empty() => {
                    list.remove(i);
                }
                Some(i) => list[i].themes = themes,
                None if themes.is_empty() => {}
                None => list.push(Question {
                    text: text.trim().to_string(),
                    themes,
                }),
            }
        }
        Questions { list }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Question> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Two spellings of one question: case, spacing and the final punctuation aside.
fn same_question(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['.', '?', '!'])
            .to_lowercase()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_twelve_questions_each_answerable() {
        let questions = Questions::default();
        assert!(questions.len() >= 12);
        assert!(questions.iter().all(|q| !q.themes.is_empty()));
        // Every theme but none answers some question.
        for theme in Theme::ALL {
            assert!(
                questions.iter().any(|q| q.themes.contains(theme)),
                "no question asks for {theme:?}"
            );
        }
    }

    #[test]
    fn overrides_change_remove_and_add() {
        let questions = Questions::new(&[
            (
                "tell me about a time you failed".to_string(),
                vec![Theme::Failure, Theme::Mistake],
            ),
            ("Tell me about a time you took a risk.".to_string(), vec![]),
            (
                "  Tell me about a night shift that went wrong. ".to_string(),
                vec![Theme::Failure],
            ),
            ("Not listed and removed.".to_string(), vec![]),
        ]);
        let failed = questions.iter().next().unwrap();
        assert!(failed.themes.contains(Theme::Mistake));
        assert!(!questions.iter().any(|q| q.text.contains("took a risk")));
        assert_eq!(
            questions.iter().last().unwrap().text,
            "Tell me about a night shift that went wrong."
        );
        assert_eq!(questions.len(), BUILT_IN.len());
    }
}
