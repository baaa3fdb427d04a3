//! Our own reading of the LSP base protocol: the only reader of the client's bytes.
//!
//! tower-lsp-server's own reader stops after the first frame it cannot decode (its framed
//! stream ends on a decoder error), so we read stdin ourselves and hand it typed messages.
//! Every body is decoded once, straight into a JSON-RPC request or response; anything else is
//! answered with a JSON-RPC error and dropped, and reading resynchronises on the next
//! `Content-Length` header (also when a wrong length swallowed the start of the next message).

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Bodies larger than this are refused (no note is anywhere near it).
const MAX_BODY: usize = 64 * 1024 * 1024;
/// A header block longer than this is garbage.
const MAX_HEADER: usize = 8 * 1024;
const HEADER_NAME: &[u8] = b"content-length";

/// A well-formed JSON-RPC message, decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A request or a notification.
    Request(Request),
    /// The client's answer to a request of ours.
    Response(Response),
}

impl Message {
    /// The message as JSON (for clients in tests, which look at any field).
    pub fn to_value(&self) -> Value {
        match self {
            Message::Request(r) => serde_json::to_value(r),
            Message::Response(r) => serde_json::to_value(r),
        }
        .unwrap_or(Value::Null)
    }

    pub fn method(&self) -> Option<&str> {
        match self {
            Message::Request(r) => Some(r.method()),
            Message::Response(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    Message(Message),
    /// A malformed frame, to be answered with this error and dropped.
    Invalid {
        id: Value,
        code: i64,
        message: String,
    },
}

impl Frame {
    fn parse_error(message: impl Into<String>) -> Frame {
        Frame::Invalid {
            id: Value::Null,
            code: -32700,
            message: message.into(),
        }
    }
}

/// The reading buffer's capacity kept between frames (a larger one is given back once the
/// frame that needed it is read).
const KEPT_CAPACITY: usize = 64 * 1024;

/// Splits a byte stream into frames.
#[derive(Default)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// How far the body being waited for has been searched for an embedded header.
    scanned: usize,
    /// Bytes outside a frame were dropped since the last header: the rest of that run is
    /// dropped without another error (a client streaming garbage gets one answer, not one per
    /// read).
    in_garbage: bool,
}

impl FrameReader {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, or `None` until more bytes arrive.
    pub fn next_frame(&mut self) -> Option<Frame> {
        let skip = self
            .buf
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if skip > 0 {
            self.consume(skip);
        }
        if self.buf.is_empty() {
            return None;
        }
        if !starts_with_header(&self.buf) {
            return self.drop_garbage();
        }
        self.in_garbage = false;
        let Some((header_len, body_start)) = header_end(&self.buf) else {
            if self.buf.len() > MAX_HEADER {
                let next = find_header(&self.buf, 1).unwrap_or(self.buf.len());
                self.consume(next);
                return Some(Frame::parse_error("header too long"));
            }
            return None;
        };
        let length = match content_length(self.buf.get(..header_len).unwrap_or_default()) {
            Some(n) if n <= MAX_BODY => n,
            _ => {
                self.consume(body_start);
                return Some(Frame::parse_error("missing or invalid Content-Length"));
            }
        };
        if self.buf.len() - body_start >= length {
            return Some(self.take_body(body_start, length));
        }
        self.header_inside_body(body_start)
    }

    /// Garbage before a header: dropped, up to the next header if there is one; answered once
    /// per run of it.
    fn drop_garbage(&mut self) -> Option<Frame> {
        let next_header = find_header(&self.buf, 1);
        match next_header {
            Some(at) => self.consume(at),
            None if self.buf.len() > MAX_HEADER => {
                let keep = HEADER_NAME.len();
                self.consume(self.buf.len() - keep);
            }
            None if self.buf.len() >= HEADER_NAME.len()
                || !HEADER_NAME.starts_with(&lower(&self.buf)) =>
            {
                // A header whose name the read cut off stays, to be completed by the next one.
                let keep_from = partial_header_at(&self.buf);
                self.consume(keep_from);
            }
            None => return None,
        }
        if !self.in_garbage {
            self.in_garbage = true;
            return Some(Frame::parse_error("bytes outside a frame were dropped"));
        }
        // The same run: the frame at the header found, if any, is read now.
        match next_header {
            Some(_) => self.next_frame(),
            None => None,
        }
    }

    /// A whole body is there: the message, or why it is refused.
    fn take_body(&mut self, body_start: usize, length: usize) -> Frame {
        let body = self
            .buf
            .get(body_start..body_start + length)
            .unwrap_or_default()
            .to_vec();
        match check(&body) {
            Ok(message) => {
                self.consume(body_start + length);
                Frame::Message(message)
            }
            Err(invalid) => {
                // A too-short length leaves the rest of the body behind (dropped as garbage
                // next); a too-long one swallowed the next header: resume there. Only a header
                // line counts: `Content-Length` in the text of a message refused for another
                // reason (a lone surrogate escape) is not one.
                let mut resume = length;
                let mut from = 1;
                while let Some(at) = find_header(&body, from) {
                    if is_header_line(body.get(at..).unwrap_or_default()) {
                        resume = at;
                        break;
                    }
                    from = at + 1;
                }
                self.consume(body_start + resume);
                invalid
            }
        }
    }

    /// Waiting for the body: if a header turns up inside it after a complete message, the
    /// declared length was too long.
    fn header_inside_body(&mut self, body_start: usize) -> Option<Frame> {
        let mut from = self.scanned.max(body_start + 1);
        while let Some(at) = find_header(&self.buf, from) {
            let candidate =
                trim_ascii_end(self.buf.get(body_start..at).unwrap_or_default()).to_vec();
            if let Ok(message) = check(&candidate) {
                self.consume(at);
                return Some(Frame::Message(message));
            }
            // `Content-Length` inside the text of a message still arriving.
            from = at + 1;
        }
        self.scanned = self.buf.len().saturating_sub(HEADER_NAME.len());
        None
    }

    fn consume(&mut self, n: usize) {
        self.buf.drain(..n.min(self.buf.len()));
        self.scanned = 0;
        // A long note's `didOpen` grows the buffer to its size; keystrokes are small frames.
        if self.buf.capacity() > KEPT_CAPACITY && self.buf.len() < KEPT_CAPACITY / 2 {
            self.buf.shrink_to(KEPT_CAPACITY);
        }
    }
}

/// Decodes a body into a typed message, and smooths what the library would refuse although
/// clients send it: `"params": null` (Eglot, LSP4IJ) is dropped. Requests for unknown `$/`
/// methods are answered "method not found" here, since the library leaves them unanswered.
/// A request's body is parsed once; only a refused one is parsed again, as JSON, to find its
/// id and say why.
fn check(body: &[u8]) -> Result<Message, Frame> {
    match serde_json::from_slice::<Request>(body) {
        Ok(request) if !request.method().is_empty() => return accept(request),
        // `Request` takes a missing method for an empty one: a response, or nothing.
        Ok(_) => {
            if let Ok(response) = serde_json::from_slice::<Response>(body) {
                return Ok(Message::Response(response));
            }
        }
        Err(_) => {}
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Frame::parse_error(format!("Parse error: {e}")))?;
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_)))
            if id.as_i64().is_some() || id.is_string() =>
        {
            id.clone()
        }
        _ => Value::Null,
    };
    Err(Frame::Invalid {
        id,
        code: -32600,
        message: "Invalid Request".to_string(),
    })
}

