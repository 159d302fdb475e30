//! Entity corrections an author writes by hand: `entities.toml` at the site
//! root, and the `entities` table of an article's front matter or sidecar.
//!
//! Both have the same shape:
//!
//! ```toml
//! ignore = ["Beyond", "Western"]          # never an entity
//! [people]
//! "Kim Jong Un" = ["Kim", "Chairman Kim"]  # canonical name = aliases
//! [places]
//! "Wonsan" = []
//! [organizations]
//! "Korean Central News Agency" = ["KCNA"]
//! ```
//!
//! Names in `entities.toml` are recognised wherever they occur, with the
//! kind given; names in an article's front matter also belong to that
//! article when its text does not mention them. [`parse`] is pure; [`load`]
//! reads the file, which is optional. Unknown keys are errors with a line.
//! `config::load` reads `entities.toml` with `site.toml`, so a change to it
//! is a configuration change. A leaf module: config, article and enrich all
//! use the type.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::reword::toml_error;
use crate::error::{Diagnostic, Error, Location};

/// The name of the corrections file at the site root.
pub const ENTITIES_FILE: &str = "entities.toml";

/// Entities and aliases added or corrected by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntityCorrections {
    /// Names that are never an entity.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// People: canonical name → other names for them.
    #[serde(default)]
    pub people: BTreeMap<String, Vec<String>>,
    /// Places: canonical name → other names for them.
    #[serde(default)]
    pub places: BTreeMap<String, Vec<String>>,
    /// Organisations: canonical name → other names for them.
    #[serde(default)]
    pub organizations: BTreeMap<String, Vec<String>>,
}

impl EntityCorrections {
    /// Whether nothing is corrected.
    pub fn is_empty(&self) -> bool {
        self.ignore.is_empty()
            && self.people.is_empty()
            && self.places.is_empty()
            && self.organizations.is_empty()
    }
}

/// Parses the text of an `entities.toml`; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<EntityCorrections, Error> {
    let corrections: EntityCorrections = toml::from_str(text)
        .map_err(|e| Error::Config(toml_error(path, text, e.message(), e.span(), 0)))?;
    match empty_name(&corrections) {
        Some(what) => Err(Error::Config(
            Diagnostic::error(Location::file(path), what)
                .with_help("write the name, or remove the entry"),
        )),
        None => Ok(corrections),
    }
}

/// Says where an empty name or alias is, if there is one.
fn empty_name(corrections: &EntityCorrections) -> Option<String> {
    let blank = |name: &str| name.trim().is_empty();
    if corrections.ignore.iter().any(|n| blank(n)) {
        return Some("`ignore` lists an empty name".to_string());
    }
    let tables = [
        ("people", &corrections.people),
        ("places", &corrections.places),
        ("organizations", &corrections.organizations),
    ];
    for (table, names) in tables {
        for (name, aliases) in names {
            if blank(name) {
                return Some(format!("[{table}] has an entry with an empty name"));
            }
            if aliases.iter().any(|a| blank(a)) {
                return Some(format!("{name:?} in [{table}] has an empty alias"));
            }
        }
    }
    None
}

/// Reads `ROOT/entities.toml`; no file means no corrections.
pub fn load(root: &Path) -> Result<EntityCorrections, Error> {
    let path = root.join(ENTITIES_FILE);
    if !crate::fs::exists(&path) {
        return Ok(EntityCorrections::default());
    }
    let text = crate::fs::read_to_string(&path)?;
    parse(&text, Path::new(ENTITIES_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<EntityCorrections, Error> {
        parse(text, Path::new(ENTITIES_FILE))
    }

    #[test]
    fn names_aliases_and_ignores_are_read() {
        let c = parse_str(
            "ignore = [\"Beyond\"]\n[people]\n\"Kim Jong Un\" = [\"Kim\"]\n[organizations]\nKCNA = []\n",
        )
        .unwrap();
        assert_eq!(c.ignore, ["Beyond"]);
        assert_eq!(c.people["Kim Jong Un"], ["Kim"]);
        assert!(c.organizations["KCNA"].is_empty());
        assert!(!c.is_empty());
        assert!(parse_str("").unwrap().is_empty());
    }

    #[test]
    fn unknown_tables_are_errors_with_their_line() {
        let Err(Error::Config(d)) = parse_str("ignore = []\n\n[persons]\nx = []\n") else {
            panic!("expected an error")
        };
        assert!(d.message.contains("persons"), "{}", d.message);
        assert_eq!(d.location.to_string(), "entities.toml:3:2");
    }

    #[test]
    fn unknown_tables_suggest_the_closest() {
        let Err(Error::Config(d)) = parse_str("[peopel]\nx = []\n") else {
            panic!("expected an error")
        };
        assert_eq!(
            d.to_string(),
            "entities.toml:1:2: error: unknown key `peopel`\n  help: did you mean `people`?"
        );
        let Err(Error::Config(d)) = parse_str("[people]\nKim = \"Kim Jong Un\"\n") else {
            panic!("expected an error")
        };
        assert_eq!(
            d.to_string(),
            "entities.toml:2:7: error: `people.Kim` must be a list, not \"Kim Jong Un\""
        );
    }

    #[test]
    fn empty_names_are_refused_and_named() {
        let said = |text: &str| match parse_str(text) {
            Err(Error::Config(d)) => d.message,
            other => panic!("expected an error, got {other:?}"),
        };
        assert_eq!(
            said("[places]\n\"\" = []\n"),
            "[places] has an entry with an empty name"
        );
        assert_eq!(
            said("[places]\nX = [\" \"]\n"),
            "\"X\" in [places] has an empty alias"
        );
        assert_eq!(said("ignore = [\"\"]\n"), "`ignore` lists an empty name");
    }
}
