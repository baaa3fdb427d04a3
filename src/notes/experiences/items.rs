//! Titled list items and `<details>` stories that are experiences: their body tells an
//! episode, and they do not stand inside a labelled part's body.

use crate::kinds::PartKind;
use crate::notes::Notation;
use crate::notes::comments::Directive;
use crate::notes::prose::Hit;
use crate::notes::titled::TitledItem;

use super::evidence::{
    did_and_came_of_it, did_then_ended, did_then_told_more, has_nested_items, lists_what_was_done,
    starts_with_a_date, tells_an_episode, told_of_someone_else,
};
use super::{Document, Input, LabelEvidence};

/// Titled list items and `<details>` stories that tell an episode (labelled parts, or prose
/// that states one), outermost first, with the prose read in each.
pub(super) fn item_experiences(input: &Input) -> (Vec<TitledItem>, Vec<Vec<Hit>>) {
    let Document {
        raw,
        comments,
        unreadable,
        ..
    } = input.doc;
    let mut titled: Vec<TitledItem> = input.titled.to_vec();
    titled.sort_by_key(|t| t.line_start);
    let mut items = Vec::new();
    let mut item_prose = Vec::new();
    let mut covered_until = 0;
    // Paragraphs that tell only what the writer did: decided beside the others, below.
    let mut unfinished = Vec::new();
    // The document's only level-1 heading is its first: its title (asked once, not per item).
    let titled_once = input.headings.first().is_some_and(|h| h.level == 1)
        && input.headings.iter().filter(|h| h.level == 1).count() == 1;
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
        // A row's parts are its cells, on its line; an item's come after its first line.
        let first_part = if item.table_row {
            raw.partition_point(|p| p.line_start < item.line_start)
        } else {
            raw.partition_point(|p| p.line_start <= item.first_line.end)
        };
        for p in raw[first_part..]
            .iter()
            .take_while(|p| p.line_start < item.end)
            .filter(|p| item.table_row || p.notation != Notation::TableCell)
        {
            evidence.add(p.kind);
        }
        // A `<details>` story labelled with two kinds is a story of its own even where the
        // part before it would run on (a heading's story, then a collapsed one beside it).
        let own_story = item.details && evidence.kinds.count_ones() >= 2;
        if !own_story && inside_part_body(input, &item, &items) {
            continue;
        }
        // An untitled paragraph in a heading's story is a step of it, labelled or not.
        if item.untitled && !stands_apart(input, &item, titled_once) {
            continue;
        }
        let (wanted, count) = evidence.unlabelled();
        let body = item.story_start..item.end;
        // A row's cells are read apart: a sentence ends where its cell does. Read afresh, not
        // recalled: a cell's reading is not keyed to what stands around it on its line.
        let hits = if item.table_row {
            let cues = &input.settings.cues;
            crate::notes::titled::cells_of(input.text, item.first_line.clone())
                .into_iter()
                .flat_map(|cell| {
                    crate::notes::prose::read(input.text, cell, unreadable, &wanted[..count], cues)
                })
                .collect()
        } else {
            input.read_prose(body.clone(), unreadable, &wanted[..count])
        };
        // Labels of an episode make a story; else its prose must tell one. A bold or numbered
        // title says "a story follows": one part in its body will do. A plain line over nested
        // items (a to-do with sub-tasks, an outline), or a story told on the title's own line,
        // needs what a heading needs, or an action and its result; a long item titled by its
        // first sentence tells its episode as a heading must.
        let story = evidence.is_episode() || {
            let told = if item.untitled {
                // A paragraph named by its first sentence, where it stands apart (see
                // [`stands_apart`]), told by the writer: "I" did it, and more is told.
                hits.iter().any(|h| h.personal)
                    && (tells_an_episode(&hits) || did_then_told_more(&hits))
            } else if item.sentence {
                // A story told in one long bullet by a writer who leaves the subject out
                // (`- the chain on haddon rd. … went thru our own applicant list that night …
                // whole chain exchanged on the 28th like planned.`): what was done, then more.
                // Or one that tells in its thirty words and more what "I" did, its result
                // still to come (`- new phonics scheme started in jan … i did the 2 day course
                // on my own time and then ran 3 staff meetings … still early days`).
                let mine = || {
                    hits.iter()
                        .any(|h| h.personal && h.kind == PartKind::Action)
                };
                // Over lines of its own, what I did needs a note to finish it (`- boundary
                // dispute at 14 orchard way. … i got the buyers back to the car and` over
                // `- todo finish this`): a changelog's wrapped entry says "I" too.
                let left_to_finish = || {
                    item.one_line
                        || crate::part_state::has_note_to_self(
                            input.text.get(body.clone()).unwrap_or(""),
                        )
                };
                // A bullet whose title tells what the writer did (`- Migrated the research
                // notes into one repository.`), then what came of it, what it taught or a
                // second thought.
                let done_then_more = || {
                    item.one_line
                        && crate::notes::prose::opens_with_something_done(
                            input.text.get(item.title.clone()).unwrap_or(""),
                        )
                        && hits
                            .iter()
                            .any(|h| h.kind != PartKind::Action && !h.ending && !h.outcome)
                };
                tells_an_episode(&hits)
                    || (item.one_line && did_then_told_more(&hits))
                    || (mine() && left_to_finish())
                    || done_then_more()
            } else if item.plain || item.one_line {
                // Or "I" did it, then what came of it (a log's episode: `- 2025-01-20: Cleared
                // the snow backlog` — "I split the team …" — "All 11 tipped by 5:40am").
                let mine_then_more = did_then_told_more(&hits) && hits.iter().any(|h| h.personal);
                // Under a plain title over its own items, what "I" did, then an item read
                // where it stands — its ending or the rule it taught (`- I led the
                // investigation: …` — `- back in consensus next distribution` — `- always run
                // a new calibrator lot in parallel …`).
                let mine_then_ended = item.plain
                    && did_then_ended(&hits)
                    && hits
                        .iter()
                        .any(|h| h.personal && h.kind == PartKind::Action);
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
                // Or in items, several things done and then how it ended (`tacho / drivers
                // hours` over `- caught that the night plan …`, `- redid the shift pattern`,
                // `- no infringements at the DVSA visit`).
                let done_in_items_then_ended =
                    item.plain && lists_what_was_done(input.text, &hits) && did_then_ended(&hits);
                tells_an_episode(&hits)
                    || did_and_came_of_it(&hits)
                    || mine_then_more
                    || mine_then_ended
                    || titled_terse
                    || told_under_plain
                    || done_in_items_then_ended
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
        } else if ((is_paragraph(input.text, &item) && stands_apart(input, &item, titled_once))
            || is_numbered_topic(input.text, &item))
            && hits
                .iter()
                .any(|h| h.personal && h.kind == PartKind::Action)
            && !told_of_someone_else(input.text, &body)
        {
            unfinished.push((item, hits));
        }
    }
    decide_paragraphs(input, items, item_prose, unfinished)
}

