//! Open data compiled into the binary: places with coordinates, given
//! names and surnames, read from `data/` (sources and licences in
//! `data/README.md`; `data/gen_gazetteers.py` at the repository root
//! writes the generated files).
//!
//! * `geonames.tsv`: countries, continents, first-level regions and cities
//!   of 15,000 people or more, from GeoNames, each with its kind, country,
//!   population, coordinates and flags saying whether its name is also an
//!   ordinary English word, a given name or a surname ("Reading", "Florence",
//!   "Washington"): evidence to weigh, never a decision.
//! * `coords.txt`: coordinates by hand for the names of the hand-written
//!   gazetteers that GeoNames cannot place (seas, rivers, mountain ranges)
//!   or places differently from what they mean there.
//! * `given_names.tsv` and `surnames.tsv`: names of people.
//!
//! Each file is indexed once, on first use, by [`name_hash`] (the places
//! file's lines are parsed only when a lookup reaches them); a hit is
//! checked against the name itself, so a hash collision never gives a
//! wrong answer. Lookups allocate nothing. This module knows nothing of the
//! extraction's rules; `lexicon` offers it to them.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::hash::{FnvBuild, name_hash, same_name};

const GEONAMES: &str = include_str!("data/geonames.tsv");
const COORDS: &str = include_str!("data/coords.txt");
const GIVEN_NAMES: &str = include_str!("data/given_names.tsv");
const SURNAMES: &str = include_str!("data/surnames.tsv");

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A country or territory with its own ISO code.
    Country,
    /// A continent.
    Continent,
    /// A first-level region: a state, province, nation or oblast.
    Region,
    /// A city or town.
    City,
}

/// A point on the globe, kept to a hundredth of a degree (about a
/// kilometre) so that it compares and prints exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Coords {
    lat: i32,
    lon: i32,
}

impl Coords {
    /// The point at `lat`, `lon` degrees, if both are in range.
    pub fn new(lat: f64, lon: f64) -> Option<Coords> {
        let ok = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
        // In range, so both fit an i32 with room to spare.
        ok.then(|| Coords {
            lat: (lat * 100.0).round() as i32,
            lon: (lon * 100.0).round() as i32,
        })
    }

    /// Latitude in degrees, north positive.
    pub fn lat(self) -> f64 {
        f64::from(self.lat) / 100.0
    }

    /// Longitude in degrees, east positive.
    pub fn lon(self) -> f64 {
        f64::from(self.lon) / 100.0
    }

    /// Parses degrees written with at most two decimals ("-33.87"),
    /// exactly and without floating point.
    fn parse(lat: &str, lon: &str) -> Option<Coords> {
        let (lat, lon) = (hundredths(lat.trim())?, hundredths(lon.trim())?);
        ((-9000..=9000).contains(&lat) && (-18000..=18000).contains(&lon))
            .then_some(Coords { lat, lon })
    }
}

/// "-33.87" → -3387, "12.5" → 1250, "7" → 700; none for more than two
/// decimals or anything else.
fn hundredths(text: &str) -> Option<i32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || fraction.len() > 2 {
        return None;
    }
    if !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let cents = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(2)
        .fold(0, |n, b| n * 10 + i32::from(b - b'0'));
    let value = whole.parse::<i32>().ok()? * 100 + cents;
    Some(if negative { -value } else { value })
}

/// A place the compiled-in data knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Its name as GeoNames gives it ("Köln", "Kyiv").
    pub name: &'static str,
    /// Country, continent, region or city.
    pub kind: PlaceKind,
    /// Its country's ISO 3166-1 alpha-2 code; empty for a continent.
    pub country: &'static str,
    /// Its population; for a region, that of its places of 1,000 or more.
    pub population: u64,
    /// A representative point: for a city its centre, for a country or
    /// region the place nearest to where its people live on average.
    pub coords: Coords,
    /// Whether it is its country's capital.
    pub capital: bool,
    /// Whether its name is also an ordinary lower-case English word
    /// ("Reading", "Mobile", "Nice").
    pub ordinary_word: bool,
    /// Whether its name is also a given name ("Florence", "Victoria").
    pub given_name: bool,
    /// Whether its name is also a common surname ("Washington").
    pub surname: bool,
    /// Other names, `;`-separated ("Cologne;Koln").
    other_names: &'static str,
}

