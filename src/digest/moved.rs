//! Addresses that moved when versions of a story were folded.
//!
//! Pure. A folded story is shown under one permalink; every other version
//! had an address of its own (a version published before a later or
//! earlier one arrived was read there), and the story shown may have had
//! one too before it took the first version's. Each such address is kept
//! as a [`Moved`] so the renderer can give it a page sending readers on,
//! rather than a 404.

use std::sync::Arc;

use super::fold::Folded;
use super::ids::ArticleId;
use crate::enrich::Article;

/// An address that moved: a version's own slug, now shown as another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The slug the version had on its own.
    pub slug: String,
    /// The headline it was filed under.
    pub filed_as: String,
    /// The story it is shown as now.
    pub to: ArticleId,
}

/// Every moved address of story `to` (shown as `shown`, whose own slug was
/// `own_slug` before it took another) and the versions folded into it.
pub(crate) fn of_story(
    to: ArticleId,
    shown: &Arc<Article>,
    own_slug: Option<&str>,
    folded: &[Folded],
) -> Vec<Moved> {
    let own = own_slug.map(|slug| (slug, shown.title.as_str()));
    let versions = folded
        .iter()
        .map(|f| (f.article.slug.as_str(), f.article.title.as_str()));
    own.into_iter()
        .chain(versions)
        .filter(|(slug, _)| *slug != shown.slug)
        .map(|(slug, title)| Moved {
            slug: slug.to_string(),
            filed_as: title.to_string(),
            to,
        })
        .collect()
}
