//! Hindsight: finds the experiences in career notes that lack a result or a lesson, and plans
//! the reflection prompts that fill them in.
//!
//! The analysis core (`notes`, `rules`, `fixes`, `report`, `config`) takes text and settings
//! and returns plain data with byte offsets; `cli` and `server` are its two faces.

pub mod blocks;
pub mod career_files;
pub mod cli;
pub mod config;
pub mod counterfactual;
pub mod figures;
pub mod fixes;
pub mod frontmatter;
pub mod gaps;
pub mod kinds;
pub mod labels;
pub mod limits;
pub mod line_index;
pub mod notes;
mod ordered_memo;
mod parallel;
pub mod part_state;
pub mod prompts;
pub mod pronouns;
pub mod report;
pub mod rules;
pub mod server;
pub mod stories;
pub mod text;
pub mod walk;

pub use config::Settings;
pub use kinds::{PartKind, PartState, RuleCode, Severity};
pub use notes::{Experience, Notes, Part};
pub use rules::Finding;

/// Parses and checks one text.
pub fn analyse(text: &str, settings: &Settings) -> (Notes, Vec<Finding>) {
    let notes = notes::parse(text, settings);
    let findings = rules::check(&notes, text, settings);
    (notes, findings)
}

pub use career_files::is_career_notes;

/// Analyses a file that may not be career notes (`known` is false: named on the command line,
/// or opened in an editor, without a career-notes name, front matter or `include`): unless its
/// content reads like career notes, it has no experiences and no findings (SPEC §2,
/// "Precision first").
pub fn analyse_document(text: &str, settings: &Settings, known: bool) -> (Notes, Vec<Finding>) {
    let notes = notes::parse(text, settings);
    if !known && !notes.reads_like_career_notes(text) {
        return (notes.without_experiences(), Vec::new());
    }
    let findings = rules::check(&notes, text, settings);
    (notes, findings)
}

/// Test-only: a text containing the value of `HINDSIGHT_TEST_PANIC` makes its analysis panic,
/// so that the CLI's and the server's tests can check that a panic is contained. Absent from
/// release builds.
#[doc(hidden)]
pub fn test_panic_hook(text: &str) {
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
