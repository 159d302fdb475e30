//! The machine-readable outputs: `digest.json` (every article with its
//! derived briefing, for downstream tools and tests) and
//! `search-index.json` (what the search page searches). The only user of
//! `serde_json`. Field names are documented in the README and stable; a
//! change that breaks them bumps `version`.

use serde::Serialize;

use crate::digest::Digest;
use crate::digest::entities::Entity;
use crate::digest::ids::{ArticleId, EntityId, Id};
use crate::enrich::extract::candidate::EntityKind;
use crate::error::Error;
use crate::urls::{self, Urls};

/// The version of both formats.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// How many entities of an article the search index keeps.
const SEARCH_ENTITIES: usize = 10;

/// The view of `digest.json`.
#[derive(Serialize)]
pub(crate) struct DigestJson<'a> {
    version: u32,
    generator: String,
    site: SiteJson<'a>,
    articles: Vec<ArticleJson<'a>>,
    entities: EntitiesJson,
}

#[derive(Serialize)]
struct SiteJson<'a> {
    title: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    source: String,
    url: String,
    slug: &'a str,
    title: &'a str,
    date: String,
    published: String,
    lede: &'a str,
    word_count: usize,
    reading_minutes: u32,
    tags: &'a [String],
    people: Vec<ArticleEntityJson<'a>>,
    places: Vec<ArticleEntityJson<'a>>,
    organizations: Vec<ArticleEntityJson<'a>>,
    quotes: Vec<QuoteJson<'a>>,
    figures: Vec<FigureJson<'a>>,
    related: Vec<String>,
}

#[derive(Serialize)]
struct ArticleEntityJson<'a> {
    name: &'a str,
    slug: &'a str,
    aliases: &'a [String],
    mentions: u32,
    #[serde(flatten)]
    coords: Option<CoordsJson>,
}

/// A place's point on the map, in degrees (north and east positive).
#[derive(Serialize)]
struct CoordsJson {
    lat: f64,
    lon: f64,
}

impl CoordsJson {
    fn of(e: &Entity) -> Option<CoordsJson> {
        e.coords.map(|c| CoordsJson {
            lat: c.lat(),
            lon: c.lon(),
        })
    }
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    speaker_url: Option<String>,
}

#[derive(Serialize)]
struct FigureJson<'a> {
    text: &'a str,
    amount: &'a str,
    value: Option<f64>,
    counts: Option<&'a str>,
}

#[derive(Serialize)]
struct EntitiesJson {
    people: Vec<EntityJson>,
    places: Vec<EntityJson>,
    organizations: Vec<EntityJson>,
}

#[derive(Serialize)]
struct EntityJson {
    name: String,
    slug: String,
    url: String,
    aliases: Vec<String>,
    mentions: u32,
    /// Indices into `articles`, newest first.
    articles: Vec<usize>,
    #[serde(flatten)]
    coords: Option<CoordsJson>,
}

/// The view of `digest.json`.
pub(crate) fn digest_json<'a>(
    digest: &'a Digest,
    site_title: &'a str,
    urls: &'a Urls,
) -> DigestJson<'a> {
    let entity_url = |e: &Entity| urls.absolute(&urls::entity_route(e.kind, &e.slug));
    let articles = digest
        .articles
        .ids()
        .map(|i| article_json(digest, i, urls))
        .collect();
    let entities_of = |kind: EntityKind| {
        digest
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| EntityJson {
                name: e.name.clone(),
                slug: e.slug.clone(),
                url: entity_url(e),
                aliases: e.aliases.clone(),
                mentions: e.mentions,
                articles: e.articles.iter().map(|a| a.article.index()).collect(),
                coords: CoordsJson::of(e),
            })
            .collect()
    };
    DigestJson {
        version: FORMAT_VERSION,
        generator: format!("briefing {}", env!("CARGO_PKG_VERSION")),
        site: SiteJson {
            title: site_title,
            base_url: urls.base(),
        },
        articles,
        entities: EntitiesJson {
            people: entities_of(EntityKind::Person),
            places: entities_of(EntityKind::Place),
            organizations: entities_of(EntityKind::Organization),
        },
    }
}

