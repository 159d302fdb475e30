//! What the command line says: the clap definitions of every subcommand
//! and its options, and the build instant (`SOURCE_DATE_EPOCH`).

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::error::Error;

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
    /// List the built-in templates, or copy them into the site to edit.
    ///
    /// Without --eject, lists each built-in template with what it renders,
    /// and the built-in static files, marking those the site overrides.
    /// With --eject, writes them into templates/ (and style.css into
    /// static/), where they replace the built-in ones file by file; name
    /// some to write only those. Existing files are left alone unless
    /// --force is given.
    Templates(TemplatesArgs),
    /// Rebuild the output folder on every change, without a server.
    ///
    /// Like build, then only what each change needs: a changed article
    /// re-renders just the pages that show it.
    Watch(WatchArgs),
    /// Print an edition as an email on stdout, for a mailer.
    ///
    /// The latest edition's email.html (one self-contained HTML file:
    /// inline styles, absolute links from base_url), or --edition DATE's;
    /// --text prints its plain-text alternative (email.txt) instead.
    /// Nothing is written to the output folder.
    Email(EmailArgs),
}

/// Where the site is and which articles count, shared by every command
/// that builds.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder, holding site.toml and seeds/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Include stories dated after the build clock (held back otherwise
    /// until their time comes): for previewing an embargoed story.
    #[arg(long)]
    pub future: bool,
}

/// Where a build writes and the URL it publishes under.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// Where to write the site [default: output_dir in site.toml, i.e. public/].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish under this URL instead of base_url from site.toml.
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<String>,
    /// Write into the output folder even if it holds files briefing did not
    /// write: they are deleted. Without it such a folder is refused.
    #[arg(long)]
    pub force: bool,
}

/// Options of `briefing build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site and its drafts.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where the output goes and the URL it is for.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Print only warnings and errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print a one-object JSON summary on stdout (pages, articles, warnings,
    /// errors with file and line, elapsed ms), for CI.
    #[arg(long)]
    pub json: bool,
    /// Keep each article's parsed and enriched result in DIR and reuse it
    /// while the article, the settings and the briefing binary are
    /// unchanged: a scheduled rebuild reads only what changed. Safe to
    /// share with `check --cache` and to restore in CI.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Print the time of each stage (discover, parse, enrich, digest, corpus
    /// pass, render per template, write) and the slowest pages; with
    /// --json, as a "timings" field.
    #[arg(long)]
    pub timings: bool,
    /// Say how many published stories are newer than TIME (RFC 3339, or
    /// seconds since 1970), or that there is nothing new to publish: a
    /// scheduled run passes the previous run's slot.
    #[arg(long, value_name = "TIME", value_parser = parse_instant)]
    pub since: Option<Timestamp>,
    /// Also report for GitHub Actions: each problem as an annotation on its
    /// file and line, and a summary appended to $GITHUB_STEP_SUMMARY.
    #[arg(long)]
    pub github: bool,
}

/// Options of `briefing check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site and its drafts.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Check the site as published under this URL instead of base_url.
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<String>,
    /// Reuse (and update) the article cache of `build --cache DIR`.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Report articles that cannot be built, but check and pass the site
    /// without them (as a workflow that publishes what builds does).
    #[arg(long)]
    pub allow_broken_articles: bool,
}

/// Options of `briefing email`.
#[derive(Debug, Args)]
pub struct EmailArgs {
    /// The site and its drafts.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The edition to print, as YYYY-MM-DD [default: the latest].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub edition: Option<Date>,
    /// Print the plain-text alternative instead of the HTML.
    #[arg(long)]
    pub text: bool,
    /// Link under this URL instead of base_url from site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// A `YYYY-MM-DD` date from the command line.
fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

/// Options of `briefing new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create the site in (created when missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Options of `briefing templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The site folder, holding site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Copy the built-in templates (and style.css) into the site.
    #[arg(long)]
    pub eject: bool,
    /// With --eject: replace files that already exist.
    #[arg(long, requires = "eject")]
    pub force: bool,
    /// With --eject: only these templates or static files.
    #[arg(value_name = "NAME", requires = "eject", value_parser = super::templates::names())]
    pub names: Vec<String>,
}

/// Options of `briefing serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site and its drafts.
    #[command(flatten)]
    pub site: SiteArgs,
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
    /// Write the preview into --output even if it holds files briefing did
    /// not write: they are deleted.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Options of `briefing watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The site and its drafts.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where the output goes and the URL it is for.
    #[command(flatten)]
    pub target: TargetArgs,
}

/// Checks a `--base-url` value as clap parses the command line, so a bad
/// one is a usage error (exit 2) worded like clap's others.
fn base_url(url: &str) -> Result<String, String> {
    crate::config::normalize_base_url(url)
}

/// The build instant: `SOURCE_DATE_EPOCH` when set, else the clock cut to
/// whole seconds (pages, feeds and sitemaps print it, and HTML's
/// `<time datetime>` allows at most three fractional digits).
pub(super) fn build_instant() -> Result<Timestamp, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| Timestamp::from_second(s).ok())
            .ok_or(Error::SourceDateEpoch(value)),
        Err(_) => {
            let now = Timestamp::now();
            Ok(Timestamp::from_second(now.as_second()).unwrap_or(now))
        }
    }
}

/// An instant on the command line: RFC 3339, or whole seconds since 1970.
fn parse_instant(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return Timestamp::from_second(seconds).map_err(|e| e.to_string());
    }
    text.parse::<Timestamp>().map_err(|_| {
        format!("{text:?} is not an RFC 3339 time (2026-11-30T05:30:00Z) or seconds since 1970")
    })
}
