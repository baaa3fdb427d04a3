//! Parsing a career-notes file into experiences and their parts (SPEC §2).
//!
//! The pipeline: front matter → Markdown blocks (pulldown-cmark) → headings classified as part
//! headings, reserved sections or ordinary headings → label lines and list labels found line by
//! line outside code, HTML and tables → each part given an owner heading → experiences chosen
//! (auto or explicit level) → part bodies cut and judged → suppression comments applied.

use std::ops::Range;

use crate::blocks::{self, Blocks, ListItem};
use crate::config::Settings;
use crate::frontmatter::{self, FrontMatter};
use crate::kinds::{PartKind, PartState, RuleCode, RuleSet};
use crate::labels::{self, LabelStyle, Reserved};
use crate::part_state;
use crate::text;

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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experience {
    pub title: String,
    pub level: u8,
    /// The heading block.
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
}

/// A parsed file.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub front_matter: FrontMatter,
    pub headings: Vec<Heading>,
    pub experiences: Vec<Experience>,
    pub has_strengths: bool,
    pub has_growth: bool,
    /// Codes switched off for the whole file.
    pub file_suppressed: RuleSet,
    pub blocks: Blocks,
    /// `"\r\n"` when the file's first line ends that way, so insertions match it.
    pub line_ending: &'static str,
}

impl Notes {
    /// The experience whose section contains `offset` (the innermost).
    pub fn experience_at(&self, offset: usize) -> Option<usize> {
        self.experiences.iter().rposition(|e| {
            e.section.start <= offset && offset < e.section.end.max(e.section.start + 1)
        })
    }
}

/// A label found on a line, before bodies and owners are known.
struct RawPart {
    kind: PartKind,
    notation: Notation,
    label: Range<usize>,
    line_start: usize,
    body_start: usize,
    /// For sub-headings: the end of the heading's section; list labels: the item's end.
    hard_end: usize,
    /// Label lines and list labels end at the next heading; sub-heading parts at their section end.
    ends_at_heading: bool,
}

/// Parses `text` under `settings`.
pub fn parse(text: &str, settings: &Settings) -> Notes {
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
            });
        }
    }
    raw.sort_by_key(|p| p.line_start);

    let tree = HeadingTree::build(&headings);
    let comments = read_comments(text, &blocks);
    let mut not_experience = vec![false; headings.len()];
    for c in &comments {
        if c.directive == Directive::NotExperience
            && let Some(owner) = tree.owner_at(&headings, c.offset)
        {
            not_experience[owner] = true;
        }
    }

    let level = settings.experience_level.or(front_matter.experience_level);
    let part_owners: Vec<Option<usize>> = raw
        .iter()
        .map(|p| tree.owner_at(&headings, p.line_start.max(p.label.start)))
        .collect();
    let is_experience =
        choose_experiences(&headings, &tree, &raw, &part_owners, &not_experience, level);

    // Bodies: each part runs to the next part, and (labels) to the next heading.
    let heading_starts: Vec<usize> = headings.iter().map(|h| h.line_start).collect();
    let mut parts_by_heading: Vec<Vec<Part>> = vec![Vec::new(); headings.len()];
    for (i, p) in raw.iter().enumerate() {
        let Some(owner) = part_owners[i] else {
            continue;
        };
        let Some(exp) = tree.experience_ancestor(owner, &is_experience) else {
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
        end = end.min(headings[exp].section_end).max(p.body_start);
        let body = p.body_start..end;
        let visible = text::without(text, body.clone(), &[&blocks.comments]);
        let verdict = part_state::judge(&visible, &text[body.clone()], &settings.prompts);
        parts_by_heading[exp].push(Part {
            kind: p.kind,
            notation: p.notation.clone(),
            label: p.label.clone(),
            line_start: p.line_start,
            body,
            state: verdict.state,
            has_prompt: verdict.has_prompt,
            direct: owner == exp,
        });
    }

    // Suppressions.
    let title_heading = headings
        .first()
        .filter(|h| h.part.is_none() && h.section_end == text.len() && !is_experience[0])
        .map(|_| 0);
    let mut file_suppressed = RuleSet::default();
    let mut suppressed = vec![RuleSet::default(); headings.len()];
    for c in &comments {
        let Directive::Disable(codes) = c.directive else {
            continue;
        };
        let owner = tree.owner_at(&headings, c.offset);
        match owner {
            None => file_suppressed = file_suppressed.union(codes),
            Some(o) if Some(o) == title_heading => file_suppressed = file_suppressed.union(codes),
            Some(o) => match tree.experience_ancestor(o, &is_experience) {
                Some(exp) => suppressed[exp] = suppressed[exp].union(codes),
                None => {
                    for (j, inside) in is_experience.iter().enumerate() {
                        if *inside && tree.is_descendant(j, o) {
                            suppressed[j] = suppressed[j].union(codes);
                        }
                    }
                }
            },
        }
    }

    let mut experiences = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if !is_experience[i] {
            continue;
        }
        let own_end = headings[i + 1..]
            .iter()
            .take_while(|d| d.line_start < h.section_end)
            .find(|d| d.part.is_none() && d.level > h.level)
            .map_or(h.section_end, |d| d.line_start);
        experiences.push(Experience {
            title: text[h.title.clone()].to_string(),
            level: h.level,
            heading: h.range.clone(),
            title_range: h.title.clone(),
            section: h.line_start..h.section_end,
            own_end,
            parts: std::mem::take(&mut parts_by_heading[i]),
            suppressed: suppressed[i],
        });
    }

    let has_strengths = headings
        .iter()
        .any(|h| h.reserved == Some(Reserved::Strengths));
    let has_growth = headings
        .iter()
        .any(|h| h.reserved == Some(Reserved::Growth));
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
        file_suppressed,
        blocks,
        line_ending,
    }
}

