//! What search engines and link previews read: per-page meta (Open Graph,
//! Twitter card), JSON-LD `NewsArticle` for article pages, the sitemap and
//! the files GitHub Pages and crawlers look for (`.nojekyll`, `CNAME`,
//! `robots.txt`).
//!
//! Pure: values in, display-ready values out. Every URL here is absolute
//! (crawlers and previews need the full address), built from `base_url`.

use jiff::Timestamp;
use serde::Serialize;

use super::format::{Link, cut, rfc3339};
use super::job::{Feed, Job, Lookup, Page, RenderedPage};
use crate::article::Body;
use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, TagId};
use crate::urls::{self, Urls};

/// The longest description a page's meta tags carry, in characters.
pub(crate) const DESCRIPTION_CHARS: usize = 200;

/// Site-wide facts the meta tags repeat.
#[derive(Debug, Clone)]
pub(crate) struct SeoSettings {
    /// The site's one-line description (may be empty).
    pub description: String,
    /// The newsroom, when configured.
    pub author: Option<String>,
    /// The publisher for JSON-LD: `publisher`, else `author`.
    pub publisher: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// The custom domain for `CNAME`.
    pub cname: Option<String>,
}

impl SeoSettings {
    /// The settings of `config`.
    pub(crate) fn new(config: &SiteConfig) -> SeoSettings {
        SeoSettings {
            description: config.description.clone(),
            author: config.author.clone(),
            publisher: config.publisher.clone().or_else(|| config.author.clone()),
            language: config.language.clone(),
            cname: config.cname.clone(),
        }
    }
}

/// The meta tags of one page.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PageMeta {
    /// For the description and `og:description` (may be empty): the
    /// site's description, or an article's lede cut short. Link previews
    /// read the Open Graph tags (Twitter's card falls back to them), so
    /// nothing repeats it.
    pub description: String,
    /// `website` or `article`.
    pub og_type: &'static str,
    /// An absolute image URL for previews, when the page has one.
    pub image: Option<String>,
    /// `article:published_time`, RFC 3339.
    pub published: Option<String>,
    /// The JSON-LD document, safe to put inside `<script>`.
    pub json_ld: Option<String>,
    /// Keep the page out of search results (the not-found page).
    pub noindex: bool,
    /// A feed of this page's own stories (a tag's), besides the site's.
    pub feed: Option<Link>,
}

impl PageMeta {
    /// The meta of a page that is not an article.
    pub(crate) fn site(settings: &SeoSettings) -> PageMeta {
        PageMeta {
            description: cut(&settings.description, DESCRIPTION_CHARS),
            og_type: "website",
            ..PageMeta::default()
        }
    }
}

/// The meta of article `i`'s page, with its JSON-LD `NewsArticle`.
pub(crate) fn article_meta(
    digest: &Digest,
    i: ArticleId,
    settings: &SeoSettings,
    urls: &Urls,
) -> PageMeta {
    let a = &digest.articles[i];
    let route = urls::article_route(&a.slug);
    let url = urls.absolute(&route);
    let image = first_image(&a.body).map(|src| urls.resolve(&route, &src));
    let published = rfc3339(a.published);
    let ld = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.title,
        url: &url,
        date_published: &published,
        date_modified: &published,
        in_language: a.lang.as_deref().unwrap_or(&settings.language),
        word_count: a.word_count,
        keywords: digest.tags_of[i]
            .iter()
            .map(|&t| digest.tags[t].name.as_str())
            .collect(),
        image: image.iter().map(String::as_str).collect(),
        author: match (&a.author, &settings.author) {
            (Some(name), _) => Some(Party::person(name)),
            (None, Some(name)) => Some(Party::organization(name)),
            (None, None) => None,
        },
        publisher: settings.publisher.as_deref().map(Party::organization),
    };
    let json_ld = serde_json::to_string(&ld)
        .ok()
        .map(|json| script_safe(&json));
    PageMeta {
        description: cut(&a.lede, DESCRIPTION_CHARS),
        og_type: "article",
        image,
        published: Some(published),
        json_ld,
        // A draft's page exists only in a preview built with `--drafts`.
        noindex: a.draft,
        feed: None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    url: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    in_language: &'a str,
    word_count: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Party<'a>>,
}

