//! A plain line alone in its paragraph with a list straight under it (`Accra diversion (feb
//! 24)` over `- I split the crew …`): the line titles the story its items tell.

use std::ops::Range;

use crate::labels::Vocabulary;

use super::{TitledItem, merged_blocks, names_no_story};

/// A plain line alone in its paragraph with a list straight under it, no blank line between
/// (`medical — diabetic lady on the JFK (spring 23)` over `- hypo about 2 hrs out …`): a
/// phone note's title over the story its list tells. Plain, so a story only if the list
/// tells an episode as a heading's text must; not over a list of titled items (a theme's
/// name over its stories), a label, a reserved section's name or a line that ends a sentence
/// or opens a list (`Steps:`).
pub fn line_titles_over_lists(
    text: &str,
    blocks: &crate::blocks::Blocks,
    heading_starts: &[usize],
    titled: &[TitledItem],
    vocabulary: &Vocabulary,
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    let mut covered: Option<Vec<Range<usize>>> = None;
    let mut list_reaches = 0;
    for item in &blocks.items {
        if item.start < list_reaches {
            continue;
        }
        list_reaches = item.end;
        let item_line = crate::blocks::line_start(text, item.start);
        let Some(title_line_end) = item_line.checked_sub(1) else {
            continue;
        };
        let title_line = crate::blocks::line_start(text, title_line_end)..title_line_end;
        let line = text
            .get(title_line.clone())
            .unwrap_or("")
            .trim_end_matches('\r');
        // A numbered line of its own over a bulleted list (`1) the overbooking night` over
        // `- 14 rooms oversold …`): its number is no part of the title, the list tells the
        // story. (Markdown makes them two lists; the writer made one story.)
        let marker = numbered_over_bullets(line, text.get(item.start..).unwrap_or(""));
        let content = line.get(marker..).unwrap_or("");
        let trimmed = content.trim();
        if trimmed.is_empty()
            || (marker == 0 && content.starts_with([' ', '\t']))
            || heading_starts.binary_search(&title_line.start).is_ok()
            || crate::notes::label_lines::list_marker_with_space(trimmed).is_some()
            || trimmed.starts_with(['#', '>', '|', '<', '*', '_', '`', '['])
            || trimmed.ends_with(['.', ':', ',', ';', '?', '!'])
        {
            continue;
        }
        let words = trimmed.split_whitespace().count();
        if !(2..=14).contains(&words) || !trimmed.chars().any(char::is_alphabetic) {
            continue;
        }
        // Alone in its paragraph: a blank line or a heading above it, or the text's start.
        let alone = title_line.start.checked_sub(1).is_none_or(|end| {
            let above = crate::blocks::line_start(text, end)..end;
            text.get(above.clone()).is_none_or(|l| l.trim().is_empty())
                || heading_starts.binary_search(&above.start).is_ok()
        });
        if !alone {
            continue;
        }
        if names_no_story(trimmed, vocabulary) {
            continue;
        }
        let covered = covered.get_or_insert_with(|| merged_blocks(blocks));
        let k = covered.partition_point(|r| r.start <= item.start);
        let Some(mut list) = k.checked_sub(1).and_then(|k| covered.get(k)).cloned() else {
            continue;
        };
        // Under a numbered line, the story ends with its bullets: the next numbered line
        // opens the next story, though its list touches this one.
        // And it starts with them: the numbered line is a list of its own, and the stories
        // above it may touch it.
        if marker > 0 {
            list.end = list.end.min(bullets_end(text, item.start));
            list.start = list.start.max(item.start);
        }
        // The title line itself is in no block (code, HTML, a comment).
        let title_in_block = covered
            .get(..k.saturating_sub(1))
            .and_then(<[Range<usize>]>::last)
            .is_some_and(|r| title_line.start < r.end);
        let holds_titled = titled
            .iter()
            .any(|t| list.start <= t.line_start && t.line_start < list.end);
        if title_in_block || holds_titled {
            continue;
        }
        let lead = marker + content.len() - content.trim_start().len();
        let title = title_line.start + lead..title_line.start + lead + trimmed.len();
        out.push(TitledItem::plain(
            title_line.start,
            title_line.start..title_line.start + line.len(),
            title.clone(),
            list.end.min(text.len()),
            title.end,
        ));
    }
    out
}

/// Where the bulleted list that starts at `start` ends: before the first line after it that
/// is neither blank, indented nor a bullet (its line terminator included).
fn bullets_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut at = start;
    for line in text.get(start..).unwrap_or("").split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        let goes_on = blank
            || content.starts_with([' ', '\t'])
            || crate::notes::label_lines::list_marker_with_space(content)
                .is_some_and(|_| content.starts_with(['-', '*', '+']));
        if !goes_on {
            break;
        }
        at += line.len();
        if !blank {
            end = at;
        }
    }
    end
}

/// The length of `line`'s number and the space after it when it is a numbered line over a
/// bulleted list (`rest` starts at the list's first item); 0 otherwise.
fn numbered_over_bullets(line: &str, rest: &str) -> usize {
    let bulleted = rest.starts_with(['-', '*', '+']);
    if !bulleted || !super::numbered(line) {
        return 0;
    }
    crate::notes::label_lines::list_marker_with_space(line).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::titled;
    use super::*;
    use crate::blocks;

    #[test]
    fn plain_lines_over_the_list_under_them() {
        let over = |text: &str| -> Vec<String> {
            let b = blocks::scan(text, 0);
            let vocabulary = Vocabulary::default();
            let titled: Vec<TitledItem> = (0..b.items.len())
                .filter_map(|i| titled(text, &b.items, i, &vocabulary))
                .collect();
            line_titles_over_lists(text, &b, &[], &titled, &vocabulary)
                .into_iter()
                .map(|t| text[t.title].to_string())
                .collect()
        };
        let text = "notes\n\nAccra diversion (feb 24)\n- I split the crew\n- everyone had a bed\n";
        assert_eq!(over(text), vec!["Accra diversion (feb 24)"]);
        // A numbered line of its own over bullets: its number is no part of the title.
        let numbered = "notes\n\n1) the overbooking night (aug bank hol)\n- 14 rooms oversold\n- i rang round 4 hotels\n\n2) VIP complaint - room not ready\nhe was stood in the lobby shouting, i took him into the lounge\n\n3) step three\n1. run it\n";
        assert_eq!(over(numbered), vec!["the overbooking night (aug bank hol)"]);
        for not in [
            // A line that opens the list, a sentence, the second line of a paragraph, a blank
            // line between, a label, a theme's name over titled items.
            "Steps to set it up:\n- install it\n- run it\n",
            "We moved the stock in March.\n- I split the crew\n",
            "The diversion was long and\nAccra diversion (feb 24)\n- I split the crew\n",
            "Accra diversion (feb 24)\n\n- I split the crew\n",
            "What I learned\n- I split the crew\n",
            "Big wins this year\n- **Accra diversion** — I split the crew, got everyone a bed by 3am and nobody missed the rescue flight the next day at all\n",
        ] {
            assert!(over(not).is_empty(), "{not:?}: {:?}", over(not));
        }
    }
}
