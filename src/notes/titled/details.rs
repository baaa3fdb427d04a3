//! `<details><summary>Title</summary> … </details>` stories: a collapsed box titled by its
//! summary.

use std::ops::Range;

use super::{TitledItem, inside};

/// `<details><summary>Title</summary> … </details>` stories outside code, in order.
pub fn details_stories(
    text: &str,
    code: &[Range<usize>],
    heading_starts: &[usize],
) -> Vec<TitledItem> {
    let mut out = Vec::new();
    let mut search = 0;
    let opening = memchr::memmem::Finder::new("<details");
    let name = memchr::memmem::Finder::new("details");
    while let Some(found) = text.get(search..).and_then(|t| opening.find(t.as_bytes())) {
        let open = search + found;
        search = open + "<details".len();
        let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
        if !text[line_start..open].trim().is_empty()
            || inside(code, open)
            || out.last().is_some_and(|t: &TitledItem| t.end > open)
        {
            continue;
        }
        // The matching `</details>`, nested ones counted; the end of the text when unclosed.
        let mut depth = 1usize;
        let mut at = search;
        let mut end = None;
        while let Some(next) = text.get(at..).and_then(|t| name.find(t.as_bytes())) {
            let pos = at + next;
            at = pos + "details".len();
            if text[..pos].ends_with("</") {
                depth -= 1;
                if depth == 0 {
                    let tag = pos - 2;
                    let tag_line = text[..tag].rfind('\n').map_or(0, |i| i + 1);
                    let own_end = if text[tag_line..tag].trim().is_empty() {
                        tag_line
                    } else {
                        tag
                    };
                    // The tag's `>` on its own line; a tag left open ends with its line (not
                    // with the text: what is appended after it would be in the story).
                    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                    let close = text[at..line_end]
                        .find('>')
                        .map_or(line_end, |i| at + i + 1);
                    end = Some((close, own_end));
                    break;
                }
            } else if text[..pos].ends_with('<') {
                depth += 1;
            }
        }
        // An unclosed story, or one holding a heading, is no story: it would swallow sections.
        let Some((end, own_end)) = end else {
            continue;
        };
        let first_heading = heading_starts.partition_point(|s| *s <= open);
        if heading_starts.get(first_heading).is_some_and(|s| *s < end) {
            continue;
        }
        let Some(summary_open) = text[open..end].find("<summary>").map(|i| open + i + 9) else {
            continue;
        };
        let Some(summary_close) = text[summary_open..end]
            .find("</summary>")
            .map(|i| summary_open + i)
        else {
            continue;
        };
        let raw_title = &text[summary_open..summary_close];
        let lead = raw_title.len() - raw_title.trim_start().len();
        let title = summary_open + lead..summary_open + lead + raw_title.trim().len();
        if raw_title.contains(['<', '\n']) || title.is_empty() || works_the_widget(raw_title) {
            continue;
        }
        // The title's line: the one holding `<summary>` (usually `<details>`'s own), where
        // the story's diagnostics and hints go.
        let summary_line = crate::blocks::line_start(text, summary_open).max(open);
        let first_line_end = text[summary_line..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| summary_line + i);
        out.push(TitledItem {
            line_start,
            first_line: summary_line..first_line_end.max(summary_close),
            story_start: title.end,
            title,
            end,
            own_end,
            plain: false,
            sentence: false,
            one_line: false,
            untitled: false,
            table_row: false,
            details: true,
        });
        search = end.max(search);
    }
    out
}

/// A `<summary>` that tells the reader how to open the box (`Click to expand`, `Show answer`,
/// `Details`) names no story: what the box holds belongs to the section around it.
fn works_the_widget(summary: &str) -> bool {
    let first = summary
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    [
        "click", "tap", "expand", "show", "hide", "toggle", "more", "details", "see", "spoiler",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks;

    #[test]
    fn a_details_tag_left_open_ends_with_its_line() {
        let text = "<details>\n<summary>Case 3: Outage</summary>\n\nI rolled it back.\n</detailsdocument\n\n## Strengths\n\nCalm.\n";
        let stories = details_stories(text, &[], &[text.find("## Strengths").unwrap_or(0)]);
        assert_eq!(
            stories.len(),
            1,
            "a heading after the open tag is not in the story"
        );
        assert!(text[stories[0].line_start..stories[0].end].ends_with("</detailsdocument"));
    }

    #[test]
    fn details_stories_with_their_summary() {
        let text = "<details><summary>EV charger install</summary>\n\nI rebooked it.\n\n</details>\n\n```\n<details><summary>code</summary>\n```\n";
        let code = blocks::scan(text, 0).code_blocks;
        let stories = details_stories(text, &code, &[]);
        assert_eq!(stories.len(), 1);
        assert_eq!(&text[stories[0].title.clone()], "EV charger install");
        assert!(text[..stories[0].end].ends_with("</details>"));
        // Unclosed, or around a heading: no story.
        assert!(
            details_stories("<details><summary>A</summary>\n\nI did it.\n", &[], &[]).is_empty()
        );
        let around = "<details><summary>A</summary>\n\n## H\n\nI did it.\n</details>\n";
        assert!(details_stories(around, &[], &[30]).is_empty());
        // A summary that says how to open the box names no story.
        for summary in ["Click to expand (the honest one)", "Show answer", "Details"] {
            let boxed = format!("<details><summary>{summary}</summary>\n\nI did it.\n</details>\n");
            assert!(details_stories(&boxed, &[], &[]).is_empty(), "{summary}");
        }
    }
}
