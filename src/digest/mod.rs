//! Putting the articles together: `Vec<Article>` → [`Digest`].
//!
//! Pure. Orders the stories (newest edition first; within an edition by
//! weight, then the file name's rank, then path), groups them into editions,
//! makes slugs unique and collects tags. The briefing layer's corpus pass
//! ([`entities`]) decides each article's people, places and organisations
//! and `related` links stories that share them. Every list that reaches
//! the output has a total order with a tie-breaker, so builds are
//! byte-identical.

pub mod entities;
pub mod ids;
pub mod pages;
mod related;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use jiff::civil::Date;

use crate::enrich::Article;
use crate::enrich::extract::candidate::EntityKind;
use crate::error::{Diagnostic, Location};
use crate::slug::{MAX_SLUG_LEN, slugify, unique};
use crate::timings::Timings;
use entities::{Entity, EntityRef};
use ids::{ArticleId, EditionId, EntityId, Id, Table, TagId};

/// The whole site's content, ordered and linked.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    /// Every article in reading order, shared with whoever holds them
    /// between builds (an article is copied only if its slug must change).
    pub articles: Table<ArticleId, Arc<Article>>,
    /// Editions, newest first; each covers a contiguous run of `articles`.
    pub editions: Table<EditionId, Edition>,
    /// Tags sorted by slug.
    pub tags: Table<TagId, Tag>,
    /// For each article, its edition.
    pub edition_of: Table<ArticleId, EditionId>,
    /// For each article, its tags, in written order.
    pub tags_of: Table<ArticleId, Vec<TagId>>,
    /// People, places and organisations, sorted by kind then slug.
    pub entities: Table<EntityId, Entity>,
    /// For each article, its entities, most mentioned first.
    pub entities_of: Table<ArticleId, Vec<EntityRef>>,
    /// For each article, the entity (if known) that said each of its quotes.
    pub speakers: Table<ArticleId, Vec<Option<EntityId>>>,
    /// For each article, related articles (never itself), best first.
    pub related: Table<ArticleId, Vec<ArticleId>>,
    /// The standalone pages of `pages/`, in footer order (the pipeline
    /// adds them: they take no part in ordering or linking the stories).
    pub pages: Vec<pages::StandalonePage>,
}

/// One day's stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The day.
    pub date: Date,
    /// Its articles, in reading order (a contiguous run).
    pub articles: Vec<ArticleId>,
}

/// A topic tag and the articles carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag as first written.
    pub name: String,
    /// Its URL slug.
    pub slug: String,
    /// Its articles in reading order.
    pub articles: Vec<ArticleId>,
}

impl Digest {
    /// The article read before article `i`, if any.
    pub fn previous(&self, i: ArticleId) -> Option<&Article> {
        i.index()
            .checked_sub(1)
            .and_then(|p| self.articles.get(ArticleId::new(p)))
            .map(|a| &**a)
    }

    /// The article read after article `i`, if any.
    pub fn next(&self, i: ArticleId) -> Option<&Article> {
        self.articles
            .get(ArticleId::new(i.index() + 1))
            .map(|a| &**a)
    }

    /// The tag with slug `slug`.
    pub fn tag(&self, slug: &str) -> Option<&Tag> {
        self.tags
            .as_slice()
            .binary_search_by(|t| t.slug.as_str().cmp(slug))
            .ok()
            .and_then(|i| self.tags.get(TagId::new(i)))
    }

    /// The entity of `kind` with slug `slug`.
    pub fn entity(&self, kind: EntityKind, slug: &str) -> Option<EntityId> {
        self.entities
            .as_slice()
            .binary_search_by(|e| (e.kind, e.slug.as_str()).cmp(&(kind, slug)))
            .ok()
            .map(EntityId::new)
    }
}

/// Orders, groups and links `articles`. Returns warnings for slug clashes
/// and tags that cannot be turned into a URL.
pub fn build(articles: Vec<Arc<Article>>) -> (Digest, Vec<Diagnostic>) {
    build_timed(articles, &Timings::new())
}

/// [`build`], recording the time of its steps ("digest", "corpus pass",
/// "related") in `timings`.
pub fn build_timed(
    mut articles: Vec<Arc<Article>>,
    timings: &Timings,
) -> (Digest, Vec<Diagnostic>) {
    let started = Instant::now();
    let mut diagnostics = assign_unique_slugs(&mut articles);
    articles.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| cmp_option_first(a.weight, b.weight))
            .then_with(|| cmp_option_first(a.rank, b.rank))
            .then_with(|| path_bytes(a).cmp(path_bytes(b)))
    });
    let (editions, edition_of) = group_editions(&articles);
    let (tags, tags_of, tag_diagnostics) = collect_tags(&articles);
    diagnostics.extend(tag_diagnostics);
    timings.stage("digest", started.elapsed());
    let resolved = timings.time("corpus pass", || entities::resolve(&articles));
    let related = timings.time("related", || {
        related::related(&resolved.entities_of, &tags_of)
    });
    let digest = Digest {
        articles: articles.into(),
        editions,
        tags,
        edition_of,
        tags_of,
        entities: resolved.entities,
        entities_of: resolved.entities_of,
        speakers: resolved.speakers,
        related,
        pages: Vec::new(),
    };
    (digest, diagnostics)
}

