//! One document's analysis, computed on the keystroke path and shared by every handler.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

use crate::config::Settings;
use crate::notes::Notes;
use crate::rules::Finding;

/// The analysis of one version of a document.
pub struct Analysis {
    /// Unique per analysis in this process: the `resultId` of pulled diagnostics.
    pub id: u64,
    pub version: i32,
    pub text: String,
    /// The rope of this version (a cheap clone): client positions → offsets.
    pub rope: ropey::Rope,
    /// Line starts of `text`: offsets → positions, many at a time.
    pub lines: super::position::Lines,
    /// Career notes by name, `include` or front matter; other documents get no results.
    pub career: bool,
    pub settings: Arc<Settings>,
    pub notes: Notes,
    pub findings: Vec<Finding>,
}

impl Analysis {
    pub fn position(
        &self,
        offset: usize,
        encoding: super::position::Encoding,
    ) -> tower_lsp::lsp_types::Position {
        self.lines.position(&self.text, offset, encoding)
    }

    pub fn range(
        &self,
        bytes: std::ops::Range<usize>,
        encoding: super::position::Encoding,
    ) -> tower_lsp::lsp_types::Range {
        tower_lsp::lsp_types::Range::new(
            self.position(bytes.start, encoding),
            self.position(bytes.end, encoding),
        )
    }

    /// The findings of a career-notes document (none for other documents).
    pub fn findings(&self) -> &[Finding] {
        if self.career { &self.findings } else { &[] }
    }
}

/// Analyses a text. A panic in the analysis is contained: it is logged with the input's size
/// and `None` is returned, so nothing is published for that version and the server goes on.
pub fn run(
    rope: &ropey::Rope,
    version: i32,
    career_by_path: bool,
    settings: Arc<Settings>,
) -> Option<Analysis> {
    let text = rope.to_string();
    let result = catch_unwind(AssertUnwindSafe(|| {
        test_panic_hook(&text);
        let notes = crate::notes::parse(&text, &settings);
        let career = career_by_path || notes.front_matter.marks_career_notes;
        let findings = if career {
            crate::rules::check(&notes, &text, &settings)
        } else {
            Vec::new()
        };
        (notes, findings, career)
    }));
    match result {
        Ok((notes, findings, career)) => Some(Analysis {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            version,
            lines: super::position::Lines::new(&text),
            text,
            rope: rope.clone(),
            career,
            settings,
            notes,
            findings,
        }),
        Err(_) => {
            eprintln!(
                "hindsight: the analysis panicked on a document of {} bytes (version {version}); nothing published for it",
                text.len()
            );
            None
        }
    }
}

/// Test-only: a document containing the text of `HINDSIGHT_TEST_PANIC` makes the analysis
/// panic, so tests can check that a panic is contained. Absent from release builds.
fn test_panic_hook(text: &str) {
    #[cfg(debug_assertions)]
    if let Ok(marker) = std::env::var("HINDSIGHT_TEST_PANIC")
        && !marker.is_empty()
        && text.contains(&marker)
    {
        panic!("test panic requested by HINDSIGHT_TEST_PANIC");
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}