impl Place {
    /// Its other names: English names, names without diacritics, the
    /// hand-written gazetteers' names for it.
    pub fn other_names(&self) -> impl Iterator<Item = &'static str> {
        self.other_names.split(';').filter(|n| !n.is_empty())
    }

    fn is_named(&self, name: &str) -> bool {
        same_name(self.name, name) || self.other_names().any(|n| same_name(n, name))
    }

    /// Parses one line of `geonames.tsv`.
    fn parse(line: &'static str) -> Option<Place> {
        let mut f = line.split('\t');
        let name = f.next().filter(|n| !n.is_empty())?;
        let kind = match f.next()? {
            "C" => PlaceKind::Country,
            "L" => PlaceKind::Continent,
            "A" => PlaceKind::Region,
            "P" => PlaceKind::City,
            _ => return None,
        };
        let country = f.next()?;
        let population = f.next()?.parse().ok()?;
        let coords = Coords::parse(f.next()?, f.next()?)?;
        let flags = f.next().unwrap_or_default();
        if !flags.bytes().all(|b| b"cwgs".contains(&b)) {
            return None;
        }
        Some(Place {
            name,
            kind,
            country,
            population,
            coords,
            capital: flags.contains('c'),
            ordinary_word: flags.contains('w'),
            given_name: flags.contains('g'),
            surname: flags.contains('s'),
            other_names: f.next().unwrap_or_default(),
        })
    }
}

/// A given name the data knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenName {
    /// How common it is: the base-10 logarithm of the US births given it
    /// since 1880, from 2 (a few hundred) to 6 (millions: "James").
    pub strength: u8,
    /// Whether it is also an ordinary lower-case English word ("Will").
    pub ordinary_word: bool,
}

/// A common surname the data knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surname {
    /// Whether it is also an ordinary lower-case English word ("Brown").
    pub ordinary_word: bool,
}

/// Data lines: `#` comments and blank lines dropped.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The lines of `geonames.tsv` (likeliest reading of a name first), and
/// for each name hash a chain through `entries` of the lines with that
/// name or other name, in file order. A line is parsed when a lookup
/// reaches it, so loading only hashes names.
struct Places {
    lines: Vec<&'static str>,
    heads: HashMap<u64, u32, FnvBuild>,
    /// (line, next entry of the same hash or `NONE`).
    entries: Vec<(u32, u32)>,
    /// Hand coordinates: the name, and none for a place off the map.
    hand: HashMap<u64, (&'static str, Option<Coords>), FnvBuild>,
}

/// The end of a chain.
const NONE: u32 = u32::MAX;

impl Places {
    fn load() -> Places {
        let lines: Vec<&'static str> = data_lines(GEONAMES).collect();
        let mut heads: HashMap<u64, u32, FnvBuild> =
            HashMap::with_capacity_and_hasher(lines.len() * 3 / 2, FnvBuild::default());
        let mut entries = Vec::with_capacity(lines.len() * 3 / 2);
        // Backwards, each line put at the front of its chains: chains run
        // in file order.
        for (i, line) in lines.iter().enumerate().rev() {
            let i = u32::try_from(i).unwrap_or(NONE);
            let name = line.split_once('\t').map_or(*line, |(name, _)| name);
            let others = line.rsplit_once('\t').map_or("", |(_, others)| others);
            for h in std::iter::once(name)
                .chain(others.split(';'))
                .filter(|n| !n.is_empty())
                .map(name_hash)
            {
                let head = heads.entry(h).or_insert(NONE);
                let next = *head;
                if entries
                    .get(next as usize)
                    .is_some_and(|&(line, _)| line == i)
                {
                    continue;
                }
                *head = u32::try_from(entries.len()).unwrap_or(NONE);
                entries.push((i, next));
            }
        }
        let hand = data_lines(COORDS).filter_map(hand_coords).collect();
        Places {
            lines,
            heads,
            entries,
            hand,
        }
    }

    fn named(&'static self, name: &str) -> impl Iterator<Item = Place> {
        let mut at = self.heads.get(&name_hash(name)).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let &(line, next) = self.entries.get(at as usize)?;
            at = next;
            Some(self.lines.get(line as usize).and_then(|l| Place::parse(l)))
        })
        .flatten()
        .filter(move |p| p.is_named(name))
    }
}

