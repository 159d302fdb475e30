//! People, places and organisations named in one article.
//!
//! [`extract`] reads each paragraph in three steps: `runs` finds the
//! name-shaped runs of capitalised words, `rules` splits each run into
//! titles, demonyms and names and weighs their shape while `context`
//! weighs the words around them, and `fold` groups the mentions into
//! candidates, folding aliases ("Kim" → "Kim Jong Un", "KCNA" → "Korean
//! Central News Agency"). Nothing is decided here that needs the rest of the
//! corpus; the evidence travels with each [`Candidate`].

mod context;
mod fold;
mod names;
mod rules;
mod runs;

use std::cell::Cell;

use super::briefing::{Candidate, EntityKind, Evidence};
use super::lexicon::{Lexicon, List, word_hash, word_lists};
use super::tokens::{Shape, Token, tokenize};

/// One paragraph and its tokens.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    /// Its index in the article.
    pub index: usize,
    /// Its text.
    pub text: &'a str,
    /// Its words.
    pub tokens: Vec<Token<'a>>,
    /// For each word, the word lists it is in (see [`List::bit`]), looked
    /// up on first use: most words are never asked about.
    lists: Vec<Cell<u32>>,
}

/// A word's lists not looked up yet.
const UNKNOWN_LISTS: u32 = u32::MAX;

impl<'a> Para<'a> {
    /// Tokenizes paragraph `index`.
    pub fn new(index: usize, text: &'a str) -> Para<'a> {
        let tokens = tokenize(text);
        let lists = vec![Cell::new(UNKNOWN_LISTS); tokens.len()];
        Para {
            index,
            text,
            tokens,
            lists,
        }
    }

    /// Whether token `i` is in word list `list`.
    pub fn is(&self, i: usize, list: List) -> bool {
        self.lists_of(i) & list.bit() != 0
    }

    /// The word lists token `i` is in, one bit per list.
    pub fn lists_of(&self, i: usize) -> u32 {
        let (Some(cell), Some(token)) = (self.lists.get(i), self.tokens.get(i)) else {
            return 0;
        };
        if cell.get() == UNKNOWN_LISTS {
            cell.set(word_lists(token.text));
        }
        cell.get()
    }

    /// The text between token `i` and the next one (or the end).
    pub fn gap(&self, i: usize) -> &'a str {
        let from = self.tokens.get(i).map_or(self.text.len(), |t| t.full_end);
        let to = self.tokens.get(i + 1).map_or(self.text.len(), |t| t.start);
        self.text.get(from..to).unwrap_or_default()
    }

    /// Whether token `i` and the next are separated by one space only.
    pub fn spaced(&self, i: usize) -> bool {
        self.gap(i) == " "
    }

    /// Whether token `i` and the next belong to one name ("Johnson &
    /// Johnson" too).
    pub fn joined(&self, i: usize) -> bool {
        matches!(self.gap(i), " " | " & ")
    }

    /// Whether every token from `first` to `last` is joined to the next.
    pub fn spaced_between(&self, first: usize, last: usize) -> bool {
        (first..last).all(|i| self.joined(i))
    }

    /// The text from token `first` to token `last`, possessive cut off.
    pub fn slice(&self, first: usize, last: usize) -> &'a str {
        let start = self.tokens[first].start;
        let end = self.tokens[last].end.max(start);
        self.text.get(start..end).unwrap_or_default()
    }
}

/// Reading one paragraph: its tokens, what is known, the previous name
/// (for coordination) and where mentions go.
pub struct Reader<'r, 'a> {
    /// The paragraph.
    pub p: &'r Para<'a>,
    /// Gazetteers, word lists and corrections.
    pub lex: &'r Lexicon,
    /// The previous name read.
    pub memory: context::Memory,
    /// The mentions found so far.
    pub out: &'r mut Vec<Raw>,
}

/// One mention of a name, before grouping.
#[derive(Debug, Clone, Default)]
pub struct Raw {
    /// The name it counts for (canonical when a gazetteer knows it).
    pub name: String,
    /// The words as written.
    pub surface: String,
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range in the paragraph.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Sentence within the paragraph.
    pub sentence: u32,
    /// Words in `surface`.
    pub words: usize,
    /// What the name's own words say.
    pub shape: Evidence,
    /// What the words around it say.
    pub context: Evidence,
    /// The strongest single clue.
    pub strength: i32,
    /// Whether a verb of saying goes with it.
    pub speaks: bool,
    /// A kind fixed by a gazetteer or correction.
    pub known: Option<EntityKind>,
    /// Whether it opens a sentence.
    pub sentence_initial: bool,
    /// The acronym this expansion defines, "(KCNA)".
    pub defines: Option<String>,
    /// Whether it is a single all-capitals word.
    pub acronym: bool,
}

