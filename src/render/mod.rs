//! Turning the digest into pages: the only user of `tera`.
//!
//! [`Renderer::jobs`] lists every page the digest needs; [`Renderer::render`]
//! renders one. Jobs are independent, so the pipeline renders them in
//! parallel and writes each page as soon as it is done.

pub mod feeds;
pub mod seo;
pub mod templates;
pub mod urls;
pub mod views;

use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::error::Error;
use feeds::FeedSettings;
use seo::{PageMeta, SeoSettings};
use templates::Templates;
use urls::Urls;
use views::SiteView;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// The front page.
    Index,
    /// Article `i` of the digest.
    Article(usize),
    /// Edition `e` of the digest.
    Edition(usize),
    /// The editions archive.
    Editions,
    /// Tag `t` of the digest.
    Tag(usize),
    /// The tag list.
    Tags,
    /// The not-found page.
    NotFound,
    /// `atom.xml`.
    AtomFeed,
    /// `rss.xml`.
    RssFeed,
    /// `feed.json`.
    JsonFeed,
    /// `sitemap.xml`.
    Sitemap,
    /// Tag `t`'s Atom feed.
    TagFeed(usize),
}

/// A rendered page and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The page's bytes.
    pub bytes: Vec<u8>,
}

/// What a page template receives besides `site`.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    /// The template rendering the page ("index.html", "article.html", …).
    template: &'static str,
    /// The `<title>` text.
    title: &'a str,
    /// The page's absolute URL.
    canonical_url: String,
    /// Whether the page needs the code stylesheet.
    has_code: bool,
    /// Open Graph, Twitter card and JSON-LD values.
    meta: PageMeta,
    /// The page's own data.
    page: T,
}

/// Renders pages of one digest with one template set.
pub struct Renderer {
    templates: Templates,
    urls: Urls,
    site_title: String,
    index_editions: usize,
    feed_settings: FeedSettings,
    seo: SeoSettings,
}

impl Renderer {
    /// A renderer for `config` publishing under `urls`.
    pub fn new(config: &SiteConfig, mut templates: Templates, urls: Urls) -> Renderer {
        let site = SiteView::new(config, &urls);
        templates.tera.global_context().insert("site", &site);
        Renderer {
            templates,
            urls,
            site_title: config.title.clone(),
            index_editions: config.digest.index_editions,
            feed_settings: FeedSettings::new(config),
            seo: SeoSettings::new(config),
        }
    }

    /// The URLs this renderer links with.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    /// Every page the digest needs, in a fixed order.
    pub fn jobs(digest: &Digest) -> Vec<Job> {
        let mut jobs = vec![Job::Index, Job::Editions, Job::Tags, Job::NotFound];
        jobs.extend([Job::AtomFeed, Job::RssFeed, Job::JsonFeed, Job::Sitemap]);
        jobs.extend((0..digest.articles.len()).map(Job::Article));
        jobs.extend((0..digest.editions.len()).map(Job::Edition));
        jobs.extend((0..digest.tags.len()).map(Job::Tag));
        jobs.extend((0..digest.tags.len()).map(Job::TagFeed));
        jobs
    }

    /// The route of `job`'s page.
    pub fn route(digest: &Digest, job: Job) -> String {
        match job {
            Job::Index => String::new(),
            Job::Article(i) => urls::article_route(&digest.articles[i].slug),
            Job::Edition(e) => urls::edition_route(digest.editions[e].date),
            Job::Editions => urls::EDITIONS_ROUTE.to_string(),
            Job::Tag(t) => urls::tag_route(&digest.tags[t].slug),
            Job::Tags => urls::TAGS_ROUTE.to_string(),
            Job::NotFound => urls::NOT_FOUND_ROUTE.to_string(),
            Job::AtomFeed => urls::ATOM_ROUTE.to_string(),
            Job::RssFeed => urls::RSS_ROUTE.to_string(),
            Job::JsonFeed => urls::JSON_FEED_ROUTE.to_string(),
            Job::Sitemap => urls::SITEMAP_ROUTE.to_string(),
            Job::TagFeed(t) => urls::tag_feed_route(&digest.tags[t].slug),
        }
    }

    /// The files that depend only on the configuration (`.nojekyll`,
    /// `CNAME`, `robots.txt`), written once per build beside the pages.
    pub fn site_files(&self) -> Vec<RenderedPage> {
        seo::site_files(&self.seo, &self.urls)
    }

