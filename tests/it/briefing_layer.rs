//! The briefing layer end to end: the bundled sample's entities, quotes and
//! figures read from `digest.json`, and the links between entity, edition
//! and article pages.

use serde_json::Value;

use crate::support::{Site, element, text_of};

const SAMPLE_SOURCE: &str = "seeds/000_f596f713c00f6b16.txt";
const SAMPLE_ROUTE: &str = "articles/f596f713c00f6b16/";

fn digest(site: &Site) -> Value {
    serde_json::from_str(&site.read("digest.json")).expect("digest.json is JSON")
}

fn article<'a>(digest: &'a Value, source: &str) -> &'a Value {
    digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"] == source)
        .unwrap_or_else(|| panic!("{source} not in digest.json"))
}

/// The names of the entities of `kind` an article names: the article
/// refers to each by its index in the digest's table of that kind.
fn names<'a>(digest: &'a Value, article: &Value, kind: &str) -> Vec<&'a str> {
    article[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let index = r["entity"].as_u64().unwrap() as usize;
            digest["entities"][kind][index]["name"].as_str().unwrap()
        })
        .collect()
}

/// The article's reference to the entity of `kind` named `name`.
fn entry<'a>(digest: &Value, article: &'a Value, kind: &str, name: &str) -> &'a Value {
    let at = names(digest, article, kind)
        .iter()
        .position(|n| *n == name)
        .unwrap_or_else(|| panic!("{name} missing from {}", article[kind]));
    &article[kind][at]
}

#[test]
fn sample_people_places_and_organisations_from_digest_json() {
    let site = Site::bundled();
    site.build_ok();
    let digest = digest(&site);
    let sample = article(&digest, SAMPLE_SOURCE);
    let mut people = names(&digest, sample, "people");
    people.sort_unstable();
    assert_eq!(people, ["Choe Son Hui", "Kim Jong Un", "Sergei Lavrov"]);
    let places = names(&digest, sample, "places");
    for place in [
        "North Korea",
        "Russia",
        "Ukraine",
        "Wonsan",
        "Kursk",
        "Moscow",
        "Pyongyang",
    ] {
        assert!(places.contains(&place), "{place} missing from {places:?}");
    }
    let kcna = entry(
        &digest,
        sample,
        "organizations",
        "Korean Central News Agency",
    );
    assert!(kcna["aliases"].as_array().unwrap().contains(&"KCNA".into()));
    for (person, alias) in [("Kim Jong Un", "Kim"), ("Sergei Lavrov", "Lavrov")] {
        let aliases = entry(&digest, sample, "people", person)["aliases"].clone();
        assert!(
            aliases.as_array().unwrap().contains(&alias.into()),
            "{alias} does not fold into {person}: {aliases}"
        );
    }
    assert!(digest["entities"]["people"].as_array().unwrap().len() == 3);
}

#[test]
fn places_carry_coordinates_in_digest_json_and_people_do_not() {
    let site = Site::bundled();
    site.build_ok();
    let digest = digest(&site);
    let place = |name: &str| {
        digest["entities"]["places"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("{name} not among the places"))
            .clone()
    };
    let moscow = place("Moscow");
    let (lat, lon) = (
        moscow["lat"].as_f64().unwrap(),
        moscow["lon"].as_f64().unwrap(),
    );
    assert!(
        (lat - 55.75).abs() < 0.1 && (lon - 37.62).abs() < 0.1,
        "{moscow}"
    );
    let wonsan = place("Wonsan");
    assert!(wonsan["lat"].as_f64().unwrap() > 38.0, "{wonsan}");
    assert!(wonsan["lon"].as_f64().unwrap() > 127.0, "{wonsan}");
    for kind in ["people", "organizations"] {
        for e in digest["entities"][kind].as_array().unwrap() {
            assert!(e.get("lat").is_none() && e.get("lon").is_none(), "{e}");
        }
    }
}

