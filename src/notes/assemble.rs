//! The last steps of reading, once the experiences are chosen: which experience owns each
//! stretch of text, where each part's body ends, which sentences stand for unlabelled parts,
//! which comments switch rules off, and the experiences themselves.

use std::cell::Cell;
use std::ops::Range;

use super::comments::{Comment, Directive};
use super::experiences::Chosen;
use super::headings::HeadingTree;
use super::prose::Hit;
use super::titled::TitledItem;
use super::{Evidence, Experience, Heading, Notation, Part, RawPart, Shape};
use crate::blocks::{self, Blocks};
use crate::config::Settings;
use crate::kinds::{PartKind, PartState, RuleCode, RuleSet};
use crate::ordered_memo::partition_point_from;
use crate::{part_state, text};

/// Who holds a stretch of text: an ordinary heading, or a titled list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Heading(usize),
    Item(usize),
}

/// The chosen experiences in document order, and the way from any offset to the one that owns
/// it.
pub(super) struct Layout<'a> {
    headings: &'a [Heading],
    tree: &'a HeadingTree,
    chosen: &'a Chosen,
    item_starts: Vec<usize>,
    /// Where the last search of `item_starts` ended: most searches go forward.
    item_hint: Cell<usize>,
    /// Each experience's start and unit, in document order: its index here is its number.
    order: Vec<(usize, Unit)>,
    heading_exp: Vec<Option<usize>>,
    item_exp: Vec<Option<usize>>,
}

