//! Weighing the words around a name: "leader Kim Jong Un" (a person), "in
//! Wonsan" (a place), "Gavi, the vaccine alliance" (an organisation),
//! "Russia’s Kursk region" (a place), "Barcelona coach Hansi Flick" (an
//! organisation before a role), "Kim was quoted as saying" (a speaker).
//! [`Reader`] carries one paragraph's reading state through the readers.

use super::mention::{AFFILIATION, Raw, TITLE};
use super::para::Para;
use crate::enrich::extract::candidate::{EntityKind, Evidence};
use crate::enrich::extract::lexicon::{Known, Lexicon, List};
use crate::enrich::tokens::Shape;

/// Reading one paragraph: its tokens, what is known, the previous name
/// (for coordination) and where mentions go.
pub(super) struct Reader<'r, 'a> {
    /// The paragraph.
    pub p: &'r Para<'a>,
    /// Gazetteers, word lists and corrections.
    pub lex: &'r Lexicon,
    /// The previous name read.
    pub memory: Memory,
    /// The mentions found so far.
    pub out: &'r mut Vec<Raw>,
}

/// What the context of one name says.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Found {
    /// Points per kind.
    pub evidence: Evidence,
    /// The strongest single clue, in points.
    pub strength: i32,
    /// Whether a verb of saying is attached to the name.
    pub speaks: bool,
    /// Whether the context rules out a person ("the …", ", which").
    pub not_person: bool,
}

impl Found {
    fn add(&mut self, kind: EntityKind, points: i32) {
        self.evidence.add(kind, points);
        self.strength = self.strength.max(points);
    }
}

/// The previous name of the paragraph, for coordination ("Pará and Mato
/// Grosso") and "from X to Y".
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Memory {
    last_end: Option<usize>,
    last_evidence: Evidence,
}

impl Memory {
    /// Remembers a name ending at token `end` with `evidence` from context.
    pub(super) fn remember(&mut self, end: usize, evidence: Evidence) {
        self.last_end = Some(end);
        self.last_evidence = evidence;
    }
}

/// Whether the demonym ending at token `end` names its country's side:
/// followed (within three words) by a noun such as "leader", "government"
/// or "state media".
pub(super) fn names_side(p: &Para<'_>, end: usize, lex: &Lexicon) -> bool {
    let mut i = end;
    for _ in 0..3 {
        if !p.spaced(i) || i + 1 >= p.tokens.len() {
            return false;
        }
        i += 1;
        let word = &p.tokens[i];
        if word.shape != Shape::Lower {
            return false;
        }
        let two = i + 1 < p.tokens.len() && p.spaced(i) && lex.is(List::Side, p.slice(i, i + 1));
        if lex.is(List::Side, word.text) || two {
            return true;
        }
    }
    false
}

/// Weighs the context of the name spanning `first..=last`.
pub(super) fn weigh(
    p: &Para<'_>,
    (first, last): (usize, usize),
    lex: &Lexicon,
    memory: &Memory,
) -> Found {
    let mut found = Found::default();
    let acronym = first == last && p.tokens[first].shape == Shape::Upper;
    before(p, first, lex, memory, acronym, &mut found);
    // "the film Harlow Nights", "the probe Zento": a product or a work.
    if first > 0 && p.tokens[first - 1].shape == Shape::Lower && p.is(first - 1, List::Product) {
        found.not_person = true;
    }
    // "the character of Lia Vance": a character is no person.
    if word_before(p, first, 1) == Some("of")
        && word_before(p, first, 2).is_some_and(|w| w.starts_with("character"))
    {
        found.not_person = true;
    }
    after(p, last, lex, &mut found);
    found
}

/// The lower-case word `back` tokens before `i`, joined to it by spaces.
fn word_before<'a>(p: &Para<'a>, i: usize, back: usize) -> Option<&'a str> {
    let at = i.checked_sub(back)?;
    (at..i).all(|k| p.spaced(k)).then(|| p.tokens[at].text)
}

