//! Datelines: "BEIJING, May 3 (Reuters) –", "WASHINGTON —", "Moscow, 12
//! July:", "LONDON (AP) -", "PARIS, 3 mai (AFP) —".
//!
//! A dateline opens a wire story's first paragraph: a place, perhaps its
//! region, a date and a news agency in brackets, then a dash or a colon. It
//! is read off the text here (`take`) so that the headline, the lede and
//! the key points never carry it; the article keeps it as a [`Dateline`]:
//! the place becomes the story's location and a place entity
//! (`add_place`), the agency its source when none is given, the date its
//! date when none is given.
//!
//! An ordinary sentence that opens with a place is not a dateline ("Paris
//! is preparing…", "WASHINGTON state officials…"): everything before the
//! dash or colon must read as a dateline, a place in title case needs a
//! date or an agency beside it, and the text after it must open a sentence.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::extract::candidate::{Candidate, EntityKind, Evidence};
use super::extract::lexicon::{Known, Lexicon};
use crate::article::Body;

/// A dateline read off the start of a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// As written, without its dash or colon: "BEIJING, May 3 (Reuters)".
    pub text: String,
    /// Byte length of the place as written at the start of `text`.
    pub place_len: usize,
    /// The place in its usual spelling: "Beijing", "Rio de Janeiro".
    pub place: String,
    /// The news agency it names: "Reuters".
    pub agency: Option<String>,
    /// The date it gives, its year resolved against the build clock.
    pub date: Option<Date>,
    /// The day as written, kept so that a dateline without a year can be
    /// resolved again against another build's clock ([`Dateline::redate`]).
    written: Option<DayOfYear>,
}

impl Dateline {
    /// Resolves the date again against `today`, as a build on that day
    /// would have (a cached article read by a later build); a date that
    /// gives its year stays as it is.
    pub fn redate(&mut self, today: Date) {
        if let Some(day) = self.written.filter(|d| d.year.is_none()) {
            self.date = day.resolve(today);
        }
    }
}

/// Where the text before a dateline's separator may end, in bytes.
const MAX_HEAD: usize = 80;

/// What ends a dateline, longest first where one holds another.
const SEPARATORS: &[&str] = &[" — ", " – ", " -- ", " - ", "—", "–", ": "];

/// The most words a place has ("SAN JUAN DE LOS LAGOS").
const MAX_PLACE_WORDS: usize = 5;

/// Evidence a dateline gives its place: as much as a gazetteer's.
const DATELINE_POINTS: i32 = 10;

/// Lower-case particles inside place names ("Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el",
    "al", "of", "on", "upon", "am", "im", "an", "der", "den", "sur", "en", "y", "au", "aux",
];

/// Words in capitals that open a story without being a place.
const NOT_PLACES: &[&str] = &[
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "COMMENTARY",
    "CORRECTION",
    "CORRECTED",
    "REFILE",
    "FACTBOX",
    "EXPLAINER",
    "WRAPUP",
    "INSIGHT",
    "FEATURE",
    "INTERVIEW",
    "REVIEW",
    "LIVE",
    "WATCH",
    "VIDEO",
    "PHOTOS",
    "ALERT",
    "URGENT",
    "FLASH",
    "NEWS",
    "NOTE",
    "ADVISORY",
    "EDITORS",
    "EDITOR'S",
    "SPONSORED",
];

