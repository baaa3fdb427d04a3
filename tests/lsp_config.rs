//! Configuration over stdio: initialization options, `workspace/configuration`,
//! `didChangeConfiguration` (diagnostics recomputed, inlay hints refreshed), and
//! `.hindsight.toml` created, changed, broken and deleted while the server runs.

mod support;

use std::path::Path;

use serde_json::{Value, json};
use support::{Client, TIMEOUT, codes, editor_capabilities, file_uri, merge};

const DOC: &str = support::fixtures::EVERY_RULE;

fn has(diagnostics: &[Value], code: &str) -> bool {
    diagnostics.iter().any(|d| d["code"] == code)
}

fn severity_of(diagnostics: &[Value], code: &str) -> Vec<u64> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["severity"].as_u64().unwrap())
        .collect()
}

/// Waits for a publish for `uri` at `version` whose diagnostics satisfy `predicate` (a
/// configuration change republishes the same version).
fn wait_diagnostics(
    client: &mut Client,
    uri: &str,
    version: i64,
    what: &str,
    predicate: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let found = client.wait_for(what, TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == version
            && predicate(m["params"]["diagnostics"].as_array().unwrap())
    });
    found["params"]["diagnostics"].as_array().unwrap().clone()
}

fn open(client: &mut Client, dir: &Path) -> (String, Vec<Value>) {
    let uri = file_uri(&dir.join("notes.career.md"));
    client.open(&uri, DOC, 1);
    let diagnostics = client.diagnostics(&uri, 1);
    (uri, diagnostics)
}

#[test]
fn defaults_report_every_missing_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let (_, diagnostics) = open(&mut client, dir.path());
    assert_eq!(
        codes(&diagnostics),
        [
            "missing-action",
            "missing-counterfactual",
            "missing-hindsight",
            "missing-lesson",
            "missing-result",
            "missing-result",
            "missing-self-assessment",
            "no-failure-story",
        ],
        "{diagnostics:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn initialization_options_turn_a_rule_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start();
    client.initialize(
        editor_capabilities(),
        json!({"rules": {"missing-hindsight": "off", "missing-action": "error"}}),
        Some(dir.path()),
    );
    let (_, diagnostics) = open(&mut client, dir.path());
    assert!(!has(&diagnostics, "missing-hindsight"), "{diagnostics:#?}");
    assert_eq!(severity_of(&diagnostics, "missing-action"), [1]);
    assert!(has(&diagnostics, "missing-result"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn bad_initialization_options_are_reported_and_the_rest_applies() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start();
    client.initialize(
        editor_capabilities(),
        json!({"rules": {"missing-hindsight": "off", "no-such-rule": "off"}}),
        Some(dir.path()),
    );
    let message = client.wait_for("a showMessage about the bad rule", TIMEOUT, |m| {
        m["method"] == "window/showMessage"
    });
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule"),
        "{message}"
    );
    let (_, diagnostics) = open(&mut client, dir.path());
    assert!(!has(&diagnostics, "missing-hindsight"), "{diagnostics:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn settings_pulled_with_workspace_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let mut caps = editor_capabilities();
    merge(&mut caps, json!({"workspace": {"configuration": true}}));
    let mut client = Client::start();
    client.answer("workspace/configuration", |params| {
        let items = params["items"].as_array().unwrap();
        items
            .iter()
            .map(|item| {
                if item["section"] == "hindsight" {
                    json!({"rules": {"missing-result": "off"}})
                } else {
                    Value::Null
                }
            })
            .collect()
    });
    client.initialize(caps, Value::Null, Some(dir.path()));
    let request = client.wait_server_request("workspace/configuration");
    assert_eq!(
        request["params"]["items"][0]["section"], "hindsight",
        "{request}"
    );
    let uri = file_uri(&dir.path().join("notes.career.md"));
    client.open(&uri, DOC, 1);
    // Whether the answer was read before or after the open, a publish without the rule follows.
    let diagnostics = wait_diagnostics(&mut client, &uri, 1, "missing-result off", |d| {
        !has(d, "missing-result")
    });
    assert!(has(&diagnostics, "missing-lesson"), "{diagnostics:#?}");

    // didChangeConfiguration: the server asks again (its params may be empty) and recomputes.
    client.answer(
        "workspace/configuration",
        |_| json!([{"rules": {"missing-lesson": "off"}}]),
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    client.wait_server_request("workspace/configuration");
    let diagnostics = wait_diagnostics(&mut client, &uri, 1, "the new answer applied", |d| {
        !has(d, "missing-lesson") && has(d, "missing-result")
    });
    assert!(has(&diagnostics, "missing-action"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn did_change_configuration_recomputes_and_refreshes_inlay_hints() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready_with(
        json!({"workspace": {"inlayHint": {"refreshSupport": true}}}),
        Some(dir.path()),
    );
    let (uri, before) = open(&mut client, dir.path());
    assert!(has(&before, "missing-lesson"));
    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}}}),
    );
    assert_eq!(hints.as_array().unwrap().len(), 3);

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"hindsight": {"rules": {"missing-lesson": "off"}, "inlay_hints": false}}}),
    );
    let after = wait_diagnostics(&mut client, &uri, 1, "missing-lesson off", |d| {
        !has(d, "missing-lesson")
    });
    assert_eq!(after.len(), before.len() - 1, "{after:#?}");
    client.wait_server_request("workspace/inlayHint/refresh");
    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}}}),
    );
    assert!(hints.is_null() || hints == json!([]), "{hints}");

    // Settings without the `hindsight` wrapper are understood too.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"rules": {"missing-result": "hint"}}}),
    );
    let after = wait_diagnostics(&mut client, &uri, 1, "missing-result as a hint", |d| {
        severity_of(d, "missing-result") == [4, 4]
    });
    assert!(
        has(&after, "missing-lesson"),
        "the new settings replace the old"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn no_inlay_hint_refresh_for_clients_that_cannot_take_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let (uri, _) = open(&mut client, dir.path());
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"hindsight": {"rules": {"missing-lesson": "off"}}}}),
    );
    wait_diagnostics(&mut client, &uri, 1, "missing-lesson off", |d| {
        !has(d, "missing-lesson")
    });
    client.sync();
    assert!(
        !client
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/inlayHint/refresh"),
        "{:?}",
        client.server_requests
    );
    assert!(client.shutdown_and_exit().success());
}

