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
const PLACE_FIRST: &[&str] = &["Mount", "Lake", "Cape", "Port", "Fort", "Isle", "Gulf"];

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
    let (mut first, last) = (run.first, run.last);
    if emit_known(p, (first, last), Evidence::default(), lex, memory, out) {
        return;
    }
    while first <= last && lex.is(List::Stop, p.tokens[first].text) {
        first += 1;
    }
    if first > last {
        return;
    }
    if let Some((title_start, title_end)) = find_title(p, first, last, lex) {
        if title_start > first {
            affiliation(p, (first, title_start - 1), lex, memory, out);
        }
        let evidence = Evidence::of(EntityKind::Person, TITLE);
        name(p, (title_end + 1, last), evidence, lex, memory, out);
        return;
    }
    if let Some(end) = known_prefix(p, first, last, lex) {
        let rest_words = last - end;
        match lex.known(p.slice(first, end)) {
            Some(Known::Entity(EntityKind::Place, _)) if rest_words >= 2 => {
                emit_known(p, (first, end), Evidence::default(), lex, memory, out);
                first = end + 1;
            }
            Some(Known::Demonym(_)) => first = end + 1,
            _ => {}
        }
    }
    name(p, (first, last), Evidence::default(), lex, memory, out);
}

/// The end of a country or demonym opening the run, when the rest of the
/// run is a name of its own rather than part of an institution's name.
fn known_prefix(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> Option<usize> {
    let has_org_word = (first..=last).any(|i| lex.is(List::OrgWord, p.tokens[i].text));
    if has_org_word {
        return None;
    }
    (first..last.min(first + 3)).rev().find(|&end| {
        matches!(
            lex.known(p.slice(first, end)),
            Some(Known::Demonym(_) | Known::Entity(EntityKind::Place, _))
        )
    })
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
        let mut chain_start = start;
        let mut portfolio = ends_with_portfolio_title(p.slice(start, t));
        while chain_start > first {
            let i = chain_start - 1;
            if let Some(s) = title_ending_at(p, first, i, lex) {
                portfolio |= ends_with_portfolio_title(p.slice(s, i));
                chain_start = s;
            } else if lex.is(List::TitleModifier, p.tokens[i].text)
                || (portfolio
                    && p.tokens[i].shape == Shape::Capital
                    && !is_known_end(p, first, i, lex))
            {
                chain_start = i;
            } else {
                break;
            }
        }
        return Some((chain_start, t));
    }
    None
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

/// The words before a title: the body the person serves, or their country.
fn affiliation(
    p: &Para<'_>,
    (mut first, last): (usize, usize),
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) {
    while first <= last && lex.is(List::Stop, p.tokens[first].text) {
        first += 1;
    }
    if first > last {
        return;
    }
    if let Some(Known::Demonym(country)) = lex.known(p.slice(first, last)) {
        out.push(Raw::known(p, (first, last), EntityKind::Place, country));
        return;
    }
    let evidence = Evidence::of(EntityKind::Organization, AFFILIATION);
    name(p, (first, last), evidence, lex, memory, out);
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
            memory.remember(span.1, Evidence::of(kind, 1));
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
    (mut first, last): (usize, usize),
    given: Evidence,
    lex: &Lexicon,
    memory: &mut Memory,
    out: &mut Vec<Raw>,
) {
    while first <= last && lex.is(List::Stop, p.tokens[first].text) {
        first += 1;
    }
    if first > last || emit_known(p, (first, last), given, lex, memory, out) {
        return;
    }
    let words = &p.tokens[first..=last];
    let all_generic = words.iter().all(|t| {
        lex.is(List::Generic, t.text) || lex.is(List::Title, t.text) || lex.is(List::Stop, t.text)
    });
    if all_generic || lex.is(List::Generic, p.slice(first, last)) {
        return;
    }
    if is_event(p, first, last, lex) {
        // "U.S. Constitution": the event goes, the country stays.
        if let Some(end) = known_prefix(p, first, last, lex) {
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

fn is_event(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> bool {
    p.tokens[first].text == "Tour"
        || (first..=last).any(|i| {
            lex.is(List::EventWord, p.tokens[i].text)
                || (i < last && p.spaced(i) && lex.is(List::EventWord, p.slice(i, i + 1)))
        })
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
        evidence.add(EntityKind::Place, CUE_WORD);
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
    let ends_with_place = !single
        && matches!(
            lex.known(words[words.len() - 1].text),
            Some(Known::Demonym(_) | Known::Entity(EntityKind::Place, _))
        );
    let not_person = lex.is(List::NotPersonFirst, words[0].text) || ends_with_place;
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
