//! How much one document may ask of the analysis (SPEC §5): the same limits for the CLI and
//! the server, so a note is analysed in the terminal exactly when it is in the editor.

/// Documents of this size or more are not analysed.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// The same limit for a file on disk: `check` and the workspace index read no larger file.
pub const MAX_FILE_BYTES: u64 = MAX_DOCUMENT_BYTES as u64;

/// At most this many Markdown files are indexed per workspace folder, this deep.
pub const MAX_SCAN_FILES: usize = 100_000;
pub const MAX_SCAN_DEPTH: usize = 32;

/// Documents with more block markers than this (headings, list items, quote markers) are not
/// analysed: the Markdown parser builds a node per block, and a few megabytes of `- - - -` or
/// of `#` lines would take gigabytes. A 5 MB career note holds about 60,000.
pub const MAX_BLOCK_MARKERS: usize = 400_000;

/// Counts what may start a block in `chunks` of a text: `#` at a line start, and `- `, `* `,
/// `+ `, `> ` anywhere (nested lists and quotes can stand on one line). Each pair is searched
/// with `memmem` (many bytes at a time: a long note is counted on every keystroke), and the
/// pair across each boundary between chunks on its own.
pub fn block_markers<'a>(chunks: impl IntoIterator<Item = &'a str>) -> usize {
    const PAIRS: [&[u8]; 5] = [b"\n#", b"- ", b"* ", b"+ ", b"> "];
    let finders = PAIRS.map(memchr::memmem::Finder::new);
    let mut count = 0;
    let mut previous = b'\n';
    for chunk in chunks {
        let bytes = chunk.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            continue;
        };
        count += usize::from(PAIRS.contains(&[previous, first].as_slice()));
        count += finders
            .iter()
            .map(|f| f.find_iter(bytes).count())
            .sum::<usize>();
        previous = last;
    }
    count
}

/// Why a text is not analysed, in words for the writer; `None` when it is.
pub fn refusal(len: usize, markers: impl FnOnce() -> usize) -> Option<String> {
    if len >= MAX_DOCUMENT_BYTES {
        return Some(format!(
            "it is {:.1} MB, over the {} MB limit",
            len as f64 / 1_048_576.0,
            MAX_DOCUMENT_BYTES / 1_048_576
        ));
    }
    // Each marker takes two bytes: a shorter text cannot hold too many, and is not counted
    // (the keystroke path of every ordinary note stays free of this scan).
    if len <= 2 * MAX_BLOCK_MARKERS {
        return None;
    }
    let markers = markers();
    (markers > MAX_BLOCK_MARKERS).then(|| {
        format!("it holds {markers} headings, list items and quotes, over the limit of {MAX_BLOCK_MARKERS}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_block_markers() {
        assert_eq!(block_markers(["# a\n## b\n- x\n  - y\n> q\nnot # this"]), 5);
        assert_eq!(block_markers(["- - - - x"]), 4);
        // Split across chunks.
        assert_eq!(block_markers(["-", " x\n#"]), 2);
    }

    #[test]
    fn counts_as_a_byte_by_byte_reading_does() {
        let naive = |text: &str| {
            let mut previous = b'\n';
            let mut count = 0;
            for &b in text.as_bytes() {
                count += usize::from(
                    (b == b'#' && previous == b'\n')
                        || (b == b' ' && matches!(previous, b'-' | b'*' | b'+' | b'>')),
                );
                previous = b;
            }
            count
        };
        // Every text of up to five of these bytes, cut into two chunks everywhere.
        let alphabet = b"#- *+>\na";
        let mut texts = vec![String::new()];
        let mut layer = vec![String::new()];
        for _ in 0..5 {
            layer = layer
                .iter()
                .flat_map(|t| {
                    alphabet
                        .iter()
                        .map(move |&b| format!("{t}{}", char::from(b)))
                })
                .collect();
            texts.extend(layer.iter().cloned());
        }
        for text in &texts {
            for cut in 0..=text.len() {
                let (a, b) = text.split_at(cut);
                assert_eq!(block_markers([a, b]), naive(text), "{text:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn refusals() {
        assert!(refusal(10, || 5).is_none());
        assert!(refusal(MAX_DOCUMENT_BYTES, || 0).unwrap().contains("10 MB"));
        let big = 2 * MAX_BLOCK_MARKERS + 1;
        assert!(
            refusal(big, || MAX_BLOCK_MARKERS + 1)
                .unwrap()
                .contains("headings")
        );
        assert!(refusal(10, || unreachable!("short texts are not counted")).is_none());
    }
}
