//! Reading one run: which parts are titles, demonyms and names, and what
//! the name's shape says about its kind ("…Agency" is an organisation,
//! "…River" a place, two plain capitalised words most likely a person).
//! The words around a name are weighed in [`super::context`].

use super::context::{self, Memory};
use super::runs::Run;
use super::{Para, Raw};
use crate::enrich::briefing::{EntityKind, Evidence};
use crate::enrich::lexicon::{Known, Lexicon, List};
use crate::enrich::tokens::Shape;

/// Points for a kind a gazetteer or correction gives.
pub const KNOWN: i32 = 10;
/// Points for a title or role before the name.
pub const TITLE: i32 = 4;
/// Points for a cue word inside the name ("Agency", "River").
const CUE_WORD: i32 = 4;
/// Points for an acronym's expansion being an organisation.
const EXPANSION: i32 = 3;
/// Points for an organisation before a title ("NASA Administrator").
pub const AFFILIATION: i32 = 2;
/// Points for an all-capitals or mixed-case word ("UNICEF", "VinFast").
const SHAPE: i32 = 2;
/// Points for a person's name being two or more plain words.
const PLAIN_WORDS: i32 = 1;
/// Points taken off a person by "the" before the name or a place at its end.
const NOT_PERSON: i32 = 3;

/// First words that make a name a place ("Mount Kenya", "Lake Victoria").
const PLACE_FIRST: &[&str] = &[
    "Mount", "Lake", "Cape", "Port", "Fort", "Isle", "Gulf", "County", "Rue", "Avenue", "Place",
];

/// Titles whose "of" names a place ("Mayor of Koszalin").
const PLACE_TITLES: &[&str] = &[
    "Mayor",
    "Governor",
    "Prefect",
    "Sheriff",
    "Bishop",
    "Archbishop",
];

/// Reads one run and records the names in it.
pub fn analyse(p: &Para<'_>, run: Run, lex: &Lexicon, memory: &mut Memory, out: &mut Vec<Raw>) {
    if let Some(acronym) = run.acronym {
        let evidence = Evidence::of(EntityKind::Organization, EXPANSION);
        let before = out.len();
        name(p, (run.first, run.last), evidence, lex, memory, out);
        if let Some(raw) = out.get_mut(before) {
            raw.defines = Some(p.tokens[acronym].text.to_string());
        }
        return;
    }
    let last = run.last;
    if emit_known(p, (run.first, last), Evidence::default(), lex, memory, out) {
        return;
    }
    let (first, given) = strip_opener(p, strip_leading(p, run.first, last, lex), last, lex);
    if first > last || titled(p, (first, last), lex, memory, out) {
        return;
    }
    if let Some(start) = title_at_end(p, first, last, lex) {
        if start > first {
            affiliation(p, (first, start - 1), AFFILIATION_ORG, lex, memory, out);
        }
        return;
    }
    let first = split_prefix(p, first, last, lex, memory, out);
    name(p, (first, last), given, lex, memory, out);
}

/// Evidence for the body a title belongs to.
const AFFILIATION_ORG: (EntityKind, i32) = (EntityKind::Organization, AFFILIATION);

/// The first token of the run from `first` once days, months and (at a
/// sentence start) function words are dropped; a capitalised function word
/// inside a sentence belongs to the name ("the All England Club").
fn strip_leading(p: &Para<'_>, mut first: usize, last: usize, lex: &Lexicon) -> usize {
    while first <= last {
        let t = &p.tokens[first];
        let opening = t.sentence_start || first == last;
        let function_word = lex.is(List::Stop, t.text) || lex.is(List::TitleModifier, t.text);
        if !((function_word && opening) || lex.is(List::Time, t.text)) {
            break;
        }
        first += 1;
    }
    first
}

