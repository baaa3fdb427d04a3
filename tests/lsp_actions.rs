//! Code actions through the real server, applied the way an editor applies them: the
//! workspace edit is checked (insertions only, versioned), turned into incremental
//! `didChange` events, and the document is re-analysed. Also: a stale edit names its old
//! version, and a `didChange` that is not newer is ignored.

mod support;

use std::path::Path;

use serde_json::{Value, json};
use support::{Client, Enc, apply_workspace_edit, file_uri, offset_at};

const DOC: &str = support::fixtures::THREE_STORIES;

use support::fixtures::{BILLING, HIRING, WAREHOUSE};

/// The client's copy of an open document.
struct Doc {
    uri: String,
    text: String,
    version: i64,
}

impl Doc {
    fn open(client: &mut Client, dir: &Path, name: &str, text: &str) -> (Doc, Vec<Value>) {
        let uri = file_uri(&dir.join(name));
        client.open(&uri, text, 1);
        let diagnostics = client.diagnostics(&uri, 1);
        (
            Doc {
                uri,
                text: text.to_string(),
                version: 1,
            },
            diagnostics,
        )
    }
}

/// A server in a fresh workspace with `DOC` open under `name`, and its first diagnostics.
fn started(name: &str) -> (tempfile::TempDir, Client, Doc, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let (doc, diagnostics) = Doc::open(&mut client, dir.path(), name, DOC);
    (dir, client, doc, diagnostics)
}

fn point(line: u64, character: u64) -> Value {
    json!({"start": {"line": line, "character": character}, "end": {"line": line, "character": character}})
}

fn code_actions(
    client: &mut Client,
    doc: &Doc,
    range: Value,
    diagnostics: &[Value],
    only: Option<&[&str]>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": diagnostics, "triggerKind": 1});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc.uri}, "range": range, "context": context}),
    );
    let actions = result.as_array().cloned().unwrap_or_default();
    for a in &actions {
        assert!(a.get("command").is_none_or(|c| c.is_object()), "{a}");
        assert!(a["edit"].is_object(), "every action carries its edit: {a}");
    }
    actions
}

/// The quick fixes offered at a point.
fn quick_fixes(client: &mut Client, doc: &Doc, at: Value) -> Vec<Value> {
    code_actions(client, doc, at, &[], Some(&["quickfix"]))
}

/// The quick fixes an editor asks for on a diagnostic: over its range, with it in the context.
fn quick_fixes_for(client: &mut Client, doc: &Doc, diagnostic: &Value) -> Vec<Value> {
    code_actions(
        client,
        doc,
        diagnostic["range"].clone(),
        std::slice::from_ref(diagnostic),
        Some(&["quickfix"]),
    )
}

fn titled<'a>(actions: &'a [Value], prefix: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
        .unwrap_or_else(|| {
            let titles: Vec<_> = actions.iter().map(|a| a["title"].clone()).collect();
            panic!("no action titled {prefix:?} in {titles:#?}")
        })
}

/// The text edits of a workspace edit for one document.
fn edits_of(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit.get("documentChanges").filter(|c| !c.is_null()) {
        changes
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                assert_eq!(c["textDocument"]["uri"], uri);
                c["edits"].as_array().unwrap().clone()
            })
            .collect()
    } else {
        edit["changes"][uri].as_array().cloned().unwrap_or_default()
    }
}

/// Applies an action's edit like an editor with `documentChanges` support: the edit must name
/// the current version and only insert; it is sent as incremental changes, last edit first.
/// Returns the new diagnostics.
fn apply(client: &mut Client, doc: &mut Doc, action: &Value) -> Vec<Value> {
    let enc = client.encoding;
    let edit = &action["edit"];
    let applied = apply_workspace_edit(&doc.text, edit, &doc.uri, enc);
    assert!(applied.versioned, "documentChanges expected: {edit}");
    assert_eq!(
        applied.version,
        Some(doc.version),
        "the edit names the version it was computed for"
    );
    let edits = edits_of(edit, &doc.uri);
    assert!(!edits.is_empty(), "an action without edits: {action}");
    let mut order: Vec<(usize, usize, &Value)> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            assert_eq!(
                e["range"]["start"], e["range"]["end"],
                "edits only insert, never delete: {e}"
            );
            (offset_at(&doc.text, &e["range"]["start"], enc), i, e)
        })
        .collect();
    order.sort_by_key(|&(offset, i, _)| (offset, i));
    let changes: Vec<Value> = order
        .iter()
        .rev()
        .map(|(_, _, e)| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    doc.version += 1;
    doc.text = applied.text;
    client.change(&doc.uri, doc.version, changes);
    let diagnostics = client.diagnostics(&doc.uri, doc.version);
    assert_server_has(client, doc, &diagnostics);
    diagnostics
}

