//! Who did the work: counting "we" words against "I" words (SPEC §3, `we-not-i`).
//!
//! `US` in capitals is the country, not "us". `let's` counts as "we".

const WE: &[&str] = &[
    "we",
    "our",
    "us",
    "ours",
    "ourselves",
    "we're",
    "we've",
    "we'd",
    "we'll",
    "let's",
];
const I: &[&str] = &[
    "i", "my", "me", "mine", "myself", "i'm", "i've", "i'd", "i'll",
];

/// "We" words counted up to the first "I" word. Every question asked of a count (does it say
/// "I"? `we-not-i`?) is settled by the first "I" word, so reading stops there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PronounCount {
    pub we: usize,
    pub i: usize,
}

impl PronounCount {
    pub fn add(&mut self, text: &str) {
        if self.i > 0 {
            return;
        }
        let mut before = "";
        for word in words(text) {
            let previous = std::mem::replace(&mut before, word);
            // Pronouns are short and start with one of these letters: skip the rest cheaply.
            if word.len() > 12
                || !word.starts_with(['w', 'W', 'o', 'O', 'u', 'U', 'l', 'L', 'i', 'I', 'm', 'M'])
            {
                continue;
            }
            if word == "US"
                || (word == "i" && names_a_platform(previous))
                || (word == "I" && numbers_a_class(previous))
            {
                continue;
            }
            let straight;
            let word = if word.contains('\u{2019}') {
                straight = word.replace('\u{2019}', "'");
                straight.as_str()
            } else {
                word
            };
            if WE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                self.we += 1;
            } else if I.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                self.i += 1;
                return;
            }
        }
    }

    /// Says "we" at least twice and never "I".
    pub fn we_not_i(self) -> bool {
        self.we >= 2 && self.i == 0
    }
}

/// Whether a lowercase "i" after `previous` is part of a name, not the writer: after a word in
/// capitals (`IBM i`, a platform), where a writer's lowercase "i" follows a lowercase word
/// ("so i rebuilt it").
pub fn names_a_platform(previous: &str) -> bool {
    previous.len() >= 2 && previous.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether "I" after `previous` is a Roman numeral (`Cat I`, `Type I`, `Phase I`), not the
/// writer.
fn numbers_a_class(previous: &str) -> bool {
    const CLASSES: &[&str] = &[
        "Cat", "Category", "Type", "Phase", "Class", "Grade", "Level", "Stage", "Part", "Tier",
        "Schedule", "Division", "Chapter", "Volume", "Vol", "Book", "Act", "Key", "Zone", "Band",
        "War",
    ];
    CLASSES.contains(&previous)
}

/// Words with their inner apostrophes (`we've`, `I’d`); a word joined by `/` (`I/O`) is one
/// word, so that it is never read as a pronoun.
fn words(text: &str) -> impl Iterator<Item = &str> {
    WordRuns { text, at: 0 }
        .map(|w| w.trim_matches(['\'', '\u{2019}', '/']))
        .filter(|w| !w.is_empty())
}

/// The runs of word characters (letters, digits, `'`, `’`, `/`) of a text; ASCII is classified
/// byte by byte, other characters decoded one at a time.
struct WordRuns<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> WordRuns<'a> {
    /// The length of the character at `at` and whether it belongs to a word.
    fn class_at(&self, at: usize) -> (usize, bool) {
        match self.text.as_bytes().get(at) {
            Some(b) if b.is_ascii() => (1, b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'/')),
            _ => match self.text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.len_utf8(), c.is_alphanumeric() || c == '\u{2019}'),
                None => (1, false),
            },
        }
    }
}

impl<'a> Iterator for WordRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        while self.at < len {
            let (step, in_word) = self.class_at(self.at);
            if in_word {
                break;
            }
            self.at += step;
        }
        if self.at >= len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (step, in_word) = self.class_at(self.at);
            if !in_word {
                break;
            }
            self.at += step;
        }
        self.text.get(start..self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> PronounCount {
        let mut c = PronounCount::default();
        c.add(text);
        c
    }

    #[test]
    fn words_split_as_a_reader_splits_them() {
        let found: Vec<&str> = words("We’ve done it; I/O, 'quoted' — naïve café… x").collect();
        assert_eq!(
            found,
            ["We’ve", "done", "it", "I/O", "quoted", "naïve", "café", "x"]
        );
    }

    proptest::proptest! {
        /// The byte scanner splits exactly where splitting on non-word characters does.
        #[test]
        fn words_match_a_split_on_characters(text in "[a-zA-Z0-9 '’/.,éü😀—\\n]{0,40}") {
            let expected: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '/')))
                .map(|w| w.trim_matches(['\'', '\u{2019}', '/']))
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn a_platform_named_i_is_not_the_writer() {
        assert_eq!(count("skip some IBM i unsupported test cases").i, 0);
        assert_eq!(count("so i rebuilt the costing sheet").i, 1);
        assert_eq!(count("I rebuilt it").i, 1);
    }

    #[test]
    fn a_numeral_after_a_class_is_not_the_writer() {
        assert_eq!(count("F-Gas Cat I refresher passed").i, 0);
        assert_eq!(count("a Type I diabetic on the flight").i, 0);
        assert_eq!(count("The cat I fed was fine").i, 1);
        assert_eq!(count("In Phase I, I rewrote it").i, 1);
    }

    #[test]
    fn we_only() {
        assert!(count("We split the indexer, and we moved our files.").we_not_i());
        assert!(count("We’ve done it; let's ship.").we_not_i());
    }

    #[test]
    fn any_i_word_clears_it() {
        assert!(!count("We moved and we shared; the list stayed mine.").we_not_i());
        assert!(!count("I’d say we did, we did.").we_not_i());
    }

    #[test]
    fn one_we_or_the_country_is_not_enough() {
        assert!(!count("We shipped it to the US.").we_not_i());
        assert_eq!(count("Faster I/O and async I/O").i, 0);
        assert!(!count("The team shipped.").we_not_i());
    }
}
