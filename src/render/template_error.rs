//! Tera's errors restated: one diagnostic naming the template file, line
//! and column, what is unknown (a filter, test, function, tag, template,
//! field or variable) and the closest name that exists.
//!
//! Tera reports some problems as structured errors and others (unknown
//! filters, tests, functions and included templates, found when the
//! templates are checked together) as text it has already laid out with
//! its own "error:" and source excerpt; [`restate`] reads both, so a
//! message says "error:" and its position once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::suggest::did_you_mean;
use crate::error::{Diagnostic, Error, Location};

/// Tera's built-in filters (tera 2.4; a test checks each one is known).
pub(super) const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
];

/// Tera's built-in tests (`{% if x is defined %}`).
pub(super) const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];

/// Tera's built-in functions.
pub(super) const FUNCTIONS: &[&str] = &["range", "throw"];

/// The words that may open a `{% … %}` tag.
pub(super) const TAGS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "break",
    "continue",
    "set",
    "set_global",
    "include",
    "extends",
    "block",
    "endblock",
    "filter",
    "endfilter",
    "component",
    "endcomponent",
    "raw",
    "endraw",
];

/// Filters of Liquid (Jekyll) and Go templates (Hugo) and their tera
/// equivalents, for suggestions a spelling distance would miss.
const FILTER_SYNONYMS: &[(&str, &str)] = &[
    ("upcase", "upper"),
    ("downcase", "lower"),
    ("size", "length"),
    ("count", "length"),
    ("len", "length"),
    ("strip", "trim"),
    ("lstrip", "trim_start"),
    ("rstrip", "trim_end"),
    ("capitalise", "capitalize"),
    ("titlecase", "title"),
    ("newline_to_br", "newlines_to_br"),
    ("xml_escape", "escape_xml"),
    ("uniq", "unique"),
];

/// The templates of one set, by name: where each came from and its text.
pub(super) type Sources = BTreeMap<String, (PathBuf, String)>;

/// A tera error as an [`Error::Template`] located in the template file.
/// `rendering` is the template being rendered, for errors tera does not
/// locate.
pub(super) fn restate(sources: &Sources, e: &tera::Error, rendering: Option<&str>) -> Error {
    let in_file = |name: &str, line: Option<usize>, column: Option<usize>| {
        let path = sources.get(name).map_or_else(
            || PathBuf::from("templates").join(name),
            |(path, _)| path.clone(),
        );
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Location {
            path,
            line: line.map(to_u32),
            column: column.map(to_u32),
        }
    };
    let names = || sources.keys().map(String::as_str);
    let diagnostic = match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let source = sources
                .get(report.filename())
                .map(|(_, text)| text.as_str());
            let at = |range| source.and_then(|s| s.get(range)).unwrap_or_default();
            let code = Code {
                text: at(span.range.clone()),
                before: at(0..span.range.start),
            };
            let location = in_file(
                report.filename(),
                Some(span.start_line),
                Some(span.start_col + 1),
            );
            said(location, report.message(), code, sources)
        }
        tera::ErrorKind::Msg(text) => match laid_out(text) {
            Some((message, name, line, column)) => {
                let code = Code::default();
                said(
                    in_file(&name, Some(line), Some(column)),
                    &message,
                    code,
                    sources,
                )
            }
            None => Diagnostic::error(in_file(rendering.unwrap_or_default(), None, None), text),
        },
        tera::ErrorKind::MissingParent { current, parent } => {
            let line = line_of(sources, current, "extends");
            let d = Diagnostic::error(
                in_file(current, line, None),
                format!("`{current}` extends `{parent}`, which does not exist"),
            );
            with_help(d, did_you_mean(parent, names()))
        }
        tera::ErrorKind::CircularExtend { tpl, .. }
        | tera::ErrorKind::CircularInclude { tpl, .. } => {
            Diagnostic::error(in_file(tpl, None, None), lower_first(&e.to_string()))
        }
        tera::ErrorKind::TemplateNotFound(name) => with_help(
            Diagnostic::error(
                in_file(rendering.unwrap_or(name), None, None),
                format!("no template named `{name}`"),
            ),
            did_you_mean(name, names()),
        ),
        _ => Diagnostic::error(
            in_file(rendering.unwrap_or_default(), None, None),
            lower_first(&e.to_string()),
        ),
    };
    Error::Template(diagnostic)
}

/// The template code an error points at, and what comes before it.
#[derive(Default, Clone, Copy)]
struct Code<'a> {
    text: &'a str,
    before: &'a str,
}

