//! "Did you mean …?": the known name closest to a misspelt one.
//!
//! Used for keys in `site.toml`, front matter, sidecars and
//! `entities.toml`, for template names, and for tera's filters, tests,
//! tags, fields and variables. Similarity is Jaro's measure on lower-case
//! names (what clap uses for misspelt subcommands), with a floor below
//! which nothing is suggested: a wrong guess is worse than none.

/// How alike two names must be (Jaro similarity, 0 to 1) to be suggested.
const FLOOR: f64 = 0.8;

/// The name in `known` closest to `word`, if any is close enough. An
/// exact match ignoring case wins; ties go to the earlier name.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for name in known {
        if name == word {
            continue;
        }
        let score = if name.to_lowercase() == lower {
            2.0
        } else {
            strsim::jaro(&lower, &name.to_lowercase())
        };
        if score >= FLOOR && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, name));
        }
    }
    best.map(|(_, name)| name)
}

/// "did you mean `NAME`?" for the name in `known` closest to `word`.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, known).map(|name| format!("did you mean `{name}`?"))
}

/// `items` as an English list: "`a`", "`a` or `b`", "`a`, `b` or `c`".
pub fn one_of(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["title", "date", "slug", "tags", "summary", "source_url"];

    #[test]
    fn typos_find_their_key() {
        let known = || KEYS.iter().copied();
        assert_eq!(closest("titel", known()), Some("title"));
        assert_eq!(closest("tgas", known()), Some("tags"));
        assert_eq!(closest("sumary", known()), Some("summary"));
        assert_eq!(closest("Title", known()), Some("title"));
        assert_eq!(closest("source-url", known()), Some("source_url"));
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        let known = || KEYS.iter().copied();
        assert_eq!(closest("layout", known()), None);
        assert_eq!(closest("x", known()), None);
        assert_eq!(closest("title", known()), None, "an exact match is no typo");
    }

    #[test]
    fn suggestions_and_lists_read_as_english() {
        assert_eq!(
            did_you_mean("artcle.html", ["article.html", "edition.html"]).as_deref(),
            Some("did you mean `article.html`?")
        );
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b"]), "`a` or `b`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
