//! Reading the keys of a configuration (a `.hindsight.toml` table or the LSP settings, as
//! JSON): each broken key is a problem, and falls back to its default.

use serde_json::Value as Json;

use super::*;
use crate::stories::themes::Theme;

pub(super) struct Problem {
    pub table: Option<String>,
    pub key: String,
    pub message: String,
}

pub(super) fn from_json(value: &Json, lenient: bool) -> (Config, Vec<Problem>) {
    let mut reader = Reader {
        config: Config::default(),
        problems: Vec::new(),
        lenient,
    };
    let Some(map) = value.as_object() else {
        if !value.is_null() {
            reader.problem(None, "", "settings must be a table of keys".to_string());
        }
        return (reader.config, reader.problems);
    };
    for (key, value) in map {
        match key.as_str() {
            "include" | "exclude" => reader.globs(key, value),
            "experience_level" => reader.experience_level(value),
            "inlay_hints" => match value.as_bool() {
                Some(b) => reader.config.inlay_hints = b,
                None => reader.problem(
                    None,
                    key,
                    format!("`inlay_hints` must be true or false, not {value}"),
                ),
            },
            "rules" => reader.rules(value),
            "labels" | "cues" | "prompts" => reader.per_kind(key, value),
            "questions" => reader.questions(value),
            "server" | "trace" if lenient => {}
            other => reader.problem(
                None,
                other,
                format!(
                    "unknown key `{other}` (known: include, exclude, experience_level, inlay_hints, rules, labels, cues, prompts, questions)"
                ),
            ),
        }
    }
    (reader.config, reader.problems)
}

/// The configuration read so far, and its problems.
struct Reader {
    config: Config,
    problems: Vec<Problem>,
    /// LSP settings: a `null` rule is left unset, and client-only keys are allowed.
    lenient: bool,
}

impl Reader {
    fn problem(&mut self, table: Option<&str>, key: &str, message: String) {
        self.problems.push(Problem {
            table: table.map(String::from),
            key: key.to_string(),
            message,
        })
    }

    fn globs(&mut self, key: &str, value: &Json) {
        let Some(list) = string_list(value) else {
            self.problem(None, key, format!("`{key}` must be a list of glob strings"));
            return;
        };
        for pattern in &list {
            if let Err(e) = Glob::new(pattern) {
                let message = format!("`{key}`: bad glob `{pattern}`: {}", e.kind());
                self.problem(None, key, message);
            }
        }
        if key == "include" {
            self.config.include = list
        } else {
            self.config.exclude = list
        }
    }

    fn experience_level(&mut self, value: &Json) {
        match value {
            Json::String(s) if s.trim().eq_ignore_ascii_case("auto") => {
                self.config.experience_level = None
            }
            Json::Number(n) if n.as_u64().is_some_and(|n| (1..=6).contains(&n)) => {
                self.config.experience_level = n.as_u64().map(|n| n as u8)
            }
            Json::String(s) if s.trim().parse::<u8>().is_ok_and(|n| (1..=6).contains(&n)) => {
                self.config.experience_level = s.trim().parse().ok()
            }
            _ => self.problem(
                None,
                "experience_level",
                format!("`experience_level` must be \"auto\" or 1 to 6, not {value}"),
            ),
        }
    }

    fn rules(&mut self, value: &Json) {
        let Some(rules) = value.as_object() else {
            let message = "`rules` must be a table of rule = severity".to_string();
            self.problem(None, "rules", message);
            return;
        };
        for (code, severity) in rules {
            let Some(rule) = RuleCode::from_code(code) else {
                let known: Vec<_> = RuleCode::ALL.iter().map(|c| c.code()).collect();
                let message = format!("unknown rule `{code}` (known: {})", known.join(", "));
                self.problem(Some("rules"), code, message);
                continue;
            };
            if severity.is_null() && self.lenient {
                continue;
            }
            match severity.as_str().map(Severity::parse_setting) {
                Some(Ok(s)) => self.config.rules.push((rule, s)),
                _ => self.problem(
                    Some("rules"),
                    code,
                    format!(
                        "`{code}` must be one of error, warning, information, hint, off; not {severity}"
                    ),
                ),
            }
        }
    }

    /// `[labels]`, `[cues]` (lists of strings) and `[prompts]` (a string), by part kind.
    fn per_kind(&mut self, key: &str, value: &Json) {
        let Some(entries) = value.as_object() else {
            self.problem(None, key, format!("`{key}` must be a table"));
            return;
        };
        for (kind_key, v) in entries {
            let Some(kind) = PartKind::from_key(kind_key) else {
                self.problem(
                    Some(key),
                    kind_key,
                    format!(
                        "unknown part kind `{kind_key}` in [{key}] (known: context, action, result, lesson, hindsight)"
                    ),
                );
                continue;
            };
            match (key, string_list(v), v.as_str()) {
                ("labels", Some(list), _) => self.config.labels.push((kind, list)),
                ("cues", Some(list), _) => self.config.cues.push((kind, list)),
                ("prompts", _, Some(prompt)) => {
                    self.config.prompts.push((kind, prompt.to_string()))
                }
                ("prompts", _, None) => self.problem(
                    Some(key),
                    kind_key,
                    format!("prompts.{kind_key} must be a string"),
                ),
                _ => self.problem(
                    Some(key),
                    kind_key,
                    format!("{key}.{kind_key} must be a list of strings"),
                ),
            }
        }
    }
}

impl Reader {
    /// `[questions]`: question = the themes that answer it (`[]` removes a shipped question).
    fn questions(&mut self, value: &Json) {
        let Some(entries) = value.as_object() else {
            let message = "`questions` must be a table of question = [themes]".to_string();
            self.problem(None, "questions", message);
            return;
        };
        for (question, v) in entries {
            let Some(list) = string_list(v) else {
                let message = format!("the themes of \"{question}\" must be a list of strings");
                self.problem(Some("questions"), question, message);
                continue;
            };
            let mut themes = Vec::new();
            for name in &list {
                match Theme::from_key(name) {
                    Some(theme) => themes.push(theme),
                    None => {
                        let known: Vec<&str> = Theme::ALL.iter().map(|t| t.key()).collect();
                        let message = format!(
                            "unknown theme `{name}` for \"{question}\" (known: {})",
                            known.join(", ")
                        );
                        self.problem(Some("questions"), question, message);
                    }
                }
            }
            // A question whose every theme is unknown is left out rather than removed.
            if themes.is_empty() && !list.is_empty() {
                continue;
            }
            self.config.questions.push((question.clone(), themes));
        }
    }
}

fn string_list(value: &Json) -> Option<Vec<String>> {
    match value {
        Json::String(s) => Some(vec![s.clone()]),
        Json::Array(items) => items.iter().map(|v| v.as_str().map(String::from)).collect(),
        _ => None,
    }
}

/// The 1-based line where `key` is set (inside `[table]` when given).
pub(super) fn locate(source: &str, table: &Option<String>, key: &str) -> Option<usize> {
    let mut in_table = table.is_none();
    for (n, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let name = trimmed.trim_matches(['[', ']', ' ']);
            in_table = table.as_deref() == Some(name);
            if table.is_none() && name == key {
                return Some(n + 1);
            }
            continue;
        }
        let lhs = trimmed
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if in_table && lhs == key {
            return Some(n + 1);
        }
        if let Some(t) = table
            && lhs == format!("{t}.{key}")
        {
            return Some(n + 1);
        }
    }
    None
}
