//! Standalone pages: the site's About page, corrections policy, contact
//! details. Written in `pages/` like articles (Markdown with front matter,
//! or plain text), each is published at the site's root under its slug
//! (`pages/about.md` → `about/`), linked from every page's footer and
//! listed in the sitemap, but never part of an edition, a feed or search.
//!
//! Pure: [`StandalonePage::from_parsed`] derives a page from its parsed
//! file, [`order`] sorts the pages and refuses addresses the site already
//! uses.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::article::{Body, ParsedArticle};
use crate::error::{Diagnostic, Location};
use crate::slug::{MAX_SLUG_LEN, slugify};

/// One standalone page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandalonePage {
    /// Source path relative to the site root (`pages/about.md`).
    pub source_path: PathBuf,
    /// Its heading and `<title>`.
    pub title: String,
    /// Its address below the site's root: `about` for `about/`.
    pub slug: String,
    /// Its description for search engines and link previews.
    pub summary: Option<String>,
    /// Its place in the footer: lower first, then by title.
    pub weight: Option<i64>,
    /// Whether it is a draft (published only with `--drafts`).
    pub draft: bool,
    /// Its text.
    pub body: Arc<Body>,
    /// A hash of its source text.
    pub revision: u64,
}

/// The first path segments of the site's own pages, which no standalone
/// page may take.
const RESERVED: &[&str] = &[
    "articles",
    "editions",
    "tags",
    "people",
    "places",
    "organizations",
    "entities",
    "search",
    "page",
];

impl StandalonePage {
    /// The page written in `parsed`: the title from front matter, the
    /// text's own headline or the file name; the slug from front matter or
    /// the file name.
    pub fn from_parsed(parsed: ParsedArticle) -> StandalonePage {
        let stem = parsed.source.stem().to_string();
        let given = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let title = given(parsed.front.title)
            .or(parsed.headline)
            .unwrap_or_else(|| title_from_stem(&stem));
        let slug = given(parsed.front.slug)
            .map(|s| slugify(&s, MAX_SLUG_LEN * 2))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(&stem, MAX_SLUG_LEN * 2));
        StandalonePage {
            source_path: parsed.source.rel_path,
            title,
            slug,
            summary: given(parsed.front.summary),
            weight: parsed.front.weight,
            draft: parsed.front.draft,
            body: Arc::new(parsed.body),
            revision: parsed.revision,
        }
    }
}

/// "corrections-policy" → "Corrections policy".
fn title_from_stem(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The pages in footer order (weight, then title, then slug), leaving out
/// any whose address the site's own pages use or another page took first
/// (in path order), each with an error naming it.
pub fn order(mut pages: Vec<StandalonePage>) -> (Vec<StandalonePage>, Vec<Diagnostic>) {
    pages.sort_by(|a, b| a.source_path.cmp(&b.source_path));
    let mut diagnostics = Vec::new();
    let mut taken: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut kept = Vec::new();
    for page in pages {
        let location = Location::file(&page.source_path);
        if page.slug.is_empty() || RESERVED.contains(&page.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    location,
                    format!(
                        "the address `{}/` belongs to the site's own pages",
                        page.slug
                    ),
                )
                .with_help("give the page another `slug` in its front matter"),
            );
            continue;
        }
        if let Some(first) = taken.get(&page.slug) {
            diagnostics.push(
                Diagnostic::error(
                    location,
                    format!(
                        "the address `{}/` is already taken by {}",
                        page.slug,
                        first.display()
                    ),
                )
                .with_help("give one of the pages another `slug` in its front matter"),
            );
            continue;
        }
        taken.insert(page.slug.clone(), page.source_path.clone());
        kept.push(page);
    }
    kept.sort_by(|a, b| {
        (a.weight.unwrap_or(0), &a.title, &a.slug).cmp(&(b.weight.unwrap_or(0), &b.title, &b.slug))
    });
    (kept, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, slug: &str, title: &str, weight: Option<i64>) -> StandalonePage {
        StandalonePage {
            source_path: PathBuf::from(path),
            title: title.to_string(),
            slug: slug.to_string(),
            summary: None,
            weight,
            draft: false,
            body: Arc::new(Body::Text {
                paragraphs: Vec::new(),
            }),
            revision: 0,
        }
    }

    #[test]
    fn pages_are_ordered_by_weight_then_title() {
        let (pages, diagnostics) = order(vec![
            page("pages/b.md", "contact", "Contact", None),
            page("pages/a.md", "about", "About", None),
            page("pages/c.md", "corrections", "Corrections", Some(-1)),
        ]);
        assert!(diagnostics.is_empty());
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["corrections", "about", "contact"]);
    }

    #[test]
    fn the_sites_own_addresses_and_duplicates_are_refused() {
        let (pages, diagnostics) = order(vec![
            page("pages/tags.md", "tags", "Tags", None),
            page("pages/about.md", "about", "About", None),
            page("pages/z/about.md", "about", "About us", None),
        ]);
        assert_eq!(pages.len(), 1);
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "pages/tags.md: error: the address `tags/` belongs to the site's own pages\n  help: give the page another `slug` in its front matter",
                "pages/z/about.md: error: the address `about/` is already taken by pages/about.md\n  help: give one of the pages another `slug` in its front matter",
            ]
        );
    }

    #[test]
    fn a_title_can_come_from_the_file_name() {
        assert_eq!(title_from_stem("corrections-policy"), "Corrections policy");
        assert_eq!(title_from_stem("about"), "About");
    }
}