/// Drops a common word that is capitalised only because it opens the
/// sentence before a name: a role ("Actor Brendan Fraser") or a verb form
/// ("Regarding Trump"). A role counts as a title.
fn strip_opener(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> (usize, Evidence) {
    if first >= last || !p.tokens[first].sentence_start {
        return (first, Evidence::default());
    }
    let word = p.tokens[first].text;
    let next_is_name = p.tokens[first + 1].is_capitalised();
    if lex.is(List::Title, word) || !next_is_name {
        return (first, Evidence::default());
    }
    if lex.is(List::Role, &word.to_lowercase()) {
        return (first + 1, Evidence::of(EntityKind::Person, TITLE));
    }
    let verb_form = word.chars().count() > 5 && word.ends_with("ing");
    if verb_form && lex.known(word).is_none() {
        return (first + 1, Evidence::default());
    }
    (first, Evidence::default())
}

/// Handles a run with a title before a name; returns whether it had one.
fn titled(
    p: &Para<'_>,
    (first, last): (usize, usize),
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) -> bool {
    let Some((title_start, mut title_end)) = find_title(p, first, last, lex) else {
        return false;
    };
    if title_start > first {
        affiliation(
            p,
            (first, title_start - 1),
            AFFILIATION_ORG,
            lex,
            memory,
            out,
        );
    }
    // "Mayor of Koszalin Piotr Jedlinski": what follows "of" is what the
    // title is of (one word when a name follows; all of it when it is an
    // institution or nothing follows). A portfolio ("Minister of
    // Information") is no entity.
    if p.tokens.get(title_end + 1).is_some_and(|t| t.text == "of") && title_end + 2 <= last {
        let of = title_end + 2;
        let institution = (of..=last).any(|i| lex.is(List::OrgWord, p.tokens[i].text));
        let of_end = if institution || last - of < 2 {
            last
        } else {
            of
        };
        let title = p.slice(title_start, title_end);
        if PLACE_TITLES.iter().any(|t| title.ends_with(t)) {
            affiliation(
                p,
                (of, of_end),
                (EntityKind::Place, AFFILIATION),
                lex,
                memory,
                out,
            );
        } else if !ends_with_portfolio_title(title) || institution {
            affiliation(p, (of, of_end), AFFILIATION_ORG, lex, memory, out);
        }
        title_end = of_end;
    }
    if title_end < last {
        let evidence = Evidence::of(EntityKind::Person, TITLE);
        name(p, (title_end + 1, last), evidence, lex, memory, out);
    }
    true
}

/// The start of a title chain ending the run with no name after it
/// ("Iranian Chess Federation President", "Foreign Secretary").
fn title_at_end(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> Option<usize> {
    let start = title_ending_at(p, first, last, lex)?;
    let start = chain_start(p, first, start, last, lex);
    // "Court of Justice", "Secretary of State": the title is part of a name.
    let joined =
        start > first && (!p.spaced(start - 1) || p.tokens[start - 1].shape == Shape::Lower);
    (!joined).then_some(start)
}

/// Splits off a known place, demonym or organisation (or an unknown
/// acronym) opening the run when the rest is a name of two words or more:
/// "Amnesty International Man-kei Tam", "NPR Hamza bin Laden". A demonym
/// before a place is dropped ("Brazilian Amazon"). Returns where the rest
/// starts.
fn split_prefix(
    p: &Para<'_>,
    first: usize,
    last: usize,
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) -> usize {
    if (first..=last).any(|i| lex.is(List::OrgWord, p.tokens[i].text)) {
        return first;
    }
    let prefix_end = (first..last.min(first + 3))
        .rev()
        .find(|&end| lex.known(p.slice(first, end)).is_some());
    if let Some(end) = prefix_end {
        return match lex.known(p.slice(first, end)) {
            Some(Known::Entity(_, _)) if last - end >= 2 => {
                emit_known(p, (first, end), Evidence::default(), lex, memory, out);
                end + 1
            }
            Some(Known::Demonym(_)) => end + 1,
            _ => first,
        };
    }
    let acronym = &p.tokens[first];
    if acronym.shape == Shape::Upper && acronym.text.chars().count() >= 3 && last - first >= 2 {
        affiliation(p, (first, first), AFFILIATION_ORG, lex, memory, out);
        return first + 1;
    }
    first
}

/// The last title in the run that has a name after it, as the span of the
/// title chain (modifiers and portfolio included): "Foreign Minister",
/// "Deputy Prime Minister", "Foreign Minister Prince".
fn find_title(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    for t in (first..last).rev() {
        let Some(start) = title_ending_at(p, first, t, lex) else {
            continue;
        };
        let rest_is_name = (t + 1..=last).all(|i| !lex.is(List::OrgWord, p.tokens[i].text))
            && (t + 1..=last).any(|i| {
                !lex.is(List::Stop, p.tokens[i].text) && !lex.is(List::Title, p.tokens[i].text)
            });
        if !rest_is_name {
            return None;
        }
        return Some((chain_start(p, first, start, t, lex), t));
    }
    None
}

/// Extends the title `start..=end` backwards over other titles, modifiers
/// ("Deputy") and, before "Minister" or "Secretary", the portfolio
/// ("Foreign"), stopping at a demonym or a known place.
fn chain_start(p: &Para<'_>, first: usize, start: usize, end: usize, lex: &Lexicon) -> usize {
    let mut chain_start = start;
    let mut portfolio = ends_with_portfolio_title(p.slice(start, end));
    while chain_start > first {
        let i = chain_start - 1;
        if let Some(s) = title_ending_at(p, first, i, lex) {
            portfolio |= ends_with_portfolio_title(p.slice(s, i));
            chain_start = s;
        } else if lex.is(List::TitleModifier, p.tokens[i].text)
            || (portfolio && p.tokens[i].shape == Shape::Capital && !is_known_end(p, first, i, lex))
        {
            chain_start = i;
        } else {
            break;
        }
    }
    chain_start
}

fn ends_with_portfolio_title(title: &str) -> bool {
    title.ends_with("Minister") || title.ends_with("Secretary")
}

/// The start of the longest title ending at token `t`.
fn title_ending_at(p: &Para<'_>, first: usize, t: usize, lex: &Lexicon) -> Option<usize> {
    (first.max(t.saturating_sub(3))..=t)
        .find(|&s| p.spaced_between(s, t) && lex.is(List::Title, p.slice(s, t)))
}

/// Whether a demonym or known place ends at token `i`.
fn is_known_end(p: &Para<'_>, first: usize, i: usize, lex: &Lexicon) -> bool {
    (first.max(i.saturating_sub(2))..=i).any(|s| {
        p.spaced_between(s, i)
            && matches!(
                lex.known(p.slice(s, i)),
                Some(Known::Demonym(_) | Known::Entity(EntityKind::Place, _))
            )
    })
}

/// The words before a title or after "Mayor of": the body the person
/// serves, their country or their town.
fn affiliation(
    p: &Para<'_>,
    (first, last): (usize, usize),
    (kind, points): (EntityKind, i32),
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) {
    let first = strip_leading(p, first, last, lex);
    if first > last {
        return;
    }
    if let Some(Known::Demonym(country)) = lex.known(p.slice(first, last)) {
        out.push(Raw::known(p, (first, last), EntityKind::Place, country));
        return;
    }
    name(
        p,
        (first, last),
        Evidence::of(kind, points),
        lex,
        memory,
        out,
    );
}

/// Records a gazetteer or corrected name covering the whole span; returns
/// whether the span was known (a demonym counts only where it names its
/// country's side).
fn emit_known(
    p: &Para<'_>,
    span: (usize, usize),
    extra: Evidence,
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) -> bool {
    let text = p.slice(span.0, span.1);
    if lex.is_ignored(text) {
        return true;
    }
    match lex.known(text) {
        Some(Known::Entity(kind, canonical)) => {
            let mut raw = Raw::known(p, span, kind, canonical);
            raw.context.merge(extra);
            memory.remember(span.1, Evidence::default());
            out.push(raw);
            true
        }
        Some(Known::Demonym(country)) => {
            if context::names_side(p, span.1, lex) {
                out.push(Raw::known(p, span, EntityKind::Place, country));
            }
            true
        }
        None => false,
    }
}

/// Records the name `first..=last` with what its shape and context say.
fn name(
    p: &Para<'_>,
    (first, last): (usize, usize),
    given: Evidence,
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) {
    let first = strip_leading(p, first, last, lex);
    if first > last || emit_known(p, (first, last), given, lex, memory, out) {
        return;
    }
    let words = &p.tokens[first..=last];
    let all_generic = words.iter().all(|t| {
        lex.is(List::Generic, t.text)
            || lex.is(List::Title, t.text)
            || lex.is(List::TitleModifier, t.text)
            || lex.is(List::Stop, t.text)
            || lex.is(List::Time, t.text)
    });
    let whole = p.slice(first, last);
    if all_generic || lex.is(List::Generic, whole) || lex.is(List::Title, whole) {
        return;
    }
    if is_event(p, first, last, lex) {
        // "U.S. Constitution": the event goes, the country stays.
        let prefix = (first..last.min(first + 3))
            .rev()
            .find(|&end| matches!(lex.known(p.slice(first, end)), Some(Known::Entity(..))));
        if let Some(end) = prefix {
            emit_known(p, (first, end), Evidence::default(), lex, memory, out);
        }
        return;
    }
    let (shape_evidence, not_person) = shape(p, first, last, lex);
    let found = context::weigh(p, (first, last), lex, memory);
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
    memory.remember(last, found.evidence);
    out.push(raw);
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
    const EVENT_FIRST: &[&str] = &[
        "Tour",
        "Hurricane",
        "Typhoon",
        "Cyclone",
        "Storm",
        "Tropical",
        "Operation",
    ];
    EVENT_FIRST.contains(&p.tokens[first].text)
        || lex.is(List::EventWord, p.tokens[end].text)
        || (end > first && p.spaced(end - 1) && lex.is(List::EventWord, p.slice(end - 1, end)))
}

/// What a name's own words say: its kind's points, and whether it cannot
/// be a person.
fn shape(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> (Evidence, bool) {
    let words = &p.tokens[first..=last];
    let mut evidence = Evidence::default();
    let org_word = words.iter().any(|t| lex.is(List::OrgWord, t.text));
    let place_word = lex.is(List::PlaceWord, words[words.len() - 1].text)
        || PLACE_FIRST.contains(&words[0].text);
    if org_word {
        evidence.add(EntityKind::Organization, CUE_WORD);
    } else if place_word && words.len() > 1 {
        // Less than a title: "candidate Darrell Castle" is a person.
        evidence.add(EntityKind::Place, CUE_WORD - 1);
    }
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
        if words.iter().any(|t| lex.is(List::Connector, t.text)) {
            evidence.add(EntityKind::Person, PLAIN_WORDS);
        }
    }
    const COMPASS: &[&str] = &[
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    ];
    if !single && !org_word && COMPASS.contains(&words[0].text) {
        evidence.add(EntityKind::Place, SHAPE);
    }
    let compound = words.iter().any(|t| t.text.matches('-').count() >= 2);
    let ends_with_place = !single
        && matches!(
            lex.known(words[words.len() - 1].text),
            Some(Known::Demonym(_) | Known::Entity(EntityKind::Place, _))
        );
    let not_person = lex.is(List::NotPersonFirst, words[0].text) || ends_with_place || compound;
    (evidence, not_person)
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
