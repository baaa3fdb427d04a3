//! Quick-fix planning (SPEC §4): where to insert which text. Every fix is a list of
//! insertions; nothing the writer wrote is ever deleted or rewritten.

//!
//! The steps: [`placement`] chooses where a new part goes and in which notation, [`fill`] puts
//! a prompt into a part that is there but empty, and [`verify`] re-reads the experience with
//! the insertions to prove they do what they claim.

mod fill;
mod placement;
mod verify;

use crate::config::Settings;
use crate::gaps::{Gap, Lack};
use crate::kinds::{PartKind, RuleCode};
use crate::notes::Notes;
use crate::prompts::{GROWTH_PROMPT, STRENGTHS_PROMPT};
use crate::rules::Finding;
use placement::{Group, Strategy};

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

/// The same insertions, those at the very end of a text that ends with a line end placed just
/// before that line end instead, each with its own last line end moved to its front: the text
/// they make is the same byte for byte. An editor whose buffer has no line after the last line
/// end (Neovim) otherwise appends the insertion as lines of its own and leaves an empty line
/// behind it. They move only when each of them ends with that line end; moved, they go last,
/// so that any other insertion at their new place stays in front of them.
pub fn anchored_inside(text: &str, insertions: &[Insertion]) -> Vec<Insertion> {
    let eol = if text.ends_with("\r\n") {
        "\r\n"
    } else if text.ends_with('\n') {
        "\n"
    } else {
        return insertions.to_vec();
    };
    let at_end = |i: &&Insertion| i.offset == text.len();
    let anchor = text.len() - eol.len();
    if insertions
        .iter()
        .any(|i| anchor < i.offset && i.offset < text.len())
    {
        return insertions.to_vec(); // inside a `\r\n`: not a place the fixes insert at
    }
    // Each trades its last line end for one in front of it: all of them, or none.
    let Some(moved) = insertions
        .iter()
        .filter(at_end)
        .map(|i| {
            i.text.strip_suffix(eol).map(|lines| Insertion {
                offset: anchor,
                text: format!("{eol}{lines}"),
            })
        })
        .collect::<Option<Vec<Insertion>>>()
    else {
        return insertions.to_vec();
    };
    let kept = insertions.iter().filter(|i| !at_end(i)).cloned();
    kept.chain(moved).collect()
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Insertions that answer `gaps` of one experience: each absent part inserted with its
/// prompt, each empty part given its prompt (after its label, keeping what the writer left
/// there). Gaps whose part already holds the prompt need nothing.
///
/// The natural placement (the experience's own notation, next to its neighbours) is checked by
/// re-parsing the experience with the insertions: they must add exactly those parts and
/// prompts, and change nothing else. Markdown can surprise (a line glued to a table, a lazy
/// continuation, an unclosed fence while typing), so when the check fails, safer placements
/// are tried: the same place set apart by blank lines, then sub-headings at the end of the
/// experience's own text. When none passes, nothing is offered rather than a wrong edit.
pub fn for_gaps(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    gaps: &[Gap],
) -> Vec<Insertion> {
    planned_for_gaps(notes, text, settings, experience, gaps).insertions
}

/// A plan for one experience's gaps, and whether the check let every insertion it planned
/// through: one it turned down may pass once a neighbour is fixed (see [`fix_all`]).
struct Planned {
    insertions: Vec<Insertion>,
    complete: bool,
}

impl Planned {
    fn complete(insertions: Vec<Insertion>) -> Planned {
        Planned {
            insertions,
            complete: true,
        }
    }

    fn partial(insertions: Vec<Insertion>) -> Planned {
        Planned {
            insertions,
            complete: false,
        }
    }
}

fn planned_for_gaps(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    gaps: &[Gap],
) -> Planned {
    let Some(exp) = notes.experiences.get(experience) else {
        return Planned::complete(Vec::new());
    };
    // Lone `\r` line ends (old Mac files) are read, but not written into: an insertion would
    // bring a second kind of line end into the file.
    if crate::text::has_lone_cr(text) {
        return Planned::complete(Vec::new());
    }
    let mut added: Vec<PartKind> = Vec::new();
    let mut filled: Vec<PartKind> = Vec::new();
    let mut fills: Vec<Insertion> = Vec::new();
    for gap in gaps {
        match gap.lack {
            Lack::Absent if exp.parts_of(gap.kind).next().is_none() => added.push(gap.kind),
            Lack::Empty => {
                let part = gap.part.and_then(|i| exp.parts.get(i));
                if let Some(insertion) =
                    part.and_then(|p| fill::prompt_into(notes, text, settings, p))
                {
                    filled.push(gap.kind);
                    fills.push(insertion);
                }
            }
            _ => {}
        }
    }
    added.sort();
    added.dedup();
    // A table row's parts are its cells: a part its table has no column for has no place
    // (a column would change every row); an empty cell gets its prompt.
    if exp.shape == crate::notes::Shape::TableRow {
        added.clear();
    }
    if added.is_empty() && fills.is_empty() {
        return Planned::complete(Vec::new());
    }
    let check = |plan: &[Insertion], added: &[PartKind], filled: &[PartKind]| {
        verify::verify(notes, text, settings, experience, added, filled, None, plan)
    };
    // Prompts into empty parts come first at a shared offset: where a new part goes right
    // after an empty one, the prompt stays with its label. When the prompts and the parts do
    // not pass together, the parts alone, then the prompts alone.
    let adding = |kinds: &[PartKind], prompts: &[Insertion], prompted: &[PartKind]| {
        [Strategy::Natural, Strategy::Apart, Strategy::AtEnd]
            .into_iter()
            .find_map(|strategy| {
                let mut plan = prompts.to_vec();
                plan.extend(placement::plan_parts(
                    notes, text, settings, experience, kinds, strategy,
                ));
                check(&plan, kinds, prompted).then_some(plan)
            })
    };
    if !added.is_empty() {
        if let Some(plan) = adding(&added, &fills, &filled) {
            return Planned::complete(plan);
        }
        if let Some(plan) = adding(&added, &[], &[]) {
            return Planned {
                complete: fills.is_empty(),
                insertions: plan,
            };
        }
    }
    // A part that cannot be added without changing how the text reads (an empty `Action:`
    // leaves a heading's paragraphs no action to read, and they may no longer tell a story)
    // is left out, and the others are still offered: kind by kind, each kept if it passes with
    // those kept before it.
    if added.len() > 1 {
        let (mut kept, mut best) = (Vec::new(), None);
        for &kind in &added {
            kept.push(kind);
            match adding(&kept, &fills, &filled).or_else(|| adding(&kept, &[], &[])) {
                Some(plan) => best = Some(plan),
                None => {
                    kept.pop();
                }
            }
        }
        if let Some(plan) = best {
            return Planned::partial(plan);
        }
    }
    if !fills.is_empty() && check(&fills, &[], &filled) {
        return Planned {
            complete: added.is_empty(),
            insertions: fills,
        };
    }
    // Prompts that do not pass together are offered one by one, each kept if it passes with
    // those kept before it (a row's empty cell beside a placeholder the check turns down); a
    // lone one was just checked.
    let (mut kept, mut kept_kinds) = (Vec::new(), Vec::new());
    if fills.len() < 2 {
        return Planned::partial(kept);
    }
    for (fill, kind) in fills.into_iter().zip(filled) {
        kept.push(fill);
        kept_kinds.push(kind);
        if !check(&kept, &[], &kept_kinds) {
            kept.pop();
            kept_kinds.pop();
        }
    }
    Planned::partial(kept)
}

/// The prompt "How would the result have been different?" at the end of the hindsight that
/// does not say (`missing-counterfactual`), verified like every other insertion; `None` when
/// the hindsight asks it already or no safe place exists.
pub fn counterfactual_prompt(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
) -> Option<Insertion> {
    let exp = notes.experiences.get(experience)?;
    if crate::text::has_lone_cr(text) {
        return None;
    }
    let part = crate::rules::assess(notes, exp, text).hindsight_without_consequence?;
    if crate::rules::asks_counterfactual(exp, text) {
        return None;
    }
    let insertion = fill::prompt_after(notes, text, part, crate::prompts::COUNTERFACTUAL_PROMPT)?;
    verify::verify(
        notes,
        text,
        settings,
        experience,
        &[],
        &[],
        Some((PartKind::Hindsight, crate::prompts::COUNTERFACTUAL_PROMPT)),
        std::slice::from_ref(&insertion),
    )
    .then_some(insertion)
}

/// Insertions that add the `kinds` parts that are absent from one experience, each with its
/// prompt (see [`for_gaps`]).
pub fn insert_parts(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
    kinds: &[PartKind],
) -> Vec<Insertion> {
    let gaps: Vec<Gap> = kinds
        .iter()
        .map(|&kind| Gap {
            kind,
            rule: RuleCode::MissingLesson,
            lack: Lack::Absent,
            part: None,
        })
        .collect();
    for_gaps(notes, text, settings, experience, &gaps)
}

/// Insertions for every gap a fix can answer in one experience (the code lens, "Add all
/// missing parts" and fix-all).
pub fn all_gaps(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    experience: usize,
) -> Vec<Insertion> {
    let gaps = crate::gaps::gaps(notes, settings, experience);
    for_gaps(notes, text, settings, experience, &gaps)
}

/// Every insertion of a fix-all over the file.
///
/// Each experience's insertions are planned and proved on the text as it stands, so one that
/// would disturb a neighbour not yet fixed (a result label that a list story after it would
/// take for its own) is declined — and once that neighbour holds its prompts, it passes. So
/// while a round declines something and inserts something else, the planner reads the fixed
/// text again and plans once more: a fix-all leaves nothing that a second one would do.
pub fn fix_all(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    findings: &[Finding],
) -> Vec<Insertion> {
    let (mut plan, mut declined) = one_round(notes, text, settings, findings);
    for _ in 1..MAX_ROUNDS {
        if !declined || plan.is_empty() {
            break;
        }
        let fixed = apply(text, &plan);
        let (notes, findings) = crate::analyse(&fixed, settings);
        let (more, still_declined) = one_round(&notes, &fixed, settings, &findings);
        if more.is_empty() {
            break;
        }
        match in_original(&plan, &more) {
            Some(merged) => plan = merged,
            None => break,
        }
        declined = still_declined;
    }
    plan
}

/// Rounds of planning in one fix-all: a neighbour's decline rarely waits on more than one other.
const MAX_ROUNDS: usize = 3;

/// One pass of fix-all over `text`: its insertions, in offset order, and whether the check
/// turned down an insertion it planned.
fn one_round(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    findings: &[Finding],
) -> (Vec<Insertion>, bool) {
    // Missing parts only: the counterfactual prompt is a quick fix of its own. New parts change
    // how the prose around them reads, so a hindsight sentence stated after a fix-all may not
    // be the one before it, and a fix-all that also asked the counterfactual would not settle.
    let mut out = Vec::new();
    let mut declined = false;
    for i in 0..notes.experiences.len() {
        let gaps = crate::gaps::gaps(notes, settings, i);
        let planned = planned_for_gaps(notes, text, settings, i, &gaps);
        declined |= !planned.complete;
        out.extend(planned.insertions);
    }
    if findings
        .iter()
        .any(|f| f.code == RuleCode::MissingSelfAssessment)
    {
        out.extend(self_assessment(notes, text));
    }
    out.sort_by_key(|i| i.offset);
    (out, declined)
}

/// `later` (offsets in the text `earlier` made) as insertions into the original text, merged
/// with `earlier` in the order that makes the same text; `None` when one falls inside text
/// `earlier` inserted. Both are sorted by offset.
fn in_original(earlier: &[Insertion], later: &[Insertion]) -> Option<Vec<Insertion>> {
    let mut merged = Vec::with_capacity(earlier.len() + later.len());
    let mut earlier = earlier.iter().peekable();
    // Bytes inserted before the current position of the fixed text.
    let mut shift = 0;
    for ins in later {
        // Earlier insertions that end at or before it come first.
        while let Some(e) = earlier.peek() {
            let start = e.offset + shift;
            if ins.offset <= start {
                break;
            }
            if ins.offset < start + e.text.len() {
                return None;
            }
            shift += e.text.len();
            merged.push((*e).clone());
            earlier.next();
        }
        merged.push(Insertion {
            offset: ins.offset - shift,
            text: ins.text.clone(),
        });
    }
    merged.extend(earlier.cloned());
    Some(merged)
}

/// Strengths and Growth areas sections, whichever are missing, at the end of the file.
pub fn self_assessment(notes: &Notes, text: &str) -> Option<Insertion> {
    // Not into a file with lone `\r` line ends, like every insertion (see `for_gaps`): a
    // section appended after a final lone `\r` would turn it into a CRLF and change the file's
    // reading.
    if crate::text::has_lone_cr(text) {
        return None;
    }
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
    // A table row takes no line of its own (it would end the table): the comment goes in its
    // title's cell.
    if exp.shape == crate::notes::Shape::TableRow {
        return Insertion {
            offset: exp.title_range.end,
            text: format!(" {block}"),
        };
    }
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
        // After a table row's table: a heading between its rows would end it.
        Some(i) if notes.experiences[i].shape == crate::notes::Shape::TableRow => {
            let row = &notes.experiences[i].section;
            notes
                .blocks
                .opaque
                .iter()
                .find(|table| table.contains(&row.start))
                .map_or(row.end, |table| after_content(text, table.start, table.end))
        }
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

/// The start of the line after the last non-blank text in `start..end` (or `end`'s line).
pub(super) fn after_content(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start.min(text.len()));
    let region = &text[start.min(end)..end];
    let content_end = start.min(end) + region.trim_end().len();
    next_line_start(text, content_end)
}

pub(super) fn next_line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse;

    fn at(offset: usize, text: &str) -> Insertion {
        Insertion {
            offset,
            text: text.to_string(),
        }
    }

    #[test]
    fn an_insertion_at_the_end_is_anchored_before_the_last_line_end() {
        let text = "## A\n\n- **Item**\n  - I did it.\n";
        let end = text.len();
        let insertions = [at(end, "  - Lesson: <!-- x -->\n")];
        let anchored = anchored_inside(text, &insertions);
        assert_eq!(anchored, [at(end - 1, "\n  - Lesson: <!-- x -->")]);
        assert_eq!(apply(text, &anchored), apply(text, &insertions));
        // CRLF, and a text without a last line end (nothing to move).
        let crlf = "## A\r\n\r\nI did it.\r\n";
        let moved = anchored_inside(crlf, &[at(crlf.len(), "Result: x\r\n")]);
        assert_eq!(moved, [at(crlf.len() - 2, "\r\nResult: x")]);
        let open = "## A\n\nI did it.";
        let kept = [at(open.len(), "\nResult: x\n")];
        assert_eq!(anchored_inside(open, &kept), kept);
    }

    #[test]
    fn an_insertion_moved_to_the_last_line_goes_after_one_already_there() {
        let text = "## A\n\nI did it.\n";
        let end = text.len();
        let insertions = [
            at(end, "Result: x\n"),
            at(end - 1, " Then more."),
            at(0, ""),
        ];
        let anchored = anchored_inside(text, &insertions);
        assert_eq!(anchored.last(), Some(&at(end - 1, "\nResult: x")));
        assert_eq!(apply(text, &anchored), apply(text, &insertions));
    }

    proptest::proptest! {
        #[test]
        fn anchoring_inside_makes_the_same_text(
            text in "(?s)[ab\\r\\n]{0,12}",
            parts in proptest::collection::vec((0usize..14, "[xy\\r\\n]{0,4}"), 0..4),
        ) {
            let insertions: Vec<Insertion> = parts
                .into_iter()
                .map(|(offset, inserted)| at(offset.min(text.len()), &inserted))
                .collect();
            let anchored = anchored_inside(&text, &insertions);
            proptest::prop_assert_eq!(apply(&text, &anchored), apply(&text, &insertions));
            let eol = if text.ends_with("\r\n") { "\r\n" } else { "\n" };
            let at_end = |i: &Insertion| i.offset == text.len() && text.ends_with('\n');
            let inside_eol = |i: &Insertion| text.len().saturating_sub(eol.len()) < i.offset && i.offset < text.len();
            if insertions.iter().filter(|i| at_end(i)).all(|i| i.text.ends_with(eol))
                && !insertions.iter().any(inside_eol)
            {
                proptest::prop_assert!(!anchored.iter().any(at_end), "{:?}", anchored);
            }
        }
    }

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
    fn a_details_story_told_in_sentences_gets_label_lines_inside_it() {
        // A heading inside `<details>` would end the story; an indented item could read as
        // code. A bold label line goes before the closing tag.
        let text = "<details><summary>The Kafka deletion</summary>\n\nI ran a cleanup script against the wrong cluster, then I rebuilt it from the manifests.\n\nStaging was back in four hours, and QA now uses the replay tool.\n\nWhat I took from it: a script that deletes things should print its target.\n\n</details>\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.ends_with("print its target.\n\n**In hindsight:** <!-- Knowing what you know now, what would you do differently, and how would the result change? -->\n\n</details>\n"),
            "{fixed}"
        );
    }

    #[test]
    fn a_paragraph_story_gets_label_lines_right_after_its_last_line() {
        // A blank line would end the paragraph, and the story, before the labels.
        let text = "# Hype doc\n\n## Leadership\n\n**Took over the trial bundle.** Two weeks out from the hearing the associate went off sick. Took over the bundle, agreed the index every morning, and got all 1,400 pages served two days early.\nThe judge accepted it without a query.\n\nGo-to person for bundling.\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("without a query.\n**Lesson:** <!-- What did you learn? What do you know now that you did not know before? -->\n**In hindsight:** <!-- Knowing what you know now, what would you do differently, and how would the result change? -->\n\nGo-to person"),
            "{fixed}"
        );
    }

    #[test]
    fn stories_under_plain_titles_get_their_parts_where_they_stay_in_the_story() {
        // A paragraph titled on its first line: label lines right after its last line.
        let paragraph = "# Notes\n\nstuff for the form\n\nsnow day feb 23 - depot manager couldnt get in, i ended up doing the morning run with steve in control. pulled the 22 and 31 off the hill at half 5 and doubled the drivers up on the flat routes. we were the only depot in the group that ran all morning.\n\nafter\n";
        let fixed = fix_all_text(paragraph);
        assert!(
            fixed.contains("ran all morning.\n**Lesson:** <!--"),
            "{fixed}"
        );
        // A plain line over a list: items of that list.
        let list = "# Notes\n\nstuff\n\nAccra diversion in feb\n- tech issue, we diverted into Lisbon with 280 pax\n- I split the crew so two of us stayed airside\n- I went landside with the agent and got the families on the first coaches\n- everyone had a bed by 3am and nobody missed the flight\n\nafter\n";
        let fixed = fix_all_text(list);
        assert!(
            fixed.contains("missed the flight\n- **Lesson:** <!--"),
            "{fixed}"
        );
        // Each story is whole afterwards: nothing left to insert.
        for fixed in [fix_all_text(paragraph), fix_all_text(list)] {
            assert_whole(&fixed, 1);
        }
    }

    /// After fixing all, `fixed` holds `experiences` stories and nothing is left to insert.
    fn assert_whole(fixed: &str, experiences: usize) {
        let settings = Settings::default();
        let (notes, findings) = analyse(fixed, &settings);
        assert_eq!(notes.experiences.len(), experiences, "{fixed}");
        assert!(
            fix_all(&notes, fixed, &settings, &findings).is_empty(),
            "{fixed}"
        );
    }

    /// Untitled paragraph stories under a document's title, one of them telling only what the
    /// writer did (a story only beside the others): each gets its label lines, and is whole
    /// afterwards.
    #[test]
    fn untitled_paragraph_stories_get_their_parts_after_their_last_line() {
        let text = "# Appraisal FY25\n\nThings to bring up, in no order.\n\nOnboarding backlog. When I moved into the pod there were 14 customers waiting more than 30 days for a kickoff. I wrote a self-serve checklist and recorded three kickoff videos. Time to first value went from 41 days to 17.\n\nHealth score rebuild. The old score had accounts green right up to the day they cancelled, so I pulled 18 months of churned accounts and built a new weighting with RevOps. We are testing it now.\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("from 41 days to 17.\n**Lesson:** <!--"),
            "{fixed}"
        );
        assert!(
            fixed.contains("We are testing it now.\n**Result:** <!--"),
            "{fixed}"
        );
        assert_whole(&fixed, 2);
    }

    /// A table row's empty cells get their prompts in the cell; a part the table has no
    /// column for gets none (a column would change every row), and the table keeps its lines.
    #[test]
    fn table_rows_get_prompts_in_their_empty_cells_only() {
        let text = "# Log\n\n## Incidents\n\n| Date | What happened | What I did | Outcome | Learned |\n|---|---|---|---|---|\n| 12/03 | Truck clipped an upright | Stopped picking and taped off the aisle | Upright replaced by 10am, nobody hurt | |\n| 06/01 | Fire alarm at 2am | Ran the roll call as fire marshal | | |\n\n## Next\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("nobody hurt | <!-- What did you learn?"),
            "{fixed}"
        );
        assert!(
            fixed.contains("fire marshal | <!-- What result did you achieve?"),
            "{fixed}"
        );
        assert_eq!(fixed.lines().count(), text.lines().count(), "{fixed}");
        assert!(!fixed.contains("hindsight:"), "{fixed}");
        let settings = Settings::default();
        let (notes, findings) = analyse(&fixed, &settings);
        assert_eq!(notes.experiences.len(), 2, "{fixed}");
        assert!(fix_all(&notes, &fixed, &settings, &findings).is_empty());
    }

    /// Marking a row as no experience, or switching a rule off for it, writes the comment into
    /// the row: a line of its own would end the table.
    #[test]
    fn comments_for_a_table_row_go_in_its_title_cell() {
        let text = "# Log\n\n| Date | What happened | What I did | Outcome |\n|---|---|---|---|\n| 12/03 | Truck clipped an upright | Stopped picking | Replaced by 10am |\n| 06/01 | Fire alarm at 2am | Ran the roll call | |\n";
        let settings = Settings::default();
        let (notes, _) = analyse(text, &settings);
        assert_eq!(notes.experiences.len(), 2);
        let marked = apply(text, &[not_experience(&notes, text, 0)]);
        assert!(
            marked.contains("| Truck clipped an upright <!-- hindsight: not-experience --> |"),
            "{marked}"
        );
        let (after, _) = analyse(&marked, &settings);
        let titles: Vec<&str> = after.experiences.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Fire alarm at 2am"]);
        // A new experience from a row goes after the table.
        let added = apply(text, &[new_experience(&notes, text, &settings, 80)]);
        assert!(
            added.contains("Ran the roll call | |\n\n## New experience"),
            "{added}"
        );
        let quiet = apply(
            text,
            &[ignore_rule(&notes, text, 1, RuleCode::MissingResult)],
        );
        let (after, findings) = analyse(&quiet, &settings);
        assert_eq!(after.experiences.len(), 2, "{quiet}");
        assert!(
            !findings.iter().any(|f| f.code == RuleCode::MissingResult),
            "{quiet}: {findings:?}"
        );
    }

    #[test]
    fn a_bold_title_over_a_list_gets_its_parts_as_items_of_that_list() {
        // A label line right after the last item would be that item's lazy continuation.
        let text = "# Wins\n\n**Charity of the year pitch**\n\n* met their CSR lead at a breakfast and followed up three times\n* took one of our young carers to the pitch to talk for five minutes\n* we got it: £41k over the year plus 12 volunteering days\n\n## Next\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("volunteering days\n* **Result:** <!--"),
            "{fixed}"
        );
        assert!(!fixed.contains("\n**Lesson:**"), "{fixed}");
    }

    #[test]
    fn an_answer_in_paragraphs_under_a_bold_question_gets_label_paragraphs() {
        let text = "# Prep\n\n**Q: Tell me about a time you disagreed with a colleague.**\n\nLast spring an OT and I disagreed about a boy's device. I asked her for a coffee and we laid our assessments out side by side.\n\nWe agreed a six-week trial, and he was on the device by the spring term.\n\n**Q: Leadership example?**\n\nI ran the clinic rota for a year and moved the drop-in sessions to the family hubs. Waiting times went from 38 to 20 weeks by the spring.\n";
        let fixed = fix_all_text(text);
        // After the answer's last paragraph, paragraphs of their own: the answer runs to the
        // next question.
        assert!(
            fixed.contains("by the spring term.\n\n**Result:** <!--"),
            "{fixed}"
        );
        assert_whole(&fixed, 2);
    }

    #[test]
    fn an_empty_callout_gets_its_prompt_in_its_body_not_its_title() {
        let text = "## Catheter audit\n\nI audited every catheter on nights.\n\n> [!success] Result\n> TBD, the numbers come in January.\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.contains("> [!success] Result\n> <!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. --> TBD, the numbers come in January.\n"),
            "{fixed}"
        );
        // A second fix-all has nothing left to add.
        assert_eq!(fix_all_text(&fixed), fixed);
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

    const RESULT: &str = "<!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. -->";

    #[test]
    fn an_empty_part_gets_its_prompt_after_the_label() {
        let done = "**Action:** I did.\n\n**Lesson:** ask.\n\n**In hindsight:** I would ask first, so the dates would hold.\n";
        for (empty, filled) in [
            (
                "**Result:** TODO — dig up the numbers".to_string(),
                format!("**Result:** {RESULT} TODO — dig up the numbers"),
            ),
            ("**Result:**".to_string(), format!("**Result:** {RESULT}")),
            ("Result - TBD".to_string(), format!("Result - {RESULT} TBD")),
            (
                "### Result\n\nTBD".to_string(),
                format!("### Result\n\n{RESULT}\n\nTBD"),
            ),
        ] {
            let text = format!("## Move\n\n{empty}\n\n{done}");
            let fixed = fix_all_text(&text);
            assert_eq!(fixed, format!("## Move\n\n{filled}\n\n{done}"), "{empty:?}");
            // Once: the part now holds its prompt, and nothing more is offered.
            assert_eq!(fix_all_text(&fixed), fixed);
        }
    }

    #[test]
    fn prompts_and_new_parts_in_one_fix() {
        let text = "## Move\n\n### Action\n\nI did.\n\n### Result\n\n### Other\n\nNotes.\n";
        let fixed = fix_all_text(text);
        assert!(
            fixed.starts_with(&format!(
                "## Move\n\n### Action\n\nI did.\n\n### Result\n\n{RESULT}\n\n### Lesson\n\n"
            )),
            "{fixed}"
        );
        assert!(fixed.contains("### In hindsight"), "{fixed}");
    }

    #[test]
    fn a_hindsight_without_consequence_gets_the_counterfactual_prompt_once() {
        let prompt = "<!-- How would the result have been different? -->";
        for (hindsight, asked) in [
            (
                "**In hindsight:** I would ask finance first.".to_string(),
                format!("**In hindsight:** I would ask finance first. {prompt}"),
            ),
            (
                "### In hindsight\n\nI would ask finance first.".to_string(),
                format!("### In hindsight\n\nI would ask finance first.\n\n{prompt}"),
            ),
        ] {
            let text = format!(
                "## Move\n\n**Action:** I did.\n\n**Result:** 3 days saved.\n\n**Lesson:** ask.\n\n{hindsight}\n"
            );
            let settings = Settings::default();
            let ask = |text: &str| {
                let (notes, _) = analyse(text, &settings);
                counterfactual_prompt(&notes, text, &settings, 0)
            };
            let insertion = ask(&text).expect("a prompt to add");
            let fixed = apply(&text, &[insertion]);
            assert_eq!(fixed, text.replace(&hindsight, &asked), "{hindsight:?}");
            assert_eq!(ask(&fixed), None, "offered twice");
            // Fix-all adds missing parts only: this experience has them all.
            assert_eq!(fix_all_text(&text), text);
            let (_, findings) = analyse(&fixed, &Settings::default());
            let still: Vec<_> = findings
                .iter()
                .filter(|f| f.code == RuleCode::MissingCounterfactual)
                .collect();
            assert_eq!(still.len(), 1);
            assert!(
                still[0].message.contains("still a prompt"),
                "{}",
                still[0].message
            );
        }
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

    #[test]
    fn a_later_round_s_insertions_go_where_they_stood_in_the_fixed_text() {
        let text = "abcdef";
        let first = [at(2, "12"), at(4, "3")];
        let fixed = apply(text, &first);
        assert_eq!(fixed, "ab12cd3ef");
        // At the start of an earlier insertion, at its end, between, and at the end.
        let later = [at(2, "<"), at(4, ">"), at(5, "c"), at(9, "$")];
        let merged = in_original(&first, &later).expect("none inside an earlier insertion");
        assert_eq!(apply(text, &merged), apply(&fixed, &later));
        assert_eq!(apply(text, &merged), "ab<12>ccd3ef$");
        // Inside one: not expressible in the original text.
        assert_eq!(in_original(&first, &[at(3, "x")]), None);
    }

    #[test]
    fn fix_all_gives_a_heading_the_parts_a_neighbour_s_prompts_let_through() {
        // The heading's Result, planned on the text as it stands, would be read by the item
        // story after it; once the item holds its prompts, it is not.
        let text = "## Pager rota\nI owned the rota.\n- Lesson \u{2014} built it around sleep.\n3. **Game days**\nRan the first one in January.\n";
        let once = fix_all_text(text);
        assert!(once.contains("\n- Result: <!--"), "{once}");
        let settings = Settings::default();
        let (notes, findings) = analyse(&once, &settings);
        assert!(
            fix_all(&notes, &once, &settings, &findings).is_empty(),
            "{once}"
        );
    }
}
