//! The proof that a planned fix does what it claims: the experience re-read with the
//! insertions holds the same experiences, the new parts and prompts, and nothing else changed.

use super::{Insertion, apply};
use crate::config::Settings;
use crate::kinds::{PartKind, PartState};
use crate::notes::{Notes, Shape};

/// Re-parses the experience with `insertions` applied: the same experience (and no other),
/// each `added` kind present as an empty part holding its prompt in the experience's own
/// text, each `filled` kind still empty but now holding its prompt, every other kind in the
/// state it had; with `asked`, a part of that kind whose body now holds that prompt.
#[allow(clippy::too_many_arguments)] // one proof, told what to expect
pub(super) fn verify(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    added: &[PartKind],
    filled: &[PartKind],
    asked: Option<(PartKind, &str)>,
    insertions: &[Insertion],
) -> bool {
    let exp = &notes.experiences[experience];
    let Some((before, after)) = section_before_and_after(notes, text, experience, insertions)
    else {
        return false;
    };
    // Parsed alone, at its own level: the experience does not depend on its siblings here. A
    // list item is read as one (it stands on its own evidence).
    let local = match exp.shape {
        Shape::Heading => settings.with_experience_level(exp.level),
        Shape::ListItem | Shape::TableRow => settings.with_auto_level(),
    };
    let was = crate::notes::parse(before, &local);
    let now = crate::notes::parse(&after, &local);
    let titles = |n: &Notes| {
        n.experiences
            .iter()
            .map(|e| e.title.clone())
            .collect::<Vec<_>>()
    };
    // A story that is one only beside others (a paragraph telling only what the writer did,
    // beside paragraph stories) is no story read alone: it is compared as it was read in place.
    let in_place = was.experiences.is_empty() && exp.shape == Shape::ListItem;
    // A table row is read after the rows above it: it is the last one read.
    fn this(n: &Notes, row: bool) -> Option<&crate::notes::Experience> {
        if row {
            n.experiences.last()
        } else {
            n.experiences.first()
        }
    }
    let row = exp.shape == Shape::TableRow;
    let old = if in_place {
        exp
    } else if let Some(first) = this(&was, row) {
        first
    } else {
        return false;
    };
    let was_titles = if in_place {
        vec![exp.title.clone()]
    } else {
        titles(&was)
    };
    if was_titles != titles(&now) || now.experiences.is_empty() {
        return false;
    }
    // Where experiences are chosen automatically, a heading experience is also read that way:
    // parts inserted into a list item in its text must not make that item an experience of its
    // own (it would replace this one, and a second fix-all would plan parts for it), and a label
    // inserted into its text must not turn it into a container of the stories after it (an
    // empty `Action:` leaves prose no action to read, so paragraphs that told a story may no
    // longer tell one).
    if exp.shape == Shape::Heading
        && settings.experience_level.is_none()
        && !same_experiences_read_alone(settings, before, &after)
    {
        return false;
    }
    let Some(new) = this(&now, row) else {
        return false;
    };
    if new.parts.len() != old.parts.len() + added.len() {
        return false;
    }
    if let Some((kind, prompt)) = asked
        && !new.parts_of(kind).any(|p| {
            after
                .get(p.body.clone())
                .is_some_and(|body| crate::part_state::collapse(body).contains(prompt))
        })
    {
        return false;
    }
    PartKind::ALL.iter().all(|kind| {
        if added.contains(kind) {
            new.state(*kind) == PartState::Empty
                && new.parts_of(*kind).all(|p| p.has_prompt && p.direct)
        } else if filled.contains(kind) {
            new.state(*kind) == PartState::Empty
                && new.parts_of(*kind).count() == old.parts_of(*kind).count()
                && new.parts_of(*kind).any(|p| p.has_prompt)
        } else {
            new.state(*kind) == old.state(*kind)
        }
    })
}

/// The experience's section (and the heading that ends it: text inserted just above a setext
/// heading's title would join it), before and after the insertions; `None` when one falls
/// outside it.
fn section_before_and_after<'a>(
    notes: &Notes,
    text: &'a str,
    experience: usize,
    insertions: &[Insertion],
) -> Option<(&'a str, String)> {
    let exp = &notes.experiences[experience];
    if insertions
        .iter()
        .any(|i| i.offset < exp.section.start || i.offset > exp.section.end)
    {
        return None;
    }
    // A table row is read under its table's header: from the table's start.
    let section = if exp.shape == Shape::TableRow {
        table_start(text, exp.section.start)..exp.section.end
    } else {
        let next_heading_end = notes
            .headings
            .iter()
            .find(|h| h.line_start == exp.section.end)
            .map_or(exp.section.end, |h| h.range.end);
        exp.section.start..next_heading_end
    };
    let before = text.get(section.clone())?;
    let shifted: Vec<Insertion> = insertions
        .iter()
        .map(|i| Insertion {
            offset: i.offset - section.start,
            text: i.text.clone(),
        })
        .collect();
    let after = apply(before, &shifted);
    Some((before, after))
}

/// The start of the table whose row starts at `row`: the first of the lines with pipes
/// right above it.
fn table_start(text: &str, row: usize) -> usize {
    let mut start = row.min(text.len());
    while start > 0 {
        let above = text
            .get(..start - 1)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line = text.get(above..start).unwrap_or("");
        if line.trim().is_empty() || !line.contains('|') {
            break;
        }
        start = above;
    }
    start
}

/// Whether, read automatically, the same list items are experiences before and after, and
/// every heading that was one still is. Read alone, a section's sub-headings may be chosen
/// instead of it, or a heading chosen beside its siblings in the whole file may not be; so a
/// heading that becomes one is no change to refuse.
fn same_experiences_read_alone(settings: &Settings, before: &str, after: &str) -> bool {
    let auto = settings.with_auto_level();
    let read = |text: &str| {
        let (mut items, mut headings) = (Vec::new(), Vec::new());
        for e in crate::notes::parse(text, &auto).experiences {
            match e.shape {
                Shape::ListItem | Shape::TableRow => items.push(e.title),
                Shape::Heading => headings.push(e.title),
            }
        }
        (items, headings)
    };
    let (items_before, headings_before) = read(before);
    let (items_after, headings_after) = read(after);
    items_before == items_after && headings_before.iter().all(|h| headings_after.contains(h))
}
