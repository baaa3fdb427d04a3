//! Recognising part labels and reserved section titles.
//!
//! Labels are compared in a normalised form (case-folded, emphasis and leading symbols
//! removed, curly apostrophes straightened, trailing punctuation dropped), so that
//! `**What I’d do differently:**`, `#### WHAT I LEARNED` and `💪 Strengths` all match.

use std::collections::HashMap;

use crate::kinds::PartKind;

const DEFAULT_LABELS: &[(PartKind, &[&str])] = &[
    (
        PartKind::Context,
        &[
            "Situation",
            "Context",
            "Challenge",
            "Problem",
            "Background",
            "Task",
        ],
    ),
    (
        PartKind::Action,
        &[
            "Action",
            "Actions",
            "What I did",
            "My role",
            "My contribution",
            "Approach",
        ],
    ),
    (
        PartKind::Result,
        &["Result", "Results", "Outcome", "Outcomes", "Impact"],
    ),
    (
        PartKind::Lesson,
        &[
            "Lesson",
            "Lessons",
            "Lesson learned",
            "Lessons learned",
            "Learning",
            "Learnings",
            "Takeaway",
            "Takeaways",
            "What I learned",
            "Reflection",
            "Key insight",
        ],
    ),
    (
        PartKind::Hindsight,
        &[
            "In hindsight",
            "Hindsight",
            "Looking back",
            "Next time",
            "What I'd do differently",
            "What I would do differently",
            "Would do differently",
            "What I'd change",
            "If I did it again",
            "Retrospective",
        ],
    ),
];

/// Labels people use beyond the table of SPEC §2 (REAL-NOTES §3).
const MORE_LABELS: &[(PartKind, &[&str])] = &[
    (
        PartKind::Context,
        &[
            "The mistake",
            "Mistake",
            "Business need",
            "The situation",
            "The problem",
        ],
    ),
    (
        PartKind::Action,
        &[
            "Key actions",
            "What I did about it",
            "How I did it",
            "My actions",
        ],
    ),
    (
        PartKind::Result,
        &[
            "The aftermath",
            "Aftermath",
            "The result",
            "The outcome",
            "The impact",
        ],
    ),
    (
        PartKind::Lesson,
        &[
            "Learned",
            "Learnt",
            "The lessons",
            "The lesson",
            "What I learnt",
            "Lessons I learned",
        ],
    ),
    (
        PartKind::Hindsight,
        &[
            "What I would change",
            "If I did it over",
            "If I could do it again",
        ],
    ),
];

/// STAR(-L) and CARL letters: `S:` … `L:` lines and `**S (Situation):**`.
pub fn star_letter(letter: char) -> Option<PartKind> {
    match letter {
        'S' | 'T' | 'C' => Some(PartKind::Context),
        'A' => Some(PartKind::Action),
        'R' => Some(PartKind::Result),
        'L' => Some(PartKind::Lesson),
        _ => None,
    }
}

const STRENGTHS_TITLES: &[&str] = &["Strengths", "What I'm good at", "Things I'm good at"];
const GROWTH_TITLES: &[&str] = &[
    "Weaknesses",
    "Growth areas",
    "Areas to improve",
    "Areas for improvement",
    "Where I struggle",
    "Struggles",
];
const OTHER_RESERVED_TITLES: &[&str] = &[
    "Self-assessment",
    "Skills",
    "Summary",
    "About",
    "About me",
    "Goals",
    "Notes",
    "Contents",
    "Table of contents",
    "Index",
    "Education",
    "Certifications",
    "Awards",
    "Publications",
    "Talks",
    "Links",
    "Resources",
    "References",
    "Contact",
    "Backlog",
    "Ideas",
    "Inbox",
    "Todo",
    "Template",
    "Appendix",
];

/// A reserved section title: never an experience; strengths and growth sections also
/// satisfy `missing-self-assessment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    Strengths,
    Growth,
    Other,
}

/// Label vocabulary for one configuration: the defaults plus configured extras.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    labels: HashMap<String, PartKind>,
    /// Longest normalised label, to bound how far a line is searched for a colon.
    longest: usize,
    /// ASCII characters a normalised label can start with.
    first_letters: [bool; 128],
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new(&[])
    }
}

