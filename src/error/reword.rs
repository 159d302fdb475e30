//! Parser messages restated in an author's terms.
//!
//! serde, `toml` and serde-saphyr speak of fields, variants and `u32`; an
//! author wrote keys and values. [`restate`] turns "invalid type: string
//! \"fast\", expected u32" about `digest.words_per_minute` into
//! "`digest.words_per_minute` must be a whole number of 0 or more, not
//! \"fast\"", and "unknown field `tgas`, expected one of …" into "unknown
//! key `tgas`" with "did you mean `tags`?". [`toml_error`] and
//! [`yaml_error`] do that for a whole file, finding the key at the
//! parser's position. Strings in, strings out: the parsers stay in their
//! home modules.

use std::ops::Range;
use std::path::Path;

use super::keys::{toml_key_at, yaml_key_at, yaml_value_at};
use super::suggest::{did_you_mean, one_of};
use super::{Diagnostic, Location};

/// A parser's message restated: what is wrong, and how to fix it when
/// there is something useful to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restated {
    /// One sentence naming the key and the value at fault.
    pub message: String,
    /// A suggestion, e.g. "did you mean `tags`?".
    pub help: Option<String>,
}

/// Names other tools give the keys briefing knows, for suggestions a
/// spelling distance would miss: (their word, ours).
pub const SYNONYMS: &[(&str, &str)] = &[
    ("categories", "tags"),
    ("category", "tags"),
    ("keywords", "tags"),
    ("excerpt", "summary"),
    ("description", "summary"),
    ("permalink", "slug"),
    ("url", "slug"),
    ("publishdate", "date"),
    ("pubdate", "date"),
    ("published", "date"),
    ("authors", "author"),
    ("link", "source_url"),
    ("baseurl", "base_url"),
    ("domain", "cname"),
];

/// Restates `raw`, a parser's message about the value of `key` (a dotted
/// path, when known); `value` is the value as written, for messages that
/// do not quote it (YAML's "invalid u32").
pub fn restate(raw: &str, key: Option<&str>, value: Option<&str>) -> Restated {
    let raw = without_position(raw.trim());
    let subject = key.map_or_else(|| "this value".to_string(), |k| format!("`{k}`"));
    let given = value.map_or_else(String::new, |v| format!(", not {v}"));
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        return unknown_key(rest, key);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        return unknown_variant(rest, &subject);
    }
    if let Some(rest) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
        && let Some((unexpected, expected)) = rest.rsplit_once(", expected ")
    {
        let message = format!(
            "{subject} must be {}, not {}",
            kind(expected),
            given_as(unexpected)
        );
        return plain(message);
    }
    if let Some(name) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return plain(format!("`{name}` is required"));
    }
    if raw == "duplicate key"
        || raw.starts_with("duplicate mapping key")
        || raw.starts_with("duplicate field")
    {
        let name = raw
            .strip_prefix("duplicate mapping key: ")
            .and_then(|r| r.split(',').next())
            .map(|n| format!("`{n}`"));
        let what = key.map(|_| subject.clone()).or(name);
        let what = what.unwrap_or_else(|| "a key".to_string());
        return Restated {
            message: format!("{what} is set more than once"),
            help: Some("keep one of them".to_string()),
        };
    }
    if let Some(expected) = yaml_expected(raw) {
        return plain(format!("{subject} must be {expected}{given}"));
    }
    plain(raw.to_string())
}

