//! Everything the server writes goes through one queue, [`Outgoing`], and one writer thread,
//! [`write_output`], the only writer of the client's stream.
//!
//! The queue holds responses and requests to the client in the order they were made, then
//! publications. A publication is queued under the state's lock, for the version just
//! analysed, and replaces one still waiting for the same document: a publication for version
//! N is never overtaken by one for N−1, and none is written for a version already replaced.
//! It stays bounded when the client stops reading: error answers and window messages beyond
//! a limit are dropped (responses to well-formed requests and requests to the client never are).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use serde::Serialize;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, ShowMessageParams, Uri};

use super::framing::Encoded;

#[derive(Serialize)]
struct Notification<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

/// What the handlers and background jobs send on their own initiative.
#[derive(Clone)]
pub struct Outbox {
    client: Client,
    outgoing: Arc<Outgoing>,
}

impl Outbox {
    pub fn new(client: Client, outgoing: Arc<Outgoing>) -> Outbox {
        Outbox { client, outgoing }
    }

    /// The queue itself, for what is written there by hand (a pull's report).
    pub fn outgoing(&self) -> &Outgoing {
        &self.outgoing
    }

    /// `version: None` for clears (a closed document) and config files.
    pub fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
        self.outgoing.publish(Publication {
            uri,
            version,
            diagnostics: Diagnostics::Built(diagnostics),
        });
    }

    /// An analysis's diagnostics, written straight from its findings when the writer gets to
    /// them: a publication superseded before then costs nothing.
    pub fn publish_analysis(&self, uri: Uri, analysis: Arc<super::analysis::Analysis>) {
        self.outgoing.publish(Publication {
            uri,
            version: Some(analysis.version),
            diagnostics: Diagnostics::Analysis(analysis),
        });
    }

    pub fn show_message(&self, typ: MessageType, message: String) {
        let message = Notification {
            jsonrpc: "2.0",
            method: "window/showMessage",
            params: ShowMessageParams { typ, message },
        };
        if let Ok(body) = serde_json::to_vec(&message) {
            self.outgoing.frame(super::framing::encode(&body));
        }
    }

    /// Asks the client to ask again for inlay hints; its answer is awaited in a task of its
    /// own, so the caller never waits on the client.
    pub fn refresh_inlay_hints(&self) {
        let client = self.client.clone();
        tokio::spawn(async move {
            let _ = client.inlay_hint_refresh().await;
        });
    }

    /// The same for pulled diagnostics.
    pub fn refresh_diagnostics(&self) {
        let client = self.client.clone();
        tokio::spawn(async move {
            let _ = client.workspace_diagnostic_refresh().await;
        });
    }

    /// For requests to the client that need an answer (configuration, edits).
    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// A document's diagnostics waiting to be written.
pub struct Publication {
    uri: Uri,
    version: Option<i32>,
    diagnostics: Diagnostics,
}

enum Diagnostics {
    Built(Vec<Diagnostic>),
    /// Written from the analysis's findings (see [`super::diagnostics::write_published_after`]).
    Analysis(Arc<super::analysis::Analysis>),
}

/// `textDocument/publishDiagnostics`'s parameters, serialized from what waits.
#[derive(Serialize)]
struct PublishParams<'a, D: Serialize> {
    uri: &'a Uri,
    diagnostics: D,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

/// Droppable frames (error answers to malformed input, window messages) that may wait for the
/// writer, in bytes; beyond it new ones are dropped.
const MAX_QUEUED_BYTES: usize = 8 * 1024 * 1024;

/// What waits for the writer: frames in order, and at most one publication per document.
#[derive(Default)]
pub struct Outgoing {
    queue: Mutex<Queue>,
    /// Signalled whenever something is queued, and on close.
    ready: Condvar,
    /// Per document, what its last publication of an analysis wrote: the next one copies what
    /// did not change (see [`super::diagnostics::write_published_after`]).
    written: Mutex<HashMap<Uri, super::diagnostics::Written>>,
}

#[derive(Default)]
struct Queue {
    /// Frames in order, each with whether it counts against the limit.
    frames: VecDeque<(Arc<Encoded>, bool)>,
    frame_bytes: usize,
    dropped: usize,
    /// Documents with a publication waiting, oldest first.
    order: VecDeque<Uri>,
    publications: HashMap<Uri, Publication>,
    /// Set when the server is done or the client stopped reading: nothing more is queued.
    closed: bool,
}

