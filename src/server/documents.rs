//! Open documents: ropes edited in place, in version order.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{self, Encoding};

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub path: Option<PathBuf>,
    /// The latest analysis, for `version` (none while the document is too large).
    pub analysis: Option<Arc<super::analysis::Analysis>>,
    /// Whether the "too large" message was shown for this document.
    pub warned_large: bool,
    /// The last reading of the text, so that the next version reads again only what changed.
    pub reuse: crate::notes::Reuse,
    /// Whether the text holds a lone `\r`, kept edit by edit (see [`apply_change_knowing`]).
    lone_cr: bool,
    /// At most this many block markers are in the text (see [`Document::block_markers`]);
    /// `None` until they are first counted.
    block_markers_bound: Option<usize>,
}

impl Document {
    /// The block markers of the text (see [`crate::limits::block_markers`]), or a bound of
    /// them that is within the limit. Counting is a search of the whole text; a change of
    /// `n` bytes adds at most `n + 2` markers (those in its text and across its two ends), so
    /// the text is counted again only once the last count and the bytes typed since could
    /// reach the limit — never, for a note typed in by hand.
    pub fn block_markers(&mut self) -> usize {
        match self.block_markers_bound {
            Some(bound) if bound <= crate::limits::MAX_BLOCK_MARKERS => bound,
            _ => {
                let counted = crate::limits::block_markers(self.rope.chunks());
                self.block_markers_bound = Some(counted);
                counted
            }
        }
    }
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum Rejected {
    NotOpen,
    /// The version is not newer than the one held.
    Stale {
        held: i32,
    },
}

/// The local path a `file:` URI names; `None` for other schemes (`untitled:`, `vscode-notebook-cell:`),
/// which ls-types' `to_file_path` would read as relative paths.
pub fn file_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    let path = uri.to_file_path().filter(|p| is_file && p.is_absolute())?;
    Some(path.into_owned())
}

#[derive(Default)]
pub struct Documents {
    docs: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: &str, version: i32) -> &mut Document {
        let path = file_path(&uri);
        let rope = Rope::from_str(text);
        let doc = Document {
            lone_cr: position::has_lone_cr(&rope),
            rope,
            version,
            path,
            analysis: None,
            warned_large: false,
            reuse: crate::notes::Reuse::default(),
            block_markers_bound: None,
        };
        self.docs.entry(uri).insert_entry(doc).into_mut()
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.docs.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.docs.get_mut(uri)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Uri, &Document)> {
        self.docs.iter()
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    /// Applies a `didChange` in order; changes to unknown documents or with an old version are
    /// refused (the client's and our text would otherwise diverge silently).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Result<&mut Document, Rejected> {
        let doc = self.docs.get_mut(uri).ok_or(Rejected::NotOpen)?;
        if version <= doc.version {
            return Err(Rejected::Stale { held: doc.version });
        }
        for change in changes {
            apply_change_knowing(&mut doc.rope, &mut doc.lone_cr, change, encoding);
            doc.block_markers_bound = doc
                .block_markers_bound
                .map(|bound| bound.saturating_add(change.text.len()).saturating_add(2));
        }
        doc.version = version;
        Ok(doc)
    }
}

/// Applies one content change to a rope. Ranges are clamped to the text; a reversed range is
/// read in order. Positions count lines the LSP way (`\r\n`, `\n`, lone `\r`).
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    apply_change_knowing(rope, &mut position::has_lone_cr(rope), change, encoding);
}

