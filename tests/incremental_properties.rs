//! Reading again after an edit gives exactly what reading afresh gives (issue 13): generated
//! career notes (`support/generated.rs`) are edited by random sequences of insertions and
//! deletions — headings typed and removed, fences and comments opened and closed, labels,
//! line ends, multi-byte characters — and after every edit the reading that reuses the
//! previous one is compared with a reading of the same text from scratch, and so are the
//! rules' findings.

use std::sync::Arc;

use hindsight::config::Config;
use hindsight::line_index::{Encoding, LineIndex};
use hindsight::notes::{self, Reuse};
use hindsight::{Finding, PartKind, Settings, rules};
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
    "<!-- hindsight-disable missing-hindsight -->",
    "<!-- hindsight-disable we-not-i vague-result -->",
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
    /// Whether the rules run on this version (the server skips them on other Markdown).
    check: bool,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0u16..=1000,
        prop_oneof![3 => Just(0u8), 1 => 0u8..40],
        prop::sample::select(INSERTIONS),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(at, delete, insert, check)| Edit {
            at,
            delete,
            insert,
            check,
        })
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

fn read_afresh(text: &str, settings: &Settings) -> (String, Vec<Finding>) {
    let notes = notes::parse(text, settings);
    let findings = rules::check(&notes, text, settings);
    (format!("{notes:#?}"), findings)
}

/// Reads again with `reuse`; the rules run only when `check` (the server skips them for a
/// document that is not career notes).
fn read_again(
    text: &str,
    settings: &Arc<Settings>,
    reuse: &mut Reuse,
    check: bool,
) -> (String, Option<Vec<Finding>>) {
    let notes = notes::parse_reusing(&Arc::new(text.to_string()), settings, reuse);
    // With the line starts kept, as the server checks.
    let lines = LineIndex::new(text, Encoding::Utf16);
    let findings = check.then(|| rules::check_reusing(&notes, text, settings, reuse, Some(&lines)));
    (format!("{notes:#?}"), findings)
}

fn check_sequence(
    text: &str,
    edits: &[Edit],
    settings: &Arc<Settings>,
) -> Result<(), TestCaseError> {
    let mut text = text.to_string();
    let mut reuse = Reuse::default();
    let (first, findings) = read_again(&text, settings, &mut reuse, true);
    let (fresh, fresh_findings) = read_afresh(&text, settings);
    prop_assert_eq!(first, fresh);
    prop_assert_eq!(findings, Some(fresh_findings));
    for edit in edits {
        apply(&mut text, edit);
        let (again, findings) = read_again(&text, settings, &mut reuse, edit.check);
        let (fresh, fresh_findings) = read_afresh(&text, settings);
        prop_assert!(again == fresh, "after {edit:?}, the text is {text:?}");
        if let Some(findings) = findings {
            prop_assert!(
                findings == fresh_findings,
                "findings after {edit:?}, the text is {text:?}"
            );
        }
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
    let before = notes::parse_reusing(
        &Arc::new(text.to_string()),
        &Arc::new(Settings::default()),
        &mut reuse,
    );
    assert_eq!(before.experiences.len(), 1);
    let settings = Arc::new(Settings::new(Config {
        labels: vec![(PartKind::Result, vec!["Payoff".to_string()])],
        ..Config::default()
    }));
    let text = "## Billing move\n\nPayoff: 3 days faster.\n";
    let after = notes::parse_reusing(&Arc::new(text.to_string()), &settings, &mut reuse);
    assert_eq!(
        format!("{after:?}"),
        format!("{:?}", notes::parse(text, &settings))
    );
}

#[test]
fn the_rules_recall_only_the_version_just_before() {
    // Version 2 is read but not checked (the server does not check other Markdown); the rules
    // of version 3 must not recall what they read in version 1.
    let settings = Arc::new(Settings::default());
    let mut reuse = Reuse::default();
    let stories = |figure: &str| {
        format!(
            "## Billing move\n\nAction: I moved it.\nResult: it took {figure} days less.\n\n## Payroll\n\nAction: I ran it.\nResult: 3 hours saved.\n\n## Hiring\n\nAction: I hired two.\nResult: 2 weeks faster.\n"
        )
    };
    let check = |text: &str, reuse: &mut Reuse| {
        let notes = notes::parse_reusing(&Arc::new(text.to_string()), &settings, reuse);
        rules::check_reusing(&notes, text, &settings, reuse, None)
    };
    let vague = |findings: &[Finding]| {
        findings
            .iter()
            .filter(|f| f.code == hindsight::RuleCode::VagueResult)
            .count()
    };
    assert_eq!(vague(&check(&stories("4"), &mut reuse)), 0);
    let _ = notes::parse_reusing(&Arc::new(stories("x")), &settings, &mut reuse);
    let third = format!("{}\nMore notes.\n", stories("x"));
    let findings = check(&third, &mut reuse);
    let notes = notes::parse(&third, &settings);
    assert_eq!(findings, rules::check(&notes, &third, &settings));
    assert_eq!(vague(&findings), 1, "{findings:#?}");
}

/// A long note read afresh is read on every core (headings' prose, the rules' facts); read
/// with an earlier reading, on one thread. Both give the same: the fixtures end to end, in
/// every shape the reader knows, are well over the length that is read apart.
#[test]
fn a_long_note_read_on_every_core_is_read_as_on_one() {
    let mut files: Vec<_> = walk_fixtures(std::path::Path::new("tests/fixtures"));
    files.sort();
    let mut text = String::new();
    for file in &files {
        if text.len() > 400 * 1024 {
            break;
        }
        text.push_str(&std::fs::read_to_string(file).unwrap_or_default());
    }
    assert!(text.len() > 400 * 1024, "{} bytes", text.len());
    let settings = Arc::new(Settings::default());
    let (fresh, fresh_findings) = read_afresh(&text, &settings);
    let (again, findings) = read_again(&text, &settings, &mut Reuse::default(), true);
    assert!(fresh == again, "the readings differ");
    assert_eq!(findings, Some(fresh_findings));
}

fn walk_fixtures(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk_fixtures(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}
