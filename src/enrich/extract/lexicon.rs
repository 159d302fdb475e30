//! What the extractors know before reading a word: small gazetteers and word
//! lists compiled into the binary (`src/enrich/extract/data/`), plus a site's own
//! corrections.
//!
//! The data files are plain text so they are easy to review and extend:
//! `countries.txt` (countries with other names, demonyms and capitals),
//! `places.txt` (continents, seas, regions, planets), `organizations.txt`
//! (bodies known without context) and `words.txt` (titles, roles, function
//! words and the cue words the rules use). They are parsed once, on first
//! use. Lookups borrow the text being read and never allocate.
//!
//! The open data of [`gazetteer`] (GeoNames places with
//! coordinates, given names, surnames) is offered here too, as evidence:
//! [`Lexicon::places`], [`Lexicon::given_name`], [`Lexicon::surname`], and
//! [`Lexicon::coords`] for where a place entity goes on a map.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::candidate::EntityKind;
use super::gazetteer::{self, Coords, GivenName, Place, Surname};
use super::hash::FnvBuild;
use crate::config::corrections::EntityCorrections;

/// What a gazetteer knows about a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known<'a> {
    /// An entity of this kind with this canonical name.
    Entity(EntityKind, &'a str),
    /// A demonym ("North Korean") of this place.
    Demonym(&'a str),
}

/// The word lists of `words.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// Function words and others capitalised only at a sentence start.
    Stop,
    /// Days and months.
    Time,
    /// Capitalised words that are no name on their own.
    Generic,
    /// Lower-case particles inside names ("da", "von", "bin").
    Connector,
    /// Capitalised titles before a name.
    Title,
    /// Words qualifying a title ("Deputy").
    TitleModifier,
    /// Lower-case nouns for what a person is ("coach", "spokesman").
    Role,
    /// Nouns after a demonym that make it the country's side.
    Side,
    /// Lower-case nouns marking a place ("region", "town").
    PlaceNoun,
    /// Lower-case nouns before "of" marking a place ("city of").
    PlaceBefore,
    /// Lower-case nouns marking an organisation ("company").
    OrgNoun,
    /// Capitalised words making a name an organisation ("Agency").
    OrgWord,
    /// Capitalised words making a name a place ("River").
    PlaceWord,
    /// Words making a name an event or a law ("Cup", "Act").
    EventWord,
    /// First words a person's name never has ("Federal", "El").
    NotPersonFirst,
    /// First words making a name an organisation ("Real", "Sporting").
    OrgFirst,
    /// Last words making a name an organisation ("United", "Rovers").
    OrgLast,
    /// Words opening a sentence before a name, not part of it ("Rival").
    Opener,
    /// Lower-case nouns after a name making it a platform ("account").
    PlatformAfter,
    /// Lower-case nouns for products and works ("telescope", "film").
    Product,
    /// Prepositions before places ("in", "near").
    Locative,
    /// Words before "to" that make what follows a place ("flew").
    Motion,
    /// Verbs of saying ("said", "told").
    Speech,
}

