//! Which files `check` and `report` read, and reading them safely: folders are walked
//! honouring `.gitignore`; a file named on the command line is always analysed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{self, ConfigError, Settings};

use crate::limits::MAX_FILE_BYTES;

/// A file chosen for analysis, with the settings that apply to it.
pub struct Target {
    pub path: PathBuf,
    pub settings: std::sync::Arc<Settings>,
    /// Career notes by name, folder, `include` or front matter. A file named on the command
    /// line that is not is still analysed, but only counts if its content reads like notes.
    pub known: bool,
}

/// The outcome of collecting targets: files to analyse and one-line errors.
#[derive(Default)]
pub struct Collected {
    pub targets: Vec<Target>,
    pub errors: Vec<String>,
    /// Markdown files a folder walk passed over because they are not career notes.
    pub skipped_markdown: usize,
    /// Canonical paths already chosen, so that no file is checked (or fixed) twice.
    seen: std::collections::HashSet<PathBuf>,
}

/// Settings per folder, from the nearest `.hindsight.toml`, loaded once each.
#[derive(Default)]
pub struct ConfigCache {
    /// Config files found and read (the cache the server uses too).
    files: config::FileCache,
    /// Config file (or none) → compiled settings and the folder its globs are relative to.
    compiled: HashMap<PathBuf, (std::sync::Arc<Settings>, Option<PathBuf>)>,
    pub errors: Vec<ConfigError>,
}

impl ConfigCache {
    /// The settings for a file in `folder`, and the folder its globs are relative to.
    pub fn for_folder(&mut self, folder: &Path) -> (std::sync::Arc<Settings>, Option<PathBuf>) {
        // Never above the run's folder, the file's repository or the home folder.
        let found = self.files.nearest(folder, || {
            let cwd = std::env::current_dir().ok();
            let home = std::env::var_os("HOME").map(PathBuf::from);
            Some(config::run_bound(folder, cwd.as_deref(), home.as_deref()))
        });
        let key = found.clone().unwrap_or_default();
        if let Some(hit) = self.compiled.get(&key) {
            return hit.clone();
        }
        let config = match &found {
            Some(path) => {
                let (config, errors, _) = self.files.load(path);
                // In file order, whatever order the keys were read in.
                let mut errors = errors.to_vec();
                errors.sort_by_key(|e| e.line);
                self.errors.extend(errors);
                config.clone()
            }
            None => config::Config::default(),
        };
        let base = found
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let entry = (std::sync::Arc::new(Settings::new(config)), base);
        self.compiled.insert(key, entry.clone());
        entry
    }
}

/// The one line that says why a folder run skipped Markdown files (SPEC §6), or `None`.
pub fn skipped_note(collected: &Collected) -> Option<String> {
    let n = collected.skipped_markdown;
    (n > 0).then(|| {
        format!(
            "{n} Markdown {} skipped: not career notes — name them *.career.md (or brag.md, \
             accomplishments.md, …), add `hindsight: true` front matter, or `include` them in \
             .hindsight.toml; see `hindsight check --help`",
            if n == 1 { "file" } else { "files" }
        )
    })
}

/// Resolves command-line paths (default `.`) into files to analyse.
pub fn collect(paths: &[PathBuf], configs: &mut ConfigCache) -> Collected {
    let mut out = Collected::default();
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    for path in paths {
        if !seen_path(&mut out, path) {
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => out
                .errors
                .push(format!("{}: {}", path.display(), describe(&e))),
            Ok(meta) if meta.is_dir() => walk(path, configs, &mut out),
            Ok(_) => {
                let folder = absolute_parent(path);
                let (settings, base) = configs.for_folder(&folder);
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                let relative = base
                    .as_deref()
                    .and_then(|b| absolute.strip_prefix(b).ok())
                    .unwrap_or(path);
                let known = is_candidate(path, relative, &settings);
                out.targets.push(Target {
                    path: path.clone(),
                    settings,
                    known,
                });
            }
        }
    }
    out
}