fn classify_headings(text: &str, blocks: &Blocks, settings: &Settings) -> Vec<Heading> {
    let mut headings: Vec<Heading> = blocks
        .headings
        .iter()
        .map(|b| {
            let title = &text[b.title.clone()];
            let normalized = labels::normalize(title);
            let part = settings.vocabulary.kind_of_normalized(&normalized);
            Heading {
                level: b.level,
                range: b.range.clone(),
                title: b.title.clone(),
                line_start: blocks::line_start(text, b.range.start),
                section_end: text.len(),
                part,
                reserved: if part.is_none() {
                    labels::reserved_normalized(&normalized)
                } else {
                    None
                },
            }
        })
        .collect();
    // Section ends, with a stack of open headings.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let (level, start) = (headings[i].level, headings[i].line_start);
        while let Some(&top) = open.last() {
            if headings[top].level >= level {
                headings[top].section_end = start;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }
    headings
}

/// Which headings own which text: ordinary headings form a tree; part headings belong to the
/// innermost ordinary heading around them.
struct HeadingTree {
    /// For each heading: the ordinary heading whose direct content it is (itself when ordinary).
    owner: Vec<Option<usize>>,
    /// For each ordinary heading: its parent ordinary heading.
    parent: Vec<Option<usize>>,
    starts: Vec<usize>,
}

impl HeadingTree {
    fn build(headings: &[Heading]) -> HeadingTree {
        let mut owner = vec![None; headings.len()];
        let mut parent = vec![None; headings.len()];
        let mut stack: Vec<usize> = Vec::new();
        for (i, h) in headings.iter().enumerate() {
            while stack
                .last()
                .is_some_and(|&top| headings[top].level >= h.level)
            {
                stack.pop();
            }
            if h.part.is_some() {
                owner[i] = stack.last().copied();
            } else {
                parent[i] = stack.last().copied();
                owner[i] = Some(i);
                stack.push(i);
            }
        }
        HeadingTree {
            owner,
            parent,
            starts: headings.iter().map(|h| h.line_start).collect(),
        }
    }

    /// The ordinary heading whose direct content holds `offset`.
    fn owner_at(&self, _headings: &[Heading], offset: usize) -> Option<usize> {
        let after = self.starts.partition_point(|s| *s <= offset);
        let last = after.checked_sub(1)?;
        self.owner[last]
    }

    fn ancestors(&self, heading: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(heading), move |h| self.parent[*h])
    }

    fn experience_ancestor(&self, heading: usize, is_experience: &[bool]) -> Option<usize> {
        self.ancestors(heading).find(|h| is_experience[*h])
    }

    fn is_descendant(&self, heading: usize, of: usize) -> bool {
        heading != of && self.ancestors(heading).any(|h| h == of)
    }
}

