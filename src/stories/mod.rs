//! Interview stories: what kind of story each experience tells ([`themes`]), the behavioural
//! questions interviewers ask ([`questions`]), and which stories answer them ([`bank`]).

pub mod bank;
pub mod questions;
pub mod themes;

use crate::kinds::{PartKind, PartState};
use crate::notes::{Experience, Notes};
use themes::{Theme, Themes};

/// The themes of an experience. A `tags:` line in it, else the front matter's `tags`, decides
/// alone when it names a theme; otherwise they are read from its words. A story with a stated,
/// measured result that tells of no failure or mistake is a success.
pub fn themes_of(notes: &Notes, experience: &Experience, source: &str) -> Themes {
    themes_knowing(notes, experience, source, || {
        crate::rules::result_quantified(notes, experience, source)
    })
}

/// [`themes_of`], for a caller that knows already whether the result is measured.
pub fn themes_knowing(
    notes: &Notes,
    experience: &Experience,
    source: &str,
    result_quantified: impl FnOnce() -> bool,
) -> Themes {
    let (mut themes, tagged) = told(notes, experience, source, themes::read);
    if !tagged
        && !themes.contains(Theme::Failure)
        && !themes.contains(Theme::Mistake)
        && result_quantified()
    {
        themes.insert(Theme::Success);
    }
    themes
}

/// Whether an experience tells of a failure or a mistake (`no-failure-story`): only those two
/// lexicons are read, in one pass, since the rule asks on every keystroke.
pub fn tells_of_failure(notes: &Notes, experience: &Experience, source: &str) -> bool {
    let either: Themes = [Theme::Failure, Theme::Mistake].into_iter().collect();
    let read = |words: &str| {
        if themes::tells_failure_or_mistake(words) {
            either
        } else {
            Themes::default()
        }
    };
    told(notes, experience, source, read).0.intersects(either)
}

/// The themes its tags name (and `true`), else the themes `read` finds in its words.
fn told(
    notes: &Notes,
    experience: &Experience,
    source: &str,
    read: impl FnOnce(&str) -> Themes,
) -> (Themes, bool) {
    // The section, title included, without comments and code.
    let words = notes.own_words(source, experience.section.clone());
    match tagged_themes(notes, &words) {
        Some(themes) => (themes, true),
        None => (read(&words), false),
    }
}

/// The themes named by the story's `tags:` line, else by the front matter's; `None` when
/// neither names one, and the words decide.
fn tagged_themes(notes: &Notes, words: &str) -> Option<Themes> {
    tags(words)
        .or_else(|| notes.front_matter.tags.clone())
        .map(|tags| {
            tags.iter()
                .filter_map(|t| Theme::from_key(t))
                .collect::<Themes>()
        })
        .filter(|themes| !themes.is_empty())
}

/// [`themes_of`] and [`readiness`] of an experience, remembered across analyses by a
/// fingerprint of everything they are read from: an edit elsewhere in a long note (the server
/// re-analyses the whole note) leaves the other stories' facts to be looked up, not re-read.
pub fn story_facts(notes: &Notes, experience: &Experience, source: &str) -> (Themes, u8) {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    /// Bounded: cleared when it grows past this many stories.
    const REMEMBERED: usize = 200_000;
    static SEEN: OnceLock<Mutex<HashMap<u64, (Themes, u8)>>> = OnceLock::new();
    let key = fingerprint(notes, experience, source);
    let seen = SEEN.get_or_init(Mutex::default);
    if let Some(facts) = seen.lock().ok().and_then(|map| map.get(&key).copied()) {
        return facts;
    }
    let facts = (themes_of(notes, experience, source), readiness(experience));
    if let Ok(mut map) = seen.lock() {
        if map.len() >= REMEMBERED {
            map.clear();
        }
        map.insert(key, facts);
    }
    facts
}

/// What the themes and readiness of a story are computed from: its section's text, the
/// comments and code in it, the state of each kind, the stated results' bodies (a measured
/// result is a success), and the front matter's tags.
fn fingerprint(notes: &Notes, experience: &Experience, source: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    let section = experience.section.clone();
    source.get(section.clone()).hash(&mut hasher);
    let relative = |r: &std::ops::Range<usize>| {
        (
            r.start.saturating_sub(section.start),
            r.end.saturating_sub(section.start),
        )
    };
    for ranges in [
        &notes.blocks.comments,
        &notes.blocks.code_blocks,
        &notes.blocks.code_spans,
    ] {
        for r in crate::text::touching(ranges, &section) {
            relative(r).hash(&mut hasher);
        }
        0xffu8.hash(&mut hasher);
    }
    for kind in PartKind::ALL {
        experience.state(kind).key().hash(&mut hasher);
    }
    for part in experience.parts_of(PartKind::Result) {
        (part.state.key(), relative(&part.body)).hash(&mut hasher);
    }
    notes.front_matter.tags.hash(&mut hasher);
    hasher.finish()
}