    /// Renders one page.
    pub fn render(&self, digest: &Digest, job: Job) -> Result<RenderedPage, Error> {
        let urls = &self.urls;
        let route = Self::route(digest, job);
        let spec = |template, title| PageSpec {
            template,
            title,
            route: &route,
            has_code: false,
            meta: PageMeta::site(&self.seo),
        };
        let html = match job {
            Job::Index => {
                let view = views::index(digest, self.index_editions, urls);
                self.page(spec("index.html", &self.site_title), view)
            }
            Job::Article(i) => {
                let a = &digest.articles[i];
                let page = PageSpec {
                    has_code: a.body.has_code(),
                    meta: seo::article_meta(digest, i, &self.seo, urls),
                    ..spec("article.html", &a.title)
                };
                self.page(page, views::article(digest, i, urls))
            }
            Job::Edition(e) => {
                let view = views::edition(digest, e, urls);
                let title = format!("Edition of {}", view.date);
                self.page(spec("edition.html", &title), view)
            }
            Job::Editions => {
                let view: Vec<_> = (0..digest.editions.len())
                    .map(|e| views::edition_summary(digest, e, urls))
                    .collect();
                self.page(spec("editions.html", "All editions"), view)
            }
            Job::Tag(t) => {
                let title = format!("Stories tagged “{}”", digest.tags[t].name);
                let mut page = spec("tag.html", &title);
                page.meta.feed = Some(seo::tag_feed_link(digest, t, urls));
                self.page(page, views::tag(digest, t, urls))
            }
            Job::Tags => self.page(spec("tags.html", "Tags"), views::tags(digest, urls)),
            Job::NotFound => {
                let mut page = spec("404.html", "Page not found");
                page.meta.noindex = true;
                self.page(page, ())
            }
            Job::AtomFeed => self.feed("atom.xml", digest, &route),
            Job::RssFeed => self.feed("rss.xml", digest, &route),
            Job::JsonFeed => self.json_feed(digest, &route),
            Job::Sitemap => self.sitemap(digest),
            Job::TagFeed(t) => {
                let view = feeds::tag_feed(digest, t, &self.feed_settings, urls, &route);
                self.render_template("atom.xml", &FeedContext { feed: view })
            }
        }?;
        // Article text may hold control characters that XML 1.0 forbids;
        // one would make a whole feed unreadable.
        let text = if route.ends_with(".xml") {
            feeds::xml_chars_only(html)
        } else {
            html
        };
        Ok(RenderedPage {
            path: urls::output_path(&route),
            bytes: text.into_bytes(),
        })
    }

    fn page<T: Serialize>(&self, spec: PageSpec<'_>, page: T) -> Result<String, Error> {
        let context = PageContext {
            template: spec.template,
            title: spec.title,
            canonical_url: self.urls.absolute(spec.route),
            has_code: spec.has_code,
            meta: spec.meta,
            page,
        };
        self.render_template(spec.template, &context)
    }

    /// Renders the feed template `template` (`atom.xml`, `rss.xml`).
    fn feed(&self, template: &str, digest: &Digest, route: &str) -> Result<String, Error> {
        let view = feeds::feed(digest, &self.feed_settings, &self.urls, route);
        self.render_template(template, &FeedContext { feed: view })
    }

    fn json_feed(&self, digest: &Digest, route: &str) -> Result<String, Error> {
        let view = feeds::feed(digest, &self.feed_settings, &self.urls, route);
        feeds::json_feed(&view).map_err(|e| Error::Template {
            location: crate::error::Location::file(route),
            message: e.to_string(),
        })
    }

    /// The sitemap lists every HTML page the digest's jobs produce, so a
    /// new kind of page is listed as soon as it has a job and a route.
    fn sitemap(&self, digest: &Digest) -> Result<String, Error> {
        let pages: Vec<(Job, String)> = Self::jobs(digest)
            .into_iter()
            .map(|job| (job, Self::route(digest, job)))
            .collect();
        let entries = seo::sitemap(digest, &pages, &self.urls);
        self.render_template("sitemap.xml", &SitemapContext { urls: entries })
    }

    fn render_template<C: Serialize>(&self, template: &str, context: &C) -> Result<String, Error> {
        let context = Context::from_serialize(context).map_err(|e| self.templates.error(&e))?;
        self.templates
            .tera
            .render(template, &context)
            .map_err(|e| self.templates.error(&e))
    }
}

/// What a feed template receives besides `site`.
#[derive(Serialize)]
struct FeedContext<'a> {
    feed: feeds::FeedView<'a>,
}

/// What the sitemap template receives besides `site`.
#[derive(Serialize)]
struct SitemapContext {
    urls: Vec<seo::SitemapEntry>,
}

/// Which template renders a page, and the page-level facts around its data.
struct PageSpec<'a> {
    template: &'static str,
    title: &'a str,
    route: &'a str,
    has_code: bool,
    meta: PageMeta,
}
