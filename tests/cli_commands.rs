//! `hindsight init`, `completions` and `man` through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn hindsight(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run hindsight")
}

#[test]
fn init_writes_a_config_and_notes_that_check_reads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let first = hindsight(dir.path(), &["init"]);
    assert!(first.status.success(), "{first:?}");
    let config = std::fs::read_to_string(dir.path().join(".hindsight.toml")).unwrap();
    assert!(config.contains("[rules]"));
    let notes = std::fs::read_to_string(dir.path().join("career.career.md")).unwrap();

    // The config is read without a complaint; the notes hold one experience, all prompts.
    let check = hindsight(dir.path(), &["check"]);
    let stdout = String::from_utf8(check.stdout).unwrap();
    assert_eq!(String::from_utf8(check.stderr).unwrap(), "");
    assert!(
        stdout.ends_with("1 file checked, 2 experiences, 3 findings (2 warnings, 1 information)\n"),
        "{stdout}"
    );

    // Run again after the writer changed the notes: nothing is overwritten.
    std::fs::write(dir.path().join("career.career.md"), "# Mine\n").unwrap();
    let second = hindsight(dir.path(), &["init"]);
    assert!(second.status.success());
    let said = String::from_utf8(second.stdout).unwrap();
    assert!(said.contains("kept") && !said.contains("created"), "{said}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("career.career.md")).unwrap(),
        "# Mine\n"
    );
    assert_ne!(notes, "# Mine\n");
}

#[cfg(unix)]
#[test]
fn init_does_not_write_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "keep me").unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir(&folder).unwrap();
    std::os::unix::fs::symlink(&elsewhere, folder.join(".hindsight.toml")).unwrap();
    let run = hindsight(dir.path(), &["init", "notes"]);
    assert!(run.status.success(), "{run:?}");
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep me");
    assert!(folder.join("career.career.md").exists());
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let run = hindsight(dir.path(), &["completions", shell]);
        assert!(run.status.success(), "{shell}");
        let script = String::from_utf8(run.stdout).unwrap();
        assert!(
            script.contains("hindsight") && script.contains("check"),
            "{shell}"
        );
    }
    let man = hindsight(dir.path(), &["man"]);
    assert!(man.status.success());
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(page.contains(".TH hindsight 1"), "{page}");
    assert!(page.contains("check"));
    let unknown = hindsight(dir.path(), &["completions", "cmd.exe"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn init_adds_no_starter_notes_beside_notes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brag.md"), "# Brag\n").unwrap();
    let run = hindsight(dir.path(), &["init"]);
    assert!(run.status.success());
    assert!(dir.path().join(".hindsight.toml").exists());
    assert!(!dir.path().join("career.career.md").exists());
    assert!(
        String::from_utf8(run.stdout)
            .unwrap()
            .contains("no starter notes")
    );
}
