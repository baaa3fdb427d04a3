//! Plain-text helpers over byte ranges: text with some ranges cut out, and a line index.
//!
//! Lines end where LSP says they do: at `\r\n`, at `\n` and at a lone `\r`.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use crate::ordered_memo::partition_point_from;

/// The ranges of `sorted` (sorted by start and by end, as ranges that do not overlap are) that
/// overlap `region`: from the first that ends after its start to the last that starts before
/// its end.
pub fn touching<'a>(sorted: &'a [Range<usize>], region: &Range<usize>) -> &'a [Range<usize>] {
    touching_from(sorted, region, &Cell::new(0))
}

/// [`touching`], its search starting where the one with the same `hint` ended: a reading asks
/// for its regions in document order, and long notes' binary searches were a chain of cache
/// misses each.
pub fn touching_from<'a>(
    sorted: &'a [Range<usize>],
    region: &Range<usize>,
    hint: &Cell<usize>,
) -> &'a [Range<usize>] {
    let first = partition_point_from(sorted, hint, |r| r.end <= region.start);
    let rest = sorted.get(first..).unwrap_or_default();
    // Few ranges touch a region: found by galloping from the first.
    let count = partition_point_from(rest, &Cell::new(0), |r| r.start < region.end);
    rest.get(..count).unwrap_or_default()
}

/// The text of `range` with every range of `cut` (each list sorted by start) removed; a space
/// stands in for each cut so that words on either side stay apart.
pub fn without<'a>(text: &'a str, range: Range<usize>, cut: &[&[Range<usize>]]) -> Cow<'a, str> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for list in cut {
        for r in touching(list, &range) {
            pieces.push(r.start.max(range.start)..r.end.min(range.end));
        }
    }
    if pieces.is_empty() {
        return Cow::Borrowed(&text[range]);
    }
    pieces.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for piece in pieces {
        if piece.start > at {
            out.push_str(&text[at..piece.start]);
        }
        out.push(' ');
        at = at.max(piece.end);
    }
    if at < range.end {
        out.push_str(&text[at..range.end]);
    }
    Cow::Owned(out)
}

/// Whether `text` has a `\r` that is not part of a `\r\n` (an old Mac line end).
pub fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr_cr(bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

/// Where the `\r`s are (a vectorised search: the text is scanned on every keystroke).
fn memchr_cr(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\r', bytes)
}

/// `text` with each lone `\r` read as `\n`, byte for byte, so that every offset stays valid
/// for the original: the reader splits lines at `\n`, LSP and old Mac files at a lone `\r` too.
pub fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_lone_cr(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let positions: Vec<usize> = memchr_cr(text.as_bytes())
        .filter(|i| text.as_bytes().get(i + 1) != Some(&b'\n'))
        .collect();
    for i in positions {
        if let Some(b) = bytes.get_mut(i) {
            *b = b'\n';
        }
    }
    // One ASCII byte for another: still UTF-8.
    std::borrow::Cow::Owned(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// Whether `haystack` holds `needle` (ASCII, lower case) in any ASCII case, anywhere (not only
/// as a whole word): a quick test before a slower reading that needs it.
pub fn contains_ascii_ci(haystack: &str, needle: &str) -> bool {
    let (bytes, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes).any(|i| {
        bytes
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether a line ends on a word that wants more after it (`… when`, `… the`, `… and`): a
/// sentence wrapped there goes on in the next line, whatever that line starts with.
pub fn leaves_a_sentence_open(line: &str) -> bool {
    const HANGING: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "into", "for", "with", "at",
        "by", "from", "as", "that", "which", "who", "when", "while", "because", "if", "than",
        "then", "my", "our", "their", "his", "her", "its", "your", "i", "we", "was", "were", "is",
        "are", "had", "have", "has", "be", "been", "not", "after", "before", "about", "over",
        "under", "between", "without", "until",
    ];
    let line = line.trim_end();
    if line.ends_with([',', ';', ':', '—', '–', '-', '(', '/', '&', '+']) {
        return true;
    }
    line.rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_none_or(|last| HANGING.contains(&last.to_lowercase().as_str()))
}

/// Compiles a cue lexicon written as a verbose regex (`(?x)`): `\b` becomes an ASCII word
/// boundary, which keeps the pattern on the fast engine for any text; with `across_lines`, a
/// space in the pattern is any run of white space, so that a wrapped line still reads.
pub fn lexicon(pattern: &str, across_lines: bool) -> Result<regex::Regex, regex::Error> {
    regex::Regex::new(&lexicon_source(pattern, across_lines))
}

/// The regex source [`lexicon`] compiles (for a `RegexSet` of several lexicons).
pub fn lexicon_source(pattern: &str, across_lines: bool) -> String {
    let ascii = pattern.replace(r"\b", r"(?-u:\b)");
    if across_lines {
        ascii.replace(r"\ ", r"\s+")
    } else {
        ascii
    }
}

/// The sentences of a fixture list (one a line, blank lines and `#` comments skipped), then
/// `more`: test data kept in tests/fixtures.
#[cfg(test)]
pub fn sentence_list<'a>(listed: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .chain(more.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ascii_in_any_case() {
        assert!(contains_ascii_ci("- **Tags:** failure", "tags"));
        assert!(contains_ascii_ci("x TAGS", "tags"));
        assert!(!contains_ascii_ci("the tag line", "tags"));
        assert!(!contains_ascii_ci("", "tags"));
    }

    #[test]
    fn lone_cr_read_as_lf() {
        assert_eq!(lone_cr_as_lf("a\rb\r\nc\r"), "a\nb\r\nc\n");
        assert!(matches!(
            lone_cr_as_lf("a\r\nb"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(!has_lone_cr("a\r\n"));
    }

    #[test]
    fn cuts_ranges_and_keeps_words_apart() {
        let text = "we<!-- x -->did `code` it";
        let comments = vec![Range { start: 2, end: 12 }];
        let code = vec![Range { start: 16, end: 22 }];
        assert_eq!(
            without(text, 0..text.len(), &[&comments, &code]),
            "we did   it"
        );
        assert_eq!(without(text, 5..text.len(), &[&comments]), " did `code` it");
    }
}
