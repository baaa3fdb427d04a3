//! The notes the protocol suites share, kept as files under tests/fixtures/protocol so that
//! their line numbers are stated once, here.

/// Three experiences in three notations (sub-headings, bold labels, a list), each missing
/// something different, under a `# Career` title.
pub const THREE_STORIES: &str = include_str!("../fixtures/protocol/three-stories.career.md");

/// The same, and a complete fourth one with emoji and CJK in its title and plain labels.
pub const FOUR_STORIES: &str = include_str!("../fixtures/protocol/four-stories.career.md");

/// Without the title; the warehouse story's result is labelled `Wins:`. Every rule but the
/// self-assessment one fires on it at least once.
pub const EVERY_RULE: &str = include_str!("../fixtures/protocol/every-rule.career.md");

/// The heading lines (0-based) of the stories in `THREE_STORIES` and `FOUR_STORIES`.
pub const BILLING: u64 = 2;
pub const HIRING: u64 = 12;
pub const WAREHOUSE: u64 = 22;
pub const CRISPR: u64 = 29;
