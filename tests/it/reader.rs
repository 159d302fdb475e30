//! What readers see beyond the stories themselves, on the reader fixture
//! (`tests/fixtures/reader`): drafts marked in a preview and never in feeds
//! or the sitemap, smart punctuation in plain text, right-to-left stories,
//! the favicon, the search index's words, distinct landmark names.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Site, text_of, tree};

const DRAFT: &str = "articles/2025-07-10-budget/index.html";
const DOCKERS: &str = "articles/2025-07-10-dockers/index.html";

fn built(args: &[&str]) -> Site {
    let site = Site::fixture("reader");
    let run = site.build(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn drafts_are_marked_in_a_preview_and_never_in_feeds_or_the_sitemap() {
    let site = built(&["--drafts"]);
    let page = site.read(DRAFT);
    assert!(
        page.contains("<span class=\"draft-badge\">Draft</span> Not published"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    let front = site.read("index.html");
    let card = &front[front.find("2025-07-10-budget").unwrap()..];
    let card = &card[..card.find("</article>").unwrap()];
    assert!(
        card.contains("<span class=\"draft-badge\">Draft</span>"),
        "{card}"
    );
    let edition = site.read("editions/2025-07-10/index.html");
    assert!(
        edition.contains(
            "Council weighs a leaner budget</a> <span class=\"draft-badge\">Draft</span>"
        )
    );
    // Published stories carry no mark.
    assert!(!site.read(DOCKERS).contains("draft-badge"));
    for file in ["atom.xml", "rss.xml", "feed.json", "sitemap.xml"] {
        let text = site.read(file);
        assert!(text.contains("2025-07-10-dockers"), "{file}");
        assert!(
            !text.contains("2025-07-10-budget"),
            "{file} lists the draft"
        );
    }
    // Without --drafts the draft is not built at all.
    let published = built(&[]);
    assert!(!published.has(DRAFT));
}

#[test]
fn plain_text_gets_smart_punctuation_and_keeps_its_quotes_and_names() {
    let site = built(&[]);
    let page = site.read(DOCKERS);
    let body = text_of(crate::support::element(&page, "article"));
    assert!(
        body.contains("“We have waited three years for this offer – and it’s not enough,” said Mary O’Neill, who leads the dockers’ union."),
        "{body}"
    );
    assert!(
        body.contains("Ships queued outside the harbour… and more"),
        "{body}"
    );
    assert!(!body.contains('"') && !body.contains("--") && !body.contains("..."));
    // The quote is still read, with its speaker.
    let quotes = &page[page.find("<ul class=\"quotes\">").expect("no quotes")..];
    let quotes = text_of(&quotes[..quotes.find("</ul>").unwrap()]);
    assert!(
        quotes.contains("“We have waited three years for this offer – and it’s not enough”"),
        "{quotes}"
    );
    assert!(quotes.contains("— Mary O’Neill"), "{quotes}");
    // The name is an entity with its own page; the headline is unchanged.
    assert!(site.has("people/mary-oneill/index.html"));
    assert!(page.contains("<h1>Dockers walk out in Rotterdam</h1>"));
}

#[test]
fn right_to_left_stories_render_with_dir_and_lang() {
    let site = built(&[]);
    let pages = tree(&site.public().join("articles"));
    let page_of = |needle: &str| -> String {
        let (_, bytes) = pages
            .iter()
            .find(|(path, bytes)| {
                path.ends_with("index.html") && String::from_utf8_lossy(bytes).contains(needle)
            })
            .unwrap_or_else(|| panic!("no article with {needle}"));
        String::from_utf8_lossy(bytes).into_owned()
    };
    let arabic = page_of("سيستقبل الزوار");
    assert!(
        arabic.contains("<article class=\"story\" dir=\"rtl\">"),
        "{arabic}"
    );
    let hebrew = page_of("ההצבעה נמשכה");
    assert!(hebrew.contains("<article class=\"story\" dir=\"rtl\" lang=\"he\">"));
    assert!(site.read(DOCKERS).contains("<article class=\"story\">"));
    // Listings mark the story too, so its headline lines up on the right.
    let edition = site.read("editions/2025-07-09/index.html");
    assert!(
        edition.contains("<li dir=\"rtl\" lang=\"he\">"),
        "{edition}"
    );
    assert!(edition.contains("<li dir=\"rtl\">"), "{edition}");
}

/// Every HTML file of the output, by path.
fn html_pages(public: &Path) -> BTreeMap<String, String> {
    tree(public)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn every_page_links_a_favicon_that_exists_and_static_overrides_it() {
    let site = built(&[]);
    // An edition's email copy is mailed, not browsed: it has no icon.
    let browsed = html_pages(&site.public())
        .into_iter()
        .filter(|(path, _)| !path.ends_with("email.html"));
    for (path, html) in browsed {
        assert!(
            html.contains("<link rel=\"icon\" href=\"/news/favicon.svg\" type=\"image/svg+xml\">"),
            "{path} has no icon"
        );
    }
    let icon = site.read("favicon.svg");
    assert!(icon.starts_with("<svg") && icon.len() < 1024, "{icon}");
    site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build_ok();
    assert_eq!(
        site.read("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
}

/// The landmarks of `html` as (role, accessible name) pairs: the roles
/// that may repeat on a page (navigation, search, complementary, region),
/// named by `aria-label` or `aria-labelledby`.
fn landmarks(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (at, _) in html.match_indices('<') {
        let tag = &html[at + 1..];
        let Some(end) = tag.find('>') else { continue };
        let tag = &tag[..end];
        let name = tag.split_whitespace().next().unwrap_or_default();
        let attr = |key: &str| {
            let start = tag.find(&format!(" {key}=\""))? + key.len() + 3;
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        };
        let role = match (name, attr("role").as_deref()) {
            (_, Some("search")) => "search",
            ("nav", _) => "navigation",
            ("aside", _) => "complementary",
            ("section", _) if attr("aria-labelledby").is_some() => "region",
            _ => continue,
        };
        let label = attr("aria-label")
            .or_else(|| attr("aria-labelledby").map(|id| format!("#{id}")))
            .unwrap_or_default();
        found.push((role.to_string(), label));
    }
    found
}

#[test]
fn landmarks_of_one_role_have_distinct_names_on_every_page() {
    let site = built(&["--drafts"]);
    let pages = html_pages(&site.public());
    assert!(pages.contains_key("search/index.html"));
    for (path, html) in pages {
        let marks = landmarks(&html);
        for (i, (role, name)) in marks.iter().enumerate() {
            let same = marks[..i].iter().filter(|(r, _)| r == role).count();
            if same > 0 {
                assert!(
                    !name.is_empty(),
                    "{path}: a second {role} landmark has no name"
                );
                assert!(
                    !marks[..i].contains(&(role.clone(), name.clone())),
                    "{path}: two {role} landmarks named {name:?}"
                );
            } else if marks.iter().filter(|(r, _)| r == role).count() > 1 {
                assert!(
                    !name.is_empty(),
                    "{path}: a {role} landmark of several has no name"
                );
            }
        }
    }
}

#[test]
fn search_index_has_the_words_of_ledes_and_key_points_and_stays_lean() {
    let site = built(&[]);
    let text = site.read("search-index.json");
    let index: serde_json::Value = serde_json::from_str(&text).unwrap();
    let articles = index["articles"].as_array().unwrap();
    let with_strike: Vec<&str> = articles
        .iter()
        .filter(|a| {
            a["w"]
                .as_str()
                .unwrap_or_default()
                .split(' ')
                .any(|w| w.starts_with("strike"))
        })
        .map(|a| a["s"].as_str().unwrap())
        .collect();
    assert_eq!(
        with_strike,
        ["2025-07-10-dockers", "2025-07-10-harbour"],
        "neither headline says strike; both ledes do"
    );
    // Words the entry finds already (its headline, entities, tags) are not
    // repeated.
    let dockers = articles[0]["w"].as_str().unwrap();
    assert!(dockers.contains("stoppage"), "{dockers}");
    for known in ["dockers", "rotterdam", "mary", "neill"] {
        assert!(
            !dockers.split(' ').any(|w| w == known),
            "{known} in {dockers}"
        );
    }
    for a in articles {
        let words: Vec<&str> = a["w"].as_str().unwrap_or_default().split(' ').collect();
        let mut sorted = words.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(words, sorted, "each word once, in order");
        assert!(!words.contains(&"the") && !words.contains(&"and"));
    }
    assert!(
        text.len() < 600 * articles.len(),
        "{} bytes for {} stories",
        text.len(),
        articles.len()
    );
}
