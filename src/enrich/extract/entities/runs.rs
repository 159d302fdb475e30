//! Finding name-shaped runs of words: capitalised words side by side,
//! joined by particles ("Lula da Silva", "Ursula von der Leyen") and, inside
//! institutional names, by "of" and "for" ("Bank of Japan", "National
//! Institute for Space Research") and, after a committee-like head, by "on"
//! and "to" ("Council on Foreign Relations"). An acronym defined in
//! brackets marks its expansion as one run even across other small words
//! ("Board of Control for Cricket in India (BCCI)").

use super::para::Para;
use crate::enrich::extract::lexicon::{Lexicon, List};
use crate::enrich::tokens::Shape;

/// A run of tokens that may be a name, `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    /// Index of its first token.
    pub first: usize,
    /// Index of its last token.
    pub last: usize,
    /// For an acronym's expansion, the index of the acronym token.
    pub acronym: Option<usize>,
}

/// Words that let "of" or "for" join what follows into the name.
const OF_JOINERS: &[&str] = &[
    "Republic",
    "Kingdom",
    "Isle",
    "Isles",
    "Duchy",
    "Principality",
    "Commonwealth",
    "Emirate",
    "Gulf",
    "Bay",
    "Sea",
    "Strait",
    "Cape",
    "Lake",
    "Mount",
    "Secretary",
    "Statue",
    "House",
];

/// Heads of bodies named for a subject or an aim: "on" or "to" right after
/// one joins what follows into the name ("Committee on Ways and Means",
/// "Council on Foreign Relations", "Committee to Protect Journalists").
const ON_TO_HEADS: &[&str] = &[
    "Committee",
    "Subcommittee",
    "Council",
    "Commission",
    "Conference",
    "Panel",
    "Forum",
    "Campaign",
    "Coalition",
    "Alliance",
];

/// Small words allowed between the initials of an acronym's expansion.
const ACRONYM_FILLERS: &[&str] = &[
    "of", "for", "in", "and", "the", "de", "on", "du", "des", "la", "&", "et", "y", "und",
];

/// The name-shaped runs of a paragraph, in order.
pub(super) fn runs(p: &Para<'_>, lex: &Lexicon) -> Vec<Run> {
    let definitions = acronym_definitions(p);
    let mut runs = Vec::new();
    let mut next_definition = definitions.iter().peekable();
    let mut i = 0;
    while i < p.tokens.len() {
        while next_definition.peek().is_some_and(|d| d.first < i) {
            next_definition.next();
        }
        let limit = next_definition.peek().map_or(p.tokens.len(), |d| d.first);
        if let Some(definition) = next_definition.peek().filter(|d| d.first == i) {
            runs.push(**definition);
            i = definition.last + 1;
            continue;
        }
        if !p.tokens[i].is_capitalised() {
            i += 1;
            continue;
        }
        let last = extend(p, i, limit, lex);
        runs.push(Run {
            first: i,
            last,
            acronym: None,
        });
        i = last + 1;
    }
    runs
}

/// The last token of the run starting at `first`, stopping before `limit`.
fn extend(p: &Para<'_>, first: usize, limit: usize, lex: &Lexicon) -> usize {
    let mut j = first;
    loop {
        let next = j + 1;
        if let Some(end) = campus(p, first, j, limit, lex) {
            j = end;
            continue;
        }
        if next >= limit
            || !p.joined(j)
            || (p.tokens[j].possessive && !name_possessive(p, first, j))
        {
            return j;
        }
        let stop = |t: &str| lex.is(List::Stop, t) || lex.is(List::Time, t);
        if p.tokens[next].is_capitalised() {
            // "Washington, D.C. It was…": a function word starts anew; a
            // month after a given name is a surname ("Alice June").
            if stop(p.tokens[next].text) && !month_surname(p, j, next) {
                return j;
            }
            j = next;
            continue;
        }
        if let Some(end) = and_join(p, first, j, limit, lex) {
            j = end;
            continue;
        }
        let mut k = next;
        while k < limit && is_connector(p.tokens[k].text, lex) && p.spaced(k) {
            k += 1;
        }
        if k > next && k < limit && p.tokens[k].is_capitalised() && joins(p, first, j, k, lex) {
            j = k;
            continue;
        }
        return j;
    }
}

/// Words of a teaching body that may have campuses.
const SCHOOLS: &[&str] = &["University", "College", "Academy", "Institute"];

