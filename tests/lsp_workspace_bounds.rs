//! Workspace scanning stays bounded and safe: a symlink loop, a symlink to `/`, a symlink to a
//! folder outside the workspace, a FIFO named
//! like a note, a 20 MB note and a note that is not UTF-8 neither hang the scan nor get indexed,
//! and each skipped text file is logged once.

mod support;

use std::path::Path;

use serde_json::json;
use support::Client;

fn write(root: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(root.join(name), bytes).unwrap();
}

#[test]
fn scan_survives_loops_devices_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "marker.career.md",
        b"## Marker story\n\nAction: I shipped.\nResult: 3 customers.\n",
    );
    write(
        root,
        "latin1.career.md",
        b"## Caf\xe9 story\n\nAction: I did.\nResult: 2 wins.\n",
    );
    let mut big = b"## Huge story\n\nAction: I wrote.\nResult: 1 tome.\n\n".to_vec();
    while big.len() <= 20 * 1024 * 1024 {
        big.extend_from_slice(b"Lots of words in a very long note, line after line after line.\n");
    }
    write(root, "huge.career.md", &big);
    std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
    std::os::unix::fs::symlink("/", root.join("slash")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "elsewhere.career.md",
        b"## Outside story\n\nAction: I left.\nResult: 1 thing.\n",
    );
    std::os::unix::fs::symlink(outside.path(), root.join("elsewhere")).unwrap();
    let fifo = root.join("pipe.career.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");

    let mut client = Client::ready(Some(root));
    let log = client.wait_stderr("the end of the workspace scan", |s| {
        s.split("workspace indexed")
            .nth(1)
            .is_some_and(|rest| rest.contains('\n'))
    });

    let symbols = client.request("workspace/symbol", json!({"query": ""}));
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Marker story"],
        "only the readable, small, UTF-8 note: {symbols}"
    );
    assert_eq!(
        log.matches("not UTF-8").count(),
        1,
        "one line for the latin-1 note:\n{log}"
    );
    assert!(
        log.contains("workspace indexed: 1 career-notes files"),
        "{log}"
    );
    // Still serving after the scan.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.career.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null());
    assert!(client.shutdown_and_exit().success());
}

fn symbol_names(client: &mut Client) -> Vec<String> {
    let symbols = client.request("workspace/symbol", json!({"query": ""}));
    symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str().map(String::from))
        .collect()
}

fn watched(client: &mut Client, paths: &[&Path]) {
    let changes: Vec<_> = paths
        .iter()
        .map(|p| json!({"uri": support::file_uri(p), "type": 1}))
        .collect();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": changes}),
    );
}

// Regression (fixed): a watched-file event for a file outside the workspace folders had it read
// and indexed, and its headings came back from `workspace/symbol`.
#[test]
fn watched_files_outside_the_workspace_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    let stray = outside.path().join("stray.career.md");
    std::fs::write(
        &stray,
        "## Outside story\n\nAction: I left.\nResult: 1 thing.\n",
    )
    .unwrap();
    // A link inside the workspace to the file outside.
    std::os::unix::fs::symlink(&stray, root.join("link.career.md")).unwrap();

    let mut client = Client::ready(Some(root));
    client.wait_stderr("the end of the workspace scan", |s| {
        s.contains("workspace indexed")
    });
    // Created after the scan; the event lists it last, so once it is indexed the others
    // were handled.
    let inside = root.join("inside.career.md");
    std::fs::write(
        &inside,
        "## Inside story\n\nAction: I stayed.\nResult: 2 wins.\n",
    )
    .unwrap();
    watched(
        &mut client,
        &[
            &stray,
            &root.join("link.career.md"),
            Path::new("/etc/passwd"),
            &inside,
        ],
    );
    let deadline = std::time::Instant::now() + support::TIMEOUT;
    let names = loop {
        let names = symbol_names(&mut client);
        if names.iter().any(|n| n == "Inside story") {
            break names;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never indexed: {names:?}"
        );
    };
    assert_eq!(names, ["Inside story"], "{}", client.stderr());
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): a `.hindsight.toml` that is a symlink to a file outside the workspace was
// followed and applied.
#[test]
fn a_symlinked_config_pointing_outside_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("shared.toml");
    std::fs::write(&target, "[rules]\nmissing-result = \"off\"\n").unwrap();
    std::os::unix::fs::symlink(&target, root.join(".hindsight.toml")).unwrap();
    let mut client = Client::ready(Some(root));
    let uri = support::file_uri(&root.join("notes.career.md"));
    client.open(
        &uri,
        "## Billing move\n\n### Context\n\nLost invoices.\n\n### Action\n\nI moved it.\n",
        1,
    );
    let codes = support::codes(&client.diagnostics(&uri, 1));
    assert!(
        codes.iter().any(|c| c == "missing-result"),
        "the outside file applied: {codes:?}"
    );
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): for a document outside every workspace folder the config lookup walked up
// to `/`; it stops at the nearest folder holding `.git` (or the home folder).
#[test]
fn config_lookup_for_a_document_outside_stops_at_its_repository() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join(".hindsight.toml"),
        "[rules]\nmissing-result = \"off\"\n",
    )
    .unwrap();
    let repo = outside.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("notes")).unwrap();
    let mut client = Client::ready(Some(dir.path()));
    let uri = support::file_uri(&repo.join("notes").join("a.career.md"));
    let text = "## Billing move\n\n### Context\n\nLost invoices.\n\n### Action\n\nI moved it.\n";
    client.open(&uri, text, 1);
    let codes = support::codes(&client.diagnostics(&uri, 1));
    assert!(
        codes.iter().any(|c| c == "missing-result"),
        "a config above the repository applied: {codes:?}"
    );
    // Inside the repository a config still applies.
    std::fs::write(
        repo.join(".hindsight.toml"),
        "[rules]\nmissing-result = \"off\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(repo.join("other")).unwrap();
    let second = support::file_uri(&repo.join("other").join("b.career.md"));
    client.open(&second, text, 1);
    let codes = support::codes(&client.diagnostics(&second, 1));
    assert!(!codes.iter().any(|c| c == "missing-result"), "{codes:?}");
    assert!(client.shutdown_and_exit().success());
}
