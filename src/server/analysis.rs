//! One document's analysis, computed on the keystroke path and shared by every handler.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

use tower_lsp_server::ls_types::{Position, Range};

use super::position::{Encoding, LineIndex, lsp_offset, lsp_position};
use crate::config::Settings;
use crate::notes::Notes;
use crate::rules::Finding;
use crate::stories::themes::Themes;

/// The analysis of one version of a document.
pub struct Analysis {
    /// Unique per analysis in this process: the `resultId` of pulled diagnostics.
    pub id: u64,
    pub version: i32,
    /// The text analysed: the document's without a leading byte order mark, with each lone
    /// `\r` read as `\n` (see [`analysed`]). Offsets in the analysis are offsets in it.
    /// Shared with the reading kept for the next keystroke.
    pub text: Arc<String>,
    /// Whether the document starts with a byte order mark (U+FEFF), which is not in `text`
    /// but is in the client's positions: one UTF-16 unit, three bytes, on line 0.
    pub bom: bool,
    /// Offsets in `text` ⇄ client positions, in the negotiated encoding.
    lines: LineIndex,
    /// Career notes by name, `include` or front matter; other documents get no results.
    pub career: bool,
    /// Not career notes, but its content reads like them: offer to mark it (SPEC §1).
    pub reads_like_career_notes: bool,
    pub settings: Arc<Settings>,
    pub notes: Notes,
    pub findings: Vec<Finding>,
    /// The `missing-*` findings grouped by experience, built on first use (see
    /// [`Analysis::missing_findings`]).
    missing: OnceLock<MissingByExperience>,
    /// Each experience's themes and readiness for the story bank, built on first use (the
    /// code lens asks, the keystroke path does not).
    stories: OnceLock<Vec<(Themes, u8)>>,
}

/// The findings that name a missing part, in experience order, and each experience's range of
/// them: per-experience lookups without a scan of every finding (a 1 MB note has 30 000
/// experiences and 60 000 findings).
struct MissingByExperience {
    findings: Vec<Finding>,
    ranges: Vec<std::ops::Range<usize>>,
}

impl Analysis {
    /// Byte offset in `text` → client position.
    pub fn position(&self, offset: usize) -> Position {
        let mut position = lsp_position(&self.lines, &self.text, offset);
        if self.bom && position.line == 0 {
            position.character = position.character.saturating_add(self.bom_units());
        }
        position
    }

    /// Client position → byte offset in `text`.
    pub fn offset(&self, position: Position) -> usize {
        let mut position = position;
        if self.bom && position.line == 0 {
            position.character = position.character.saturating_sub(self.bom_units());
        }
        lsp_offset(&self.lines, &self.text, position)
    }

    pub fn range(&self, bytes: std::ops::Range<usize>) -> Range {
        Range::new(self.position(bytes.start), self.position(bytes.end))
    }

    /// A client range → the bytes it covers, in order.
    pub fn byte_range(&self, range: Range) -> std::ops::Range<usize> {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }

    /// The encoding of the client's positions.
    pub fn encoding(&self) -> Encoding {
        self.lines.encoding()
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.lines.line_count()
    }

    /// The first line start after `offset`, or `usize::MAX` when none follows.
    pub fn first_line_start_after(&self, offset: usize) -> usize {
        self.lines.first_start_after(offset).unwrap_or(usize::MAX)
    }

    /// The byte order mark's width in the client's units.
    fn bom_units(&self) -> u32 {
        match self.lines.encoding() {
            Encoding::Utf8 => 3,
            Encoding::Utf16 | Encoding::Utf32 => 1,
        }
    }

    /// The findings of experience `experience` that name a missing part, in their order.
    pub fn missing_findings(&self, experience: usize) -> &[Finding] {
        let grouped = self.missing.get_or_init(|| {
            let count = self.notes.experiences.len();
            let mut findings: Vec<Finding> = self
                .findings()
                .iter()
                .filter(|f| f.code.missing_kind().is_some())
                .filter(|f| f.experience.is_some_and(|e| e < count))
                .cloned()
                .collect();
            findings.sort_by_key(|f| f.experience); // stable: each keeps its order
            let mut ranges = Vec::with_capacity(count);
            let mut at = 0;
            for e in 0..count {
                let start = at;
                while findings.get(at).is_some_and(|f| f.experience == Some(e)) {
                    at += 1;
                }
                ranges.push(start..at);
            }
            MissingByExperience { findings, ranges }
        });
        grouped
            .ranges
            .get(experience)
            .and_then(|r| grouped.findings.get(r.clone()))
            .unwrap_or(&[])
    }