/// The server's view of `doc` equals the client's: a second document opened with the
/// client's text gets the same diagnostics and document symbols.
fn assert_server_has(client: &mut Client, doc: &Doc, diagnostics: &[Value]) {
    let mirror = doc
        .uri
        .replace(".career.md", &format!("-mirror-{}.career.md", doc.version));
    client.open(&mirror, &doc.text, 1);
    let expected = client.diagnostics(&mirror, 1);
    let strip = |ds: &[Value]| -> Vec<Value> {
        ds.iter()
            .map(|d| json!([d["code"], d["range"], d["message"]]))
            .collect()
    };
    assert_eq!(
        strip(diagnostics),
        strip(&expected),
        "the server's text differs from the client's:\n{}",
        doc.text
    );
    let a = symbols(client, &doc.uri);
    let b = symbols(client, &mirror);
    assert_eq!(a, b, "document symbols differ from the client's text");
    client.close(&mirror);
}

fn symbols(client: &mut Client, uri: &str) -> Value {
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    )
}

/// (experience name, [part names]) from document symbols.
fn outline(client: &mut Client, uri: &str) -> Vec<(String, Vec<String>)> {
    symbols(client, uri)
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            let parts = s["children"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_string())
                .collect();
            (s["name"].as_str().unwrap().to_string(), parts)
        })
        .collect()
}

const CANONICAL: [&str; 5] = ["Context", "Action", "Result", "Lesson", "In hindsight"];

fn assert_canonical_and_unique(parts: &[String]) {
    let ranks: Vec<usize> = parts
        .iter()
        .map(|p| CANONICAL.iter().position(|c| c == p).unwrap())
        .collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ranks, sorted, "parts out of order or duplicated: {parts:?}");
}

fn on_line<'a>(diagnostics: &'a [Value], code: &str, line: u64) -> Vec<&'a Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code && d["range"]["start"]["line"] == line)
        .collect()
}

/// Every `missing-*` diagnostic is gone or only says the inserted prompt is unanswered.
fn assert_only_prompts_left(diagnostics: &[Value]) {
    assert_only_prompts_left_in(diagnostics, None);
}

/// The same, for the experience whose heading is on `experience_line` (all when `None`).
fn assert_only_prompts_left_in(diagnostics: &[Value], experience_line: Option<u64>) {
    for d in diagnostics {
        if experience_line.is_some_and(|line| d["data"]["experience_line"] != line) {
            continue;
        }
        let code = d["code"].as_str().unwrap();
        // missing-counterfactual asks for no part: fix-all leaves it to its own quick fix.
        if !code.starts_with("missing-")
            || code == "missing-self-assessment"
            || code == "missing-counterfactual"
        {
            continue;
        }
        let message = d["message"].as_str().unwrap();
        // Empty parts got their prompt too: nothing "is empty" any more.
        assert!(
            message.contains("still a prompt"),
            "a missing-* diagnostic survived the fix: {d}"
        );
    }
}

