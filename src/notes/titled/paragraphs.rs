//! Stories told in plain paragraphs under a short title on their first line, outside lists,
//! headings and blocks: a phone note's `snow day feb 23 - depot manager couldnt get in, …`,
//! `scaffold collapse at plot 14 -` over the story, or a short line over the sentences under
//! it. Read as plain titled items: the paragraph must tell an episode as a heading's text must.

use std::ops::Range;

use crate::labels::Vocabulary;

use super::{STORY_WORDS, TitledItem};

/// The most words and bytes of a paragraph's title: longer, a first line is a sentence
/// wrapped at the editor's width.
const MAX_WORDS: usize = 10;
const MAX_BYTES: usize = 60;

/// Words that open a clause, not a name: who did something.
const SUBJECTS: &[&str] = &[
    "i", "we", "she", "he", "they", "it", "you", "my", "our", "her", "his", "their", "this",
    "that", "there",
];

/// Paragraphs titled on their first line, in order.
pub fn paragraph_stories(
    text: &str,
    blocks: &crate::blocks::Blocks,
    heading_starts: &[usize],
    vocabulary: &Vocabulary,
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    let covered = super::merged_blocks(blocks);
    let in_block = |at: usize| super::inside(&covered, at);
    let is_heading = |at: usize| heading_starts.binary_search(&at).is_ok();
    let lines = lines(text);
    let blank = |r: &Range<usize>| text.get(r.clone()).is_none_or(|l| l.trim().is_empty());
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i].clone();
        // A paragraph after a blank line; not the first under a heading, which tells the
        // heading's story (`### 2025-01-29` over `The Akers family donation - …`).
        let opens = i == 0 || blank(&lines[i - 1]);
        // The line before the paragraph that is not blank, when a reading asks for it.
        let line_before = || {
            (0..i)
                .rev()
                .find(|k| !blank(&lines[*k]))
                .and_then(|k| lines.get(k))
        };
        let under_heading = || line_before().is_some_and(|l| is_heading(l.start));
        if !opens || blank(&first) || is_heading(first.start) || in_block(first.start) {
            i += 1;
            continue;
        }
        // The paragraph: to a blank line, a heading or a block.
        let mut last = i;
        while let Some(next) = lines.get(last + 1) {
            if blank(next) || is_heading(next.start) || in_block(next.start) {
                break;
            }
            last += 1;
        }
        // A journal's entry between rules (`-----`): a short dated line over its paragraphs
        // names the story they tell, up to the next rule.
        let after_a_rule =
            || line_before().is_some_and(|l| is_divider(text.get(l.clone()).unwrap_or("")));
        if let Some((entry, stop)) =
            entry_between_rules(text, &lines, i, last, &after_a_rule, &is_heading)
        {
            out.push(entry);
            i = stop;
            continue;
        }
        // A phone note's section named in capitals on the line over its story (`OCCUPIED
        // BUILDINGS` over `care home rewire (2022) 3 floors, …`): the story opens under it.
        let shouted = last > i && text.get(first.clone()).is_some_and(shouted_label);
        let opening = if shouted { i + 1 } else { i };
        let first = lines.get(opening).cloned().unwrap_or(first);
        let next_line = lines.get(opening + 1).filter(|_| last > opening);
        let end = lines[last].end;
        let titled = if under_heading() && !shouted {
            None
        } else {
            titled_paragraph(text, &first, next_line, end, vocabulary)
        };
        // Untitled, it may still be a story of its own, named by its first sentence: whether
        // it stands where paragraphs are stories is decided with the headings around it.
        if let Some(story) = titled.or_else(|| untitled_paragraph(text, &first, end)) {
            out.push(story);
        }
        i = last + 1;
    }
    out
}

