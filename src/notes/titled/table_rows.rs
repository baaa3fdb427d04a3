//! Stories kept as the rows of a table whose header names their parts (`| Date | What
//! happened | What I did | Outcome | Learned |`): each row is a story, titled by its first cell
//! that names no part and no date, each cell under a part's column that part — labelled by the
//! header, as a label line labels its text. A table whose header names the writer's actions
//! and one kind more is a log of stories; one with a single part column (a meeting's `Action |
//! Owner | Due`) is not.

use std::ops::Range;

use crate::blocks::Blocks;
use crate::kinds::PartKind;
use crate::labels::Vocabulary;

use super::TitledItem;
use crate::notes::{Notation, RawPart};

/// Header cells that name when, not what: a row is never titled by its date.
const WHEN_COLUMNS: &[&str] = &[
    "date", "when", "day", "week", "month", "year", "quarter", "period", "no", "#", "ref",
];

/// The rows that tell stories in the tables of `text` (offsets in `text`), and their cells as
/// parts, in order.
pub(in crate::notes) fn table_stories(
    text: &str,
    blocks: &Blocks,
    vocabulary: &Vocabulary,
) -> (Vec<TitledItem>, Vec<RawPart>) {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    for table in &blocks.opaque {
        let lines = lines_of(text, table.clone());
        let (Some(header), Some(delimiter)) = (lines.first(), lines.get(1)) else {
            continue;
        };
        if !is_delimiter_row(text.get(delimiter.clone()).unwrap_or("")) {
            continue;
        }
        let columns: Vec<Range<usize>> = cells_of(text, header.clone());
        let kinds: Vec<Option<PartKind>> = columns
            .iter()
            .map(|c| vocabulary.kind_of(text.get(c.clone()).unwrap_or("")))
            .collect();
        let mut named: Vec<PartKind> = kinds.iter().flatten().copied().collect();
        named.sort();
        named.dedup();
        if !named.contains(&PartKind::Action) || named.len() < 2 {
            continue;
        }
        let names_when = |c: &Range<usize>| {
            let name = text.get(c.clone()).unwrap_or("").trim();
            name.is_empty() || WHEN_COLUMNS.iter().any(|w| w.eq_ignore_ascii_case(name))
        };
        let title_column = (0..columns.len())
            .find(|i| kinds[*i].is_none() && !names_when(&columns[*i]))
            .or_else(|| kinds.iter().position(|k| *k == Some(PartKind::Context)))
            .or_else(|| kinds.iter().position(Option::is_some));
        let Some(title_column) = title_column else {
            continue;
        };
        for row in lines.iter().skip(2) {
            let row_cells = cells_of(text, row.clone());
            let Some(title) = row_cells
                .get(title_column)
                .map(|c| trimmed(text, c.clone()))
            else {
                continue;
            };
            if title.is_empty() {
                continue;
            }
            let end = (row.end + 1).min(text.len()).max(row.end);
            rows.push(TitledItem {
                table_row: true,
                ..TitledItem::plain(row.start, row.clone(), title, end, row.end)
            });
            for (cell, kind) in row_cells.iter().zip(&kinds) {
                let Some(kind) = *kind else { continue };
                let body = trimmed(text, cell.clone());
                // An empty cell's answer goes after the space that opens it.
                let body = if body.is_empty() {
                    let at = (cell.start + 1).min(cell.end);
                    at..at
                } else {
                    body
                };
                cells.push(RawPart {
                    kind,
                    notation: Notation::TableCell,
                    label: cell.start..cell.start,
                    line_start: cell.start,
                    body_start: body.start,
                    hard_end: body.end,
                    ends_at_heading: false,
                    letter: false,
                    marker: false,
                });
            }
        }
    }
    (rows, cells)
}

/// The lines of `range` in `text`, terminators excluded.
fn lines_of(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let body = text.get(range.clone()).unwrap_or("");
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            out.push(start..start + content.len());
        }
        start += line.len();
    }
    out
}

/// `|---|:--:|`: the row under a table's header.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a table row: between its pipes, the outer pipes optional; a pipe escaped with
/// a backslash or inside a code span is text.
pub(in crate::notes) fn cells_of(text: &str, row: Range<usize>) -> Vec<Range<usize>> {
    let line = text.get(row.clone()).unwrap_or("");
    let mut pipes = Vec::new();
    let mut in_code = false;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped && !in_code => pipes.push(at),
            _ => {}
        }
        escaped = false;
    }
    let mut segments = Vec::with_capacity(pipes.len() + 1);
    let mut start = 0;
    for pipe in pipes {
        segments.push(start..pipe);
        start = pipe + 1;
    }
    segments.push(start..line.len());
    // The outer pipes open and close the row: nothing before the first or after the last.
    let blank = |r: &Range<usize>| line.get(r.clone()).is_none_or(|s| s.trim().is_empty());
    if segments.len() > 1 && segments.first().is_some_and(blank) {
        segments.remove(0);
    }
    if segments.len() > 1 && segments.last().is_some_and(blank) {
        segments.pop();
    }
    segments
        .into_iter()
        .map(|r| row.start + r.start..row.start + r.end)
        .collect()
}

