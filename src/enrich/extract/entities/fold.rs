//! Grouping mentions into candidates and folding aliases within one
//! article: a surname alone goes to the full name it belongs to ("Lavrov" →
//! "Sergei Lavrov", "Kim" → "Kim Jong Un", "Von der Leyen" → "Ursula von der
//! Leyen"), the first word of an organisation to the organisation
//! ("Samsung" → "Samsung Electronics") and an acronym to the expansion it
//! was defined with ("KCNA" → "Korean Central News Agency"), a body named
//! without its qualifier to the full name ("… District Court" → "… District
//! Court for the Eastern District") and "U.S. X" to "United States X". Where
//! two full names share the surname, the one named last before wins.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    let takers = Takers::new(&targets);
    let folded: Vec<Option<String>> = (0..raws.len())
        .map(|i| fold_target(&raws, &targets, &takers, i, &acronyms))
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

/// The names that can take an alias (two words or more, not a place),
/// indexed by the aliases they take, each list in mention order: looking
/// up the nearest taker of a short name costs a few hash lookups and binary
/// searches, not a scan of every longer name (which made long articles
/// quadratic). Between them the lists hold exactly the names whose
/// [`Target::takes`] accepts the short name.
struct Takers {
    /// By a tail of the name (its first word lower-cased, as
    /// [`ends_with`] compares): every tail of persons and names of unknown
    /// kind, the tails of two words or more of organisations but for the
    /// place a body is of (the tail after "of", "for" or "de").
    by_tail: HashMap<String, Vec<usize>>,
    /// By the name's first word: every kind that takes an alias.
    by_first: HashMap<String, Vec<usize>>,
    /// By first and last word, for persons and names of unknown kind of
    /// three words or more ("Ada Lovelace" for "Ada Mae Lovelace") and for
    /// organisations with an "of" ("Velmar Oceanography" for "Velmar
    /// Institution of Oceanography").
    by_ends: HashMap<String, Vec<usize>>,
    /// By a whole short name: the name itself for names a generational
    /// suffix was cut from, and for organisations of the United States or
    /// Kingdom the name with it abbreviated ("U.S. Navy", "US Navy" for
    /// "United States Navy").
    by_whole: HashMap<String, Vec<usize>>,
    /// By the organisation's name before a qualifier ("Velmoran District
    /// Court" for "Velmoran District Court for the Eastern District"; see
    /// [`qualified_head`]).
    by_head: HashMap<String, Vec<usize>>,
    /// By the capitals of the name (see [`initials_of`]), for names that
    /// are not a person's: what an acronym may spell.
    by_initials: HashMap<String, Vec<usize>>,
}

/// The longest short name that is folded (see [`fold_target`]).
const MAX_ALIAS_WORDS: usize = 3;

