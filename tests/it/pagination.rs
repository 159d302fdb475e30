//! Long listings split into numbered pages: every story of an edition, a
//! tag and an entity is reachable from the listing's first page by its
//! links; each page links the previous and next (`rel=prev`/`rel=next`, in
//! the head and in the pager), the first and the last, and numbers; the
//! front page stays short; `briefing check` finds no broken link; two
//! builds give the same bytes.

use std::collections::BTreeSet;

use crate::support::{Site, element, tree};

/// Stories in the test site: one edition (no dates), one tag, one place,
/// each listing several pages long.
const STORIES: usize = 520;

/// A site of `STORIES` undated stories, all tagged "Harbour" and all
/// naming Wonsan.
fn long_site() -> Site {
    let site = Site::new();
    for n in 0..STORIES {
        site.write(
            &format!("seeds/{n:04}_story.md"),
            &format!(
                "+++\ntitle = \"Harbour story {n:04}\"\ntags = [\"Harbour\"]\n+++\n\
                 Officials in Wonsan said ships number {n} reached the harbour.\n"
            ),
        );
    }
    site.build_ok();
    site
}

/// The `href` of every `<a>` or `<link>` in `html` whose `rel` is `rel`.
fn rel_links(html: &str, tag: &str, rel: &str) -> Vec<String> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter(|attrs| {
            let attrs = &attrs[..attrs.find('>').unwrap_or(attrs.len())];
            attrs.contains(&format!("rel=\"{rel}\""))
        })
        .filter_map(|attrs| attrs.split("href=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The `href` of every link in `html`.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The output file of a root-relative link (the test site lives at `/`).
fn file_of(link: &str) -> String {
    format!("{}index.html", link.trim_start_matches('/'))
}

/// The pager's `<nav>`, or "" on a listing of one page.
fn pager(html: &str) -> &str {
    match html.find("<nav class=\"pagination\"") {
        Some(at) => element(&html[at..], "nav"),
        None => "",
    }
}

/// Follows a listing from its first page at `first` (a link) by `rel=next`,
/// checking each page's links on the way; returns the article links listed,
/// in order, and the number of pages.
fn walk(site: &Site, first: &str) -> (Vec<String>, usize) {
    let mut stories = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    let mut at = Some(first.to_string());
    while let Some(link) = at {
        let html = site.read(&file_of(&link));
        let head = &html[..html.find("</head>").unwrap()];
        let nav = pager(&html);
        let n = pages.len() + 1;
        let list = element(&html[html.find("<ol class=\"stories").unwrap()..], "ol");
        stories.extend(
            hrefs(list)
                .into_iter()
                .filter(|h| h.starts_with("/articles/")),
        );
        // rel=prev and rel=next agree between the head and the pager.
        let (prev, next) = (rel_links(nav, "a", "prev"), rel_links(nav, "a", "next"));
        assert_eq!(rel_links(head, "link", "prev"), prev, "{link}");
        assert_eq!(rel_links(head, "link", "next"), next, "{link}");
        match pages.last() {
            Some(before) => assert_eq!(prev, std::slice::from_ref(before), "{link}: rel=prev"),
            None => assert!(prev.is_empty(), "{link}: the first page has no rel=prev"),
        }
        // The current page is numbered and marked, and page 1 is linked.
        let current = format!("<a href=\"{link}\" aria-current=\"page\">{n}</a>");
        assert!(nav.is_empty() || nav.contains(&current), "{link}: {nav}");
        let links = hrefs(nav);
        assert!(
            nav.is_empty() || links.contains(&first.to_string()),
            "{nav}"
        );
        for target in &links {
            assert!(site.has(&file_of(target)), "{link} links {target}");
        }
        pages.push(link);
        at = next.into_iter().next();
    }
    // Every page but the last links the last one; every page but the first
    // links the first, by name.
    let last = pages.last().unwrap().clone();
    for (i, page) in pages.iter().enumerate() {
        let html = site.read(&file_of(page));
        let nav = pager(&html);
        let first_link = format!("<a class=\"first\" href=\"{first}\">First</a>");
        let last_link = format!("<a class=\"last\" href=\"{last}\">Last</a>");
        assert_eq!(nav.contains(&first_link), i > 0, "{page}: {nav}");
        assert_eq!(
            nav.contains(&last_link),
            i + 1 < pages.len(),
            "{page}: {nav}"
        );
    }
    (stories, pages.len())
}

#[test]
fn every_story_of_a_long_listing_is_reachable_through_its_numbered_pages() {
    let site = long_site();
    let editions: Vec<String> = tree(&site.public().join("editions"))
        .into_keys()
        .filter(|path| {
            path.ends_with("/index.html") && !path.contains("/page/") && !path.contains("/print/")
        })
        .collect();
    assert_eq!(editions.len(), 1, "{editions:?}");
    let edition = format!("/editions/{}", editions[0].trim_end_matches("index.html"));
    let all: Vec<String> = {
        let digest: serde_json::Value = serde_json::from_str(&site.read("digest.json")).unwrap();
        digest["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| format!("/articles/{}/", a["slug"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(all.len(), STORIES);
    for (listing, pages) in [
        (edition.as_str(), STORIES.div_ceil(100)),
        ("/tags/harbour/", STORIES.div_ceil(250)),
        ("/places/wonsan/", STORIES.div_ceil(250)),
    ] {
        let (stories, walked) = walk(&site, listing);
        assert_eq!(walked, pages, "{listing}");
        assert_eq!(stories, all, "{listing} lists every story once, in order");
        let unique: BTreeSet<&String> = stories.iter().collect();
        assert_eq!(unique.len(), STORIES);
    }
    // A middle page numbers its neighbours and marks the gap to the last.
    let middle = site.read(&file_of(&format!("{edition}page/3/")));
    let nav = pager(&middle);
    for n in [1, 2, 4, 5, 6] {
        assert!(
            nav.contains(&format!("href=\"{edition}page/{n}/\">{n}</a>"))
                || (n == 1 && nav.contains(&format!("href=\"{edition}\">1</a>"))),
            "page {n} not numbered: {nav}"
        );
    }
    assert!(nav.contains("Stories 201–300 of 520"), "{nav}");
}

#[test]
fn the_front_page_shows_the_first_stories_and_links_the_rest() {
    let site = long_site();
    let front = site.read("index.html");
    assert_eq!(front.matches("<article class=\"card\">").count(), 20);
    assert!(front.contains("All 520 stories of this edition"), "{front}");
    assert!(front.len() < 200_000, "front page is {} bytes", front.len());
    let largest = tree(&site.public())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (bytes.len(), path))
        .max()
        .unwrap();
    assert!(largest.0 < 500_000, "{} is {} bytes", largest.1, largest.0);
}

#[test]
fn a_paginated_site_checks_clean_and_builds_to_the_same_bytes() {
    let site = long_site();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
    let first = tree(&site.public());
    let again = site.root().join("again");
    let run = site.build(&["--output", again.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second = tree(&again);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn a_listing_shows_each_date_once_on_its_first_story() {
    let site = Site::new();
    for (file, title) in [
        ("2025-07-10_000_a.md", "Alpha"),
        ("2025-07-10_001_b.md", "Bravo"),
        ("2025-07-11_000_c.md", "Charlie"),
    ] {
        site.write(
            &format!("seeds/{file}"),
            &format!("+++\ntitle = \"{title}\"\ntags = [\"Port\"]\n+++\nText of {title}.\n"),
        );
    }
    site.build_ok();
    let page = site.read("tags/port/index.html");
    let list = element(&page[page.find("<ol class=\"stories").unwrap()..], "ol");
    let rows: Vec<&str> = list.split("<li>").skip(1).collect();
    assert_eq!(rows.len(), 3, "{list}");
    assert!(rows[0].contains("Charlie") && rows[0].contains("<time datetime=\"2025-07-11\">"));
    assert!(rows[1].contains("Alpha") && rows[1].contains("<time datetime=\"2025-07-10\">"));
    assert!(
        rows[2].contains("Bravo") && !rows[2].contains("<time"),
        "{list}"
    );
}