impl Raw {
    /// A mention of the words `first..=last` of `p`.
    pub fn new(p: &Para<'_>, (first, last): (usize, usize)) -> Raw {
        let surface = p.slice(first, last).to_string();
        Raw {
            name: surface.clone(),
            words: surface.split_whitespace().count(),
            surface,
            paragraph: p.index,
            start: p.tokens[first].start,
            end: p.tokens[last].end,
            sentence: p.tokens[first].sentence,
            sentence_initial: p.tokens[first].sentence_start,
            acronym: first == last && p.tokens[first].shape == Shape::Upper,
            ..Raw::default()
        }
    }

    /// A mention of a name a gazetteer or correction knows.
    pub fn known(p: &Para<'_>, span: (usize, usize), kind: EntityKind, canonical: &str) -> Raw {
        Raw {
            name: canonical.to_string(),
            known: Some(kind),
            context: Evidence::of(kind, rules::KNOWN),
            strength: rules::KNOWN,
            ..Raw::new(p, span)
        }
    }
}

/// Where an entity is named, for attributing quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte offset of the name in the paragraph.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// The candidate named, as an index.
    pub candidate: usize,
}

/// The entity side of one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Candidates in order of first mention.
    pub candidates: Vec<Candidate>,
    /// Every mention, in reading order.
    pub mentions: Vec<Mention>,
    /// Sorted hashes of the words written in lower case.
    pub lowercase_words: Vec<u64>,
}

/// Finds the entities of an article.
pub fn extract(paragraphs: &[Para<'_>], lex: &Lexicon) -> Extraction {
    let mut raws = Vec::new();
    let mut lowercase_words = Vec::new();
    for p in paragraphs {
        lowercase_words.extend(
            p.tokens
                .iter()
                .filter(|t| t.shape == Shape::Lower && t.text.len() > 1)
                .map(|t| word_hash(t.text)),
        );
        let mut reader = Reader {
            p,
            lex,
            memory: context::Memory::default(),
            out: &mut raws,
        };
        for run in runs::runs(p, lex) {
            rules::analyse(&mut reader, run);
        }
        if lex.has_given() {
            given_mentions(p, lex, &mut raws);
        }
    }
    lowercase_words.sort_unstable();
    lowercase_words.dedup();
    let (mut candidates, mentions) = fold::group(raws);
    for (kind, name) in lex.added() {
        if !candidates.iter().any(|c| &c.name == name) {
            candidates.push(Candidate {
                name: name.clone(),
                mentions: 1,
                first: (u32::MAX, 0),
                evidence: Evidence::of(*kind, rules::KNOWN),
                known: Some(*kind),
                ..Candidate::default()
            });
        }
    }
    Extraction {
        candidates,
        mentions,
        lowercase_words,
    }
}

/// Mentions of corrected names the rules did not find as runs (lower-case
/// names, names inside longer runs). The longest name wins where two
/// overlap.
fn given_mentions(p: &Para<'_>, lex: &Lexicon, raws: &mut Vec<Raw>) {
    let mut taken: Vec<(usize, usize)> = raws
        .iter()
        .filter(|r| r.paragraph == p.index)
        .map(|r| (r.start, r.end))
        .collect();
    let mut hits: Vec<(usize, usize, &str, EntityKind, &str)> = Vec::new();
    for (alias, kind, canonical) in lex.given() {
        for (start, _) in p.text.match_indices(alias) {
            let end = start + alias.len();
            let bounded = !p.text[..start].ends_with(char::is_alphanumeric)
                && !p.text[end..].starts_with(char::is_alphanumeric);
            if bounded {
                hits.push((start, end, alias, kind, canonical));
            }
        }
    }
    hits.sort_by(|a, b| (a.0, b.1, a.2).cmp(&(b.0, a.1, b.2)));
    for (start, end, alias, kind, canonical) in hits {
        let overlaps = taken.iter().any(|&(s, e)| s < end && start < e);
        let Some(first) = p.tokens.iter().position(|t| t.start == start) else {
            continue;
        };
        if !overlaps {
            let mut raw = Raw::known(p, (first, first), kind, canonical);
            raw.surface = alias.to_string();
            raw.end = end;
            raw.words = alias.split_whitespace().count();
            raws.push(raw);
            taken.push((start, end));
        }
    }
}

#[cfg(test)]
mod tests;
