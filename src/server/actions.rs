//! Code actions (SPEC §4): every action carries its edit, computed by the core's fix planner
//! for the document version it was asked about.

use std::ops::Range;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::diagnostics::{diagnostic, workspace_edit};
use super::position::Encoding;
use crate::fixes::{self, Insertion};
use crate::gaps::{Gap, Lack};
use crate::kinds::RuleCode;
use crate::rules::Finding;

pub const FIX_ALL_KIND: &str = "source.fixAll.hindsight";
pub const NEW_EXPERIENCE_KIND: &str = "refactor.insert.experience";

pub struct Request<'a> {
    pub analysis: &'a Analysis,
    pub uri: &'a Uri,
    pub encoding: Encoding,
    pub versioned: bool,
}

impl Request<'_> {
    fn edit(&self, insertions: &[Insertion]) -> WorkspaceEdit {
        workspace_edit(
            self.analysis,
            self.uri,
            insertions,
            self.encoding,
            self.versioned,
        )
    }

    fn diag(&self, f: &Finding) -> Diagnostic {
        diagnostic(self.analysis, f, self.encoding)
    }
}

fn action(
    title: String,
    kind: CodeActionKind,
    edit: WorkspaceEdit,
    diagnostics: Vec<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

fn wanted(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        }),
    }
}

/// The actions for a byte range of the document.
pub fn code_actions(
    req: &Request,
    range: Range<usize>,
    only: &Option<Vec<CodeActionKind>>,
) -> Vec<CodeActionOrCommand> {
    let analysis = req.analysis;
    if !analysis.career {
        // One action, on the first line, for Markdown that reads like career notes.
        let on_first_line = analysis
            .text
            .get(..range.start)
            .is_some_and(|before| !before.contains('\n'));
        if analysis.reads_like_career_notes
            && on_first_line
            && wanted(only, CodeActionKind::REFACTOR.as_str())
        {
            let insertion = fixes::mark_as_career_notes(&analysis.notes, &analysis.text);
            return vec![action(
                "Check this file with Hindsight".to_string(),
                CodeActionKind::REFACTOR,
                req.edit(&[insertion]),
                Vec::new(),
                false,
            )];
        }
        return Vec::new();
    }
    let notes = &analysis.notes;
    let text = &analysis.text;
    let settings = &analysis.settings;
    let findings = analysis.findings();
    let mut out = Vec::new();
    let here = notes.experience_at(range.start);
    let relevant: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            let overlaps = f.range.start <= range.end && range.start <= f.range.end;
            overlaps || (f.experience.is_some() && f.experience == here)
        })
        .collect();

    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        for f in &relevant {
            if f.code == RuleCode::MissingSelfAssessment {
                if let Some(ins) = fixes::self_assessment(notes, text) {
                    out.push(action(
                        "Add Strengths and Growth areas sections".to_string(),
                        CodeActionKind::QUICKFIX,
                        req.edit(&[ins]),
                        vec![req.diag(f)],
                        true,
                    ));
                }
                continue;
            }
            if let (RuleCode::MissingCounterfactual, Some(exp)) = (f.code, f.experience) {
                if let Some(ins) = fixes::counterfactual_prompt(notes, text, settings, exp) {
                    out.push(action(
                        format!(
                            "Ask how the result would have changed in \"{}\"",
                            title(notes, exp)
                        ),
                        CodeActionKind::QUICKFIX,
                        req.edit(&[ins]),
                        vec![req.diag(f)],
                        true,
                    ));
                }
                continue;
            }
            let (Some(_), Some(exp)) = (f.code.missing_kind(), f.experience) else {
                continue;
            };
            // The gaps this finding reports (a missing lesson brings its hindsight), each
            // added as a part, or its prompt put into the empty part already there.
            let gaps: Vec<Gap> = crate::gaps::gaps(notes, settings, exp)
                .into_iter()
                .filter(|g| g.rule == f.code && g.fixable())
                .collect();
            let insertions = fixes::for_gaps(notes, text, settings, exp, &gaps);
            if insertions.is_empty() {
                continue;
            }
            out.push(action(
                format!("{} to \"{}\"", fix_title(&gaps), title(notes, exp)),
                CodeActionKind::QUICKFIX,
                req.edit(&insertions),
                vec![req.diag(f)],
                true,
            ));
        }
        if let Some(exp) = here.or_else(|| relevant.iter().find_map(|f| f.experience)) {
            let gaps: Vec<Gap> = crate::gaps::gaps(notes, settings, exp)
                .into_iter()
                .filter(Gap::fixable)
                .collect();
            // Only when it does more than one finding's fix.
            let rules = gaps
                .iter()
                .map(|g| g.rule)
                .collect::<std::collections::BTreeSet<_>>();
            if rules.len() >= 2 {
                let insertions = fixes::for_gaps(notes, text, settings, exp, &gaps);
                let diags = findings
                    .iter()
                    .filter(|f| f.experience == Some(exp) && rules.contains(&f.code))
                    .map(|f| req.diag(f))
                    .collect();
                let names: Vec<_> = gaps
                    .iter()
                    .map(|g| g.kind.canonical_label().to_lowercase())
                    .collect();
                if !insertions.is_empty() {
                    out.push(action(
                        format!(
                            "Add all missing parts to \"{}\" ({})",
                            title(notes, exp),
                            names.join(", ")
                        ),
                        CodeActionKind::QUICKFIX,
                        req.edit(&insertions),
                        diags,
                        false,
                    ));
                }
            }
        }
        for f in &relevant {
            let Some(exp) = f.experience else { continue };
            let ins = fixes::ignore_rule(notes, text, exp, f.code);
            out.push(action(
                format!("Ignore {} for \"{}\"", f.code, title(notes, exp)),
                CodeActionKind::QUICKFIX,
                req.edit(&[ins]),
                vec![req.diag(f)],
                false,
            ));
        }
        if let Some(exp) = here {
            let ins = fixes::not_experience(notes, text, exp);
            out.push(action(
                format!(
                    "\"{}\" is not an experience: stop checking it",
                    title(notes, exp)
                ),
                CodeActionKind::QUICKFIX,
                req.edit(&[ins]),
                Vec::new(),
                false,
            ));
        }
    }

    if wanted(only, FIX_ALL_KIND) {
        let insertions = fixes::fix_all(notes, text, settings, findings);
        if !insertions.is_empty() {
            out.push(action(
                "Add all missing parts in this file".to_string(),
                CodeActionKind::new(FIX_ALL_KIND),
                req.edit(&insertions),
                Vec::new(),
                false,
            ));
        }
    }

    if wanted(only, NEW_EXPERIENCE_KIND) && line_is_blank(text, range.start) {
        let ins = fixes::new_experience(notes, text, settings, range.start);
        out.push(action(
            "Insert a new experience from the template".to_string(),
            CodeActionKind::new(NEW_EXPERIENCE_KIND),
            req.edit(&[ins]),
            Vec::new(),
            false,
        ));
    }
    out
}

