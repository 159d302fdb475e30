//! Errors and diagnostics.
//!
//! Two kinds of problem exist in a build. A [`Diagnostic`] belongs to one
//! input (an article, a sidecar) and does not stop the build: the rest of the
//! site still renders and the command exits 1 at the end. An [`Error`] is
//! fatal (bad `site.toml`, a broken template, output I/O) and stops the build
//! before the previous output is touched.
//!
//! Both carry a [`Location`] relative to the site root so a message reads as
//! `seeds/foo.md:3:1: error: …`, with "error:" and the position said once.
//! Printing is left to `cli`. The children help write messages that say
//! what is wrong in an author's terms: [`reword`] restates parser messages,
//! [`keys`] finds the key at a position, [`suggest`] offers "did you mean".

pub mod keys;
pub mod reword;
pub mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

/// Where something happened: a file relative to the site root, and a line and
/// column (both 1-based) when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// A location at a line and column of a file.
    pub fn at(path: impl Into<PathBuf>, line: u32, column: u32) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// The location of byte `offset` in `text`, shifted down by `line_offset`
    /// lines (for text that starts part-way into a file, like front matter).
    pub fn from_offset(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        line_offset: u32,
    ) -> Self {
        let (line, column) = line_col(text, offset);
        Location::at(path, line + line_offset, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
/// An offset past the end points just after the last character.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// What the build did that a reader of its summary should know (a
    /// story held back, versions folded): nothing is wrong.
    Note,
    /// Worth telling; the build still succeeds.
    Warning,
    /// The input was skipped; the build exits 1.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A problem with one input that does not stop the rest of the build.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where it happened.
    pub location: Location,
    /// Note, warning or error.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Error,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// A note at `location`: what the build did, nothing wrong.
    pub fn note(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(location, message)
        }
    }

    /// Whether this is only a note.
    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }

    /// The same diagnostic with a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic makes the build exit 1.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A fatal error: the build stops and the previous output stays as it was.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed on `path`.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What we were doing ("read", "create directory", …).
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// `site.toml` or `entities.toml` is missing, malformed or invalid.
    #[error("{}", .0.message)]
    Config(Diagnostic),
    /// A template failed to parse or render, or a site's template file
    /// matches no template briefing renders; located in the template file.
    #[error("{}", .0.message)]
    Template(Diagnostic),
    /// A page's data could not be written as JSON.
    #[error("cannot write {route} as JSON")]
    Json {
        /// The output file being rendered.
        route: String,
        /// serde_json's reason.
        #[source]
        source: serde_json::Error,
    },
    /// The requested output folder would destroy input.
    #[error("refusing to write output to {}: {reason}", path.display())]
    UnsafeOutput {
        /// The output folder asked for.
        path: PathBuf,
        /// Why it is refused.
        reason: &'static str,
    },
    /// `briefing templates --eject` would replace files the site has.
    #[error("refusing to overwrite {}: pass --force to replace them", .0.join(", "))]
    WouldOverwrite(Vec<String>),
    /// `briefing new` was pointed at a folder that already has files.
    #[error("refusing to create a site in {}: the folder is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// `SOURCE_DATE_EPOCH` is set but is not a Unix timestamp.
    #[error("SOURCE_DATE_EPOCH={0:?} is not a Unix timestamp in seconds")]
    SourceDateEpoch(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The error as a diagnostic (file, line, message, help) when it
    /// belongs to a place in an input file: configuration and templates.
    /// Other errors name their path in their message.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            Error::Config(d) | Error::Template(d) => Some(d),
            _ => None,
        }
    }

    /// The message followed by its causes: "cannot read x: permission
    /// denied".
    pub fn with_causes(&self) -> String {
        let mut text = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }
}

/// An error as one message, "error:" and its position said once: what
/// `cli` prints when it cannot show the source line, and what the preview
/// shows in its overlay.
pub fn chain(error: &Error) -> String {
    match error.diagnostic() {
        Some(d) => d.to_string(),
        None => format!("error: {}", error.with_causes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\n“x” y";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        let y = text.find('y').unwrap_or_default();
        assert_eq!(line_col(text, y), (2, 5));
        assert_eq!(line_col(text, 10_000), (2, 6));
    }

    #[test]
    fn location_display_omits_unknown_parts() {
        assert_eq!(Location::file("a.md").to_string(), "a.md");
        assert_eq!(Location::at("a.md", 3, 7).to_string(), "a.md:3:7");
        let shifted = Location::from_offset("a.md", "x\ny", 2, 1);
        assert_eq!(shifted.to_string(), "a.md:3:1");
    }

    #[test]
    fn diagnostic_display_has_path_severity_message_and_help() {
        let d = Diagnostic::error(Location::at("seeds/a.md", 2, 1), "unknown field `titel`")
            .with_help("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "seeds/a.md:2:1: error: unknown field `titel`\n  help: did you mean `title`?"
        );
        assert!(d.is_error());
        assert!(!Diagnostic::warning(Location::file("x"), "w").is_error());
    }

    #[test]
    fn a_fatal_error_says_error_and_its_position_once() {
        let config = Error::Config(
            Diagnostic::error(Location::at("site.toml", 42, 1), "unknown key `titel`")
                .with_help("did you mean `title`?"),
        );
        assert_eq!(
            chain(&config),
            "site.toml:42:1: error: unknown key `titel`\n  help: did you mean `title`?"
        );
        let io = Error::io(
            "read",
            Path::new("seeds/a.txt"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(
            chain(&io),
            "error: cannot read seeds/a.txt: permission denied"
        );
        for e in [config, io] {
            assert_eq!(chain(&e).matches("error:").count(), 1, "{}", chain(&e));
        }
    }
}
