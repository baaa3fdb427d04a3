//! The story bank: which experiences, across every career-notes file read, answer which
//! interview questions, the readiest first.

use serde::Serialize;

use super::questions::Questions;
use super::themes::Themes;

/// What the bank needs of one experience.
#[derive(Debug, Clone)]
pub struct Story {
    pub path: String,
    pub title: String,
    /// 0-based line of its heading.
    pub line: usize,
    pub themes: Themes,
    /// See [`super::readiness`].
    pub readiness: u8,
}

/// A story offered for a question.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoryRef {
    pub path: String,
    pub title: String,
    pub line: usize,
}

/// One question and the best stories that answer it (none: "no story yet").
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub question: String,
    pub themes: Themes,
    pub stories: Vec<StoryRef>,
    /// How many stories answer it in all.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Questions with at least one story.
    pub covered: usize,
    pub total: usize,
    pub questions: Vec<Answer>,
}

/// How many stories are offered per question.
pub const BEST: usize = 3;

impl Coverage {
    /// The questions with no story yet, in their order.
    pub fn uncovered(&self) -> impl Iterator<Item = &Answer> {
        self.questions.iter().filter(|a| a.stories.is_empty())
    }

    /// "8 of 14 interview questions covered", for the report and the code lens.
    pub fn summary(&self) -> String {
        summary(self.covered, self.total)
    }
}

/// "8 of 14 interview questions covered".
pub fn summary(covered: usize, total: usize) -> String {
    format!("{covered} of {total} interview questions covered")
}

/// How many questions some story answers, given every theme the stories tell: what the
/// title's lens says, without ranking any story.
pub fn covered(told: Themes, questions: &Questions) -> usize {
    questions
        .iter()
        .filter(|q| q.themes.intersects(told))
        .count()
}

/// Maps the questions to the stories whose themes answer them: each question's best
/// [`BEST`] by readiness, then by how many of its themes they tell, then in file order.
pub fn coverage(stories: &[Story], questions: &Questions) -> Coverage {
    let answers: Vec<Answer> = questions
        .iter()
        .map(|q| {
            let mut matching: Vec<(usize, &Story)> = stories
                .iter()
                .enumerate()
                .filter(|(_, s)| s.themes.intersects(q.themes))
                .collect();
            let count = matching.len();
            matching.sort_by_key(|(i, s)| {
                let told = s.themes.iter().filter(|t| q.themes.contains(*t)).count();
                (std::cmp::Reverse((s.readiness, told)), *i)
            });
            Answer {
                question: q.text.clone(),
                themes: q.themes,
                stories: matching
                    .iter()
                    .take(BEST)
                    .map(|(_, s)| StoryRef {
                        path: s.path.clone(),
                        title: s.title.clone(),
                        line: s.line,
                    })
                    .collect(),
                count,
            }
        })
        .collect();
    let told = stories
        .iter()
        .map(|s| s.themes)
        .fold(Themes::default(), Themes::union);
    Coverage {
        covered: covered(told, questions),
        total: answers.len(),
        questions: answers,
    }
}

#[cfg(test)]
mod tests {
    use super::super::themes::Theme;
    use super::*;

    fn story(title: &str, themes: &[Theme], readiness: u8) -> Story {
        Story {
            path: "notes.md".into(),
            title: title.into(),
            line: 0,
            themes: themes.iter().copied().collect(),
            readiness,
        }
    }

    #[test]
    fn the_readiest_story_comes_first_and_gaps_are_listed() {
        let stories = [
            story("Half told", &[Theme::Failure], 1),
            story("Told well", &[Theme::Failure, Theme::Conflict], 4),
            story("Argument", &[Theme::Conflict], 2),
        ];
        let coverage = coverage(&stories, &Questions::default());
        let failed = &coverage.questions[0];
        assert_eq!(failed.count, 2);
        let titles: Vec<&str> = failed.stories.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Told well", "Half told"]);
        assert_eq!(coverage.covered, 2, "failure and conflict");
        assert_eq!(coverage.uncovered().count(), coverage.total - 2);
        assert_eq!(
            coverage.summary(),
            format!("2 of {} interview questions covered", coverage.total)
        );
    }

    #[test]
    fn at_most_the_best_few_are_offered() {
        let stories: Vec<Story> = (0..10)
            .map(|i| story(&format!("Story {i}"), &[Theme::Risk], (i % 5) as u8))
            .collect();
        let coverage = coverage(&stories, &Questions::default());
        let risk = coverage
            .questions
            .iter()
            .find(|a| a.themes == [Theme::Risk].into_iter().collect())
            .unwrap();
        assert_eq!(risk.count, 10);
        assert_eq!(risk.stories.len(), BEST);
        assert_eq!(risk.stories[0].title, "Story 4");
    }
}