/// A journal's entry (`3rd September 2024 - chairing the staff meeting` over a line of tags,
/// then paragraphs), after a thematic break (`after_a_rule`, asked last: it looks back): the
/// story runs to the next break or heading. Its paragraph of lines `first..=last`; with it, the
/// line where the next reading starts.
fn entry_between_rules(
    text: &str,
    lines: &[Range<usize>],
    first: usize,
    last: usize,
    after_a_rule: &dyn Fn() -> bool,
    is_heading: &dyn Fn(usize) -> bool,
) -> Option<(TitledItem, usize)> {
    let content = |k: usize| lines.get(k).and_then(|r| text.get(r.clone())).unwrap_or("");
    let blank = |k: usize| content(k).trim().is_empty();
    let line = content(first).trim_end();
    // Asked of every paragraph: the cheap tests first.
    if last > first + 1 || line.len() > MAX_BYTES + 20 || line.ends_with(['.', '?', ':', ',']) {
        return None;
    }
    // Named by its day, or by a section's name in capitals (`LEADERSHIP (238)`, a word count
    // in brackets after it): a form's answers typed between dividers.
    let dated = line.starts_with(|c: char| c.is_ascii_digit()) && opens_with_a_day(line);
    let shouted = last == first && shouted_label(super::without_remark(line));
    if !(dated || shouted) {
        return None;
    }
    if !after_a_rule() {
        return None;
    }
    // The paragraphs up to the next rule or heading.
    let mut stop = last + 1;
    let mut end = None;
    while stop < lines.len() {
        let l = content(stop);
        if is_divider(l) || lines.get(stop).is_some_and(|r| is_heading(r.start)) {
            break;
        }
        if !l.trim().is_empty() {
            end = Some(stop);
        }
        stop += 1;
    }
    let end = end.filter(|e| *e > last)?;
    let story_line = (last + 1..=end).find(|k| !blank(*k))?;
    let first_line = lines.get(first)?.clone();
    let title = first_line.start..first_line.start + line.len();
    let body_end = (lines.get(end)?.end + 1).min(text.len());
    let story_start = lines.get(story_line)?.start;
    Some((
        TitledItem::plain(first_line.start, first_line, title, body_end, story_start),
        stop,
    ))
}

/// Whether a line opens with a day's date: `27/02`, `2024-09-03`, `3rd September 2024`,
/// `15 Nov`.
fn opens_with_a_day(line: &str) -> bool {
    if crate::notes::experiences::starts_with_a_date(line) {
        return true;
    }
    let mut words = line.split_whitespace();
    let (Some(day), Some(month)) = (words.next(), words.next()) else {
        return false;
    };
    let digits = day.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = day.get(digits..).unwrap_or("").trim_end_matches(',');
    (1..=2).contains(&digits)
        && ["", "st", "nd", "rd", "th"].contains(&suffix)
        && crate::notes::experiences::is_month(month.trim_end_matches([',', '.']))
}

/// A line that divides a note: a thematic break (`-----`), or a row of `=` standing alone
/// (under a paragraph's line it would make that line a heading).
fn is_divider(line: &str) -> bool {
    let trimmed = line.trim();
    super::lead_paragraphs::is_thematic_break(line)
        || (trimmed.len() >= 3 && trimmed.bytes().all(|b| b == b'='))
}

/// A line in capitals that names a section (`FAULT FINDING`, `H&S`): five words at most, no
/// sentence in it.
fn shouted_label(line: &str) -> bool {
    let line = line.trim();
    // Asked of every paragraph: most open with a long line or a small letter.
    if line.len() > 60 || !line.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && line.split_whitespace().count() <= 5
        && line
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '&' | '/' | '-' | '\''))
}

/// Each line's range, its terminator excluded (a `\r` before it too).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        let line = text.get(start..end).unwrap_or("");
        out.push(start..start + line.trim_end_matches('\r').len());
        start = end + 1;
        if start > text.len() {
            break;
        }
    }
    out
}

