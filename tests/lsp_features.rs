//! Editor features over stdio: inlay hints, hover, completion, document and workspace
//! symbols, folding ranges, code lenses and the server-side commands.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{
    Client, Enc, TIMEOUT, apply_text_edits, apply_workspace_edit, editor_capabilities, file_uri,
    span, units,
};

const DOC: &str = support::fixtures::FOUR_STORIES;

use support::fixtures::{BILLING, CRISPR, HIRING, WAREHOUSE};

fn line_len(text: &str, line: u64, enc: Enc) -> u64 {
    units(text.lines().nth(line as usize).unwrap(), enc) as u64
}

fn everything() -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": {"line": 1000, "character": 0}})
}

fn open(client: &mut Client, dir: &Path, name: &str, text: &str) -> String {
    let uri = file_uri(&dir.join(name));
    client.open(&uri, text, 1);
    client.wait_publish(&uri, Some(1));
    uri
}

fn inlay_hints(client: &mut Client, uri: &str) -> Value {
    client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": everything()}),
    )
}

#[test]
fn inlay_hints_at_the_end_of_each_heading() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "hints.career.md", DOC);
    let hints = inlay_hints(&mut client, &uri);
    let got: Vec<(u64, u64, String)> = hints
        .as_array()
        .expect("hints")
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap(),
                h["position"]["character"].as_u64().unwrap(),
                h["label"].as_str().expect("a string label").to_string(),
            )
        })
        .collect();
    let enc = Enc::Utf16;
    assert_eq!(
        got,
        vec![
            (
                BILLING,
                line_len(DOC, BILLING, enc),
                "result · lesson · hindsight missing".to_string()
            ),
            (
                HIRING,
                line_len(DOC, HIRING, enc),
                "hindsight missing".to_string()
            ),
            (
                WAREHOUSE,
                line_len(DOC, WAREHOUSE, enc),
                "action missing".to_string()
            ),
            (CRISPR, line_len(DOC, CRISPR, enc), "✓ complete".to_string()),
        ]
    );
    assert!(
        line_len(DOC, CRISPR, enc) < line_len(DOC, CRISPR, Enc::Utf8),
        "UTF-16 units, not bytes"
    );
    // A tooltip carries the prompts of what is missing.
    let billing = &hints[0];
    let tooltip = billing["tooltip"].as_str().unwrap_or_else(|| {
        billing["tooltip"]["value"]
            .as_str()
            .expect("a tooltip for a hint with something missing")
    });
    assert!(
        tooltip.contains("What result did you achieve?"),
        "{tooltip}"
    );

    // Only the requested range: the Hiring loop heading alone.
    let range = json!({"start": {"line": HIRING, "character": 0}, "end": {"line": HIRING + 1, "character": 0}});
    let some = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range}),
    );
    let labels: Vec<&str> = some
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["hindsight missing"]);

    // Hints follow edits: the Billing move gets a result.
    let text = DOC.replace(
        "I moved it to the new ledger.\n",
        "I moved it to the new ledger.\n\n### Result\n\nZero lost invoices in 3 months.\n",
    );
    client.change_full(&uri, 2, &text);
    client.wait_publish(&uri, Some(2));
    let hints = inlay_hints(&mut client, &uri);
    assert_eq!(hints[0]["label"], "lesson · hindsight missing", "{hints}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn inlay_hints_in_utf8_count_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready_with(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Some(dir.path()),
    );
    let uri = open(&mut client, dir.path(), "hints.career.md", DOC);
    let hints = inlay_hints(&mut client, &uri);
    let last = hints.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["position"]["line"], CRISPR);
    assert_eq!(
        last["position"]["character"],
        line_len(DOC, CRISPR, Enc::Utf8)
    );
    assert_eq!(line_len(DOC, CRISPR, Enc::Utf8), 29);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn inlay_hints_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start();
    client.initialize(
        editor_capabilities(),
        json!({"inlay_hints": false}),
        Some(dir.path()),
    );
    let uri = open(&mut client, dir.path(), "hints.career.md", DOC);
    let hints = inlay_hints(&mut client, &uri);
    assert!(hints.is_null() || hints == json!([]), "{hints}");
    // Diagnostics are still there: only the hints are off.
    client.change_full(&uri, 2, DOC);
    assert!(!client.diagnostics(&uri, 2).is_empty());
    assert!(client.shutdown_and_exit().success());
}