impl Vocabulary {
    /// Builds the vocabulary from the defaults and `extra` labels per kind.
    pub fn new(extra: &[(PartKind, Vec<String>)]) -> Vocabulary {
        let mut labels = HashMap::new();
        for (kind, words) in DEFAULT_LABELS.iter().chain(MORE_LABELS) {
            for word in *words {
                labels.insert(normalize(word), *kind);
            }
        }
        for (kind, words) in extra {
            for word in words {
                let key = normalize(word);
                if !key.is_empty() {
                    labels.insert(key, *kind);
                }
            }
        }
        let longest = labels.keys().map(|k| k.len()).max().unwrap_or(0);
        let mut first_letters = [false; 128];
        for key in labels.keys() {
            match key.chars().next() {
                Some(c) if c.is_ascii() => first_letters[c as usize] = true,
                // A label starting with a non-ASCII letter: no ASCII filtering is possible.
                Some(_) => first_letters = [true; 128],
                None => {}
            }
        }
        Vocabulary {
            labels,
            longest,
            first_letters,
        }
    }

    /// The kind of a label, given the label's raw text (any emphasis or punctuation).
    pub fn kind_of(&self, raw: &str) -> Option<PartKind> {
        // Cheap bounds before allocating: markup and symbols add a few bytes at most, and a
        // label starts with one of few letters.
        if raw.len() > self.longest * 4 + 16 {
            return None;
        }
        if let Some(first) = raw.chars().find(|c| c.is_alphanumeric())
            && first.is_ascii_alphabetic()
            && !self.first_letters[first.to_ascii_lowercase() as usize]
        {
            return None;
        }
        self.kind_of_normalized(&normalize(raw))
    }