impl Outgoing {
    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues a response or a request to the client: always written, in order.
    pub fn message(&self, bytes: Vec<u8>) {
        self.message_framed(Arc::new(bytes.into()));
    }

    /// Queues a response already framed (see [`Outgoing::message`]).
    fn message_framed(&self, frame: Arc<Encoded>) {
        {
            let mut queue = self.queue();
            if queue.closed {
                return;
            }
            queue.frames.push_back((frame, false));
        }
        self.ready.notify_one();
    }

    /// Answers the pull `id` with the full report of `analysis`, written by hand as a
    /// publication is, copying what did not change from the document's last written report
    /// (a pull through the library built a `serde_json::Value` of every diagnostic: three
    /// times a push's cost on a 1 MB note). `false` when it could not be written.
    pub fn answer_pull(
        &self,
        id: &tower_lsp_server::jsonrpc::Id,
        uri: &Uri,
        analysis: &super::analysis::Analysis,
    ) -> bool {
        let Some(frame) = self.written_after(uri, |earlier| pulled_report(id, analysis, earlier))
        else {
            return false;
        };
        self.message_framed(frame);
        true
    }

    /// Forgets what was last written for a document (closed: its next report is written afresh).
    pub fn forget(&self, uri: &Uri) {
        self.written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(uri);
    }

    /// Queues a droppable frame, unless too much is waiting already.
    pub fn frame(&self, bytes: Vec<u8>) {
        {
            let mut queue = self.queue();
            if queue.closed {
                return;
            }
            if queue.frame_bytes + bytes.len() > MAX_QUEUED_BYTES {
                queue.dropped += 1;
                if queue.dropped.is_power_of_two() {
                    eprintln!(
                        "hindsight: the client is not reading; {} messages dropped",
                        queue.dropped
                    );
                }
                return;
            }
            queue.frame_bytes += bytes.len();
            queue.frames.push_back((Arc::new(bytes.into()), true));
        }
        self.ready.notify_one();
    }

    /// Queues a publication; one still waiting for the same document is superseded.
    pub fn publish(&self, params: Publication) {
        {
            let mut queue = self.queue();
            if queue.closed {
                return;
            }
            let uri = params.uri.clone();
            if queue.publications.insert(uri.clone(), params).is_none() {
                queue.order.push_back(uri);
            }
        }
        self.ready.notify_one();
    }