impl List {
    /// This list's bit in a set of lists.
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// The lists `word` (or phrase) is in, one bit per list. A contraction of a
/// function word ("I’m", "It's") counts as a function word.
pub fn word_lists(word: &str) -> u32 {
    let lists = BUILTIN.lists.get(word).copied().unwrap_or(0);
    if lists != 0 {
        return lists;
    }
    // '’' starts with the byte 0xE2: most words have neither apostrophe.
    if !word.bytes().any(|b| b == b'\'' || b == 0xE2) {
        return 0;
    }
    let apostrophe = word.find('\'').or_else(|| word.find('’'));
    match apostrophe {
        Some(at) => BUILTIN.lists.get(&word[..at]).copied().unwrap_or(0) & List::Stop.bit(),
        None => 0,
    }
}

const LISTS: &[(&str, List)] = &[
    ("stop", List::Stop),
    ("time", List::Time),
    ("generic", List::Generic),
    ("connector", List::Connector),
    ("title", List::Title),
    ("title-modifier", List::TitleModifier),
    ("role", List::Role),
    ("side", List::Side),
    ("place-noun", List::PlaceNoun),
    ("place-before", List::PlaceBefore),
    ("org-noun", List::OrgNoun),
    ("org-word", List::OrgWord),
    ("place-word", List::PlaceWord),
    ("event-word", List::EventWord),
    ("not-person-first", List::NotPersonFirst),
    ("org-first", List::OrgFirst),
    ("org-last", List::OrgLast),
    ("opener", List::Opener),
    ("platform-after", List::PlatformAfter),
    ("product", List::Product),
    ("locative", List::Locative),
    ("motion", List::Motion),
    ("speech", List::Speech),
];

const COUNTRIES: &str = include_str!("data/countries.txt");
const PLACES: &str = include_str!("data/places.txt");
const ORGANIZATIONS: &str = include_str!("data/organizations.txt");
const WORDS: &str = include_str!("data/words.txt");

/// The compiled-in gazetteers and word lists.
struct Builtin {
    names: HashMap<&'static str, Known<'static>, FnvBuild>,
    /// Every list entry with the lists it is in, one bit per list.
    lists: HashMap<&'static str, u32, FnvBuild>,
    /// The longest list entry or gazetteer name, in words.
    max_words: usize,
}

static BUILTIN: LazyLock<Builtin> = LazyLock::new(Builtin::load);

/// Data lines: `#` comments and blank lines dropped.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The `;`-separated values of a field.
fn values(field: &'static str) -> impl Iterator<Item = &'static str> {
    field.split(';').map(str::trim).filter(|v| !v.is_empty())
}

impl Builtin {
    fn load() -> Builtin {
        let names = Builtin::names();
        let lists = Builtin::lists();
        let max_words = names
            .keys()
            .copied()
            .chain(lists.keys().copied())
            .map(|n| n.split_whitespace().count())
            .max()
            .unwrap_or(1);
        Builtin {
            names,
            lists,
            max_words,
        }
    }

    /// The gazetteers: every name, other name, capital and demonym.
    fn names() -> HashMap<&'static str, Known<'static>, FnvBuild> {
        let mut names = HashMap::default();
        let place = |n| Known::Entity(EntityKind::Place, n);
        // Capitals and demonyms first, so a country of the same name wins.
        for line in data_lines(COUNTRIES).chain(data_lines(PLACES)) {
            let fields: Vec<&str> = line.split('|').collect();
            let name = fields.first().copied().unwrap_or_default().trim();
            for capital in fields.get(3).copied().map(values).into_iter().flatten() {
                names.insert(capital, place(capital));
            }
            for demonym in fields.get(2).copied().map(values).into_iter().flatten() {
                names.entry(demonym).or_insert(Known::Demonym(name));
            }
        }
        let bodies = data_lines(ORGANIZATIONS).map(|l| (l, EntityKind::Organization));
        let places = data_lines(COUNTRIES)
            .chain(data_lines(PLACES))
            .map(|l| (l, EntityKind::Place));
        for (line, kind) in places.chain(bodies) {
            let mut fields = line.split('|');
            let name = fields.next().unwrap_or_default().trim();
            names.insert(name, Known::Entity(kind, name));
            for other in fields.next().map(values).into_iter().flatten() {
                names.insert(other, Known::Entity(kind, name));
            }
        }
        names
    }

    /// The word lists of `words.txt`, by list.
    fn lists() -> HashMap<&'static str, u32, FnvBuild> {
        let mut lists: HashMap<&'static str, u32, FnvBuild> = HashMap::default();
        let mut current = None;
        for line in data_lines(WORDS) {
            if let Some(header) = line.strip_prefix("==") {
                let header = header.trim();
                current = LISTS.iter().find(|(n, _)| *n == header).map(|(_, l)| *l);
                continue;
            }
            let Some(list) = current else { continue };
            for word in line.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                *lists.entry(word).or_default() |= list.bit();
            }
        }
        lists
    }
}

/// The built-in knowledge plus a site's (and an article's) corrections.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Corrected names and aliases → kind and canonical name.
    given: HashMap<String, (EntityKind, String), FnvBuild>,
    /// Names that are never entities.
    ignored: HashSet<String, FnvBuild>,
    /// Canonical names an article's front matter adds.
    added: Vec<(EntityKind, String)>,
}

static EMPTY: LazyLock<Lexicon> = LazyLock::new(Lexicon::default);