    /// The kind of a label already in [`normalize`]d form.
    ///
    /// Besides the labels themselves: a label after a number (`4. outcome`), before a remark in
    /// brackets (`results (what changed)`), or first in a compound (`outcome & results`,
    /// `my role and contributions`); and `x (label)` (`s (situation)`).
    pub fn kind_of_normalized(&self, normalized: &str) -> Option<PartKind> {
        if let Some(kind) = self.labels.get(normalized) {
            return Some(*kind);
        }
        let unnumbered = normalized
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['.', ')'])
            .trim_start();
        let unnumbered = if unnumbered.len() < normalized.len() {
            unnumbered
        } else {
            normalized
        };
        if let Some(kind) = self.labels.get(unnumbered) {
            return Some(*kind);
        }
        if let Some((head, tail)) = unnumbered.split_once(" (") {
            if let Some(kind) = self.labels.get(head.trim_end()) {
                return Some(*kind);
            }
            // `s (situation)`: a STAR letter spelled out.
            let inner = tail.trim_end_matches(')');
            if head.chars().count() == 1
                && let Some(kind) = self.labels.get(inner)
            {
                return Some(*kind);
            }
        }
        for joiner in [" & ", " and ", " + ", " / "] {
            if let Some((head, _)) = unnumbered.split_once(joiner)
                && let Some(kind) = self.labels.get(head)
            {
                return Some(*kind);
            }
        }
        None
    }

    /// Recognises a label at the start of `rest` (a line with its block-quote and list markers
    /// already removed). See SPEC §2, notation 2.
    pub fn match_label_line(&self, rest: &str) -> Option<LabelMatch> {
        if let Some(m) = self.match_html_label(rest) {
            return Some(m);
        }
        let lead = leading_symbols_len(rest);
        let after_lead = &rest[lead..];
        if let Some(m) = self.match_callout(after_lead) {
            return Some(m.shifted(lead));
        }
        let (checkbox, after_box) = strip_checkbox(after_lead);
        let start = lead + checkbox;
        let text = after_box;
        let (marker, marker_len) = emphasis_run(text);

        // `Label:`, `**Label:**`, `**Label**:`.
        let window = &text[..floor_char_boundary(text, self.longest * 2 + 16)];
        if let Some(colon) = window.find(':') {
            let candidate = &text[..colon];
            if let Some(kind) = self.kind_of(candidate) {
                let inner = &candidate[marker_len..];
                let colon_inside =
                    marker_len > 0 && !inner.trim_end().ends_with(marker_char(marker));
                let mut end = colon + 1;
                if colon_inside {
                    let closing = &text[end..];
                    let (close_marker, close_len) = emphasis_run(closing);
                    if close_len > 0 && close_marker == marker {
                        end += close_len.min(marker_len);
                    }
                }
                // `**S (Situation):**`: a STAR letter spelled out.
                let spelled = candidate.trim_start_matches(['*', '_']);
                let letter = spelled
                    .chars()
                    .next()
                    .is_some_and(|c| star_letter(c).is_some())
                    && spelled.get(1..3) == Some(" (");
                let style = LabelStyle {
                    emphasis: Emphasis::from_run(marker, marker_len),
                    colon: if colon_inside {
                        Colon::Inside
                    } else {
                        Colon::Outside
                    },
                };
                return Some(LabelMatch {
                    kind,
                    label_start: start,
                    label_end: start + end,
                    body_start: start + end,
                    style,
                    callout: false,
                    letter,
                    html: false,
                });
            }
        }

        // A STAR letter: `S: …`, `**R:** …`, `**A**: …`.
        if let Some(m) = star_letter_label(text, marker, marker_len) {
            return Some(m.shifted(start));
        }

        // `Result — cut costs by 8%`, `Learnings - …`, `**Outcome** — …`: a dash for a colon.
        // Only lines with a dash are searched (`—` and `–` start with the byte 0xE2).
        let has_dash = window.bytes().any(|b| b == b'-' || b == 0xE2);
        for dash in [" — ", " – ", " - "].into_iter().filter(|_| has_dash) {
            let Some(at) = window.find(dash) else {
                continue;
            };
            let candidate = &text[..at];
            if let Some(kind) = self.kind_of(candidate) {
                let label_end = at;
                let body_start = at + dash.len();
                return Some(LabelMatch {
                    kind,
                    label_start: start,
                    label_end: start + label_end,
                    body_start: start + body_start,
                    style: LabelStyle {
                        emphasis: Emphasis::from_run(marker, marker_len),
                        colon: Colon::Outside,
                    },
                    callout: false,
                    letter: false,
                    html: false,
                });
            }
        }

        // A line that is only an emphasised label: `**Result**`.
        if marker_len > 0 {
            let trimmed = text.trim_end();
            let marker_text = marker_char(marker).to_string().repeat(marker_len);
            if trimmed.len() > marker_len * 2 && trimmed.ends_with(marker_text.as_str()) {
                let inner = &trimmed[marker_len..trimmed.len() - marker_len];
                if !inner.contains(marker_char(marker))
                    && let Some(kind) = self.kind_of(inner)
                {
                    return Some(LabelMatch {
                        kind,
                        label_start: start,
                        label_end: start + trimmed.len(),
                        body_start: start + text.len(),
                        style: LabelStyle {
                            emphasis: Emphasis::from_run(marker, marker_len),
                            colon: Colon::None,
                        },
                        callout: false,
                        letter: false,
                        html: false,
                    });
                }
            }
        }
        None
    }

    /// `<b>Situation:</b> …`, `<strong>Result</strong>: …`.
    fn match_html_label(&self, text: &str) -> Option<LabelMatch> {
        let (open, close) = [("<b>", "</b>"), ("<strong>", "</strong>")]
            .into_iter()
            .find(|(open, _)| text.starts_with(open))?;
        let inner_end = open.len() + text[open.len()..].find(close)?;
        let kind = self.kind_of(&text[open.len()..inner_end])?;
        let mut end = inner_end + close.len();
        if text[end..].starts_with(':') {
            end += 1;
        }
        Some(LabelMatch {
            kind,
            label_start: 0,
            label_end: end,
            body_start: end,
            style: LabelStyle {
                emphasis: Emphasis::DoubleStar,
                colon: Colon::Inside,
            },
            callout: false,
            letter: false,
            html: true,
        })
    }

    /// Obsidian callout: `[!success] Result` or `[!success] Result: text`.
    fn match_callout(&self, text: &str) -> Option<LabelMatch> {
        let inner = text.strip_prefix("[!")?;
        let close = inner.find(']')?;
        if close > 32 {
            return None;
        }
        let marker_end = 2 + close + 1;
        let after = &text[marker_end..];
        let label_start = marker_end + (after.len() - after.trim_start().len());
        let label_text = &text[label_start..];
        let (label_end, body_start) = match label_text.find(':') {
            Some(colon) => (label_start + colon + 1, label_start + colon + 1),
            None => (label_start + label_text.trim_end().len(), text.len()),
        };
        let kind = self.kind_of(&text[label_start..label_end])?;
        Some(LabelMatch {
            kind,
            label_start,
            label_end,
            body_start,
            style: LabelStyle {
                emphasis: Emphasis::None,
                colon: Colon::Outside,
            },
            callout: true,
            letter: false,
            html: false,
        })
    }
}

