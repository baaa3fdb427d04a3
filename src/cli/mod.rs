//! The command line: `hindsight check`, `report`, `practice`, `lsp`, `init`, `completions`
//! and `man`.

mod annotations;
mod check;
mod files;
mod init;
mod json;
mod practice;
mod report;
pub mod write;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "hindsight",
    version,
    about = "Finds the experiences in your career notes that lack a result or a lesson",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Run the language server on stdin/stdout (same as `hindsight lsp`).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// `check --help`: what it reads (career_files' own words) and its exit codes.
static CHECK_ABOUT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "Check career-notes files and folders (default: the current folder).\n\n{}\n\n\
         Exit code: 0 when nothing at warning or above was found, 1 when something was, 2 on a \
         usage or I/O error.",
        crate::career_files::IN_WORDS
    )
});

#[derive(Subcommand)]
enum Command {
    /// Check career-notes files and folders (default: the current folder).
    #[command(long_about = CHECK_ABOUT.as_str())]
    Check {
        /// Files and folders to check (default: the current folder).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Show (and count, and fail on) only findings of this severity or above.
        #[arg(long, value_enum, default_value_t = MinSeverity::Hint)]
        min_severity: MinSeverity,
        /// Print only the findings: no summary line, no note about skipped files.
        #[arg(long, short)]
        quiet: bool,
        /// Insert the missing parts, and prompts into empty ones, as reflection prompts the
        /// writer answers (never deletes text). The exit code stays 1 while a warning remains:
        /// an inserted prompt is a question still to answer, not an answer.
        #[arg(long)]
        fix: bool,
    },
    /// Print an interview-preparation sheet of your experiences and lessons.
    ///
    /// The same files as `check` are read. Exit code: 0, or 2 when a file could not be read.
    #[command(verbatim_doc_comment)]
    Report {
        /// Files and folders to read (default: the current folder).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
    },
    /// Practise interview questions with your own stories, in the terminal.
    ///
    /// Asks a question your notes answer and one they do not; Enter shows your story. Keyboard
    /// only: Enter to go on, q and Enter to stop.
    #[command(verbatim_doc_comment)]
    Practice {
        /// Files and folders to read (default: the current folder).
        paths: Vec<PathBuf>,
        /// Practise this question: its number in the report's list, or words of it.
        #[arg(long)]
        question: Option<String>,
    },
    /// Write a commented .hindsight.toml and a starter notes file (never overwrites).
    Init {
        /// The folder to write them in.
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `hindsight man > hindsight.1`.
    Man,
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    /// `path:line:col: severity[code] message`, then a summary.
    Human,
    /// Machine-readable: diagnostics, experiences and their parts.
    Json,
    /// GitHub Actions annotations (`::warning file=…::…`).
    Github,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum MinSeverity {
    Error,
    Warning,
    Information,
    Hint,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Markdown,
    /// The same data, with the story bank, for scripts.
    Json,
    /// One self-contained page (no network), printable.
    Html,
}

/// The report of every career-notes file under `paths`, as `hindsight report` builds it, and
/// the problems met (for the story-bank benchmark).
pub use report::build as report_of;

/// Runs `work`, the analysis of one file (whose text is `text`), containing any panic in it:
/// the panic becomes `Err` with its message and place on one line, printed by the caller as
/// that file's error, and nothing is written to stderr by the panic itself.
pub(crate) fn guarded<T>(text: &str, work: impl FnOnce() -> T) -> Result<T, String> {
    use std::cell::{Cell, RefCell};
    thread_local! {
        static GUARDED: Cell<bool> = const { Cell::new(false) };
        static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                return previous(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            let place = info
                .location()
                .map(|l| format!(" (at {}:{}:{})", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
    let was_guarded = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::test_panic_hook(text);
        work()
    }));
    GUARDED.with(|g| g.set(was_guarded));
    result.map_err(|_| {
        let message = LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "panic".to_string());
        format!(
            "internal error while analysing (please report): {}",
            files::one_line(&message)
        )
    })
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        _ if cli.stdio => crate::server::run_stdio(),
        Some(Command::Lsp { .. }) => crate::server::run_stdio(),
        Some(Command::Check {
            paths,
            format,
            fix,
            min_severity,
            quiet,
        }) => {
            let format = match format {
                CheckFormat::Human => check::Format::Human,
                CheckFormat::Json => check::Format::Json,
                CheckFormat::Github => check::Format::Github,
                CheckFormat::Sarif => check::Format::Sarif,
            };
            let min_severity = match min_severity {
                MinSeverity::Error => crate::kinds::Severity::Error,
                MinSeverity::Warning => crate::kinds::Severity::Warning,
                MinSeverity::Information => crate::kinds::Severity::Information,
                MinSeverity::Hint => crate::kinds::Severity::Hint,
            };
            check::run(
                &paths,
                check::Options {
                    format,
                    fix,
                    min_severity,
                    quiet,
                },
            )
        }
        Some(Command::Init { folder }) => init::run(&folder),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "hindsight", &mut script);
            print_or_fail(&script)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut page)
            {
                Ok(()) => print_or_fail(&page),
                Err(e) => {
                    eprintln!("hindsight: {e}");
                    2
                }
            }
        }
        Some(Command::Report { paths, format }) => report::run(
            &paths,
            match format {
                ReportFormat::Markdown => report::Format::Markdown,
                ReportFormat::Json => report::Format::Json,
                ReportFormat::Html => report::Format::Html,
            },
        ),
        Some(Command::Practice { paths, question }) => practice::run(&paths, question.as_deref()),
        None => {
            eprintln!(
                "hindsight: say what to do: `hindsight check [PATH…]`, `hindsight report [PATH…]`, `hindsight practice`, `hindsight init` or `hindsight lsp` (see --help)"
            );
            2
        }
    }
}

/// Writes generated output to stdout; a closed pipe is no panic, and no success either.
fn print_or_fail(bytes: &[u8]) -> i32 {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}
