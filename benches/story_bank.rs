//! The story bank over a workspace of 10,000 notes files (SPEC §8: at most 1 s): every file
//! read from disk, parsed, its stories' themes read, and the questions mapped to them. Run
//! with `cargo bench --bench story_bank`.
//!
//! Each file is a few generated experiences (about 3 KB), as one file per employer or per
//! year keeps them.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hindsight::Settings;
use hindsight::report::{self, Report};

#[path = "common/notes.rs"]
mod common;

const FILES: usize = 10_000;

/// Reads, parses and banks every file: what `hindsight report` does, without the printing.
fn bank(paths: &[PathBuf], settings: &Settings) -> Report {
    let sheets = paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let notes = hindsight::notes::parse(&text, settings);
            Some(report::sheet(
                &path.display().to_string(),
                &notes,
                &text,
                settings,
            ))
        })
        .collect();
    Report::new(sheets, &settings.questions)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let note = common::notes(3 * 1024);
    let paths: Vec<PathBuf> = (0..FILES)
        .map(|i| {
            let path = dir.path().join(format!("{i:05}.career.md"));
            // A different title per file, so that no two files are the same text.
            std::fs::write(&path, format!("# Notes {i}\n\n{note}")).expect("write a note");
            path
        })
        .collect();
    let settings = Settings::default();
    let report = bank(&paths, &settings);
    let stories = report.experiences().count();
    assert!(stories >= FILES, "too few stories: {stories}");
    assert!(report.coverage.covered > 0, "no question covered");
    eprintln!(
        "story bank: {FILES} files, {stories} stories, {}",
        report.coverage.summary()
    );
    let mut group = c.benchmark_group("story_bank");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10k_files", |b| {
        b.iter(|| bank(black_box(&paths), &settings))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
