//! Every URL the site links to, built from `base_url`.
//!
//! A page is identified by its *route*: a path relative to the site root
//! with no leading slash (`""`, `articles/slug/`, `404.html`). Links in pages
//! are root-relative (`/REPO/articles/slug/`), so a GitHub Pages project
//! site under a sub-path works; feeds and canonical links use the full URL.

use jiff::civil::Date;

use crate::enrich::extract::candidate::EntityKind;

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

    /// The root-relative link to the article page of `slug`: the same as
    /// `link(&article_route(slug))`, made in one allocation (listings make
    /// hundreds of thousands).
    pub fn article_link(&self, slug: &str) -> String {
        let mut link =
            String::with_capacity(self.root.len() + ARTICLES_ROUTE.len() + slug.len() + 1);
        link.push_str(&self.root);
        link.push_str(ARTICLES_ROUTE);
        link.push_str(slug);
        link.push('/');
        link
    }

    /// The absolute URL of `route`.
    pub fn absolute(&self, route: &str) -> String {
        format!("{}{route}", self.base)
    }

    /// `link`, found on the page at `route`, as an absolute URL: what a
    /// browser would request. Links with a scheme are returned as they are.
    pub fn resolve(&self, route: &str, link: &str) -> String {
        let origin = &self.base[..self.base.len() - self.root.len()];
        if has_scheme(link) {
            link.to_string()
        } else if let Some(rest) = link.strip_prefix("//") {
            let scheme = self.base.split("://").next().unwrap_or("https");
            format!("{scheme}://{rest}")
        } else if link.starts_with('/') {
            format!("{origin}{link}")
        } else {
            let page = format!("{}{route}", self.root);
            let (path, tail) = match link.find(['?', '#']) {
                Some(0) => (page.as_str(), link),
                Some(i) => (&link[..i], &link[i..]),
                None => (link, ""),
            };
            let joined = if path == page {
                page.clone()
            } else {
                let dir = page.rfind('/').map_or("/", |i| &page[..=i]);
                format!("{dir}{path}")
            };
            format!("{origin}{}{tail}", remove_dot_segments(&joined))
        }
    }
}

/// Whether `link` starts with a URL scheme (`https:`, `mailto:`…).
fn has_scheme(link: &str) -> bool {
    match link.find(':') {
        Some(colon) => {
            let scheme = &link[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `path` (absolute, starting with `/`) with `.` and `..` segments
/// resolved; `..` never climbs above `/`.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut parts: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
        if i + 1 == segments.len() && matches!(*segment, "." | "..") {
            parts.push("");
        }
    }
    format!("/{}", parts.join("/"))
}

/// The folder of every article page.
pub const ARTICLES_ROUTE: &str = "articles/";

/// The route of an article page.
pub fn article_route(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// The route of a standalone page (`pages/about.md` → `about/`).
pub fn standalone_route(slug: &str) -> String {
    format!("{slug}/")
}

/// The route of an edition page.
pub fn edition_route(date: Date) -> String {
    format!("editions/{date}/")
}

/// The route of an edition's email: one self-contained HTML file.
pub fn edition_email_route(date: Date) -> String {
    format!("editions/{date}/email.html")
}

/// The route of an edition's email as plain text.
pub fn edition_email_text_route(date: Date) -> String {
    format!("editions/{date}/email.txt")
}

/// The route of an edition's print edition: every story on printable pages.
pub fn edition_print_route(date: Date) -> String {
    format!("editions/{date}/print/")
}

/// The route of page `page` (from 1) of the listing whose first page is at
/// `route`: `route` itself, then `ROUTE/page/N/`.
pub fn paged_route(route: &str, page: u32) -> String {
    if page <= 1 {
        route.to_string()
    } else {
        format!("{route}page/{page}/")
    }
}

/// The route of the editions archive.
pub const EDITIONS_ROUTE: &str = "editions/";

/// The route of a tag page.
pub fn tag_route(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// The route of a tag's Atom feed.
pub fn tag_feed_route(slug: &str) -> String {
    format!("tags/{slug}/atom.xml")
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
/// The site's icon, built in unless `static/` has its own.
pub const FAVICON: &str = "favicon.svg";

/// Where the code stylesheet is written in the output.
pub const HIGHLIGHT_CSS: &str = "highlight.css";

/// The route of the search index the search page loads.
pub const SEARCH_INDEX_ROUTE: &str = "search-index.json";

/// The route of the not-found page (GitHub Pages serves `404.html`).
pub const NOT_FOUND_ROUTE: &str = "404.html";

/// The route of the Atom feed.
pub const ATOM_ROUTE: &str = "atom.xml";

/// The route of the RSS feed.
pub const RSS_ROUTE: &str = "rss.xml";

/// The route of the JSON Feed.
pub const JSON_FEED_ROUTE: &str = "feed.json";

/// The route of the sitemap.
pub const SITEMAP_ROUTE: &str = "sitemap.xml";

/// The route of the crawler rules.
pub const ROBOTS_ROUTE: &str = "robots.txt";

/// The file a route is written to, relative to the output folder.
pub fn output_path(route: &str) -> String {
    if route.is_empty() || route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

/// A relative file path as an output path, with `/` separators, or `None`
/// if it is not UTF-8.
pub fn slash_path(rel: &std::path::Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}

/// Decodes `%XX` escapes (invalid UTF-8 becomes U+FFFD); other text is
/// kept as it is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_sites_link_under_their_prefix() {
        let urls = Urls::new("https://user.github.io/repo/");
        assert_eq!(urls.root(), "/repo/");
        assert_eq!(urls.link(&article_route("x")), "/repo/articles/x/");
        assert_eq!(urls.article_link("x"), urls.link(&article_route("x")));
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
    fn links_resolve_from_the_page_they_are_on() {
        let urls = Urls::new("https://u.github.io/repo/");
        let route = "articles/x/";
        for (link, expected) in [
            ("pic.png", "https://u.github.io/repo/articles/x/pic.png"),
            ("/repo/pic.png", "https://u.github.io/repo/pic.png"),
            ("../../img/p.png", "https://u.github.io/repo/img/p.png"),
            ("./a/../b/", "https://u.github.io/repo/articles/x/b/"),
            ("..", "https://u.github.io/repo/articles/"),
            ("../y/#top", "https://u.github.io/repo/articles/y/#top"),
            ("#facts", "https://u.github.io/repo/articles/x/#facts"),
            ("?q=1", "https://u.github.io/repo/articles/x/?q=1"),
            ("//cdn.example/p.png", "https://cdn.example/p.png"),
            ("http://a.example/p.png", "http://a.example/p.png"),
            ("mailto:desk@example.org", "mailto:desk@example.org"),
        ] {
            assert_eq!(urls.resolve(route, link), expected, "{link}");
        }
    }

    #[test]
    fn percent_escapes_decode_once() {
        assert_eq!(percent_decode("/a%20b/%2e%2e/%252e"), "/a b/../%2e");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn later_pages_of_a_listing_live_under_its_route() {
        assert_eq!(paged_route("tags/x/", 1), "tags/x/");
        assert_eq!(paged_route("tags/x/", 2), "tags/x/page/2/");
        assert_eq!(
            output_path(&paged_route("people/kim/", 12)),
            "people/kim/page/12/index.html"
        );
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
