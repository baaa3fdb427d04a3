//! `hindsight report`: the interview-preparation sheet, in Markdown, JSON or HTML.

use std::path::PathBuf;

use super::files::{self, ConfigCache};
use crate::report::{self, Report};

/// The format `report` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

/// Reads every career-notes file under `paths` into one report, with the story bank under
/// the questions of the first file's configuration. The problems met come back as lines.
pub fn build(paths: &[PathBuf]) -> (Report, Vec<String>) {
    let mut configs = ConfigCache::default();
    let collected = files::collect(paths, &mut configs);
    if let Some(note) = files::skipped_note(&collected) {
        eprintln!("hindsight: {note}");
    }
    let mut errors: Vec<String> = configs.errors.iter().map(ToString::to_string).collect();
    errors.extend(collected.errors);
    let read = files::each_in_parallel(&collected.targets, |target| {
        let shown = target.path.display().to_string();
        let files::ReadFile { text, .. } =
            files::read_text(&target.path).map_err(|message| format!("{shown}: {message}"))?;
        super::guarded(&text, || {
            let (notes, _) = crate::analyse_document(&text, &target.settings, target.known);
            report::sheet(&shown, &notes, &text, &target.settings)
        })
        .map_err(|message| format!("{shown}: {message}"))
    });
    let mut sheets = Vec::new();
    for (target, result) in collected.targets.iter().zip(read) {
        match result {
            Some(Ok(sheet)) => sheets.push(sheet),
            Some(Err(message)) => errors.push(message),
            None => errors.push(format!("{}: {}", target.path.display(), files::THREAD_DIED)),
        }
    }
    let questions = collected
        .targets
        .first()
        .map(|t| t.settings.questions.clone())
        .unwrap_or_default();
    (Report::new(sheets, &questions), errors)
}

pub fn run(paths: &[PathBuf], format: Format) -> i32 {
    let (report, mut errors) = build(paths);
    let rendered = super::guarded("", || match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
            json.push('\n');
            json
        }
        Format::Markdown => report::markdown(&report),
        Format::Html => report::html(&report),
    });
    match rendered {
        // A closed pipe (`hindsight report | head`) is no error worth a panic.
        Ok(text) => {
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
        }
        Err(message) => errors.push(message),
    }
    for e in &errors {
        eprintln!("hindsight: {}", files::one_line(e));
    }
    if errors.is_empty() { 0 } else { 2 }
}
