//! `hindsight check`: one line per finding, a summary, and `--fix`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use serde_json::json;

use super::files::{self, ConfigCache};
use super::write::replace_atomically;
use crate::kinds::Severity;
use crate::text::{Encoding, LineIndex};
use crate::{analyse, fixes};

pub fn run(paths: &[PathBuf], json_output: bool, fix: bool) -> i32 {
    let mut configs = ConfigCache::default();
    let collected = files::collect(paths, &mut configs);
    let mut errors: Vec<String> = configs.errors.iter().map(ToString::to_string).collect();
    errors.extend(collected.errors);
    let colour =
        !json_output && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();

    let mut failed = false;
    let (mut files_checked, mut experiences, mut counts) = (0usize, 0usize, [0usize; 4]);
    let mut fixed_files = 0usize;
    let mut json_files = Vec::new();
    for target in &collected.targets {
        let shown = target.path.display().to_string();
        let Checked {
            text,
            notes,
            findings,
            written,
        } = match check_file(target, fix) {
            Ok(checked) => checked,
            Err(message) => {
                errors.push(format!("{shown}: {message}"));
                continue;
            }
        };
        if let Some(Err(message)) = &written {
            errors.push(format!("{shown}: {message}"));
        } else if written.is_some() {
            fixed_files += 1;
        }
        files_checked += 1;
        experiences += notes.experiences.len();
        let index = LineIndex::new(&text);
        let mut json_diagnostics = Vec::new();
        for f in &findings {
            counts[f.severity as usize] += 1;
            failed |= f.severity.fails_check();
            if json_output {
                let (sl, sc) = index.position(f.range.start, Encoding::Utf16);
                let (el, ec) = index.position(f.range.end, Encoding::Utf16);
                json_diagnostics.push(json!({
                    "code": f.code.code(),
                    "severity": f.severity.key(),
                    "message": f.message,
                    "experience": f.experience.map(|i| notes.experiences[i].title.clone()),
                    "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
                }));
            } else {
                let (line, column) = index.position(f.range.start, Encoding::Utf32);
                let severity = paint(f.severity, colour);
                let _ = writeln!(
                    out,
                    "{shown}:{}:{}: {severity}[{}] {}",
                    line + 1,
                    column + 1,
                    f.code,
                    f.message
                );
            }
        }
        if json_output {
            json_files.push(json!({"path": shown, "diagnostics": json_diagnostics}));
        }
    }

    let total: usize = counts.iter().sum();
    if json_output {
        let doc = json!({
            "files": json_files,
            "summary": {"files": files_checked, "experiences": experiences, "diagnostics": total, "errors": errors.len()},
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        );
    } else {
        let breakdown: Vec<String> = [
            Severity::Error,
            Severity::Warning,
            Severity::Information,
            Severity::Hint,
        ]
        .into_iter()
        .filter(|s| counts[*s as usize] > 0)
        .map(|s| {
            format!(
                "{} {}",
                counts[s as usize],
                plural(s.key(), counts[s as usize])
            )
        })
        .collect();
        let detail = if breakdown.is_empty() {
            String::new()
        } else {
            format!(" ({})", breakdown.join(", "))
        };
        let fixed = if fix {
            format!("; fixed {fixed_files} {}", plural("file", fixed_files))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{} {} checked, {} {}, {} {}{detail}{fixed}",
            files_checked,
            plural("file", files_checked),
            experiences,
            plural("experience", experiences),
            total,
            plural("finding", total),
        );
    }
    let _ = out.flush();
    for e in &errors {
        eprintln!("hindsight: {}", files::one_line(e));
    }
    if !errors.is_empty() {
        2
    } else if failed {
        1
    } else {
        0
    }
}

/// One file read, analysed and (with `--fix`) fixed.
struct Checked {
    /// The text the findings are about: the fixed text when it was written.
    text: String,
    notes: crate::notes::Notes,
    findings: Vec<crate::rules::Finding>,
    /// With `--fix`, when there was something to insert: whether it was written.
    written: Option<Result<(), String>>,
}

/// Reads, analyses and fixes one file. `Err` when the file could not be read or analysed (a
/// panic in the analysis is contained and reported as that file's error).
fn check_file(target: &files::Target, fix: bool) -> Result<Checked, String> {
    let settings = &target.settings;
    let (text, original) = files::read_text(&target.path)?;
    let (notes, findings, fixed) = super::guarded(&text, || {
        let (notes, findings) = analyse(&text, settings);
        let fixed = if fix {
            let insertions = fixes::fix_all(&notes, &text, settings, &findings);
            (!insertions.is_empty()).then(|| fixes::apply(&text, &insertions))
        } else {
            None
        };
        (notes, findings, fixed)
    })?;
    let Some(fixed) = fixed else {
        return Ok(Checked {
            text,
            notes,
            findings,
            written: None,
        });
    };
    if let Err(message) = replace_atomically(&target.path, &original, &fixed) {
        return Ok(Checked {
            text,
            notes,
            findings,
            written: Some(Err(message)),
        });
    }
    let (notes, findings) = super::guarded(&fixed, || analyse(&fixed, settings))?;
    Ok(Checked {
        text: fixed,
        notes,
        findings,
        written: Some(Ok(())),
    })
}

fn plural(word: &str, n: usize) -> String {
    match (word, n) {
        (_, 1) => word.to_string(),
        ("information", _) => word.to_string(),
        _ => format!("{word}s"),
    }
}

fn paint(severity: Severity, colour: bool) -> String {
    let name = severity.key();
    if !colour {
        return name.to_string();
    }
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Information => "1;34",
        Severity::Hint => "2",
    };
    format!("\x1b[{code}m{name}\x1b[0m")
}