/// The titled story of a paragraph whose first line is `first`, its second `next` (if any),
/// ending at `end`.
fn titled_paragraph(
    text: &str,
    first: &Range<usize>,
    next: Option<&Range<usize>>,
    end: usize,
    vocabulary: &Vocabulary,
) -> Option<TitledItem> {
    let line = text.get(first.clone())?;
    if line.starts_with([' ', '\t'])
        || line.starts_with(|c: char| !c.is_alphanumeric())
        || crate::notes::label_lines::list_marker_with_space(line).is_some()
    {
        return None;
    }
    // `title - story …`, `title -` over the story, or a short line over a sentence. A title's
    // dash comes within its first bytes.
    let mut window = line.len().min(MAX_BYTES + 4);
    while !line.is_char_boundary(window) {
        window -= 1;
    }
    let head = line.get(..window).unwrap_or("");
    let dashed = [" - ", " — ", " – "]
        .iter()
        .find_map(|dash| head.find(dash));
    let trailing = [" -", " —", " –"]
        .iter()
        .find_map(|dash| line.strip_suffix(dash).map(str::len));
    // A title that ends its line with a dash is marked as one: a word will do (`snagging -`).
    // A writer who does not capitalise: the line and the next open in lower case, and a
    // sentence opens in lower case after a full stop (`racking - aisle 14 (april)` over
    // `reach truck clipped an upright on nights. shut the aisle …`).
    let next_text = next.and_then(|n| text.get(n.clone()));
    let lower_case = line.starts_with(|c: char| c.is_lowercase())
        && next_text.is_some_and(|next| {
            next.starts_with(|c: char| c.is_lowercase())
                && crate::notes::prose::opens_a_sentence_in_lower_case(next)
        });
    // A title that ends its line with a dash is marked as one: a word will do (`snagging -`),
    // as it does over a story told in lower case (`sickness` over `my shift had …`).
    let fewest_words = if (dashed.is_none() && trailing.is_some()) || lower_case {
        1
    } else {
        2
    };
    // The whole line over sentences on the lines under it.
    let whole_line = || {
        // Most paragraphs open with a long line: no title.
        if line.len() > MAX_BYTES {
            return None;
        }
        let next = next_text?;
        let next_opens = super::opens_a_sentence(next)
            || crate::notes::prose::opens_with_a_past_tense(next)
            || lower_case;
        if line.ends_with(['.', '!', '?', ':', ',', ';'])
            || crate::text::leaves_a_sentence_open(line)
            || !next_opens
        {
            return None;
        }
        Some(line.trim_end().len())
    };
    let named_before_dash =
        |len: usize| head.get(..len).unwrap_or("").split_whitespace().count() >= 2;
    let title_len = match (dashed, trailing) {
        (Some(len), _) if named_before_dash(len) => len,
        // Too few words before the dash to name it: the whole line does (`racking - aisle 14
        // (april)`).
        (Some(_), _) => whole_line()?,
        (None, Some(len)) => len,
        (None, None) => whole_line()?,
    };
    let title_text = line.get(..title_len)?.trim_end();
    // A time's colon is no label's (`tue 02:40 - checkout p99 latency up to 4s`).
    let bytes = title_text.as_bytes();
    let a_times_colon = |at: usize| {
        at > 0
            && bytes.get(at - 1).is_some_and(u8::is_ascii_digit)
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
    };
    let stops = title_text
        .match_indices(['.', '!', '?', ':', ';'])
        .any(|(at, mark)| !(mark == ":" && a_times_colon(at)));
    if title_text.len() > MAX_BYTES || stops {
        return None;
    }
    let words = title_text.split_whitespace().count();
    // A name for the story, not a clause of it: no one as its subject, no past tense (`I
    // prepped the night before — wrote out …`, `Her story about the refunds flow came up —`).
    let clause = || {
        title_text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .enumerate()
            .any(|(at, w)| {
                (at == 0 && SUBJECTS.iter().any(|s| s.eq_ignore_ascii_case(w)))
                    || crate::notes::prose::opens_with_a_past_tense(w)
            })
    };
    if !(fewest_words..=MAX_WORDS).contains(&words)
        || clause()
        || super::names_no_story(title_text, vocabulary)
    {
        return None;
    }
    let title = first.start..first.start + title_text.len();
    let after = text.get(title.end..end).unwrap_or("");
    let story_start = title.end + after.len()
        - after
            .trim_start_matches([' ', '\t', '-', '—', '–', '\r', '\n'])
            .len();
    let told = text.get(story_start..end).unwrap_or("").split_whitespace();
    if told.take(STORY_WORDS).count() < STORY_WORDS {
        return None;
    }
    // Its line terminator included, as a list item's: an insertion at its end is in it.
    let end = (end + 1).min(text.len());
    Some(TitledItem::plain(
        first.start,
        first.clone(),
        title,
        end,
        story_start,
    ))
}

