//! `hindsight check`: one line per finding, a summary, and `--fix`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use serde_json::json;

use super::annotations;
use super::files::{self, ConfigCache};
use super::json::JsonStream;
use super::write::{NotWritten, StaleTemporaries, replace_atomically};
use crate::gaps::Gap;
use crate::kinds::Severity;
use crate::line_index::{Encoding, LineIndex};
use crate::notes::Notes;
use crate::rules::Finding;
use crate::{analyse_document, fixes};

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `path:line:col: severity[code] message`, then a summary.
    Human,
    /// One JSON document, streamed file by file.
    Json,
    /// GitHub Actions workflow commands, then the summary.
    Github,
    /// One SARIF 2.1.0 log.
    Sarif,
}

impl Format {
    /// How columns are counted: characters for people and GitHub's annotations, UTF-16 code
    /// units in JSON (as LSP's default) and in SARIF (its default `columnKind`).
    pub fn encoding(self) -> Encoding {
        match self {
            Format::Human | Format::Github => Encoding::Utf32,
            Format::Json | Format::Sarif => Encoding::Utf16,
        }
    }
}

/// What `check` was asked to do.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    pub fix: bool,
    /// Findings below this severity are neither shown nor counted (nor fail the check).
    pub min_severity: Severity,
    /// Only the findings: no summary line, no note about skipped files.
    pub quiet: bool,
}

pub fn run(paths: &[PathBuf], options: Options) -> i32 {
    let mut configs = ConfigCache::default();
    let collected = files::collect(paths, &mut configs);
    if let Some(note) = files::skipped_note(&collected)
        && !options.quiet
    {
        eprintln!("hindsight: {note}");
    }
    let mut errors: Vec<String> = configs.errors.iter().map(ToString::to_string).collect();
    errors.extend(collected.errors);
    let stdout = std::io::stdout();
    let colour = options.format == Format::Human
        && stdout.is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut report = Report {
        options,
        colour,
        out: std::io::BufWriter::new(stdout.lock()),
        json: JsonStream::default(),
        sarif: Vec::new(),
        tally: Tally::default(),
    };
    if options.fix {
        // Written one by one: a folder's stale temporaries are cleared once, before its first.
        let mut stale = StaleTemporaries::default();
        for target in &collected.targets {
            let checked = check_file(target, true, &mut stale);
            report_one(&mut report, &mut errors, target, Some(checked));
        }
    } else {
        // Read and analysed on every core, a batch at a time (bounded memory), reported in
        // order.
        for targets in collected.targets.chunks(PARALLEL_BATCH) {
            let results = files::each_in_parallel(targets, |t| {
                check_file(t, false, &mut StaleTemporaries::default())
            });
            for (target, result) in targets.iter().zip(results) {
                report_one(&mut report, &mut errors, target, result);
            }
        }
    }
    report.finish(errors.len());
    let failed = report.tally.failed;
    drop(report);
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

/// How many files are analysed together before they are reported.
const PARALLEL_BATCH: usize = 64;

/// Reports one file's outcome (`None`: its analysis thread died).
fn report_one<W: Write>(
    report: &mut Report<W>,
    errors: &mut Vec<String>,
    target: &files::Target,
    result: Option<Result<Checked, String>>,
) {
    let shown = target.path.display().to_string();
    let checked = match result {
        Some(Ok(checked)) => checked,
        Some(Err(message)) => {
            errors.push(format!("{shown}: {message}"));
            return;
        }
        None => {
            errors.push(format!("{shown}: {}", files::THREAD_DIED));
            return;
        }
    };
    match &checked.written {
        Some(Err(message)) => errors.push(format!("{shown}: {message}")),
        Some(Ok(prompts)) => {
            report.tally.fixed_files += 1;
            report.tally.prompts_inserted += prompts;
        }
        None => {}
    }
    report.file(&shown, &checked, &target.settings);
}

/// What was found, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    files: usize,
    experiences: usize,
    /// Findings shown, by severity.
    counts: [usize; 4],
    fixed_files: usize,
    prompts_inserted: usize,
    failed: bool,
}

impl Tally {
    fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    fn count(&self, severity: Severity) -> usize {
        self.counts[severity as usize]
    }

