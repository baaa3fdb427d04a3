//! Which files are career notes (SPEC §1): one decision, used by the CLI, the server and,
//! through the server, both editor plugins (which attach to every Markdown buffer).

use std::path::Path;

/// File-name patterns people give career notes (`*` is any run of characters), compared with
/// the lower-cased file name.
const NAME_PATTERNS: &[&str] = &[
    "*.career.md",
    "brag*.md",
    "*brag-doc*",
    "*brag_doc*",
    "hype-doc*.md",
    "*accomplishments*.md",
    "*interview-stories*.md",
    "*interview_stories*.md",
    "star-stories*.md",
    "*behavioral*.md",
    "*behavioural*.md",
];

/// Folder names (lower-cased prefixes) whose Markdown files are career notes.
const FOLDER_PREFIXES: &[&str] = &["brag", "career"];

/// The decision above in words, for `hindsight check --help` (a unit test keeps it in step
/// with the patterns).
pub const IN_WORDS: &str = "In a folder, only career notes are read: names like *.career.md, \
brag*.md, *brag-doc*, *brag_doc*, hype-doc*.md, *accomplishments*.md, *interview-stories*.md, \
*interview_stories*.md, star-stories*.md, *behavioral*.md, *behavioural*.md; Markdown in a \
folder whose name starts with brag or career; files with `hindsight: true` front matter; and \
the `include` globs of .hindsight.toml. A file named on the command line is always checked.";

/// Whether `path` (relative to the workspace root, or as named) is career notes by its name
/// or by a folder it is in.
pub fn named_like_career_notes(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_lowercase();
    if NAME_PATTERNS.iter().any(|p| glob_match(p, &name)) {
        return true;
    }
    is_markdown(&name)
        && path
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .filter_map(|c| c.as_os_str().to_str())
            .any(|folder| {
                let folder = folder.to_lowercase();
                FOLDER_PREFIXES.iter().any(|p| folder.starts_with(p))
            })
}

/// Whether a file is career notes by its path or its front matter. Configured `include`
/// globs are checked by the caller, which knows the workspace root.
pub fn is_career_notes(path: &Path, text: &str) -> bool {
    named_like_career_notes(path) || crate::frontmatter::read(text).marks_career_notes
}

pub fn is_markdown(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// `*`-only glob matching.
fn glob_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else {
        return text.is_empty();
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = parts.collect();
    for (i, piece) in pieces.iter().enumerate() {
        if i == pieces.len() - 1 {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_people_use() {
        for path in [
            "notes.career.md",
            "brag.md",
            "brag-2024.md",
            "my-brag-document.md",
            "hype-doc.md",
            "accomplishments.md",
            "2023-accomplishments.md",
            "interview-stories.md",
            "star-stories.md",
            "behavioral.md",
            "Behavioural-Questions.md",
            "brag-doc/README.md",
            "brag-document/2024/april.md",
            "career/stories.md",
            "Careers/notes.markdown",
        ] {
            assert!(named_like_career_notes(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn ordinary_names() {
        for path in [
            "README.md",
            "CHANGELOG.md",
            "docs/career.txt",
            "braggart.txt",
            "notes/star.md",
            "src/career.rs",
            "docs/brag.png",
        ] {
            assert!(!named_like_career_notes(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn the_help_names_every_pattern() {
        for pattern in NAME_PATTERNS.iter().chain(FOLDER_PREFIXES) {
            assert!(IN_WORDS.contains(pattern), "{pattern} is not in the help");
        }
    }
}
