//! The story bank over a workspace of 10,000 notes files (SPEC §8: at most 1 s), as
//! `hindsight report` builds it: the folder walked, every file read, parsed and its stories'
//! themes read (in parallel, one thread per core), the questions mapped to them. Run with
//! `cargo bench --bench story_bank`.
//!
//! Two workspaces: one story per file (about 1 KB, as a vault of one note per experience
//! keeps them), and a few stories per file (about 3 KB, one file per employer or year).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

#[path = "common/notes.rs"]
mod common;

const FILES: usize = 10_000;

/// A folder of `FILES` career-notes files of about `bytes` each, each with its own title.
fn workspace(dir: &Path, bytes: usize) {
    let note = common::notes(bytes);
    for i in 0..FILES {
        let path = dir.join(format!("{i:05}.career.md"));
        std::fs::write(&path, format!("# Notes {i}\n\n{note}")).expect("write a note");
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("story_bank");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for (name, bytes) in [("10k_files_1KB", 1024), ("10k_files_3KB", 3 * 1024)] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        workspace(dir.path(), bytes);
        let paths = vec![PathBuf::from(dir.path())];
        let (report, errors) = hindsight::cli::report_of(&paths);
        assert!(errors.is_empty(), "{errors:?}");
        let stories = report.experiences().count();
        assert!(stories >= FILES, "{name}: too few stories: {stories}");
        eprintln!(
            "story bank {name}: {FILES} files, {stories} stories, {}",
            report.coverage.summary()
        );
        group.bench_with_input(BenchmarkId::from_parameter(name), &paths, |b, paths| {
            b.iter(|| hindsight::cli::report_of(black_box(paths)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
