//! `serve` and `watch`: the commands that rebuild on every change.

use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};

use super::args::{ServeArgs, WatchArgs, build_instant};
use super::print::{Printer, plural};
use crate::error::Error;
use crate::incremental::rebuild_loop::{self, Message, Outcome};
use crate::incremental::{LiveBuild, Rebuild};
use crate::pipeline::BuildOptions;
use crate::serve::{self, Preview, ServeOptions};
use crate::watch::{WatchMessage, Watcher};

pub(super) fn serve(args: &ServeArgs) -> ExitCode {
    let printer = Printer::new(&args.site.root);
    let now = match build_instant() {
        Ok(now) => now,
        Err(e) => return printer.fail(&e),
    };
    if serve::guard::is_public(args.bind) {
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
        force: args.force,
        drafts: args.site.drafts,
        future: args.site.future,
        now,
    };
    let (sender, messages) = mpsc::channel();
    let quit = sender.clone();
    let on_stop = move || {
        let _ = quit.send(Message::Quit);
    };
    let (preview, mut live, first) = match Preview::start(&options, on_stop) {
        Ok(started) => started,
        Err(e) => return printer.fail(&e),
    };
    let open = args.open;
    let ready = || {
        printer.diagnostics(&first.diagnostics);
        println!(
            "serving {} at {} (Ctrl-C to stop)",
            plural(first.articles, "article"),
            preview.url
        );
        if open {
            open_browser(&preview.url);
        }
    };
    let result = follow(&mut live, (sender, &messages), ready, &mut |outcome| {
        print_outcome(&printer, &outcome);
        preview.show(&outcome);
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => printer.fail(&e),
    }
}

pub(super) fn watch(args: &WatchArgs) -> ExitCode {
    let printer = Printer::new(&args.site.root);
    let now = match build_instant() {
        Ok(now) => now,
        Err(e) => return printer.fail(&e),
    };
    let root = match crate::fs::canonicalize(&args.site.root) {
        Ok(root) => root,
        Err(e) => return printer.fail(&e),
    };
    let options = BuildOptions {
        output: args.target.output.clone(),
        base_url: args.target.base_url.clone(),
        drafts: args.site.drafts,
        force: args.target.force,
        future: args.site.future,
        ..BuildOptions::new(root, now)
    };
    let (mut live, report) = match LiveBuild::start(options) {
        Ok(started) => started,
        Err(e) => return printer.fail(&e),
    };
    let (sender, messages) = mpsc::channel();
    let ready = || {
        printer.diagnostics(&report.diagnostics);
        println!(
            "built {} into {}; watching for changes (Ctrl-C to stop)",
            plural(report.articles, "article"),
            super::print::folder(&report.output)
        );
    };
    match follow(&mut live, (sender, &messages), ready, &mut |o| {
        print_outcome(&printer, &o)
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => printer.fail(&e),
    }
}

/// The one wiring of watcher, channel and rebuild loop that `serve` and
/// `watch` share: starts watching the site of `live` (its events go into
/// `channel`), calls `ready` once changes are being watched, then runs the
/// rebuild loop until Ctrl-C or the watcher stops.
fn follow(
    live: &mut LiveBuild,
    channel: (Sender<WatchMessage>, &Receiver<WatchMessage>),
    ready: impl FnOnce(),
    report: &mut dyn FnMut(Outcome<'_>),
) -> Result<(), Error> {
    let (sender, messages) = channel;
    let mut watcher = Watcher::start(live.root(), sender)?;
    ready();
    rebuild_loop::run(live, &mut watcher, messages, report);
    Ok(())
}

/// Prints what a rebuild did or why it failed; previews are silent.
fn print_outcome(printer: &Printer, outcome: &Outcome<'_>) {
    match outcome {
        Outcome::Preview(_) => {}
        Outcome::Rebuilt(rebuild) => print_rebuild(printer, rebuild),
        Outcome::Failed(e) => {
            eprintln!("{}\nthe last good build is kept", printer.error_text(e));
        }
    }
}

fn print_rebuild(printer: &Printer, rebuild: &Rebuild) {
    printer.diagnostics(&rebuild.diagnostics);
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
