//! Diagnostics for people at a terminal: the message, the offending source
//! line with a caret under the fault, and the help, coloured unless
//! `NO_COLOR` is set. The only `annotate-snippets` user.
//!
//! When stderr is not a terminal (a CI log, a pipe, the tests) diagnostics
//! keep their plain one-line form, `path:line:col: error: message`, which
//! editors and scripts can read.

use std::io::IsTerminal;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::error::{Diagnostic, Severity};

/// How diagnostics are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// `path:line:col: error: message`, then `  help: …`.
    Plain,
    /// The message, the source line and a caret, then the help.
    Annotated {
        /// With ANSI colours.
        colour: bool,
    },
}

impl Form {
    /// The form for stderr: annotated at a terminal (coloured unless
    /// `NO_COLOR` is set to something), plain otherwise.
    pub(super) fn for_stderr() -> Form {
        if !std::io::stderr().is_terminal() {
            return Form::Plain;
        }
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Form::Annotated { colour: !no_colour }
    }
}

/// `d` as text in `form`; `line` is the text of the line it points at,
/// when it could be read.
pub(super) fn render(d: &Diagnostic, line: Option<&str>, form: Form) -> String {
    let Form::Annotated { colour } = form else {
        return d.to_string();
    };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let path = d.location.path.display().to_string();
    let title = level.primary_title(d.message.as_str());
    let group = match (d.location.line, line) {
        (Some(number), Some(text)) => {
            let span = fault_span(text, d.location.column);
            title.element(
                Snippet::source(text)
                    .line_start(number as usize)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        _ => title.element(origin(&path, d)),
    };
    let group = match &d.help {
        Some(help) => group.element(Level::HELP.message(help.as_str())),
        None => group,
    };
    renderer(colour).render(&[group])
}

/// A message that belongs to no place ("error: cannot read …"), in `form`.
pub(super) fn render_unplaced(message: &str, form: Form) -> String {
    match form {
        Form::Plain => format!("error: {message}"),
        Form::Annotated { colour } => {
            let report = [Group::with_title(Level::ERROR.primary_title(message))];
            renderer(colour).render(&report)
        }
    }
}

fn renderer(colour: bool) -> Renderer {
    if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// The file and position, for a diagnostic whose line cannot be shown.
fn origin<'a>(path: &'a str, d: &Diagnostic) -> annotate_snippets::Origin<'a> {
    let mut origin = annotate_snippets::Origin::path(path);
    if let Some(line) = d.location.line {
        origin = origin.line(line as usize);
        if let Some(column) = d.location.column {
            origin = origin.char_column(column as usize);
        }
    }
    origin
}

/// The bytes of `line` to underline: the word (or single character) at
/// 1-based character `column`, or the whole line when there is none.
fn fault_span(line: &str, column: Option<u32>) -> Range<usize> {
    let Some(column) = column else {
        let start = line.len() - line.trim_start().len();
        return start..line.trim_end().len().max(start);
    };
    let start = line
        .char_indices()
        .nth((column as usize).saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let word = |c: char| c.is_alphanumeric() || "_-.".contains(c);
    let rest = &line[start..];
    let length = match rest.chars().next() {
        Some(first) if word(first) => rest.find(|c: char| !word(c)).unwrap_or(rest.len()),
        Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |end| end + 2),
        Some(first) => first.len_utf8(),
        None => 0,
    };
    start..start + length
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn tgas() -> Diagnostic {
        Diagnostic::error(Location::at("seeds/a.md", 4, 1), "unknown key `tgas`")
            .with_help("did you mean `tags`?")
    }

    #[test]
    fn plain_is_the_one_line_form() {
        let d = tgas();
        assert_eq!(render(&d, Some("tgas: [a]"), Form::Plain), d.to_string());
    }

    #[test]
    fn annotated_shows_the_line_and_a_caret_under_the_fault() {
        let text = render(
            &tgas(),
            Some("tgas: [a]"),
            Form::Annotated { colour: false },
        );
        assert_eq!(
            text,
            "error: unknown key `tgas`\n --> seeds/a.md:4:1\n  |\n4 | tgas: [a]\n  | ^^^^\n  |\n  = help: did you mean `tags`?"
        );
        assert_eq!(text.matches("error").count(), 1, "{text}");
    }

    #[test]
    fn colour_is_added_only_when_asked() {
        let coloured = render(&tgas(), Some("tgas: [a]"), Form::Annotated { colour: true });
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        let plain = render(
            &tgas(),
            Some("tgas: [a]"),
            Form::Annotated { colour: false },
        );
        assert!(!plain.contains('\u{1b}'));
        let stripped: String = strip_ansi(&coloured);
        assert_eq!(stripped, plain);
    }

    #[test]
    fn without_the_line_the_position_is_still_given() {
        let text = render(&tgas(), None, Form::Annotated { colour: false });
        assert!(text.contains("seeds/a.md:4:1"), "{text}");
        assert_eq!(render_unplaced("x", Form::Plain), "error: x");
    }

    #[test]
    fn the_fault_is_the_word_at_the_column() {
        assert_eq!(fault_span("{{ x | upcase }}", Some(8)), 7..13);
        assert_eq!(fault_span("a = \"fast\"", Some(5)), 4..10);
        assert_eq!(fault_span("a = [1]", Some(5)), 4..5);
        assert_eq!(fault_span("  key = 1", None), 2..9);
        assert_eq!(fault_span("“x”", Some(2)), 3..4);
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
