//! Whether a Markdown file that is not career notes by name reads like them (SPEC §1): named
//! on the command line or opened in an editor, it is checked only then.

use crate::kinds::{PartKind, PartState};
use crate::pronouns::PronounCount;

use super::{Evidence, Experience, Notes, Shape, prose};

/// Words of work. A story in a career note names some of them — a team, a client, a
/// deadline, a ward, a release — and a recipe's, a diary's or a book summary's does not.
const WORK_WORDS: &[&str] = &[
    "agency",
    "appraisal",
    "apprentice",
    "audit",
    "board",
    "boss",
    "budget",
    "business",
    "caseload",
    "churn",
    "client",
    "clients",
    "clinic",
    "colleague",
    "colleagues",
    "company",
    "compliance",
    "consultant",
    "contract",
    "contractor",
    "costs",
    "counsel",
    "court",
    "coworker",
    "coworkers",
    "crew",
    "customer",
    "customers",
    "deadline",
    "deadlines",
    "deal",
    "deals",
    "department",
    "deploy",
    "deployed",
    "depot",
    "director",
    "engineering",
    "engineers",
    "firm",
    "foreman",
    "guests",
    "handover",
    "hire",
    "hired",
    "hiring",
    "incident",
    "incidents",
    "inspection",
    "intern",
    "interview",
    "invoice",
    "job",
    "judge",
    "kpi",
    "launch",
    "launched",
    "manager",
    "managers",
    "meeting",
    "mentor",
    "mentored",
    "metrics",
    "migration",
    "nurse",
    "nurses",
    "office",
    "okr",
    "onboarding",
    "outage",
    "patient",
    "patients",
    "payroll",
    "pipeline",
    "product",
    "production",
    "programme",
    "project",
    "projects",
    "promoted",
    "promotion",
    "pupils",
    "qualified",
    "quarter",
    "referral",
    "release",
    "released",
    "residents",
    "revenue",
    "roadmap",
    "role",
    "rollout",
    "rota",
    "sales",
    "school",
    "service",
    "shift",
    "shifts",
    "sprint",
    "staff",
    "stakeholder",
    "stakeholders",
    "student",
    "students",
    "supervisor",
    "supplier",
    "surgery",
    "teacher",
    "team",
    "teams",
    "tender",
    "trainee",
    "trainees",
    "tribunal",
    "users",
    "vendor",
    "ward",
    "warehouse",
];

