//! Quick-fix planning (SPEC §4): where to insert which text. Every fix is a list of
//! insertions; nothing the writer wrote is ever deleted or rewritten.

use crate::config::Settings;
use crate::kinds::{PartKind, PartState, RuleCode};
use crate::labels::{Colon, Emphasis, LabelStyle};
use crate::notes::{Experience, Notation, Notes, Part, Shape};
use crate::prompts::{GROWTH_PROMPT, STRENGTHS_PROMPT};
use crate::rules::Finding;

/// Text to insert at a byte offset of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    pub offset: usize,
    pub text: String,
}

/// Applies insertions (any order) to `text`.
pub fn apply(text: &str, insertions: &[Insertion]) -> String {
    let mut sorted: Vec<&Insertion> = insertions.iter().collect();
    sorted.sort_by_key(|i| i.offset);
    let extra: usize = sorted.iter().map(|i| i.text.len()).sum();
    let mut out = String::with_capacity(text.len() + extra);
    let mut at = 0;
    for ins in sorted {
        let offset = floor_boundary(text, ins.offset.min(text.len())).max(at);
        out.push_str(&text[at..offset]);
        out.push_str(&ins.text);
        at = offset;
    }
    out.push_str(&text[at..]);
    out
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The part kinds a fix-all inserts into one experience: those whose `missing-*` finding is
/// reported and whose part is absent; a missing lesson brings its hindsight prompt along
/// (unless that rule is off or suppressed), since the two are answered together.
pub fn missing_kinds(
    notes: &Notes,
    settings: &Settings,
    findings: &[Finding],
    experience: usize,
) -> Vec<PartKind> {
    let exp = &notes.experiences[experience];
    let mut kinds: Vec<PartKind> = findings
        .iter()
        .filter(|f| f.experience == Some(experience) && !f.on_empty_part)
        .filter_map(|f| f.code.missing_kind())
        .filter(|k| exp.state(*k) == PartState::Absent)
        .collect();
    if kinds.contains(&PartKind::Lesson)
        && exp.state(PartKind::Hindsight) == PartState::Absent
        && settings.severity(RuleCode::MissingHindsight).is_some()
        && !exp.suppressed.contains(RuleCode::MissingHindsight)
        && !notes.file_suppressed.contains(RuleCode::MissingHindsight)
    {
        kinds.push(PartKind::Hindsight);
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Insertions that add the `kinds` parts to one experience, each with its prompt.
///
/// The natural placement (the experience's own notation, next to its neighbours) is checked by
/// re-parsing the experience with the insertion: it must add exactly those parts, as prompts,
/// and change nothing else. Markdown can surprise (a line glued to a table, a lazy
/// continuation, an unclosed fence while typing), so when the check fails, safer placements
/// are tried: the same place set apart by blank lines, then sub-headings at the end of the
/// experience's own text. When none passes, nothing is offered rather than a wrong edit.
pub fn insert_parts(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    kinds: &[PartKind],
) -> Vec<Insertion> {
    let exp = &notes.experiences[experience];
    let kinds: Vec<PartKind> = kinds
        .iter()
        .copied()
        .filter(|k| exp.parts_of(*k).next().is_none())
        .collect();
    // Lone `\r` line ends (old Mac files) are read, but not written into: an insertion would
    // bring a second kind of line end into the file.
    if kinds.is_empty() || crate::text::has_lone_cr(text) {
        return Vec::new();
    }
    for strategy in [Strategy::Natural, Strategy::Apart, Strategy::AtEnd] {
        let plan = plan_parts(notes, text, settings, experience, &kinds, strategy);
        if verify(notes, text, settings, experience, &kinds, &plan) {
            return plan;
        }
    }
    Vec::new()
}

/// Where and how parts are placed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strategy {
    /// The experience's notation, next to its neighbours, tight or loose as they are.
    Natural,
    /// The same place and notation, with blank lines around.
    Apart,
    /// Sub-headings at the end of the experience's own text.
    AtEnd,
}

fn plan_parts(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    kinds: &[PartKind],
    strategy: Strategy,
) -> Vec<Insertion> {
    let exp = &notes.experiences[experience];
    let mut groups: Vec<Group> = Vec::new();
    for &kind in kinds {
        let (offset, style, anchor) = match strategy {
            Strategy::AtEnd => end_of_own_text(exp, text),
            _ => place(exp, text, kind),
        };
        let loose = style.loose() || strategy != Strategy::Natural;
        let nth = groups
            .iter()
            .find(|g| g.offset == offset)
            .map_or(0, |g| g.blocks.len());
        let block = render_part(kind, &style, anchor, nth, settings);
        match groups.iter_mut().find(|g| g.offset == offset) {
            Some(g) => g.blocks.push(block),
            None => groups.push(Group {
                offset,
                loose,
                blocks: vec![block],
            }),
        }
    }
    groups
        .into_iter()
        .map(|g| g.render(text, notes.line_ending))
        .collect()
}

/// Re-parses the experience with `insertions` applied: the same experience (and no other),
/// each inserted kind present as an empty part holding its prompt in the experience's own
/// text, every other kind in the state it had.
fn verify(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    kinds: &[PartKind],
    insertions: &[Insertion],
) -> bool {
    let exp = &notes.experiences[experience];
    if insertions
        .iter()
        .any(|i| i.offset < exp.section.start || i.offset > exp.section.end)
    {
        return false;
    }
    // The section and the heading that ends it: text inserted just above a setext heading's
    // title would join it.
    let next_heading_end = notes
        .headings
        .iter()
        .find(|h| h.line_start == exp.section.end)
        .map_or(exp.section.end, |h| h.range.end);
    let section = exp.section.start..next_heading_end;
    let before = &text[section.clone()];
    let shifted: Vec<Insertion> = insertions
        .iter()
        .map(|i| Insertion {
            offset: i.offset - section.start,
            text: i.text.clone(),
        })
        .collect();
    let after = apply(before, &shifted);
    // Parsed alone, at its own level: the experience does not depend on its siblings here. A
    // list item is read as one (it stands on its own evidence).
    let local = match exp.shape {
        Shape::Heading => settings.with_experience_level(exp.level),
        Shape::ListItem => settings.with_auto_level(),
    };
    let was = crate::notes::parse(before, &local);
    let now = crate::notes::parse(&after, &local);
    let titles = |n: &Notes| {
        n.experiences
            .iter()
            .map(|e| e.title.clone())
            .collect::<Vec<_>>()
    };
    if titles(&was) != titles(&now) || now.experiences.is_empty() {
        return false;
    }
    // Where experiences are chosen automatically, a heading experience is also read that way:
    // parts inserted into a list item in its text must not make that item an experience of its
    // own (it would replace this one, and a second fix-all would plan parts for it). Only list
    // items are compared: read alone, a section's sub-headings may be chosen instead of it.
    if exp.shape == Shape::Heading && settings.experience_level.is_none() {
        let auto = settings.with_auto_level();
        let items = |text: &str| {
            crate::notes::parse(text, &auto)
                .experiences
                .into_iter()
                .filter(|e| e.shape == Shape::ListItem)
                .map(|e| e.title)
                .collect::<Vec<_>>()
        };
        if items(before) != items(&after) {
            return false;
        }
    }
    let (old, new) = (&was.experiences[0], &now.experiences[0]);
    if new.parts.len() != old.parts.len() + kinds.len() {
        return false;
    }
    PartKind::ALL.iter().all(|kind| {
        if kinds.contains(kind) {
            new.state(*kind) == PartState::Empty
                && new.parts_of(*kind).all(|p| p.has_prompt && p.direct)
        } else {
            new.state(*kind) == old.state(*kind)
        }
    })
}

/// The end of the experience's own text, in sub-headings one level below it (for a list-item
/// experience: nested items in the item's own indentation).
fn end_of_own_text(exp: &Experience, text: &str) -> (usize, Style, Anchor) {
    let offset = after_content(text, exp.heading.end, exp.own_end);
    if exp.shape == Shape::ListItem {
        return (offset, item_child_style(exp, text), Anchor::End);
    }
    let style = if exp.level < 6 {
        Style::Heading(exp.level + 1)
    } else {
        Style::BoldLines
    };
    (offset, style, Anchor::End)
}

/// A nested `- **Lesson:** …` item: the marker and indentation of the item's first nested
/// item, else a `-` at the column of the item's text.
fn item_child_style(exp: &Experience, text: &str) -> Style {
    let bold = LabelStyle {
        emphasis: Emphasis::DoubleStar,
        colon: Colon::Inside,
    };
    let body = text.get(exp.heading.end..exp.own_end).unwrap_or("");
    for line in body.split('\n').skip(1) {
        let line = line.trim_end_matches('\r');
        let content = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - content.len()];
        if indent.is_empty() {
            continue;
        }
        if let Some(marker) = ["- ", "* ", "+ "].iter().find(|m| content.starts_with(**m)) {
            return Style::List {
                style: bold,
                marker: marker.trim_end().to_string(),
                prefix: indent.to_string(),
                checkbox: false,
            };
        }
    }
    let line_start = text
        .get(..exp.heading.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let first = text.get(line_start..exp.heading.end).unwrap_or("");
    let trimmed = first.trim_start_matches([' ', '\t', '>']);
    let lead = first.len() - trimmed.len();
    let marker = trimmed.find([' ', '\t']).map_or(2, |i| {
        i + 1 + trimmed[i + 1..].len() - trimmed[i + 1..].trim_start().len()
    });
    Style::List {
        style: bold,
        marker: "-".to_string(),
        prefix: " ".repeat(lead + marker),
        checkbox: false,
    }
}

/// Every insertion of a fix-all over the file.
pub fn fix_all(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    findings: &[Finding],
) -> Vec<Insertion> {
    let mut out = Vec::new();
    for i in 0..notes.experiences.len() {
        let kinds = missing_kinds(notes, settings, findings, i);
        out.extend(insert_parts(notes, text, settings, i, &kinds));
    }
    if findings
        .iter()
        .any(|f| f.code == RuleCode::MissingSelfAssessment)
    {
        out.extend(self_assessment(notes, text));
    }
    out.sort_by_key(|i| i.offset);
    out
}

/// Strengths and Growth areas sections, whichever are missing, at the end of the file.
pub fn self_assessment(notes: &Notes, text: &str) -> Option<Insertion> {
    let level = match notes.headings.first() {
        Some(h) if h.level == 1 => 2,
        Some(_) => notes.headings.iter().map(|h| h.level).min().unwrap_or(2),
        None => 2,
    };
    let hashes = "#".repeat(level as usize);
    let mut blocks = Vec::new();
    if !notes.strengths_section {
        blocks.push(format!("{hashes} Strengths\n\n<!-- {STRENGTHS_PROMPT} -->"));
    }
    if !notes.growth_section {
        blocks.push(format!("{hashes} Growth areas\n\n<!-- {GROWTH_PROMPT} -->"));
    }
    if blocks.is_empty() {
        return None;
    }
    let insertion = Group {
        offset: text.len(),
        loose: true,
        blocks,
    }
    .render(text, notes.line_ending);
    // Checked on the file's tail (from its last heading): at the end of a file that ends
    // inside an unclosed fence or comment, the sections would not be sections.
    let tail_start = notes.headings.last().map_or(0, |h| h.line_start);
    let tail = format!("{}{}", &text[tail_start..], insertion.text);
    let parsed = crate::notes::parse(&tail, &Settings::default());
    let strengths = notes.strengths_section || parsed.strengths_section;
    (strengths && (notes.growth_section || parsed.growth_section)).then_some(insertion)
}

/// Marks a file as career notes: `hindsight: true` in its front matter, or new front matter at
/// the top (SPEC §1, the "Check this file with Hindsight" action).
pub fn mark_as_career_notes(notes: &Notes, text: &str) -> Insertion {
    let nl = notes.line_ending;
    if notes.front_matter.range.end > 0 {
        // After the opening `---` line.
        let offset = text.find('\n').map_or(text.len(), |i| i + 1);
        return Insertion {
            offset,
            text: format!("hindsight: true{nl}"),
        };
    }
    Insertion {
        offset: 0,
        text: format!("---{nl}hindsight: true{nl}---{nl}{nl}"),
    }
}

/// `<!-- hindsight-disable CODE -->` under the experience heading.
pub fn ignore_rule(notes: &Notes, text: &str, experience: usize, code: RuleCode) -> Insertion {
    under_heading(
        notes,
        text,
        experience,
        format!("<!-- hindsight-disable {} -->", code.code()),
    )
}

/// `<!-- hindsight: not-experience -->` under the heading.
pub fn not_experience(notes: &Notes, text: &str, experience: usize) -> Insertion {
    under_heading(
        notes,
        text,
        experience,
        "<!-- hindsight: not-experience -->".to_string(),
    )
}

fn under_heading(notes: &Notes, text: &str, experience: usize, block: String) -> Insertion {
    let exp = &notes.experiences[experience];
    let offset = next_line_start(text, exp.heading.end);
    Group {
        offset,
        loose: true,
        blocks: vec![block],
    }
    .render(text, notes.line_ending)
}

/// A new experience from the template, near `offset`: before the next heading, or after the
/// experience the offset is in, so that it never takes over text that belongs elsewhere.
pub fn new_experience(notes: &Notes, text: &str, settings: &Settings, offset: usize) -> Insertion {
    let level = settings
        .experience_level
        .or(notes.front_matter.experience_level)
        .or_else(|| notes.experiences.first().map(|e| e.level))
        .unwrap_or(2);
    let hashes = "#".repeat(level as usize);
    let part_hashes = "#".repeat((level as usize + 1).min(6));
    let mut block = format!("{hashes} New experience");
    for kind in PartKind::ALL {
        block.push_str(&format!(
            "\n\n{part_hashes} {}\n\n{}",
            kind.canonical_label(),
            settings.prompts.comment(kind)
        ));
    }
    let offset = floor_boundary(text, offset.min(text.len()));
    let offset = match notes.experience_at(offset) {
        Some(i) => notes.experiences[i].section.end,
        None => notes
            .headings
            .iter()
            .map(|h| h.line_start)
            .find(|start| *start >= offset)
            .unwrap_or(text.len()),
    };
    Group {
        offset,
        loose: true,
        blocks: vec![block],
    }
    .render(text, notes.line_ending)
}

/// Insertions at one offset, rendered together so that blank lines come out right.
struct Group {
    offset: usize,
    loose: bool,
    blocks: Vec<String>,
}

impl Group {
    fn render(self, text: &str, eol: &str) -> Insertion {
        let before = &text[..self.offset];
        let after = &text[self.offset..];
        let at_line_start = before.is_empty() || before.ends_with('\n');
        let prev_blank =
            before.trim().is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n");
        let next_blank = after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n");
        let mut out = String::new();
        if self.loose {
            out.push_str(match (at_line_start, prev_blank) {
                (false, _) => "\n\n",
                (true, false) => "\n",
                (true, true) => "",
            });
            out.push_str(&self.blocks.join("\n\n"));
            out.push('\n');
            if !next_blank {
                out.push('\n');
            }
        } else {
            if !at_line_start {
                out.push('\n');
            }
            out.push_str(&self.blocks.join("\n"));
            out.push('\n');
        }
        let text = if eol == "\n" {
            out
        } else {
            out.replace('\n', eol)
        };
        Insertion {
            offset: self.offset,
            text,
        }
    }
}

/// The notation a new part copies.
enum Style {
    Heading(u8),
    Line {
        style: LabelStyle,
        quoted: bool,
        tight: bool,
    },
    List {
        style: LabelStyle,
        marker: String,
        prefix: String,
        checkbox: bool,
    },
    BoldLines,
}

impl Style {
    fn loose(&self) -> bool {
        match self {
            Style::Heading(_) | Style::BoldLines => true,
            Style::Line { tight, .. } => !tight,
            Style::List { .. } => false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    After,
    Before,
    End,
}

/// Where a part of `kind` goes, and in which notation: after the nearest preceding part in
/// canonical order, else before the nearest following one, else at the end of the
/// experience's own text (SPEC §4).
fn place(exp: &Experience, text: &str, kind: PartKind) -> (usize, Style, Anchor) {
    let direct: Vec<&Part> = exp.parts.iter().filter(|p| p.direct).collect();
    let preceding = direct
        .iter()
        .filter(|p| p.kind < kind)
        .max_by_key(|p| (p.kind, p.line_start))
        .copied();
    let following = direct
        .iter()
        .filter(|p| p.kind > kind)
        .min_by_key(|p| (p.kind, p.line_start))
        .copied();
    if let Some(anchor) = preceding {
        let offset = after_content(text, anchor.line_start, anchor.body.end);
        (offset, style_of(anchor, exp, text), Anchor::After)
    } else if let Some(anchor) = following {
        (
            anchor.line_start,
            style_of(anchor, exp, text),
            Anchor::Before,
        )
    } else {
        end_of_own_text(exp, text)
    }
}

fn style_of(part: &Part, exp: &Experience, text: &str) -> Style {
    match &part.notation {
        Notation::SubHeading { level } => Style::Heading(*level),
        // Sentences anchor nothing (they are never direct); bold lines are the neutral choice.
        Notation::Prose => Style::BoldLines,
        Notation::LabelLine { style, quoted, .. } => Style::Line {
            style: if style.colon == Colon::None {
                LabelStyle {
                    colon: Colon::Inside,
                    ..*style
                }
            } else {
                *style
            },
            quoted: *quoted,
            tight: is_tight(part, exp, text),
        },
        Notation::ListLabel {
            style,
            marker,
            prefix,
            checkbox,
            ..
        } => Style::List {
            style: if style.colon == Colon::None {
                LabelStyle {
                    colon: Colon::Inside,
                    ..*style
                }
            } else {
                *style
            },
            marker: marker.clone(),
            prefix: prefix.clone(),
            checkbox: *checkbox,
        },
    }
}

/// Label lines written one under the other, with no blank line between parts.
fn is_tight(part: &Part, exp: &Experience, text: &str) -> bool {
    let line_starts: Vec<usize> = exp.parts.iter().map(|p| p.line_start).collect();
    let previous_line = text[..part.line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let previous_is_part = part.line_start > 0
        && line_starts.contains(&previous_line)
        && !text[previous_line..part.line_start].trim().is_empty();
    let next = after_content(text, part.line_start, part.body.end);
    previous_is_part || (line_starts.contains(&next) && next < part.body.end.max(next + 1))
}

fn render_part(
    kind: PartKind,
    style: &Style,
    anchor: Anchor,
    nth: usize,
    settings: &Settings,
) -> String {
    let label = kind.canonical_label();
    let prompt = settings.prompts.comment(kind);
    match style {
        Style::Heading(level) => format!("{} {label}\n\n{prompt}", "#".repeat(*level as usize)),
        Style::BoldLines => format!("**{label}:** {prompt}"),
        Style::Line { style, quoted, .. } => {
            let quote = if *quoted { "> " } else { "" };
            format!("{quote}{} {prompt}", style.render(label))
        }
        Style::List {
            style,
            marker,
            prefix,
            checkbox,
        } => {
            let marker = if anchor == Anchor::After {
                next_marker(marker, nth + 1)
            } else {
                marker.clone()
            };
            let checkbox = if *checkbox { "[ ] " } else { "" };
            format!(
                "{prefix}{marker} {checkbox}{} {prompt}",
                style.render(label)
            )
        }
    }
}

/// The marker `steps` items after one with `marker`: the same bullet, or a later number.
fn next_marker(marker: &str, steps: usize) -> String {
    let digits: String = marker.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(n) => format!(
            "{}{}",
            n.saturating_add(steps as u64),
            &marker[digits.len()..]
        ),
        Err(_) => marker.to_string(),
    }
}

/// The start of the line after the last non-blank text in `start..end` (or `end`'s line).
fn after_content(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start.min(text.len()));
    let region = &text[start.min(end)..end];
    let content_end = start.min(end) + region.trim_end().len();
    next_line_start(text, content_end)
}

fn next_line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse;

    fn fix_all_text(text: &str) -> String {
        let settings = Settings::default();
        let (notes, findings) = analyse(text, &settings);
        apply(text, &fix_all(&notes, text, &settings, &findings))
    }

    #[test]
    fn sub_headings_in_canonical_order() {
        let text = "## Billing\n\n### Context\n\nOld.\n\n### Action\n\nI moved it.\n\n## Other\n\n### Action\n\nI did.\n\n### Result\n\nUp 5%.\n";
        let fixed = fix_all_text(text);
        let expected = "## Billing\n\n### Context\n\nOld.\n\n### Action\n\nI moved it.\n\n### Result\n\n<!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. -->\n\n### Lesson\n\n<!-- What did you learn? What do you know now that you did not know before? -->\n\n### In hindsight\n\n<!-- Knowing what you know now, what would you do differently, and how would the result change? -->\n\n## Other\n";
        assert!(fixed.starts_with(expected), "{fixed}");
    }

    #[test]
    fn tight_label_lines_stay_tight_and_crlf_is_kept() {
        let text = "## Churn\r\nSituation: two figures.\r\nAction: I merged them.\r\nResult: 1 figure.\r\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("Result: 1 figure.\r\nLesson: <!-- What did you learn?"),
            "{fixed}"
        );
        assert!(!fixed.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn list_labels_copy_marker_and_checkbox() {
        let text = "## Deal\n\n1. Problem: slow.\n2. Approach: I priced it.\n\n## Two\n\n- [x] Action: I did.\n- [ ] Result: 3x\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("2. Approach: I priced it.\n3. Result: <!--"),
            "{fixed}"
        );
        assert!(
            fixed.contains("- [ ] Result: 3x\n- [ ] Lesson: <!--"),
            "{fixed}"
        );
    }

    #[test]
    fn second_fix_all_plans_nothing() {
        let text = "# Notes\n\n## A\n\n**Action:** I did it.\n\n## B\n\nWe did it, and we liked it.\n\n## C\n\n- Result: fine\n";
        let once = fix_all_text(text);
        let settings = Settings::default();
        let (notes, findings) = analyse(&once, &settings);
        assert!(
            fix_all(&notes, &once, &settings, &findings).is_empty(),
            "{once}"
        );
        assert!(
            findings
                .iter()
                .filter(|f| f.code.missing_kind().is_some())
                .all(|f| f.message.contains("still a prompt"))
        );
    }
}
