//! Paragraphs led by a bold title (`**Took over the trial bundle.** Two weeks out …`), and
//! a bold title alone on its line over the paragraph or list that tells the story.

use std::ops::Range;

use crate::labels::{self, Vocabulary};

use super::list_items::bold_opening;
use super::{STORY_WORDS, TitledItem, inside, merged_blocks, names_no_story};

/// Paragraphs led by a bold title that ends a sentence or takes a colon (`**Took over the trial
/// bundle.** Two weeks out, …`), outside lists, code, HTML and tables, in order: a hype doc's
/// stories told paragraph by paragraph under a theme. Read as one-line titled items: their text
/// must tell a story as such an item's must.
pub fn lead_paragraph_stories(
    text: &str,
    blocks: &crate::blocks::Blocks,
    heading_starts: &[usize],
    vocabulary: &Vocabulary,
    document: BoldTitles,
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    // Lists, code, HTML, tables and comments, merged: built at the first bold title only.
    let mut covered: Option<Vec<Range<usize>>> = None;
    let is_heading = |at: usize| heading_starts.binary_search(&at).is_ok();
    let line_at = |at: usize| {
        let end = memchr::memchr(b'\n', text.as_bytes().get(at..).unwrap_or_default())
            .map_or(text.len(), |i| at + i);
        at..end
    };
    let blank = |r: &Range<usize>| text.get(r.clone()).is_none_or(|l| l.trim().is_empty());
    // Only lines that open with bold text are looked at: found by their markers, not line by
    // line (a long note has a hundred thousand lines and few such paragraphs).
    let bytes = text.as_bytes();
    let starts = memchr::memmem::find_iter(bytes, b"**")
        .chain(memchr::memmem::find_iter(bytes, b"__"))
        .filter_map(|at| {
            let line_start = crate::blocks::line_start(text, at);
            let indent = text.get(line_start..at)?;
            (indent.len() <= 3 && indent.bytes().all(|b| b == b' ')).then_some(line_start)
        });
    let mut line_starts: Vec<usize> = starts.collect();
    line_starts.sort_unstable();
    line_starts.dedup();
    // A bold title that opens a heading's section, where at least one other heading's section
    // opens with one too, names the story told under it (`Technical leadership` over
    // `**Moving the credit risk MI to dbt**` over the story, `Developing others` over `**Leon
    // (grad)**`): the headings are a form's themes, the bold lines its stories.
    let opens_a_section = |start: usize| {
        after_a_heading(text, start, &blocks.headings)
            && lead_title(content_of(text, start).trim_start_matches(' ')).is_some()
    };
    // Among bold titles of two words or more, one word names a story too (`**Grievance.** A
    // grievance was raised …`, `**Interventions**` over its paragraph); where two headings'
    // sections or more open with bold titles, those titles name stories. Both counted over the
    // whole document (see [`BoldTitles`]): counted in a piece, they changed where a cut fell.
    let in_a_series_of_titles = || document.in_a_series;
    let sections_open_with_titles = || document.open_sections;
    let mut at = 0;
    // Where the last bold title of a series (see below) handed over to the next one.
    let mut series_reaches: Option<usize> = None;
    for &start in &line_starts {
        if start < at {
            continue; // inside the paragraph before
        }
        let line = line_at(start);
        at = line.end + 1;
        let content = text.get(line.clone()).unwrap_or("").trim_end_matches('\r');
        let indent = content.len() - content.trim_start_matches(' ').len();
        let previous = start
            .checked_sub(1)
            .map(|end| crate::blocks::line_start(text, end)..end);
        let opens = previous.is_none_or(|p| blank(&p) || is_heading(p.start));
        if !opens || is_heading(line.start) {
            continue;
        }
        let Some(title) = content.get(indent..).and_then(lead_title) else {
            continue;
        };
        let title = line.start + indent + title.start..line.start + indent + title.end;
        let title_text = text.get(title.clone()).unwrap_or("");
        // Not a label, a reserved section's name or a summing-up (see [`names_no_story`]); a
        // title of two words ends with its full stop inside the bold (`**May hailstorm.** The
        // storm …`), as a label's colon never does, or stands alone on its line.
        let words = title_text.split_whitespace().count();
        let stopped = text
            .get(title.end..)
            .is_some_and(|t| t.starts_with(".**") || t.starts_with(".__"))
            || is_bold_only_line(content);
        let opener = || opens_a_section(line.start) && sections_open_with_titles();
        let one_word_in_a_series = || words == 1 && stopped && in_a_series_of_titles();
        // Two words in a series of bold titles too (`**Harlow Dental** — spotted that …`), but
        // not before a colon, a label's mark (`**My bit:** I rebuilt his file …`).
        let colon = || {
            text.get(title.end..line.end)
                .is_some_and(|after| after.trim_start_matches(['*', '_']).starts_with(':'))
        };
        let in_a_series = || !colon() && in_a_series_of_titles();
        if (words < 2 && !one_word_in_a_series())
            || (words == 2 && !stopped && !opener() && !in_a_series())
        {
            continue;
        }
        if names_no_story(title_text, vocabulary) {
            continue;
        }
        let covered = covered.get_or_insert_with(|| merged_blocks(blocks));
        let in_block = |at: usize| inside(covered, at);
        if in_block(line.start + indent) {
            continue;
        }
        // The paragraph runs to a blank line, a heading or a block.
        let mut last = line.clone();
        while at < text.len() {
            let next = line_at(at);
            if blank(&next) || is_heading(next.start) || in_block(next.start) {
                break;
            }
            at = next.end + 1;
            last = next;
        }
        // A bold title alone on its line, then a list (straight after it or after one blank
        // line): the list tells its story, as a heading's would (`**Harlow Logistics — charity
        // of the year**` over `- met their CSR lead …`, `- we got it — £41k …`).
        if last.start == line.start
            && text.get(title.end..line.end).is_some_and(|rest| {
                nothing_or_a_remark(rest.trim_start_matches(['*', '_', '.', '!', '?', ':']))
            })
        {
            let mut next = line_at(at.min(text.len()));
            if blank(&next) && next.end < text.len() {
                next = line_at(next.end + 1);
            }
            let k = covered.partition_point(|r| r.start <= next.start);
            let list = k
                .checked_sub(1)
                .and_then(|k| covered.get(k))
                .filter(|r| r.start == next.start && !blank(&next));
            let opens_a_list = list.is_some()
                && text.get(next.clone()).is_some_and(|l| {
                    crate::notes::label_lines::list_marker_with_space(l.trim_start()).is_some()
                });
            if let Some(list) = list.filter(|_| opens_a_list) {
                let list_end = list.end.min(text.len());
                let last_line_start = crate::blocks::line_start(text, list_end.saturating_sub(1));
                last = line_at(last_line_start);
                at = list_end;
            } else if !blank(&next) && !in_block(next.start) && next.start > at {
                // A bold title alone in its paragraph, then paragraphs: in a series of such
                // titles, each heads the paragraphs up to the next (`**Q: Tell me about a time
                // you disagreed with a colleague.**` over the answer), or to a heading or a
                // rule after the last one; so does an interview question on its own. Any other
                // lone bold line over paragraphs is a tagline.
                let (mut scan, mut body_end, mut next_title) = (next.start, last.clone(), false);
                while scan < text.len() {
                    let l = line_at(scan);
                    let content = text.get(l.clone()).unwrap_or("").trim_end_matches('\r');
                    let outside = !in_block(l.start);
                    // Another title, not a bold label of the answer's own (`**Result:**`).
                    let another_title = is_bold_only_line(content)
                        && previous_is_blank(text, l.start)
                        && lead_title(content.trim_start_matches(' ')).is_some_and(|t| {
                            let inner = content.trim_start_matches(' ').get(t).unwrap_or("");
                            inner.split_whitespace().count() >= 2
                                && vocabulary
                                    .kind_of_normalized(&labels::normalize(inner))
                                    .is_none()
                        });
                    if outside && another_title {
                        next_title = true;
                        break;
                    }
                    if outside && (is_heading(l.start) || is_thematic_break(content)) {
                        break;
                    }
                    if !blank(&l) {
                        body_end = l.clone();
                    }
                    scan = l.end + 1;
                }
                if next_title
                    || series_reaches == Some(line.start)
                    || (words >= 3 && opens_a_theme(text, line.start, title_text, &blocks.headings))
                    || opener()
                    || asks_for_a_story(title_text)
                {
                    last = body_end;
                    at = scan.min(text.len());
                    series_reaches = next_title.then_some(scan);
                }
            }
        }
        // Its line terminator included, as a list item's: an insertion at its end is in it.
        let end = (last.end + 1).min(text.len());
        let after_title = text.get(title.end..last.end).unwrap_or("");
        let story_start = title.end + after_title.len()
            - after_title
                .trim_start_matches(['*', '_', ' ', '.', '!', '?', ':', '—', '–', '-', '\r', '\n'])
                .len();
        let words = text
            .get(story_start..last.end)
            .unwrap_or("")
            .split_whitespace();
        if words.take(STORY_WORDS + 1).count() <= STORY_WORDS {
            continue;
        }
        out.push(TitledItem {
            line_start: line.start,
            first_line: line.start + indent..line.start + content.len(),
            title,
            end,
            own_end: end,
            plain: false,
            details: false,
            sentence: false,
            one_line: true,
            untitled: false,
            table_row: false,
            story_start,
        });
    }
    out
}

