//! A prompt for a part that is there but empty (SPEC §4): put where the answer goes, after the
//! label and before whatever placeholder the writer left (`TODO — dig up the numbers`), which
//! is kept.

use super::placement::Group;
use super::{Insertion, next_line_start};
use crate::config::Settings;
use crate::notes::{Notation, Notes, Part};

/// The insertion that puts the prompt of `part`'s kind into its body: on the line under a
/// sub-heading, or right after a label on its line. `None` when the part holds a prompt
/// already or has no place for one (a sentence read from prose is never empty).
pub(super) fn prompt_into(
    notes: &Notes,
    text: &str,
    settings: &Settings,
    part: &Part,
) -> Option<Insertion> {
    if part.has_prompt {
        return None;
    }
    let prompt = settings.prompts.comment(part.kind);
    match part.notation {
        Notation::SubHeading { .. } => {
            let start = part.body.start.min(text.len());
            let offset = if text.get(..start)?.ends_with('\n') {
                start
            } else {
                next_line_start(text, start)
            };
            Some(
                Group {
                    offset,
                    loose: true,
                    blocks: vec![prompt],
                }
                .render(text, notes.line_ending),
            )
        }
        Notation::LabelLine { callout: true, .. } => {
            // A callout's title line is its label: text after it would change the title. The
            // prompt opens the body's first line, after its `>` (before any placeholder).
            let body_line = next_line_start(text, part.label.end);
            let line = text.get(body_line..part.body.end.max(body_line))?;
            let quote = line.len() - line.trim_start_matches(['>', ' ', '\t']).len();
            if body_line >= part.body.end || quote == 0 {
                return None;
            }
            Some(Insertion {
                offset: body_line + quote,
                text: format!("{prompt} "),
            })
        }
        Notation::LabelLine { .. } | Notation::ListLabel { .. } => {
            // Where the answer goes on the label's line: before the writer's placeholder
            // (`**Result:** TODO`, `Learned - TODO`), else at the end of the line, after any
            // separator (`- [ ] Next time:`, `Learned -`).
            let line_end = text
                .get(part.label.end..)?
                .find(['\n', '\r'])
                .map_or(text.len(), |i| part.label.end + i);
            let body_start = part.body.start.clamp(part.label.end, line_end);
            let rest = text.get(body_start..line_end)?;
            let placeholder = body_start + (rest.len() - rest.trim_start().len());
            if placeholder < line_end {
                Some(Insertion {
                    offset: placeholder,
                    text: format!("{prompt} "),
                })
            } else {
                let line = text.get(part.label.end..line_end)?;
                Some(Insertion {
                    offset: part.label.end + line.trim_end().len(),
                    text: format!(" {prompt}"),
                })
            }
        }
        Notation::TableCell => {
            // In the cell, before the writer's placeholder (`TBC`): a pipe or a line end in
            // the prompt would break the row.
            (!prompt.contains(['|', '\n', '\r'])).then(|| Insertion {
                offset: part.body.start,
                text: format!("{prompt} "),
            })
        }
        Notation::Prose => None,
    }
}

/// The insertion that appends `prompt` (as a comment) at the end of `part`'s body: on the
/// same line after a label's text or a sentence, on a line of its own after a sub-heading's
/// text or a closing code fence. `None` when the body holds that prompt already.
pub(super) fn prompt_after(
    notes: &Notes,
    text: &str,
    part: &Part,
    prompt: &str,
) -> Option<Insertion> {
    let body = text.get(part.body.clone())?;
    if crate::part_state::collapse(body).contains(prompt) {
        return None;
    }
    let comment = format!("<!-- {prompt} -->");
    let content_end = part.body.start + body.trim_end().len();
    let line_start = text.get(..content_end)?.rfind('\n').map_or(0, |i| i + 1);
    let last_line = text.get(line_start..content_end)?.trim_start();
    let in_code = notes
        .blocks
        .code_blocks
        .iter()
        .any(|r| r.start < content_end && content_end <= r.end);
    let own_line = matches!(part.notation, Notation::SubHeading { .. })
        || in_code
        || last_line.starts_with("```")
        || last_line.starts_with("~~~");
    if own_line {
        Some(
            Group {
                offset: next_line_start(text, content_end),
                loose: true,
                blocks: vec![comment],
            }
            .render(text, notes.line_ending),
        )
    } else {
        Some(Insertion {
            offset: content_end,
            text: format!(" {comment}"),
        })
    }
}