/// A TOML parser's error as a diagnostic at its position in `text` (a
/// block starting `line_offset` lines into the file at `path`).
pub fn toml_error(
    path: &Path,
    text: &str,
    message: &str,
    span: Option<Range<usize>>,
    line_offset: u32,
) -> Diagnostic {
    let (location, key) = match span {
        Some(span) => (
            Location::from_offset(path, text, span.start, line_offset),
            toml_key_at(text, span.start),
        ),
        None => (Location::file(path), None),
    };
    let Restated { message, help } = restate(message, key.as_deref(), None);
    let diagnostic = Diagnostic::error(location, message);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// A YAML parser's error as a diagnostic: `at` is its 1-based line and
/// column in `text`, which starts `line_offset` lines into the file.
pub fn yaml_error(
    path: &Path,
    text: &str,
    message: &str,
    at: Option<(u32, u32)>,
    line_offset: u32,
) -> Diagnostic {
    let (location, key, value) = match at {
        Some((line, column)) => {
            let (l, c) = (line as usize, column as usize);
            (
                Location::at(path, line.saturating_add(line_offset), column),
                yaml_key_at(text, l),
                yaml_value_at(text, l, c),
            )
        }
        None => (Location::file(path), None, None),
    };
    let Restated { message, help } = restate(message, key.as_deref(), value);
    let diagnostic = Diagnostic::error(location, message);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

fn plain(message: String) -> Restated {
    Restated {
        message,
        help: None,
    }
}

/// `NAME`, expected one of `a`, `b` → "unknown key" with a suggestion.
fn unknown_key(rest: &str, key: Option<&str>) -> Restated {
    let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let known = expected_names(expected);
    let shown = key.filter(|k| k.ends_with(name)).unwrap_or(name);
    let synonym = SYNONYMS
        .iter()
        .find(|(theirs, ours)| *theirs == name.to_lowercase() && known.contains(ours))
        .map(|(_, ours)| format!("did you mean `{ours}`?"));
    let help = synonym
        .or_else(|| did_you_mean(name, known.iter().copied()))
        .or_else(|| (!known.is_empty()).then(|| format!("use {}", one_of(&known))));
    Restated {
        message: format!("unknown key `{shown}`"),
        help,
    }
}

/// `NAME`, expected `a` or `b` → "must be "a" or "b", not "NAME"".
fn unknown_variant(rest: &str, subject: &str) -> Restated {
    let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let known = expected_names(expected);
    let quoted: Vec<String> = known.iter().map(|k| format!("{k:?}")).collect();
    let choices = match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, others)) => format!("{} or {last}", others.join(", ")),
        None => "something else".to_string(),
    };
    Restated {
        message: format!("{subject} must be {choices}, not {name:?}"),
        help: did_you_mean(name, known.iter().copied()),
    }
}

/// The names after "expected" in serde's and serde-saphyr's lists:
/// "one of `a`, `b`", "`a` or `b`", "one of a, b", "`a`".
fn expected_names(text: &str) -> Vec<&str> {
    let text = text.trim_start_matches(',').trim();
    let text = text.strip_prefix("expected").unwrap_or(text).trim();
    let text = text.strip_prefix("one of").unwrap_or(text);
    if text.contains("there are no") {
        return Vec::new();
    }
    text.split([',', ' '])
        .map(|w| w.trim().trim_matches('`'))
        .filter(|w| !w.is_empty() && *w != "or")
        .collect()
}

/// What serde expected, in an author's words.
fn kind(expected: &str) -> String {
    let expected = expected.trim();
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" | "boolean" | "bool" => "true or false",
        "a string" => "text in quotes",
        "a sequence" => "a list",
        "a map" => "a table",
        other if other.starts_with("struct ") => "a table",
        other => other,
    }
    .to_string()
}

/// serde's description of a value it did not expect, as the value.
fn given_as(unexpected: &str) -> String {
    let unexpected = unexpected.trim();
    for prefix in [
        "integer ",
        "floating point ",
        "boolean ",
        "character ",
        "string ",
    ] {
        if let Some(value) = unexpected.strip_prefix(prefix) {
            return value.trim_matches('`').to_string();
        }
    }
    match unexpected {
        "sequence" => "a list",
        "map" => "a table",
        "unit value" => "nothing",
        other => other,
    }
    .to_string()
}

/// serde-saphyr's messages for a scalar or block of the wrong kind.
fn yaml_expected(raw: &str) -> Option<String> {
    let expected = match raw {
        "expected sequence start" => "a list".to_string(),
        "expected mapping start" => "a table".to_string(),
        "expected string scalar" => "text".to_string(),
        _ => {
            let type_name = raw.strip_prefix("invalid ")?;
            if type_name.contains(' ') {
                return None;
            }
            kind(type_name)
        }
    };
    Some(expected)
}