    /// `3 files checked, 12 experiences, 5 findings (2 warnings, 3 hints)`, and what `--fix`
    /// did.
    fn summary(&self, fix: bool) -> String {
        let total = self.total();
        let breakdown: Vec<String> = Severity::ALL
            .into_iter()
            .filter(|s| self.count(*s) > 0)
            .map(|s| format!("{} {}", self.count(s), plural(s.key(), self.count(s))))
            .collect();
        let detail = if breakdown.is_empty() {
            String::new()
        } else {
            format!(" ({})", breakdown.join(", "))
        };
        let fixed = match (fix, self.fixed_files) {
            (false, _) => String::new(),
            (true, 0) => "; no prompt to insert".to_string(),
            (true, files) => {
                let remain = if total > 0 {
                    format!(
                        "; {total} {} remain until you answer them",
                        plural("finding", total)
                    )
                } else {
                    String::new()
                };
                format!(
                    "; inserted {} {} in {files} {}{remain}",
                    self.prompts_inserted,
                    plural("prompt", self.prompts_inserted),
                    plural("file", files)
                )
            }
        };
        format!(
            "{} {} checked, {} {}, {total} {}{detail}{fixed}",
            self.files,
            plural("file", self.files),
            self.experiences,
            plural("experience", self.experiences),
            plural("finding", total),
        )
    }
}

/// The output of one run, in its format, written as files are checked.
struct Report<W: Write> {
    options: Options,
    colour: bool,
    out: W,
    json: JsonStream,
    sarif: Vec<serde_json::Value>,
    tally: Tally,
}

impl<W: Write> Report<W> {
    fn file(&mut self, shown: &str, checked: &Checked, settings: &crate::Settings) {
        let Checked {
            text,
            notes,
            findings,
            ..
        } = checked;
        self.tally.files += 1;
        self.tally.experiences += notes.experiences.len();
        let format = self.options.format;
        let index = LineIndex::new(text, format.encoding());
        // The gaps of each experience: what its `missing-*` diagnostics ask for, and what the
        // JSON says is missing (the same answer as report, hints and fixes).
        let gaps: Vec<Vec<Gap>> = if format == Format::Json {
            self.json.start_file(&mut self.out);
            (0..notes.experiences.len())
                .map(|i| crate::gaps::gaps(notes, settings, i))
                .collect()
        } else {
            Vec::new()
        };
        for f in findings
            .iter()
            .filter(|f| f.severity <= self.options.min_severity)
        {
            self.tally.counts[f.severity as usize] += 1;
            self.tally.failed |= f.severity.fails_check();
            match format {
                Format::Json => {
                    let diagnostic = json_diagnostic(f, notes, text, &index, &gaps);
                    self.json.diagnostic(&mut self.out, &diagnostic);
                }
                Format::Github => {
                    let line = annotations::github_line(shown, f, text, &index);
                    let _ = writeln!(self.out, "{line}");
                }
                Format::Sarif => self
                    .sarif
                    .push(annotations::sarif_result(shown, f, text, &index)),
                Format::Human => {
                    let (line, column) = index.position(text, f.range.start);
                    let severity = paint(f.severity, self.colour);
                    let _ = writeln!(
                        self.out,
                        "{shown}:{}:{}: {severity}[{}] {}",
                        line + 1,
                        column + 1,
                        f.code,
                        f.message
                    );
                }
            }
        }
        if format == Format::Json {
            let experiences = json_experiences(notes, text, &index, &gaps);
            self.json.end_file(&mut self.out, shown, &experiences);
        }
    }

    /// The summary: the JSON summary, the SARIF log, or the human line.
    fn finish(&mut self, errors: usize) {
        let tally = &self.tally;
        match self.options.format {
            Format::Json => {
                let summary = json!({
                    "files": tally.files,
                    "experiences": tally.experiences,
                    "diagnostics": tally.total(),
                    "by_severity": {
                        "error": tally.count(Severity::Error),
                        "warning": tally.count(Severity::Warning),
                        "information": tally.count(Severity::Information),
                        "hint": tally.count(Severity::Hint),
                    },
                    "errors": errors,
                });
                self.json.finish(&mut self.out, &summary);
            }
            Format::Sarif => {
                let log = annotations::sarif_log(std::mem::take(&mut self.sarif));
                let text = serde_json::to_string_pretty(&log).unwrap_or_default();
                let _ = writeln!(self.out, "{text}");
            }
            Format::Human | Format::Github if !self.options.quiet => {
                let line = tally.summary(self.options.fix);
                let _ = writeln!(self.out, "{line}");
            }
            Format::Human | Format::Github => {}
        }
        let _ = self.out.flush();
    }
}

/// One diagnostic of `check --format json`, with the parts a `missing-*` one asks for.
fn json_diagnostic(
    f: &Finding,
    notes: &Notes,
    text: &str,
    index: &LineIndex,
    gaps: &[Vec<Gap>],
) -> serde_json::Value {
    let (sl, sc) = index.position(text, f.range.start);
    let (el, ec) = index.position(text, f.range.end);
    let experience = f
        .experience
        .and_then(|i| notes.experiences.get(i))
        .map(|e| e.title.as_str());
    let mut diagnostic = json!({
        "code": f.code.code(),
        "severity": f.severity.key(),
        "message": &*f.message,
        "experience": experience,
        "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
    });
    if f.code.missing_kind().is_some() {
        let asked: Vec<&str> = f
            .experience
            .and_then(|i| gaps.get(i))
            .into_iter()
            .flatten()
            .filter(|g| g.rule == f.code)
            .map(|g| g.kind.key())
            .collect();
        diagnostic["parts"] = json!(asked);
    }
    diagnostic
}

