//! Which headings and list items are experiences (SPEC §2): chosen on evidence of an episode —
//! labelled parts, or prose telling what the writer did — never for being a sibling alone.
//!
//! The steps, in the order [`choose`] takes them: titled list items and `<details>` stories
//! ([`items`]), headings with evidence in their own text ([`evidence`]; labels alone may frame a
//! guide, [`guides`]), headings beside experiences ([`siblings`]), then containers set aside.
//! [`titles`] says which titles name a period or a reflection, never a story.

mod evidence;
mod guides;
mod items;
mod siblings;
mod titles;

use std::ops::Range;

use crate::config::Settings;
use crate::kinds::PartKind;
use crate::labels::Reserved;

use super::comments::{Comment, Directive};
use super::headings::HeadingTree;
use super::prose::{self, Hit, PROSE_KINDS};
use super::titled::TitledItem;
use super::{Heading, RawPart};
pub(super) use evidence::starts_with_a_date;
use evidence::{did_then_told_more, in_paragraphs, tells_an_episode};
use guides::reads_as_guide;
use items::item_experiences;
use siblings::add_siblings_of_experiences;
pub(super) use siblings::asks_for_a_view;
pub(super) use titles::{is_month, is_period_or_version, is_reflection_title};

/// What choosing reads of a document, shared by every thread that reads it.
#[derive(Clone, Copy)]
pub(super) struct Document<'a> {
    pub text: &'a str,
    pub settings: &'a Settings,
    pub headings: &'a [Heading],
    pub tree: &'a HeadingTree,
    pub raw: &'a [RawPart],
    /// Titled list items (see [`super::titled::list_items::titled`]) and `<details>` stories.
    pub titled: &'a [TitledItem],
    pub comments: &'a [Comment],
    /// Sorted ranges prose reading skips.
    pub unreadable: &'a [Range<usize>],
    /// An explicit experience level.
    pub level: Option<u8>,
}

pub(super) struct Input<'a> {
    pub doc: Document<'a>,
    /// What the previous version's reading found, on the editor's keystroke path: this
    /// thread's alone.
    pub recall: Option<&'a super::recall::Recall>,
}

impl<'a> std::ops::Deref for Input<'a> {
    type Target = Document<'a>;

    fn deref(&self) -> &Document<'a> {
        &self.doc
    }
}

impl Input<'_> {
    /// [`prose::read`], recalled from the previous version's reading where it can be.
    fn read_prose(
        &self,
        region: Range<usize>,
        cut: &[Range<usize>],
        kinds: &[PartKind],
    ) -> Vec<Hit> {
        let cues = &self.settings.cues;
        match self.recall {
            Some(recall) => recall.prose(self.text, region, cut, kinds, cues),
            None => prose::read(self.text, region, cut, kinds, cues),
        }
    }
}

pub(super) struct Chosen {
    pub is_experience: Vec<bool>,
    /// List items that are experiences, in document order.
    pub items: Vec<TitledItem>,
    /// Prose read per heading (own text) and per item experience.
    pub heading_prose: Vec<Vec<Hit>>,
    pub item_prose: Vec<Vec<Hit>>,
}

/// Labelled parts found in one unit's own text: how many, and whether any is not context.
#[derive(Default, Clone, Copy)]
struct LabelEvidence {
    count: usize,
    /// Kinds seen, as a bit set over `PartKind::index`.
    kinds: u8,
}

impl LabelEvidence {
    fn add(&mut self, kind: PartKind) {
        self.count += 1;
        self.kinds |= 1 << kind.index();
    }

    /// The kinds prose may still state (no label names them), on the stack: asked for every
    /// heading and titled item on every keystroke.
    fn unlabelled(self) -> ([PartKind; PROSE_KINDS.len()], usize) {
        let mut wanted = PROSE_KINDS;
        let mut count = 0;
        for kind in PROSE_KINDS {
            if self.kinds & (1 << kind.index()) == 0
                && let Some(slot) = wanted.get_mut(count)
            {
                *slot = kind;
                count += 1;
            }
        }
        (wanted, count)
    }

    /// A part beyond context, or parts of two kinds: `Task:` twice is a changelog's component
    /// prefix, not a story.
    fn is_episode(self) -> bool {
        self.kinds & !1 != 0 || self.kinds.count_ones() >= 2
    }
}