#[test]
fn preferred_quick_fix_for_each_missing_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    // (code, experience heading line, the notation the inserted text must use, the parts it
    // adds: a missing lesson brings its hindsight, the two are answered together)
    let cases: [(&str, u64, &str, &[&str]); 4] = [
        ("missing-result", BILLING, "### Result\n", &["Result"]),
        (
            "missing-lesson",
            BILLING,
            "### Lesson\n",
            &["Lesson", "In hindsight"],
        ),
        (
            "missing-hindsight",
            HIRING,
            "**In hindsight:** <!--",
            &["In hindsight"],
        ),
        ("missing-action", WAREHOUSE, "- Action: <!--", &["Action"]),
    ];
    for (n, (code, line, notation, added)) in cases.into_iter().enumerate() {
        let part = added[0];
        let (mut doc, diagnostics) =
            Doc::open(&mut client, dir.path(), &format!("case{n}.career.md"), DOC);
        let diagnostic = on_line(&diagnostics, code, line)
            .first()
            .copied()
            .unwrap_or_else(|| panic!("no {code} on line {line}: {diagnostics:#?}"))
            .clone();
        assert_eq!(
            diagnostic["data"]["version"], 1,
            "Diagnostic.data: {diagnostic}"
        );
        let actions = quick_fixes_for(&mut client, &doc, &diagnostic);
        let preferred: Vec<&Value> = actions
            .iter()
            .filter(|a| a["isPreferred"] == true && a["diagnostics"][0]["code"] == code)
            .collect();
        assert_eq!(preferred.len(), 1, "{code}: {actions:#?}");
        let fix = preferred[0].clone();
        assert_eq!(fix["kind"], "quickfix");
        assert!(fix["title"].as_str().unwrap().contains(part), "{fix}");
        assert_eq!(fix["diagnostics"][0]["range"], diagnostic["range"]);
        let inserted: String = edits_of(&fix["edit"], &doc.uri)
            .iter()
            .map(|e| e["newText"].as_str().unwrap().to_string())
            .collect();
        assert!(inserted.contains(notation), "{code}: {inserted:?}");
        assert!(
            inserted.contains("<!-- "),
            "the prompt is an HTML comment: {inserted:?}"
        );

        let before = outline(&mut client, &doc.uri);
        let after_diagnostics = apply(&mut client, &mut doc, &fix);
        for d in on_line(&after_diagnostics, code, line) {
            assert!(
                d["message"].as_str().unwrap().contains("still a prompt"),
                "{code} after its fix: {d}"
            );
        }
        let after = outline(&mut client, &doc.uri);
        assert_eq!(before.len(), after.len(), "{before:?} → {after:?}");
        for ((name_a, parts_a), (name_b, parts_b)) in before.iter().zip(&after) {
            assert_eq!(name_a, name_b);
            assert_canonical_and_unique(parts_b);
            if parts_a != parts_b {
                let mut expected = parts_a.clone();
                expected.extend(added.iter().map(|p| p.to_string()));
                expected.sort_by_key(|p| CANONICAL.iter().position(|c| c == p));
                assert_eq!(parts_b, &expected, "{name_b}");
            }
        }
        assert_ne!(before, after, "{code}: nothing was inserted");

        // The part now exists (empty): no second insertion is offered for it.
        let again = quick_fixes(&mut client, &doc, point(line, 4));
        assert!(
            !again.iter().any(|a| a["isPreferred"] == true
                && a["title"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("the {part} part"))),
            "{code}: an insertion offered again: {again:#?}"
        );
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn counterfactual_quick_fix_asks_how_the_result_would_have_changed() {
    let (_dir, mut client, mut doc, diagnostics) = started("cf.career.md");
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == "missing-counterfactual")
        .unwrap_or_else(|| panic!("no missing-counterfactual: {diagnostics:#?}"))
        .clone();
    // On the Warehouse's "In hindsight" item, a hint.
    assert_eq!(diagnostic["range"]["start"]["line"], WAREHOUSE + 5);
    assert_eq!(diagnostic["severity"], 4);
    let actions = quick_fixes_for(&mut client, &doc, &diagnostic);
    let fix = actions
        .iter()
        .find(|a| {
            a["isPreferred"] == true && a["diagnostics"][0]["code"] == "missing-counterfactual"
        })
        .unwrap_or_else(|| panic!("no preferred counterfactual fix: {actions:#?}"))
        .clone();
    assert!(
        fix["title"]
            .as_str()
            .unwrap()
            .starts_with("Ask how the result would have changed")
    );
    let after = apply(&mut client, &mut doc, &fix);
    assert!(
        doc.text.contains(
            "- In hindsight: I would have started with the night shift <!-- How would the result have been different? -->\n"
        ),
        "{}",
        doc.text
    );
    let still = support::with_code(&after, "missing-counterfactual");
    assert_eq!(still.len(), 1, "{after:#?}");
    assert!(
        still[0]["message"]
            .as_str()
            .unwrap()
            .contains("still a prompt")
    );
    let again = code_actions(
        &mut client,
        &doc,
        still[0]["range"].clone(),
        &[],
        Some(&["quickfix"]),
    );
    assert!(
        !again
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("Ask how")),
        "offered twice: {again:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn add_all_missing_parts_to_one_experience() {
    let (_dir, mut client, mut doc, _) = started("all.career.md");
    let actions = quick_fixes(&mut client, &doc, point(BILLING, 5));
    let all = titled(&actions, "Add all missing parts to \"Billing move\"").clone();
    assert_eq!(all["kind"], "quickfix");
    assert_ne!(all["isPreferred"], true);
    let diagnostics = apply(&mut client, &mut doc, &all);
    assert_only_prompts_left_in(&diagnostics, Some(BILLING));
    assert!(
        diagnostics
            .iter()
            .filter(|d| d["data"]["experience_line"] == BILLING)
            .count()
            >= 2,
        "{diagnostics:#?}"
    );
    let about = |code: &str, title: &str| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code && d["message"].as_str().unwrap().contains(title))
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    // The inserted result and lesson are prompts now; their diagnostics say so.
    for code in ["missing-result", "missing-lesson"] {
        let messages = about(code, "Billing move");
        assert_eq!(messages.len(), 1, "{code}: {diagnostics:#?}");
        assert!(messages[0].contains("still a prompt"), "{messages:?}");
    }
    let outline = outline(&mut client, &doc.uri);
    assert_eq!(outline[0].0, "Billing move");
    assert_eq!(outline[0].1, CANONICAL.to_vec());
    // The other experiences are untouched.
    assert_eq!(about("missing-hindsight", "Hiring loop").len(), 1);
    assert_eq!(about("missing-action", "Warehouse").len(), 1);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn fix_all_in_the_file_then_again_adds_nothing() {
    let (_dir, mut client, mut doc, _) = started("fixall.career.md");
    // Asked the way editors ask on save: only the `source.fixAll` family.
    let actions = code_actions(
        &mut client,
        &doc,
        point(0, 0),
        &[],
        Some(&["source.fixAll"]),
    );
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let fix_all = actions[0].clone();
    assert_eq!(fix_all["kind"], "source.fixAll.hindsight");
    let diagnostics = apply(&mut client, &mut doc, &fix_all);
    assert_only_prompts_left(&diagnostics);
    // The added Strengths / Growth areas sections hold prompts, like the parts.
    assert!(
        diagnostics
            .iter()
            .filter(|d| d["code"] == "missing-self-assessment")
            .all(|d| d["message"].as_str().unwrap().contains("still a prompt")),
        "{diagnostics:#?}"
    );
    for (name, parts) in outline(&mut client, &doc.uri) {
        assert_eq!(parts, CANONICAL.to_vec(), "{name}");
    }
    let once = doc.text.clone();

    let second = code_actions(
        &mut client,
        &doc,
        point(0, 0),
        &[],
        Some(&["source.fixAll.hindsight"]),
    );
    for action in &second {
        let edits = edits_of(&action["edit"], &doc.uri);
        assert!(
            edits.is_empty(),
            "the second fix-all still inserts: {edits:#?}"
        );
    }
    // Nor does any experience offer to add parts any more.
    for line in [BILLING, HIRING] {
        let quick = quick_fixes(&mut client, &doc, point(line, 4));
        assert!(
            !quick
                .iter()
                .any(|a| a["title"].as_str().unwrap().starts_with("Add")),
            "line {line}: {quick:#?}"
        );
    }
    assert_eq!(doc.text, once);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn self_assessment_section() {
    let (_dir, mut client, mut doc, diagnostics) = started("self.career.md");
    let diagnostic = on_line(&diagnostics, "missing-self-assessment", 0)[0].clone();
    let actions = quick_fixes_for(&mut client, &doc, &diagnostic);
    let fix = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "missing-self-assessment")
        .unwrap_or_else(|| panic!("{actions:#?}"))
        .clone();
    let after = apply(&mut client, &mut doc, &fix);
    let left = on_line(&after, "missing-self-assessment", 0);
    assert_eq!(left.len(), 1, "{after:#?}");
    assert!(
        left[0]["message"]
            .as_str()
            .unwrap()
            .contains("the Strengths section is still a prompt"),
        "{after:#?}"
    );
    // Offered once: the sections exist now.
    let again = code_actions(
        &mut client,
        &doc,
        left[0]["range"].clone(),
        std::slice::from_ref(left[0]),
        Some(&["quickfix"]),
    );
    assert!(
        !again
            .iter()
            .any(|a| a["diagnostics"][0]["code"] == "missing-self-assessment"),
        "{again:#?}"
    );
    assert!(doc.text.contains("## Strengths") && doc.text.contains("## Growth areas"));
    // The rest is unchanged (the self-assessment diagnostic is now "still a prompt").
    assert_eq!(after.len(), diagnostics.len());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn ignore_a_rule_for_one_experience() {
    let (_dir, mut client, mut doc, diagnostics) = started("ignore.career.md");
    let diagnostic = on_line(&diagnostics, "missing-result", BILLING)[0].clone();
    let actions = quick_fixes_for(&mut client, &doc, &diagnostic);
    let ignore = titled(&actions, "Ignore missing-result").clone();
    let after = apply(&mut client, &mut doc, &ignore);
    assert!(
        doc.text
            .contains("<!-- hindsight-disable missing-result -->")
    );
    let heading = doc
        .text
        .lines()
        .position(|l| l == "## Billing move")
        .unwrap() as u64;
    assert!(
        on_line(&after, "missing-result", heading).is_empty(),
        "{after:#?}"
    );
    assert_eq!(
        on_line(&after, "missing-lesson", heading).len(),
        1,
        "only that rule"
    );
    assert_eq!(after.len(), diagnostics.len() - 1);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn not_an_experience() {
    let (_dir, mut client, mut doc, _) = started("notexp.career.md");
    let actions = quick_fixes(&mut client, &doc, point(WAREHOUSE, 4));
    let action = titled(&actions, "\"Warehouse\" is not an experience").clone();
    let after = apply(&mut client, &mut doc, &action);
    assert!(doc.text.contains("<!-- hindsight: not-experience -->"));
    let names: Vec<String> = outline(&mut client, &doc.uri)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Billing move", "Hiring loop"]);
    assert!(
        !after
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("Warehouse")),
        "{after:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn new_experience_on_an_empty_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let text = format!("{DOC}\n");
    let (mut doc, _) = Doc::open(&mut client, dir.path(), "new.career.md", &text);
    let last = text.lines().count() as u64; // the empty line at the end
    let actions = code_actions(&mut client, &doc, point(last, 0), &[], None);
    let action = titled(&actions, "Insert a new experience").clone();
    assert!(
        action["kind"].as_str().unwrap().starts_with("refactor"),
        "{action}"
    );
    let before = outline(&mut client, &doc.uri);
    let after = apply(&mut client, &mut doc, &action);
    let outline = outline(&mut client, &doc.uri);
    assert_eq!(
        outline[..before.len()],
        before[..],
        "the others are untouched"
    );
    let (name, parts) = outline.last().unwrap();
    assert_eq!(name, "New experience");
    assert_eq!(parts, &CANONICAL.to_vec());
    let symbols = symbols(&mut client, &doc.uri);
    assert_eq!(
        symbols.as_array().unwrap().last().unwrap()["detail"],
        "0/5 parts"
    );
    let new_line = doc
        .text
        .lines()
        .position(|l| l == "## New experience")
        .unwrap() as u64;
    let on_new: Vec<&Value> = after
        .iter()
        .filter(|d| d["range"]["start"]["line"].as_u64().unwrap() > new_line)
        .collect();
    assert!(!on_new.is_empty());
    for d in on_new {
        assert!(
            d["message"].as_str().unwrap().contains("still a prompt"),
            "{d}"
        );
    }
    // Not offered on a line with text.
    let on_text = code_actions(&mut client, &doc, point(6, 3), &[], None);
    assert!(
        !on_text.iter().any(|a| a["title"]
            .as_str()
            .unwrap()
            .starts_with("Insert a new experience")),
        "{on_text:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): "Insert a new experience from the template" is offered on every empty line, also one
// inside an experience (here: the blank line under `## Hiring loop`), and inserts the template
// right there: the experience's own parts then fall under "New experience", which ends up
// with two Context, Action, Result and Lesson parts, while "Hiring loop" is left with none.
// Expected: the template goes after the end of the experience the line is in (or the action
// is not offered inside one), so no part moves and none is duplicated (SPEC §4).
#[test]
fn new_experience_inside_an_experience_keeps_it_whole() {
    let (_dir, mut client, mut doc, _) = started("inside.career.md");
    let blank_under_heading = HIRING + 1;
    let actions = code_actions(&mut client, &doc, point(blank_under_heading, 0), &[], None);
    let Some(action) = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Insert a new experience")
        })
        .cloned()
    else {
        return; // not offered inside an experience: fine
    };
    let before = outline(&mut client, &doc.uri);
    apply(&mut client, &mut doc, &action);
    let after = outline(&mut client, &doc.uri);
    for (name, parts) in &after {
        assert_canonical_and_unique(parts);
        if let Some((_, old)) = before.iter().find(|(n, _)| n == name) {
            assert_eq!(parts, old, "{name} changed: {before:?} → {after:?}");
        }
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn edits_are_plain_changes_for_clients_without_document_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready_with(
        json!({"workspace": {"workspaceEdit": {"documentChanges": false}}}),
        Some(dir.path()),
    );
    let (doc, _) = Doc::open(&mut client, dir.path(), "plain.career.md", DOC);
    let actions = code_actions(&mut client, &doc, point(BILLING, 4), &[], None);
    assert!(actions.len() >= 4, "{actions:#?}");
    for action in &actions {
        let edit = &action["edit"];
        assert!(
            edit.get("documentChanges").is_none_or(Value::is_null),
            "{action}"
        );
        let applied = apply_workspace_edit(&doc.text, edit, &doc.uri, Enc::Utf16);
        assert!(!applied.versioned);
        assert_ne!(applied.text, doc.text);
    }
    assert!(client.shutdown_and_exit().success());
}

// ----- the whole corpus -------------------------------------------------------------------

/// The same experiences in the same order, and no kind with a second label: a fix adds a
/// part only where there was none.
fn assert_same_experiences_no_second_label(
    what: &str,
    before: &[(String, Vec<String>)],
    after: &[(String, Vec<String>)],
) {
    assert_eq!(
        before.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        after.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "{what}: the experiences changed"
    );
    for ((exp, old), (_, new)) in before.iter().zip(after) {
        for kind in CANONICAL {
            let a = old.iter().filter(|p| *p == kind).count();
            let b = new.iter().filter(|p| *p == kind).count();
            assert!(
                b == a || (a == 0 && b == 1),
                "{what}: {exp}: {kind} parts {a} → {b}"
            );
        }
    }
}

/// The corpus files, sorted, as (name, text).
fn corpus_files() -> Vec<(String, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
        .filter(|n| n.ends_with(".career.md"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(corpus.join(&n)).unwrap();
            (n, text)
        })
        .collect()
}

/// Diagnostics of `code` that ask for more than answering a prompt.
fn unanswered(diagnostics: &[Value], code: &str) -> usize {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .filter(|d| !d["message"].as_str().unwrap().contains("still a prompt"))
        .count()
}

/// The acceptance case of SPEC §4: every `missing-result` and `missing-lesson` diagnostic of
/// the corpus — absent parts and empty ones alike — has a preferred quick fix linked to it;
/// applying it keeps the experiences, adds no second label of a kind, and leaves at most a
/// "still a prompt" diagnostic for what it answered.
#[test]
fn every_missing_result_and_lesson_on_the_corpus_has_a_working_quick_fix() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let mut checked = 0;
    let mut on_empty_parts = 0;
    for (name, text) in corpus_files() {
        let (_, diagnostics) = Doc::open(&mut client, dir.path(), &name, &text);
        let targets: Vec<Value> = diagnostics
            .iter()
            .filter(|d| d["code"] == "missing-result" || d["code"] == "missing-lesson")
            .filter(|d| !d["message"].as_str().unwrap().contains("still a prompt"))
            .cloned()
            .collect();
        for (n, diagnostic) in targets.iter().enumerate() {
            let code = diagnostic["code"].as_str().unwrap();
            let copy = name.replace(".career.md", &format!("-fix{n}.career.md"));
            let (mut doc, before_diagnostics) = Doc::open(&mut client, dir.path(), &copy, &text);
            let actions = code_actions(
                &mut client,
                &doc,
                diagnostic["range"].clone(),
                std::slice::from_ref(diagnostic),
                Some(&["quickfix"]),
            );
            let fix = actions
                .iter()
                .find(|a| {
                    a["isPreferred"] == true
                        && a["diagnostics"][0]["code"] == code
                        && a["diagnostics"][0]["range"] == diagnostic["range"]
                })
                .unwrap_or_else(|| panic!("{name}: no preferred fix for {diagnostic}"))
                .clone();
            if diagnostic["message"].as_str().unwrap().contains("is empty") {
                on_empty_parts += 1;
            }
            let before = outline(&mut client, &doc.uri);
            let after_diagnostics = apply(&mut client, &mut doc, &fix);
            let after = outline(&mut client, &doc.uri);
            assert_same_experiences_no_second_label(&format!("{name}: {code}"), &before, &after);
            assert_eq!(
                unanswered(&after_diagnostics, code),
                unanswered(&before_diagnostics, code) - 1,
                "{name}: {code} is still unanswered after its fix:\n{}",
                doc.text
            );
            client.close(&doc.uri);
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} diagnostics checked");
    assert!(on_empty_parts >= 3, "only {on_empty_parts} empty parts");
    assert!(client.shutdown_and_exit().success());
}

fn fix_all_corpus(client: &mut Client, dir: &Path, only: Option<&str>) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
        .filter(|n| n.ends_with(".career.md"))
        .filter(|n| only.is_none_or(|o| n.starts_with(o)))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let text = std::fs::read_to_string(corpus.join(&name)).unwrap();
        let (mut doc, original) = Doc::open(client, dir, &name, &text);
        let before = outline(client, &doc.uri);
        let actions = code_actions(
            client,
            &doc,
            point(0, 0),
            &[],
            Some(&["source.fixAll.hindsight"]),
        );
        let Some(fix_all) = actions.first().cloned() else {
            for d in &original {
                let message = d["message"].as_str().unwrap();
                assert!(
                    !d["code"].as_str().unwrap().starts_with("missing-")
                        || message.contains("still a prompt"),
                    "{name}: no fix-all although a part is absent or empty: {d}"
                );
            }
            continue;
        };
        let after = apply(client, &mut doc, &fix_all);
        assert_only_prompts_left(&after);
        if !text.replace("\r\n", "").contains('\n') {
            assert!(
                !doc.text.replace("\r\n", "").contains('\n'),
                "{name}: a bare LF inserted into a CRLF file"
            );
        }
        let outline_after = outline(client, &doc.uri);
        assert_same_experiences_no_second_label(&name, &before, &outline_after);
        let again = code_actions(
            client,
            &doc,
            point(0, 0),
            &[],
            Some(&["source.fixAll.hindsight"]),
        );
        for action in &again {
            assert!(
                edits_of(&action["edit"], &doc.uri).is_empty(),
                "{name}: the second fix-all still inserts"
            );
        }
        client.close(&doc.uri);
    }
}

#[test]
fn fix_all_on_every_corpus_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    fix_all_corpus(&mut client, dir.path(), None);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn fix_all_under_utf8_on_the_unicode_and_crlf_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready_with(
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        Some(dir.path()),
    );
    assert_eq!(client.encoding, Enc::Utf8);
    fix_all_corpus(&mut client, dir.path(), Some("07-"));
    fix_all_corpus(&mut client, dir.path(), Some("03-"));
    assert!(client.shutdown_and_exit().success());
}