/// What the whole document's bold lines say about each one: whether two or more of them are
/// titles of two words or more (a series), and whether two or more open a heading's section
/// (a form). Read before the pieces, from the text alone, so that a piece's reading does not
/// depend on where the document was cut: an insertion that moves a cut (a quick fix's
/// sub-heading) changes no story elsewhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BoldTitles {
    pub in_a_series: bool,
    pub open_sections: bool,
}

impl BoldTitles {
    pub fn of(text: &str) -> BoldTitles {
        let bytes = text.as_bytes();
        // A line counts by the marks that open it (after three spaces at most): each line once,
        // in one pass or the other, and the passes stop once both answers are known.
        let opening = |at: usize| {
            let line_start = crate::blocks::line_start(text, at);
            let indent = text.get(line_start..at)?;
            (indent.len() <= 3 && indent.bytes().all(|b| b == b' ')).then_some(line_start)
        };
        let (mut titles, mut openers) = (0, 0);
        let starts = memchr::memmem::find_iter(bytes, b"**")
            .chain(memchr::memmem::find_iter(bytes, b"__"))
            .filter_map(opening);
        for start in starts {
            let content = content_of(text, start).trim_start_matches(' ');
            let Some(title) = lead_title(content).and_then(|t| content.get(t)) else {
                continue;
            };
            if title.split_whitespace().count() >= 2 {
                titles += 1;
            }
            if under_a_heading_line(text, start) {
                openers += 1;
            }
            if titles >= 2 && openers >= 2 {
                break;
            }
        }
        BoldTitles {
            in_a_series: titles >= 2,
            open_sections: openers >= 2,
        }
    }
}

