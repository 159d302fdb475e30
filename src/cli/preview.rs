//! `serve` and `watch`: the commands that rebuild on every change.

use std::io::Write;
use std::process::ExitCode;

use super::{ServeArgs, WatchArgs, build_instant, fail, print_diagnostics, print_list};
use crate::error::{Error, chain};
use crate::incremental::{Rebuild, Session};
use crate::pipeline::BuildOptions;
use crate::serve::{self, ServeEvent, ServeOptions};
use crate::watch::{self, Outcome, Watcher};

pub(super) fn serve(args: &ServeArgs) -> ExitCode {
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
        root: args.site.root.clone(),
        bind: args.bind,
        port: args.port,
        output: args.output.clone(),
        drafts: args.site.drafts,
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

pub(super) fn watch(args: &WatchArgs) -> ExitCode {
    let now = match build_instant() {
        Ok(now) => now,
        Err(e) => return fail(&e),
    };
    let root = match crate::fs::canonicalize(&args.site.root) {
        Ok(root) => root,
        Err(e) => return fail(&e),
    };
    let options = BuildOptions {
        output: args.target.output.clone(),
        base_url: args.target.base_url.clone(),
        drafts: args.site.drafts,
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
