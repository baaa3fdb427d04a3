//! Configuration: `.hindsight.toml` files and the LSP `hindsight` settings (SPEC §7).
//!
//! Both take the same keys. Every problem is reported as a [`ConfigError`] (with the line
//! for files) and the broken key falls back to its default; the rest of the file still applies.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value as Json;

use crate::kinds::{PartKind, RuleCode, Severity};
use crate::labels::Vocabulary;
use crate::notes::prose::Cues;
use crate::prompts::Prompts;
use crate::stories::questions::Questions;
use crate::stories::themes::Theme;

mod files;
mod keys;

pub use files::{FileCache, MAX_CONFIG_BYTES, find_file, load_file, lookup_bound, run_bound};
use keys::{from_json, locate};

pub const FILE_NAME: &str = ".hindsight.toml";

/// Settings as written by the user, before compilation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// `None` is `auto`.
    pub experience_level: Option<u8>,
    pub inlay_hints: bool,
    /// Per rule: `Some(None)` turns it off, `None` keeps the default.
    pub rules: Vec<(RuleCode, Option<Severity>)>,
    pub labels: Vec<(PartKind, Vec<String>)>,
    /// Prose cue phrases per kind, added to the built-in lexicon.
    pub cues: Vec<(PartKind, Vec<String>)>,
    pub prompts: Vec<(PartKind, String)>,
    /// `[questions]`: interview questions added, changed or (with no theme) removed.
    pub questions: Vec<(String, Vec<Theme>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            include: Vec::new(),
            exclude: Vec::new(),
            experience_level: None,
            inlay_hints: true,
            rules: Vec::new(),
            labels: Vec::new(),
            cues: Vec::new(),
            prompts: Vec::new(),
            questions: Vec::new(),
        }
    }
}

/// A problem in a configuration, reported to the user; never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = match (&self.path, self.line) {
            (Some(p), Some(l)) => format!("{}:{l}: ", p.display()),
            (Some(p), None) => format!("{}: ", p.display()),
            (None, Some(l)) => format!("line {l}: "),
            (None, None) => "hindsight settings: ".to_string(),
        };
        write!(f, "{place}{}", self.message)
    }
}

/// Compiled settings: what the analysis, the rules and the file filter need.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    pub experience_level: Option<u8>,
    pub vocabulary: Vocabulary,
    pub cues: Cues,
    pub prompts: Prompts,
    pub questions: Questions,
    severities: [Option<Severity>; RuleCode::ALL.len()],
    include: GlobSet,
    exclude: GlobSet,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new(Config::default())
    }
}

impl Settings {
    pub fn new(config: Config) -> Settings {
        let mut severities = RuleCode::ALL.map(|c| Some(c.default_severity()));
        for (code, severity) in &config.rules {
            severities[*code as usize] = *severity;
        }
        Settings {
            experience_level: config.experience_level,
            vocabulary: Vocabulary::new(&config.labels),
            cues: Cues::new(&config.cues),
            prompts: Prompts::with_overrides(&config.prompts),
            questions: Questions::new(&config.questions),
            severities,
            include: glob_set(&config.include),
            exclude: glob_set(&config.exclude),
            config,
        }
    }

    /// The same settings with an explicit experience level.
    pub fn with_experience_level(&self, level: u8) -> Settings {
        let mut local = self.clone();
        local.experience_level = Some(level);
        local
    }

    /// The same settings with experiences chosen automatically.
    pub fn with_auto_level(&self) -> Settings {
        let mut local = self.clone();
        local.experience_level = None;
        local
    }

    /// The configured severity of a rule, `None` when it is off.
    pub fn severity(&self, code: RuleCode) -> Option<Severity> {
        self.severities[code as usize]
    }

    pub fn inlay_hints(&self) -> bool {
        self.config.inlay_hints
    }

    /// Whether `relative` (a path relative to the configuration's folder or workspace root)
    /// is matched by `include` / `exclude`.
    pub fn included(&self, relative: &Path) -> bool {
        self.include.is_match(relative)
    }
    pub fn excluded(&self, relative: &Path) -> bool {
        self.exclude.is_match(relative)
    }
}

