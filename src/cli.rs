//! The command line: arguments, printing diagnostics, exit codes.
//!
//! Exit status: 0 success, 1 content or config errors (each printed as
//! `path:line:col: error: message`) or a failed check, 2 bad usage (clap's
//! own exit code). Output is plain text: no colours, no spinners, so CI logs
//! read the same as a terminal.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::error::Error;
use crate::pipeline::{self, BuildOptions, BuildReport};
use crate::summary::BuildSummary;

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
    /// Build into a temporary folder and verify the result.
    ///
    /// Every internal link, anchor and asset reference in the pages, feeds
    /// and sitemap must resolve; feeds and sitemap must be well-formed; ids
    /// and page paths must be unique. Each problem is printed with the file
    /// it was found in; any problem exits 1. The output folder is not
    /// touched.
    Check(CheckArgs),
    /// Create a new site in DIR, with a GitHub Pages workflow.
    ///
    /// Writes a commented site.toml, an example article in seeds/ and
    /// .github/workflows/pages.yml, which builds and deploys the site on
    /// every push, every morning and on demand. DIR must be empty or absent.
    New(NewArgs),
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
    /// Print a one-object JSON summary on stdout (pages, articles, warnings,
    /// errors with file and line, elapsed ms), for CI.
    #[arg(long)]
    pub json: bool,
}

/// Options of `briefing check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding site.toml and seeds/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Check the site as published under this URL instead of base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked draft = true.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `briefing new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create the site in (created when missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::New(args) => new(&args),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let elapsed_ms = || u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let result = build_instant().and_then(|now| {
        pipeline::build(&BuildOptions {
            root: args.root.clone(),
            output: args.output.clone(),
            base_url: args.base_url.clone(),
            drafts: args.drafts,
            now,
        })
    });
    if args.json {
        let summary = match &result {
            Ok(report) => BuildSummary::of_report(report, elapsed_ms()),
            Err(e) => BuildSummary::of_error(e, elapsed_ms()),
        };
        println!("{}", summary.to_json());
    }
    match result {
        Ok(report) => {
            print_diagnostics(&report);
            if !args.quiet && !args.json {
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

fn check(args: &CheckArgs) -> ExitCode {
    let result = build_instant().and_then(|now| {
        crate::verify::check(&BuildOptions {
            root: args.root.clone(),
            output: None,
            base_url: args.base_url.clone(),
            drafts: args.drafts,
            now,
        })
    });
    let report = match result {
        Ok(report) => report,
        Err(e) => return fail(&e),
    };
    print_diagnostics(&report.build);
    let files = report.build.paths.len();
    let mut err = std::io::stderr().lock();
    for problem in &report.problems {
        let _ = writeln!(err, "{}: error: {}", problem.page, problem.message);
    }
    if report.passed() {
        println!(
            "checked {files} files of {} articles for {}: no problems",
            report.build.articles, report.build.base_url
        );
        return ExitCode::SUCCESS;
    }
    let count = report.problems.len();
    if count > 0 {
        let _ = writeln!(
            err,
            "check failed: {count} problem{} in {files} files",
            if count == 1 { "" } else { "s" }
        );
    }
    ExitCode::from(1)
}

fn new(args: &NewArgs) -> ExitCode {
    match crate::scaffold::scaffold(&args.dir) {
        Ok(files) => {
            println!("created a new site in {}:", args.dir.display());
            for file in files {
                println!("  {}", file.display());
            }
            println!(
                "next: cd {} && briefing build, then push to GitHub (see .github/workflows/pages.yml)",
                args.dir.display()
            );
            ExitCode::SUCCESS
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
