//! `search-index.json`: what the search page searches. Per article its
//! title, slug, date, first entities and tags; entities and tags as
//! indices into shared tables, so no name is written twice.

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
            SearchArticleJson {
                t: &a.title,
                s: &a.slug,
                d: a.date.to_string(),
                e: digest.entities_of[i]
                    .iter()
                    .take(SEARCH_ENTITIES)
                    .map(|r| r.entity.index())
                    .collect(),
                g: digest.tags_of[i].iter().map(|t| t.index()).collect(),
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