impl Lexicon {
    /// The built-in knowledge with no corrections.
    pub fn builtin() -> &'static Lexicon {
        &EMPTY
    }

    /// The built-in knowledge with a site's `entities.toml`.
    pub fn new(corrections: &EntityCorrections) -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon.add(corrections);
        lexicon
    }

    /// This lexicon with an article's own corrections on top; the names it
    /// lists belong to that article even where its text does not use them.
    pub fn for_article(&self, corrections: &EntityCorrections) -> Lexicon {
        let mut lexicon = self.clone();
        lexicon.add(corrections);
        lexicon.added = kinds(corrections)
            .flat_map(|(kind, map)| map.keys().map(move |name| (kind, name.trim().to_string())))
            .collect();
        lexicon
    }

    fn add(&mut self, corrections: &EntityCorrections) {
        for (kind, map) in kinds(corrections) {
            for (name, aliases) in map {
                let canonical = name.trim().to_string();
                for alias in aliases.iter().chain(std::iter::once(name)) {
                    let alias = alias.trim().to_string();
                    self.ignored.remove(&alias);
                    self.given.insert(alias, (kind, canonical.clone()));
                }
            }
        }
        for name in &corrections.ignore {
            self.given.remove(name.trim());
            self.ignored.insert(name.trim().to_string());
        }
    }

    /// The names an article's front matter adds to it.
    pub fn added(&self) -> &[(EntityKind, String)] {
        &self.added
    }

    /// Every corrected name and alias with its kind and canonical name.
    pub fn given(&self) -> impl Iterator<Item = (&str, EntityKind, &str)> {
        self.given
            .iter()
            .map(|(alias, (kind, name))| (alias.as_str(), *kind, name.as_str()))
    }

    /// Whether the site or article corrects any name.
    pub fn has_given(&self) -> bool {
        !self.given.is_empty()
    }

    /// Whether `name` was given by the site or article.
    pub fn given_kind(&self, name: &str) -> Option<(EntityKind, &str)> {
        self.given.get(name).map(|(k, n)| (*k, n.as_str()))
    }

    /// Whether `name` must never be an entity.
    pub fn is_ignored(&self, name: &str) -> bool {
        !self.ignored.is_empty() && self.ignored.contains(name)
    }

    /// What is known about `name` (corrections first, then gazetteers).
    pub fn known(&self, name: &str) -> Option<Known<'_>> {
        if !self.given.is_empty()
            && let Some((kind, canonical)) = self.given_kind(name)
        {
            return Some(Known::Entity(kind, canonical));
        }
        BUILTIN.names.get(name).copied()
    }

    /// Whether `word` (or phrase) is in `list`. A contraction of a
    /// function word ("I’m", "It's") counts as the word.
    pub fn is(&self, list: List, word: &str) -> bool {
        word_lists(word) & list.bit() != 0
    }

    /// The most words a gazetteer name or list entry has.
    pub fn max_words(&self) -> usize {
        BUILTIN.max_words
    }

    /// Every place the open data calls `name` (a word or a run of words,
    /// any case), best first: countries, continents, capitals, then the
    /// most populous. Several places, or one whose name is also a word
    /// or a person's name, make weaker evidence.
    pub fn places(&self, name: &str) -> impl Iterator<Item = Place> {
        gazetteer::places_named(name)
    }

    /// The likeliest place the open data calls `name`.
    pub fn place(&self, name: &str) -> Option<Place> {
        gazetteer::place(name)
    }

    /// Whether `word` is a known given name, and how common.
    pub fn given_name(&self, word: &str) -> Option<GivenName> {
        gazetteer::given_name(word)
    }

    /// Whether `word` is a common surname.
    pub fn surname(&self, word: &str) -> Option<Surname> {
        gazetteer::surname(word)
    }

    /// Where the place `name` is on a map: by hand (`coords.txt`), else the
    /// likeliest place of that name, else that of the canonical name the
    /// hand-written gazetteers give it ("Atlantic Ocean" → "Atlantic").
    pub fn coords(&self, name: &str) -> Option<Coords> {
        if let Some(coords) = gazetteer::coords(name) {
            return coords;
        }
        match BUILTIN.names.get(name) {
            Some(Known::Entity(EntityKind::Place, canonical)) if *canonical != name => {
                gazetteer::coords(canonical).flatten()
            }
            _ => None,
        }
    }
}

