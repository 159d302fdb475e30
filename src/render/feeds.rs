//! Feeds: the newest articles as Atom 1.0, RSS 2.0 and JSON Feed 1.1.
//!
//! One [`FeedView`] is built from the digest and rendered three ways: the
//! `atom.xml` and `rss.xml` templates (tera escapes `.xml` templates, so
//! article text cannot break the markup) and [`JsonFeed`], serialised with
//! serde. Dates are formatted here, RFC 3339 for Atom and JSON Feed and
//! RFC 2822 for RSS; every entry's id is its permalink, so it stays the same
//! from one build to the next. Nothing here reads the clock: a feed is
//! "updated" when its newest entry was published.

use jiff::Timestamp;
use serde::Serialize;

use super::format::{body_html, rfc2822, rfc3339};
use crate::config::{FeedContent, FeedsConfig, SiteConfig};
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, TagId};
use crate::urls::{self, Urls};

/// Root-relative links to the feeds, for `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedLinks {
    /// The Atom feed.
    pub atom_url: String,
    /// The RSS feed.
    pub rss_url: String,
    /// The JSON Feed.
    pub json_url: String,
}

impl FeedLinks {
    /// The feed links of a site published under `urls`.
    pub(crate) fn new(urls: &Urls) -> FeedLinks {
        FeedLinks {
            atom_url: urls.link(urls::ATOM_ROUTE),
            rss_url: urls.link(urls::RSS_ROUTE),
            json_url: urls.link(urls::JSON_FEED_ROUTE),
        }
    }
}

/// Site-wide facts every feed repeats.
#[derive(Debug, Clone)]
pub(crate) struct FeedSettings {
    /// The site's name.
    pub title: String,
    /// What the feed is about (the site description, or a sentence made
    /// from the title when there is none: RSS requires one).
    pub description: String,
    /// BCP 47 language tag.
    pub language: String,
    /// The feed's author: the configured author, else the site's name
    /// (Atom requires one).
    pub author: String,
    /// How many entries and how much of each.
    pub feeds: FeedsConfig,
}

impl FeedSettings {
    /// The feed settings of `config`.
    pub(crate) fn new(config: &SiteConfig) -> FeedSettings {
        let description = if config.description.trim().is_empty() {
            format!("The latest stories from {}.", config.title)
        } else {
            config.description.clone()
        };
        FeedSettings {
            title: config.title.clone(),
            description,
            language: config.language.clone(),
            author: config
                .author
                .clone()
                .unwrap_or_else(|| config.title.clone()),
            feeds: config.feeds.clone(),
        }
    }
}

/// A feed, ready for a template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedView<'a> {
    /// The feed's title.
    pub title: String,
    /// What it is about.
    pub description: String,
    /// BCP 47 language tag.
    pub language: &'a str,
    /// Who publishes it.
    pub author: &'a str,
    /// The page the feed follows (the front page, a tag page), absolute.
    pub home_url: String,
    /// This feed's own URL, absolute.
    pub feed_url: String,
    /// When the newest entry was published, RFC 3339.
    pub updated: String,
    /// The same instant, RFC 2822 (for RSS).
    pub updated_rfc2822: String,
    /// The entries, newest first.
    pub entries: Vec<FeedEntry<'a>>,
}

/// One article in a feed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedEntry<'a> {
    /// A stable, unique id: the article's permalink.
    pub id: String,
    /// The article page, absolute.
    pub url: String,
    /// The headline.
    pub title: &'a str,
    /// The lede, as text.
    pub summary: &'a str,
    /// The lede as HTML (escaped text), for RSS, whose `<description>`
    /// readers treat as HTML.
    pub summary_html: String,
    /// The whole article, when feeds carry full content.
    pub content_html: Option<Content>,
    /// When it was published, RFC 3339.
    pub published: String,
    /// The same instant, RFC 2822 (for RSS).
    pub published_rfc2822: String,
    /// The byline, when there is one.
    pub author: Option<&'a str>,
    /// Its tags, as written.
    pub tags: Vec<&'a str>,
}