/// The end of a campus named after a teaching body's name ("University of
/// Velmora, Orsk", "the Velmar Naval Academy, Harwick", "University of
/// Velmora at Orsk"): one or two capitalised words after ", " or " at "
/// that the open data knows as a place and the hand-written gazetteers do
/// not (a country or a state says where the body is), not followed by
/// "and" or ", " and another place (a list of bodies or of places).
fn campus(p: &Para<'_>, first: usize, j: usize, limit: usize, lex: &Lexicon) -> Option<usize> {
    if p.tokens[j].possessive || j + 2 >= limit {
        return None;
    }
    // The cheap test first: this runs at every word of every run.
    let at = p.gap(j) == " " && p.tokens[j + 1].text == "at";
    let start = match p.gap(j) {
        ", " => j + 1,
        _ if at && p.spaced(j + 1) => j + 2,
        _ => return None,
    };
    if !(first..=j).any(|i| SCHOOLS.contains(&p.tokens[i].text)) {
        return None;
    }
    if start >= limit || p.tokens[start].shape != Shape::Capital || p.is(start, List::Stop) {
        return None;
    }
    let two = start + 1 < limit && p.spaced(start) && p.tokens[start + 1].shape == Shape::Capital;
    let end = if two && !p.tokens[start].possessive {
        start + 1
    } else {
        start
    };
    let name = p.slice(start, end);
    if lex.place(name).is_none() || lex.known(name).is_some() {
        return None;
    }
    let list = p.tokens.get(end + 1).is_some_and(|t| {
        matches!(t.text, "and" | "or")
            || (p.gap(end) == ", " && t.is_capitalised() && lex.place(t.text).is_some())
    });
    (!list).then_some(end)
}

/// Plural nouns whose possessive is part of a body's name ("the Farmers’
/// Union", "the Peoples’ Front").
const POSSESSORS: &[&str] = &[
    "People",
    "Peoples",
    "Women",
    "Men",
    "Children",
    "Workers",
    "Citizens",
    "Farmers",
    "Teachers",
    "Veterans",
    "Nurses",
    "Writers",
    "Journalists",
    "Students",
    "Parents",
    "Doctors",
    "Consumers",
    "Traders",
    "Employers",
    "Builders",
    "Miners",
    "Seamen",
    "Officers",
    "Pilots",
    "Taxpayers",
    "Ratepayers",
    "Fishermen",
    "Nations",
];

/// Whether the possessive at `j` belongs to the name and the run goes on
/// after it: a plural noun of a body's name ("People’s", "Workers’"), or
/// a saint's name ("St Anne’s Hospital").
fn name_possessive(p: &Para<'_>, first: usize, j: usize) -> bool {
    let saint = matches!(p.tokens[first].text, "St" | "St." | "Saint") && j <= first + 2;
    let next_capital = p.tokens.get(j + 1).is_some_and(|t| t.is_capitalised());
    next_capital && (saint || POSSESSORS.contains(&p.tokens[j].text))
}

/// Whether the month at `next` is a surname after the name word at `j`:
/// not after a weekday or a function word, not before a number ("Paris
/// May 5").
fn month_surname(p: &Para<'_>, j: usize, next: usize) -> bool {
    const MONTHS: &[&str] = &["May", "June", "April", "August", "March"];
    MONTHS.contains(&p.tokens[next].text)
        && p.tokens[j].shape == Shape::Capital
        && !p.is(j, List::Stop)
        && !p.is(j, List::Time)
        && !p.is(j, List::Title)
        && p.tokens
            .get(next + 1)
            .is_none_or(|t| t.shape != Shape::Number)
}

/// Organisation words that name a body on their own, so that one of them
/// before "and" is a name of its own ("the Army and Velmar Air Command");
/// the others only qualify a body ("Bonds and Trading Commission").
const BODIES: &[&str] = &[
    "Parliament",
    "Government",
    "Cabinet",
    "Army",
    "Navy",
    "Police",
    "Assembly",
    "Council",
    "Court",
    "Commons",
    "Lords",
    "Church",
    "Embassy",
    "Consulate",
    "Tribunal",
];

