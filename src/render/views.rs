//! What templates see: display-ready view models built from the digest.
//!
//! Dates are formatted and links built here (with [`super::format`]), so
//! templates only loop and branch. Each page's context holds that page's
//! data and links to its neighbours, never the whole site.

use serde::Serialize;

use super::briefing_box::{BriefingBox, DatelineView, briefing_box, dateline};
use super::entities::card_entities;
use super::feeds::FeedLinks;
use super::format::{Link, cut, display_date, edition_label, iso_date, rfc3339};
use super::news::{self, VersionView, WhatIsNew};
use super::paging::{
    EDITION_STORIES, FRONT_HEADLINES, FRONT_STORIES, LIST_STORIES, Pager, RowStyle, dated_rows,
    page_of,
};
use super::picture_views::{MapView, edition_map};
use crate::config::SiteConfig;
use crate::digest::ids::{ArticleId, EditionId, Id, TagId};
use crate::digest::{Digest, Edition};
use crate::enrich::Article;
use crate::urls::{self, HIGHLIGHT_CSS, Urls};

/// The site-wide values every template can use as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    /// Site name.
    pub title: String,
    /// One-line description.
    pub description: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Publisher, when configured.
    pub author: Option<String>,
    /// Full base URL, ending with `/`.
    pub base_url: String,
    /// Link to the front page.
    pub home_url: String,
    /// Link to the editions archive.
    pub editions_url: String,
    /// Link to the tag list.
    pub tags_url: String,
    /// Link to the index of people, places and organisations.
    pub entities_url: String,
    /// Link to the search page.
    pub search_url: String,
    /// Link to the main stylesheet.
    pub stylesheet_url: String,
    /// Link to the code-highlighting stylesheet.
    pub highlight_url: String,
    /// Link to the site's icon (`favicon.svg`, built in unless `static/`
    /// has one).
    pub favicon_url: String,
    /// `[extra]` from `site.toml`.
    pub extra: toml::Table,
    /// Name and version of the generator, for `<meta name="generator">`.
    pub generator: String,
    /// Links to the Atom, RSS and JSON feeds.
    pub feeds: FeedLinks,
    /// The live-reload script, in `serve` mode only.
    pub live_reload: Option<String>,
}

impl SiteView {
    /// The site view for `config` published under `urls`.
    pub(crate) fn new(config: &SiteConfig, urls: &Urls) -> SiteView {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            author: config.author.clone(),
            base_url: urls.base().to_string(),
            home_url: urls.link(""),
            editions_url: urls.link(urls::EDITIONS_ROUTE),
            tags_url: urls.link(urls::TAGS_ROUTE),
            entities_url: urls.link(urls::ENTITIES_ROUTE),
            search_url: urls.link(urls::SEARCH_ROUTE),
            stylesheet_url: urls.link("style.css"),
            highlight_url: urls.link(HIGHLIGHT_CSS),
            favicon_url: urls.link(urls::FAVICON),
            extra: config.extra.clone(),
            generator: format!("briefing {}", env!("CARGO_PKG_VERSION")),
            feeds: FeedLinks::new(urls),
            live_reload: None,
        }
    }
}

/// A story as listed on the front page, an edition or a tag page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to the article page.
    pub url: String,
    /// Date for display, e.g. "12 July 2025".
    pub date: String,
    /// Date for `<time datetime>`.
    pub date_iso: String,
    /// The lede.
    pub lede: &'a str,
    /// Minutes to read.
    pub reading_minutes: u32,
    /// Its tags as links.
    pub tags: Vec<Link>,
    /// Its most mentioned people, places and organisations as links.
    pub entities: Vec<Link>,
    /// Whether it is a draft (shown only in builds with `--drafts`).
    pub draft: bool,
    /// `"rtl"` when its text runs right to left.
    pub dir: Option<&'static str>,
    /// Its language, when front matter gives one.
    pub lang: Option<&'a str>,
}

/// The longest lede an edition page shows, in characters.
const LEDE_CHARS: usize = 240;

