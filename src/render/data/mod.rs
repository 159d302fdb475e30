//! The machine-readable outputs: `digest.json` (every article with its
//! derived briefing, for downstream tools and tests) and
//! `search-index.json` (what the search page searches). The only user of
//! `serde_json` in rendering. Field names are documented in the README and
//! stable; a change that breaks them bumps `version`.
//!
//! Nothing is written twice: an entity's name, slug and URL are in the
//! `entities` tables, and articles refer to entities, speakers and related
//! stories by their index in those tables and in `articles`. The views
//! borrow from the digest and build each article's entry only as it is
//! written, so a file of any size is streamed, never held whole.

mod digest_json;
mod search_index;

use serde::Serialize;

use crate::error::Error;

pub(crate) use digest_json::digest_json;
pub(crate) use search_index::search_index;

/// The template name the renderer gives `digest.json`.
pub(crate) const DIGEST_JSON: &str = "digest.json";

/// The template name the renderer gives `search-index.json`.
pub(crate) const SEARCH_INDEX: &str = "search-index.json";

/// Whether `template` names one of this module's JSON files.
pub(crate) fn is_data(template: &str) -> bool {
    template == DIGEST_JSON || template == SEARCH_INDEX
}

/// A data file's text: compact JSON and a final newline.
pub(crate) fn to_json<T: Serialize>(value: &T, route: &str) -> Result<String, Error> {
    let mut out = Vec::new();
    write_json(value, route, &mut out)?;
    String::from_utf8(out).map_err(|e| Error::Json {
        route: route.to_string(),
        source: serde::ser::Error::custom(e),
    })
}

/// Writes a data file to `out` as it is made: compact JSON and a final
/// newline.
pub(crate) fn write_json<T: Serialize>(
    value: &T,
    route: &str,
    out: &mut dyn std::io::Write,
) -> Result<(), Error> {
    let json_error = |source| Error::Json {
        route: route.to_string(),
        source,
    };
    serde_json::to_writer(&mut *out, value).map_err(json_error)?;
    out.write_all(b"\n")
        .map_err(|e| json_error(serde_json::Error::io(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_json_cannot_hold_is_a_json_error_naming_the_file() {
        let keys_not_strings: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let err = to_json(&keys_not_strings, "digest.json").unwrap_err();
        assert!(
            matches!(&err, Error::Json { route, .. } if route == "digest.json"),
            "{err}"
        );
        assert_eq!(err.to_string(), "cannot write digest.json as JSON");
    }

    #[test]
    fn written_and_returned_json_are_the_same_bytes() {
        let value = serde_json::json!({"a": [1, 2], "b": "“x”"});
        let mut out = Vec::new();
        write_json(&value, "x.json", &mut out).unwrap();
        assert_eq!(out, to_json(&value, "x.json").unwrap().into_bytes());
        assert_eq!(out.last(), Some(&b'\n'));
    }
}
