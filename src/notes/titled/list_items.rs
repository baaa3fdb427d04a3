//! List items that are experiences (REAL-NOTES §1): a bullet whose first line is a title —
//! bold text alone, bold text followed by ` — `, ` - ` or `: ` and more, `Case 3: …`, a plain
//! line over nested items, or a long bullet's first sentence — and whose further lines tell
//! the episode.

use std::ops::Range;

use crate::blocks::ListItem;
use crate::labels::{self, Vocabulary};

use super::{STORY_WORDS, TitledItem};

/// Numbered story prefixes people use instead of bold titles.
const NUMBERED_TITLES: &[&str] = &["case", "story", "example", "project", "incident", "win"];

/// The title of `item` when its first line is one and the item has more lines with text.
pub fn titled(
    text: &str,
    items: &[ListItem],
    index: usize,
    vocabulary: &Vocabulary,
) -> Option<TitledItem> {
    let item = items.get(index)?;
    let line_start = text.get(..item.start)?.rfind('\n').map_or(0, |i| i + 1);
    let first_line_end = text
        .get(item.start..)?
        .find('\n')
        .map_or(text.len(), |i| item.start + i);
    let first_line_end = first_line_end.min(item.end.max(item.start));
    let line = text.get(item.start..first_line_end)?.trim_end_matches('\r');
    let first_line = item.start..item.start + line.len();
    // More than the first line, with some text in it — or a bold title with its story told
    // on the same line.
    let rest = text.get(first_line_end.min(item.end)..item.end)?;
    let one_line = rest.trim().is_empty();
    let marker = marker_len(line)?;
    let after_marker = &line[marker..];
    let (checkbox, _) = labels::strip_checkbox(after_marker);
    let content_start = item.start + marker + checkbox;
    let content = text.get(content_start..first_line.end)?;
    let bold = bold_title(content);
    // A bold title stopped by its own full stop opens a paragraph that tells the
    // story, on its line and the lines that wrap it (`- **Chiller alarm, 2023.** A night lead
    // noted …`): read as a story told on one line is.
    let stopped = bold_opening(content).is_some_and(|b| b.stopped());
    let one_line = one_line || (bold.is_some() && stopped && only_wraps(rest));
    if one_line && bold.is_none() {
        let (title, story_start) = long_bullet_story(text, content_start, content, vocabulary)?;
        return Some(TitledItem {
            sentence: true,
            one_line: true,
            ..TitledItem::plain(line_start, first_line, title, item.end, story_start)
        });
    }
    if one_line {
        let after = content.get(bold.clone()?.end..).unwrap_or_default();
        let words = after.split_whitespace().chain(rest.split_whitespace());
        if words.take(STORY_WORDS + 1).count() <= STORY_WORDS {
            return None;
        }
    }
    let marked = bold.or_else(|| numbered_title(content));
    let plain = marked.is_none();
    // A plain title before a dash, or a first sentence, names what was done ("Led the
    // scheme-of-work rewrite — replaced the booklets …", "Rolled out the cache change on a
    // Friday."): the story is read from it. (Not a plain title alone: `- Set up CI` over
    // `- Added caching` is a log of changes.)
    let plain_phrase = marked
        .is_none()
        .then(|| plain_title(content, rest, numbered(line)))
        .flatten();
    let read_from_title = marked.is_none() && plain_phrase.is_none();
    let phrase = marked
        .or(plain_phrase)
        .or_else(|| read_from_title.then(|| dash_title(content, rest)).flatten());
    let sentence = phrase.is_none();
    let title = phrase
        .or_else(|| sentence_title(content, rest, 3, STORY_WORDS))
        .map(|r| content_start + r.start..content_start + r.end)?;
    let title_text = text.get(title.clone())?;
    if !title_text.chars().any(char::is_alphabetic)
        || vocabulary.kind_of(title_text).is_some()
        || labels::reserved_item_title(title_text).is_some()
    {
        return None;
    }
    let after_title = text.get(title.end..item.end).unwrap_or_default();
    let story_start = if read_from_title {
        title.start
    } else {
        title.end + after_title.len()
            - after_title
                .trim_start_matches(['*', '_', ' ', '\t', '—', '–', '-', ':'])
                .len()
    };
    Some(TitledItem {
        line_start,
        first_line,
        title,
        end: item.end,
        own_end: item.end,
        plain,
        details: false,
        sentence,
        one_line,
        untitled: false,
        table_row: false,
        story_start,
    })
}

