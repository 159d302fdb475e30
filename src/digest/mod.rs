//! Putting the articles together: `Vec<Article>` → [`Digest`].
//!
//! Pure. Holds back stories not yet due (`schedule`), makes slugs unique,
//! folds the versions of one story into one (`duplicates`, `fold`), orders
//! the stories (newest edition first; within an edition by date, weight,
//! the file name's rank, then path), groups them into editions of a day or
//! a week (`editions`) and collects tags. The briefing layer's corpus pass
//! ([`entities`]) decides each article's people, places and organisations
//! and `related` links stories that share them. Every list that reaches
//! the output has a total order with a tie-breaker, so builds are
//! byte-identical.

mod duplicates;
mod editions;
mod order;
pub mod entities;
mod fold;
pub mod ids;
pub mod moved;
pub mod pages;
mod related;
mod reuse;
pub mod schedule;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use jiff::Timestamp;

use crate::config::EditionLength;
use crate::enrich::Article;
use crate::enrich::extract::candidate::EntityKind;
use crate::error::{Diagnostic, Location};
use crate::slug::{MAX_SLUG_LEN, slugify, unique};
use crate::timings::Timings;
pub use editions::Edition;
use entities::{Entity, EntityRef};
use ids::{ArticleId, EditionId, EntityId, Id, Table, TagId, VersionId};
use order::{cmp_option_first, path_bytes};
pub use reuse::CorpusMemo;
pub use schedule::Held;

/// What the digest needs beyond the articles: the clock and the site's
/// settings for editions and duplicates.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The build instant: stories dated later are held back.
    pub now: Timestamp,
    /// Show stories dated after `now` too (a preview).
    pub future: bool,
    /// A day or a week per edition.
    pub length: EditionLength,
    /// The similarity at which two stories are versions of one.
    pub duplicate_threshold: f64,
}

impl Default for Settings {
    /// Nothing held, day editions, the default duplicate threshold.
    fn default() -> Self {
        Settings {
            now: Timestamp::MAX,
            future: false,
            length: EditionLength::Day,
            duplicate_threshold: 0.5,
        }
    }
}

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
    pub tags_of: Arc<Table<ArticleId, Vec<TagId>>>,
    /// People, places and organisations, sorted by kind then slug.
    pub entities: Arc<Table<EntityId, Entity>>,
    /// For each article, its entities, most mentioned first.
    pub entities_of: Arc<Table<ArticleId, Vec<EntityRef>>>,
    /// For each article, the entity (if known) that said each of its quotes.
    pub speakers: Arc<Table<ArticleId, Vec<Option<EntityId>>>>,
    /// For each article, related articles (never itself), best first.
    pub related: Arc<Table<ArticleId, Vec<ArticleId>>>,
    /// Versions folded into the story shown, grouped by that story in
    /// reading order, each group newest first.
    pub versions: Table<VersionId, Version>,
    /// For each article, the versions folded into it (most have none).
    pub versions_of: Table<ArticleId, Vec<VersionId>>,
    /// The own addresses of versions shown as another story, by slug.
    pub moved: Vec<moved::Moved>,
    /// Stories not yet due, soonest first: left out of every page.
    pub held: Vec<Held>,
    /// The standalone pages of `pages/`, in footer order (the pipeline
    /// adds them: they take no part in ordering or linking the stories).
    pub pages: Vec<pages::StandalonePage>,
}

