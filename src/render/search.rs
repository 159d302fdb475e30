//! The search page: the search box's script and index, and every story
//! listed, so the page works as a plain list without JavaScript.

use serde::Serialize;

use super::format::display_date;
use crate::digest::Digest;
use crate::urls::{self, Urls};

/// A story as listed on the search page without JavaScript.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchStory<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to the article.
    pub url: String,
    /// Date for display.
    pub date: String,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchView<'a> {
    /// The search script.
    pub script_url: String,
    /// Where the script loads the index from.
    pub index_url: String,
    /// Every story, in reading order: the page without JavaScript.
    pub articles: Vec<SearchStory<'a>>,
}

/// The search page.
pub(crate) fn search_page<'a>(digest: &'a Digest, urls: &Urls) -> SearchView<'a> {
    SearchView {
        script_url: urls.link(urls::SEARCH_SCRIPT),
        index_url: urls.link(urls::SEARCH_INDEX_ROUTE),
        articles: digest
            .articles
            .iter()
            .map(|a| SearchStory {
                title: &a.title,
                url: urls.link(&urls::article_route(&a.slug)),
                date: display_date(a.date),
            })
            .collect(),
    }
}