fn accept(request: Request) -> Result<Message, Frame> {
    if request.method().starts_with("$/")
        && let Some(id) = request.id()
    {
        return Err(Frame::Invalid {
            id: serde_json::to_value(id).unwrap_or(Value::Null),
            code: -32601,
            message: format!("Method not found: {}", request.method()),
        });
    }
    if request.params().is_some_and(Value::is_null) {
        let (method, id, _) = request.into_parts();
        let builder = Request::build(method);
        let request = match id {
            Some(id) => builder.id(id).finish(),
            None => builder.finish(),
        };
        return Ok(Message::Request(request));
    }
    Ok(Message::Request(request))
}

fn lower(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .take(HEADER_NAME.len())
        .map(u8::to_ascii_lowercase)
        .collect()
}

fn starts_with_header(buf: &[u8]) -> bool {
    let head = lower(buf);
    head.starts_with(HEADER_NAME) || head.starts_with(b"content-type")
}

/// Where the start of a `Content-Length` cut off by the end of `buf` may begin (from offset 1
/// on), or the end of `buf`.
fn partial_header_at(buf: &[u8]) -> usize {
    let first = buf.len().saturating_sub(HEADER_NAME.len() - 1).max(1);
    (first..buf.len())
        .find(|&i| {
            let rest = buf.get(i..).unwrap_or_default();
            HEADER_NAME
                .get(..rest.len())
                .is_some_and(|name| name.eq_ignore_ascii_case(rest))
        })
        .unwrap_or(buf.len())
}

