//! Reading a career-notes file into experiences and their parts (SPEC §2).
//!
//! The steps, one module each: Markdown blocks (`crate::blocks`) → [`headings`] classified as
//! part headings, reserved sections or ordinary headings → [`label_lines`] and list labels
//! found line by line outside code, HTML and tables → [`titled`] stories under a title that is
//! no heading (list items, `<details>` boxes, bold-led and plain paragraphs, a line over a
//! list, table rows) → [`prose`] sentences that state a part without a label →
//! [`experiences`] chosen on evidence → [`assemble`]: part bodies cut and judged, unlabelled
//! parts read from prose, [`comments`] applied as suppressions.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::blocks::Blocks;
use crate::config::Settings;
use crate::frontmatter::{self, FrontMatter};
use crate::kinds::{PartKind, PartState, RuleSet};
use crate::labels::{LabelStyle, Reserved};
use crate::text;

mod assemble;
mod comments;
mod experiences;
mod headings;
mod label_lines;
pub(crate) use label_lines::list_marker_with_space;
mod pieces;
pub mod prose;
mod reads_like;
mod recall;
pub mod titled;

use assemble::Layout;
use comments::read_comments;
use headings::{HeadingTree, set_section_ends};
pub use pieces::Reuse;

/// A Markdown heading with what the analysis knows about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The heading block, line terminator excluded.
    pub range: Range<usize>,
    /// The title text.
    pub title: Range<usize>,
    /// Start of the line the heading starts on.
    pub line_start: usize,
    /// End of the heading's section: the next heading of the same or a higher level.
    pub section_end: usize,
    /// The part kind when the title is a part label.
    pub part: Option<PartKind>,
    pub reserved: Option<Reserved>,
    /// The title names a period or a version (`2022`, `Q3`, `v1.4.0`): a log's section, not
    /// a story. Decided with the heading, in its piece, so a keystroke does not ask again.
    pub names_period: bool,
    /// The title opens like a reflection section's ("Lessons learned", "Looking back"): a
    /// heading that sums up, not a story. Decided with the heading, as `names_period` is.
    pub reflection_title: bool,
}

/// How a part is written (SPEC §2, notations 1–3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notation {
    SubHeading {
        level: u8,
    },
    LabelLine {
        style: LabelStyle,
        quoted: bool,
        callout: bool,
    },
    /// The marker and the prefix before it are shared (`Arc<str>`): a keystroke copies every
    /// part of a long note, and a copy should not allocate.
    ListLabel {
        style: LabelStyle,
        marker: Arc<str>,
        prefix: Arc<str>,
        checkbox: bool,
        item_end: usize,
    },
    /// A sentence of the experience's own text read as this part (no label).
    Prose,
    /// A cell of a table row under a column that names the part (see `titled::table_rows`).
    TableCell,
}

/// How a part was found, so that every view can say why Hindsight is satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A label of SPEC §2's notations.
    Label,
    /// STAR letters (`S:` … `R:`, `**S (Situation):**`).
    Marker,
    /// A sentence read by the prose cues.
    Prose,
    /// A result read from where it stands: the first sentence after the story's last action
    /// that tells what happened (`prose::Hit::ending`). Prose to the JSON; the hover says
    /// why, and it is no evidence that a document is career notes.
    Ending,
}

impl Evidence {
    pub fn key(self) -> &'static str {
        match self {
            Evidence::Label => "label",
            Evidence::Marker => "marker",
            Evidence::Prose | Evidence::Ending => "prose",
        }
    }
}

/// What an experience is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Heading,
    /// A list item whose first line is its title.
    ListItem,
    /// A row of a table whose columns are parts.
    TableRow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub notation: Notation,
    /// The label: a heading's title, or the label text with its emphasis and colon.
    pub label: Range<usize>,
    /// Start of the line that holds the label.
    pub line_start: usize,
    pub body: Range<usize>,
    pub state: PartState,
    /// The body holds one of Hindsight's prompts.
    pub has_prompt: bool,
    /// Written in the experience's own text, not under a deeper sub-section; only such parts
    /// anchor insertions, so that an insertion never changes which headings are experiences.
    pub direct: bool,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experience {
    pub title: String,
    pub shape: Shape,
    /// The heading level; for a list item, one below the heading it stands under.
    pub level: u8,
    /// The heading block; for a list item, its first line from the marker.
    pub heading: Range<usize>,
    /// The heading's title text.
    pub title_range: Range<usize>,
    /// Heading start to the end of its section.
    pub section: Range<usize>,
    /// End of the experience's own text: before its first deeper non-part heading.
    pub own_end: usize,
    pub parts: Vec<Part>,
    /// Codes switched off by comments in the experience or in a container around it.
    pub suppressed: RuleSet,
}

impl Part {
    /// Where the text that shows how the part was found stands: its label, the sentence read,
    /// or for a table cell (its column's header names it) the cell itself.
    pub fn shown(&self) -> Range<usize> {
        if self.notation == Notation::TableCell {
            self.body.clone()
        } else {
            self.label.clone()
        }
    }
}

impl Experience {
    /// The state of a kind: stated if any part of that kind is, else empty if one exists.
    pub fn state(&self, kind: PartKind) -> PartState {
        self.parts
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.state)
            .max()
            .unwrap_or(PartState::Absent)
    }

    /// The first empty part of a kind, where a `missing-*` diagnostic sits.
    pub fn empty_part(&self, kind: PartKind) -> Option<&Part> {
        self.parts
            .iter()
            .find(|p| p.kind == kind && p.state == PartState::Empty)
    }

    pub fn parts_of(&self, kind: PartKind) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(move |p| p.kind == kind)
    }

    /// How the kind was found: by a stated label first, else prose, else an empty label.
    pub fn evidence(&self, kind: PartKind) -> Option<Evidence> {
        self.telling_part(kind).map(|p| p.evidence)
    }

    /// The part that decides a kind's state: the first stated one, a label before a sentence;
    /// else the first empty one. Every view that says how a kind was found shows this one.
    pub fn telling_part(&self, kind: PartKind) -> Option<&Part> {
        self.parts_of(kind)
            .min_by_key(|p| (std::cmp::Reverse(p.state), p.evidence != Evidence::Label))
    }
}

