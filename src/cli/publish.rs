//! `build`, `check`, `new` and `templates`: the commands that make and
//! publish a site.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs, NewArgs, TemplatesArgs, build_instant};
use super::github;
use super::json_report::JsonReport;
use super::print::{Printer, plural, summary};
use super::progress::Bar;
use crate::digest::Digest;
use crate::pipeline::{self, BuildOptions};
use jiff::Timestamp;

pub(super) fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let elapsed_ms = || u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let printer = Printer::new(&args.site.root);
    let bar = Bar::for_stderr(args.quiet);
    let result = build_instant().and_then(|now| {
        let options = BuildOptions {
            output: args.target.output.clone(),
            base_url: args.target.base_url.clone(),
            drafts: args.site.drafts,
            force: args.target.force,
            cache: args.cache.clone(),
            future: args.site.future,
            ..BuildOptions::new(args.site.root.clone(), now)
        };
        pipeline::build_observed(&options, &bar)
    });
    bar.clear();
    // The process ends after printing: freeing every article, page view
    // and table one by one would only delay the exit (by a twentieth of
    // the build at 10,000 articles).
    let result = result.map(|(built, report)| {
        let fresh = args.since.map(|since| NewSince::of(&built.digest, since));
        std::mem::forget(built);
        (report, fresh)
    });
    if args.json {
        let json = match &result {
            Ok((report, fresh)) => {
                let mut json = JsonReport::of_report(report, elapsed_ms());
                json.timings = args.timings.then(|| report.timings.clone());
                json.new_since = fresh.as_ref().map(NewSince::json);
                json
            }
            Err(e) => JsonReport::of_error(e, elapsed_ms()),
        };
        println!("{}", json.to_json());
    }
    match result {
        Ok((report, fresh)) => {
            let fresh = fresh.map(|f| f.line());
            if args.github {
                report_to_github(args, &report, fresh.as_deref());
            }
            printer.diagnostics(&report.diagnostics);
            if !args.quiet && !args.json {
                // Outside git every undated story is dated by its file's
                // modification time: that is in `--json` and the job
                // summary, not a line for each story here.
                let notes: Vec<_> = report
                    .notes
                    .iter()
                    .filter(|n| !crate::history::is_outside_git(n))
                    .cloned()
                    .collect();
                printer.diagnostics(&notes);
                if let Some(line) = &fresh {
                    println!("{line}");
                }
                let output = &report.output;
                let line = summary(
                    report.articles,
                    output,
                    started.elapsed(),
                    &report.diagnostics,
                );
                let cache = report.cache.as_ref().map_or(String::new(), |c| {
                    format!(" (cache: {} articles reused, {} read)", c.reused, c.parsed)
                });
                println!("{line}{cache}");
            }
            if args.timings && !args.json {
                print!("{}", report.timings.to_text());
            }
            if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            if args.github {
                print!("{}", github::fatal_annotation(&args.site.root, &e));
            }
            printer.fail(&e)
        }
    }
}

/// `build --github`: annotations on stdout, the job summary appended to
/// `$GITHUB_STEP_SUMMARY`.
fn report_to_github(args: &BuildArgs, report: &pipeline::BuildReport, fresh: Option<&str>) {
    print!(
        "{}",
        github::annotations(&args.site.root, &report.diagnostics)
    );
    if let Some(line) = fresh.filter(|l| l.starts_with("nothing new")) {
        println!("::notice::{line}");
    }
    let extras = github::SummaryExtras { new_since: fresh };
    if let Err(e) = github::append_summary(&github::summary(report, &extras)) {
        eprintln!("{}", Printer::new(&args.site.root).error_text(&e));
    }
}

/// How many published stories are newer than a given time.
struct NewSince {
    since: Timestamp,
    count: usize,
}

impl NewSince {
    fn of(digest: &Digest, since: Timestamp) -> NewSince {
        NewSince {
            since,
            count: digest
                .articles
                .iter()
                .filter(|a| a.published > since)
                .count(),
        }
    }

    fn line(&self) -> String {
        match self.count {
            0 => format!("nothing new to publish since {}", self.since),
            1 => format!("1 story new since {}", self.since),
            n => format!("{n} stories new since {}", self.since),
        }
    }

    fn json(&self) -> super::json_report::JsonNewSince {
        super::json_report::JsonNewSince {
            since: self.since.to_string(),
            articles: self.count,
        }
    }
}

pub(super) fn check(args: &CheckArgs) -> ExitCode {
    let printer = Printer::new(&args.site.root);
    let bar = Bar::for_stderr(false);
    let result = build_instant().and_then(|now| {
        let options = BuildOptions {
            base_url: args.base_url.clone(),
            drafts: args.site.drafts,
            cache: args.cache.clone(),
            future: args.site.future,
            ..BuildOptions::new(args.site.root.clone(), now)
        };
        super::check::build_and_check(&options, &bar)
    });
    bar.clear();
    let report = match result {
        Ok(report) => report,
        Err(e) => return printer.fail(&e),
    };
    printer.diagnostics(&report.build.diagnostics);
    let files = plural(report.build.paths.len(), "file");
    let mut err = std::io::stderr().lock();
    for problem in &report.problems {
        let _ = writeln!(err, "{}: error: {}", problem.file(), problem.kind);
    }
    let passed = if args.allow_broken_articles {
        report.problems.is_empty()
    } else {
        report.passed()
    };
    if passed {
        println!(
            "checked {files} of {} for {}: no problems",
            plural(report.build.articles, "article"),
            report.build.base_url
        );
        return ExitCode::SUCCESS;
    }
    let count = report.problems.len();
    let errors = report
        .build
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    let mut found = Vec::new();
    if count > 0 {
        found.push(format!("{} in {files}", plural(count, "problem")));
    }
    if errors > 0 {
        found.push(format!("{} in the articles", plural(errors, "error")));
    }
    let _ = writeln!(err, "check failed: {}", found.join(", "));
    ExitCode::from(1)
}

pub(super) fn new(args: &NewArgs) -> ExitCode {
    match super::scaffold::scaffold(&args.dir) {
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
        Err(e) => Printer::new(Path::new(".")).fail(&e),
    }
}

pub(super) fn templates(args: &TemplatesArgs) -> ExitCode {
    let printer = Printer::new(&args.root);
    if let Err(e) = crate::config::require_site(&args.root) {
        return printer.fail(&e);
    }
    if !args.eject {
        print!("{}", super::templates::list(&args.root));
        return ExitCode::SUCCESS;
    }
    match super::templates::eject(&args.root, &args.names, args.force) {
        Ok(files) => {
            for file in &files {
                println!("wrote {}", file.display());
            }
            println!(
                "edit the copies to change the site; delete one to go back to the built-in version"
            );
            ExitCode::SUCCESS
        }
        Err(e) => printer.fail(&e),
    }
}
