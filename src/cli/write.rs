//! Writing fixed notes without ever leaving a half-written or clobbered file.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Replaces `path` with `new` atomically: a temporary file in the same folder, flushed to
/// disk, given the original's owner, group and permissions, then renamed over it. A symbolic link is written
/// through: its target is replaced (the temporary file is made in the target's folder) and
/// the link stays a link. Refuses a file with other hard links (they would keep the old text)
/// and a read-only file, a file whose owner or group it cannot give the new file (another
/// user's file, unless run by root), and refuses when the file on disk is no longer `original` (the
/// writer changed it meanwhile). On any failure the original is left untouched and the
/// temporary file removed.
pub fn replace_atomically(path: &Path, original: &[u8], new: &str) -> Result<(), String> {
    let target = resolve(path)?;
    let shown = target.display();
    let meta = std::fs::metadata(&target).map_err(|e| format!("not written: {e}"))?;
    if meta.nlink() > 1 {
        return Err(format!(
            "not written: {shown} has {} hard links; fixing it would split them — fix the file in place by hand or remove the other links",
            meta.nlink()
        ));
    }
    if meta.permissions().mode() & 0o200 == 0 {
        return Err(format!("not written: {shown} is read-only"));
    }
    let current =
        std::fs::read(&target).map_err(|e| format!("not written: cannot re-read: {e}"))?;
    if current != original {
        return Err("not written: the file changed on disk after it was read".to_string());
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notes");
    let temp = folder.join(format!(".{name}.hindsight-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), String> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            // Readable by us alone until it has the original's owner and permissions.
            .mode(0o600)
            .open(&temp)
            .map_err(|e| format!("not written: {e}"))?;
        // Before the permissions: changing the owner may clear set-id bits.
        std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
            format!(
                "not written: cannot keep owner {}:{} of {shown} ({e})",
                meta.uid(),
                meta.gid()
            )
        })?;
        let written = (|| {
            file.write_all(new.as_bytes())?;
            file.sync_all()?;
            file.set_permissions(meta.permissions())?;
            std::fs::rename(&temp, &target)
        })();
        written.map_err(|e| format!("not written: {e}"))
    })();
    result.inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
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

    #[test]
    fn replaces_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.career.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_atomically(&path, b"old", "new").unwrap();
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
        std::fs::write(&path, "edited meanwhile").unwrap();
        let err = replace_atomically(&path, b"old", "new").unwrap_err();
        assert!(err.contains("changed on disk"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }
}
