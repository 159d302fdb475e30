//! Where each `site.toml` key belongs, for keys written in the wrong
//! place.
//!
//! TOML puts every line after a `[table]` header into that table, so a
//! line appended at the end of a file that ends with `[extra]` silently
//! becomes `extra.cname`. A known key found inside `[extra]` is a warning
//! that says where it belongs; a known key in another table (where it is
//! an unknown key, so an error) gets the same advice as its help.

use std::path::Path;

use crate::error::keys::{toml_first_header_line, toml_key_offset, toml_table_at};
use crate::error::{Diagnostic, Location};

/// The keys of `site.toml` by table (`None` is the top level). A test
/// checks each is accepted where it is listed.
pub(super) const KEYS: &[(Option<&str>, &[&str])] = &[
    (
        None,
        &[
            "title",
            "base_url",
            "description",
            "language",
            "author",
            "publisher",
            "cname",
            "output_dir",
            "markdown",
            "digest",
            "feeds",
            "editions",
            "duplicates",
            "extra",
        ],
    ),
    (Some("markdown"), &["highlight_theme", "unsafe_html"]),
    (Some("digest"), &["index_editions", "words_per_minute"]),
    (Some("feeds"), &["limit", "content"]),
    (Some("editions"), &["length", "time_zone"]),
    (Some("duplicates"), &["threshold"]),
];

/// The table a known key belongs in (`Some(None)` for the top level), when
/// it is not `table` itself.
fn home_of(key: &str, table: Option<&str>) -> Option<Option<&'static str>> {
    KEYS.iter()
        .find(|(home, keys)| *home != table && keys.contains(&key))
        .map(|(home, _)| *home)
}

/// Where to move `key` to put it in `home`, in words.
fn advice(text: &str, key: &str, home: Option<&str>) -> String {
    match home {
        None => match toml_first_header_line(text) {
            Some(line) => format!(
                "`{key}` is a top-level key: move it above the first [table] header (line {line})"
            ),
            None => format!("`{key}` is a top-level key"),
        },
        Some(table) => format!("`{key}` belongs in [{table}]: move it under that header"),
    }
}

/// Help for "unknown key `key`" met at byte `offset`: where the key belongs
/// when it is known elsewhere.
pub(super) fn help_for_unknown(text: &str, key: &str, offset: usize) -> Option<String> {
    let table = toml_table_at(text, offset);
    let home = home_of(key, table.as_deref())?;
    Some(advice(text, key, home))
}

/// A warning for each known key written inside `[extra]` (`extra_keys`),
/// which therefore sets `extra.KEY` and not the setting it names.
pub(super) fn extra_warnings<'a>(
    text: &str,
    path: &Path,
    extra_keys: impl IntoIterator<Item = &'a String>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for key in extra_keys {
        let Some(home) = home_of(key, Some("extra")) else {
            continue;
        };
        // Only a key under the [extra] header: `extra.cname = …` is
        // written on purpose.
        let Some(offset) = toml_key_offset(text, Some("extra"), key)
            .filter(|&at| !text[at..].starts_with("extra"))
        else {
            continue;
        };
        let setting = match home {
            Some(table) => format!("{table}.{key}"),
            None => key.clone(),
        };
        warnings.push(
            Diagnostic::warning(
                Location::from_offset(path, text, offset, 0),
                format!("`{key}` is inside [extra], so it sets `extra.{key}`, not `{setting}`"),
            )
            .with_help(advice(text, key, home)),
        );
    }
    warnings
}
