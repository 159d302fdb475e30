//! The email and print editions: `editions/DATE/email.html`, `email.txt`
//! and `print/` for every edition, and `briefing email` printing them.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{Site, text_of};

const BASE: &str = "https://example.org/briefing/";

/// Each edition's stories (title, absolute URL), from `digest.json`.
fn editions(site: &Site) -> BTreeMap<String, Vec<(String, String)>> {
    let digest: Value = serde_json::from_str(&site.read("digest.json")).unwrap();
    let mut by_date: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for a in digest["articles"].as_array().unwrap() {
        by_date
            .entry(a["date"].as_str().unwrap().to_string())
            .or_default()
            .push((
                a["title"].as_str().unwrap().to_string(),
                a["url"].as_str().unwrap().to_string(),
            ));
    }
    by_date
}

/// Every value of `attr="…"` in `html`.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    html.split(&format!(" {attr}=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_edition_has_a_self_contained_email_with_every_story() {
    let site = Site::fixture("editions");
    site.build_ok();
    let editions = editions(&site);
    assert_eq!(editions.len(), 3);
    for (date, stories) in &editions {
        let html = site.read(&format!("editions/{date}/email.html"));
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{date}: a script");
        assert!(!lower.contains("<link"), "{date}: a linked stylesheet");
        assert!(
            !lower.contains("<style"),
            "{date}: a style sheet, not inline styles"
        );
        assert!(!lower.contains("<svg") && !lower.contains("<img"), "{date}");
        let links: Vec<String> = attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
            .collect();
        assert!(!links.is_empty());
        for link in &links {
            assert!(
                link.starts_with(BASE),
                "{date}: relative or foreign URL {link}"
            );
        }
        assert!(
            html.contains("max-width:600px"),
            "{date}: at most 600 px wide"
        );
        assert!(
            html.contains("<table role=\"presentation\""),
            "{date}: a table layout"
        );
        let text = text_of(&html);
        // The preheader comes first: the headlines, before the masthead.
        let body = &html[html.find("<body").unwrap()..];
        let preheader = text_of(&body[..body.find("</div>").unwrap()]);
        assert!(preheader.starts_with(&stories[0].0[..20]), "{preheader}");
        let plain = site.read(&format!("editions/{date}/email.txt"));
        let plain_flat = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        for (n, (title, url)) in stories.iter().enumerate() {
            let n = n + 1;
            assert!(
                text.contains(title.as_str()),
                "{date}: {title} not in email.html"
            );
            assert!(links.contains(url), "{date}: no link to {url}");
            assert!(
                plain_flat.contains(&format!("{n}. {title} [{n}]")),
                "{date}: {title} not numbered in email.txt:\n{plain}"
            );
            assert!(
                plain.contains(&format!("\n[{n}] {url}\n")),
                "{date}: link {n}"
            );
        }
        assert!(!plain.contains('<'), "{date}: markup in the text email");
        // The stories are wrapped for a mail reader (the links are not).
        let stories_text = &plain[plain.find("\n\n").unwrap()..plain.find("\nLinks\n").unwrap()];
        for line in stories_text.lines() {
            assert!(line.chars().count() <= 72, "{date}: {line:?} is too long");
        }
    }
}

#[test]
fn briefing_email_prints_the_latest_or_the_named_edition() {
    let site = Site::fixture("editions");
    site.build_ok();
    let latest = site.run(&["email"]);
    assert_eq!(latest.code, 0, "{}", latest.stderr);
    assert_eq!(latest.stdout, site.read("editions/2025-07-12/email.html"));
    let named = site.run(&["email", "--edition", "2025-07-10"]);
    assert_eq!(named.stdout, site.read("editions/2025-07-10/email.html"));
    let text = site.run(&["email", "--edition", "2025-07-11", "--text"]);
    assert_eq!(text.stdout, site.read("editions/2025-07-11/email.txt"));
    let missing = site.run(&["email", "--edition", "2025-07-09"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stdout.is_empty());
    assert!(
        missing.stderr.contains("no edition of 2025-07-09"),
        "{}",
        missing.stderr
    );
    assert_eq!(site.run(&["email", "--edition", "July"]).code, 2);
}

#[test]
fn the_print_edition_has_every_story_no_navigation_and_links_as_footnotes() {
    let site = Site::fixture("editions");
    site.build_ok();
    for (date, stories) in editions(&site) {
        let html = site.read(&format!("editions/{date}/print/index.html"));
        assert!(!html.contains("<nav"), "{date}: navigation on paper");
        assert!(!html.contains("<script"), "{date}");
        let main = &html[html.find("<main>").unwrap()..];
        assert!(!main.contains("<a "), "{date}: a link left in the text");
        assert_eq!(main.matches("<article>").count(), stories.len(), "{date}");
        for (title, url) in &stories {
            assert!(text_of(main).contains(title.as_str()), "{date}: {title}");
            assert!(main.contains(&format!("Online: {url}")), "{date}: {url}");
        }
        assert!(html.contains("article + article { break-before: page; }"));
        assert!(html.contains("@page"));
    }
    let html = site.read("editions/2025-07-11/print/index.html");
    let story = &html[html.find("Port talks resume").unwrap()..];
    let story = &story[..story.find("</article>").unwrap()];
    assert!(
        story.contains("its demands<sup class=\"fn\">[1]</sup>"),
        "{story}"
    );
    assert!(
        story.contains("a statement<sup class=\"fn\">[2]</sup>"),
        "{story}"
    );
    assert!(
        story.contains(
            "<li value=\"1\">https://example.com/union/demands?year=2025&amp;lang=en</li>"
        )
    );
    assert!(story.contains("<li value=\"2\">https://example.org/briefing/tags/trade/</li>"));
}

#[test]
fn email_and_print_copies_stay_out_of_the_sitemap() {
    let site = Site::fixture("editions");
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("editions/2025-07-12/</loc>"));
    assert!(!sitemap.contains("email"), "{sitemap}");
    assert!(!sitemap.contains("/print/"), "{sitemap}");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}