impl Code<'_> {
    /// The expression `name` is a field of, as in `site` for `site.titel`.
    fn owner_of(&self, name: &str) -> Option<&str> {
        let before = match self.text.trim().strip_suffix(name) {
            Some(head) if !head.is_empty() => head,
            _ => self.before,
        };
        let before = before.strip_suffix('.')?;
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| i + 1);
        let owner = &before[start..];
        (!owner.is_empty()).then_some(owner)
    }
}

/// Tera's message about `code` at `location`, restated.
fn said(location: Location, message: &str, code: Code<'_>, sources: &Sources) -> Diagnostic {
    let quoted = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?;
        let (name, rest) = rest.split_once('`')?;
        Some((name.to_string(), rest.to_string()))
    };
    let names = || sources.keys().map(String::as_str);
    let listed = |rest: &str, label: &str| -> Vec<String> {
        rest.split_once(label)
            .map(|(_, list)| list.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let (message, help) = if let Some((name, _)) = quoted("Unknown filter `") {
        let synonym = FILTER_SYNONYMS
            .iter()
            .find(|(theirs, _)| *theirs == name)
            .map(|(_, ours)| format!("did you mean `{ours}`?"));
        let help = synonym.or_else(|| did_you_mean(&name, FILTERS.iter().copied()));
        (format!("unknown filter `{name}`"), help)
    } else if let Some((name, _)) = quoted("Unknown test `") {
        let help = did_you_mean(&name, TESTS.iter().copied());
        (format!("unknown test `{name}`"), help)
    } else if let Some((name, _)) = quoted("Unknown function `") {
        let help = did_you_mean(&name, FUNCTIONS.iter().copied());
        (format!("unknown function `{name}`"), help)
    } else if let Some((name, _)) = quoted("Unknown template `") {
        let help = did_you_mean(&name, names());
        (format!("no template named `{name}`"), help)
    } else if let Some((name, rest)) = quoted("Field `") {
        let fields = listed(&rest, "Available fields:");
        let message = match code.owner_of(&name) {
            Some(owner) => format!("`{owner}` has no field `{name}`"),
            None => format!("unknown field `{name}`"),
        };
        (message, suggest_from(&name, &fields, "fields"))
    } else if let Some((name, rest)) = quoted("Variable `") {
        let variables = listed(&rest, "Available variables:");
        let message = if rest.contains("exists but") {
            format!("variable `{name}` is undefined here")
        } else {
            format!("unknown variable `{name}`")
        };
        (message, suggest_from(&name, &variables, "variables"))
    } else if message == "Unknown tag" {
        let word = code.text.split_whitespace().next().unwrap_or(code.text);
        let help = did_you_mean(word, TAGS.iter().copied());
        (format!("unknown tag `{word}`"), help)
    } else {
        (lower_first(message), None)
    };
    with_help(Diagnostic::error(location, message), help)
}

/// "did you mean …" when a name in `known` is close; else the list.
fn suggest_from(name: &str, known: &[String], what: &str) -> Option<String> {
    did_you_mean(name, known.iter().map(String::as_str)).or_else(|| {
        (!known.is_empty()).then(|| format!("the {what} here are {}", known.join(", ")))
    })
}

fn with_help(d: Diagnostic, help: Option<String>) -> Diagnostic {
    match help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// Tera's laid-out report: "error: MESSAGE" then " --> NAME:LINE:COL"; the
/// first of several. `None` for a plain message.
fn laid_out(text: &str) -> Option<(String, String, usize, usize)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?.to_string();
    let locus = lines.next()?.trim().strip_prefix("--> ")?;
    let (rest, column) = locus.rsplit_once(':')?;
    let (name, line) = rest.rsplit_once(':')?;
    Some((
        message,
        name.to_string(),
        line.parse().ok()?,
        column.parse().ok()?,
    ))
}

/// The first line of template `name` containing `word`.
fn line_of(sources: &Sources, name: &str, word: &str) -> Option<usize> {
    let (_, text) = sources.get(name)?;
    text.lines().position(|l| l.contains(word)).map(|i| i + 1)
}

/// Tera's messages start with a capital; ours, after "error:", do not.
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if !chars.as_str().starts_with(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}

/// The path a site's template has, for a built-in's name.
pub(super) fn builtin_origin(name: &str) -> PathBuf {
    Path::new("<built-in>").join(name)
}
