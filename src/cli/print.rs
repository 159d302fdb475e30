//! Printing for every command: diagnostics on stderr (annotated at a
//! terminal, one line each otherwise), a fatal error once, and the
//! one-line summary a build ends with.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use super::annotate::{Form, render, render_unplaced};
use crate::error::{Diagnostic, Error, Location};
use crate::render::templates::BUILTIN_TEMPLATES;

/// Prints diagnostics and errors about the site at one root.
pub(super) struct Printer {
    /// The site root, which diagnostic paths are relative to.
    root: PathBuf,
    /// How diagnostics are shown.
    form: Form,
}

impl Printer {
    /// A printer for the site at `root`, in the form stderr calls for.
    pub(super) fn new(root: &Path) -> Printer {
        Printer {
            root: root.to_path_buf(),
            form: Form::for_stderr(),
        }
    }

    /// Prints diagnostics on stderr.
    pub(super) fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut files = Files::default();
        let mut err = std::io::stderr().lock();
        for d in diagnostics {
            let _ = writeln!(err, "{}", self.show(d, &mut files));
        }
    }

    /// A fatal error as text: its diagnostic when it has one, else one
    /// "error:" line.
    pub(super) fn error_text(&self, e: &Error) -> String {
        match e.diagnostic() {
            Some(d) => self.show(d, &mut Files::default()),
            None => render_unplaced(&e.with_causes(), self.form),
        }
    }

    /// Prints a fatal error once and returns exit 1.
    pub(super) fn fail(&self, e: &Error) -> ExitCode {
        eprintln!("{}", self.error_text(e));
        ExitCode::from(1)
    }

    fn show(&self, d: &Diagnostic, files: &mut Files) -> String {
        let line = match self.form {
            Form::Plain => None,
            Form::Annotated { .. } => source_line(&self.root, &d.location, files),
        };
        render(d, line, self.form)
    }
}

/// The texts of the files diagnostics point into, each read once (`None`
/// when it cannot be read).
type Files = HashMap<PathBuf, Option<String>>;

/// The text of the line `location` points at: in the site's file, or in a
/// built-in template.
fn source_line<'a>(root: &Path, location: &Location, files: &'a mut Files) -> Option<&'a str> {
    let index = (location.line? as usize).checked_sub(1)?;
    let text = files.entry(location.path.clone()).or_insert_with(|| {
        let builtin = location
            .path
            .strip_prefix("<built-in>")
            .ok()
            .and_then(|name| {
                let name = name.to_str()?;
                BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name)
            });
        match builtin {
            Some((_, text)) => Some((*text).to_string()),
            None => crate::fs::read_to_string(&root.join(&location.path)).ok(),
        }
    });
    text.as_deref()?.lines().nth(index)
}

/// `count` and `noun`, plural when it is not one: "1 article", "2 articles".
pub(super) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A duration as people read it: "90 ms", "1.2 s".
pub(super) fn duration(elapsed: Duration) -> String {
    let ms = elapsed.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", elapsed.as_secs_f64())
    }
}

/// A folder as the user would type it: no leading `./`, a trailing `/`.
pub(super) fn folder(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    let text = path.display().to_string();
    if text.is_empty() {
        "./".to_string()
    } else if text.ends_with('/') {
        text
    } else {
        format!("{text}/")
    }
}

/// The line a build ends with: "built 120 articles into public/ in 1.2 s;
/// 2 warnings, 1 error".
pub(super) fn summary(
    articles: usize,
    output: &Path,
    elapsed: Duration,
    diagnostics: &[Diagnostic],
) -> String {
    let mut line = format!(
        "built {} into {} in {}",
        plural(articles, "article"),
        folder(output),
        duration(elapsed)
    );
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut counts = Vec::new();
    if warnings > 0 {
        counts.push(plural(warnings, "warning"));
    }
    if errors > 0 {
        counts.push(plural(errors, "error"));
    }
    if !counts.is_empty() {
        line.push_str("; ");
        line.push_str(&counts.join(", "));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_reads_as_a_sentence() {
        let warning = Diagnostic::warning(Location::file("static/x"), "w");
        let error = Diagnostic::error(Location::file("seeds/a.md"), "e");
        assert_eq!(
            summary(1, Path::new("./public"), Duration::from_millis(90), &[]),
            "built 1 article into public/ in 90 ms"
        );
        assert_eq!(
            summary(
                120,
                Path::new("public"),
                Duration::from_millis(1234),
                &[warning.clone(), warning, error]
            ),
            "built 120 articles into public/ in 1.2 s; 2 warnings, 1 error"
        );
        assert_eq!(folder(Path::new("/tmp/out/")), "/tmp/out/");
        assert_eq!(folder(Path::new(".")), "./");
    }

    #[test]
    fn the_source_line_comes_from_the_site_or_the_built_in_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "a = 1\ntitel = 2\n").unwrap();
        let files = &mut Files::default();
        let line = source_line(dir.path(), &Location::at("site.toml", 2, 1), files);
        assert_eq!(line, Some("titel = 2"));
        let builtin = source_line(
            dir.path(),
            &Location::at("<built-in>/404.html", 1, 1),
            files,
        );
        assert!(builtin.is_some());
        assert_eq!(
            source_line(dir.path(), &Location::file("site.toml"), files),
            None
        );
        let gone = source_line(dir.path(), &Location::at("nope.md", 1, 1), files);
        assert_eq!(gone, None);
    }
}
