//! The Markdown block structure that the analysis needs, read with pulldown-cmark:
//! headings, the places where labels can never be (code, HTML, tables), HTML comments,
//! code spans and list items. Everything is a byte range into the original text.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingBlock {
    pub level: u8,
    /// The heading's block, from its first character to the end of its last line (setext
    /// underline included, line terminator excluded).
    pub range: Range<usize>,
    /// The title text: ATX markers and a closing `#` sequence removed, trimmed.
    pub title: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Offset of the list marker.
    pub start: usize,
    /// End of the item, nested items included.
    pub end: usize,
    /// The start number of the list when it is ordered.
    pub ordered_start: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    pub headings: Vec<HeadingBlock>,
    /// Fenced and indented code blocks.
    pub code_blocks: Vec<Range<usize>>,
    /// Inline code spans.
    pub code_spans: Vec<Range<usize>>,
    /// HTML blocks and tables: no label starts in them.
    pub opaque: Vec<Range<usize>>,
    /// Every HTML comment, block or inline, `<!--` to `-->` inclusive.
    pub comments: Vec<Range<usize>>,
    pub items: Vec<ListItem>,
}

mod pieces;

pub(crate) use pieces::opens_atx_heading;
pub use pieces::{Earlier, Piece, Unchanged, recut};

/// Reads the block structure of `text[from..]`; ranges are offsets into `text`. The text is
/// read piece by piece (see [`pieces`]): the result is the same as that of [`recut`], which
/// reads again only the pieces an edit touched.
pub fn scan(text: &str, from: usize) -> Blocks {
    let mut blocks = Blocks::default();
    let mut at = from.min(text.len());
    while at < text.len() {
        let piece = pieces::read_piece(text, at);
        blocks.append(&piece.blocks, at);
        at = piece.end;
    }
    blocks
}

impl Blocks {
    /// Makes room for appending all of `parts` (no vector grows, and is copied, while they are).
    pub fn reserve_for<'a>(&mut self, parts: impl Iterator<Item = &'a Blocks> + Clone) {
        fn total<'a>(parts: impl Iterator<Item = &'a Blocks>, len: fn(&Blocks) -> usize) -> usize {
            parts.map(len).sum()
        }
        self.headings
            .reserve(total(parts.clone(), |b| b.headings.len()));
        self.code_blocks
            .reserve(total(parts.clone(), |b| b.code_blocks.len()));
        self.code_spans
            .reserve(total(parts.clone(), |b| b.code_spans.len()));
        self.opaque
            .reserve(total(parts.clone(), |b| b.opaque.len()));
        self.comments
            .reserve(total(parts.clone(), |b| b.comments.len()));
        self.items.reserve(total(parts, |b| b.items.len()));
    }

    /// Appends `other`, whose ranges are relative to `offset`.
    pub fn append(&mut self, other: &Blocks, offset: usize) {
        let shift = |r: &Range<usize>| r.start + offset..r.end + offset;
        self.headings
            .extend(other.headings.iter().map(|h| HeadingBlock {
                level: h.level,
                range: shift(&h.range),
                title: shift(&h.title),
            }));
        self.code_blocks.extend(other.code_blocks.iter().map(shift));
        self.code_spans.extend(other.code_spans.iter().map(shift));
        self.opaque.extend(other.opaque.iter().map(shift));
        self.comments.extend(other.comments.iter().map(shift));
        self.items.extend(other.items.iter().map(|i| ListItem {
            start: i.start + offset,
            end: i.end + offset,
            ordered_start: i.ordered_start,
        }));
    }
}

