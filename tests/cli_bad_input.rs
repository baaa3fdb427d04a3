//! Bad input through the real binary: each problem gives one clear line on stderr and exit
//! code 2, and every other file is still checked (its findings still printed).

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn hindsight(dir: &Path, args: &[&str]) -> Run {
    run(
        Command::new(env!("CARGO_BIN_EXE_hindsight")).args(args),
        dir,
    )
}

fn run(command: &mut Command, dir: &Path) -> Run {
    let out = command.current_dir(dir).output().expect("run hindsight");
    Run {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A note with two warnings, so that "the other files are still checked" is visible.
const GOOD: &str = "## Billing migration\n\n### Action\n\nI moved the nightly jobs.\n";
const GOOD_FINDING: &str = "good.career.md:1:4: warning[missing-result] \"Billing migration\" states no result: what changed because of your work?";

fn folder_with_good_note() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.career.md"), GOOD).unwrap();
    dir
}

/// The folder as the binary sees it (its working directory, symlinks resolved).
fn real(dir: &tempfile::TempDir) -> PathBuf {
    std::fs::canonicalize(dir.path()).unwrap()
}

/// stderr is exactly these lines, each `hindsight: ` and one line long.
fn assert_errors(run: &Run, expected: &[&str]) {
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines, expected, "stderr:\n{}", run.stderr);
    assert!(run.stderr.ends_with('\n'));
}

/// The good note was still checked, and the bad file was not counted.
fn assert_good_note_checked(run: &Run, files: usize) {
    assert!(
        run.stdout.lines().any(|l| l.ends_with(GOOD_FINDING)),
        "stdout:\n{}",
        run.stdout
    );
    let summary = run.stdout.lines().last().unwrap();
    let expected = if files == 1 {
        "1 file checked".to_string()
    } else {
        format!("{files} files checked")
    };
    assert!(summary.starts_with(&expected), "{summary}");
}

// ---------------------------------------------------------------------------------------------
// Files that are not text

/// Beside a good note, a file of `bytes` named `name` is skipped with `why` (exit code 2),
/// and the good note is still checked, whether the folder or both files are named.
fn skipped_beside_a_good_note(name: &str, bytes: &[u8], why: &str) {
    let dir = folder_with_good_note();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let walked = hindsight(dir.path(), &["check", "."]);
    assert_eq!(walked.code, 2);
    assert_errors(&walked, &[&format!("hindsight: ./{name}: skipped: {why}")]);
    assert_good_note_checked(&walked, 1);
    let named = hindsight(dir.path(), &["check", name, "good.career.md"]);
    assert_eq!(named.code, 2);
    assert_errors(&named, &[&format!("hindsight: {name}: skipped: {why}")]);
    assert_good_note_checked(&named, 1);
}

#[test]
fn binary_file() {
    skipped_beside_a_good_note(
        "photo.career.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR## Result: x",
        "binary file (contains NUL bytes)",
    );
}

#[test]
fn invalid_utf8() {
    // Latin-1: "Café" with a lone 0xE9.
    skipped_beside_a_good_note(
        "latin1.career.md",
        b"## Caf\xe9\n\nResult: fine\n",
        "not UTF-8 text (invalid byte at offset 6)",
    );
}

#[test]
fn utf16_file_is_refused_not_misread() {
    let utf16: Vec<u8> = "\u{feff}## Story\n\nResult: 5 wins\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    skipped_beside_a_good_note(
        "utf16.career.md",
        &utf16,
        "binary file (contains NUL bytes)",
    );
}

// ---------------------------------------------------------------------------------------------
// A bug in the analysis

