//! Reading one run: which parts are titles, affiliations, demonyms and
//! names ("Russian Foreign Minister Sergei Lavrov", "Mayor of Koszalin Piotr
//! Jedlinski", "NASA Administrator Bill Nelson"). Each name is then weighed
//! by `names` (its own words) and `context` (the words around it).

use super::context::Reader;
use super::mention::{AFFILIATION, Raw, TITLE};
use super::names::{emit_known, name, strip_leading};
use super::para::Para;
use super::runs::Run;
use crate::enrich::extract::candidate::{EntityKind, Evidence};
use crate::enrich::extract::lexicon::{Known, Lexicon, List};
use crate::enrich::tokens::Shape;

/// Points for an acronym's expansion being an organisation.
const EXPANSION: i32 = 3;

/// Titles whose "of" names a place ("Mayor of Koszalin").
const PLACE_TITLES: &[&str] = &[
    "Mayor",
    "Governor",
    "Prefect",
    "Sheriff",
    "Bishop",
    "Archbishop",
    "Attorney",
];

/// Reads one run and records the names in it.
pub(super) fn analyse(r: &mut Reader<'_, '_>, run: Run) {
    let (p, lex) = (r.p, r.lex);
    if let Some(acronym) = run.acronym {
        let evidence = Evidence::of(EntityKind::Organization, EXPANSION);
        let before = r.out.len();
        name(r, (run.first, run.last), evidence);
        if let Some(raw) = r.out.get_mut(before) {
            raw.defines = Some(p.tokens[acronym].text.to_string());
        }
        return;
    }
    let last = run.last;
    if emit_known(r, (run.first, last), Evidence::default()) {
        return;
    }
    let (first, given) = strip_opener(p, strip_leading(p, run.first, last), last, lex);
    if first > last || titled(r, (first, last)) {
        return;
    }
    if let Some(start) = title_at_end(p, first, last, lex) {
        if start > first {
            affiliation(r, (first, start - 1), AFFILIATION_ORG);
        }
        return;
    }
    let first = split_prefix(r, first, last);
    name(r, (first, last), given);
}

/// Evidence for the body a title belongs to.
const AFFILIATION_ORG: (EntityKind, i32) = (EntityKind::Organization, AFFILIATION);

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
    if lex.is(List::Opener, word) && lex.known(word).is_none() {
        return (first + 1, Evidence::default());
    }
    let verb_form = word.chars().count() > 5 && word.ends_with("ing");
    if verb_form && lex.known(word).is_none() {
        return (first + 1, Evidence::default());
    }
    (first, Evidence::default())
}

/// Handles a run with a title before a name; returns whether it had one.
fn titled(r: &mut Reader<'_, '_>, (first, last): (usize, usize)) -> bool {
    let (p, lex) = (r.p, r.lex);
    let Some((title_start, mut title_end)) = find_title(p, first, last, lex) else {
        return false;
    };
    // "Sultan Velmar Grand Mosque": a building named after a titled person.
    let of_follows = p.tokens.get(title_end + 1).is_some_and(|t| t.text == "of");
    if !of_follows && p.is(last, List::PlaceWord) {
        return false;
    }
    // "Democrat Senator …": a title word that names a party.
    for i in title_start..=title_end {
        if let Some(Known::Entity(EntityKind::Organization, party)) = lex.known(p.tokens[i].text) {
            r.out
                .push(Raw::known(p, (i, i), EntityKind::Organization, party));
        }
    }
    if title_start > first {
        affiliation(r, (first, title_start - 1), AFFILIATION_ORG);
    }
    // "Mayor of Koszalin Piotr Jedlinski": what follows "of" is what the
    // title is of (one word when a name follows; all of it when it is an
    // institution or nothing follows). A portfolio ("Minister of
    // Information") is no entity.
    if p.tokens.get(title_end + 1).is_some_and(|t| t.text == "of") && title_end + 2 <= last {
        let of = title_end + 2;
        let institution = (of..=last).any(|i| p.is(i, List::OrgWord));
        let place = p.is(last, List::PlaceWord);
        let of_end = if institution || place || last - of < 2 {
            last
        } else {
            of
        };
        let title = p.slice(title_start, title_end);
        if PLACE_TITLES.iter().any(|t| title.ends_with(t)) {
            affiliation(r, (of, of_end), (EntityKind::Place, AFFILIATION));
        } else if !ends_with_portfolio_title(title) || institution {
            affiliation(r, (of, of_end), AFFILIATION_ORG);
        }
        title_end = of_end;
    }
    if title_end < last {
        let evidence = Evidence::of(EntityKind::Person, TITLE);
        name(r, (title_end + 1, last), evidence);
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
fn split_prefix(r: &mut Reader<'_, '_>, first: usize, last: usize) -> usize {
    let (p, lex) = (r.p, r.lex);
    if (first..=last).any(|i| p.is(i, List::OrgWord)) {
        return first;
    }
    let prefix_end = (first..last.min(first + 3))
        .rev()
        .find(|&end| lex.known(p.slice(first, end)).is_some());
    if let Some(end) = prefix_end {
        return match lex.known(p.slice(first, end)) {
            Some(Known::Entity(_, _)) if last - end >= 2 => {
                emit_known(r, (first, end), Evidence::default());
                end + 1
            }
            Some(Known::Demonym(_)) => end + 1,
            _ => first,
        };
    }
    let acronym = &p.tokens[first];
    if acronym.shape == Shape::Upper && acronym.text.chars().count() >= 3 && last - first >= 2 {
        affiliation(r, (first, first), AFFILIATION_ORG);
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
        // "Office of the High Commissioner for Refugees": a title inside an
        // institution's name, with no person after it.
        let inside_body = p.tokens.get(t + 1).is_some_and(|w| w.text == "for")
            && (first..start).any(|i| p.is(i, List::OrgWord));
        if inside_body {
            return None;
        }
        let rest_is_name = (t + 1..=last).all(|i| !p.is(i, List::OrgWord))
            && (t + 1..=last).any(|i| !p.is(i, List::Stop) && !p.is(i, List::Title));
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
        } else if p.is(i, List::TitleModifier)
            || (portfolio && p.tokens[i].shape == Shape::Capital && !is_known_end(p, first, i, lex))
        {
            chain_start = i;
        } else {
            break;
        }
    }
    chain_start
}

/// Titles whose capitalised words before them are a portfolio, not a body
/// ("Foreign Minister", "Trade Commissioner").
fn ends_with_portfolio_title(title: &str) -> bool {
    ["Minister", "Secretary", "Commissioner"]
        .iter()
        .any(|t| title.ends_with(t))
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
    r: &mut Reader<'_, '_>,
    (first, last): (usize, usize),
    (kind, points): (EntityKind, i32),
) {
    let (p, lex) = (r.p, r.lex);
    let first = strip_leading(p, first, last);
    if first > last {
        return;
    }
    if let Some(Known::Demonym(country)) = lex.known(p.slice(first, last)) {
        r.out
            .push(Raw::known(p, (first, last), EntityKind::Place, country));
        return;
    }
    name(r, (first, last), Evidence::of(kind, points));
}
