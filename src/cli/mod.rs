//! The command line: `hindsight check`, `hindsight report` and `hindsight lsp`.

mod check;
mod files;
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

#[derive(Subcommand)]
enum Command {
    /// Check career-notes files and folders (default: the current folder).
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Insert the missing parts with their reflection prompts (never deletes text).
        #[arg(long)]
        fix: bool,
    },
    /// Print an interview-preparation sheet of your experiences and lessons.
    Report {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
    },
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Markdown,
    Json,
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
        Some(Command::Check { paths, format, fix }) => {
            check::run(&paths, format == CheckFormat::Json, fix)
        }
        Some(Command::Report { paths, format }) => {
            report::run(&paths, format == ReportFormat::Json)
        }
        None => {
            eprintln!(
                "hindsight: say what to do: `hindsight check [PATH…]`, `hindsight report [PATH…]` or `hindsight lsp` (see --help)"
            );
            2
        }
    }
}