    /// Each experience's themes and readiness (see [`crate::stories`]); none for a document
    /// that is not career notes.
    pub fn stories(&self) -> &[(Themes, u8)] {
        if !self.career {
            return &[];
        }
        self.stories.get_or_init(|| {
            self.notes
                .experiences
                .iter()
                .map(|e| crate::stories::story_facts(&self.notes, e, &self.text))
                .collect()
        })
    }

    /// The findings of a career-notes document (none for other documents).
    pub fn findings(&self) -> &[Finding] {
        if self.career { &self.findings } else { &[] }
    }

    /// The text and line index, for the next version's analysis; the rest freed.
    pub fn into_earlier(self) -> Earlier {
        Earlier {
            text: self.text,
            lines: self.lines,
        }
    }
}

/// What an analysis leaves for the next version's: its text and line index.
pub struct Earlier {
    text: Arc<String>,
    lines: LineIndex,
}

/// Analyses a text. A panic in the analysis is contained: it is logged with the input's size
/// and `None` is returned, so nothing is published for that version and the server goes on.
pub fn run(
    rope: &ropey::Rope,
    version: i32,
    career_by_path: bool,
    settings: Arc<Settings>,
    encoding: Encoding,
    reuse: &mut crate::notes::Reuse,
    earlier: Option<Earlier>,
) -> Option<Analysis> {
    // Exactly the rope's size: the analysis keeps this text for as long as the version lives.
    let mut text = String::with_capacity(rope.len_bytes());
    rope.chunks().for_each(|chunk| text.push_str(chunk));
    let bom = text.starts_with('\u{feff}');
    if bom {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let text = Arc::new(analysed(text));
    // The earlier version's line starts serve when the reading below follows its reading.
    let earlier_lines = earlier
        .filter(|e| reuse.last_read(&e.text) && e.lines.encoding() == encoding)
        .map(|e| e.lines);
    let result = catch_unwind(AssertUnwindSafe(|| {
        crate::test_panic_hook(&text);
        let notes = crate::notes::parse_reusing(&text, &settings, reuse);
        // After the reading, which says what the text shares with the one before; before the
        // rules, whose messages may name a line.
        let lines = earlier_lines
            .and_then(|lines| LineIndex::after_edit(lines, &text, &reuse.last_unchanged()?))
            .unwrap_or_else(|| LineIndex::new(&text, encoding));
        let career = career_by_path || notes.front_matter.marks_career_notes;
        let findings = if career {
            crate::rules::check_reusing(&notes, &text, &settings, reuse, Some(&lines))
        } else {
            Vec::new()
        };
        (notes, findings, career, lines)
    }));
    match result {
        Ok((notes, findings, career, lines)) => Some(Analysis {
            reads_like_career_notes: !career && notes.reads_like_career_notes(&text),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            version,
            lines,
            text,
            bom,
            career,
            settings,
            notes,
            findings,
            missing: OnceLock::new(),
            stories: OnceLock::new(),
        }),
        Err(_) => {
            // What the panicking reading left is not trusted for the next one.
            *reuse = crate::notes::Reuse::default();
            eprintln!(
                "hindsight: the analysis panicked on a document of {} bytes (version {version}); nothing published for it",
                text.len()
            );
            None
        }
    }
}

/// The text given to the core. A lone `\r` ends a line for LSP (old Mac files) but not for
/// the core's line-based reading, which then sees one huge line (slow, and no structure); it
/// becomes `\n`, one byte for one byte, so every offset and every position stays the same.
fn analysed(text: String) -> String {
    match crate::text::lone_cr_as_lf(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(read) => read,
    }
}

/// A career note's analysis with default settings, for the server's unit tests.
#[cfg(test)]
pub fn of_career_note(text: &str, version: i32) -> Analysis {
    let rope = ropey::Rope::from_str(text);
    let mut reuse = crate::notes::Reuse::default();
    let settings = Arc::new(Settings::default());
    run(
        &rope,
        version,
        true,
        settings,
        Encoding::Utf16,
        &mut reuse,
        None,
    )
    .expect("analysed")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_lone_cr_is_read_as_lf() {
        assert_eq!(super::analysed("a\rb\r\nc\r".to_string()), "a\nb\r\nc\n");
        assert_eq!(super::analysed("é\n".to_string()), "é\n");
    }
}
