//! Hovers: the prompt and why it matters on a part label; the parts and their states on an
//! experience heading.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::analysis::Analysis;
use super::hints;
use crate::gaps::Lack;
use crate::kinds::{PartKind, PartState};
use crate::notes::{Evidence, Experience};
use crate::prompts::Prompts;

pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    if !analysis.career {
        return None;
    }
    let notes = &analysis.notes;
    let index = notes.experience_at(offset)?;
    let exp = notes.experiences.get(index)?;
    // The end of the title line is where the inlay hint sits: there the hover is the
    // experience's, also when a story told on that line ends there too.
    let at_hint = offset == exp.heading.end;
    let (markdown, range) = if let Some(part) = exp
        .parts
        .iter()
        .find(|p| !at_hint && p.label.start <= offset && offset <= p.label.end)
    {
        let state = match part.state {
            PartState::Stated => "stated".to_string(),
            PartState::Empty if part.has_prompt => "still a prompt".to_string(),
            PartState::Empty => "empty".to_string(),
            PartState::Absent => "absent".to_string(),
        };
        let text = format!(
            "**{}** — {state}\n\n> {}\n\n{}",
            part.kind.canonical_label(),
            analysis.settings.prompts.get(part.kind),
            Prompts::why(part.kind)
        );
        (text, part.label.clone())
    } else if exp.heading.start <= offset && offset <= exp.heading.end {
        // A list, not a table: Neovim, Helix and Emacs show hovers as lightly marked-up text.
        let mut text = format!("**{}** — experience\n\n", exp.title);
        for kind in PartKind::ALL {
            let state = match exp.state(kind) {
                PartState::Stated => "✓ stated",
                PartState::Empty => "✎ empty",
                PartState::Absent => "— absent",
            };
            let how = found(analysis, exp, kind);
            let how = if how.is_empty() {
                String::new()
            } else {
                format!(" · {how}")
            };
            text.push_str(&format!("- **{}**: {state}{how}\n", kind.canonical_label()));
        }
        let gaps = hints::gaps(analysis, index);
        if !gaps.is_empty() {
            text.push_str("\nStill to write:\n");
            for gap in gaps {
                let why = match gap.lack {
                    Lack::Absent => "",
                    Lack::Empty => " (empty)",
                    Lack::Prompt => " (still a prompt)",
                };
                text.push_str(&format!(
                    "- **{}**{why}: {}\n",
                    gap.kind.canonical_label(),
                    analysis.settings.prompts.get(gap.kind)
                ));
            }
        }
        (text, exp.title_range.clone())
    } else {
        return None;
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(analysis.range(range)),
    })
}

/// How a kind was found, for the hover's table: the label, or the sentence read (so that the
/// writer sees why Hindsight is satisfied).
fn found(analysis: &Analysis, exp: &Experience, kind: PartKind) -> String {
    let Some(part) = exp.telling_part(kind) else {
        return String::new();
    };
    let cell = part.notation == crate::notes::Notation::TableCell;
    let words: Vec<&str> = analysis
        .text
        .get(part.shown())
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let mut shown: String = words.join(" ").chars().take(80).collect();
    if shown.chars().count() < words.join(" ").chars().count() {
        shown.push('…');
    }
    // No backticks breaking out of the code span.
    let shown = shown.replace('`', "'");
    match part.evidence {
        Evidence::Label if cell => format!("table cell “{shown}”"),
        Evidence::Label => format!("label `{shown}`"),
        Evidence::Marker => format!("marker `{shown}`"),
        Evidence::Prose => format!("sentence “{shown}”"),
        Evidence::Ending if part.kind == PartKind::Lesson => {
            format!("sentence “{shown}”, a general truth told after your last action")
        }
        Evidence::Ending => format!("sentence “{shown}”, what happened after your last action"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::analysis::of_career_note;
    use tower_lsp_server::ls_types::HoverContents;

    /// The hover's text on the title `title` of `text`, read as career notes.
    fn hover_on(text: &str, title: &str) -> String {
        let analysis = of_career_note(text, 1);
        let at = text.find(title).expect("title");
        let Some(hover) = super::hover(&analysis, at) else {
            panic!("no hover on the title");
        };
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("not markup");
        };
        markup.value
    }

    /// A result read from where its sentence stands says so, so that a writer sees why
    /// Hindsight took it for one.
    #[test]
    fn an_ending_read_as_the_result_says_why() {
        let text = "# 2025\n\n- **Audit export**\n  - I told Jen it would take three weeks. \
                    I kept quiet when it slipped.\n  - It slipped into Q4 anyway.\n";
        let hover = hover_on(text, "Audit");
        assert!(
            hover.contains(
                "**Result**: ✓ stated · sentence “It slipped into Q4 anyway.”, what happened after your last action"
            ),
            "{hover}"
        );
    }

    /// A lesson read as a general truth after the story says so too.
    #[test]
    fn a_general_truth_read_as_the_lesson_says_why() {
        let text = "# Wins\n\n## Charity pitch\n\nI met their CSR lead and took one of our young carers to the pitch. We won the account, worth £41k over the year. People give to people, not to slide decks.\n";
        let hover = hover_on(text, "Charity");
        assert!(
            hover.contains(
                "**Lesson**: ✓ stated · sentence “People give to people, not to slide decks.”, a general truth told after your last action"
            ),
            "{hover}"
        );
    }
}