    /// Waits until something is queued or the queue is closed (at once if it is already).
    fn wait_ready(&self) {
        let queue = self.queue();
        let idle = |q: &mut Queue| !q.closed && q.frames.is_empty() && q.order.is_empty();
        drop(
            self.ready
                .wait_while(queue, idle)
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
    }

    /// Accepts nothing more; what is queued may still be taken.
    pub fn close(&self) {
        self.queue().closed = true;
        self.ready.notify_one();
    }

    pub fn is_closed(&self) -> bool {
        self.queue().closed
    }

    /// The next frame to write: frames first, then publications, each serialized only now.
    pub fn next(&self) -> Option<Arc<Encoded>> {
        let publication = {
            let mut queue = self.queue();
            if let Some((frame, counted)) = queue.frames.pop_front() {
                if counted {
                    queue.frame_bytes = queue.frame_bytes.saturating_sub(frame.frame().len());
                }
                return Some(frame);
            }
            loop {
                let uri = queue.order.pop_front()?;
                if let Some(publication) = queue.publications.remove(&uri) {
                    break publication;
                }
            }
        };
        // Serialized from the typed value: tower-lsp would first build a `serde_json::Value`
        // tree of every diagnostic, the costliest step on a large note.
        let Publication {
            uri,
            version,
            diagnostics,
        } = publication;
        match &diagnostics {
            Diagnostics::Built(built) => {
                self.forget(&uri);
                serialize(&uri, version, built, built.len()).map(|frame| Arc::new(frame.into()))
            }
            Diagnostics::Analysis(analysis) => {
                self.written_after(&uri, |earlier| written(&uri, version, analysis, earlier))
            }
        }
    }

    /// A document's diagnostics written by `write`, given what was last written for it; what
    /// it wrote is kept for the next (one record per document, publications and pulls alike).
    fn written_after(
        &self,
        uri: &Uri,
        write: impl FnOnce(
            Option<&super::diagnostics::Written>,
        ) -> Option<(Arc<Encoded>, super::diagnostics::Written)>,
    ) -> Option<Arc<Encoded>> {
        let mut kept = self
            .written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let earlier = kept.remove(uri);
        let (frame, written) = write(earlier.as_ref())?;
        kept.insert(uri.clone(), written);
        Some(frame)
    }
}

/// An analysis's publication, frame and JSON written by hand (the same JSON as [`serialize`]
/// gives for its built diagnostics); the frame is shared with what the next publication of
/// the document copies from.
fn written(
    uri: &Uri,
    version: Option<i32>,
    analysis: &super::analysis::Analysis,
    earlier: Option<&super::diagnostics::Written>,
) -> Option<(Arc<Encoded>, super::diagnostics::Written)> {
    let head = |buffer: &mut Vec<u8>| {
        buffer.extend_from_slice(
            br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
        );
        super::diagnostics::write_string(buffer, uri.as_str());
        buffer.extend_from_slice(br#","diagnostics":"#);
        Some(())
    };
    let tail = |buffer: &mut Vec<u8>| {
        if let Some(version) = version {
            buffer.extend_from_slice(br#","version":"#);
            buffer.extend_from_slice(itoa::Buffer::new().format(version).as_bytes());
        }
        buffer.extend_from_slice(b"}}");
    };
    with_diagnostics(uri.as_str().len(), analysis, earlier, head, tail)
}

/// A pull's full report (`textDocument/diagnostic`), frame and JSON written by hand: the same
/// JSON as the library gives for [`super::diagnostics::pulled`]'s report; the frame is shared
/// with what the next report of the document copies from.
fn pulled_report(
    id: &tower_lsp_server::jsonrpc::Id,
    analysis: &super::analysis::Analysis,
    earlier: Option<&super::diagnostics::Written>,
) -> Option<(Arc<Encoded>, super::diagnostics::Written)> {
    let head = |buffer: &mut Vec<u8>| {
        buffer.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
        serde_json::to_writer(&mut *buffer, id).ok()?;
        buffer.extend_from_slice(br#","result":{"kind":"full","resultId":""#);
        buffer.extend_from_slice(itoa::Buffer::new().format(analysis.id).as_bytes());
        buffer.extend_from_slice(br#"","items":"#);
        Some(())
    };
    with_diagnostics(0, analysis, earlier, head, |buffer| {
        buffer.extend_from_slice(b"}}")
    })
}

/// A frame whose JSON holds an analysis's diagnostics (copied from `earlier` where they did not
/// change) between what `head` and `tail` write, with what the next one copies from; `extra`:
/// about how many bytes `head` and `tail` write besides their fixed parts.
fn with_diagnostics(
    extra: usize,
    analysis: &super::analysis::Analysis,
    earlier: Option<&super::diagnostics::Written>,
    head: impl FnOnce(&mut Vec<u8>) -> Option<()>,
    tail: impl FnOnce(&mut Vec<u8>),
) -> Option<(Arc<Encoded>, super::diagnostics::Written)> {
    let count = analysis.findings().len();
    let capacity = 256 + extra + count.saturating_mul(BYTES_PER_DIAGNOSTIC);
    let mut unframed = None;
    let frame = super::framing::encode_in_place(capacity, |buffer| {
        head(buffer)?;
        unframed = Some(super::diagnostics::write_published_after(
            analysis, earlier, buffer,
        ));
        tail(buffer);
        Some(())
    })?;
    let frame = Arc::new(frame);
    let written = unframed?.in_frame(Arc::clone(&frame));
    Some((frame, written))
}

/// About what one diagnostic takes in JSON: the frame's buffer is sized once, not grown (and
/// copied) while a long note's publication is written.
const BYTES_PER_DIAGNOSTIC: usize = 320;

/// A publication's frame, header included, written into one buffer (see
/// [`super::framing::encode_into`]).
fn serialize<D: Serialize>(
    uri: &Uri,
    version: Option<i32>,
    diagnostics: D,
    count: usize,
) -> Option<Vec<u8>> {
    let capacity = 256 + uri.as_str().len() + count.saturating_mul(BYTES_PER_DIAGNOSTIC);
    super::framing::encode_into(capacity, |buffer| {
        serde_json::to_writer(
            buffer,
            &Notification {
                jsonrpc: "2.0",
                method: "textDocument/publishDiagnostics",
                params: PublishParams {
                    uri,
                    diagnostics,
                    version,
                },
            },
        )
        .ok()
    })
}

/// The only writer of the client's stream, on a thread of its own: whole frames, in the
/// queue's order, until the queue is closed and empty or the client stops reading. Each frame
/// is written from where it was built: tokio's stdout copied every frame into a buffer of its
/// own for a thread of its pool (660 KB per keystroke on a 1 MB note, kept between them).
pub fn write_output(ours: &Outgoing, mut output: impl std::io::Write) {
    loop {
        // Read before draining: whatever was queued before the close is then written below.
        let closed = ours.is_closed();
        while let Some(frame) = ours.next() {
            if output.write_all(frame.frame()).is_err() {
                ours.close();
                return;
            }
        }
        let _ = output.flush();
        if closed {
            return;
        }
        ours.wait_ready();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(uri: &str, version: i32) -> Publication {
        Publication {
            uri: uri.parse::<Uri>().unwrap(),
            diagnostics: Diagnostics::Built(Vec::new()),
            version: Some(version),
        }
    }

    #[test]
    fn one_publication_per_document_waits() {
        let out = Outgoing::default();
        out.publish(params("file:///a.md", 1));
        out.publish(params("file:///b.md", 1));
        out.publish(params("file:///a.md", 2));
        out.frame(b"x".to_vec());
        let next = || out.next().map(|frame| frame.frame().to_vec());
        assert_eq!(next(), Some(b"x".to_vec()));
        let first = String::from_utf8(next().unwrap()).unwrap();
        assert!(
            first.contains("a.md") && first.contains("\"version\":2"),
            "{first}"
        );
        let second = String::from_utf8(next().unwrap()).unwrap();
        assert!(second.contains("b.md"), "{second}");
        assert_eq!(next(), None);
    }

    #[test]
    fn a_written_publication_is_the_serialized_one() {
        let text = "---\nhindsight: true\n---\n# Notes\n\n## Billing \"move\"\n\nAction: we moved it.\n\n## Hiring\n\n- **Rubric** — I rewrote it.\n  - Result: 2 weeks faster.\n";
        let analysis = super::super::analysis::of_career_note(text, 3);
        assert!(!analysis.findings().is_empty());
        let uri: Uri = "file:///notes/a%20b.career.md".parse().unwrap();
        let body = |frame: Vec<u8>| -> serde_json::Value {
            let at = frame.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            serde_json::from_slice(&frame[at..]).unwrap()
        };
        let diagnostics = super::super::diagnostics::diagnostics(&analysis);
        for version in [Some(3), None] {
            let serialized = serialize(&uri, version, &diagnostics, diagnostics.len()).unwrap();
            let (written, _) = written(&uri, version, &analysis, None).unwrap();
            assert_eq!(body(written.frame().to_vec()), body(serialized));
        }
    }

    #[test]
    fn a_pull_answered_by_hand_is_the_library_s_answer() {
        let text = "---\nhindsight: true\n---\n# Notes\n\n## Billing \"move\"\n\nAction: we moved it.\n\n## Hiring\n\n- **Rubric** — I rewrote it.\n  - Result: 2 weeks faster.\n";
        let analysis = super::super::analysis::of_career_note(text, 3);
        assert!(!analysis.findings().is_empty());
        let body = |frame: &[u8]| -> serde_json::Value {
            let at = frame.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            serde_json::from_slice(&frame[at..]).unwrap()
        };
        let report = super::super::diagnostics::full_report(&analysis);
        for id in [
            tower_lsp_server::jsonrpc::Id::Number(7),
            tower_lsp_server::jsonrpc::Id::String("a\"b".to_string()),
        ] {
            let library = serde_json::json!({"jsonrpc": "2.0", "id": id, "result": report});
            let (frame, written) = pulled_report(&id, &analysis, None).unwrap();
            assert_eq!(body(frame.frame()), library);
            // Copied from the first, the second is the same.
            let (again, _) = pulled_report(&id, &analysis, Some(&written)).unwrap();
            assert_eq!(body(again.frame()), library);
        }
    }

    #[test]
    fn other_frames_are_bounded() {
        let out = Outgoing::default();
        for _ in 0..20 {
            out.frame(vec![0; MAX_QUEUED_BYTES / 10]);
        }
        let mut n = 0;
        while out.next().is_some() {
            n += 1;
        }
        assert_eq!(n, 10);
    }
}
