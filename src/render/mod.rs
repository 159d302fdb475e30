//! Turning the digest into pages: the only user of `tera`.
//!
//! [`Job::all`] lists every page the digest needs; [`Renderer::render`]
//! renders one. Jobs are independent, so the pipeline renders them in
//! parallel and writes each page as soon as it is done.

mod briefing_box;
mod data;
mod email;
mod entities;
mod feeds;
pub mod fingerprint;
mod format;
mod job;
mod news;
mod paging;
mod picture_views;
mod pictures;
mod print;
#[cfg(test)]
mod reference_tests;
mod search;
mod seo;
mod standalone;
mod template_error;
pub mod templates;
mod views;

use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::digest::ids::ArticleId;
use crate::error::Error;
use crate::urls::{self, Urls};
use feeds::FeedSettings;
use format::Link;
pub use job::{EditionFile, Feed, Job, Lookup, Page, RenderedPage};
pub use paging::RowStyle;
use seo::{PageMeta, SeoSettings};
use templates::Templates;
use views::SiteView;

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
    /// The body as safe HTML, on article and standalone pages.
    body_html: Option<String>,
    /// Links to the standalone pages of `pages/`, for the footer.
    standalone_pages: Vec<Link>,
    /// Open Graph, Twitter card and JSON-LD values.
    meta: PageMeta,
    /// The page's own data.
    page: T,
}

/// The page-level facts around a page's data.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec<'a> {
    /// The template that renders it.
    pub template: &'static str,
    /// Its `<title>` text.
    pub title: &'a str,
    /// Its route.
    pub route: &'a str,
    /// Whether it needs the code stylesheet.
    pub has_code: bool,
    /// The article whose body it shows, if any.
    pub body_of: Option<BodyOf>,
    /// The job it renders (its page meta is derived from it).
    pub job: Job,
}

impl<'a> PageSpec<'a> {
    /// A page rendered by `template`, showing no article body or code.
    pub fn new(template: &'static str, title: &'a str, route: &'a str, job: Job) -> PageSpec<'a> {
        PageSpec {
            template,
            title,
            route,
            has_code: false,
            body_of: None,
            job,
        }
    }
}

/// Whose body a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyOf {
    /// An article's.
    Article(ArticleId),
    /// A standalone page's (an index into `Digest::pages`).
    Standalone(usize),
}