/// The fewest words after a long bullet's title for it to tell a story on its own line.
const LONG_BULLET_WORDS: usize = 30;

/// The same after a title that tells what the writer did (see [`long_bullet_story`]).
const DONE_BULLET_WORDS: usize = 12;

/// A story told in one long bullet, its first sentence its title (`- the chain on haddon rd.
/// 5 links, ftb at the bottom pulled out …`, thirty words and more after it): a phone note's
/// story: its title and where the story starts. A one-line bullet that says less is an
/// achievements list's line, no story.
fn long_bullet_story(
    text: &str,
    content_start: usize,
    content: &str,
    vocabulary: &Vocabulary,
) -> Option<(Range<usize>, usize)> {
    // A few words before a dash (`summer reading challenge - branch numbers had dropped …`),
    // or the first sentence.
    let dashed = [" - ", " — ", " – "].iter().find_map(|dash| {
        let (before, _) = content.split_once(dash)?;
        // A remark in brackets is no word of the title's (`block of 6 flats Station Ave
        // (landlord Mr P) - …`).
        let words = super::without_remark(before).split_whitespace().count();
        ((2..=8).contains(&words) && !before.contains(['.', ':', '!', '?']))
            .then(|| 0..before.trim_end().len())
    });
    // A phone note names its story in two words (`- fish costs. when i took over …`): thirty
    // words after them tell it.
    // A title that tells what the writer did (`Migrated the research notes into one
    // repository.`) needs less after it: what came of it.
    let fewest = if crate::notes::prose::opens_with_something_done(content) {
        DONE_BULLET_WORDS
    } else {
        LONG_BULLET_WORDS
    };
    let title = dashed.or_else(|| sentence_title(content, "", 2, fewest.min(STORY_WORDS)))?;
    let after = content.get(title.end..).unwrap_or_default();
    if after.split_whitespace().take(fewest).count() < fewest {
        return None;
    }
    let title = content_start + title.start..content_start + title.end;
    let title_text = text.get(title.clone())?;
    if vocabulary.kind_of(title_text).is_some() || labels::reserved_item_title(title_text).is_some()
    {
        return None;
    }
    let story_start = title.end + after.len()
        - after
            .trim_start_matches(['.', '!', ' ', '-', '—', '–'])
            .len();
    Some((title, story_start))
}

/// Whether an item's lines after its first only wrap its paragraph: no blank line, no
/// nested item.
fn only_wraps(rest: &str) -> bool {
    let rest = rest.trim_end();
    !rest.contains("\n\n")
        && rest.lines().all(|line| {
            // The first line's own end leaves an empty line first.
            line.is_empty()
                || (!line.trim().is_empty()
                    && crate::notes::label_lines::list_marker_with_space(line.trim_start())
                        .is_none())
        })
}

fn marker_len(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - trimmed.len();
    Some(indent + crate::notes::label_lines::list_marker_with_space(trimmed)?)
}

/// Whether a line goes on with the sentence of the line before (`and a C compiler.`).
fn carries_a_sentence_on(line: &str) -> bool {
    const ON: &[&str] = &[
        "and", "or", "but", "with", "to", "for", "of", "in", "on", "at", "by", "from", "as",
        "than", "that", "which", "so", "nor",
    ];
    let first = line
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ON.contains(&first)
}

/// Whether a list item's line opens with a number (`1.`, `2)`): an ordered list.
pub(in crate::notes) fn numbered(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t']);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && line
            .get(digits..)
            .is_some_and(|rest| rest.starts_with(". ") || rest.starts_with(") "))
}