/// How ready a story is to tell: one point per stated action, result, lesson and hindsight.
/// The story bank offers the readiest first.
pub fn readiness(experience: &Experience) -> u8 {
    [
        PartKind::Action,
        PartKind::Result,
        PartKind::Lesson,
        PartKind::Hindsight,
    ]
    .iter()
    .filter(|k| experience.state(**k) == PartState::Stated)
    .count() as u8
}

/// The tags of a `tags: failure, conflict` line (any case, bold or not, in a list item or not),
/// lower-cased; `None` when the text has no such line.
pub fn tags(text: &str) -> Option<Vec<String>> {
    // Most stories have no tags: one scan for the word before reading line by line.
    if !crate::text::contains_ascii_ci(text, "tags") {
        return None;
    }
    text.lines().find_map(|line| {
        let line = line
            .trim()
            .trim_start_matches(['-', '*', '+', '>', ' '])
            .trim_start_matches(['*', '_']);
        let (name, rest) = line.split_once(':')?;
        if !name
            .trim_end_matches(['*', '_'])
            .trim()
            .eq_ignore_ascii_case("tags")
        {
            return None;
        }
        Some(
            rest.trim_start_matches(['*', '_'])
                .split([',', '#'])
                .map(|t| {
                    t.trim()
                        .trim_matches(['*', '_', '`', '.'])
                        .trim()
                        .to_lowercase()
                })
                .filter(|t| !t.is_empty())
                .collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn themes(text: &str) -> Vec<Themes> {
        let notes = crate::notes::parse(text, &Settings::default());
        notes
            .experiences
            .iter()
            .map(|e| themes_of(&notes, e, text))
            .collect()
    }

    #[test]
    fn a_tags_line_decides() {
        let read = themes(
            "## Launch\n\nAction: I led the launch.\nResult: we failed twice.\n\ntags: leadership\n",
        );
        assert!(read[0].contains(Theme::Leadership));
        assert!(!read[0].contains(Theme::Failure));
        assert_eq!(
            tags("- **Tags:** Failure, bad news"),
            Some(vec!["failure".to_string(), "bad news".to_string()])
        );
        assert_eq!(tags("No tags here."), None);
    }

    #[test]
    fn front_matter_tags_apply_where_a_story_has_none() {
        let text = "---\ntags: [conflict]\n---\n## One\n\nAction: I did it.\nResult: done.\n\n## Two\n\nAction: I did it.\nResult: done.\ntags: risk\n";
        let read = themes(text);
        assert!(read[0].contains(Theme::Conflict));
        assert!(read[1].contains(Theme::Risk) && !read[1].contains(Theme::Conflict));
    }

    #[test]
    fn tags_that_name_no_theme_leave_the_reading() {
        let read = themes(
            "## Night shift\n\nAction: I rolled the release back.\nResult: no data lost.\ntags: backend\n",
        );
        assert!(read[0].contains(Theme::Failure));
    }

    #[test]
    fn remembered_facts_are_the_facts() {
        let text = "## Rota dispute\n\nAction: I disagreed with my manager.\nResult: 12% less overtime.\n\n## Same words\n\nAction: I disagreed with my manager.\nResult: 12% less overtime.\n";
        let notes = crate::notes::parse(text, &Settings::default());
        for e in &notes.experiences {
            let first = story_facts(&notes, e, text);
            assert_eq!(first, (themes_of(&notes, e, text), readiness(e)));
            assert_eq!(story_facts(&notes, e, text), first, "looked up");
        }
        // The same words with a tag line differ.
        let tagged = text.replace(
            "12% less overtime.\n\n",
            "12% less overtime.\ntags: risk\n\n",
        );
        let notes = crate::notes::parse(&tagged, &Settings::default());
        assert!(
            story_facts(&notes, &notes.experiences[0], &tagged)
                .0
                .contains(Theme::Risk)
        );
    }

    #[test]
    fn a_measured_result_without_a_failure_is_a_success() {
        let read =
            themes("## Faster invoices\n\nAction: I cached the lookups.\nResult: 40% faster.\n");
        assert!(read[0].contains(Theme::Success));
    }
}
