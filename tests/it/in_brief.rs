//! The "In brief" box shows key points, never the lede; a dateline is
//! shown before the text, never in the headline or the lede, and its
//! place, agency and date reach `digest.json`.

use serde_json::Value;

use crate::support::{Site, element, text_of};

fn digest(site: &Site) -> Value {
    serde_json::from_str(&site.read("digest.json")).expect("digest.json is JSON")
}

fn only_article(digest: &Value) -> &Value {
    let articles = digest["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    &articles[0]
}

/// The sentences of a paragraph, roughly: enough to check that none of the
/// lede's is shown again.
fn sentences(paragraph: &str) -> Vec<&str> {
    paragraph
        .split_inclusive(". ")
        .map(str::trim)
        .filter(|s| s.len() > 20)
        .collect()
}

#[test]
fn in_brief_shows_key_points_from_the_story_and_never_its_lede() {
    let site = Site::bundled();
    site.build_ok();
    let seed = std::fs::read_to_string(site.root().join("seeds/000_f596f713c00f6b16.txt")).unwrap();
    let paragraphs: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    let digest = digest(&site);
    let article = only_article(&digest);
    let points: Vec<&str> = article["key_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(points.len(), 3, "{points:#?}");
    for point in &points {
        assert!(
            paragraphs[1..].iter().any(|p| p.contains(point)),
            "not a sentence of the story past its lede: {point}"
        );
    }
    let page = site.read(&format!(
        "articles/{}/index.html",
        article["slug"].as_str().unwrap()
    ));
    let aside = text_of(element(&page, "aside"));
    for point in &points {
        assert!(aside.contains(point), "{point} missing from {aside}");
    }
    for sentence in sentences(paragraphs[0]) {
        assert!(!aside.contains(sentence), "the lede again: {sentence}");
    }
    assert!(!aside.contains(article["lede"].as_str().unwrap()));
}

#[test]
fn a_story_of_one_paragraph_has_no_key_points() {
    let site = Site::new();
    site.write(
        "seeds/short.txt",
        "The harbour at Kestrel Bay reopened after repairs, the Port Authority said. Ships sailed at dawn.",
    );
    site.build_ok();
    let digest = digest(&site);
    let article = only_article(&digest);
    assert_eq!(article["key_points"], Value::Array(Vec::new()));
    let page = site.read(&format!(
        "articles/{}/index.html",
        article["slug"].as_str().unwrap()
    ));
    assert!(!page.contains("class=\"key-points\""));
    assert!(!text_of(element(&page, "aside")).contains("Ships sailed at dawn"));
}

#[test]
fn a_dateline_is_shown_before_the_text_and_kept_out_of_headline_and_lede() {
    let site = Site::new();
    site.write(
        "seeds/rates.txt",
        "BEIJING, May 3 (Reuters) – China’s central bank cut its key rate by 25 basis points on Friday.\n\
         Economists had expected the move after weak factory data in April.\n\
         The yuan fell 0.3 per cent against the dollar in Shanghai trading.",
    );
    site.build_ok();
    let digest = digest(&site);
    let article = only_article(&digest);
    let dateline = &article["dateline"];
    assert_eq!(dateline["place"], "Beijing");
    assert_eq!(dateline["agency"], "Reuters");
    assert_eq!(dateline["text"], "BEIJING, May 3 (Reuters)");
    // The build clock is 2025-07-12: May 3 is this year's.
    assert_eq!(dateline["date"], "2025-05-03");
    assert_eq!(article["date"], "2025-05-03");
    assert_eq!(article["source"], "seeds/rates.txt");
    let title = article["title"].as_str().unwrap();
    let lede = article["lede"].as_str().unwrap();
    for text in [title, lede] {
        assert!(
            !text.contains("BEIJING") && !text.contains("Reuters"),
            "{text}"
        );
    }
    assert!(lede.starts_with("China’s central bank"), "{lede}");
    let places: Vec<&str> = article["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let index = p["entity"].as_u64().unwrap() as usize;
            digest["entities"]["places"][index]["name"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(places.contains(&"Beijing"), "{places:?}");
    let figures: Vec<&str> = article["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(figures.contains(&"25 basis points"), "{figures:?}");
    let page = site.read(&format!(
        "articles/{}/index.html",
        article["slug"].as_str().unwrap()
    ));
    let body = &page[page.find("class=\"story-body\"").unwrap()..];
    assert!(
        body.contains(
            "<p class=\"dateline\"><a href=\"/places/beijing/\">BEIJING</a>, May 3 (Reuters)</p>"
        ),
        "{body}"
    );
    assert!(text_of(element(&page, "h1")).starts_with("China"));
    assert!(page.contains("Source: Reuters"), "the agency is the source");
}