/// Reads the blocks of `source` (a piece of a text, with the line that follows it) up to
/// `keep_until`, with ranges relative to `source`, and says whether a heading starts at
/// `keep_until`: then the piece closed every block before it.
fn read_source(source: &str, keep_until: usize) -> (Blocks, bool) {
    let mut blocks = Blocks::default();
    let mut heading_at_end = false;
    let parser = Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter();
    let mut list_starts: Vec<Option<u64>> = Vec::new();
    let mut last_comment_end = 0;
    let mut html_block = 0..0;
    for (event, range) in parser {
        if range.start >= keep_until {
            if range.start == keep_until && matches!(event, Event::Start(Tag::Heading { .. })) {
                heading_at_end = true;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                blocks
                    .headings
                    .push(heading(source, range, heading_level(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let range = match kind {
                    CodeBlockKind::Fenced(_) => range,
                    CodeBlockKind::Indented => line_start(source, range.start)..range.end,
                };
                blocks.code_blocks.push(range);
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = range.clone();
                blocks.opaque.push(range)
            }
            Event::Start(Tag::Table(_)) => blocks.opaque.push(range),
            Event::Start(Tag::List(start)) => list_starts.push(start),
            Event::End(TagEnd::List(_)) => {
                list_starts.pop();
            }
            Event::Start(Tag::Item) => blocks.items.push(ListItem {
                start: range.start,
                end: range.end,
                ordered_start: list_starts.last().copied().flatten(),
            }),
            Event::Code(_) => blocks.code_spans.push(range),
            Event::Html(_) | Event::InlineHtml(_) => {
                // A comment is found from its opening in the raw text, because the parser may
                // split one comment into several events (one per line). In an HTML block it
                // ends at `-->` or with the block (a `<!--` inside a `<div>` block does not run
                // past the blank line that ends the block); elsewhere at the latest with the
                // piece, before the next top-level heading.
                let limit = if html_block.contains(&range.start) {
                    html_block.end
                } else {
                    keep_until
                };
                let mut pos = range.start.max(last_comment_end);
                while pos < range.end.min(limit) {
                    let Some(open) = source[pos..range.end.min(limit)].find("<!--") else {
                        break;
                    };
                    let open = pos + open;
                    let after_open = source.get(open + 4..).unwrap_or("");
                    // `<!-->` and `<!--->` are whole (empty) comments (CommonMark 0.31).
                    let close = if after_open.starts_with('>') {
                        open + 5
                    } else if after_open.starts_with("->") {
                        open + 6
                    } else {
                        source[open + 4..limit.max(open + 4)]
                            .find("-->")
                            .map_or(limit.max(open + 4), |i| open + 4 + i + 3)
                    };
                    blocks.comments.push(open..close);
                    last_comment_end = close;
                    pos = close;
                }
            }
            _ => {}
        }
    }
    (blocks, heading_at_end)
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn heading(text: &str, range: Range<usize>, level: u8) -> HeadingBlock {
    let block = &text[range.clone()];
    let block_trimmed = block.trim_end_matches(['\n', '\r']);
    let end = range.start + block_trimmed.len();
    let first_line_end = block_trimmed.find('\n').map_or(end, |i| range.start + i);
    // Only the first line decides: a setext heading's text may follow a line of Unicode
    // white space, which `trim_start` would skip.
    let first_line = &block_trimmed[..first_line_end - range.start];
    let is_atx = first_line.trim_start_matches([' ', '\t']).starts_with('#');
    let title = if is_atx {
        atx_title(text, range.start..first_line_end)
    } else {
        // Setext: every line but the underline.
        let underline = block_trimmed
            .trim_end()
            .rfind('\n')
            .map_or(range.start, |i| range.start + i);
        trimmed(text, range.start..underline)
    };
    HeadingBlock {
        level,
        range: range.start..end,
        title,
    }
}

fn atx_title(text: &str, line: Range<usize>) -> Range<usize> {
    let s = &text[line.clone()];
    let after_indent = s.len() - s.trim_start_matches([' ', '\t']).len();
    let hashes = s[after_indent..].chars().take_while(|c| *c == '#').count();
    let mut start = line.start + after_indent + hashes;
    let mut end = (line.start + s.trim_end().len()).max(start);
    // Closing sequence: a run of `#` preceded by a space (or the whole content).
    let content = &text[start..end];
    let without_closing = content.trim_end_matches('#');
    if without_closing.len() < content.len()
        && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
    {
        end = start + without_closing.len();
    }
    let r = trimmed(text, start..end);
    start = r.start;
    end = r.end;
    start..end
}

/// `range` without the white space at either end (empty at its end when it is all white).
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = text.get(range.clone()).unwrap_or("");
    let start = range.start + (s.len() - s.trim_start().len());
    let end = start + s.trim().len();
    start..end
}

/// Start of the line that holds `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_closing_sequences_and_setext() {
        let text = "# Title #\n\n## Quarterly Reviews ##\n\nAccessibility audit\n-------------------\n\n### C# tips\n";
        let b = scan(text, 0);
        let titles: Vec<_> = b
            .headings
            .iter()
            .map(|h| (h.level, &text[h.title.clone()]))
            .collect();
        assert_eq!(
            titles,
            vec![
                (1, "Title"),
                (2, "Quarterly Reviews"),
                (2, "Accessibility audit"),
                (3, "C# tips")
            ]
        );
        assert_eq!(
            &text[b.headings[2].range.clone()],
            "Accessibility audit\n-------------------"
        );
    }

    #[test]
    fn comments_code_and_items() {
        let text = "- Result: x <!-- a\nb -->\n  - nested\n\n```\nResult: no\n```\n\n<!--\n# hidden\n-->\n\n    indented\n";
        let b = scan(text, 0);
        assert_eq!(b.comments.len(), 2);
        assert_eq!(&text[b.comments[0].clone()], "<!-- a\nb -->");
        assert_eq!(&text[b.comments[1].clone()], "<!--\n# hidden\n-->");
        // `<!-->` and `<!--->` close where they open (CommonMark 0.31): the text after them is
        // no comment.
        for empty in ["<!-->", "<!--->"] {
            let text = format!("load time{empty} 4s\n\n- Result: x\n");
            let b = scan(&text, 0);
            assert_eq!(b.comments.len(), 1, "{text}");
            assert_eq!(&text[b.comments[0].clone()], empty);
            assert_eq!(b.items.len(), 1);
        }
        assert!(b.headings.is_empty());
        assert_eq!(b.code_blocks.len(), 2);
        assert_eq!(b.items.len(), 2);
        assert_eq!(b.items[0].start, 0);
    }

    #[test]
    fn setext_heading_after_a_line_of_unicode_white_space() {
        // Issue 8, defect 1: this panicked slicing backwards.
        for text in [
            "\u{a0}\n#career #2024\n---\n",
            "\u{2028}\n#-\n-",
            "\u{3000}\n#x\n===\n",
        ] {
            let b = scan(text, 0);
            for h in &b.headings {
                assert!(h.title.start <= h.title.end && h.title.end <= text.len());
            }
        }
    }

    #[test]
    fn offsets_after_front_matter() {
        let text = "---\na: b\n---\n# T\n";
        let b = scan(text, 13);
        assert_eq!(&text[b.headings[0].title.clone()], "T");
    }
}