impl<'a> Layout<'a> {
    pub fn new(headings: &'a [Heading], tree: &'a HeadingTree, chosen: &'a Chosen) -> Layout<'a> {
        let items = &chosen.items;
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
        Layout {
            headings,
            tree,
            chosen,
            item_starts: items.iter().map(|t| t.line_start).collect(),
            item_hint: Cell::new(0),
            order,
            heading_exp,
            item_exp,
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    fn items(&self) -> &'a [TitledItem] {
        &self.chosen.items
    }

    /// The item experience whose own text holds `offset`.
    fn item_at(&self, offset: usize) -> Option<usize> {
        let i = partition_point_from(&self.item_starts, &self.item_hint, |s| *s <= offset)
            .checked_sub(1)?;
        let item = &self.items()[i];
        // A row's own text is its line: its cells are its parts.
        let own_start = if item.table_row {
            item.line_start
        } else {
            item.first_line.end + 1
        };
        (offset >= own_start && offset < item.end).then_some(i)
    }

    /// The unit whose own text holds an offset: the item experience around it, else the
    /// heading that owns it.
    fn unit_of(&self, offset: usize) -> Option<Unit> {
        match self.item_at(offset) {
            Some(i) => Some(Unit::Item(i)),
            None => self.tree.owner_at(self.headings, offset).map(Unit::Heading),
        }
    }

    /// The experience a unit's text belongs to, and whether it is that experience's own text.
    fn experience_of(&self, unit: Unit) -> Option<(usize, bool)> {
        match unit {
            Unit::Item(i) => self.item_exp[i].map(|e| (e, true)),
            Unit::Heading(h) => {
                let exp = self
                    .tree
                    .experience_ancestor(h, &self.chosen.is_experience)?;
                self.heading_exp[exp].map(|e| (e, exp == h))
            }
        }
    }

    fn section(&self, experience: usize) -> Range<usize> {
        match self.order[experience].1 {
            Unit::Heading(h) => self.headings[h].line_start..self.headings[h].section_end,
            Unit::Item(i) => self.items()[i].line_start..self.items()[i].end,
        }
    }
}

/// Each labelled part, under the experience that owns it, with its body: to the next part,
/// and (labels) to the next heading or item experience.
pub(super) fn labelled_parts(
    text: &str,
    settings: &Settings,
    blocks: &Blocks,
    raw: &[RawPart],
    layout: &Layout,
    recall: Option<&super::recall::Recall>,
) -> Vec<Vec<Part>> {
    let heading_starts = layout.tree.starts();
    // The parts come in document order: each search starts where the last one ended.
    let (heading_hint, item_hint) = (Cell::new(0), Cell::new(0));
    // Each part's experience first, so that each experience's parts are allocated once.
    let placed: Vec<Option<(Unit, usize, bool)>> = raw
        .iter()
        .map(|p| {
            let unit = layout.unit_of(p.line_start.max(p.label.start))?;
            // A table's cells are parts of a row that is a story, of nothing else.
            if p.notation == Notation::TableCell
                && !matches!(unit, Unit::Item(t) if layout.items()[t].table_row)
            {
                return None;
            }
            let (exp, direct) = layout.experience_of(unit)?;
            Some((unit, exp, direct))
        })
        .collect();
    let mut counts = vec![0usize; layout.len()];
    for (_, exp, _) in placed.iter().flatten() {
        if let Some(count) = counts.get_mut(*exp) {
            *count += 1;
        }
    }
    let mut parts_by_exp: Vec<Vec<Part>> = counts.iter().map(|n| Vec::with_capacity(*n)).collect();
    for ((i, p), placed) in raw.iter().enumerate().zip(placed) {
        let Some((unit, exp, direct)) = placed else {
            continue;
        };
        let mut end = raw
            .get(i + 1)
            .map_or(text.len(), |next| next.line_start)
            .min(p.hard_end);
        if p.ends_at_heading {
            let next_heading =
                partition_point_from(heading_starts, &heading_hint, |s| *s <= p.line_start);
            if let Some(start) = heading_starts.get(next_heading) {
                end = end.min(*start);
            }
        }
        match unit {
            Unit::Item(t) => end = end.min(layout.items()[t].own_end),
            Unit::Heading(_) => {
                let next_item =
                    partition_point_from(&layout.item_starts, &item_hint, |s| *s <= p.line_start);
                if let Some(start) = layout.item_starts.get(next_item) {
                    end = end.min(*start);
                }
            }
        }
        end = end.min(layout.section(exp).end);
        let body = p.body_start..end.max(p.body_start);
        let judge = || {
            let visible = text::without(text, body.clone(), &[&blocks.comments]);
            part_state::judge(&visible, &text[body.clone()], &settings.prompts)
        };
        let verdict = match recall {
            Some(recall) => recall.judged(&body, &blocks.comments, judge),
            None => judge(),
        };
        let verdict = part_state::for_kind(verdict, p.kind, text.get(body.clone()).unwrap_or(""));
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
    parts_by_exp
}

/// Prose: a kind is read from sentences only when no label names it. An action sentence
/// inside a labelled part belongs to that part ("Closed 14 incidents" under `### Result`); a
/// lesson or second thought added at the end of a result is read.
pub(super) fn add_prose_parts(text: &str, layout: &Layout, parts_by_exp: &mut [Vec<Part>]) {
    for (n, (_, unit)) in layout.order.iter().enumerate() {
        let hits = match unit {
            Unit::Heading(h) => &layout.chosen.heading_prose[*h],
            Unit::Item(i) => &layout.chosen.item_prose[*i],
        };
        // The labelled parts come in document order; most experiences have no prose to add.
        if hits.is_empty() {
            continue;
        }
        let Some(parts) = parts_by_exp.get_mut(n) else {
            continue;
        };
        let labelled = |kind: PartKind| parts.iter().any(|p| p.kind == kind);
        let in_body = |r: &Range<usize>| {
            parts
                .iter()
                .any(|p| p.body.start <= r.start && r.start < p.body.end)
        };
        // An outcome cue states a result after the story's first action, when no result cue
        // does (see `Hit::outcome`).
        let first_action = hits
            .iter()
            .filter(|h| h.kind == PartKind::Action)
            .map(|h| h.sentence.end)
            .chain(
                parts
                    .iter()
                    .filter(|p| p.kind == PartKind::Action)
                    .map(|p| p.body.start),
            )
            .min();
        let told_result = hits
            .iter()
            .any(|h| h.kind == PartKind::Result && !h.outcome);
        // Nor in a sentence read as a lesson or hindsight ("I learned that the temps came
        // back").
        let reflects = |h: &Hit| {
            hits.iter().any(|r| {
                matches!(r.kind, PartKind::Lesson | PartKind::Hindsight) && r.sentence == h.sentence
            })
        };
        let outcome_read = |h: &Hit| {
            !told_result
                && first_action.is_some_and(|after| h.sentence.start >= after)
                && !reflects(h)
        };
        // A lesson's label over the whole story (`**Reflection:**` over what happened, what
        // "I" did and what came of it — a supervision log's or a CPD form's): two actions, or
        // what "I" did in a body of forty words and more, are the story's, not the lesson's.
        let tells_a_story = |body: &Range<usize>| {
            let mut actions = hits
                .iter()
                .filter(|h| h.kind == PartKind::Action && body.contains(&h.sentence.start));
            let long = || {
                let words = text.get(body.clone()).unwrap_or("").split_whitespace();
                words.take(40).count() >= 40
            };
            match (actions.next(), actions.next()) {
                (Some(_), Some(_)) => true,
                (Some(one), None) => one.personal && long(),
                _ => false,
            }
        };
        let told_under_a_lesson = |r: &Range<usize>| {
            parts.iter().any(|p| {
                p.kind == PartKind::Lesson
                    && p.body.start <= r.start
                    && r.start < p.body.end
                    && tells_a_story(&p.body)
            })
        };
        let prose: Vec<Part> = hits
            .iter()
            .filter(|h| {
                let action_in_a_part = h.kind == PartKind::Action
                    && in_body(&h.sentence)
                    && !told_under_a_lesson(&h.sentence);
                // An ending is read from where it stands: in a labelled part it is that part's.
                let ending_in_a_part = h.ending && in_body(&h.sentence);
                !labelled(h.kind)
                    && !action_in_a_part
                    && !ending_in_a_part
                    && (!h.outcome || outcome_read(h))
            })
            .map(|hit| Part {
                kind: hit.kind,
                notation: Notation::Prose,
                label: hit.sentence.clone(),
                line_start: blocks::line_start(text, hit.sentence.start),
                body: hit.sentence.clone(),
                state: PartState::Stated,
                has_prompt: false,
                direct: false,
                evidence: if hit.ending {
                    Evidence::Ending
                } else {
                    Evidence::Prose
                },
            })
            .collect();
        if !prose.is_empty() {
            parts.extend(prose);
            parts.sort_by_key(|p| p.line_start);
        }
    }
}

/// The codes switched off for the whole file, and for each experience: by a comment in its own
/// text, or in a container heading around it.
pub(super) fn suppressions(
    text: &str,
    comments: &[Comment],
    layout: &Layout,
) -> (RuleSet, Vec<RuleSet>) {
    let (headings, tree, chosen) = (layout.headings, layout.tree, layout.chosen);
    let title_heading = headings
        .first()
        .filter(|h| h.part.is_none() && h.section_end == text.len() && !chosen.is_experience[0])
        .map(|_| 0);
    let mut file_suppressed = RuleSet::default();
    let mut suppressed = vec![RuleSet::default(); layout.len()];
    let mut container_runs: Vec<(usize, usize, RuleSet)> = Vec::new();
    for c in comments {
        let Directive::Disable(codes) = c.directive else {
            continue;
        };
        if let Some(Unit::Item(i)) = layout.unit_of(c.offset)
            && let Some(exp) = layout.item_exp[i]
        {
            suppressed[exp] = suppressed[exp].union(codes);
            continue;
        }
        let owner = tree.owner_at(headings, c.offset);
        match owner {
            None => file_suppressed = file_suppressed.union(codes),
            Some(o) if Some(o) == title_heading => file_suppressed = file_suppressed.union(codes),
            Some(o) => match tree.experience_ancestor(o, &chosen.is_experience) {
                Some(exp) => {
                    if let Some(n) = layout.heading_exp[exp] {
                        suppressed[n] = suppressed[n].union(codes);
                    }
                }
                None => {
                    // Every experience that starts inside the container's section: a run of
                    // `order`, applied below in one sweep (N comments × N experiences stays
                    // linear).
                    let section = headings[o].line_start..headings[o].section_end;
                    let lo = layout
                        .order
                        .partition_point(|(start, _)| *start <= section.start);
                    let hi = layout
                        .order
                        .partition_point(|(start, _)| *start < section.end);
                    if lo < hi {
                        container_runs.push((lo, hi, codes));
                    }
                }
            },
        }
    }
    apply_runs(&mut suppressed, &mut container_runs);
    (file_suppressed, suppressed)
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
    let mut active = [0usize; RuleCode::ALL.len()];
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
        for code in RuleCode::ALL {
            if active[code as usize] > 0 {
                slot.insert(code);
            }
        }
    }
}

/// The experiences, in document order, with their parts and suppressions.
pub(super) fn experiences(
    text: &str,
    layout: &Layout,
    parts_by_exp: Vec<Vec<Part>>,
    suppressed: &[RuleSet],
) -> Vec<Experience> {
    let headings = layout.headings;
    layout
        .order
        .iter()
        .zip(parts_by_exp)
        .zip(suppressed)
        .map(|(((_, unit), parts), suppressed)| match *unit {
            Unit::Heading(i) => {
                let h = &headings[i];
                // A heading's own text ends where an item story in it starts, as its last part
                // does: a prompt for it goes before the item's, never after them at one offset.
                let own = own_end(headings, i);
                let next_item = layout.item_starts.partition_point(|s| *s < h.range.end);
                let own = layout
                    .item_starts
                    .get(next_item)
                    .map_or(own, |start| own.min(*start));
                Experience {
                    title: text[h.title.clone()].to_string(),
                    shape: Shape::Heading,
                    level: h.level,
                    heading: h.range.clone(),
                    title_range: h.title.clone(),
                    section: h.line_start..h.section_end,
                    own_end: own,
                    parts,
                    suppressed: *suppressed,
                }
            }
            Unit::Item(i) => {
                let t = &layout.items()[i];
                let level = layout
                    .tree
                    .owner_at(headings, t.line_start)
                    .map_or(1, |h| (headings[h].level + 1).min(6));
                Experience {
                    title: text[t.title.clone()].to_string(),
                    shape: if t.table_row {
                        Shape::TableRow
                    } else {
                        Shape::ListItem
                    },
                    level,
                    heading: t.first_line.clone(),
                    title_range: t.title.clone(),
                    section: t.line_start..t.end,
                    own_end: t.own_end,
                    parts,
                    suppressed: *suppressed,
                }
            }
        })
        .collect()
}

/// End of a heading's own text: before its first deeper non-part heading.
pub(super) fn own_end(headings: &[Heading], i: usize) -> usize {
    let h = &headings[i];
    headings[i + 1..]
        .iter()
        .take_while(|d| d.line_start < h.section_end)
        .find(|d| d.part.is_none() && d.level > h.level)
        .map_or(h.section_end, |d| d.line_start)
}
