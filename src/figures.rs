//! Measurable figures in a result (SPEC §3, `vague-result`).
//!
//! Counted: a number in digits that is not a lone year (1900–2099) and not glued to letters in
//! front (`p99`, `Q3`, `B2B` are names, not figures); number words from two upwards, their
//! plurals (`hundreds`, `dozens`); `a third`; and doubled / tripled / halved / twice / half.
//! Percentages, currency amounts and multipliers (`3x`, `4×`) are numbers in digits.

const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "doubled",
    "tripled",
    "quadrupled",
    "halved",
    "twice",
    "half",
    "thrice",
];

/// The length of the longest of [`NUMBER_WORDS`] ("quadrupled").
const LONGEST_NUMBER_WORD: usize = 10;

/// Whether `text` (a result's own words, comments and code removed) holds a measurable figure.
pub fn has_figure(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_word: &str = "";
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || is_digit_joiner(bytes, i)) {
                i += 1;
            }
            let glued_to_letters = start > 0
                && text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
            if !glued_to_letters && !is_lone_year(text, start, i) {
                return true;
            }
            continue;
        }
        if text.is_char_boundary(i) && text[i..].starts_with(|ch: char| ch.is_alphabetic()) {
            let start = i;
            let word_end = text[i..]
                .find(|ch: char| !ch.is_alphabetic())
                .map_or(text.len(), |n| i + n);
            let word = &text[start..word_end];
            // Number words are short: a longer word is neither one nor "a" / "one" / "two".
            if word.len() > LONGEST_NUMBER_WORD {
                previous_word = "";
                i = word_end;
                continue;
            }
            // Lower-cased on the stack: most words are short ASCII.
            let mut buffer = [0u8; LONGEST_NUMBER_WORD];
            let lowered;
            let lower: &str = if word.is_ascii() {
                for (to, from) in buffer.iter_mut().zip(word.bytes()) {
                    *to = from.to_ascii_lowercase();
                }
                std::str::from_utf8(&buffer[..word.len()]).unwrap_or_default()
            } else {
                lowered = word.to_lowercase();
                &lowered
            };
            // Hyphenated number words (`twenty-four`) are found by their first half.
            if is_number_word(lower) {
                return true;
            }
            if (lower == "third" || lower == "thirds")
                && matches!(previous_word, "a" | "one" | "two")
            {
                return true;
            }
            previous_word = match lower {
                "a" => "a",
                "one" => "one",
                "two" => "two",
                _ => "",
            };
            i = word_end;
            continue;
        }
        i += 1;
    }
    false
}

/// One of [`NUMBER_WORDS`]. Asked of every short word of every result: the first byte and
/// the length rule out most of the list before any comparison of the rest.
fn is_number_word(lower: &str) -> bool {
    let first = lower.as_bytes().first();
    NUMBER_WORDS
        .iter()
        .any(|w| w.len() == lower.len() && w.as_bytes().first() == first && *w == lower)
}

/// `1,000` and `7.5` are one number.
fn is_digit_joiner(bytes: &[u8], i: usize) -> bool {
    matches!(bytes[i], b',' | b'.')
        && i > 0
        && bytes[i - 1].is_ascii_digit()
        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// A four-digit 1900–2099 number standing alone (`in 2021`, `2019–2023`) is a date, not a
/// figure. Followed by `%`, `x` or a unit glued to it, or after a currency sign, it is a figure.
fn is_lone_year(text: &str, start: usize, end: usize) -> bool {
    let digits = &text[start..end];
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(n) = digits.parse::<u32>() else {
        return false;
    };
    if !(1900..=2099).contains(&n) {
        return false;
    }
    let next = text[end..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() || c == '%' || c == '×') {
        return false;
    }
    let prev = text[..start].chars().next_back();
    !prev.is_some_and(|c| "$€£¥₹".contains(c))
}

#[cfg(test)]
mod tests {
    use super::{LONGEST_NUMBER_WORD, NUMBER_WORDS, has_figure};

    #[test]
    fn the_longest_number_word_is_known() {
        let longest = NUMBER_WORDS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST_NUMBER_WORD));
    }

    #[test]
    fn figures_that_count() {
        for text in [
            "p99 fell from 1.8 s to 420 ms",
            "up 18% on the previous contract",
            "Demo requests rose 3x",
            "the analysis ran 4× faster",
            "Saved $14k a month",
            "from three weeks to five days",
            "Attendance doubled",
            "Refund turnaround halved",
            "fell by half",
            "a dozen customers",
            "hundreds of tickets",
            "a third fewer pages",
            "twenty-four doors",
            "€310,000 recovered",
            "grew in 2021 to 2000x",
        ] {
            assert!(has_figure(text), "{text}");
        }
    }

    #[test]
    fn vague_results() {
        for text in [
            "Pages became rarer, and people stopped dreading their turn on call.",
            "The closure went ahead in 2021 with the community's grudging support.",
            "Between 2019–2023 things improved.",
            "Our p99 and Q3 numbers improved for B2B and v2.",
            "both of them passed at the first attempt",
            "one team was happier",
            "",
        ] {
            assert!(!has_figure(text), "{text}");
        }
    }
}
