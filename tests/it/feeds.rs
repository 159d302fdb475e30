//! The feeds, read by a real feed parser (the `feed-rs` crate), and the
//! sitemap, validated against the sitemaps.org schema by `xmllint`.
//!
//! `.ci/run` installs `xmllint` (Debian's libxml2-utils) and the schema (the
//! npm package `sitemap` ships the sitemaps.org XSD) into `.ci/tools`.
//! What the sitemap lists is checked without any tool; outside CI the
//! schema validation alone is skipped, with a message, when either is
//! missing; with `BRIEFING_REQUIRE_TOOLS=1` a missing tool fails it.

use std::path::PathBuf;
use std::process::Command;

use feed_rs::model::{Feed, FeedType};

use crate::support::{EPOCH, Site, repo_root, require_tool};

const SAMPLE_URL: &str = "https://example.github.io/briefing/articles/f596f713c00f6b16/";
/// 2025-07-01T00:00:00Z, the date of the extra stories' file names.
const JULY_FIRST: i64 = 1_751_328_000;

/// The bundled site plus two dated stories (one with a byline and tags).
fn site_with_three_stories() -> Site {
    let site = Site::bundled();
    site.write(
        "seeds/2025-07-01_000_port.md",
        "+++\ntitle = \"Port reopens & ships <queue>\"\nauthor = \"Ann Lee\"\ntags = [\"Trade\", \"Asia\"]\n+++\nThe port reopened on *Monday*.\n\nShips queued overnight.\n",
    );
    site.write(
        "seeds/2025-07-01_001_rain.txt",
        "Heavy rain fell across the capital on Tuesday.\nRoads were closed.",
    );
    site
}

fn parse(site: &Site, file: &str) -> Feed {
    let bytes = std::fs::read(site.public().join(file)).unwrap();
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Checks what every feed must carry, whatever its format.
fn assert_common(feed: &Feed, file: &str) {
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "World Briefing",
        "{file}"
    );
    assert_eq!(feed.entries.len(), 3, "{file}");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            SAMPLE_URL,
            "https://example.github.io/briefing/articles/2025-07-01-port/",
            "https://example.github.io/briefing/articles/2025-07-01-rain/",
        ],
        "{file}: ids are the permalinks, newest edition first"
    );
    for entry in &feed.entries {
        assert!(entry.title.is_some(), "{file}: entry without a title");
        assert_eq!(entry.links[0].href, entry.id, "{file}");
        assert!(entry.published.is_some(), "{file}: no published date");
        let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
        assert!(content.is_some(), "{file}: {} has no content", entry.id);
    }
    let published: Vec<i64> = feed
        .entries
        .iter()
        .map(|e| e.published.unwrap().timestamp())
        .collect();
    let epoch: i64 = EPOCH.parse().unwrap();
    assert_eq!(published, vec![epoch, JULY_FIRST, JULY_FIRST], "{file}");
    let port = &feed.entries[1];
    assert_eq!(
        port.title.as_ref().unwrap().content,
        "Port reopens & ships <queue>",
        "{file}: the title is text, escaped once"
    );
    let body = port.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(body.contains("<em>Monday</em>"), "{file}: {body}");
    let tags: Vec<&str> = port.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(tags, vec!["Trade", "Asia"], "{file}");
}

#[test]
fn atom_feed_parses_with_required_fields() {
    let site = site_with_three_stories();
    site.build_ok();
    let feed = parse(&site, "atom.xml");
    assert_eq!(feed.feed_type, FeedType::Atom);
    assert_common(&feed, "atom.xml");
    assert_eq!(feed.id, "https://example.github.io/briefing/");
    assert_eq!(
        feed.updated.unwrap().timestamp(),
        EPOCH.parse::<i64>().unwrap()
    );
    assert!(!feed.authors.is_empty());
    let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self"));
    assert_eq!(
        self_link.unwrap().href,
        "https://example.github.io/briefing/atom.xml"
    );
    assert_eq!(feed.entries[1].authors[0].name.as_deref(), Some("Ann Lee"));
    let summary = feed.entries[2].summary.as_ref().unwrap();
    assert_eq!(
        summary.content,
        "Heavy rain fell across the capital on Tuesday."
    );
    // RFC 3339, as written.
    let atom = site.read("atom.xml");
    assert!(atom.contains("<published>2025-07-01T00:00:00Z</published>"));
}

