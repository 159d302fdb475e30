//! The search page: the search box's script and index, and the newest
//! stories with the ways to browse the rest, so the page still leads to
//! every story without JavaScript (and stays small however large the
//! archive grows).

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
    /// The newest stories, in reading order: the page without JavaScript.
    pub articles: Vec<SearchStory<'a>>,
    /// How many stories are not listed (found by browsing editions, tags
    /// and entities).
    pub more: usize,
}

/// How many stories the search page lists for readers without JavaScript.
const LISTED: usize = 50;

/// The search page.
pub(crate) fn search_page<'a>(digest: &'a Digest, urls: &Urls) -> SearchView<'a> {
    SearchView {
        script_url: urls.link(urls::SEARCH_SCRIPT),
        index_url: urls.link(urls::SEARCH_INDEX_ROUTE),
        more: digest.articles.len().saturating_sub(LISTED),
        articles: digest
            .articles
            .iter()
            .take(LISTED)
            .map(|a| SearchStory {
                title: &a.title,
                url: urls.article_link(&a.slug),
                date: display_date(a.date),
            })
            .collect(),
    }
}
