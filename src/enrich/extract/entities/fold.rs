//! Grouping mentions into candidates and folding aliases within one
//! article: a surname alone goes to the full name it belongs to ("Lavrov" →
//! "Sergei Lavrov", "Kim" → "Kim Jong Un", "Von der Leyen" → "Ursula von der
//! Leyen"), the first word of an organisation to the organisation
//! ("Samsung" → "Samsung Electronics") and an acronym to the expansion it
//! was defined with ("KCNA" → "Korean Central News Agency"), a body named
//! without its qualifier to the full name ("… District Court" → "… District
//! Court for the Eastern District") and "U.S. X" to "United States X". Where
//! two full names share the surname, the one named last before wins.

use std::collections::{BTreeMap, BTreeSet};

use super::mention::{Mention, Raw};
use crate::enrich::extract::candidate::{Candidate, Certainty, EntityKind, Evidence};

/// Groups `raws` into candidates (in order of first mention) and returns
/// every mention with its candidate.
pub(super) fn group(mut raws: Vec<Raw>) -> (Vec<Candidate>, Vec<Mention>) {
    let order = |a: &Raw, b: &Raw| {
        (a.paragraph, a.start, b.end, &a.surface).cmp(&(b.paragraph, b.start, a.end, &b.surface))
    };
    if !raws.is_sorted_by(|a, b| order(a, b).is_le()) {
        raws.sort_by(order);
    }
    let acronyms: BTreeMap<String, String> = raws
        .iter()
        .filter_map(|r| r.defines.clone().map(|a| (a, r.name.clone())))
        .collect();
    let targets: Vec<Target<'_>> = raws.iter().map(Target::new).collect();
    // Only names of two words or more can take an alias.
    let longer: Vec<usize> = (0..raws.len())
        .filter(|&j| targets[j].words.len() > 1 && targets[j].kind != Some(EntityKind::Place))
        .collect();
    let folded: Vec<Option<String>> = (0..raws.len())
        .map(|i| fold_target(&raws, &targets, &longer, i, &acronyms))
        .collect();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut mentions = Vec::with_capacity(raws.len());
    for (raw, target) in raws.iter().zip(folded) {
        let is_folded = target.is_some();
        let name = target.unwrap_or_else(|| raw.name.clone());
        let at = *index.entry(name.clone()).or_insert_with(|| {
            groups.push(Group::new(name, raw));
            groups.len() - 1
        });
        groups[at].add(raw, is_folded);
        mentions.push(Mention {
            paragraph: raw.paragraph,
            start: raw.start,
            end: raw.end,
            candidate: at,
        });
    }
    (groups.into_iter().map(Group::finish).collect(), mentions)
}

/// The name mention `i` folds into, if it is an alias of another.
/// A mention as a possible fold target: its name's words and likely kind.
struct Target<'a> {
    words: Vec<&'a str>,
    kind: Option<EntityKind>,
    /// Whether a generational suffix ("Jr") was cut off the words.
    suffixed: bool,
}

impl<'a> Target<'a> {
    fn new(raw: &'a Raw) -> Target<'a> {
        let mut evidence = raw.shape;
        evidence.merge(raw.context);
        let mut words: Vec<&str> = raw.name.split_whitespace().collect();
        // "Ada Mae Lovelace Jr": the surname is the word before the suffix.
        const SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];
        let suffixed = words.len() > 2 && words.last().is_some_and(|w| SUFFIXES.contains(w));
        if suffixed {
            words.pop();
        }
        Target {
            words,
            kind: raw.known.or_else(|| evidence.kind()),
            suffixed,
        }
    }

    /// Whether `short` can stand for this name: a surname ends a person's
    /// name, and the first and last names stand for a name with a middle
    /// one ("Ada Lovelace" for "Ada Mae Lovelace"); an organisation is
    /// shortened to its first word ("Samsung"), to its last words without
    /// the place or body before them ("Supreme Court" for "Velmoran Supreme
    /// Court") or to its first and last words around an "of"; a place is
    /// not shortened.
    fn takes(&self, short: &[&str]) -> bool {
        let full = &self.words;
        if self.suffixed && full.as_slice() == short {
            return true;
        }
        if full.len() <= short.len() {
            return false;
        }
        let first_word = short.len() == 1 && full[0] == short[0];
        match self.kind {
            Some(EntityKind::Place) => false,
            Some(EntityKind::Organization) => {
                // "Velmar Oceanography" for "Velmar Institution of
                // Oceanography": the body word and its "of" left out.
                let outer = short.len() == 2
                    && full.contains(&"of")
                    && full[0] == short[0]
                    && full.last() == short.last();
                // Not the place a body is of ("Velmora" of "University of
                // Velmora").
                let of_place = full
                    .len()
                    .checked_sub(short.len() + 1)
                    .is_some_and(|k| matches!(full[k], "of" | "for" | "de"));
                first_word
                    || outer
                    || (short.len() >= 2 && !of_place && ends_with(full, short))
                    || qualified_head(full, short)
                    || state_abbreviated(full, short)
            }
            _ => {
                let outer = short.len() == 2 && full[0] == short[0] && full.last() == short.last();
                first_word || outer || ends_with(full, short)
            }
        }
    }
}

/// Whether `short` is a body's name that `full` goes on after with "for",
/// "of", "at" or "on" ("Velmoran District Court" for "Velmoran District
/// Court for the Eastern District", "University of Orsk" for "University of
/// Orsk at Harwick"): the same body, named without its qualifier.
fn qualified_head(full: &[&str], short: &[&str]) -> bool {
    short.len() >= 2
        && full.starts_with(short)
        && matches!(full[short.len()], "for" | "of" | "at" | "on")
}

