//! Duplicate stories fold: `tests/fixtures/duplicates` has an exact copy,
//! a retitled copy, a lightly edited copy and two different stories on one
//! topic (an earthquake and the return home after it, sharing the city,
//! the institute and the mayor). The first three fold into one story each;
//! the last two stay apart.

use serde_json::Value;

use crate::support::{Site, text_of};

fn digest(site: &Site) -> Value {
    serde_json::from_str(&site.read("digest.json")).unwrap()
}

/// Each article of `digest.json` as (source, versions).
fn entries(json: &Value) -> Vec<(String, Vec<String>)> {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let versions = a["versions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            (a["source"].as_str().unwrap().to_string(), versions)
        })
        .collect()
}

fn versions_of<'a>(entries: &'a [(String, Vec<String>)], source: &str) -> &'a [String] {
    &entries
        .iter()
        .find(|(s, _)| s == source)
        .unwrap_or_else(|| panic!("{source} is not an entry: {entries:?}"))
        .1
}

#[test]
fn copies_retitled_and_edited_versions_fold_but_one_topic_does_not() {
    let site = Site::fixture("duplicates");
    let run = site.build_ok();
    let json = digest(&site);
    let entries = entries(&json);
    assert_eq!(entries.len(), 5, "{entries:?}");
    // The newest version is shown; each lists every version's source.
    assert_eq!(
        versions_of(&entries, "seeds/2025-07-12-bridge-retitled.txt"),
        [
            "seeds/2025-07-12-bridge-retitled.txt",
            "seeds/2025-07-11-bridge.txt"
        ]
    );
    assert_eq!(
        versions_of(&entries, "seeds/2025-07-12-vaccine-edited.txt"),
        [
            "seeds/2025-07-12-vaccine-edited.txt",
            "seeds/2025-07-11-vaccine.txt"
        ]
    );
    let strike = entries
        .iter()
        .find(|(s, _)| s.contains("port-strike"))
        .unwrap();
    assert_eq!(strike.1.len(), 2, "{strike:?}");
    // Same topic, different story: two entries, each on its own.
    assert_eq!(
        versions_of(&entries, "seeds/2025-07-11-quake.txt"),
        ["seeds/2025-07-11-quake.txt"]
    );
    assert_eq!(
        versions_of(&entries, "seeds/2025-07-12-quake-relief.txt"),
        ["seeds/2025-07-12-quake-relief.txt"]
    );

    // The exact copy is a warning naming both files.
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("exact duplicate"))
        .unwrap_or_else(|| panic!("no warning:\n{}", run.stderr));
    assert!(
        warning.contains("seeds/2025-07-10-port-strike.txt")
            && warning.contains("seeds/2025-07-10-port-strike-copy.txt"),
        "{warning}"
    );
    // The build says what was folded, and into what.
    for version in [
        "seeds/2025-07-11-bridge.txt: note: folded into seeds/2025-07-12-bridge-retitled.txt",
        "seeds/2025-07-11-vaccine.txt: note: folded into seeds/2025-07-12-vaccine-edited.txt",
    ] {
        assert!(run.stderr.contains(version), "{version}:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("quake"), "{}", run.stderr);
}

#[test]
fn a_folded_story_keeps_the_first_permalink_and_lists_its_versions() {
    let site = Site::fixture("duplicates");
    site.write(
        "seeds/2025-07-11-bridge.toml",
        "source = \"River Wire\"\nsource_url = \"https://wire.example/bridge\"\n",
    );
    site.build_ok();
    // The newest version is shown under the first version's permalink.
    let page = site.read("articles/2025-07-11-bridge/index.html");
    assert!(page.contains("<h1>Council shuts historic bridge"), "{page}");
    let start = page.find("class=\"versions\"").expect("a versions section");
    let section = &page[start..start + page[start..].find("</section>").unwrap()];
    let text = text_of(section);
    assert!(text.contains("filed 2 times"), "{text}");
    assert!(
        text.contains("seeds/2025-07-12-bridge-retitled.txt"),
        "{text}"
    );
    assert!(text.contains("seeds/2025-07-11-bridge.txt"), "{text}");
    assert!(text.contains("River Wire"), "{text}");
    assert!(
        section.contains("href=\"https://wire.example/bridge\""),
        "{section}"
    );
    // The shown version's own address only sends readers on.
    let moved = site.read("articles/2025-07-12-bridge-retitled/index.html");
    assert!(moved.contains("http-equiv=\"refresh\""), "{moved}");
    assert!(!moved.contains("class=\"versions\""), "{moved}");
    // One story on its own has no versions section.
    let alone = site.read("articles/2025-07-11-quake/index.html");
    assert!(!alone.contains("class=\"versions\""));
}

#[test]
fn the_threshold_is_configurable() {
    let site = Site::fixture("duplicates");
    // The edited copy shares about four fifths of its word sequences; a
    // threshold above that keeps it apart, while copies still fold.
    site.write(
        "site.toml",
        "title = \"Duplicates\"\nbase_url = \"https://example.org/\"\n[duplicates]\nthreshold = 0.95\n",
    );
    site.build_ok();
    let entries = entries(&digest(&site));
    assert_eq!(entries.len(), 6, "{entries:?}");
    assert_eq!(
        versions_of(&entries, "seeds/2025-07-11-vaccine.txt"),
        ["seeds/2025-07-11-vaccine.txt"]
    );
    assert_eq!(
        versions_of(&entries, "seeds/2025-07-12-bridge-retitled.txt").len(),
        2
    );
}

const OLD: &str = "articles/2025-07-12-bridge-retitled/";
const SHOWN: &str = "articles/2025-07-11-bridge/";

#[test]
fn an_address_given_out_before_a_fold_sends_readers_to_the_story_shown() {
    let site = Site::fixture("duplicates");
    // The retitled version is published on its own first, and a page
    // links to its address.
    let earlier = std::fs::read_to_string(site.root().join("seeds/2025-07-11-bridge.txt")).unwrap();
    std::fs::remove_file(site.root().join("seeds/2025-07-11-bridge.txt")).unwrap();
    site.write(
        "pages/about.md",
        &format!("+++\ntitle = \"About\"\n+++\nSee [the bridge](/{OLD}).\n"),
    );
    site.build_ok();
    assert!(
        site.read(&format!("{OLD}index.html"))
            .contains("<h1>Council shuts historic bridge")
    );

    // The earlier version arrives: the two fold under its permalink, and
    // the address readers were given still answers.
    site.write("seeds/2025-07-11-bridge.txt", &earlier);
    site.build_ok();
    let page = site.read(&format!("{OLD}index.html"));
    let url = format!("https://example.org/{SHOWN}");
    assert!(
        page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url=/{SHOWN}\">"
        )),
        "{page}"
    );
    assert!(
        page.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{page}"
    );
    let text = text_of(&page);
    assert!(
        text.contains("Read “Council shuts historic bridge after engineers find cracks”"),
        "{text}"
    );
    assert!(page.contains(&format!("href=\"/{SHOWN}\"")), "{page}");
    assert!(
        site.read(&format!("{SHOWN}index.html"))
            .contains("<h1>Council shuts historic bridge")
    );

    // Only readers are sent there: no sitemap, feed, search or edition
    // lists the address.
    for file in [
        "sitemap.xml",
        "atom.xml",
        "rss.xml",
        "feed.json",
        "search-index.json",
        "digest.json",
        "index.html",
        "editions/2025-07-12/index.html",
        "editions/2025-07-12/email.html",
        "editions/2025-07-12/print/index.html",
    ] {
        assert!(!site.read(file).contains(OLD), "{file} lists {OLD}");
    }

    // `check` finds the link to the old address resolved.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
