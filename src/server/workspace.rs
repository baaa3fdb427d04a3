//! What the server knows beyond open documents: workspace roots, `.hindsight.toml` files,
//! the LSP settings, and the index of experiences behind workspace symbols and the story bank.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::config::{self, Config, ConfigError, FileCache, Settings};
use crate::line_index::{Encoding, LineIndex};

use crate::limits::{MAX_FILE_BYTES, MAX_SCAN_DEPTH, MAX_SCAN_FILES};

/// Settings per document, from the nearest `.hindsight.toml` overlaid with the LSP settings.
#[derive(Default)]
pub struct Configs {
    /// The workspace folders, as the client names them; see [`Configs::set_roots`].
    pub roots: Vec<PathBuf>,
    /// The same, with symlinks resolved: what is read from disk must be inside one of them.
    canonical_roots: Vec<PathBuf>,
    /// The `hindsight` section of the client's settings.
    pub client_settings: Value,
    /// Config files found and read (the cache `hindsight check` uses too).
    files: FileCache,
    /// Config file (or none) → compiled settings.
    compiled: HashMap<Option<PathBuf>, Arc<Settings>>,
    /// Problems in the client's settings, reported once per change.
    pub settings_errors: Vec<ConfigError>,
}

/// The settings that apply to one document.
pub struct Resolved {
    pub settings: Arc<Settings>,
    /// The folder `include` / `exclude` globs are relative to.
    pub base: Option<PathBuf>,
    /// The config file, if any, and whether it was just read (its problems are then reported).
    pub file: Option<PathBuf>,
    pub freshly_read: bool,
}

impl Configs {
    /// Forgets everything read from disk (a config file was created, changed or deleted).
    pub fn invalidate_files(&mut self) {
        self.files.clear();
        self.compiled.clear();
    }

    /// New client settings.
    pub fn set_client_settings(&mut self, value: Value) {
        let section = match value.get("hindsight") {
            Some(inner) if inner.is_object() => inner.clone(),
            _ => value,
        };
        self.settings_errors = config::from_settings(&section).1;
        self.client_settings = section;
        self.compiled.clear();
    }

    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.canonical_roots = roots
            .iter()
            .map(|r| r.canonicalize().unwrap_or_else(|_| r.clone()))
            .collect();
        self.roots = roots;
        self.invalidate_files();
    }

    /// Whether a file on disk is inside a workspace folder once symlinks are resolved (a file
    /// that does not exist is not).
    pub fn inside_workspace(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| self.canonical_roots.iter().any(|r| real.starts_with(r)))
    }

    pub fn root_of(&self, path: &Path) -> Option<&PathBuf> {
        self.roots
            .iter()
            .filter(|r| path.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
    }

    pub fn resolve(&mut self, path: Option<&Path>) -> Resolved {
        let folder = path.and_then(Path::parent).map(Path::to_path_buf);
        let root = path.and_then(|p| self.root_of(p).cloned());
        let file = folder.as_deref().and_then(|folder| {
            // Outside every workspace folder: up to the document's repository or the home
            // folder, never higher.
            let bound = || {
                root.clone().or_else(|| {
                    let home = std::env::var_os("HOME").map(PathBuf::from);
                    Some(config::lookup_bound(folder, home.as_deref()))
                })
            };
            self.files.nearest(folder, bound)
        });
        let freshly_read = file.as_deref().is_some_and(|f| self.files.load(f).2);
        let settings = match self.compiled.get(&file) {
            Some(s) => s.clone(),
            None => {
                let default = Config::default();
                let base_config = match &file {
                    Some(f) => self.files.load(f).0,
                    None => &default,
                };
                let (merged, _) = config::overlay(base_config, &self.client_settings);
                let compiled = Arc::new(Settings::new(merged));
                self.compiled.insert(file.clone(), compiled.clone());
                compiled
            }
        };
        let base = file
            .as_ref()
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .or(root);
        Resolved {
            settings,
            base,
            file,
            freshly_read,
        }
    }

    /// Problems found in a config file.
    pub fn file_errors(&self, file: &Path) -> &[ConfigError] {
        self.files.errors(file)
    }
}