/// `**Title**`, `**Title:**`, `**Title** — more`, `__Title__: more` (offsets in `content`).
fn bold_title(content: &str) -> Option<Range<usize>> {
    let bold = bold_opening(content)?;
    let after = bold.after.trim_end();
    // An emoji after the title is decoration (`**Covered theatre solo** ❄️`).
    let decorated = after
        .chars()
        .all(|c| c.is_whitespace() || (!c.is_ascii() && !c.is_alphanumeric()));
    // So is a short remark in brackets (`**Consent forms** (Mar 2024)`).
    let remark = after
        .strip_prefix(" (")
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|r| !r.contains(['(', ')']) && r.split_whitespace().count() <= 6);
    let separated = decorated
        || remark
        || (bold.stopped() && after.starts_with(' '))
        || after.starts_with(':')
        || [" — ", " – ", " - ", " —", " –"]
            .iter()
            .any(|s| after.starts_with(s));
    separated.then(|| bold.title(&[':', '.']))?
}

/// Bold text that opens a line (`**…**` or `__…__`): where its inside starts, the inside, and
/// what follows the closing marks.
pub(super) struct BoldOpening<'a> {
    inner_start: usize,
    pub(super) inner: &'a str,
    pub(super) after: &'a str,
}

pub(super) fn bold_opening(content: &str) -> Option<BoldOpening<'_>> {
    let marker = ["**", "__"].into_iter().find(|m| content.starts_with(m))?;
    let inner_start = marker.len();
    let close = content.get(inner_start..)?.find(marker)? + inner_start;
    Some(BoldOpening {
        inner_start,
        inner: content.get(inner_start..close)?,
        after: content.get(close + marker.len()..)?,
    })
}

impl BoldOpening<'_> {
    /// A title that ends in its own full stop inside the bold (`**Refit.** Kitchen needed …`):
    /// set apart from what follows by it. (Not a colon: `**tty:** Switch from …` is a
    /// changelog's scope.)
    fn stopped(&self) -> bool {
        self.inner.trim_end().ends_with('.')
    }

    /// The title inside the marks, trimmed of spaces and of the closing `ends` (offsets in the
    /// line's content); none when nothing is left.
    pub(super) fn title(&self, ends: &[char]) -> Option<Range<usize>> {
        let trimmed = self.inner.trim().trim_end_matches(ends).trim_end();
        let lead = self.inner.len() - self.inner.trim_start().len();
        let start = self.inner_start + lead;
        (!trimmed.is_empty()).then(|| start..start + trimmed.len())
    }
}

/// The most words a plain title has (`Led the incident review for the March 14 DNS outage
/// (checkout down for 47 min)` has 15).
const MAX_TITLE_WORDS: usize = 20;

/// `- Settled the attribution fight between marketing and sales` over nested items, or over
/// a paragraph of its own after a blank line: a short line with no closing punctuation
/// (offsets in `content`). Only a candidate: what follows must still tell an episode.
fn plain_title(content: &str, rest: &str, numbered: bool) -> Option<Range<usize>> {
    let line = content.trim_end();
    let words = line.split_whitespace().count();
    // A numbered story's own lines often go unindented under its title — a topic and its name
    // (`2) conflict - ECA skipping checks` over `was crewed w an ECA who …`), or a few words
    // (`6) fire alarm evac 2am, full house`): there the next line starts the story when the
    // first leaves nothing hanging and the next carries no sentence on.
    let topic_named = numbered
        && words <= MAX_DASH_TITLE_WORDS
        && (words <= NUMBERED_TITLE_WORDS
            || line.split_once(" - ").is_some_and(|(topic, name)| {
                (1..=3).contains(&topic.split_whitespace().count()) && !name.trim().is_empty()
            }))
        && !crate::text::leaves_a_sentence_open(content);
    let mut blank_before = false;
    let nested = rest
        .lines()
        .skip(1) // the first line's own end
        .find(|l| {
            let blank = l.trim().is_empty();
            blank_before |= blank;
            !blank
        })
        .is_some_and(|l| {
            let trimmed = l.trim_start_matches([' ', '\t']);
            // Indented text straight after the first line is the same paragraph: wrapped, the
            // first line a sentence's start and not a title — unless a new sentence starts
            // there after a line that leaves nothing hanging (`- Bakery, Mill St — RCD
            // tripping every morning` over `Spent 2 nights there …`).
            let indented = trimmed.len() < l.len();
            (indented
                && (crate::notes::label_lines::list_marker_with_space(trimmed).is_some()
                    || blank_before
                    || (opens_a_sentence(trimmed)
                        && !crate::text::leaves_a_sentence_open(content))))
                || (topic_named && !blank_before && !carries_a_sentence_on(trimmed))
        });
    let starts_with_word = line.chars().next().is_some_and(char::is_alphanumeric);
    // A title is one phrase: no sentence ends in it or after it.
    let closed = line.ends_with(['.', '!', '?', ':', ';', ',']) || ends_a_sentence_inside(line);
    (nested
        && starts_with_word
        && !closed
        && (2..=MAX_TITLE_WORDS).contains(&words)
        && line.len() <= 120)
        .then_some(0..line.len())
}

