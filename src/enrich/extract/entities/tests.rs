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
fn a_bare_parliament_is_the_body_like_congress() {
    let found = extract_text(
        "Parliament voted on Tuesday. Ana Ruiz, a member of Parliament, and Congress agreed. Police said so.",
    );
    assert_eq!(
        kind_of(&found, "Parliament"),
        Some(EntityKind::Organization)
    );
    assert_eq!(kind_of(&found, "Congress"), Some(EntityKind::Organization));
    assert!(found.candidates.iter().all(|c| c.name != "Police"));
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
fn a_given_name_wins_over_the_words_inside_it() {
    use crate::config::corrections::EntityCorrections;
    let site = Lexicon::new(&EntityCorrections {
        organizations: [("Port of Velmora".to_string(), Vec::new())].into(),
        ..EntityCorrections::default()
    });
    let text = "Ships queued outside the Port of Velmora on Monday. Port of Velmora staff said Velmora itself was calm.";
    let found = extract(&paras(text), &site);
    let port = candidate(&found, "Port of Velmora");
    assert_eq!(port.known, Some(EntityKind::Organization));
    assert_eq!(port.mentions, 2);
    assert!(found.candidates.iter().all(|c| c.name != "Port"));
    // The bare word outside the given name is still read by the rules.
    assert!(found.candidates.iter().any(|c| c.name == "Velmora"));
}

/// The kind the article alone gives `name`, if it is a sure candidate.
fn kind_of(found: &Extraction, name: &str) -> Option<EntityKind> {
    found
        .candidates
        .iter()
        .find(|c| c.name == name && c.certainty == Certainty::Sure)
        .and_then(|c| c.known.or_else(|| c.evidence.kind()))
}

fn assert_kinds(text: &str, expected: &[(&str, Option<EntityKind>)]) {
    let found = extract_text(text);
    for (name, kind) in expected {
        assert_eq!(
            kind_of(&found, name),
            *kind,
            "{name} in {:#?}",
            found.candidates
        );
    }
}

#[test]
fn products_models_and_codes_are_not_people() {
    use EntityKind::*;
    assert_kinds(
        "The carrier ordered ten Zephyr 380s and moved its servers to Orbix 12. Prices rose to XQZ450 while the NNNN-XX field stayed blank at 25 °C. Talks with Mara Lind went on.",
        &[
            ("Zephyr", None),
            ("Orbix", None),
            ("XQZ450", None),
            ("NNNN-XX", None),
            ("Mara Lind", Some(Person)),
        ],
    );
    // The model code inside the run: a product, whatever its first word.
    assert_kinds(
        "Sales of the Orbix Q12 and the Lumen Tab S9s beat those of Velmar Labs, said Mara Lind.",
        &[
            ("Orbix Q12", None),
            ("Lumen Tab S9s", None),
            ("Velmar Labs", Some(Organization)),
            ("Mara Lind", Some(Person)),
        ],
    );
    let found = extract_text("It was 25 °C in Plan B.");
    assert!(
        found
            .candidates
            .iter()
            .all(|c| c.name != "C" && c.name != "B")
    );
}

#[test]
fn companies_clubs_and_subsidiaries_are_organisations() {
    use EntityKind::*;
    assert_kinds(
        "Kaskel Polska and Brenna Widgets Limited signed with Fabrik Zrt. Real Velmora beat Harwick Rovers, and Okuma Electric Power said Piet Novak would lead.",
        &[
            ("Kaskel Polska", Some(Organization)),
            ("Brenna Widgets Limited", Some(Organization)),
            ("Fabrik Zrt", Some(Organization)),
            ("Real Velmora", Some(Organization)),
            ("Harwick Rovers", Some(Organization)),
            ("Okuma Electric Power", Some(Organization)),
            ("Piet Novak", Some(Person)),
        ],
    );
}

#[test]
fn publications_and_foreign_institutions_are_organisations() {
    use EntityKind::*;
    assert_kinds(
        "The study in the Journal of Soft Rocks was cited by Gazeta Velmorska, the Harwick Sun and the Institut Royal de la Recherche Marine, and by Maria Castell.",
        &[
            ("Journal of Soft Rocks", Some(Organization)),
            ("Gazeta Velmorska", Some(Organization)),
            ("Harwick Sun", Some(Organization)),
            ("Institut Royal de la Recherche Marine", Some(Organization)),
            ("Maria Castell", Some(Person)),
        ],
    );
}

#[test]
fn features_and_administrative_words_make_places() {
    use EntityKind::*;
    assert_kinds(
        "Divers reached the Velmar Trench near the Harlan Fault, off Mindra Oriental, where Tomas Reyes lives.",
        &[
            ("Velmar Trench", Some(Place)),
            ("Harlan Fault", Some(Place)),
            ("Mindra Oriental", Some(Place)),
            ("Tomas Reyes", Some(Person)),
        ],
    );
}

#[test]
fn a_sentence_opening_word_is_not_part_of_the_name() {
    use EntityKind::*;
    let found = extract_text(
        "Rival Quillon Holdings declined to comment. Once Zorbex Labs led the market. Meanwhile Velmora waited. Veteran striker Ana Ruiz scored.",
    );
    let names: Vec<&str> = found.candidates.iter().map(|c| c.name.as_str()).collect();
    for glued in [
        "Rival Quillon Holdings",
        "Once Zorbex Labs",
        "Meanwhile Velmora",
    ] {
        assert!(!names.contains(&glued), "{glued} in {names:?}");
    }
    assert_eq!(kind_of(&found, "Quillon Holdings"), Some(Organization));
    assert_eq!(kind_of(&found, "Zorbex Labs"), Some(Organization));
    assert_eq!(kind_of(&found, "Ana Ruiz"), Some(Person));
}

#[test]
fn member_and_nationality_plurals_are_not_organisations() {
    let found = extract_text(
        "MEPs voted late. Several Brazilians and Native Americans joined the Velmar Party, as did Velmar MEPs.",
    );
    let names: Vec<&str> = found.candidates.iter().map(|c| c.name.as_str()).collect();
    for group in ["MEPs", "Brazilians", "Native Americans", "Velmar MEPs"] {
        assert!(!names.contains(&group), "{group} in {names:?}");
    }
    assert!(names.contains(&"Velmar Party"));
    // The body before its members' plural stays, here as the party's
    // short form.
    assert!(candidate(&found, "Velmar Party").aliases.contains("Velmar"));
}

#[test]
fn a_portfolio_before_a_commissioner_is_no_organisation() {
    use EntityKind::*;
    assert_kinds(
        "Trade Commissioner Lena Holt met the Office of the High Commissioner for Refugees.",
        &[
            ("Trade", None),
            ("Lena Holt", Some(Person)),
            (
                "Office of the High Commissioner for Refugees",
                Some(Organization),
            ),
        ],
    );
}

#[test]
fn an_office_of_a_place_names_the_whole_place() {
    use EntityKind::*;
    assert_kinds(
        "She ran for District Attorney of Santa Velmora County and lost to Mayor of Orsk Ivan Petrov.",
        &[
            ("Santa Velmora County", Some(Place)),
            ("Orsk", Some(Place)),
            ("Ivan Petrov", Some(Person)),
        ],
    );
}

#[test]
fn a_platform_is_an_organisation() {
    let found = extract_text("She wrote on her Chirpr account that Quillo users were angry.");
    assert_eq!(kind_of(&found, "Chirpr"), Some(EntityKind::Organization));
    assert_eq!(kind_of(&found, "Quillo"), Some(EntityKind::Organization));
}

#[test]
fn short_forms_of_one_body_or_person_fold_within_a_story() {
    let found = extract_text(
        "The Velmoran Supreme Court ruled for Ada Mae Lovelace. Later the Supreme Court heard Ada Lovelace again.",
    );
    let court = candidate(&found, "Velmoran Supreme Court");
    assert!(court.aliases.contains("Supreme Court"), "{court:?}");
    let ada = candidate(&found, "Ada Mae Lovelace");
    assert!(ada.aliases.contains("Ada Lovelace"), "{ada:?}");
    let found = extract_text(
        "The Harwick Institution of Oceanography said so. Harwick Oceanography staff agreed.",
    );
    let body = candidate(&found, "Harwick Institution of Oceanography");
    assert!(body.aliases.contains("Harwick Oceanography"), "{body:?}");
    let found = extract_text("Tom Quill Jr spoke. Later Quill and Tom Quill left.");
    let tom = candidate(&found, "Tom Quill Jr");
    assert_eq!(tom.mentions, 3, "{tom:?}");
    // Two different people sharing a first name stay two.
    let found = extract_text("Ada Mae Lovelace met Ada Byron.");
    assert!(found.candidates.iter().any(|c| c.name == "Ada Byron"));
}

#[test]
fn a_body_named_without_its_qualifier_or_with_an_abbreviated_state_folds() {
    let found = extract_text(
        "The Velmoran District Court for the Eastern District of Orsk ruled. \
         The Velmoran District Court heard it. The United States Coast Guard and \
         the U.S. Coast Guard agreed, as did the University of Orsk at Boulder; \
         the University of Orsk declined.",
    );
    let court = candidate(
        &found,
        "Velmoran District Court for the Eastern District of Orsk",
    );
    assert!(
        court.aliases.contains("Velmoran District Court"),
        "{court:?}"
    );
    let watch = candidate(&found, "United States Coast Guard");
    assert!(watch.aliases.contains("U.S. Coast Guard"), "{watch:?}");
    let campus = candidate(&found, "University of Orsk at Boulder");
    assert!(campus.aliases.contains("University of Orsk"), "{campus:?}");
    // A longer name that goes on with capitals is another body.
    let found = extract_text("The Bank of Orsk and the Bank of Orsk Securities both rose.");
    assert!(found.candidates.iter().any(|c| c.name == "Bank of Orsk"));
}

#[test]
fn compass_words_shouting_and_buildings_named_for_people() {
    use EntityKind::*;
    let found = extract_text(
        "Floods hit North Poland and East Africa. The court REJECTS the claim. Crowds filled the Sultan Velmar Grand Mosque near the House of Delegates.",
    );
    let names: Vec<&str> = found.candidates.iter().map(|c| c.name.as_str()).collect();
    for gone in [
        "North Poland",
        "East Africa",
        "REJECTS",
        "Velmar Grand Mosque",
    ] {
        assert!(!names.contains(&gone), "{gone} in {names:?}");
    }
    assert_eq!(kind_of(&found, "Poland"), Some(Place));
    assert_eq!(kind_of(&found, "Africa"), Some(Place));
    assert_eq!(kind_of(&found, "Sultan Velmar Grand Mosque"), Some(Place));
    assert!(names.contains(&"House of Delegates"), "{names:?}");
    // Acronyms stay.
    let found =
        extract_text("ZORBEX CHIEF RESIGNS. Officials at KQVRT and the NASDAQ index said so.");
    assert!(found.candidates.iter().all(|c| !c.name.contains("RESIGNS")));
    assert!(found.candidates.iter().any(|c| c.name == "KQVRT"));
}

#[test]
fn a_party_word_in_a_title_names_the_party() {
    use EntityKind::*;
    assert_kinds(
        "Republican Senator Mara Quill voted with the Democrats.",
        &[
            ("Republican Party", Some(Organization)),
            ("Mara Quill", Some(Person)),
            ("Democratic Party", Some(Organization)),
        ],
    );
}

#[test]
fn units_stakes_residences_and_tournaments() {
    use EntityKind::*;
    let found = extract_text(
        "BBC Velmar reported that investors bought shares in Quillotron. The Velmar Open ended at Harlow House, Labour said.",
    );
    assert_eq!(kind_of(&found, "BBC Velmar"), Some(Organization));
    let quillotron = found.candidates.iter().find(|c| c.name == "Quillotron");
    assert_eq!(
        quillotron.and_then(|c| c.evidence.kind()),
        Some(Organization)
    );
    assert!(found.candidates.iter().all(|c| c.name != "Velmar Open"));
    assert_eq!(kind_of(&found, "Harlow House"), Some(Place));
    assert_eq!(kind_of(&found, "Labour Party"), Some(Organization));
}

#[test]
fn a_venue_named_after_a_body_is_a_place_and_a_government_its_country() {
    use EntityKind::*;
    let found = extract_text(
        "The Quillon Energy Arena is in Velmar Station. The Poland Government and the Velmar Energy Company agreed.",
    );
    assert_eq!(kind_of(&found, "Quillon Energy Arena"), Some(Place));
    assert_eq!(kind_of(&found, "Velmar Station"), Some(Place));
    assert_eq!(kind_of(&found, "Velmar Energy Company"), Some(Organization));
    assert_eq!(kind_of(&found, "Poland"), Some(Place));
    let found = extract_text("The Police Prefecture and the University of Velmar Town agreed.");
    assert_eq!(kind_of(&found, "Police Prefecture"), Some(Organization));
    assert_eq!(
        kind_of(&found, "University of Velmar Town"),
        Some(Organization)
    );
    assert!(
        found
            .candidates
            .iter()
            .all(|c| c.name != "Poland Government")
    );
}

#[test]
fn an_acronym_folds_into_the_name_it_spells() {
    let found = extract_text(
        "The Velmar Council of Ex-Members of Orsk met. The VCEMO said it would appeal. The QX said nothing.",
    );
    let council = candidate(&found, "Velmar Council of Ex-Members of Orsk");
    assert!(council.aliases.contains("VCEMO"), "{council:?}");
    assert!(found.candidates.iter().any(|c| c.name == "QX"));
}

#[test]
fn products_and_works_beside_a_noun_are_not_people() {
    let found = extract_text(
        "Astronomers used the Zento Halvers telescope. Critics praised the film Harlow Nights. Engineer Maria Castell built it.",
    );
    assert_eq!(kind_of(&found, "Zento Halvers"), None);
    assert_eq!(kind_of(&found, "Harlow Nights"), None);
    assert_eq!(kind_of(&found, "Maria Castell"), Some(EntityKind::Person));
    // Characters and shows are not people; their actors and hosts are.
    let found = extract_text(
        "Actor Tomas Reyes played the character Lia Vance. Losing the character of Mira Holt hurt. \
         Host Dana Pike spoke on the talk show Good Morning Orsk.",
    );
    assert_eq!(kind_of(&found, "Lia Vance"), None);
    assert_eq!(kind_of(&found, "Mira Holt"), None);
    assert_eq!(kind_of(&found, "Good Morning Orsk"), None);
    assert_eq!(kind_of(&found, "Tomas Reyes"), Some(EntityKind::Person));
    assert_eq!(kind_of(&found, "Dana Pike"), Some(EntityKind::Person));
}

#[test]
fn coordination_after_a_long_name_does_not_pass_its_kind_on() {
    use EntityKind::*;
    assert_kinds(
        "Floods hit the states of Parana and Mato Verde. Scientists at the University of Orsk and Ana Ruiz of Zeta Labs agreed.",
        &[("Mato Verde", Some(Place)), ("Ana Ruiz", Some(Person))],
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

#[test]
fn the_open_data_s_given_names_and_surnames_weigh_a_plain_name() {
    use EntityKind::*;
    let found = extract_text("Crowds cheered James Velmar and the Quartz Orbit in the hall.");
    assert_eq!(kind_of(&found, "James Velmar"), Some(Person));
    // Neither a given name first nor a surname last: no person by shape.
    assert_eq!(kind_of(&found, "Quartz Orbit"), None);
    // Context still makes a person of a name the data does not know.
    let found = extract_text("Activist Zqeta Ndorwimana spoke.");
    assert_eq!(kind_of(&found, "Zqeta Ndorwimana"), Some(Person));
}

/// A paragraph opening with a lower-case "and" or "or" before a name
/// ("or Cricket in India said …", a line broken mid-sentence) has no name
/// before the conjunction to share a kind with (the build panicked on an
/// index below zero; found by the entities fuzz target).
#[test]
fn a_paragraph_opening_with_a_conjunction_before_a_name() {
    for text in [
        "or Cricket in India (BCCI) said Sharma would",
        "and Valdera said the port would reopen.",
        "or Ana Ruiz",
    ] {
        let found = extract_text(text);
        assert!(!found.candidates.is_empty(), "{text}");
    }
}

#[test]
fn a_headline_in_capitals_names_nobody() {
    use EntityKind::*;
    let found = extract_text("VELMORA'S GRAIN EXPORTS SLUMP AS HARVEST FAILS");
    assert!(found.candidates.is_empty(), "{:#?}", found.candidates);
    // Acronyms in an ordinary sentence stay.
    assert_kinds(
        "The VBC and KQRT reported that NATO troops arrived.",
        &[("VBC", Some(Organization)), ("KQRT", Some(Organization))],
    );
}

#[test]
fn a_place_and_a_plural_noun_is_a_team_an_acronym_and_a_place_a_campus() {
    use EntityKind::*;
    assert_kinds(
        "The Denver Falcons beat the Los Angeles Owls, and Paris Roberts scored for Mara Lind's side. Students at VU Denver watched.",
        &[
            ("Denver Falcons", Some(Organization)),
            ("Los Angeles Owls", Some(Organization)),
            ("VU Denver", Some(Organization)),
            ("Paris Roberts", Some(Person)),
            ("Mara Lind", Some(Person)),
        ],
    );
}

#[test]
fn a_given_name_and_a_surname_that_is_a_place_word_is_a_person_by_context() {
    use EntityKind::*;
    assert_kinds(
        "“We will rebuild,” said Jonas Park, a resident of Orsk. Crowds gathered in Velmar Park.",
        &[("Jonas Park", Some(Person)), ("Velmar Park", Some(Place))],
    );
}

#[test]
fn the_place_a_body_is_of_is_no_alias_of_the_body() {
    let found = extract_text("The University of Nova Orsk said so. Nova Orsk has 20,000 people.");
    let body = candidate(&found, "University of Nova Orsk");
    assert!(!body.aliases.contains("Nova Orsk"), "{body:?}");
}