// ----- versions -------------------------------------------------------------------------

#[test]
fn a_stale_edit_names_its_old_version() {
    let (_dir, mut client, mut doc, _) = started("stale.career.md");
    client.change_full(&doc.uri, 2, DOC);
    doc.version = 2;
    client.diagnostics(&doc.uri, 2);
    let actions = quick_fixes(&mut client, &doc, point(BILLING, 4));
    let fix = titled(&actions, "Add the Result part").clone();

    // The writer types a line above before the fix is applied: version 3.
    let typed = "I was the tech lead.\n";
    client.change(
        &doc.uri,
        3,
        vec![json!({"range": point(1, 0), "text": typed})],
    );
    let after_typing = client.diagnostics(&doc.uri, 3);
    let new_text = format!("# Career\n{typed}{}", &DOC["# Career\n".len()..]);

    // The edit still names version 2, so a client holding version 3 refuses it…
    let applied = apply_workspace_edit(DOC, &fix["edit"], &doc.uri, Enc::Utf16);
    assert_eq!(applied.version, Some(2), "{fix}");
    assert!(
        applied
            .text
            .contains("I moved it to the new ledger.\n\n### Result")
    );
    // …which matters: applied blindly to version 3, it would split the Action part's text.
    let blind = apply_workspace_edit(&new_text, &fix["edit"], &doc.uri, Enc::Utf16).text;
    assert!(
        blind.contains("### Result\n\n<!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. -->\nI moved it"),
        "{blind}"
    );

    // Asked again, the server computes the edit for version 3, at the right place.
    doc.version = 3;
    doc.text = new_text;
    let fresh = quick_fixes(&mut client, &doc, point(BILLING + 1, 4));
    let fix = titled(&fresh, "Add the Result part").clone();
    let after = apply(&mut client, &mut doc, &fix);
    assert!(after.len() >= after_typing.len() - 1);
    let result_line = doc.text.lines().position(|l| l == "### Result").unwrap();
    let action_line = doc.text.lines().position(|l| l == "### Action").unwrap();
    let hiring_line = doc
        .text
        .lines()
        .position(|l| l == "## Hiring loop")
        .unwrap();
    assert!(action_line < result_line && result_line < hiring_line);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_change_that_is_not_newer_is_ignored() {
    let (_dir, mut client, mut doc, _) = started("order.career.md");
    // Version 2: a real edit, the title of the first experience.
    client.change(
        &doc.uri,
        2,
        vec![json!({"range": {"start": {"line": BILLING, "character": 3}, "end": {"line": BILLING, "character": 15}}, "text": "Ledger move"})],
    );
    doc.text = DOC.replace("## Billing move", "## Ledger move");
    doc.version = 2;
    let diagnostics = client.diagnostics(&doc.uri, 2);
    // A replayed version 2 and an older version 1: both must be ignored.
    client.change(
        &doc.uri,
        2,
        vec![json!({"range": point(0, 0), "text": "## Intruder\n\nResult: 5\n\n"})],
    );
    client.change(&doc.uri, 1, vec![json!({"text": "# Gone\n"})]);
    // Version 3: an edit that only makes sense on the client's text.
    client.change(
        &doc.uri,
        3,
        vec![json!({"range": {"start": {"line": BILLING, "character": 3}, "end": {"line": BILLING, "character": 9}}, "text": "Payments"})],
    );
    doc.text = DOC.replace("## Billing move", "## Payments move");
    doc.version = 3;
    let after = client.diagnostics(&doc.uri, 3);
    assert_eq!(after.len(), diagnostics.len(), "{after:#?}");
    assert_server_has(&mut client, &doc, &after);
    let names: Vec<String> = outline(&mut client, &doc.uri)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Payments move", "Hiring loop", "Warehouse"]);
    // Nothing was published for the refused versions: one publish per accepted version.
    client.sync();
    let versions: Vec<i64> = client
        .logged("textDocument/publishDiagnostics")
        .iter()
        .filter(|m| m["params"]["uri"] == doc.uri.as_str())
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2, 3], "publishes for {}", doc.uri);
    client.wait_stderr("a note about the ignored change", |e| {
        e.contains("ignored change")
    });
    assert!(client.shutdown_and_exit().success());
}

