//! `initialize` over stdio: the capabilities the server advertises and the position encoding
//! it negotiates; `shutdown` / `exit` and the exit codes.

mod support;

use serde_json::{Value, json};
use support::{Client, editor_capabilities, merge};

fn initialize(capabilities: Value) -> (Client, Value) {
    let mut client = Client::start();
    let result = client.initialize(capabilities, Value::Null, None);
    (client, result)
}

#[test]
fn advertises_every_feature() {
    let (mut client, result) = initialize(editor_capabilities());
    let caps = &result["capabilities"];
    assert_eq!(result["serverInfo"]["name"], "hindsight", "{result}");

    // Incremental sync, open/close notifications.
    let sync = &caps["textDocumentSync"];
    let change = if sync.is_number() {
        sync.clone()
    } else {
        assert_eq!(sync["openClose"], true, "{sync}");
        sync["change"].clone()
    };
    assert_eq!(change, 2, "incremental sync: {sync}");

    assert_eq!(caps["positionEncoding"], "utf-16", "{caps}");

    let kinds: Vec<&str> = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .expect("codeActionKinds advertised")
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"quickfix"), "{kinds:?}");
    assert!(kinds.contains(&"source.fixAll.hindsight"), "{kinds:?}");

    for provider in [
        "inlayHintProvider",
        "hoverProvider",
        "completionProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "foldingRangeProvider",
        "codeLensProvider",
    ] {
        let value = &caps[provider];
        assert!(
            !value.is_null() && *value != json!(false),
            "{provider} is not advertised: {caps}"
        );
    }

    let commands: Vec<&str> = caps["executeCommandProvider"]["commands"]
        .as_array()
        .expect("executeCommandProvider")
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        commands.contains(&"hindsight.addMissingParts"),
        "{commands:?}"
    );
    assert!(commands.contains(&"hindsight.report"), "{commands:?}");

    // This client cannot pull diagnostics, so the server pushes them and offers no pulls.
    assert!(
        caps.get("diagnosticProvider").is_none_or(Value::is_null),
        "diagnosticProvider without client support: {caps}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn negotiates_utf8_when_offered() {
    let mut caps = editor_capabilities();
    merge(
        &mut caps,
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    let (mut client, result) = initialize(caps);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");

    // UTF-8 offered second still wins: the server prefers it.
    let mut caps = editor_capabilities();
    merge(
        &mut caps,
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
    );
    let (mut second, result) = initialize(caps);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");

    // Only UTF-32: the server falls back to the LSP default.
    let mut caps = editor_capabilities();
    merge(
        &mut caps,
        json!({"general": {"positionEncodings": ["utf-32"]}}),
    );
    let (mut third, result) = initialize(caps);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");

    // No `general` capabilities at all.
    let (mut fourth, result) = initialize(json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");

    for c in [&mut client, &mut second, &mut third, &mut fourth] {
        assert!(c.shutdown_and_exit().success());
    }
}

#[test]
fn offers_pull_diagnostics_only_to_clients_that_pull() {
    let mut caps = editor_capabilities();
    merge(
        &mut caps,
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
    );
    let (mut client, result) = initialize(caps);
    let provider = &result["capabilities"]["diagnosticProvider"];
    assert!(provider.is_object(), "{result}");
    assert_eq!(provider["interFileDependencies"], false, "{provider}");
    assert_eq!(provider["workspaceDiagnostics"], false, "{provider}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn shutdown_then_exit_ends_with_code_0() {
    let (mut client, _) = initialize(editor_capabilities());
    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0), "stderr:\n{}", client.stderr());
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let (mut client, _) = initialize(editor_capabilities());
    client.notify("exit", Value::Null);
    let status = client.wait_exit();
    assert_eq!(status.code(), Some(1), "stderr:\n{}", client.stderr());
}

#[test]
fn end_of_input_without_shutdown_ends_with_code_1() {
    let (mut client, _) = initialize(editor_capabilities());
    // The editor crashed: stdin closes with no `shutdown` and no `exit`.
    let status = client.wait_exit_after_closing_stdin();
    assert_eq!(status.code(), Some(1), "stderr:\n{}", client.stderr());
}

#[test]
fn requests_after_shutdown_are_refused() {
    let (mut client, _) = initialize(editor_capabilities());
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    // LSP: after `shutdown`, requests error with InvalidRequest.
    let response = client.call("workspace/symbol", json!({"query": ""}));
    assert_eq!(response["error"]["code"], -32600, "{response}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

// Regression (fixed): `shutdown` sent with `"params": null` (Eglot, LSP4IJ and others send it this way) is
// answered with -32602 "Unexpected params: null" instead of `null`: tower-lsp 0.20 rejects
// explicit null params of `void` methods, and the framing layer passes the message through.
#[test]
fn shutdown_with_null_params_is_accepted() {
    let (mut client, _) = initialize(editor_capabilities());
    client.send(&json!({"jsonrpc": "2.0", "id": 900, "method": "shutdown", "params": null}));
    let response = client.response(900);
    assert!(
        response.get("error").is_none(),
        "shutdown with params null was refused: {response}"
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    client.send(&json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::start();
    let response = client.call("workspace/symbol", json!({"query": ""}));
    assert_eq!(response["error"]["code"], -32002, "{response}");
    // …and initialize still works afterwards.
    let result = client.initialize(editor_capabilities(), Value::Null, None);
    assert!(result["capabilities"].is_object());
    // A second initialize is an error.
    let again = client.call(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(again["error"].is_object(), "{again}");
    assert!(client.shutdown_and_exit().success());
}
