//! The story bank across the workspace: the experiences of open documents (their current
//! text) and of indexed files that are not open, mapped to the interview questions.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::analysis::Analysis;
use super::workspace::{Index, IndexedExperience};
use crate::stories::bank::{self, Coverage, Story};
use crate::stories::questions::Questions;
use crate::stories::themes::Themes;

/// One open career-notes document: its path (none for an unsaved one), its URI, its analysis.
pub type Open = (Option<PathBuf>, String, Arc<Analysis>);

/// The coverage of `questions` by every story in the workspace; `shown` names a file.
pub fn coverage(
    open: &[Open],
    index: &Index,
    questions: &Questions,
    shown: impl Fn(&Path) -> String,
) -> Coverage {
    let mut stories = Vec::new();
    for (path, uri, analysis) in open {
        let name = path.as_deref().map_or_else(|| uri.clone(), &shown);
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
    for (path, experiences) in not_open(open, index) {
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

/// "N of M interview questions covered" over the same stories as [`coverage`], from their
/// themes alone: the title's lens asks on every refresh, and needs no story ranked or named.
pub fn summary(open: &[Open], index: &Index, questions: &Questions) -> String {
    let from_open = open
        .iter()
        .flat_map(|(_, _, analysis)| analysis.stories().iter().map(|(themes, _)| *themes));
    let from_index =
        not_open(open, index).flat_map(|(_, experiences)| experiences.iter().map(|e| e.themes));
    let told = from_open
        .chain(from_index)
        .fold(Themes::default(), Themes::union);
    bank::summary(bank::covered(told, questions), questions.len())
}

/// The indexed files that are not open (an open document wins over its file), by path so that
/// the order does not depend on the hash map's.
fn not_open<'a>(
    open: &[Open],
    index: &'a Index,
) -> impl Iterator<Item = (&'a PathBuf, &'a Vec<IndexedExperience>)> {
    let open_paths: Vec<&PathBuf> = open
        .iter()
        .filter_map(|(path, _, _)| path.as_ref())
        .collect();
    let mut files: Vec<_> = index
        .files
        .iter()
        .filter(|(path, _)| !open_paths.contains(path))
        .collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    files.into_iter()
}
