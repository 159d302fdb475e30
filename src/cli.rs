//! The command line: arguments, printing diagnostics, exit codes.
//!
//! Exit status: 0 success, 1 content or config errors (each printed as
//! `path:line:col: error: message`) or a failed check, 2 bad usage (clap's
//! own exit code). Output is plain text: no colours, no spinners, so CI logs
//! read the same as a terminal.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::error::{Diagnostic, Error, chain};
use crate::pipeline::{self, BuildOptions, BuildReport};
use crate::serve::{self, ServeEvent, ServeOptions};
use crate::session::{Rebuild, Session};
use crate::summary::BuildSummary;
use crate::watch::{self, Outcome, Watcher};

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
    /// Preview the site in a browser, rebuilding and reloading on every save.
    ///
    /// Builds into a temporary folder with base_url set to the local address,
    /// serves it, and watches seeds/, templates/, static/ and site.toml. Open
    /// tabs reload after each rebuild; a change that fails to build shows its
    /// error over the last good page, which keeps being served.
    Serve(ServeArgs),
    /// Rebuild the output folder on every change, without a server.
    ///
    /// Like build, then only what each change needs: a changed article
    /// re-renders just the pages that show it.
    Watch(WatchArgs),
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

/// Options of `briefing serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding site.toml and seeds/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one (printed at start).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address exposes
    /// the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Write the preview here instead of a temporary folder.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include articles marked draft = true.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `briefing watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
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
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::New(args) => new(&args),
        Command::Serve(args) => serve(&args),
        Command::Watch(args) => watch(&args),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let elapsed_ms = || u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let result = build_instant().and_then(|now| {
        pipeline::build(&BuildOptions {
            output: args.output.clone(),
            base_url: args.base_url.clone(),
            drafts: args.drafts,
            ..BuildOptions::new(args.root.clone(), now)
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
            base_url: args.base_url.clone(),
            drafts: args.drafts,
            ..BuildOptions::new(args.root.clone(), now)
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

fn serve(args: &ServeArgs) -> ExitCode {
    let now = match build_instant() {
        Ok(now) => now,
        Err(e) => return fail(&e),
    };
    if serve::http::is_public(args.bind) {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the preview",
            args.bind
        );
    }
    let options = ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        output: args.output.clone(),
        drafts: args.drafts,
        now,
    };
    let open = args.open;
    let result = serve::run(&options, &mut |event| match event {
        ServeEvent::Started { url, report } => {
            print_diagnostics(report);
            println!(
                "serving {} articles at {url} (Ctrl-C to stop)",
                report.articles
            );
            if open {
                open_browser(url);
            }
        }
        ServeEvent::Rebuilt(rebuild) => print_rebuild(rebuild),
        ServeEvent::Failed(e) => print_failure(e),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn watch(args: &WatchArgs) -> ExitCode {
    let now = match build_instant() {
        Ok(now) => now,
        Err(e) => return fail(&e),
    };
    let root = match crate::fs::canonicalize(&args.root) {
        Ok(root) => root,
        Err(e) => return fail(&e),
    };
    let options = BuildOptions {
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        ..BuildOptions::new(root.clone(), now)
    };
    let (mut session, report) = match Session::start(options) {
        Ok(started) => started,
        Err(e) => return fail(&e),
    };
    let (sender, messages) = watch::channel_pair();
    let mut watcher = match Watcher::start(&root, sender) {
        Ok(watcher) => watcher,
        Err(e) => return fail(&e),
    };
    print_diagnostics(&report);
    println!(
        "built {} articles into {}; watching for changes (Ctrl-C to stop)",
        report.articles,
        report.output.display()
    );
    watch::run(
        &mut session,
        &mut watcher,
        &messages,
        &mut |outcome| match outcome {
            Outcome::Preview(_) => {}
            Outcome::Rebuilt(rebuild) => print_rebuild(rebuild),
            Outcome::Failed(e) => print_failure(e),
        },
    );
    ExitCode::SUCCESS
}

fn print_rebuild(rebuild: &Rebuild) {
    print_list(&rebuild.diagnostics);
    let preview = match rebuild.preview_elapsed {
        Some(at) => format!(" (edited pages shown after {} ms)", at.as_millis()),
        None => String::new(),
    };
    println!(
        "rebuilt: {} written, {} removed, {} re-parsed in {} ms{preview}",
        rebuild.all_written().len(),
        rebuild.removed.len(),
        rebuild.reparsed,
        rebuild.elapsed.as_millis()
    );
    let _ = std::io::stdout().flush();
}

fn print_failure(e: &Error) {
    eprintln!("{}\nthe last good build is kept", chain(e));
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not start {opener}; open {url} yourself");
    }
}

fn print_list(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

fn print_diagnostics(report: &BuildReport) {
    print_list(&report.diagnostics);
    let mut err = std::io::stderr().lock();
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
    eprintln!("{}", chain(e));
    ExitCode::from(1)
}