/// `message` without serde-saphyr's own `line N column M: ` before it or
/// ` at line N, column M` after it: the diagnostic carries the file's
/// position.
pub(crate) fn without_position(message: &str) -> &str {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut message = message.trim_start_matches("error:").trim();
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((line, rest)) = rest.split_once(" column ")
        && let Some((column, rest)) = rest.split_once(": ")
        && digits(line)
        && digits(column)
    {
        message = rest;
    }
    if let Some((head, tail)) = message.rsplit_once(" at line ")
        && let Some((line, column)) = tail.split_once(", column ")
        && digits(line)
        && digits(column)
    {
        message = head;
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(raw: &str, key: Option<&str>) -> (String, Option<String>) {
        let r = restate(raw, key, None);
        (r.message, r.help)
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let raw = "unknown field `tgas`, expected one of `title`, `tags`, `date`";
        assert_eq!(
            said(raw, Some("tgas")),
            (
                "unknown key `tgas`".into(),
                Some("did you mean `tags`?".into())
            )
        );
        let yaml = "line 4 column 1: unknown field `tgas`, expected one of title, tags, date";
        assert_eq!(said(yaml, None).1.as_deref(), Some("did you mean `tags`?"));
        let far = "unknown field `layout`, expected `title` or `date`";
        assert_eq!(
            said(far, Some("layout")).1.as_deref(),
            Some("use `title` or `date`")
        );
        let synonym = "unknown field `categories`, expected one of `title`, `tags`";
        assert_eq!(
            said(synonym, None).1.as_deref(),
            Some("did you mean `tags`?")
        );
        let nested = "unknown field `unsafe`, expected `highlight_theme` or `unsafe_html`";
        assert_eq!(
            said(nested, Some("markdown.unsafe")),
            (
                "unknown key `markdown.unsafe`".into(),
                Some("did you mean `unsafe_html`?".into())
            )
        );
    }

    #[test]
    fn wrong_types_name_the_key_and_the_value_given() {
        let key = Some("digest.words_per_minute");
        assert_eq!(
            said("invalid type: string \"fast\", expected u32", key).0,
            "`digest.words_per_minute` must be a whole number of 0 or more, not \"fast\""
        );
        assert_eq!(
            said("invalid value: integer `-5`, expected u32", key).0,
            "`digest.words_per_minute` must be a whole number of 0 or more, not -5"
        );
        assert_eq!(
            said(
                "invalid type: string \"yes\", expected a boolean",
                Some("draft")
            )
            .0,
            "`draft` must be true or false, not \"yes\""
        );
        assert_eq!(
            said("invalid type: integer `1`, expected a sequence", None).0,
            "this value must be a list, not 1"
        );
        let yaml = restate("line 1 column 6: invalid u32", Some("wpm"), Some("fast"));
        assert_eq!(
            yaml.message,
            "`wpm` must be a whole number of 0 or more, not fast"
        );
    }

    #[test]
    fn variants_duplicates_and_missing_keys_read_as_sentences() {
        assert_eq!(
            said(
                "unknown variant `sumary`, expected `full` or `summary`",
                Some("feeds.content")
            ),
            (
                "`feeds.content` must be \"full\" or \"summary\", not \"sumary\"".into(),
                Some("did you mean `summary`?".into())
            )
        );
        assert_eq!(
            said("duplicate key", Some("title")).0,
            "`title` is set more than once"
        );
        let yaml = "duplicate mapping key: title, set DuplicateKeyPolicy in Options if acceptable";
        assert_eq!(said(yaml, None).0, "`title` is set more than once");
        assert_eq!(said("missing field `title`", None).0, "`title` is required");
        assert_eq!(said("something else", None).0, "something else");
    }

    #[test]
    fn toml_and_yaml_errors_find_their_key() {
        let text = "[digest]\nwords_per_minute = \"fast\"\n";
        let start = text.find("\"fast").unwrap();
        let d = toml_error(
            Path::new("site.toml"),
            text,
            "invalid type: string \"fast\", expected u32",
            Some(start..start + 6),
            0,
        );
        assert_eq!(
            d.to_string(),
            "site.toml:2:20: error: `digest.words_per_minute` must be a whole number of 0 or more, not \"fast\""
        );
        let d = yaml_error(
            Path::new("seeds/a.md"),
            "title: x\nweight: heavy\n",
            "line 2 column 9: invalid i64",
            Some((2, 9)),
            1,
        );
        assert_eq!(
            d.to_string(),
            "seeds/a.md:3:9: error: `weight` must be a whole number, not heavy"
        );
    }
}
