//! `check --fix` never loses the writer's text: it keeps the file's permissions, and when it
//! cannot write (a read-only folder) it leaves the original untouched and no temporary file.
//! It writes through a symbolic link, and refuses what it cannot replace faithfully: a file
//! with other hard links, a read-only file, a file whose owner it cannot keep.
//! Temporary files left by a killed run are removed by the next one that writes there.
//! A file edited by someone else while it is being fixed is read and fixed again, once, and
//! then refused: the other program's edit is never lost. (The edit is made by a debug-build
//! hook, `HINDSIGHT_TEST_BEFORE_RENAME`, right before the rename: no timing involved.)

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const NOTE: &str = "## Billing migration\n\n### Action\n\nI moved the nightly jobs.\n";

fn hindsight(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn fix_keeps_the_file_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = hindsight(&["check", "--fix", "notes.career.md"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read_to_string(&note).unwrap();
    assert!(
        fixed.starts_with("## Billing migration") && fixed.contains("### Result"),
        "{fixed}"
    );
    let mode = std::fs::metadata(&note).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

/// Runs as `nobody` through `setpriv` when this process is root (root writes anywhere).
#[test]
fn fix_in_a_read_only_folder_leaves_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let note = folder.join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    // The file itself is writable by anyone; only the folder refuses new files.
    std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();

    let root = running_as_root();
    let out = if root {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let setpriv =
            setpriv.expect("running as root needs setpriv (util-linux) to drop privileges");
        Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_hindsight"))
            .args(["check", "--fix"])
            .arg(&note)
            .output()
            .unwrap()
    } else {
        hindsight(&["check", "--fix", note.to_str().unwrap()], dir.path())
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not written"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&note).unwrap(),
        NOTE,
        "the original is untouched"
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        1,
        "no temporary file left"
    );
}

fn running_as_root() -> bool {
    // The effective user id, read from /proc to avoid a libc dependency.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

/// The names in `dir` that look like temporary files.
fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A symbolic link named on the command line stays a link; the file it points to is fixed,
/// through a temporary file in the target's folder.
#[test]
fn fix_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/notes.career.md");
    std::fs::write(&target, NOTE).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.career.md");
    std::os::unix::fs::symlink("real/notes.career.md", &link).unwrap();
    let out = hindsight(&["check", "--fix", "link.career.md"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("real/notes.career.md")
    );
    let fixed = std::fs::read_to_string(&target).unwrap();
    assert!(
        fixed.starts_with(NOTE) && fixed.contains("### Result"),
        "{fixed}"
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(temporary_files(dir.path()).is_empty());
    assert!(temporary_files(&dir.path().join("real")).is_empty());
}

/// Replacing a file with other hard links would split them (the other names would keep the
/// old text): refused, both names untouched.
#[test]
fn fix_refuses_a_file_with_other_hard_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    std::fs::hard_link(&note, dir.path().join("other.md")).unwrap();
    let out = hindsight(&["check", "--fix", "notes.career.md"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out),
        "hindsight: notes.career.md: not written: notes.career.md has 2 hard links; fixing it would split them — fix the file in place by hand or remove the other links\n"
    );
    assert_eq!(std::fs::read_to_string(&note).unwrap(), NOTE);
    assert_eq!(std::fs::metadata(&note).unwrap().nlink(), 2, "still linked");
    assert!(temporary_files(dir.path()).is_empty());
}

/// A read-only file is not replaced, even though its folder would allow it (and even by root).
#[test]
fn fix_refuses_a_read_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = hindsight(&["check", "--fix", "notes.career.md"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out),
        "hindsight: notes.career.md: not written: notes.career.md is read-only\n"
    );
    assert_eq!(std::fs::read_to_string(&note).unwrap(), NOTE);
    let mode = std::fs::metadata(&note).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    assert!(temporary_files(dir.path()).is_empty());
}

/// Tests that need root (to own files as other users) skip loudly without it — except under
/// CI, which runs them as root: there a missing root is a failure, not a skip.
fn root_or_skip(test: &str) -> bool {
    if running_as_root() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test} needs root, and CI runs the tests as root"
    );
    eprintln!(
        "SKIPPED {test}: needs root to make files owned by other users; run as root to run it"
    );
    false
}

fn setpriv() -> &'static str {
    ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("running as root needs setpriv (util-linux) to drop privileges")
}

/// The fixed file keeps its owner and group (root fixing someone else's notes).
#[test]
fn fix_keeps_the_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    if !root_or_skip("fix_keeps_the_owner_and_group") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    std::os::unix::fs::chown(&note, Some(1234), Some(5678)).unwrap();
    let out = hindsight(&["check", "--fix", "notes.career.md"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let fixed = std::fs::read_to_string(&note).unwrap();
    assert!(fixed.contains("### Result"), "{fixed}");
    let meta = std::fs::metadata(&note).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (1234, 5678));
}