fn before(
    p: &Para<'_>,
    first: usize,
    lex: &Lexicon,
    memory: &Memory,
    acronym: bool,
    found: &mut Found,
) {
    role_before_comma(p, first, lex, found);
    let Some(w1) = word_before(p, first, 1) else {
        return;
    };
    let w2 = word_before(p, first, 2).unwrap_or_default();
    let role_two = first >= 2 && lex.is(List::Role, p.slice(first - 2, first - 1));
    if w1 == "the" {
        found.not_person = true;
        if lex.is(List::Locative, w2) && !acronym {
            found.add(EntityKind::Place, 2);
        }
    } else if p.tokens[first - 1].shape == Shape::Lower && (lex.is(List::Role, w1) || role_two) {
        found.add(EntityKind::Person, TITLE);
    } else if lex.is(List::Locative, w1) && !acronym {
        found.add(EntityKind::Place, 2);
    } else if lex.is(List::OrgNoun, w1) {
        found.add(EntityKind::Organization, 3);
    }
    match (w2, w1) {
        (w2, "of") if lex.is(List::PlaceBefore, w2) => found.add(EntityKind::Place, 4),
        ("shares" | "Shares" | "stake" | "stakes", "of" | "in") => {
            found.add(EntityKind::Organization, 3)
        }
        (w2, "to") if lex.is(List::Motion, w2) => found.add(EntityKind::Place, 2),
        ("according", "to") => found.speaks = true,
        (_, "from") if from_to(p, first) => found.add(EntityKind::Place, 2),
        _ => {}
    }
    if lex.is(List::Speech, w1) {
        found.speaks = true;
    }
    // "X and Y": a name ended two tokens back (never true for a name at
    // the start, where there is neither that token nor a name).
    let coordinated = matches!(w1, "and" | "or")
        && first
            .checked_sub(2)
            .is_some_and(|end| memory.last_end == Some(end));
    let from_to_end = w1 == "to"
        && memory.last_end.is_some_and(|e| {
            e + 2 == first && word_before(p, e + 1 - name_len(p, e), 1) == Some("from")
        });
    if coordinated && !after_long_name(p, first - 2) {
        // "Pará and Mato Grosso" share a kind; "the University of Orsk and
        // Ana Ruiz" need not.
        for kind in [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ] {
            let points = points(memory.last_evidence, kind);
            if points > 0 {
                found.add(kind, points.min(4));
            }
        }
    } else if from_to_end {
        found.add(EntityKind::Place, 2);
    }
}

/// "Its emergency coordinator, Amadou Diallo, said": a role set off by a
/// comma right before the name.
fn role_before_comma(p: &Para<'_>, first: usize, lex: &Lexicon, found: &mut Found) {
    if first == 0 || p.gap(first - 1) != ", " || p.tokens[first - 1].shape != Shape::Lower {
        return;
    }
    let two =
        first >= 2 && p.spaced(first - 2) && lex.is(List::Role, p.slice(first - 2, first - 1));
    if two || p.is(first - 1, List::Role) {
        found.add(EntityKind::Person, 3);
    }
}

fn points(e: Evidence, kind: EntityKind) -> i32 {
    match kind {
        EntityKind::Person => e.person,
        EntityKind::Place => e.place,
        EntityKind::Organization => e.org,
    }
}

/// How many capitalised tokens end at `end` (the length of that name).
fn name_len(p: &Para<'_>, end: usize) -> usize {
    let mut n = 1;
    while n <= end && p.spaced(end - n) && p.tokens[end - n].is_capitalised() {
        n += 1;
    }
    n
}

/// Whether the name ending at token `end` has more than one word (its
/// words joined by spaces, or by "of"/"for" inside an institution's name).
fn after_long_name(p: &Para<'_>, end: usize) -> bool {
    let start = end + 1 - name_len(p, end);
    let inside = start >= 2
        && matches!(p.tokens[start - 1].text, "of" | "for" | "the")
        && p.tokens[start - 2].is_capitalised();
    start < end || inside
}

/// "from X to Y": the name at `first` is followed by "to" and a capital.
fn from_to(p: &Para<'_>, first: usize) -> bool {
    let mut i = first;
    while i + 1 < p.tokens.len() && p.spaced(i) && p.tokens[i + 1].is_capitalised() {
        i += 1;
    }
    i + 2 < p.tokens.len()
        && p.spaced(i)
        && p.tokens[i + 1].text == "to"
        && p.spaced(i + 1)
        && p.tokens[i + 2].is_capitalised()
}

