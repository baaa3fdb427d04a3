//! Inputs found by the fuzz targets under `fuzz/` (see `scripts/fuzz-smoke`), replayed through
//! the public API so they stay fixed. Each test names its target and says what went wrong.

use std::time::Duration;

use hindsight::server::framing::{Frame, FrameReader, encode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

/// Reads the server's output until a message matching `want` arrives.
async fn read_until(
    output: &mut DuplexStream,
    frames: &mut FrameReader,
    want: impl Fn(&Value) -> bool,
) -> Value {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        while let Some(frame) = frames.next_frame() {
            if let Frame::Message(m) = frame {
                let value = m.to_value();
                if want(&value) {
                    return value;
                }
            }
        }
        let n = output.read(&mut buf).await.expect("server output");
        assert!(n > 0, "the server's output ended early");
        frames.push(&buf[..n]);
    }
}

/// Starts `serve` on a duplex pair; the client's ends.
fn start() -> (
    DuplexStream,
    DuplexStream,
    tokio::task::JoinHandle<i32>,
    FrameReader,
) {
    let (client_in, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, client_out) = tokio::io::duplex(1 << 16);
    let server = tokio::spawn(hindsight::server::serve(server_in, server_out));
    (client_in, client_out, server, FrameReader::default())
}

fn frame(message: Value) -> Vec<u8> {
    encode(message.to_string().as_bytes())
}

/// Closes the client's input, keeps reading the output (so the server never blocks on a full
/// pipe) and waits at most 5 s for `serve` to return.
async fn close_and_wait(
    client_in: DuplexStream,
    mut client_out: DuplexStream,
    server: tokio::task::JoinHandle<i32>,
) -> Option<i32> {
    drop(client_in);
    let drain = tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while matches!(client_out.read(&mut buf).await, Ok(n) if n > 0) {}
    });
    let code = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .ok()
        .map(|joined| joined.expect("serve panicked"));
    drain.abort();
    code
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Target `server`, found on its seed corpus (input delivered in 8-byte chunks): a client that
/// never answers the server's `workspace/configuration` request, then sends `shutdown` and
/// `exit` and closes its end, left `serve` running forever (the output writer waited for a
/// queue the configuration task held open). Fixed in a43e07f. Here the messages are sent in
/// lockstep so the request is certainly outstanding when `exit` arrives.
#[test]
fn serve_returns_after_exit_with_an_unanswered_configuration_request() {
    let runtime = runtime();
    runtime.block_on(async {
        let (mut client_in, mut client_out, server, mut frames) = start();
        client_in
            .write_all(&frame(
                json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {"workspace": {"configuration": true}}}}),
            ))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| v["id"] == 1).await;
        client_in
            .write_all(&frame(
                json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            ))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| {
            v["method"] == "workspace/configuration"
        })
        .await;
        // Not answered.
        client_in
            .write_all(&frame(
                json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            ))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| v["id"] == 2).await;
        client_in
            .write_all(&frame(json!({"jsonrpc": "2.0", "method": "exit"})))
            .await
            .unwrap();
        let code = close_and_wait(client_in, client_out, server).await;
        assert_eq!(code, Some(0), "serve did not return within 5 s of exit");
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
}

/// Target `server`, crash-790e8ff9… (a session whose input ends in the middle of a message,
/// after `hindsight.addMissingParts`): the client's input ends while the server waits for the
/// answer to its `workspace/applyEdit`, and `serve` never returns. An editor that crashes or is
/// killed closes the server's stdin exactly like this; the server process must then exit.
/// Fixed in 908daed.
#[test]
fn serve_returns_at_end_of_input_with_an_unanswered_apply_edit() {
    let runtime = runtime();
    runtime.block_on(async {
        let uri = "file:///fuzz/a.career.md";
        let (mut client_in, mut client_out, server, mut frames) = start();
        client_in
            .write_all(&frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {}}})))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| v["id"] == 1).await;
        for message in [
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
                {"uri": uri, "languageId": "markdown", "version": 1, "text": "## A\n\nResult: x\n"}}}),
        ] {
            client_in.write_all(&frame(message)).await.unwrap();
        }
        read_until(&mut client_out, &mut frames, |v| {
            v["method"] == "textDocument/publishDiagnostics"
        })
        .await;
        client_in
            .write_all(&frame(json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand",
                "params": {"command": "hindsight.addMissingParts", "arguments": [uri]}})))
            .await
            .unwrap();
        read_until(&mut client_out, &mut frames, |v| {
            v["method"] == "workspace/applyEdit"
        })
        .await;
        // Not answered; the input ends.
        let code = close_and_wait(client_in, client_out, server).await;
        assert!(
            code.is_some(),
            "serve did not return within 5 s of the end of its input"
        );
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
}