impl Takers {
    fn new(targets: &[Target<'_>]) -> Takers {
        let mut takers = Takers {
            by_tail: HashMap::new(),
            by_first: HashMap::new(),
            by_ends: HashMap::new(),
            by_whole: HashMap::new(),
            by_head: HashMap::new(),
            by_initials: HashMap::new(),
        };
        for (j, target) in targets.iter().enumerate() {
            if target.words.len() >= 2 && target.kind != Some(EntityKind::Place) {
                takers.add(j, target);
            }
        }
        takers
    }

    fn add(&mut self, j: usize, target: &Target<'_>) {
        let words = &target.words;
        let push = |map: &mut HashMap<String, Vec<usize>>, key: String| {
            map.entry(key).or_default().push(j);
        };
        push(&mut self.by_first, words[0].to_string());
        if target.suffixed {
            push(&mut self.by_whole, words.join(" "));
        }
        let organization = target.kind == Some(EntityKind::Organization);
        if target.kind != Some(EntityKind::Person) {
            push(&mut self.by_initials, initials_of(words));
        }
        if words.len() > 2 && (!organization || words.contains(&"of")) {
            push(
                &mut self.by_ends,
                ends_key(words[0], words[words.len() - 1]),
            );
        }
        if organization {
            self.add_organization(j, words);
        }
        let shortest = if organization { 2 } else { 1 };
        for len in shortest..words.len() {
            let before = words[words.len() - len - 1];
            if organization && matches!(before, "of" | "for" | "de") {
                continue;
            }
            push(&mut self.by_tail, tail_key(&words[words.len() - len..]));
        }
    }

    /// Indexes the short names only an organisation takes: its name before
    /// a qualifier, and the United States or Kingdom abbreviated.
    fn add_organization(&mut self, j: usize, words: &[&str]) {
        for k in 2..words.len() {
            if matches!(words[k], "for" | "of" | "at" | "on") {
                let key = words[..k].join(" ");
                self.by_head.entry(key).or_default().push(j);
            }
        }
        let abbreviations: &[&str] = match words {
            ["United", "States", _, ..] => &["U.S.", "US"],
            ["United", "Kingdom", _, ..] => &["U.K.", "UK"],
            _ => &[],
        };
        for short in abbreviations {
            let key = format!("{short} {}", words[2..].join(" "));
            self.by_whole.entry(key).or_default().push(j);
        }
    }

    /// The first organisation in mention order named `short` and then a
    /// qualifier.
    fn qualified(&self, short: &[&str]) -> Option<usize> {
        self.by_head.get(&short.join(" "))?.first().copied()
    }

    /// The takers of `short`: lists, each in mention order.
    fn of(&self, short: &[&str]) -> [&[usize]; 5] {
        [
            list(
                &self.by_first,
                (short.len() == 1).then(|| short[0].to_string()),
            ),
            list(&self.by_tail, Some(tail_key(short))),
            list(
                &self.by_ends,
                (short.len() == 2).then(|| ends_key(short[0], short[1])),
            ),
            list(&self.by_whole, Some(short.join(" "))),
            list(&self.by_head, (short.len() >= 2).then(|| short.join(" "))),
        ]
    }

    /// The first name in mention order that is not a person's and whose
    /// capitals are `letters`.
    fn spelling(&self, letters: &str) -> Option<usize> {
        self.by_initials.get(letters)?.first().copied()
    }
}

/// The list `map` holds under `key`, empty when there is none or no key.
fn list(map: &HashMap<String, Vec<usize>>, key: Option<String>) -> &[usize] {
    key.and_then(|k| map.get(&k)).map_or(&[][..], Vec::as_slice)
}

/// A tail of a name as [`Takers`] indexes it: the first word lower-cased
/// character by character, as [`ends_with`] compares it.
fn tail_key(words: &[&str]) -> String {
    let mut key = String::new();
    for (k, word) in words.iter().enumerate() {
        if k == 0 {
            key.extend(word.chars().flat_map(char::to_lowercase));
        } else {
            key.push(' ');
            key.push_str(word);
        }
    }
    key
}

/// A name's first and last word as [`Takers`] indexes them.
fn ends_key(first: &str, last: &str) -> String {
    format!("{first} {last}")
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

/// The name mention `i` folds into, if it is an alias of another: an
/// acronym's expansion, else the nearest name before it that takes it,
/// else the nearest after.
fn fold_target(
    raws: &[Raw],
    targets: &[Target<'_>],
    takers: &Takers,
    i: usize,
    acronyms: &BTreeMap<String, String>,
) -> Option<String> {
    let raw = &raws[i];
    if raw.known.is_some() {
        return None;
    }
    if raw.words > MAX_ALIAS_WORDS {
        // Only a body named without its qualifier folds from this long.
        return takers
            .qualified(&targets[i].words)
            .map(|j| raws[j].name.clone());
    }
    if raw.acronym {
        if let Some(expansion) = acronyms.get(&raw.surface) {
            return Some(expansion.clone());
        }
        // An acronym of a longer name the article gives ("VCA" for "Velmar
        // Council of Arts"), without defining it in brackets.
        let letters: String = raw.surface.chars().filter(|c| c.is_alphabetic()).collect();
        if let Some(j) = takers.spelling(&letters) {
            return Some(raws[j].name.clone());
        }
    }
    let short = &targets[i].words;
    let lists = takers.of(short);
    let before = lists
        .iter()
        .filter_map(|list| list[..list.partition_point(|&j| j < i)].last())
        .max();
    let after = || {
        lists
            .iter()
            .filter_map(|list| list[list.partition_point(|&j| j <= i)..].first())
            .min()
    };
    let found = before.or_else(after).copied();
    debug_assert!(found.is_none_or(|j| targets[j].takes(short)));
    found.map(|j| raws[j].name.clone())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn target(name: &str, kind: Option<EntityKind>, suffixed: bool) -> Target<'_> {
        Target {
            words: name.split(' ').collect(),
            kind,
            suffixed,
        }
    }

    /// The index holds exactly the names `takes` accepts, and finds the
    /// same acronym spellings as a scan of every name.
    #[test]
    fn takers_hold_exactly_the_names_that_take_each_alias() {
        use EntityKind::{Organization as Org, Person, Place};
        let targets = vec![
            target("Ada Mae Lovelace", Some(Person), false),
            target("Tom Quill", Some(Person), true),
            target("Velmoran Supreme Court", Some(Org), false),
            target("Samsung Electronics", Some(Org), false),
            target("Ursula von der Leyen", None, false),
            target("Port Valdera", Some(Place), false),
            target("Velmar Council of Arts", None, false),
            target("Lovelace", Some(Person), false),
            target("Kim Jong Un", Some(Person), false),
            target("Velmar Institution of Oceanography", Some(Org), false),
            target("University of Nova Orsk", Some(Org), false),
            target(
                "Velmoran District Court for the Eastern District",
                Some(Org),
                false,
            ),
            target("United States Navy", Some(Org), false),
            target("United Kingdom Space Agency", Some(Org), false),
        ];
        let takers = Takers::new(&targets);
        let shorts = [
            "Lovelace",
            "Ada",
            "Ada Lovelace",
            "Mae Lovelace",
            "Tom Quill",
            "Quill",
            "Supreme Court",
            "Court",
            "Velmoran",
            "Samsung",
            "Electronics",
            "Von der Leyen",
            "von der Leyen",
            "Leyen",
            "Valdera",
            "Port",
            "Kim",
            "Un",
            "Jong Un",
            "Kim Un",
            "Arts",
            "Velmar Oceanography",
            "Oceanography",
            "Nova Orsk",
            "Orsk",
            "University",
            "Velmoran District Court",
            "Eastern District",
            "District Court",
            "U.S. Navy",
            "US Navy",
            "Navy",
            "UK Space Agency",
            "U.K. Space Agency",
            "University of Nova",
        ];
        for short in shorts {
            let short: Vec<&str> = short.split(' ').collect();
            let mut found: Vec<usize> = takers.of(&short).concat();
            found.sort_unstable();
            found.dedup();
            let expected: Vec<usize> = (0..targets.len())
                .filter(|&j| targets[j].words.len() >= 2 && targets[j].kind != Some(Place))
                .filter(|&j| targets[j].takes(&short))
                .collect();
            assert_eq!(found, expected, "{short:?}");
        }
        for letters in ["VCA", "SE", "VSC", "AML", "PV", "KJU"] {
            let scan = (0..targets.len()).find(|&j| {
                targets[j].words.len() >= 2
                    && !matches!(targets[j].kind, Some(Place | Person))
                    && initials_of(&targets[j].words) == letters
            });
            assert_eq!(takers.spelling(letters), scan, "{letters}");
        }
        // Longer than an alias: only a body named without its qualifier.
        let court = ["Velmoran", "District", "Court"];
        assert_eq!(takers.qualified(&court), Some(11));
        assert_eq!(takers.qualified(&["Velmar", "Institution"]), Some(9));
        assert_eq!(takers.qualified(&["Port", "Valdera"]), None);
    }
}
