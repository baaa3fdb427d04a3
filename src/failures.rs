//! Whether an experience tells of a failure or a mistake (SPEC §3, `no-failure-story`):
//! interviewers ask about a time you failed, and few notes answer it. Read from the
//! experience's own words (comments and code removed); a `tags:` line overrides the reading.

use std::sync::OnceLock;

use regex::Regex;

/// Cues of a failure or a mistake told in the writer's words. Word boundaries are ASCII; a space
/// in a pattern is any run of white space, so that a wrapped line still reads.
const FAILURE: &str = r"(?ix)
      \b(?:I|we|it|the\ [a-z]+(?:\ [a-z]+)?)\ (?:failed|flopped|backfired|fell\ through|fell\ over)\b
    | \b(?:my|our|a|the)\ (?:big\ |biggest\ |costly\ |first\ |own\ )?(?:mistake|failure|blunder|misjudgement|misjudgment)s?(?:[\s.,;:!?)]|$)
    | \bI\ (?:made\ a\ mistake|got\ it\ wrong|was\ wrong|misjudged|underestimated|overestimated|overlooked|broke|dropped\ the\ ball|messed\ up|missed)\b
    | \b(?:went|gone|going)\ wrong\b
    | \b(?:missed|blew)\ (?:the|a|our|my)\ (?:deadline|launch|date|window|target|quarter)\b
    | \b(?:rolled|roll|rolling)\ (?:[a-z0-9-]+\ ){0,2}?back\b
    | \blost\ (?:the|a|an|our|my|two|three)\ (?:[a-z0-9-]+\ ){0,2}?(?:deal|client|customer|bid|contract|renewal|account|tender|case|pitch)s?\b
    | \b(?:grant|paper|proposal|bid|application|pitch|submission|manuscript|tender)\ (?:was\ |got\ )?(?:rejection|rejected|turned\ down|declined)\b
    | \bpost-?mortem\b
    | \bnear[-\ ]miss\b
    | \b(?:did\ not|didn['’]t)\ work\b
    | \b(?:outage|incident)\ (?:I|that\ I)\ (?:caused|triggered|started)\b
";

fn failure() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| crate::text::lexicon(FAILURE, true).ok())
        .as_ref()
}

/// The tags of a `tags: failure, conflict` line (any case, bold or not, in a list item or not),
/// lower-cased; `None` when the text has no such line.
pub fn tags(text: &str) -> Option<Vec<String>> {
    text.lines().find_map(|line| {
        let line = line
            .trim()
            .trim_start_matches(['-', '*', '+', '>', ' '])
            .trim_start_matches(['*', '_']);
        let (name, rest) = line.split_once(':')?;
        if !name
            .trim_end_matches(['*', '_'])
            .trim()
            .eq_ignore_ascii_case("tags")
        {
            return None;
        }
        Some(
            rest.trim_start_matches(['*', '_'])
                .split([',', ' ', '#'])
                .map(|t| t.trim_matches(['*', '_', '`', '.']).to_lowercase())
                .filter(|t| !t.is_empty())
                .collect(),
        )
    })
}

/// Whether an experience's own words tell of a failure or a mistake. A `tags:` line decides
/// alone when there is one.
pub fn tells_of_failure(text: &str) -> bool {
    if let Some(tags) = tags(text) {
        return tags
            .iter()
            .any(|t| matches!(t.as_str(), "failure" | "failed" | "mistake" | "mistakes"));
    }
    failure().is_some_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_compiles() {
        assert!(failure().is_some());
    }

    #[test]
    fn failures_and_mistakes() {
        // The listed sentences, and ones wrapped over two lines as notes are.
        for text in crate::text::sentence_list(
            include_str!("../tests/fixtures/cues/failure.yes.txt"),
            &["I rolled the release\nback within a day, wrapped as notes are."],
        ) {
            assert!(tells_of_failure(text), "{text}");
        }
    }

    #[test]
    fn near_misses_are_no_failures() {
        // The listed sentences, and ones wrapped over two lines as notes are.
        for text in
            crate::text::sentence_list(include_str!("../tests/fixtures/cues/failure.no.txt"), &[])
        {
            assert!(!tells_of_failure(text), "{text}");
        }
    }

    #[test]
    fn a_tags_line_decides() {
        assert!(!tells_of_failure("We failed twice.\n\ntags: leadership\n"));
        assert_eq!(
            tags("- **Tags:** Failure, conflict"),
            Some(vec!["failure".to_string(), "conflict".to_string()])
        );
        assert_eq!(tags("No tags here."), None);
    }
}