fn choose_experiences(
    headings: &[Heading],
    tree: &HeadingTree,
    raw: &[RawPart],
    part_owners: &[Option<usize>],
    not_experience: &[bool],
    level: Option<u8>,
) -> Vec<bool> {
    let eligible = |i: usize| {
        headings[i].part.is_none() && headings[i].reserved.is_none() && !not_experience[i]
    };
    if let Some(level) = level {
        return (0..headings.len())
            .map(|i| headings[i].level == level && eligible(i))
            .collect();
    }
    // Direct parts per heading.
    let mut kinds = vec![(0usize, false); headings.len()];
    for (p, owner) in raw.iter().zip(part_owners) {
        if let Some(o) = owner {
            kinds[*o].0 += 1;
            kinds[*o].1 |= p.kind != PartKind::Context;
        }
    }
    let candidate: Vec<bool> = (0..headings.len())
        .map(|i| eligible(i) && (kinds[i].1 || kinds[i].0 >= 2))
        .collect();
    let mut container = vec![false; headings.len()];
    for i in (0..headings.len()).filter(|i| candidate[*i]) {
        for a in tree.ancestors(i).skip(1) {
            container[a] = true;
        }
    }
    let mut is_experience: Vec<bool> = (0..headings.len())
        .map(|i| candidate[i] && !container[i])
        .collect();
    // Sibling rule: same level, same parent. Grouped once, so large files stay linear.
    let mut groups: std::collections::HashMap<(Option<usize>, u8), Vec<usize>> =
        std::collections::HashMap::new();
    for j in (0..headings.len()).filter(|j| headings[*j].part.is_none()) {
        groups
            .entry((tree.parent[j], headings[j].level))
            .or_default()
            .push(j);
    }
    for members in groups.values() {
        if members.iter().any(|m| is_experience[*m]) {
            for &j in members {
                if eligible(j) && !container[j] {
                    is_experience[j] = true;
                }
            }
        }
    }
    is_experience
}

/// A Hindsight directive in an HTML comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Disable(RuleSet),
    NotExperience,
}

struct Comment {
    offset: usize,
    directive: Directive,
}

fn read_comments(text: &str, blocks: &Blocks) -> Vec<Comment> {
    let mut out = Vec::new();
    for range in &blocks.comments {
        let inner = text[range.clone()]
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        if let Some(rest) = inner.strip_prefix("hindsight-disable") {
            if rest
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '-')
            {
                continue;
            }
            let mut codes = RuleSet::default();
            let mut any = false;
            for word in rest
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty())
            {
                any = true;
                if let Some(code) = RuleCode::from_code(word) {
                    codes.insert(code);
                }
            }
            let codes = if any { codes } else { RuleSet::ALL };
            out.push(Comment {
                offset: range.start,
                directive: Directive::Disable(codes),
            });
        } else if let Some(rest) = inner.strip_prefix("hindsight:")
            && rest.trim() == "not-experience"
        {
            out.push(Comment {
                offset: range.start,
                directive: Directive::NotExperience,
            });
        }
    }
    out
}

