//! Reading a career-notes file into experiences and their parts (SPEC §2).
//!
//! The steps, one module each: Markdown blocks (`crate::blocks`) → [`headings`] classified as
//! part headings, reserved sections or ordinary headings → [`label_lines`] and list labels
//! found line by line outside code, HTML and tables → [`list_items`] whose first line is a
//! title → [`prose`] sentences that state a part without a label → [`experiences`] chosen on
//! evidence → part bodies cut and judged → [`comments`] applied as suppressions.

use std::ops::Range;

use crate::blocks::{self, Blocks};
use crate::config::Settings;
use crate::frontmatter::{self, FrontMatter};
use crate::kinds::{PartKind, PartState, RuleSet};
use crate::labels::{LabelStyle, Reserved};
use crate::part_state;
use crate::text;

mod comments;
mod experiences;
mod headings;
mod label_lines;
pub mod list_items;
pub mod prose;

use comments::{Directive, read_comments};
use headings::{HeadingTree, classify_headings};
use label_lines::find_label_lines;

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
    ListLabel {
        style: LabelStyle,
        marker: String,
        prefix: String,
        checkbox: bool,
        item_end: usize,
    },
    /// A sentence of the experience's own text read as this part (no label).
    Prose,
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
}

impl Evidence {
    pub fn key(self) -> &'static str {
        match self {
            Evidence::Label => "label",
            Evidence::Marker => "marker",
            Evidence::Prose => "prose",
        }
    }
}

/// What an experience is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Heading,
    /// A list item whose first line is its title.
    ListItem,
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
    /// Whether the content reads like career notes, whatever the file is called: at least two
    /// experiences told in the first person that state what was done and what came of it, or
    /// one story whose labels state three kinds of part (a STAR answer).
    pub fn reads_like_career_notes(&self, text: &str) -> bool {
        // Told in the writer's own voice ("I", "my"), stating an action and a result. Counted
        // only here: most files are career notes by name and never ask.
        let voiced_experiences = self
            .experiences
            .iter()
            .filter(|e| {
                e.state(PartKind::Action) == PartState::Stated
                    && e.state(PartKind::Result) == PartState::Stated
            })
            .filter(|e| {
                let mut count = crate::pronouns::PronounCount::default();
                count.add(&text::without(
                    text,
                    e.section.clone(),
                    &[&self.blocks.comments, &self.blocks.code_blocks],
                ));
                count.i > 0
            })
            .take(2)
            .count();
        let labelled_story = |e: &Experience| {
            PartKind::ALL
                .iter()
                .filter(|k| {
                    e.parts_of(**k)
                        .any(|p| p.state == PartState::Stated && p.evidence != Evidence::Prose)
                })
                .count()
                >= 3
        };
        voiced_experiences >= 2
            || (voiced_experiences >= 1 && self.experiences.iter().any(labelled_story))
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
pub(super) struct RawPart {
    kind: PartKind,
    notation: Notation,
    label: Range<usize>,
    line_start: usize,
    body_start: usize,
    /// For sub-headings: the end of the heading's section; list labels: the item's end.
    hard_end: usize,
    /// Label lines and list labels end at the next heading; sub-heading parts at their section end.
    ends_at_heading: bool,
    /// A STAR letter rather than a word.
    letter: bool,
    /// STAR letters and HTML labels: found as markers rather than words.
    marker: bool,
}

/// Who holds a stretch of text: an ordinary heading, or a titled list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Heading(usize),
    Item(usize),
}