#[test]
fn rss_feed_parses_with_required_fields() {
    let site = site_with_three_stories();
    site.build_ok();
    let feed = parse(&site, "rss.xml");
    assert_eq!(feed.feed_type, FeedType::RSS2);
    assert_common(&feed, "rss.xml");
    assert_eq!(feed.links[0].href, "https://example.github.io/briefing/");
    assert!(feed.description.is_some());
    // RFC 2822, as written.
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<pubDate>Tue, 1 Jul 2025 00:00:00 +0000</pubDate>"),
        "{rss}"
    );
    let epoch: i64 = EPOCH.parse().unwrap();
    let date = jiff::Timestamp::from_second(epoch).unwrap();
    let parsed = jiff::fmt::rfc2822::parse(
        &rss[rss.find("<lastBuildDate>").unwrap() + 15..rss.find("</lastBuildDate>").unwrap()],
    )
    .unwrap();
    assert_eq!(parsed.timestamp(), date);
}

#[test]
fn json_feed_parses_with_required_fields() {
    let site = site_with_three_stories();
    site.build_ok();
    let feed = parse(&site, "feed.json");
    assert_eq!(feed.feed_type, FeedType::JSON);
    assert_common(&feed, "feed.json");
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(
        json["feed_url"],
        "https://example.github.io/briefing/feed.json"
    );
    assert_eq!(json["items"][1]["date_published"], "2025-07-01T00:00:00Z");
    assert_eq!(json["items"][1]["authors"][0]["name"], "Ann Lee");
}

#[test]
fn feed_length_and_content_are_configurable() {
    let site = site_with_three_stories();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let config = config.replacen(
        "feeds.limit = 20\nfeeds.content = \"full\"",
        "feeds.limit = 2\nfeeds.content = \"summary\"",
        1,
    );
    assert!(config.contains("content = \"summary\""), "{config}");
    site.write("site.toml", &config);
    site.build_ok();
    for file in ["atom.xml", "rss.xml", "feed.json"] {
        let feed = parse(&site, file);
        assert_eq!(feed.entries.len(), 2, "{file}");
        for entry in &feed.entries {
            let body = entry.content.as_ref().and_then(|c| c.body.as_deref());
            assert!(
                !body.unwrap_or_default().contains("Ships queued"),
                "{file}: full text in a summary feed"
            );
        }
    }
    assert!(!site.read("atom.xml").contains("<content"));
    assert!(!site.read("rss.xml").contains("<content:encoded>"));
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert!(json["items"][1]["content_html"].is_null());
    assert_eq!(
        json["items"][1]["content_text"],
        "The port reopened on Monday."
    );
}

#[test]
fn entry_ids_stay_the_same_when_stories_are_added() {
    let site = site_with_three_stories();
    site.build_ok();
    let before: Vec<String> = parse(&site, "atom.xml")
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    site.write(
        "seeds/2025-07-02_000_new.txt",
        "A newer story arrives today.",
    );
    site.build_ok();
    let after: Vec<String> = parse(&site, "atom.xml")
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(after.len(), 4);
    for id in &before {
        assert!(after.contains(id), "{id} changed");
    }
}