/// Whether the last line before `line_start` that is not blank is a heading's, read from the
/// text alone: an ATX heading's line, or a setext heading's underline under a line of text.
fn under_a_heading_line(text: &str, line_start: usize) -> bool {
    let mut end = line_start;
    while let Some(last) = end.checked_sub(1) {
        let start = crate::blocks::line_start(text, last);
        let line = text.get(start..last).unwrap_or("").trim_end_matches('\r');
        if line.trim().is_empty() {
            end = start;
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return false;
        }
        if crate::blocks::opens_atx_heading(trimmed.as_bytes()) {
            return true;
        }
        let underline = trimmed.trim_end();
        let setext = !underline.is_empty()
            && (underline.bytes().all(|b| b == b'=') || underline.bytes().all(|b| b == b'-'));
        return setext
            && start
                .checked_sub(1)
                .map(|e| {
                    text.get(crate::blocks::line_start(text, e)..e)
                        .unwrap_or("")
                })
                .is_some_and(|above| !above.trim().is_empty());
    }
    false
}

/// An interview question as a title: `Q: …`, one that ends with a question mark, or an
/// interview's prompt (`Tell me about a time …`).
fn asks_for_a_story(title: &str) -> bool {
    let title = title.trim();
    let lower = title.to_lowercase();
    title.ends_with('?')
        || ["Q:", "Q.", "Q -", "Q —", "Question:"]
            .iter()
            .any(|q| title.starts_with(q))
        // An interview's prompt without its question mark (`Tell me about a time you …`).
        || ["tell me about a time", "describe a time", "give an example of a time", "tell us about a time"]
            .iter()
            .any(|ask| lower.starts_with(ask))
}

/// The line that starts at `start`, its terminator left out.
fn content_of(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    rest.split('\n').next().unwrap_or("").trim_end_matches('\r')
}

/// Whether the last line before `line_start` that is not blank is a heading's: any line of
/// its block, a setext heading's underline too.
fn after_a_heading(
    text: &str,
    line_start: usize,
    headings: &[crate::blocks::HeadingBlock],
) -> bool {
    heading_before(text, line_start, headings).is_some()
}

