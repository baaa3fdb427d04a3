//! Every view tells the same story: for every experience of every fixture (the corpus and the
//! real-shaped notes), what `check` asks for, what `report` lists as missing, the inlay hint,
//! the code lens, the hover and the fix-all agree on which parts are missing. After fix-all,
//! the same parts are still missing (now as prompts to answer), and nothing is left to add.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use support::{Client, Enc, apply_workspace_edit, file_uri};

/// Canonical label → the key the JSON uses.
fn key_of(label: &str) -> &'static str {
    match label {
        "Context" => "context",
        "Action" => "action",
        "Result" => "result",
        "Lesson" => "lesson",
        "In hindsight" => "hindsight",
        other => panic!("not a canonical label: {other:?}"),
    }
}

const ORDER: [&str; 5] = ["context", "action", "result", "lesson", "hindsight"];

fn canonical(mut kinds: Vec<String>) -> Vec<String> {
    kinds.sort_by_key(|k| ORDER.iter().position(|o| o == k));
    kinds.dedup();
    kinds
}

/// Every Markdown fixture with a story to tell: the corpus and the real-shaped notes.
fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    walk(&root.join("corpus"), &mut out);
    walk(&root.join("real"), &mut out);
    out.sort();
    out
}

fn cli(dir: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_hindsight"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run hindsight");
    let stdout = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"))
}

/// What one view says each experience (by heading line) is missing.
type View = BTreeMap<u64, Vec<String>>;

struct Views {
    check: View,
    check_diagnostics: View,
    report: View,
    hint: View,
    hover: View,
    /// Heading line → (lens title), for experiences that have one.
    lens: BTreeMap<u64, String>,
    /// Heading line → missing parts whose hover says they hold their prompt already.
    prompts: View,
    /// Hints in document order (their labels).
    hint_labels: Vec<String>,
}

fn cli_views(dir: &Path, name: &str) -> (View, View, View) {
    let checked = cli(dir, &["check", "--format", "json", name]);
    let file = &checked["files"][0];
    let experiences = file["experiences"].as_array().unwrap();
    let mut check = View::new();
    let mut by_title: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut check_diagnostics = View::new();
    for e in experiences {
        let line = e["line"].as_u64().unwrap();
        let missing = e["missing"].as_array().unwrap();
        check.insert(
            line,
            missing
                .iter()
                .map(|k| k.as_str().unwrap().to_string())
                .collect(),
        );
        check_diagnostics.insert(line, Vec::new());
        by_title
            .entry(e["title"].as_str().unwrap().to_string())
            .or_default()
            .push(line);
    }
    for d in file["diagnostics"].as_array().unwrap() {
        let Some(parts) = d["parts"].as_array() else {
            continue;
        };
        let at = d["range"]["start"]["line"].as_u64().unwrap();
        let title = d["experience"].as_str().unwrap();
        // The experience of that title whose heading comes last before the diagnostic.
        let line = by_title[title]
            .iter()
            .copied()
            .filter(|l| *l <= at)
            .max()
            .unwrap();
        let entry = check_diagnostics.get_mut(&line).unwrap();
        entry.extend(parts.iter().map(|p| p.as_str().unwrap().to_string()));
        assert!(!parts.is_empty(), "{name}: {d} asks for no part");
    }
    for kinds in check_diagnostics.values_mut() {
        *kinds = canonical(std::mem::take(kinds));
    }

    let reported = cli(dir, &["report", "--format", "json", name]);
    let mut report = View::new();
    for e in reported["files"][0]["experiences"].as_array().unwrap() {
        report.insert(
            e["line"].as_u64().unwrap(),
            e["missing"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap().to_string())
                .collect(),
        );
    }
    (check, check_diagnostics, report)
}

fn everything() -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": {"line": 1_000_000, "character": 0}})
}

fn server_views(
    client: &mut Client,
    uri: &str,
) -> (View, View, BTreeMap<u64, String>, View, Vec<String>) {
    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": everything()}),
    );
    let mut hint = View::new();
    let mut hover = View::new();
    let mut prompts = View::new();
    let mut labels = Vec::new();
    for h in hints.as_array().cloned().unwrap_or_default() {
        let line = h["position"]["line"].as_u64().unwrap();
        let label = h["label"].as_str().unwrap().to_string();
        assert_eq!(h["paddingLeft"], true, "the hint is not glued to the title");
        let kinds = match label.strip_suffix(" missing") {
            Some(list) => list.split(" · ").map(str::to_string).collect(),
            None => {
                assert_eq!(label, "✓ complete");
                Vec::new()
            }
        };
        labels.push(label);
        hint.insert(line, kinds);
        // The hover on the same heading, at the hint's place (the end of its title).
        let shown = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": h["position"]}),
        );
        let text = shown["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let mut still = Vec::new();
        let mut prompt = Vec::new();
        if let Some((_, list)) = text.split_once("Still to write:\n") {
            for item in list.lines().filter(|l| l.starts_with("- **")) {
                let label = &item[4..item[4..].find("**").unwrap() + 4];
                still.push(key_of(label).to_string());
                if item.contains("(still a prompt)") {
                    prompt.push(key_of(label).to_string());
                }
            }
        }
        hover.insert(line, still);
        prompts.insert(line, prompt);
    }
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut lens = BTreeMap::new();
    // The lens over the title counts interview questions, not parts: not this comparison's.
    let per_experience = |l: &Value| l["command"]["command"] == "hindsight.addMissingParts";
    for l in lenses
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(per_experience)
    {
        lens.insert(
            l["range"]["start"]["line"].as_u64().unwrap(),
            l["command"]["title"].as_str().unwrap().to_string(),
        );
    }
    (hint, hover, lens, prompts, labels)
}