/// Month names (English, French, Spanish, Portuguese, German, Italian),
/// lower case, with their number.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("janeiro", 1),
    ("januar", 1),
    ("jänner", 1),
    ("gennaio", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("februar", 2),
    ("febbraio", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("märz", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("juni", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("julho", 7),
    ("juli", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("oktober", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dezember", 12),
    ("dicembre", 12),
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Reads a dateline off the first paragraph of `body`: the dateline and
/// the body without it. A body whose text cannot lose it (Markdown whose
/// HTML does not start with the same words) keeps it, and has none.
pub(crate) fn take(body: Body, lex: &Lexicon, today: Date) -> (Option<Dateline>, Body) {
    let Some((dateline, rest)) = body.paragraphs().first().and_then(|p| read(p, lex, today)) else {
        return (None, body);
    };
    match strip(body, rest) {
        Ok(body) => (Some(dateline), body),
        Err(body) => (None, body),
    }
}

/// The dateline opening `paragraph`, and the byte offset where the text
/// after it starts.
pub(crate) fn read(paragraph: &str, lex: &Lexicon, today: Date) -> Option<(Dateline, usize)> {
    let (at, separator) = separator(paragraph)?;
    let rest = at + separator.len();
    let opens_sentence = paragraph[rest..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“‘\"'(".contains(c));
    if !opens_sentence {
        return None;
    }
    let text = paragraph[..at].trim_end();
    let head = parse_head(text)?;
    let place = canonical_place(&text[..head.place_len], head.upper, lex)?;
    if !head.upper && head.date.is_none() && head.agency.is_none() {
        return None;
    }
    let dateline = Dateline {
        text: text.to_string(),
        place_len: head.place_len,
        place,
        agency: head.agency.map(str::to_string),
        date: head.date.and_then(|d| d.resolve(today)),
        written: head.date,
    };
    Some((dateline, rest))
}

/// The first separator within reach of the start, and its offset.
fn separator(text: &str) -> Option<(usize, &'static str)> {
    let reach = &text[..floor_boundary(text, MAX_HEAD + 4)];
    SEPARATORS
        .iter()
        .filter_map(|s| reach.find(s).map(|at| (at, *s)))
        .filter(|(at, _)| *at > 0 && *at <= MAX_HEAD)
        .min_by_key(|(at, s)| (*at, usize::MAX - s.len()))
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A dateline's parts before the separator.
#[derive(Debug, Default)]
struct Head<'a> {
    place_len: usize,
    upper: bool,
    agency: Option<&'a str>,
    date: Option<DayOfYear>,
}

/// "BEIJING, May 3 (Reuters)" → place, date, agency; `None` unless every
/// part reads as one.
fn parse_head(text: &str) -> Option<Head<'_>> {
    let mut head = Head::default();
    let mut rest = text;
    if let Some(inner) = text.strip_suffix(')') {
        let open = inner.rfind('(')?;
        let agency = inner[open + 1..].trim();
        if !is_agency(agency) {
            return None;
        }
        head.agency = Some(agency);
        rest = inner[..open].trim_end().trim_end_matches(',');
    }
    let mut parts = rest.split(',').map(str::trim);
    let place = parts.next()?;
    head.upper = place_style(place)?;
    head.place_len = place.len() + (place.as_ptr() as usize - text.as_ptr() as usize);
    let mut region_allowed = true;
    for part in parts {
        if let Some(date) = DayOfYear::parse(part) {
            if head.date.is_some() {
                return None;
            }
            head.date = Some(date);
            region_allowed = false;
        } else if let (Some(date), Ok(year)) = (&mut head.date, part.parse::<i16>()) {
            date.year = (1900..=2100).contains(&year).then_some(year);
        } else if WEEKDAYS.contains(&part) {
            region_allowed = false;
        } else if !(region_allowed && is_region(part)) {
            return None;
        }
    }
    Some(head)
}

/// An agency in brackets: a few words opening with a letter ("Reuters",
/// "AP", "dpa", "Kyodo News").
fn is_agency(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=4).contains(&words)
        && text.len() <= 40
        && text.chars().next().is_some_and(char::is_alphabetic)
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// Whether `place` reads as a place name: `Some(true)` in capitals,
/// `Some(false)` in title case, `None` if neither.
fn place_style(place: &str) -> Option<bool> {
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_PLACE_WORDS {
        return None;
    }
    let name_chars = |w: &&str| {
        w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
            && w.chars().any(char::is_alphabetic)
    };
    if !words.iter().all(name_chars) {
        return None;
    }
    let letters = || place.chars().filter(|c| c.is_alphabetic());
    if letters().count() >= 2 && letters().all(char::is_uppercase) {
        return (!NOT_PLACES.contains(&place)).then_some(true);
    }
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
    let title = capitalised(&words[0])
        && words
            .iter()
            .all(|w| capitalised(w) || CONNECTORS.contains(w));
    title.then_some(false)
}

/// A region after the place: "Ore.", "Chile", "D.C.", "New South Wales".
fn is_region(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}

/// The place in its usual spelling: the gazetteer's, else title case for
/// capitals. `None` when the gazetteer or the site knows the name as
/// something else (an organisation, a person, a demonym).
fn canonical_place(written: &str, upper: bool, lex: &Lexicon) -> Option<String> {
    let name = if upper {
        if lex.known(written).is_some_and(|k| !is_place(k)) {
            return None;
        }
        title_case(written)
    } else {
        written.to_string()
    };
    match lex.known(&name) {
        Some(Known::Entity(EntityKind::Place, canonical)) => Some(canonical.to_string()),
        Some(_) => None,
        None => Some(name),
    }
}

fn is_place(known: Known<'_>) -> bool {
    matches!(known, Known::Entity(EntityKind::Place, _))
}

/// "RIO DE JANEIRO" → "Rio de Janeiro", "PORT-AU-PRINCE" →
/// "Port-au-Prince", "N'DJAMENA" → "N'Djamena", "XI'AN" → "Xi'an".
fn title_case(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    for (w, word) in written.split_whitespace().enumerate() {
        if w > 0 {
            out.push(' ');
        }
        for (p, piece) in word.split('-').enumerate() {
            if p > 0 {
                out.push('-');
            }
            let lower = piece.to_lowercase();
            if (w > 0 || p > 0) && CONNECTORS.contains(&lower.as_str()) {
                out.push_str(&lower);
            } else {
                out.push_str(&capitalise_piece(&lower));
            }
        }
    }
    out
}

/// "djamena" → "Djamena"; after a one-letter elision ("n'djamena") the
/// word after the apostrophe is capitalised too.
fn capitalise_piece(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut capital_next = true;
    let mut letters_before = 0;
    for c in lower.chars() {
        if capital_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            capital_next = false;
        } else {
            out.push(c);
        }
        if c == '\'' || c == '’' {
            capital_next = letters_before == 1;
        } else if c.is_alphabetic() {
            letters_before += 1;
        }
    }
    out
}

/// A day and month, perhaps with a year, as a dateline writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct DayOfYear {
    month: i8,
    day: i8,
    year: Option<i16>,
}

impl DayOfYear {
    /// "May 3", "3 May", "Jan. 5", "3 mai", "3 de mayo", "3. Mai",
    /// "1er mai", "May 3 2024".
    fn parse(part: &str) -> Option<DayOfYear> {
        let words: Vec<&str> = part
            .split_whitespace()
            .filter(|w| !matches!(*w, "de" | "del"))
            .collect();
        let (month, day, year) = match words.as_slice() {
            [a, b] => (*a, *b, None),
            [a, b, y] => (*a, *b, Some(*y)),
            _ => return None,
        };
        let (month, day) = match (month_number(month), month_number(day)) {
            (Some(m), None) => (m, day_number(day)?),
            (None, Some(m)) => (m, day_number(month)?),
            _ => return None,
        };
        let year = match year {
            Some(y) => Some(
                y.parse::<i16>()
                    .ok()
                    .filter(|y| (1900..=2100).contains(y))?,
            ),
            None => None,
        };
        Some(DayOfYear { month, day, year })
    }

    /// The date: its own year, else the latest year in which it is not
    /// after `today`.
    fn resolve(self, today: Date) -> Option<Date> {
        let on = |year: i16| Date::new(year, self.month, self.day).ok();
        match self.year {
            Some(year) => on(year),
            None => on(today.year())
                .filter(|d| *d <= today)
                .or_else(|| on(today.year() - 1)),
        }
    }
}

fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)
}

/// "3", "3.", "3rd", "1er": a day of the month.
fn day_number(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic() || c == '.' || c == 'º');
    let suffix = &word[digits.len()..];
    let known_suffix = matches!(
        suffix.trim_end_matches('.'),
        "" | "st" | "nd" | "rd" | "th" | "er" | "º"
    );
    let day: i8 = digits.parse().ok()?;
    (known_suffix && (1..=31).contains(&day)).then_some(day)
}