fn hover(client: &mut Client, uri: &str, line: u64, character: u64) -> Value {
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

fn markdown(hover: &Value) -> String {
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
    hover["contents"]["value"].as_str().unwrap().to_string()
}

#[test]
fn hover_on_part_labels_and_headings() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "hover.career.md", DOC);

    // `### Context` of Billing move: the prompt and why interviewers care.
    let on_label = hover(&mut client, &uri, 4, 6);
    let text = markdown(&on_label);
    assert!(text.contains("Context"), "{text}");
    assert!(text.contains("stated"), "{text}");
    assert!(
        text.contains("What was the situation, and what was at stake?"),
        "{text}"
    );
    assert!(text.contains("Interviewers"), "{text}");
    assert_eq!(span(&on_label["range"]), (4, 4, 4, 11));

    // `**Lesson:**` of Hiring loop, a bold label line.
    let text = markdown(&hover(&mut client, &uri, 20, 3));
    assert!(text.contains("Lesson"), "{text}");
    assert!(text.contains("What did you learn?"), "{text}");

    // The heading: every part with its state, and what is still to write.
    let on_heading = hover(&mut client, &uri, BILLING, 5);
    let text = markdown(&on_heading);
    assert!(text.contains("Billing move"), "{text}");
    for part in ["Context", "Action", "Result", "Lesson", "In hindsight"] {
        assert!(text.contains(part), "{part} not in {text}");
    }
    assert!(text.contains("absent"), "{text}");
    assert!(text.contains("What result did you achieve?"), "{text}");
    assert_eq!(span(&on_heading["range"]), (BILLING, 3, BILLING, 15));

    // A complete experience's heading: nothing to write.
    let text = markdown(&hover(&mut client, &uri, CRISPR, 4));
    assert!(text.contains("🔬 CRISPR 𠮷田 screen"), "{text}");
    assert!(!text.contains("Still to write"), "{text}");

    // Body text and the title outside any experience: nothing.
    assert!(hover(&mut client, &uri, 6, 10).is_null());
    assert!(hover(&mut client, &uri, 0, 3).is_null());
    assert!(client.shutdown_and_exit().success());
}

fn completion(client: &mut Client, uri: &str, line: u64, character: u64) -> Vec<Value> {
    let result = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    match result {
        Value::Null => Vec::new(),
        Value::Array(items) => items,
        list => list["items"].as_array().cloned().unwrap_or_default(),
    }
}

fn labels(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

fn item<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no {label:?} in {:?}", labels(items)))
}

/// Applies a completion item's text edit to the text.
fn accept(text: &str, item: &Value) -> String {
    apply_text_edits(text, &[item["textEdit"].clone()], Enc::Utf16)
}