fn article_json<'a>(digest: &'a Digest, i: ArticleId, urls: &Urls) -> ArticleJson<'a> {
    let a = &digest.articles[i];
    let refs = digest.entities_of.get(i).map_or(&[][..], Vec::as_slice);
    let of_kind = |kind: EntityKind| {
        refs.iter()
            .filter(|r| digest.entities[r.entity].kind == kind)
            .map(|r| {
                let e = &digest.entities[r.entity];
                ArticleEntityJson {
                    name: &e.name,
                    slug: &e.slug,
                    aliases: &r.aliases,
                    mentions: r.mentions,
                    coords: CoordsJson::of(e),
                }
            })
            .collect()
    };
    let speakers = digest.speakers.get(i).map_or(&[][..], Vec::as_slice);
    ArticleJson {
        source: slash_path(&a.source_path),
        url: urls.absolute(&urls::article_route(&a.slug)),
        slug: &a.slug,
        title: &a.title,
        date: a.date.to_string(),
        published: a.published.to_string(),
        lede: &a.lede,
        word_count: a.word_count,
        reading_minutes: a.reading_minutes,
        tags: &a.tags,
        people: of_kind(EntityKind::Person),
        places: of_kind(EntityKind::Place),
        organizations: of_kind(EntityKind::Organization),
        quotes: quotes_json(digest, i, speakers, urls),
        figures: a
            .extracted
            .figures
            .iter()
            .map(|f| FigureJson {
                text: &f.text,
                amount: &f.amount,
                value: value_of(&f.amount),
                counts: f.counts.as_deref(),
            })
            .collect(),
        related: digest
            .related
            .get(i)
            .into_iter()
            .flatten()
            .map(|&j| urls.absolute(&urls::article_route(&digest.articles[j].slug)))
            .collect(),
    }
}

/// Article `i`'s quotes with their speakers' canonical names and pages.
fn quotes_json<'a>(
    digest: &'a Digest,
    i: ArticleId,
    speakers: &[Option<EntityId>],
    urls: &Urls,
) -> Vec<QuoteJson<'a>> {
    digest.articles[i]
        .extracted
        .quotes
        .iter()
        .enumerate()
        .map(|(q, quote)| {
            let entity = speakers
                .get(q)
                .copied()
                .flatten()
                .map(|e| &digest.entities[e]);
            QuoteJson {
                text: &quote.text,
                speaker: entity.map(|e| e.name.as_str()).or(quote.speaker.as_deref()),
                speaker_url: entity.map(|e| urls.absolute(&urls::entity_route(e.kind, &e.slug))),
            }
        })
        .collect()
}

/// The numeric value of an amount as written: "$11 billion" → 11e9,
/// "10,000" → 1e4, "31 per cent" → 31.
pub(crate) fn value_of(amount: &str) -> Option<f64> {
    let mut words = amount.split_whitespace();
    let number: String = words
        .next()?
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut value: f64 = number.parse().ok()?;
    for word in words {
        value *= match word {
            "hundred" => 1e2,
            "thousand" => 1e3,
            "million" => 1e6,
            "billion" | "bn" => 1e9,
            "trillion" => 1e12,
            _ => 1.0,
        };
    }
    Some(value)
}

/// A path with `/` separators.
fn slash_path(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The view of `search-index.json`.
#[derive(Serialize)]
pub(crate) struct SearchIndexJson<'a> {
    version: u32,
    /// Prefix of every article URL; each article stores its slug.
    prefix: String,
    /// Entity names (aliases after `|`), referred to by index.
    entities: Vec<String>,
    /// Tags, referred to by index.
    tags: Vec<&'a str>,
    articles: Vec<SearchArticleJson<'a>>,
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
    let entities = digest
        .entities
        .iter()
        .map(|e| {
            let mut names = e.name.clone();
            for alias in &e.aliases {
                names.push('|');
                names.push_str(alias);
            }
            names
        })
        .collect();
    let articles = digest
        .articles
        .enumerate()
        .map(|(i, a)| SearchArticleJson {
            t: &a.title,
            s: &a.slug,
            d: a.date.to_string(),
            e: digest.entities_of[i]
                .iter()
                .take(SEARCH_ENTITIES)
                .map(|r| r.entity.index())
                .collect(),
            g: digest.tags_of[i].iter().map(|t| t.index()).collect(),
        })
        .collect();
    SearchIndexJson {
        version: FORMAT_VERSION,
        prefix: urls.link(urls::ARTICLES_ROUTE),
        entities,
        tags: digest.tags.iter().map(|t| t.name.as_str()).collect(),
        articles,
    }
}

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
    let mut text = serde_json::to_string(value).map_err(|source| Error::Json {
        route: route.to_string(),
        source,
    })?;
    text.push('\n');
    Ok(text)
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
    fn amounts_have_numeric_values() {
        assert_eq!(value_of("10,000"), Some(10_000.0));
        assert_eq!(value_of("$11 billion"), Some(11e9));
        assert_eq!(value_of("€2.5 million"), Some(2.5e6));
        assert_eq!(value_of("31 per cent"), Some(31.0));
        assert_eq!(value_of("abc"), None);
    }
}
