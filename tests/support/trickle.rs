//! A byte stream that arrives the way a `server` fuzz input says: in chunks of a size set by
//! the mode byte, with every other read `Pending` when asked. Shared by the fuzz target and
//! the replay of its findings in tests/fuzz_regressions.rs.

use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};

pub struct Trickle {
    data: Vec<u8>,
    at: usize,
    chunk: usize,
    yields: bool,
    yielded: bool,
}

impl Trickle {
    /// Bits 0–3 of `mode`: the chunk size (0: all at once, 1: a byte, n: 2ⁿ bytes); bit 4:
    /// every other read returns `Pending` first.
    pub fn new(mode: u8, data: &[u8]) -> Trickle {
        Trickle {
            data: data.to_vec(),
            at: 0,
            chunk: match mode & 0x0f {
                0 => usize::MAX,
                1 => 1,
                n => 1 << n, // 4 bytes … 32 KiB
            },
            yields: mode & 0x10 != 0,
            yielded: false,
        }
    }
}

impl AsyncRead for Trickle {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.yields && !self.yielded {
            self.yielded = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.yielded = false;
        let n = self
            .chunk
            .min(buf.remaining())
            .min(self.data.len() - self.at);
        let at = self.at;
        buf.put_slice(&self.data[at..at + n]);
        self.at += n;
        Poll::Ready(Ok(()))
    }
}