impl Notes {
    /// Whether the content reads like career notes, whatever the file is called: at least two
    /// experiences told in the first person that state what was done and what came of it, or
    /// one such experience and a story whose labels state three kinds of part (a STAR
    /// answer) — and the stories speak of work.
    pub fn reads_like_career_notes(&self, text: &str) -> bool {
        // Told in the writer's own voice ("I", "my", outside quotation marks). Counted only
        // here, and only of the stories that ask: most files are career notes by name and never
        // ask, and an editor asks of any other Markdown on every keystroke.
        let mine = |e: &Experience| {
            let mut count = PronounCount::default();
            for told in self.told_in(text, e) {
                count.add(&unquoted(&self.own_words(text, told)));
            }
            count.i > 0
        };
        let acts = |e: &Experience| e.state(PartKind::Action) == PartState::Stated;
        // A writer who second-guesses one of their own stories or draws a lesson from it (by a
        // cue or a label, not a general truth) is telling their own: a design document does
        // neither. Asked once, and only of a file with a result read from where it stands.
        let reflects = std::cell::OnceCell::new();
        let reflects = || {
            *reflects.get_or_init(|| {
                self.experiences.iter().any(|e| {
                    acts(e)
                        && [PartKind::Lesson, PartKind::Hindsight].iter().any(|kind| {
                            e.parts_of(*kind).any(|p| {
                                p.state == PartState::Stated && p.evidence != Evidence::Ending
                            })
                        })
                        && mine(e)
                })
            })
        };
        // Stating an action and a result. One read only from where a sentence stands is no
        // sign of career notes under a heading: a design document's sentence after "we chose"
        // reads as one. Under a list item's title it is: how a story told in a project's
        // bullets ends (`- handed over 2 days before term`); and so it is in a file whose
        // stories reflect.
        let result_stated = |e: &Experience, counts: &dyn Fn(&super::Part) -> bool| {
            e.parts_of(PartKind::Result)
                .any(|p| p.state == PartState::Stated && counts(p))
        };
        let states_its_result = |e: &Experience| {
            result_stated(e, &|p| {
                p.evidence != Evidence::Ending || e.shape == Shape::ListItem
            })
        };
        let voiced: Vec<&Experience> = self
            .experiences
            .iter()
            .filter(|e| acts(e))
            .filter(|e| states_its_result(e) || (result_stated(e, &|_| true) && reflects()))
            .filter(|e| mine(e))
            .take(2)
            .collect();
        let labelled_story = |e: &Experience| {
            PartKind::ALL
                .iter()
                .filter(|k| {
                    e.parts_of(**k)
                        .any(|p| p.state == PartState::Stated && p.evidence != Evidence::Prose)
                })
                .count()
                >= 3
        };
        // In a file where the writer second-guesses or draws a lesson from a story of their
        // own, another story that states what was done and what came of it is theirs too,
        // told without "I" (a phone note's `moved it to straight after school … by march we
        // had 14-18 regulars`).
        let another_told = || {
            self.experiences.iter().any(|e| {
                acts(e) && !voiced.iter().any(|v| std::ptr::eq(*v, e)) && states_its_result(e)
            })
        };
        let storied = voiced.len() >= 2
            || (!voiced.is_empty()
                && (self.experiences.iter().any(labelled_story) || (reflects() && another_told())));
        if storied
            && speaks_of_work(
                text,
                self.experiences.iter().flat_map(|e| self.told_in(text, e)),
            )
        {
            return true;
        }
        // A note whose first line says it is for an appraisal, an interview, a job or a review
        // (`things to remember for appraisal w jo`, `stuff for review w/ dr patel`) needs only
        // one story of the writer's own, told in what they did.
        let body = text.get(self.front_matter.range.end..).unwrap_or("");
        titled_for_a_review(body) && self.experiences.iter().any(|e| acts(e) && mine(e))
    }

    /// Where an experience is told: its section, and for a table's row the table's header too
    /// (`| My role / what I did | Outcome |` is the writer's voice over every row).
    fn told_in(&self, text: &str, e: &Experience) -> impl Iterator<Item = std::ops::Range<usize>> {
        let header = (e.shape == Shape::TableRow)
            .then(|| {
                self.blocks
                    .opaque
                    .iter()
                    .find(|t| t.contains(&e.section.start))
            })
            .flatten()
            .map(|table| {
                let first_line = text.get(table.clone()).and_then(|t| t.find('\n'));
                table.start..first_line.map_or(table.end, |end| table.start + end)
            });
        std::iter::once(e.section.clone()).chain(header)
    }
}

