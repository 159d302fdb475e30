//! Publishing under a sub-path: the bundled site built for
//! `https://example.github.io/briefing-demo/` and mounted at
//! `/briefing-demo/` has no broken `href`/`src` in any HTML page, feed or
//! the sitemap; and the files GitHub Pages and crawlers look for are there.
//!
//! The resolver here is written for the test, independently of
//! `briefing::check`: it maps URLs to files the way a static web server
//! whose document root holds `briefing-demo/` would.

use std::path::{Path, PathBuf};

use crate::support::{Site, tree};

const BASE: &str = "https://example.github.io/briefing-demo/";
const ORIGIN: &str = "https://example.github.io";
const MOUNT: &str = "/briefing-demo/";

/// A link found in a file of the output, and the URL path it is relative to.
struct Found {
    file: String,
    link: String,
    base_path: String,
}

/// The bundled site plus a Markdown story with a tag, an image from
/// `static/`, a link to another story and a link to one of its own
/// headings, built into `www/briefing-demo/`.
fn build_mounted() -> (Site, PathBuf) {
    let site = Site::bundled();
    site.write(
        "seeds/2025-07-01-chart.md",
        "+++\ntitle = \"Chart of the day\"\ntags = [\"Data\", \"Asia\"]\n+++\n\
         ![A chart](../../img/chart.svg)\n\n## Method\n\nSee [the method](#method), \
         [the lead story](../f596f713c00f6b16/) \
         and [all tags](../../tags/).\n",
    );
    site.write(
        "static/img/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
    );
    let www = site.root().join("www");
    let out = www.join("briefing-demo");
    let run = site.build(&["--base-url", BASE, "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (site, www)
}

/// The URL path a file of the output is served at.
fn url_path_of(file: &str) -> String {
    let dir_url = file.strip_suffix("index.html").unwrap_or(file);
    format!("{MOUNT}{dir_url}")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every value of `attr="…"` in `text`.
fn attribute_values(text: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut values = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(&needle) {
        rest = &rest[start + needle.len()..];
        let end = rest.find('"').unwrap();
        values.push(unescape(&rest[..end]));
        rest = &rest[end..];
    }
    values
}

/// The text of every `<tag …>…</tag>` in `text`.
fn element_texts(text: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut texts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(&open) {
        rest = &rest[start + open.len()..];
        if !rest.starts_with(['>', ' ']) {
            continue;
        }
        let body_start = rest.find('>').unwrap() + 1;
        let end = rest.find(&close).unwrap();
        texts.push(rest[body_start..end].to_string());
        rest = &rest[end..];
    }
    texts
}

fn html_links(html: &str) -> Vec<String> {
    let mut links = attribute_values(html, "href");
    links.extend(attribute_values(html, "src"));
    links
}

/// Every link of every HTML page, feed and the sitemap.
fn collect_links(out: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    let mut add = |file: &str, base_path: String, links: Vec<String>| {
        for link in links {
            found.push(Found {
                file: file.to_string(),
                link,
                base_path: base_path.clone(),
            });
        }
    };
    for (file, bytes) in tree(out) {
        let text = String::from_utf8(bytes).unwrap();
        if file.ends_with(".html") {
            add(&file, url_path_of(&file), html_links(&text));
        }
    }
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    add("atom.xml", MOUNT.into(), attribute_values(&atom, "href"));
    for entry in element_texts(&atom, "entry") {
        let link = attribute_values(&entry, "href").remove(0);
        let content = element_texts(&entry, "content").join("");
        add("atom.xml", path_of(&link), html_links(&unescape(&content)));
    }
    let rss = std::fs::read_to_string(out.join("rss.xml")).unwrap();
    add("rss.xml", MOUNT.into(), element_texts(&rss, "link"));
    add("rss.xml", MOUNT.into(), element_texts(&rss, "guid"));
    add("rss.xml", MOUNT.into(), attribute_values(&rss, "href"));
    for item in element_texts(&rss, "item") {
        let link = element_texts(&item, "link").remove(0);
        let content = element_texts(&item, "content:encoded").join("");
        add("rss.xml", path_of(&link), html_links(&unescape(&content)));
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("feed.json")).unwrap()).unwrap();
    let top = ["home_page_url", "feed_url"].map(|k| json[k].as_str().unwrap().to_string());
    add("feed.json", MOUNT.into(), top.to_vec());
    for item in json["items"].as_array().unwrap() {
        let url = item["url"].as_str().unwrap().to_string();
        let content = item["content_html"].as_str().unwrap_or_default();
        add("feed.json", path_of(&url), html_links(content));
        add("feed.json", MOUNT.into(), vec![url]);
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    add("sitemap.xml", MOUNT.into(), element_texts(&sitemap, "loc"));
    found
}

/// The URL path of an absolute URL on the site's host.
fn path_of(url: &str) -> String {
    url.strip_prefix(ORIGIN).unwrap().to_string()
}

/// Where `found` points on the server: `Ok(file)` for an existing file,
/// `Err(why)` when broken, `None` for links to other sites.
fn serve(www: &Path, found: &Found) -> Option<Result<PathBuf, String>> {
    let link = found.link.as_str();
    let (without_fragment, fragment) = link.split_once('#').unwrap_or((link, ""));
    let path = without_fragment.split('?').next().unwrap();
    let absolute = if let Some(rest) = path.strip_prefix(ORIGIN) {
        rest.to_string()
    } else if path.contains("://") || path.starts_with("//") || path.starts_with("mailto:") {
        return None;
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &found.base_path[..=found.base_path.rfind('/').unwrap()];
        format!("{dir}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in absolute.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err("climbs above the server root".into()));
                }
            }
            p => parts.push(p),
        }
    }
    let mut file = www.join(parts.join("/"));
    if file.is_dir() {
        file = file.join("index.html");
    }
    if !file.is_file() {
        return Some(Err(format!("no file for {absolute}")));
    }
    if !fragment.is_empty() {
        let page = std::fs::read_to_string(&file).unwrap();
        if !page.contains(&format!("id=\"{fragment}\"")) {
            return Some(Err(format!("no id {fragment:?} in {}", file.display())));
        }
    }
    Some(Ok(file))
}

#[test]
fn every_link_resolves_with_the_site_mounted_under_a_sub_path() {
    let (_site, www) = build_mounted();
    let out = www.join("briefing-demo");
    let found = collect_links(&out);
    let mut broken = Vec::new();
    let mut resolved = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for f in &found {
        match serve(&www, f) {
            Some(Ok(_)) => {
                resolved += 1;
                kinds.insert(f.file.rsplit('.').next().unwrap().to_string());
                if !f.file.ends_with(".html") {
                    kinds.insert(f.file.clone());
                }
            }
            Some(Err(why)) => broken.push(format!("{}: {} ({why})", f.file, f.link)),
            None => {}
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // The walk really covered pages, assets, every feed and the sitemap.
    assert!(resolved > 100, "only {resolved} links resolved");
    for kind in ["html", "atom.xml", "rss.xml", "feed.json", "sitemap.xml"] {
        assert!(
            kinds.contains(kind),
            "no link resolved in {kind}: {kinds:?}"
        );
    }
    let chart = std::fs::read_to_string(out.join("articles/2025-07-01-chart/index.html")).unwrap();
    assert!(chart.contains("src=\"../../img/chart.svg\""), "{chart}");
    assert!(
        chart.contains("content=\"https://example.github.io/briefing-demo/img/chart.svg\""),
        "og:image: {chart}"
    );
    // Feed readers show entries away from the site: relative links in an
    // article's content are made absolute in every feed.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("feed.json")).unwrap()).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"].as_str().unwrap().ends_with("/2025-07-01-chart/"))
        .unwrap();
    let content = item["content_html"].as_str().unwrap();
    for url in [
        "src=\"https://example.github.io/briefing-demo/img/chart.svg\"",
        "href=\"https://example.github.io/briefing-demo/articles/2025-07-01-chart/#method\"",
        "href=\"https://example.github.io/briefing-demo/tags/\"",
    ] {
        assert!(content.contains(url), "{url} not in {content}");
    }
    let rss = std::fs::read_to_string(out.join("rss.xml")).unwrap();
    assert!(rss.contains("src=&quot;https://example.github.io/briefing-demo/img/chart.svg&quot;"));
}

#[test]
fn a_link_outside_the_mount_is_caught_by_the_resolver() {
    // The resolver above must be able to fail: a root-relative link that
    // ignores the sub-path, and a missing anchor, are both broken.
    let (_site, www) = build_mounted();
    let page = |link: &str| Found {
        file: "index.html".into(),
        link: link.into(),
        base_path: MOUNT.into(),
    };
    assert!(matches!(serve(&www, &page("/style.css")), Some(Err(_))));
    assert!(matches!(
        serve(&www, &page("/briefing-demo/style.css")),
        Some(Ok(_))
    ));
    assert!(matches!(serve(&www, &page("#no-such-id")), Some(Err(_))));
    assert!(matches!(serve(&www, &page("#main")), Some(Ok(_))));
    assert!(serve(&www, &page("https://elsewhere.example/")).is_none());
}

#[test]
fn pages_files_and_crawler_files_are_written() {
    let site = Site::bundled();
    site.build_ok();
    assert!(site.has(".nojekyll"));
    assert!(site.has("404.html"));
    assert!(!site.has("CNAME"), "no cname configured");
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/briefing/sitemap.xml\n"
    );
    let not_found = site.read("404.html");
    assert!(
        not_found.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{not_found}"
    );
    assert!(not_found.contains("href=\"/briefing/style.css\""));

    let mut config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    config = config.replacen(
        "language = \"en\"",
        "language = \"en\"\ncname = \"news.example.org\"",
        1,
    );
    site.write("site.toml", &config);
    site.build_ok();
    assert_eq!(site.read("CNAME"), "news.example.org\n");

    // A hand-written robots.txt in static/ replaces the generated one.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    let run = site.build_ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}

#[test]
fn every_page_head_links_the_feeds_and_describes_itself() {
    let site = Site::bundled();
    site.build_ok();
    for (file, bytes) in tree(&site.public()) {
        // An edition's email and print copies are not web pages: an email
        // links nothing in its head, a print edition is not indexed.
        if !file.ends_with(".html") || file.ends_with("/email.html") || file.contains("/print/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        for (kind, url) in [
            ("application/atom+xml", "/briefing/atom.xml"),
            ("application/rss+xml", "/briefing/rss.xml"),
            ("application/feed+json", "/briefing/feed.json"),
        ] {
            let needle = format!("<link rel=\"alternate\" type=\"{kind}\"");
            let at = head
                .find(&needle)
                .unwrap_or_else(|| panic!("{file}: no {kind}"));
            assert!(head[at..].contains(&format!("href=\"{url}\"")), "{file}");
        }
        for property in ["og:title", "og:url", "og:type", "og:site_name"] {
            assert!(
                head.contains(&format!("<meta property=\"{property}\" content=\"")),
                "{file}: no {property}"
            );
        }
        assert!(head.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        assert!(
            head.contains("<link rel=\"canonical\" href=\"https://example.github.io/briefing/")
        );
    }
}

#[test]
fn article_pages_carry_news_article_json_ld() {
    let site = Site::bundled();
    let mut config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    config = config.replacen(
        "language = \"en\"",
        "language = \"en\"\nauthor = \"Desk\"\npublisher = \"Briefing Ltd\"",
        1,
    );
    site.write("site.toml", &config);
    site.write(
        "seeds/2025-07-01-pic.md",
        "+++\ntitle = \"A </script> headline\"\nauthor = \"Ann Lee\"\n+++\n![x](https://img.example/p.png)\n\nText.\n",
    );
    site.build_ok();
    let page = site.read("articles/2025-07-01-pic/index.html");
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "A </script> headline");
    assert_eq!(ld["datePublished"], "2025-07-01T00:00:00Z");
    assert_eq!(ld["dateModified"], "2025-07-01T00:00:00Z");
    assert_eq!(ld["author"]["@type"], "Person");
    assert_eq!(ld["author"]["name"], "Ann Lee");
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "Briefing Ltd");
    assert_eq!(ld["image"][0], "https://img.example/p.png");
    assert_eq!(
        ld["url"],
        "https://example.github.io/briefing/articles/2025-07-01-pic/"
    );
    assert!(page.contains("<meta property=\"og:image\" content=\"https://img.example/p.png\">"));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(
        page.contains(
            "<meta property=\"article:published_time\" content=\"2025-07-01T00:00:00Z\">"
        )
    );

    // Without an image or a byline: the site's author, no image.
    let sample = site.read("articles/f596f713c00f6b16/index.html");
    let start = sample
        .find("<script type=\"application/ld+json\">")
        .unwrap()
        + 35;
    let end = start + sample[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&sample[start..end]).unwrap();
    assert_eq!(ld["author"]["@type"], "Organization");
    assert_eq!(ld["author"]["name"], "Desk");
    assert!(ld.get("image").is_none());
    assert_eq!(ld["datePublished"], "2025-07-12T06:00:00Z");
    // Pages other than articles have no JSON-LD.
    assert!(!site.read("index.html").contains("application/ld+json"));
}