/// The experiences of one file in `check --format json`: each part with how it was found, and
/// what is missing.
fn json_experiences(
    notes: &Notes,
    text: &str,
    index: &LineIndex,
    gaps: &[Vec<Gap>],
) -> serde_json::Value {
    let experiences: Vec<serde_json::Value> = notes
        .experiences
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let missing: Vec<&str> = gaps
                .get(i)
                .into_iter()
                .flatten()
                .map(|g| g.kind.key())
                .collect();
            json!({
                "title": e.title,
                "line": index.line(e.heading.start),
                "parts": crate::report::found_parts(e, text, index),
                "missing": missing,
            })
        })
        .collect();
    serde_json::Value::from(experiences)
}

/// One file read, analysed and (with `--fix`) fixed.
struct Checked {
    /// The text the findings are about: the fixed text when it was written.
    text: String,
    notes: crate::notes::Notes,
    findings: Vec<crate::rules::Finding>,
    /// With `--fix`, when there was something to insert: the prompts written, or why not.
    written: Option<Result<usize, String>>,
}

/// Reads, analyses and fixes one file. `Err` when the file could not be read or analysed (a
/// panic in the analysis is contained and reported as that file's error). When the file
/// changes while it is being fixed, it is read, analysed and fixed again, once.
fn check_file(
    target: &files::Target,
    fix: bool,
    stale: &mut StaleTemporaries,
) -> Result<Checked, String> {
    let mut attempts_left = 2;
    loop {
        attempts_left -= 1;
        let settings = &target.settings;
        let read = files::read_text(&target.path)?;
        let text = read.text;
        let (notes, findings, fixed) = super::guarded(&text, || {
            let (notes, findings) = analyse_document(&text, settings, target.known);
            let fixed = if fix {
                let insertions = fixes::fix_all(&notes, &text, settings, &findings);
                (!insertions.is_empty()).then(|| {
                    let prompts = insertions.iter().map(|i| i.text.matches("<!--").count());
                    (fixes::apply(&text, &insertions), prompts.sum::<usize>())
                })
            } else {
                None
            };
            (notes, findings, fixed)
        })?;
        let Some((fixed, prompts)) = fixed else {
            return Ok(Checked {
                text,
                notes,
                findings,
                written: None,
            });
        };
        let message =
            match replace_atomically(&target.path, &read.bytes, &read.stamp, &fixed, stale) {
                Ok(()) => {
                    let (notes, findings) = super::guarded(&fixed, || {
                        analyse_document(&fixed, settings, target.known)
                    })?;
                    return Ok(Checked {
                        text: fixed,
                        notes,
                        findings,
                        written: Some(Ok(prompts)),
                    });
                }
                Err(NotWritten::Changed(_)) if attempts_left > 0 => continue,
                Err(NotWritten::Changed(message) | NotWritten::Refused(message)) => message,
            };
        return Ok(Checked {
            text,
            notes,
            findings,
            written: Some(Err(message)),
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed JSON is byte for byte what `to_string_pretty` gives for the whole document.
    #[test]
    fn streamed_json_is_the_pretty_document() {
        let diagnostic = |n: usize| {
            json!({"code": "missing-result", "severity": "warning", "message": format!("m{n} \"q\"\n"),
                "experience": if n % 2 == 0 { Some("Ünïcode") } else { None },
                "range": {"start": {"line": n, "character": 0}, "end": {"line": n, "character": 3}}})
        };
        let summary = json!({"files": 3, "experiences": 2, "diagnostics": 3, "errors": 1});
        for shape in [&[][..], &[0][..], &[2][..], &[0, 0][..], &[1, 0, 2][..]] {
            let mut out = Vec::new();
            let mut stream = JsonStream::default();
            let mut files = Vec::new();
            for (file, &count) in shape.iter().enumerate() {
                stream.start_file(&mut out);
                let diagnostics: Vec<_> = (0..count).map(diagnostic).collect();
                for d in &diagnostics {
                    stream.diagnostic(&mut out, d);
                }
                let path = format!("dir/n\"{file}.career.md");
                let experiences = if count == 0 {
                    json!([])
                } else {
                    json!([{"title": "Ünï", "line": count, "parts": [{"kind": "result", "by": "prose"}]}])
                };
                stream.end_file(&mut out, &path, &experiences);
                files.push(
                    json!({"path": path, "diagnostics": diagnostics, "experiences": experiences}),
                );
            }
            stream.finish(&mut out, &summary);
            let whole = json!({"files": files, "summary": summary});
            let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{shape:?}");
        }
    }
}
