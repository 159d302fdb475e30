//! Unit tests of dateline reading.

use super::*;
use jiff::civil::date;

fn today() -> Date {
    date(2025, 7, 12)
}

fn dateline(paragraph: &str) -> Option<Dateline> {
    read(paragraph, Lexicon::builtin(), today()).map(|(d, _)| d)
}

/// The place, agency, date and the text left after the dateline.
fn parts(paragraph: &str) -> (String, Option<String>, Option<Date>, &str) {
    let (d, rest) = read(paragraph, Lexicon::builtin(), today())
        .unwrap_or_else(|| panic!("no dateline in {paragraph:?}"));
    (d.place, d.agency, d.date, &paragraph[rest..])
}

#[test]
fn agency_date_and_place_with_each_kind_of_dash() {
    assert_eq!(
        parts("BEIJING, May 3 (Reuters) – China said on Friday it would act."),
        (
            "Beijing".to_string(),
            Some("Reuters".to_string()),
            Some(date(2025, 5, 3)),
            "China said on Friday it would act."
        )
    );
    assert_eq!(
        parts("LONDON (AP) - The Bank of England held rates."),
        (
            "London".to_string(),
            Some("AP".to_string()),
            None,
            "The Bank of England held rates."
        )
    );
    assert_eq!(
        parts("WASHINGTON — Senators met late into the night."),
        (
            "Washington".to_string(),
            None,
            None,
            "Senators met late into the night."
        )
    );
    assert_eq!(
        parts("PARIS, 3 mai (AFP) — Le gouvernement a annoncé un plan.").1,
        Some("AFP".to_string())
    );
    assert_eq!(
        parts("PARIS, 3 mai (AFP) — Le gouvernement a annoncé un plan.").2,
        Some(date(2025, 5, 3))
    );
    assert_eq!(
        parts("NAIROBI -- Rains washed away the road.").3,
        "Rains washed away the road."
    );
    assert_eq!(parts("KYIV—Air raid sirens sounded.").0, "Kyiv");
}

#[test]
fn title_case_place_with_a_date_and_a_colon() {
    assert_eq!(
        parts("Moscow, 12 July: Russia expelled two diplomats."),
        (
            "Moscow".to_string(),
            None,
            Some(date(2025, 7, 12)),
            "Russia expelled two diplomats."
        )
    );
    assert_eq!(
        parts("Moscow (Interfax) – Talks resumed.").1,
        Some("Interfax".to_string())
    );
    assert_eq!(parts("LAGOS: Fuel queues returned.").0, "Lagos");
}

#[test]
fn places_in_other_languages_and_of_several_words() {
    assert_eq!(parts("SÃO PAULO (Reuters) - Shares rose.").0, "São Paulo");
    // The gazetteers know "México" as another name of Mexico.
    assert_eq!(parts("MÉXICO, 4 de mayo (EFE) — El peso cayó.").0, "Mexico");
    assert_eq!(
        parts("MÉXICO, 4 de mayo (EFE) — El peso cayó.").2,
        Some(date(2025, 5, 4))
    );
    assert_eq!(parts("NEW YORK (AP) — Stocks fell.").0, "New York");
    assert_eq!(
        parts("RIO DE JANEIRO, Jan. 5 (Reuters) - Police said.").0,
        "Rio de Janeiro"
    );
    assert_eq!(
        parts("PORT-AU-PRINCE, Haiti — Gangs fired.").0,
        "Port-au-Prince"
    );
    assert_eq!(parts("N'DJAMENA (Reuters) - Troops left.").0, "N'Djamena");
    assert_eq!(parts("ST. LOUIS — A storm hit.").0, "St. Louis");
    assert_eq!(
        parts("BERLIN, 3. Mai (dpa) - Die Regierung.").1,
        Some("dpa".into())
    );
}

#[test]
fn a_region_and_a_year_may_follow_the_place() {
    let (place, _, day, rest) = parts("SANTIAGO, Chile, May 3, 2024 (Reuters) - Copper fell.");
    assert_eq!(
        (place.as_str(), day, rest),
        ("Santiago", Some(date(2024, 5, 3)), "Copper fell.")
    );
    let d = dateline("PORTLAND, Ore. — A bridge closed.").unwrap();
    assert_eq!(
        (d.place.as_str(), d.text.as_str()),
        ("Portland", "PORTLAND, Ore.")
    );
    assert_eq!(d.place_len, "PORTLAND".len());
}

