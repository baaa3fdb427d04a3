//! Reading again after an edit gives exactly what reading afresh gives (issue 13): generated
//! career notes (`support/generated.rs`) are edited by random sequences of insertions and
//! deletions — headings typed and removed, fences and comments opened and closed, labels,
//! line ends, multi-byte characters — and after every edit the reading that reuses the
//! previous one is compared with a reading of the same text from scratch.

use std::sync::Arc;

use hindsight::config::Config;
use hindsight::notes::{self, Reuse};
use hindsight::{PartKind, Settings};
use proptest::prelude::*;

#[path = "support/generated.rs"]
mod generated;
use generated::any_doc;

/// What edits insert: what changes the structure most, and ordinary typing.
const INSERTIONS: &[&str] = &[
    "x",
    "\n",
    "\n\n",
    "# ",
    "\n## New story\n",
    "\n# Top\n",
    "#",
    "```",
    "\n```\n",
    "~~~\n",
    "<!--",
    "-->",
    "<!-- hindsight-disable missing-lesson -->",
    "<div>\n",
    "Result: it worked.",
    "**Lesson:** ",
    "- ",
    "> ",
    "    ",
    "I learned to ask early.",
    "|---|\n",
    "| a |\n",
    "===\n",
    "\r\n",
    "\r",
    "é",
    "🎉",
    "[ref]: /url\n",
    "`",
    "---\nhindsight: true\n---\n",
];

#[derive(Debug, Clone)]
struct Edit {
    /// Where, as a fraction of the text's length in thousandths.
    at: u16,
    /// How many bytes to delete there (rounded to whole characters).
    delete: u8,
    insert: &'static str,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0u16..=1000,
        prop_oneof![3 => Just(0u8), 1 => 0u8..40],
        prop::sample::select(INSERTIONS),
    )
        .prop_map(|(at, delete, insert)| Edit { at, delete, insert })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, edit: &Edit) {
    let start = floor_boundary(text, text.len() * usize::from(edit.at) / 1000);
    let end = floor_boundary(text, start + usize::from(edit.delete)).max(start);
    text.replace_range(start..end, edit.insert);
}

fn read_afresh(text: &str, settings: &Settings) -> String {
    format!("{:#?}", notes::parse(text, settings))
}

fn check_sequence(
    text: &str,
    edits: &[Edit],
    settings: &Arc<Settings>,
) -> Result<(), TestCaseError> {
    let mut text = text.to_string();
    let mut reuse = Reuse::default();
    let first = notes::parse_reusing(&text, settings, &mut reuse);
    prop_assert_eq!(format!("{first:#?}"), read_afresh(&text, settings));
    for edit in edits {
        apply(&mut text, edit);
        let again = format!("{:#?}", notes::parse_reusing(&text, settings, &mut reuse));
        let fresh = read_afresh(&text, settings);
        prop_assert!(again == fresh, "after {edit:?}, the text is {text:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn reading_again_after_edits_equals_reading_afresh(
        docs in prop::collection::vec(any_doc(), 1..6),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        // Several documents end to end: long enough for many pieces.
        let text: String = docs.iter().map(|d| d.text()).collect();
        check_sequence(&text, &edits, &Arc::new(Settings::default()))?;
    }

    #[test]
    fn the_same_with_an_experience_level(
        doc in any_doc(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let settings = Settings::new(Config { experience_level: Some(3), ..Config::default() });
        check_sequence(&doc.text(), &edits, &Arc::new(settings))?;
    }
}

#[test]
fn a_reading_under_other_settings_is_not_reused() {
    let text = "## Billing move\n\nOutcome: 3 days faster.\n";
    let mut reuse = Reuse::default();
    let before = notes::parse_reusing(text, &Arc::new(Settings::default()), &mut reuse);
    assert_eq!(before.experiences.len(), 1);
    let settings = Arc::new(Settings::new(Config {
        labels: vec![(PartKind::Result, vec!["Payoff".to_string()])],
        ..Config::default()
    }));
    let text = "## Billing move\n\nPayoff: 3 days faster.\n";
    let after = notes::parse_reusing(text, &settings, &mut reuse);
    assert_eq!(
        format!("{after:?}"),
        format!("{:?}", notes::parse(text, &settings))
    );
}
