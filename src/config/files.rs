//! Configuration files on disk: finding the nearest one, reading it (capped), and the cache
//! of what was read, shared by `hindsight check` and the language server.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Config, ConfigError, FILE_NAME, from_toml};

/// The nearest `.hindsight.toml` from `folder` upwards, not above `root` when given. With a
/// root, a candidate that resolves (through symlinks) to a file outside it is skipped.
pub fn find_file(folder: &Path, root: Option<&Path>) -> Option<PathBuf> {
    let canonical_root = root.and_then(|r| r.canonicalize().ok());
    let mut dir = Some(folder);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            let inside = match (root, &canonical_root) {
                (None, _) => true,
                (Some(_), Some(r)) => candidate.canonicalize().is_ok_and(|c| c.starts_with(r)),
                (Some(_), None) => false,
            };
            if inside {
                return Some(candidate);
            }
            eprintln!(
                "hindsight: ignored {}: it leads outside {}",
                candidate.display(),
                root.map_or(String::new(), |r| r.display().to_string())
            );
        }
        if root.is_some_and(|r| d == r) {
            break;
        }
        dir = d.parent();
    }
    None
}

/// Configuration files larger than this are not read (SPEC §7).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads at most [`MAX_CONFIG_BYTES`]; `Ok(None)` when the file is larger, whatever its size
/// on disk says (it is checked first, so a huge file is never read).
fn read_capped(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > MAX_CONFIG_BYTES {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_CONFIG_BYTES).then_some(bytes))
}

/// How far up a config file is looked for from `folder` when no workspace folder holds it:
/// the nearest folder holding `.git`, or the home folder, whichever comes first; `folder`
/// itself when neither is above it. Never higher.
pub fn lookup_bound(folder: &Path, home: Option<&Path>) -> PathBuf {
    let mut dir = Some(folder);
    while let Some(d) = dir {
        if d.join(".git").exists() || home.is_some_and(|h| h == d) {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    folder.to_path_buf()
}

/// How far up a config file is looked for by a command-line run: the run's folder (`cwd`) when
/// the file is inside it, as a workspace folder bounds the server's lookups; and, beyond it, up
/// to the file's repository or the home folder ([`lookup_bound`]): the higher of the two, never
/// higher than both.
pub fn run_bound(folder: &Path, cwd: Option<&Path>, home: Option<&Path>) -> PathBuf {
    let repository_or_home = lookup_bound(folder, home);
    match cwd {
        Some(cwd) if folder.starts_with(cwd) && repository_or_home.starts_with(cwd) => {
            cwd.to_path_buf()
        }
        _ => repository_or_home,
    }
}

/// Loads a configuration file; unreadable or oversized files are reported, defaults used.
pub fn load_file(path: &Path) -> (Config, Vec<ConfigError>) {
    match read_capped(path) {
        Ok(None) => (
            Config::default(),
            vec![ConfigError {
                path: Some(path.into()),
                line: None,
                message: format!("larger than {} MB, ignored", MAX_CONFIG_BYTES / 1_048_576),
            }],
        ),
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(source) => from_toml(&source, Some(path)),
            Err(_) => (
                Config::default(),
                vec![ConfigError {
                    path: Some(path.into()),
                    line: None,
                    message: "not UTF-8 text".into(),
                }],
            ),
        },
        Err(e) => (
            Config::default(),
            vec![ConfigError {
                path: Some(path.into()),
                line: None,
                message: format!("cannot read: {e}"),
            }],
        ),
    }
}

/// Config files found and read, once each: the nearest file of each folder, and each file's
/// contents and problems. The CLI and the server compile settings from it their own way (the
/// server overlays the client's settings).
#[derive(Default)]
pub struct FileCache {
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, (Config, Vec<ConfigError>)>,
}

impl FileCache {
    /// The nearest config file of `folder`, looked for up to `bound` (see [`find_file`]),
    /// which is asked for only when the folder was not looked up before (finding it may touch
    /// the disk) and must give the same answer each time for the same folder.
    pub fn nearest(
        &mut self,
        folder: &Path,
        bound: impl FnOnce() -> Option<PathBuf>,
    ) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(folder) {
            return found.clone();
        }
        let found = find_file(folder, bound().as_deref());
        self.nearest.insert(folder.to_path_buf(), found.clone());
        found
    }

    /// A file's configuration and problems, read on first use; `true` when read just now
    /// (its problems are then reported).
    pub fn load(&mut self, file: &Path) -> (&Config, &[ConfigError], bool) {
        let fresh = !self.files.contains_key(file);
        let (config, errors) = self
            .files
            .entry(file.to_path_buf())
            .or_insert_with(|| load_file(file));
        (config, errors, fresh)
    }

    /// Problems found in a file already read.
    pub fn errors(&self, file: &Path) -> &[ConfigError] {
        self.files.get(file).map_or(&[], |(_, e)| e.as_slice())
    }

    /// Forgets everything read (a config file was created, changed or deleted).
    pub fn clear(&mut self) {
        self.nearest.clear();
        self.files.clear();
    }
}
