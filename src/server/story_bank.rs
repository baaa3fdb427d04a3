//! The story bank across the workspace: the experiences of open documents (their current
//! text) and of indexed files that are not open, mapped to the interview questions.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::analysis::Analysis;
use super::workspace::Index;
use crate::stories::bank::{self, Coverage, Story};
use crate::stories::questions::Questions;

/// One open document: its path (none for an unsaved one), its URI, its analysis.
pub type Open = (Option<PathBuf>, String, Arc<Analysis>);

/// The coverage of `questions` by every story in the workspace; `shown` names a file.
pub fn coverage(
    open: Vec<Open>,
    index: &Index,
    questions: &Questions,
    shown: impl Fn(&Path) -> String,
) -> Coverage {
    let mut stories = Vec::new();
    let mut open_paths = Vec::new();
    for (path, uri, analysis) in &open {
        let name = path.as_deref().map_or_else(|| uri.clone(), &shown);
        open_paths.extend(path.iter());
        for (e, (themes, readiness)) in analysis.notes.experiences.iter().zip(analysis.stories()) {
            stories.push(Story {
                path: name.clone(),
                title: e.title.clone(),
                line: analysis.position(e.heading.start).line as usize,
                themes: *themes,
                readiness: *readiness,
            });
        }
    }
    // In a stable order whatever the hash map's: by path.
    let mut indexed: Vec<_> = index
        .files
        .iter()
        .filter(|(path, _)| !open_paths.contains(path))
        .collect();
    indexed.sort_by(|a, b| a.0.cmp(b.0));
    for (path, experiences) in indexed {
        let name = shown(path);
        for e in experiences {
            stories.push(Story {
                path: name.clone(),
                title: e.title.clone(),
                line: e.start.0 as usize,
                themes: e.themes,
                readiness: e.readiness,
            });
        }
    }
    bank::coverage(&stories, questions)
}
