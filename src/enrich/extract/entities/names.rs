//! Weighing one name: what its own words say about its kind ("…Agency" is
//! an organisation, "…River" a place, two plain capitalised words most
//! likely a person, "VinFast" a brand), with `context` adding what the
//! words around it say. Gazetteer names are recorded as known.

use super::context::{self, Reader};
use super::mention::Raw;
use super::not_names::{is_acronym_plural, not_a_name};
use super::para::Para;
use crate::enrich::extract::candidate::{EntityKind, Evidence};
use crate::enrich::extract::gazetteer::PlaceKind;
use crate::enrich::extract::lexicon::{Known, Lexicon, List};
use crate::enrich::tokens::{Shape, Token};

/// Points for a cue word inside the name ("Agency", "River").
const CUE_WORD: i32 = 4;
/// Points for an all-capitals or mixed-case word ("UNICEF", "VinFast").
const SHAPE: i32 = 2;
/// Points for a person's name being two or more plain words.
const PLAIN_WORDS: i32 = 1;
/// Points taken off a person by "the" before the name or a place at its end.
const NOT_PERSON: i32 = 3;
/// Points for a name the open data knows as a sizeable place whose name is
/// no ordinary word, given name or surname ("Yekaterinburg").
const KNOWN_PLACE: i32 = 2;
/// The fewest people a city needs for its name to count as place evidence.
const KNOWN_PLACE_POPULATION: u64 = 100_000;

/// Place words for a territory, which an organisation's name may end with
/// ("Police Prefecture", "University of Cape Town").
const ADMINISTRATIVE: &[&str] = &[
    "Prefecture",
    "Province",
    "Region",
    "County",
    "District",
    "State",
    "City",
    "Town",
    "Village",
    "Municipality",
    "Borough",
    "Township",
    "Oblast",
    "Governorate",
    "Territory",
];

/// Compass words that open place names ("North …", "Western …").
const COMPASS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
];

/// First words that make a name a place ("Mount Kenya", "Lake Victoria").
const PLACE_FIRST: &[&str] = &[
    "Mount", "Lake", "Cape", "Port", "Fort", "Isle", "Gulf", "County", "Rue", "Avenue", "Place",
];

/// Records a gazetteer or corrected name covering the whole span; returns
/// whether the span was known (a demonym counts only where it names its
/// country's side).
pub(super) fn emit_known(r: &mut Reader<'_, '_>, span: (usize, usize), extra: Evidence) -> bool {
    let (p, lex) = (r.p, r.lex);
    let text = p.slice(span.0, span.1);
    if lex.is_ignored(text) {
        return true;
    }
    match lex.known(text) {
        Some(Known::Entity(kind, canonical)) => {
            let mut raw = Raw::known(p, span, kind, canonical);
            raw.context.merge(extra);
            r.memory.remember(span.1, Evidence::default());
            r.out.push(raw);
            true
        }
        Some(Known::Demonym(country)) => {
            if context::names_side(p, span.1, lex) {
                r.out.push(Raw::known(p, span, EntityKind::Place, country));
            }
            true
        }
        None => false,
    }
}

/// Records the name `first..=last` with what its shape and context say.
pub(super) fn name(r: &mut Reader<'_, '_>, (first, last): (usize, usize), given: Evidence) {
    let (p, lex) = (r.p, r.lex);
    let first = strip_leading(p, first, last);
    if first > last || emit_known(r, (first, last), given) {
        return;
    }
    let filler = List::Generic.bit()
        | List::Title.bit()
        | List::TitleModifier.bit()
        | List::Stop.bit()
        | List::Time.bit();
    let all_generic = (first..=last).all(|i| p.lists_of(i) & filler != 0);
    let whole = p.slice(first, last);
    if all_generic || lex.is(List::Generic, whole) || lex.is(List::Title, whole) {
        return;
    }
    // "Velmar MEPs", "Zento SUVs": members or products of the name before.
    if last > first && is_acronym_plural(p.tokens[last].text) {
        return name(r, (first, last - 1), given);
    }
    if not_a_name(p, first, last, lex) {
        return;
    }
    if describes_known_place(r, (first, last), given) {
        return;
    }
    if is_event(p, first, last, lex) {
        // "U.S. Constitution": the event goes, the country stays.
        let prefix = (first..last.min(first + 3))
            .rev()
            .find(|&end| matches!(lex.known(p.slice(first, end)), Some(Known::Entity(..))));
        if let Some(end) = prefix {
            emit_known(r, (first, end), Evidence::default());
        }
        return;
    }
    let (shape_evidence, not_person) = shape(p, first, last, lex);
    let found = context::weigh(p, (first, last), lex, &r.memory);
    let mut raw = Raw::new(p, (first, last));
    raw.shape = shape_evidence;
    raw.context = found.evidence;
    raw.context.merge(given);
    raw.strength = found
        .strength
        .max(given.person.max(given.org).max(given.place));
    raw.speaks = found.speaks;
    if not_person || found.not_person {
        raw.shape.person -= NOT_PERSON;
    }
    r.memory.remember(last, found.evidence);
    r.out.push(raw);
}