/// The end of a name that goes on over "and" ("Bonds and Trading
/// Commission", "Institute for Soil Metrics and Evaluation", "School of
/// Ocean and Polar Studies"): when the run so far is an institution's
/// name that "of" or "for" continued and one word, two words that do not
/// open with a given name, or words closed by an organisation word follow
/// "and"; or one word that is no body on its own before "and" with an
/// organisation word closing the (at most three) words after it. A known
/// name after "and" is a name of its own.
fn and_join(p: &Para<'_>, first: usize, j: usize, limit: usize, lex: &Lexicon) -> Option<usize> {
    let and = j + 1;
    if p.tokens.get(and)?.text != "and" || !p.spaced(and) || and + 1 >= limit {
        return None;
    }
    let mut end = and + 1;
    if !p.tokens[end].is_capitalised() || p.is(end, List::Stop) {
        return None;
    }
    while end + 1 < limit && p.joined(end) && p.tokens[end + 1].is_capitalised() {
        end += 1;
    }
    let after_known =
        lex.known(p.slice(and + 1, end)).is_some() || lex.known(p.tokens[and + 1].text).is_some();
    // The words after the institution's last "of"/"for" ("Marine" in
    // "School of Marine"): no known name of their own ("Bank of Japan").
    let of_part = (first..j)
        .rev()
        .find(|&i| matches!(p.tokens[i].text, "of" | "for" | "on" | "to"))
        .filter(|&i| (first..i).any(|k| p.is(k, List::OrgWord)));
    let continued = of_part.is_some_and(|i| lex.known(p.slice(i + 1, j)).is_none());
    // An acronym on either side is a name of its own ("the BBC and Sky News").
    let acronym = p.tokens[j].shape == Shape::Upper || p.tokens[and + 1].shape == Shape::Upper;
    let one_word = !acronym && (j == first || (j == first + 1 && p.is(first, List::Stop)));
    let body = BODIES.contains(&p.tokens[j].text);
    let short_before =
        one_word && end - and <= 3 && !body && lex.known(p.slice(first, j)).is_none();
    let closes = p.is(end, List::OrgWord) && !p.tokens[end].possessive;
    // "… of Ocean and Polar Studies", not "… of Velmora and Ana Ruiz".
    let person_after = lex
        .given_name(p.tokens[and + 1].text)
        .is_some_and(|g| !g.ordinary_word);
    // Nor "… of Bristol and UC Davis": a place ends the first name.
    let of_place = of_part.is_some_and(|i| {
        lex.place(p.slice(i + 1, j))
            .is_some_and(|place| !place.ordinary_word)
    });
    // One word after "of" and nothing in the new words that makes them a
    // name of their own ("… of Soft Rocks and Gazeta Velmorska").
    let one_word_of = of_part == Some(j.saturating_sub(1));
    let cue = (and + 1..=end).any(|i| p.is(i, List::OrgWord) || p.is(i, List::OrgFirst));
    let two_words = end == and + 2
        && one_word_of
        && !cue
        && !person_after
        && !of_place
        && (and + 1..=end).all(|i| p.tokens[i].shape == Shape::Capital)
        && !p.tokens[end].possessive;
    let joins = (continued && (closes || end == and + 1 || two_words)) || (short_before && closes);
    (joins && !after_known).then_some(end)
}

fn is_connector(word: &str, lex: &Lexicon) -> bool {
    matches!(word, "of" | "for" | "the" | "on" | "to") || lex.is(List::Connector, word)
}

/// Whether "on" or "to" at `j + 1` joins a body's head at `j` to the
/// capitalised word at `k` that names its subject or aim, which is no day,
/// month or function word ("the Council on Tuesday") and, after "to", no
/// known place ("the Commission to Brussels").
fn subject_joins(p: &Para<'_>, j: usize, k: usize, lex: &Lexicon) -> bool {
    ON_TO_HEADS.contains(&p.tokens[j].text)
        && !p.is(k, List::Stop)
        && !p.is(k, List::Time)
        && (p.tokens[j + 1].text == "on" || lex.place(p.tokens[k].text).is_none())
}