/// An article's source path as bytes: a total order that is much cheaper
/// to compare than `Path`'s component by component one.
fn path_bytes(article: &Article) -> &[u8] {
    article.source_path.as_os_str().as_encoded_bytes()
}

/// `Some` values first, in order, then `None`.
fn cmp_option_first<T: Ord>(a: Option<T>, b: Option<T>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Gives every article a unique slug. Explicit slugs are claimed first;
/// then derived ones, oldest article first, so adding a newer story never
/// changes an older story's permalink.
fn assign_unique_slugs(articles: &mut [Arc<Article>]) -> Vec<Diagnostic> {
    // Most sites have no clashes at all: find the clashing slugs first and
    // leave every other article (and its shared copy) alone.
    let mut count: HashMap<&str, u32, Xxh3DefaultBuilder> =
        HashMap::with_capacity_and_hasher(articles.len(), Xxh3DefaultBuilder);
    for article in articles.iter() {
        *count.entry(article.slug.as_str()).or_default() += 1;
    }
    let clashing: HashSet<String> = count
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(slug, _)| slug.to_string())
        .collect();
    if clashing.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..articles.len())
        .filter(|&i| clashing.contains(&articles[i].slug))
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&articles[a], &articles[b]);
        b.slug_given
            .cmp(&a.slug_given)
            .then_with(|| a.published.cmp(&b.published))
            .then_with(|| path_bytes(a).cmp(path_bytes(b)))
    });
    // Suffixed slugs must not take a slug another article already has.
    let mut taken: HashSet<String, Xxh3DefaultBuilder> = articles
        .iter()
        .filter(|a| !clashing.contains(&a.slug))
        .map(|a| a.slug.clone())
        .collect();
    let mut diagnostics = Vec::new();
    for i in order {
        let article = &mut articles[i];
        let slug = unique(&article.slug, &mut taken);
        if slug == article.slug {
            continue;
        }
        if article.slug_given {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&article.source_path),
                    format!("slug {:?} is already taken; using {slug:?}", article.slug),
                )
                .with_help("give each article its own slug"),
            );
        }
        Arc::make_mut(article).slug = slug;
    }
    diagnostics
}

fn group_editions(
    articles: &[Arc<Article>],
) -> (Table<EditionId, Edition>, Table<ArticleId, EditionId>) {
    let mut editions: Vec<Edition> = Vec::new();
    let mut edition_of = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        let id = ArticleId::new(i);
        match editions.last_mut() {
            Some(edition) if edition.date == article.date => edition.articles.push(id),
            _ => editions.push(Edition {
                date: article.date,
                articles: vec![id],
            }),
        }
        edition_of.push(EditionId::new(editions.len() - 1));
    }
    (editions.into(), edition_of.into())
}

/// The tags by slug, each article's tags, and warnings.
type Tags = (
    Table<TagId, Tag>,
    Table<ArticleId, Vec<TagId>>,
    Vec<Diagnostic>,
);