/// Whether `short` is `full` with "United States" or "United Kingdom"
/// written as its abbreviation ("U.S. Navy" for "United States Navy").
fn state_abbreviated(full: &[&str], short: &[&str]) -> bool {
    let state = match short.first() {
        Some(&"U.S." | &"US") => ["United", "States"],
        Some(&"U.K." | &"UK") => ["United", "Kingdom"],
        _ => return false,
    };
    short.len() >= 2
        && full.len() == short.len() + 1
        && full.starts_with(&state)
        && full[2..] == short[1..]
}

fn fold_target(
    raws: &[Raw],
    targets: &[Target<'_>],
    longer: &[usize],
    i: usize,
    acronyms: &BTreeMap<String, String>,
) -> Option<String> {
    let raw = &raws[i];
    if raw.known.is_some() {
        return None;
    }
    if raw.words > 3 {
        // Only a body named without its qualifier folds from this long.
        let short = &targets[i].words;
        return longer
            .iter()
            .find(|&&j| {
                targets[j].kind == Some(EntityKind::Organization)
                    && targets[j].words.len() > short.len()
                    && qualified_head(&targets[j].words, short)
            })
            .map(|&j| raws[j].name.clone());
    }
    if raw.acronym {
        if let Some(expansion) = acronyms.get(&raw.surface) {
            return Some(expansion.clone());
        }
        // An acronym of a longer name the article gives ("VCA" for "Velmar
        // Council of Arts"), without defining it in brackets.
        let letters: String = raw.surface.chars().filter(|c| c.is_alphabetic()).collect();
        let spelt = longer.iter().find(|&&j| {
            targets[j].kind != Some(EntityKind::Person) && initials_of(&targets[j].words) == letters
        });
        if let Some(&j) = spelt {
            return Some(raws[j].name.clone());
        }
    }
    let short = &targets[i].words;
    let split = longer.partition_point(|&j| j < i);
    let before = longer[..split]
        .iter()
        .rev()
        .find(|&&j| targets[j].takes(short));
    let after = || {
        longer[split..]
            .iter()
            .find(|&&j| j != i && targets[j].takes(short))
    };
    before.or_else(after).map(|&j| raws[j].name.clone())
}

/// The capitals a name's acronym spells: the first letter of each
/// capitalised word and of each capitalised part of a hyphenated word
/// ("Ex-Members" gives "EM"); small words are skipped.
fn initials_of(words: &[&str]) -> String {
    words
        .iter()
        .flat_map(|w| w.split('-'))
        .filter_map(|part| part.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether `full` ends with `tail`, ignoring the case of the tail's first
/// letter ("Von der Leyen").
fn ends_with(full: &[&str], tail: &[&str]) -> bool {
    let offset = full.len() - tail.len();
    tail.iter().enumerate().all(|(k, word)| {
        let other = full[offset + k];
        if k == 0 {
            // Compared without allocating: this runs for every pair of
            // names in a story.
            other.len() == word.len()
                && other
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(word.chars().flat_map(char::to_lowercase))
        } else {
            other == *word
        }
    })
}

/// A candidate being built.
struct Group {
    candidate: Candidate,
    strength: i32,
    all_initial: bool,
    has_alias: bool,
    acronym: bool,
}

impl Group {
    fn new(name: String, first: &Raw) -> Group {
        Group {
            candidate: Candidate {
                name,
                aliases: BTreeSet::new(),
                mentions: 0,
                first: (to_u32(first.paragraph), to_u32(first.start)),
                evidence: Evidence::default(),
                known: None,
                certainty: Certainty::Sure,
                opens_sentence: true,
            },
            strength: 0,
            all_initial: true,
            has_alias: false,
            acronym: false,
        }
    }

    fn add(&mut self, raw: &Raw, folded: bool) {
        let c = &mut self.candidate;
        c.mentions += 1;
        if raw.surface != c.name {
            c.aliases.insert(raw.surface.clone());
        }
        // A folded alias adds its mention, not its context: "in Kelly's
        // case" says nothing about Bridget Anne Kelly.
        if !folded {
            c.evidence.merge(raw.context);
            c.evidence.merge(raw.shape);
            if raw.speaks {
                let person_like = raw.words >= 2 && raw.shape.person > 0;
                let kind = if person_like {
                    EntityKind::Person
                } else {
                    EntityKind::Organization
                };
                c.evidence.add(kind, 1);
            }
        }
        c.known = c.known.or(raw.known);
        if !folded && raw.words >= 2 {
            c.opens_sentence &= raw.sentence_initial;
        }
        self.strength = self.strength.max(raw.strength);
        self.all_initial &= raw.sentence_initial;
        self.has_alias |= folded;
        self.acronym |= raw.acronym;
    }

    fn finish(self) -> Candidate {
        let mut c = self.candidate;
        c.opens_sentence &= c.name.contains(' ');
        let sure = c.known.is_some()
            || c.name.split_whitespace().count() >= 2
            || self.acronym
            || self.has_alias
            || self.strength >= 2;
        c.certainty = match (sure, self.all_initial) {
            (true, _) => Certainty::Sure,
            (false, false) => Certainty::Unsure,
            (false, true) => Certainty::SentenceInitial,
        };
        c
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