/// A story as listed on an edition, tag or entity page: what a reader
/// scans (headline, date, link), and the lede on edition pages.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to the article page.
    pub url: String,
    /// Date for display, e.g. "12 July 2025", unless the row above shows
    /// the same.
    pub date: Option<String>,
    /// Date for `<time datetime>`.
    pub date_iso: String,
    /// The lede cut to a scannable length, on edition pages.
    pub lede: Option<String>,
    /// Whether it is a draft (shown only in builds with `--drafts`).
    pub draft: bool,
    /// `"rtl"` when its text runs right to left.
    pub dir: Option<&'static str>,
    /// Its language, when front matter gives one.
    pub lang: Option<&'a str>,
}

/// Everything an article page shows but its body, which templates get as
/// `body_html` (kept apart so a page's fingerprint need not hash it).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArticleView<'a, C> {
    /// The story's card (title, date, lede, tags…).
    pub card: C,
    /// Words of running text.
    pub word_count: usize,
    /// Byline.
    pub author: Option<&'a str>,
    /// Originating outlet.
    pub source: Option<&'a str>,
    /// Link to the original.
    pub source_url: Option<&'a str>,
    /// Publication instant, RFC 3339.
    pub published_iso: String,
    /// The story read before this one.
    pub previous: Option<Link>,
    /// The story read after this one.
    pub next: Option<Link>,
    /// Its edition.
    pub edition: Link,
    /// The dateline, shown before the text.
    pub dateline: Option<DatelineView<'a>>,
    /// The briefing box: key points, entities, quotes, key figures.
    pub briefing: BriefingBox<'a>,
    /// Stories sharing its most specific entities and tags.
    pub related: Vec<Link>,
    /// Every version of the story when it was filed more than once.
    pub versions: Vec<VersionView<'a>>,
}

/// One page of an edition: one day's stories.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EditionView<R> {
    /// The day for display.
    pub date: String,
    /// The day for `<time datetime>`.
    pub date_iso: String,
    /// Link to the edition's first page.
    pub url: String,
    /// How many stories the whole edition has.
    pub count: usize,
    /// This page's stories in order.
    pub articles: Vec<R>,
    /// The next newer edition.
    pub newer: Option<Link>,
    /// The next older edition.
    pub older: Option<Link>,
    /// Links to the edition's other pages.
    pub pager: Pager,
    /// The map of the edition's places, on its first page.
    pub map: Option<MapView>,
}

/// The newest edition as the front page shows it: its first stories in
/// full, and a link to the rest.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FrontEdition<C> {
    /// The day for display.
    pub date: String,
    /// The day for `<time datetime>`.
    pub date_iso: String,
    /// Link to the edition page.
    pub url: String,
    /// How many stories the edition has.
    pub count: usize,
    /// Its first stories.
    pub articles: Vec<C>,
    /// How many of its stories the front page leaves to the edition page.
    pub more: usize,
    /// How many stories are new since the previous edition, if any.
    pub new: Option<WhatIsNew>,
    /// The map of the edition's places.
    pub map: Option<MapView>,
}

/// An edition as listed in the archive or under the front page (only the
/// front page lists its first headlines; the archive leaves `articles`
/// empty).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EditionSummary {
    /// The day for display.
    pub date: String,
    /// The day for `<time datetime>`.
    pub date_iso: String,
    /// Link to the edition page.
    pub url: String,
    /// How many stories it has.
    pub count: usize,
    /// Its first headlines as links.
    pub articles: Vec<Link>,
    /// How many stories are not listed here.
    pub more: usize,
}

/// The front page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndexView<C> {
    /// The newest edition's first stories, when there is any article.
    pub latest: Option<FrontEdition<C>>,
    /// The editions before it (up to the configured number).
    pub earlier: Vec<EditionSummary>,
    /// Whether the archive has more editions than are listed here.
    pub more_editions: bool,
    /// Total stories in the digest.
    pub article_count: usize,
}

