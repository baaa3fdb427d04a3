//! `hindsight report` (Markdown, JSON, HTML) with its story bank, and `hindsight practice`
//! driven through a pseudo-terminal, through the real binary.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `hindsight ARGS` in the crate's folder: (exit code, stdout, stderr).
fn hindsight(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run hindsight");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn report_of_the_examples_in_markdown() {
    let (code, stdout, stderr) = hindsight(&["report", "examples"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("## Interview questions your stories answer"));
    insta::assert_snapshot!("report_examples_markdown", stdout);
}

#[test]
fn report_of_the_examples_in_json_carries_the_story_bank() {
    let (code, stdout, stderr) = hindsight(&["report", "--format", "json", "examples"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("JSON");
    let coverage = &doc["coverage"];
    let questions = coverage["questions"].as_array().expect("questions");
    assert!(questions.len() >= 12);
    assert_eq!(coverage["total"].as_u64(), Some(questions.len() as u64));
    let covered = questions
        .iter()
        .filter(|q| !q["stories"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(coverage["covered"].as_u64(), Some(covered as u64));
    // The field technician's rolled-back update answers "a time you failed".
    let failed = &questions[0];
    assert_eq!(failed["question"], "Tell me about a time you failed.");
    assert!(
        failed["stories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["title"] == "The firmware update I pushed too early (2023)"),
        "{failed}"
    );
    insta::assert_snapshot!("report_examples_json", stdout);
}

#[test]
fn report_of_the_examples_in_html_is_one_self_contained_page() {
    let (code, stdout, stderr) = hindsight(&["report", "--format", "html", "examples"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("<!doctype html>"));
    for outside in ["<script", "<link", "src=\"http", "url(", "@import"] {
        assert!(!stdout.contains(outside), "the page loads {outside}");
    }
    let (_, json, _) = hindsight(&["report", "--format", "json", "examples"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let experiences: usize = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["experiences"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        stdout.matches("<article class=\"card\">").count(),
        experiences
    );
    assert!(stdout.contains("<table class=\"matrix\">"));
    insta::assert_snapshot!("report_examples_html", stdout);
}

#[test]
fn questions_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".hindsight.toml"),
        "[questions]\n\"Tell me about a time you failed.\" = []\n\"Tell me about a stormy night on the ridge.\" = [\"failure\"]\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("examples/field-technician.career.md"),
        dir.path().join("field-technician.career.md"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(["report", "--format", "json", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let questions: Vec<&str> = doc["coverage"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["question"].as_str().unwrap())
        .collect();
    assert!(!questions.contains(&"Tell me about a time you failed."));
    assert_eq!(
        questions.last(),
        Some(&"Tell me about a stormy night on the ridge.")
    );
}

/// Runs `tests/support/pty_drive.py` with `steps` (text to wait for, keys to type) on
/// `hindsight ARGS`: (exit code, the screen).
fn through_a_terminal(steps: &[&str], args: &[&str]) -> (i32, String) {
    let python = Command::new("python3").arg("--version").output();
    assert!(
        python.is_ok_and(|o| o.status.success()),
        "python3 is needed to drive the terminal (scripts/test installs it)"
    );
    let mut command = Command::new("python3");
    command
        .arg(root().join("tests/support/pty_drive.py"))
        .arg("20")
        .args(steps)
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_hindsight"))
        .args(args)
        .current_dir(root());
    let out = command.output().expect("run the pty driver");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
    )
}

#[test]
fn practice_asks_a_covered_and_an_uncovered_question() {
    let (code, screen) = through_a_terminal(
        &[
            "Question 1 of 2",
            "",
            "press Enter to see your story",
            "\\r",
            "Question 2 of 2",
            "",
            "No story in your notes answers this yet",
            "\\r",
        ],
        &["practice", "examples/field-technician.career.md"],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Situation"), "{screen}");
    assert!(screen.contains("Lesson"), "{screen}");
    assert!(screen.contains("Write it down"), "{screen}");
    assert!(
        screen.contains("Questions still without a story:"),
        "{screen}"
    );
}

#[test]
fn practice_one_question_shows_its_story() {
    let (code, screen) = through_a_terminal(
        &["press Enter to see your story", "\\r"],
        &[
            "practice",
            "--question",
            "failed",
            "examples/field-technician.career.md",
        ],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Question 1 of 1: Tell me about a time you failed."));
    assert!(
        screen.contains("The firmware update I pushed too early (2023)"),
        "{screen}"
    );
    assert!(screen.contains("In hindsight"), "{screen}");
}

#[test]
fn practice_stops_on_q() {
    let (code, screen) = through_a_terminal(
        &["press Enter to see your story", "q\\r"],
        &["practice", "--question", "1", "examples"],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains("Situation"), "{screen}");
}

#[test]
fn practice_names_an_unknown_question() {
    let (code, _, stderr) = hindsight(&["practice", "--question", "zebra", "examples"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no question matches \"zebra\""), "{stderr}");
}

#[test]
fn report_of_the_corpus_in_html() {
    let (code, stdout, stderr) =
        hindsight(&["report", "--format", "html", "tests/fixtures/corpus"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("<table class=\"matrix\">"));
    insta::assert_snapshot!("report_corpus_html", stdout);
}