fn trimmed(text: &str, cell: Range<usize>) -> Range<usize> {
    let inside = text.get(cell.clone()).unwrap_or("");
    let start = cell.start + (inside.len() - inside.trim_start().len());
    start..start + inside.trim().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Vec<(PartKind, String)>)> {
        let blocks = crate::blocks::scan(text, 0);
        let (rows, cells) = table_stories(text, &blocks, &Vocabulary::default());
        rows.iter()
            .map(|r| {
                let parts = cells
                    .iter()
                    .filter(|c| r.line_start <= c.line_start && c.line_start < r.end)
                    .map(|c| (c.kind, text[c.body_start..c.hard_end].to_string()))
                    .collect();
                (text[r.title.clone()].to_string(), parts)
            })
            .collect()
    }

    #[test]
    fn rows_of_a_table_whose_columns_are_parts() {
        let text = "| Date | What happened | What I did | Outcome | Learned |\n|---|---|---|---|---|\n| 12/03 | Truck clipped an upright | Stopped picking and taped off | Replaced by 10am | |\n| 06/01 | Fire alarm at 2am | Ran the roll call | | |\n";
        let rows = read(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "Truck clipped an upright");
        assert_eq!(
            rows[0].1,
            [
                (PartKind::Context, "Truck clipped an upright".to_string()),
                (
                    PartKind::Action,
                    "Stopped picking and taped off".to_string()
                ),
                (PartKind::Result, "Replaced by 10am".to_string()),
                (PartKind::Lesson, String::new()),
            ]
        );
        // Titled by a column that names no part: the flight, the project.
        let flights = "flight | what happened | what i did | how it ended\n---|---|---|---\nLGW-BGI Aug 22 | smoke in the galley | pulled the breaker | no fire\n";
        assert_eq!(read(flights)[0].0, "LGW-BGI Aug 22");
    }

    #[test]
    fn tables_that_are_no_log_of_stories() {
        for text in [
            // One part column: a meeting's actions.
            "| Action | Owner | Due |\n|---|---|---|\n| Order new racking | JB | May |\n",
            // No column of the writer's actions.
            "| Issue | Lesson |\n|---|---|\n| Late invoices | Ask early |\n",
            // Parts in the first column: a glossary of labels.
            "| Term | Meaning |\n|---|---|\n| Result | what came of it |\n",
        ] {
            assert!(read(text).is_empty(), "{text:?}");
        }
    }

    /// Each row is a story under the heading over the table, which holds them and is none.
    #[test]
    fn rows_are_stories_and_the_heading_over_them_holds_them() {
        let text = "# Brag\n\n## Incident log\n\nOnly the ones I handled.\n\n| Date | What happened | What I did | Outcome |\n|---|---|---|---|\n| 12/03 | Truck clipped an upright | Stopped picking | Replaced by 10am |\n| 02/05 | Picker collapsed | First aid, called 999 | |\n";
        let notes = crate::notes::parse(text, &crate::Settings::default());
        let rows: Vec<(&str, crate::notes::Shape, crate::PartState)> = notes
            .experiences
            .iter()
            .map(|e| (e.title.as_str(), e.shape, e.state(PartKind::Result)))
            .collect();
        use crate::PartState::{Empty, Stated};
        use crate::notes::Shape::TableRow;
        assert_eq!(
            rows,
            [
                ("Truck clipped an upright", TableRow, Stated),
                ("Picker collapsed", TableRow, Empty)
            ]
        );
    }

    /// A cell under a column that names no part is read as prose on its own: a sentence ends
    /// where its cell does (`| I should have asked properly. |` second-guesses the row's
    /// story; read with the cells before it, the cue opened no sentence).
    #[test]
    fn free_cells_are_read_as_prose_of_their_own() {
        let text = "# Trainee log\n\n| when | trainee | the problem | what I tried | how it went | notes |\n|---|---|---|---|---|---|\n| May 23 | RJ | failed 2 route quizzes | split the route into 4 chunks | passed 88% | I should have picked this up weeks earlier. Ask properly. |\n| Jan 24 | all four | new units, nothing written down | made a one page crib sheet | ops put it in the pack | lesson for me: write it down once |\n| Aug 23 | AB | lost confidence | debriefed the same day | | the lesson plan is on the drive |\n";
        let notes = crate::notes::parse(text, &crate::Settings::default());
        let states: Vec<(&str, crate::PartState, crate::PartState)> = notes
            .experiences
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.state(PartKind::Lesson),
                    e.state(PartKind::Hindsight),
                )
            })
            .collect();
        use crate::PartState::{Absent, Stated};
        assert_eq!(
            states,
            [
                ("RJ", Absent, Stated),
                ("all four", Stated, Absent),
                ("AB", Absent, Absent)
            ]
        );
    }

    /// A row that is no story (marked so, or inside a part's body) lends its cells to nothing:
    /// the heading over the table does not become a story made of cells.
    #[test]
    fn cells_of_rows_that_are_no_stories_are_no_parts() {
        let marked = "# Brag\n\n## Incident log\n\n| Date | What happened | What I did | Outcome |\n|---|---|---|---|\n| 12/03 | Truck clipped an upright <!-- hindsight: not-experience --> | Stopped picking | Replaced by 10am |\n";
        let notes = crate::notes::parse(marked, &crate::Settings::default());
        assert!(notes.experiences.is_empty(), "{:#?}", notes.experiences);
        let in_a_part = "# Brag\n\n## Depot move\n\nWe moved depots in March and I ran the move.\n\n**Action:**\n\n| Step | What I did | Result |\n|---|---|---|\n| Week 1 | Packed the racking | Done by Friday |\n\n**Lesson:** plan the racking first.\n";
        let notes = crate::notes::parse(in_a_part, &crate::Settings::default());
        let parts: Vec<(String, Vec<crate::notes::Notation>)> = notes
            .experiences
            .iter()
            .map(|e| {
                (
                    e.title.clone(),
                    e.parts.iter().map(|p| p.notation.clone()).collect(),
                )
            })
            .collect();
        assert!(
            parts
                .iter()
                .all(|(_, n)| !n.contains(&crate::notes::Notation::TableCell)),
            "{parts:?}"
        );
    }
}