/// One page of a tag's stories.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagView<'a, R> {
    /// The tag.
    pub name: &'a str,
    /// How many stories carry it.
    pub count: usize,
    /// This page's stories, newest first.
    pub articles: Vec<R>,
    /// Links to the tag's other pages.
    pub pager: Pager,
}

/// A tag as listed on the tag index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagSummary<'a> {
    /// The tag.
    pub name: &'a str,
    /// Link to its page.
    pub url: String,
    /// How many stories carry it.
    pub count: usize,
}

/// The card of article `i`.
pub(crate) fn card<'a>(digest: &'a Digest, i: ArticleId, urls: &Urls) -> Card<'a> {
    let a = &digest.articles[i];
    Card {
        title: &a.title,
        url: urls.article_link(&a.slug),
        date: display_date(a.date),
        date_iso: iso_date(a.date),
        lede: &a.lede,
        reading_minutes: a.reading_minutes,
        tags: digest.tags_of[i]
            .iter()
            .map(|&t| Link {
                label: digest.tags[t].name.clone(),
                url: urls.link(&urls::tag_route(&digest.tags[t].slug)),
            })
            .collect(),
        entities: card_entities(digest, i, urls),
        draft: a.draft,
        dir: dir(a),
        lang: a.lang.as_deref(),
    }
}

/// `"rtl"` for a story whose text runs right to left.
fn dir(a: &Article) -> Option<&'static str> {
    a.rtl.then_some("rtl")
}

fn article_link(article: &Article, urls: &Urls) -> Link {
    Link {
        label: article.title.clone(),
        url: urls.article_link(&article.slug),
    }
}

fn edition_link(edition: &Edition, urls: &Urls) -> Link {
    Link {
        label: edition_label(edition.date, edition.last),
        url: urls.link(&urls::edition_route(edition.date)),
    }
}

/// The article page of article `i`, its own card made by `card`.
pub(crate) fn article<'a, C>(
    digest: &'a Digest,
    i: ArticleId,
    urls: &Urls,
    card: impl Fn(ArticleId) -> C,
) -> ArticleView<'a, C> {
    let a = &digest.articles[i];
    let edition = &digest.editions[digest.edition_of[i]];
    ArticleView {
        card: card(i),
        word_count: a.word_count,
        author: a.author.as_deref(),
        source: a.source.as_deref(),
        source_url: a.source_url.as_deref(),
        published_iso: rfc3339(a.published),
        previous: digest.previous(i).map(|p| article_link(p, urls)),
        next: digest.next(i).map(|n| article_link(n, urls)),
        edition: edition_link(edition, urls),
        dateline: dateline(digest, i, urls),
        briefing: briefing_box(digest, i, urls),
        related: related(digest, i, urls),
        versions: news::versions(digest, i),
    }
}

/// The related stories of article `i`, as links.
pub(crate) fn related(digest: &Digest, i: ArticleId, urls: &Urls) -> Vec<Link> {
    digest
        .related
        .get(i)
        .into_iter()
        .flatten()
        .map(|&j| {
            let a = &digest.articles[j];
            Link {
                label: a.title.clone(),
                url: urls.article_link(&a.slug),
            }
        })
        .collect()
}

/// The row of article `i`, shown in `style`.
pub(crate) fn row<'a>(digest: &'a Digest, i: ArticleId, urls: &Urls, style: RowStyle) -> Row<'a> {
    let a = &digest.articles[i];
    Row {
        title: &a.title,
        url: urls.article_link(&a.slug),
        date: style.dated.then(|| display_date(a.date)),
        date_iso: iso_date(a.date),
        lede: style.lede.then(|| cut(&a.lede, LEDE_CHARS)),
        draft: a.draft,
        dir: dir(a),
        lang: a.lang.as_deref(),
    }
}

