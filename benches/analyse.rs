//! `hindsight::analyse` on generated career notes of 100 KB, 1 MB and 5 MB (SPEC §8: at most
//! 10 ms per MB). Run with `cargo bench --bench analyse`.
//!
//! The notes are built by repeating varied experiences, each with a unique title, under
//! employer headings: sub-heading parts, bold label lines, list labels, callouts, code blocks,
//! comments, suppressions, emoji and CJK text, some parts missing or empty, as people write them.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hindsight::{Settings, analyse};

#[path = "common/notes.rs"]
mod common;
use common::notes;

fn bench(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("analyse");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for (name, size) in [
        ("100KB", 100 * 1024),
        ("1MB", 1024 * 1024),
        ("5MB", 5 * 1024 * 1024),
    ] {
        let text = notes(size);
        // Sanity: the generated notes are what the bench claims to measure.
        let (parsed, findings) = analyse(&text, &settings);
        assert!(
            parsed.experiences.len() > size / 1000,
            "{name}: too few experiences"
        );
        assert!(!findings.is_empty());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| analyse(black_box(text), &settings))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