fn glob_set(patterns: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        if let Ok(glob) = Glob::new(pattern) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Reads a `.hindsight.toml` text. Returns the configuration (defaults where broken) and the
/// problems found.
pub fn from_toml(source: &str, path: Option<&Path>) -> (Config, Vec<ConfigError>) {
    let error = |line: Option<usize>, message: String| ConfigError {
        path: path.map(Path::to_path_buf),
        line,
        message,
    };
    let table: toml::Table = match toml::from_str(source) {
        Ok(table) => table,
        Err(e) => {
            // An error at the very end (an unclosed array) points past the last line.
            let last_line = source.lines().count().max(1);
            let line = e.span().map(|s| {
                (source[..s.start.min(source.len())].matches('\n').count() + 1).min(last_line)
            });
            let message = e.message().trim().to_string();
            return (
                Config::default(),
                vec![error(line, format!("not valid TOML: {message}"))],
            );
        }
    };
    let json = match serde_json::to_value(&table) {
        Ok(json) => json,
        Err(e) => return (Config::default(), vec![error(None, e.to_string())]),
    };
    let (config, problems) = from_json(&json, false);
    let errors = problems
        .into_iter()
        .map(|p| error(locate(source, &p.table, &p.key), p.message))
        .collect();
    (config, errors)
}

/// Reads the `hindsight` section of LSP settings. The client-only keys `server` and `trace`
/// (VS Code) are ignored.
pub fn from_settings(value: &Json) -> (Config, Vec<ConfigError>) {
    let (config, problems) = from_json(value, true);
    let errors = problems
        .into_iter()
        .map(|p| ConfigError {
            path: None,
            line: None,
            message: p.message,
        })
        .collect();
    (config, errors)
}

/// Settings override the file key by key: a key present in `settings` wins.
pub fn overlay(file: &Config, settings: &Json) -> (Config, Vec<ConfigError>) {
    let (from_settings, errors) = from_settings(settings);
    let mut merged = file.clone();
    let Some(map) = settings.as_object() else {
        return (merged, errors);
    };
    if map.contains_key("include") {
        merged.include = from_settings.include;
    }
    if map.contains_key("exclude") {
        merged.exclude = from_settings.exclude;
    }
    if map.contains_key("experience_level") {
        merged.experience_level = from_settings.experience_level;
    }
    if map.contains_key("inlay_hints") {
        merged.inlay_hints = from_settings.inlay_hints;
    }
    merged.rules.extend(from_settings.rules);
    merged.labels.extend(from_settings.labels);
    merged.cues.extend(from_settings.cues);
    merged.prompts.extend(from_settings.prompts);
    merged.questions.extend(from_settings.questions);
    (merged, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let source = r#"
include = ["career/**/*.md"]
exclude = ["drafts/**"]
experience_level = 3
inlay_hints = false

[rules]
missing-hindsight = "off"
vague-result = "warning"

[labels]
result = ["Wins"]

[prompts]
lesson = "What will you do the same way next time?"

[questions]
"Tell me about a time you took a risk." = []
"Tell me about a night shift that went wrong." = ["failure", "deadline"]
"#;
        let (config, errors) = from_toml(source, None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.experience_level, Some(3));
        assert!(!config.inlay_hints);
        let settings = Settings::new(config);
        assert_eq!(settings.severity(RuleCode::MissingHindsight), None);
        assert_eq!(
            settings.severity(RuleCode::VagueResult),
            Some(Severity::Warning)
        );
        assert_eq!(
            settings.severity(RuleCode::MissingResult),
            Some(Severity::Warning)
        );
        assert_eq!(
            settings.prompts.get(PartKind::Lesson),
            "What will you do the same way next time?"
        );
        assert!(
            !settings
                .questions
                .iter()
                .any(|q| q.text.contains("took a risk"))
        );
        let added = settings.questions.iter().last().unwrap();
        assert_eq!(added.text, "Tell me about a night shift that went wrong.");
        assert!(added.themes.contains(Theme::Deadline));
        assert!(settings.included(Path::new("career/2024/a.md")));
        assert!(settings.excluded(Path::new("drafts/x.md")));
    }

    #[test]
    fn problems_name_the_line_and_keep_the_rest() {
        let source =
            "inlay_hints = false\ncolour = 1\n[rules]\nmissing-result = \"loud\"\nnope = \"off\"\n";
        let (config, errors) = from_toml(source, Some(Path::new("x/.hindsight.toml")));
        assert!(!config.inlay_hints);
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(2), Some(4), Some(5)]);
        assert!(
            errors[0]
                .to_string()
                .starts_with("x/.hindsight.toml:2: unknown key `colour`")
        );
    }

    #[test]
    fn an_unknown_theme_is_named_with_the_known_ones() {
        let source = "[questions]\n\"Tell me about a rota clash.\" = [\"clash\"]\n";
        let (config, errors) = from_toml(source, None);
        assert!(config.questions.is_empty());
        assert_eq!(errors[0].line, Some(2));
        assert!(
            errors[0].message.contains("unknown theme `clash`"),
            "{errors:?}"
        );
        assert!(errors[0].message.contains("conflict"));
    }

    #[test]
    fn syntax_errors_give_defaults() {
        let (config, errors) = from_toml("rules = [\n", None);
        assert_eq!(config, Config::default());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.starts_with("not valid TOML"));
    }

    #[test]
    fn a_command_line_run_looks_up_to_its_folder_or_repository() {
        let dir = std::env::temp_dir().join(format!("hindsight-run-{}", std::process::id()));
        let repo = dir.join("outer").join("repo");
        let deep = repo.join("notes").join("2024");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        let home = Path::new("/nonexistent-home");
        // Run inside the repository: up to the repository, whatever folder it was run in.
        assert_eq!(
            run_bound(&deep, Some(&repo.join("notes")), Some(home)),
            repo
        );
        // Run above it: up to the run's folder.
        assert_eq!(run_bound(&deep, Some(&dir), Some(home)), dir);
        // A file outside the run's folder: its repository.
        assert_eq!(
            run_bound(&deep, Some(Path::new("/elsewhere")), Some(home)),
            repo
        );
        // No repository, no home above: the run's folder, else the file's own folder.
        let bare = dir.join("bare").join("x");
        std::fs::create_dir_all(&bare).unwrap();
        assert_eq!(run_bound(&bare, Some(&dir), Some(home)), dir);
        assert_eq!(run_bound(&bare, None, Some(home)), bare);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn lookups_stop_at_a_repository_or_home() {
        let dir = std::env::temp_dir().join(format!("hindsight-bound-{}", std::process::id()));
        let deep = dir.join("repo").join("notes").join("2024");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(dir.join("repo").join(".git")).unwrap();
        assert_eq!(lookup_bound(&deep, None), dir.join("repo"));
        assert_eq!(
            lookup_bound(&deep, Some(&dir.join("repo").join("notes"))),
            dir.join("repo").join("notes")
        );
        let bare = dir.join("bare");
        std::fs::create_dir_all(&bare).unwrap();
        assert_eq!(lookup_bound(&bare, Some(Path::new("/nonexistent"))), bare);
        // A config above the bound is not found; one that links out of the root is skipped.
        std::fs::write(dir.join(FILE_NAME), "").unwrap();
        let repo = dir.join("repo");
        assert_eq!(find_file(&deep, Some(&repo)), None);
        std::os::unix::fs::symlink(dir.join(FILE_NAME), repo.join(FILE_NAME)).unwrap();
        assert_eq!(find_file(&deep, Some(&repo)), None);
        assert_eq!(find_file(&deep, None), Some(repo.join(FILE_NAME)));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn lsp_settings_override_the_file() {
        let (file, _) = from_toml("experience_level = 3\ninlay_hints = false\n", None);
        let settings = serde_json::json!({"inlay_hints": true, "server": {"path": "x"}, "rules": {"we-not-i": "off"}});
        let (merged, errors) = overlay(&file, &settings);
        assert!(errors.is_empty());
        assert_eq!(merged.experience_level, Some(3));
        assert!(merged.inlay_hints);
        assert_eq!(Settings::new(merged).severity(RuleCode::WeNotI), None);
    }
}
