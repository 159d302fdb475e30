//! What the renderer is asked for and what it gives back: a [`Job`] names
//! one page or file of the site, a [`RenderedPage`] is its bytes and output
//! path. [`Job::all`] lists every page a digest needs and [`Job::route`]
//! says where each goes. A leaf of `render`, so every part of it (and
//! `incremental`) can name pages without importing the renderer.

use super::paging::{EDITION_STORIES, INDEX_ENTITIES, LIST_STORIES, page_count};
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, EditionId, EntityId, TagId};
use crate::urls;

/// One page or file to render. The three kinds are rendered by different
/// code, so each has its own enum and every match over one is exhaustive:
/// a new page kind cannot fall through to another kind's template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// An HTML page of the stories.
    Page(Page),
    /// A feed or the sitemap: machine-read lists of pages.
    Feed(Feed),
    /// A page or file for finding stories by who and what they are about:
    /// entity pages and their index, search, `digest.json`.
    Lookup(Lookup),
    /// An edition made for another medium: email or paper.
    Edition(EditionFile),
}

/// An edition made for another medium than the web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EditionFile {
    /// `editions/DATE/email.html`: the edition as one self-contained email.
    Email(EditionId),
    /// `editions/DATE/email.txt`: the email's plain-text alternative.
    EmailText(EditionId),
    /// `editions/DATE/print/`: every story of the edition, for paper.
    Print(EditionId),
}

/// An HTML page of the stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    /// The front page.
    Index,
    /// One article's page.
    Article(ArticleId),
    /// Page `n` (from 1) of one edition's stories.
    Edition(EditionId, u32),
    /// The editions archive.
    Editions,
    /// Page `n` (from 1) of one tag's stories.
    Tag(TagId, u32),
    /// The tag list.
    Tags,
    /// The not-found page.
    NotFound,
    /// One standalone page of `pages/` (an index into `Digest::pages`).
    Standalone(usize),
    /// The own address of a version shown as another story (an index into
    /// `Digest::moved`): a small page sending readers on to the story
    /// shown, so a link given out before the fold keeps working.
    Moved(usize),
}

/// A feed or the sitemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feed {
    /// `atom.xml`.
    Atom,
    /// `rss.xml`.
    Rss,
    /// `feed.json`.
    Json,
    /// One tag's Atom feed.
    Tag(TagId),
    /// `sitemap.xml`.
    Sitemap,
}

/// A page or file of the briefing layer's lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lookup {
    /// Page `n` (from 1) of the stories naming one person, place or
    /// organisation.
    Entity(EntityId, u32),
    /// Page `n` (from 1) of the index of people, places and
    /// organisations.
    Entities(u32),
    /// The search page.
    Search,
    /// `digest.json`.
    DigestJson,
    /// `search-index.json`.
    SearchIndex,
}

impl Job {
    /// Every page the digest needs, in a fixed order.
    pub fn all(digest: &Digest) -> Vec<Job> {
        let mut jobs = vec![
            Job::Page(Page::Index),
            Job::Page(Page::Editions),
            Job::Page(Page::Tags),
            Job::Page(Page::NotFound),
        ];
        jobs.extend((0..digest.pages.len()).map(|p| Job::Page(Page::Standalone(p))));
        jobs.extend([Feed::Atom, Feed::Rss, Feed::Json, Feed::Sitemap].map(Job::Feed));
        jobs.extend(digest.articles.ids().map(|i| Job::Page(Page::Article(i))));
        jobs.extend((0..digest.moved.len()).map(|m| Job::Page(Page::Moved(m))));
        for (e, edition) in digest.editions.enumerate() {
            let pages = page_count(edition.articles.len(), EDITION_STORIES);
            jobs.extend((1..=pages).map(|n| Job::Page(Page::Edition(e, n))));
            jobs.extend(
                [
                    EditionFile::Email,
                    EditionFile::EmailText,
                    EditionFile::Print,
                ]
                .map(|file| Job::Edition(file(e))),
            );
        }
        for (t, tag) in digest.tags.enumerate() {
            let pages = page_count(tag.articles.len(), LIST_STORIES);
            jobs.extend((1..=pages).map(|n| Job::Page(Page::Tag(t, n))));
        }
        jobs.extend(digest.tags.ids().map(|t| Job::Feed(Feed::Tag(t))));
        let index_pages = page_count(digest.entities.len(), INDEX_ENTITIES);
        jobs.extend((1..=index_pages).map(|n| Job::Lookup(Lookup::Entities(n))));
        jobs.extend([Lookup::Search, Lookup::DigestJson, Lookup::SearchIndex].map(Job::Lookup));
        for (e, entity) in digest.entities.enumerate() {
            let pages = page_count(entity.articles.len(), LIST_STORIES);
            jobs.extend((1..=pages).map(|n| Job::Lookup(Lookup::Entity(e, n))));
        }
        jobs
    }

