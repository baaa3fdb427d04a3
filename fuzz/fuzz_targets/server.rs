//! Target 4: arbitrary bytes fed to the whole server (our framing, then tower-lsp and the
//! handlers) in-process. No panic (libFuzzer's panic hook aborts, so even a panic the server
//! contains is a finding), and no hang: `serve` must return within 2 s.
//!
//! Input: the first byte picks how the input is delivered (chunk size, and whether reads
//! sometimes return `Pending` so the server runs between chunks); the rest is the byte stream.
//!
//! Hangs found so far (fixed; replayed in tests/fuzz_regressions.rs): an unanswered
//! `workspace/configuration` kept `serve` from returning after `exit`, and an unanswered
//! `workspace/applyEdit` kept it from returning at the end of its input.
#![no_main]

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use tokio::io::{AsyncRead, ReadBuf};

/// Delivers `data` in chunks of at most `chunk` bytes, every other read `Pending` if `yields`.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    chunk: usize,
    yields: bool,
    yielded: bool,
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

fuzz_target!(|data: &[u8]| {
    let Some((&mode, stream)) = data.split_first() else {
        return;
    };
    let chunk = match mode & 0x0f {
        0 => usize::MAX,
        1 => 1,
        n => 1 << n, // 4 bytes … 32 KiB
    };
    let input = Trickle {
        data: stream.to_vec(),
        at: 0,
        chunk,
        yields: mode & 0x10 != 0,
        yielded: false,
    };
    let runtime = if mode & 0x20 != 0 {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .expect("a runtime");
    let returned = runtime.block_on(async {
        let serve = hindsight::server::serve(input, tokio::io::sink());
        tokio::pin!(serve);
        let start = Instant::now();
        loop {
            tokio::select! {
                _ = &mut serve => return true,
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
            let waited = start.elapsed();
            if waited >= Duration::from_secs(2) {
                return false;
            }
        }
    });
    // A workspace scan of a fuzzed root URI may still be running on the blocking pool.
    runtime.shutdown_timeout(Duration::from_millis(500));
    if !returned {
        panic!("the server did not return within 2 s");
    }
});
