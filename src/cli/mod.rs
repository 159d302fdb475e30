//! The command line: arguments, printing diagnostics, exit codes.
//!
//! Exit status: 0 success, 1 content or config errors (each printed as
//! `path:line:col: error: message`) or a failed check, 2 bad usage (clap's
//! own exit code). Output is plain text: no colours, no spinners, so CI logs
//! read the same as a terminal.

mod args;
mod check;
mod email;
mod json_report;
mod preview;
mod print;
mod publish;
mod scaffold;

use std::process::ExitCode;

pub use args::{
    BuildArgs, CheckArgs, Cli, Command, EmailArgs, NewArgs, ServeArgs, SiteArgs, TargetArgs,
    WatchArgs,
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
    }
}
