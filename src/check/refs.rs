//! What a scanner finds in one output file: the ids it defines and the
//! URLs it references. A leaf: the HTML, XML and JSON scanners fill these
//! in and the site check reads them.

use std::collections::BTreeSet;

use super::problem::Kind;

/// The ids a page defines and the URLs it references.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageRefs {
    /// Every `id` (and `<a name>`) on the page.
    pub ids: BTreeSet<String>,
    /// Every `href`, `src` and `srcset` URL, and the page's own Open Graph
    /// URLs, in document order.
    pub links: Vec<String>,
    /// Ids defined more than once, in document order.
    pub duplicate_ids: Vec<String>,
}

/// The URLs a feed, sitemap or other data file references, and what is
/// wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocRefs {
    /// The URLs, in document order.
    pub links: Vec<DocLink>,
    /// Problems found while reading it (malformed, duplicate ids…).
    pub problems: Vec<Kind>,
}

/// A URL found in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocLink {
    /// The URL as written.
    pub url: String,
    /// The URL it is relative to (a feed entry's page), when not the file
    /// itself.
    pub base: Option<String>,
}
