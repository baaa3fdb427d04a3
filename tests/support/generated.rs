//! Generated career notes for the property tests: documents built from pieces — headings of
//! levels 1–4 (ATX and setext), label lines in every notation, list labels, block quotes and
//! callouts, blank lines, free text, code fences, HTML comments and blocks, tables, thematic
//! breaks, suppression comments, front matter, emoji and CJK text, LF or CRLF. "Tidy"
//! documents separate blocks with blank lines the way people write notes; "raw" ones glue any
//! pieces together.

#![allow(dead_code)] // each test binary uses its own subset

use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// The pieces

const TITLES: &[&str] = &[
    "Billing migration",
    "Night shift 🌙",
    "東京オフィスの移転",
    "Café opening ☕",
    "Q3 launch",
    "On-call rotation",
    "Strengths",
    "Growth areas",
    "Notes",
    "Result",
    "Lessons learned",
    "Team 👩‍🔬 offsite",
    "Ремонт склада",
    "Acme Corp (2019–2023)",
    "Summary",
    "C# tips",
    "**Bold** hiring push",
    "Title with `code`",
    "What I'm good at",
    "Mentoring 𠮷田-san",
];

const LABELS: &[&str] = &[
    "Result",
    "Action",
    "Lesson",
    "In hindsight",
    "Situation",
    "Context",
    "What I did",
    "Outcome",
    "Impact",
    "Lessons learned",
    "Takeaway",
    "Next time",
    "What I’d do differently",
    "Looking back",
    "Problem",
    "My role",
    "Key insight",
    "Region",
    "Note",
];

const BODIES: &[&str] = &[
    "I rewrote the scheduler and the nightly run fell from 4 hours to 50 minutes.",
    "We shipped it, and we celebrated with our team.",
    "It went well.",
    "",
    "TODO",
    "TBD",
    "...",
    "in progress",
    "三週間で完成した 🎉",
    "Ça a marché, 👩‍🔬 vraiment.",
    "Saved $14k a month.",
    "Uses `Result: x` in code.",
    "[Describe the result]",
    "attendance doubled",
    "В 2021 году стало лучше.",
    "<!-- a private note -->",
    "I learned to ask earlier.",
    "FIXME: find the numbers",
    "We think our users liked us.",
    "Result: a label inside a body",
];

/// Label-line notations; `{L}` is the label, `{B}` the body.
const LABEL_LINES: &[&str] = &[
    "{L}: {B}",
    "**{L}:** {B}",
    "**{L}**: {B}",
    "__{L}__: {B}",
    "*{L}:* {B}",
    "**{L}**\n{B}",
    "{L}:\n{B}",
    "✅ {L}: {B}",
    "{L} — {B}",
    "_{L}_: {B}",
];

const LIST_MARKERS: &[&str] = &["- ", "* ", "+ ", "1. ", "2) ", "- [x] ", "- [ ] ", "  - "];

const QUOTES: &[&str] = &[
    "> {L}: {B}",
    "> [!success] {L}\n> {B}",
    "> just a quote about {B}",
    "> **{L}:** {B}",
];

const FENCES: &[&str] = &["```", "~~~", "```text", "    "];

const HIDDEN: &[&str] = &[
    "Result: hidden",
    "## Hidden heading",
    "Lesson: not here\nIn hindsight: nor here",
    "- Action: in code",
];

const HTML: &[&str] = &[
    "<div>Result: not a label</div>",
    "<details>\n<summary>More</summary>\nLesson: inside html\n</details>",
    "<br>",
    "<p align=\"center\">Action: no</p>",
];

const RULES: &[&str] = &["---", "***", "___", "==="];

const DIRECTIVES: &[&str] = &[
    "<!-- hindsight-disable -->",
    "<!-- hindsight-disable missing-result -->",
    "<!-- hindsight-disable vague-result, we-not-i -->",
    "<!-- hindsight: not-experience -->",
    "<!-- hindsight-disable missing-hindsight -->",
    "<!-- hindsight-disable missing-self-assessment -->",
];

const FRONT_MATTER: &[&str] = &[
    "",
    "---\nhindsight: true\n---",
    "---\nexperience_level: 2\n---",
    "---\nexperience_level: 3\n---",
    "---\ntitle: notes\nResult: not a label\n---",
];

