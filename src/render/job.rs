//! What the renderer is asked for and what it gives back: a [`Job`] names
//! one page or file of the site, a [`RenderedPage`] is its bytes and output
//! path. A leaf of `render`, so every part of it (and `incremental`) can
//! name pages without importing the renderer.

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// The front page.
    Index,
    /// Article `i` of the digest.
    Article(usize),
    /// Edition `e` of the digest.
    Edition(usize),
    /// The editions archive.
    Editions,
    /// Tag `t` of the digest.
    Tag(usize),
    /// The tag list.
    Tags,
    /// The not-found page.
    NotFound,
    /// `atom.xml`.
    AtomFeed,
    /// `rss.xml`.
    RssFeed,
    /// `feed.json`.
    JsonFeed,
    /// `sitemap.xml`.
    Sitemap,
    /// Tag `t`'s Atom feed.
    TagFeed(usize),
    /// Entity `e` of the digest (a person, place or organisation).
    Entity(usize),
    /// The index of people, places and organisations.
    Entities,
    /// The search page.
    Search,
    /// `digest.json`.
    DigestJson,
    /// `search-index.json`.
    SearchIndex,
}

/// A rendered page and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The page's bytes.
    pub bytes: Vec<u8>,
}