/// Another user (`nobody`) fixing a file it may write to but does not own, in a folder open to
/// all, would replace the owner's file with its own: refused, the file untouched.
#[test]
fn fix_refuses_a_file_whose_owner_it_cannot_keep() {
    use std::os::unix::fs::MetadataExt;
    if !root_or_skip("fix_refuses_a_file_whose_owner_it_cannot_keep") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    let note = shared.join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::os::unix::fs::chown(&note, Some(1234), Some(5678)).unwrap();
    let out = Command::new(setpriv())
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_hindsight"))
        .args(["check", "--fix", "notes.career.md"])
        .current_dir(&shared)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "hindsight: notes.career.md: not written: cannot keep owner 1234:5678 of notes.career.md ("
        ) && stderr.ends_with(")\n")
            && stderr.lines().count() == 1,
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&note).unwrap(), NOTE);
    let meta = std::fs::metadata(&note).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (1234, 5678));
    assert!(temporary_files(&shared).is_empty());
}

const MEANWHILE: &str = "\n## Second story\n\n### Action\n\nI wrote this meanwhile.\n";

/// `check --fix notes.career.md` in `dir`, the hook appending `MEANWHILE` to the file right
/// before each of the first `times` renames.
fn fix_while_editing(dir: &Path, times: usize) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(["check", "--fix", "notes.career.md"])
        .env(
            "HINDSIGHT_TEST_BEFORE_RENAME",
            format!("{times}:{MEANWHILE}"),
        )
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn fix_reads_again_when_the_file_changes_before_the_rename() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    let out = fix_while_editing(dir.path(), 1);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(stderr_of(&out), "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("; inserted ") && stdout.contains(" in 1 file"),
        "{stdout}"
    );
    let fixed = std::fs::read_to_string(&note).unwrap();
    assert!(
        fixed.contains("I wrote this meanwhile."),
        "the edit is kept: {fixed}"
    );
    assert_eq!(
        fixed.matches("### Result").count(),
        2,
        "both stories fixed: {fixed}"
    );
    assert!(temporary_files(dir.path()).is_empty());
}

#[test]
fn fix_refuses_a_file_that_keeps_changing() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    let out = fix_while_editing(dir.path(), 2);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out),
        "hindsight: notes.career.md: not written: notes.career.md changed while it was being fixed\n"
    );
    assert_eq!(
        std::fs::read_to_string(&note).unwrap(),
        format!("{NOTE}{MEANWHILE}{MEANWHILE}"),
        "both edits kept, nothing else written"
    );
    assert!(temporary_files(dir.path()).is_empty());
}

/// A process id that is not running: a child that has exited and been waited for.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    assert!(!Path::new(&format!("/proc/{pid}")).exists());
    pid
}

/// `kill -9` during `--fix` leaves `.NAME.hindsight-PID.tmp`; the next run writing to that
/// folder removes those of processes that are gone, and says so. Others stay: a running
/// process's (it may be writing it now), and names that only look alike.
#[cfg(target_os = "linux")]
#[test]
fn fix_removes_stale_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("notes.career.md");
    std::fs::write(&note, NOTE).unwrap();
    let dead = dead_pid();
    let stale = [
        format!(".notes.career.md.hindsight-{dead}.tmp"),
        format!(".gone.career.md.hindsight-{dead}.tmp"),
    ];
    let kept = [
        format!(".notes.career.md.hindsight-{}.tmp", std::process::id()),
        format!(".notes.career.md.hindsight-{dead}x.tmp"),
        format!("notes.career.md.hindsight-{dead}.tmp"),
        ".notes.career.md.swp".to_string(),
    ];
    for name in stale.iter().chain(&kept) {
        std::fs::write(dir.path().join(name), "half-written").unwrap();
    }
    let out = hindsight(&["check", "--fix", "notes.career.md"], dir.path());
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let mut expected: Vec<String> = stale
        .iter()
        .map(|n| format!("hindsight: removed stale temporary file ./{n}"))
        .collect();
    expected.sort();
    let mut lines: Vec<&str> = stderr.lines().collect();
    lines.sort();
    assert_eq!(lines, expected, "{stderr}");
    for name in &stale {
        assert!(!dir.path().join(name).exists(), "{name} removed");
    }
    for name in &kept {
        assert!(dir.path().join(name).exists(), "{name} kept");
    }
    assert!(
        std::fs::read_to_string(&note)
            .unwrap()
            .contains("### Result")
    );
}