/// Whether the first line of `text` says the note is for an appraisal, an interview, a
/// promotion, a job or an application (`sous chef job @ the Brackenbury - notes`), or a
/// review of the writer's work (not a code review: a review *for* someone or *with* someone,
/// a performance or year's review).
fn titled_for_a_review(text: &str) -> bool {
    const PURPOSES: &[&str] = &["appraisal", "interview", "promotion", "brag"];
    // A job or an application is a person's only where no word of software is near: a cron
    // job, a web application.
    const APPLYING: &[&str] = &["job", "jobs", "application", "applying", "tender"];
    const SOFTWARE: &[&str] = &[
        "web",
        "cron",
        "batch",
        "queue",
        "scheduler",
        "runner",
        "server",
        "framework",
        "api",
        "app",
        "desktop",
        "mobile",
        "service",
        "worker",
        "async",
        "build",
        "ci",
        "spark",
        "workflow",
        "workflows",
        "pipeline",
        "github",
        "gitlab",
        "patch",
        "patches",
        "config",
        "configuration",
        "state",
        "layer",
    ];
    const REVIEWS: &[&str] = &[
        "for",
        "my",
        "annual",
        "performance",
        "year",
        "yearly",
        "mid",
        "end",
        "w",
        "with",
    ];
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let words: Vec<String> = first
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // "app" after a role is an application for it (`farm mgr app`), not software.
    const ROLES: &[&str] = &[
        "mgr",
        "manager",
        "job",
        "role",
        "post",
        "lead",
        "supervisor",
        "officer",
        "director",
        "head",
        "hlta",
    ];
    let role_app = words
        .windows(2)
        .any(|pair| matches!(pair, [role, app] if app == "app" && ROLES.contains(&role.as_str())));
    let software = !role_app && words.iter().any(|w| SOFTWARE.contains(&w.as_str()));
    // An application's statement or letter (`… – supporting statement notes`), a supervision
    // log or a reflective journal.
    let statement = words.windows(2).any(|pair| match pair {
        [first, second] => matches!(
            (first.as_str(), second.as_str()),
            ("supporting" | "personal", "statement")
                | ("cover", "letter")
                // A record of the writer's own practice, kept for their growth.
                | ("supervision", "log" | "notes" | "record")
                | ("reflective", "log" | "journal" | "account" | "accounts")
                | ("cpd", "log" | "record" | "portfolio")
        ),
        _ => false,
    });
    statement
        || role_app
        || words.iter().enumerate().any(|(at, w)| {
            PURPOSES.contains(&w.as_str())
                || (APPLYING.contains(&w.as_str()) && !software)
                || (w == "review"
                    && (at.checked_sub(1).and_then(|b| words.get(b)))
                        .into_iter()
                        .chain(words.get(at + 1))
                        .any(|near| REVIEWS.contains(&near.as_str())))
        })
}

/// `text` with every span between quotation marks blanked, paragraph by paragraph (a blank
/// line, `\n` or `\r\n`, ends one): someone else's "I" is not the writer's.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut paragraph = 0;
    let flush = |out: &mut String, piece: &str| {
        let mut at = 0;
        for span in prose::quoted_spans(piece) {
            out.push_str(piece.get(at..span.start).unwrap_or(""));
            out.push(' ');
            at = span.end;
        }
        out.push_str(piece.get(at..).unwrap_or(""));
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim().is_empty() {
            flush(&mut out, text.get(paragraph..offset).unwrap_or(""));
            paragraph = offset;
        }
    }
    flush(&mut out, text.get(paragraph..).unwrap_or(""));
    out
}

