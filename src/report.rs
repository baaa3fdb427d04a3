//! The interview-preparation sheet (SPEC §6): per experience its result and lesson in one
//! line each and what is still missing; at the end every lesson, listed together.

use serde::Serialize;

use crate::config::Settings;
use crate::gaps;
use crate::kinds::{PartKind, PartState};
use crate::line_index::{Encoding, LineIndex};
use crate::notes::{Experience, Notes};
use crate::rules;
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
    pub result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hindsight: Option<String>,
    pub missing: Vec<&'static str>,
    /// Every part and how it was found, so that a reader can see why Hindsight is satisfied.
    pub found: Vec<FoundPart>,
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
    /// Byte range of the label, or of the sentence read.
    pub start: usize,
    pub end: usize,
    /// The label, or the sentence read (on one line, shortened).
    pub text: String,
}

/// The parts of an experience as [`FoundPart`]s (shared by `report` and `check --format json`).
pub fn found_parts(e: &Experience, source: &str, lines: &LineIndex) -> Vec<FoundPart> {
    e.parts
        .iter()
        .map(|p| FoundPart {
            kind: p.kind.key(),
            state: p.state.key(),
            by: p.evidence.key(),
            line: lines.line(p.label.start),
            start: p.label.start,
            end: p.label.end,
            text: truncate(
                &source
                    .get(p.label.clone())
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                200,
            ),
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
                result: one_line(notes, e, source, PartKind::Result),
                lesson: one_line(notes, e, source, PartKind::Lesson),
                hindsight: one_line(notes, e, source, PartKind::Hindsight),
                // What check, the hints and the fixes say is missing: the same function.
                missing: gaps::gaps(notes, settings, i)
                    .iter()
                    .map(|g| g.kind.key())
                    .collect(),
                found: found_parts(e, source, &lines),
            }
        })
        .collect();
    FileSheet {
        path: path.to_string(),
        experiences,
        self_assessment: SelfAssessment {
            strengths: notes.has_strengths,
            growth_areas: notes.has_growth,
        },
    }
}

/// The first stated part of a kind, as one line of plain text.
fn one_line(notes: &Notes, e: &Experience, source: &str, kind: PartKind) -> Option<String> {
    let part = e.parts_of(kind).find(|p| p.state == PartState::Stated)?;
    let visible = text::without(source, part.body.clone(), &[&notes.blocks.comments]);
    let plain: Vec<&str> = visible
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['>', '-', '*', '+', ' '])
                .trim()
        })
        .filter(|l| !l.is_empty())
        .collect();
    let joined = plain.join(" ").replace("**", "").replace("__", "");
    Some(truncate(&joined, 200))
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Renders sheets of several files as one Markdown document.
pub fn markdown(files: &[FileSheet]) -> String {
    let mut out = String::from("# Interview preparation sheet\n");
    let mut lessons: Vec<(String, String)> = Vec::new();
    let mut hindsights: Vec<(String, String)> = Vec::new();
    for file in files {
        if file.experiences.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", file.path));
        for e in &file.experiences {
            out.push_str(&format!("\n### {}\n\n", e.title));
            let not_yet = "*not written yet*";
            out.push_str(&format!(
                "- **Result:** {}\n",
                e.result.as_deref().unwrap_or(not_yet)
            ));
            // Each reflection under its own name: a "next time" is no lesson.
            match (&e.lesson, &e.hindsight) {
                (None, None) => out.push_str(&format!("- **Lesson:** {not_yet}\n")),
                (lesson, hindsight) => {
                    if let Some(lesson) = lesson {
                        out.push_str(&format!("- **Lesson:** {lesson}\n"));
                        lessons.push((lesson.clone(), e.title.clone()));
                    }
                    if let Some(hindsight) = hindsight {
                        out.push_str(&format!("- **In hindsight:** {hindsight}\n"));
                        hindsights.push((hindsight.clone(), e.title.clone()));
                    }
                }
            }
            if !e.missing.is_empty() {
                out.push_str(&format!("- **Still missing:** {}\n", e.missing.join(", ")));
            }
        }
        let sa = &file.self_assessment;
        if !(sa.strengths && sa.growth_areas) {
            let which = match (sa.strengths, sa.growth_areas) {
                (false, false) => "strengths and growth areas",
                (true, false) => "growth areas",
                _ => "strengths",
            };
            out.push_str(&format!("\n*No {which} section in this file yet.*\n"));
        }
    }
    out.push_str("\n## Lessons learned across your career\n\n");
    if lessons.is_empty() {
        out.push_str("*No lesson written down yet.*\n");
    }
    for (lesson, title) in lessons {
        out.push_str(&format!("- {lesson} — *{title}*\n"));
    }
    if !hindsights.is_empty() {
        out.push_str("\n## What you would do differently now\n\n");
        for (hindsight, title) in hindsights {
            out.push_str(&format!("- {hindsight} — *{title}*\n"));
        }
    }
    out
}