/// Another version of a story shown: a copy, a lightly edited copy or a
/// retitled one. Its own address only sends readers on ([`moved`]); the
/// story shown takes the permalink of the first version published.
#[derive(Debug, Clone)]
pub struct Version {
    /// The version as it was filed.
    pub article: Arc<Article>,
    /// The story it is folded into.
    pub of: ArticleId,
    /// How similar its text is to that story's (0 to 1).
    pub similarity: f64,
    /// Whether it is identical to that story (same title and text).
    pub exact: bool,
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

/// Orders, groups and links `articles`, holding back those not yet due at
/// `settings.now` and folding versions of one story. Returns warnings for
/// slug clashes, exact copies and tags that cannot be turned into a URL.
pub fn build(articles: Vec<Arc<Article>>, settings: &Settings) -> (Digest, Vec<Diagnostic>) {
    build_timed(articles, settings, &Timings::new())
}

/// [`build`], recording the time of its steps ("digest", "duplicates" (the
/// search for versions of one story, left out of "digest"), "corpus pass",
/// "related") in `timings`.
pub fn build_timed(
    articles: Vec<Arc<Article>>,
    settings: &Settings,
    timings: &Timings,
) -> (Digest, Vec<Diagnostic>) {
    let (digest, diagnostics, _) = build_reusing(articles, settings, None, timings);
    (digest, diagnostics)
}

/// [`build_timed`], taking the corpus pass and the related stories from
/// `memo` (the previous digest's) when no article gives them other inputs;
/// also returns the memo for the next digest.
pub fn build_reusing(
    articles: Vec<Arc<Article>>,
    settings: &Settings,
    memo: Option<&CorpusMemo>,
    timings: &Timings,
) -> (Digest, Vec<Diagnostic>, CorpusMemo) {
    let started = Instant::now();
    let (mut articles, held) = schedule::hold_back(articles, settings.now, settings.future);
    let mut diagnostics = assign_unique_slugs(&mut articles);
    diagnostics.extend(held.iter().map(Held::note));
    let searching = Instant::now();
    let pairs = duplicates::pairs(&articles, settings.duplicate_threshold);
    let searched = searching.elapsed();
    let (mut stories, fold_diagnostics) = fold::fold(articles, &pairs);
    diagnostics.extend(fold_diagnostics);
    let length = settings.length;
    stories.sort_by(|a, b| {
        let (a, b) = (&a.shown, &b.shown);
        editions::start_of(b.date, length)
            .cmp(&editions::start_of(a.date, length))
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| cmp_option_first(a.weight, b.weight))
            .then_with(|| cmp_option_first(a.rank, b.rank))
            .then_with(|| path_bytes(a).cmp(path_bytes(b)))
    });
    let moved = moved_addresses(&stories);
    let (articles, folded): (Vec<_>, Vec<_>) =
        stories.into_iter().map(|s| (s.shown, s.folded)).unzip();
    let (versions, versions_of) = version_tables(folded);
    let (editions, edition_of) = editions::group(&articles, length);
    let (tags, tags_of, tag_diagnostics) = collect_tags(&articles);
    diagnostics.extend(tag_diagnostics);
    timings.stage("digest", started.elapsed().saturating_sub(searched));
    timings.stage("duplicates", searched);
    let kept = memo.and_then(|m| Some((m, m.entities_for(&articles)?)));
    let kept_memo = kept.as_ref().map(|(m, _)| *m);
    let (words, (entities, entities_of, speakers)) = timings.time("corpus pass", || match kept {
        Some((m, shared)) => (Arc::clone(&m.words), shared),
        None => {
            let (resolved, words) = entities::resolve_with_words(&articles);
            let shared = (
                Arc::new(resolved.entities),
                Arc::new(resolved.entities_of),
                Arc::new(resolved.speakers),
            );
            (Arc::new(words), shared)
        }
    });
    let related = timings.time("related", || {
        kept_memo
            .and_then(|m| m.related_for(&tags_of))
            .unwrap_or_else(|| Arc::new(related::related(&entities_of, &tags_of)))
    });
    let digest = Digest {
        articles: articles.into(),
        editions,
        tags,
        edition_of,
        tags_of: Arc::new(tags_of),
        entities,
        entities_of,
        speakers,
        related,
        versions,
        versions_of,
        moved,
        held,
        pages: Vec::new(),
    };
    let memo = CorpusMemo {
        articles: digest.articles.as_slice().to_vec(),
        words,
        entities: (
            Arc::clone(&digest.entities),
            Arc::clone(&digest.entities_of),
            Arc::clone(&digest.speakers),
        ),
        tags_of: Arc::clone(&digest.tags_of),
        related: Arc::clone(&digest.related),
    };
    (digest, diagnostics, memo)
}

/// Every moved address of `stories` (in reading order), sorted by slug.
fn moved_addresses(stories: &[fold::Story]) -> Vec<moved::Moved> {
    let mut moved: Vec<moved::Moved> = stories
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let own = s.own_slug.as_deref();
            moved::of_story(ArticleId::new(i), &s.shown, own, &s.folded)
        })
        .collect();
    moved.sort_by(|a, b| a.slug.cmp(&b.slug));
    moved
}