/// `S:`, `**S:**`, `**S**:` (offsets relative to `text`).
fn star_letter_label(text: &str, marker: Option<char>, marker_len: usize) -> Option<LabelMatch> {
    let rest = text.get(marker_len..)?;
    let mut chars = rest.chars();
    let letter = chars.next()?;
    let kind = star_letter(letter)?;
    let after = &rest[1..];
    let close = marker_char(marker).to_string().repeat(marker_len);
    let (colon_inside, used) = if let Some(tail) = after.strip_prefix(':') {
        let closing = if marker_len > 0 && tail.starts_with(close.as_str()) {
            marker_len
        } else {
            0
        };
        if marker_len > 0 && closing == 0 {
            return None;
        }
        (true, 1 + closing)
    } else if marker_len > 0 && after.starts_with(close.as_str()) {
        if !after[marker_len..].starts_with(':') {
            return None;
        }
        (false, marker_len + 1)
    } else {
        return None;
    };
    // A letter label is followed by text (or ends the line), never by another word character.
    let end = marker_len + 1 + used;
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    Some(LabelMatch {
        kind,
        label_start: 0,
        label_end: end,
        body_start: end,
        style: LabelStyle {
            emphasis: Emphasis::from_run(marker, marker_len),
            colon: if colon_inside && marker_len > 0 {
                Colon::Inside
            } else {
                Colon::Outside
            },
        },
        callout: false,
        letter: true,
        html: false,
    })
}

/// A label found at the start of a line; offsets are relative to the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelMatch {
    pub kind: PartKind,
    pub label_start: usize,
    pub label_end: usize,
    pub body_start: usize,
    pub style: LabelStyle,
    pub callout: bool,
    /// A STAR letter (`S:`, `**R:**`) rather than a word: counted only among other letters.
    pub letter: bool,
    /// Written in HTML (`<b>Situation:</b>`).
    pub html: bool,
}

impl LabelMatch {
    fn shifted(mut self, by: usize) -> LabelMatch {
        self.label_start += by;
        self.label_end += by;
        self.body_start += by;
        self
    }
}

/// How a label is written, so that inserted parts can copy it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelStyle {
    pub emphasis: Emphasis,
    pub colon: Colon,
}

impl Default for LabelStyle {
    fn default() -> Self {
        LabelStyle {
            emphasis: Emphasis::None,
            colon: Colon::Outside,
        }
    }
}

