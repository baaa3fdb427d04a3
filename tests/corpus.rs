//! The shared corpus: every file gives exactly the experiences, part states and diagnostics
//! of its `.expect.json` (see tests/fixtures/corpus, copied byte for byte from the corpus).

use std::path::{Path, PathBuf};

use hindsight::Settings;
use hindsight::kinds::PartKind;
use hindsight::line_index::{Encoding, LineIndex};
use hindsight::notes::Shape;
use hindsight::rules;
use serde_json::{Value, json};

fn fixtures(folder: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.to_string_lossy().ends_with(".expect.json") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
        &mut files,
    );
    files.sort();
    files
}

/// What the analysis says, in the expect files' shape; `relative` is the note's path inside
/// its fixture folder (folder names count for career notes, the folders above do not).
fn actual(relative: &Path, text: &str) -> Value {
    let name = relative.to_str().unwrap();
    let settings = Settings::default();
    let is_career = hindsight::is_career_notes(relative, text);
    // Named explicitly, as `hindsight check FILE` does: analysed even when not career notes.
    let (notes, findings) = hindsight::analyse_document(text, &settings, is_career);
    let index = LineIndex::new(text, Encoding::Utf8);
    let line_of = |offset: usize| index.line(offset);
    let experiences: Vec<Value> = notes
        .experiences
        .iter()
        .map(|e| {
            let facts = rules::assess(&notes, e, text);
            let parts: serde_json::Map<String, Value> = PartKind::ALL
                .iter()
                .map(|k| (k.key().to_string(), json!(e.state(*k).key())))
                .collect();
            let evidence: serde_json::Map<String, Value> = PartKind::ALL
                .iter()
                .map(|k| (k.key().to_string(), json!(e.evidence(*k).map(|v| v.key()))))
                .collect();
            json!({
                "title": e.title,
                "heading_line": line_of(e.heading.start),
                "level": match e.shape {
                    Shape::Heading => json!(e.level),
                    Shape::ListItem | Shape::TableRow => Value::Null,
                },
                "evidence": evidence,
                "parts": parts,
                "result_quantified": facts.result_quantified,
                "we_not_i": facts.we_not_i,
                "suppressed": e.suppressed.codes().map(|c| c.code()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let diagnostics: Vec<Value> = findings
        .iter()
        .map(|f| {
            let line = line_of(f.range.start);
            let content = lines[line];
            json!({
                "line": line,
                "code": f.code.code(),
                "severity": f.severity.key(),
                "line_end": {
                    "utf-8": content.len(),
                    "utf-16": content.encode_utf16().count(),
                    "utf-32": content.chars().count(),
                },
            })
        })
        .collect();
    json!({
        "file": name,
        "is_career_notes": is_career,
        "file_suppressed": notes.file_suppressed.codes().map(|c| c.code()).collect::<Vec<_>>(),
        "experiences": if is_career { experiences } else { vec![] },
        "diagnostics": if is_career { diagnostics } else { vec![] },
    })
}

/// Expectations written before a field existed (the shared corpus has no `evidence`) are
/// compared on the fields they have.
fn drop_keys_not_expected(got: &mut Value, expected: &Value) {
    let (Some(got), Some(expected)) = (
        got["experiences"].as_array_mut(),
        expected["experiences"].as_array(),
    ) else {
        return;
    };
    for (g, e) in got.iter_mut().zip(expected) {
        if let (Some(g), Some(e)) = (g.as_object_mut(), e.as_object()) {
            g.retain(|k, _| e.contains_key(k));
        }
    }
}

#[test]
fn every_corpus_file_matches_its_expectation() {
    let files = fixtures("tests/fixtures/corpus");
    assert_eq!(files.len(), 11, "the corpus has eleven files");
    check_expectations("tests/fixtures/corpus", files);
}

/// Career notes in the shapes people really write (REAL-NOTES.md), and decoys that are not.
#[test]
fn every_real_shaped_file_matches_its_expectation() {
    let files = fixtures("tests/fixtures/real");
    assert!(files.len() >= 20, "fixtures of every shape and decoys");
    check_expectations("tests/fixtures/real", files);
}

/// Named explicitly, a decoy still has no experience (SPEC §2, "Precision first").
#[test]
fn decoys_named_explicitly_have_no_experiences() {
    for expect_path in fixtures("tests/fixtures/real/decoys") {
        let note = PathBuf::from(
            expect_path
                .to_str()
                .unwrap()
                .trim_end_matches(".expect.json"),
        );
        let text = std::fs::read_to_string(&note).unwrap();
        let (notes, findings) = hindsight::analyse_document(&text, &Settings::default(), false);
        assert!(
            notes.experiences.is_empty() && findings.is_empty(),
            "{}: {:?}",
            note.display(),
            notes
                .experiences
                .iter()
                .map(|e| &e.title)
                .collect::<Vec<_>>()
        );
    }
}

fn check_expectations(folder: &str, files: Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut failures = Vec::new();
    for expect_path in files {
        let note_path = PathBuf::from(
            expect_path
                .to_str()
                .unwrap()
                .trim_end_matches(".expect.json"),
        );
        let text = std::fs::read_to_string(&note_path).expect("note");
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&expect_path).unwrap()).unwrap();
        let relative = note_path.strip_prefix(&root).unwrap().to_path_buf();
        let mut got = actual(&relative, &text);
        // For reviewing a change of reading: `HINDSIGHT_CORPUS_ACTUAL=DIR` writes what was read.
        if let Ok(dir) = std::env::var("HINDSIGHT_CORPUS_ACTUAL") {
            let name = relative.to_string_lossy().replace('/', "__") + ".expect.json";
            std::fs::write(
                Path::new(&dir).join(name),
                serde_json::to_string_pretty(&got).unwrap(),
            )
            .unwrap();
        }
        drop_keys_not_expected(&mut got, &expected);
        for key in [
            "is_career_notes",
            "file_suppressed",
            "experiences",
            "diagnostics",
        ] {
            if got[key] != expected[key] {
                failures.push(format!(
                    "{}: {key} differs\n  expected: {}\n  actual:   {}",
                    relative.display(),
                    expected[key],
                    got[key]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn plain_readme_has_no_parts_even_when_analysed() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/08-plain-readme.md");
    let text = std::fs::read_to_string(path).unwrap();
    let (notes, findings) = hindsight::analyse(&text, &Settings::default());
    assert!(notes.experiences.is_empty());
    assert!(findings.is_empty());
}

#[test]
fn crlf_fixture_still_has_crlf() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/03-history-teacher-crlf.career.md");
    let bytes = std::fs::read(path).unwrap();
    let lf = bytes.iter().filter(|b| **b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(lf, crlf, "every line of the CRLF fixture ends in CRLF");
}
