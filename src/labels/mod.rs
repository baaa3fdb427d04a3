//! Recognising part labels and reserved section titles.
//!
//! Labels are compared in a normalised form (case-folded, emphasis and leading symbols
//! removed, curly apostrophes straightened, trailing punctuation dropped), so that
//! `**What I’d do differently:**`, `#### WHAT I LEARNED` and `💪 Strengths` all match.

use std::collections::HashMap;

use crate::kinds::PartKind;

mod line;

pub use line::{Colon, Emphasis, LabelMatch, LabelStyle, may_hold_label, strip_checkbox};

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
            "What went wrong",
            "Starting point",
            "The starting point",
            "Where we started",
            "Where I started",
            "What happened",
            "The incident",
            "Business need",
            "The situation",
            "The problem",
            "Setting the scene",
            "Set the scene",
            "The scene",
            // The NMC revalidation form's questions, as nurses copy them.
            "What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice",
            "What was the nature of the CPD activity",
            // The GPhC revalidation record's, for a planned entry.
            "What are you planning to learn",
        ],
    ),
    (
        PartKind::Action,
        &[
            "Key actions",
            "What I did about it",
            "How I did it",
            "My actions",
            "My approach",
            "The approach",
            "How I handled it",
            "What I actually did",
            "What I really did",
            "What I tried",
            "How did you change or improve your practice as a result",
            "How did I change or improve my practice as a result",
            "How are you going to learn it",
        ],
    ),
    (
        PartKind::Result,
        &[
            "The aftermath",
            "Aftermath",
            "The result",
            "The results",
            "The outcome",
            "The impact",
            "How it turned out",
            "How it went",
            "What came of it",
            "Where it landed",
            "How it landed",
            "Where we landed",
            "How it ended",
            "Where it ended up",
            "How it played out",
            "Where it got to",
            "Where we got to",
            "Give an example of how this learning has benefited the people using your services",
            "How has this learning benefited the people using your services",
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
            "What I took away",
            "What it taught me",
            "Key learnings",
            "Key takeaways",
            "Key lessons",
            "What did you learn from the CPD activity and/or feedback and/or event or experience in your practice",
            "What did you learn",
            "What did I learn",
            "If I'm honest",
            "If I am honest",
            "To be honest",
        ],
    ),
    (
        PartKind::Hindsight,
        &[
            "What I would change",
            "If I did it over",
            "If I could do it again",
            "Would I do it differently",
            "What would I do differently",
            "What would I change",
            "What I'd do differently next time",
            "What I would do differently next time",
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
    "Things I'm still working on",
    "Still working on",
    "Things to work on",
    "Areas to work on",
];
const OTHER_RESERVED_TITLES: &[&str] = &[
    "Self-assessment",
    "Skills",
    "Summary",
    "TL;DR",
    "TLDR",
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
    "Kudos",
    "Praise",
    "Testimonials",
    "Shout-outs",
    "Shoutouts",
    "Feedback",
    "Feedback I received",
    "What people said",
    "What people say",
    "Quotes",
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
    "How to use this file",
    "How to use this document",
    "How to use this doc",
    "How to use this page",
    "How to use this",
    "Instructions",
    // What surrounds the answers in a story bank or an interview guide.
    // (Any title ending in `tips` or `template` is one too: see `reserved_normalized`.)
    "Tips",
    "Example story",
    "Example stories",
    "Sample story",
    "Questions",
    "Common questions",
    "Questions this answers",
    "Questions these answer",
    "Questions it answers",
    "Questions to ask",
    "My questions",
    // A list of stories yet to write is a backlog, however personal its lines.
    "Stories still to write",
    "Stories to write",
    "Stories to write up",
    "Stories to add",
    "Story ideas",
    "Story backlog",
    "Still to write",
    "To write up",
];

/// Sections that only a meeting's record has: the heading over them is the meeting's, not a
/// story, however many "Actions" and "Outcomes" it holds.
const MEETING_TITLES: &[&str] = &["Attendees", "Agenda", "Apologies", "Any other business"];

/// A reserved section title: never an experience; strengths and growth sections also
/// satisfy `missing-self-assessment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    Strengths,
    Growth,
    /// A section of a meeting's record ([`MEETING_TITLES`]).
    Meeting,
    Other,
}

