//! Long listings split into numbered pages: how many stories a page holds,
//! which stories page `n` shows, and the pager that links the pages.
//!
//! Page 1 of a listing lives at its own route (`tags/x/`); page `n` at
//! `ROUTE/page/N/`. Every page links the previous and next one (`rel=prev`,
//! `rel=next`, in the head and in the pager), the first and the last, and
//! the numbers around the current one, so every story is reachable from
//! the first page by following links and no page grows with the archive.
//! A listing's rows show each date once, on the first of its stories on
//! the page. A leaf of `render`: it imports only the digest and `urls`.

use serde::Serialize;

use crate::digest::Digest;
use crate::digest::ids::ArticleId;
use crate::urls::{self, Urls};

/// Stories an edition page lists (headline and lede).
pub(crate) const EDITION_STORIES: usize = 100;

/// Stories a tag or entity page lists (headline, date, link).
pub(crate) const LIST_STORIES: usize = 250;

/// Names a page of the entities index lists.
pub(crate) const INDEX_ENTITIES: usize = 500;

/// Stories of the latest edition the front page shows in full.
pub(crate) const FRONT_STORIES: usize = 20;

/// Headlines the front page lists for each earlier edition.
pub(crate) const FRONT_HEADLINES: usize = 10;

/// How many numbered links the pager shows on each side of the current
/// page (besides the first and the last).
const NEIGHBOURS: u32 = 2;

/// The number of pages `items` stories need at `per_page` a page; an empty
/// listing still has its first page.
pub(crate) fn page_count(items: usize, per_page: usize) -> u32 {
    let pages = items.div_ceil(per_page.max(1)).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// The stories of page `page` (1-based) of `items`.
pub(crate) fn page_of<T>(items: &[T], page: u32, per_page: usize) -> &[T] {
    let index = usize::try_from(page.saturating_sub(1)).unwrap_or(usize::MAX);
    let start = index.saturating_mul(per_page).min(items.len());
    let end = start.saturating_add(per_page).min(items.len());
    &items[start..end]
}

/// What a listing's row shows besides headline and link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RowStyle {
    /// The lede, cut short (edition pages).
    pub lede: bool,
    /// The date (left out where the row above has the same one).
    pub dated: bool,
}

/// The rows of `stories`, each made by `row` and dated unless the story
/// before it on the page has the same date.
pub(crate) fn dated_rows<R>(
    digest: &Digest,
    stories: impl IntoIterator<Item = ArticleId>,
    row: impl Fn(ArticleId, bool) -> R,
) -> Vec<R> {
    let mut previous = None;
    stories
        .into_iter()
        .map(|i| {
            let date = digest.articles[i].date;
            let dated = previous != Some(date);
            previous = Some(date);
            row(i, dated)
        })
        .collect()
}

/// The links between the pages of one listing, for its template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Pager {
    /// This page's number, from 1.
    pub current: u32,
    /// How many pages the listing has.
    pub total: u32,
    /// The position of this page's first story in the listing, from 1.
    pub from: usize,
    /// The position of its last story.
    pub to: usize,
    /// Stories in the whole listing.
    pub of: usize,
    /// What the listing counts when not stories ("Names").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<&'static str>,
    /// The first page, unless this is it.
    pub first: Option<String>,
    /// The previous page, unless this is the first.
    pub previous: Option<String>,
    /// The next page, unless this is the last.
    pub next: Option<String>,
    /// The last page, unless this is it.
    pub last: Option<String>,
    /// Numbered links: the first page, the pages around this one and the
    /// last, in order.
    pub numbers: Vec<PageNumber>,
}

/// One numbered link of a pager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PageNumber {
    /// The page's number.
    pub number: u32,
    /// Its link (also for the current page, marked by `current`).
    pub url: String,
    /// Whether this is the page being shown.
    pub current: bool,
    /// Whether pages are left out between this one and the one before.
    pub gap_before: bool,
}

