//! Whether a hindsight says how the result would have changed (SPEC §3,
//! `missing-counterfactual`): "I would have added the budget first" says what the writer would
//! do differently; "…and the incident would have been contained a month earlier" says what it
//! would have changed. Read from the hindsight's own words (comments and code removed).

use std::sync::OnceLock;

use regex::Regex;

use crate::figures;

/// A consequence: a modal perfect whose subject is not the writer ("it would have finished",
/// "we might not have lost"), or words of outcome (`so that`, `instead of`, `earlier`,
/// `fewer`, `saved`, `avoided`, …). Word boundaries are ASCII to stay on the fast engine; a space in a pattern is any run of
/// white space, so that a wrapped line still reads.
const CONSEQUENCE: &str = r"(?ix)
      \b(?:it|that|this|which|we|they|he|she|you|everyone|nobody|the\ [a-z]+(?:\ [a-z]+)?)
        \ (?:would|might|could|will)(?:\ not|n['’]t)?(?:\ still)?\ have\ (?:been|[a-z]+ed|[a-z]+en|known|gone|done|made|run|cost|lost|won|kept|caught|left|got|found|met|held|paid|sold|spent|shipped|begun|broken|grown|shrunk)\b
    | \b(?:would|might|could)(?:\ not|n['’]t)\ have\b
    | \bso\ (?:that|we|the|it|they|our|nobody|no\ one)\b
    | \binstead\ of\b
    | \b(?:earlier|sooner|faster|quicker|cheaper|fewer|smaller|shorter|safer)\b
    | \b(?:saved?|saving|avoided|avoid|prevented|prevent|spared|spare|contained|halved|doubled)\b
    | \bless\ (?:time|money|work|rework|risk|churn|stress|downtime|waste)\b
    | \bthe\ (?:result|outcome|impact)\ would\b
    | \b(?:would|might|could)\ (?:be|have\ been)\ (?:different|better|worse)\b
";

fn consequence() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| crate::text::lexicon(CONSEQUENCE, true).ok())
        .as_ref()
}

/// Whether the hindsight text says how the result would have been different.
pub fn states_consequence(hindsight: &str) -> bool {
    // Should the pattern not compile (a unit test proves it does), nothing is flagged.
    consequence().is_none_or(|re| re.is_match(hindsight)) || figures::has_figure(hindsight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_compiles() {
        assert!(consequence().is_some());
    }

    #[test]
    fn hindsight_that_says_what_would_change() {
        // The listed sentences, and one wrapped over two lines as notes are.
        let wrapped = "I would have asked first, and the\nmigration would have finished on time.";
        for text in crate::text::sentence_list(
            include_str!("../tests/fixtures/cues/counterfactual.yes.txt"),
            &[wrapped],
        ) {
            assert!(states_consequence(text), "{text}");
        }
    }

    #[test]
    fn hindsight_that_only_says_what_i_would_do() {
        for text in crate::text::sentence_list(
            include_str!("../tests/fixtures/cues/counterfactual.no.txt"),
            &[],
        ) {
            assert!(!states_consequence(text), "{text}");
        }
    }
}