#[derive(Debug, Clone)]
enum Piece {
    Heading {
        level: u8,
        title: usize,
        setext: bool,
    },
    Label {
        notation: usize,
        label: usize,
        body: usize,
    },
    ListLabel {
        marker: usize,
        notation: usize,
        label: usize,
        body: usize,
        continuation: Option<usize>,
    },
    Text(usize),
    Fence {
        fence: usize,
        inner: usize,
        closed: bool,
    },
    Comment {
        inner: usize,
        multiline: bool,
        closed: bool,
    },
    Html(usize),
    Rule(usize),
    Quote {
        form: usize,
        label: usize,
        body: usize,
    },
    Directive(usize),
    Table(usize),
}

/// Tables: one that holds no stories, and logs of stories (a row per story, part columns,
/// empty cells and a placeholder among them).
const TABLES: &[&str] = &[
    "| Result | Value |\n|---|---|\n| a | 1 |",
    "| Date | What happened | What I did | Outcome | Learned |\n|---|---|---|---|---|\n| 03/12 | Truck hit a rack | Stopped picking | Rack replaced by 10am | |\n| 06/01 | Alarm at 2am | Ran the roll call | TBC | |",
    "flight | what happened | what i did | how it ended\n---|---|---|---\nLGW-BGI | smoke in the galley | pulled the breaker |",
];

impl Piece {
    /// Pieces that people write one under the other without blank lines.
    fn tight(&self) -> bool {
        matches!(
            self,
            Piece::Label { .. } | Piece::ListLabel { .. } | Piece::Text(_) | Piece::Quote { .. }
        )
    }