fn views(client: &mut Client, dir: &Path, name: &str, uri: &str) -> Views {
    let (check, check_diagnostics, report) = cli_views(dir, name);
    let (hint, hover, lens, prompts, hint_labels) = server_views(client, uri);
    Views {
        check,
        check_diagnostics,
        report,
        hint,
        hover,
        lens,
        prompts,
        hint_labels,
    }
}

fn assert_agree(name: &str, v: &Views) {
    assert_eq!(
        v.check, v.check_diagnostics,
        "{name}: check's experiences vs its diagnostics"
    );
    assert_eq!(v.check, v.report, "{name}: check vs report");
    assert_eq!(v.check, v.hint, "{name}: check vs inlay hints");
    assert_eq!(v.check, v.hover, "{name}: check vs hovers");
    for (line, missing) in &v.check {
        let fixable = missing.len() - v.prompts[line].len();
        match v.lens.get(line) {
            None => assert_eq!(fixable, 0, "{name}:{line}: no lens, but {missing:?} to add"),
            Some(title) => {
                assert!(
                    fixable > 0,
                    "{name}:{line}: a lens with nothing to add: {title}"
                );
                let counted = match missing.as_slice() {
                    [one] => title.starts_with(&format!(
                        "{} missing",
                        match one.as_str() {
                            "hindsight" => "In hindsight".to_string(),
                            k => k[..1].to_uppercase() + &k[1..],
                        }
                    )),
                    _ => title.starts_with(&format!("{} parts missing", missing.len())),
                };
                assert!(counted, "{name}:{line}: lens {title:?} vs {missing:?}");
            }
        }
    }
}

#[test]
fn every_view_tells_the_same_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let mut experiences = 0;
    let mut fixed = 0;
    for (n, source) in fixtures().iter().enumerate() {
        // Read as career notes whatever the name, so that every fixture counts.
        let name = format!("f{n}.career.md");
        let path = dir.path().join(&name);
        let text = std::fs::read_to_string(source).unwrap();
        std::fs::write(&path, &text).unwrap();
        let uri = file_uri(&path);
        client.open(&uri, &text, 1);
        client.diagnostics(&uri, 1);
        let shown = format!("{} ({name})", source.display());
        let before = views(&mut client, dir.path(), &name, &uri);
        assert_agree(&shown, &before);
        experiences += before.check.len();

        // Fix-all adds exactly what the lenses offered: afterwards every view still agrees, the
        // same parts are missing (now holding prompts), and there is nothing left to add.
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll.hindsight"]}}),
        );
        let Some(fix_all) = actions.as_array().and_then(|a| a.first()).cloned() else {
            assert!(before.lens.is_empty(), "{shown}: lenses but no fix-all");
            client.close(&uri);
            continue;
        };
        let applied = apply_workspace_edit(&text, &fix_all["edit"], &uri, Enc::Utf16);
        std::fs::write(&path, &applied.text).unwrap();
        client.change_full(&uri, 2, &applied.text);
        client.diagnostics(&uri, 2);
        let after = views(&mut client, dir.path(), &name, &uri);
        assert_agree(&format!("{shown} after fix-all"), &after);
        assert_eq!(
            before.hint_labels, after.hint_labels,
            "{shown}: fix-all changed what is missing\n{}",
            applied.text
        );
        assert!(
            after.lens.is_empty(),
            "{shown}: still something to add after fix-all: {:?}\n{}",
            after.lens,
            applied.text
        );
        for (line, missing) in &after.check {
            assert_eq!(
                &after.prompts[line], missing,
                "{shown}:{line}: after fix-all every missing part holds its prompt\n{}",
                applied.text
            );
        }
        fixed += 1;
        client.close(&uri);
    }
    assert!(
        experiences >= 100,
        "only {experiences} experiences compared"
    );
    assert!(fixed >= 15, "only {fixed} files fixed");
    assert!(client.shutdown_and_exit().success());
}