/// The versions table and each article's versions in it, from each
/// article's folded versions in reading order.
fn version_tables(
    folded: Vec<Vec<fold::Folded>>,
) -> (Table<VersionId, Version>, Table<ArticleId, Vec<VersionId>>) {
    let mut versions = Vec::new();
    let mut versions_of = Vec::with_capacity(folded.len());
    for (i, group) in folded.into_iter().enumerate() {
        let mut ids = Vec::with_capacity(group.len());
        for f in group {
            ids.push(VersionId::new(versions.len()));
            versions.push(Version {
                article: f.article,
                of: ArticleId::new(i),
                similarity: f.similarity,
                exact: f.exact,
            });
        }
        versions_of.push(ids);
    }
    (versions.into(), versions_of.into())
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
        // A suffixed permalink depends on another file staying where it
        // is: say so, whether the slug was given or came from the name.
        let help = if article.slug_given {
            "give each article its own slug"
        } else {
            "rename one of the files, or give this one a slug"
        };
        diagnostics.push(
            Diagnostic::warning(
                Location::file(&article.source_path),
                format!("slug {:?} is already taken; using {slug:?}", article.slug),
            )
            .with_help(help),
        );
        Arc::make_mut(article).slug = slug;
    }
    diagnostics
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
    let mut id_of_name: HashMap<&str, usize> = HashMap::new();
    let mut id_of_slug: HashMap<String, usize> = HashMap::new();
    let mut found: Vec<Tag> = Vec::new();
    let mut ids_of = Vec::with_capacity(articles.len());
    let mut diagnostics = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let mut ids: Vec<usize> = Vec::with_capacity(article.tags.len());
        for name in &article.tags {
            let id = *id_of_name.entry(name.as_str()).or_insert_with(|| {
                let slug = tag_slug(name);
                let next = found.len();
                let id = *id_of_slug.entry(slug.clone()).or_insert(next);
                if id == next {
                    found.push(Tag {
                        name: name.clone(),
                        slug,
                        articles: Vec::new(),
                    });
                } else if spelling(&found[id].name) != spelling(name) {
                    diagnostics.push(Diagnostic::warning(
                        Location::file(&article.source_path),
                        format!(
                            "tag {name:?} is listed with {:?}: both make the URL tags/{slug}/",
                            found[id].name
                        ),
                    ));
                }
                id
            });
            if !ids.contains(&id) {
                found[id].articles.push(ArticleId::new(i));
                ids.push(id);
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

/// A tag's URL slug: its ASCII slug, or for a name with nothing ASCII in
/// it (`経済`) `tag-` and a hash of the name, so every tag gets a page.
fn tag_slug(name: &str) -> String {
    let slug = slugify(name, MAX_SLUG_LEN);
    if slug.is_empty() {
        let hash = xxhash_rust::xxh3::xxh3_64(name.to_lowercase().as_bytes());
        format!("tag-{:08x}", hash >> 32)
    } else {
        slug
    }
}

/// A tag name as compared for clashes: lower case, without spaces, dashes
/// and underscores ("Rust Lang" and "rust-lang" are one spelling; "C" and
/// "C++" are not).
fn spelling(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
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
        super::build(
            articles.into_iter().map(Arc::new).collect(),
            &Settings::default(),
        )
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
            // Each story its own text: the same text would fold them.
            body: std::sync::Arc::new(Body::Text {
                paragraphs: vec![format!("Story {path} alone.")],
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
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].location.path, Path::new("new"));
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
        assert_eq!(diagnostics.len(), 2);
    }

    #[test]
    fn tags_merge_by_slug_in_reading_order() {
        let mut a = article("a", 1, None, "a");
        a.tags = vec!["Rust Lang".into(), "北京".into()];
        let mut b = article("b", 2, None, "b");
        b.tags = vec!["rust-lang".into()];
        let (digest, diagnostics) = build(vec![a, b]);
        assert_eq!(digest.tags.len(), 2, "北京 has a page of its own");
        let tag = digest.tag("rust-lang").unwrap();
        assert_eq!(tag.name, "rust-lang");
        assert_eq!(indices(&tag.articles), vec![0, 1]);
        let tags_of: Vec<Vec<usize>> = digest
            .tags_of
            .iter()
            .map(|tags| tags.iter().map(|t| t.index()).collect())
            .collect();
        assert_eq!(tags_of, vec![vec![0], vec![0, 1]]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn non_latin_tags_get_a_page_and_distinct_names_sharing_a_url_warn() {
        let mut a = article("a", 1, None, "a");
        a.tags = vec!["経済".into(), "C".into(), "C++".into()];
        let (digest, diagnostics) = build(vec![a]);
        let slugs: Vec<&str> = digest.tags.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs.len(), 2, "{slugs:?}");
        assert!(slugs.contains(&"c"));
        assert!(slugs.iter().any(|s| s.starts_with("tag-")), "{slugs:?}");
        assert_eq!(tag_slug("経済"), tag_slug("経済"));
        assert_ne!(tag_slug("経済"), tag_slug("港湾"));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].message.contains("C++"), "{diagnostics:?}");
    }

    fn with_text(mut a: Article, title: &str, text: &str) -> Article {
        a.title = title.to_string();
        a.body = Arc::new(Body::Text {
            paragraphs: text.split('\n').map(str::to_string).collect(),
        });
        a
    }

    const WIRE: &str = "Rescue teams reached the flooded villages of the northern valley on Tuesday after two days of heavy rain cut the only road.\nThe regional governor said four hundred people had been moved to schools in the district capital and that more buses were on the way.";

    #[test]
    fn versions_fold_into_the_newest_and_exact_copies_warn() {
        let first = with_text(article("seeds/a.txt", 1, None, "a"), "Floods", WIRE);
        let copy = with_text(article("seeds/b.txt", 1, None, "b"), "Floods", WIRE);
        let retitled = with_text(
            article("seeds/c.txt", 2, None, "c"),
            "Villages cut off",
            WIRE,
        );
        let other = with_text(
            article("seeds/d.txt", 2, None, "d"),
            "Floods",
            "The flood defences of the northern valley will cost more than planned, the regional governor said.",
        );
        let (digest, diagnostics) = build(vec![first, copy, retitled, other]);
        // The newest version (c) is shown, under the first version's
        // permalink (a): the address given out first keeps working.
        let shown: Vec<(&str, &str)> = digest
            .articles
            .iter()
            .map(|a| (a.source_path.to_str().unwrap(), a.slug.as_str()))
            .collect();
        assert_eq!(shown, vec![("seeds/c.txt", "a"), ("seeds/d.txt", "d")]);
        let folded: Vec<(&str, bool)> = digest.versions_of[ArticleId::new(0)]
            .iter()
            .map(|&v| {
                let version = &digest.versions[v];
                assert_eq!(version.of, ArticleId::new(0));
                (version.article.slug.as_str(), version.exact)
            })
            .collect();
        assert_eq!(folded, vec![("a", false), ("b", false)]);
        assert!(digest.versions_of[ArticleId::new(1)].is_empty());
        // Every other address a version had sends readers to the story
        // shown: the copy's, and the shown version's own.
        let moved: Vec<(&str, &str, ArticleId)> = digest
            .moved
            .iter()
            .map(|m| (m.slug.as_str(), m.filed_as.as_str(), m.to))
            .collect();
        assert_eq!(
            moved,
            vec![
                ("b", "Floods", ArticleId::new(0)),
                ("c", "Villages cut off", ArticleId::new(0))
            ]
        );
        let (notes, warnings): (Vec<_>, Vec<_>) = diagnostics.iter().partition(|d| d.is_note());
        assert_eq!(warnings.len(), 1, "{diagnostics:?}");
        assert_eq!(warnings[0].location.path, Path::new("seeds/b.txt"));
        assert!(warnings[0].message.contains("seeds/a.txt"));
        let noted: Vec<_> = notes.iter().map(|n| n.location.path.clone()).collect();
        assert_eq!(
            noted,
            vec![Path::new("seeds/a.txt"), Path::new("seeds/b.txt")]
        );
        assert!(
            notes[0].message.contains("folded into seeds/c.txt"),
            "{notes:?}"
        );
    }

    #[test]
    fn stories_not_yet_due_are_held_unless_the_future_is_asked_for() {
        let past = article("seeds/past.txt", 1, None, "past");
        let due = past.published;
        let future = article("seeds/future.txt", 9, None, "future");
        let settings = Settings {
            now: due,
            ..Settings::default()
        };
        let (digest, _) = super::build(
            vec![Arc::new(past.clone()), Arc::new(future.clone())],
            &settings,
        );
        assert_eq!(digest.articles.len(), 1);
        assert_eq!(digest.held.len(), 1);
        assert_eq!(digest.held[0].source_path, Path::new("seeds/future.txt"));
        assert_eq!(digest.held[0].due, future.published);
        let preview = Settings {
            future: true,
            ..settings
        };
        let (digest, _) = super::build(vec![Arc::new(past), Arc::new(future)], &preview);
        assert_eq!((digest.articles.len(), digest.held.len()), (2, 0));
    }

    #[test]
    fn week_editions_hold_monday_to_sunday_newest_day_first() {
        let settings = Settings {
            length: EditionLength::Week,
            ..Settings::default()
        };
        // 6 July 2025 is a Sunday; 7 to 13 July is one week.
        let articles = [
            (6, "sun"),
            (7, "mon"),
            (12, "sat"),
            (13, "sun2"),
            (14, "mon2"),
        ]
        .map(|(day, slug)| Arc::new(article(slug, day, None, slug)))
        .to_vec();
        let (digest, _) = super::build(articles, &settings);
        let editions: Vec<(jiff::civil::Date, jiff::civil::Date, Vec<&str>)> = digest
            .editions
            .iter()
            .map(|e| {
                let slugs = e
                    .articles
                    .iter()
                    .map(|&i| digest.articles[i].slug.as_str())
                    .collect();
                (e.date, e.last, slugs)
            })
            .collect();
        assert_eq!(
            editions,
            vec![
                (date(2025, 7, 14), date(2025, 7, 20), vec!["mon2"]),
                (
                    date(2025, 7, 7),
                    date(2025, 7, 13),
                    vec!["sun2", "sat", "mon"]
                ),
                (date(2025, 6, 30), date(2025, 7, 6), vec!["sun"]),
            ]
        );
    }
}