/// Parses `text` under `settings`. A lone `\r` ends a line (old Mac files), read as `\n`
/// byte for byte so that every range is a range of `text` too.
pub fn parse(text: &str, settings: &Settings) -> Notes {
    let text = &*text::lone_cr_as_lf(text);
    let front_matter = frontmatter::read(text);
    let blocks = blocks::scan(text, front_matter.range.end);
    let headings = classify_headings(text, &blocks, settings);
    let mut raw = find_label_lines(text, &front_matter, &blocks, &headings, settings);
    for (i, h) in headings.iter().enumerate() {
        if let Some(kind) = h.part {
            raw.push(RawPart {
                kind,
                notation: Notation::SubHeading { level: h.level },
                label: h.title.clone(),
                line_start: h.line_start,
                body_start: h.range.end,
                hard_end: headings[i].section_end,
                // A deeper heading starts a sub-section of its own, not more of this part.
                ends_at_heading: true,
                letter: false,
                marker: false,
            });
        }
    }
    raw.sort_by_key(|p| p.line_start);

    let tree = HeadingTree::build(&headings);
    keep_letters_among_letters(&mut raw, &headings, &tree);
    let comments = read_comments(text, &blocks);
    let level = settings.experience_level.or(front_matter.experience_level);

    // What prose reading never reads: headings, labels, comments, code, HTML and tables.
    let mut unreadable: Vec<Range<usize>> = headings
        .iter()
        .map(|h| h.line_start..h.range.end)
        .chain(raw.iter().map(|p| p.label.clone()))
        .chain(blocks.comments.iter().cloned())
        .chain(blocks.code_blocks.iter().cloned())
        .chain(blocks.code_spans.iter().cloned())
        .chain(blocks.opaque.iter().cloned())
        .collect();
    unreadable.sort_by_key(|r| r.start);

    let chosen = experiences::choose(&experiences::Input {
        text,
        settings,
        blocks: &blocks,
        headings: &headings,
        tree: &tree,
        raw: &raw,
        comments: &comments,
        unreadable: &unreadable,
        level,
    });
    let items = &chosen.items;

    // The unit whose own text holds an offset: the item experience around it, else the
    // heading that owns it.
    let item_starts: Vec<usize> = items.iter().map(|t| t.line_start).collect();
    let item_at = |offset: usize| -> Option<usize> {
        let i = item_starts
            .partition_point(|s| *s <= offset)
            .checked_sub(1)?;
        (offset > items[i].first_line.end && offset < items[i].end).then_some(i)
    };
    let unit_of = |offset: usize| -> Option<Unit> {
        match item_at(offset) {
            Some(i) => Some(Unit::Item(i)),
            None => tree.owner_at(&headings, offset).map(Unit::Heading),
        }
    };

    // Experiences in document order; `exp_of_unit` maps a unit to its index there.
    let mut order: Vec<(usize, Unit)> = chosen
        .is_experience
        .iter()
        .enumerate()
        .filter(|(_, e)| **e)
        .map(|(i, _)| (headings[i].line_start, Unit::Heading(i)))
        .chain(
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (t.line_start, Unit::Item(i))),
        )
        .collect();
    order.sort_by_key(|(start, _)| *start);
    let mut heading_exp = vec![None; headings.len()];
    let mut item_exp = vec![None; items.len()];
    for (n, (_, unit)) in order.iter().enumerate() {
        match unit {
            Unit::Heading(h) => heading_exp[*h] = Some(n),
            Unit::Item(i) => item_exp[*i] = Some(n),
        }
    }
    // The experience a unit's text belongs to, and whether it is that experience's own text.
    let experience_of = |unit: Unit| -> Option<(usize, bool)> {
        match unit {
            Unit::Item(i) => item_exp[i].map(|e| (e, true)),
            Unit::Heading(h) => {
                let exp = tree.experience_ancestor(h, &chosen.is_experience)?;
                heading_exp[exp].map(|e| (e, exp == h))
            }
        }
    };

    // Bodies: each part runs to the next part, and (labels) to the next heading or item
    // experience.
    let heading_starts: Vec<usize> = headings.iter().map(|h| h.line_start).collect();
    let mut parts_by_exp: Vec<Vec<Part>> = vec![Vec::new(); order.len()];
    for (i, p) in raw.iter().enumerate() {
        let Some(unit) = unit_of(p.line_start.max(p.label.start)) else {
            continue;
        };
        let Some((exp, direct)) = experience_of(unit) else {
            continue;
        };
        let mut end = raw
            .get(i + 1)
            .map_or(text.len(), |next| next.line_start)
            .min(p.hard_end);
        if p.ends_at_heading {
            let next_heading = heading_starts.partition_point(|s| *s <= p.line_start);
            if let Some(start) = heading_starts.get(next_heading) {
                end = end.min(*start);
            }
        }
        match unit {
            Unit::Item(t) => end = end.min(items[t].own_end),
            Unit::Heading(_) => {
                let next_item = item_starts.partition_point(|s| *s <= p.line_start);
                if let Some(start) = item_starts.get(next_item) {
                    end = end.min(*start);
                }
            }
        }
        end = end.min(section_of(&order[exp].1, &headings, items).end);
        let body = p.body_start..end.max(p.body_start);
        let visible = text::without(text, body.clone(), &[&blocks.comments]);
        let verdict = part_state::judge(&visible, &text[body.clone()], &settings.prompts);
        parts_by_exp[exp].push(Part {
            kind: p.kind,
            notation: p.notation.clone(),
            label: p.label.clone(),
            line_start: p.line_start,
            body,
            state: verdict.state,
            has_prompt: verdict.has_prompt,
            direct,
            evidence: if p.marker {
                Evidence::Marker
            } else {
                Evidence::Label
            },
        });
    }

    // Prose: a kind is read from sentences only when no label names it.
    for (n, (_, unit)) in order.iter().enumerate() {
        let hits = match unit {
            Unit::Heading(h) => &chosen.heading_prose[*h],
            Unit::Item(i) => &chosen.item_prose[*i],
        };
        let labelled: Vec<PartKind> = parts_by_exp[n].iter().map(|p| p.kind).collect();
        // An action sentence inside a labelled part belongs to that part ("Closed 14 incidents"
        // under `### Result`); a lesson or second thought added at the end of a result is read.
        let bodies: Vec<Range<usize>> = parts_by_exp[n].iter().map(|p| p.body.clone()).collect();
        let in_body =
            |r: &Range<usize>| bodies.iter().any(|b| b.start <= r.start && r.start < b.end);
        for hit in hits.iter().filter(|h| {
            let action_in_a_part = h.kind == PartKind::Action && in_body(&h.sentence);
            !labelled.contains(&h.kind) && !action_in_a_part
        }) {
            parts_by_exp[n].push(Part {
                kind: hit.kind,
                notation: Notation::Prose,
                label: hit.sentence.clone(),
                line_start: blocks::line_start(text, hit.sentence.start),
                body: hit.sentence.clone(),
                state: PartState::Stated,
                has_prompt: false,
                direct: false,
                evidence: Evidence::Prose,
            });
        }
        parts_by_exp[n].sort_by_key(|p| p.line_start);
    }

    // Suppressions.
    let title_heading = headings
        .first()
        .filter(|h| h.part.is_none() && h.section_end == text.len() && !chosen.is_experience[0])
        .map(|_| 0);
    let mut file_suppressed = RuleSet::default();
    let mut suppressed = vec![RuleSet::default(); order.len()];
    let mut container_runs: Vec<(usize, usize, RuleSet)> = Vec::new();
    for c in &comments {
        let Directive::Disable(codes) = c.directive else {
            continue;
        };
        if let Some(Unit::Item(i)) = unit_of(c.offset)
            && let Some(exp) = item_exp[i]
        {
            suppressed[exp] = suppressed[exp].union(codes);
            continue;
        }
        let owner = tree.owner_at(&headings, c.offset);
        match owner {
            None => file_suppressed = file_suppressed.union(codes),
            Some(o) if Some(o) == title_heading => file_suppressed = file_suppressed.union(codes),
            Some(o) => match tree.experience_ancestor(o, &chosen.is_experience) {
                Some(exp) => {
                    if let Some(n) = heading_exp[exp] {
                        suppressed[n] = suppressed[n].union(codes);
                    }
                }
                None => {
                    // Every experience that starts inside the container's section: a run of
                    // `order`, applied below in one sweep (N comments × N experiences stays
                    // linear).
                    let section = headings[o].line_start..headings[o].section_end;
                    let lo = order.partition_point(|(start, _)| *start <= section.start);
                    let hi = order.partition_point(|(start, _)| *start < section.end);
                    if lo < hi {
                        container_runs.push((lo, hi, codes));
                    }
                }
            },
        }
    }
    apply_runs(&mut suppressed, &mut container_runs);

    let mut experiences = Vec::with_capacity(order.len());
    let mut parts_by_exp = parts_by_exp.into_iter();
    for (n, (_, unit)) in order.iter().enumerate() {
        let parts = parts_by_exp.next().unwrap_or_default();
        let experience = match *unit {
            Unit::Heading(i) => {
                let h = &headings[i];
                Experience {
                    title: text[h.title.clone()].to_string(),
                    shape: Shape::Heading,
                    level: h.level,
                    heading: h.range.clone(),
                    title_range: h.title.clone(),
                    section: h.line_start..h.section_end,
                    own_end: own_end(&headings, i),
                    parts,
                    suppressed: suppressed[n],
                }
            }
            Unit::Item(i) => {
                let t = &items[i];
                let level = tree
                    .owner_at(&headings, t.line_start)
                    .map_or(1, |h| (headings[h].level + 1).min(6));
                Experience {
                    title: text[t.title.clone()].to_string(),
                    shape: Shape::ListItem,
                    level,
                    heading: t.first_line.clone(),
                    title_range: t.title.clone(),
                    section: t.line_start..t.end,
                    own_end: t.own_end,
                    parts,
                    suppressed: suppressed[n],
                }
            }
        };
        experiences.push(experience);
    }

    let sections = |kind: Reserved| headings.iter().filter(move |h| h.reserved == Some(kind));
    let strengths_section = sections(Reserved::Strengths).next().is_some();
    let growth_section = sections(Reserved::Growth).next().is_some();
    let has_strengths =
        sections(Reserved::Strengths).any(|h| !holds_only_prompts(text, h, &blocks));
    let has_growth = sections(Reserved::Growth).any(|h| !holds_only_prompts(text, h, &blocks));
    let line_ending = match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    };
    Notes {
        front_matter,
        headings,
        experiences,
        has_strengths,
        has_growth,
        strengths_section,
        growth_section,
        file_suppressed,
        blocks,
        line_ending,
    }
}

