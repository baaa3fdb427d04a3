//! `hindsight check --format github` and `--format sarif`: findings as GitHub Actions workflow
//! commands (annotations on the pull request's diff) and as a SARIF 2.1.0 log (code scanning
//! and other SARIF viewers).

use serde_json::{Value, json};

use crate::kinds::{RuleCode, Severity};
use crate::line_index::LineIndex;
use crate::rules::Finding;

/// One `::warning file=…,line=…::message` line. GitHub knows error, warning and notice.
pub fn github_line(path: &str, finding: &Finding, text: &str, index: &LineIndex) -> String {
    let (start_line, start_col) = index.position(text, finding.range.start);
    let (end_line, end_col) = index.position(text, finding.range.end);
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    };
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(path),
        start_line + 1,
        start_col + 1,
        end_line + 1,
        end_col + 1,
        escape_property(&format!("hindsight {}", finding.code)),
        escape_data(&finding.message)
    )
}

/// Workflow-command data: `%`, CR and LF are escaped.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command properties: also `:` and `,`, which separate them.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF's level for a severity (it has no "information" or "hint": both are notes).
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// One SARIF `result`. Lines and columns are 1-based; columns count UTF-16 code units, SARIF's
/// default `columnKind`.
pub fn sarif_result(path: &str, finding: &Finding, text: &str, index: &LineIndex) -> Value {
    let (start_line, start_col) = index.position(text, finding.range.start);
    let (end_line, end_col) = index.position(text, finding.range.end);
    json!({
        "ruleId": finding.code.code(),
        "ruleIndex": RuleCode::ALL.iter().position(|c| *c == finding.code),
        "level": level(finding.severity),
        "message": {"text": &*finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri_reference(path)},
                "region": {
                    "startLine": start_line + 1,
                    "startColumn": start_col + 1,
                    "endLine": end_line + 1,
                    "endColumn": end_col + 1,
                },
            },
        }],
    })
}

/// A relative path as a URI reference: `/` separators, and the characters a URI cannot hold
/// percent-encoded.
fn uri_reference(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The whole SARIF log: one run, its tool with every rule, and `results`.
pub fn sarif_log(results: Vec<Value>) -> Value {
    let rules: Vec<Value> = RuleCode::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.code(),
                "shortDescription": {"text": code.summary()},
                "defaultConfiguration": {"level": level(code.default_severity())},
            })
        })
        .collect();
    let mut driver = json!({
        "name": "hindsight",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // Only a real URI: SARIF requires an absolute one.
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver["informationUri"] = json!(repository);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::check::Format;

    fn finding(message: &str) -> Finding {
        Finding {
            code: RuleCode::MissingLesson,
            severity: Severity::Warning,
            range: 3..9,
            message: message.into(),
            experience: Some(0),
        }
    }

    #[test]
    fn github_lines_escape_what_would_end_them() {
        let text = "## Café move\n";
        let index = LineIndex::new(text, Format::Github.encoding());
        let line = github_line(
            "notes/a,b:c.md",
            &finding("50% done\nsecond line"),
            text,
            &index,
        );
        assert_eq!(
            line,
            "::warning file=notes/a%2Cb%3Ac.md,line=1,col=4,endLine=1,endColumn=9,title=hindsight missing-lesson::50%25 done%0Asecond line"
        );
    }

    #[test]
    fn sarif_results_and_log() {
        let text = "## Café move\n";
        let index = LineIndex::new(text, Format::Sarif.encoding());
        let result = sarif_result("./my notes/a.md", &finding("m"), text, &index);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20notes/a.md"
        );
        assert_eq!(result["level"], "warning");
        assert_eq!(result["ruleIndex"], 1);
        let log = sarif_log(vec![result]);
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][1]["id"],
            "missing-lesson"
        );
    }
}