pub(super) fn choose(input: &Input) -> Chosen {
    let headings = input.headings;
    let mut not_experience = vec![false; headings.len()];
    for c in input.comments {
        if c.directive == Directive::NotExperience
            && let Some(owner) = input.tree.owner_at(headings, c.offset)
        {
            not_experience[owner] = true;
        }
    }
    // The heading over `Attendees` or `Agenda` is a meeting's record.
    for (j, h) in headings.iter().enumerate() {
        if h.reserved == Some(Reserved::Meeting)
            && let Some(meeting) = input.tree.parent[j]
        {
            not_experience[meeting] = true;
        }
    }
    let eligible = |i: usize| {
        let h = &headings[i];
        h.part.is_none() && h.reserved.is_none() && !not_experience[i]
    };
    if let Some(level) = input.level {
        return at_level(input, level, &eligible);
    }
    // 1. List items whose first line is a title and `<details>` stories, whose body tells an
    // episode.
    let (items, item_prose) = item_experiences(input);
    let item_ranges: Vec<Range<usize>> = items.iter().map(|t| t.line_start..t.end).collect();
    // 2. Headings with evidence in their own text (item experiences excluded).
    let labels = label_evidence(input, &item_ranges);
    // What prose reading skips, item experiences included: built once, sorted.
    let cut: std::borrow::Cow<[Range<usize>]> = if item_ranges.is_empty() {
        input.unreadable.into()
    } else {
        let mut all: Vec<Range<usize>> = input
            .unreadable
            .iter()
            .chain(&item_ranges)
            .cloned()
            .collect();
        all.sort_by_key(|r| r.start);
        all.into()
    };
    let mut heading_prose = vec![Vec::new(); headings.len()];
    let mut candidate = vec![false; headings.len()];
    let mut told_in_prose = vec![false; headings.len()];
    let mut read_apart = read_headings_apart(input, &eligible, &cut, &labels).into_iter();
    for i in 0..headings.len() {
        let read_before = read_apart.next().flatten();
        if !eligible(i) {
            continue;
        }
        let hits = read_before.unwrap_or_else(|| heading_hits(input, i, &cut, labels[i]));
        // A terse story in the writer's voice, its subject left out: an action, then what came
        // of it, a lesson or a second thought ("Went home, re-read the mark scheme …" — "Class
        // average went from 5.1 to 4.6"; "Started a briefing item …" — "Sales on my flights
        // were up 18%").
        let terse = |hits: &[Hit]| did_then_told_more(hits) && in_own_voice(input, i, &cut);
        let (told, labelled) = if headings[i].names_period {
            // A dated entry (`### 2024-03-14`, `## March`) is a story when it tells one in
            // its paragraphs, by labels of two kinds, or by a label and an "I did" sentence; a
            // year's list of "I …" bullets is a log, not a story.
            let in_paragraphs = in_paragraphs(input.text, &hits);
            let done_by_me = in_paragraphs.iter().any(|h| h.personal);
            (
                tells_an_episode(&in_paragraphs) || terse(&in_paragraphs),
                labels[i].kinds.count_ones() >= 2 || (labels[i].is_episode() && done_by_me),
            )
        } else if !labels[i].is_episode() && holds_item_stories(input, i, &item_ranges) {
            // Beside item stories, and with no labels of its own, its list items are a log's
            // one-liners (`- [x] Swapped 2 rooftop condensers`): its own story is told in its
            // paragraphs.
            let in_paragraphs = in_paragraphs(input.text, &hits);
            (
                tells_an_episode(&in_paragraphs) || terse(&in_paragraphs),
                false,
            )
        } else {
            (
                tells_an_episode(&hits) || terse(&hits),
                labels[i].is_episode(),
            )
        };
        let told = told && !headings[i].reflection_title;
        // Its own paragraphs (item stories cut out) tell a story: it stays one beside the
        // item stories in its text. A dated heading's paragraphs introduce its items.
        told_in_prose[i] = told && !headings[i].names_period;
        // A story told in prose is one whatever else its text says; labels alone may frame a
        // guide.
        candidate[i] = told || (labelled && !reads_as_guide(input, i, &cut));
        heading_prose[i] = hits;
    }
    add_siblings_of_experiences(
        input,
        &labels,
        &heading_prose,
        &cut,
        &eligible,
        &mut candidate,
    );
    // 3. A heading around an experience is a container, never one itself.
    let is_experience = without_containers(input, &candidate, &items, &labels, &told_in_prose);
    Chosen {
        is_experience,
        items,
        heading_prose,
        item_prose,
    }
}

