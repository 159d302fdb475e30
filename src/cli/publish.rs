//! `build`, `check` and `new`: the commands that publish a site.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs, NewArgs, build_instant};
use super::json_report::JsonReport;
use super::print::{fail, print_diagnostics};
use crate::pipeline::{self, BuildOptions};

pub(super) fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let elapsed_ms = || u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let result = build_instant().and_then(|now| {
        pipeline::build_full(&BuildOptions {
            output: args.target.output.clone(),
            base_url: args.target.base_url.clone(),
            drafts: args.site.drafts,
            cache: args.cache.clone(),
            ..BuildOptions::new(args.site.root.clone(), now)
        })
    });
    // The process ends after printing: freeing every article, page view
    // and table one by one would only delay the exit (by a twentieth of
    // the build at 10,000 articles).
    let result = result.map(|(built, report)| {
        std::mem::forget(built);
        report
    });
    if args.json {
        let json = match &result {
            Ok(report) => {
                let mut json = JsonReport::of_report(report, elapsed_ms());
                json.timings = args.timings.then(|| report.timings.clone());
                json
            }
            Err(e) => JsonReport::of_error(e, elapsed_ms()),
        };
        println!("{}", json.to_json());
    }
    match result {
        Ok(report) => {
            print_diagnostics(&report);
            if !args.quiet && !args.json {
                println!(
                    "built {} articles, {} pages into {} in {} ms{}",
                    report.articles,
                    report.pages,
                    report.output.display(),
                    started.elapsed().as_millis(),
                    report.cache.as_ref().map_or(String::new(), |c| format!(
                        " (cache: {} articles reused, {} read)",
                        c.reused, c.parsed
                    )),
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
        Err(e) => fail(&e),
    }
}

pub(super) fn check(args: &CheckArgs) -> ExitCode {
    let result = build_instant().and_then(|now| {
        super::check::build_and_check(&BuildOptions {
            base_url: args.base_url.clone(),
            drafts: args.site.drafts,
            cache: args.cache.clone(),
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
