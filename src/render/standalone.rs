//! The view of a standalone page of `pages/` (About, corrections policy),
//! and the links to every one of them that each page's footer shows.

use serde::Serialize;

use super::format::Link;
use crate::digest::Digest;
use crate::digest::pages::StandalonePage;
use crate::urls::{self, Urls};

/// A standalone page: its text comes as `body_html`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StandaloneView<'a> {
    /// Its heading.
    pub title: &'a str,
    /// Link to it.
    pub url: String,
    /// Its description, when the front matter gives a `summary`.
    pub summary: Option<&'a str>,
}

/// The view of `page` (`None` only for a job whose page is gone).
pub(crate) fn view<'a>(page: Option<&'a StandalonePage>, urls: &Urls) -> StandaloneView<'a> {
    StandaloneView {
        title: page.map_or("", |p| p.title.as_str()),
        url: page.map_or_else(String::new, |p| urls.link(&urls::standalone_route(&p.slug))),
        summary: page.and_then(|p| p.summary.as_deref()),
    }
}

/// Links to every standalone page, in footer order.
pub(crate) fn links(digest: &Digest, urls: &Urls) -> Vec<Link> {
    digest
        .pages
        .iter()
        .map(|page| Link {
            label: page.title.clone(),
            url: urls.link(&urls::standalone_route(&page.slug)),
        })
        .collect()
}