/// Offset of the next `Content-Length` at or after `from`, case-insensitive.
fn find_header(buf: &[u8], from: usize) -> Option<usize> {
    if buf.len() < HEADER_NAME.len() || from > buf.len() - HEADER_NAME.len() {
        return None;
    }
    (from..=buf.len() - HEADER_NAME.len()).find(|&i| {
        buf.get(i..i + HEADER_NAME.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(HEADER_NAME))
    })
}

/// Whether `bytes` (at a `Content-Length`) start a header line: the name, a colon, digits,
/// then the end of the line (a raw line break, which JSON text never holds) or of the bytes.
fn is_header_line(bytes: &[u8]) -> bool {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let rest = bytes.get(HEADER_NAME.len()..).unwrap_or_default();
    let rest = &rest[rest.iter().take_while(|b| blank(b)).count()..];
    let Some(rest) = rest.strip_prefix(b":") else {
        return false;
    };
    let rest = &rest[rest.iter().take_while(|b| blank(b)).count()..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &rest[digits..];
    let rest = &rest[rest.iter().take_while(|b| blank(b)).count()..];
    digits > 0 && matches!(rest.first(), None | Some(b'\r' | b'\n'))
}

/// (end of the header lines, start of the body).
fn header_end(buf: &[u8]) -> Option<(usize, usize)> {
    let limit = buf.len().min(MAX_HEADER + 4);
    let window = buf.get(..limit).unwrap_or_default();
    if let Some(i) = window.windows(4).position(|w| w == b"\r\n\r\n") {
        return Some((i, i + 4));
    }
    window
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| (i, i + 2))
}

fn content_length(header: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(header).ok()?;
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            value.trim().parse().ok()
        } else {
            None
        }
    })
}

fn trim_ascii_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    bytes.get(..end).unwrap_or_default()
}

/// A frame as bytes on the wire.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The longest header [`encode`] writes: a body's length has at most 20 digits.
const LONGEST_HEADER: usize = "Content-Length: \r\n\r\n".len() + 20;

/// A frame whose body `write` writes into the buffer (`None` when it fails), built in that one
/// buffer: room for the header is left before the body and what the header does not use is
/// removed, so a long body is neither copied to a second buffer nor held twice.
pub fn encode_into(
    capacity: usize,
    write: impl FnOnce(&mut Vec<u8>) -> Option<()>,
) -> Option<Vec<u8>> {
    let mut frame = encode_in_place(capacity, write)?;
    frame.bytes.drain(..frame.start);
    Some(frame.bytes)
}

/// [`encode_into`], leaving the room the header did not use where it is: what `write` wrote
/// stays at the offsets it was written at.
pub fn encode_in_place(
    capacity: usize,
    write: impl FnOnce(&mut Vec<u8>) -> Option<()>,
) -> Option<Encoded> {
    let mut bytes = Vec::with_capacity(LONGEST_HEADER + capacity);
    bytes.resize(LONGEST_HEADER, b' ');
    write(&mut bytes)?;
    let header = format!("Content-Length: {}\r\n\r\n", bytes.len() - LONGEST_HEADER);
    let start = LONGEST_HEADER.checked_sub(header.len())?;
    bytes
        .get_mut(start..LONGEST_HEADER)?
        .copy_from_slice(header.as_bytes());
    Some(Encoded { bytes, start })
}

/// A frame built in place: the bytes to write are `bytes[start..]`.
#[derive(Debug)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub start: usize,
}

impl Encoded {
    pub fn frame(&self) -> &[u8] {
        self.bytes.get(self.start..).unwrap_or_default()
    }
}

impl From<Vec<u8>> for Encoded {
    fn from(bytes: Vec<u8>) -> Encoded {
        Encoded { bytes, start: 0 }
    }
}