fn kinds(
    c: &EntityCorrections,
) -> impl Iterator<Item = (EntityKind, &std::collections::BTreeMap<String, Vec<String>>)> {
    [
        (EntityKind::Person, &c.people),
        (EntityKind::Place, &c.places),
        (EntityKind::Organization, &c.organizations),
    ]
    .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::extract::hash::word_hash;

    #[test]
    fn every_data_line_is_well_formed() {
        for line in data_lines(COUNTRIES) {
            assert_eq!(line.split('|').count(), 4, "countries.txt: {line}");
        }
        for line in data_lines(PLACES) {
            assert_eq!(line.split('|').count(), 3, "places.txt: {line}");
        }
        for line in data_lines(ORGANIZATIONS) {
            assert_eq!(line.split('|').count(), 2, "organizations.txt: {line}");
        }
        let headers: Vec<&str> = data_lines(WORDS)
            .filter_map(|l| l.strip_prefix("=="))
            .map(str::trim)
            .collect();
        assert_eq!(headers.len(), LISTS.len());
        for header in headers {
            assert!(LISTS.iter().any(|(n, _)| *n == header), "{header}");
        }
    }

    #[test]
    fn gazetteers_know_countries_capitals_demonyms_and_bodies() {
        let lex = Lexicon::builtin();
        let place = |n| Some(Known::Entity(EntityKind::Place, n));
        assert_eq!(lex.known("North Korea"), place("North Korea"));
        assert_eq!(lex.known("DPRK"), place("North Korea"));
        assert_eq!(lex.known("Pyongyang"), place("Pyongyang"));
        assert_eq!(
            lex.known("North Korean"),
            Some(Known::Demonym("North Korea"))
        );
        assert_eq!(lex.known("Djibouti"), place("Djibouti"));
        assert_eq!(
            lex.known("Fed"),
            Some(Known::Entity(EntityKind::Organization, "Federal Reserve"))
        );
        assert_eq!(lex.known("Lavrov"), None);
        assert!(lex.is(List::Title, "Prime Minister"));
        assert!(lex.is(List::Stop, "Beyond") && lex.is(List::Time, "Saturday"));
        assert!(lex.is(List::Generic, "Western"));
        assert!(lex.is(List::Stop, "I’m") && lex.is(List::Stop, "It's"));
        assert!(!lex.is(List::Stop, "O’Neill"));
        assert!(lex.max_words() >= 5);
    }

    #[test]
    fn every_hand_listed_place_has_coordinates_or_is_off_the_map() {
        let lex = Lexicon::builtin();
        let mut missing = Vec::new();
        for line in data_lines(COUNTRIES).chain(data_lines(PLACES)) {
            let fields: Vec<&str> = line.split('|').collect();
            let capitals = fields.get(3).copied().map(values).into_iter().flatten();
            for name in std::iter::once(fields[0].trim()).chain(capitals) {
                let placed = lex.coords(name).is_some();
                if !placed && gazetteer::coords(name) != Some(None) {
                    missing.push(name);
                }
            }
        }
        assert!(
            missing.is_empty(),
            "give these coordinates in data/coords.txt: {missing:?}"
        );
        let ocean = lex
            .coords("Atlantic Ocean")
            .expect("through its canonical name");
        assert_eq!(Some(ocean), lex.coords("Atlantic"));
        assert_eq!(lex.coords("Mars"), None);
        assert!(lex.place("Reading").is_some_and(|p| p.ordinary_word));
        assert!(lex.given_name("Priya").is_some() && lex.surname("Garcia").is_some());
    }

    #[test]
    fn corrections_override_and_ignore() {
        let corrections = EntityCorrections {
            ignore: vec!["Pyongyang".into()],
            people: [("Kim Jong Un".to_string(), vec!["Kim".to_string()])].into(),
            ..EntityCorrections::default()
        };
        let lex = Lexicon::new(&corrections);
        assert_eq!(
            lex.known("Kim"),
            Some(Known::Entity(EntityKind::Person, "Kim Jong Un"))
        );
        assert!(lex.is_ignored("Pyongyang"));
        assert!(lex.added().is_empty());
        let article = lex.for_article(&EntityCorrections {
            places: [("Wonsan".to_string(), Vec::new())].into(),
            ..EntityCorrections::default()
        });
        assert_eq!(article.added(), [(EntityKind::Place, "Wonsan".to_string())]);
        assert_eq!(word_hash("kim"), word_hash("kim"));
        assert_ne!(word_hash("kim"), word_hash("lavrov"));
    }
}