fn sitemap_xsd() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("SITEMAP_XSD").map(PathBuf::from),
        Some(repo_root().join(".ci/tools/sitemap-schema/package/schema/sitemap.xsd")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

/// Runs `xmllint --schema XSD --noout FILE`; `None` when xmllint is missing.
fn xmllint(xsd: &PathBuf, file: &PathBuf) -> Option<(bool, String)> {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg(file)
        .output()
        .ok()?;
    Some((
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

#[test]
fn sitemap_lists_every_page_but_the_not_found_page_with_its_lastmod() {
    let site = site_with_three_stories();
    site.build_ok();
    let text = site.read("sitemap.xml");
    let urls = text.matches("<url>").count();
    // Front page, editions, tags, 3 articles, 2 editions, 2 tags; the
    // entities index, the search page and one page per entity.
    let entity_pages: usize = ["people", "places", "organizations"]
        .iter()
        .map(|kind| std::fs::read_dir(site.public().join(kind)).map_or(0, Iterator::count))
        .sum();
    assert_eq!(urls, 10 + 2 + entity_pages, "{text}");
    assert_eq!(text.matches("<lastmod>").count(), urls, "{text}");
    assert!(text.contains(&format!("<loc>{SAMPLE_URL}</loc>")));
    assert!(!text.contains("404"), "{text}");
}

#[test]
fn sitemap_is_valid_against_the_sitemaps_org_schema_when_xmllint_is_installed() {
    let site = site_with_three_stories();
    site.build_ok();
    let Some(xsd) = sitemap_xsd() else {
        return require_tool("the sitemaps.org schema (npm package sitemap)");
    };
    let sitemap = site.public().join("sitemap.xml");
    let Some((valid, report)) = xmllint(&xsd, &sitemap) else {
        return require_tool("xmllint (libxml2-utils)");
    };
    assert!(valid, "sitemap.xml is not valid:\n{report}");

    // The validator does reject a sitemap that breaks the schema.
    let text = site.read("sitemap.xml");
    let broken = site.root().join("broken-sitemap.xml");
    std::fs::write(
        &broken,
        text.replacen(
            "<lastmod>2025-07-12T06:00:00Z</lastmod>",
            "<lastmod>yesterday</lastmod>",
            1,
        ),
    )
    .unwrap();
    let (valid, _) = xmllint(&xsd, &broken).unwrap();
    assert!(!valid, "xmllint accepted an invalid lastmod");
}

#[test]
fn each_tag_has_an_atom_feed_linked_from_its_page() {
    let site = site_with_three_stories();
    site.write(
        "seeds/2025-07-02_000_asia.md",
        "+++\ntitle = \"Markets rally\"\ntags = [\"Asia\"]\n+++\nShares rose.\n",
    );
    site.build_ok();
    let feed = parse(&site, "tags/asia/atom.xml");
    assert_eq!(feed.feed_type, FeedType::Atom);
    assert_eq!(feed.title.unwrap().content, "World Briefing · Asia");
    assert_eq!(feed.id, "https://example.github.io/briefing/tags/asia/");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "https://example.github.io/briefing/articles/2025-07-02-asia/",
            "https://example.github.io/briefing/articles/2025-07-01-port/",
        ]
    );
    assert_eq!(parse(&site, "tags/trade/atom.xml").entries.len(), 1);
    let page = site.read("tags/asia/index.html");
    assert!(
        page.contains("type=\"application/atom+xml\" title=\"Stories tagged “Asia” (Atom)\" href=\"/briefing/tags/asia/atom.xml\""),
        "{page}"
    );
    assert!(!site.read("sitemap.xml").contains("atom.xml"));
}

#[test]
fn control_characters_in_articles_do_not_break_the_feeds() {
    let site = Site::new();
    site.write(
        "seeds/a.txt",
        "Officials\u{1} said the bridge\u{c} reopened.\nTraffic resumed.",
    );
    site.build_ok();
    for file in ["atom.xml", "rss.xml"] {
        let text = site.read(file);
        assert!(
            !text.contains('\u{1}'),
            "{file} has a character XML forbids"
        );
        assert!(text.contains("Officials said the bridge"), "{file}");
    }
    for file in ["atom.xml", "rss.xml", "feed.json"] {
        let feed = parse(&site, file);
        let content = feed.entries[0].content.as_ref().unwrap().body.clone();
        assert!(content.unwrap().contains("bridge reopened"), "{file}");
    }
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