/// A line that starts a sentence: a capital letter, then a lower-case one or a space
/// (`Spent 2 nights`, `I did the DNO application`), not a name's initials or an acronym — nor
/// an instruction (`- Install the tools` over `Run cargo install.` is a step, not a story).
pub(in crate::notes) fn opens_a_sentence(line: &str) -> bool {
    const INSTRUCTIONS: &[&str] = &[
        "run",
        "install",
        "use",
        "open",
        "add",
        "click",
        "go",
        "see",
        "make",
        "create",
        "copy",
        "type",
        "enter",
        "select",
        "press",
        "download",
        "check",
        "follow",
        "call",
        "try",
        "note",
        "edit",
        "change",
        "remove",
        "update",
        "start",
        "build",
        "do",
        "don't",
        "don’t",
        "never",
        "always",
        "please",
        "ensure",
        "configure",
        "set",
        "put",
        "write",
        "read",
        "test",
    ];
    let mut chars = line.chars();
    let opens = chars.next().is_some_and(char::is_uppercase)
        && chars
            .next()
            .is_some_and(|c| c.is_lowercase() || c == ' ' || c == '\'' || c == '’');
    let first = line
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("")
        .to_lowercase();
    opens && !INSTRUCTIONS.contains(&first.as_str())
}

/// The most words of a numbered title with no topic before a dash (`6) fire alarm evac 2am,
/// full house`).
const NUMBERED_TITLE_WORDS: usize = 8;

/// The most words a plain title before a dash has.
const MAX_DASH_TITLE_WORDS: usize = 12;

/// `1. Led the Year 8 scheme-of-work rewrite — replaced the old booklets …` over nested items:
/// a short phrase, then ` — ` or ` – ` and a description (offsets in `content`). Only a
/// candidate, as a plain title is: what follows must still tell an episode.
fn dash_title(content: &str, rest: &str) -> Option<Range<usize>> {
    let (title, _) = [" — ", " – "]
        .iter()
        .filter_map(|dash| content.split_once(dash))
        .min_by_key(|(title, _)| title.len())?;
    let title = title.trim_end();
    let words = title.split_whitespace().count();
    let nested = rest.lines().skip(1).any(|l| {
        let trimmed = l.trim_start_matches([' ', '\t']);
        trimmed.len() < l.len()
            && crate::notes::label_lines::list_marker_with_space(trimmed).is_some()
    });
    let starts_with_word = title.chars().next().is_some_and(char::is_alphanumeric);
    let closed = title.ends_with(['.', '!', '?', ':', ';', ',']) || ends_a_sentence_inside(title);
    (nested && starts_with_word && !closed && (2..=MAX_DASH_TITLE_WORDS).contains(&words))
        .then_some(0..title.len())
}

