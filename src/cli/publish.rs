//! `build`, `check` and `new`: the commands that publish a site.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs, NewArgs, build_instant};
use super::github;
use super::json_report::JsonReport;
use super::print::{fail, print_diagnostics, print_notes};
use crate::digest::Digest;
use crate::pipeline::{self, BuildOptions};
use jiff::Timestamp;

pub(super) fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let elapsed_ms = || u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let result = build_instant().and_then(|now| {
        pipeline::build_full(&BuildOptions {
            output: args.target.output.clone(),
            base_url: args.target.base_url.clone(),
            drafts: args.site.drafts,
            future: args.site.future,
            ..BuildOptions::new(args.site.root.clone(), now)
        })
    });
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
                print!(
                    "{}",
                    github::annotations(&args.site.root, &report.diagnostics)
                );
                if let Some(line) = fresh.as_deref().filter(|l| l.starts_with("nothing new")) {
                    println!("::notice::{line}");
                }
                let extras = github::SummaryExtras {
                    new_since: fresh.as_deref(),
                };
                if let Err(e) = github::append_summary(&github::summary(&report, &extras)) {
                    eprintln!("{}", crate::error::chain(&e));
                }
            }
            print_diagnostics(&report);
            if !args.quiet && !args.json {
                print_notes(&report.notes);
                if let Some(line) = &fresh {
                    println!("{line}");
                }
                println!(
                    "built {} articles, {} pages into {} in {} ms",
                    report.articles,
                    report.pages,
                    report.output.display(),
                    started.elapsed().as_millis()
                );
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
            fail(&e)
        }
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
    let result = build_instant().and_then(|now| {
        super::check::build_and_check(&BuildOptions {
            base_url: args.base_url.clone(),
            drafts: args.site.drafts,
            future: args.site.future,
            ..BuildOptions::new(args.site.root.clone(), now)
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
        let _ = writeln!(err, "{}: error: {}", problem.file(), problem.kind);
    }
    let passed = if args.allow_broken_articles {
        report.problems.is_empty()
    } else {
        report.passed()
    };
    if passed {
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
        Err(e) => fail(&e),
    }
}