    fn render(&self) -> String {
        let fill = |template: &str, label: usize, body: usize| {
            template
                .replace("{L}", LABELS[label])
                .replace("{B}", BODIES[body])
        };
        match self {
            Piece::Heading {
                level,
                title,
                setext,
            } => {
                let title = TITLES[*title];
                if *setext && *level <= 2 {
                    let underline = if *level == 1 { "=" } else { "-" };
                    format!(
                        "{title}\n{}",
                        underline.repeat(title.chars().count().max(3))
                    )
                } else {
                    format!("{} {title}", "#".repeat(*level as usize))
                }
            }
            Piece::Label {
                notation,
                label,
                body,
            } => fill(LABEL_LINES[*notation], *label, *body),
            Piece::ListLabel {
                marker,
                notation,
                label,
                body,
                continuation,
            } => {
                let marker = LIST_MARKERS[*marker];
                let line = fill(LABEL_LINES[*notation], *label, *body);
                let indent = " ".repeat(marker.len());
                let mut out = String::new();
                for (i, l) in line.split('\n').enumerate() {
                    if i > 0 {
                        out.push('\n');
                        out.push_str(&indent);
                    } else {
                        out.push_str(marker);
                    }
                    out.push_str(l);
                }
                if let Some(c) = continuation {
                    out.push('\n');
                    out.push_str(&indent);
                    out.push_str(BODIES[*c]);
                }
                out
            }
            Piece::Text(body) => BODIES[*body].to_string(),
            Piece::Fence {
                fence,
                inner,
                closed,
            } => {
                let fence = FENCES[*fence];
                if fence.trim().is_empty() {
                    // An indented code block.
                    HIDDEN[*inner]
                        .split('\n')
                        .map(|l| format!("{fence}{l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    let close = if *closed { &fence[..3] } else { "" };
                    format!("{fence}\n{}\n{close}", HIDDEN[*inner])
                }
            }
            Piece::Comment {
                inner,
                multiline,
                closed,
            } => {
                let close = if *closed { "-->" } else { "" };
                if *multiline {
                    format!("<!--\n{}\n{close}", HIDDEN[*inner])
                } else {
                    format!("<!-- {} {close}", HIDDEN[*inner].replace('\n', " "))
                }
            }
            Piece::Html(i) => HTML[*i].to_string(),
            Piece::Rule(i) => RULES[*i].to_string(),
            Piece::Quote { form, label, body } => fill(QUOTES[*form], *label, *body),
            Piece::Directive(i) => DIRECTIVES[*i].to_string(),
            Piece::Table(i) => TABLES[*i].to_string(),
        }
    }
}

fn piece() -> impl Strategy<Value = Piece> {
    let label = 0..LABELS.len();
    let body = 0..BODIES.len();
    prop_oneof![
        // Weighted towards the pieces that make experiences.
        4 => (1u8..=4, 0..TITLES.len(), prop::bool::weighted(0.1)).prop_map(
            |(level, title, setext)| Piece::Heading { level, title, setext }
        ),
        6 => (0..LABEL_LINES.len(), label.clone(), body.clone()).prop_map(
            |(notation, label, body)| Piece::Label { notation, label, body }
        ),
        4 => (
            0..LIST_MARKERS.len(),
            0..LABEL_LINES.len(),
            label.clone(),
            body.clone(),
            prop::option::weighted(0.2, body.clone())
        )
            .prop_map(|(marker, notation, label, body, continuation)| Piece::ListLabel {
                marker,
                notation,
                label,
                body,
                continuation
            }),
        3 => body.clone().prop_map(Piece::Text),
        1 => (0..FENCES.len(), 0..HIDDEN.len(), prop::bool::weighted(0.9)).prop_map(
            |(fence, inner, closed)| Piece::Fence { fence, inner, closed }
        ),
        1 => (0..HIDDEN.len(), any::<bool>(), prop::bool::weighted(0.9)).prop_map(
            |(inner, multiline, closed)| Piece::Comment { inner, multiline, closed }
        ),
        1 => (0..HTML.len()).prop_map(Piece::Html),
        1 => (0..RULES.len()).prop_map(Piece::Rule),
        1 => (0..QUOTES.len(), label, body)
            .prop_map(|(form, label, body)| Piece::Quote { form, label, body }),
        1 => (0..DIRECTIVES.len()).prop_map(Piece::Directive),
        1 => (0..TABLES.len()).prop_map(Piece::Table),
    ]
}

/// A generated document: its pieces, how many blank lines follow each, front matter, EOL.
#[derive(Debug, Clone)]
pub struct Doc {
    front: usize,
    pieces: Vec<(Piece, usize)>,
    crlf: bool,
    final_newline: bool,
}

impl Doc {
    pub fn text(&self) -> String {
        let mut out = String::new();
        if !FRONT_MATTER[self.front].is_empty() {
            out.push_str(FRONT_MATTER[self.front]);
            out.push('\n');
        }
        for (i, (piece, blanks)) in self.pieces.iter().enumerate() {
            out.push_str(&piece.render());
            if i + 1 < self.pieces.len() || self.final_newline {
                out.push('\n');
            }
            if i + 1 < self.pieces.len() {
                out.push_str(&"\n".repeat(*blanks));
            }
        }
        if self.crlf {
            out.replace('\n', "\r\n")
        } else {
            out
        }
    }
}

/// `tidy`: blank lines around every block except label lines, list labels, text and quotes
/// written one under the other (as in the corpus); unclosed fences and comments only while
/// typing at the end.
fn doc(tidy: bool) -> impl Strategy<Value = Doc> {
    (
        0..FRONT_MATTER.len(),
        prop::collection::vec((piece(), 0usize..=2), 1..40),
        any::<bool>(),
        prop::bool::weighted(0.9),
    )
        .prop_map(move |(front, mut pieces, crlf, final_newline)| {
            if tidy {
                let n = pieces.len();
                for i in 0..n {
                    let next_tight = pieces.get(i + 1).is_some_and(|(p, _)| p.tight());
                    if !(pieces[i].0.tight() && next_tight) {
                        pieces[i].1 = pieces[i].1.max(1);
                    }
                    let last = i + 1 == n;
                    match &mut pieces[i].0 {
                        Piece::Fence { closed, .. } | Piece::Comment { closed, .. } if !last => {
                            *closed = true
                        }
                        _ => {}
                    }
                }
            }
            Doc {
                front,
                pieces,
                crlf,
                final_newline,
            }
        })
}

pub fn any_doc() -> impl Strategy<Value = Doc> {
    prop_oneof![3 => doc(true), 1 => doc(false)]
}
