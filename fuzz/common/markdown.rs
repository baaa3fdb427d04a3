//! Structure-aware inputs for the Markdown targets (`analyse`, `fixes`): an input that starts
//! with `0xFF` (never the start of UTF-8 text, so the text seeds keep their meaning) is a list
//! of tokens: each byte below `0xC0` appends one of [`TOKENS`] (the words of
//! fuzz/markdown.dict), a byte `0xC0 + n` appends the next `n + 1` bytes as they are (read
//! lossily). Any other input is the text itself, read lossily.

use std::borrow::Cow;

pub const TOKENS: &[&str] = &[
    "#",
    "# ",
    "## ",
    "### ",
    "#### ",
    "###### ",
    "\n===\n",
    "\n---\n",
    "===",
    "---",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "- [ ] ",
    "- [x] ",
    "\n- ",
    "\n  - ",
    "\n    ",
    "```",
    "\n```\n",
    "~~~",
    "\n~~~\n",
    "`",
    "<!--",
    "-->",
    "<!-- hindsight-disable -->",
    "<!-- hindsight-disable missing-result -->",
    "<!-- hindsight-enable -->",
    "<!-- hindsight: not-experience -->",
    "<details>",
    "<summary>",
    "</summary>",
    "</details>",
    "<b>",
    "</b>",
    "<br>",
    "> ",
    "\n> ",
    "> [!success] ",
    "> [!note]\n> ",
    "---\nhindsight: true\n---\n",
    "---\ncareer-notes: true\n---\n",
    "experience_level: 3",
    "hindsight: false",
    "Situation:",
    "Context:",
    "Task:",
    "Action:",
    "Result:",
    "Lesson:",
    "**Result:**",
    "**Outcome**",
    "**Action:** ",
    "**Lesson:** ",
    "Lesson -",
    "Result \u{2014} ",
    "S:",
    "T:",
    "A:",
    "R:",
    "L:",
    "(S) ",
    "(A) ",
    "(R) ",
    "**S (Situation):**",
    "**R (Result):**",
    "### 4. Outcome & results",
    "What I'd do differently",
    "In hindsight",
    "Next time:",
    "Key actions",
    "The aftermath",
    "I learned that",
    "taught me",
    "Looking back, I should have",
    "As a result,",
    "now takes",
    "no longer",
    "went from 40 to 12",
    "I replaced",
    "Paired with",
    "40%",
    "$2M",
    "- **Title**\n  - ",
    "Case 3: ",
    "**Project:** ",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{a0}",
    "\u{3000}",
    "\u{feff}",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    "e\u{301}",
    "\u{301}",
    "\u{1f600}",
    "\u{1f52c}",
    "\u{20bb7}",
    "\u{200b}",
];

pub fn text(data: &[u8]) -> Cow<'_, str> {
    let Some((&0xFF, rest)) = data.split_first() else {
        return String::from_utf8_lossy(data);
    };
    let mut out = String::new();
    let mut i = 0;
    while i < rest.len() {
        let b = rest[i];
        i += 1;
        if b < 0xC0 {
            out.push_str(TOKENS[b as usize % TOKENS.len()]);
        } else {
            let n = (b - 0xC0) as usize + 1;
            let end = (i + n).min(rest.len());
            out.push_str(&String::from_utf8_lossy(&rest[i..end]));
            i = end;
        }
    }
    Cow::Owned(out)
}

/// An input of the `reuse` target: its text, and the edits at its end (its last byte says how
/// many, 0–15, three bytes each).
#[allow(dead_code)]
pub fn text_and_edits(data: &[u8]) -> Option<(String, &[u8])> {
    let (&count, rest) = data.split_last()?;
    let edits = usize::from(count % 16).min(rest.len() / 3);
    let (body, edit_bytes) = rest.split_at(rest.len() - edits * 3);
    Some((text(body).into_owned(), edit_bytes))
}

/// Applies one edit of three bytes to `text`: where (as a fraction of the text), how many bytes
/// to delete (low five bits), which of [`TOKENS`] to insert.
#[allow(dead_code)]
pub fn apply_edit(text: &mut String, edit: &[u8]) {
    let (Some(&at), Some(&delete), Some(&token)) = (edit.first(), edit.get(1), edit.get(2)) else {
        return;
    };
    let start = floor_boundary(text, text.len() * usize::from(at) / 255);
    let end = floor_boundary(text, start + usize::from(delete % 32)).max(start);
    text.replace_range(start..end, TOKENS[usize::from(token) % TOKENS.len()]);
}

#[allow(dead_code)]
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