/// Unions each run's codes into `suppressed[lo..hi]`, with a count per code in one sweep.
fn apply_runs(suppressed: &mut [RuleSet], runs: &mut Vec<(usize, usize, RuleSet)>) {
    if runs.is_empty() {
        return;
    }
    let mut events: Vec<(usize, RuleSet, bool)> = Vec::with_capacity(runs.len() * 2);
    for (lo, hi, codes) in runs.drain(..) {
        events.push((lo, codes, true));
        events.push((hi, codes, false));
    }
    events.sort_by_key(|(at, _, _)| *at);
    let mut active = [0usize; crate::kinds::RuleCode::ALL.len()];
    let mut next = 0;
    for (n, slot) in suppressed.iter_mut().enumerate() {
        while let Some((at, codes, opens)) = events.get(next)
            && *at <= n
        {
            for code in codes.codes() {
                let count = &mut active[code as usize];
                *count = if *opens {
                    *count + 1
                } else {
                    count.saturating_sub(1)
                };
            }
            next += 1;
        }
        for code in crate::kinds::RuleCode::ALL {
            if active[code as usize] > 0 {
                slot.insert(code);
            }
        }
    }
}

/// STAR letters count only as a set: at least three kinds among the letters under one heading
/// (`S:` `A:` `R:`), so that an FAQ's `A:` lines or a lone `R:` are not parts.
fn keep_letters_among_letters(raw: &mut Vec<RawPart>, headings: &[Heading], tree: &HeadingTree) {
    if !raw.iter().any(|p| p.letter) {
        return;
    }
    let owner = |p: &RawPart| tree.owner_at(headings, p.line_start);
    let mut kinds: std::collections::HashMap<Option<usize>, Vec<PartKind>> =
        std::collections::HashMap::new();
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

fn section_of(unit: &Unit, headings: &[Heading], items: &[list_items::TitledItem]) -> Range<usize> {
    match *unit {
        Unit::Heading(h) => headings[h].line_start..headings[h].section_end,
        Unit::Item(i) => items[i].line_start..items[i].end,
    }
}

/// End of a heading's own text: before its first deeper non-part heading.
fn own_end(headings: &[Heading], i: usize) -> usize {
    let h = &headings[i];
    headings[i + 1..]
        .iter()
        .take_while(|d| d.line_start < h.section_end)
        .find(|d| d.part.is_none() && d.level > h.level)
        .map_or(h.section_end, |d| d.line_start)
}