/// Replays a `server` fuzz input the way the target delivers it (first byte: chunk size and
/// whether reads return `Pending` in between) and says whether `serve` returned within 5 s.
fn replay_server_input(data: &[u8]) -> bool {
    let (&mode, stream) = data.split_first().unwrap();
    let input = Trickle::new(mode, stream);
    let runtime = if mode & 0x20 != 0 {
        runtime()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    let returned = runtime.block_on(async {
        tokio::time::timeout(
            Duration::from_secs(5),
            hindsight::server::serve(input, tokio::io::sink()),
        )
        .await
        .is_ok()
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
    returned
}

/// The seed that found the `workspace/configuration` hang (fixed in a43e07f), as the fuzzer ran it.
#[test]
fn fuzz_input_configuration_after_exit() {
    assert!(replay_server_input(include_bytes!(
        "fixtures/fuzz/server-hang-configuration-after-exit.bin"
    )));
}

/// The fuzz input behind `serve_returns_at_end_of_input_with_an_unanswered_apply_edit`
/// (minimised with `cargo fuzz tmin`; the hang depends on timing, so it shrinks little).
#[test]
fn fuzz_input_apply_edit_at_end_of_input() {
    assert!(
        replay_server_input(include_bytes!(
            "fixtures/fuzz/server-hang-apply-edit-at-eof.bin"
        )),
        "serve did not return within 5 s of the end of its input"
    );
}

/// Fix-all on `text`, then again on the result: the second plans nothing, and the experiences
/// keep their titles.
fn assert_fix_all_settles(text: &str) {
    use hindsight::{Settings, analyse, fixes};
    let settings = Settings::default();
    let (notes, findings) = analyse(text, &settings);
    let fixed = fixes::apply(text, &fixes::fix_all(&notes, text, &settings, &findings));
    let (notes2, findings2) = analyse(&fixed, &settings);
    let again = fixes::fix_all(&notes2, &fixed, &settings, &findings2);
    assert!(
        again.is_empty(),
        "a second fix-all plans {again:?}\n--- fixed\n{fixed}"
    );
    let titles = |n: &hindsight::notes::Notes| {
        n.experiences
            .iter()
            .map(|e| e.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&notes), titles(&notes2), "--- fixed\n{fixed}");
}

/// Target `fixes`, crash-a1cf9542… (a teacher's notes from tests/fixtures/real, mutated): a
/// heading experience whose text ends in a list item `- **Title**` with one labelled nested
/// item. Fix-all nested the missing Result and In hindsight under that item, which then had
/// enough parts to be an experience of its own, replacing the heading's; a second fix-all
/// planned its Action. The check of a plan parsed the section only at the heading's level,
/// where list items are never experiences; it is now also parsed with the level chosen
/// automatically, and the parts go in as sub-headings instead.
#[test]
fn fix_all_does_not_turn_a_list_item_into_an_experience() {
    assert_fix_all_settles(
        "## Moving online\nI moved bookings to the online system. I learned the hard way\n\
         - **Title**\n  - Situation: x\n",
    );
    let data = include_bytes!("fixtures/fuzz/fixes-second-fix-all-list-item.bin");
    assert_fix_all_settles(&String::from_utf8_lossy(data));
}

/// Target `fixes` (fixes-second-pass-4b669455, kept as a known failure on 2026-12-07): each
/// experience's insertions are proved on the text as it stands, so the heading's missing parts
/// were declined while the item story after it (`3. **Game days**`) had none of its own prompts
/// yet — they would have changed how it reads — and, once the first fix-all had given it them,
/// a second fix-all planned the heading's. Fix-all now plans again while a round declines one
/// experience and inserts into another.
#[test]
fn fix_all_plans_again_after_a_declined_neighbour() {
    assert_fix_all_settles(
        "## Pager rota\nI owned the rota.\n- Lesson \u{2014} built it around sleep.\n3. **Game days**\nRan the first one in January.\n",
    );
    let data = include_bytes!("fixtures/fuzz/fixes-second-fix-all-declined-neighbour.bin");
    assert_fix_all_settles(&String::from_utf8_lossy(data));
}

/// Target `fixes` (crash-729f7c4d…): a heading told in prose stays a story beside the item
/// story after it (2026-12-07), and both ended their own text at the file's end: fix-all put
/// the heading's `### In hindsight` and then the item's nested prompts at that one offset, so
/// the item's prompts landed in the heading's new part, and a second fix-all planned them
/// again. A heading's own text now ends where an item story in it starts.
#[test]
fn fix_all_puts_a_heading_s_prompts_before_the_item_story_beside_it() {
    assert_fix_all_settles(
        "## Training two cooks

I paired each of them with a chef and ran a class every week. It taught me to hand over the easy wins first.
- **Returns cage**
  - Returns sat in a cage. I took it on and agreed a 48-hour rule.
  - Result: the cage is empty most Fridays now.
",
    );
    let data = include_bytes!("fixtures/fuzz/fixes-second-fix-all-heading-beside-item.bin");
    assert_fix_all_settles(&String::from_utf8_lossy(data));
}

/// Target `server`, scripted mode (crash-b078348b…): a didChange whose text holds a lone
/// surrogate escape (`\ud800`, refused by serde_json) and, in the same JSON string, the words
/// `Content-Length: 395` (escaped line breaks after them). The frame reader took those words
/// for a header swallowed by a too-long length, resumed there, and so dropped the header of
/// the next message: a code action request was never answered. Only a header line (a raw line
/// break after the number, which JSON text never holds) counts now.
#[test]
fn content_length_in_the_text_of_a_refused_message_is_not_a_header() {
    let refused = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"contentChanges":[{"text":"see Content-Length: 395\r\n\r\n{\"jsonrpc\": \"2.0\"} \ud800"}],"textDocument":{"uri":"untitled:a","version":3}}}"#;
    let request = r#"{"jsonrpc":"2.0","id":18,"method":"textDocument/codeAction","params":{}}"#;
    let stream = [encode(refused.as_bytes()), encode(request.as_bytes())].concat();
    for chunk in [stream.len(), 7, 1] {
        let mut reader = FrameReader::default();
        let mut got = Vec::new();
        for piece in stream.chunks(chunk) {
            reader.push(piece);
            while let Some(frame) = reader.next_frame() {
                got.push(frame);
            }
        }
        assert_eq!(got.len(), 2, "chunks of {chunk}: {got:?}");
        assert!(
            matches!(got[0], Frame::Invalid { code: -32700, .. }),
            "{got:?}"
        );
        match &got[1] {
            Frame::Message(m) => assert_eq!(m.to_value()["id"], 18),
            other => panic!("chunks of {chunk}: the request was lost: {other:?}"),
        }
    }
}

/// Target `fixes`, crash-ee71cf90…: unclosed `<details>` blocks with a `<summary>` title, a
/// numbered sub-heading and a "Growth areas" heading; fix-all changed which experiences the
/// notes hold (and a second fix-all planned more). Fixed: an unclosed `<details>`, or one that
/// holds a heading, is no story.
#[test]
fn fix_all_around_unclosed_details_blocks() {
    assert_fix_all_settles(
        "## Site safety stand-down\n**The lessons** - a padlock costs less than a day's stoppage.\n\
         ## Shorter ones\n<details><summary>EV charger install that overran</summary>\n\n\
         ### 2. My role and contributions\n## \u{fffd}e c\u{fffd}\u{fffd}\u{fffd} Growth areas\n\
         <details><summary>EV charger install that overran</summary>\n\n\
         <b>Action:</b> I told the customer the same day, rebooked the network operator and took \
         the labour off the bill.<br>\n",
    );
}

/// Target `fixes`, crash-962a28ff… (the brag fixture of tests/fixtures/real, mutated): a label
/// line (`Result — =- Mis-picks went from 41 a week to 9`) inside the first item experience.
/// Its body was taken to run to the next heading, so a later item (`Forklift recertification`)
/// counted as part of it and was no experience, while the item between was one. Fix-all gave
/// that item between new list labels; the later item then stood after them, became an
/// experience, and a second fix-all planned its parts. A label inside any earlier item
/// experience now ends with that item.
#[test]
fn fix_all_settles_on_a_result_label_with_stray_separators() {
    let data = include_bytes!("fixtures/fuzz/fixes-second-fix-all-result-dash-label.bin");
    assert_fix_all_settles(&String::from_utf8_lossy(data));
}

#[path = "support/trickle.rs"]
mod trickle;
use trickle::Trickle;

#[path = "../fuzz/common/markdown.rs"]
#[allow(dead_code)]
mod markdown;

/// Target `fixes`, crash-c3f01c86… (tokens): fix-all also asked the counterfactual of a
/// hindsight read from prose; the parts it inserted changed how that prose read, so the second
/// fix-all found another hindsight to ask. Fix-all now adds missing parts only; the
/// counterfactual prompt is a quick fix of its own.
#[test]
fn fix_all_settles_when_a_hindsight_is_read_from_prose() {
    let data = include_bytes!("fixtures/fuzz/fixes-second-fix-all-counterfactual.bin");
    assert_fix_all_settles(&markdown::text(data));
}

/// Target `fixes`, crash-90c9326b… (the account executive's corpus notes, mutated, ending in a
/// lone `\r`): no part is inserted into a file with lone CR line ends, but the Strengths and
/// Growth areas sections were appended after that `\r`, which made it a CRLF; the second
/// fix-all then read the file differently and planned parts. The sections are refused there too.
#[test]
fn fix_all_settles_on_a_file_ending_in_a_lone_cr() {
    let data = include_bytes!("fixtures/fuzz/fixes-second-fix-all-lone-cr-sections.bin");
    assert_fix_all_settles(&String::from_utf8_lossy(data));
}

/// Target `reuse` (reuse-comment-after-lone-cr-d12ae8e5, 2026-12-07): an edit that left
/// `tim<!--> 4s` in a line. `<!-->` is a whole (empty) comment, but it was read as one left open
/// to the end of its piece, and the reading that reused the pieces after the edit kept an item
/// story that reading afresh did not. Reading again after the edit now equals reading afresh.
#[test]
fn an_empty_comment_closes_where_it_opens() {
    use hindsight::Settings;
    use hindsight::notes::{self, Reuse};
    use std::sync::Arc;
    let before = "## March\n- **The pricing test that almost stopped opening it\n  - \n## June / \rdone: p50 dashboard load time 14s -> 4s\n## Oct\n- **Reweighting the NPS survey**\n  - Learned to put the weighting assumptions in the doc, three different people asked me the same question about it\n";
    let after = before.replacen("time 14s -", "tim<!--", 1);
    let settings = Arc::new(Settings::default());
    let mut reuse = Reuse::default();
    let _ = notes::parse_reusing(&Arc::new(before.to_string()), &settings, &mut reuse);
    let again = notes::parse_reusing(&Arc::new(after.clone()), &settings, &mut reuse);
    let fresh = notes::parse(&after, &settings);
    assert_eq!(format!("{again:?}"), format!("{fresh:?}"));
}

/// Target `reuse` (crash-90509781, 2026-12-07): a table row's cells read one by one (so that a
/// sentence ends where its cell does) were recalled from the previous reading after an edit at
/// the document's start, and the row lost the lesson read afresh in its `Notes to self` cell.
/// Cells are read afresh on every reading. Replays the input as the target does: after every
/// edit, reading again equals reading afresh.
#[test]
fn a_table_rows_cells_are_read_afresh_after_an_edit() {
    use hindsight::Settings;
    use hindsight::notes::{self, Reuse};
    use std::sync::Arc;
    let data = include_bytes!("fixtures/fuzz/reuse-table-cell-recall.bin");
    let (mut text, edit_bytes) = markdown::text_and_edits(data).expect("an input");
    let settings = Arc::new(Settings::default());
    let mut reuse = Reuse::default();
    let _ = notes::parse_reusing(&Arc::new(text.clone()), &settings, &mut reuse);
    for edit in edit_bytes.chunks_exact(3) {
        markdown::apply_edit(&mut text, edit);
        let again = notes::parse_reusing(&Arc::new(text.clone()), &settings, &mut reuse);
        let fresh = notes::parse(&text, &settings);
        assert_eq!(format!("{again:?}"), format!("{fresh:?}"), "{text:?}");
    }
}

/// Target `fixes`, crash-7ee46953… (an assistant head's notes from tests/fixtures/heldout-22,
/// mutated, found on 2026-12-08): a bold title over its paragraph (`**My bit:** I rebuilt his
/// file …`) was a story only while its piece held other bold titles; fix-all's sub-headings
/// further down moved where the note was cut, and the story was gone. Whether a document's
/// bold lines form a series, or open the sections of a form, is now read from the whole text
/// before the pieces.
#[test]
fn fix_all_keeps_a_bold_titled_story_when_the_cuts_move() {
    let data = include_bytes!("fixtures/fuzz/fixes-bold-series-across-cuts.bin");
    assert_fix_all_settles(&String::from_utf8_lossy(data));
}