#[test]
fn completion_offers_the_missing_labels_in_the_experience_notation() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));

    // After `### ` in Billing move (sub-headings): the labels it lacks, as heading text.
    let text = DOC.replace(
        "I moved it to the new ledger.\n",
        "I moved it to the new ledger.\n\n### \n",
    );
    let uri = open(&mut client, dir.path(), "heading.career.md", &text);
    let items = completion(&mut client, &uri, 12, 4);
    let got: BTreeSet<String> = labels(&items)
        .into_iter()
        .filter(|l| l != "New experience")
        .collect();
    assert_eq!(
        got,
        BTreeSet::from(["Result".into(), "Lesson".into(), "In hindsight".into()]),
        "{items:#?}"
    );
    let result = item(&items, "Result");
    assert_eq!(result["textEdit"]["newText"], "Result");
    let accepted = accept(&text, result);
    assert!(accepted.contains("I moved it to the new ledger.\n\n### Result\n"));
    client.change_full(&uri, 2, &accepted);
    let diagnostics = client.diagnostics(&uri, 2);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "missing-result"
            && d["message"].as_str().unwrap().contains("is empty")),
        "the accepted label is a part now: {diagnostics:#?}"
    );

    // At a new list item in Warehouse (list labels): `Action: `.
    let text = DOC.replace(
        "- In hindsight: I would have started with the night shift\n",
        "- In hindsight: I would have started with the night shift\n- \n",
    );
    let uri = open(&mut client, dir.path(), "list.career.md", &text);
    let items = completion(&mut client, &uri, 28, 2);
    let action = item(&items, "Action");
    assert_eq!(action["textEdit"]["newText"], "Action: ");
    assert!(
        !labels(&items).contains(&"Result".to_string()),
        "Warehouse has a result"
    );
    assert!(accept(&text, action).contains("\n- Action: \n"));

    // With a word typed already, the edit replaces it.
    let text = DOC.replace(
        "- In hindsight: I would have started with the night shift\n",
        "- In hindsight: I would have started with the night shift\n- Act\n",
    );
    let uri = open(&mut client, dir.path(), "typed.career.md", &text);
    let items = completion(&mut client, &uri, 28, 5);
    let action = item(&items, "Action");
    assert!(accept(&text, action).contains("\n- Action: \n"));

    // At the start of an empty line: the snippet for a new experience.
    let uri = open(&mut client, dir.path(), "snippet.career.md", DOC);
    let items = completion(&mut client, &uri, 36, 0);
    let snippet = item(&items, "New experience");
    assert_eq!(snippet["insertTextFormat"], 2, "a snippet: {snippet}");
    let body = snippet["textEdit"]["newText"].as_str().unwrap();
    assert!(body.starts_with("## ${1:"), "{body}");
    for part in [
        "### Context",
        "### Action",
        "### Result",
        "### Lesson",
        "### In hindsight",
    ] {
        assert!(body.contains(part), "{part} not in {body}");
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_without_snippet_support_is_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready_with(
        json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": false}}}}),
        Some(dir.path()),
    );
    let uri = open(&mut client, dir.path(), "plain.career.md", DOC);
    let items = completion(&mut client, &uri, 36, 0);
    let new = item(&items, "New experience");
    assert_ne!(new["insertTextFormat"], 2, "{new}");
    let body = new["textEdit"]["newText"].as_str().unwrap();
    assert!(!body.contains("${"), "{body}");
    // Accepted as is, it is a new experience whose parts are prompts.
    let accepted = accept(DOC, new);
    client.change_full(&uri, 2, &accepted);
    let diagnostics = client.diagnostics(&uri, 2);
    let new_line = accepted
        .lines()
        .position(|l| l.starts_with("## Title"))
        .unwrap() as u64;
    let on_new: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["range"]["start"]["line"].as_u64().unwrap() > new_line)
        .collect();
    assert!(!on_new.is_empty(), "{diagnostics:#?}");
    assert!(
        on_new
            .iter()
            .all(|d| d["message"].as_str().unwrap().contains("still a prompt")),
        "{on_new:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn document_symbols_are_hierarchical() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "symbols.career.md", DOC);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().expect("DocumentSymbol[]");
    let outline: Vec<(String, String, Vec<String>)> = symbols
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["detail"].as_str().unwrap().to_string(),
                s["children"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["name"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let parts = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        outline,
        vec![
            (
                "Billing move".into(),
                "2/5 parts".into(),
                parts(&["Context", "Action"])
            ),
            (
                "Hiring loop".into(),
                "4/5 parts".into(),
                parts(&["Context", "Action", "Result", "Lesson"])
            ),
            (
                "Warehouse".into(),
                "4/5 parts".into(),
                parts(&["Context", "Result", "Lesson", "In hindsight"])
            ),
            (
                "🔬 CRISPR 𠮷田 screen".into(),
                "5/5 parts".into(),
                parts(&["Context", "Action", "Result", "Lesson", "In hindsight"])
            ),
        ]
    );
    // Ranges: each symbol holds its selection range and its children; siblings in order.
    let within = |outer: &Value, inner: &Value| {
        let (a, b, c, d) = span(outer);
        let (e, f, g, h) = span(inner);
        (a, b) <= (e, f) && (g, h) <= (c, d)
    };
    for s in symbols {
        assert!(within(&s["range"], &s["selectionRange"]), "{s}");
        for c in s["children"].as_array().unwrap() {
            assert!(within(&s["range"], &c["range"]), "{c} outside {s}");
            assert!(within(&c["range"], &c["selectionRange"]), "{c}");
        }
    }
    assert_eq!(
        span(&symbols[0]["selectionRange"]),
        (BILLING, 3, BILLING, 15)
    );
    assert_eq!(span(&symbols[0]["range"]).0, BILLING);
    assert_eq!(
        span(&symbols[0]["range"]).2,
        10,
        "ends at the last text line"
    );
    let crispr = &symbols[3];
    assert_eq!(
        span(&crispr["selectionRange"]),
        (CRISPR, 3, CRISPR, line_len(DOC, CRISPR, Enc::Utf16))
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn folding_ranges_for_experiences_and_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "fold.career.md", DOC);
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let got: BTreeSet<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    // Experiences from heading to last text line; multi-line parts (the sub-heading ones).
    let expected = BTreeSet::from([(2, 10), (4, 6), (8, 10), (12, 20), (22, 27), (29, 35)]);
    assert_eq!(got, expected, "{folds}");
    assert!(client.shutdown_and_exit().success());
}

fn workspace_symbols(client: &mut Client, query: &str) -> Vec<(String, String)> {
    let result = client.request("workspace/symbol", json!({"query": query}));
    let mut out: Vec<(String, String)> = result
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["location"]["uri"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Re-asks until `predicate` holds (the index is built in the background), with a deadline.
fn poll_symbols(
    client: &mut Client,
    query: &str,
    what: &str,
    predicate: impl Fn(&[(String, String)]) -> bool,
) -> Vec<(String, String)> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let got = workspace_symbols(client, query);
        if predicate(&got) {
            return got;
        }
        assert!(Instant::now() < deadline, "{what}: still {got:#?}");
        // Waiting for the server's next answer is the pacing: no sleeping.
    }
}

#[test]
fn workspace_symbols_from_files_on_disk() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let dir = root.path();
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    std::fs::create_dir(dir.join(".git")).unwrap(); // so that .gitignore applies
    write(
        "alpha.career.md",
        "## Alpha launch\n\nAction: I shipped.\nResult: 3 customers.\n",
    );
    write(
        "notes/beta.md",
        "---\nhindsight: true\n---\n## Beta rollout\n\nAction: I rolled it out.\nLesson: canaries.\n",
    );
    write(
        "notes/deep/gamma.career.md",
        "# 2021\n\n## Gamma audit\n\n- Action: I audited.\n- Result: 2 findings.\n",
    );
    write(
        "README.md",
        "## Readme section\n\nAction: not a career note.\nResult: none.\n",
    );
    write(".gitignore", "ignored/\n");
    write(
        "ignored/hidden.career.md",
        "## Hidden story\n\nAction: I hid.\nResult: 1 thing.\n",
    );
    std::fs::write(
        outside.path().join("elsewhere.career.md"),
        "## Outside story\n\nAction: I left.\nResult: 1 thing.\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("elsewhere.career.md"),
        dir.join("link.career.md"),
    )
    .unwrap();
    write(
        "lab.career.md",
        "## 🔬 CRISPR 𠮷田 screen\n\nAction: I screened.\nResult: 40% fewer false positives.\n",
    );
    // Over 10 MB: skipped.
    let mut big = String::from("## Huge story\n\nAction: I wrote a lot.\nResult: 1 tome.\n\n");
    while big.len() <= 10 * 1024 * 1024 {
        big.push_str("Lots of words in a very long note, line after line after line.\n");
    }
    write("huge.career.md", &big);

    let mut client = Client::ready(Some(dir));
    let found = poll_symbols(&mut client, "", "the four notes", |got| {
        [
            "Alpha launch",
            "Beta rollout",
            "Gamma audit",
            "🔬 CRISPR 𠮷田 screen",
        ]
        .iter()
        .all(|name| got.iter().any(|(n, _)| n == name))
    });
    let alpha = file_uri(&dir.join("alpha.career.md"));
    assert!(found.contains(&("Alpha launch".to_string(), alpha.clone())));
    let beta = file_uri(&dir.join("notes/beta.md"));
    assert!(found.contains(&("Beta rollout".to_string(), beta)));

    // A fuzzy query narrows the list.
    let narrowed = workspace_symbols(&mut client, "gmaud");
    assert_eq!(
        narrowed.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["Gamma audit"]
    );

    // The location of an indexed symbol is the title's range.
    let raw = client.request("workspace/symbol", json!({"query": "Alpha"}));
    let location = &raw[0]["location"];
    assert_eq!(span(&location["range"]), (0, 3, 0, 15));

    // UTF-16 columns for an indexed file too.
    let raw = client.request("workspace/symbol", json!({"query": "crispr"}));
    assert_eq!(span(&raw[0]["location"]["range"]), (0, 3, 0, 23), "{raw}");

    // An open document wins over its file on disk.
    client.open(
        &alpha,
        "## Alpha relaunch\n\nAction: I shipped again.\nResult: 5 customers.\n",
        1,
    );
    client.wait_publish(&alpha, Some(1));
    poll_symbols(&mut client, "alpha", "the open text", |got| {
        got.len() == 1 && got[0].0 == "Alpha relaunch"
    });
    client.close(&alpha);

    // A new file, announced by the client's file watcher.
    write(
        "delta.career.md",
        "## Delta pivot\n\nAction: I pivoted.\nResult: 4 weeks saved.\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("delta.career.md")), "type": 1}]}),
    );
    poll_symbols(&mut client, "", "the new file", |got| {
        got.iter().any(|(n, _)| n == "Delta pivot")
    });
    // A deleted file disappears.
    std::fs::remove_file(dir.join("notes/deep/gamma.career.md")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("notes/deep/gamma.career.md")), "type": 3}]}),
    );
    poll_symbols(&mut client, "", "the deleted file gone", |got| {
        !got.iter().any(|(n, _)| n == "Gamma audit")
    });
    // A changed file is read again.
    write(
        "delta.career.md",
        "## Delta pivot, told better\n\nAction: I pivoted.\nResult: 4 weeks saved.\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("delta.career.md")), "type": 2}]}),
    );
    let last = poll_symbols(&mut client, "", "the changed file", |got| {
        got.iter().any(|(n, _)| n == "Delta pivot, told better")
    });

    // Never: the plain README, the .gitignored file, the symlink out of the folder, the
    // file over 10 MB. (The scan ended long ago: several later events were processed.)
    for name in [
        "Readme section",
        "Hidden story",
        "Outside story",
        "Huge story",
    ] {
        assert!(!last.iter().any(|(n, _)| n == name), "{name}: {last:#?}");
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn code_lens_runs_the_add_missing_parts_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "lens.career.md", DOC);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut lenses = lenses.as_array().expect("lenses").clone();
    // First, over the document's title: the story bank, which opens the report.
    let bank = lenses.remove(0);
    assert_eq!(bank["command"]["command"], "hindsight.showReport");
    assert_eq!(bank["command"]["arguments"], json!([uri]));
    let summary = bank["command"]["title"].as_str().unwrap();
    assert!(
        summary.ends_with(" of 14 interview questions covered"),
        "{summary}"
    );
    let titles: Vec<(u64, String)> = lenses
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["command"]["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        titles.len(),
        3,
        "none over the complete experience: {titles:?}"
    );
    assert_eq!(
        titles[0],
        (BILLING, "3 parts missing — add them".to_string())
    );
    assert_eq!(titles[1].0, HIRING);
    assert!(titles[1].1.contains("In hindsight"), "{titles:?}");
    assert_eq!(titles[2].0, WAREHOUSE);
    assert!(titles[2].1.contains("Action"), "{titles:?}");

    // The same insertion as the "add all missing parts" code action.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": lenses[0]["range"], "context": {"diagnostics": []}}),
    );
    let add_all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Add all missing parts to \"Billing move\"")
        })
        .expect("add all missing parts")
        .clone();
    let expected = apply_workspace_edit(DOC, &add_all["edit"], &uri, Enc::Utf16).text;

    let command = lenses[0]["command"].clone();
    assert_eq!(command["command"], "hindsight.addMissingParts");
    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let apply = client.wait_server_request("workspace/applyEdit");
    let edit = &apply["params"]["edit"];
    let applied = apply_workspace_edit(DOC, edit, &uri, Enc::Utf16);
    assert_eq!(
        applied.version,
        Some(1),
        "versioned for the client's version"
    );
    assert_eq!(applied.text, expected);
    let response = client.response(id);
    assert_eq!(response["result"], true, "{response}");

    // The editor applied it: its didChange gives "still a prompt" diagnostics.
    client.change_full(&uri, 2, &applied.text);
    let diagnostics = client.diagnostics(&uri, 2);
    let billing: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("Billing move"))
        .collect();
    assert!(!billing.is_empty());
    assert!(
        billing
            .iter()
            .all(|d| d["message"].as_str().unwrap().contains("still a prompt")),
        "{billing:#?}"
    );

    // A client that refuses the edit: the command reports false.
    client.answer(
        "workspace/applyEdit",
        |_| json!({"applied": false, "failureReason": "the user said no"}),
    );
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let command = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"].clone())
        .find(|c| c["command"] == "hindsight.addMissingParts")
        .expect("an add-missing-parts lens");
    let result = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(result, false);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn report_command_returns_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "report.career.md", DOC);
    let report = client.request(
        "workspace/executeCommand",
        json!({"command": "hindsight.report", "arguments": [uri]}),
    );
    let report = report.as_str().expect("Markdown text");
    for name in [
        "Billing move",
        "Hiring loop",
        "Warehouse",
        "🔬 CRISPR 𠮷田 screen",
    ] {
        assert!(report.contains(name), "{name} not in:\n{report}");
    }
    assert!(report.contains("30% faster picks"), "{report}");
    assert!(
        report.contains("controls are half the experiment"),
        "{report}"
    );

    // Errors, not crashes: an unknown command, a document that is not open, no arguments.
    let unknown = client.call(
        "workspace/executeCommand",
        json!({"command": "hindsight.nope", "arguments": [uri]}),
    );
    assert!(unknown["error"].is_object(), "{unknown}");
    let closed = client.call(
        "workspace/executeCommand",
        json!({"command": "hindsight.report", "arguments": [file_uri(&dir.path().join("never.career.md"))]}),
    );
    assert!(closed["error"].is_object(), "{closed}");
    let bare = client.call(
        "workspace/executeCommand",
        json!({"command": "hindsight.addMissingParts", "arguments": []}),
    );
    assert_eq!(bare["error"]["code"], -32602, "{bare}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_workspace_scan_does_not_hold_up_requests() {
    // A few hundred files: the first answers come before the scan could possibly be done
    // with the slowest of them, and every file is found in the end.
    let root = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            root.path().join(format!("n{i:03}.career.md")),
            format!("## Story {i:03}\n\nAction: I did {i}.\nResult: {i} things.\n"),
        )
        .unwrap();
    }
    let started = Instant::now();
    let mut client = Client::ready(Some(root.path()));
    let uri = open(&mut client, root.path(), "open.career.md", DOC);
    assert!(!inlay_hints(&mut client, &uri).is_null());
    assert!(started.elapsed() < Duration::from_secs(5));
    poll_symbols(&mut client, "story", "all 300 stories", |got| {
        got.len() == 300
    });
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn crlf_positions_stay_inside_their_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/03-history-teacher-crlf.career.md");
    let text = std::fs::read_to_string(path).unwrap();
    let lf = text.replace("\r\n", "\n");
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let crlf_uri = open(&mut client, dir.path(), "crlf.career.md", &text);
    let lf_uri = open(&mut client, dir.path(), "lf.career.md", &lf);
    let lines = support::lines(&text);
    let line_end = |line: u64| units(lines[line as usize], Enc::Utf16) as u64;

    // Hints at the end of each heading line: on the line, not after its `\r`.
    let hints = inlay_hints(&mut client, &crlf_uri);
    assert!(!hints.as_array().unwrap().is_empty());
    for h in hints.as_array().unwrap() {
        let line = h["position"]["line"].as_u64().unwrap();
        assert!(lines[line as usize].starts_with('#'), "{h}");
        assert_eq!(
            h["position"]["character"].as_u64().unwrap(),
            line_end(line),
            "{h}"
        );
    }
    assert_eq!(hints, inlay_hints(&mut client, &lf_uri));

    // Symbols, folding and lenses: the same as for the LF text.
    for method in [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/codeLens",
    ] {
        let a = client.request(method, json!({"textDocument": {"uri": crlf_uri}}));
        let b = client.request(method, json!({"textDocument": {"uri": lf_uri}}));
        let b = serde_json::to_string(&b)
            .unwrap()
            .replace(&lf_uri, &crlf_uri);
        assert_eq!(serde_json::to_string(&a).unwrap(), b, "{method}");
    }
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": crlf_uri}}),
    );
    for s in symbols.as_array().unwrap() {
        let (_, _, el, ec) = span(&s["range"]);
        assert!(ec <= line_end(el), "{s}");
        for c in s["children"].as_array().unwrap() {
            let (_, _, el, ec) = span(&c["range"]);
            assert!(ec <= line_end(el), "{c}");
        }
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn add_missing_parts_for_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "whole.career.md", DOC);
    // Without a heading line: every experience, like the fix-all code action.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.hindsight"]}}),
    );
    let expected = apply_workspace_edit(DOC, &actions[0]["edit"], &uri, Enc::Utf16).text;
    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": "hindsight.addMissingParts", "arguments": [uri]}),
    );
    let apply = client.wait_server_request("workspace/applyEdit");
    let applied = apply_workspace_edit(DOC, &apply["params"]["edit"], &uri, Enc::Utf16);
    assert_eq!(client.response(id)["result"], true);
    assert_eq!(applied.text, expected);
    // A heading line that is no experience: nothing to apply.
    let result = client.request(
        "workspace/executeCommand",
        json!({"command": "hindsight.addMissingParts", "arguments": [uri, 1]}),
    );
    assert_eq!(result, false);
    assert!(client.shutdown_and_exit().success());
}

