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
        let content = text
            .get(title_line.clone())
            .unwrap_or("")
            .trim_end_matches('\r');
        let trimmed = content.trim();
        if trimmed.is_empty()
            || content.starts_with([' ', '\t'])
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
        let Some(list) = k.checked_sub(1).and_then(|k| covered.get(k)) else {
            continue;
        };
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
        let lead = content.len() - content.trim_start().len();
        let title = title_line.start + lead..title_line.start + lead + trimmed.len();
        out.push(TitledItem::plain(
            title_line.start,
            title_line.start..title_line.start + content.len(),
            title.clone(),
            list.end.min(text.len()),
            title.end,
        ));
    }
    out
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
