//! Printing for every command: diagnostics one per line on stderr, and a
//! fatal error with its cause chain, once.

use std::io::Write;
use std::process::ExitCode;

use crate::error::{Diagnostic, Error, chain};
use crate::pipeline::BuildReport;

/// Prints diagnostics, one per line, on stderr.
pub(super) fn print_list(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// Prints a build's diagnostics and how many articles could not be built.
pub(super) fn print_diagnostics(report: &BuildReport) {
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

/// Prints what the build did that is worth knowing (stories held back,
/// versions folded, undated stories dated by modification time), one per
/// line, on stdout.
pub(super) fn print_notes(notes: &[Diagnostic]) {
    let mut out = std::io::stdout().lock();
    for n in notes {
        let _ = writeln!(out, "{n}");
    }
}

/// Prints a fatal error with its cause chain, once, and returns exit 1.
pub(super) fn fail(e: &Error) -> ExitCode {
    eprintln!("{}", chain(e));
    ExitCode::from(1)
}