/// Something done with every page's view model: rendering it to HTML, or
/// fingerprinting it. Views list other stories as `Self::Card` (on the
/// front page and article pages) or `Self::Row` (on listings), so a
/// fingerprint can stand a story's precomputed signature in for either.
pub trait PageVisitor {
    /// How a story is shown in full on the front page.
    type Card: Serialize;
    /// How a story is listed on an edition, tag or entity page.
    type Row: Serialize;
    /// What visiting a page yields.
    type Output;
    /// The card of story `i`.
    fn card(&self, i: ArticleId) -> Self::Card;
    /// The row of story `i`, shown in `style`.
    fn row(&self, i: ArticleId, style: RowStyle) -> Self::Row;
    /// Visits one page's view.
    fn page<T: Serialize>(&self, spec: PageSpec<'_>, view: T) -> Self::Output;
    /// Whether views must carry article bodies as HTML, or may stand in
    /// each body's source revision (enough for a fingerprint).
    fn needs_bodies(&self) -> bool {
        true
    }
}

/// Settings that change every page.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Where the site is published.
    pub urls: Urls,
    /// The live-reload script's URL, in `serve` mode only.
    pub live_reload: Option<String>,
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
    /// A renderer for `config` with `templates`.
    pub fn new(config: &SiteConfig, mut templates: Templates, options: RenderOptions) -> Renderer {
        let mut site = SiteView::new(config, &options.urls);
        site.live_reload = options.live_reload;
        templates.tera.global_context().insert("site", &site);
        Renderer {
            templates,
            urls: options.urls,
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

    /// The files that depend only on the configuration (`.nojekyll`,
    /// `CNAME`, `robots.txt`), written once per build beside the pages.
    pub fn site_files(&self) -> Vec<RenderedPage> {
        seo::site_files(&self.seo, &self.urls)
    }

    /// Renders one page.
    pub fn render(&self, digest: &Digest, job: Job) -> Result<RenderedPage, Error> {
        let route = job.route(digest);
        let html = self.visit(
            digest,
            job,
            &route,
            &HtmlVisitor {
                renderer: self,
                digest,
            },
        )?;
        // Article text may hold control characters that XML 1.0 forbids;
        // one would make a whole feed unreadable.
        let text = if route.ends_with(".xml") {
            crate::html::xml_chars_only(html)
        } else {
            html
        };
        Ok(RenderedPage {
            path: urls::output_path(&route),
            bytes: text.into_bytes(),
        })
    }

    /// Whether `job`'s file is best streamed to its output with
    /// [`Renderer::write_to`]: the data files, which hold every story.
    pub fn streams(job: Job) -> bool {
        matches!(job, Job::Lookup(Lookup::DigestJson | Lookup::SearchIndex))
    }

    /// Writes `job`'s file to `out` as it is made: the same bytes as
    /// [`Renderer::render`], without holding a data file whole.
    pub fn write_to(
        &self,
        digest: &Digest,
        job: Job,
        out: &mut dyn std::io::Write,
    ) -> Result<(), Error> {
        let route = job.route(digest);
        match job {
            Job::Lookup(Lookup::DigestJson) => {
                let view = data::digest_json(digest, &self.site_title, &self.urls);
                data::write_json(&view, &route, out)
            }
            Job::Lookup(Lookup::SearchIndex) => {
                data::write_json(&data::search_index(digest, &self.urls), &route, out)
            }
            Job::Page(_) | Job::Feed(_) | Job::Lookup(_) | Job::Edition(_) => {
                let page = self.render(digest, job)?;
                out.write_all(&page.bytes)
                    .map_err(|e| Error::io("write", std::path::Path::new(&page.path), e))
            }
        }
    }

    /// Builds a job's view and hands it to `visitor`.
    pub fn visit<V: PageVisitor>(
        &self,
        digest: &Digest,
        job: Job,
        route: &str,
        visitor: &V,
    ) -> V::Output {
        let at = At { job, route };
        match job {
            Job::Page(page) => self.visit_page(digest, page, at, visitor),
            Job::Feed(feed) => self.visit_feed(digest, feed, at, visitor),
            Job::Lookup(lookup) => self.visit_lookup(digest, lookup, at, visitor),
            Job::Edition(file) => self.visit_edition_file(digest, file, at, visitor),
        }
    }

    /// Builds the view of an edition made for email or paper and hands it
    /// to `visitor`.
    fn visit_edition_file<V: PageVisitor>(
        &self,
        digest: &Digest,
        file: EditionFile,
        at: At<'_>,
        visitor: &V,
    ) -> V::Output {
        let (urls, name) = (&self.urls, &self.site_title);
        let e = file.edition();
        let edition = &digest.editions[e];
        let title = format!(
            "{name}: edition of {}",
            format::edition_label(edition.date, edition.last)
        );
        let spec = |template| PageSpec::new(template, &title, at.route, at.job);
        match file {
            EditionFile::Email(_) => {
                visitor.page(spec("email.html"), email::email(digest, e, name, urls))
            }
            EditionFile::EmailText(_) => {
                visitor.page(spec("email.txt"), email::email(digest, e, name, urls))
            }
            EditionFile::Print(_) => {
                let view = print::print(digest, e, name, urls, visitor.needs_bodies());
                visitor.page(spec("print.html"), view)
            }
        }
    }

    /// Builds the view of a page of the stories and hands it to `visitor`.
    fn visit_page<V: PageVisitor>(
        &self,
        digest: &Digest,
        page: Page,
        at: At<'_>,
        visitor: &V,
    ) -> V::Output {
        let urls = &self.urls;
        let spec = |template, title| PageSpec::new(template, title, at.route, at.job);
        let card = |i| visitor.card(i);
        let row = |i, dated| visitor.row(i, RowStyle { lede: false, dated });
        match page {
            Page::Index => {
                let view = views::index(digest, self.index_editions, urls, card);
                visitor.page(spec("index.html", &self.site_title), view)
            }
            Page::Article(i) => {
                let a = &digest.articles[i];
                let view = views::article(digest, i, urls, card);
                let page = PageSpec {
                    has_code: a.body.has_code(),
                    body_of: Some(BodyOf::Article(i)),
                    ..spec("article.html", &a.title)
                };
                visitor.page(page, view)
            }
            Page::Edition(e, n) => {
                let style = RowStyle {
                    lede: true,
                    dated: false,
                };
                let view = views::edition(digest, e, n, urls, |i| visitor.row(i, style));
                let title = paged_title(format!("Edition of {}", view.date), &view.pager);
                visitor.page(spec("edition.html", &title), view)
            }
            Page::Editions => {
                let view: Vec<_> = digest
                    .editions
                    .ids()
                    .map(|e| views::edition_summary(digest, e, urls, 0))
                    .collect();
                visitor.page(spec("editions.html", "All editions"), view)
            }
            Page::Tag(t, n) => {
                let view = views::tag(digest, t, n, urls, row);
                let title = format!("Stories tagged “{}”", digest.tags[t].name);
                let title = paged_title(title, &view.pager);
                visitor.page(spec("tag.html", &title), view)
            }
            Page::Tags => visitor.page(spec("tags.html", "Tags"), views::tags(digest, urls)),
            Page::NotFound => visitor.page(spec("404.html", "Page not found"), ()),
            Page::Standalone(p) => {
                let Some(standalone) = digest.pages.get(p) else {
                    return visitor.page(spec("page.html", ""), standalone::view(None, urls));
                };
                let page = PageSpec {
                    has_code: standalone.body.has_code(),
                    body_of: Some(BodyOf::Standalone(p)),
                    ..spec("page.html", &standalone.title)
                };
                visitor.page(page, standalone::view(Some(standalone), urls))
            }
            Page::Moved(m) => match digest.moved.get(m) {
                Some(moved) => {
                    let view = news::moved(digest, moved, urls);
                    visitor.page(spec("moved.html", view.title), view)
                }
                None => visitor.page(spec("404.html", "Page not found"), ()),
            },
        }
    }

    /// Builds the view of a briefing-layer page (an entity page, the
    /// entities index, the search page) or data file (`digest.json`,
    /// `search-index.json`) and hands it to `visitor`.
    fn visit_lookup<V: PageVisitor>(
        &self,
        digest: &Digest,
        lookup: Lookup,
        at: At<'_>,
        visitor: &V,
    ) -> V::Output {
        let urls = &self.urls;
        let spec = |template, title| PageSpec::new(template, title, at.route, at.job);
        match lookup {
            Lookup::Entity(e, n) => {
                let row = |i, dated| visitor.row(i, RowStyle { lede: false, dated });
                let view = entities::entity_page(digest, e, n, urls, row);
                let title = paged_title(view.name.to_string(), &view.pager);
                visitor.page(spec("entity.html", &title), view)
            }
            Lookup::Entities(n) => {
                let view = entities::entities_index(digest, n, urls);
                let title = paged_title("People, places and organisations".into(), &view.pager);
                visitor.page(spec("entities.html", &title), view)
            }
            Lookup::DigestJson => {
                let view = data::digest_json(digest, &self.site_title, urls);
                visitor.page(spec(data::DIGEST_JSON, &self.site_title), view)
            }
            Lookup::SearchIndex => {
                let view = data::search_index(digest, urls);
                visitor.page(spec(data::SEARCH_INDEX, &self.site_title), view)
            }
            Lookup::Search => visitor.page(
                spec("search.html", "Search"),
                search::search_page(digest, urls),
            ),
        }
    }

    /// Builds the view of a feed or the sitemap and hands it to `visitor`.
    /// The view holds everything the file shows, so its fingerprint changes
    /// whenever one of its articles does.
    fn visit_feed<V: PageVisitor>(
        &self,
        digest: &Digest,
        feed: Feed,
        at: At<'_>,
        visitor: &V,
    ) -> V::Output {
        let (urls, route) = (&self.urls, at.route);
        let spec = |template| PageSpec::new(template, &self.site_title, route, at.job);
        let cx = feeds::FeedContext {
            settings: &self.feed_settings,
            urls,
            bodies: visitor.needs_bodies(),
        };
        match feed {
            Feed::Tag(t) => visitor.page(spec("atom.xml"), feeds::tag_feed(digest, t, cx, route)),
            Feed::Atom => visitor.page(spec("atom.xml"), feeds::feed(digest, cx, route)),
            Feed::Rss => visitor.page(spec("rss.xml"), feeds::feed(digest, cx, route)),
            Feed::Json => {
                let view = feeds::feed(digest, cx, route);
                visitor.page(spec(feeds::JSON_FEED), feeds::JsonFeed::of(&view))
            }
            Feed::Sitemap => {
                let pages: Vec<(Job, String)> = Job::all(digest)
                    .into_iter()
                    .map(|job| (job, job.route(digest)))
                    .collect();
                visitor.page(spec("sitemap.xml"), seo::sitemap(digest, &pages, urls))
            }
        }
    }

    /// What the template of `spec`'s page receives besides `site`.
    fn context<'a, T: Serialize>(
        &self,
        digest: &Digest,
        spec: PageSpec<'a>,
        page: T,
    ) -> PageContext<'a, T> {
        PageContext {
            template: spec.template,
            title: spec.title,
            canonical_url: self.urls.absolute(spec.route),
            has_code: spec.has_code,
            body_html: spec.body_of.and_then(|body| match body {
                BodyOf::Article(i) => Some(format::body_html(&digest.articles[i].body)),
                BodyOf::Standalone(p) => digest
                    .pages
                    .get(p)
                    .map(|page| format::body_html(&page.body)),
            }),
            standalone_pages: standalone::links(digest, &self.urls),
            meta: self.meta(digest, spec.job),
            page,
        }
    }

