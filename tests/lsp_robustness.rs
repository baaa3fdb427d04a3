//! Bad input never stops the server: broken frames, unknown methods, documents that are not
//! open, positions out of range, huge documents, a panic inside the analysis. After each, the
//! server still answers a normal request, and `shutdown` / `exit` end it with code 0.

mod support;

use serde_json::{Value, json};
use support::{Client, TIMEOUT, editor_capabilities, file_uri};

const DOC: &str = "\
## Billing move

### Context

The old billing system lost invoices.

### Action

I moved it to the new ledger.
";

/// A normal request gets its normal answer.
fn still_answers(client: &mut Client) {
    let result = client.request("workspace/symbol", json!({"query": "zzzz-nothing"}));
    assert_eq!(result, json!([]), "{result}");
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn ready() -> (Client, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::ready(Some(dir.path()));
    (client, dir)
}

fn assert_no_panic(client: &Client) {
    let stderr = client.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn malformed_json_is_answered_with_a_parse_error() {
    let (mut client, _dir) = ready();
    client.send_raw(&frame(b"{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": "));
    let error = client.response_to(&Value::Null, "the parse error");
    assert_eq!(error["error"]["code"], -32700, "{error}");
    still_answers(&mut client);

    // Valid JSON that is not JSON-RPC: a batch, a number, a request with a fractional id.
    client.send_raw(&frame(
        br#"[{"jsonrpc": "2.0", "id": 6, "method": "workspace/symbol", "params": {"query": ""}}]"#,
    ));
    client.send_raw(&frame(b"42"));
    client.send_raw(&frame(
        br#"{"jsonrpc": "2.0", "id": 1.5, "method": "workspace/symbol", "params": {"query": ""}}"#,
    ));
    still_answers(&mut client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_content_length_too_long_or_too_short() {
    let (mut client, _dir) = ready();
    let body = br#"{"jsonrpc":"2.0","id":501,"method":"workspace/symbol","params":{"query":"x"}}"#;

    // Too long: the declared length swallows the start of the next message.
    let mut long = format!("Content-Length: {}\r\n\r\n", body.len() + 40).into_bytes();
    long.extend_from_slice(body);
    client.send_raw(&long);
    still_answers(&mut client);

    // Too short: the body is cut, the rest is garbage before the next header.
    let mut short = format!("Content-Length: {}\r\n\r\n", body.len() - 7).into_bytes();
    short.extend_from_slice(body);
    client.send_raw(&short);
    still_answers(&mut client);

    // A length that is not a number, and none at all.
    client.send_raw(b"Content-Length: lots\r\n\r\n{}");
    client.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    still_answers(&mut client);

    // A huge declared length with a small body, then a normal message.
    client.send_raw(b"Content-Length: 99999999999\r\n\r\n{}");
    still_answers(&mut client);
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn garbage_bytes_between_frames() {
    let (mut client, _dir) = ready();
    client.send_raw(b"hello there\r\n\r\n");
    client.send_raw(&[0xff, 0xfe, 0x00, 0x80, b'\n', b'\r', 0xc3]);
    still_answers(&mut client);
    client.send_raw(b"\r\n\r\n\r\n");
    client.send_raw("Content-Length: 2\r\n\r\n\u{1F600}".as_bytes());
    still_answers(&mut client);
    // A header block with no end in sight.
    client.send_raw(&[b'x'; 20_000]);
    still_answers(&mut client);
    // A frame split into pieces (an editor writing in chunks) is read whole.
    let whole =
        frame(br#"{"jsonrpc":"2.0","id":777,"method":"workspace/symbol","params":{"query":""}}"#);
    for piece in whole.chunks(7) {
        client.send_raw(piece);
    }
    assert_eq!(client.response(777)["result"], json!([]));
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn unknown_methods() {
    let (mut client, _dir) = ready();
    let response = client.call("hindsight/noSuchThing", json!({"a": 1}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    // Notifications: ignored, never answered.
    client.notify("hindsight/noSuchThing", json!({"a": 1}));
    client.notify("$/setTrace", json!({"value": "verbose"}));
    client.notify("$/cancelRequest", json!({"id": 12345}));
    still_answers(&mut client);
    // A string id is answered with the same id.
    client.send(&json!({"jsonrpc": "2.0", "id": "abc", "method": "workspace/symbol", "params": {"query": ""}}));
    let response = client.response_to(&json!("abc"), "the string id");
    assert_eq!(response["result"], json!([]));
    // Params of the wrong shape: an error, not a crash.
    let response = client.call("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5}}));
    still_answers(&mut client);
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): a request whose method starts with `$/` and that the server does not know is never
// answered (tower-lsp drops it), so the client waits forever. LSP 3.17 ("$ Notifications and
// Requests"): such a request must be answered with MethodNotFound (-32601).
#[test]
fn unknown_dollar_requests_get_method_not_found() {
    let (mut client, _dir) = ready();
    let id = client.send_request("$/noSuchThing", json!({}));
    still_answers(&mut client);
    let response = client.try_response(id, std::time::Duration::from_secs(2));
    let response = response.expect("no answer to the `$/noSuchThing` request");
    assert_eq!(response["error"]["code"], -32601, "{response}");
    assert!(client.shutdown_and_exit().success());
}

fn every_document_request(client: &mut Client, uri: &str, line: u64, character: u64) {
    let position = json!({"line": line, "character": character});
    let range = json!({"start": position, "end": position});
    let doc = json!({"uri": uri});
    let requests = [
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": position}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": position}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": range}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": {"start": {"line": 0, "character": 0}, "end": position}}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": doc})),
        ("textDocument/foldingRange", json!({"textDocument": doc})),
        ("textDocument/codeLens", json!({"textDocument": doc})),
    ];
    for (method, params) in requests {
        let response = client.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} at {line}:{character}: {response}"
        );
    }
}

#[test]
fn requests_for_documents_never_opened() {
    let (mut client, dir) = ready();
    let uri = file_uri(&dir.path().join("never.career.md"));
    every_document_request(&mut client, &uri, 0, 0);
    every_document_request(&mut client, "untitled:Untitled-1", 3, 3);
    // Not a URI at all: an error answer (invalid params), and the server goes on.
    let response = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(response["error"].is_object(), "{response}");
    still_answers(&mut client);
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn positions_out_of_range() {
    let (mut client, dir) = ready();
    let uri = file_uri(&dir.path().join("range.career.md"));
    client.open(&uri, DOC, 1);
    client.diagnostics(&uri, 1);
    for (line, character) in [
        (1_000_000, 1_000_000),
        (0, 1_000_000),
        (1_000_000, 0),
        (8, 4_294_967_295),
        (4_294_967_295, 4_294_967_295),
    ] {
        every_document_request(&mut client, &uri, line, character);
    }
    // Changes with positions out of range are clamped, never a crash.
    client.change(
        &uri,
        2,
        vec![json!({"range": {"start": {"line": 1_000_000, "character": 1_000_000}, "end": {"line": 1_000_000, "character": 1_000_000}}, "text": "\nResult: 3 lost invoices a year, down from 40.\n"})],
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert!(
        !diagnostics.iter().any(|d| d["code"] == "missing-result"),
        "the text went to the end: {diagnostics:#?}"
    );
    still_answers(&mut client);
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn changes_for_closed_or_unknown_documents() {
    let (mut client, dir) = ready();
    let uri = file_uri(&dir.path().join("closed.career.md"));
    client.open(&uri, DOC, 1);
    client.diagnostics(&uri, 1);
    client.close(&uri);
    client.change(
        &uri,
        2,
        vec![json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"})],
    );
    client.change_full(&file_uri(&dir.path().join("unknown.career.md")), 7, DOC);
    client.close(&file_uri(&dir.path().join("unknown.career.md")));
    still_answers(&mut client);
    // Nothing was analysed for the closed document.
    client.sync();
    for m in client.logged("textDocument/publishDiagnostics") {
        assert!(
            m["params"]["version"] != 2 && m["params"]["version"] != 7,
            "{m}"
        );
    }
    // Reopened, it is analysed from the text the client sends.
    client.open(&uri, DOC, 3);
    assert!(!client.diagnostics(&uri, 3).is_empty());
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

/// Issue 8, defect 13: 2.6 million headings took 891 MB in the server; a document with more
/// block markers than the limit is not analysed, and the writer is told once.
#[test]
fn a_document_with_too_many_blocks_is_not_analysed() {
    let (mut client, dir) = ready();
    let uri = file_uri(&dir.path().join("headings.career.md"));
    client.open(&uri, &"#\n".repeat(450_000), 1);
    let message = client.wait_for("the showMessage about the blocks", TIMEOUT, |m| {
        m["method"] == "window/showMessage"
    });
    let text = message["params"]["message"].as_str().unwrap();
    assert!(text.contains("450000 headings"), "{text}");
    still_answers(&mut client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_document_over_10_mb_is_not_analysed() {
    let (mut client, dir) = ready();
    let uri = file_uri(&dir.path().join("huge.career.md"));
    let mut huge = String::from(DOC);
    while huge.len() <= 10 * 1024 * 1024 {
        huge.push_str("\nMore text that goes on and on, a line of notes about nothing much.");
    }
    client.open(&uri, &huge, 1);
    let message = client.wait_for("the showMessage about the size", TIMEOUT, |m| {
        m["method"] == "window/showMessage"
    });
    let text = message["params"]["message"].as_str().unwrap();
    assert!(text.contains("10 MB"), "{text}");
    // Requests on it are answered (with nothing), quickly.
    every_document_request(&mut client, &uri, 2, 3);
    // Typing in it: still no analysis and no second message.
    client.change(
        &uri,
        2,
        vec![json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"})],
    );
    still_answers(&mut client);
    client.sync();
    for m in client.logged("textDocument/publishDiagnostics") {
        assert_eq!(m["params"]["diagnostics"], json!([]), "analysed: {m}");
    }
    // Cut down below the limit: analysed again.
    client.change_full(&uri, 3, DOC);
    assert!(!client.diagnostics(&uri, 3).is_empty());
    client.sync();
    assert_eq!(
        client.logged("window/showMessage").len(),
        1,
        "{:?}",
        client.logged("window/showMessage")
    );
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_config_file_that_is_not_toml_or_not_text() {
    for contents in [
        &b"[rules\nmissing-result = "[..],
        &[0xff, 0xfe, 0x00, 0x41][..],
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".hindsight.toml"), contents).unwrap();
        let mut client = Client::ready(Some(dir.path()));
        let uri = file_uri(&dir.path().join("notes.career.md"));
        client.open(&uri, DOC, 1);
        assert!(!client.diagnostics(&uri, 1).is_empty(), "defaults are used");
        client.wait_for("a showMessage", TIMEOUT, |m| {
            m["method"] == "window/showMessage"
        });
        still_answers(&mut client);
        assert_no_panic(&client);
        assert!(client.shutdown_and_exit().success());
    }
}

/// A handler that panics is contained where messages are dispatched, whatever the method: its
/// request is answered with no result, the panic is logged, and the next request is answered.
#[test]
fn a_panic_in_a_request_handler_is_contained_where_it_is_dispatched() {
    let marker = "PANIC-HANDLER-41c2";
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start_with_env(&[("HINDSIGHT_TEST_PANIC", marker)]);
    client.initialize(editor_capabilities(), Value::Null, Some(dir.path()));
    let uri = file_uri(&dir.path().join("a.career.md"));
    client.open(&uri, DOC, 1);
    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": marker, "arguments": [uri]}),
    );
    let response = client.response(id);
    assert_eq!(response["result"], Value::Null, "{response}");
    assert!(response.get("error").is_none(), "{response}");
    let stderr = client.wait_stderr("the contained panic", |e| {
        e.contains("workspace/executeCommand handler panicked")
    });
    assert!(stderr.contains("HINDSIGHT_TEST_PANIC"), "{stderr}");
    still_answers(&mut client);
    assert!(
        !client.diagnostics(&uri, 1).is_empty(),
        "the document is still served"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_panic_in_the_analysis_is_contained() {
    let marker = "PANIC-MARKER-7f3a";
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start_with_env(&[("HINDSIGHT_TEST_PANIC", marker)]);
    client.initialize(editor_capabilities(), Value::Null, Some(dir.path()));
    let bad = file_uri(&dir.path().join("bad.career.md"));
    let text = format!("{DOC}\n{marker}\n");
    client.open(&bad, &text, 1);
    let stderr = client.wait_stderr("the panic and the document size", |e| {
        e.contains("panicked") && e.contains(&format!("{} bytes", text.len()))
    });
    assert!(stderr.contains("HINDSIGHT_TEST_PANIC"), "{stderr}");
    // The next request is answered; requests about that document get nothing, not an error.
    still_answers(&mut client);
    every_document_request(&mut client, &bad, 0, 3);
    // Another document still gets its diagnostics.
    let good = file_uri(&dir.path().join("good.career.md"));
    client.open(&good, DOC, 1);
    assert!(!client.diagnostics(&good, 1).is_empty());
    // Nothing was published for the version that panicked.
    client.sync();
    assert!(
        !client
            .logged("textDocument/publishDiagnostics")
            .iter()
            .any(|m| m["params"]["uri"] == bad.as_str()),
        "{:?}",
        client.logged("textDocument/publishDiagnostics")
    );
    // Once the marker is gone the document is analysed again.
    client.change_full(&bad, 2, DOC);
    assert!(!client.diagnostics(&bad, 2).is_empty());
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): the analysis panics on a label line that opens emphasis and ends in a multi-byte
// character, e.g. `**Result 😀` — as typed, one keystroke after `**Result `. src/labels.rs:212
// slices `&trimmed[trimmed.len() - marker_len..]` inside the emoji ("byte index 11 is not a
// char boundary"). The server contains it, but publishes nothing for that version (and
// `hindsight check` exits 101 on such a file). Expected: diagnostics for version 1.
#[test]
fn an_emoji_after_an_open_bold_label() {
    let (mut client, dir) = ready();
    for (n, line) in ["**Result 😀", "**Lesson🔬d", "__Result 𠮷"]
        .into_iter()
        .enumerate()
    {
        let uri = file_uri(&dir.path().join(format!("emoji{n}.career.md")));
        let text = format!("## Billing move\n\nAction: I moved it.\n\n{line}\n");
        client.open(&uri, &text, 1);
        let published = client.try_wait_for(std::time::Duration::from_secs(3), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"] == 1
        });
        assert!(
            published.is_some(),
            "no diagnostics for a document with the line {line:?}; stderr:\n{}",
            client.stderr()
        );
    }
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn after_all_that_shutdown_and_exit_still_give_0() {
    let (mut client, dir) = ready();
    client.send_raw(&frame(b"{oops"));
    client.send_raw(b"garbage");
    client.call("no/such/method", json!({}));
    let uri = file_uri(&dir.path().join("x.career.md"));
    client.change_full(&uri, 5, DOC);
    client.open(&uri, DOC, 1);
    client.diagnostics(&uri, 1);
    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
    assert!(
        client.output_problem().is_none(),
        "{:?}",
        client.output_problem()
    );
}

// ----- issue 8 regressions -------------------------------------------------------------------

fn open_doc(client: &mut Client, dir: &std::path::Path, name: &str, text: &str) -> String {
    let uri = file_uri(&dir.join(name));
    client.open(&uri, text, 1);
    client.wait_publish(&uri, Some(1));
    uri
}

fn add_missing_parts(client: &mut Client, uri: &str) -> (i64, Value) {
    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": "hindsight.addMissingParts", "arguments": [uri]}),
    );
    let apply = client.wait_server_request("workspace/applyEdit");
    (id, apply)
}

fn answer(client: &mut Client, request: &Value, applied: bool) {
    client.send(&json!({"jsonrpc": "2.0", "id": request["id"], "result": {"applied": applied}}));
}

// Regression (fixed): cancelling `hindsight.addMissingParts` while its `workspace/applyEdit` was
// outstanding, then answering the edit, made tower-lsp panic ("receiver already dropped") and
// the server answered nothing after it.
#[test]
fn add_missing_parts_cancelled_answered_twice_or_never() {
    let (mut client, dir) = ready();
    let uri = open_doc(&mut client, dir.path(), "cancel.career.md", DOC);
    client.hold("workspace/applyEdit");

    // Cancelled, then answered.
    let (id, apply) = add_missing_parts(&mut client, &uri);
    client.notify("$/cancelRequest", json!({"id": id}));
    let response = client.response(id);
    assert!(
        response.get("error").is_some() || response["result"].is_boolean(),
        "{response}"
    );
    answer(&mut client, &apply, true);
    still_answers(&mut client);

    // Answered twice.
    let (id, apply) = add_missing_parts(&mut client, &uri);
    answer(&mut client, &apply, true);
    answer(&mut client, &apply, true);
    assert_eq!(client.response(id)["result"], true);
    still_answers(&mut client);

    // Cancelled and answered twice.
    let (id, apply) = add_missing_parts(&mut client, &uri);
    client.notify("$/cancelRequest", json!({"id": id}));
    client.response(id);
    answer(&mut client, &apply, false);
    answer(&mut client, &apply, false);
    still_answers(&mut client);

    // Never answered: everything else goes on.
    let (_never, _apply) = add_missing_parts(&mut client, &uri);
    still_answers(&mut client);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols[0]["name"], "Billing move", "{symbols}");
    still_answers(&mut client);
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

// Regression (fixed): completion sliced a byte string inside a character when the text before
// the cursor ended in a non-ASCII character and a space.
#[test]
fn completion_after_non_ascii_text_and_a_space() {
    let (mut client, dir) = ready();
    let lines = [
        "### 東京 ",
        "- 東 ",
        "1東 ",
        "東. ",
        "> 😀 ",
        "### é",
        "- [x] ñ ",
        "# 東京 ",
        "## e\u{301} ",
    ];
    let mut text = String::from("## Trip to Tokyo\n\n### Context\n\nWe went.\n\n");
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    let uri = open_doc(&mut client, dir.path(), "unicode.career.md", &text);
    for (n, line) in lines.iter().enumerate() {
        let at = json!({"line": 6 + n, "character": line.encode_utf16().count()});
        let response = client.call(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": at}),
        );
        assert!(response.get("error").is_none(), "{line:?}: {response}");
        assert_no_panic(&client);
        // And hover at each column of the line.
        for character in 0..=line.encode_utf16().count() {
            client.call(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 6 + n, "character": character}}),
            );
        }
    }
    assert_no_panic(&client);
    assert!(client.shutdown_and_exit().success());
}

/// Document symbols with the URI left out, for comparing two servers' views.
fn symbol_view(client: &mut Client, uri: &str) -> (Value, Value, Value) {
    let doc = json!({"textDocument": {"uri": uri}});
    let everything = json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 100_000, "character": 0}}});
    (
        client.request("textDocument/documentSymbol", doc.clone()),
        client.request("textDocument/foldingRange", doc),
        client.request("textDocument/inlayHint", everything),
    )
}

// Regression (fixed): lines were split only at `\n`, so in a note with lone-CR line ends every
// position was on line 0 and an incremental edit on line 2 landed elsewhere in the server's copy.
#[test]
fn lone_cr_line_ends() {
    use support::{Enc, apply_change, lines, position_of};
    for enc in [Enc::Utf16, Enc::Utf8] {
        let dir = tempfile::tempdir().unwrap();
        let mut caps = editor_capabilities();
        if enc == Enc::Utf8 {
            caps["general"]["positionEncodings"] = json!(["utf-8"]);
        }
        let mut client = Client::start();
        client.initialize(caps.clone(), Value::Null, Some(dir.path()));
        assert_eq!(client.encoding, enc);
        let base = "## Billing move\r\r### Context\r\rThe old billing system lost invoices.\r\r## Hiring 😀 loop\r\r**Action:** I rewrote the rubric.\r";
        let uri = file_uri(&dir.path().join("mac.career.md"));
        client.open(&uri, base, 1);
        client.wait_publish(&uri, Some(1));

        let (symbols, _, _) = symbol_view(&mut client, &uri);
        let hiring = base.find("Hiring").unwrap();
        let (line, character) = position_of(base, hiring, enc);
        assert_eq!(line, 6);
        assert_eq!(symbols[1]["name"], "Hiring 😀 loop", "{symbols}");
        assert_eq!(
            symbols[1]["selectionRange"]["start"],
            json!({"line": line, "character": character}),
            "{symbols}"
        );

        // Edits on line 2, applied the same way by the client.
        let changes = [
            json!({"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 11}}, "text": "Situation"}),
            json!({"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "### Result\r\rHired 4 people.\r\r"}),
            json!({"range": {"start": {"line": 4, "character": 15}, "end": {"line": 5, "character": 0}}, "text": ""}),
        ];
        let mut text = base.to_string();
        for (n, change) in changes.iter().enumerate() {
            text = apply_change(&text, change, enc);
            client.change(&uri, 2 + n as i64, vec![change.clone()]);
        }
        assert!(lines(&text)[2].starts_with("### Result"), "{text:?}");
        let incremental = client.diagnostics(&uri, 4);
        let view = symbol_view(&mut client, &uri);

        // A fresh server told only the client's text sees the same document.
        let mut fresh = Client::start();
        fresh.initialize(caps, Value::Null, Some(dir.path()));
        fresh.open(&uri, &text, 4);
        let expected = fresh.diagnostics(&uri, 4);
        assert_eq!(incremental, expected, "client's text: {text:?}");
        assert_eq!(
            view,
            symbol_view(&mut fresh, &uri),
            "client's text: {text:?}"
        );
        let hiring = text.find("Hiring").unwrap();
        let (line, character) = position_of(&text, hiring, enc);
        assert_eq!(
            view.0[1]["selectionRange"]["start"],
            json!({"line": line, "character": character}),
            "{:?}",
            view.0
        );
        assert!(fresh.shutdown_and_exit().success());
        assert_no_panic(&client);
        assert!(client.shutdown_and_exit().success());
    }
}

// Regression (fixed): a UTF-8 byte order mark at the start of the buffer was read as text, so
// a heading on line 0 was no heading.
#[test]
fn a_byte_order_mark_is_not_text() {
    use support::codes_and_lines;
    for utf8 in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut caps = editor_capabilities();
        if utf8 {
            caps["general"]["positionEncodings"] = json!(["utf-8"]);
        }
        let mut client = Client::start();
        client.initialize(caps, Value::Null, Some(dir.path()));
        let bom_units: u64 = if utf8 { 3 } else { 1 };
        for body in [
            "# Title\n\n## Billing move\n\n### Context\n\nLost invoices.\n\n### Action\n\nI moved it.\n",
            "## Billing move\n\n### Context\n\nLost invoices.\n\n### Action\n\nI moved it.\n",
        ] {
            let plain = file_uri(&dir.path().join("plain.career.md"));
            let marked = file_uri(&dir.path().join("marked.career.md"));
            client.open(&plain, body, 1);
            client.open(&marked, &format!("\u{feff}{body}"), 1);
            let a = client.diagnostics(&plain, 1);
            let b = client.diagnostics(&marked, 1);
            assert!(!a.is_empty());
            assert_eq!(codes_and_lines(&a), codes_and_lines(&b), "{body:?}");
            let sa = client.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": plain}}),
            );
            let sb = client.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": marked}}),
            );
            assert_eq!(sa.as_array().unwrap().len(), 1, "{sa}");
            assert_eq!(sb.as_array().unwrap().len(), 1, "{sb}");
            let shift = |v: &Value, line: &Value| {
                if line == 0 {
                    json!(v.as_u64().unwrap() + bom_units)
                } else {
                    v.clone()
                }
            };
            for key in ["range", "selectionRange"] {
                for end in ["start", "end"] {
                    let pa = &sa[0][key][end];
                    let pb = &sb[0][key][end];
                    assert_eq!(pa["line"], pb["line"], "{sa} {sb}");
                    assert_eq!(
                        shift(&pa["character"], &pa["line"]),
                        pb["character"],
                        "{sa} {sb}"
                    );
                }
            }
            // Hints on line 0 are after the mark too.
            let hints = client.request(
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": marked}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
            );
            let ha = client.request(
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": plain}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
            );
            assert_eq!(
                ha.as_array().unwrap().len(),
                hints.as_array().unwrap().len()
            );
            for (x, y) in ha.as_array().unwrap().iter().zip(hints.as_array().unwrap()) {
                let line = &x["position"]["line"];
                assert_eq!(line, &y["position"]["line"]);
                assert_eq!(
                    shift(&x["position"]["character"], line),
                    y["position"]["character"]
                );
            }
            client.close(&plain);
            client.close(&marked);
        }
        assert_no_panic(&client);
        assert!(client.shutdown_and_exit().success());
    }
}

// Regression (fixed): while the client did not read, every publication was queued, superseded
// or not (36 → 355 MB for a client typing into a large note).
#[test]
fn publications_superseded_while_the_client_does_not_read_are_dropped() {
    let (mut client, dir) = ready();
    let mut text = String::new();
    for n in 0..100 {
        text.push_str(&format!("## Experience {n}\n\nAction: I did {n}.\n\n"));
    }
    let uri = open_doc(&mut client, dir.path(), "big.career.md", &text);
    client.clear_queue();
    let before = client.logged("textDocument/publishDiagnostics").len();
    client.pause_reading();
    for version in 2..=201 {
        text.push('x');
        client.change_full(&uri, version, &text);
    }
    // A stale change is logged once every change before it is applied: then all 200 have
    // been analysed while the client read nothing.
    client.change_full(&uri, 1, &text);
    client.wait_stderr("all changes applied", |s| {
        s.contains("version 201 is already applied")
    });
    client.resume_reading();
    let last = client.wait_publish(&uri, Some(201));
    assert!(!last["diagnostics"].as_array().unwrap().is_empty());
    client.sync();
    let published: Vec<Value> = client.logged("textDocument/publishDiagnostics")[before..]
        .iter()
        .filter(|m| m["params"]["uri"] == uri.as_str())
        .map(|m| m["params"]["version"].clone())
        .collect();
    assert!(
        published.len() < 50,
        "{} publications for 200 changes: {published:?}",
        published.len()
    );
    assert_eq!(published.last(), Some(&json!(201)), "{published:?}");
    assert!(client.shutdown_and_exit().success());
}
