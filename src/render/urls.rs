//! Every URL the site links to, built from `base_url`.
//!
//! A page is identified by its *route*: a path relative to the site root
//! with no leading slash (`""`, `articles/slug/`, `404.html`). Links in pages
//! are root-relative (`/REPO/articles/slug/`), so a GitHub Pages project
//! site under a sub-path works; feeds and canonical links use the full URL.

use jiff::civil::Date;

use crate::enrich::briefing::EntityKind;

/// Builds routes, links and output paths for one `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// The full base URL, ending with `/`.
    base: String,
    /// Its path part, starting and ending with `/`.
    root: String,
}

impl Urls {
    /// URLs for a site published at `base_url` (absolute, ending with `/`).
    pub fn new(base_url: &str) -> Urls {
        let base = if base_url.ends_with('/') {
            base_url.to_string()
        } else {
            format!("{base_url}/")
        };
        let after_scheme = base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest);
        let root = after_scheme
            .find('/')
            .map_or_else(|| "/".to_string(), |i| after_scheme[i..].to_string());
        Urls { base, root }
    }

    /// The site's path prefix, e.g. `/` or `/REPO/`.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The full base URL, ending with `/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The root-relative link to `route`.
    pub fn link(&self, route: &str) -> String {
        format!("{}{route}", self.root)
    }

    /// The absolute URL of `route`.
    pub fn absolute(&self, route: &str) -> String {
        format!("{}{route}", self.base)
    }
}

/// The folder of every article page.
pub const ARTICLES_ROUTE: &str = "articles/";

/// The route of an article page.
pub fn article_route(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// The route of an edition page.
pub fn edition_route(date: Date) -> String {
    format!("editions/{date}/")
}

/// The route of the editions archive.
pub const EDITIONS_ROUTE: &str = "editions/";

/// The route of a tag page.
pub fn tag_route(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// The route of the tag list.
pub const TAGS_ROUTE: &str = "tags/";

/// The route of an entity page: `people/SLUG/`, `places/SLUG/` or
/// `organizations/SLUG/`.
pub fn entity_route(kind: EntityKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.plural())
}

/// The route of the index of people, places and organisations.
pub const ENTITIES_ROUTE: &str = "entities/";

/// The route of the search page.
pub const SEARCH_ROUTE: &str = "search/";

/// The route of the machine-readable digest.
pub const DIGEST_JSON_ROUTE: &str = "digest.json";

/// The search page's script, a built-in static file.
pub const SEARCH_SCRIPT: &str = "search.js";

/// The route of the search index the search page loads.
pub const SEARCH_INDEX_ROUTE: &str = "search-index.json";

/// The route of the not-found page (GitHub Pages serves `404.html`).
pub const NOT_FOUND_ROUTE: &str = "404.html";

/// The file a route is written to, relative to the output folder.
pub fn output_path(route: &str) -> String {
    if route.is_empty() || route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_sites_link_under_their_prefix() {
        let urls = Urls::new("https://user.github.io/repo/");
        assert_eq!(urls.root(), "/repo/");
        assert_eq!(urls.link(&article_route("x")), "/repo/articles/x/");
        assert_eq!(urls.absolute(""), "https://user.github.io/repo/");
    }

    #[test]
    fn domain_root_sites_link_from_slash() {
        let urls = Urls::new("http://127.0.0.1:1111");
        assert_eq!(urls.root(), "/");
        assert_eq!(urls.link(TAGS_ROUTE), "/tags/");
        assert_eq!(urls.base(), "http://127.0.0.1:1111/");
    }

    #[test]
    fn entity_routes_use_the_plural_folder() {
        assert_eq!(
            entity_route(EntityKind::Person, "kim-jong-un"),
            "people/kim-jong-un/"
        );
        assert_eq!(
            output_path(&entity_route(EntityKind::Organization, "kcna")),
            "organizations/kcna/index.html"
        );
        assert_eq!(output_path(DIGEST_JSON_ROUTE), "digest.json");
    }

    #[test]
    fn routes_map_to_index_files() {
        assert_eq!(output_path(""), "index.html");
        assert_eq!(
            output_path(&edition_route(jiff::civil::date(2025, 7, 12))),
            "editions/2025-07-12/index.html"
        );
        assert_eq!(output_path(NOT_FOUND_ROUTE), "404.html");
    }
}