impl LabelStyle {
    /// Writes `label` in this style, e.g. `**Result:**`.
    pub fn render(self, label: &str) -> String {
        let m = self.emphasis.marker();
        match self.colon {
            Colon::Inside => format!("{m}{label}:{m}"),
            Colon::Outside => format!("{m}{label}{m}:"),
            Colon::None => format!("{m}{label}{m}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    None,
    Star,
    DoubleStar,
    Underscore,
    DoubleUnderscore,
}

impl Emphasis {
    fn from_run(marker: Option<char>, len: usize) -> Emphasis {
        match (marker, len) {
            (Some('*'), 1) => Emphasis::Star,
            (Some('*'), _) => Emphasis::DoubleStar,
            (Some('_'), 1) => Emphasis::Underscore,
            (Some('_'), _) => Emphasis::DoubleUnderscore,
            _ => Emphasis::None,
        }
    }

    pub fn marker(self) -> &'static str {
        match self {
            Emphasis::None => "",
            Emphasis::Star => "*",
            Emphasis::DoubleStar => "**",
            Emphasis::Underscore => "_",
            Emphasis::DoubleUnderscore => "__",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colon {
    /// `**Result:**`
    Inside,
    /// `**Result**:` or `Result:`
    Outside,
    /// `**Result**` alone on its line.
    None,
}

fn marker_char(marker: Option<char>) -> char {
    marker.unwrap_or('*')
}

/// The leading run of `*` or `_` (at most three).
fn emphasis_run(text: &str) -> (Option<char>, usize) {
    let Some(first) = text.chars().next() else {
        return (None, 0);
    };
    if first != '*' && first != '_' {
        return (None, 0);
    }
    let len = text.chars().take_while(|c| *c == first).count().min(3);
    (Some(first), len)
}

/// Bytes of leading emoji and symbols (`✅ Result:`, `→ Lesson:`) before a label.
fn leading_symbols_len(text: &str) -> usize {
    let mut len = 0;
    for c in text.chars() {
        if c.is_alphanumeric() || c.is_whitespace() || "*_[`(<\"'\\#>".contains(c) {
            if c.is_whitespace() && len > 0 {
                len += c.len_utf8();
                continue;
            }
            break;
        }
        len += c.len_utf8();
    }
    len
}

/// A task-list box `[ ]` / `[x]` and the space after it.
pub fn strip_checkbox(text: &str) -> (usize, &str) {
    for boxed in ["[ ]", "[x]", "[X]"] {
        if let Some(rest) = text.strip_prefix(boxed) {
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.len() < rest.len() || rest.is_empty() {
                let used = text.len() - trimmed.len();
                return (used, trimmed);
            }
        }
    }
    (0, text)
}

fn floor_char_boundary(text: &str, max: usize) -> usize {
    if max >= text.len() {
        return text.len();
    }
    let mut i = max;
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The comparison form of a label or title (SPEC §2).
pub fn normalize(raw: &str) -> String {
    let mut text: &str = raw.trim();
    // Leading symbols, checkboxes and callout markers, possibly several.
    loop {
        let trimmed = text.trim_start();
        if let Some(inner) = trimmed.strip_prefix('[')
            && let Some(close) = inner.find(']')
        {
            let content = &inner[..close];
            if close <= 32 && (matches!(content, " " | "x" | "X") || content.starts_with('!')) {
                text = &inner[close + 1..];
                continue;
            }
        }
        match trimmed.chars().next() {
            Some(c) if !c.is_alphanumeric() => text = &trimmed[c.len_utf8()..],
            _ => {
                text = trimmed;
                break;
            }
        }
    }
    let text = text.trim_end_matches(|c: char| !c.is_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match c {
            '*' | '_' | '`' => {}
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c if c.is_whitespace() => pending_space = !out.is_empty(),
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    out
}

/// Whether a heading title is reserved (SPEC §2), and which kind of reserved section it is.
pub fn reserved_title(title: &str) -> Option<Reserved> {
    reserved_normalized(&normalize(title))
}

/// [`reserved_title`] for a title already in [`normalize`]d form.
pub fn reserved_normalized(norm: &str) -> Option<Reserved> {
    static TITLES: std::sync::OnceLock<Vec<(String, Reserved)>> = std::sync::OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        let groups: [(&[&str], Reserved); 3] = [
            (STRENGTHS_TITLES, Reserved::Strengths),
            (GROWTH_TITLES, Reserved::Growth),
            (OTHER_RESERVED_TITLES, Reserved::Other),
        ];
        groups
            .iter()
            .flat_map(|(titles, reserved)| titles.iter().map(move |t| (normalize(t), *reserved)))
            .collect()
    });
    for (key, reserved) in titles {
        if let Some(rest) = norm.strip_prefix(key.as_str()) {
            let rest = rest.trim_start();
            if rest.is_empty() || rest.chars().next().is_some_and(|c| !c.is_alphanumeric()) {
                return Some(*reserved);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> Option<PartKind> {
        Vocabulary::default().match_label_line(line).map(|m| m.kind)
    }

    #[test]
    fn normalises_markup_case_and_apostrophes() {
        assert_eq!(
            normalize("**What I’d do differently:**"),
            "what i'd do differently"
        );
        assert_eq!(normalize("#### Result:"), "result");
        assert_eq!(normalize("💪 Strengths"), "strengths");
        assert_eq!(normalize("[!success] Result"), "result");
        assert_eq!(normalize("[x] Lesson —"), "lesson");
        assert_eq!(normalize("WHAT  I LEARNED"), "what i learned");
    }

    #[test]
    fn label_line_notations() {
        assert_eq!(kind("Result: fine"), Some(PartKind::Result));
        assert_eq!(kind("**Result:** fine"), Some(PartKind::Result));
        assert_eq!(kind("**Result**: fine"), Some(PartKind::Result));
        assert_eq!(kind("__Outcomes__: fine"), Some(PartKind::Result));
        assert_eq!(kind("*Learnings:* fine"), Some(PartKind::Lesson));
        assert_eq!(kind("_Situation_: fine"), Some(PartKind::Context));
        assert_eq!(kind("**Outcome**"), Some(PartKind::Result));
        assert_eq!(kind("[!success] Result"), Some(PartKind::Result));
        assert_eq!(
            kind("What I’d do differently: x"),
            Some(PartKind::Hindsight)
        );
        assert_eq!(kind("✅ Result: shipped"), Some(PartKind::Result));
        assert_eq!(kind("[ ] Next time:"), Some(PartKind::Hindsight));
    }

    #[test]
    fn prose_is_not_a_label() {
        assert_eq!(kind("What I learned from running this site: much"), None);
        assert_eq!(kind("Result of the build is a folder"), None);
        assert_eq!(kind("Region: Nordics"), None);
        assert_eq!(kind("**Result** of the night"), None);
        assert_eq!(kind("https://example.com"), None);
        // Emphasis left open before a multi-byte character.
        assert_eq!(kind("**Result 😀"), None);
        assert_eq!(kind("__Result 𠮷"), None);
        assert_eq!(kind("**Lesson🔬d"), None);
    }

    #[test]
    fn labels_people_spell_other_ways() {
        // A dash for a colon (issue 9; the corpus README's open question 8, decided).
        assert_eq!(kind("Result — cut costs by 8%"), Some(PartKind::Result));
        assert_eq!(kind("Learnings - write it down"), Some(PartKind::Lesson));
        assert_eq!(
            kind("**Outcome** — two fewer calls"),
            Some(PartKind::Result)
        );
        // Compounds, numbers, remarks, STAR letters spelled out, HTML.
        assert_eq!(kind("Outcome and impact: x"), Some(PartKind::Result));
        assert_eq!(kind("My role and contributions: x"), Some(PartKind::Action));
        assert_eq!(kind("**Key actions:** x"), Some(PartKind::Action));
        assert_eq!(kind("Learned - TODO"), Some(PartKind::Lesson));
        assert_eq!(kind("**S (Situation):** x"), Some(PartKind::Context));
        assert_eq!(kind("<b>Situation:</b> x"), Some(PartKind::Context));
        assert_eq!(kind("S: the ward was short"), Some(PartKind::Context));
        let vocab = Vocabulary::default();
        for title in [
            "4. Outcome & results",
            "📈 Results (what changed)",
            "Context & business need",
            "The aftermath",
            "The mistake",
        ] {
            assert!(vocab.kind_of(title).is_some(), "{title}");
        }
        // Near misses: a label word that starts ordinary words.
        for title in [
            "Lessons from the first release",
            "Benchmark results",
            "Business problem & metrics",
            "Scope and impact",
            "Learning outcomes",
            "Action items",
            "Results page",
        ] {
            assert!(vocab.kind_of(title).is_none(), "{title}");
        }
        assert_eq!(kind("A: yes, every Friday"), Some(PartKind::Action));
        assert_eq!(kind("Sam: please review"), None);
    }

    #[test]
    fn label_ranges_cover_emphasis_and_colon() {
        let vocab = Vocabulary::default();
        let m = vocab.match_label_line("**Result:** fell by 3%").unwrap();
        assert_eq!((m.label_start, m.label_end), (0, 11));
        let m = vocab.match_label_line("**Result**: fell").unwrap();
        assert_eq!((m.label_start, m.label_end), (0, 11));
        let m = vocab.match_label_line("[!success] Result").unwrap();
        assert_eq!((m.label_start, m.label_end), (11, 17));
    }

    #[test]
    fn styles_render_back() {
        let vocab = Vocabulary::default();
        for line in [
            "**Result:** x",
            "**Result**: x",
            "Result: x",
            "__Result:__ x",
            "**Result**",
        ] {
            let m = vocab.match_label_line(line).unwrap();
            assert!(line.starts_with(&m.style.render("Result")), "{line}");
        }
    }

    #[test]
    fn configured_labels_extend_the_defaults() {
        let vocab = Vocabulary::new(&[(PartKind::Result, vec!["Wins".into()])]);
        assert_eq!(
            vocab.match_label_line("Wins: three").map(|m| m.kind),
            Some(PartKind::Result)
        );
    }

    #[test]
    fn reserved_titles() {
        assert_eq!(reserved_title("💪 Strengths"), Some(Reserved::Strengths));
        assert_eq!(
            reserved_title("Strengths (what people ask me for)"),
            Some(Reserved::Strengths)
        );
        assert_eq!(
            reserved_title("Struggles / growth areas"),
            Some(Reserved::Growth)
        );
        assert_eq!(reserved_title("Areas to improve"), Some(Reserved::Growth));
        assert_eq!(reserved_title("About me"), Some(Reserved::Other));
        assert_eq!(reserved_title("Skills and tools"), None);
        assert_eq!(reserved_title("Notes from the field"), None);
    }
}
