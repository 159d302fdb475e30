//! What is new and what was filed more than once: which of the front
//! page's stories are new since the previous edition, the versions a folded
//! story lists, and where a folded version's own address sends readers.
//!
//! Pure view pieces built from the digest, display-ready like the rest of
//! `views`. A story on the front page is *new* when no version of it was
//! dated in or before the previous edition; otherwise it *continues* a
//! story an earlier edition carried (a later version folded into it).

use serde::Serialize;

use super::format::{Link, display_date, edition_label, iso_date};
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, EditionId, Id};
use crate::digest::moved::Moved;
use crate::urls;
use crate::urls::Urls;

/// What the front page says is new in the latest edition.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WhatIsNew {
    /// How many of the latest edition's stories are new.
    pub count: usize,
    /// The previous edition, which "new" is counted from.
    pub since: Link,
    /// The links of the new stories among those shown: the others shown
    /// continue a story an earlier edition carried.
    pub stories: Vec<String>,
}

/// One version of a folded story, as its article page lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionView<'a> {
    /// Its headline as filed.
    pub title: &'a str,
    /// Its outlet, when it names one.
    pub source: Option<&'a str>,
    /// Its link to the original, when it has one.
    pub source_url: Option<&'a str>,
    /// Its source file, relative to the site root.
    pub file: String,
    /// Its date for display.
    pub date: String,
    /// Its date for `<time datetime>`.
    pub date_iso: String,
    /// Whether this is the version shown on the page.
    pub shown: bool,
}

/// Whether story `i` is new since the edition before the latest: none of
/// its versions is dated on or before that edition's last day.
pub(crate) fn is_new(digest: &Digest, i: ArticleId) -> bool {
    let Some(previous) = digest.editions.get(EditionId::new(1)) else {
        return false;
    };
    let versions = digest.versions_of.get(i).into_iter().flatten();
    let earliest = versions
        .map(|&v| digest.versions[v].article.date)
        .chain(std::iter::once(digest.articles[i].date))
        .min();
    earliest.is_some_and(|d| d > previous.last)
}

/// What is new in the latest edition, when there is an edition before it;
/// `shown` are the stories the front page shows.
pub(crate) fn what_is_new(digest: &Digest, shown: &[ArticleId], urls: &Urls) -> Option<WhatIsNew> {
    let latest = digest.editions.get(EditionId::new(0))?;
    let previous = digest.editions.get(EditionId::new(1))?;
    Some(WhatIsNew {
        count: latest
            .articles
            .iter()
            .filter(|&&i| is_new(digest, i))
            .count(),
        stories: shown
            .iter()
            .filter(|&&i| is_new(digest, i))
            .map(|&i| urls.article_link(&digest.articles[i].slug))
            .collect(),
        since: Link {
            label: edition_label(previous.date, previous.last),
            url: urls.link(&urls::edition_route(previous.date)),
        },
    })
}

/// Every version of story `i` (the one shown first, then the others newest
/// first), or nothing when it was filed once.
pub(crate) fn versions(digest: &Digest, i: ArticleId) -> Vec<VersionView<'_>> {
    let folded = digest.versions_of.get(i).map_or(&[][..], Vec::as_slice);
    if folded.is_empty() {
        return Vec::new();
    }
    let others = folded.iter().map(|&v| (&digest.versions[v].article, false));
    std::iter::once((&digest.articles[i], true))
        .chain(others)
        .map(|(a, shown)| VersionView {
            title: &a.title,
            source: a.source.as_deref(),
            source_url: a.source_url.as_deref(),
            file: a.source_path.to_string_lossy().replace('\\', "/"),
            date: display_date(a.date),
            date_iso: iso_date(a.date),
            shown,
        })
        .collect()
}

/// The page at a folded version's own address: where the story is shown
/// now.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MovedView<'a> {
    /// The headline of the story shown.
    pub title: &'a str,
    /// The headline the version was filed under.
    pub filed_as: &'a str,
    /// The story shown's link within the site (the refresh and the
    /// visible link, so a preview stays on its own host).
    pub link: String,
    /// The story shown's absolute URL (the canonical link).
    pub url: String,
}

/// Where the moved address `moved` sends readers.
pub(crate) fn moved<'a>(digest: &'a Digest, moved: &'a Moved, urls: &Urls) -> MovedView<'a> {
    let shown = &digest.articles[moved.to];
    MovedView {
        title: &shown.title,
        filed_as: &moved.filed_as,
        link: urls.article_link(&shown.slug),
        url: urls.absolute(&urls::article_route(&shown.slug)),
    }
}