/// Page `page` of edition `e`, each story's row made by `row`.
pub(crate) fn edition<R>(
    digest: &Digest,
    e: EditionId,
    page: u32,
    urls: &Urls,
    row: impl Fn(ArticleId) -> R,
) -> EditionView<R> {
    let edition = &digest.editions[e];
    let route = urls::edition_route(edition.date);
    EditionView {
        date: edition_label(edition.date, edition.last),
        date_iso: iso_date(edition.date),
        url: urls.link(&route),
        count: edition.articles.len(),
        articles: page_of(&edition.articles, page, EDITION_STORIES)
            .iter()
            .map(|&i| row(i))
            .collect(),
        newer: e
            .index()
            .checked_sub(1)
            .and_then(|n| digest.editions.get(EditionId::new(n)))
            .map(|n| edition_link(n, urls)),
        older: digest
            .editions
            .get(EditionId::new(e.index() + 1))
            .map(|o| edition_link(o, urls)),
        pager: Pager::new(&route, page, edition.articles.len(), EDITION_STORIES, urls),
        map: (page == 1).then(|| edition_map(digest, e, urls)).flatten(),
    }
}

/// Edition `e` with its first `headlines` headlines.
pub(crate) fn edition_summary(
    digest: &Digest,
    e: EditionId,
    urls: &Urls,
    headlines: usize,
) -> EditionSummary {
    let edition = &digest.editions[e];
    let listed = edition.articles.len().min(headlines);
    EditionSummary {
        date: edition_label(edition.date, edition.last),
        date_iso: iso_date(edition.date),
        url: urls.link(&urls::edition_route(edition.date)),
        count: edition.articles.len(),
        articles: edition.articles[..listed]
            .iter()
            .map(|&i| article_link(&digest.articles[i], urls))
            .collect(),
        more: edition.articles.len() - listed,
    }
}

/// The front page: the newest edition's first stories, then up to
/// `earlier` older editions' first headlines.
pub(crate) fn index<C>(
    digest: &Digest,
    earlier: usize,
    urls: &Urls,
    card: impl Fn(ArticleId) -> C,
) -> IndexView<C> {
    let listed = digest.editions.len().saturating_sub(1).min(earlier);
    let newest = EditionId::new(0);
    let latest = digest.editions.get(newest).map(|edition| {
        let shown = edition.articles.len().min(FRONT_STORIES);
        FrontEdition {
            date: edition_label(edition.date, edition.last),
            date_iso: iso_date(edition.date),
            url: urls.link(&urls::edition_route(edition.date)),
            count: edition.articles.len(),
            articles: edition.articles[..shown].iter().map(|&i| card(i)).collect(),
            more: edition.articles.len() - shown,
            new: news::what_is_new(digest, &edition.articles[..shown], urls),
            map: edition_map(digest, newest, urls),
        }
    });
    IndexView {
        latest,
        earlier: (1..=listed)
            .map(|e| edition_summary(digest, EditionId::new(e), urls, FRONT_HEADLINES))
            .collect(),
        more_editions: digest.editions.len() > listed + 1,
        article_count: digest.articles.len(),
    }
}

/// Page `page` of tag `t`, each story's row made by `row` (told whether
/// to show the date).
pub(crate) fn tag<'a, R>(
    digest: &'a Digest,
    t: TagId,
    page: u32,
    urls: &Urls,
    row: impl Fn(ArticleId, bool) -> R,
) -> TagView<'a, R> {
    let tag = &digest.tags[t];
    let stories = page_of(&tag.articles, page, LIST_STORIES).iter().copied();
    TagView {
        name: &tag.name,
        count: tag.articles.len(),
        articles: dated_rows(digest, stories, row),
        pager: Pager::new(
            &urls::tag_route(&tag.slug),
            page,
            tag.articles.len(),
            LIST_STORIES,
            urls,
        ),
    }
}

/// The tag list.
pub(crate) fn tags<'a>(digest: &'a Digest, urls: &Urls) -> Vec<TagSummary<'a>> {
    digest
        .tags
        .iter()
        .map(|t| TagSummary {
            name: &t.name,
            url: urls.link(&urls::tag_route(&t.slug)),
            count: t.articles.len(),
        })
        .collect()
}