/// A schema.org person or organisation, by name.
#[derive(Serialize)]
struct Party<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

impl<'a> Party<'a> {
    fn person(name: &'a str) -> Party<'a> {
        Party {
            kind: "Person",
            name,
        }
    }

    fn organization(name: &'a str) -> Party<'a> {
        Party {
            kind: "Organization",
            name,
        }
    }
}

/// The link to tag `t`'s Atom feed, for its page's head.
pub(crate) fn tag_feed_link(digest: &Digest, t: TagId, urls: &Urls) -> Link {
    let tag = &digest.tags[t];
    Link {
        label: format!("Stories tagged “{}” (Atom)", tag.name),
        url: urls.link(&urls::tag_feed_route(&tag.slug)),
    }
}

/// JSON that cannot end its `<script>` element early or open a comment:
/// `<`, `>` and `&` become JSON escapes, which parse to the same string.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The `src` of the first image in a Markdown body, as written.
pub(crate) fn first_image(body: &Body) -> Option<String> {
    let Body::Markdown { html, .. } = body else {
        return None;
    };
    let tag_start = html.find("<img ")?;
    let tag = &html[tag_start..];
    let tag = &tag[..tag.find('>')?];
    let value = &tag[tag.find(" src=\"")? + 6..];
    let src = &value[..value.find('"')?];
    Some(crate::html::unescape(src)).filter(|s| !s.is_empty())
}

/// One `<url>` of the sitemap.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct SitemapEntry {
    /// The page, absolute.
    pub loc: String,
    /// When it last changed, RFC 3339, when known.
    pub lastmod: Option<String>,
}

/// Whether the page at `route` belongs in the sitemap: every HTML page but
/// the not-found page.
pub(crate) fn in_sitemap(route: &str) -> bool {
    route != urls::NOT_FOUND_ROUTE && urls::output_path(route).ends_with(".html")
}

/// When the page of `job` last changed: the newest publication among the
/// articles it shows. `None` for pages this module does not know.
pub(crate) fn lastmod(digest: &Digest, job: Job) -> Option<Timestamp> {
    let newest = |ids: &mut dyn Iterator<Item = ArticleId>| {
        ids.filter_map(|i| digest.articles.get(i))
            .map(|a| a.published)
            .max()
    };
    match job {
        Job::Page(Page::Index | Page::Editions | Page::Tags) => newest(&mut digest.articles.ids()),
        Job::Page(Page::Article(i)) => newest(&mut std::iter::once(i)),
        Job::Page(Page::Edition(e, _)) => {
            newest(&mut digest.editions.get(e)?.articles.iter().copied())
        }
        Job::Page(Page::Tag(t, _)) => newest(&mut digest.tags.get(t)?.articles.iter().copied()),
        Job::Lookup(Lookup::Entities(_) | Lookup::Search) => newest(&mut digest.articles.ids()),
        Job::Lookup(Lookup::Entity(e, _)) => {
            newest(&mut digest.entities.get(e)?.articles.iter().map(|a| a.article))
        }
        Job::Page(Page::NotFound | Page::Standalone(_) | Page::Moved(_))
        | Job::Lookup(Lookup::DigestJson | Lookup::SearchIndex)
        | Job::Feed(Feed::Atom | Feed::Rss | Feed::Json | Feed::Tag(_) | Feed::Sitemap)
        | Job::Edition(_) => None,
    }
}

/// The sitemap's entries for the pages `(job, route)`, in the given order,
/// leaving out drafts' pages (a build with `--drafts` is a preview).
pub(crate) fn sitemap(digest: &Digest, pages: &[(Job, String)], urls: &Urls) -> Vec<SitemapEntry> {
    pages
        .iter()
        // An edition's email and print copies repeat its stories; a folded
        // version's address only sends readers on.
        .filter(|(job, route)| {
            !matches!(job, Job::Edition(_) | Job::Page(Page::Moved(_))) && in_sitemap(route)
        })
        .filter(|(job, _)| !is_draft_page(digest, *job))
        .map(|(job, route)| SitemapEntry {
            loc: urls.absolute(route),
            lastmod: lastmod(digest, *job).map(rfc3339),
        })
        .collect()
}

/// Whether `job` is the page of a draft article or standalone page
/// (published only in a `--drafts` preview, and never listed for search
/// engines).
pub(crate) fn is_draft_page(digest: &Digest, job: Job) -> bool {
    match job {
        Job::Page(Page::Standalone(p)) => digest.pages.get(p).is_some_and(|page| page.draft),
        Job::Page(Page::Article(i)) => digest.articles.get(i).is_some_and(|a| a.draft),
        _ => false,
    }
}

/// The files published beside the pages: `.nojekyll` (GitHub Pages must
/// not run Jekyll over the output), `CNAME` when a custom domain is set,
/// and `robots.txt` pointing crawlers at the sitemap. They are not pages: a
/// site's own `static/robots.txt` or `static/CNAME` replaces them.
pub(crate) fn site_files(settings: &SeoSettings, urls: &Urls) -> Vec<RenderedPage> {
    let mut files = vec![
        RenderedPage {
            path: ".nojekyll".to_string(),
            bytes: Vec::new(),
        },
        RenderedPage {
            path: urls::ROBOTS_ROUTE.to_string(),
            bytes: format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                urls.absolute(urls::SITEMAP_ROUTE)
            )
            .into_bytes(),
        },
    ];
    if let Some(cname) = &settings.cname {
        files.push(RenderedPage {
            path: "CNAME".to_string(),
            bytes: format!("{cname}\n").into_bytes(),
        });
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(html: &str) -> Body {
        Body::Markdown {
            html: html.to_string(),
            paragraphs: Vec::new(),
            word_count: 0,
            has_code: false,
        }
    }

    #[test]
    fn first_image_reads_the_markdown_body_only() {
        let body = markdown("<p>x</p><p><img src=\"/r/a&amp;b.png\" alt=\"A\" /></p>");
        assert_eq!(first_image(&body).as_deref(), Some("/r/a&b.png"));
        assert_eq!(first_image(&markdown("<p>no image</p>")), None);
        let text = Body::Text {
            paragraphs: vec!["<img src=\"x\">".into()],
        };
        assert_eq!(first_image(&text), None);
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        assert_eq!(
            script_safe("{\"a\":\"</script><!--&\"}"),
            "{\"a\":\"\\u003c/script\\u003e\\u003c!--\\u0026\"}"
        );
    }

    #[test]
    fn sitemap_lists_html_pages_but_not_the_not_found_page() {
        assert!(in_sitemap(""));
        assert!(in_sitemap("articles/x/"));
        assert!(!in_sitemap(urls::NOT_FOUND_ROUTE));
        assert!(!in_sitemap(urls::ATOM_ROUTE));
    }

    #[test]
    fn cname_is_written_only_when_configured() {
        let urls = Urls::new("https://news.example.org/");
        let mut settings = SeoSettings {
            description: String::new(),
            author: None,
            publisher: None,
            language: "en".into(),
            cname: None,
        };
        let names = |s: &SeoSettings| {
            site_files(s, &urls)
                .into_iter()
                .map(|f| f.path)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&settings), vec![".nojekyll", "robots.txt"]);
        settings.cname = Some("news.example.org".into());
        let files = site_files(&settings, &urls);
        assert_eq!(files[2].path, "CNAME");
        assert_eq!(files[2].bytes, b"news.example.org\n");
        assert_eq!(
            String::from_utf8_lossy(&files[1].bytes),
            "User-agent: *\nAllow: /\n\nSitemap: https://news.example.org/sitemap.xml\n"
        );
    }
}
