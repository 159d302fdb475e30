//! `digest.json`: every published article in reading order with its
//! derived briefing (entities, quotes, key figures, related stories), and
//! the tables of people, places and organisations the articles refer to by
//! index.

use serde::{Serialize, Serializer};

use crate::digest::Digest;
use crate::digest::entities::{Entity, EntityArticle};
use crate::digest::ids::{ArticleId, EntityId, Id};
use crate::enrich::extract::candidate::EntityKind;
use crate::render::format::rfc3339;
use crate::urls::{self, Urls};

/// The version of `digest.json` (2: entities, speakers and related
/// stories by index).
pub(crate) const FORMAT_VERSION: u32 = 2;

/// The view of `digest.json`.
#[derive(Serialize)]
pub(crate) struct DigestJson<'a> {
    version: u32,
    generator: String,
    site: SiteJson<'a>,
    articles: Articles<'a>,
    entities: EntitiesJson<'a>,
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
    key_points: &'a [String],
    dateline: Option<DatelineJson<'a>>,
    word_count: usize,
    reading_minutes: u32,
    tags: &'a [String],
    people: Vec<ArticleEntityJson<'a>>,
    places: Vec<ArticleEntityJson<'a>>,
    organizations: Vec<ArticleEntityJson<'a>>,
    quotes: Vec<QuoteJson<'a>>,
    figures: Vec<FigureJson<'a>>,
    /// Indices into `articles`, best first.
    related: Vec<usize>,
    /// The source path of every version of the story folded into this
    /// entry: its own first, then the others newest first.
    versions: Vec<String>,
}

#[derive(Serialize)]
struct DatelineJson<'a> {
    text: &'a str,
    place: &'a str,
    agency: Option<&'a str>,
    date: Option<String>,
}

#[derive(Serialize)]
struct ArticleEntityJson<'a> {
    /// Index into the `entities` table of the same kind.
    entity: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    mentions: u32,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    speaker_entity: Option<EntityIndexJson>,
}

/// An entity named by its kind's table and its index there.
#[derive(Serialize)]
struct EntityIndexJson {
    kind: &'static str,
    index: usize,
}

#[derive(Serialize)]
struct FigureJson<'a> {
    text: &'a str,
    amount: &'a str,
    value: Option<f64>,
    counts: Option<&'a str>,
}

#[derive(Serialize)]
struct EntitiesJson<'a> {
    people: EntitiesOf<'a>,
    places: EntitiesOf<'a>,
    organizations: EntitiesOf<'a>,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    aliases: &'a [String],
    mentions: u32,
    /// Indices into `articles`, newest first.
    articles: StoryIndices<'a>,
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

/// Every article's entry, built as it is written.
struct Articles<'a> {
    digest: &'a Digest,
    urls: &'a Urls,
    tables: KindTables,
}

impl Serialize for Articles<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.digest
                .articles
                .ids()
                .map(|i| article_json(self.digest, i, self.urls, &self.tables)),
        )
    }
}

/// The entities of one kind, each built as it is written.
struct EntitiesOf<'a> {
    digest: &'a Digest,
    urls: &'a Urls,
    kind: EntityKind,
}

impl<'a> Serialize for EntitiesOf<'a> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let entity_json = |e: &'a Entity| EntityJson {
            name: &e.name,
            slug: &e.slug,
            url: self.urls.absolute(&urls::entity_route(e.kind, &e.slug)),
            aliases: &e.aliases,
            mentions: e.mentions,
            articles: StoryIndices(&e.articles),
            coords: CoordsJson::of(e),
        };
        let kind = self.kind;
        s.collect_seq(
            self.digest
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(entity_json),
        )
    }
}

/// The articles naming an entity, as indices into `articles`.
struct StoryIndices<'a>(&'a [EntityArticle]);

impl Serialize for StoryIndices<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|a| a.article.index()))
    }
}

/// The view of `digest.json`.
pub(crate) fn digest_json<'a>(
    digest: &'a Digest,
    site_title: &'a str,
    urls: &'a Urls,
) -> DigestJson<'a> {
    let entities_of = |kind| EntitiesOf { digest, urls, kind };
    DigestJson {
        version: FORMAT_VERSION,
        generator: format!("briefing {}", env!("CARGO_PKG_VERSION")),
        site: SiteJson {
            title: site_title,
            base_url: urls.base(),
        },
        articles: Articles {
            digest,
            urls,
            tables: KindTables::of(digest),
        },
        entities: EntitiesJson {
            people: entities_of(EntityKind::Person),
            places: entities_of(EntityKind::Place),
            organizations: entities_of(EntityKind::Organization),
        },
    }
}

