//! `search-index.json`: what the search page searches. Per article its
//! title, slug, date, first entities and tags, and the words of its lede
//! and key points; entities and tags as indices into shared tables, so no
//! name is written twice. The words are kept lean: each once, lower-case,
//! none the headline, entities or tags of the entry have, no short or
//! common ones, and none that begins another (the search matches word
//! beginnings, so "strikes" finds "strike" too).

use serde::{Serialize, Serializer};

use crate::digest::Digest;
use crate::digest::ids::Id;
use crate::urls::{self, Urls};

/// The version of `search-index.json`.
const SEARCH_INDEX_VERSION: u32 = 1;

/// How many entities of an article the search index keeps.
const SEARCH_ENTITIES: usize = 10;

/// The view of `search-index.json`.
#[derive(Serialize)]
pub(crate) struct SearchIndexJson<'a> {
    version: u32,
    /// Prefix of every article URL; each article stores its slug.
    prefix: String,
    /// Entity names (aliases after `|`), referred to by index.
    entities: EntityNames<'a>,
    /// Tags, referred to by index.
    tags: Vec<&'a str>,
    articles: SearchArticles<'a>,
}

/// Every entity's name and aliases, `|`-separated, written as they are
/// made.
struct EntityNames<'a>(&'a Digest);

impl Serialize for EntityNames<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.entities.iter().map(|e| {
            let mut names = e.name.clone();
            for alias in &e.aliases {
                names.push('|');
                names.push_str(alias);
            }
            names
        }))
    }
}

/// Every article's entry, built as it is written.
struct SearchArticles<'a>(&'a Digest);

impl Serialize for SearchArticles<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let digest = self.0;
        s.collect_seq(digest.articles.enumerate().map(|(i, a)| {
            let entities =
                &digest.entities_of[i][..digest.entities_of[i].len().min(SEARCH_ENTITIES)];
            // What the entry finds already: its headline, entities and tags.
            let mut covered = a.title.clone();
            for r in entities {
                let e = &digest.entities[r.entity];
                for name in std::iter::once(&e.name).chain(&e.aliases) {
                    covered.push(' ');
                    covered.push_str(name);
                }
            }
            for &t in &digest.tags_of[i] {
                covered.push(' ');
                covered.push_str(&digest.tags[t].name);
            }
            SearchArticleJson {
                t: &a.title,
                s: &a.slug,
                d: a.date.to_string(),
                e: entities.iter().map(|r| r.entity.index()).collect(),
                g: digest.tags_of[i].iter().map(|t| t.index()).collect(),
                w: text_words(&covered, &a.lede, &a.key_points),
            }
        }))
    }
}

#[derive(Serialize)]
struct SearchArticleJson<'a> {
    /// Title.
    t: &'a str,
    /// Slug.
    s: &'a str,
    /// Date, `YYYY-MM-DD`.
    d: String,
    /// Entities, as indices into `entities`.
    e: Vec<usize>,
    /// Tags, as indices into `tags`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    g: Vec<usize>,
    /// Words of the lede and key points, space-separated (see the module
    /// comment).
    #[serde(skip_serializing_if = "String::is_empty")]
    w: String,
}

/// Words too common to be worth a byte of the index.
const COMMON: &[&str] = &[
    "about", "after", "also", "and", "are", "been", "but", "for", "from", "had", "has", "have",
    "her", "his", "its", "more", "not", "over", "said", "than", "that", "the", "their", "they",
    "this", "was", "were", "which", "who", "will", "with", "would",
];

/// The words of `lede` and `key_points` the search index keeps for a story
/// whose entry finds the words of `covered` already (its headline,
/// entities and tags), sorted, space-separated.
fn text_words(covered: &str, lede: &str, key_points: &[String]) -> String {
    let split = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let headline = split(covered);
    let mut words: Vec<String> = std::iter::once(lede)
        .chain(key_points.iter().map(String::as_str))
        .flat_map(split)
        .filter(|w| w.chars().count() >= 3 || w.chars().all(|c| c.is_numeric()))
        .filter(|w| !COMMON.contains(&w.as_str()))
        .filter(|w| !headline.iter().any(|h| h.starts_with(w.as_str())))
        .collect();
    words.sort();
    words.dedup();
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            !words
                .get(i + 1)
                .is_some_and(|next| next.starts_with(w.as_str()))
        })
        .map(|(_, w)| w.as_str())
        .collect();
    kept.join(" ")
}

/// The view of `search-index.json`.
pub(crate) fn search_index<'a>(digest: &'a Digest, urls: &Urls) -> SearchIndexJson<'a> {
    SearchIndexJson {
        version: SEARCH_INDEX_VERSION,
        prefix: urls.link(urls::ARTICLES_ROUTE),
        entities: EntityNames(digest),
        tags: digest.tags.iter().map(|t| t.name.as_str()).collect(),
        articles: SearchArticles(digest),
    }
}

#[cfg(test)]
mod tests {
    use super::text_words;

    #[test]
    fn keeps_each_lede_and_key_point_word_once_and_lean() {
        let words = text_words(
            "Port workers walk out",
            "Dockers began a strike at the port on Monday, and the strikes spread.",
            &["Union leaders said the strike would last a week.".to_string()],
        );
        assert_eq!(
            words,
            "began dockers last leaders monday spread strikes union week"
        );
    }

    #[test]
    fn numbers_are_kept_however_short() {
        assert_eq!(text_words("", "At 5 a.m. 12 ships", &[]), "12 5 ships");
    }
}