/// A parsed file.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub front_matter: FrontMatter,
    pub headings: Vec<Heading>,
    pub experiences: Vec<Experience>,
    /// A strengths section that says something (not only a prompt).
    pub has_strengths: bool,
    /// A growth-areas section that says something.
    pub has_growth: bool,
    /// A strengths section exists, answered or not.
    pub strengths_section: bool,
    pub growth_section: bool,
    /// Codes switched off for the whole file.
    pub file_suppressed: RuleSet,
    pub blocks: Blocks,
    /// `"\r\n"` when the file's first line ends that way, so insertions match it.
    pub line_ending: &'static str,
}

impl Notes {
    /// The words of `range` as the cue readers see them: comments, code blocks and code spans
    /// left out.
    pub fn own_words<'a>(&self, source: &'a str, range: Range<usize>) -> std::borrow::Cow<'a, str> {
        text::without(
            source,
            range,
            &[
                &self.blocks.comments,
                &self.blocks.code_blocks,
                &self.blocks.code_spans,
            ],
        )
    }

    /// The same notes with no experience: a document that is not career notes.
    pub fn without_experiences(mut self) -> Notes {
        self.experiences.clear();
        self
    }

    /// The experience whose section contains `offset` (the innermost).
    pub fn experience_at(&self, offset: usize) -> Option<usize> {
        self.experiences.iter().rposition(|e| {
            e.section.start <= offset && offset < e.section.end.max(e.section.start + 1)
        })
    }
}
/// A label found on a line, before bodies and owners are known.
#[derive(Debug, Clone)]
pub(super) struct RawPart {
    kind: PartKind,
    notation: Notation,
    label: Range<usize>,
    line_start: usize,
    body_start: usize,
    /// For sub-headings: the end of the heading's section; list labels: the item's end; label
    /// lines: `usize::MAX`, no end of their own.
    hard_end: usize,
    /// Label lines and list labels end at the next heading; sub-heading parts at their section end.
    ends_at_heading: bool,
    /// A STAR letter rather than a word.
    letter: bool,
    /// STAR letters and HTML labels: found as markers rather than words.
    marker: bool,
}

/// Parses `text` under `settings`. A lone `\r` ends a line (old Mac files), read as `\n`
/// byte for byte so that every range is a range of `text` too.
pub fn parse(text: &str, settings: &Settings) -> Notes {
    parse_with(&text::lone_cr_as_lf(text), settings, None)
}

/// [`parse`], reading again only what changed since the reading kept in `reuse` (an editor's
/// keystroke), and keeping this one there. The result is exactly [`parse`]'s. The text is
/// shared, not copied, with the reading kept for the next keystroke.
pub fn parse_reusing(text: &Arc<String>, settings: &Arc<Settings>, reuse: &mut Reuse) -> Notes {
    match text::lone_cr_as_lf(text) {
        Cow::Borrowed(_) => parse_with(text, settings, Some((reuse, settings, text))),
        Cow::Owned(read) => {
            let read = Arc::new(read);
            parse_with(&read, settings, Some((reuse, settings, &read)))
        }
    }
}

/// Parses a text without lone `\r` (see [`parse`]); with `reuse`, the reading kept, the
/// settings it is for, and the text shared with it.
fn parse_with(
    text: &str,
    settings: &Settings,
    mut reuse: Option<(&mut Reuse, &Arc<Settings>, &Arc<String>)>,
) -> Notes {
    let front_matter = frontmatter::read(text);
    let first = pieces::read(
        text,
        front_matter.range.end,
        settings,
        reuse.as_mut().map(|(r, s, t)| (&mut **r, *s, *t)),
    );
    let recall = reuse.as_mut().map(|(r, _, _)| {
        r.unchanged = first.unchanged;
        recall::Recall::new(first.unchanged, std::mem::take(&mut r.memo))
    });
    let blocks = first.blocks;
    let mut headings = first.headings;
    set_section_ends(&mut headings, text.len());
    let tree = HeadingTree::build(&headings);
    let raw = raw_parts(first.labels, &headings, &tree);
    let comments = read_comments(text, &blocks);
    let unreadable = unreadable(&blocks, &headings, &raw);
    let chosen = experiences::choose(&experiences::Input {
        doc: experiences::Document {
            text,
            settings,
            headings: &headings,
            tree: &tree,
            raw: &raw,
            titled: &first.titled,
            comments: &comments,
            unreadable: &unreadable,
            level: settings.experience_level.or(front_matter.experience_level),
        },
        recall: recall.as_ref(),
    });

    let layout = Layout::new(&headings, &tree, &chosen);
    let mut parts =
        assemble::labelled_parts(text, settings, &blocks, &raw, &layout, recall.as_ref());
    if let (Some((reuse, _, _)), Some(recall)) = (reuse, recall) {
        reuse.memo = recall.into_memo();
    }
    assemble::add_prose_parts(text, &layout, &mut parts);
    let (file_suppressed, suppressed) = assemble::suppressions(text, &comments, &layout);
    let experiences = assemble::experiences(text, &layout, parts, &suppressed);
    let sections = |kind: Reserved| headings.iter().filter(move |h| h.reserved == Some(kind));
    let answered = |h: &&Heading| !holds_only_prompts(text, h, &blocks);
    let line_ending = match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    };
    Notes {
        front_matter,
        experiences,
        has_strengths: sections(Reserved::Strengths).any(|h| answered(&h)),
        has_growth: sections(Reserved::Growth).any(|h| answered(&h)),
        strengths_section: sections(Reserved::Strengths).next().is_some(),
        growth_section: sections(Reserved::Growth).next().is_some(),
        file_suppressed,
        blocks,
        line_ending,
        headings,
    }
}

