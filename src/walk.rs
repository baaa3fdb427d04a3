//! The folder walk that `hindsight check` and the server's workspace index share: symlinks
//! are not followed, hidden files and folders are skipped, and `.gitignore` files are honoured
//! whether or not the folder is a git repository (a notes folder often is not).

use std::path::Path;

/// How far a walk may go; `None` is no bound.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    pub max_depth: Option<usize>,
    /// Larger files are passed over without being opened.
    pub max_file_bytes: Option<u64>,
}

/// The regular files under `root`, in the walker's order; an unreadable entry is an error
/// the caller reports or skips.
pub fn files(
    root: &Path,
    bounds: Bounds,
) -> impl Iterator<Item = Result<ignore::DirEntry, ignore::Error>> {
    ignore::WalkBuilder::new(root)
        .follow_links(false)
        .hidden(true)
        .require_git(false)
        .max_depth(bounds.max_depth)
        .max_filesize(bounds.max_file_bytes)
        .build()
        .filter(|entry| {
            entry
                .as_ref()
                .map_or(true, |e| e.file_type().is_some_and(|t| t.is_file()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_ignored_and_deep_files_are_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        for file in [
            "top.md",
            "a/one.md",
            "a/b/two.md",
            ".hidden/x.md",
            "skipped.md",
        ] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "skipped.md\n").unwrap();
        let names = |bounds| {
            let mut found: Vec<String> = files(root, bounds)
                .flatten()
                .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
                .collect();
            found.sort();
            found
        };
        assert_eq!(
            names(Bounds::default()),
            ["a/b/two.md", "a/one.md", "top.md"]
        );
        let shallow = Bounds {
            max_depth: Some(2),
            max_file_bytes: None,
        };
        assert_eq!(names(shallow), ["a/one.md", "top.md"]);
    }
}