    /// The meta tags of `job`'s page: derived from the same article and tag
    /// as the page's view, so the page's fingerprint covers them.
    fn meta(&self, digest: &Digest, job: Job) -> PageMeta {
        let mut meta = PageMeta::site(&self.seo);
        match job {
            Job::Page(Page::Article(i)) => {
                meta = seo::article_meta(digest, i, &self.seo, &self.urls);
            }
            Job::Page(Page::Tag(t, _)) => {
                meta.feed = Some(seo::tag_feed_link(digest, t, &self.urls));
            }
            Job::Page(Page::NotFound | Page::Moved(_)) => meta.noindex = true,
            Job::Page(Page::Standalone(p)) => {
                meta.noindex = seo::is_draft_page(digest, job);
                if let Some(summary) = digest.pages.get(p).and_then(|page| page.summary.clone()) {
                    meta.description = summary;
                }
            }
            Job::Page(Page::Index | Page::Edition(..) | Page::Editions | Page::Tags)
            | Job::Feed(_)
            | Job::Lookup(_)
            | Job::Edition(_) => {}
        }
        meta
    }
}

/// A listing page's title, with its page number after the first page.
fn paged_title(title: String, pager: &paging::Pager) -> String {
    if pager.current > 1 {
        format!("{title} (page {} of {})", pager.current, pager.total)
    } else {
        title
    }
}