fn walk(root: &Path, configs: &mut ConfigCache, out: &mut Collected) {
    let bounds = crate::walk::Bounds::default();
    let mut found: Vec<Target> = Vec::new();
    for entry in crate::walk::files(root, bounds) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.errors.push(walk_error(&e));
                continue;
            }
        };
        let path = entry.path();
        let folder = absolute_parent(path);
        let (settings, base) = configs.for_folder(&folder);
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = base
            .as_deref()
            .and_then(|b| absolute.strip_prefix(b).ok())
            .or_else(|| path.strip_prefix(root).ok())
            .unwrap_or(path)
            .to_path_buf();
        if settings.excluded(&relative) {
            continue;
        }
        if is_candidate(path, &relative, &settings) {
            found.push(Target {
                path: path.to_path_buf(),
                settings,
                known: true,
            });
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(crate::career_files::is_markdown)
        {
            out.skipped_markdown += 1;
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    for target in found {
        if seen_path(out, &target.path) {
            out.targets.push(target);
        }
    }
}

/// A folder-walk error in the same words as the other read errors: `path: cannot read: …`.
fn walk_error(e: &ignore::Error) -> String {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    match (path_of(e), e.io_error()) {
        (Some(path), Some(io)) => format!("{}: {}", path.display(), describe(io)),
        _ => e.to_string(),
    }
}

/// Records `path` as chosen; false when the same file (or folder) was already chosen, under
/// this name or another (`a.career.md ./a.career.md`, or a file also found in a named folder).
fn seen_path(out: &mut Collected, path: &Path) -> bool {
    let key = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf());
    out.seen.insert(key)
}

/// Career notes by name, by `include`, or (for Markdown files) by front matter.
fn is_candidate(path: &Path, relative: &Path, settings: &Settings) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if crate::career_files::named_like_career_notes(relative) || settings.included(relative) {
        return true;
    }
    if !crate::career_files::is_markdown(name) {
        return false;
    }
    // Only the head is needed to find front matter.
    let Ok(head) = read_head(path, 64 * 1024) else {
        return false;
    };
    let text = String::from_utf8_lossy(&head);
    crate::frontmatter::read(&text).marks_career_notes
}

fn read_head(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::fs::File::open(path)?.take(max).read_to_end(&mut buf)?;
    Ok(buf)
}

fn absolute_parent(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A file read for analysis.
pub struct ReadFile {
    pub text: String,
    /// The bytes read, to tell later whether the file still holds them.
    pub bytes: Vec<u8>,
    /// The file's identity and last change as it was opened, before reading.
    pub stamp: super::write::Stamp,
}

/// Runs `work` on every target on as many threads as there are cores (at most 8) and returns
/// the results in the targets' order: files are read and analysed independently. `work`
/// contains its own panics (see `super::guarded`); a target whose thread still died gets
/// `None`. Fewer than [`FEW_FILES`] targets are done on this thread: threads pay off over many
/// files, and a couple of large ones analysed at once would only double the peak memory.
pub fn each_in_parallel<R: Send>(
    targets: &[Target],
    work: impl Fn(&Target) -> R + Sync,
) -> Vec<Option<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(targets.len());
    if threads <= 1 || targets.len() < FEW_FILES {
        return targets.iter().map(|t| Some(work(t))).collect();
    }
    let chunk = targets.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = targets
            .chunks(chunk)
            .map(|part| {
                (
                    part.len(),
                    scope.spawn(|| part.iter().map(&work).collect::<Vec<R>>()),
                )
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(len, part)| match part.join() {
                Ok(results) => results.into_iter().map(Some).collect::<Vec<_>>(),
                Err(_) => (0..len).map(|_| None).collect(),
            })
            .collect()
    })
}

/// Below this many targets, [`each_in_parallel`] uses no thread.
pub const FEW_FILES: usize = 8;

/// What a target whose analysis thread died gets instead of its result.
pub const THREAD_DIED: &str =
    "internal error while analysing (please report): the analysis thread stopped";

/// Reads a file as text for analysis, or says in one line why it cannot be analysed.
pub fn read_text(path: &Path) -> Result<ReadFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| describe(&e))?;
    // A FIFO would block the open until someone writes to it, a terminal until someone types,
    // a device might never end: only regular files are read (folder walks skip the rest).
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "skipped: {:.1} MB is over the {} MB limit",
            meta.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    // The size on disk can lie (a file still growing, or replaced by a device since): read at
    // most one byte over the limit, whatever the metadata said.
    let mut bytes = Vec::new();
    let stamp = {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| describe(&e))?;
        let stamp = super::write::Stamp::of(&file.metadata().map_err(|e| describe(&e))?);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| describe(&e))?;
        stamp
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "skipped: over the {} MB limit",
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    if bytes.contains(&0) {
        return Err("skipped: binary file (contains NUL bytes)".to_string());
    }
    match String::from_utf8(bytes.clone()) {
        Ok(text) => {
            let refusal = crate::limits::refusal(text.len(), || {
                crate::limits::block_markers([text.as_str()])
            });
            match refusal {
                Some(why) => Err(format!("skipped: {why}")),
                None => Ok(ReadFile { text, bytes, stamp }),
            }
        }
        Err(e) => Err(format!(
            "skipped: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// An error message on one line (some parser messages span several), for stderr.
pub fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An I/O error in the words a user expects.
pub fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}
