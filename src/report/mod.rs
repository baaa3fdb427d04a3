//! The interview-preparation sheet (SPEC §6): per experience its result and lesson in one
//! line each and what is still missing; every lesson listed together; and which interview
//! questions the stories answer. Built once as data, rendered as [`markdown`], JSON or
//! [`html`].

mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

use serde::Serialize;

use crate::config::Settings;
use crate::gaps;
use crate::kinds::{PartKind, PartState};
use crate::labels::Reserved;
use crate::line_index::{Encoding, LineIndex};
use crate::notes::{Experience, Notes};
use crate::rules;
use crate::stories::{self, bank, questions::Questions, themes::Themes};
use crate::text;

#[derive(Debug, Clone, Serialize)]
pub struct ExperienceSheet {
    pub title: String,
    /// 0-based line of the heading.
    pub line: usize,
    /// The heading level; `null` for a list-item or `<details>` experience.
    pub level: Option<u8>,
    pub parts: PartStates,
    pub result_quantified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hindsight: Option<String>,
    pub missing: Vec<&'static str>,
    /// What kind of story it is: the themes of the interview questions it answers.
    pub themes: Themes,
    /// Every part and how it was found, so that a reader can see why Hindsight is satisfied.
    pub found: Vec<FoundPart>,
    #[serde(skip)]
    readiness: u8,
}

/// One part of an experience: its kind, state, how it was found and where.
#[derive(Debug, Clone, Serialize)]
pub struct FoundPart {
    pub kind: &'static str,
    pub state: &'static str,
    /// `label` or `prose`.
    pub by: &'static str,
    /// 0-based line of the label or of the sentence read.
    pub line: usize,
    /// Byte range of the label, of the table cell, or of the sentence read.
    pub start: usize,
    pub end: usize,
    /// The label, the table cell (its column names the part), or the sentence read (on one
    /// line, shortened).
    pub text: String,
}