#[test]
fn a_date_later_than_today_is_last_year() {
    assert_eq!(
        parts("TOKYO, Dec 30 (Kyodo) - Markets shut.").2,
        Some(date(2024, 12, 30))
    );
    assert_eq!(
        parts("TOKYO, July 12 (Kyodo) - Markets shut.").2,
        Some(date(2025, 7, 12))
    );
    // An impossible day is no date, but still a dateline.
    assert_eq!(parts("TOKYO, Feb 30 (Kyodo) - Markets shut.").2, None);
}

#[test]
fn ordinary_first_sentences_are_not_datelines() {
    for lede in [
        "Paris is preparing for the Olympics — Officials say the city is ready.",
        "Moscow said on Monday: “We will respond.”",
        "WASHINGTON state officials said: “We are ready.”",
        "North Korea – The isolated state – fired a missile.",
        "Kim Jong Un, 40, said: the talks failed.",
        "Moscow, the Russian capital, said – nothing.",
        "BREAKING: A fire broke out downtown.",
        "Paris - the city of light - shone.",
        "LONDON - it rained.",
        "NATO (Brussels) — The alliance met.",
        "The ministry said 3 - 1 was the score.",
        "Rain fell on the capital all day.",
    ] {
        assert_eq!(dateline(lede), None, "{lede}");
    }
}

#[test]
fn a_name_the_site_knows_as_something_else_is_no_place() {
    use crate::config::corrections::EntityCorrections;
    let mut corrections = EntityCorrections::default();
    corrections
        .organizations
        .insert("Acme".to_string(), Vec::new());
    let lex = Lexicon::new(&corrections);
    assert!(read("ACME — Profits rose.", &lex, today()).is_none());
    assert!(read("ACME — Profits rose.", Lexicon::builtin(), today()).is_some());
}

#[test]
fn text_bodies_lose_the_dateline() {
    let body = Body::Text {
        paragraphs: vec!["LONDON (AP) — Rain fell.".into(), "More.".into()],
    };
    let (d, body) = take(body, Lexicon::builtin(), today());
    assert_eq!(d.map(|d| d.text), Some("LONDON (AP)".to_string()));
    assert_eq!(body.paragraphs(), ["Rain fell.", "More."]);
}

#[test]
fn markdown_loses_it_only_where_its_html_starts_with_it() {
    let markdown = |html: &str| Body::Markdown {
        html: html.to_string(),
        paragraphs: vec!["LONDON (AP) — Rain fell.".into()],
        word_count: 3,
        has_code: false,
    };
    let (d, body) = take(
        markdown("<p>LONDON (AP) — Rain fell.</p>"),
        Lexicon::builtin(),
        today(),
    );
    assert!(d.is_some());
    match body {
        Body::Markdown { html, .. } => assert_eq!(html, "<p>Rain fell.</p>"),
        Body::Text { .. } => panic!("the body changed kind"),
    }
    let (d, body) = take(
        markdown("<p><strong>LONDON</strong> (AP) — Rain fell.</p>"),
        Lexicon::builtin(),
        today(),
    );
    assert!(d.is_none());
    assert_eq!(body.paragraphs(), ["LONDON (AP) — Rain fell."]);
}

#[test]
fn the_place_becomes_the_first_place_candidate() {
    let mut entities = vec![Candidate {
        name: "Ukraine".into(),
        mentions: 2,
        first: (0, 10),
        ..Candidate::default()
    }];
    add_place(&mut entities, "Kyiv");
    assert_eq!(entities[0].name, "Kyiv");
    assert_eq!(entities[0].known, Some(EntityKind::Place));
    assert_eq!((entities[0].mentions, entities[0].first), (1, (0, 0)));
    add_place(&mut entities, "Ukraine");
    assert_eq!(entities.len(), 2);
    assert_eq!(entities[0].name, "Ukraine");
    assert_eq!(entities[0].mentions, 3);
    assert_eq!(entities[0].evidence.kind(), Some(EntityKind::Place));
}
