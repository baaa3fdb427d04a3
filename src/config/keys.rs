//! Reading the keys of a configuration (a `.hindsight.toml` table or the LSP settings, as
//! JSON): each broken key is a problem, and falls back to its default.

use serde_json::Value as Json;

use super::*;

pub(super) struct Problem {
    pub table: Option<String>,
    pub key: String,
    pub message: String,
}

pub(super) fn from_json(value: &Json, lenient: bool) -> (Config, Vec<Problem>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    let mut problem = |table: Option<&str>, key: &str, message: String| {
        problems.push(Problem {
            table: table.map(String::from),
            key: key.to_string(),
            message,
        })
    };
    let Some(map) = value.as_object() else {
        if !value.is_null() {
            problem(None, "", "settings must be a table of keys".to_string());
        }
        return (config, problems);
    };
    for (key, value) in map {
        match key.as_str() {
            "include" | "exclude" => match string_list(value) {
                Some(list) => {
                    for pattern in &list {
                        if let Err(e) = Glob::new(pattern) {
                            problem(
                                None,
                                key,
                                format!("`{key}`: bad glob `{pattern}`: {}", e.kind()),
                            );
                        }
                    }
                    if key == "include" {
                        config.include = list
                    } else {
                        config.exclude = list
                    }
                }
                None => problem(None, key, format!("`{key}` must be a list of glob strings")),
            },
            "experience_level" => match value {
                Json::String(s) if s.trim().eq_ignore_ascii_case("auto") => {
                    config.experience_level = None
                }
                Json::Number(n) if n.as_u64().is_some_and(|n| (1..=6).contains(&n)) => {
                    config.experience_level = n.as_u64().map(|n| n as u8)
                }
                Json::String(s) if s.trim().parse::<u8>().is_ok_and(|n| (1..=6).contains(&n)) => {
                    config.experience_level = s.trim().parse().ok()
                }
                _ => problem(
                    None,
                    key,
                    format!("`experience_level` must be \"auto\" or 1 to 6, not {value}"),
                ),
            },
            "inlay_hints" => match value.as_bool() {
                Some(b) => config.inlay_hints = b,
                None => problem(
                    None,
                    key,
                    format!("`inlay_hints` must be true or false, not {value}"),
                ),
            },
            "rules" => match value.as_object() {
                Some(rules) => {
                    for (code, severity) in rules {
                        let Some(rule) = RuleCode::from_code(code) else {
                            let known: Vec<_> = RuleCode::ALL.iter().map(|c| c.code()).collect();
                            problem(
                                Some("rules"),
                                code,
                                format!("unknown rule `{code}` (known: {})", known.join(", ")),
                            );
                            continue;
                        };
                        if severity.is_null() && lenient {
                            continue;
                        }
                        match severity.as_str().map(Severity::parse_setting) {
                            Some(Ok(s)) => config.rules.push((rule, s)),
                            _ => problem(
                                Some("rules"),
                                code,
                                format!(
                                    "`{code}` must be one of error, warning, information, hint, off; not {severity}"
                                ),
                            ),
                        }
                    }
                }
                None => problem(
                    None,
                    key,
                    "`rules` must be a table of rule = severity".to_string(),
                ),
            },
            "labels" | "cues" | "prompts" => match value.as_object() {
                Some(entries) => {
                    for (kind_key, v) in entries {
                        let Some(kind) = PartKind::from_key(kind_key) else {
                            problem(
                                Some(key),
                                kind_key,
                                format!(
                                    "unknown part kind `{kind_key}` in [{key}] (known: context, action, result, lesson, hindsight)"
                                ),
                            );
                            continue;
                        };
                        if key == "labels" || key == "cues" {
                            let target = if key == "labels" {
                                &mut config.labels
                            } else {
                                &mut config.cues
                            };
                            match string_list(v) {
                                Some(list) => target.push((kind, list)),
                                None => problem(
                                    Some(key),
                                    kind_key,
                                    format!("{key}.{kind_key} must be a list of strings"),
                                ),
                            }
                        } else {
                            match v.as_str() {
                                Some(s) => config.prompts.push((kind, s.to_string())),
                                None => problem(
                                    Some(key),
                                    kind_key,
                                    format!("prompts.{kind_key} must be a string"),
                                ),
                            }
                        }
                    }
                }
                None => problem(None, key, format!("`{key}` must be a table")),
            },
            "server" | "trace" if lenient => {}
            other => problem(
                None,
                other,
                format!(
                    "unknown key `{other}` (known: include, exclude, experience_level, inlay_hints, rules, labels, cues, prompts)"
                ),
            ),
        }
    }
    (config, problems)
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