/// Parses one line of `coords.txt`: `NAME|LAT|LON`, or `NAME||` for a
/// place that is on no map of the Earth.
fn hand_coords(line: &'static str) -> Option<(u64, (&'static str, Option<Coords>))> {
    let mut f = line.split('|');
    let name = f.next()?.trim();
    let (lat, lon) = (f.next()?, f.next()?);
    let coords = if lat.trim().is_empty() && lon.trim().is_empty() {
        None
    } else {
        Some(Coords::parse(lat, lon)?)
    };
    (!name.is_empty()).then(|| (name_hash(name), (name, coords)))
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(Places::load)
}

/// Every place called `name` (by its name or another name), best first:
/// countries, then continents, then capitals, then the most populous.
pub fn places_named(name: &str) -> impl Iterator<Item = Place> {
    places().named(name)
}

/// The likeliest place called `name`.
pub fn place(name: &str) -> Option<Place> {
    places_named(name).next()
}

/// Where `name` is on the map, if the data knows: the hand coordinates of
/// `coords.txt` first (`Some(None)` there: a place on no map), then the
/// likeliest place of that name.
pub fn coords(name: &str) -> Option<Option<Coords>> {
    let data = places();
    if let Some((hand, coords)) = data.hand.get(&name_hash(name))
        && same_name(hand, name)
    {
        return Some(*coords);
    }
    place(name).map(|p| Some(p.coords))
}

/// A name-to-value map of one of the name lists.
type NameMap<T> = HashMap<u64, (&'static str, T), FnvBuild>;

fn name_map<T>(text: &'static str, parse: fn(&'static str) -> Option<T>) -> NameMap<T> {
    data_lines(text)
        .filter_map(|line| {
            let (name, rest) = line.split_once('\t').unwrap_or((line, ""));
            Some((name_hash(name), (name, parse(rest)?)))
        })
        .collect()
}

fn lookup<T: Copy>(map: &NameMap<T>, name: &str) -> Option<T> {
    map.get(&name_hash(name))
        .filter(|(known, _)| same_name(known, name))
        .map(|(_, value)| *value)
}

/// Parses what follows a given name: `STRENGTH[\tw]`.
fn parse_given(rest: &str) -> Option<GivenName> {
    let (strength, flags) = rest.split_once('\t').unwrap_or((rest, ""));
    Some(GivenName {
        strength: strength.parse().ok().filter(|s| *s <= 9)?,
        ordinary_word: flag(flags)?,
    })
}

/// Parses what follows a surname: nothing, or `w`.
fn parse_surname(rest: &str) -> Option<Surname> {
    Some(Surname {
        ordinary_word: flag(rest)?,
    })
}

/// The flag field of the name lists: empty, or `w`.
fn flag(field: &str) -> Option<bool> {
    match field {
        "" => Some(false),
        "w" => Some(true),
        _ => None,
    }
}

fn given_names() -> &'static NameMap<GivenName> {
    static GIVEN: OnceLock<NameMap<GivenName>> = OnceLock::new();
    GIVEN.get_or_init(|| name_map(GIVEN_NAMES, parse_given))
}

fn surnames() -> &'static NameMap<Surname> {
    static SURNAMES_MAP: OnceLock<NameMap<Surname>> = OnceLock::new();
    SURNAMES_MAP.get_or_init(|| name_map(SURNAMES, parse_surname))
}

/// Whether `word` is a known given name, and how common.
pub fn given_name(word: &str) -> Option<GivenName> {
    lookup(given_names(), word)
}

