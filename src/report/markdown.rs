//! The report as Markdown: what `hindsight report` prints and the editors show.

use std::fmt::Write as _;

use super::{ExperienceSheet, FileSheet, Report};

const NOT_YET: &str = "*not written yet*";

/// Renders the report as one Markdown document.
pub fn markdown(report: &Report) -> String {
    let mut out = String::from("# Interview preparation sheet\n");
    for file in &report.files {
        if file.experiences.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {}\n", file.path);
        for e in &file.experiences {
            experience(&mut out, e);
        }
        self_assessment(&mut out, file);
    }
    coverage(&mut out, report);
    let reflections = report.reflections();
    out.push_str("\n## Lessons learned across your career\n\n");
    if reflections.lessons.is_empty() {
        out.push_str("*No lesson written down yet.*\n");
    }
    for (lesson, title) in reflections.lessons {
        let _ = writeln!(out, "- {lesson} — *{title}*");
    }
    if !reflections.hindsights.is_empty() {
        out.push_str("\n## What you would do differently now\n\n");
        for (hindsight, title) in reflections.hindsights {
            let _ = writeln!(out, "- {hindsight} — *{title}*");
        }
    }
    out
}

fn experience(out: &mut String, e: &ExperienceSheet) {
    let _ = write!(out, "\n### {}\n\n", e.title);
    let _ = writeln!(
        out,
        "- **Result:** {}",
        e.result.as_deref().unwrap_or(NOT_YET)
    );
    // Each reflection under its own name: a "next time" is no lesson.
    if e.lesson.is_none() && e.hindsight.is_none() {
        let _ = writeln!(out, "- **Lesson:** {NOT_YET}");
    }
    if let Some(lesson) = &e.lesson {
        let _ = writeln!(out, "- **Lesson:** {lesson}");
    }
    if let Some(hindsight) = &e.hindsight {
        let _ = writeln!(out, "- **In hindsight:** {hindsight}");
    }
    if !e.themes.is_empty() {
        let keys: Vec<&str> = e.themes.iter().map(|t| t.key()).collect();
        let _ = writeln!(out, "- **Story of:** {}", keys.join(", "));
    }
    if !e.missing.is_empty() {
        let _ = writeln!(out, "- **Still missing:** {}", e.missing.join(", "));
    }
}

fn self_assessment(out: &mut String, file: &FileSheet) {
    let sa = &file.self_assessment;
    let which = match (sa.strengths, sa.growth_areas) {
        (true, true) => return,
        (false, false) => "strengths and growth areas",
        (true, false) => "growth areas",
        (false, true) => "strengths",
    };
    let _ = write!(out, "\n*No {which} section in this file yet.*\n");
}

/// The story bank: each question with its best stories, or "no story yet".
fn coverage(out: &mut String, report: &Report) {
    let coverage = &report.coverage;
    let _ = write!(
        out,
        "\n## Interview questions your stories answer\n\n{}.\n\n",
        coverage.summary()
    );
    for answer in &coverage.questions {
        let stories: Vec<String> = answer
            .stories
            .iter()
            .map(|s| format!("*{}* ({}:{})", s.title, s.path, s.line + 1))
            .collect();
        let told = match (stories.is_empty(), answer.count > stories.len()) {
            (true, _) => "**no story yet**".to_string(),
            (false, false) => stories.join("; "),
            (false, true) => format!(
                "{}; and {} more",
                stories.join("; "),
                answer.count - stories.len()
            ),
        };
        let _ = writeln!(out, "- {} — {told}", answer.question);
    }
}
