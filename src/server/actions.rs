//! Code actions (SPEC §4): every action carries its edit, computed by the core's fix planner
//! for the document version it was asked about.

use std::ops::Range;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::diagnostics::{diagnostic, workspace_edit};
use crate::fixes::{self, Insertion};
use crate::gaps::{Gap, Lack};
use crate::kinds::RuleCode;
use crate::rules::Finding;

pub const FIX_ALL_KIND: &str = "source.fixAll.hindsight";
pub const NEW_EXPERIENCE_KIND: &str = "refactor.insert.experience";

pub struct Request<'a> {
    pub analysis: &'a Analysis,
    pub uri: &'a Uri,
    pub versioned: bool,
}

impl Request<'_> {
    fn edit(&self, insertions: &[Insertion]) -> WorkspaceEdit {
        workspace_edit(self.analysis, self.uri, insertions, self.versioned)
    }

    fn diag(&self, f: &Finding) -> Diagnostic {
        diagnostic(self.analysis, f)
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

/// The insertions that add the missing parts of one experience, or of the whole file (the
/// self-assessment sections included): one planner for the code actions and the lens command.
pub fn missing_parts(analysis: &Analysis, experience: Option<usize>) -> Vec<Insertion> {
    let (notes, text, settings) = (&analysis.notes, &analysis.text, &analysis.settings);
    match experience {
        Some(i) => fixes::all_gaps(notes, text, settings, i),
        None => fixes::fix_all(notes, text, settings, analysis.findings()),
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
        return mark_as_career_notes(req, range, only).into_iter().collect();
    }
    let notes = &analysis.notes;
    let here = notes.experience_at(range.start);
    let relevant: Vec<&Finding> = analysis
        .findings()
        .iter()
        .filter(|f| {
            let overlaps = f.range.start <= range.end && range.start <= f.range.end;
            overlaps || (f.experience.is_some() && f.experience == here)
        })
        .collect();
    let mut out = Vec::new();
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        out.extend(relevant.iter().filter_map(|f| quick_fix(req, f)));
        if let Some(exp) = here.or_else(|| relevant.iter().find_map(|f| f.experience)) {
            out.extend(all_missing_parts(req, exp));
        }
        out.extend(relevant.iter().filter_map(|f| ignore_rule(req, f)));
        if let Some(exp) = here {
            let ins = fixes::not_experience(notes, &analysis.text, exp);
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
        let insertions = missing_parts(analysis, None);
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
    if wanted(only, NEW_EXPERIENCE_KIND) && line_is_blank(&analysis.text, range.start) {
        let ins = fixes::new_experience(notes, &analysis.text, &analysis.settings, range.start);
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

/// One action, on the first line, for Markdown that reads like career notes.
fn mark_as_career_notes(
    req: &Request,
    range: Range<usize>,
    only: &Option<Vec<CodeActionKind>>,
) -> Option<CodeActionOrCommand> {
    let analysis = req.analysis;
    let on_first_line = analysis
        .text
        .get(..range.start)
        .is_some_and(|before| !before.contains('\n'));
    if !(analysis.reads_like_career_notes
        && on_first_line
        && wanted(only, CodeActionKind::REFACTOR.as_str()))
    {
        return None;
    }
    let insertion = fixes::mark_as_career_notes(&analysis.notes, &analysis.text);
    Some(action(
        "Check this file with Hindsight".to_string(),
        CodeActionKind::REFACTOR,
        req.edit(&[insertion]),
        Vec::new(),
        false,
    ))
}

/// The preferred fix of one finding, if it has one.
fn quick_fix(req: &Request, f: &Finding) -> Option<CodeActionOrCommand> {
    let (notes, text, settings) = (
        &req.analysis.notes,
        &req.analysis.text,
        &req.analysis.settings,
    );
    let fix = |title: String, insertions: Vec<Insertion>| {
        (!insertions.is_empty()).then(|| {
            action(
                title,
                CodeActionKind::QUICKFIX,
                req.edit(&insertions),
                vec![req.diag(f)],
                true,
            )
        })
    };
    if f.code == RuleCode::MissingSelfAssessment {
        let insertions = fixes::self_assessment(notes, text).into_iter().collect();
        return fix(
            "Add Strengths and Growth areas sections".to_string(),
            insertions,
        );
    }
    let exp = f.experience?;
    if f.code == RuleCode::MissingCounterfactual {
        let insertions = fixes::counterfactual_prompt(notes, text, settings, exp);
        return fix(
            format!(
                "Ask how the result would have changed in \"{}\"",
                title(notes, exp)
            ),
            insertions.into_iter().collect(),
        );
    }
    f.code.missing_kind()?;
    // The gaps this finding reports (a missing lesson brings its hindsight), each added as a
    // part, or its prompt put into the empty part already there.
    let gaps: Vec<Gap> = crate::gaps::gaps(notes, settings, exp)
        .into_iter()
        .filter(|g| g.rule == f.code && g.fixable())
        .collect();
    let insertions = fixes::for_gaps(notes, text, settings, exp, &gaps);
    fix(
        format!("{} to \"{}\"", fix_title(&gaps), title(notes, exp)),
        insertions,
    )
}

/// "Add all missing parts" of one experience, when it does more than one finding's fix.
fn all_missing_parts(req: &Request, exp: usize) -> Option<CodeActionOrCommand> {
    let analysis = req.analysis;
    let gaps: Vec<Gap> = crate::gaps::gaps(&analysis.notes, &analysis.settings, exp)
        .into_iter()
        .filter(Gap::fixable)
        .collect();
    let rules: std::collections::BTreeSet<_> = gaps.iter().map(|g| g.rule).collect();
    if rules.len() < 2 {
        return None;
    }
    let insertions = missing_parts(analysis, Some(exp));
    if insertions.is_empty() {
        return None;
    }
    let diags = analysis
        .findings()
        .iter()
        .filter(|f| f.experience == Some(exp) && rules.contains(&f.code))
        .map(|f| req.diag(f))
        .collect();
    let names: Vec<_> = gaps
        .iter()
        .map(|g| g.kind.canonical_label().to_lowercase())
        .collect();
    Some(action(
        format!(
            "Add all missing parts to \"{}\" ({})",
            title(&analysis.notes, exp),
            names.join(", ")
        ),
        CodeActionKind::QUICKFIX,
        req.edit(&insertions),
        diags,
        false,
    ))
}

fn ignore_rule(req: &Request, f: &Finding) -> Option<CodeActionOrCommand> {
    let exp = f.experience?;
    let notes = &req.analysis.notes;
    let ins = fixes::ignore_rule(notes, &req.analysis.text, exp, f.code);
    Some(action(
        format!("Ignore {} for \"{}\"", f.code, title(notes, exp)),
        CodeActionKind::QUICKFIX,
        req.edit(&[ins]),
        vec![req.diag(f)],
        false,
    ))
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