/// A list-item experience in `brag.md` (career notes by name, no front matter): the hover on its
/// title says which sentence was read as its result, so the writer sees why Hindsight is
/// satisfied.
#[test]
fn hover_says_which_sentence_was_read() {
    const BRAG: &str = "# Brag document\n\n## 2025\n\n- **Retired the nightly export job**\n  - Finance re-keyed the numbers every morning. I replaced the CSV with a live view.\n    Month-end close now takes two days instead of five.\n";
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "brag.md", BRAG);
    let text = markdown(&hover(&mut client, &uri, 4, 6));
    assert!(text.contains("Retired the nightly export job"), "{text}");
    assert!(
        text.contains("sentence “Month-end close now takes two days instead of five.”"),
        "{text}"
    );
    assert!(
        text.contains("sentence “I replaced the CSV with a live view.”"),
        "{text}"
    );
    // No table: hovers are read as plain text in Neovim, Helix and Emacs.
    assert!(!text.contains("|---|"), "{text}");
    assert!(client.shutdown_and_exit().success());
}

/// A story kept as a table row: the hover on its title says which cell was read for each part.
#[test]
fn hover_on_a_table_row_shows_its_cells() {
    const LOG: &str = "# Incident log\n\n| Date | What happened | What I did | Outcome | Learned |\n|---|---|---|---|---|\n| 12/03 | Truck clipped an upright | Stopped picking and taped off the aisle | Upright replaced by 10am | |\n";
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = open(&mut client, dir.path(), "log.career.md", LOG);
    let text = markdown(&hover(&mut client, &uri, 4, 14));
    assert!(text.contains("Truck clipped an upright"), "{text}");
    assert!(
        text.contains("table cell “Upright replaced by 10am”"),
        "{text}"
    );
    assert!(!text.contains("label ``"), "{text}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_shared_fixture_has_its_headings_where_the_constants_say() {
    let line = |n: u64| {
        support::fixtures::FOUR_STORIES
            .lines()
            .nth(n as usize)
            .unwrap()
    };
    assert_eq!(line(BILLING), "## Billing move");
    assert_eq!(line(HIRING), "## Hiring loop");
    assert_eq!(line(WAREHOUSE), "## Warehouse");
    assert!(line(CRISPR).starts_with("## 🔬 CRISPR"));
    assert!(support::fixtures::FOUR_STORIES.starts_with(support::fixtures::THREE_STORIES));
}

/// The story bank counts every career-notes file of the workspace, not only the open one:
/// the title's lens says how many questions are covered, and `hindsight.report` gives the
/// report as Markdown or, asked for `html`, as the page.
#[test]
fn the_title_lens_counts_the_stories_of_the_whole_workspace() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.career.md"),
        "# Older notes\n\n## The migration we rolled back\n\nAction: I moved the queue.\nResult: we rolled the release back after a day.\nLesson: Pilot first.\n",
    )
    .unwrap();
    let mut client = Client::ready(Some(dir.path()));
    client.wait_stderr("the workspace index", |s| s.contains("workspace indexed"));
    let uri = open(
        &mut client,
        dir.path(),
        "new.career.md",
        "# Notes\n\n## Rota dispute\n\nAction: I disagreed with my manager about the rota and showed the overtime figures.\nResult: 12% less overtime.\nLesson: Bring numbers.\n",
    );
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let bank = &lenses[0];
    assert_eq!(bank["command"]["command"], "hindsight.showReport");
    assert_eq!(span(&bank["range"]), (0, 2, 0, 7), "over the title");
    // Conflict and success from the open note, failure from the file on disk.
    assert_eq!(
        bank["command"]["title"], "3 of 14 interview questions covered",
        "{lenses}"
    );
    let markdown = client.request(
        "workspace/executeCommand",
        json!({"command": "hindsight.report", "arguments": [uri]}),
    );
    let markdown = markdown.as_str().unwrap();
    assert!(
        markdown.contains(
            "Tell me about a time you failed. — *The migration we rolled back* (old.career.md:3)"
        ),
        "{markdown}"
    );
    let html = client.request(
        "workspace/executeCommand",
        json!({"command": "hindsight.report", "arguments": [uri, "html"]}),
    );
    let html = html.as_str().unwrap();
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(html.contains("Rota dispute"));
    // A client without its own handler for the lens's command gets the report too.
    let shown = client.request(
        "workspace/executeCommand",
        json!({"command": "hindsight.showReport", "arguments": [uri]}),
    );
    assert!(shown.as_str().unwrap().contains("Rota dispute"));
    assert!(client.shutdown_and_exit().success());
}