impl Pager {
    /// The pager of page `page` of the listing at `route` with `items`
    /// stories, `per_page` a page.
    pub(crate) fn new(route: &str, page: u32, items: usize, per_page: usize, urls: &Urls) -> Pager {
        let total = page_count(items, per_page);
        let current = page.clamp(1, total);
        let link = |n: u32| urls.link(&urls::paged_route(route, n));
        let shown = page_of_range(items, current, per_page);
        let mut numbers: Vec<PageNumber> = Vec::new();
        let low = current.saturating_sub(NEIGHBOURS).max(1);
        let high = current.saturating_add(NEIGHBOURS).min(total);
        let wanted = std::iter::once(1)
            .chain(low..=high)
            .chain(std::iter::once(total));
        for number in wanted {
            if numbers.last().is_some_and(|n| n.number >= number) {
                continue;
            }
            let gap_before = numbers.last().is_some_and(|n| n.number + 1 < number);
            numbers.push(PageNumber {
                number,
                url: link(number),
                current: number == current,
                gap_before,
            });
        }
        Pager {
            current,
            total,
            from: shown.0,
            to: shown.1,
            of: items,
            noun: None,
            first: (current > 1).then(|| link(1)),
            previous: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
            last: (current < total).then(|| link(total)),
            numbers,
        }
    }
}

/// The 1-based positions of the first and last story of page `page`
/// (`(0, 0)` for an empty listing).
fn page_of_range(items: usize, page: u32, per_page: usize) -> (usize, usize) {
    let index = usize::try_from(page.saturating_sub(1)).unwrap_or(usize::MAX);
    let start = index.saturating_mul(per_page).min(items);
    let end = start.saturating_add(per_page).min(items);
    if start == end {
        (0, 0)
    } else {
        (start + 1, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> Urls {
        Urls::new("https://u.github.io/r/")
    }

    #[test]
    fn pages_split_the_stories_without_loss_or_overlap() {
        let items: Vec<usize> = (0..1001).collect();
        assert_eq!(page_count(items.len(), 250), 5);
        let joined: Vec<usize> = (1..=5)
            .flat_map(|p| page_of(&items, p, 250).to_vec())
            .collect();
        assert_eq!(joined, items);
        assert_eq!(page_of(&items, 5, 250), &[1000]);
        assert!(page_of(&items, 6, 250).is_empty());
        assert_eq!(page_count(0, 250), 1);
        assert_eq!(page_count(250, 250), 1);
    }

    #[test]
    fn a_middle_page_links_first_last_neighbours_and_numbers() {
        let pager = Pager::new("tags/x/", 6, 2500, 250, &urls());
        assert_eq!((pager.current, pager.total), (6, 10));
        assert_eq!((pager.from, pager.to, pager.of), (1251, 1500, 2500));
        assert_eq!(pager.first.as_deref(), Some("/r/tags/x/"));
        assert_eq!(pager.previous.as_deref(), Some("/r/tags/x/page/5/"));
        assert_eq!(pager.next.as_deref(), Some("/r/tags/x/page/7/"));
        assert_eq!(pager.last.as_deref(), Some("/r/tags/x/page/10/"));
        let numbers: Vec<(u32, bool, bool)> = pager
            .numbers
            .iter()
            .map(|n| (n.number, n.current, n.gap_before))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, false, false),
                (4, false, true),
                (5, false, false),
                (6, true, false),
                (7, false, false),
                (8, false, false),
                (10, false, true)
            ]
        );
    }

    #[test]
    fn the_first_and_last_pages_have_no_link_beyond_them() {
        let first = Pager::new("editions/2025-07-12/", 1, 120, 100, &urls());
        assert_eq!((first.first, first.previous), (None, None));
        assert_eq!(
            first.next.as_deref(),
            Some("/r/editions/2025-07-12/page/2/")
        );
        let last = Pager::new("editions/2025-07-12/", 2, 120, 100, &urls());
        assert_eq!((last.next, last.last), (None, None));
        assert_eq!(last.previous.as_deref(), Some("/r/editions/2025-07-12/"));
        assert_eq!((last.from, last.to), (101, 120));
        let numbers: Vec<u32> = last.numbers.iter().map(|n| n.number).collect();
        assert_eq!(numbers, [1, 2]);
        let single = Pager::new("people/kim/", 1, 3, 250, &urls());
        assert_eq!(single.total, 1);
        assert_eq!(single.numbers.len(), 1);
    }
}