/// Every label found: label lines and list labels, then sub-heading parts, in line order,
/// with STAR letters kept only among letters.
fn raw_parts(labels: Vec<RawPart>, headings: &[Heading], tree: &HeadingTree) -> Vec<RawPart> {
    let mut raw = labels;
    raw.reserve(headings.iter().filter(|h| h.part.is_some()).count());
    for h in headings {
        if let Some(kind) = h.part {
            raw.push(RawPart {
                kind,
                notation: Notation::SubHeading { level: h.level },
                label: h.title.clone(),
                line_start: h.line_start,
                body_start: h.range.end,
                hard_end: h.section_end,
                // A deeper heading starts a sub-section of its own, not more of this part.
                ends_at_heading: true,
                letter: false,
                marker: false,
            });
        }
    }
    raw.sort_by_key(|p| p.line_start);
    keep_letters_among_letters(&mut raw, headings, tree);
    raw
}

/// What prose reading never reads, sorted: headings, labels, comments, code, HTML and tables.
fn unreadable(blocks: &Blocks, headings: &[Heading], raw: &[RawPart]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = headings
        .iter()
        .map(|h| h.line_start..h.range.end)
        .chain(raw.iter().map(|p| p.label.clone()))
        .chain(blocks.comments.iter().cloned())
        .chain(blocks.code_blocks.iter().cloned())
        .chain(blocks.code_spans.iter().cloned())
        .chain(blocks.opaque.iter().cloned())
        .collect();
    out.sort_by_key(|r| r.start);
    out
}

/// STAR letters count only as a set: at least three kinds among the letters under one heading
/// (`S:` `A:` `R:`), so that an FAQ's `A:` lines or a lone `R:` are not parts.
fn keep_letters_among_letters(raw: &mut Vec<RawPart>, headings: &[Heading], tree: &HeadingTree) {
    if !raw.iter().any(|p| p.letter) {
        return;
    }
    let owner = |p: &RawPart| tree.owner_at(headings, p.line_start);
    let mut kinds: std::collections::HashMap<
        Option<usize>,
        Vec<PartKind>,
        foldhash::fast::FixedState,
    > = Default::default();
    for p in raw.iter().filter(|p| p.letter) {
        let entry = kinds.entry(owner(p)).or_default();
        if !entry.contains(&p.kind) {
            entry.push(p.kind);
        }
    }
    raw.retain(|p| !p.letter || kinds.get(&owner(p)).is_some_and(|k| k.len() >= 3));
}

