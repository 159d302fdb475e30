//! The command line: arguments, printing diagnostics, exit codes.
//!
//! Exit status: 0 success, 1 content or config errors (each printed as
//! `path:line:col: error: message`), 2 bad usage (clap's own exit code).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::error::Error;
use crate::pipeline::{self, BuildOptions, BuildReport};

/// briefing: a static site generator for news briefing digests.
///
/// Put articles (plain-text wire stories or Markdown) in seeds/, describe
/// the site in site.toml, and `briefing build` writes a linked HTML digest
/// to public/, ready for GitHub Pages.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, long_about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The new output replaces the old one only when every page is written;
    /// a failed build leaves the previous output untouched. Set
    /// SOURCE_DATE_EPOCH to date undated articles reproducibly.
    Build(BuildArgs),
}

/// Options of `briefing build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding site.toml and seeds/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: output_dir in site.toml, i.e. public/].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish under this URL instead of base_url from site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Print only warnings and errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let now = match build_instant() {
        Ok(now) => now,
        Err(e) => return fail(&e),
    };
    let options = BuildOptions {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        now,
    };
    match pipeline::build(&options) {
        Ok(report) => {
            print_diagnostics(&report);
            if !args.quiet {
                println!(
                    "built {} articles, {} pages into {} in {} ms",
                    report.articles,
                    report.pages,
                    report.output.display(),
                    started.elapsed().as_millis()
                );
            }
            if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => fail(&e),
    }
}

/// The build instant: `SOURCE_DATE_EPOCH` when set, else the clock.
pub fn build_instant() -> Result<Timestamp, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| Timestamp::from_second(s).ok())
            .ok_or(Error::SourceDateEpoch(value)),
        Err(_) => Ok(Timestamp::now()),
    }
}

fn print_diagnostics(report: &BuildReport) {
    let mut err = std::io::stderr().lock();
    for d in &report.diagnostics {
        let _ = writeln!(err, "{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            err,
            "{errors} article{} could not be built; the others were",
            if errors == 1 { "" } else { "s" }
        );
    }
}

/// Prints a fatal error with its cause chain, once, and returns exit 1.
fn fail(e: &Error) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "error: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let _ = write!(err, "\n  caused by: {cause}");
        source = cause.source();
    }
    let _ = writeln!(err);
    if let Error::Config(d) = e
        && let Some(help) = &d.help
        && !e.to_string().contains(help.as_str())
    {
        let _ = writeln!(err, "  help: {help}");
    }
    ExitCode::from(1)
}
