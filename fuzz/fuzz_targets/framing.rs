//! Complement to `server`, much faster: the frame reader alone, fed in chunks (the first byte
//! picks the chunk size). No panic; every message it passes on is JSON-RPC.
#![no_main]

use hindsight::server::framing::{Frame, FrameReader, encode};
use libfuzzer_sys::fuzz_target;

fn frames(stream: &[u8], chunk: usize) -> Vec<Frame> {
    let mut reader = FrameReader::default();
    let mut out = Vec::new();
    for piece in stream.chunks(chunk.max(1)) {
        reader.push(piece);
        while let Some(frame) = reader.next_frame() {
            if let Frame::Message(message) = &frame {
                assert!(
                    message.to_value().get("jsonrpc").is_some(),
                    "a message passed on is JSON-RPC"
                );
            }
            out.push(frame);
            assert!(out.len() <= stream.len() + 1, "more frames than bytes");
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, stream)) = data.split_first() else {
        return;
    };
    let chunk = match mode & 0x0f {
        0 => stream.len(),
        n => n as usize,
    };
    let _ = frames(stream, chunk);
    // The same bytes followed by a well-formed frame: the resynchronisation paths.
    let ping = br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
    let mut framed = stream.to_vec();
    framed.extend_from_slice(b"\r\n");
    framed.extend_from_slice(&encode(ping));
    let _ = frames(&framed, chunk);
});