/// A strengths or growth section that holds nothing but a prompt (or nothing) counts as
/// absent (issue 14): the writer has not answered it yet.
fn holds_only_prompts(text: &str, heading: &Heading, blocks: &Blocks) -> bool {
    let body = heading.range.end..heading.section_end;
    let visible = text::without(text, body, &[&blocks.comments]);
    !visible.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Notes {
        parse(text, &Settings::default())
    }

    /// The titles of the experiences read in `text`, in order (shared with the reader's steps'
    /// tests).
    pub(super) fn titles_in(text: &str) -> Vec<String> {
        read(text)
            .experiences
            .into_iter()
            .map(|e| e.title)
            .collect()
    }

    fn kinds(e: &Experience) -> Vec<(PartKind, PartState, Evidence)> {
        e.parts
            .iter()
            .map(|p| (p.kind, p.state, p.evidence))
            .collect()
    }

    #[test]
    fn a_heading_with_labelled_parts_is_an_experience() {
        let notes = read("## Billing move\n\nAction: I moved it.\nResult: 3 days faster.\n");
        assert_eq!(notes.experiences.len(), 1);
        let e = &notes.experiences[0];
        assert_eq!(e.title, "Billing move");
        assert_eq!(e.shape, Shape::Heading);
        assert_eq!(
            kinds(e),
            [
                (PartKind::Action, PartState::Stated, Evidence::Label),
                (PartKind::Result, PartState::Stated, Evidence::Label),
            ]
        );
    }

    /// An outcome cue ("No patient harm.") states the result only after the story's first
    /// action, and never makes a story by itself.
    #[test]
    fn an_outcome_is_a_result_only_after_an_action() {
        let result_of = |text: &str| {
            let notes = read(text);
            assert_eq!(notes.experiences.len(), 1, "{text}");
            let e = &notes.experiences[0];
            e.parts
                .iter()
                .find(|p| p.kind == PartKind::Result)
                .map(|p| text[p.body.clone()].to_string())
        };
        let told = "## Night shift\n\nWe were six nurses down. I took a patient assignment myself and closed four beds. No patient harm that week. It taught me to ask early.\n";
        assert_eq!(
            result_of(told).as_deref(),
            Some("No patient harm that week.")
        );
        // Before the first action it is the situation, not what came of it.
        let before = "## Night shift\n\nNo patient harm had been reported for a year. I took a patient assignment myself and closed four beds. I learned to ask for help early.\n";
        assert_eq!(result_of(before), None);
        // A labelled action counts as the first action.
        let labelled = "## Night shift\n\n**What I did:** took an assignment myself.\n\nThe ward reopened two days early.\n";
        assert_eq!(
            result_of(labelled).as_deref(),
            Some("The ward reopened two days early.")
        );
        // A result cue in the story wins; an outcome alone is no evidence of a story.
        let both = "## Night shift\n\nI closed four beds. As a result, the ratios held. Zero falls that week.\n";
        assert_eq!(
            result_of(both).as_deref(),
            Some("As a result, the ratios held.")
        );
        let list = "## Wins\n\n- **Ward audit**\n  - Zero missed doses in the audit.\n";
        assert!(read(list).experiences.is_empty());
    }

    /// Long bullets whose first sentence names the story are stories of their own, and the
    /// heading over them holds them; a long bullet that tells no episode is none.
    #[test]
    fn long_bullets_titled_by_their_first_sentence() {
        let text = "## Mistakes\n\n- Pushed the schema change before the freeze. I had checked it on a copy,\n  but the copy had no archived rows, so the job locked the table for an hour.\n  I wrote the postmortem myself. Should have run it on a full snapshot.\n- Kept a slipping estimate to myself. I told Ana three weeks; by week two I\n  knew it was six. It slipped into Q4. What I took from it: say it the day it drops.\n- Team lunches are on Fridays. Bring a dish if you can,\n  and tell the office which day suits you.\n  Ask Ana for the list.\n";
        let notes = read(text);
        let titles: Vec<&str> = notes.experiences.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Pushed the schema change before the freeze",
                "Kept a slipping estimate to myself"
            ]
        );
        assert!(notes.experiences.iter().all(|e| e.shape == Shape::ListItem));
    }

    /// A bold title with its story on the same line: an action and what came of it make it
    /// a story; a long line of detail does not.
    #[test]
    fn a_story_told_on_its_title_s_line() {
        let text = "## Wins\n\n- **Capacity model** — built a small Python model fed from the metrics store. Finance now uses it for the yearly hardware budget instead of asking us.\n- **Search relaunch** — new search across five markets with faceting, typo tolerance, synonyms and a ranking model, with the data team and design.\n- **Fast** — two words.\n";
        let notes = read(text);
        let titles: Vec<&str> = notes.experiences.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Capacity model"]);
        let e = &notes.experiences[0];
        assert_eq!(e.state(PartKind::Action), PartState::Stated);
        assert_eq!(e.state(PartKind::Result), PartState::Stated);
    }

    #[test]
    fn a_titled_list_item_is_an_experience_in_its_own_indentation() {
        let text = "## Wins\n\n- **Faster invoices**\n  - Action: I cached the lookups.\n  - Result: 40% faster.\n";
        let notes = read(text);
        let titles: Vec<&str> = notes.experiences.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Faster invoices"], "the heading is a container");
        assert_eq!(notes.experiences[0].shape, Shape::ListItem);
        assert_eq!(notes.experiences[0].level, 3, "one below its heading");
    }

    #[test]
    fn a_details_story_beside_a_heading_s_story_is_a_story_of_its_own() {
        // The heading's last label would run on over the collapsed story; it does not, and
        // the heading stays a story beside it.
        let text = "## Leadership\n\n### Flat fire\n\n**What I did:** I took charge.\n\n**Outcome:** Nobody was hurt.\n\n<details>\n<summary>Coaching a probationer</summary>\n\n**What I did:** I talked to him first.\n\n**Outcome:** He passed.\n\nIt taught me to talk first.\n\n</details>\n";
        let notes = read(text);
        let titles: Vec<&str> = notes.experiences.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Flat fire", "Coaching a probationer"]);
        let fire = &notes.experiences[0];
        assert!(
            !fire.parts.iter().any(|p| p.kind == PartKind::Lesson),
            "{fire:?}"
        );
        let outcome = fire
            .parts
            .iter()
            .find(|p| p.kind == PartKind::Result)
            .unwrap();
        assert!(outcome.body.end <= text.find("<details>").unwrap());
        assert!(
            notes.experiences[1]
                .parts
                .iter()
                .any(|p| p.kind == PartKind::Lesson)
        );
        // A collapsed block with one label is a detail of the part it sits in.
        let one = text.replace("**Outcome:** He passed.\n\n", "");
        let titles: Vec<String> = read(&one)
            .experiences
            .iter()
            .map(|e| e.title.clone())
            .collect();
        assert_eq!(titles, ["Flat fire"]);
    }

    #[test]
    fn a_plain_item_over_nested_items_is_an_experience_only_when_they_tell_one() {
        let told = "## Sept\n\n- Settled the attribution fight between marketing and sales\n  - Both teams counted the same deals.\n  - I built one attribution table and got both leads to agree.\n  - Both teams now report off the same table.\n  - Next time I'd bring finance in from the start.\n";
        let titles = titles_in(told);
        assert_eq!(
            titles,
            ["Settled the attribution fight between marketing and sales"]
        );
        // A to-do with sub-tasks, an outline, a one-part note: no episode told.
        for quiet in [
            "## Sept\n\n- Set up CI for the repo\n  - Added the lint job.\n  - Added caching, builds now take 4 minutes.\n",
            "## Plan\n\n- Migration steps\n  - Export the tables\n  - Load them into Postgres\n",
            "## Sept\n\n- Hiring loop\n  - I interviewed three candidates.\n",
        ] {
            assert!(read(quiet).experiences.is_empty(), "{quiet:?}");
        }
    }

    #[test]
    fn a_guide_under_part_headings_is_no_story_but_a_story_in_the_team_s_voice_is() {
        let guide = "### Scoring the round\n\n#### Situation\n\nDid they set up the context in a sentence or two?\n\n#### Action\n\nListen for what this person did. Ask if you are unsure.\n\n#### Result\n\nAsk for the outcome; the impact is often vague.\n";
        assert!(read(guide).experiences.is_empty());
        let ours = "### Billing migration\n\n#### Action\n\nWe moved the jobs.\n\n#### Result\n\nThe nightly run became calmer.\n\n#### Lesson\n\nReconcile before you migrate.\n";
        assert_eq!(read(ours).experiences.len(), 1);
    }

    #[test]
    fn a_dated_entry_is_a_story_when_it_tells_one_and_a_year_of_bullets_is_not() {
        let month = "# 2025\n\n## March\n\nI rebuilt the costing sheet from the invoices. By the end of April food cost was down to 31%.\n\n## Wins\n\n- I got the pastry section a second oven.\n";
        let titles = titles_in(month);
        assert_eq!(titles, ["March"], "the wins beside it are no story");
        let dated = "## 2024-11-04\n\nI audited every catheter on nights for six weeks.\n\n> [!success] Result\n> Infection rate halved.\n";
        assert_eq!(read(dated).experiences.len(), 1);
        // A journal's entry in the writer's voice, its subject left out.
        let journal = "# Notes 2024\n\n### 12 March\n\nThe moderator brought my marks down by two each. Went home and re-read the mark scheme over the weekend.\n\nThe class average went from 5.1 to 4.6, and most of them got the marks back on the redo.\n\n### 21 March\n\nParents' evening, fine.\n\n### 2 April\n\nBefore half term:\n- mock papers to Sarah\n- book the minibus\n";
        let titles = titles_in(journal);
        assert_eq!(titles, ["12 March"]);
        // The same entry in no one's voice is a log's.
        let release = journal.replace("my marks", "the marks");
        assert!(read(&release).experiences.is_empty());
        // Beside dated stories, an entry whose paragraphs say what "I" did is one, and one that
        // tells a mistake and a second thought; a moan, a day off or a to-do list is not.
        let log = format!(
            "{journal}\n### 9 April\n\nMum would not open the door at first. I told her I would wait in the car for ten minutes.\n\n### 16 April\n\nMade a mess of the core group meeting, the first one I have chaired.\n\nNext time I will send the plan out two days ahead.\n\n### 23 April\n\nSupervision. Nothing much to write. Tired.\n\n### 30 April\n\n- I booked the minibus.\n- I chased the lab tech.\n"
        );
        let titles = titles_in(&log);
        assert_eq!(titles, ["12 March", "9 April", "16 April"]);
        // And one that lists what was done, its subject left out; one line of a log or a moan
        // with one chore in it is not.
        let terse = format!(
            "{journal}\n### 7 May\n\nFamily audio trail. Wrote the script, got two classes to try it, and recorded it with a local actor. Launches in June.\n\n### 14 May\n\nStarted precepting Jess (new grad, 12-week orientation).\n\n### 21 May\n\nPhotocopier broken again. Spent my whole free period queuing in repro.\n"
        );
        assert_eq!(titles_in(&terse), ["12 March", "7 May"]);
        let alone = log
            .replace("### 12 March", "### Moderation")
            .replace("Next time I will send the plan out two days ahead.", "");
        let titles = titles_in(&alone);
        assert!(
            !titles.iter().any(|t| t.contains("April")),
            "{titles:?}: beside no dated story"
        );
        for log in [
            "## 2025\n\n- I shipped search in March.\n- I mentored Sam, who now owns the alerts.\n",
            "## 3.2.0\n\n- Fixed the crash on save.\n- I reworked the importer.\n\n**Impact:** fewer crashes.\n",
        ] {
            assert!(read(log).experiences.is_empty(), "{log:?}");
        }
    }

    #[test]
    fn an_item_that_tells_of_someone_else_is_theirs() {
        // A bold title over a wrapped story: one part would make it a story.
        let theirs = "# Examples\n\n- **Cut picking errors** — He re-labelled the bins in aisle 4 by colour after\n  noticing most wrong picks came from two part numbers. Errors in that aisle dropped by\n  more than half.\n";
        assert!(read(theirs).experiences.is_empty());
        assert_eq!(
            titles_in(&theirs.replace("He re-labelled", "I re-labelled")),
            ["Cut picking errors"]
        );
        // The writer's own, told with "he" in it, stays a story.
        let ours = "# Brag\n\n- **Cut picking errors** — He kept mixing up two part numbers, so I re-labelled the bins in aisle 4 by colour with him. Errors in that aisle dropped by more than half.\n";
        assert_eq!(read(ours).experiences.len(), 1);
    }

    #[test]
    fn a_result_still_to_find_is_empty_and_advice_in_a_lesson_is_not() {
        let text = "## Rota swap\n\n**Action:** I moved the rota to a shared sheet.\n\n**Result:** Need to get the real figure from Priya.\n\n**Lesson:** Ask the team before changing their shifts.\n";
        let e = &read(text).experiences[0];
        assert_eq!(e.state(PartKind::Result), PartState::Empty);
        assert_eq!(e.state(PartKind::Lesson), PartState::Stated);
    }

    #[test]
    fn a_bold_title_over_things_done_on_its_line_is_a_story() {
        let brag = "# Hype doc\n\n## Delivery\n\n- **Archive clear-out before the move** — 300 boxes of closed files in the basement, half past their retention date. Went through the schedule with Records, sent consent letters for the 40 to keep, booked the shredders for the rest.\n- **Search ranking** — Rewrote the ranking so that exact matches come first, which is what most of the users asked for in the spring survey.\n- Hit 105% of billable target\n";
        assert_eq!(titles_in(brag), ["Archive clear-out before the move"]);
    }

    #[test]
    fn a_hype_docs_paragraph_stories_under_a_theme() {
        let doc = "# Hype doc\n\n## Leadership\n\nI'm a strong communicator and people come to me.\n\n**Took over the trial bundle.** Two weeks out from the hearing the associate went off sick. Took over the bundle, agreed the index every morning, and got all 1,400 pages served two days early.\n\n**Pushed back on the vendor.** Their quote came in at double our estimate. I went through the line items, found they had priced three times the custodians, and sent back a marked-up scope.\n\n## Nice things people said\n\n**From the partner, in June.** She said the bundle was the best she had seen this year and asked whether I would train the two new starters on it.\n";
        assert_eq!(
            titles_in(doc),
            ["Took over the trial bundle", "Pushed back on the vendor"],
            "the theme is no story, nor praise told of me"
        );
    }

    #[test]
    fn a_logs_plain_line_over_sentences_that_tell_an_episode_is_a_story() {
        let log = "# Jobs 2024\n\n## February\n- Garage sub-main + 2 sockets, Mr Dale\n- Apprentice nearly drilled into a live cable at a kitchen job\n  Stopped the job and took him back through safe isolation step by step. Does it without being asked now.\n- Van MOT\n";
        assert_eq!(
            titles_in(log),
            ["Apprentice nearly drilled into a live cable at a kitchen job"]
        );
        // Steps of a guide, a sentence wrapped over two lines, or nothing that came of it.
        let guide = "# Setup\n\n- Install the tools on a new laptop\n  Run the installer and restart. It works now.\n";
        assert!(read(guide).experiences.is_empty());
        let wrapped = log.replace(
            "at a kitchen job\n  Stopped",
            "at a kitchen job and\n  Stopped",
        );
        assert!(read(&wrapped).experiences.is_empty(), "{wrapped}");
        let nothing_came = log.replace(" Does it without being asked now.", "");
        assert!(read(&nothing_came).experiences.is_empty());
    }

    #[test]
    fn a_hype_docs_bold_line_over_its_paragraph_is_a_story() {
        let doc = "# Hype doc\n\n## Q1\n\n**Year-end audit with the new auditors**\nFirst year with the new firm after the tender. I built the tracker and ran a daily catch-up with their senior. We signed on 12 July, three weeks ahead of the deadline.\n\n**Faster month-end close** — Moved accruals to an earlier cut-off and automated the recharge journal in the sheet we already had. Close is now 5 working days, down from 8.\n\n## Next year\n\n**Lease accounting refresher** — we have 40 leases and I am the only one who understands them.\n**Apply for the reporting lead role**\n";
        assert_eq!(
            titles_in(doc),
            [
                "Year-end audit with the new auditors",
                "Faster month-end close"
            ]
        );
    }

    #[test]
    fn a_bold_title_over_a_list_that_tells_an_episode_is_a_story() {
        let doc = "# Wins\n\n**Harlow Logistics - charity of the year**\n- met their CSR lead at a breakfast, followed up three times before she would meet\n- took one of our young carers to the pitch to talk for five minutes\n- we got it: £41k over the year plus 12 volunteering days\n\n**Things I want to get better at**\n\n- saying no to new projects\n- writing shorter reports for the board\n";
        assert_eq!(titles_in(doc), ["Harlow Logistics - charity of the year"]);
        // A README's bold line over a list of features tells nothing done.
        let readme = "# Tool\n\n**What it does for you**\n\n- reads the config from the usual place\n- writes a report of every file it changed\n";
        assert!(read(readme).experiences.is_empty());
    }

    #[test]
    fn a_general_truth_after_the_story_is_its_lesson() {
        let story = "## Charity of the year pitch\n\nI met their CSR lead at a breakfast and took one of our young carers to the pitch. We won the account, worth £41k over the year. People give to people, not to slide decks.\n";
        let e = &read(story).experiences[0];
        assert_eq!(e.state(PartKind::Lesson), PartState::Stated);
        assert_eq!(e.evidence(PartKind::Lesson), Some(Evidence::Ending));
        // What holds now is this story's result, not a general truth; and before the story's
        // action, a general truth is its context.
        for not in [
            story.replace(
                "People give to people, not to slide decks.",
                "Everyone now uses the sheet.",
            ),
            story
                .replace("I met", "People give to people, not to slide decks. I met")
                .replace(" People give to people, not to slide decks.\n", "\n"),
        ] {
            let e = &read(&not).experiences[0];
            assert_eq!(e.state(PartKind::Lesson), PartState::Absent, "{not}");
        }
        // No evidence of a story on its own: a README's general truth after a sentence.
        let readme =
            "## Why\n\nPeople give to people, not to slide decks. Everyone knows the default.\n";
        assert!(read(readme).experiences.is_empty());
    }

    #[test]
    fn bold_questions_over_their_answers_are_stories() {
        let prep = "# Interview prep\n\n## Competency questions\n\n**Q: Tell me about a time you disagreed with a colleague.**\n\nLast spring an OT and I disagreed about a boy's device. I asked her for a coffee and we laid our assessments side by side.\n\nWe agreed a six-week trial, and he was on the device by the spring term.\n\n**Q: Leadership example?**\n\nI ran the clinic rota for a year and moved the drop-in sessions to the family hubs. Waiting times went from 38 to 20 weeks by the spring.\n\n## Questions for them\n\n- What does supervision look like?\n";
        assert_eq!(
            titles_in(prep),
            [
                "Q: Tell me about a time you disagreed with a colleague",
                "Q: Leadership example?"
            ]
        );
        // A bold label in an answer is the answer's, not the next question.
        let labelled = prep.replace(
            "\n\nWe agreed a six-week trial",
            "\n\n**Result:**\nWe agreed a six-week trial",
        );
        assert_eq!(titles_in(&labelled).len(), 2, "{labelled}");
        let e = &read(&labelled).experiences[0];
        assert_eq!(e.evidence(PartKind::Result), Some(Evidence::Label));
        // A bold question that asks for a view is answered with reasons, not a story; one
        // that asks for a time is a story's title.
        let why = "# RM interview\n\n**Why Oakfield?**\n- 60 beds, rated RI in 2023 - I've done that turnaround before and got the home to good in a year\n- closer to home, and I met the clinical lead last month who told me about the support\n\n**Tell me about a time you dealt with a complaint**\n\nA daughter complained about her mother's care on nights. I met her the next day and listened to all of it. I changed the night checks with the seniors.\n\nShe wrote to thank the staff, and complaints about nights fell to none in three months.\n";
        assert_eq!(
            titles_in(why),
            ["Tell me about a time you dealt with a complaint"]
        );
        // A lone bold line over paragraphs is a tagline, not a title.
        let readme = "# Arena\n\n**A fast allocation arena for values of one type.**\n\nAllocated objects are destroyed all at once. There is also a way to recover them when the arena is no longer required.\n\n## Example\n";
        assert!(read(readme).experiences.is_empty());
    }

    /// A journal's entries between rules: a short dated line (and a line of tags) names the
    /// story the paragraphs under it tell, up to the next rule; a changelog's dated entries
    /// there tell none.
    #[test]
    fn a_journals_dated_entries_between_rules() {
        let log = "Reflective log – Jess\n\n-----\n\n3rd September 2024 - chairing the staff meeting\nUnit 301\n\nSharon asked me to chair the monthly meeting. I wrote the agenda and put the software item second, so we overran by 20 minutes.\n\nI should have put the software item last and been firmer about parking questions.\n\n-----\n\n8th October 2024 – sharps injury\n\nChloe got a needlestick injury. I made her bleed the wound, told Dr Okafor and rang occupational health. Her bloods came back clear.\n\n-----\n\nNext entry due December.\n";
        assert_eq!(
            titles_in(log),
            [
                "3rd September 2024 - chairing the staff meeting",
                "8th October 2024 – sharps injury"
            ]
        );
        let changelog = "Changes\n\n-----\n\n2024-09-03 - v1.2\n\nFixed the parser on Windows. Added tests for the lexer.\n\n-----\n\n2024-10-08 - v1.3\n\nBumped the minimum Rust version.\n";
        assert!(titles_in(changelog).is_empty());
    }

    /// A supervision log's entries: a reflection told under its label is the story, its
    /// actions the story's; an entry whose reflection is "n/a" tells none.
    #[test]
    fn a_supervision_logs_reflections() {
        let log = "# Clinical supervision log\n\n## 12/01/24 — caseload\n**Topics:** caseload review; leave\n**Reflection:** n/a\n**Actions agreed:**\n- close the 4 cases by end of month\n\n## 09/02/24 — Mr D (seating)\n**Topics:** case discussion\n**Reflection:**\nMr D was referred with a pressure area on his sacrum. I issued a higher-spec cushion the same week and gave advice on weight shifts. When I went back I did a proper posture assessment and referred him for a tilt-in-space chair.\nLearning: pressure care is a seating problem first.\n";
        assert_eq!(titles_in(log), ["09/02/24 — Mr D (seating)"]);
        assert_eq!(
            read(log).experiences[0].state(PartKind::Action),
            PartState::Stated
        );
    }

    /// Where two headings' sections or more each open with a bold title, the bold lines name
    /// the stories and the headings are the form's themes; a heading opened by the only one is
    /// still the story, its bold line a tagline.
    #[test]
    fn bold_titles_that_open_the_sections_of_a_form() {
        let form = "Promotion case\n==============\n\nTechnical leadership\n--------------------\n\n**Moving the team's reports to dbt**\n\nI inventoried all 23 reports and retired 7 that nobody opened.\n\nMonth-end run time went from two days to under an hour.\n\nDeveloping others\n-----------------\n\n**Leon (grad)**\n\nI buddied Leon from April and reviewed all his pull requests. By July he ran the weekly pack on his own.\n";
        assert_eq!(
            titles_in(form),
            ["Moving the team's reports to dbt", "Leon (grad)"]
        );
        let alone = form
            .split("Developing others")
            .next()
            .unwrap_or_default()
            .replace("Technical leadership", "Moving the reports");
        assert_eq!(titles_in(&alone), ["Moving the reports"]);
    }

    /// In a series of bold titles alone on their lines, a title of two words, or one with a
    /// remark in brackets, heads the paragraphs up to the next: each answer is its own story.
    #[test]
    fn a_series_of_short_bold_titles_over_their_answers() {
        let prep = "# AHT interview\n\n**Attendance – Y9 persistent absence**\n\nOur Y9 absence was the worst in the school. I split the list into three and ran a breakfast club myself. Absence was down to 15% by July.\n\n**Difficult parent**\n\nDad came in furious about a detention. I met him that afternoon and just listened. He withdrew the complaint the next week.\n\nWhat I took from it: most angry parents are frightened parents.\n\n**Safeguarding – acting quickly** (keep it vague on the day)\n\nA student disclosed to her tutor while the DSL was off site. I took it, logged it and rang the hub. She was safe by the afternoon.\n";
        assert_eq!(
            titles_in(prep),
            [
                "Attendance – Y9 persistent absence",
                "Difficult parent",
                "Safeguarding – acting quickly"
            ]
        );
        let lessons: Vec<PartState> = read(prep)
            .experiences
            .iter()
            .map(|e| e.state(PartKind::Lesson))
            .collect();
        assert_eq!(
            lessons,
            [PartState::Absent, PartState::Stated, PartState::Absent]
        );
    }

    #[test]
    fn a_logs_dated_line_over_what_was_done_is_a_story() {
        let log = "# Farm log 2023\n\n## Jan–Mar\n\n- 11/01 staff meeting re lambing rota\n- 27/02 watery mouth in the first batch of twins\n  - 14 lambs down in three days\n  - went back to basics: colostrum into every lamb inside 2 hrs\n  - no more losses after 2nd March\n- 15/03 lambing finished\n";
        assert_eq!(
            titles_in(log),
            ["27/02 watery mouth in the first batch of twins"]
        );
        // Undated, the same lines are a to-do's or a plan's.
        let undated = log.replace("27/02 watery", "watery");
        assert!(read(&undated).experiences.is_empty(), "{undated}");
    }

    #[test]
    fn a_question_asking_for_a_view_beside_stories_is_no_story() {
        let answers = "# Answers\n\n## Tell me about a time you improved a process\n\nI rewrote the twelve most-used exercise sheets in plain English. The calls from families went from several a week to one a month.\n\n## Why do you want this role?\n\n- to build the class work into a proper service\n- the ortho interface — I've worked both sides\n";
        assert_eq!(
            titles_in(answers),
            ["Tell me about a time you improved a process"]
        );
        // A question that asks for a time is a story's, beside the others.
        let stub = answers.replace("Why do you want this role?", "Have you ever had to say no?");
        assert_eq!(titles_in(&stub).len(), 2, "{stub}");
    }

    #[test]
    fn a_plain_title_before_a_dash_over_an_episode_is_a_story() {
        let list = "# Accomplishments\n\n## 2023\n\n1. Led the Year 8 scheme-of-work rewrite — replaced the old booklets with six\n   practical units.\n   - The end-of-year average went from 54% to 63%.\n2. Ran the STEM club — every Tuesday.\n3. Build from source — needs Rust\n   - Clone the repository\n   - Run the build\n";
        let titles = titles_in(list);
        assert_eq!(titles, ["Led the Year 8 scheme-of-work rewrite"]);
    }

    #[test]
    fn a_logs_dated_line_over_an_episode_is_a_story() {
        let log = "# Log\n\n## January\n\n- 2025-01-13: Ran the safety huddle on walkways.\n- 2025-01-20: Cleared the snow backlog in one night\n  - There were 11 trailers stacked in the yard after the roads reopened.\n  - I split the team: my two fastest drivers on putaway, everyone else tipping.\n  - All 11 tipped and put away by 5:40am.\n- 2025-01-22: Dariusz passed his recert\n";
        let titles = titles_in(log);
        assert_eq!(
            titles,
            ["2025-01-20: Cleared the snow backlog in one night"]
        );
        // Sub-tasks under a line are a to-do's, not a story.
        let todo = "# Log\n\n- 2025-01-20: Clear the snow backlog\n  - split the team\n  - ask Kelly to stay on the desk\n";
        assert!(read(todo).experiences.is_empty());
    }

    #[test]
    fn a_terse_story_in_the_writers_voice_is_one_and_a_benchmark_note_is_not() {
        let terse = "## Customer focus\n\n### Retail sales on the leisure routes\n\nStarted a short briefing item on retail and paired the stronger sellers with newer crew. Sales on my flights were up 18% over the summer.\n\n## Tips for the day\n\n- Eye contact with both panel members\n";
        let titles = titles_in(terse);
        assert_eq!(titles, ["Retail sales on the leisure routes"]);
        // No one's voice: a README's benchmark section.
        let bench = terse.replace("on my flights", "on the test machine");
        assert!(read(&bench).experiences.is_empty());
        // The writer's voice, but nothing came of it.
        let plan = terse.replace(
            " Sales on my flights were up 18% over the summer.",
            " My manager liked it.",
        );
        assert!(read(&plan).experiences.is_empty());
    }

    #[test]
    fn a_story_that_is_not_about_work_does_not_make_a_file_career_notes() {
        let loaf = "# Sourdough\n\n## The story of loaf number one\n\n**Context:** a cold kitchen.\n\n**What I did:** I mixed everything at once and baked it too soon.\n\n**Result:** my first loaf failed; it was as flat as a plate.\n\nIt taught me that time matters more than effort.\n";
        let (notes, findings) = crate::analyse_document(loaf, &Settings::default(), false);
        assert!(notes.experiences.is_empty() && findings.is_empty());
        let shift = loaf
            .replace(
                "a cold kitchen",
                "the ward was short of staff on every shift",
            )
            .replace(
                "my first loaf failed; it was as flat as a plate",
                "the team cut handover time by half",
            );
        let (notes, _) = crate::analyse_document(&shift, &Settings::default(), false);
        assert_eq!(notes.experiences.len(), 1);
    }

    #[test]
    fn a_lesson_stated_in_a_sentence_is_read_as_one() {
        let text = "## Migration\n\nI moved the jobs to the new queue. It cut costs by 8%. I learned to measure before moving anything.\n";
        let notes = read(text);
        let e = &notes.experiences[0];
        assert_eq!(e.state(PartKind::Lesson), PartState::Stated);
        assert_eq!(e.evidence(PartKind::Lesson), Some(Evidence::Prose));
    }

    #[test]
    fn near_misses_are_not_parts() {
        // "the lesson plan" and "the results page" name no lesson and no result.
        let text = "## Teaching week\n\nI wrote the lesson plan and checked the results page.\n";
        let notes = read(text);
        for e in &notes.experiences {
            assert_eq!(e.state(PartKind::Lesson), PartState::Absent, "{e:?}");
            assert_eq!(e.state(PartKind::Result), PartState::Absent, "{e:?}");
        }
    }

    #[test]
    fn an_empty_label_is_an_empty_part_and_a_prompt_is_not_an_answer() {
        let prompt = Settings::default()
            .prompts
            .get(PartKind::Lesson)
            .to_string();
        let text = format!(
            "## Hiring\n\nAction: I rewrote the rubric.\nResult:\nLesson: <!-- {prompt} -->\n"
        );
        let e = &read(&text).experiences[0];
        assert_eq!(e.state(PartKind::Result), PartState::Empty);
        assert_eq!(e.state(PartKind::Lesson), PartState::Empty);
        assert!(e.parts_of(PartKind::Lesson).all(|p| p.has_prompt));
    }

    #[test]
    fn a_comment_switches_a_rule_off_for_its_experience_only() {
        let text = "## A\n\n<!-- hindsight-disable missing-lesson -->\nAction: I did it.\n\n## B\n\nAction: I did it too.\n";
        let notes = read(text);
        assert!(
            notes.experiences[0]
                .suppressed
                .contains(crate::kinds::RuleCode::MissingLesson)
        );
        assert!(
            !notes.experiences[1]
                .suppressed
                .contains(crate::kinds::RuleCode::MissingLesson)
        );
    }

    #[test]
    fn a_document_that_is_not_career_notes_has_no_experience() {
        let text = "# Install\n\nRun `cargo build`.\n\n## Changelog\n\n- Fixed a bug in the parser.\n- Results page loads faster.\n";
        assert!(read(text).experiences.is_empty());
    }

    #[test]
    fn lone_cr_line_ends_are_lines() {
        let notes = read("## Old Mac\rAction: I exported it.\rResult: 12 minutes, from 40.\r");
        let e = &notes.experiences[0];
        assert_eq!(e.state(PartKind::Result), PartState::Stated);
    }
}
