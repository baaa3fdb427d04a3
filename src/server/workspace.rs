//! What the server knows beyond open documents: workspace roots, `.hindsight.toml` files,
//! the LSP settings, and the index of experiences behind workspace symbols.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::config::{self, Config, ConfigError, Settings};
use crate::line_index::{Encoding, LineIndex};

/// Workspace scanning bounds.
pub const MAX_SCAN_FILES: usize = 100_000;
pub const MAX_SCAN_DEPTH: usize = 32;
pub const MAX_SCAN_BYTES: u64 = 10 * 1024 * 1024;

/// Settings per document, from the nearest `.hindsight.toml` overlaid with the LSP settings.
#[derive(Default)]
pub struct Configs {
    /// The workspace folders, as the client names them; see [`Configs::set_roots`].
    pub roots: Vec<PathBuf>,
    /// The same, with symlinks resolved: what is read from disk must be inside one of them.
    canonical_roots: Vec<PathBuf>,
    /// The `hindsight` section of the client's settings.
    pub client_settings: Value,
    /// Folder → nearest config file, as found on disk.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → its contents.
    files: HashMap<PathBuf, (Config, Vec<ConfigError>)>,
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
        self.nearest.clear();
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
        let file = match &folder {
            Some(folder) => match self.nearest.get(folder) {
                Some(found) => found.clone(),
                None => {
                    // Outside every workspace folder: up to the document's repository or the
                    // home folder, never higher.
                    let bound = match &root {
                        Some(root) => root.clone(),
                        None => {
                            let home = std::env::var_os("HOME").map(PathBuf::from);
                            config::lookup_bound(folder, home.as_deref())
                        }
                    };
                    let found = config::find_file(folder, Some(&bound));
                    self.nearest.insert(folder.clone(), found.clone());
                    found
                }
            },
            None => None,
        };
        let mut freshly_read = false;
        if let Some(f) = &file
            && !self.files.contains_key(f)
        {
            self.files.insert(f.clone(), config::load_file(f));
            freshly_read = true;
        }
        let settings = match self.compiled.get(&file) {
            Some(s) => s.clone(),
            None => {
                let base_config = file
                    .as_ref()
                    .and_then(|f| self.files.get(f))
                    .map(|(c, _)| c.clone())
                    .unwrap_or_default();
                let (merged, _) = config::overlay(&base_config, &self.client_settings);
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
        self.files.get(file).map_or(&[], |(_, e)| e.as_slice())
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
    if meta.len() > MAX_SCAN_BYTES {
        eprintln!("hindsight: not indexed (over 10 MB): {}", path.display());
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
            IndexedExperience {
                title: e.title.clone(),
                start: (sl as u32, sc as u32),
                end: (el as u32, ec as u32),
            }
        })
        .collect()
}

/// Markdown files under `root` that may be career notes: no symlinks followed, `.gitignore`
/// honoured, bounded in depth and count.
pub fn scan_candidates(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .max_depth(Some(MAX_SCAN_DEPTH))
        .max_filesize(Some(MAX_SCAN_BYTES))
        .require_git(false)
        .build();
    for entry in walker.flatten() {
        if out.len() >= MAX_SCAN_FILES {
            eprintln!(
                "hindsight: stopped indexing {} after {MAX_SCAN_FILES} files",
                root.display()
            );
            break;
        }
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let is_markdown = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if is_markdown {
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
