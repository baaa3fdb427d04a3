//! Which headings and list items are experiences (SPEC §2): chosen on evidence of an episode —
//! labelled parts, or prose telling what the writer did — never for being a sibling alone.

use std::ops::Range;

use crate::config::Settings;
use crate::kinds::PartKind;
use crate::labels::Reserved;

use super::comments::{Comment, Directive};
use super::headings::HeadingTree;
use super::list_items::TitledItem;
use super::prose::{self, Hit, PROSE_KINDS};
use super::{Heading, Notation, RawPart};

pub(super) struct Input<'a> {
    pub text: &'a str,
    pub settings: &'a Settings,
    pub headings: &'a [Heading],
    pub tree: &'a HeadingTree,
    pub raw: &'a [RawPart],
    /// Titled list items (see [`super::list_items::titled`]) and `<details>` stories.
    pub titled: &'a [TitledItem],
    pub comments: &'a [Comment],
    /// Sorted ranges prose reading skips.
    pub unreadable: &'a [Range<usize>],
    /// An explicit experience level.
    pub level: Option<u8>,
    /// What the previous version's reading found, on the editor's keystroke path.
    pub recall: Option<&'a super::recall::Recall>,
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
    for i in 0..headings.len() {
        if !eligible(i) {
            continue;
        }
        let hits = heading_hits(input, i, &cut, labels[i]);
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

/// Whether the line holding `offset` is a list item's (its first line or a lazy one is not
/// told apart: a sentence that starts on an item's line).
fn starts_in_list_item(text: &str, offset: usize) -> bool {
    let line = text
        .get(crate::blocks::line_start(text, offset)..)
        .unwrap_or("");
    let line = line.trim_start_matches([' ', '\t', '>']).trim_start();
    super::label_lines::list_marker_with_space(line).is_some()
}

/// Prose that tells an episode: two sentences read as parts, one of them "I" + a past-tense
/// verb.
fn tells_an_episode(hits: &[Hit]) -> bool {
    // Hits come sentence by sentence: a new sentence starts where the one before did not.
    // An outcome cue is no evidence (see `Hit::outcome`), nor a sentence read from where it
    // stands (see `Hit::ending`).
    let (mut sentences, mut last) = (0, None);
    for start in hits
        .iter()
        .filter(|h| !h.outcome && !h.ending)
        .map(|h| h.sentence.start)
    {
        if last != Some(start) {
            sentences += 1;
            last = Some(start);
        }
    }
    sentences >= 2 && hits.iter().any(|h| h.personal)
}

/// A log's terse episode, its subject left out ("Split it by floor, walked round every
/// Friday." — "Down to 9 items at handover."): an action and, in another sentence, what came
/// of it.
fn did_and_came_of_it(hits: &[Hit]) -> bool {
    hits.iter().any(|done| {
        done.kind == PartKind::Action
            && hits.iter().any(|came| {
                came.kind == PartKind::Result && !came.outcome && came.sentence != done.sentence
            })
    })
}

/// An action and, in a later sentence, what came of it — an outcome cue too ("the test
/// average came out at 71% against 58%"), as it is read after a story's first action — or
/// what it taught, or a second thought.
fn did_then_told_more(hits: &[Hit]) -> bool {
    did_then(hits, false)
}

/// An action and, in a later sentence, anything else read — its ending included.
fn did_then_ended(hits: &[Hit]) -> bool {
    did_then(hits, true)
}

/// An action and, in a later sentence, a hit of another kind; one read from where it stands
/// (`Hit::ending`) counts only `with_endings`.
fn did_then(hits: &[Hit], with_endings: bool) -> bool {
    hits.iter().any(|done| {
        done.kind == PartKind::Action
            && hits.iter().any(|more| {
                more.kind != PartKind::Action
                    && (with_endings || !more.ending)
                    && more.sentence.start >= done.sentence.end
            })
    })
}

/// Two actions or more: in two sentences, or listed in one ("Wrote the script, got two
/// classes to try it, and recorded it").
fn lists_what_was_done(text: &str, hits: &[Hit]) -> bool {
    let mut actions = hits.iter().filter(|h| h.kind == PartKind::Action);
    let Some(first) = actions.next() else {
        return false;
    };
    let lists = |h: &Hit| {
        text.get(h.sentence.clone())
            .is_some_and(prose::lists_actions)
    };
    lists(first) || actions.any(|h| h.sentence != first.sentence || lists(h))
}

/// A title that opens with a day's date: `27/02`, `27.02.23`, `2023-02-27`. Stricter than
/// [`is_period_or_version`], which takes any number for a period: a day and a month here.
fn starts_with_a_date(title: &str) -> bool {
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let title = title.trim_start();
    let first = digits(title);
    let rest = title.get(first..).unwrap_or("");
    let after_date = |rest: &str| {
        rest.chars()
            .next()
            .is_none_or(|c| c == ' ' || c == ':' || c == ',' || c == '—' || c == '–' || c == '-')
    };
    if title.starts_with("24/7") {
        return false; // round the clock
    }
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    match (first, rest.chars().next()) {
        (1 | 2, Some('/' | '.')) => {
            let month = rest.get(1..).unwrap_or("");
            let m = digits(month);
            let after = month.get(m..).unwrap_or("");
            // With full stops, two digits each (`27.02`): `3.5 days` is a number.
            let dotted = rest.starts_with('.');
            (!dotted || (first == 2 && m == 2))
                && (1..=31).contains(&number(title.get(..first).unwrap_or("")))
                && (1..=12).contains(&number(month.get(..m).unwrap_or("")))
                && (1..=2).contains(&m)
                && (after_date(after)
                    || (after.starts_with(['/', '.'])
                        && matches!(digits(after.get(1..).unwrap_or("")), 2 | 4)))
        }
        (4, Some('-')) => {
            let rest = rest.get(1..).unwrap_or("");
            digits(rest) == 2
                && rest.get(2..3) == Some("-")
                && digits(rest.get(3..).unwrap_or("")) == 2
        }
        _ => false,
    }
}

/// Whether a line in `region` opens a list item.
fn has_nested_items(text: &str, region: &Range<usize>) -> bool {
    text.get(region.clone()).is_some_and(|body| {
        body.lines().any(|l| {
            super::label_lines::list_marker_with_space(l.trim_start_matches([' ', '\t', '>']))
                .is_some()
        })
    })
}

/// Whether a text tells of someone else: a sentence opens with "He" or "She", and neither
/// "I" nor "we" (nor "my", "our", …) is said.
fn told_of_someone_else(text: &str, region: &Range<usize>) -> bool {
    let Some(words) = text.get(region.clone()) else {
        return false;
    };
    let opens_with = |pronoun: &str| {
        words.match_indices(pronoun).any(|(at, _)| {
            let before = words
                .get(..at)
                .unwrap_or("")
                .trim_end_matches([' ', '\t', '\n', '\r', '-', '*', '>']);
            before.is_empty() || before.ends_with(['.', '!', '?', '—', '–', ':'])
        })
    };
    if !(opens_with("He ") || opens_with("She ")) {
        return false;
    }
    let mut count = crate::pronouns::PronounCount::default();
    count.add(words);
    count.i == 0 && count.we == 0
}

/// The hits of a heading's paragraphs: its list items are a log's lines.
fn in_paragraphs(text: &str, hits: &[Hit]) -> Vec<Hit> {
    hits.iter()
        .filter(|h| !starts_in_list_item(text, h.sentence.start))
        .cloned()
        .collect()
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

/// Titled list items and `<details>` stories that tell an episode (labelled parts, or prose
/// that states one), outermost first, with the prose read in each.
fn item_experiences(input: &Input) -> (Vec<TitledItem>, Vec<Vec<Hit>>) {
    let Input {
        raw,
        comments,
        unreadable,
        ..
    } = *input;
    let mut titled: Vec<TitledItem> = input.titled.to_vec();
    titled.sort_by_key(|t| t.line_start);
    let mut items = Vec::new();
    let mut item_prose = Vec::new();
    let mut covered_until = 0;
    for item in titled {
        if item.line_start < covered_until {
            continue; // inside an item experience already
        }
        // Comments and parts are in document order: only those inside the item are looked at.
        let first_comment = comments.partition_point(|c| c.offset < item.line_start);
        let marked_not_experience = comments[first_comment..]
            .iter()
            .take_while(|c| c.offset < item.end)
            .any(|c| c.directive == Directive::NotExperience);
        if marked_not_experience {
            continue;
        }
        let mut evidence = LabelEvidence::default();
        let first_part = raw.partition_point(|p| p.line_start <= item.first_line.end);
        for p in raw[first_part..]
            .iter()
            .take_while(|p| p.line_start < item.end)
        {
            evidence.add(p.kind);
        }
        // A `<details>` story labelled with two kinds is a story of its own even where the
        // part before it would run on (a heading's story, then a collapsed one beside it).
        let own_story = item.details && evidence.kinds.count_ones() >= 2;
        if !own_story && inside_part_body(input, &item, &items) {
            continue;
        }
        let (wanted, count) = evidence.unlabelled();
        let body = item.story_start..item.end;
        let hits = input.read_prose(body.clone(), unreadable, &wanted[..count]);
        // Labels of an episode make a story; else its prose must tell one. A bold or numbered
        // title says "a story follows": one part in its body will do. A plain line over nested
        // items (a to-do with sub-tasks, an outline), or a story told on the title's own line,
        // needs what a heading needs, or an action and its result; a long item titled by its
        // first sentence tells its episode as a heading must.
        let story = evidence.is_episode() || {
            let told = if item.sentence {
                tells_an_episode(&hits)
            } else if item.plain || item.one_line {
                // Or "I" did it, then what came of it (a log's episode: `- 2025-01-20: Cleared
                // the snow backlog` — "I split the team …" — "All 11 tipped by 5:40am").
                let mine_then_more = did_then_told_more(&hits) && hits.iter().any(|h| h.personal);
                // A log's dated line tells the writer's own day: there the subject is left out
                // (`- 27/02 watery mouth in the first batch of twins` — "went back to basics:
                // colostrum into every lamb …" — "no more losses after 2nd March").
                let dated_then_more = item.plain
                    && starts_with_a_date(input.text.get(item.title.clone()).unwrap_or(""))
                    && did_then_told_more(&hits);
                // Under a bold title, a story told on its line with its subject left out: what
                // was done, then more told, or several things done (`**Archive clear-out** —
                // 300 boxes … Went through the schedule, sent consent letters, booked the
                // shredders.`).
                let titled_terse = !item.plain
                    && (did_then_told_more(&hits) || lists_what_was_done(input.text, &hits));
                // Under a plain title, the same told in sentences on the lines under it, not
                // in nested items (a to-do's sub-tasks), its ending read where it stands:
                // `- Jake nearly drilled into a live cable` — "Stopped the job, took him back
                // through safe isolation …" — "Does it without being asked now."
                let told_under_plain =
                    item.plain && did_then_ended(&hits) && !has_nested_items(input.text, &body);
                tells_an_episode(&hits)
                    || did_and_came_of_it(&hits)
                    || mine_then_more
                    || titled_terse
                    || told_under_plain
                    || dated_then_more
            } else {
                hits.iter().any(|h| !h.outcome && !h.ending)
            };
            // A story told of someone else ("He re-labelled the bins …"), with no label of the
            // writer's, is theirs: a decoy's example, a note on a report.
            told && !told_of_someone_else(input.text, &body)
        };
        if story {
            covered_until = item.end;
            items.push(item);
            item_prose.push(hits);
        }
    }
    (items, item_prose)
}

/// A heading beside experiences (same level, same parent) needs less: one labelled part, or
/// prose in the writer's own voice — a story stub among stories. Guide sections beside an
/// answer (`Why this is asked`, `Tips`) have neither.
fn add_siblings_of_experiences(
    input: &Input,
    labels: &[LabelEvidence],
    prose: &[Vec<Hit>],
    cut: &[Range<usize>],
    eligible: &dyn Fn(usize) -> bool,
    candidate: &mut [bool],
) {
    let headings = input.headings;
    // Siblings: the same parent and level (sub-heading parts aside).
    let group = |j: usize| (input.tree.parent[j], headings[j].level);
    let mut with_experience: std::collections::HashSet<_, foldhash::fast::FixedState> =
        Default::default();
    let mut with_dated_story: std::collections::HashSet<_, foldhash::fast::FixedState> =
        Default::default();
    // A dated story does not make its neighbours stories: beside `## March` stand `## Wins`
    // and `## Next year`.
    for j in (0..headings.len()).filter(|j| headings[*j].part.is_none() && candidate[*j]) {
        if headings[j].names_period {
            with_dated_story.insert(group(j));
        } else {
            with_experience.insert(group(j));
        }
    }
    // But in a journal, an entry beside dated stories whose paragraphs say what the writer did
    // is one of them ("## 9 January" — "I told her I'd sit in the car for ten minutes …";
    // "Rang AQA straight away …", a journal's subject being its writer); a to-do list, a moan
    // or a day off says nothing done.
    for j in 0..headings.len() {
        if headings[j].names_period
            && !candidate[j]
            && eligible(j)
            && !headings[j].reflection_title
            && with_dated_story.contains(&group(j))
        {
            let in_paragraphs = in_paragraphs(input.text, &prose[j]);
            // One line of what was done is a log's line ("Started precepting Jess."), and one
            // chore a moan's ("Spent my whole PPA queuing in repro."): two actions — in one
            // sentence too ("Wrote the script, got two classes to try it, and recorded it") —
            // or more told.
            candidate[j] = in_paragraphs.iter().any(|h| h.personal)
                || did_then_told_more(&in_paragraphs)
                || lists_what_was_done(input.text, &in_paragraphs);
        }
    }
    if with_experience.is_empty() {
        return;
    }
    // In document order, as the recall of each heading's voice looks it up.
    for j in 0..headings.len() {
        if headings[j].part.is_some()
            || candidate[j]
            || !eligible(j)
            || headings[j].names_period
            || headings[j].reflection_title
            || !with_experience.contains(&group(j))
        {
            continue;
        }
        // A question that asks for a view, not a time (`Why do you want this role?` beside
        // `Tell me about a time …`), is answered with reasons: it needs a story's evidence.
        let title = input.text.get(headings[j].title.clone()).unwrap_or("");
        if asks_for_a_view(title) {
            continue;
        }
        // Or a log's terse episode with its subject left out ("Went through all 40 courses …
        // Every course now passes.").
        candidate[j] =
            labels[j].count > 0 || in_own_voice(input, j, cut) || did_and_came_of_it(&prose[j]);
    }
}

/// A question that asks for reasons or a view (`Why do you want this role?`, `What are your
/// strengths?`), not for an episode (`Tell me about a time …?`, `Have you ever …?`, `Describe a
/// situation where …?`).
fn asks_for_a_view(title: &str) -> bool {
    if !title.trim_end().ends_with('?') {
        return false;
    }
    // Words between single spaces, so that "ever" is not found in "however".
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let title = format!(" {} ", words.join(" "));
    let asks_for_an_episode = [
        " a time ",
        " time when ",
        " time you ",
        " situation",
        " example",
        " ever ",
        " when you ",
        " when did ",
        " occasion",
        " instance",
        " experience",
        " story ",
        " stories ",
    ]
    .iter()
    .any(|words| title.contains(words));
    !asks_for_an_episode
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

fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= offset);
    i > 0 && ranges[i - 1].contains(&offset)
}

/// Labelled parts per heading's own text (part sub-headings included, item experiences
/// excluded), in one pass over the parts.
fn label_evidence(input: &Input, items: &[Range<usize>]) -> Vec<LabelEvidence> {
    let mut labels = vec![LabelEvidence::default(); input.headings.len()];
    for p in input.raw {
        if in_ranges(items, p.line_start) {
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

/// Prose of heading `i`'s own text, for the kinds no label names there.
fn heading_hits(input: &Input, i: usize, cut: &[Range<usize>], labels: LabelEvidence) -> Vec<Hit> {
    let h = &input.headings[i];
    let end = super::assemble::own_end(input.headings, i);
    let (wanted, count) = labels.unlabelled();
    input.read_prose(h.range.end..end, cut, &wanted[..count])
}

/// Whether a heading's labelled parts are guidance for a reader, not a story: its text asks
/// questions or says "you", and not one sentence of it — inside the parts or out — tells
/// something done (an interviewer's scoring guide under
/// `#### Situation and task`, `#### Result / impact`).
fn reads_as_guide(input: &Input, i: usize, cut: &[Range<usize>]) -> bool {
    let h = &input.headings[i];
    // The whole section: its part sub-headings' bodies are what it says.
    let region = h.range.end..h.section_end.min(input.text.len());
    // Most sections hold neither a `?` nor a "you" anywhere: asked of every labelled heading
    // on every keystroke, they are passed over at the cost of a byte search.
    let Some(raw) = input.text.get(region.clone()) else {
        return false;
    };
    if !addresses_a_reader(raw) {
        return false;
    }
    // Comments (prompts ask questions), code and labels are not the writer's words.
    let visible = crate::text::without(input.text, region.clone(), &[cut]);
    // Results and lessons are what a guide talks about ("the impact is …"); what it never
    // tells is something done: "I" or "we" + a past-tense verb, or a sentence that opens with
    // one.
    addresses_a_reader(&visible)
        && !prose::tells_something_done(&visible)
        && input
            .read_prose(region, cut, &[PartKind::Action])
            .iter()
            .all(|h| prose::may_say_what_to_do(input.text.get(h.sentence.clone()).unwrap_or("")))
}

/// A `?`, or "you" / "your" as a word, in any case: found in one pass for the three bytes
/// that can start them, as it is asked of every labelled heading's section on every keystroke
/// (three substring searches per section cost 2.5% of one).
fn addresses_a_reader(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    let is = |at: usize, letter: u8| {
        bytes
            .get(at)
            .is_some_and(|b| b.eq_ignore_ascii_case(&letter))
    };
    memchr::memchr3_iter(b'?', b'y', b'Y', bytes).any(|at| {
        if bytes.get(at) == Some(&b'?') {
            return true;
        }
        if !(is(at + 1, b'o') && is(at + 2, b'u'))
            || word(at.checked_sub(1).and_then(|i| bytes.get(i)))
        {
            return false;
        }
        !word(bytes.get(at + 3)) || (is(at + 3, b'r') && !word(bytes.get(at + 4)))
    })
}

/// Whether a titled item stands inside a labelled part's body (`**Action:**` followed by a
/// list of steps): then it is part of that body, not an experience.
fn inside_part_body(input: &Input, item: &TitledItem, earlier: &[TitledItem]) -> bool {
    let before = input
        .raw
        .partition_point(|p| p.line_start < item.line_start);
    let Some(p) = before.checked_sub(1).and_then(|i| input.raw.get(i)) else {
        return false;
    };
    // A part of an earlier item experience ends with that item (any earlier one: the part
    // may sit in an item before the last, and it must not reach over the items between).
    // Item experiences do not overlap and come in order: only the last one starting at or
    // before the part can hold it (a search, not a scan of every earlier item per item).
    let holder = earlier.partition_point(|t| t.line_start <= p.line_start);
    if holder
        .checked_sub(1)
        .and_then(|i| earlier.get(i))
        .is_some_and(|t| p.line_start < t.end)
    {
        return false;
    }
    match &p.notation {
        Notation::ListLabel { item_end, .. } => item.line_start < *item_end,
        Notation::SubHeading { .. } => item.line_start < p.hard_end,
        Notation::LabelLine { .. } => {
            // The label's body runs on to the next heading.
            let next = input
                .headings
                .partition_point(|h| h.line_start <= p.line_start);
            input
                .headings
                .get(next)
                .is_none_or(|h| item.line_start < h.line_start)
        }
        Notation::Prose => false,
    }
}

/// Words a document-level reflection section starts with (`What I learned this year`,
/// `Lessons from 2023`): prose under it is the writer's reflection on many things, not one
/// episode.
const REFLECTION_OPENINGS: &[&str] = &[
    "what i learned",
    "what i learnt",
    "lessons",
    "learnings",
    "takeaways",
    "reflections",
    "looking back",
    "retrospective",
    "things i learned",
];

/// Whether a title, normalized (see [`crate::labels::normalize`]), opens like a reflection
/// section's.
pub(super) fn is_reflection_title(normalized: &str) -> bool {
    REFLECTION_OPENINGS
        .iter()
        .any(|o| normalized.starts_with(o))
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const PERIOD_WORDS: &[&str] = &[
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "fy",
    "week",
    "sprint",
    "year",
    "quarter",
    "month",
    "release",
    "version",
    "unreleased",
    "present",
    "now",
    "today",
];

/// A number, version, fiscal year, month or period word, in any case.
fn is_period_word(word: &str) -> bool {
    if !word.is_ascii() {
        // Only a character that lower-cases to ASCII (the Kelvin sign) can make one.
        let lower = word.to_lowercase();
        return lower.is_ascii() && is_period_word(&lower);
    }
    let numeric = word
        .trim_start_matches(['v', 'V'])
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.')
        && word.bytes().any(|b| b.is_ascii_digit());
    let fiscal = word
        .get(..2)
        .is_some_and(|fy| fy.eq_ignore_ascii_case("fy"))
        && word.bytes().skip(2).all(|b| b.is_ascii_digit());
    numeric
        || fiscal
        || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
        || PERIOD_WORDS.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// A title that is only a date, period or version (`2025`, `Q3 2024`, `March 2023`,
/// `[1.2.0] - 2024-01-05`, `v0.3`): a document section, never an experience.
pub(super) fn is_period_or_version(title: &str) -> bool {
    let mut words = 0;
    for word in title
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '[' | ']' | '(' | ')' | '–' | '—' | '-' | '/' | ',' | ':' | '#' | '*' | '_'
                )
        })
        .filter(|w| !w.is_empty())
    {
        if !is_period_word(word) {
            return false;
        }
        words += 1;
    }
    words > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_that_open_a_log_line() {
        for dated in [
            "27/02 watery mouth",
            "2/5 drilled",
            "27.02.23 lambing",
            "2023-02-27: scan",
            "04/01",
        ] {
            assert!(starts_with_a_date(dated), "{dated}");
        }
        for not in [
            "24/7 cover",
            "3.5 days",
            "2023 review",
            "13/13 passed",
            "12/345 done",
            "Q3 plan",
        ] {
            assert!(!starts_with_a_date(not), "{not}");
        }
    }

    #[test]
    fn questions_that_ask_for_a_view_or_for_a_time() {
        assert!(asks_for_a_view("Why do you want this role?"));
        assert!(asks_for_a_view("What are your strengths? "));
        assert!(!asks_for_a_view("Tell me about a time you failed?"));
        assert!(!asks_for_a_view("Have you ever disagreed with a manager?"));
        assert!(!asks_for_a_view("Describe a situation where you led"));
        assert!(!asks_for_a_view("Why the migration slipped"));
        assert!(asks_for_a_view("What do you do every day, however busy?"));
    }

    #[test]
    fn a_reader_is_addressed_by_a_question_or_by_you() {
        for text in [
            "Ask if you are unsure.",
            "Your turn.",
            "Why?",
            "(you)",
            "YOUR CALL",
        ] {
            assert!(super::addresses_a_reader(text), "{text:?}");
        }
        for text in [
            "Translate the rules yourself.",
            "A bayou trip.",
            "Youth team.",
            "",
        ] {
            assert!(!super::addresses_a_reader(text), "{text:?}");
        }
    }

    #[test]
    fn periods_and_versions() {
        for title in [
            "2025",
            "Q3 2024",
            "March 2023",
            "[1.2.0] - 2024-01-05",
            "v0.3",
            "2019–2021",
            "Unreleased",
        ] {
            assert!(is_period_or_version(title), "{title}");
        }
        for title in ["Migrated 2024 invoices", "Q3 launch", "The 2022 outage"] {
            assert!(!is_period_or_version(title), "{title}");
        }
    }
}