/// [`apply_change`], told whether the text holds a lone `\r`, and keeping that up to date.
pub fn apply_change_knowing(
    rope: &mut Rope,
    lone_cr: &mut bool,
    change: &TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    match change.range {
        None => {
            *rope = Rope::from_str(&change.text);
            *lone_cr = position::has_lone_cr(rope);
        }
        Some(range) => {
            let a = position::offset_knowing(rope, *lone_cr, range.start, encoding);
            let b = position::offset_knowing(rope, *lone_cr, range.end, encoding);
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            let start_char = rope.byte_to_char(start);
            let end_char = rope.byte_to_char(end);
            rope.remove(start_char..end_char);
            rope.insert(start_char, &change.text);
            *lone_cr = position::has_lone_cr_after_edit(rope, *lone_cr, start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.to_string(),
        }
    }

    /// Numbers below `n`, the same on every run (a linear congruential generator).
    fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        }
    }

    #[test]
    fn the_lone_cr_kept_edit_by_edit_is_the_texts() {
        // Typing and deleting `\r`, `\n` and letters anywhere, in texts with and without lone
        // `\r`: the flag kept is what a scan of the text says, and the text is the same as
        // when every edit scans.
        let pieces = ["\r", "\n", "\r\n", "a", "é", ""];
        let mut next = numbers(7);
        for start in ["ab\r\ncd\r\n", "a\rb", "", "\r\n\r\n\r\n"] {
            let (mut kept, mut scanned) = (Rope::from_str(start), Rope::from_str(start));
            let mut lone_cr = position::has_lone_cr(&kept);
            for _ in 0..400 {
                let lines = kept.len_lines() as u32 + 1;
                let (line, column) = (next(lines as usize) as u32, next(4) as u32);
                // Ranges across a line end too: deleting a `\n` can leave its `\r` alone.
                let (end_line, end_column) = (line + next(2) as u32, next(4) as u32);
                let change = edit(
                    line,
                    column,
                    end_line,
                    end_column,
                    pieces[next(pieces.len())],
                );
                apply_change_knowing(&mut kept, &mut lone_cr, &change, Encoding::Utf16);
                apply_change(&mut scanned, &change, Encoding::Utf16);
                assert_eq!(kept, scanned);
                assert_eq!(
                    lone_cr,
                    position::has_lone_cr(&kept),
                    "{:?}",
                    kept.to_string()
                );
            }
        }
    }

    #[test]
    fn the_block_markers_bound_is_never_below_the_count() {
        let uri = "file:///tmp/a.career.md".parse::<Uri>().unwrap();
        let mut docs = Documents::default();
        docs.open(uri.clone(), "## A\n- x\n", 1);
        let exact = |doc: &Document| crate::limits::block_markers(doc.rope.chunks());
        let doc = docs.get_mut(&uri).unwrap();
        assert_eq!(doc.block_markers(), 2, "counted at first");
        let pieces = ["-", " ", "\n", "#", "> ", "- - ", "x", ""];
        let mut next = numbers(11);
        let mut bounded = false;
        for version in 2..400 {
            let doc = docs.get(&uri).unwrap();
            let lines = doc.rope.len_lines() as u32;
            let (line, column) = (next(lines as usize) as u32, next(5) as u32);
            let (end_line, end_column) = (line + next(2) as u32, next(5) as u32);
            let text = pieces[next(pieces.len())];
            let change = edit(line, column, end_line, end_column, text);
            let doc = docs
                .change(&uri, version, &[change], Encoding::Utf8)
                .unwrap();
            let counted = exact(doc);
            let said = doc.block_markers();
            assert!(said >= counted, "{:?}", doc.rope.to_string());
            bounded |= said > counted;
        }
        assert!(bounded, "the text was counted again on every change");
        // Past the limit, the bound is a count again.
        let doc = docs.get_mut(&uri).unwrap();
        doc.block_markers_bound = Some(crate::limits::MAX_BLOCK_MARKERS + 1);
        let counted = exact(doc);
        assert_eq!(doc.block_markers(), counted);
    }

    #[test]
    fn edits_in_order_and_refuses_stale_versions() {
        let uri = "file:///tmp/a.career.md".parse::<Uri>().unwrap();
        let mut docs = Documents::default();
        docs.open(uri.clone(), "## A\r\n😀x\r\n", 1);
        docs.change(&uri, 2, &[edit(1, 2, 1, 3, "y")], Encoding::Utf16)
            .unwrap();
        assert_eq!(docs.get(&uri).unwrap().rope.to_string(), "## A\r\n😀y\r\n");
        assert_eq!(
            docs.change(&uri, 2, &[edit(0, 0, 0, 0, "z")], Encoding::Utf16)
                .err(),
            Some(Rejected::Stale { held: 2 })
        );
        docs.change(&uri, 3, &[edit(9, 9, 0, 4, "!")], Encoding::Utf8)
            .unwrap();
        assert_eq!(docs.get(&uri).unwrap().rope.to_string(), "## A!");
        assert!(docs.close(&uri));

        // Lone CR line ends (old Mac files): an edit on line 2 lands on line 2.
        docs.open(uri.clone(), "## A\r\rAction: x\r", 1);
        docs.change(&uri, 2, &[edit(2, 8, 2, 9, "did")], Encoding::Utf16)
            .unwrap();
        docs.change(&uri, 3, &[edit(3, 0, 3, 0, "Result: y")], Encoding::Utf8)
            .unwrap();
        assert_eq!(
            docs.get(&uri).unwrap().rope.to_string(),
            "## A\r\rAction: did\rResult: y"
        );
        assert!(docs.close(&uri));
        assert_eq!(
            docs.change(&uri, 4, &[], Encoding::Utf8).err(),
            Some(Rejected::NotOpen)
        );
    }
}
