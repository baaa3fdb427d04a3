//! `check --format json`, streamed.

use std::io::Write;

/// `check --format json`, written as it is produced rather than built as one document: the
/// same bytes as `serde_json::to_string_pretty` of `{"files": [{"diagnostics": […], "path"}],
/// "summary": {…}}` (keys sorted, two-space indent), one diagnostic in memory at a time.
/// Write errors (a closed pipe) are ignored, as for the human format.
#[derive(Default)]
pub struct JsonStream {
    files: usize,
    diagnostics: usize,
}

impl JsonStream {
    pub fn start_file(&mut self, out: &mut impl Write) {
        let opening = if self.files == 0 {
            "{\n  \"files\": [\n"
        } else {
            ",\n"
        };
        let _ = write!(out, "{opening}    {{\n      \"diagnostics\": [");
        self.files += 1;
        self.diagnostics = 0;
    }

    pub fn diagnostic(&mut self, out: &mut impl Write, value: &serde_json::Value) {
        let _ = out.write_all(if self.diagnostics == 0 { b"\n" } else { b",\n" });
        write_indented(out, value, "        ", true);
        self.diagnostics += 1;
    }

    /// Closes a file's diagnostics, then its experiences (each part with how it was found)
    /// and its path.
    pub fn end_file(&mut self, out: &mut impl Write, path: &str, experiences: &serde_json::Value) {
        let close = if self.diagnostics == 0 {
            "]"
        } else {
            "\n      ]"
        };
        let _ = write!(out, "{close},\n      \"experiences\": ");
        write_indented(out, experiences, "      ", false);
        let path = serde_json::to_string(path).unwrap_or_default();
        let _ = write!(out, ",\n      \"path\": {path}\n    }}");
    }

    pub fn finish(&mut self, out: &mut impl Write, summary: &serde_json::Value) {
        let files = if self.files == 0 {
            "{\n  \"files\": []"
        } else {
            "\n  ]"
        };
        let _ = write!(out, "{files},\n  \"summary\": ");
        write_indented(out, summary, "  ", false);
        let _ = out.write_all(b"\n}\n");
    }
}

/// `value` pretty-printed with every line indented by `indent` (the first only when
/// `first_too`). Safe line by line: JSON strings never hold a raw newline.
fn write_indented(out: &mut impl Write, value: &serde_json::Value, indent: &str, first_too: bool) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = out.write_all(b"\n");
        }
        if i > 0 || first_too {
            let _ = out.write_all(indent.as_bytes());
        }
        let _ = out.write_all(line.as_bytes());
    }
}
