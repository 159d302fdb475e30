//! The search page: a headless Chromium types "Lavrov" into the search box
//! and finds the bundled sample; without JavaScript the page is a plain
//! list of every story.

use std::time::Duration;

use crate::browser::{Browser, serve};
use crate::support::{Site, require_tool};

const SAMPLE_ROUTE: &str = "/articles/f596f713c00f6b16/";

#[test]
fn search_box_finds_the_sample_by_lavrov_in_a_headless_browser() {
    let Some(mut browser) = Browser::launch() else {
        return require_tool("chromium");
    };
    let site = Site::bundled();
    site.write(
        "seeds/2025-07-01_000_other.txt",
        "Floods closed roads in Valencia on Monday.\nRain is expected to ease.",
    );
    // Build into the served folder with the server's address as base URL.
    let served = site.root().join("served");
    std::fs::create_dir_all(&served).unwrap();
    let port = serve(&served);
    let base = format!("http://127.0.0.1:{port}/");
    let out = served.to_str().unwrap().to_string();
    let run = site.build(&["--output", &out, "--base-url", &base]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    browser.open(&format!("{base}search/"));
    browser.eval("document.getElementById('search-input').focus()");
    browser.type_text("Lavrov");
    let found = browser.wait_until(
        &format!(
            "document.querySelector('#search-results a[href=\"{SAMPLE_ROUTE}\"]') && !document.getElementById('search-results').hidden"
        ),
        Duration::from_secs(10),
    );
    assert!(
        found,
        "no result: {}",
        browser.eval("document.body.innerText")
    );
    let results = browser.eval("document.querySelectorAll('#search-results li').length");
    assert_eq!(results, 1, "only the sample names Lavrov");
    let status = browser.eval("document.getElementById('search-status').textContent");
    assert_eq!(status, "1 story matches.");
    // The keyboard reaches the result: Down moves focus onto it.
    browser.press("ArrowDown");
    let focused = browser.eval("document.activeElement.getAttribute('href')");
    assert_eq!(focused, SAMPLE_ROUTE);

    // A query in the address (the header's search box) runs on load.
    browser.open(&format!("{base}search/?q=valencia"));
    let other = browser.wait_until(
        "document.querySelectorAll('#search-results li').length === 1 && document.querySelector('#search-results a').textContent.startsWith('Floods')",
        Duration::from_secs(10),
    );
    assert!(other, "{}", browser.eval("document.body.innerText"));
}

#[test]
fn without_javascript_the_search_page_lists_every_story() {
    let site = Site::bundled();
    site.build_ok();
    let page = site.read("search/index.html");
    let all = &page[page.find("id=\"search-all\"").unwrap()..];
    assert!(
        all.contains(&format!("href=\"/briefing{SAMPLE_ROUTE}\"")),
        "{all}"
    );
    assert!(page.contains("<form class=\"search-form\" role=\"search\""));
    let index: serde_json::Value = serde_json::from_str(&site.read("search-index.json")).unwrap();
    assert_eq!(index["prefix"], "/briefing/articles/");
    let names = index["entities"].to_string();
    assert!(names.contains("Sergei Lavrov|Lavrov"), "{names}");
}

#[test]
fn search_box_finds_words_of_ledes_and_key_points_and_shows_dates_as_pages_do() {
    let Some(mut browser) = Browser::launch() else {
        return require_tool("chromium");
    };
    let site = Site::fixture("reader");
    let served = site.root().join("served");
    std::fs::create_dir_all(&served).unwrap();
    let port = serve(&served);
    let base = format!("http://127.0.0.1:{port}/");
    let out = served.to_str().unwrap().to_string();
    let run = site.build(&["--output", &out, "--base-url", &base]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Neither headline says "strike"; both ledes do.
    browser.open(&format!("{base}search/?q=strike"));
    let found = browser.wait_until(
        "document.querySelectorAll('#search-results li').length === 2",
        Duration::from_secs(10),
    );
    assert!(found, "{}", browser.eval("document.body.innerText"));
    let titles = browser.eval(
        "Array.from(document.querySelectorAll('#search-results a')).map(a => a.textContent).join(' | ')",
    );
    assert_eq!(
        titles,
        "Dockers walk out in Rotterdam | Harbour falls silent as cranes stop"
    );
    let date = browser.eval("document.querySelector('#search-results time').outerHTML");
    assert_eq!(date, "<time datetime=\"2025-07-10\">10 July 2025</time>");
    // A key point's word ("week", in the harbour story's last paragraph)
    // finds its story too.
    browser.open(&format!("{base}search/?q=walkout+week"));
    let one = browser.wait_until(
        "document.querySelectorAll('#search-results li').length === 1",
        Duration::from_secs(10),
    );
    assert!(one, "{}", browser.eval("document.body.innerText"));
}
