//! The `briefing` binary: parse the command line, run it, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    briefing::cli::run(briefing::cli::Cli::parse())
}