/// Whether the small words between token `j` and token `k` join them.
fn joins(p: &Para<'_>, first: usize, j: usize, k: usize, lex: &Lexicon) -> bool {
    let words: Vec<&str> = p.tokens[j + 1..k].iter().map(|t| t.text).collect();
    if p.is(j, List::Stop) || p.is(j, List::Time) {
        return false;
    }
    match words.as_slice() {
        ["on"] | ["to"] => subject_joins(p, j, k, lex),
        // "Mayor of Koszalin Piotr Jedlinski", "Minister of Information".
        ["of"] if p.is(j, List::Title) => true,
        ["of"] | ["of", "the"] | ["for"] | ["for", "the"] => p.tokens[first..=j]
            .iter()
            .any(|t| lex.is(List::OrgWord, t.text) || OF_JOINERS.contains(&t.text)),
        particles => particles
            .iter()
            .all(|w| !matches!(*w, "of" | "for" | "the" | "on" | "to")),
    }
}

/// Expansions of acronyms defined as "Full Name (ACRONYM)".
fn acronym_definitions(p: &Para<'_>) -> Vec<Run> {
    let mut found = Vec::new();
    for k in 1..p.tokens.len() {
        let token = &p.tokens[k];
        if token.shape != Shape::Upper || p.gap(k - 1) != " (" || !p.gap(k).starts_with(')') {
            continue;
        }
        let letters: Vec<char> = token.text.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 {
            continue;
        }
        let first = match_initials(p, k, &letters).or_else(|| preceding_name(p, k - 1));
        if let Some(first) = first {
            found.push(Run {
                first,
                last: k - 1,
                acronym: Some(k),
            });
        }
    }
    found
}

/// The first token of an expansion whose initials spell `letters`, read
/// backwards from the acronym at `k`.
fn match_initials(p: &Para<'_>, k: usize, letters: &[char]) -> Option<usize> {
    let mut remaining = letters.len();
    let mut m = k.checked_sub(1)?;
    loop {
        if m + 1 < k && !p.joined(m) {
            return None;
        }
        let token = &p.tokens[m];
        let initial = token.text.chars().next()?;
        if token.is_capitalised()
            && initial
                .to_uppercase()
                .eq(letters[remaining - 1].to_uppercase())
        {
            remaining -= 1;
            if remaining == 0 {
                return Some(m);
            }
        } else if !ACRONYM_FILLERS.contains(&token.text) {
            return None;
        }
        m = m.checked_sub(1)?;
    }
}