/// The JSON-RPC error response for an invalid frame.
pub fn error_response(id: &Value, code: i64, message: &str) -> Vec<u8> {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    encode(body.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    #[test]
    fn a_frame_built_in_place_is_the_encoded_frame() {
        for body in ["", "{}", PING, &"x".repeat(123_456)] {
            let framed = encode_into(3, |buffer| {
                buffer.extend_from_slice(body.as_bytes());
                Some(())
            });
            assert_eq!(framed, Some(encode(body.as_bytes())));
        }
        assert_eq!(encode_into(0, |_| None), None);
        let in_place = encode_in_place(3, |buffer| {
            buffer.extend_from_slice(PING.as_bytes());
            Some(())
        })
        .unwrap();
        assert_eq!(in_place.frame(), encode(PING.as_bytes()));
        assert_eq!(&in_place.bytes[LONGEST_HEADER..], PING.as_bytes());
    }

    /// Byte by byte, the worst case for a reader.
    fn frames(input: &[u8]) -> Vec<Frame> {
        frames_read_by(input, 1)
    }

    /// The frames of `input` read `chunk` bytes at a time.
    fn frames_read_by(input: &[u8], chunk: usize) -> Vec<Frame> {
        let mut reader = FrameReader::default();
        let mut out = Vec::new();
        for piece in input.chunks(chunk) {
            reader.push(piece);
            while let Some(f) = reader.next_frame() {
                out.push(f);
            }
        }
        out
    }

    fn is_message(f: &Frame) -> bool {
        matches!(f, Frame::Message(_))
    }

    #[test]
    fn null_params_are_dropped_and_dollar_requests_answered() {
        let input = [
            encode(br#"{"jsonrpc":"2.0","id":4,"method":"shutdown","params":null}"#),
            encode(br#"{"jsonrpc":"2.0","id":5,"method":"$/unknown"}"#),
            encode(br#"{"jsonrpc":"2.0","method":"$/unknown"}"#),
        ]
        .concat();
        let got = frames(&input);
        let Frame::Message(Message::Request(m)) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(m.params(), None);
        assert!(!serde_json::to_string(m).unwrap().contains("params"));
        assert!(matches!(&got[1], Frame::Invalid { code: -32601, id, .. } if *id == 5));
        assert!(
            is_message(&got[2]),
            "a $/ notification is passed on (and ignored)"
        );
    }

    #[test]
    fn well_formed_frames() {
        let input = [encode(PING.as_bytes()), encode(PING.as_bytes())].concat();
        let got = frames(&input);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(is_message));
    }

    #[test]
    fn malformed_json_is_answered_and_the_next_frame_read() {
        let input = [encode(b"{not json"), encode(PING.as_bytes())].concat();
        let got = frames(&input);
        assert!(matches!(got[0], Frame::Invalid { code: -32700, .. }));
        assert!(is_message(&got[1]));
    }

    #[test]
    fn valid_json_that_is_not_json_rpc() {
        let input = [
            encode(br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#),
            encode(br#"[1,2]"#),
            encode(PING.as_bytes()),
        ]
        .concat();
        let got = frames(&input);
        assert!(matches!(got[0], Frame::Invalid { code: -32600, .. }));
        assert!(matches!(got[1], Frame::Invalid { code: -32600, .. }));
        assert!(is_message(&got[2]));
    }

    #[test]
    fn too_long_content_length_resynchronises() {
        let mut bad = format!("Content-Length: {}\r\n\r\n", PING.len() + 40).into_bytes();
        bad.extend_from_slice(PING.as_bytes());
        let input = [bad, encode(PING.as_bytes())].concat();
        let got = frames(&input);
        assert!(got.iter().filter(|f| is_message(f)).count() >= 1, "{got:?}");
        assert!(is_message(got.last().unwrap()));
    }

    #[test]
    fn too_short_content_length_resynchronises() {
        let mut bad = format!("Content-Length: {}\r\n\r\n", PING.len() - 5).into_bytes();
        bad.extend_from_slice(PING.as_bytes());
        let input = [bad, encode(PING.as_bytes())].concat();
        let got = frames(&input);
        assert!(is_message(got.last().unwrap()), "{got:?}");
    }

    #[test]
    fn a_run_of_garbage_is_answered_once_however_it_is_read() {
        let garbage = vec![0u8; 200_000];
        let input = [
            garbage.clone(),
            encode(PING.as_bytes()),
            b"more garbage ".repeat(1000),
            encode(PING.as_bytes()),
        ]
        .concat();
        // Read in 7 bytes, the header after the first run starts 3 bytes into a read: the
        // bytes of its name in that read are kept for the next one.
        for chunk in [input.len(), 65_536, 4096, 13, 7, 1] {
            let got = frames_read_by(&input, chunk);
            let kinds: Vec<bool> = got.iter().map(is_message).collect();
            assert_eq!(
                kinds,
                [false, true, false, true],
                "chunks of {chunk}: {got:?}"
            );
        }
    }

    #[test]
    fn garbage_and_missing_length() {
        let input = [
            b"hello there\r\n".to_vec(),
            b"Content-Type: x\r\n\r\n".to_vec(),
            encode(PING.as_bytes()),
        ]
        .concat();
        let got = frames(&input);
        assert!(is_message(got.last().unwrap()), "{got:?}");
        assert!(got[..got.len() - 1].iter().all(|f| !is_message(f)));
    }
}
