//! The pictures: a map of each edition's places on the front page and the
//! edition pages, a timeline on entity pages. Each is inline SVG, well
//! formed, with a text alternative, no script and no request to anyone;
//! each dot links to an existing place page.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

use crate::support::Site;

/// The first `<svg class="picture CLASS" …>…</svg>` of `html`.
fn svg<'a>(html: &'a str, class: &str) -> Option<&'a str> {
    let start = html.find(&format!("<svg class=\"picture {class}\""))?;
    let end = start + html[start..].find("</svg>")? + "</svg>".len();
    Some(&html[start..end])
}

/// Panics unless `xml` is one well-formed element.
fn assert_well_formed(xml: &str) {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{xml}"),
        }
        assert!(depth >= 0, "closes more than it opens:\n{xml}");
    }
    assert_eq!(depth, 0, "unclosed elements:\n{xml}");
}

/// Every `href="…"` value in `html`, in order.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The part of `html` from `<figure class="CLASS">` to `</figure>`.
fn figure<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<figure class=\"{class}\">"))
        .unwrap_or_else(|| panic!("no {class} figure"));
    let end = start + html[start..].find("</figure>").unwrap();
    &html[start..end]
}

/// From `digest.json`: for each edition date, the root-relative links of
/// the places with coordinates that its stories name.
fn mapped_places(site: &Site) -> BTreeMap<String, BTreeSet<String>> {
    let digest: Value = serde_json::from_str(&site.read("digest.json")).unwrap();
    let places = digest["entities"]["places"].as_array().unwrap();
    let mut by_date: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for article in digest["articles"].as_array().unwrap() {
        let date = article["date"].as_str().unwrap().to_string();
        let set = by_date.entry(date).or_default();
        for r in article["places"].as_array().unwrap() {
            let place = &places[r["entity"].as_u64().unwrap() as usize];
            if place["lat"].is_number() && place["lon"].is_number() {
                let url = place["url"].as_str().unwrap();
                set.insert(url.trim_start_matches("https://example.org").to_string());
            }
        }
    }
    by_date
}

/// The output file a root-relative link under `/briefing/` names.
fn page_of(link: &str) -> String {
    format!("{}index.html", link.trim_start_matches("/briefing/"))
}

#[test]
fn every_edition_page_and_the_front_page_map_the_editions_places() {
    let site = Site::fixture("editions");
    site.build_ok();
    let places = mapped_places(&site);
    assert_eq!(places.len(), 3, "{places:?}");
    let latest = places.keys().next_back().unwrap().clone();
    let mut pages = vec![("index.html".to_string(), latest)];
    pages.extend(
        places
            .keys()
            .map(|d| (format!("editions/{d}/index.html"), d.clone())),
    );
    for (page, date) in pages {
        let html = site.read(&page);
        let map = svg(&html, "map").unwrap_or_else(|| panic!("{page} has no map"));
        assert_well_formed(map);
        assert!(
            map.contains("<title>Map of the places in the edition of"),
            "{page}"
        );
        let dots: BTreeSet<String> = hrefs(map).into_iter().collect();
        assert_eq!(dots, places[&date], "{page}: a dot per mapped place");
        assert_eq!(map.matches("<circle").count(), dots.len(), "{page}");
        for dot in &dots {
            assert!(site.has(&page_of(dot)), "{page}: {dot} has no page");
        }
        // The text alternative: the same places, as links, beside the map.
        let caption = figure(&html, "edition-map");
        let caption = &caption[caption.find("<figcaption>").unwrap()..];
        let listed: BTreeSet<String> = hrefs(caption).into_iter().collect();
        assert_eq!(listed, dots, "{page}: the caption lists the mapped places");
    }
}

#[test]
fn pictures_load_nothing_and_run_nothing() {
    let site = Site::fixture("editions");
    site.build_ok();
    let html = site.read("index.html");
    let map = svg(&html, "map").unwrap();
    let without_namespace = map.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for forbidden in [
        "http:",
        "https:",
        "<script",
        "<image",
        "url(",
        "<foreignObject",
        " on",
    ] {
        assert!(
            !without_namespace.contains(forbidden),
            "the map holds {forbidden:?}"
        );
    }
    assert!(map.len() < 12_000, "the map is {} bytes", map.len());
    assert!(
        html.len() < 200_000,
        "the front page is {} bytes",
        html.len()
    );
}

#[test]
fn an_entity_page_shows_its_stories_edition_by_edition_with_a_table() {
    let site = Site::fixture("editions");
    site.build_ok();
    let digest: Value = serde_json::from_str(&site.read("digest.json")).unwrap();
    let articles = digest["articles"].as_array().unwrap();
    let dates: Vec<&str> = articles
        .iter()
        .map(|a| a["date"].as_str().unwrap())
        .collect();
    // A place named in stories of more than one edition.
    let (url, counts) = digest["entities"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for a in p["articles"].as_array().unwrap() {
                *counts
                    .entry(dates[a.as_u64().unwrap() as usize])
                    .or_default() += 1;
            }
            (p["url"].as_str().unwrap(), counts)
        })
        .find(|(_, counts)| counts.len() > 1)
        .expect("a place in two editions");
    let html = site.read(&page_of(url.trim_start_matches("https://example.org")));
    let timeline = svg(&html, "timeline").expect("a timeline");
    assert_well_formed(timeline);
    let first = *counts.keys().next().unwrap();
    let last = *counts.keys().next_back().unwrap();
    // One bar per edition from the first naming it to the last.
    let editions: Vec<&str> = dates
        .iter()
        .copied()
        .filter(|&d| d >= first && d <= last)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let width = format!("viewBox=\"0 0 {} 40\"", editions.len() * 18 - 4);
    assert!(timeline.contains(&width), "{timeline}");
    // A bar for each edition naming it; the others show the baseline.
    assert_eq!(
        timeline.matches("<rect class=\"bar\"").count(),
        counts.len()
    );
    // The table says the same for screen readers: a row for each edition
    // naming it, the caption saying that the others named it in none.
    let table = &html[html.find("<table class=\"visually-hidden\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(table.contains("the editions not listed named it in none"));
    assert_eq!(table.matches("<tr><td>").count(), counts.len());
    for (date, count) in counts {
        let at = table
            .find(&format!("<time datetime=\"{date}\">"))
            .unwrap_or_else(|| panic!("no row for {date}"));
        let row = &table[at..at + table[at..].find("</tr>").unwrap()];
        let cell = row
            .split("</td><td>")
            .nth(1)
            .unwrap()
            .trim_end_matches("</td>");
        assert_eq!(cell, count.to_string(), "{date}: {row}");
    }
}

#[test]
fn an_edition_without_mapped_places_has_no_map() {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10-rain.md",
        "+++\ntitle = \"Rain\"\n+++\nIt rained all day and nobody went out.\n",
    );
    site.build_ok();
    let html = site.read("index.html");
    assert!(!html.contains("picture map"), "{html}");
    assert!(
        !site
            .read("editions/2025-07-10/index.html")
            .contains("picture map")
    );
}
