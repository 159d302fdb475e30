//! Runs that are no name of the three kinds, whatever their words say
//! otherwise: codes and placeholders, headlines in capitals, plurals of
//! titles and demonyms, and products (a brand with a model number). A
//! leaf of `names`.

use super::para::Para;
use crate::enrich::extract::lexicon::{Known, Lexicon, List};
use crate::enrich::tokens::Shape;

/// Whether the run is no name of the three kinds: a code mixing letters
/// and digits ("XQZ450", "ABC-9"), a placeholder ("NNNN-XX"), a headline
/// in capitals, a plural of a title or a demonym (members or a
/// nationality group, not a body), or a brand before or with a model
/// number (a product: "Zephyr 380s", "Orbix 12", "Orbix Q12").
pub(super) fn not_a_name(p: &Para<'_>, first: usize, last: usize, lex: &Lexicon) -> bool {
    let word = p.tokens[last].text;
    // A lone letter ("25 °C", "Plan B") is no name.
    let letter = word.trim_end_matches('.').chars().count() == 1;
    if first == last && (letter || has_digit(word) || is_placeholder(word)) {
        return true;
    }
    // A headline in capitals: one shouted word shouts the run, or the
    // sentence around it ("VELMORA'S GRAIN EXPORTS FALL").
    let capitals = (first..=last).all(|i| p.tokens[i].shape == Shape::Upper);
    if capitals && ((first..=last).any(|i| is_shouted(p.tokens[i].text)) || shouting(p, first)) {
        return true;
    }
    if let Some(singular) = word.strip_suffix('s').filter(|s| !s.is_empty()) {
        let demonyms = matches!(lex.known(singular), Some(Known::Demonym(_)));
        let members = lex.is(List::Title, singular) || (first == last && is_acronym_plural(word));
        if demonyms || members {
            return true;
        }
    }
    // The model after the brand, outside the run ("Zephyr 380s") or
    // inside it ("Orbix Q12").
    let model = (p.spaced(last)
        && p.tokens
            .get(last + 1)
            .is_some_and(|t| is_model_number(t.text)))
        || (last > first && has_digit(word) && is_model_number(word));
    model && !(first..=last).any(|i| p.is(i, List::OrgWord) || p.is(i, List::PlaceWord))
}

/// Whether the sentence of token `i` is a headline in capitals: no word in
/// lower case or capitalised, at least three in capitals, one of them an
/// inflected English word.
fn shouting(p: &Para<'_>, i: usize) -> bool {
    let sentence = p.tokens[i].sentence;
    let (mut upper, mut shouted) = (0, false);
    for t in p.tokens.iter().filter(|t| t.sentence == sentence) {
        match t.shape {
            Shape::Upper => {
                upper += 1;
                shouted |= is_shouted(t.text);
            }
            Shape::Number => {}
            Shape::Lower | Shape::Capital => return false,
        }
    }
    upper >= 3 && shouted
}

/// "REJECTS", "DISMISSES": an inflected English word in capitals (a
/// shouted word or a headline), not an acronym.
fn is_shouted(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ED", "ING", "TION", "MENT", "NESS", "ITY", "ATE", "IVE", "LY",
    ];
    // A plural or third person, not "…US" ("POTUS") or "…SS".
    let plural = word.ends_with('S') && !word.ends_with("US") && !word.ends_with("SS");
    word.len() >= 6
        && word.chars().all(|c| c.is_ascii_uppercase())
        && (plural || ENDINGS.iter().any(|e| word.ends_with(e)))
}

/// "MEPs", "SUVs", "CEOs": the plural of an acronym, a group of members or
/// products, no body.
pub(super) fn is_acronym_plural(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|s| s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase()))
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// "NNNN-XX-ZZ", "XX": capitals where each part repeats one letter.
fn is_placeholder(word: &str) -> bool {
    word.split(['-', '/', '.']).all(|part| {
        part.len() >= 2
            && part
                .chars()
                .all(|c| part.starts_with(c) && c.is_ascii_uppercase())
    })
}

/// "737", "737s", "11", "A380", "B-17", "X5": a model number after a brand
/// (not a percentage, a score or a range: "2-1", "10%").
fn is_model_number(word: &str) -> bool {
    let starts_digit = word.starts_with(|c: char| c.is_ascii_digit());
    let code = word.len() <= 6
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && has_digit(word)
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let number = starts_digit
        && !word.contains(['-', ',', '.', '%'])
        && word
            .trim_end_matches('s')
            .chars()
            .all(|c| c.is_ascii_alphanumeric());
    code || number
}