    /// The name of the template that renders this job (a data file's own
    /// name for the files written without one).
    pub fn template(self) -> &'static str {
        match self {
            Job::Page(page) => match page {
                Page::Index => "index.html",
                Page::Article(_) => "article.html",
                Page::Edition(..) => "edition.html",
                Page::Editions => "editions.html",
                Page::Tag(..) => "tag.html",
                Page::Tags => "tags.html",
                Page::NotFound => "404.html",
                Page::Standalone(_) => "page.html",
                Page::Moved(_) => "moved.html",
            },
            Job::Feed(feed) => match feed {
                Feed::Atom | Feed::Tag(_) => "atom.xml",
                Feed::Rss => "rss.xml",
                Feed::Json => "feed.json",
                Feed::Sitemap => "sitemap.xml",
            },
            Job::Lookup(lookup) => match lookup {
                Lookup::Entity(..) => "entity.html",
                Lookup::Entities(_) => "entities.html",
                Lookup::Search => "search.html",
                Lookup::DigestJson => "digest.json",
                Lookup::SearchIndex => "search-index.json",
            },
            Job::Edition(file) => match file {
                EditionFile::Email(_) => "email.html",
                EditionFile::EmailText(_) => "email.txt",
                EditionFile::Print(_) => "print.html",
            },
        }
    }

    /// The route of this job's page.
    pub fn route(self, digest: &Digest) -> String {
        match self {
            Job::Page(page) => page.route(digest),
            Job::Feed(feed) => feed.route(digest),
            Job::Lookup(lookup) => lookup.route(digest),
            Job::Edition(file) => file.route(digest),
        }
    }
}

impl EditionFile {
    /// The edition it is made from.
    pub fn edition(self) -> EditionId {
        match self {
            EditionFile::Email(e) | EditionFile::EmailText(e) | EditionFile::Print(e) => e,
        }
    }

    fn route(self, digest: &Digest) -> String {
        let date = digest.editions[self.edition()].date;
        match self {
            EditionFile::Email(_) => urls::edition_email_route(date),
            EditionFile::EmailText(_) => urls::edition_email_text_route(date),
            EditionFile::Print(_) => urls::edition_print_route(date),
        }
    }
}

impl Page {
    fn route(self, digest: &Digest) -> String {
        match self {
            Page::Index => String::new(),
            Page::Article(i) => urls::article_route(&digest.articles[i].slug),
            Page::Edition(e, n) => {
                urls::paged_route(&urls::edition_route(digest.editions[e].date), n)
            }
            Page::Editions => urls::EDITIONS_ROUTE.to_string(),
            Page::Tag(t, n) => urls::paged_route(&urls::tag_route(&digest.tags[t].slug), n),
            Page::Tags => urls::TAGS_ROUTE.to_string(),
            Page::NotFound => urls::NOT_FOUND_ROUTE.to_string(),
            Page::Standalone(p) => digest
                .pages
                .get(p)
                .map_or_else(String::new, |page| urls::standalone_route(&page.slug)),
            Page::Moved(m) => digest
                .moved
                .get(m)
                .map_or_else(String::new, |moved| urls::article_route(&moved.slug)),
        }
    }
}

impl Feed {
    fn route(self, digest: &Digest) -> String {
        match self {
            Feed::Atom => urls::ATOM_ROUTE.to_string(),
            Feed::Rss => urls::RSS_ROUTE.to_string(),
            Feed::Json => urls::JSON_FEED_ROUTE.to_string(),
            Feed::Tag(t) => urls::tag_feed_route(&digest.tags[t].slug),
            Feed::Sitemap => urls::SITEMAP_ROUTE.to_string(),
        }
    }
}

impl Lookup {
    fn route(self, digest: &Digest) -> String {
        match self {
            Lookup::Entity(e, n) => {
                let entity = &digest.entities[e];
                urls::paged_route(&urls::entity_route(entity.kind, &entity.slug), n)
            }
            Lookup::Entities(n) => urls::paged_route(urls::ENTITIES_ROUTE, n),
            Lookup::Search => urls::SEARCH_ROUTE.to_string(),
            Lookup::DigestJson => urls::DIGEST_JSON_ROUTE.to_string(),
            Lookup::SearchIndex => urls::SEARCH_INDEX_ROUTE.to_string(),
        }
    }
}

/// A rendered page and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The page's bytes.
    pub bytes: Vec<u8>,
}
