//! Entity extraction scored on hand-written fixtures: seventeen articles in
//! `tests/fixtures/entities/seeds/` (politics, business, sport, science;
//! names from many languages; acronyms; titles; names opening sentences),
//! each with the people, places and organisations a careful reader would
//! list in `expected/`. Precision and recall over the whole set must both
//! be at least 0.9.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{Site, copy_dir, repo_root};

const KINDS: [&str; 3] = ["people", "places", "organizations"];
const THRESHOLD: f64 = 0.9;

/// The expected entities of one article: per kind, each entity as its
/// accepted names (lower case).
type Expected = BTreeMap<String, Vec<Vec<String>>>;

fn expected(stem: &str) -> Expected {
    let path = repo_root().join(format!("tests/fixtures/entities/expected/{stem}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    KINDS
        .iter()
        .map(|kind| {
            let entities = table
                .get(*kind)
                .and_then(|v| v.as_array())
                .map(|list| {
                    list.iter()
                        .map(|e| {
                            e.as_str()
                                .unwrap()
                                .split('|')
                                .map(|n| n.trim().to_lowercase())
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            (kind.to_string(), entities)
        })
        .collect()
}

#[derive(Default)]
struct Score {
    true_positives: usize,
    false_positives: Vec<String>,
    false_negatives: Vec<String>,
}

/// Scores one article's extracted entities of one kind; an expected entity
/// matches at most one extracted one, so duplicates count as errors.
fn score(stem: &str, kind: &str, got: &[String], want: &[Vec<String>], total: &mut Score) {
    let mut matched = vec![false; want.len()];
    for name in got {
        let lower = name.to_lowercase();
        match (0..want.len()).find(|&i| !matched[i] && want[i].contains(&lower)) {
            Some(i) => {
                matched[i] = true;
                total.true_positives += 1;
            }
            None => total.false_positives.push(format!("{stem} {kind}: {name}")),
        }
    }
    for (i, names) in want.iter().enumerate() {
        if !matched[i] {
            total
                .false_negatives
                .push(format!("{stem} {kind}: {}", names[0]));
        }
    }
}

#[test]
fn entity_precision_and_recall_on_the_fixture_set_are_at_least_0_9() {
    let site = Site::new();
    copy_dir(
        &repo_root().join("tests/fixtures/entities/seeds"),
        &site.root().join("seeds"),
    );
    site.build_ok();
    let digest: Value = serde_json::from_str(&site.read("digest.json")).unwrap();
    let articles = digest["articles"].as_array().unwrap();
    assert!(
        articles.len() >= 15,
        "the fixture set has {} articles",
        articles.len()
    );
    let mut total = Score::default();
    for article in articles {
        let source = article["source"].as_str().unwrap();
        let stem = source.trim_start_matches("seeds/").trim_end_matches(".txt");
        let want = expected(stem);
        for kind in KINDS {
            let got: Vec<String> = article[kind]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let index = e["entity"].as_u64().unwrap() as usize;
                    digest["entities"][kind][index]["name"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect();
            score(stem, kind, &got, &want[kind], &mut total);
        }
    }
    let tp = total.true_positives as f64;
    let precision = tp / (tp + total.false_positives.len() as f64);
    let recall = tp / (tp + total.false_negatives.len() as f64);
    eprintln!(
        "entity extraction on {} fixtures: precision {precision:.3}, recall {recall:.3}\nfalse positives: {:#?}\nmissed: {:#?}",
        articles.len(),
        total.false_positives,
        total.false_negatives
    );
    assert!(
        precision >= THRESHOLD,
        "precision {precision:.3} < {THRESHOLD}"
    );
    assert!(recall >= THRESHOLD, "recall {recall:.3} < {THRESHOLD}");
}