/// An article's content in a feed entry.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum Content {
    /// Safe HTML with absolute links, for rendering.
    Html(String),
    /// The article's source revision, standing in for the HTML when a
    /// feed is only fingerprinted (equal revisions, equal HTML).
    Revision(u64),
}

/// How feeds are built for one renderer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeedContext<'a> {
    /// Site-wide feed facts.
    pub settings: &'a FeedSettings,
    /// Where the site is published.
    pub urls: &'a Urls,
    /// Whether entries carry their HTML (rendering) or only their
    /// revision (fingerprinting, where building the HTML would be waste).
    pub bodies: bool,
}

/// The site's feed published at `route`: the newest
/// `settings.feeds.limit` articles of the digest, in reading order.
pub(crate) fn feed<'a>(digest: &'a Digest, cx: FeedContext<'a>, route: &str) -> FeedView<'a> {
    let scope = Scope {
        articles: digest.articles.ids().collect(),
        title: cx.settings.title.clone(),
        description: cx.settings.description.clone(),
        home_route: String::new(),
    };
    feed_of(digest, cx, route, scope)
}

/// Tag `t`'s feed published at `route`: its newest articles.
pub(crate) fn tag_feed<'a>(
    digest: &'a Digest,
    t: TagId,
    cx: FeedContext<'a>,
    route: &str,
) -> FeedView<'a> {
    let tag = &digest.tags[t];
    let title = &cx.settings.title;
    let scope = Scope {
        articles: tag.articles.clone(),
        title: format!("{title} · {}", tag.name),
        description: format!("Stories tagged “{}” from {title}.", tag.name),
        home_route: urls::tag_route(&tag.slug),
    };
    feed_of(digest, cx, route, scope)
}

/// Which articles a feed follows and what it calls itself.
struct Scope {
    /// The articles, in reading order.
    articles: Vec<ArticleId>,
    title: String,
    description: String,
    /// The route of the page the feed follows.
    home_route: String,
}

fn feed_of<'a>(digest: &'a Digest, cx: FeedContext<'a>, route: &str, scope: Scope) -> FeedView<'a> {
    let (settings, urls) = (cx.settings, cx.urls);
    // Drafts are in the digest only for a preview built with `--drafts`;
    // a feed never carries them.
    let listed: Vec<ArticleId> = scope
        .articles
        .iter()
        .copied()
        .filter(|&i| !digest.articles[i].draft)
        .take(settings.feeds.limit)
        .collect();
    let entries: Vec<FeedEntry<'a>> = listed.iter().map(|&i| entry(digest, i, cx)).collect();
    // The newest entry, not the clock, dates the feed; an empty feed is
    // dated at the Unix epoch so the output stays reproducible.
    let updated = listed
        .iter()
        .map(|&i| digest.articles[i].published)
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    FeedView {
        title: scope.title,
        description: scope.description,
        language: &settings.language,
        author: &settings.author,
        home_url: urls.absolute(&scope.home_route),
        feed_url: urls.absolute(route),
        updated: rfc3339(updated),
        updated_rfc2822: rfc2822(updated),
        entries,
    }
}

fn entry<'a>(digest: &'a Digest, i: ArticleId, cx: FeedContext<'_>) -> FeedEntry<'a> {
    let a = &digest.articles[i];
    let urls = cx.urls;
    let route = urls::article_route(&a.slug);
    let url = urls.absolute(&route);
    let content = || {
        if cx.bodies {
            Content::Html(absolute_links(&body_html(&a.body), urls, &route))
        } else {
            Content::Revision(a.revision)
        }
    };
    FeedEntry {
        id: url.clone(),
        url,
        title: &a.title,
        summary: &a.lede,
        summary_html: crate::html::escape(&a.lede),
        content_html: (cx.settings.feeds.content == FeedContent::Full).then(content),
        published: rfc3339(a.published),
        published_rfc2822: rfc2822(a.published),
        author: a.author.as_deref(),
        tags: digest.tags_of[i]
            .iter()
            .map(|&t| digest.tags[t].name.as_str())
            .collect(),
    }
}

