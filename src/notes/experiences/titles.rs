//! Titles that name a period, a version or a document-level reflection: sections of a
//! document, never one story.

/// Words a document-level reflection section starts with (`What I learned this year`,
/// `Lessons from 2023`): prose under it is the writer's reflection on many things, not one
/// episode.
const REFLECTION_OPENINGS: &[&str] = &[
    "what i learned",
    "what i learnt",
    "lessons",
    "learnings",
    "takeaways",
    "reflections",
    "looking back",
    "retrospective",
    "things i learned",
];

/// Whether a title, normalized (see [`crate::labels::normalize`]), opens like a reflection
/// section's.
pub(in crate::notes) fn is_reflection_title(normalized: &str) -> bool {
    REFLECTION_OPENINGS
        .iter()
        .any(|o| normalized.starts_with(o))
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const PERIOD_WORDS: &[&str] = &[
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "fy",
    "week",
    "sprint",
    "year",
    "quarter",
    "month",
    "release",
    "version",
    "unreleased",
    "present",
    "now",
    "today",
];

/// A month's name or its abbreviation (`September`, `Sept`, `nov`), in any case.
pub(in crate::notes) fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// A number, version, fiscal year, month or period word, in any case.
fn is_period_word(word: &str) -> bool {
    if !word.is_ascii() {
        // Only a character that lower-cases to ASCII (the Kelvin sign) can make one.
        let lower = word.to_lowercase();
        return lower.is_ascii() && is_period_word(&lower);
    }
    let numeric = word
        .trim_start_matches(['v', 'V'])
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.')
        && word.bytes().any(|b| b.is_ascii_digit());
    let fiscal = word
        .get(..2)
        .is_some_and(|fy| fy.eq_ignore_ascii_case("fy"))
        && word.bytes().skip(2).all(|b| b.is_ascii_digit());
    numeric
        || fiscal
        || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
        || PERIOD_WORDS.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// A title that is only a date, period or version (`2025`, `Q3 2024`, `March 2023`,
/// `[1.2.0] - 2024-01-05`, `v0.3`): a document section, never an experience.
pub(in crate::notes) fn is_period_or_version(title: &str) -> bool {
    let mut words = 0;
    for word in title
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '[' | ']' | '(' | ')' | '–' | '—' | '-' | '/' | ',' | ':' | '#' | '*' | '_'
                )
        })
        .filter(|w| !w.is_empty())
    {
        if !is_period_word(word) {
            return false;
        }
        words += 1;
    }
    words > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_versions() {
        for title in [
            "2025",
            "Q3 2024",
            "March 2023",
            "[1.2.0] - 2024-01-05",
            "v0.3",
            "2019–2021",
            "Unreleased",
        ] {
            assert!(is_period_or_version(title), "{title}");
        }
        for title in ["Migrated 2024 invoices", "Q3 launch", "The 2022 outage"] {
            assert!(!is_period_or_version(title), "{title}");
        }
    }
}
