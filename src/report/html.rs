//! The report as one self-contained HTML page (`hindsight report --format html`), for the
//! evening before an interview: a card per story, the question-coverage matrix, strengths and
//! growth areas, every lesson together. No script, no font, no request: inline CSS and SVG
//! only, so that it opens offline and prints (a card never split across pages).

use std::fmt::Write as _;

use super::{ExperienceSheet, PartStates, Report};

const STYLE: &str = r#"
:root { --ink: #1f2430; --muted: #5b6475; --line: #d9dee7; --stated: #2f855a; --empty: #d69e2e; --absent: #e2e8f0; --accent: #2b6cb0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 4rem; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f7f8fb; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
.lead { color: var(--muted); margin: 0 0 1.5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.1rem; break-inside: avoid; page-break-inside: avoid; }
.card h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
.card .where { color: var(--muted); font-size: .8rem; margin: 0 0 .6rem; }
.card dl { margin: .6rem 0 0; }
.card dt { font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.card dd { margin: 0 0 .5rem; }
.card .missing dd, .none { color: #9b2c2c; }
.themes { margin: .4rem 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; }
.themes li { font-size: .75rem; background: #ebf4ff; color: var(--accent); border-radius: 999px; padding: .05rem .55rem; }
.bar { display: block; }
.legend { display: flex; gap: 1rem; font-size: .8rem; color: var(--muted); margin: 0 0 1rem; }
.legend span::before { content: ""; display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; vertical-align: -1px; }
.legend .stated::before { background: var(--stated); }
.legend .empty::before { background: var(--empty); }
.legend .absent::before { background: var(--absent); }
.matrix-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 10px; }
table.matrix { border-collapse: collapse; font-size: .85rem; min-width: 100%; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; }
.matrix thead th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; max-height: 12rem; vertical-align: bottom; }
.matrix td.cell { width: 1.6rem; text-align: center; }
.matrix td.ready { background: var(--stated); }
.matrix td.partial { background: var(--empty); }
.matrix tr.uncovered th { color: #9b2c2c; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: .8rem 1.1rem; break-inside: avoid; }
.panel h3 { margin: 0 0 .4rem; font-size: 1rem; }
ul.reflections li { margin-bottom: .35rem; }
ul.reflections em { color: var(--muted); }
@media print {
  body { background: #fff; max-width: none; padding: 0; font-size: 11pt; }
  .cards { display: block; }
  .card { margin: 0 0 .8rem; }
  .matrix-wrap { overflow: visible; }
  h2 { break-after: avoid; page-break-after: avoid; }
  @page { margin: 1.5cm; }
}
"#;

/// Renders the report as an HTML document.
pub fn html(report: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let count = report.experiences().count();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>Interview preparation</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Interview preparation</h1>\n<p class=\"lead\">{count} {} · {}.</p>\n",
        if count == 1 { "story" } else { "stories" },
        escape(&report.coverage.summary())
    );
    cards(&mut out, report);
    matrix(&mut out, report);
    self_assessment(&mut out, report);
    reflections(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

fn cards(out: &mut String, report: &Report) {
    out.push_str("<h2>Your stories</h2>\n<p class=\"legend\"><span class=\"stated\">stated</span><span class=\"empty\">started, still empty</span><span class=\"absent\">not written</span></p>\n<section class=\"cards\">\n");
    for (file, e) in report.experiences() {
        let _ = write!(
            out,
            "<article class=\"card\">\n<h3>{}</h3>\n<p class=\"where\">{}:{}</p>\n{}",
            escape(&e.title),
            escape(&file.path),
            e.line + 1,
            bar(&e.parts)
        );
        out.push_str("<dl>\n");
        sentence(out, "Result", e.result.as_deref());
        sentence(out, "Lesson", e.lesson.as_deref());
        if let Some(hindsight) = &e.hindsight {
            sentence(out, "In hindsight", Some(hindsight));
        }
        if !e.missing.is_empty() {
            let _ = writeln!(
                out,
                "<div class=\"missing\"><dt>Still missing</dt><dd>{}</dd></div>",
                escape(&e.missing.join(", "))
            );
        }
        out.push_str("</dl>\n");
        themes(out, e);
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

fn sentence(out: &mut String, name: &str, text: Option<&str>) {
    match text {
        Some(text) => {
            let _ = writeln!(out, "<dt>{name}</dt><dd>{}</dd>", escape(text));
        }
        None => {
            let _ = writeln!(
                out,
                "<dt>{name}</dt><dd class=\"none\">not written yet</dd>"
            );
        }
    }
}

fn themes(out: &mut String, e: &ExperienceSheet) {
    if e.themes.is_empty() {
        return;
    }
    out.push_str("<ul class=\"themes\">");
    for theme in e.themes.iter() {
        let _ = write!(out, "<li>{}</li>", theme.key());
    }
    out.push_str("</ul>\n");
}

/// Five cells, one per part (context, action, result, lesson, hindsight), coloured by state.
fn bar(parts: &PartStates) -> String {
    let cells = [
        ("context", parts.context),
        ("action", parts.action),
        ("result", parts.result),
        ("lesson", parts.lesson),
        ("hindsight", parts.hindsight),
    ];
    let mut svg = String::from(
        "<svg class=\"bar\" role=\"img\" width=\"250\" height=\"30\" viewBox=\"0 0 250 30\" aria-label=\"parts stated\">",
    );
    for (i, (kind, state)) in cells.iter().enumerate() {
        let fill = match *state {
            "stated" => "var(--stated)",
            "empty" => "var(--empty)",
            _ => "var(--absent)",
        };
        let x = i * 50;
        let _ = write!(
            svg,
            "<g><title>{kind}: {state}</title><rect x=\"{x}\" y=\"0\" width=\"47\" height=\"14\" rx=\"3\" fill=\"{fill}\"/>\
             <text x=\"{}\" y=\"27\" font-size=\"9\" text-anchor=\"middle\" fill=\"#5b6475\">{kind}</text></g>",
            x + 23
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// Questions × stories: a cell is coloured where the story answers the question, green when
/// it is ready to tell (nothing missing), amber when it still misses a part. The columns are
/// the stories offered for some question, so that a career of hundreds stays a table.
fn matrix(out: &mut String, report: &Report) {
    let coverage = &report.coverage;
    let _ = write!(
        out,
        "<h2>Interview questions</h2>\n<p class=\"lead\">{}. A green cell is a story ready to tell; amber, one that still misses a part.</p>\n",
        escape(&coverage.summary())
    );
    let offered: Vec<(&super::FileSheet, &ExperienceSheet)> = report
        .experiences()
        .filter(|(f, e)| {
            coverage.questions.iter().any(|a| {
                a.stories
                    .iter()
                    .any(|s| s.path == f.path && s.line == e.line)
            })
        })
        .collect();
    out.push_str("<div class=\"matrix-wrap\">\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\">Question</th>");
    for (_, e) in &offered {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&e.title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for answer in &coverage.questions {
        let class = if answer.stories.is_empty() {
            " class=\"uncovered\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<tr{class}><th scope=\"row\">{}{}</th>",
            escape(&answer.question),
            if answer.stories.is_empty() {
                " — no story yet"
            } else {
                ""
            }
        );
        for (_, e) in &offered {
            let answers = e.themes.intersects(answer.themes);
            let state = match (answers, e.missing.is_empty()) {
                (false, _) => "cell",
                (true, true) => "cell ready",
                (true, false) => "cell partial",
            };
            let _ = write!(out, "<td class=\"{state}\"></td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn self_assessment(out: &mut String, report: &Report) {
    let strengths: Vec<&String> = report
        .files
        .iter()
        .flat_map(|f| &f.self_assessment.strengths_listed)
        .collect();
    let growth: Vec<&String> = report
        .files
        .iter()
        .flat_map(|f| &f.self_assessment.growth_areas_listed)
        .collect();
    out.push_str(
        "<h2>What you are good at, and where you are growing</h2>\n<div class=\"columns\">\n",
    );
    for (name, items) in [("Strengths", strengths), ("Growth areas", growth)] {
        let _ = write!(out, "<section class=\"panel\"><h3>{name}</h3>");
        if items.is_empty() {
            out.push_str("<p class=\"none\">Not written yet.</p>");
        } else {
            out.push_str("<ul>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
}

fn reflections(out: &mut String, report: &Report) {
    let reflections = report.reflections();
    out.push_str("<h2>Lessons learned across your career</h2>\n");
    list(out, &reflections.lessons, "No lesson written down yet.");
    if !reflections.hindsights.is_empty() {
        out.push_str("<h2>What you would do differently now</h2>\n");
        list(out, &reflections.hindsights, "");
    }
}

fn list(out: &mut String, items: &[(&str, &str)], none: &str) {
    if items.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{none}</p>");
        return;
    }
    out.push_str("<ul class=\"reflections\">\n");
    for (text, title) in items {
        let _ = writeln!(
            out,
            "<li>{} <em>— {}</em></li>",
            escape(text),
            escape(title)
        );
    }
    out.push_str("</ul>\n");
}

/// Text as HTML: the five characters that could open markup or an attribute, escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_markup() {
        assert_eq!(
            escape("<script>a & \"b\" 'c'</script>"),
            "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;"
        );
    }
}