#[test]
fn sample_quotes_are_attributed_and_figures_listed() {
    let site = Site::bundled();
    site.build_ok();
    let digest = digest(&site);
    let sample = article(&digest, SAMPLE_SOURCE);
    let quotes = sample["quotes"].as_array().unwrap();
    let by = |speaker: &str| quotes.iter().filter(|q| q["speaker"] == speaker).count();
    assert_eq!(by("Kim Jong Un"), 2, "{quotes:#?}");
    assert_eq!(by("Sergei Lavrov"), 1, "{quotes:#?}");
    let lavrov = quotes
        .iter()
        .find(|q| q["speaker"] == "Sergei Lavrov")
        .unwrap();
    assert_eq!(lavrov["text"], "an invincible fighting brotherhood");
    let figures: Vec<&str> = sample["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(figures.contains(&"over 10,000 troops"), "{figures:?}");
    assert!(
        figures.contains(&"6,000 military engineers and construction workers"),
        "{figures:?}"
    );
    let troops = sample["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "over 10,000 troops")
        .unwrap();
    assert_eq!(troops["value"], 10000.0);
    assert_eq!(troops["counts"], "troops");
}

#[test]
fn sample_article_page_has_the_briefing_box() {
    let site = Site::bundled();
    site.build_ok();
    let page = site.read(&format!("{SAMPLE_ROUTE}index.html"));
    let briefing = element(&page, "aside");
    let text = text_of(briefing);
    for expected in [
        "In brief",
        "Kim Jong Un",
        "Sergei Lavrov",
        "Choe Son Hui",
        "Korean Central News Agency",
        "an invincible fighting brotherhood",
        "over 10,000 troops",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    assert!(briefing.contains("href=\"/briefing/people/kim-jong-un/\""));
    assert!(briefing.contains("href=\"/briefing/places/wonsan/\""));
    let index = site.read("index.html");
    assert!(
        index.contains("href=\"/briefing/people/sergei-lavrov/\""),
        "index cards link their top entities"
    );
}

/// Three stories that share people and places, over two editions.
fn linked_site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10_000_talks.txt",
        "Foreign Minister Sergei Lavrov met Choe Son Hui in Wonsan on Saturday.\nLavrov said the talks went well.",
    );
    site.write(
        "seeds/2025-07-11_000_visit.txt",
        "Choe Son Hui travelled to Moscow, where Sergei Lavrov welcomed her.\nThe two ministers spoke for an hour.",
    );
    site.write(
        "seeds/2025-07-11_001_storm.txt",
        "A storm hit Wonsan overnight, officials in Pyongyang said.\nRoads were closed.",
    );
    site.build_ok();
    site
}

fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn entity_edition_and_article_pages_link_both_ways() {
    let site = linked_site();
    let digest = digest(&site);
    let talks = article(&digest, "seeds/2025-07-10_000_talks.txt");
    let slug = talks["slug"].as_str().unwrap();
    let article_url = format!("/articles/{slug}/");
    let article_page = site.read(&format!("articles/{slug}/index.html"));
    let entity_page = site.read("people/sergei-lavrov/index.html");
    let edition_page = site.read("editions/2025-07-10/index.html");
    let links = |html: &str| hrefs(html);
    // article ↔ entity
    assert!(links(&article_page).contains(&"/people/sergei-lavrov/".to_string()));
    assert!(links(&entity_page).contains(&article_url), "{entity_page}");
    // article ↔ edition
    assert!(links(&article_page).contains(&"/editions/2025-07-10/".to_string()));
    assert!(links(&edition_page).contains(&article_url));
    // Listings carry headline, date and link only: the front page's cards
    // link the entities of the newest edition's stories.
    let front = site.read("index.html");
    assert!(links(&front).contains(&"/people/sergei-lavrov/".to_string()));
    // The entity page lists both stories naming Lavrov, newest first.
    let listing = text_of(element(&entity_page, "main"));
    assert!(listing.contains("named in 2 stories"), "{listing}");
    let visit = listing.find("Choe Son Hui travels").unwrap();
    let met = listing
        .find("Foreign Minister Sergei Lavrov meets")
        .unwrap();
    assert!(visit < met, "newest first: {listing}");
    // The index of entities links every entity page.
    let entities = site.read("entities/index.html");
    for url in [
        "/people/sergei-lavrov/",
        "/places/wonsan/",
        "/places/moscow/",
    ] {
        assert!(links(&entities).contains(&url.to_string()), "{url}");
    }
}

#[test]
fn related_stories_rank_shared_entities_and_never_list_the_article_itself() {
    let site = linked_site();
    let digest = digest(&site);
    let articles = digest["articles"].as_array().unwrap();
    // Related stories are indices into `articles`.
    let related_urls = |a: &Value| -> Vec<String> {
        a["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| articles[r.as_u64().unwrap() as usize]["url"].to_string())
            .collect()
    };
    for a in articles {
        let own = a["url"].to_string();
        assert!(!related_urls(a).contains(&own), "{own} lists itself");
    }
    let talks = article(&digest, "seeds/2025-07-10_000_talks.txt");
    let visit = article(&digest, "seeds/2025-07-11_000_visit.txt");
    let storm = article(&digest, "seeds/2025-07-11_001_storm.txt");
    // Two shared people outweigh one shared town.
    assert_eq!(
        related_urls(talks),
        [visit["url"].to_string(), storm["url"].to_string()]
    );
    let page = site.read(&format!(
        "articles/{}/index.html",
        talks["slug"].as_str().unwrap()
    ));
    let related = text_of(&page[page.find("Related stories").unwrap()..]);
    assert!(related.contains("Choe Son Hui travels"), "{related}");
}

#[test]
fn site_and_front_matter_corrections_change_entities() {
    let site = Site::new();
    site.write(
        "entities.toml",
        "ignore = [\"Wonsan\"]\n[organizations]\n\"Viazul\" = [\"bus line\"]\n",
    );
    site.write(
        "seeds/001_bus.txt",
        "A bus operated by Viazul crashed near Wonsan.\nThe bus line said nobody was hurt.",
    );
    site.write(
        "seeds/002_note.md",
        "+++\ntitle = \"A note\"\n[entities.people]\n\"Jane Roe\" = [\"the author\"]\n+++\nA short note.\n",
    );
    site.build_ok();
    let digest = digest(&site);
    let bus = article(&digest, "seeds/001_bus.txt");
    let viazul = entry(&digest, bus, "organizations", "Viazul");
    assert_eq!(viazul["mentions"], 2);
    assert!(
        names(&digest, bus, "places").is_empty(),
        "{}",
        bus["places"]
    );
    let note = article(&digest, "seeds/002_note.md");
    assert_eq!(names(&digest, note, "people"), ["Jane Roe"]);

    site.write("entities.toml", "[persons]\nx = []\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("entities.toml:1:"), "{}", run.stderr);
}

#[test]
fn quoted_markup_is_escaped_in_the_briefing_box() {
    let site = Site::new();
    site.write(
        "seeds/001_x.txt",
        "“We found <script>alert(1)</script> on the server,” said Ana Lima, a spokeswoman.",
    );
    site.build_ok();
    let digest = digest(&site);
    let quote = &digest["articles"][0]["quotes"][0];
    assert_eq!(quote["speaker"], "Ana Lima");
    let slug = digest["articles"][0]["slug"].as_str().unwrap();
    let page = site.read(&format!("articles/{slug}/index.html"));
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(element(&page, "aside").contains("&lt;script&gt;alert(1)"));
}

/// Applies `changes` to a live build and checks its output against a
/// clean build of the same files.
fn matches_clean_build(
    live_build: &mut briefing::incremental::LiveBuild,
    root: &std::path::Path,
    changes: &briefing::incremental::changes::ChangeSet,
    step: &str,
) {
    live_build.apply(changes).unwrap();
    let clean = root.join("clean");
    briefing::pipeline::build(&build_options(root, &clean)).unwrap();
    let live = crate::support::tree(&root.join("live"));
    let fresh = crate::support::tree(&clean);
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "after {step}: different files"
    );
    for (path, bytes) in &fresh {
        assert!(live[path] == *bytes, "after {step}: {path} is stale");
    }
}

fn build_options(
    root: &std::path::Path,
    output: &std::path::Path,
) -> briefing::pipeline::BuildOptions {
    briefing::pipeline::BuildOptions {
        output: Some(output.to_path_buf()),
        ..briefing::pipeline::BuildOptions::new(
            root,
            jiff::Timestamp::from_second(1_752_300_000).unwrap(),
        )
    }
}

#[test]
fn incremental_rebuilds_keep_entities_and_related_stories_current() {
    let site = linked_site();
    let root = std::fs::canonicalize(site.root()).unwrap();
    let (mut live_build, _) =
        briefing::incremental::LiveBuild::start(build_options(&root, &root.join("live"))).unwrap();
    let content = |files: &[&str]| briefing::incremental::changes::ChangeSet {
        content: files.iter().map(|f| root.join(f)).collect(),
        ..briefing::incremental::changes::ChangeSet::default()
    };
    // A new story names Lavrov alone and Wonsan: entity pages, the unchanged
    // stories' related lists and their briefing boxes must follow.
    site.write(
        "seeds/2025-07-12_000_lavrov.txt",
        "Lavrov returned to Wonsan on Sunday.\nHe praised the hosts.",
    );
    matches_clean_build(
        &mut live_build,
        &root,
        &content(&["seeds/2025-07-12_000_lavrov.txt"]),
        "a new story",
    );
    let live: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("live/digest.json")).unwrap())
            .unwrap();
    let new = article(&live, "seeds/2025-07-12_000_lavrov.txt");
    assert_eq!(
        names(&live, new, "people"),
        ["Sergei Lavrov"],
        "Lavrov folds across stories"
    );
    // Editing a story so it no longer names anyone changes others' pages.
    site.write(
        "seeds/2025-07-10_000_talks.txt",
        "The talks were postponed.\nNo date was set.",
    );
    matches_clean_build(
        &mut live_build,
        &root,
        &content(&["seeds/2025-07-10_000_talks.txt"]),
        "an edit removing names",
    );
    // entities.toml is configuration: the whole site follows it.
    site.write("entities.toml", "ignore = [\"Wonsan\"]\n");
    matches_clean_build(
        &mut live_build,
        &root,
        &briefing::incremental::changes::ChangeSet {
            config: true,
            ..briefing::incremental::changes::ChangeSet::default()
        },
        "an entities.toml edit",
    );
    assert!(!root.join("live/places/wonsan/index.html").exists());
}