/// A panic while analysing one file is reported as that file's error, on one line, and the
/// other files are still checked. The panic is requested through the debug-build hook
/// `HINDSIGHT_TEST_PANIC` (a file containing its text panics).
#[test]
fn panic_in_one_file_spares_the_others() {
    const MARKER: &str = "PANIC-FOR-THE-TEST";
    let boom = format!("## Story\n\nAction: I did {MARKER}.\n");
    let expected = "hindsight: boom.career.md: internal error while analysing (please report): test panic requested by HINDSIGHT_TEST_PANIC";
    for args in [
        &["check"][..],
        &["check", "--fix"],
        &["check", "--format", "json"],
        &["report"],
        &["report", "--format", "json"],
    ] {
        let dir = folder_with_good_note();
        std::fs::write(dir.path().join("boom.career.md"), &boom).unwrap();
        let run = run(
            Command::new(env!("CARGO_BIN_EXE_hindsight"))
                .args(args)
                .args(["boom.career.md", "good.career.md"])
                .env("HINDSIGHT_TEST_PANIC", MARKER),
            dir.path(),
        );
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with(expected), "{args:?}: {}", run.stderr);
        match args {
            ["check", "--format", "json"] => {
                let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(doc["summary"]["files"], 1);
                assert_eq!(doc["summary"]["errors"], 1);
                assert_eq!(doc["files"][0]["path"], "good.career.md");
            }
            ["check", ..] => {
                let summary = run.stdout.lines().last().unwrap_or_default();
                assert!(
                    summary.starts_with("1 file checked"),
                    "{args:?}: {}",
                    run.stdout
                );
                if args.contains(&"--fix") {
                    assert!(
                        summary.contains("; inserted ") && summary.contains(" in 1 file"),
                        "{summary}"
                    );
                } else {
                    assert!(run.stdout.contains(GOOD_FINDING), "{}", run.stdout);
                }
            }
            _ => {
                assert!(
                    run.stdout.contains("Billing migration"),
                    "{args:?}: {}",
                    run.stdout
                );
                assert!(!run.stdout.contains("boom"), "{args:?}: {}", run.stdout);
            }
        }
        assert_eq!(
            std::fs::read_to_string(dir.path().join("boom.career.md")).unwrap(),
            boom,
            "never fixed"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Size

/// Real career notes, 50 MB of them: if the size limit were lost, this file would be analysed
/// (slowly) instead of refused.
fn write_big_notes(path: &Path, bytes: usize) {
    let story = "## Story number {n}\n\n**Action:** I moved the jobs.\n\n**Result:** Up 5%.\n\n";
    let mut text = String::with_capacity(bytes + story.len() * 2);
    let mut n = 0;
    while text.len() < bytes {
        text.push_str(&story.replace("{n}", &n.to_string()));
        n += 1;
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn fifty_megabyte_file() {
    let dir = folder_with_good_note();
    let big = dir.path().join("big.career.md");
    write_big_notes(&big, 50 * 1024 * 1024);
    let before = std::fs::metadata(&big).unwrap().len();
    let started = std::time::Instant::now();
    let run = hindsight(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.code, 2);
    assert_errors(
        &run,
        &["hindsight: ./big.career.md: skipped: 50.0 MB is over the 10 MB limit"],
    );
    assert!(
        run.stdout.contains("; inserted ") && run.stdout.contains(" in 1 file"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::metadata(&big).unwrap().len(), before, "not fixed");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "refused without reading: {:?}",
        started.elapsed()
    );
}

/// Issue 8, defect 13: a few megabytes of nested list markers (or of `#` lines) would make the
/// Markdown parser take gigabytes; such a file is refused in one line, and the others checked.
#[test]
fn too_many_block_markers() {
    let dir = folder_with_good_note();
    std::fs::write(
        dir.path().join("nested.career.md"),
        format!("{}x\n", "- ".repeat(500_000)),
    )
    .unwrap();
    let run = hindsight(dir.path(), &["check", "nested.career.md", "good.career.md"]);
    assert_eq!(run.code, 2);
    assert_errors(
        &run,
        &[
            "hindsight: nested.career.md: skipped: it holds 500000 headings, list items and quotes, over the limit of 400000",
        ],
    );
    assert_good_note_checked(&run, 1);
}

#[test]
fn sparse_file_over_the_limit() {
    let dir = folder_with_good_note();
    let file = std::fs::File::create(dir.path().join("sparse.career.md")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let run = hindsight(dir.path(), &["check", "sparse.career.md", "good.career.md"]);
    assert_eq!(run.code, 2);
    assert_errors(
        &run,
        &["hindsight: sparse.career.md: skipped: 50.0 MB is over the 10 MB limit"],
    );
    assert_good_note_checked(&run, 1);
}

/// A device reports a size of 0 and never ends (or, like a terminal, waits for input): it is
/// refused before it is opened.
#[cfg(target_os = "linux")]
#[test]
fn endless_device() {
    let dir = folder_with_good_note();
    let run = hindsight(dir.path(), &["report", "/dev/zero", "good.career.md"]);
    assert_eq!(run.code, 2);
    assert_errors(&run, &["hindsight: /dev/zero: not a regular file"]);
    assert!(
        run.stdout.contains("### Billing migration"),
        "{}",
        run.stdout
    );
    let run = hindsight(dir.path(), &["check", "/dev/zero", "good.career.md"]);
    assert_eq!(run.code, 2);
    assert_errors(&run, &["hindsight: /dev/zero: not a regular file"]);
    assert_good_note_checked(&run, 1);
}

/// A FIFO named on the command line is refused, not opened: opening it would wait for a writer
/// forever. (`timeout` turns a hang into a failure instead of a stuck test.)
#[test]
fn fifo_named_on_the_command_line() {
    let dir = folder_with_good_note();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.career.md"))
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    for command in ["check", "report"] {
        let run = run(
            Command::new("timeout")
                .args(["20", env!("CARGO_BIN_EXE_hindsight"), command])
                .args(["pipe.career.md", "good.career.md"]),
            dir.path(),
        );
        assert_ne!(run.code, 124, "{command} hung on the FIFO");
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_errors(&run, &["hindsight: pipe.career.md: not a regular file"]);
        if command == "check" {
            assert_good_note_checked(&run, 1);
        } else {
            assert!(
                run.stdout.contains("### Billing migration"),
                "{}",
                run.stdout
            );
        }
    }
    // A folder walk skips it silently, as before.
    let walked = hindsight(dir.path(), &["check", "."]);
    assert_eq!(walked.code, 1, "{}", walked.stderr);
    assert_eq!(walked.stderr, "");
}

/// JSON output is streamed, not built in memory: 80 000 findings (a 0.8 MB note) printed as
/// JSON fit in the 256 MB of address space that the human format needs less than half of.
/// Built as one document, they took over 500 MB.
#[cfg(target_os = "linux")]
#[test]
fn json_output_of_many_findings_is_streamed() {
    let dir = folder_with_good_note();
    let note: String = (0..40_000)
        .map(|i| format!("## Story {i}\nAction: I did it.\n"))
        .collect();
    std::fs::write(dir.path().join("many.career.md"), note).unwrap();
    let limited = |format: &str| {
        run(
            Command::new("prlimit")
                .arg(format!("--as={}", 256 * 1024 * 1024))
                .args([env!("CARGO_BIN_EXE_hindsight"), "check", "--format", format])
                .args(["many.career.md", "good.career.md"]),
            dir.path(),
        )
    };
    let human = limited("human");
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human
            .stdout
            .ends_with("80004 findings (80002 warnings, 2 information)\n"),
        "{}",
        human.stdout.lines().last().unwrap_or_default()
    );
    let json = limited("json");
    assert_eq!(json.code, 1, "{}", json.stderr);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["summary"]["diagnostics"], 80_004);
    assert_eq!(doc["files"][1]["path"], "good.career.md");
}

/// Many files are analysed on several threads, yet reported in the order they were named, and a
/// panic in one of them is still that file's error alone.
#[test]
fn many_files_in_parallel_are_reported_in_order() {
    const MARKER: &str = "PANIC-FOR-THE-TEST";
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..20).map(|i| format!("n{i:02}.career.md")).collect();
    for (i, name) in names.iter().enumerate() {
        let action = if i == 13 {
            MARKER.to_string()
        } else {
            format!("task {i}")
        };
        let note = format!("## Story {i}\n\nAction: I did {action}.\n");
        std::fs::write(dir.path().join(name), note).unwrap();
    }
    for format in ["human", "json"] {
        let run = run(
            Command::new(env!("CARGO_BIN_EXE_hindsight"))
                .args(["check", "--format", format, "."])
                .env("HINDSIGHT_TEST_PANIC", MARKER),
            dir.path(),
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("n13.career.md: internal error"),
            "{}",
            run.stderr
        );
        let reported: Vec<String> = if format == "json" {
            let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            doc["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    f["path"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("./")
                        .to_string()
                })
                .collect()
        } else {
            let mut paths: Vec<String> = run
                .stdout
                .lines()
                .filter_map(|l| l.split(':').next())
                .filter(|p| p.ends_with(".career.md"))
                .map(|p| p.trim_start_matches("./").to_string())
                .collect();
            paths.dedup();
            paths
        };
        let expected: Vec<&String> = names.iter().filter(|n| !n.starts_with("n13")).collect();
        assert_eq!(reported.iter().collect::<Vec<_>>(), expected, "{format}");
    }
}

// ---------------------------------------------------------------------------------------------
// Unreadable files

/// Whether this process reads files whatever their permissions (root, or CAP_DAC_OVERRIDE).
fn reads_anything(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    readable
}

/// `hindsight ARGS` as an unprivileged user: directly when we are one, else through `setpriv`
/// as `nobody` (the folder is opened up so that only the locked file is unreadable). `None`
/// when privileges cannot be dropped.
fn hindsight_unprivileged(dir: &tempfile::TempDir, args: &[&str]) -> Option<Run> {
    use std::os::unix::fs::PermissionsExt;
    if !reads_anything(dir.path()) {
        return Some(hindsight(dir.path(), args));
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = Command::new(setpriv);
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_hindsight"))
        .args(args);
    let run = run(&mut command, dir.path());
    assert!(
        !run.stderr.contains("setpriv:"),
        "setpriv failed: {}",
        run.stderr
    );
    Some(run)
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with_good_note();
    let locked = dir.path().join("locked.career.md");
    std::fs::write(&locked, GOOD).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    match hindsight_unprivileged(&dir, &["check", "."]) {
        Some(run) => {
            assert_eq!(run.code, 2);
            assert_errors(
                &run,
                &["hindsight: ./locked.career.md: cannot read: permission denied"],
            );
            assert_good_note_checked(&run, 1);
        }
        None => {
            // Root without a way to drop privileges: permissions cannot make a file unreadable
            // here. A symbolic-link loop fails to open for root too; see
            // `symlink_loop_is_an_io_error`, which runs everywhere. Make sure it is so.
            std::fs::remove_file(&locked).unwrap();
            std::os::unix::fs::symlink("locked.career.md", &locked).unwrap();
            let run = hindsight(dir.path(), &["check", "locked.career.md", "good.career.md"]);
            assert_eq!(run.code, 2);
            assert!(
                run.stderr
                    .starts_with("hindsight: locked.career.md: cannot read:")
            );
            assert_good_note_checked(&run, 1);
        }
    }
}

#[test]
fn unreadable_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with_good_note();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inside.career.md"), GOOD).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let outcome = hindsight_unprivileged(&dir, &["check", "."]);
    // Let the temporary folder be removed.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = outcome.expect("root can test unreadable folders only through setpriv");
    assert_eq!(run.code, 2);
    assert_errors(
        &run,
        &["hindsight: ./locked: cannot read: permission denied"],
    );
    assert_good_note_checked(&run, 1);
}

#[test]
fn symlink_loop_is_an_io_error() {
    let dir = folder_with_good_note();
    std::os::unix::fs::symlink("loop.career.md", dir.path().join("loop.career.md")).unwrap();
    let run = hindsight(dir.path(), &["check", "loop.career.md", "good.career.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("hindsight: loop.career.md: cannot read: "),
        "{}",
        run.stderr
    );
    assert_good_note_checked(&run, 1);
}

// ---------------------------------------------------------------------------------------------
// Paths that do not exist

#[test]
fn missing_path() {
    let dir = folder_with_good_note();
    for format in ["human", "json"] {
        let run = hindsight(
            dir.path(),
            &[
                "check",
                "--format",
                format,
                "nope.career.md",
                "good.career.md",
                "no/such/dir",
            ],
        );
        assert_eq!(run.code, 2, "{format}");
        assert_errors(
            &run,
            &[
                "hindsight: nope.career.md: no such file or directory",
                "hindsight: no/such/dir: no such file or directory",
            ],
        );
        if format == "json" {
            let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            assert_eq!(doc["summary"]["files"], 1);
            assert_eq!(doc["summary"]["errors"], 2);
            assert_eq!(doc["files"][0]["path"], "good.career.md");
        } else {
            assert_good_note_checked(&run, 1);
        }
    }
    let report = hindsight(dir.path(), &["report", "nope.career.md", "good.career.md"]);
    assert_eq!(report.code, 2);
    assert_errors(
        &report,
        &["hindsight: nope.career.md: no such file or directory"],
    );
    assert!(report.stdout.contains("### Billing migration"));
}

// ---------------------------------------------------------------------------------------------
// Broken configuration: defaults where broken, the file and line named, once

/// Two notes under a broken `.hindsight.toml`; returns the run and the config's path.
fn check_with_config(config: impl AsRef<[u8]>, args: &[&str]) -> (Run, String) {
    let dir = folder_with_good_note();
    std::fs::write(dir.path().join("other.career.md"), GOOD).unwrap();
    std::fs::write(dir.path().join(".hindsight.toml"), config).unwrap();
    let path = real(&dir).join(".hindsight.toml").display().to_string();
    (hindsight(dir.path(), args), path)
}

#[test]
fn config_syntax_error() {
    let config = "include = [\"career/**/*.md\"]\n[rules]\nmissing-result = \"warning\n";
    let (run, path) = check_with_config(config, &["check", "."]);
    assert_eq!(run.code, 2);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        errors.len(),
        1,
        "reported once for two files: {}",
        run.stderr
    );
    assert!(
        errors[0].starts_with(&format!("hindsight: {path}:3: not valid TOML: ")),
        "{}",
        errors[0]
    );
    // Defaults apply: both notes checked with default rules.
    assert_good_note_checked(&run, 2);
}

#[test]
fn config_error_spanning_lines_is_reported_on_one_line() {
    let (run, path) = check_with_config(
        "exclude = [\"drafts/**\"\ninlay_hints = true\n",
        &["check", "."],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with(&format!("hindsight: {path}:2: not valid TOML: ")),
        "{}",
        run.stderr
    );
    assert_good_note_checked(&run, 2);
}

#[test]
fn config_unknown_keys() {
    let config = "inlay_hints = true\ncolour = \"auto\"\n[rules]\nmissing-result = \"off\"\nmissing-resutl = \"off\"\n";
    let (run, path) = check_with_config(config, &["check", "."]);
    assert_eq!(run.code, 2);
    assert_errors(
        &run,
        &[
            &format!(
                "hindsight: {path}:2: unknown key `colour` (known: include, exclude, experience_level, inlay_hints, rules, labels, cues, prompts, questions)"
            ),
            &format!(
                "hindsight: {path}:5: unknown rule `missing-resutl` (known: missing-result, missing-lesson, missing-action, missing-hindsight, missing-counterfactual, vague-result, we-not-i, duplicate-experience, missing-self-assessment, no-failure-story)"
            ),
        ],
    );
    // The valid keys still apply.
    assert!(!run.stdout.contains("missing-result"), "{}", run.stdout);
    assert!(run.stdout.contains("warning[missing-lesson]"));
}

#[test]
fn config_bad_values() {
    let config = "experience_level = 9\n[rules]\nmissing-result = \"loud\"\nmissing-lesson = \"hint\"\n[labels]\nresult = 3\n";
    let (run, path) = check_with_config(config, &["check", "good.career.md"]);
    assert_eq!(run.code, 2);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    let lines: Vec<&str> = errors
        .iter()
        .map(|e| {
            e.strip_prefix(&format!("hindsight: {path}:"))
                .unwrap_or_else(|| panic!("names the file: {e}"))
                .split(':')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, ["1", "3", "6"], "in file order: {}", run.stderr);
    assert!(errors[1].ends_with(
        "`missing-result` must be one of error, warning, information, hint, off; not \"loud\""
    ));
    // The broken severity falls back to its default (warning); the good one applies.
    assert!(
        run.stdout.contains("warning[missing-result]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("hint[missing-lesson]"),
        "{}",
        run.stdout
    );
}

#[test]
fn config_errors_in_report_too() {
    let (run, path) = check_with_config("[rules\n", &["report", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(&format!("hindsight: {path}:1: ")));
    assert_eq!(run.stdout.matches("### Billing migration").count(), 2);
}

#[test]
fn config_that_is_not_text() {
    let (run, path) = check_with_config(b"[rules]\nmissing-result = \"\xff\"\n", &["check", "."]);
    assert_eq!(run.code, 2);
    assert_errors(&run, &[&format!("hindsight: {path}: not UTF-8 text")]);
    assert_good_note_checked(&run, 2);
}

/// A 2 GB configuration (sparse: it costs no disk) is refused by its size, without reading it:
/// the run is held to 1 GB of address space, so reading it whole would abort.
#[cfg(target_os = "linux")]
#[test]
fn config_over_one_megabyte() {
    let dir = folder_with_good_note();
    std::fs::write(dir.path().join("other.career.md"), GOOD).unwrap();
    let config = std::fs::File::create(dir.path().join(".hindsight.toml")).unwrap();
    config.set_len(2 * 1024 * 1024 * 1024).unwrap();
    let path = real(&dir).join(".hindsight.toml").display().to_string();
    let run = run(
        Command::new("prlimit")
            .arg(format!("--as={}", 1024 * 1024 * 1024))
            .args([env!("CARGO_BIN_EXE_hindsight"), "check", "."]),
        dir.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_errors(
        &run,
        &[&format!("hindsight: {path}: larger than 1 MB, ignored")],
    );
    // Defaults apply to both notes.
    assert_good_note_checked(&run, 2);
}

// ---------------------------------------------------------------------------------------------
// --fix never touches what it could not read

#[test]
fn fix_skips_unparsable_files() {
    let dir = folder_with_good_note();
    let binary: &[u8] = b"## Story\n\nAction: I did.\n\x00";
    let latin1: &[u8] = b"## Caf\xe9\n\nAction: I did.\n";
    std::fs::write(dir.path().join("bin.career.md"), binary).unwrap();
    std::fs::write(dir.path().join("latin1.career.md"), latin1).unwrap();
    let run = hindsight(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("bin.career.md")).unwrap(),
        binary
    );
    assert_eq!(
        std::fs::read(dir.path().join("latin1.career.md")).unwrap(),
        latin1
    );
    let good = std::fs::read_to_string(dir.path().join("good.career.md")).unwrap();
    assert!(good.starts_with(GOOD) && good.len() > GOOD.len(), "{good}");
    assert!(
        run.stdout.contains("; inserted ") && run.stdout.contains(" in 1 file"),
        "{}",
        run.stdout
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn empty_and_bom_only_files_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.career.md"), "").unwrap();
    std::fs::write(dir.path().join("bom.career.md"), "\u{feff}").unwrap();
    std::fs::write(dir.path().join("blank.career.md"), "\r\n\n  \n").unwrap();
    let run = hindsight(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "3 files checked, 0 experiences, 0 findings; no prompt to insert\n"
    );
}

/// Issue 8, defect 4: lone CR line ends (old Mac files) end lines for the reader too. Such a note
/// had no experience at all (one huge line, read in quadratic time); now its experiences are
/// found on the right lines, quickly, and `--fix` does not write into it (an insertion would
/// mix two kinds of line end).
#[test]
fn lone_cr_line_ends() {
    let dir = folder_with_good_note();
    let text = "## Export job\r\rI rebuilt the export. As a result, close now takes two days.\r\r## Night rota\r\rAction: I rebuilt the rota.\rResult: handovers take 10 minutes.\r";
    let path = dir.path().join("mac.career.md");
    std::fs::write(&path, text).unwrap();
    let run = hindsight(dir.path(), &["check", "mac.career.md"]);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains("missing-lesson"))
            .collect::<Vec<_>>(),
        [
            "mac.career.md:1:4: warning[missing-lesson] \"Export job\" states no lesson: what did it teach you?",
            "mac.career.md:5:4: warning[missing-lesson] \"Night rota\" states no lesson: what did it teach you?",
        ],
        "{}",
        run.stdout
    );
    // A large CR-only note: every experience found (it was one line before).
    std::fs::write(&path, text.repeat(20_000)).unwrap();
    let big = hindsight(dir.path(), &["check", "mac.career.md"]);
    assert!(
        big.stdout.contains("40000 experiences"),
        "{}",
        big.stdout.lines().last().unwrap_or("")
    );
    // Not written into.
    std::fs::write(&path, text).unwrap();
    let fixed = hindsight(dir.path(), &["check", "--fix", "mac.career.md"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "{}",
        fixed.stdout
    );
}