/// The job being visited and its route.
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    job: Job,
    route: &'a str,
}

/// Renders views to HTML through the templates.
struct HtmlVisitor<'r> {
    renderer: &'r Renderer,
    digest: &'r Digest,
}

impl<'r> PageVisitor for HtmlVisitor<'r> {
    type Card = views::Card<'r>;
    type Row = views::Row<'r>;
    type Output = Result<String, Error>;

    fn card(&self, i: ArticleId) -> views::Card<'r> {
        views::card(self.digest, i, &self.renderer.urls)
    }

    fn row(&self, i: ArticleId, style: RowStyle) -> views::Row<'r> {
        views::row(self.digest, i, &self.renderer.urls, style)
    }

    fn page<T: Serialize>(&self, spec: PageSpec<'_>, page: T) -> Result<String, Error> {
        let renderer = self.renderer;
        if spec.template == feeds::JSON_FEED {
            return feeds::to_json(&page).map_err(|source| Error::Json {
                route: spec.route.to_string(),
                source,
            });
        }
        if data::is_data(spec.template) {
            return data::to_json(&page, spec.route);
        }
        let context = renderer.context(self.digest, spec, page);
        let templates = &renderer.templates;
        let context =
            Context::from_serialize(&context).map_err(|e| templates.error_in(&e, spec.template))?;
        templates
            .tera
            .render(spec.template, &context)
            .map_err(|e| templates.error_in(&e, spec.template))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;
    use std::sync::Arc;

    use jiff::Timestamp;

    use super::*;
    use crate::article::{self, ParseOptions};
    use crate::discover::{SourceFile, SourceKind};
    use crate::enrich::{self, EnrichContext};

    /// A digest of hand-written Markdown stories (file name, text).
    fn digest(stories: &[(&str, &str)]) -> Digest {
        let context = EnrichContext {
            now: Timestamp::from_second(1_752_300_000).unwrap(),
            words_per_minute: 200,
            time_zone: jiff::tz::TimeZone::UTC,
        };
        let articles = stories
            .iter()
            .map(|(name, text)| {
                let rel = PathBuf::from("seeds").join(name);
                let source = SourceFile {
                    path: rel.clone(),
                    rel_path: rel,
                    kind: SourceKind::Markdown,
                    sidecar: None,
                };
                let parsed = article::parse(&source, text, None, ParseOptions::default());
                Arc::new(enrich::enrich(parsed.unwrap(), &context))
            })
            .collect();
        crate::digest::build(articles, &crate::digest::Settings::default()).0
    }

    fn renderer() -> Renderer {
        let text = "title = \"Daily\"\nbase_url = \"https://u.github.io/r/\"\n";
        let themes = crate::article::highlight::theme_names();
        let config = crate::config::parse(text, std::path::Path::new("site.toml"), &themes);
        let templates = Templates::load(Vec::new()).unwrap();
        let options = RenderOptions {
            urls: Urls::new("https://u.github.io/r/"),
            live_reload: None,
        };
        Renderer::new(&config.unwrap(), templates, options)
    }

    fn two_stories() -> Digest {
        digest(&[
            (
                "2025-07-10-talks.md",
                "+++\ntitle = \"Talks in Geneva\"\ntags = [\"Diplomacy\"]\n+++\nSergei Lavrov met officials in Geneva on Monday.\n",
            ),
            (
                "2025-07-11-floods.md",
                "+++\ntitle = \"Floods\"\ntags = [\"Weather\", \"Diplomacy\"]\n+++\nRivers rose \u{1}across the region.\n",
            ),
        ])
    }

    #[test]
    fn every_job_renders_once_at_its_own_route() {
        let digest = two_stories();
        let renderer = renderer();
        let jobs = Job::all(&digest);
        // Each of the two editions: its page, email, plain-text email, print.
        let listed = 4 + 4 + 2 + 2 * 4 + 2 * 2 + 4 + digest.entities.len();
        assert_eq!(jobs.len(), listed);
        let mut paths = BTreeSet::new();
        for job in jobs {
            let page = renderer.render(&digest, job).unwrap();
            assert_eq!(page.path, urls::output_path(&job.route(&digest)), "{job:?}");
            assert!(!page.bytes.is_empty(), "{job:?}");
            assert!(paths.insert(page.path), "{job:?} rendered to a taken path");
        }
        assert!(paths.contains("articles/2025-07-10-talks/index.html"));
        assert!(paths.contains("tags/diplomacy/atom.xml"));
    }

    #[test]
    fn an_article_page_shows_its_story_and_the_not_found_page_is_not_indexed() {
        let digest = two_stories();
        let renderer = renderer();
        let talks = digest
            .articles
            .enumerate()
            .find(|(_, a)| a.title == "Talks in Geneva")
            .map(|(i, _)| i)
            .unwrap();
        let page = renderer.render(&digest, Job::Page(Page::Article(talks)));
        let html = String::from_utf8(page.unwrap().bytes).unwrap();
        assert!(html.contains("<title>Talks in Geneva"), "{html}");
        assert!(html.contains("met officials in Geneva"));
        assert!(!html.contains("noindex"));
        let missing = renderer.render(&digest, Job::Page(Page::NotFound));
        let html = String::from_utf8(missing.unwrap().bytes).unwrap();
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    }

    #[test]
    fn xml_files_drop_characters_xml_forbids_and_json_keeps_its_form() {
        let digest = two_stories();
        let renderer = renderer();
        let atom = renderer.render(&digest, Job::Feed(Feed::Atom)).unwrap();
        let text = String::from_utf8(atom.bytes).unwrap();
        assert!(text.contains("Rivers rose across"), "{text}");
        let json = renderer.render(&digest, Job::Feed(Feed::Json)).unwrap();
        let feed: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
        assert_eq!(feed["items"].as_array().map(Vec::len), Some(2));
        let data = renderer.render(&digest, Job::Lookup(Lookup::DigestJson));
        let data: serde_json::Value = serde_json::from_slice(&data.unwrap().bytes).unwrap();
        assert_eq!(data["articles"][0]["title"], "Floods");
    }
}