/// Career notes by name or by the `include` globs (front matter is checked on the text).
pub fn career_by_path(path: Option<&Path>, resolved: &Resolved, uri_path: &str) -> bool {
    let Some(path) = path else {
        return crate::career_files::named_like_career_notes(Path::new(uri_path));
    };
    // Folder names count from the workspace (or configuration) root down, not above it.
    let relative = resolved
        .base
        .as_deref()
        .and_then(|base| path.strip_prefix(base).ok())
        .unwrap_or(path);
    crate::career_files::named_like_career_notes(relative)
        || (resolved.settings.included(relative) && !resolved.settings.excluded(relative))
}

/// One experience in the workspace index.
#[derive(Debug, Clone)]
pub struct IndexedExperience {
    pub title: String,
    pub start: (u32, u32),
    pub end: (u32, u32),
    /// For the story bank.
    pub themes: crate::stories::themes::Themes,
    pub readiness: u8,
}

/// Experiences of career-notes files on disk, for workspace symbols.
#[derive(Default)]
pub struct Index {
    pub files: HashMap<PathBuf, Vec<IndexedExperience>>,
}

/// Reads one file for the index; `None` when it is not career notes or cannot be read.
pub fn index_file(
    path: &Path,
    configs_snapshot: &Settings,
    include_match: bool,
    encoding: Encoding,
) -> Option<Vec<IndexedExperience>> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            eprintln!("hindsight: not indexed ({e}): {}", path.display());
            return None;
        }
    };
    if !meta.is_file() {
        return None; // a FIFO or device behind a name: never opened
    }
    if meta.len() >= MAX_FILE_BYTES {
        eprintln!(
            "hindsight: not indexed (over {} MB): {}",
            MAX_FILE_BYTES / 1_048_576,
            path.display()
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("hindsight: not indexed ({e}): {}", path.display());
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("hindsight: not indexed (not UTF-8): {}", path.display());
        return None;
    };
    let by_name = crate::career_files::named_like_career_notes(path) || include_match;
    if !by_name && !crate::frontmatter::read(&text).marks_career_notes {
        return None;
    }
    let notes = std::panic::catch_unwind(|| crate::notes::parse(&text, configs_snapshot)).ok()?;
    Some(index_notes(&notes, &text, encoding))
}

pub fn index_notes(
    notes: &crate::notes::Notes,
    text: &str,
    encoding: Encoding,
) -> Vec<IndexedExperience> {
    let lines = LineIndex::new(text, encoding);
    notes
        .experiences
        .iter()
        .map(|e| {
            let (sl, sc) = lines.position(text, e.title_range.start);
            let (el, ec) = lines.position(text, e.title_range.end);
            let (themes, readiness) = crate::stories::story_facts(notes, e, text);
            IndexedExperience {
                title: e.title.clone(),
                start: (sl as u32, sc as u32),
                end: (el as u32, ec as u32),
                themes,
                readiness,
            }
        })
        .collect()
}

/// Markdown files under `root` that may be career notes: the walk `check` makes too,
/// bounded in depth, size and count.
pub fn scan_candidates(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let bounds = crate::walk::Bounds {
        max_depth: Some(MAX_SCAN_DEPTH),
        max_file_bytes: Some(MAX_FILE_BYTES),
    };
    for entry in crate::walk::files(root, bounds).flatten() {
        if out.len() >= MAX_SCAN_FILES {
            eprintln!(
                "hindsight: stopped indexing {} after {MAX_SCAN_FILES} files",
                root.display()
            );
            break;
        }
        let name = entry.file_name().to_str().unwrap_or("");
        if crate::career_files::is_markdown(name) {
            out.push(entry.into_path());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_settings_section() {
        let mut configs = Configs::default();
        configs.set_client_settings(serde_json::json!({"hindsight": {"inlay_hints": false}}));
        assert!(!configs.resolve(None).settings.inlay_hints());
        configs.set_client_settings(serde_json::json!({"inlay_hints": true, "bogus": 1}));
        assert!(configs.resolve(None).settings.inlay_hints());
        assert_eq!(configs.settings_errors.len(), 1);
    }
}
