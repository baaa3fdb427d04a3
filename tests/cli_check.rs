//! `hindsight check` and `hindsight report` through the real binary: human and JSON output,
//! the fixed text after `--fix`, exit codes, and which files a folder walk picks up.
//!
//! Fixtures are never written to: `--fix` runs on copies in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// The outcome of one run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `hindsight ARGS` in `dir` (paths in ARGS are relative to it, so output is stable).
fn hindsight(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run hindsight");
    Run {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join("tests/fixtures/corpus")
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

/// Writes `files` (relative path, contents) under a new temporary folder.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The paths of the files a JSON run reports, in order.
fn checked_paths(run: &Run) -> Vec<String> {
    json(run)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Output snapshots

const SKIPPED_ONE: &str = "hindsight: 1 Markdown file skipped: not career notes — name them *.career.md (or brag.md, accomplishments.md, …), add `hindsight: true` front matter, or `include` them in .hindsight.toml; see `hindsight check --help`\n";
const SKIPPED_TWO: &str = "hindsight: 2 Markdown files skipped: not career notes — name them *.career.md (or brag.md, accomplishments.md, …), add `hindsight: true` front matter, or `include` them in .hindsight.toml; see `hindsight check --help`\n";

#[test]
fn human_output_on_the_corpus() {
    let run = hindsight(root(), &["check", "tests/fixtures/corpus"]);
    assert_eq!(run.code, 1, "warnings were found: {}", run.stderr);
    // 08-plain-readme.md is not career notes: said once.
    assert_eq!(run.stderr, SKIPPED_ONE);
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!("check_human_corpus", run.stdout);
}

#[test]
fn human_output_on_the_examples() {
    let run = hindsight(root(), &["check", "examples"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    // The shipped examples show every rule to a newcomer.
    for code in [
        "missing-result",
        "missing-lesson",
        "missing-action",
        "missing-hindsight",
        "vague-result",
        "we-not-i",
        "duplicate-experience",
        "missing-self-assessment",
    ] {
        assert!(run.stdout.contains(&format!("[{code}]")), "no {code}");
    }
    insta::assert_snapshot!("check_human_examples", run.stdout);
}

const FORMAT_FILES: [&str; 3] = [
    "01-backend-engineer.career.md",
    "03-history-teacher-crlf.career.md",
    "07-lab-scientist-unicode.career.md",
];

/// The (line, UTF-16 column, code, message) of every diagnostic of `--format json`, 1-based.
fn json_findings() -> Vec<(String, u64, u64, String, String)> {
    let mut args = vec!["check", "--format", "json"];
    args.extend(FORMAT_FILES);
    let doc = json(&hindsight(&corpus(), &args));
    let mut out = Vec::new();
    for file in doc["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            out.push((
                file["path"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["range"]["start"]["character"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

#[test]
fn min_severity_and_quiet() {
    let mut args = vec!["check", "--min-severity", "warning", "--quiet"];
    args.extend(FORMAT_FILES);
    let run = hindsight(&corpus(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected = json_findings();
    let warnings = expected
        .iter()
        .filter(|(path, line, _, code, _)| {
            lines.iter().any(|l| {
                l.starts_with(&format!("{path}:{line}:")) && l.contains(&format!("[{code}]"))
            })
        })
        .count();
    assert!(!lines.is_empty());
    assert_eq!(warnings, lines.len(), "every line is a finding: {lines:?}");
    assert!(lines.iter().all(|l| l.contains(": warning[")), "{lines:?}");

    // Errors only: none in the corpus, so the check passes and the summary says so.
    let mut args = vec!["check", "--min-severity", "error"];
    args.extend(FORMAT_FILES);
    let run = hindsight(&corpus(), &args);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);

    // The JSON summary counts by severity.
    let mut args = vec!["check", "--format", "json"];
    args.extend(FORMAT_FILES);
    let doc = json(&hindsight(&corpus(), &args));
    let by = &doc["summary"]["by_severity"];
    let sum: u64 = ["error", "warning", "information", "hint"]
        .iter()
        .map(|k| by[k].as_u64().unwrap())
        .sum();
    assert_eq!(doc["summary"]["diagnostics"], sum);
    assert_eq!(by["warning"], warnings as u64);
}

#[test]
fn github_annotations() {
    let mut args = vec!["check", "--format", "github"];
    args.extend(FORMAT_FILES);
    let run = hindsight(&corpus(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let annotations: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    let expected = json_findings();
    assert_eq!(annotations.len(), expected.len());
    let pattern = regex::Regex::new(
        r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=hindsight ([a-z-]+)::(.+)$",
    )
    .unwrap();
    for (line, (path, l, _, code, message)) in annotations.iter().zip(&expected) {
        let caps = pattern.captures(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(&caps[2], path);
        assert_eq!(caps[3].parse::<u64>().unwrap(), *l);
        assert_eq!(&caps[5], code);
        assert_eq!(caps[6].replace("%25", "%"), *message);
    }
    assert!(annotations.iter().any(|l| l.starts_with("::warning ")));
    assert!(annotations.iter().any(|l| l.starts_with("::notice ")));
    // The summary stays, for the log.
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("3 files checked")
    );
}

#[test]
fn sarif_log() {
    let mut args = vec!["check", "--format", "sarif"];
    args.extend(FORMAT_FILES);
    let run = hindsight(&corpus(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    let sarif_run = &log["runs"][0];
    assert_eq!(sarif_run["tool"]["driver"]["name"], "hindsight");
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 10);
    let results = sarif_run["results"].as_array().unwrap();
    let expected = json_findings();
    assert_eq!(results.len(), expected.len());
    for (r, (path, line, column, code, message)) in results.iter().zip(&expected) {
        assert_eq!(r["ruleId"], code.as_str());
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            code.as_str()
        );
        assert_eq!(r["message"]["text"], message.as_str());
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], path.as_str());
        assert_eq!(location["region"]["startLine"], *line);
        // UTF-16 columns, as the run's columnKind says (the lab notes hold emoji and CJK).
        assert_eq!(location["region"]["startColumn"], *column);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
}

/// `hindsight COMMAND --format json FILES…` in the corpus folder.
fn json_run(command: &str, files: &[&str]) -> Run {
    let mut args = vec![command, "--format", "json"];
    args.extend_from_slice(files);
    hindsight(&corpus(), &args)
}

#[test]
fn json_output() {
    let run = json_run(
        "check",
        &[
            "01-backend-engineer.career.md",
            "03-history-teacher-crlf.career.md",
            "07-lab-scientist-unicode.career.md",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let doc = json(&run);
    let diagnostics: usize = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(doc["summary"]["diagnostics"], diagnostics);
    assert_eq!(doc["summary"]["files"], 3);
    insta::assert_snapshot!("check_json", run.stdout);
}

/// JSON positions are 0-based with UTF-16 columns; human ones are 1-based in characters. Both
/// must point at the same place, also after emoji, CJK and astral-plane characters.
#[test]
fn json_and_human_positions_agree() {
    let file = "07-lab-scientist-unicode.career.md";
    let text = std::fs::read_to_string(corpus().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let human = hindsight(&corpus(), &["check", file]);
    let doc = json(&hindsight(&corpus(), &["check", "--format", "json", file]));
    let mut from_json = Vec::new();
    for d in doc["files"][0]["diagnostics"].as_array().unwrap() {
        let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
        let utf16 = d["range"]["start"]["character"].as_u64().unwrap() as usize;
        let mut units = 0;
        let chars = lines[line]
            .chars()
            .take_while(|c| {
                units += c.len_utf16();
                units <= utf16
            })
            .count();
        let end_line = d["range"]["end"]["line"].as_u64().unwrap() as usize;
        let end_utf16 = d["range"]["end"]["character"].as_u64().unwrap() as usize;
        assert!(
            end_utf16 <= lines[end_line].encode_utf16().count(),
            "{d}: end past the line"
        );
        from_json.push(format!("{file}:{}:{}", line + 1, chars + 1));
    }
    let from_human: Vec<String> = human
        .stdout
        .lines()
        .filter(|l| l.starts_with(file))
        .map(|l| l.split(": ").next().unwrap().to_string())
        .collect();
    assert_eq!(from_json, from_human);
    assert!(
        from_json
            .iter()
            .any(|p| !p.ends_with(":4") && !p.ends_with(":1")),
        "some diagnostic sits after non-ASCII text: {from_json:?}"
    );
}

#[test]
fn report_markdown() {
    let run = hindsight(root(), &["report", "tests/fixtures/corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, SKIPPED_ONE);
    insta::assert_snapshot!("report_markdown_corpus", run.stdout);
}

#[test]
fn report_json() {
    let run = json_run(
        "report",
        &[
            "04-account-executive.career.md",
            "05-warehouse-ops.career.md",
            "07-lab-scientist-unicode.career.md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    for file in doc["files"].as_array().unwrap() {
        for e in file["experiences"].as_array().unwrap() {
            for kind in ["context", "action", "result", "lesson", "hindsight"] {
                let state = e["parts"][kind].as_str().unwrap();
                assert!(["absent", "empty", "stated"].contains(&state), "{e}");
            }
            assert!(e["result_quantified"].is_boolean());
            assert!(e["line"].is_u64() && e["level"].is_u64());
        }
        assert!(file["self_assessment"]["strengths"].is_boolean());
        assert!(file["self_assessment"]["growth_areas"].is_boolean());
    }
    insta::assert_snapshot!("report_json", run.stdout);
}

#[test]
fn report_of_a_file_without_experiences() {
    let run = hindsight(&corpus(), &["report", "08-plain-readme.md"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("report_markdown_empty", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// --fix

/// Copies corpus files into a temporary folder for `--fix`.
fn corpus_copy(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::copy(corpus().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

const FIXED: &[&str] = &[
    "01-backend-engineer.career.md",
    "02-icu-nurse.career.md",
    "03-history-teacher-crlf.career.md",
    "04-account-executive.career.md",
    "05-warehouse-ops.career.md",
    "06-product-designer.career.md",
    "07-lab-scientist-unicode.career.md",
    "09-sre-suppressions.career.md",
    "10-site-engineer-logbook.career.md",
    "11-data-analyst.career.md",
];

#[test]
fn fixed_text_after_fix() {
    let dir = corpus_copy(FIXED);
    let run = hindsight(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.stderr, "");
    // What was inserted, and why the exit code stays 1: the prompts are still to answer.
    let summary = run.stdout.lines().last().unwrap();
    let inserted = regex::Regex::new(
        r"; inserted (\d+) prompts in 10 files; (\d+) findings remain until you answer them$",
    )
    .unwrap();
    let caps = inserted
        .captures(summary)
        .unwrap_or_else(|| panic!("summary: {summary}"));
    let prompts: usize = caps[1].parse().unwrap();
    let fixed_text: usize = FIXED
        .iter()
        .map(|name| {
            let before = std::fs::read_to_string(corpus().join(name)).unwrap();
            let after = std::fs::read_to_string(dir.path().join(name)).unwrap();
            after.matches("<!--").count() - before.matches("<!--").count()
        })
        .sum();
    assert_eq!(
        prompts, fixed_text,
        "the summary counts the prompts written"
    );
    assert!(
        summary.contains(&format!(" {} findings (", &caps[2])),
        "{summary}"
    );
    assert_eq!(
        run.code, 1,
        "warnings remain until the prompts are answered"
    );
    insta::assert_snapshot!("fix_report", run.stdout);
    for name in FIXED {
        let before = std::fs::read_to_string(corpus().join(name)).unwrap();
        let after = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(is_subsequence(&before, &after), "{name}: only insertions");
        let snapshot_name = format!("fixed_{}", name.trim_end_matches(".career.md"));
        if before.contains("\r\n") {
            // Every line of a CRLF file still ends in CRLF, inserted lines included.
            assert_eq!(
                after.matches('\n').count(),
                after.matches("\r\n").count(),
                "{name}: mixed line endings after --fix"
            );
            insta::assert_snapshot!(snapshot_name, after.replace("\r\n", "\n"));
        } else {
            assert!(!after.contains('\r'), "{name}");
            insta::assert_snapshot!(snapshot_name, after);
        }
    }
}

#[test]
fn fix_leaves_a_file_without_experiences_alone() {
    let dir = corpus_copy(&["08-plain-readme.md"]);
    let path = dir.path().join("08-plain-readme.md");
    let before = std::fs::read(&path).unwrap();
    let run = hindsight(dir.path(), &["check", "--fix", "08-plain-readme.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("; no prompt to insert\n"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn fix_then_json_lists_only_prompts() {
    let dir = corpus_copy(&["02-icu-nurse.career.md"]);
    let run = hindsight(
        dir.path(),
        &[
            "check",
            "--fix",
            "--format",
            "json",
            "02-icu-nurse.career.md",
        ],
    );
    let doc = json(&run);
    for d in doc["files"][0]["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        let message = d["message"].as_str().unwrap();
        // missing-counterfactual asks for no part: --fix leaves it to its own quick fix.
        if code.starts_with("missing-") && code != "missing-counterfactual" {
            // The added Strengths / Growth areas sections hold only prompts, like every part.
            assert!(message.contains("still a prompt"), "{d}");
        }
    }
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.bytes();
    needle.bytes().all(|b| rest.any(|h| h == b))
}

// ---------------------------------------------------------------------------------------------
// Exit codes

const COMPLETE: &str = "## Billing migration\n\n### Context\n\nTwo ledgers disagreed.\n\n### Action\n\nI wrote the reconciliation job.\n\n### Result\n\nMismatches fell from 40 a day to 2.\n\n### Lesson\n\nReconcile before you migrate.\n\n### In hindsight\n\nI would have started the job a month earlier.\n";
const ONLY_HINTS: &str = "## Billing migration\n\n### Action\n\nWe moved the jobs and we kept our old scheduler.\n\n### Result\n\nThe nightly run became calmer.\n\n### Lesson\n\nReconcile before you migrate.\n";
const WARNING: &str = "## Billing migration\n\n### Action\n\nI moved the jobs.\n";

#[test]
fn exit_0_when_clean() {
    let dir = tree(&[("a.career.md", COMPLETE)]);
    let run = hindsight(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout, "1 file checked, 1 experience, 0 findings\n",
        "default path is the current folder"
    );
}

#[test]
fn exit_0_with_only_information_and_hints() {
    let dir = tree(&[("a.career.md", ONLY_HINTS)]);
    let run = hindsight(dir.path(), &["check", "a.career.md"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    insta::assert_snapshot!("check_only_hints", run.stdout);
}

#[test]
fn exit_1_with_a_warning() {
    let dir = tree(&[("a.career.md", WARNING)]);
    let run = hindsight(dir.path(), &["check", "a.career.md"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = hindsight(dir.path(), &["check", "--format", "json", "a.career.md"]);
    assert_eq!(run.code, 1, "same exit code in JSON");
}

#[test]
fn configured_severities_decide_the_exit_code() {
    // An information raised to error fails the check; warnings turned off pass it.
    let dir = tree(&[
        ("up/a.career.md", ONLY_HINTS),
        ("up/.hindsight.toml", "[rules]\nvague-result = \"error\"\n"),
        ("off/a.career.md", WARNING),
        (
            "off/.hindsight.toml",
            "[rules]\nmissing-result = \"off\"\nmissing-lesson = \"hint\"\n",
        ),
    ]);
    let up = hindsight(dir.path(), &["check", "up"]);
    assert_eq!(up.code, 1, "{}", up.stdout);
    assert!(
        up.stdout.contains(": error[vague-result] "),
        "{}",
        up.stdout
    );
    let off = hindsight(dir.path(), &["check", "off"]);
    assert_eq!(off.code, 0, "{}", off.stdout);
    assert!(!off.stdout.contains("missing-result"), "{}", off.stdout);
    assert!(
        off.stdout.contains(": hint[missing-lesson] "),
        "{}",
        off.stdout
    );
}

#[test]
fn a_config_above_the_repository_and_the_run_is_not_read() {
    // `outer/.hindsight.toml` would turn the warning off; the run is in `outer/repo`, a
    // repository of its own, so the lookup stops there (SPEC §7: never higher).
    let dir = tree(&[
        ("outer/repo/a.career.md", WARNING),
        ("outer/repo/.git/HEAD", "ref: refs/heads/main\n"),
        (
            "outer/.hindsight.toml",
            "[rules]\nmissing-result = \"off\"\n",
        ),
    ]);
    let repo = dir.path().join("outer").join("repo");
    let run = hindsight(&repo, &["check", "a.career.md"]);
    assert!(run.stdout.contains("missing-result"), "{}", run.stdout);
    // Run from `outer`, the same file is under that folder's config.
    let outer = dir.path().join("outer");
    let run = hindsight(&outer, &["check", "repo/a.career.md"]);
    assert!(!run.stdout.contains("missing-result"), "{}", run.stdout);
}

#[test]
fn exit_2_on_usage_errors() {
    let dir = tree(&[("a.career.md", COMPLETE)]);
    for args in [
        &["check", "--format", "xml"][..],
        &["check", "--no-such-flag"],
        &["report", "--format", "human"],
        &["frobnicate"],
        &[],
    ] {
        let run = hindsight(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty(), "{args:?}: says why");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    let help = hindsight(dir.path(), &["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--fix"));
}

#[test]
fn exit_2_on_a_missing_path_but_the_rest_is_checked() {
    let dir = tree(&[("a.career.md", WARNING)]);
    let run = hindsight(dir.path(), &["check", "gone.career.md", "a.career.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hindsight: gone.career.md: no such file or directory\n"
    );
    assert!(
        run.stdout
            .contains("a.career.md:1:4: warning[missing-result]")
    );
}

// ---------------------------------------------------------------------------------------------
// Which files are checked

const NOTE: &str = "## Story\n\nResult: shipped.\n";

#[test]
fn folder_walk_picks_career_notes_only() {
    let dir = tree(&[
        ("a.career.md", NOTE),
        ("UPPER.CAREER.MD", NOTE),
        ("plain.md", NOTE),
        ("notes.txt", NOTE),
        ("marked.md", &format!("---\nhindsight: true\n---\n{NOTE}")),
        (
            "marked-yes.md",
            &format!("---\nhindsight: yes\n---\n{NOTE}"),
        ),
        (
            "typed.markdown",
            &format!("---\ntype: career-notes\n---\n{NOTE}"),
        ),
        (
            "not-marked.md",
            &format!("---\nhindsight: false\n---\n{NOTE}"),
        ),
        ("career/2024/q1.md", NOTE),
        ("career/2024/q1.txt", NOTE),
        ("drafts/wip.career.md", NOTE),
        (".hidden/secret.career.md", NOTE),
        (
            ".hindsight.toml",
            "include = [\"career/**/*.md\"]\nexclude = [\"drafts/**\"]\n",
        ),
    ]);
    let run = hindsight(dir.path(), &["check", "--format", "json", "."]);
    // plain.md and not-marked.md.
    assert_eq!(run.stderr, SKIPPED_TWO);
    assert_eq!(
        checked_paths(&run),
        [
            "./UPPER.CAREER.MD",
            "./a.career.md",
            "./career/2024/q1.md",
            "./marked-yes.md",
            "./marked.md",
            "./typed.markdown",
        ]
    );
}

#[test]
fn a_file_named_explicitly_is_always_analysed() {
    let dir = tree(&[
        ("plain.md", NOTE),
        ("drafts/wip.career.md", NOTE),
        (".hindsight.toml", "exclude = [\"drafts/**\"]\n"),
    ]);
    let run = hindsight(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "plain.md",
            "drafts/wip.career.md",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(checked_paths(&run), ["plain.md", "drafts/wip.career.md"]);
    let doc = json(&run);
    // plain.md is no career notes by name, and one short story does not read like them.
    assert_eq!(doc["files"][0]["diagnostics"], json!([]));
    assert_eq!(doc["files"][1]["diagnostics"][0]["code"], "missing-lesson");
}

/// Named explicitly, Markdown that reads like career notes (two first-person stories that say
/// what was done and what came of it) is checked whatever it is called.
#[test]
fn a_file_named_explicitly_that_reads_like_notes_is_checked() {
    let stories = "# Notes\n\n## Export job\n\nI replaced the nightly CSV with a live view. \
        As a result, month-end close takes two days instead of five.\n\n\
        ## Night rota\n\nI rebuilt the rota with the charge nurses. Handovers now take ten \
        minutes.\n";
    let dir = tree(&[("notes.md", stories)]);
    let run = hindsight(dir.path(), &["check", "--format", "json", "notes.md"]);
    let doc = json(&run);
    let codes: Vec<&str> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["missing-lesson", "missing-lesson"], "{doc}");
}

#[test]
fn gitignore_is_respected_in_a_git_repository() {
    let dir = tree(&[
        ("a.career.md", NOTE),
        ("private/b.career.md", NOTE),
        ("c.career.md", NOTE),
        (".gitignore", "private/\nc.career.md\n"),
    ]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let run = hindsight(dir.path(), &["check", "--format", "json"]);
    assert_eq!(checked_paths(&run), ["./a.career.md"]);
    // Named explicitly, an ignored file is still checked.
    let run = hindsight(dir.path(), &["check", "--format", "json", "c.career.md"]);
    assert_eq!(checked_paths(&run), ["c.career.md"]);
}

#[test]
fn ignore_files_are_respected_outside_git() {
    let dir = tree(&[
        ("a.career.md", NOTE),
        ("old/b.career.md", NOTE),
        (".ignore", "old/\n"),
    ]);
    let run = hindsight(dir.path(), &["check", "--format", "json"]);
    assert_eq!(checked_paths(&run), ["./a.career.md"]);
}

#[test]
fn nearest_configuration_applies_per_folder() {
    let dir = tree(&[
        ("a.career.md", WARNING),
        ("team/b.career.md", WARNING),
        (
            "team/.hindsight.toml",
            "[rules]\nmissing-result = \"off\"\n",
        ),
    ]);
    let run = hindsight(dir.path(), &["check", "--format", "json"]);
    let doc = json(&run);
    let codes = |i: usize| -> Vec<String> {
        doc["files"][i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(doc["files"][0]["path"], "./a.career.md");
    assert!(codes(0).contains(&"missing-result".to_string()));
    assert_eq!(doc["files"][1]["path"], "./team/b.career.md");
    assert!(!codes(1).contains(&"missing-result".to_string()));
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = tree(&[("a.career.md", WARNING), ("sub/b.career.md", WARNING)]);
    let run = hindsight(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "a.career.md",
            "./a.career.md",
            ".",
            "sub",
            "sub/b.career.md",
        ],
    );
    assert_eq!(checked_paths(&run), ["a.career.md", "./sub/b.career.md"]);
    let report = hindsight(dir.path(), &["report", "a.career.md", "a.career.md"]);
    assert_eq!(report.stdout.matches("### Billing migration").count(), 1);
}

/// Every part says how it was found (label, marker or prose) and where, in `check --format
/// json` and `report --format json`, on a brag document of list-item experiences.
#[test]
fn json_says_how_each_part_was_found() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/s1-list-items");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture.join("brag.md"), dir.path().join("brag.md")).unwrap();
    let check = hindsight(dir.path(), &["check", "--format", "json", "brag.md"]);
    insta::assert_snapshot!("check_json_found_parts", check.stdout);
    let report = hindsight(dir.path(), &["report", "--format", "json", "brag.md"]);
    insta::assert_snapshot!("report_json_found_parts", report.stdout);
    let doc = json(&check);
    let ways: std::collections::BTreeSet<&str> = doc["files"][0]["experiences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["parts"].as_array().unwrap())
        .map(|p| p["by"].as_str().unwrap())
        .collect();
    assert!(ways.contains("prose"), "{ways:?}");
}

/// A folder run that passes over Markdown files because they are not career notes says so,
/// once, with how to include them (SPEC §6).
#[test]
fn a_folder_run_says_which_markdown_it_skipped() {
    let dir = tree(&[
        ("README.md", "# Readme\n"),
        ("docs/guide.md", "# Guide\n"),
        ("stories.career.md", NOTE),
    ]);
    let run = hindsight(dir.path(), &["check", "."]);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("skipped"))
        .collect();
    assert_eq!(
        lines,
        [
            "hindsight: 2 Markdown files skipped: not career notes — name them *.career.md (or brag.md, accomplishments.md, …), add `hindsight: true` front matter, or `include` them in .hindsight.toml; see `hindsight check --help`"
        ],
        "{}",
        run.stderr
    );
    // Nothing to say when every Markdown file was read.
    let quiet = tree(&[("stories.career.md", NOTE)]);
    assert_eq!(hindsight(quiet.path(), &["check", "."]).stderr, "");
}