/// Paragraph stories where paragraphs stand apart (see [`stands_apart`]) are decided together.
/// Under a document's title one alone is more likely a step of the story the document tells:
/// it needs another beside it. And beside another, a paragraph that tells only what "I" did
/// is a story still being written (`… built a new weighting with Fran. We're back-testing it
/// now.`): `unfinished` are those, in order.
fn decide_paragraphs(
    input: &Input,
    items: Vec<TitledItem>,
    item_prose: Vec<Vec<Hit>>,
    unfinished: Vec<(TitledItem, Vec<Hit>)>,
) -> (Vec<TitledItem>, Vec<Vec<Hit>>) {
    if unfinished.is_empty() && !items.iter().any(|i| i.untitled) {
        return (items, item_prose);
    }
    let owner = |item: &TitledItem| input.tree.owner_at(input.headings, item.line_start);
    let mut told_beside: Vec<Option<usize>> = items
        .iter()
        .filter(|i| is_paragraph(input.text, i) || is_numbered_topic(input.text, i))
        .map(owner)
        .collect();
    told_beside.sort_unstable();
    // Item stories come in order: one inside an unfinished paragraph's range (a plain line
    // over a list whose items are stories) keeps it out.
    let starts: Vec<usize> = items.iter().map(|i| i.line_start).collect();
    let holds_a_story = |item: &TitledItem| {
        let after = starts.partition_point(|s| *s <= item.line_start);
        starts.get(after).is_some_and(|s| *s < item.end)
    };
    let mut all: Vec<(TitledItem, Vec<Hit>)> = items.into_iter().zip(item_prose).collect();
    all.extend(unfinished.into_iter().filter(|(item, _)| {
        told_beside.binary_search(&owner(item)).is_ok() && !holds_a_story(item)
    }));
    all.sort_by_key(|(item, _)| item.line_start);
    let under_title = |item: &TitledItem| {
        item.untitled
            .then(|| owner(item))
            .flatten()
            .filter(|h| !names_a_collection(input, *h))
    };
    let mut per_title: std::collections::BTreeMap<usize, usize> = Default::default();
    for (item, _) in &all {
        if let Some(title) = under_title(item) {
            *per_title.entry(title).or_default() += 1;
        }
    }
    all.into_iter()
        .filter(|(item, _)| under_title(item).is_none_or(|t| per_title.get(&t) >= Some(&2)))
        .unzip()
}

