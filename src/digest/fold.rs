//! Folding the versions of one story into the story shown.
//!
//! Pure. The pairs `duplicates` found are grouped transitively (a copy of
//! a copy is a version too); in each group the newest version is shown
//! (ties: the one read first in its edition), under the permalink of the
//! first version published, and the others are listed with it, newest
//! first. A copy identical to another (same title, same
//! text) is also a warning naming both files: it was probably filed twice
//! by mistake.

use std::cmp::Ordering;
use std::sync::Arc;

use super::duplicates::{self, Pair};
use super::order::{cmp_option_first, path_bytes};
use crate::enrich::Article;
use crate::error::{Diagnostic, Location};

/// A version folded into the story shown.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    /// The version.
    pub article: Arc<Article>,
    /// How similar its text is to the story shown (0 to 1).
    pub similarity: f64,
    /// Whether it is identical to the story shown.
    pub exact: bool,
}

/// A story to show, with the versions folded into it.
#[derive(Debug, Clone)]
pub(crate) struct Story {
    /// The version shown.
    pub shown: Arc<Article>,
    /// The other versions, newest first.
    pub folded: Vec<Folded>,
    /// The shown version's own slug, when it took the first version's.
    pub own_slug: Option<String>,
}

/// Every story to show, each with the versions folded into it, a warning
/// for each exact copy and a note for each version folded.
pub(crate) fn fold(articles: Vec<Arc<Article>>, pairs: &[Pair]) -> (Vec<Story>, Vec<Diagnostic>) {
    let mut diagnostics: Vec<Diagnostic> = pairs
        .iter()
        .filter(|p| p.exact)
        .map(|p| exact_copy(&articles[p.a], &articles[p.b]))
        .collect();
    let mut notes = Vec::new();
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    for p in pairs {
        let (a, b) = (root(&mut parent, p.a), root(&mut parent, p.b));
        parent[a.max(b)] = a.min(b);
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for i in 0..articles.len() {
        let r = root(&mut parent, i);
        groups[r].push(i);
    }
    let mut slots: Vec<Option<Arc<Article>>> = articles.into_iter().map(Some).collect();
    let mut stories = Vec::with_capacity(slots.len());
    for mut group in groups.into_iter().filter(|g| !g.is_empty()) {
        group.sort_by(|&a, &b| shown_first(&slots, a, b));
        let mut members = group.into_iter().filter_map(|i| slots[i].take());
        let Some(shown) = members.next() else {
            continue;
        };
        let folded: Vec<Folded> = members
            .map(|article| Folded {
                exact: duplicates::same_text(&shown, &article),
                similarity: duplicates::similarity(&shown, &article),
                article,
            })
            .collect();
        notes.extend(folded.iter().map(|f| folded_note(&shown, f)));
        let (shown, own_slug) = first_permalink(shown, &folded);
        stories.push(Story {
            shown,
            folded,
            own_slug,
        });
    }
    diagnostics.extend(notes);
    (stories, diagnostics)
}

/// The build summary's line for a version folded into `shown`.
fn folded_note(shown: &Article, version: &Folded) -> Diagnostic {
    Diagnostic::note(
        Location::file(&version.article.source_path),
        format!(
            "folded into {} as another version of the story ({:.0}% of their word sequences shared)",
            shown.source_path.display(),
            version.similarity * 100.0
        ),
    )
}

/// The story shown under the permalink of its first version (the earliest
/// published; ties by path): the address readers were given first keeps
/// working as later versions arrive. The shown version's own slug is
/// returned when it gave it up.
fn first_permalink(shown: Arc<Article>, folded: &[Folded]) -> (Arc<Article>, Option<String>) {
    let first = folded
        .iter()
        .map(|f| &f.article)
        .min_by(|a, b| (a.published, path_bytes(a)).cmp(&(b.published, path_bytes(b))));
    match first {
        Some(first)
            if (first.published, path_bytes(first)) < (shown.published, path_bytes(&shown)) =>
        {
            let mut shown = shown;
            let own = std::mem::replace(&mut Arc::make_mut(&mut shown).slug, first.slug.clone());
            (shown, Some(own))
        }
        _ => (shown, None),
    }
}

/// The root of `i`'s group, shortening the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Newest first; then by weight, rank and path, as an edition reads.
fn shown_first(slots: &[Option<Arc<Article>>], a: usize, b: usize) -> Ordering {
    match (&slots[a], &slots[b]) {
        (Some(a), Some(b)) => b
            .published
            .cmp(&a.published)
            .then_with(|| cmp_option_first(a.weight, b.weight))
            .then_with(|| cmp_option_first(a.rank, b.rank))
            .then_with(|| path_bytes(a).cmp(path_bytes(b))),
        _ => a.cmp(&b),
    }
}

fn exact_copy(first: &Article, copy: &Article) -> Diagnostic {
    Diagnostic::warning(
        Location::file(&copy.source_path),
        format!(
            "exact duplicate of {}: the two are shown as one story",
            first.source_path.display()
        ),
    )
    .with_help("delete one of the two files")
}