/// Label vocabulary for one configuration: the defaults plus configured extras.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    labels: HashMap<String, PartKind, ShortKeys>,
    /// Longest normalised label, to bound how far a line is searched for a colon.
    longest: usize,
    /// ASCII characters a normalised label can start with.
    first_letters: [bool; 128],
}

/// FNV-1a for the label table: its keys are a few bytes long and looked up for every heading
/// and every label-like line, where SipHash's set-up cost is most of a lookup. The keys come from
/// the defaults and the writer's own configuration, so resistance to crafted collisions is not
/// needed.
#[derive(Debug, Clone, Copy, Default)]
struct ShortKeys;

impl std::hash::BuildHasher for ShortKeys {
    type Hasher = Fnv1a;
    fn build_hasher(&self) -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

struct Fnv1a(u64);

impl std::hash::Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new(&[])
    }
}

impl Vocabulary {
    /// Builds the vocabulary from the defaults and `extra` labels per kind.
    pub fn new(extra: &[(PartKind, Vec<String>)]) -> Vocabulary {
        let mut labels = HashMap::with_hasher(ShortKeys);
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
            if let Some(kind) = self.labels.get(unnumbered) {
                return Some(*kind);
            }
            unnumbered
        } else {
            normalized
        };
        // A remark in brackets or a compound: a bracket or a joiner is needed.
        let marked = unnumbered
            .bytes()
            .any(|b| matches!(b, b'(' | b'&' | b'+' | b'/'));
        if !marked && !unnumbered.contains(" and ") {
            return None;
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

/// A title that is only placeholders in brackets — `[Project name] — [Month Year]` — is a
/// template's, never a story's.
pub fn is_placeholder_title(title: &str) -> bool {
    let title = title.trim();
    if !title.starts_with('[') {
        return false;
    }
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            // Between placeholders: separators only.
            c if c.is_whitespace()
                || matches!(c, '—' | '–' | '-' | ':' | '|' | '/' | ',' | '.' | '·') => {}
            _ => return false,
        }
    }
    depth == 0
}

/// [`reserved_title`] for a title already in [`normalize`]d form.
pub fn reserved_normalized(norm: &str) -> Option<Reserved> {
    static TITLES: std::sync::OnceLock<Vec<(String, Reserved)>> = std::sync::OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        let groups: [(&[&str], Reserved); 4] = [
            (STRENGTHS_TITLES, Reserved::Strengths),
            (GROWTH_TITLES, Reserved::Growth),
            (MEETING_TITLES, Reserved::Meeting),
            (OTHER_RESERVED_TITLES, Reserved::Other),
        ];
        groups
            .iter()
            .flat_map(|(titles, reserved)| titles.iter().map(move |t| (normalize(t), *reserved)))
            .collect()
    });
    let first = norm.as_bytes().first();
    // Every heading asks: the first byte rules out most titles without comparing the rest.
    for (key, reserved) in titles
        .iter()
        .filter(|(key, _)| key.as_bytes().first() == first)
    {
        if let Some(rest) = norm.strip_prefix(key.as_str()) {
            let rest = rest.trim_start();
            let mut after = rest.chars();
            // The title ends, or goes on after a mark (`Strengths (…)`, `Goals: 2025`); a
            // hyphen joined to a word goes on with the word (`Praise-driven …`).
            let ends = match after.next() {
                None => true,
                Some('-') => !after.next().is_some_and(char::is_alphanumeric),
                Some(c) => !c.is_alphanumeric(),
            };
            // Words passed between people say whom they are to or from (`Feedback to my
            // manager`, `Praise from the panel`).
            let between_people = ["feedback", "praise", "kudos", "quotes", "testimonials"]
                .contains(&key.as_str())
                && (rest.starts_with("to ") || rest.starts_with("from "));
            // Questions someone may ask or be asked (`Questions I might get`, `Questions to
            // ask them`).
            let asked = key == "questions"
                && [
                    "i ",
                    "they ",
                    "to ",
                    "we ",
                    "you ",
                    "interviewers ",
                    "the panel ",
                ]
                .iter()
                .any(|who| rest.starts_with(who));
            if ends || names_when_or_what_for(rest) || between_people || asked {
                return Some(*reserved);
            }
        }
    }
    // `Retro template`, `STAR answer template`, `Panel-day tips`: a form or advice, whatever
    // it is for.
    let last = norm.rsplit(' ').next().unwrap_or(norm);
    ["template", "templates", "tips"]
        .contains(&last)
        .then_some(Reserved::Other)
}