/// The first sentence of a long item's first line, as its title: `Rolled out the cache
/// change on a Friday.` over more lines that tell the story (wrapped, or nested items),
/// `told_words` or more. The sentence ends in the first line, with a full stop or an
/// exclamation mark.
fn sentence_title(
    content: &str,
    rest: &str,
    fewest_words: usize,
    told_words: usize,
) -> Option<Range<usize>> {
    let line = content.trim_end();
    if !line.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let end = sentence_ends(line)
        .next()
        .or_else(|| line.ends_with(['.', '!']).then(|| line.len() - 1))?;
    let after = line.get(end + 1..).unwrap_or_default();
    let told = after
        .split_whitespace()
        .chain(rest.split_whitespace())
        .take(told_words)
        .count();
    if told < told_words {
        return None;
    }
    let title = line.get(..end)?.trim_end();
    // An exclamation names a story in two words (`forest school!! we only had the yard …`).
    let exclaimed = line.get(end..).is_some_and(|e| e.starts_with('!'));
    let title = title.trim_end_matches('!');
    // A log's date before it is no label (`2025-02-05: Pallet came down from B12 level 3.`).
    let named = title
        .split_once(':')
        .filter(|(date, _)| crate::notes::experiences::is_period_or_version(date))
        .map_or(title, |(_, rest)| rest);
    let words = named.split_whitespace().count();
    let fewest = if exclaimed { 2 } else { fewest_words };
    // A label (`Result: …`) or a list of words (`Skills: Rust, Go`) is no title.
    ((fewest..=MAX_TITLE_WORDS).contains(&words) && title.len() <= 120 && !named.contains(':'))
        .then_some(0..title.len())
}

/// Whether a full stop inside `line` ends a sentence: not one after an initial or a title
/// (`Mr D. to his review`, `the three R. children`, `Dr. Shah`).
fn ends_a_sentence_inside(line: &str) -> bool {
    sentence_ends(line).next().is_some()
}