/// At least two different words of work in the experiences' sections.
fn speaks_of_work(text: &str, sections: impl Iterator<Item = std::ops::Range<usize>>) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for section in sections {
        let words = text.get(section).unwrap_or("");
        for word in words.split(|c: char| !c.is_alphanumeric()) {
            if word.len() < 3 || word.len() > 12 {
                continue;
            }
            if let Some(known) = WORK_WORDS.iter().find(|w| w.eq_ignore_ascii_case(word))
                && !seen.contains(known)
            {
                seen.push(known);
                if seen.len() >= 2 {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A note whose first line says what it is for needs only one story of the writer's own.
    #[test]
    fn notes_titled_for_an_appraisal_or_a_review() {
        let story = "\n\n- the anxious patient. she had not been in for six years after a bad experience somewhere else. i did her first appointment as just a chat and a look with the mirror, then split the treatment over three short visits. she is now on six monthly recall.\n- ask about the extra day\n";
        for title in [
            "things to remember for appraisal w jo",
            "stuff for review w/ dr patel (tues)",
            "band 6 interview - things to talk about",
            "sous chef job @ the Brackenbury - notes",
            "Regional HR Manager application – supporting statement",
            "jobs to mention - housing assoc tender",
            "Band 7 – Senior BMS Blood Sciences – supporting statement notes",
            "# Clinical Supervision Log — 2024",
            "Reflective journal, placement 2",
            "glenmoor estate - farm mgr app",
        ] {
            let text = format!("{title}{story}");
            let notes = crate::notes::parse(&text, &crate::Settings::default());
            assert!(notes.reads_like_career_notes(&text), "{title}");
        }
        for title in [
            "code review checklist",
            "Release notes",
            "reviewed by the maintainers",
            "cron job runner",
            "Web application framework",
            "Jobs in the CI workflow",
            "Statement of support for the RFC",
            "Supervision trees and restart strategies",
            "Log levels and reflective access",
            "Mobile app - release notes",
        ] {
            let text = format!("{title}{story}");
            let notes = crate::notes::parse(&text, &crate::Settings::default());
            assert!(!notes.reads_like_career_notes(&text), "{title}");
        }
    }

    /// A table's header speaks for its rows (`| My role / what I did |`): rows told without
    /// "I" are the writer's own. Without the writer in the header, they are not.
    #[test]
    fn a_tables_header_gives_its_rows_the_writers_voice() {
        let table = |header: &str| {
            format!(
                "# incidents\n\n| Date | What broke | {header} | Outcome |\n|---|---|---|---|\n| 2024-02-11 | payouts batch stuck on the bank's new host key | verified the fingerprint, re-ran the batch | every merchant still paid the same day, team happy |\n| 2024-05-03 | refunds service out of memory after a patch | rolled back, paired with the dev on heap settings | 22 min partial outage for customers, no data lost |\n"
            )
        };
        let mine = table("My role / what I did");
        let notes = crate::notes::parse(&mine, &crate::Settings::default());
        assert!(notes.reads_like_career_notes(&mine));
        let theirs = table("Action");
        let notes = crate::notes::parse(&theirs, &crate::Settings::default());
        assert!(!notes.reads_like_career_notes(&theirs));
    }

    #[test]
    fn quotations_are_blanked_paragraph_by_paragraph() {
        assert_eq!(
            unquoted("She said \"I did it\" twice."),
            "She said   twice."
        );
        assert_eq!(
            unquoted("A 27\" screen.\n\nI did \"it\""),
            "A 27\" screen.\n\nI did  "
        );
    }

    /// A design document says what "we" or "I" chose and then what followed: a sentence after
    /// the last action is read as a result in career notes, but is no sign of them.
    #[test]
    fn an_ending_alone_does_not_make_career_notes() {
        let text = "# Design\n\n## Why a new parser\n\nI rewrote the tokenizer for the project \
                    in 2021. I kept its API. The old one stayed in the tree for the release.\n\n## Why no \
                    macros\n\nI removed the macro layer from the client. I \
                    moved its tests. Two users \
                    complained in the tracker.\n";
        let notes = crate::notes::parse(text, &crate::Settings::default());
        let endings = notes
            .experiences
            .iter()
            .filter(|e| e.evidence(PartKind::Result) == Some(Evidence::Ending))
            .count();
        assert!(endings >= 2, "{:#?}", notes.experiences);
        assert!(!notes.reads_like_career_notes(text));
    }

    #[test]
    fn project_bullets_that_end_in_what_came_of_them_make_career_notes() {
        let text = "# Projects\n\n- **School extension (2021)**\n  - brief: two classrooms for the summer holidays, seven weeks on site\n  - I pushed for a timber panel shell so the structure went up in days\n  - handed over two days before term for the client\n\n- **Care home garden**\n  - the manager changed the brief three times\n  - I set up fortnightly walk-rounds with the manager and two family reps\n  - the brief stayed put after that for the team\n";
        let notes = crate::notes::parse(text, &crate::Settings::default());
        assert_eq!(notes.experiences.len(), 2, "{:#?}", notes.experiences);
        assert!(notes.reads_like_career_notes(text));
    }

    #[test]
    fn a_clinical_story_under_its_own_headings_reads_like_career_notes() {
        let text = "# A dog with a twisted stomach on a Sunday\n\n## Setting the scene\n\nI was the only vet on call when a family brought in their dog.\n\n## What I did\n\nI confirmed it on an X-ray, ran the surgery with our off-duty nurse, and checked him every two hours overnight.\n\n## Where it landed\n\nHe went home four days later and the owners sent the practice a card.\n";
        let notes = crate::notes::parse(text, &crate::Settings::default());
        assert_eq!(notes.experiences.len(), 1, "{:#?}", notes.experiences);
        assert!(notes.reads_like_career_notes(text));
    }

    /// Stories under headings whose results are read from where they stand (no cue says
    /// "result"), in a file where the writer second-guesses one of them: a self-review.
    #[test]
    fn stories_that_end_plainly_read_like_career_notes_when_the_writer_reflects() {
        let review = "# Review 2024\n\n## The Hale Street tenancy\n\nI visited the tenant weekly for a month and got the landlord to agree a repair plan with my manager. The family stayed put and the rent arrears were cleared by June.\n\n## Covering for Priya\n\nI took on nine of her cases and sorted them by risk with the team. The backlog was gone by the end of October. I should have asked for the float worker before I said yes.\n";
        let notes = crate::notes::parse(review, &crate::Settings::default());
        assert_eq!(notes.experiences.len(), 2, "{:#?}", notes.experiences);
        assert!(notes.reads_like_career_notes(review));
        // The same stories with no second thought: a report, no sign of career notes.
        let report = review.replace(
            " I should have asked for the float worker before I said yes.",
            "",
        );
        let notes = crate::notes::parse(&report, &crate::Settings::default());
        assert_eq!(notes.experiences.len(), 2, "{:#?}", notes.experiences);
        assert!(!notes.reads_like_career_notes(&report));
    }

    /// A phone note: one story in the writer's voice that draws a lesson, another told
    /// without "I" that states what was done and what came of it.
    #[test]
    fn a_reflective_writer_s_other_stories_need_no_i() {
        let note = "stuff for the review\n\n- summer reading challenge - branch numbers had dropped two years running so i went round all five primary schools in june and did assemblies for the team. 212 kids signed up (140 last yr), 61% finished. learnt that the stickers matter more to them than the medal.\n\n- jan: homework club was basically dead, like 2 kids a week turning up. moved it from tues 5pm to straight after school and got the secondary to put it in their bulletin for the staff. by march we had 14 regulars and the council put it in the annual report.\n";
        let notes = crate::notes::parse(note, &crate::Settings::default());
        assert_eq!(notes.experiences.len(), 2, "{:#?}", notes.experiences);
        assert!(notes.reads_like_career_notes(note));
        // Without the lesson, one story in the writer's voice is not enough.
        let plain = note.replace(
            " learnt that the stickers matter more to them than the medal.",
            "",
        );
        let notes = crate::notes::parse(&plain, &crate::Settings::default());
        assert!(!notes.reads_like_career_notes(&plain));
    }

    #[test]
    fn work_is_named_or_not() {
        let story = "I rebuilt the rota with my manager and the team kept it.";
        assert!(speaks_of_work(story, std::iter::once(0..story.len())));
        let loaf = "I kneaded the dough for twenty minutes and my first loaf failed.";
        assert!(!speaks_of_work(loaf, std::iter::once(0..loaf.len())));
        // One word of work is not enough: "my job was to knead".
        let one = "My job was to knead the dough.";
        assert!(!speaks_of_work(one, std::iter::once(0..one.len())));
    }
}