/// The start of the capitalised name (two words or more) ending at `end`.
fn preceding_name(p: &Para<'_>, end: usize) -> Option<usize> {
    let mut first = end;
    let mut capitals = usize::from(p.tokens[end].is_capitalised());
    if capitals == 0 {
        return None;
    }
    while first > 0 && p.joined(first - 1) {
        let before = &p.tokens[first - 1];
        if before.is_capitalised() {
            capitals += 1;
        } else if !ACRONYM_FILLERS.contains(&before.text) {
            break;
        }
        first -= 1;
    }
    while !p.tokens[first].is_capitalised() {
        first += 1;
    }
    (capitals >= 2).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::super::Para;
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let p = Para::new(0, text);
        runs(&p, Lexicon::builtin())
            .iter()
            .map(|r| p.slice(r.first, r.last).to_string())
            .collect()
    }

    #[test]
    fn capitalised_words_and_particles_make_runs() {
        assert_eq!(
            names("President Luiz Inácio Lula da Silva met Ursula von der Leyen in Brussels."),
            [
                "President Luiz Inácio Lula da Silva",
                "Ursula von der Leyen",
                "Brussels"
            ]
        );
    }

    #[test]
    fn of_joins_only_inside_institutional_names() {
        assert_eq!(
            names(
                "The Bank of Japan and Aryna Sabalenka of Belarus met the University of Washington."
            ),
            [
                "The Bank of Japan",
                "Aryna Sabalenka",
                "Belarus",
                "University of Washington"
            ]
        );
    }

    #[test]
    fn on_and_to_join_a_body_to_its_subject_or_aim() {
        assert_eq!(
            names(
                "The Velmar Committee on Roads and Means met the Council on Coastal Affairs \
                 and the Committee to Protect Beekeepers."
            ),
            [
                "The Velmar Committee on Roads and Means",
                "Council on Coastal Affairs",
                "Committee to Protect Beekeepers"
            ]
        );
        // Not a day, a place after "to", or a head that names no body.
        assert_eq!(
            names(
                "The Council on Tuesday sent the Commission to Brussels; Ana Ruiz on Radio Orsk."
            ),
            [
                "The Council",
                "Tuesday",
                "Commission",
                "Brussels",
                "Ana Ruiz",
                "Radio Orsk"
            ]
        );
    }

    #[test]
    fn punctuation_and_possessives_end_runs() {
        assert_eq!(
            names("Kim, Lavrov’s aide and Russia–North Korea ties."),
            ["Kim", "Lavrov", "Russia", "North Korea"]
        );
    }

    #[test]
    fn institutional_names_go_on_over_and() {
        assert_eq!(
            names(
                "The Bonds and Trading Commission fined the Velmar Institute for Soil Metrics and Evaluation."
            ),
            [
                "The Bonds and Trading Commission",
                "Velmar Institute for Soil Metrics and Evaluation"
            ]
        );
        // An organisation word that only qualifies the body, and two
        // plain words after an institution's "of … and".
        assert_eq!(
            names(
                "The Bonds and Exchange Commission met the Velmar School of Ocean and Polar Studies."
            ),
            [
                "The Bonds and Exchange Commission",
                "Velmar School of Ocean and Polar Studies"
            ]
        );
        // Two names side by side stay two: a body on its own, known
        // names, people, and a company after a known name.
        assert_eq!(
            names("The Army and Velmar Air Command met the School of Orsk and Ana Ruiz."),
            [
                "The Army",
                "Velmar Air Command",
                "School of Orsk",
                "Ana Ruiz"
            ]
        );
        assert_eq!(
            names("The Journal of Soft Rocks and Gazeta Velmorska agreed."),
            ["The Journal of Soft Rocks", "Gazeta Velmorska"]
        );
        assert_eq!(
            names(
                "Russia and China met. Anna Berg and Tom Lind spoke. Japan and Quillon Holdings agreed."
            ),
            [
                "Russia",
                "China",
                "Anna Berg",
                "Tom Lind",
                "Japan",
                "Quillon Holdings"
            ]
        );
        assert_eq!(
            names(
                "Velmar University and Harwick Bank, the University of Orsk and Ana Ruiz of Zeta Labs, and KQRT and Velmar Radio"
            ),
            [
                "Velmar University",
                "Harwick Bank",
                "University of Orsk",
                "Ana Ruiz",
                "Zeta Labs",
                "KQRT",
                "Velmar Radio"
            ]
        );
    }

    #[test]
    fn a_campus_stays_with_its_teaching_body() {
        assert_eq!(
            names(
                "Staff of the University of Velmora, Los Angeles, Tomasz said it. The Naval Academy, Sandhurst agreed, as did the University of Velmora at Boulder."
            ),
            [
                "Staff",
                "University of Velmora, Los Angeles",
                "Tomasz",
                "The Naval Academy, Sandhurst",
                "University of Velmora at Boulder"
            ]
        );
        // A country, a list of places, a list of bodies.
        assert_eq!(
            names(
                "The University of Orsk, Japan, and the University of Velmora, Boulder, Denver and Reno, and the College of Harwick, Sandhurst and Orsk"
            ),
            [
                "The University of Orsk",
                "Japan",
                "University of Velmora",
                "Boulder",
                "Denver",
                "Reno",
                "College of Harwick",
                "Sandhurst",
                "Orsk"
            ]
        );
    }

    #[test]
    fn a_plural_noun_or_a_saint_possessive_stays_in_the_name() {
        assert_eq!(
            names("The Velmar People’s Party and St Anne’s Hospital met Russia’s Ivan Petrov."),
            [
                "The Velmar People’s Party",
                "St Anne’s Hospital",
                "Russia",
                "Ivan Petrov"
            ]
        );
    }

    #[test]
    fn middle_initials_and_month_surnames_stay_in_the_name() {
        assert_eq!(
            names("Judge Harold T. Brennan met Alice June and Brian March on Friday May 5."),
            [
                "Judge Harold T. Brennan",
                "Alice June",
                "Brian March",
                "Friday",
                "May"
            ]
        );
    }

    #[test]
    fn acronym_expansions_are_one_run() {
        assert_eq!(
            names("The Board of Control for Cricket in India (BCCI) said."),
            ["The", "Board of Control for Cricket in India", "BCCI"]
        );
        assert_eq!(
            names("the National Institute for Space Research (INPE) said"),
            ["National Institute for Space Research", "INPE"]
        );
        assert_eq!(
            names("the Women’s Tennis Association (WTA) said"),
            ["Women’s Tennis Association", "WTA"]
        );
    }
}
