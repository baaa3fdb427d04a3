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