/// `body` without the first `rest` bytes of its first paragraph, or
/// `body` unchanged as the error when its HTML does not open with them.
fn strip(body: Body, rest: usize) -> Result<Body, Body> {
    match body {
        Body::Text { mut paragraphs } => {
            if let Some(first) = paragraphs.first_mut() {
                first.replace_range(..rest, "");
            }
            Ok(Body::Text { paragraphs })
        }
        Body::Markdown {
            html,
            mut paragraphs,
            word_count,
            has_code,
        } => {
            let removed = paragraphs
                .first()
                .map(|p| crate::html::escape(&p[..rest]))
                .unwrap_or_default();
            let Some(after) = html
                .strip_prefix("<p>")
                .and_then(|h| h.strip_prefix(removed.as_str()))
            else {
                return Err(Body::Markdown {
                    html,
                    paragraphs,
                    word_count,
                    has_code,
                });
            };
            let html = format!("<p>{after}");
            if let Some(first) = paragraphs.first_mut() {
                first.replace_range(..rest, "");
            }
            Ok(Body::Markdown {
                html,
                paragraphs,
                word_count,
                has_code,
            })
        }
    }
}

/// Makes the dateline's place one of the article's place entities: an
/// existing candidate of that name gains a mention and the evidence of a
/// place, else a new one is added first, known as a place.
pub(crate) fn add_place(entities: &mut Vec<Candidate>, place: &str) {
    let found = entities.iter().position(|c| c.name == place);
    let mut candidate = match found {
        Some(at) => entities.remove(at),
        None => Candidate {
            name: place.to_string(),
            mentions: 0,
            known: Some(EntityKind::Place),
            ..Candidate::default()
        },
    };
    candidate.mentions += 1;
    candidate.first = (0, 0);
    candidate
        .evidence
        .merge(Evidence::of(EntityKind::Place, DATELINE_POINTS));
    entities.insert(0, candidate);
}

#[cfg(test)]
mod tests;