/// Where a full stop or exclamation mark followed by a space ends a sentence in `line` (see
/// [`ends_a_sentence_inside`]).
pub(in crate::notes) fn sentence_ends(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.match_indices(['.', '!'])
        .map(|(at, _)| at)
        .filter(move |&at| {
            if line.as_bytes().get(at + 1) != Some(&b' ') {
                return false;
            }
            let word = line
                .get(..at)
                .unwrap_or_default()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default();
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let title = ["Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "vs"].contains(&word);
            !(initial || title)
        })
}

/// `Case 3: cache stampede on deploy` (the whole line is the title).
fn numbered_title(content: &str) -> Option<Range<usize>> {
    let word_end = content.find(|c: char| !c.is_alphabetic())?;
    let word = &content[..word_end];
    if !NUMBERED_TITLES.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return None;
    }
    let rest = content[word_end..].trim_start_matches(' ');
    let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || !rest[digits..].starts_with([':', '.', ' ', '—']) {
        return None;
    }
    let line = content.trim_end();
    Some(0..line.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks;

    fn titles(text: &str) -> Vec<String> {
        let b = blocks::scan(text, 0);
        let vocabulary = Vocabulary::default();
        (0..b.items.len())
            .filter_map(|i| titled(text, &b.items, i, &vocabulary))
            .map(|t| text[t.title].to_string())
            .collect()
    }

    #[test]
    fn bold_and_numbered_titles_with_a_body() {
        let text = "- **Retired the nightly export job**\n  - I replaced it.\n- **Mentored Sam** — paired weekly\n  Sam now owns alerts.\n- Case 2: cache stampede on deploy\n  I added jitter.\n1. __Night shift rota:__\n   I rebuilt it.\n";
        assert_eq!(
            titles(text),
            vec![
                "Retired the nightly export job",
                "Mentored Sam",
                "Case 2: cache stampede on deploy",
                "Night shift rota"
            ]
        );
        // An emoji or a short remark in brackets after the title is no part of it; words
        // after it are no title's.
        let decorated = "- **Covered theatre solo** ❄️\n  - I ran the monitoring.\n- **Snow day** (Sat)\n  - I ran it.\n- **Snow day** on Sat\n  - I ran it.\n- **Snow day** (Sat) and more\n  - I ran it.\n";
        assert_eq!(titles(decorated), vec!["Covered theatre solo", "Snow day"]);
    }

    #[test]
    fn a_plain_title_over_sentences_on_the_lines_under_it() {
        // A new sentence on the next line, after a line that leaves nothing hanging.
        let text = "- Jake nearly drilled into a live cable at the Fosters'\n  Hadn't used the detector. Stopped the job.\n- Bakery, Mill St — RCD tripping every morning about 4am when the ovens came on\n  Spent 2 nights there with the clamp meter.\n";
        assert_eq!(
            titles(text),
            vec![
                "Jake nearly drilled into a live cable at the Fosters'",
                "Bakery, Mill St — RCD tripping every morning about 4am when the ovens came on"
            ]
        );
        // A sentence wrapped: its first line ends on a word that wants more, or the next line
        // goes on in lower case.
        let wrapped = "- I took over the rota in March when\n  I was the newest on the ward.\n- Moved the nightly jobs to the new cluster and\n  Grafana alerts with them.\n- Moved the nightly jobs to the new cluster\n  over two weekends.\n";
        assert!(titles(wrapped).is_empty(), "{:?}", titles(wrapped));
    }

    #[test]
    fn stories_told_in_one_long_bullet() {
        let story = "- the chain on haddon rd. five links, the buyer at the bottom pulled out two weeks before exchange. went through our own applicant list that night, found a cash couple and had them viewing the next morning. the whole chain exchanged on the 28th like planned.\n";
        assert_eq!(titles(story), vec!["the chain on haddon rd"]);
        let dashed = "- summer reading challenge - branch numbers had dropped two years running so i went round all five primary schools in june and did assemblies. 212 kids signed up against 140 last year and 61% finished the challenge.\n";
        assert_eq!(titles(dashed), vec!["summer reading challenge"]);
        // A remark in brackets before the dash is no word of the title's.
        let remarked = "- block of 6 flats Station Ave (landlord Mr P) - all 6 combis failed the gas safe check and he wanted the lot swapped in a week. got Dean in to help, did 2 a day, kept water on for the occupied ones. all signed off in 5 days.\n";
        assert_eq!(
            titles(remarked),
            vec!["block of 6 flats Station Ave (landlord Mr P)"]
        );
        // An exclamation names one in two words.
        let exclaimed = "- forest school!! we only had the yard and half the kids never got outdoor time in winter. i asked the vicar for the field behind the church on wednesday mornings and wrote the risk assessment myself.\n";
        assert_eq!(titles(exclaimed), vec!["forest school"]);
        // So does a full stop, with thirty words and more after them; not one word, and not
        // two over a short line.
        let two_words = "- fish costs. when i took over the fish section we were buying portioned hake and bream. i asked chef to let me buy whole fish and butcher it myself, used the trim for fishcakes on the bar menu. fish cost down about 4%\n";
        assert_eq!(titles(two_words), vec!["fish costs"]);
        for text in [
            "- costs. when i took over the fish section we were buying portioned hake and bream. i asked chef to let me buy whole fish and butcher it myself, used the trim for fishcakes on the bar menu. fish cost down about 4%\n",
            "- fish costs. i asked chef to let me buy whole fish and butcher it myself.\n",
        ] {
            assert!(titles(text).is_empty(), "{text:?}");
        }
        // A log's date before a dash is part of the first sentence that names the story.
        let dated = "- Jul – heatwave, freezer bank 3 failed on the Sat. got engineers out in 2 hrs, moved stock to the back-up freezer and borrowed 2 from the shop down the road. lost under £400 of stock. should've had the escalation number on the wall, wasted 40 mins finding it\n";
        assert_eq!(
            titles(dated),
            vec!["Jul – heatwave, freezer bank 3 failed on the Sat"]
        );
        assert!(titles("- Sep – charity bag pack for the hospice, raised £2,340\n").is_empty());
        // An achievements list's lines, however long a few of them run, are no stories.
        let wins = "- Renewed my CPR certificate.\n- Did the autism friendly hour training with the rest of the branch team in March.\n";
        assert!(titles(wins).is_empty(), "{:?}", titles(wins));
    }

    #[test]
    fn plain_titles_over_nested_items() {
        let text = "- Settled the attribution fight\n  - I built one table.\n- Install the tools\n  Run cargo install.\n- Steps to reproduce:\n  - open it\n- Done\n  - x\n- Fixed it. Then more\n  - x\n";
        assert_eq!(titles(text), vec!["Settled the attribution fight"]);
    }

    #[test]
    fn plain_titles_before_a_dash_over_nested_items() {
        let text = "1. Led the Year 8 scheme-of-work rewrite — replaced the old booklets with six\n   practical units.\n   - The average went from 54% to 63%.\n2. Ran the STEM club — every Tuesday.\n3. Build from source — needs Rust\n   and a C compiler.\n4. `cargo` — the build tool\n   - x\n5. Done. Then — more\n   - x\n";
        assert_eq!(titles(text), vec!["Led the Year 8 scheme-of-work rewrite"]);
    }

    #[test]
    fn plain_titles_over_a_paragraph_of_their_own() {
        // A blank line, then the item's own paragraph; initials are no sentence end.
        let text = "- Getting Mr D. to his review\n\n  I rewrote the letter.\n- Rewrote the rota for the ward\n  and it worked.\n- Settled it. Then more\n\n  I did.\n";
        assert_eq!(titles(text), vec!["Getting Mr D. to his review"]);
    }

    #[test]
    fn numbered_topics_over_unindented_lines() {
        // `N) topic - name`, or a title of eight words at most, over lines of its own, not
        // indented. Not: a bullet, a first line left open, a longer title whose topic before
        // a dash is four words and more, a dash with nothing after it.
        let text = "1) LEADERSHIP - the crash on the A59 (march?)\nS - 3 car crash, first on scene\nA - triaged, called it in\n\n2) conflict - checks skipped\nwas crewed w someone who kept skipping them\n\n6) upselling at the front desk\nFO upsell was about 800 a month when i started\n\n- setup - the tools\nrun cargo install\n\n3) tools - install the\nbuild tools first\n\n4) how we set it all up on the new server - the tools\nrun this\n\n5) tools -\nrun this\n\n7) the nine words of a title that goes on\nrun this\n\n8) build it from source\nand a C compiler\n";
        assert_eq!(
            titles(text),
            vec![
                "LEADERSHIP - the crash on the A59 (march?)",
                "conflict - checks skipped",
                "upselling at the front desk"
            ]
        );
    }

    #[test]
    fn first_sentences_of_long_items() {
        // Twenty words after it: the first sentence names the story. Not: a short item, a
        // label, a two-word sentence, a list of words.
        let text = "- Rolled out the cache change on a Friday. I had tested it in staging\n  but not at prod scale, and Redis filled up by Saturday.\n  Should have waited for Monday.\n- Shipped search. It is faster\n  now.\n- Result: fewer calls. More\n  text here and there and then some more of it, one two three four five six seven eight nine ten\n- Did it. Then more text here and there and then some more of it,\n  one two three four five six seven eight nine ten\n- Languages: Rust, Go. And more text here and there and then some more of it,\n  one two three four five six seven eight nine ten\n";
        assert_eq!(
            titles(text),
            vec!["Rolled out the cache change on a Friday"]
        );
        let items = blocks::scan(text, 0).items;
        let first = titled(text, &items, 0, &Vocabulary::default()).unwrap();
        assert!(first.sentence && first.plain);
        // A log's date before the sentence is no label; a label before it still is.
        let dated = "- 2025-02-05: Pallet came down from B12 level 3. Nobody hurt.\n  - I cleared the aisle, stopped all putaway in zone B and called the shift manager, then did the report.\n- Outcome: Pallet came down from B12 level 3. Nobody hurt.\n  - I cleared the aisle, stopped all putaway in zone B and called the shift manager, then did the report.\n";
        assert_eq!(
            titles(dated),
            vec!["2025-02-05: Pallet came down from B12 level 3"]
        );
    }

    #[test]
    fn not_titles() {
        // One-line bullets, labels, reserved titles, bold text inside a sentence.
        let text = "- **Shipped search** in March\n- **Cut costs**\n- **Result:** fewer calls\n  more\n- **Skills**\n  Rust\n- **Bold** words then more\n  text\n- Case study: the billing team\n  text\n";
        assert!(titles(text).is_empty(), "{:?}", titles(text));
    }
}