/// [`reserved_title`] for a story's title in a list or at a paragraph's start: there, a title
/// ending in "template" names what was built (`**Office Revit template**` over how it was
/// made and what it changed); a form to fill in is a section's.
pub fn reserved_item_title(title: &str) -> Option<Reserved> {
    let norm = normalize(title);
    let last = norm.rsplit(' ').next().unwrap_or(&norm);
    match reserved_normalized(&norm) {
        Some(Reserved::Other)
            if ["template", "templates"].contains(&last) && norm.split(' ').count() >= 2 =>
        {
            None
        }
        reserved => reserved,
    }
}

/// `for …`, `this …`, `next …`, `last …` after a reserved title says which period or purpose
/// the section is for (`Goals for H2`, `Notes for next time`, `Ideas this year`): still the
/// same kind of section, never a story.
fn names_when_or_what_for(rest: &str) -> bool {
    ["for ", "this ", "next ", "last "]
        .iter()
        .any(|word| rest.starts_with(word))
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
        // STAR letters before a spaced dash; not a letter that opens a word or a range.
        assert_eq!(kind("C - Over the summer we"), Some(PartKind::Context));
        assert_eq!(kind("L — Small reports matter."), Some(PartKind::Lesson));
        assert_eq!(kind("A-list guests only"), None);
        assert_eq!(kind("A -B testing"), None);
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
        // A dash that ends the line: the part is left to fill.
        assert_eq!(
            kind("**What I'd do differently** —"),
            Some(PartKind::Hindsight)
        );
        assert_eq!(kind("Result -"), Some(PartKind::Result));
        assert_eq!(kind("The results page —"), None);
        assert_eq!(
            kind("**Outcome** — two fewer calls"),
            Some(PartKind::Result)
        );
        // Compounds, numbers, remarks, STAR letters spelled out, HTML.
        assert_eq!(kind("Outcome and impact: x"), Some(PartKind::Result));
        assert_eq!(kind("What I tried: x"), Some(PartKind::Action));
        // The NMC revalidation form's questions, bold on their own lines.
        assert_eq!(
            kind(
                "**What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?**"
            ),
            Some(PartKind::Context)
        );
        assert_eq!(
            kind(
                "**What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?**"
            ),
            Some(PartKind::Lesson)
        );
        assert_eq!(
            kind("**How did you change or improve your practice as a result?**"),
            Some(PartKind::Action)
        );
        // The GPhC's.
        assert_eq!(
            kind(
                "**Give an example of how this learning has benefited the people using your services.**"
            ),
            Some(PartKind::Result)
        );
        assert_eq!(
            kind("**What are you planning to learn?**"),
            Some(PartKind::Context)
        );
        assert_eq!(kind("**How is this relevant to the Code?**"), None);
        assert_eq!(kind("**What did you learn about the venue?** x"), None);
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
        assert_eq!(
            reserved_title("Office Revit template"),
            Some(Reserved::Other)
        );
        assert_eq!(reserved_item_title("Office Revit template"), None);
        assert_eq!(reserved_item_title("Template"), Some(Reserved::Other));
        assert_eq!(reserved_item_title("Interview tips"), Some(Reserved::Other));
        assert_eq!(reserved_title("Skills and tools"), None);
        assert_eq!(reserved_title("Notes from the field"), None);
        // Summaries, praise from others and work in progress tell no story of the writer's.
        assert_eq!(reserved_title("✨ TL;DR"), Some(Reserved::Other));
        assert_eq!(reserved_title("💬 What people said"), Some(Reserved::Other));
        assert_eq!(reserved_title("Kudos"), Some(Reserved::Other));
        assert_eq!(
            reserved_title("🌱 Things I'm still working on"),
            Some(Reserved::Growth)
        );
        assert_eq!(reserved_title("Feedback loop overhaul"), None);
        // Which period or purpose a reserved section is for leaves it reserved.
        for title in [
            "Goals for H2",
            "Notes for next time",
            "Ideas this year",
            "Skills for the new role",
        ] {
            assert_eq!(reserved_title(title), Some(Reserved::Other), "{title:?}");
        }
        assert_eq!(
            reserved_title("Strengths this cycle"),
            Some(Reserved::Strengths)
        );
        // A word that only starts like one is no such phrase.
        assert_eq!(reserved_title("Goals fortnightly review"), None);
        // Feedback to or from someone; the advice and forms around a story bank.
        for title in [
            "Feedback to my manager",
            "Praise from the panel",
            "Delivery tips",
            "Panel-day tips",
            "Questions this answers",
            "Common questions",
            "Questions I might get",
            "Questions to ask them",
            "Example story",
            "Retro template",
            "STAR answer template",
        ] {
            assert_eq!(reserved_title(title), Some(Reserved::Other), "{title:?}");
        }
        for title in [
            "Notes from the field",
            "Tipsy cake for the bake sale",
            "Template engine rewrite",
            "Questioning the roadmap",
            "Sample answer",
            "Questions nobody asked about the billing outage",
            "Example-driven onboarding rewrite",
        ] {
            assert_eq!(reserved_title(title), None, "{title:?}");
        }
        assert_eq!(reserved_title("Notes format overhaul"), None);
        assert_eq!(
            reserved_title("Stories still to write"),
            Some(Reserved::Other)
        );
        assert_eq!(reserved_title("## Attendees"), Some(Reserved::Meeting));
        assert_eq!(reserved_title("**Agenda**"), Some(Reserved::Meeting));
        assert_eq!(reserved_title("Agenda-setting for the board"), None);
        assert_ne!(reserved_title("Actions"), Some(Reserved::Meeting));
        assert_eq!(reserved_title("Praise-driven development talk"), None);
    }

    #[test]
    fn placeholder_titles() {
        for title in [
            "[Project or incident name] — [Month Year]",
            "[Title]",
            " [Team] / [Quarter] ",
        ] {
            assert!(is_placeholder_title(title), "{title:?}");
        }
        for title in [
            "[WIP] Payment retries",
            "Migrating [redacted] to Postgres",
            "[Q3] The billing outage",
            "Title",
            "[unclosed",
        ] {
            assert!(!is_placeholder_title(title), "{title:?}");
        }
    }

    #[test]
    fn labels_people_write_for_a_story_s_turns() {
        for (label, kind) in [
            ("#### 2. My approach", PartKind::Action),
            ("How it turned out", PartKind::Result),
            ("What came of it", PartKind::Result),
            ("Key takeaways", PartKind::Lesson),
            ("What it taught me", PartKind::Lesson),
            ("What I'd do differently next time", PartKind::Hindsight),
            ("### Where it got to", PartKind::Result),
            ("### Would I do it differently?", PartKind::Hindsight),
        ] {
            let norm = normalize(label.trim_start_matches('#'));
            assert_eq!(
                Vocabulary::default().kind_of_normalized(&norm),
                Some(kind),
                "{label:?}"
            );
        }
        // A sentence that starts like one is not a label.
        for near in [
            "How it turned out that the API was wrong",
            "My approach to hiring",
        ] {
            assert_eq!(
                Vocabulary::default().kind_of_normalized(&normalize(near)),
                None,
                "{near:?}"
            );
        }
    }
}