/// An interview prep's numbered story under a topic and its name (`3) SAFEGUARDING -
/// elderly man, Farnworth`): beside another told the same way, one that tells only what "I"
/// did is a story still being written.
fn is_numbered_topic(text: &str, item: &TitledItem) -> bool {
    let line = text.get(item.first_line.clone()).unwrap_or("");
    crate::notes::titled::numbered(line)
        && item.plain
        && text
            .get(item.title.clone())
            .is_some_and(|title| title.contains(" - "))
}

/// A story told in a paragraph, not in a list item: untitled, or under a plain title that is
/// no list item.
fn is_paragraph(text: &str, item: &TitledItem) -> bool {
    let line = text.get(item.first_line.clone()).unwrap_or("");
    item.untitled
        || (item.plain
            && crate::notes::list_marker_with_space(line.trim_start()).is_none()
            && !item.details)
}

/// Where an untitled paragraph may be a story of its own: under no heading (a phone note's
/// paragraphs), under a heading that names a collection (`## misc`, `## Other stories`), or
/// after the first paragraph under the document's title (`# Appraisal FY25` over an
/// introduction, then the stories) — never in a heading's story, whose paragraphs tell it.
fn stands_apart(input: &Input, item: &TitledItem, titled_once: bool) -> bool {
    let Some(owner) = input.tree.owner_at(input.headings, item.line_start) else {
        return true;
    };
    let Some(heading) = input.headings.get(owner) else {
        return false;
    };
    if names_a_collection(input, owner) {
        return true;
    }
    let first_under = input
        .text
        .get(heading.range.end..item.line_start)
        .is_some_and(|between| between.trim().is_empty());
    let document_title = owner == 0 && titled_once;
    document_title && !first_under
}

