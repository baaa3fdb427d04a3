//! Target 6: reading again after edits (the server's keystroke path, issue 13) gives exactly
//! what reading the same text afresh gives. The input's last byte says how many edits (0–15)
//! its end holds, three bytes each (where, as a fraction of the text; how many bytes to
//! delete; which Markdown token of fuzz/common/markdown.rs to insert); the rest is the text,
//! read as the Markdown targets read theirs. After every edit the reading that reuses the
//! previous one is compared with a reading from scratch, and so are the rules' findings
//! (skipped on a version when the edit's delete byte has its top bit set, as the server skips
//! them on other Markdown).
#![no_main]

use std::sync::Arc;

use hindsight::line_index::{Encoding, LineIndex};
use hindsight::notes::{self, Reuse};
use hindsight::{Settings, rules};
use libfuzzer_sys::fuzz_target;

#[path = "../common/markdown.rs"]
mod markdown;

fuzz_target!(|data: &[u8]| {
    let Some((mut text, edit_bytes)) = markdown::text_and_edits(data) else {
        return;
    };
    let settings = Arc::new(Settings::default());
    let mut reuse = Reuse::default();
    let first = notes::parse_reusing(&Arc::new(text.clone()), &settings, &mut reuse);
    let _ = rules::check_reusing(&first, &text, &settings, &mut reuse, None);
    for edit in edit_bytes.chunks_exact(3) {
        markdown::apply_edit(&mut text, edit);
        let again = notes::parse_reusing(&Arc::new(text.clone()), &settings, &mut reuse);
        let fresh = notes::parse(&text, &settings);
        assert!(
            format!("{again:?}") == format!("{fresh:?}"),
            "reading again differs after an edit; text: {text:?}"
        );
        if edit[1] & 0x80 == 0 {
            // As the server does: with the line starts it keeps.
            let lines = LineIndex::new(&text, Encoding::Utf16);
            let findings = rules::check_reusing(&again, &text, &settings, &mut reuse, Some(&lines));
            assert!(
                findings == rules::check(&fresh, &text, &settings),
                "the findings differ after an edit; text: {text:?}"
            );
        }
    }
});
