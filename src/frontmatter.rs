//! YAML front matter: where it is, and the two keys Hindsight reads from it.

use yaml_rust2::{Yaml, YamlLoader};

/// What the front matter says about the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Byte range of the whole block, delimiters included (empty when there is none).
    pub range: std::ops::Range<usize>,
    /// `hindsight: true` or `type: career-notes`.
    pub marks_career_notes: bool,
    /// `experience_level: 3` (1–6, quoted or not).
    pub experience_level: Option<u8>,
    /// `tags: [failure, conflict]` or `tags: failure, conflict`, lower-cased: the themes of
    /// the file's stories, when a story has no `tags:` line of its own.
    pub tags: Option<Vec<String>>,
}

/// Finds and reads the front matter at the start of `text`. Invalid YAML is ignored: the block
/// is still skipped by the analysis, but its keys are not read.
pub fn read(text: &str) -> FrontMatter {
    let Some(range) = locate(text) else {
        return FrontMatter::default();
    };
    let mut front = FrontMatter {
        range: range.clone(),
        ..FrontMatter::default()
    };
    let body_start = text[range.clone()]
        .find('\n')
        .map_or(range.end, |i| range.start + i + 1);
    let body_end = text[..range.end]
        .trim_end_matches(['\n', '\r'])
        .rfind('\n')
        .map_or(body_start, |i| i + 1)
        .max(body_start);
    let yaml = &text[body_start..body_end];
    let Ok(docs) = YamlLoader::load_from_str(yaml) else {
        return front;
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return front;
    };
    for (key, value) in map {
        let Some(key) = key.as_str() else { continue };
        match key {
            "hindsight" if is_truthy(&value) => front.marks_career_notes = true,
            "type" if value.as_str().is_some_and(|v| v.trim() == "career-notes") => {
                front.marks_career_notes = true
            }
            "experience_level" => front.experience_level = level(&value),
            "tags" => front.tags = tags(&value),
            _ => {}
        }
    }
    front
}

/// The byte range of a front-matter block: `---` on the first line, up to a closing `---` or
/// `...` line. A file with no closing line has no front matter.
fn locate(text: &str) -> Option<std::ops::Range<usize>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n')? + start;
    if text[start..first_end].trim_end() != "---" {
        return None;
    }
    let mut pos = first_end + 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let close = if end < text.len() { end + 1 } else { end };
            return Some(start..close);
        }
        pos = end + 1;
    }
    None
}

fn is_truthy(value: &Yaml) -> bool {
    match value {
        Yaml::Boolean(b) => *b,
        Yaml::String(s) => matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "true" | "yes" | "on"
        ),
        _ => false,
    }
}

fn tags(value: &Yaml) -> Option<Vec<String>> {
    let words: Vec<String> = match value {
        Yaml::Array(items) => items
            .iter()
            .filter_map(Yaml::as_str)
            .map(str::to_string)
            .collect(),
        Yaml::String(s) => s.split(',').map(str::to_string).collect(),
        _ => return None,
    };
    Some(
        words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
    )
}

fn level(value: &Yaml) -> Option<u8> {
    let n = match value {
        Yaml::Integer(n) => *n,
        Yaml::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (1..=6).contains(&n).then_some(n as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_marker_and_quoted_level() {
        let text = "---\ntitle: x\nhindsight: true\nexperience_level: \"3\"\nResult: y\n---\n# T\n";
        let front = read(text);
        assert!(front.marks_career_notes);
        assert_eq!(front.experience_level, Some(3));
        assert_eq!(
            &text[front.range.clone()],
            "---\ntitle: x\nhindsight: true\nexperience_level: \"3\"\nResult: y\n---\n"
        );
    }

    #[test]
    fn yaml_yes_on_and_type() {
        assert!(read("---\nhindsight: yes\n---\n").marks_career_notes);
        assert!(read("---\nhindsight: 'on'\n---\n").marks_career_notes);
        assert!(read("---\ntype: career-notes\n---\n").marks_career_notes);
        assert!(!read("---\nhindsight: false\n---\n").marks_career_notes);
    }

    #[test]
    fn tags_as_a_list_or_a_line() {
        let listed = read("---\ntags: [Failure, conflict]\n---\n").tags;
        assert_eq!(listed, Some(vec!["failure".into(), "conflict".into()]));
        let line = read("---\ntags: failure, bad news\n---\n").tags;
        assert_eq!(line, Some(vec!["failure".into(), "bad news".into()]));
        assert_eq!(read("---\ntitle: x\n---\n").tags, None);
    }

    #[test]
    fn crlf_and_out_of_range_level() {
        let front = read("---\r\nexperience_level: 9\r\nhindsight: true\r\n---\r\nbody");
        assert!(front.marks_career_notes);
        assert_eq!(front.experience_level, None);
        assert_eq!(front.range, 0..48);
    }

    #[test]
    fn invalid_or_unclosed_front_matter() {
        let bad = read("---\n: : [\n---\n# T\n");
        assert!(!bad.marks_career_notes);
        assert_eq!(bad.range, 0..14);
        assert_eq!(read("---\nhindsight: true\n# never closed\n").range, 0..0);
        assert_eq!(read("# Title\n---\n").range, 0..0);
    }
}