/// Where each kind's table starts among the digest's entities (which are
/// sorted by kind), so an entity's index in its kind's table is its id
/// less that start.
struct KindTables {
    starts: [usize; 3],
}

impl KindTables {
    fn of(digest: &Digest) -> KindTables {
        let start = |kind: EntityKind| digest.entities.iter().take_while(|e| e.kind < kind).count();
        KindTables {
            starts: EntityKind::ALL.map(start),
        }
    }

    /// Entity `e`'s index in its kind's table.
    fn index(&self, digest: &Digest, e: EntityId) -> usize {
        let kind = digest.entities[e].kind;
        let slot = EntityKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        e.index() - self.starts[slot]
    }
}

fn article_json<'a>(
    digest: &'a Digest,
    i: ArticleId,
    urls: &Urls,
    tables: &KindTables,
) -> ArticleJson<'a> {
    let a = &digest.articles[i];
    let refs = digest.entities_of.get(i).map_or(&[][..], Vec::as_slice);
    let of_kind = |kind: EntityKind| {
        refs.iter()
            .filter(|r| digest.entities[r.entity].kind == kind)
            .map(|r| ArticleEntityJson {
                entity: tables.index(digest, r.entity),
                aliases: &r.aliases,
                mentions: r.mentions,
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
        published: rfc3339(a.published),
        lede: &a.lede,
        key_points: &a.key_points,
        dateline: a.dateline.as_ref().map(|d| DatelineJson {
            text: &d.text,
            place: &d.place,
            agency: d.agency.as_deref(),
            date: d.date.map(|d| d.to_string()),
        }),
        word_count: a.word_count,
        reading_minutes: a.reading_minutes,
        tags: &a.tags,
        people: of_kind(EntityKind::Person),
        places: of_kind(EntityKind::Place),
        organizations: of_kind(EntityKind::Organization),
        quotes: quotes_json(digest, i, speakers, tables),
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
            .map(|&j| j.index())
            .collect(),
        versions: std::iter::once(&a.source_path)
            .chain(
                digest
                    .versions_of
                    .get(i)
                    .into_iter()
                    .flatten()
                    .map(|&v| &digest.versions[v].article.source_path),
            )
            .map(|p| slash_path(p))
            .collect(),
    }
}

/// Article `i`'s quotes with their speakers' canonical names and entities.
fn quotes_json<'a>(
    digest: &'a Digest,
    i: ArticleId,
    speakers: &[Option<EntityId>],
    tables: &KindTables,
) -> Vec<QuoteJson<'a>> {
    digest.articles[i]
        .extracted
        .quotes
        .iter()
        .enumerate()
        .map(|(q, quote)| {
            let id = speakers.get(q).copied().flatten();
            let entity = id.map(|e| &digest.entities[e]);
            QuoteJson {
                text: &quote.text,
                speaker: entity.map(|e| e.name.as_str()).or(quote.speaker.as_deref()),
                speaker_entity: id.map(|e| EntityIndexJson {
                    kind: digest.entities[e].kind.plural(),
                    index: tables.index(digest, e),
                }),
            }
        })
        .collect()
}

/// The numeric value of an amount as written: "$11 billion" → 11e9,
/// "10,000" → 1e4, "31 per cent" → 31, "magnitude 6.1" → 6.1.
pub(crate) fn value_of(amount: &str) -> Option<f64> {
    let mut words = amount
        .split_whitespace()
        .skip_while(|w| !w.contains(|c: char| c.is_ascii_digit()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_numeric_values() {
        assert_eq!(value_of("10,000"), Some(10_000.0));
        assert_eq!(value_of("$11 billion"), Some(11e9));
        assert_eq!(value_of("€2.5 million"), Some(2.5e6));
        assert_eq!(value_of("31 per cent"), Some(31.0));
        assert_eq!(value_of("abc"), None);
        assert_eq!(value_of("magnitude 6.1"), Some(6.1));
        assert_eq!(value_of("6.1-magnitude"), Some(6.1));
        assert_eq!(value_of("US$5 million"), Some(5e6));
    }
}
