//! Hindsight: finds the experiences in career notes that lack a result or a lesson, and plans
//! the reflection prompts that fill them in.
//!
//! The analysis core (`notes`, `rules`, `fixes`, `report`, `config`) takes text and settings
//! and returns plain data with byte offsets; `cli` and `server` are its two faces.

pub mod blocks;
pub mod cli;
pub mod config;
pub mod figures;
pub mod fixes;
pub mod frontmatter;
pub mod kinds;
pub mod labels;
pub mod notes;
pub mod part_state;
pub mod prompts;
pub mod pronouns;
pub mod report;
pub mod rules;
pub mod server;
pub mod text;

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

/// Whether a file is career notes by its name or front matter (SPEC §1). Configured `include`
/// globs are checked by the caller, which knows the workspace root.
pub fn is_career_notes(file_name: &str, text: &str) -> bool {
    file_name.to_ascii_lowercase().ends_with(".career.md")
        || frontmatter::read(text).marks_career_notes
}