/// `html` with every `href` and `src` made absolute, resolved from the
/// article page at `route`: feed readers show entries away from the site,
/// where a relative link would break. The HTML is our own serialisation
/// (attributes double-quoted, quotes in text escaped), so an attribute
/// cannot be confused with text.
pub(crate) fn absolute_links(html: &str, urls: &Urls, route: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    for range in crate::html::link_values(html) {
        out.push_str(&html[copied..range.start]);
        let link = crate::html::unescape(&html[range.clone()]);
        crate::html::escape_into(&mut out, &urls.resolve(route, &link));
        copied = range.end;
    }
    out.push_str(&html[copied..]);
    out
}

/// The name the JSON Feed is rendered under: not a template, the
/// [`JsonFeed`] document serialised.
pub(crate) const JSON_FEED: &str = "feed.json";

/// `value` as pretty-printed JSON ending with a newline.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

impl<'a> JsonFeed<'a> {
    /// The JSON Feed 1.1 document of `feed`.
    pub(crate) fn of(feed: &'a FeedView<'a>) -> JsonFeed<'a> {
        JsonFeed {
            version: "https://jsonfeed.org/version/1.1",
            title: &feed.title,
            home_page_url: &feed.home_url,
            feed_url: &feed.feed_url,
            description: &feed.description,
            language: feed.language,
            authors: vec![JsonAuthor { name: feed.author }],
            items: feed
                .entries
                .iter()
                .map(|e| JsonItem {
                    id: &e.id,
                    url: &e.url,
                    title: e.title,
                    content_html: e.content_html.as_ref(),
                    content_text: e.content_html.is_none().then_some(e.summary),
                    summary: e.summary,
                    date_published: &e.published,
                    authors: e.author.map(|name| vec![JsonAuthor { name }]),
                    tags: e.tags.clone(),
                })
                .collect(),
        }
    }
}

/// A JSON Feed 1.1 document.
#[derive(Debug, Serialize)]
pub(crate) struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a Content>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    summary: &'a str,
    date_published: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<Vec<JsonAuthor<'a>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_content_links_become_absolute() {
        let urls = Urls::new("https://u.github.io/r/");
        let html = "<p><a href=\"../y/#a\">y</a> <img src=\"p.png\" alt=\"src=&quot;x&quot;\"> \
                    <a href=\"https://e.org/?a=1&amp;b=2\">e</a> said href=&quot;z&quot;</p>";
        assert_eq!(
            absolute_links(html, &urls, "articles/x/"),
            "<p><a href=\"https://u.github.io/r/articles/y/#a\">y</a> \
             <img src=\"https://u.github.io/r/articles/x/p.png\" alt=\"src=&quot;x&quot;\"> \
             <a href=\"https://e.org/?a=1&amp;b=2\">e</a> said href=&quot;z&quot;</p>"
        );
    }

    #[test]
    fn settings_fill_in_what_feeds_require() {
        let config = crate::config::parse(
            "title = \"Daily\"\nbase_url = \"https://x.org/\"\n",
            std::path::Path::new("site.toml"),
            &["InspiredGitHub"],
        )
        .unwrap();
        let settings = FeedSettings::new(&config);
        assert_eq!(settings.author, "Daily");
        assert_eq!(settings.description, "The latest stories from Daily.");
    }

    #[test]
    fn an_empty_feed_is_valid_json_dated_at_the_epoch() {
        let config = crate::config::parse(
            "title = \"Daily\"\nbase_url = \"https://x.org/r/\"\n",
            std::path::Path::new("site.toml"),
            &["InspiredGitHub"],
        )
        .unwrap();
        let settings = FeedSettings::new(&config);
        let digest = Digest::default();
        let urls = Urls::new("https://x.org/r/");
        let cx = FeedContext {
            settings: &settings,
            urls: &urls,
            bodies: true,
        };
        let view = feed(&digest, cx, "feed.json");
        assert_eq!(view.updated, "1970-01-01T00:00:00Z");
        let text = to_json(&JsonFeed::of(&view)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["feed_url"], "https://x.org/r/feed.json");
        assert_eq!(value["items"].as_array().map(Vec::len), Some(0));
    }
}
