//! The command line: arguments, printing diagnostics, exit codes.
//!
//! Exit status: 0 success, 1 content or config errors (each printed as
//! `path:line:col: error: message`) or a failed check, 2 bad usage (clap's
//! own exit code). Piped output (CI logs, tests) is plain text, one line per
//! diagnostic; at a terminal a diagnostic shows its source line with a
//! caret, in colour unless `NO_COLOR` is set, and a long build shows a
//! progress bar.

mod annotate;
mod args;
mod check;
mod github;
mod email;
mod json_report;
mod preview;
mod print;
mod progress;
mod publish;
mod scaffold;
mod templates;

use std::process::ExitCode;

pub use args::{
    BuildArgs, CheckArgs, Cli, Command, EmailArgs, NewArgs, ServeArgs, SiteArgs, TargetArgs,
    TemplatesArgs, WatchArgs,
};

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => publish::build(&args),
        Command::Check(args) => publish::check(&args),
        Command::New(args) => publish::new(&args),
        Command::Serve(args) => preview::serve(&args),
        Command::Watch(args) => preview::watch(&args),
        Command::Email(args) => email::email(&args),
        Command::Templates(args) => publish::templates(&args),
    }
}
