//! Writing fixed notes without ever leaving a half-written or clobbered file.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Which file a path names and when it last changed: equal stamps mean (nearly always) the
/// same content; the content itself is compared too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// The folders whose stale temporary files this run has removed already (once per folder).
#[derive(Default)]
pub struct StaleTemporaries {
    cleared: std::collections::HashSet<PathBuf>,
}

impl StaleTemporaries {
    /// Removes, once per run, the temporary files of killed runs in `folder`: named like ours,
    /// `.NAME.hindsight-PID.tmp`, whose process is gone (or is this one: ours are always
    /// removed or renamed before the next file is written, so one with our id is older). Each
    /// removal is said on stderr. Nothing is removed where running processes cannot be told.
    fn clear(&mut self, folder: &Path) {
        let key = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        if !self.cleared.insert(key) || !Path::new("/proc/self").exists() {
            return;
        }
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        let own = std::process::id();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(temporary_file_pid) else {
                continue;
            };
            let gone = pid == own || !Path::new("/proc").join(pid.to_string()).exists();
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            let path = folder.join(&name);
            if gone && regular && std::fs::remove_file(&path).is_ok() {
                eprintln!("hindsight: removed stale temporary file {}", path.display());
            }
        }
    }
}

/// The process id in a temporary file name of ours, `.NAME.hindsight-PID.tmp`.
fn temporary_file_pid(name: &str) -> Option<u32> {
    let (base, pid) = name
        .strip_prefix('.')?
        .strip_suffix(".tmp")?
        .rsplit_once(".hindsight-")?;
    if base.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Why a fixed file was not written, in words for the user.
#[derive(Debug)]
pub enum NotWritten {
    /// The file changed after it was read (another program is editing it): read it again.
    Changed(String),
    /// Anything else: the file cannot or must not be replaced.
    Refused(String),
}

/// Replaces `path` with `new` atomically: a temporary file in the same folder, flushed to
/// disk, given the original's owner, group and permissions, then renamed over it. A symbolic
/// link is written through: its target is replaced (the temporary file is made in the
/// target's folder) and the link stays a link. Refuses a file with other hard links (they
/// would keep the old text), a read-only file, and a file whose owner or group it cannot give
/// the new file (another user's file, unless run by root). `NotWritten::Changed` when the file
/// on disk is no longer `original` as read at `stamp` — checked again right before the rename,
/// so that another program's edit is not lost. On any failure the original is left untouched
/// and the temporary file removed. Stale temporary files of killed runs in the folder are
/// removed first (see [`StaleTemporaries`]).
pub fn replace_atomically(
    path: &Path,
    original: &[u8],
    stamp: &Stamp,
    new: &str,
    stale: &mut StaleTemporaries,
) -> Result<(), NotWritten> {
    let refused = NotWritten::Refused;
    let target = resolve(path).map_err(refused)?;
    let shown = target.display();
    let changed = || {
        NotWritten::Changed(format!(
            "not written: {shown} changed while it was being fixed"
        ))
    };
    let meta = std::fs::metadata(&target).map_err(|e| refused(format!("not written: {e}")))?;
    if meta.nlink() > 1 {
        return Err(refused(format!(
            "not written: {shown} has {} hard links; fixing it would split them — fix the file in place by hand or remove the other links",
            meta.nlink()
        )));
    }
    if meta.permissions().mode() & 0o200 == 0 {
        return Err(refused(format!("not written: {shown} is read-only")));
    }
    if !unchanged(&target, original, stamp)? {
        return Err(changed());
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notes");
    stale.clear(folder);
    let temp = folder.join(format!(".{name}.hindsight-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), NotWritten> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            // Readable by us alone until it has the original's owner and permissions.
            .mode(0o600)
            .open(&temp)
            .map_err(|e| refused(format!("not written: {e}")))?;
        // Before the permissions: changing the owner may clear set-id bits.
        std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
            refused(format!(
                "not written: cannot keep owner {}:{} of {shown} ({e})",
                meta.uid(),
                meta.gid()
            ))
        })?;
        (|| {
            file.write_all(new.as_bytes())?;
            file.sync_all()?;
            file.set_permissions(meta.permissions())
        })()
        .map_err(|e| refused(format!("not written: {e}")))?;
        test_edit_before_rename(&target);
        // The narrowest window we can make: an edit after this check and before the rename
        // would still be lost.
        if !unchanged(&target, original, stamp)? {
            return Err(changed());
        }
        std::fs::rename(&temp, &target).map_err(|e| refused(format!("not written: {e}")))
    })();
    result.inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Whether `target` still holds `original`, with the stamp it had when it was read.
fn unchanged(target: &Path, original: &[u8], stamp: &Stamp) -> Result<bool, NotWritten> {
    let reread =
        |e: std::io::Error| NotWritten::Refused(format!("not written: cannot re-read: {e}"));
    let current = std::fs::read(target).map_err(reread)?;
    let now = Stamp::of(&std::fs::metadata(target).map_err(reread)?);
    Ok(now == *stamp && current == original)
}

/// Test-only: `HINDSIGHT_TEST_BEFORE_RENAME=N:TEXT` appends TEXT to the file being fixed right
/// before each of the process's first N renames, as another program editing it would, so that
/// tests need no timing. Absent from release builds.
fn test_edit_before_rename(target: &Path) {
    #[cfg(debug_assertions)]
    if let Ok(value) = std::env::var("HINDSIGHT_TEST_BEFORE_RENAME")
        && let Some((times, text)) = value.split_once(':')
        && let Ok(times) = times.parse::<usize>()
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static DONE: AtomicUsize = AtomicUsize::new(0);
        if DONE.fetch_add(1, Ordering::Relaxed) < times
            && let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(target)
        {
            let _ = file.write_all(text.as_bytes());
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = target;
}

/// The file to replace: `path` itself, or for a symbolic link the file it finally points to.
fn resolve(path: &Path) -> Result<PathBuf, String> {
    let link = std::fs::symlink_metadata(path)
        .map_err(|e| format!("not written: {e}"))?
        .file_type()
        .is_symlink();
    if !link {
        return Ok(path.to_path_buf());
    }
    std::fs::canonicalize(path).map_err(|e| format!("not written: cannot follow the link: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(path: &Path) -> Stamp {
        Stamp::of(&std::fs::metadata(path).unwrap())
    }

    #[test]
    fn replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.career.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_atomically(
            &path,
            b"old",
            &stamp(&path),
            "new",
            &mut StaleTemporaries::default(),
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn refuses_when_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.career.md");
        std::fs::write(&path, "old").unwrap();
        let read = stamp(&path);
        std::fs::write(&path, "edited meanwhile").unwrap();
        let err = replace_atomically(
            &path,
            b"old",
            &read,
            "new",
            &mut StaleTemporaries::default(),
        )
        .unwrap_err();
        assert!(
            matches!(&err, NotWritten::Changed(m) if m.ends_with("changed while it was being fixed")),
            "{err:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }

    /// Same bytes, but written again since it was read (another program's save): not
    /// replaced, the other program may be about to write more.
    #[test]
    fn refuses_when_touched_with_the_same_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.career.md");
        std::fs::write(&path, "old").unwrap();
        let read = stamp(&path);
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1))
            .unwrap();
        let err = replace_atomically(
            &path,
            b"old",
            &read,
            "new",
            &mut StaleTemporaries::default(),
        )
        .unwrap_err();
        assert!(matches!(err, NotWritten::Changed(_)), "{err:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn temporary_file_names() {
        assert_eq!(
            temporary_file_pid(".a.career.md.hindsight-123.tmp"),
            Some(123)
        );
        assert_eq!(
            temporary_file_pid(".a.hindsight-1.hindsight-7.tmp"),
            Some(7)
        );
        for other in [
            "a.career.md.hindsight-123.tmp",
            ".a.career.md.hindsight-.tmp",
            ".a.career.md.hindsight-12x.tmp",
            ".a.career.md.hindsight--1.tmp",
            ".hindsight-123.tmp",
            ".a.career.md.hindsight-123.tmp~",
            ".a.career.md.hindsight-99999999999.tmp",
        ] {
            assert_eq!(temporary_file_pid(other), None, "{other}");
        }
    }
}