/// The parts of an experience as [`FoundPart`]s (shared by `report` and `check --format json`).
pub fn found_parts(e: &Experience, source: &str, lines: &LineIndex) -> Vec<FoundPart> {
    e.parts
        .iter()
        .map(|p| {
            let shown = p.shown();
            FoundPart {
                kind: p.kind.key(),
                state: p.state.key(),
                by: p.evidence.key(),
                line: lines.line(shown.start),
                start: shown.start,
                end: shown.end,
                text: truncate(
                    &source
                        .get(shown.clone())
                        .unwrap_or("")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    200,
                ),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct PartStates {
    pub context: &'static str,
    pub action: &'static str,
    pub result: &'static str,
    pub lesson: &'static str,
    pub hindsight: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct SelfAssessment {
    pub strengths: bool,
    pub growth_areas: bool,
    /// What the strengths and growth-areas sections say, one entry per line or list item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strengths_listed: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub growth_areas_listed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileSheet {
    pub path: String,
    pub experiences: Vec<ExperienceSheet>,
    pub self_assessment: SelfAssessment,
}

/// Builds the sheet of one file.
pub fn sheet(path: &str, notes: &Notes, source: &str, settings: &Settings) -> FileSheet {
    let lines = LineIndex::new(source, Encoding::Utf8);
    let experiences = notes
        .experiences
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let state = |k| e.state(k).key();
            let facts = rules::assess(notes, e, source);
            let themes = stories::themes_knowing(notes, e, source, || facts.result_quantified);
            ExperienceSheet {
                title: e.title.clone(),
                line: lines.line(e.heading.start),
                level: (e.shape == crate::notes::Shape::Heading).then_some(e.level),
                parts: PartStates {
                    context: state(PartKind::Context),
                    action: state(PartKind::Action),
                    result: state(PartKind::Result),
                    lesson: state(PartKind::Lesson),
                    hindsight: state(PartKind::Hindsight),
                },
                result_quantified: facts.result_quantified,
                context: one_line(notes, e, source, PartKind::Context),
                action: one_line(notes, e, source, PartKind::Action),
                result: one_line(notes, e, source, PartKind::Result),
                lesson: one_line(notes, e, source, PartKind::Lesson),
                hindsight: one_line(notes, e, source, PartKind::Hindsight),
                // What check, the hints and the fixes say is missing: the same function.
                missing: gaps::gaps(notes, settings, i)
                    .iter()
                    .map(|g| g.kind.key())
                    .collect(),
                found: found_parts(e, source, &lines),
                themes,
                readiness: stories::readiness(e),
            }
        })
        .collect();
    FileSheet {
        path: path.to_string(),
        experiences,
        self_assessment: SelfAssessment {
            strengths: notes.has_strengths,
            growth_areas: notes.has_growth,
            strengths_listed: listed(notes, source, Reserved::Strengths),
            growth_areas_listed: listed(notes, source, Reserved::Growth),
        },
    }
}

/// The lines of a strengths or growth-areas section, as plain text, prompts and comments out.
fn listed(notes: &Notes, source: &str, section: Reserved) -> Vec<String> {
    notes
        .headings
        .iter()
        .filter(|h| h.reserved == Some(section))
        .flat_map(|h| {
            let body = h.range.end..h.section_end;
            plain_lines(&text::without(source, body, &[&notes.blocks.comments]))
        })
        // A sub-heading inside the section is a heading, not a strength.
        .filter(|line| !(line.starts_with('#') && line.trim_start_matches('#').starts_with(' ')))
        .map(|line| truncate(&line, 200))
        .collect()
}

/// Lines of Markdown as plain text: markers, quotes and emphasis gone, blank lines dropped.
fn plain_lines(visible: &str) -> Vec<String> {
    visible
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['>', '-', '*', '+', ' '])
                .trim()
                .replace("**", "")
                .replace("__", "")
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The first stated part of a kind, as one line of plain text.
fn one_line(notes: &Notes, e: &Experience, source: &str, kind: PartKind) -> Option<String> {
    let part = e.parts_of(kind).find(|p| p.state == PartState::Stated)?;
    let visible = text::without(source, part.body.clone(), &[&notes.blocks.comments]);
    Some(truncate(&plain_lines(&visible).join(" "), 200))
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The whole report: each file's sheet and the story bank over all of them.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub files: Vec<FileSheet>,
    pub coverage: bank::Coverage,
}

impl Report {
    /// The report of `files`, with the story bank over every experience in them.
    pub fn new(files: Vec<FileSheet>, questions: &Questions) -> Report {
        let stories: Vec<bank::Story> = files
            .iter()
            .flat_map(|f| {
                f.experiences.iter().map(|e| bank::Story {
                    path: f.path.clone(),
                    title: e.title.clone(),
                    line: e.line,
                    themes: e.themes,
                    readiness: e.readiness,
                })
            })
            .collect();
        let coverage = bank::coverage(&stories, questions);
        Report { files, coverage }
    }

    /// The report of `files` with a story bank built elsewhere (the server's, over the whole
    /// workspace).
    pub fn with_coverage(files: Vec<FileSheet>, coverage: bank::Coverage) -> Report {
        Report { files, coverage }
    }

    /// Every experience of every file, in order.
    pub fn experiences(&self) -> impl Iterator<Item = (&FileSheet, &ExperienceSheet)> {
        self.files
            .iter()
            .flat_map(|f| f.experiences.iter().map(move |e| (f, e)))
    }
}

/// Every lesson and every hindsight of the career, each with its story's title.
pub struct Reflections<'a> {
    pub lessons: Vec<(&'a str, &'a str)>,
    pub hindsights: Vec<(&'a str, &'a str)>,
}

impl Report {
    pub fn reflections(&self) -> Reflections<'_> {
        let mut out = Reflections {
            lessons: Vec::new(),
            hindsights: Vec::new(),
        };
        for (_, e) in self.experiences() {
            if let Some(lesson) = &e.lesson {
                out.lessons.push((lesson, &e.title));
            }
            if let Some(hindsight) = &e.hindsight {
                out.hindsights.push((hindsight, &e.title));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table row's parts are reported by the cells read for them, with their ranges.
    #[test]
    fn a_table_rows_parts_are_its_cells() {
        let text = "| What happened | What I did | Outcome |\n|---|---|---|\n| Truck hit a rack | Stopped picking | Rack replaced by 10am |\n";
        let notes = crate::notes::parse(text, &Settings::default());
        let lines = LineIndex::new(text, Encoding::Utf8);
        let parts = found_parts(&notes.experiences[0], text, &lines);
        let result = parts.iter().find(|p| p.kind == "result").unwrap();
        assert_eq!(result.text, "Rack replaced by 10am");
        assert_eq!(&text[result.start..result.end], "Rack replaced by 10am");
        assert_eq!(result.line, 2);
    }
}