/// With an explicit experience level: every eligible heading of that level, nothing else.
fn at_level(input: &Input, level: u8, eligible: &dyn Fn(usize) -> bool) -> Chosen {
    let headings = input.headings;
    let is_experience: Vec<bool> = (0..headings.len())
        .map(|i| headings[i].level == level && eligible(i))
        .collect();
    let labels = label_evidence(input, &[]);
    let heading_prose = (0..headings.len())
        .map(|i| {
            if is_experience[i] {
                heading_hits(input, i, input.unreadable, labels[i])
            } else {
                Vec::new()
            }
        })
        .collect();
    Chosen {
        is_experience,
        items: Vec::new(),
        heading_prose,
        item_prose: Vec::new(),
    }
}

/// The candidates that are experiences: a heading around another candidate or around an item
/// experience is a container, never one itself — but for a heading whose own labelled story
/// stands beside a `<details>` story, or whose own paragraphs tell a story beside the item
/// stories after it (`### Billing v2 migration` told in prose, then `- **Offline drafts**`).
fn without_containers(
    input: &Input,
    candidate: &[bool],
    items: &[TitledItem],
    labels: &[LabelEvidence],
    told_in_prose: &[bool],
) -> Vec<bool> {
    let (headings, tree) = (input.headings, input.tree);
    let mut container = vec![false; headings.len()];
    for i in (0..headings.len()).filter(|i| candidate[*i]) {
        for a in tree.ancestors(i).skip(1) {
            container[a] = true;
        }
    }
    for item in items {
        if let Some(owner) = tree.owner_at(headings, item.line_start) {
            // A heading that tells a labelled story of its own stays one beside a `<details>`
            // story in its text.
            let beside = (item.details
                && labels.get(owner).is_some_and(|l| l.kinds.count_ones() >= 2))
                || told_in_prose.get(owner).copied().unwrap_or(false);
            for a in tree.ancestors(owner).skip(usize::from(beside)) {
                container[a] = true;
            }
        }
    }
    (0..headings.len())
        .map(|i| candidate[i] && !container[i])
        .collect()
}

/// Whether an item experience starts in heading `i`'s own text (`items` sorted).
fn holds_item_stories(input: &Input, i: usize, items: &[Range<usize>]) -> bool {
    let h = &input.headings[i];
    let own = h.range.end..super::assemble::own_end(input.headings, i);
    let first = items.partition_point(|r| r.start < own.start);
    items.get(first).is_some_and(|r| r.start < own.end)
}

fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= offset);
    i > 0 && ranges[i - 1].contains(&offset)
}

/// Labelled parts per heading's own text (part sub-headings included, item experiences
/// excluded), in one pass over the parts.
fn label_evidence(input: &Input, items: &[Range<usize>]) -> Vec<LabelEvidence> {
    let mut labels = vec![LabelEvidence::default(); input.headings.len()];
    for p in input.raw {
        // A table's cells are parts of its rows only, never of the heading over the table.
        if in_ranges(items, p.line_start) || p.notation == super::Notation::TableCell {
            continue;
        }
        // A question of a form answered "n/a" tells nothing (`**Reflection:** n/a — mostly
        // planning`): no sign of a story.
        let answer = input.text.get(p.body_start..).unwrap_or("");
        let answer = answer
            .get(..answer.find('\n').unwrap_or(answer.len()))
            .unwrap_or("");
        if crate::part_state::not_applicable(answer) {
            continue;
        }
        if let Some(owner) = input
            .tree
            .owner_at(input.headings, p.line_start.max(p.label.start))
        {
            labels[owner].add(p.kind);
        }
    }
    labels
}

