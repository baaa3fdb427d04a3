//! Writing fixed notes without ever leaving a half-written or clobbered file.

use std::io::Write;
use std::path::Path;

/// Replaces `path` with `new` atomically: a temporary file in the same folder, flushed to
/// disk, given the original's permissions, then renamed over it. Refuses when the file on
/// disk is no longer `original` (the writer changed it meanwhile). On any failure the
/// original is left untouched and the temporary file removed.
pub fn replace_atomically(path: &Path, original: &[u8], new: &str) -> Result<(), String> {
    let current = std::fs::read(path).map_err(|e| format!("not written: cannot re-read: {e}"))?;
    if current != original {
        return Err("not written: the file changed on disk after it was read".to_string());
    }
    let permissions = std::fs::metadata(path)
        .map_err(|e| format!("not written: {e}"))?
        .permissions();
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("notes");
    let temp = folder.join(format!(".{name}.hindsight-{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(new.as_bytes())?;
        file.sync_all()?;
        std::fs::set_permissions(&temp, permissions)?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("not written: {e}")
    })
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
