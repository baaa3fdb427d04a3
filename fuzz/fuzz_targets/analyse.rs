//! Target 1: analyse arbitrary bytes, as the CLI (bytes from disk) and the server (text from the
//! client) would receive them, then build the report (Markdown, HTML, JSON) from the result. No panic.
//!
//! The bytes are read with `String::from_utf8_lossy`, which is also the raw text when they are
//! valid UTF-8; an input starting with `0xFF` is a list of Markdown tokens instead (see
//! fuzz/common/markdown.rs). A second pass uses settings derived from the last byte (a fixed experience
//! level, some rules off), so the level-dependent paths are reached too.
#![no_main]

use hindsight::config::{Config, Settings};
use hindsight::{RuleCode, analyse, is_career_notes, report};
use libfuzzer_sys::fuzz_target;

#[path = "../common/markdown.rs"]
mod markdown;

fn run(text: &str, settings: &Settings) {
    let (notes, findings) = analyse(text, settings);
    for f in &findings {
        assert!(f.range.start <= f.range.end, "reversed range {f:?}");
        assert!(f.range.end <= text.len(), "range past the end {f:?}");
        assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        if let Some(e) = f.experience {
            assert!(
                e < notes.experiences.len(),
                "finding for a missing experience"
            );
        }
    }
    let sheet = report::sheet("fuzz.career.md", &notes, text, settings);
    let whole = report::Report::new(vec![sheet], &settings.questions);
    let _ = report::markdown(&whole);
    let page = report::html(&whole);
    // Text never opens markup: every `<` of the page is one of its own tags.
    assert!(!page.contains("<script"), "a script in the page");
    let _ = serde_json::to_string(&whole).expect("the report serialises");
    let _ = is_career_notes(std::path::Path::new("notes.md"), text);
    let _ = is_career_notes(std::path::Path::new("notes.career.md"), text);
}

fuzz_target!(|data: &[u8]| {
    let text = markdown::text(data);
    run(&text, &Settings::default());

    let last = data.last().copied().unwrap_or(0);
    let mut config = Config {
        experience_level: (last % 8 < 6).then_some(last % 8 + 1),
        inlay_hints: last & 0x10 != 0,
        ..Config::default()
    };
    if last & 0x20 != 0 {
        config.rules = RuleCode::ALL.iter().map(|c| (*c, None)).collect();
    }
    run(&text, &Settings::new(config));
});
