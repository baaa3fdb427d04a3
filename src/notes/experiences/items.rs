//! Titled list items and `<details>` stories that are experiences: their body tells an
//! episode, and they do not stand inside a labelled part's body.

use crate::notes::Notation;
use crate::notes::comments::Directive;
use crate::notes::list_items::TitledItem;
use crate::notes::prose::Hit;

use super::evidence::{
    did_and_came_of_it, did_then_ended, did_then_told_more, has_nested_items, lists_what_was_done,
    starts_with_a_date, tells_an_episode, told_of_someone_else,
};
use super::{Input, LabelEvidence};

/// Titled list items and `<details>` stories that tell an episode (labelled parts, or prose
/// that states one), outermost first, with the prose read in each.
pub(super) fn item_experiences(input: &Input) -> (Vec<TitledItem>, Vec<Vec<Hit>>) {
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
                // A story told in one long bullet by a writer who leaves the subject out
                // (`- the chain on haddon rd. … went thru our own applicant list that night …
                // whole chain exchanged on the 28th like planned.`): what was done, then more.
                tells_an_episode(&hits) || (item.one_line && did_then_told_more(&hits))
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

/// Whether a titled item stands inside a labelled part's body (`**Action:**` followed by a
/// list of steps): then it is part of that body, not an experience.
pub(super) fn inside_part_body(input: &Input, item: &TitledItem, earlier: &[TitledItem]) -> bool {
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