/// The heading whose block holds the last line before `line_start` that is not blank.
fn heading_before<'h>(
    text: &str,
    line_start: usize,
    headings: &'h [crate::blocks::HeadingBlock],
) -> Option<&'h crate::blocks::HeadingBlock> {
    let mut end = line_start;
    while let Some(last) = end.checked_sub(1) {
        let start = crate::blocks::line_start(text, last);
        if !text.get(start..last).unwrap_or("").trim().is_empty() {
            let k = headings.partition_point(|h| h.range.start <= start);
            return k
                .checked_sub(1)
                .and_then(|k| headings.get(k))
                .filter(|h| start <= h.range.end);
        }
        end = start;
    }
    None
}

/// Whether the bold line `title` at `line_start` names a story under a heading that names a
/// theme: it opens the heading's section, is no sentence (a tagline: `**A fast allocation
/// arena for values of one type.**`) and shares no word with the heading (`## Moving the
/// reports` over `**Moving the team's reports to dbt**` names one story twice).
fn opens_a_theme(
    text: &str,
    line_start: usize,
    title: &str,
    headings: &[crate::blocks::HeadingBlock],
) -> bool {
    let Some(heading) = heading_before(text, line_start, headings) else {
        return false;
    };
    let content = content_of(text, line_start).trim_start_matches(' ');
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let named = words(text.get(heading.title.clone()).unwrap_or(""));
    lead_title(content).is_some()
        && !title.trim_end().ends_with('.')
        && !content
            .trim_end()
            .trim_end_matches(['*', '_'])
            .ends_with('.')
        && !words(title).iter().any(|w| named.contains(w))
}

/// Whether the line before `line_start` is blank (or there is none).
fn previous_is_blank(text: &str, line_start: usize) -> bool {
    let Some(end) = line_start.checked_sub(1) else {
        return true;
    };
    let start = crate::blocks::line_start(text, end);
    text.get(start..end).is_none_or(|l| l.trim().is_empty())
}

/// `---`, `***`, `___` (and spaced): a thematic break.
pub(super) fn is_thematic_break(line: &str) -> bool {
    let line = line.trim();
    let Some(mark) = line.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    line.chars().all(|c| c == mark || c == ' ' || c == '\t')
        && line.chars().filter(|c| *c == mark).count() >= 3
}

/// A line that is bold text and nothing else (`**Q: Leadership example?**`).
fn is_bold_only_line(line: &str) -> bool {
    let content = line.trim_start_matches(' ');
    line.len() - content.len() <= 3
        && bold_opening(content).is_some_and(|bold| nothing_or_a_remark(bold.after))
}

/// Nothing after a bold title but a remark in brackets (`**Safeguarding – acting quickly**
/// (keep it vague on the day)`): the title still stands alone on its line.
fn nothing_or_a_remark(after: &str) -> bool {
    let after = after.trim();
    after.is_empty()
        || after
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|r| !r.contains(['(', ')']))
}