/// Whether heading `h`'s title names a collection of stories, not one (`misc`, `Other bits`).
fn names_a_collection(input: &Input, h: usize) -> bool {
    const COLLECTIONS: &[&str] = &[
        "misc",
        "miscellaneous",
        "other",
        "others",
        "bits",
        "stuff",
        "things",
        "stories",
        "examples",
        "extras",
    ];
    let title = input
        .headings
        .get(h)
        .and_then(|h| input.text.get(h.title.clone()))
        .unwrap_or("");
    title
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| COLLECTIONS.iter().any(|c| c.eq_ignore_ascii_case(w)))
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
        Notation::Prose | Notation::TableCell => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::notes::tests::titles_in as titles;

    const NORTHWIND: &str = "Northwind were on the red list in February. Usage had dropped to a third of seats after their ops director left. I asked for thirty minutes with the new director and ran a usage review with her. They renewed in June and went from 180 to 240 seats.\n";
    const BACKLOG: &str = "Onboarding backlog. When I moved into the pod there were 14 customers waiting more than 30 days for a kickoff. I wrote a self-serve checklist and recorded three kickoff videos. Time to first value went from 41 days to 17.\n";
    const HEALTH: &str = "Health score rebuild. The old score had accounts green right up to the day they cancelled, so I pulled 18 months of churned accounts and built a new weighting with RevOps. We are testing it now.\n";

    /// Paragraphs named by their first sentence, under a document's title after its
    /// introduction: each a story, the title over them none. Beside them, one that tells only
    /// what the writer did is a story still being written.
    #[test]
    fn untitled_paragraphs_under_a_document_title() {
        let text = format!(
            "# Appraisal FY25\n\nThings to bring up with Dana, in no order.\n\n{NORTHWIND}\n{BACKLOG}\n{HEALTH}"
        );
        assert_eq!(
            titles(&text),
            [
                "Northwind were on the red list in February",
                "Onboarding backlog",
                "Health score rebuild"
            ]
        );
        // With no heading at all, and under a heading that names a collection.
        let headless = format!("band 6 interview, things to say\n\n{NORTHWIND}\n{BACKLOG}");
        assert_eq!(titles(&headless).len(), 2, "{:?}", titles(&headless));
        let misc = format!("# Notes\n\n## Migration\n\n{BACKLOG}\n## misc\n\n{NORTHWIND}");
        assert_eq!(
            titles(&misc),
            ["Migration", "Northwind were on the red list in February"]
        );
    }

    /// Beside a numbered story told under a topic and its name, another that tells only what
    /// "I" did is one still being written; alone, it is not, nor one that tells no action.
    #[test]
    fn numbered_topics_that_tell_only_what_i_did() {
        let told = "1) conflict - checks skipped\nwas crewed w someone who kept skipping the checks, i kept doing them myself.\nspoke to her privately after the shift, we agreed she'd do them\nshes done them every shift since\nshould have raised it weeks before\n\n";
        let only_done = "3) SAFEGUARDING - elderly man, Farnworth\nfall call, 88yo man living w his son. house v cold, no food in the fridge.\ni disagreed - documented everything, spoke to the pt on his own, then made a referral\n";
        let no_action = "3) SAFEGUARDING - elderly man, Farnworth\nfall call, 88yo man living w his son. house v cold, no food in the fridge.\nthe crew thought we should just leave it\n";
        assert_eq!(
            titles(&format!("{told}{only_done}")),
            [
                "conflict - checks skipped",
                "SAFEGUARDING - elderly man, Farnworth"
            ]
        );
        assert_eq!(
            titles(&format!("{told}{no_action}")),
            ["conflict - checks skipped"]
        );
        assert!(titles(only_done).is_empty());
    }

    /// A plain title over its own items: what "I" did, then an item read where it stands (its
    /// ending, the rule it taught). Told of someone else, it is none.
    #[test]
    fn plain_titles_over_what_i_did_and_how_it_ended() {
        let mine = "Band 7 notes\n\n* Troubleshooting / EQA – HbA1c out of consensus\n  - two NEQAS distributions in a row out of consensus (both biased high, ~4 mmol/mol). I led the investigation: ruled out IQC + maintenance, found it started with the new calibrator lot, ran 40 patient samples in parallel with the ref lab, manufacturer confirmed a lot issue and replaced it\n  - back in consensus next distribution\n  - always run a new calibrator lot in parallel before go live, even if the supplier says it's not needed\n";
        assert_eq!(
            titles(mine),
            ["Troubleshooting / EQA – HbA1c out of consensus"]
        );
        let theirs = mine.replace("I led", "She led");
        assert!(titles(&theirs).is_empty(), "{theirs}");
    }

    /// A long bullet that tells what "I" did is a story before its result is known; one that
    /// tells what someone else did, or what a thing does, is none.
    #[test]
    fn long_bullets_that_tell_what_i_did() {
        let doing = "# Notes\n\n- new phonics scheme started in jan and nobody in pre school had done the training. i did the two day course on my own time and then ran three staff meetings on it for the others and made the sound cards. still early days.\n";
        assert_eq!(
            titles(doing),
            ["new phonics scheme started in jan and nobody in pre school had done the training"]
        );
        // Over lines of its own, with a note to finish it.
        let unfinished = "# Notes\n\n- boundary dispute at 14 orchard way. the neighbour came out mid viewing shouting about the fence in front of my buyers. i got the buyers back to the car and\n  - todo finish this\n";
        assert_eq!(titles(unfinished), ["boundary dispute at 14 orchard way"]);
        for text in [
            doing.replace("i did", "she did"),
            // A changelog's wrapped entry says "I" too.
            "# Changelog\n\n## 0.6.0\n\n### Removed\n\n- Remove the batch functions. They are one-liners now, so they do not\n  seem to add enough value to justify a larger API. I did not find\n  anybody using them when I searched through the public code.\n".to_string(),
            "# Notes\n\n- the parser supports streaming input. it reads one event at a time and hands each to the caller, so memory stays flat however large the document grows in the end.\n".to_string(),
        ] {
            assert!(titles(&text).is_empty(), "{text:?}: {:?}", titles(&text));
        }
    }

    #[test]
    fn paragraphs_that_tell_a_heading_story_or_stand_alone() {
        for text in [
            // Paragraphs of a heading's story tell it, whatever each says.
            format!("# Notes\n\n## Billing\n\nIntro to it.\n\n{NORTHWIND}\n{BACKLOG}"),
            format!("# Notes\n\n## Billing\n\nIntro to it.\n\n{BACKLOG}Lesson: ask early.\n"),
            // Under a document's title, one paragraph alone is a step of the story it tells.
            format!("# The billing migration\n\nIt began in 2023.\n\n{NORTHWIND}"),
            // Only what the writer did, with no story beside it.
            format!("notes\n\n{HEALTH}"),
            // Carried on from the paragraph before, or told of someone else.
            format!("notes\n\nThen {BACKLOG}"),
            "notes\n\nThe night the alarm went off. She moved all the stock into the backup fridge and checked the logs for two hours. Nothing was lost in the end.\n".to_string(),
        ] {
            let found = titles(&text);
            // The heading's story, or the document's, is found; no paragraph is one.
            assert!(
                found
                    .iter()
                    .all(|t| ["Billing", "The billing migration"].contains(&t.as_str())),
                "{text:?}: {found:?}"
            );
        }
    }

    /// A bold title stopped by its own full stop opens the story told on its line and the
    /// lines that wrap it; a procedure's examples told of someone else, or a changelog's scope
    /// before its colon, are none.
    #[test]
    fn bold_titles_stopped_by_a_full_stop() {
        let wins = "# Appraisal prep\n\n### Wins this year\n\n1. **Refit.** Head office wanted us to close for 2 weeks. I pushed to stay open on a reduced menu out of a temp kitchen. Lost roughly 30% of covers but kept the regulars coming.\n\n2. **Kitchen turnover.** Lost 4 chefs in 5 months last year. I brought in a 4 on / 3 off rota\n   and paid breaks. This year we have lost 1 chef.\n";
        assert_eq!(titles(wins), ["Refit", "Kitchen turnover"]);
        let procedure = "# How we run handovers\n\n## Lessons from past incidents\n\n- **Chiller alarm, 2023.** A night lead noted a temperature alarm on the sheet but did not mention\n  it at the walk-round. Stock had to be written off. Since then, any alarm is said out loud.\n- **Tagged-out truck, 2024.** A truck with a known brake fault was used on the next shift. We\n  now record tagged-out equipment on the board.\n";
        assert!(titles(procedure).is_empty(), "{:?}", titles(procedure));
        let changelog = "## 2.0.0\n\n### Features\n\n* **tty:** Switch from `atty` to `is-terminal` (#4)\n    * **BREAKING CHANGE**: the exported `Stream` enum is no longer an `atty` type.\n";
        assert!(titles(changelog).is_empty(), "{:?}", titles(changelog));
    }

    /// A numbered line over bullets that tell, with the subject left out, several things done
    /// and how it ended, is a story — also after another story's bullets; a release's list of
    /// changes under a plain line is none.
    #[test]
    fn things_done_in_items_then_how_it_ended() {
        let told = "THINGS TO SAY\n\n4) **The snow** — rang every driver, rerouted 22 loads via the A roads and told customers early. All 22 delivered the same day.\n- learned: tell the customer early\n\n5) tacho / drivers hours\n- caught that the new night plan had 3 drivers who would break their daily rest\n- redid the shift pattern\n- no infringements at the DVSA visit in March\n";
        assert_eq!(titles(told), ["The snow", "tacho / drivers hours"]);
        let release = "Changes in this release\n- added a flag for quiet output\n- removed the old config loader\n- no breaking changes\n";
        assert!(titles(release).is_empty(), "{:?}", titles(release));
    }

    /// A brag bullet whose first sentence tells what the writer did, then what came of it, is
    /// a story in fewer words than a long bullet needs; a changelog's entry (`Fixed …`) or a
    /// bullet that tells nothing more is none.
    #[test]
    fn a_bullet_that_says_what_was_done_then_what_came_of_it() {
        let brag = "# Brag 2024\n\n- Migrated the team's research notes into one repository. Time to find an old study went from 20 minutes to 2.\n- Mentored Kofi through his first usability test, he ran the sessions.\n";
        assert_eq!(
            titles(brag),
            ["Migrated the team's research notes into one repository"]
        );
        let changelog = "# Changes\n\n- Fixed a crash when the config file is empty. The parser now returns an error instead of panicking.\n";
        assert!(titles(changelog).is_empty(), "{:?}", titles(changelog));
        // A step of a heading's story, its ending told by an outcome's figures, is the
        // heading's.
        let steps = "## Q3\n\n### Council site rebuild\nTheir site was going out of support and I was lead dev from the pitch to launch.\n- did the technical part of the pitch and wrote the estimate\n- launched 3 Sept, 2 days early. Lighthouse a11y 98 across templates, passed the external audit first time round\n";
        assert_eq!(titles(steps), ["Council site rebuild"]);
    }
}