/// Words that carry a story on from the paragraph before (its next step, not a new story).
const CARRIES_ON: &[&str] = &[
    "then",
    "so",
    "but",
    "after",
    "afterwards",
    "later",
    "eventually",
    "finally",
    "next",
    "because",
    "anyway",
    "overall",
    "meanwhile",
    "however",
    "since",
    "once",
    "still",
    "again",
    "in",
    "on",
    "at",
    "by",
    "when",
    "while",
    "as",
    "if",
];

/// Words that add one more story to a writer's list (`Also ran the customer advisory board …`,
/// `And the EQA failure …`): what follows them opens the story.
const ONE_MORE: &[&str] = &["also", "and", "plus"];

/// The story of a plain paragraph with no title, named by its first sentence (`Onboarding
/// backlog. When I moved into the pod …`; `The Halvorsen escalation, which honestly didn't go
/// well. …`), `first` its first line, ending at `end`. Its opening must start a story, not
/// carry one on: no one as its subject, no connective, no past tense (`I then …`, `Then we …`,
/// `Went back the next day …` continue the story before).
fn untitled_paragraph(text: &str, first: &Range<usize>, end: usize) -> Option<TitledItem> {
    let line = text.get(first.clone())?;
    if !line.starts_with(char::is_alphanumeric)
        || crate::notes::label_lines::list_marker_with_space(line).is_some()
    {
        return None;
    }
    let mut words = line
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty());
    let mut opening = words.next()?;
    let one_more = ONE_MORE.iter().any(|w| w.eq_ignore_ascii_case(opening));
    if one_more {
        opening = words.next()?;
    }
    let carries_on = |w: &str| {
        SUBJECTS
            .iter()
            .chain(CARRIES_ON)
            .any(|s| s.eq_ignore_ascii_case(w))
    };
    if carries_on(opening) || (!one_more && crate::notes::prose::opens_with_a_past_tense(opening)) {
        return None;
    }
    let title = untitled_title(line)?;
    let title = first.start + title.start..first.start + title.end;
    let after = text.get(title.end..end).unwrap_or("");
    let story_start = title.end + after.len()
        - after
            .trim_start_matches(['.', '!', '?', ',', ' ', '-', '—', '–', '\r', '\n'])
            .len();
    let told = text.get(story_start..end).unwrap_or("").split_whitespace();
    if told.take(STORY_WORDS).count() < STORY_WORDS {
        return None;
    }
    Some(TitledItem {
        untitled: true,
        ..TitledItem::plain(
            first.start,
            first.clone(),
            title,
            (end + 1).min(text.len()),
            story_start,
        )
    })
}