/// `**Took over the bundle.** Two weeks out …`, `**Pushed back:** their quote …`: bold text
/// that ends a sentence or takes a colon, then more on the line; `**Faster month-end close** —
/// moved accruals …`: bold text, a dash, more on the line; or bold text alone on the
/// paragraph's first line, its story on the lines after (offsets in `content`).
fn lead_title(content: &str) -> Option<Range<usize>> {
    let bold = bold_opening(content)?;
    if nothing_or_a_remark(bold.after) {
        return bold.title(&['.', '!', ':']);
    }
    // A remark in brackets after the title (`**Brightwater pitch** (3 sites, on Sage). I did
    // the fee model …`) leaves the title standing: what follows it decides.
    let after = bold
        .after
        .strip_prefix(" (")
        .and_then(|remark| remark.split_once(')'))
        .map_or(bold.after, |(_, rest)| rest);
    let ends_inside = bold.inner.trim_end().ends_with(['.', '!', ':']);
    let ends_after = after.starts_with(['.', '!', ':']);
    let rest = after.trim_start_matches(['.', '!', ':']);
    let dashed = ["—", "–", "-"]
        .iter()
        .any(|dash| after.trim_start().starts_with(dash))
        && after.starts_with(' ');
    if !(ends_inside || ends_after || dashed) || !rest.starts_with(' ') || rest.trim().is_empty() {
        return None;
    }
    bold.title(&['.', '!', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_led_by_a_bold_title() {
        let story = "Two weeks out from the hearing the associate went off sick and I was the only other person who knew the file, so I took it over.";
        let lead = |title: &str| {
            let text = format!("# Hype doc\n\n{title} {story}\nThe judge accepted it.\n\nMore.\n");
            let blocks = crate::blocks::scan(&text, 0);
            let starts: Vec<usize> = blocks
                .headings
                .iter()
                .map(|h| crate::blocks::line_start(&text, h.range.start))
                .collect();
            lead_paragraph_stories(
                &text,
                &blocks,
                &starts,
                &Vocabulary::default(),
                BoldTitles::of(&text),
            )
            .iter()
            .map(|t| {
                assert!(text[t.line_start..t.end].ends_with("accepted it.\n"));
                text[t.title.clone()].to_string()
            })
            .collect::<Vec<_>>()
        };
        assert_eq!(
            lead("**Took over the trial bundle.**"),
            ["Took over the trial bundle"]
        );
        assert_eq!(
            lead("**Pushed back on the vendor**:"),
            ["Pushed back on the vendor"]
        );
        // Two words, ended by a full stop inside the bold, or alone on the line: a story's
        // title too.
        assert_eq!(lead("**May hailstorm.**"), ["May hailstorm"]);
        assert_eq!(lead("**Xmas temps**\n"), ["Xmas temps"]);
        // A note, a label, bold words in a sentence, a list item: no story's title.
        for near_miss in [
            "**Note:**",
            "**Result:**",
            "**Lessons learned from it:**",
            "**Bold words** in a sentence",
            "**Key actions:**",
            "**Quick note** —",
            "- **Took over the trial bundle.**",
        ] {
            assert!(lead(near_miss).is_empty(), "{near_miss}");
        }
        // One word, beside two titles of more: a story's title too; beside one, no title.
        assert!(lead("**Grievance.**").is_empty());
        let series = |titles: &[&str]| {
            let text: String = titles
                .iter()
                .map(|t| format!("{t} {story}\nThe judge accepted it.\n\n"))
                .collect();
            let blocks = crate::blocks::scan(&text, 0);
            lead_paragraph_stories(
                &text,
                &blocks,
                &[],
                &Vocabulary::default(),
                BoldTitles::of(&text),
            )
            .iter()
            .map(|t| text[t.title.clone()].to_string())
            .collect::<Vec<_>>()
        };
        assert_eq!(
            series(&[
                "**Took over the bundle.**",
                "**Grievance.**",
                "**May hailstorm.**"
            ]),
            ["Took over the bundle", "Grievance", "May hailstorm"]
        );
        assert_eq!(
            series(&["**Took over the bundle.**", "**Grievance.**"]),
            ["Took over the bundle"]
        );
        // Two words before a dash, in a series; not before a colon, a label's mark.
        assert_eq!(
            series(&[
                "**Took over the bundle.**",
                "**Harlow Dental** —",
                "**May hailstorm.**"
            ]),
            ["Took over the bundle", "Harlow Dental", "May hailstorm"]
        );
        assert_eq!(
            series(&[
                "**Took over the bundle.**",
                "**My bit:**",
                "**May hailstorm.**"
            ]),
            ["Took over the bundle", "May hailstorm"]
        );
        assert!(lead("**Harlow Dental** —").is_empty());
        // A remark in brackets after the title leaves it standing.
        assert_eq!(
            lead("**Brightwater Nurseries pitch** (3 sites)."),
            ["Brightwater Nurseries pitch"]
        );
        // Too short to tell a story.
        let short = "**Took over the trial bundle.** Done.\n";
        let blocks = crate::blocks::scan(short, 0);
        assert!(
            lead_paragraph_stories(
                short,
                &blocks,
                &[],
                &Vocabulary::default(),
                BoldTitles::of(short)
            )
            .is_empty()
        );
    }

    /// A bold title of three words or more alone on the line that opens a heading's section
    /// names the story the section's paragraphs tell, also where no other section opens so
    /// (the form's other sections may be read in another piece); the heading is its theme. A
    /// README's bold line over instructions tells none.
    #[test]
    fn a_bold_title_opening_a_section_over_its_story() {
        let form = "# Promotion case\n\n## Influence\n\n**EU data retention decision**\n\nLegal and Platform had disagreed for two quarters about the retention period. I wrote a one-page decision doc with three options, got both leads in a room, and we agreed a 90-day default.\n\n## Still to add\n\n- metrics appendix\n";
        assert_eq!(
            crate::notes::tests::titles_in(form),
            ["EU data retention decision"]
        );
        let readme = "# tool\n\n## Installation\n\n**Requires Rust 1.70 or later**\n\nRun cargo install tool. The binary goes to the cargo bin folder, which must be on your path.\n";
        assert!(crate::notes::tests::titles_in(readme).is_empty());
    }
}