fn watched(client: &mut Client, path: &Path, kind: u8) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(path), "type": kind}]}),
    );
}

#[test]
fn hindsight_toml_created_changed_and_deleted_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join(".hindsight.toml");
    let mut client = Client::ready(Some(dir.path()));
    let (uri, before) = open(&mut client, dir.path());
    assert!(has(&before, "missing-action") && has(&before, "missing-result"));

    // Created: a rule off, a label added, a prompt replaced.
    std::fs::write(
        &toml,
        "[rules]\nmissing-action = \"off\"\n\n[labels]\nresult = [\"Wins\"]\n\n[prompts]\nresult = \"How much, how many, how fast?\"\n",
    )
    .unwrap();
    watched(&mut client, &toml, 1);
    let after = wait_diagnostics(&mut client, &uri, 1, "the new .hindsight.toml", |d| {
        !has(d, "missing-action")
    });
    // "Wins" now labels Warehouse's result; Billing move still lacks one.
    let results = support::with_code(&after, "missing-result");
    assert_eq!(results.len(), 1, "{after:#?}");
    assert!(
        results[0]["message"]
            .as_str()
            .unwrap()
            .contains("Billing move")
    );
    // The configured prompt is what a quick fix inserts.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": results[0]["range"], "context": {"diagnostics": [results[0]]}}),
    );
    let inserted = actions.to_string();
    assert!(
        inserted.contains("<!-- How much, how many, how fast? -->"),
        "{inserted}"
    );

    // Changed: the rule back on, as an error.
    std::fs::write(&toml, "[rules]\nmissing-action = \"error\"\n").unwrap();
    watched(&mut client, &toml, 2);
    let after = wait_diagnostics(&mut client, &uri, 1, "missing-action as an error", |d| {
        severity_of(d, "missing-action") == [1]
    });
    assert_eq!(
        after
            .iter()
            .filter(|d| d["code"] == "missing-result")
            .count(),
        2,
        "the label is gone again"
    );

    // Deleted: the defaults.
    std::fs::remove_file(&toml).unwrap();
    watched(&mut client, &toml, 3);
    let after = wait_diagnostics(&mut client, &uri, 1, "the defaults", |d| {
        severity_of(d, "missing-action") == [3]
    });
    assert_eq!(codes(&after), codes(&before));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn settings_override_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".hindsight.toml"),
        "[rules]\nmissing-action = \"off\"\nmissing-hindsight = \"off\"\n",
    )
    .unwrap();
    let mut client = Client::start();
    client.initialize(
        editor_capabilities(),
        json!({"rules": {"missing-action": "warning"}}),
        Some(dir.path()),
    );
    let (_, diagnostics) = open(&mut client, dir.path());
    assert_eq!(
        severity_of(&diagnostics, "missing-action"),
        [2],
        "{diagnostics:#?}"
    );
    assert!(
        !has(&diagnostics, "missing-hindsight"),
        "the file still applies"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_broken_hindsight_toml_is_reported_and_defaults_used() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join(".hindsight.toml");
    std::fs::write(&toml, "[rules]\nmissing-action = \"off\"\n").unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let (uri, before) = open(&mut client, dir.path());
    assert!(!has(&before, "missing-action"));

    std::fs::write(&toml, "rules = [\nthis is not toml\n").unwrap();
    watched(&mut client, &toml, 2);
    let after = wait_diagnostics(&mut client, &uri, 1, "the defaults", |d| {
        has(d, "missing-action")
    });
    assert!(has(&after, "missing-hindsight"));
    let message = client.wait_for("a showMessage about the file", TIMEOUT, |m| {
        m["method"] == "window/showMessage"
    });
    assert_eq!(message["params"]["type"], 1, "an error: {message}");
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("TOML"),
        "{message}"
    );
    let config_uri = file_uri(&toml);
    let on_file = client.wait_for("diagnostics on the config file", TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
            && m["params"]["diagnostics"] != json!([])
    })["params"]
        .clone();
    let problems = on_file["diagnostics"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{on_file}");
    assert_eq!(problems[0]["severity"], 1);
    assert!(problems[0]["range"]["start"]["line"].as_u64().unwrap() <= 1);

    // Still serving: a change is analysed with the defaults.
    client.change_full(&uri, 2, DOC);
    assert!(has(&client.diagnostics(&uri, 2), "missing-action"));

    // Fixed: the file applies again and its diagnostics are cleared.
    std::fs::write(&toml, "[rules]\nmissing-action = \"off\"\n").unwrap();
    watched(&mut client, &toml, 2);
    wait_diagnostics(&mut client, &uri, 2, "the fixed file", |d| {
        !has(d, "missing-action")
    });
    let cleared = client.wait_for("the config file's diagnostics cleared", TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(
        cleared["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_broken_hindsight_toml_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join(".hindsight.toml");
    std::fs::write(&toml, "experience_level = \"x\" = 3\n").unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let (_, diagnostics) = open(&mut client, dir.path());
    assert!(
        has(&diagnostics, "missing-action"),
        "defaults: {diagnostics:#?}"
    );
    let on_file = client.wait_publish(&file_uri(&toml), None);
    assert!(!on_file["diagnostics"].as_array().unwrap().is_empty());
    client.wait_for("a showMessage", TIMEOUT, |m| {
        m["method"] == "window/showMessage"
    });
    // Exactly one message for one broken file, however many documents use it.
    let second = file_uri(&dir.path().join("second.career.md"));
    client.open(&second, DOC, 1);
    client.diagnostics(&second, 1);
    client.sync();
    assert_eq!(client.logged("window/showMessage").len(), 1);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn include_globs_make_plain_markdown_career_notes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".hindsight.toml"),
        "include = [\"journal/**/*.md\"]\nexclude = [\"journal/drafts/**\"]\n",
    )
    .unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let included = file_uri(&dir.path().join("journal/2024/q1.md"));
    let excluded = file_uri(&dir.path().join("journal/drafts/x.md"));
    let elsewhere = file_uri(&dir.path().join("docs/readme.md"));
    client.open(&included, DOC, 1);
    client.open(&excluded, DOC, 1);
    client.open(&elsewhere, DOC, 1);
    assert!(has(&client.diagnostics(&included, 1), "missing-result"));
    assert_eq!(client.diagnostics(&excluded, 1), Vec::<Value>::new());
    assert_eq!(client.diagnostics(&elsewhere, 1), Vec::<Value>::new());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn saving_the_config_file_in_the_editor_reloads_it() {
    // A client without file watching: the save of `.hindsight.toml` is the signal.
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join(".hindsight.toml");
    let mut client = Client::ready(Some(dir.path()));
    let (uri, before) = open(&mut client, dir.path());
    assert!(has(&before, "missing-lesson"));
    std::fs::write(&toml, "[rules]\nmissing-lesson = \"off\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&toml)}}),
    );
    wait_diagnostics(&mut client, &uri, 1, "missing-lesson off", |d| {
        !has(d, "missing-lesson")
    });
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn file_watchers_are_registered_when_the_client_can_take_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::ready_with(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Some(dir.path()),
    );
    let request = client.wait_server_request("client/registerCapability");
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(globs.contains(&"**/.hindsight.toml"), "{globs:?}");
    assert!(globs.iter().any(|g| g.ends_with(".md")), "{globs:?}");
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): a broken `.hindsight.toml` first read by the startup workspace scan was
// never reported: the scan kept its problems and a document opened later found it already read.
#[test]
fn a_broken_hindsight_toml_read_by_the_workspace_scan_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join(".hindsight.toml");
    std::fs::write(&toml, "rules = [\nthis is not toml\n").unwrap();
    std::fs::write(dir.path().join("notes.career.md"), DOC).unwrap();
    let mut client = Client::ready(Some(dir.path()));
    client.wait_stderr("the end of the workspace scan", |s| {
        s.contains("workspace indexed")
    });
    let config_uri = file_uri(&toml);
    let on_file = client.wait_publish(&config_uri, None);
    assert!(!on_file["diagnostics"].as_array().unwrap().is_empty());
    let message = client.wait_for("a showMessage about the file", TIMEOUT, |m| {
        m["method"] == "window/showMessage"
    });
    assert_eq!(message["params"]["type"], 1, "an error: {message}");
    // Opening a document that uses it reports nothing twice.
    let (_, diagnostics) = open(&mut client, dir.path());
    assert!(has(&diagnostics, "missing-action"), "defaults");
    client.sync();
    assert_eq!(client.logged("window/showMessage").len(), 1);
    assert!(client.shutdown_and_exit().success());
}