/// Finds label lines and list labels outside code, HTML, tables, comments and headings.
fn find_label_lines(
    text: &str,
    front: &FrontMatter,
    blocks: &Blocks,
    headings: &[Heading],
    settings: &Settings,
) -> Vec<RawPart> {
    let mut opaque: Vec<Range<usize>> = blocks
        .code_blocks
        .iter()
        .chain(&blocks.opaque)
        .chain(&blocks.comments)
        .cloned()
        .collect();
    opaque.sort_by_key(|r| r.start);
    let mut opaque_at = 0;
    let mut heading_at = 0;
    let mut out = Vec::new();
    let mut pos = front.range.end;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line_start = pos;
        pos = line_end + 1;
        let line = text[line_start..line_end].trim_end_matches('\r');
        let indent = line.len() - line.trim_start().len();
        let content_start = line_start + indent;
        if indent == line.len() {
            continue;
        }
        while heading_at < headings.len() && headings[heading_at].range.end < line_start {
            heading_at += 1;
        }
        if headings
            .get(heading_at)
            .is_some_and(|h| h.line_start <= line_start && line_start <= h.range.end)
        {
            continue;
        }
        while opaque_at < opaque.len() && opaque[opaque_at].end <= content_start {
            opaque_at += 1;
        }
        if opaque[opaque_at..]
            .iter()
            .take_while(|r| r.start <= content_start)
            .any(|r| r.contains(&content_start))
        {
            continue;
        }
        if let Some(part) =
            label_on_line(text, line_start, line_start + line.len(), blocks, settings)
        {
            out.push(part);
        }
    }
    out
}

fn label_on_line(
    text: &str,
    line_start: usize,
    line_end: usize,
    blocks: &Blocks,
    settings: &Settings,
) -> Option<RawPart> {
    let mut at = line_start;
    let mut quoted = false;
    let mut item: Option<&ListItem> = None;
    let mut marker = String::new();
    let mut checkbox = false;
    loop {
        let before_indent = at;
        let rest = &text[at..line_end];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        at += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix('>') {
            quoted = true;
            at += 1 + usize::from(after.starts_with(' '));
            continue;
        }
        // pulldown-cmark starts an indented item at its line's (or container's) content start,
        // not at the marker: any item starting between here and the marker is this one.
        let first = blocks.items.partition_point(|i| i.start < before_indent);
        let found = blocks.items[first..]
            .iter()
            .take_while(|i| i.start <= at)
            .last();
        if let Some(found) = found
            && let Some(len) = list_marker_len(trimmed)
        {
            item = Some(found);
            marker = trimmed[..len].trim_end().to_string();
            at += len;
            let (box_len, _) = labels::strip_checkbox(&text[at..line_end]);
            checkbox = box_len > 0;
            at += box_len;
            continue;
        }
        break;
    }
    let rest = &text[at..line_end];
    let first = rest.chars().next()?;
    if first == '`' || (first.is_ascii_punctuation() && !matches!(first, '*' | '_' | '[')) {
        return None;
    }
    let m = settings.vocabulary.match_label_line(rest)?;
    let label = at + m.label_start..at + m.label_end;
    let body_start = if m.body_start >= rest.len() {
        line_end
    } else {
        at + m.body_start
    };
    let notation = match item {
        Some(item) => Notation::ListLabel {
            style: m.style,
            marker: marker.clone(),
            prefix: list_prefix(&text[line_start..item.start]),
            checkbox,
            item_end: item.end,
        },
        None => Notation::LabelLine {
            style: m.style,
            quoted,
            callout: m.callout,
        },
    };
    let hard_end = item.map_or(text.len(), |i| i.end);
    Some(RawPart {
        kind: m.kind,
        notation,
        label,
        line_start,
        body_start,
        hard_end,
        ends_at_heading: true,
    })
}

/// What stands before a list marker on its line, kept when a sibling item is inserted.
fn list_prefix(before: &str) -> String {
    if before.chars().all(|c| c == ' ' || c == '\t' || c == '>') {
        before.to_string()
    } else {
        " ".repeat(before.chars().count())
    }
}

/// Length of a list marker and the spaces after it: `- `, `* `, `+ `, `12. `, `3) `.
fn list_marker_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut len = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.') | Some(b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match bytes.get(len) {
        None => return Some(len),
        Some(b' ') | Some(b'\t') => {}
        Some(_) => return None,
    }
    while matches!(bytes.get(len), Some(b' ') | Some(b'\t')) {
        len += 1;
    }
    Some(len)
}