fn line_is_blank(text: &str, offset: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..offset), text.get(offset..)) else {
        return false;
    };
    let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = after.find(['\n', '\r']).map_or(text.len(), |i| offset + i);
    text.get(start..end).is_some_and(|l| l.trim().is_empty())
}

/// The title of experience `index` (empty if the index is out of range).
fn title(notes: &crate::notes::Notes, index: usize) -> &str {
    notes
        .experiences
        .get(index)
        .map_or("", |e| e.title.as_str())
}

/// "Add the Result part", "Add the Lesson and In hindsight parts", "Add the Result prompt":
/// a new part for an absent kind, a prompt for a part that is there but empty.
fn fix_title(gaps: &[Gap]) -> String {
    let names = |lack: Lack| -> Vec<&str> {
        gaps.iter()
            .filter(|g| g.lack == lack)
            .map(|g| g.kind.canonical_label())
            .collect()
    };
    let and = |names: &[&str]| match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let (parts, prompts) = (names(Lack::Absent), names(Lack::Empty));
    let plural = |n: usize, word: &str| {
        if n == 1 {
            word.to_string()
        } else {
            format!("{word}s")
        }
    };
    match (parts.is_empty(), prompts.is_empty()) {
        (false, true) => format!("Add the {} {}", and(&parts), plural(parts.len(), "part")),
        (true, false) => format!(
            "Add the {} {}",
            and(&prompts),
            plural(prompts.len(), "prompt")
        ),
        _ => format!(
            "Add the {} {} and the {} {}",
            and(&parts),
            plural(parts.len(), "part"),
            and(&prompts),
            plural(prompts.len(), "prompt")
        ),
    }
}