/// An untitled paragraph's name, in its first line: its first sentence, or the words before
/// the first comma or dash of a sentence too long to name it (offsets in `line`).
fn untitled_title(line: &str) -> Option<Range<usize>> {
    const MAX_TITLE_WORDS: usize = 16;
    let sentence_end = super::sentence_ends(line)
        .chain(line.match_indices(['?', ':']).map(|(at, _)| at))
        .min()
        .unwrap_or(line.trim_end().len());
    let sentence = line.get(..sentence_end)?.trim_end_matches(['.', '!', ' ']);
    let short = |s: &str| (2..=MAX_TITLE_WORDS).contains(&s.split_whitespace().count());
    if short(sentence) && sentence.len() <= MAX_BYTES * 2 {
        return Some(0..sentence.len());
    }
    let clause = [
        ", ",
        " - ",
        " — ",
        " – ",
        " (",
        " when ",
        " because ",
        " where ",
        " after ",
    ]
    .iter()
    .filter_map(|cut| sentence.find(cut))
    .min();
    if let Some(clause) = clause.and_then(|at| sentence.get(..at))
        && short(clause)
        && clause.split_whitespace().count() >= 3
    {
        return Some(0..clause.len());
    }
    // A long opening with no clause to cut is named by its first words, to a verb that
    // tells what it was (`One of the most complex cases I have handled involved …`).
    let verb = [
        " involved ",
        " was ",
        " were ",
        " began ",
        " started ",
        " came ",
    ]
    .iter()
    .filter_map(|v| sentence.find(v))
    .min()?;
    let subject = sentence.get(..verb)?;
    (short(subject) && subject.split_whitespace().count() >= 3).then_some(0..subject.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<String> {
        let b = crate::blocks::scan(text, 0);
        paragraph_stories(text, &b, &[], &Vocabulary::default())
            .into_iter()
            .map(|t| text[t.title].to_string())
            .collect()
    }

    #[test]
    fn paragraphs_titled_on_their_first_line() {
        let one_word = "notes\n\nsnagging -\ncustomer care were finding forty snags a plot at handover. i started doing my own walk round with each trade and got it down to twelve.\n";
        assert_eq!(titles(one_word), vec!["snagging"]);
        let text = "stuff for the form\n\nsnow day feb 23 - depot manager couldnt get in, i ended up doing the morning run out with steve in control and pulled the two hill routes at half five.\n\nscaffold collapse at plot 14 -\nwind got under the sheeting and six lifts of scaffold went over into the next garden. i got everyone off the roof and rang the scaffold company.\n\nfirst job as site manager\ntook over halfway when the other manager went off sick, the programme was six weeks behind and i did a lookahead every friday.\n";
        assert_eq!(
            titles(text),
            vec![
                "snow day feb 23",
                "scaffold collapse at plot 14",
                "first job as site manager"
            ]
        );
        // Too few words before a dash to name the story: the whole line does.
        let racking = "racking - aisle 14 (april)\nreach truck clipped an upright on nights. shut the aisle straight away, got the racking inspector in the same day and emptied the bay with day shift.\n";
        assert_eq!(titles(racking), vec!["racking - aisle 14 (april)"]);
        // Over a story told in lower case, one word will do; over a wrapped sentence, not.
        let sickness = "sickness\nmy shift had the worst absence on site in jan. started doing return to work chats every single time and set up a swap group for the shifts.\n";
        assert_eq!(titles(sickness), vec!["sickness"]);
        let wrapped = "sickness\nabsence on my shift was the worst on site in january and it stayed that way until june\n";
        assert!(titles(wrapped).is_empty(), "{:?}", titles(wrapped));
    }

    #[test]
    fn lines_that_open_with_a_day() {
        let lines = [
            "15th November 2024 – the interview!!",
            "3 Sept - chairing",
            "27/02 watery mouth",
            "2024-09-03 - v1.2",
            "3 weeks in the new role",
            "Week 3",
            "12 of 14 classes",
            "1 week of cover",
            "3 year plan",
        ];
        let dated: Vec<bool> = lines.iter().map(|l| opens_with_a_day(l)).collect();
        assert_eq!(
            dated,
            [true, true, true, true, false, false, false, false, false]
        );
    }

    #[test]
    fn paragraphs_with_no_title() {
        for text in [
            // A sentence wrapped at the editor's width, a line that ends a sentence or leaves
            // one open, a label, a list, a paragraph too short to tell a story.
            "I joined the team in March and within two weeks of starting on the ward\nI had rebuilt the rota for the nights and the staff kept it going for a year.\n",
            "We moved the stock.\nThe team rebuilt the rota over the summer and kept it going for a year after that.\n",
            "The rota for the\nnights was rebuilt over the summer and the team kept it going for a year after.\n",
            "Lessons learned - the rota was rebuilt over the summer and the team kept it going for a year after that.\n",
            "- snow day - i pulled the two hill routes at half five and nobody got stuck all morning long.\n",
            "snow day - pulled the routes.\n",
            "snagging - customer care were finding forty snags a plot at handover and the site team fixed them over a fortnight.\n",
            "I prepped the night before - wrote out the agenda and rang the school and the health visitor so there would be no surprises.\n",
            "Her story about the refunds flow came up - she had designed a self-serve refund flow and support volume went up after it launched.\n",
        ] {
            assert!(titles(text).is_empty(), "{text:?}: {:?}", titles(text));
        }
    }
    fn untitled(text: &str) -> Vec<String> {
        let b = crate::blocks::scan(text, 0);
        paragraph_stories(text, &b, &[], &Vocabulary::default())
            .into_iter()
            .filter(|t| t.untitled)
            .map(|t| text[t.title].to_string())
            .collect()
    }

    /// A paragraph with no title is named by its first sentence, or by the words before a
    /// clause of a sentence too long to name it; whether it is a story is decided later.
    #[test]
    fn paragraphs_named_by_their_first_sentence() {
        let story = " I rang the on-call manager at ten and got the bank carer from the day unit to stay on, then split the unit so each of us had one bay.\n";
        for (opening, title) in [
            ("Onboarding backlog.", "Onboarding backlog"),
            (
                "Mr D's daughter (anonymous in the interview).",
                "Mr D's daughter (anonymous in the interview)",
            ),
            (
                "The night shift last February when we had three patients dying at the same time and two nurses on, because of sickness.",
                "The night shift last February",
            ),
            (
                "also oct, the roof leaked right over local history.",
                "also oct, the roof leaked right over local history",
            ),
            (
                "Also ran the advisory board for the first time.",
                "Also ran the advisory board for the first time",
            ),
            (
                "One of the hardest cases I have handled involved a long-serving colleague dismissed for misconduct on the night shift.",
                "One of the hardest cases I have handled",
            ),
        ] {
            let text = format!("notes\n\n{opening}{story}");
            assert_eq!(untitled(&text), [title], "{text:?}");
        }
    }

    /// A reflective model's prompts (`**What?**`, `**So what?**`, `**Now what?**`) are steps
    /// of the story they stand in: its hindsight is read there, not a story of its own. A bold
    /// title that only starts with "what" still names one.
    #[test]
    fn reflective_prompts_are_no_titles() {
        let text = "# log\n\n## Entry 3 — Staff INSET, Jan 2024\n\n**What?**\nLearning walks showed TAs sitting next to the same pupils. I led a 2-hour INSET session on the first day back in January covering deployment.\n\n**So what?**\nFollow-up learning walk in March: TAs working with a wider range of pupils in 9 of 14 classes.\n\n**Now what?**\nI tried to cover far too much in one session. If I did it again I would just do the TA deployment part, with time to plan together in the room.\n";
        assert_eq!(
            crate::notes::tests::titles_in(text),
            ["Entry 3 — Staff INSET, Jan 2024"]
        );
        let notes = crate::notes::parse(text, &crate::Settings::default());
        assert_eq!(
            notes.experiences[0].state(crate::PartKind::Hindsight),
            crate::PartState::Stated
        );
        assert!(!names_no_story_in_bold("**What a night.**"));
        assert!(names_no_story_in_bold("**Describe what you learnt.**"));
        // Nor does a divider's name.
        assert!(names_no_story_in_bold("--- next yr ---"));
        assert!(!names_no_story_in_bold("-- the night shift"));
    }

    /// Whether `line` is a bold title that names no story.
    fn names_no_story_in_bold(line: &str) -> bool {
        super::super::names_no_story(line.trim_matches('*'), &Vocabulary::default())
    }

    /// A section named in capitals on the line over a phone note's story: the story opens
    /// under it, with its own name.
    #[test]
    fn a_story_under_a_section_named_in_capitals() {
        let story = "care home rewire (2022) 3 floors, residents stayed in the whole time. did it a corridor at a time w temp supplies so nobody lost power. took 9 wks not the 6 i quoted. lesson - if residents are in, price for the extra time.\n";
        let text = format!("facilities job - examples\n\nOCCUPIED BUILDINGS\n{story}");
        assert_eq!(
            crate::notes::tests::titles_in(&text),
            ["care home rewire (2022) 3 floors, residents stayed in the whole time"]
        );
        // Not capitals: the first line is the paragraph's own.
        let quiet = text.replace("OCCUPIED BUILDINGS", "Occupied buildings");
        assert!(crate::notes::tests::titles_in(&quiet).is_empty());
        assert!(shouted_label("H&S") && shouted_label("FAULT FINDING"));
        assert!(!shouted_label("NHS trust") && !shouted_label("A"));
    }

    #[test]
    fn paragraphs_that_carry_a_story_on() {
        let story = " I rang the on-call manager at ten and got the bank carer from the day unit to stay on, then split the unit so each of us had one bay.\n";
        for opening in [
            "I then took it to the board.",
            "Then we rolled it back.",
            "After that the rota settled.",
            "Went back the next day.",
            "And then it got worse.",
            "- Onboarding backlog.",
        ] {
            let text = format!("notes\n\n{opening}{story}");
            assert!(untitled(&text).is_empty(), "{text:?}");
        }
        // A long opening with no clause to cut, and none before its verb.
        let long = "The single most memorable and difficult week that I have had in all of my years on the ward as a nurse was in the winter.";
        assert!(untitled(&format!("notes\n\n{long}{story}")).is_empty());
        // Too little told after the title.
        assert!(untitled("notes\n\nOnboarding backlog. I wrote a checklist.\n").is_empty());
    }

    /// A form's answers typed between dividers, each named by its section in capitals with
    /// a word count after it: each is a story, to the next divider. A README's section in
    /// capitals after a rule tells none.
    #[test]
    fn answers_named_in_capitals_between_dividers() {
        let form = "Promotion statements, 250 words each\n\n==========\n\nTEAMWORK (212)\n\nOur night shift kept missing the handover of falls risks. I set up a ten-minute huddle at 07:45 with a one-page sheet.\n\nFalls on the ward went from nine in the quarter to three.\n\n==========\n\nDELIVERING AT PACE (190 - cut)\n\nI took over the audit two weeks before the deadline and split it into daily targets. We submitted a day early and the audit passed.\n\n==========\n";
        assert_eq!(
            crate::notes::tests::titles_in(form),
            ["TEAMWORK (212)", "DELIVERING AT PACE (190 - cut)"]
        );
        let readme = "# tool\n\nA small tool.\n\n---\n\nLICENSE\n\nThis project is released under the MIT licence. See the file for details and the list of authors.\n";
        assert!(crate::notes::tests::titles_in(readme).is_empty());
        // Not after a divider: the capitals name no entry.
        let bare = form.replace("==========\n\n", "");
        assert_ne!(crate::notes::tests::titles_in(&bare).len(), 2);
        assert!(is_divider("=====") && is_divider("- - -") && !is_divider("=="));
        assert_eq!(
            super::super::without_remark("LEADERSHIP (238)"),
            "LEADERSHIP"
        );
    }

    /// A time's colon in a log's title is no label's: `tue 02:40 - …` names its entry; a
    /// label's colon before a dash still is one.
    #[test]
    fn a_time_in_a_title() {
        let log = "oncall\n\ntue 02:40 - checkout p99 latency up to 4s\ntraced it to a redis failover. restarted the checkout pods in batches of 5, latency normal by 03:25\n";
        assert_eq!(titles(log), vec!["tue 02:40"]);
        let label = log.replace("tue 02:40", "Note: tue");
        assert!(titles(&label).is_empty(), "{:?}", titles(&label));
    }
}