/// Whether `word` is a common surname.
pub fn surname(word: &str) -> Option<Surname> {
    lookup(surnames(), word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        let parsed = data_lines(GEONAMES).filter_map(Place::parse).count();
        assert_eq!(parsed, data_lines(GEONAMES).count());
        assert!(parsed > 30_000);
        // Every line holds all eight fields.
        assert!(data_lines(GEONAMES).all(|l| l.split('\t').count() == 8));
        assert_eq!(places().hand.len(), data_lines(COORDS).count());
        assert_eq!(given_names().len(), data_lines(GIVEN_NAMES).count());
        assert!(given_names().len() > 20_000);
        assert_eq!(surnames().len(), data_lines(SURNAMES).count());
    }

    #[test]
    fn a_known_city_has_its_country_population_and_coordinates() {
        let nairobi = place("Nairobi").expect("Nairobi");
        assert_eq!(nairobi.kind, PlaceKind::City);
        assert_eq!(nairobi.country, "KE");
        assert!(nairobi.capital && nairobi.population > 2_000_000);
        assert!((nairobi.coords.lat() + 1.28).abs() < 0.05);
        assert!((nairobi.coords.lon() - 36.82).abs() < 0.05);
        // Case, spacing and diacritics as written in the news.
        let sao_paulo: Vec<Place> = places_named("SAO  PAULO").collect();
        assert!(sao_paulo.iter().all(|p| p.country == "BR"));
        assert!(
            sao_paulo
                .iter()
                .any(|p| p.name == "São Paulo" && p.kind == PlaceKind::City)
        );
        assert_eq!(place("Cologne").map(|p| p.name), Some("Köln"));
    }

    #[test]
    fn a_country_wins_over_places_of_the_same_name() {
        let georgia: Vec<Place> = places_named("Georgia").collect();
        assert_eq!(georgia[0].kind, PlaceKind::Country);
        assert_eq!(georgia[0].country, "GE");
        assert!(
            georgia
                .iter()
                .any(|p| p.kind == PlaceKind::Region && p.country == "US")
        );
        // One place once, however many of its names match.
        let kyiv = places_named("Kyiv")
            .filter(|p| p.kind == PlaceKind::City)
            .count();
        assert_eq!(kyiv, 1);
        let us = place("U.S.").expect("the hand list's other names");
        assert_eq!((us.kind, us.country), (PlaceKind::Country, "US"));
        // A capital wins over a larger place of the same name.
        assert_eq!(place("Washington").map(|p| p.capital), Some(true));
    }

    #[test]
    fn ambiguous_names_carry_their_flags_and_every_reading() {
        let reading = place("Reading").expect("Reading");
        assert!(reading.ordinary_word && reading.country == "GB");
        assert!(places_named("Reading").count() >= 2);
        assert!(place("Mobile").is_some_and(|p| p.ordinary_word));
        assert!(place("Florence").is_some_and(|p| p.given_name && !p.ordinary_word));
        assert!(place("Washington").is_some_and(|p| p.surname));
        let ouaga = place("Ouagadougou").expect("Ouagadougou");
        assert!(!ouaga.ordinary_word && !ouaga.given_name && !ouaga.surname);
    }

    #[test]
    fn missing_names_are_none() {
        assert!(place("Valdera").is_none());
        assert!(place("").is_none());
        assert!(place("Nairob").is_none());
        assert!(given_name("Xqzt").is_none());
        assert!(surname("Lavrov").is_none());
        assert_eq!(coords("Northmere"), None);
    }

    #[test]
    fn hand_coordinates_come_first_and_may_be_off_the_map() {
        let black_sea = coords("Black Sea").flatten().expect("Black Sea");
        assert!(black_sea.lat() > 40.0 && black_sea.lon() > 27.0 && black_sea.lon() < 42.0);
        assert_eq!(coords("Mars"), Some(None));
        assert_eq!(coords("Nairobi"), place("Nairobi").map(|p| Some(p.coords)));
    }

    #[test]
    fn given_names_and_surnames_know_their_ordinary_words() {
        let james = given_name("James").expect("James");
        assert!(james.strength >= 6 && !james.ordinary_word);
        assert!(given_name("will").is_some_and(|g| g.ordinary_word));
        assert!(given_name("Mohammed").is_some());
        assert!(surname("Garcia").is_some_and(|s| !s.ordinary_word));
        assert!(surname("Brown").is_some_and(|s| s.ordinary_word));
    }

    #[test]
    fn coordinates_parse_exactly() {
        assert_eq!(hundredths("-33.87"), Some(-3387));
        assert_eq!(hundredths("12.5"), Some(1250));
        assert_eq!(hundredths("7"), Some(700));
        assert_eq!(hundredths("0.05"), Some(5));
        for bad in ["", "-", ".5", "1.234", "1e5", "+3", "12a", "1000"] {
            assert_eq!(hundredths(bad), None, "{bad}");
        }
        assert!(Coords::parse("90.01", "0").is_none());
        assert_eq!(Coords::parse("-1.28", "36.82"), Coords::new(-1.28, 36.82));
    }

    #[test]
    fn coordinates_stay_in_range() {
        assert!(Coords::new(91.0, 0.0).is_none());
        assert!(Coords::new(0.0, -180.5).is_none());
        let c = Coords::new(-33.868_82, 151.209_29).expect("Sydney");
        assert_eq!((c.lat(), c.lon()), (-33.87, 151.21));
    }
}