/// Collects tags by slug, and each article's tags.
fn collect_tags(articles: &[Arc<Article>]) -> Tags {
    // Sites reuse a few dozen tags across thousands of articles: slugify
    // each spelling once and work with small integer ids after that.
    let mut id_of_name: HashMap<&str, Option<usize>> = HashMap::new();
    let mut id_of_slug: HashMap<String, usize> = HashMap::new();
    let mut found: Vec<Tag> = Vec::new();
    let mut ids_of = Vec::with_capacity(articles.len());
    let mut diagnostics = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let mut ids: Vec<usize> = Vec::with_capacity(article.tags.len());
        for name in &article.tags {
            let id = *id_of_name.entry(name.as_str()).or_insert_with(|| {
                let slug = slugify(name, MAX_SLUG_LEN);
                if slug.is_empty() {
                    return None;
                }
                let next = found.len();
                let id = *id_of_slug.entry(slug.clone()).or_insert(next);
                if id == next {
                    found.push(Tag {
                        name: name.clone(),
                        slug,
                        articles: Vec::new(),
                    });
                }
                Some(id)
            });
            match id {
                None => diagnostics.push(Diagnostic::warning(
                    Location::file(&article.source_path),
                    format!("tag {name:?} has no letters usable in a URL; it is not listed"),
                )),
                Some(id) if !ids.contains(&id) => {
                    found[id].articles.push(ArticleId::new(i));
                    ids.push(id);
                }
                Some(_) => {}
            }
        }
        ids_of.push(ids);
    }
    // Number tags in slug order.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| found[a].slug.cmp(&found[b].slug));
    let mut rank = vec![0; found.len()];
    for (position, &id) in order.iter().enumerate() {
        rank[id] = position;
    }
    let mut slots: Vec<Option<Tag>> = found.into_iter().map(Some).collect();
    let tags = order.iter().filter_map(|&id| slots[id].take()).collect();
    let tags_of = ids_of
        .into_iter()
        .map(|ids| ids.into_iter().map(|id| TagId::new(rank[id])).collect())
        .collect();
    (tags, tags_of, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Body;
    use crate::enrich::DateSource;
    use jiff::Timestamp;
    use jiff::civil::date;
    use std::path::{Path, PathBuf};

    fn indices(articles: &[ArticleId]) -> Vec<usize> {
        articles.iter().map(|a| a.index()).collect()
    }

    fn build(articles: Vec<Article>) -> (Digest, Vec<Diagnostic>) {
        super::build(articles.into_iter().map(Arc::new).collect())
    }

    fn article(path: &str, day: i8, rank: Option<u32>, slug: &str) -> Article {
        let d = date(2025, 7, day);
        Article {
            source_path: PathBuf::from(path),
            title: slug.to_string(),
            title_given: false,
            slug: slug.to_string(),
            slug_given: false,
            date: d,
            published: Timestamp::from_second(1_752_000_000 + i64::from(day) * 86_400).unwrap(),
            date_source: DateSource::FileName,
            rank,
            weight: None,
            lede: String::new(),
            key_points: Vec::new(),
            dateline: None,
            word_count: 1,
            reading_minutes: 1,
            tags: Vec::new(),
            author: None,
            source: None,
            source_url: None,
            draft: false,
            lang: None,
            rtl: false,
            body: std::sync::Arc::new(Body::Text {
                paragraphs: vec!["x".into()],
            }),
            revision: 0,
            extracted: Default::default(),
        }
    }

    #[test]
    fn newest_edition_first_then_rank_then_path() {
        let (digest, _) = build(vec![
            article("c", 1, Some(0), "c"),
            article("b", 2, None, "b"),
            article("a", 2, Some(1), "a"),
            article("d", 2, Some(0), "d"),
        ]);
        let order: Vec<_> = digest.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(order, vec!["d", "a", "b", "c"]);
        assert_eq!(digest.editions.len(), 2);
        let newest = &digest.editions[EditionId::new(0)];
        assert_eq!(newest.date, date(2025, 7, 2));
        assert_eq!(indices(&newest.articles), vec![0, 1, 2]);
        let edition_of: Vec<usize> = digest.edition_of.iter().map(|e| e.index()).collect();
        assert_eq!(edition_of, vec![0, 0, 0, 1]);
        assert_eq!(digest.previous(ArticleId::new(0)), None);
        let next = digest.next(ArticleId::new(0));
        assert_eq!(next.map(|a| a.slug.as_str()), Some("a"));
        assert_eq!(digest.next(ArticleId::new(3)), None);
    }

    #[test]
    fn weight_comes_before_rank() {
        let mut heavy = article("z", 1, Some(9), "z");
        heavy.weight = Some(-1);
        let (digest, _) = build(vec![article("a", 1, Some(0), "a"), heavy]);
        assert_eq!(digest.articles[ArticleId::new(0)].slug, "z");
    }

    #[test]
    fn duplicate_slugs_get_suffixes_oldest_first() {
        let (digest, diagnostics) = build(vec![
            article("new", 3, None, "same"),
            article("old", 1, None, "same"),
        ]);
        let slug_of = |p: &str| slug_of(&digest, p);
        assert_eq!(slug_of("old").as_deref(), Some("same"));
        assert_eq!(slug_of("new").as_deref(), Some("same-2"));
        assert!(diagnostics.is_empty());
    }

    fn slug_of(digest: &Digest, path: &str) -> Option<String> {
        digest
            .articles
            .iter()
            .find(|a| a.source_path == Path::new(path))
            .map(|a| a.slug.clone())
    }

    #[test]
    fn explicit_slugs_win_and_clashes_warn() {
        let mut given = article("given", 3, None, "same");
        given.slug_given = true;
        let mut given2 = article("given2", 4, None, "same");
        given2.slug_given = true;
        let (digest, diagnostics) = build(vec![article("old", 1, None, "same"), given, given2]);
        let slug_of = |p: &str| slug_of(&digest, p);
        assert_eq!(slug_of("given").as_deref(), Some("same"));
        assert_eq!(slug_of("given2").as_deref(), Some("same-2"));
        assert_eq!(slug_of("old").as_deref(), Some("same-3"));
        assert_eq!(diagnostics.len(), 1);
    }

    #[test]
    fn tags_merge_by_slug_in_reading_order() {
        let mut a = article("a", 1, None, "a");
        a.tags = vec!["Rust Lang".into(), "北京".into()];
        let mut b = article("b", 2, None, "b");
        b.tags = vec!["rust-lang".into()];
        let (digest, diagnostics) = build(vec![a, b]);
        assert_eq!(digest.tags.len(), 1);
        let tag = digest.tag("rust-lang").unwrap();
        assert_eq!(tag.name, "rust-lang");
        assert_eq!(indices(&tag.articles), vec![0, 1]);
        let tags_of: Vec<Vec<usize>> = digest
            .tags_of
            .iter()
            .map(|tags| tags.iter().map(|t| t.index()).collect())
            .collect();
        assert_eq!(tags_of, vec![vec![0], vec![0]]);
        assert_eq!(diagnostics.len(), 1);
    }
}