/// A story kept as a table row, through the editor: its missing lesson's quick fix writes the
/// prompt into the row's empty cell and the table keeps its lines; marking it as no experience
/// writes the comment into the row.
#[test]
fn table_row_quick_fixes_stay_in_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let text = "# Incident log\n\n| Date | What happened | What I did | Outcome | Learned |\n|---|---|---|---|---|\n| 12/03 | Truck clipped an upright | Stopped picking and taped off the aisle | Upright replaced by 10am, nobody hurt | |\n| 06/01 | Fire alarm at 2am | Ran the roll call as fire marshal | All out in four minutes | |\n";
    let (mut doc, diagnostics) = Doc::open(&mut client, dir.path(), "log.career.md", text);
    let diagnostic = on_line(&diagnostics, "missing-lesson", 4)
        .first()
        .copied()
        .unwrap_or_else(|| panic!("no missing-lesson on the row: {diagnostics:#?}"))
        .clone();
    let actions = quick_fixes_for(&mut client, &doc, &diagnostic);
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no preferred fix: {actions:#?}"))
        .clone();
    let after = apply(&mut client, &mut doc, &fix);
    assert_eq!(
        doc.text.lines().count(),
        text.lines().count(),
        "{}",
        doc.text
    );
    assert!(
        doc.text.contains("nobody hurt | <!-- What did you learn?"),
        "{}",
        doc.text
    );
    assert!(
        on_line(&after, "missing-lesson", 5).len() == 1,
        "{after:#?}"
    );
    let actions = quick_fixes(&mut client, &doc, point(5, 12));
    let action = titled(&actions, "\"Fire alarm at 2am\" is not an experience").clone();
    apply(&mut client, &mut doc, &action);
    assert!(
        doc.text
            .contains("| Fire alarm at 2am <!-- hindsight: not-experience --> |"),
        "{}",
        doc.text
    );
    let names: Vec<String> = outline(&mut client, &doc.uri)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Truck clipped an upright"]);
    assert!(client.shutdown_and_exit().success());
}
