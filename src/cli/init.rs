//! `hindsight init`: a commented `.hindsight.toml` and a starter notes file, in a folder
//! (default: the current one). Never overwrites: a file that exists is left as it is, and said.

use std::io::Write;
use std::path::Path;

const CONFIG_NAME: &str = ".hindsight.toml";
const NOTES_NAME: &str = "career.career.md";

/// Every key is optional; the commented lines show the defaults and how to change them.
const CONFIG: &str = r#"# Hindsight configuration. Every key is optional; delete what you do not need.
# Editor settings under `hindsight` (VS Code, Neovim, any LSP client) override this file.

# Extra files that are career notes (besides *.career.md, brag*.md, accomplishments*.md, …).
# include = ["career/**/*.md"]
# exclude = ["drafts/**"]

# Which heading level holds the experiences: "auto", or 1 to 6.
# experience_level = "auto"

# The hint at the end of each experience heading ("result · lesson missing").
# inlay_hints = true

[rules]
# error | warning | information | hint | off
# missing-result = "warning"
# missing-lesson = "warning"
# missing-action = "information"
# missing-hindsight = "information"
# missing-counterfactual = "hint"
# vague-result = "information"
# we-not-i = "hint"
# duplicate-experience = "warning"
# missing-self-assessment = "information"
# no-failure-story = "information"

[labels]
# Your own labels, added to the built-in ones for that part.
# result = ["Wins"]

[cues]
# Phrases that state a part in prose, added to the built-in ones.
# lesson = ["what stuck with me"]

[prompts]
# The question a quick fix inserts, per part.
# lesson = "What will you do the same way next time, and what not?"

[questions]
# The interview questions of the report's story bank, each with the themes that answer it
# (failure, mistake, success, conflict, leadership, influence, learning, ambiguity, deadline,
# customer, bad-news, risk, prioritisation, teamwork). Fourteen are shipped; a new question is
# added, a shipped one gets new themes, and `[]` removes one.
# "Tell me about a night shift that went wrong." = ["failure", "deadline"]
# "Tell me about a time you took a risk." = []
"#;

/// One worked example (every part answered, as the checker likes it), one empty template to
/// copy, and the self-assessment sections interviews ask about.
const NOTES: &str = "# Career notes

One section per experience: what happened, what you did, what changed, what it taught you,
and — the part that matters most — what you would do differently now. The first one is an
example; replace it with yours.

## Example: cut the monthly report from two days to two hours

### Context

Finance rebuilt the same monthly report by hand from four spreadsheets; it took two days and
was late twice in a quarter.

### Action

I mapped where each figure came from, wrote one query per source, and agreed with the two
analysts which checks they still wanted to do by eye.

### Result

The report takes two hours, and it has not been late since March.

### Lesson

Ask the people doing the work which steps they trust before automating any of them.

### In hindsight

I would have shown the analysts a draft in the first week instead of the fourth; we would
have agreed the checks a month sooner.

## Your next experience

### Context

<!-- What was the situation, and what was at stake? -->

### Action

<!-- What did you do yourself? Name your decisions and actions, not the team's. -->

### Result

<!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. -->

### Lesson

<!-- What did you learn? What do you know now that you did not know before? -->

### In hindsight

<!-- Knowing what you know now, what would you do differently, and how would the result change? -->

## Strengths

<!-- What do people come to you for? Name two or three strengths and the story that proves each. -->

## Growth areas

<!-- Where do you struggle, and what are you doing about it? Pick real weaknesses, with the story that taught you. -->
";

/// Creates the two files in `folder`; returns the exit code (2 when a file could not be
/// written; a file that exists already is no error).
pub fn run(folder: &Path) -> i32 {
    let mut status = 0;
    // A folder that holds career notes already gets no starter file.
    let notes_exist = std::fs::read_dir(folder).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && crate::career_files::named_like_career_notes(Path::new(&e.file_name()))
        })
    });
    for (name, text) in [(CONFIG_NAME, CONFIG), (NOTES_NAME, NOTES)] {
        let path = folder.join(name);
        if name == NOTES_NAME && notes_exist && !path.exists() {
            println!(
                "no starter notes: {} holds career notes already",
                folder.display()
            );
            continue;
        }
        // `create_new` fails on anything already there (a file, a link, a folder): nothing
        // is ever overwritten, not even in a race with another program.
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| file.write_all(text.as_bytes()));
        match created {
            Ok(()) => println!("created {}", path.display()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                println!(
                    "kept {} (it exists; nothing was overwritten)",
                    path.display()
                )
            }
            Err(e) => {
                eprintln!("hindsight: {}: {e}", path.display());
                status = 2;
            }
        }
    }
    if status == 0 {
        println!("next: write your first experience in {NOTES_NAME}, then run `hindsight check`");
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_parses_and_the_notes_are_career_notes() {
        let (_, errors) = crate::config::from_toml(CONFIG, None);
        assert!(errors.is_empty(), "{errors:?}");
        let settings = crate::config::Settings::default();
        let (notes, findings) = crate::analyse(NOTES, &settings);
        assert_eq!(notes.experiences.len(), 2);
        // The example is complete; the template's parts are all prompts.
        assert!(
            findings
                .iter()
                .all(|f| f.experience == Some(1) && f.message.contains("still a prompt")),
            "{findings:?}"
        );
        assert!(notes.has_strengths || notes.strengths_section);
    }
}
