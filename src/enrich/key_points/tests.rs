//! Unit tests of key-point choice.

use super::*;
use crate::enrich::extract::{extract, lexicon::Lexicon, paras};

fn points(paragraphs: &[&str]) -> Vec<String> {
    let paragraphs: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    let extracted = extract(&paragraphs, Lexicon::builtin());
    choose(&paras(&paragraphs), &paragraphs[0], &extracted)
}

const SAMPLE: &str = include_str!("../../../seeds/000_f596f713c00f6b16.txt");

fn sample() -> Vec<&'static str> {
    SAMPLE.lines().filter(|l| !l.trim().is_empty()).collect()
}

#[test]
fn sample_story_has_three_points_from_past_the_lede_in_reading_order() {
    let paragraphs = sample();
    let chosen = points(&paragraphs);
    assert_eq!(chosen.len(), 3, "{chosen:#?}");
    let mut last = (0, 0);
    for point in &chosen {
        let (p, at) = paragraphs
            .iter()
            .enumerate()
            .find_map(|(p, text)| text.find(point.as_str()).map(|at| (p, at)))
            .unwrap_or_else(|| panic!("not a sentence of the story: {point}"));
        assert!(p > 0, "from the lede: {point}");
        assert!((p, at) > last, "out of order: {chosen:#?}");
        last = (p, at);
        assert!(!paragraphs[0].contains(point.as_str()));
    }
}

#[test]
fn every_point_is_a_whole_sentence() {
    for point in points(&sample()) {
        assert!(
            point.starts_with(|c: char| c.is_uppercase() || c == '“'),
            "{point}"
        );
        assert!(point.trim_end_matches('”').ends_with('.'), "{point}");
    }
}

#[test]
fn short_stories_have_fewer_points_or_none() {
    assert!(
        points(&["Rain fell on the capital all day, officials said. Roads closed."]).is_empty()
    );
    let two = points(&[
        "Rain fell on the capital all day, officials said.",
        "The Transport Ministry closed 14 roads and the Kestrel Bay bridge until Friday. Schools stayed open.",
    ]);
    assert_eq!(
        two,
        ["The Transport Ministry closed 14 roads and the Kestrel Bay bridge until Friday."]
    );
    let three = points(&[
        "Rain fell on the capital all day, officials said.",
        "The Transport Ministry closed 14 roads and the Kestrel Bay bridge until Friday.",
        "Mayor Lena Eriksen asked residents of Northmere to stay at home overnight.",
    ]);
    assert_eq!(three.len(), 2, "{three:#?}");
}

#[test]
fn a_sentence_that_repeats_the_lede_is_not_a_point() {
    let chosen = points(&[
        "Floods in Valdera forced 3,000 people from their homes on Sunday, the Interior Ministry said.",
        "Floods in Valdera have forced 3,000 people from their homes, the Interior Ministry said on Sunday.",
        "Army engineers from Orsolo built a temporary bridge over the Brannock River within two days.",
    ]);
    assert_eq!(
        chosen,
        [
            "Army engineers from Orsolo built a temporary bridge over the Brannock River within two days."
        ]
    );
}

#[test]
fn points_do_not_repeat_each_other() {
    let chosen = points(&[
        "Parliament in Lunden passed the budget late on Tuesday.",
        "Finance Minister Ines Fonseca said the budget would cut the deficit to 2 per cent.",
        "Finance Minister Ines Fonseca said the new budget would cut the deficit to 2 per cent next year.",
        "Opposition leader Oskar Lindqvist called the vote a mistake and promised a challenge in the Supreme Court.",
    ]);
    let fonseca = chosen.iter().filter(|p| p.contains("Fonseca")).count();
    assert_eq!(fonseca, 1, "{chosen:#?}");
    assert!(
        chosen.iter().any(|p| p.contains("Lindqvist")),
        "{chosen:#?}"
    );
}

#[test]
fn what_a_sentence_carries_outweighs_its_place() {
    let chosen = points(&[
        "Talks on the port resumed in Harwick on Monday.",
        "It was a long and tiring day for everyone who took part in them.",
        "Port Authority chief Amina Haddad said 1,200 dock workers would return on Thursday after a deal with Veltro Energy.",
    ]);
    assert_eq!(chosen.len(), 2);
    let one = points(&[
        "Talks on the port resumed in Harwick on Monday.",
        "It was a long and tiring day for everyone who took part in them. Port Authority chief Amina Haddad said 1,200 dock workers would return on Thursday after a deal with Veltro Energy.",
    ]);
    assert_eq!(one.len(), 1);
    assert!(one[0].starts_with("Port Authority chief"), "{one:#?}");
}

#[test]
fn fragments_headings_and_introductions_are_not_points() {
    let chosen = points(&[
        "The council met on Monday to discuss the harbour plan.",
        "—Testimony from the chief engineer",
        "Officials listed three changes to the plan:",
        "Short one.",
        "Mayor Lena Eriksen said: “The harbour will reopen. Ships will return to Kestrel Bay by the spring.",
        "Veltro Energy will pay for the repairs to the harbour wall,” she told the Water Board in Orsolo.",
    ]);
    assert!(chosen.is_empty(), "{chosen:#?}");
}

#[test]
fn content_words_ignore_case_and_function_words() {
    assert_eq!(
        content_words("The Harbour and THE harbour"),
        content_words("harbour")
    );
    assert_eq!(content_words("Éire ÉIRE éire"), content_words("éire"));
    assert!(content_words("The and of it was with their").is_empty());
}