fn after(p: &Para<'_>, last: usize, lex: &Lexicon, found: &mut Found) {
    let Some(next) = p.tokens.get(last + 1) else {
        return;
    };
    let gap = p.gap(last);
    if gap.starts_with(',') && gap.trim_start_matches(',').trim().is_empty() {
        return after_comma(p, last + 1, lex, found);
    }
    if gap != " " || next.shape != Shape::Lower {
        return;
    }
    let two = last + 2 < p.tokens.len() && p.spaced(last + 1);
    let role_end = if two && lex.is(List::Role, p.slice(last + 1, last + 2)) {
        Some(last + 2)
    } else if lex.is(List::Role, next.text) {
        Some(last + 1)
    } else {
        None
    };
    if lex.is(List::PlaceNoun, next.text) {
        found.add(EntityKind::Place, 3);
    } else if let Some(end) = role_end {
        let named = end + 1 < p.tokens.len() && p.spaced(end) && p.tokens[end + 1].is_capitalised();
        if named {
            found.add(EntityKind::Organization, AFFILIATION);
        }
    } else if next.text == "shares" {
        found.add(EntityKind::Organization, 3);
    } else if p.is(last + 1, List::PlatformAfter) {
        found.add(EntityKind::Organization, 2);
    } else if p.is(last + 1, List::Product) {
        // "the Zento telescope": a product or a work, or its maker.
        found.not_person = true;
    }
    let adverb = next.text.ends_with("ly")
        || matches!(
            next.text,
            "also" | "further" | "later" | "then" | "was" | "has" | "had" | "is"
        );
    let verb = if adverb && two { last + 2 } else { last + 1 };
    if p.is(verb, List::Speech) {
        found.speaks = true;
    }
}

/// What follows a comma after the name, from token `next`: ", who", ",
/// which", an apposition (", a spokesman") or a country (", Syria").
fn after_comma(p: &Para<'_>, next: usize, lex: &Lexicon, found: &mut Found) {
    const DETERMINERS: &[&str] = &["a", "an", "the", "its", "his", "her", "their", "our"];
    match p.tokens[next].text {
        "who" => found.add(EntityKind::Person, 3),
        "which" => {
            found.not_person = true;
            found.add(EntityKind::Organization, 1);
            found.add(EntityKind::Place, 1);
        }
        word if DETERMINERS.contains(&word) => apposition(p, next, lex, found),
        // "Aleppo, Syria", "Frederick, Maryland".
        _ if is_known_place(p, next, lex) => found.add(EntityKind::Place, 3),
        _ => {}
    }
}

/// Whether a known country, state or region starts at token `i` and ends
/// its clause.
fn is_known_place(p: &Para<'_>, i: usize, lex: &Lexicon) -> bool {
    (i..p.tokens.len().min(i + 3)).any(|end| {
        p.spaced_between(i, end)
            && !p.spaced(end)
            && matches!(
                lex.known(p.slice(i, end)),
                Some(Known::Entity(EntityKind::Place, _))
            )
    })
}

/// ", a fire service spokesman", ", the vaccine alliance", ", a market
/// town in Niger State": the head noun of the phrase (its last role,
/// organisation or place noun before a preposition) says the kind.
fn apposition(p: &Para<'_>, start: usize, lex: &Lexicon, found: &mut Found) {
    const ENDS: &[&str] = &[
        "of", "for", "at", "in", "on", "by", "to", "from", "with", "about", "who", "which", "that",
        "when", "where", "whose",
    ];
    let mut head = None;
    let mut i = start;
    while i < p.tokens.len() && i < start + 6 {
        let word = p.tokens[i].text;
        if ENDS.contains(&word) {
            break;
        }
        if p.tokens[i].shape == Shape::Lower {
            let two =
                i + 1 < p.tokens.len() && p.spaced(i) && lex.is(List::Role, p.slice(i, i + 1));
            if lex.is(List::Role, word) || two {
                head = Some(EntityKind::Person);
            } else if lex.is(List::OrgNoun, word) {
                head = Some(EntityKind::Organization);
            } else if lex.is(List::PlaceNoun, word) {
                head = Some(EntityKind::Place);
            }
        }
        if !p.spaced(i) {
            break;
        }
        i += 1;
    }
    if let Some(kind) = head {
        found.add(kind, 3);
    }
}
