//! `--github`: a build's problems and summary in the forms GitHub Actions
//! shows: workflow commands (`::error file=…,line=…::…`) that annotate a
//! file and line, and Markdown for the job summary (`$GITHUB_STEP_SUMMARY`).
//!
//! Pure but for [`append_summary`], which appends to the file the runner
//! names. Paths are made relative to the repository by joining the site
//! root (`--root`) in front of the site-relative path.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::error::{Diagnostic, Error, Severity};
use crate::pipeline::BuildReport;

/// What the job summary says besides the report itself.
pub(super) struct SummaryExtras<'a> {
    /// "N new since T" or "nothing new to publish since T", when asked.
    pub new_since: Option<&'a str>,
}

/// One workflow command per problem: `::error` for a story left out,
/// `::warning` for a warning; notes are left to the summary.
pub(super) fn annotations(root: &Path, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics.iter().filter(|d| !d.is_note()) {
        let kind = match d.severity {
            Severity::Error => "error",
            _ => "warning",
        };
        let mut props = format!("file={}", property(&repo_path(root, &d.location.path)));
        if let Some(line) = d.location.line {
            let _ = write!(props, ",line={line}");
            if let Some(column) = d.location.column {
                let _ = write!(props, ",col={column}");
            }
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        let _ = writeln!(out, "::{kind} {props}::{}", data(&message));
    }
    out
}

/// The annotation of a fatal error: the build published nothing.
pub(super) fn fatal_annotation(root: &Path, error: &Error) -> String {
    let location = error.diagnostic().map(|d| &d.location);
    let props = location
        .map(|l| {
            let mut p = format!(" file={}", property(&repo_path(root, &l.path)));
            if let Some(line) = l.line {
                let _ = write!(p, ",line={line}");
            }
            p
        })
        .unwrap_or_default();
    format!("::error{props}::{}\n", data(&error.with_causes()))
}

/// The job summary in Markdown: what was published, what was left out and
/// why, what is held back, folded or dated by modification time.
pub(super) fn summary(report: &BuildReport, extras: &SummaryExtras) -> String {
    let mut out = String::from("## briefing build\n\n");
    let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    let _ = writeln!(
        out,
        "Published {} {}, {} pages.",
        report.articles,
        plural(report.articles, "story", "stories"),
        report.pages
    );
    if let Some(line) = extras.new_since {
        let _ = writeln!(out, "\n{line}");
    }
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "\n### {} {} left out: {} not build\n",
            errors.len(),
            plural(errors.len(), "story", "stories"),
            if errors.len() == 1 {
                "it does"
            } else {
                "they do"
            }
        );
        list(&mut out, &errors);
    }
    let warnings: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    if !warnings.is_empty() {
        out.push_str("\n### Warnings\n\n");
        list(&mut out, &warnings);
    }
    if !report.notes.is_empty() {
        out.push_str("\n### Notes\n\n");
        list(&mut out, &report.notes.iter().collect::<Vec<_>>());
    }
    out
}

/// Appends `markdown` to the file `$GITHUB_STEP_SUMMARY` names, if any.
pub(super) fn append_summary(markdown: &str) -> Result<(), Error> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return Ok(());
    };
    crate::fs::append(Path::new(&path), markdown.as_bytes())
}

fn list(out: &mut String, diagnostics: &[&Diagnostic]) {
    for d in diagnostics {
        let _ = writeln!(out, "- `{}`: {}", d.location, markdown_text(&d.message));
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `path` under the site root `root`, as the repository names it.
fn repo_path(root: &Path, path: &Path) -> String {
    let joined: PathBuf = root
        .components()
        .chain(path.components())
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    joined.to_string_lossy().replace('\\', "/")
}

/// A workflow command's message: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Text for a Markdown list item: no line breaks, no HTML.
fn markdown_text(text: &str) -> String {
    text.replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn problems_annotate_their_file_and_line_under_the_site_root() {
        let diagnostics = vec![
            Diagnostic::error(Location::at("seeds/a.md", 3, 5), "unknown key `x`, 100%")
                .with_help("remove it"),
            Diagnostic::warning(Location::file("seeds/b,c.txt"), "exact duplicate"),
            Diagnostic::note(Location::file("seeds/d.txt"), "held back"),
        ];
        let text = annotations(Path::new("./site"), &diagnostics);
        assert_eq!(
            text,
            "::error file=site/seeds/a.md,line=3,col=5::unknown key `x`, 100%25%0Ahelp: remove it\n\
             ::warning file=site/seeds/b%2Cc.txt::exact duplicate\n"
        );
        assert_eq!(
            annotations(Path::new("."), &diagnostics[1..2]),
            "::warning file=seeds/b%2Cc.txt::exact duplicate\n"
        );
    }
}
