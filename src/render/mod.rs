//! Turning the digest into pages: the only user of `tera`.
//!
//! [`Renderer::jobs`] lists every page the digest needs; [`Renderer::render`]
//! renders one. Jobs are independent, so the pipeline renders them in
//! parallel and writes each page as soon as it is done.

pub mod briefing;
pub mod data;
pub mod templates;
pub mod urls;
pub mod views;

use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::error::Error;
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
    /// Entity `e` of the digest (a person, place or organisation).
    Entity(usize),
    /// The index of people, places and organisations.
    Entities,
    /// The search page.
    Search,
    /// `digest.json`.
    DigestJson,
    /// `search-index.json`.
    SearchIndex,
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
    /// The page's own data.
    page: T,
}

/// Renders pages of one digest with one template set.
pub struct Renderer {
    templates: Templates,
    urls: Urls,
    site_title: String,
    index_editions: usize,
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
        }
    }

    /// The URLs this renderer links with.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    /// Every page the digest needs, in a fixed order.
    pub fn jobs(digest: &Digest) -> Vec<Job> {
        let mut jobs = vec![Job::Index, Job::Editions, Job::Tags, Job::NotFound];
        jobs.extend((0..digest.articles.len()).map(Job::Article));
        jobs.extend((0..digest.editions.len()).map(Job::Edition));
        jobs.extend((0..digest.tags.len()).map(Job::Tag));
        jobs.extend([
            Job::Entities,
            Job::Search,
            Job::DigestJson,
            Job::SearchIndex,
        ]);
        jobs.extend((0..digest.entities.len()).map(Job::Entity));
        jobs
    }

    /// Renders one page.
    pub fn render(&self, digest: &Digest, job: Job) -> Result<RenderedPage, Error> {
        let urls = &self.urls;
        let route = match job {
            Job::Index => String::new(),
            Job::Article(i) => urls::article_route(&digest.articles[i].slug),
            Job::Edition(e) => urls::edition_route(digest.editions[e].date),
            Job::Editions => urls::EDITIONS_ROUTE.to_string(),
            Job::Tag(t) => urls::tag_route(&digest.tags[t].slug),
            Job::Tags => urls::TAGS_ROUTE.to_string(),
            Job::NotFound => urls::NOT_FOUND_ROUTE.to_string(),
            Job::Entity(e) => {
                let entity = &digest.entities[e];
                urls::entity_route(entity.kind, &entity.slug)
            }
            Job::Entities => urls::ENTITIES_ROUTE.to_string(),
            Job::Search => urls::SEARCH_ROUTE.to_string(),
            Job::DigestJson => urls::DIGEST_JSON_ROUTE.to_string(),
            Job::SearchIndex => urls::SEARCH_INDEX_ROUTE.to_string(),
        };
        if let Some(bytes) = self.render_data(digest, job)? {
            return Ok(RenderedPage {
                path: urls::output_path(&route),
                bytes,
            });
        }
        let spec = |template, title| PageSpec {
            template,
            title,
            route: &route,
            has_code: false,
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
                self.page(spec("tag.html", &title), views::tag(digest, t, urls))
            }
            Job::Tags => self.page(spec("tags.html", "Tags"), views::tags(digest, urls)),
            Job::NotFound => self.page(spec("404.html", "Page not found"), ()),
            Job::Entity(e) => {
                let view = briefing::entity_page(digest, e, urls);
                let title = view.name.to_string();
                self.page(spec("entity.html", &title), view)
            }
            Job::Entities => {
                let view = briefing::entities_index(digest, urls);
                self.page(
                    spec("entities.html", "People, places and organisations"),
                    view,
                )
            }
            Job::Search => self.page(
                spec("search.html", "Search"),
                briefing::search_page(digest, urls),
            ),
            Job::DigestJson | Job::SearchIndex => Ok(String::new()),
        }?;
        Ok(RenderedPage {
            path: urls::output_path(&route),
            bytes: html.into_bytes(),
        })
    }

    /// The bytes of a data job (JSON), or `None` for an HTML page.
    fn render_data(&self, digest: &Digest, job: Job) -> Result<Option<Vec<u8>>, Error> {
        match job {
            Job::DigestJson => data::digest_json(digest, &self.site_title, &self.urls).map(Some),
            Job::SearchIndex => data::search_index(digest, &self.urls).map(Some),
            _ => Ok(None),
        }
    }

    fn page<T: Serialize>(&self, spec: PageSpec<'_>, page: T) -> Result<String, Error> {
        let context = PageContext {
            template: spec.template,
            title: spec.title,
            canonical_url: self.urls.absolute(spec.route),
            has_code: spec.has_code,
            page,
        };
        let context = Context::from_serialize(&context).map_err(|e| self.templates.error(&e))?;
        self.templates
            .tera
            .render(spec.template, &context)
            .map_err(|e| self.templates.error(&e))
    }
}

/// Which template renders a page, and the page-level facts around its data.
struct PageSpec<'a> {
    template: &'static str,
    title: &'a str,
    route: &'a str,
    has_code: bool,
}
