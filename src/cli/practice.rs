//! `hindsight practice`: interview practice in the terminal from the writer's own stories.
//! A question the notes answer, then one they do not; Enter reveals the story; at the end,
//! the questions still without one. Reads the keyboard only; no network.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::files;
use crate::report::{ExperienceSheet, Report};
use crate::stories::bank::Answer;

pub fn run(paths: &[PathBuf], question: Option<&str>) -> i32 {
    let (report, errors) = super::report::build(paths);
    for e in &errors {
        eprintln!("hindsight: {}", files::one_line(e));
    }
    if report.experiences().next().is_none() {
        eprintln!("hindsight: no experience found to practise with (see `hindsight check`)");
        return 2;
    }
    let picked = match question {
        Some(wanted) => match find(&report, wanted) {
            Some(answer) => vec![answer],
            None => {
                eprintln!(
                    "hindsight: no question matches \"{wanted}\" (see `hindsight report` for the list)"
                );
                return 2;
            }
        },
        None => pick(&report),
    };
    let stdin = std::io::stdin();
    let mut keys = stdin.lock();
    let mut out = std::io::stdout().lock();
    let code = if errors.is_empty() { 0 } else { 2 };
    let total = picked.len();
    for (n, answer) in picked.into_iter().enumerate() {
        let _ = write!(
            out,
            "\nQuestion {} of {total}: {}\n\n",
            n + 1,
            answer.question
        );
        let story = answer.stories.first().and_then(|s| {
            report
                .experiences()
                .find(|(f, e)| f.path == s.path && e.line == s.line)
        });
        let prompt = match story {
            Some(_) => "Tell it aloud, then press Enter to see your story (q to stop). ",
            None => {
                "No story in your notes answers this yet. Think of one, then press Enter (q to stop). "
            }
        };
        if !wait(&mut out, &mut keys, prompt) {
            return code;
        }
        match story {
            Some((file, e)) => show(&mut out, &file.path, e),
            None => {
                let _ = writeln!(
                    out,
                    "\nWrite it down: the situation, what you did, the result, the lesson, and what you would do differently now."
                );
            }
        }
    }
    let uncovered: Vec<&Answer> = report.coverage.uncovered().collect();
    if uncovered.is_empty() {
        let _ = writeln!(out, "\nEvery question has a story. Well prepared.");
    } else {
        let _ = writeln!(out, "\nQuestions still without a story:");
        for answer in uncovered {
            let _ = writeln!(out, "  - {}", answer.question);
        }
    }
    let _ = out.flush();
    code
}

/// A question by its 1-based number or by words of it (any case).
fn find<'a>(report: &'a Report, wanted: &str) -> Option<&'a Answer> {
    let questions = &report.coverage.questions;
    if let Ok(n) = wanted.trim().parse::<usize>() {
        return n.checked_sub(1).and_then(|i| questions.get(i));
    }
    let wanted = wanted.to_lowercase();
    questions
        .iter()
        .find(|a| a.question.to_lowercase().contains(&wanted))
}

/// One question the notes answer and one they do not, a different pair on each run.
fn pick(report: &Report) -> Vec<&Answer> {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as usize ^ d.as_secs() as usize);
    let covered: Vec<&Answer> = report
        .coverage
        .questions
        .iter()
        .filter(|a| !a.stories.is_empty())
        .collect();
    let uncovered: Vec<&Answer> = report.coverage.uncovered().collect();
    [covered, uncovered]
        .iter()
        .filter(|list| !list.is_empty())
        .map(|list| list[seed % list.len()])
        .collect()
}

/// Shows the prompt and waits for Enter; `false` on `q` or the end of input.
fn wait(out: &mut impl Write, keys: &mut impl BufRead, prompt: &str) -> bool {
    let _ = write!(out, "{prompt}");
    let _ = out.flush();
    let mut line = String::new();
    match keys.read_line(&mut line) {
        Ok(0) | Err(_) => false,
        Ok(_) => !line.trim().eq_ignore_ascii_case("q"),
    }
}

fn show(out: &mut impl Write, path: &str, e: &ExperienceSheet) {
    let _ = writeln!(out, "\n{} ({path}:{})", e.title, e.line + 1);
    let parts = [
        ("Situation", &e.context),
        ("Action", &e.action),
        ("Result", &e.result),
        ("Lesson", &e.lesson),
        ("In hindsight", &e.hindsight),
    ];
    for (name, text) in parts {
        let text = text.as_deref().unwrap_or("(not written yet)");
        let _ = writeln!(out, "  {name:<12} {text}");
    }
}
