//! `hindsight report`: the interview-preparation sheet.

use std::path::PathBuf;

use super::files::{self, ConfigCache};
use crate::report;

pub fn run(paths: &[PathBuf], json_output: bool) -> i32 {
    let mut configs = ConfigCache::default();
    let collected = files::collect(paths, &mut configs);
    if let Some(note) = files::skipped_note(&collected) {
        eprintln!("hindsight: {note}");
    }
    let mut errors: Vec<String> = configs.errors.iter().map(ToString::to_string).collect();
    errors.extend(collected.errors);
    let mut sheets = Vec::new();
    for target in &collected.targets {
        let shown = target.path.display().to_string();
        match files::read_text(&target.path) {
            Ok(files::ReadFile { text, .. }) => match super::guarded(&text, || {
                let (notes, _) = crate::analyse_document(&text, &target.settings, target.known);
                report::sheet(&shown, &notes, &text, &target.settings)
            }) {
                Ok(sheet) => sheets.push(sheet),
                Err(message) => errors.push(format!("{shown}: {message}")),
            },
            Err(message) => errors.push(format!("{shown}: {message}")),
        }
    }
    let rendered = if json_output {
        let doc = serde_json::json!({ "files": sheets });
        let mut json = serde_json::to_string_pretty(&doc).unwrap_or_default();
        json.push('\n');
        Ok(json)
    } else {
        super::guarded("", || report::markdown(&sheets))
    };
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