/// Whether heading `i`'s own prose says "I", "my" or "me", and tells something that happened
/// or is a stub left to write (`cut`: what prose reading skips): an answer of advice beside
/// stories ("How do you prioritise?" — "I think the main thing is …") tells nothing that
/// happened.
fn in_own_voice(input: &Input, i: usize, cut: &[Range<usize>]) -> bool {
    let h = &input.headings[i];
    let region = h.range.end..super::assemble::own_end(input.headings, i);
    let read = || {
        let mut count = crate::pronouns::PronounCount::default();
        let words = crate::text::without(input.text, region.clone(), &[cut]);
        count.add(&words);
        count.i > 0
            && (super::prose::tells_something_happened(&words)
                || crate::part_state::has_note_to_self(&words))
    };
    match input.recall {
        Some(recall) => recall.own_voice(&region, cut, read),
        None => read(),
    }
}

/// Each eligible heading's prose, read on every core when the text is read afresh and long
/// (see [`crate::parallel`]); empty when earlier readings are recalled, which is this thread's
/// work.
fn read_headings_apart(
    input: &Input,
    eligible: &(dyn Fn(usize) -> bool + Sync),
    cut: &[Range<usize>],
    labels: &[LabelEvidence],
) -> Vec<Option<Vec<Hit>>> {
    if input.recall.is_some() {
        return Vec::new();
    }
    let doc = input.doc;
    let headings = doc.headings;
    let own_len =
        |i: usize| super::assemble::own_end(headings, i).saturating_sub(headings[i].range.end);
    crate::parallel::map(doc.text.len(), headings.len(), own_len, |i| {
        let fresh = Input { doc, recall: None };
        eligible(i).then(|| heading_hits(&fresh, i, cut, labels[i]))
    })
}

/// Prose of heading `i`'s own text, for the kinds no label names there.
fn heading_hits(input: &Input, i: usize, cut: &[Range<usize>], labels: LabelEvidence) -> Vec<Hit> {
    let h = &input.headings[i];
    let end = super::assemble::own_end(input.headings, i);
    let (wanted, count) = labels.unlabelled();
    input.read_prose(h.range.end..end, cut, &wanted[..count])
}

#[cfg(test)]
mod tests {
    use crate::notes::tests::titles_in as titles;

    /// A form's areas, each over one story: a story stub under one of them stands beside the
    /// stories under the others, as a sibling would; a guide section there does not.
    #[test]
    fn a_forms_areas_each_over_one_story() {
        let form = "# Manager case\n\n## Technical\n\n### Penrose group relief\n\n**Situation.** The prior-year return had not claimed group relief.\n\n**What I did.** Prepared the amended return.\n\n**Result.** Around £14k of tax repaid.\n\n## People\n\n### Trainee reviews\n\nSet up a review template and weekly catch-ups with Tom and Priya. Raj has since rolled the template out to the other seniors.\n\n## Panel\n\n### Tips\n\nKeep each answer to two minutes and bring the numbers.\n";
        assert_eq!(titles(form), ["Penrose group relief", "Trainee reviews"]);
        // Where an area holds two headings, the areas are no form of one story each: the
        // stub needs evidence of its own.
        let alone = form.replace("## Technical", "## Technical\n\n### Other\n\nTBC.");
        assert_eq!(titles(&alone), ["Penrose group relief"]);
    }

    /// A heading over item stories and a log's one-liners is a container: the one-liners'
    /// actions and results are no story of its own.
    #[test]
    fn one_liners_beside_item_stories_tell_no_story_of_the_heading() {
        let text = "# Brag 2024\n\n## Jobs\n\n- [x] F-Gas Cat I refresher passed (March)\n- [x] Commissioned the chillers at the surgery with my apprentice\n- [x] Stopped the trips at the data room\n  - Three callouts in six weeks. I logged the head pressure all afternoon and found a bin store boxing the condenser in. Got facilities to move the cages.\n  - Not one trip since June.\n- [x] Quoted and won the school job (6 classrooms), the first we had gone for\n";
        assert_eq!(titles(text), ["Stopped the trips at the data room"]);
        // Its own paragraph still tells its own story beside them.
        let told = text.replace(
            "## Jobs\n\n",
            "## Jobs\n\nI took over the depot's installs in March and ran the rota myself. Callouts fell by a third by June.\n\n",
        );
        assert_eq!(titles(&told).len(), 2, "{:?}", titles(&told));
    }
}
