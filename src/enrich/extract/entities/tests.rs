//! Entity extraction on whole paragraphs.

use super::*;
use crate::enrich::extract::candidate::Certainty;

const SAMPLE: &str = include_str!("../../../../seeds/000_f596f713c00f6b16.txt");

fn paras(text: &str) -> Vec<Para<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, line)| Para::new(i, line))
        .collect()
}

fn extract_text(text: &str) -> Extraction {
    extract(&paras(text), Lexicon::builtin())
}

/// The candidates of `kind` the article alone would keep.
fn of_kind(found: &Extraction, kind: EntityKind) -> Vec<String> {
    found
        .candidates
        .iter()
        .filter(|c| c.certainty == Certainty::Sure)
        .filter(|c| c.known.or_else(|| c.evidence.kind()) == Some(kind))
        .map(|c| c.name.clone())
        .collect()
}

fn candidate<'a>(found: &'a Extraction, name: &str) -> &'a Candidate {
    found
        .candidates
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:#?}", found.candidates))
}

#[test]
fn sample_people_places_and_organisations() {
    let found = extract_text(SAMPLE);
    assert_eq!(
        of_kind(&found, EntityKind::Person),
        ["Kim Jong Un", "Sergei Lavrov", "Choe Son Hui"]
    );
    let places = of_kind(&found, EntityKind::Place);
    for place in [
        "North Korea",
        "Russia",
        "Ukraine",
        "Wonsan",
        "Kursk",
        "Moscow",
        "Pyongyang",
    ] {
        assert!(
            places.contains(&place.to_string()),
            "{place} missing from {places:?}"
        );
    }
    assert_eq!(
        of_kind(&found, EntityKind::Organization),
        ["Korean Central News Agency"]
    );
    let kim = candidate(&found, "Kim Jong Un");
    assert_eq!(kim.aliases.iter().collect::<Vec<_>>(), ["Kim"]);
    assert_eq!(kim.mentions, 4);
    assert!(
        candidate(&found, "Sergei Lavrov")
            .aliases
            .contains("Lavrov")
    );
    assert!(
        candidate(&found, "Korean Central News Agency")
            .aliases
            .contains("KCNA")
    );
    assert!(candidate(&found, "North Korea").aliases.contains("DPRK"));
}

#[test]
fn function_words_weekdays_and_generic_words_are_never_names() {
    let found = extract_text(SAMPLE);
    for word in ["The", "Beyond", "Saturday", "Western", "That", "In", "KCNA"] {
        assert!(
            found.candidates.iter().all(|c| c.name != word),
            "{word} was extracted"
        );
    }
}

#[test]
fn titles_roles_and_appositions_make_people() {
    let found = extract_text(
        "Tomasz Kubiak, a fire service spokesman, spoke. Police press officer Monika Kosiec agreed, as did coach Hansi Flick.",
    );
    assert_eq!(
        of_kind(&found, EntityKind::Person),
        ["Tomasz Kubiak", "Monika Kosiec", "Hansi Flick"]
    );
}

#[test]
fn context_makes_places_and_organisations() {
    let found = extract_text(
        "Floods swept through Mokwa, a market town in Niger State. Codelco, the state copper company, and Greenpeace Brazil said the Escondida mine near Antofagasta was shut. Shares of Samsung Electronics rose.",
    );
    let places = of_kind(&found, EntityKind::Place);
    for place in ["Mokwa", "Niger State", "Escondida", "Antofagasta"] {
        assert!(places.contains(&place.to_string()), "{place}: {places:?}");
    }
    let orgs = of_kind(&found, EntityKind::Organization);
    for org in ["Codelco", "Greenpeace Brazil", "Samsung Electronics"] {
        assert!(orgs.contains(&org.to_string()), "{org}: {orgs:?}");
    }
}

#[test]
fn nearest_full_name_takes_a_shared_surname() {
    let found = extract_text(
        "President Luiz Inácio Lula da Silva spoke. Environment Minister Marina Silva agreed.\nSilva will present the data.",
    );
    let marina = candidate(&found, "Marina Silva");
    assert_eq!(marina.mentions, 2);
    assert_eq!(candidate(&found, "Luiz Inácio Lula da Silva").mentions, 1);
}

#[test]
fn a_lone_unknown_word_is_left_to_the_corpus() {
    let found = extract_text("Perseverance landed. The rover met the Nasdaq crowd.");
    for c in &found.candidates {
        assert_ne!(c.certainty, Certainty::Sure, "{c:?}");
    }
    let initial = candidate(&found, "Perseverance");
    assert_eq!(initial.certainty, Certainty::SentenceInitial);
}

#[test]
fn corrections_add_rename_and_ignore() {
    use crate::config::corrections::EntityCorrections;
    let site = Lexicon::new(&EntityCorrections {
        ignore: vec!["Wonsan".into()],
        organizations: [("Viazul".to_string(), vec!["the bus line".to_string()])].into(),
        ..EntityCorrections::default()
    });
    let text = "A bus operated by Viazul crashed in Wonsan; the bus line apologised.";
    let found = extract(&paras(text), &site);
    let viazul = candidate(&found, "Viazul");
    assert_eq!(viazul.known, Some(EntityKind::Organization));
    assert_eq!(viazul.mentions, 2);
    assert!(found.candidates.iter().all(|c| c.name != "Wonsan"));
    let article = site.for_article(&EntityCorrections {
        people: [("Jane Roe".to_string(), Vec::new())].into(),
        ..EntityCorrections::default()
    });
    let found = extract(&paras(text), &article);
    assert_eq!(
        candidate(&found, "Jane Roe").known,
        Some(EntityKind::Person)
    );
}

#[test]
fn lowercase_words_are_hashed_for_the_corpus() {
    let found = extract_text("The police said Police were there.");
    assert!(
        found
            .lowercase_words
            .binary_search(&word_hash("police"))
            .is_ok()
    );
    assert!(
        found
            .lowercase_words
            .binary_search(&word_hash("Police"))
            .is_err()
    );
}

#[test]
fn a_sizeable_place_of_the_open_data_is_place_evidence_unless_its_name_is_more() {
    let found = extract_text(
        "Officials said Yekaterinburg was calm. Analysts said Reading was calm. \
         Witnesses said Bakhmut was calm.",
    );
    let place = Some(EntityKind::Place);
    assert_eq!(candidate(&found, "Yekaterinburg").evidence.kind(), place);
    // Also an ordinary word, or too small to count without context.
    assert_ne!(candidate(&found, "Reading").evidence.kind(), place);
    assert_ne!(candidate(&found, "Bakhmut").evidence.kind(), place);
}