/// Records the known place a name only describes and returns whether it
/// did: "<Country> Government" is the country, and a compass word before a
/// known place ("North Velmoria") describes that place.
fn describes_known_place(
    r: &mut Reader<'_, '_>,
    (first, last): (usize, usize),
    given: Evidence,
) -> bool {
    let (p, lex) = (r.p, r.lex);
    if last == first {
        return false;
    }
    let place = |a: usize, b: usize| {
        matches!(
            lex.known(p.slice(a, b)),
            Some(Known::Entity(EntityKind::Place, _))
        )
    };
    let span = if p.tokens[last].text == "Government" && place(first, last - 1) {
        (first, last - 1)
    } else if COMPASS.contains(&p.tokens[first].text) && place(first + 1, last) {
        (first + 1, last)
    } else {
        return false;
    };
    emit_known(r, span, given);
    true
}

/// Whether the name is an event or a law: "Tour de France", "World Cup",
/// "Affordable Care Act", "World War II".
fn is_event(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> bool {
    let numeral = |t: &str| {
        t.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X') || c.is_ascii_digit())
    };
    let end = if last > first && numeral(p.tokens[last].text) {
        last - 1
    } else {
        last
    };
    // Storms, operations and named ships ("MV Alan Kurdi") are no entities
    // of the three kinds.
    const EVENT_FIRST: &[&str] = &[
        "MV",
        "HMS",
        "USS",
        "RMS",
        "Tour",
        "Hurricane",
        "Typhoon",
        "Cyclone",
        "Storm",
        "Tropical",
        "Operation",
    ];
    EVENT_FIRST.contains(&p.tokens[first].text)
        || p.is(end, List::EventWord)
        || (end > first && p.spaced(end - 1) && lex.is(List::EventWord, p.slice(end - 1, end)))
}

/// What a name's own words say: its kind's points, and whether it cannot
/// be a person.
fn shape(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> (Evidence, bool) {
    let words = &p.tokens[first..=last];
    let mut evidence = Evidence::default();
    let org_word = (first..=last).any(|i| p.is(i, List::OrgWord))
        || (last > first && (p.is(first, List::OrgFirst) || p.is(last, List::OrgLast)))
        || is_subsidiary(p, first, last, lex)
        || is_unit(p, first, last, lex)
        || is_team(p, first, last, lex);
    let place_word = p.is(last, List::PlaceWord) || PLACE_FIRST.contains(&words[0].text);
    // A venue named after a body ("Velmar Energy Arena", "College
    // Station"): the last word says what the name is.
    let venue = last > first
        && p.is(last, List::PlaceWord)
        && !p.is(last, List::OrgWord)
        && !ADMINISTRATIVE.contains(&words[words.len() - 1].text)
        && words.iter().all(|t| t.text != "of");
    let org_word = org_word && !venue;
    // "Mara Park", "Tom Hill": a given name and a surname that is also a
    // place word says little about a place; the words around it decide.
    let surnamed = place_word
        && !org_word
        && words.len() == 2
        && lex.given_name(words[0].text).is_some()
        && lex.surname(words[1].text).is_some()
        && !PLACE_FIRST.contains(&words[0].text);
    if org_word {
        evidence.add(EntityKind::Organization, CUE_WORD);
    } else if place_word && surnamed {
        evidence.add(EntityKind::Place, 1);
    } else if place_word && words.len() > 1 {
        // Less than a title: "candidate Darrell Castle" is a person.
        evidence.add(EntityKind::Place, CUE_WORD - 1);
    }
    let place_word = place_word && !surnamed;
    let single = words.len() == 1;
    if single && words[0].shape == Shape::Upper {
        evidence.add(EntityKind::Organization, SHAPE);
    }
    if words.iter().any(|t| is_camel(t.text)) {
        evidence.add(EntityKind::Organization, SHAPE);
    }
    let capitals = words.iter().filter(|t| t.is_capitalised()).count();
    if capitals >= 2 && !org_word && !place_word {
        evidence.add(EntityKind::Person, PLAIN_WORDS);
        if (first..=last).any(|i| p.is(i, List::Connector)) {
            evidence.add(EntityKind::Person, PLAIN_WORDS);
        }
        evidence.add(EntityKind::Person, name_words(lex, words));
    }
    if !org_word && is_clear_place(lex, p.slice(first, last)) {
        evidence.add(EntityKind::Place, KNOWN_PLACE);
    }
    if !single && !org_word && COMPASS.contains(&words[0].text) {
        evidence.add(EntityKind::Place, SHAPE);
    }
    let compound = words.iter().any(|t| t.text.matches('-').count() >= 2);
    let ends_with_place = !single
        && matches!(
            lex.known(words[words.len() - 1].text),
            Some(Known::Demonym(_) | Known::Entity(EntityKind::Place, _))
        );
    let not_person = p.is(first, List::NotPersonFirst) || ends_with_place || compound;
    (evidence, not_person)
}

/// "Kaskel Polska", "Widgets UK": a name ending in another name of a country
/// (its own language's, or a short form) is a local subsidiary.
fn is_subsidiary(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> bool {
    let word = p.tokens[last].text;
    last > first
        && matches!(lex.known(word), Some(Known::Entity(EntityKind::Place, country)) if country != word && !country.contains(word))
        && lex.known(p.slice(first, last - 1)).is_none()
        && (first..last).all(|i| !p.is(i, List::PlaceWord))
}

/// "Orsk Falcons", "New Velmar Owls": a place and a plural noun that is
/// nobody's name is a team (a person's name does not end in a plural).
fn is_team(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> bool {
    let word = p.tokens[last].text;
    let plural = word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us");
    if last == first || !plural || p.tokens[last].shape != Shape::Capital {
        return false;
    }
    if p.is(last, List::PlaceWord) || lex.surname(word).is_some() || lex.given_name(word).is_some()
    {
        return false;
    }
    let place = p.slice(first, last - 1);
    matches!(lex.known(place), Some(Known::Entity(EntityKind::Place, _)))
        || lex.place(place).is_some_and(|place| {
            let sizeable =
                place.kind != PlaceKind::City || place.population >= KNOWN_PLACE_POPULATION;
            sizeable && !place.ordinary_word
        })
}

/// "KQV Sport", "VBC Research": a known organisation's name (an
/// acronym) followed by more words is a unit or service of it; an acronym
/// and a place ("VU Orsk") is a body's campus.
fn is_unit(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> bool {
    // Known bodies a unit is named after are mostly acronyms ("BBC").
    if p.tokens[first].shape != Shape::Upper {
        return false;
    }
    // "VU Orsk": a body's acronym and the place of one of its campuses.
    let campus = last == first + 1
        && lex.place(p.tokens[last].text).is_some()
        && !matches!(
            lex.known(p.tokens[first].text),
            Some(Known::Entity(EntityKind::Place, _)) | Some(Known::Demonym(_))
        );
    if campus {
        return true;
    }
    (first..last.min(first + 3)).any(|end| {
        matches!(
            lex.known(p.slice(first, end)),
            Some(Known::Entity(EntityKind::Organization, _))
        )
    })
}

/// What the open data says of a plain name's words: a known given name
/// first ("Mara Quill") supports a person; neither a given name first nor
/// a surname last ("Harlow Nights") speaks against one.
fn name_words(lex: &Lexicon, words: &[Token<'_>]) -> i32 {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return 0;
    };
    let initial = first.text.trim_end_matches('.').chars().count() == 1;
    let given = lex.given_name(first.text).is_some_and(|g| !g.ordinary_word);
    if given || initial {
        PLAIN_WORDS
    } else if lex.surname(last.text).is_none() && lex.given_name(first.text).is_none() {
        -PLAIN_WORDS
    } else {
        0
    }
}

/// Whether the open data's likeliest place called `name` is a country,
/// region or sizeable city whose name is nothing else.
fn is_clear_place(lex: &Lexicon, name: &str) -> bool {
    lex.place(name).is_some_and(|place| {
        let sizeable = place.kind != PlaceKind::City || place.population >= KNOWN_PLACE_POPULATION;
        sizeable && !place.ordinary_word && !place.given_name && !place.surname
    })
}

/// "VinFast", "PayPal": a capital inside a word after a lower-case letter,
/// which brands have and surnames ("McDonald", "DeSantis") only after a
/// known prefix.
fn is_camel(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Mc", "Mac", "De", "Di", "La", "Le", "Van", "Von", "Du", "Da",
    ];
    let chars: Vec<char> = word.chars().collect();
    (1..chars.len()).any(|i| {
        chars[i].is_uppercase()
            && chars[i - 1].is_lowercase()
            && !PREFIXES.contains(&chars[..i].iter().collect::<String>().as_str())
    })
}

/// The first token of the run from `first` once days, months and (at a
/// sentence start) function words are dropped; a capitalised function word
/// inside a sentence belongs to the name ("the All England Club").
pub(super) fn strip_leading(p: &Para<'_>, mut first: usize, last: usize) -> usize {
    while first <= last {
        let t = &p.tokens[first];
        let opening = t.sentence_start || first == last;
        let function_word = p.is(first, List::Stop) || p.is(first, List::TitleModifier);
        if !((function_word && opening) || p.is(first, List::Time)) {
            break;
        }
        first += 1;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_is_a_brand_but_mc_is_a_surname() {
        assert!(is_camel("VinFast") && is_camel("PayPal"));
        assert!(!is_camel("McDonald") && !is_camel("DeSantis") && !is_camel("Lavrov"));
        assert!(!is_camel("O’Neill") && !is_camel("KCNA"));
    }
}
