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
mod mention;
mod names;
mod not_names;
mod para;
mod rules;
mod runs;

use super::candidate::{Candidate, EntityKind, Evidence};
use super::hash::word_hash;
use super::lexicon::Lexicon;
use crate::enrich::tokens::Shape;
use context::{Memory, Reader};
use mention::{KNOWN, Raw};

pub use mention::Mention;
pub use para::Para;

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
            memory: Memory::default(),
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
                evidence: Evidence::of(*kind, KNOWN),
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

/// Mentions of corrected names: a name given in `entities.toml` or front
/// matter wins over what the rules read inside it ("Port of Velmora" given
/// as an organisation is no place "Port"), and is found where the rules
/// found nothing (lower-case names). The longest given name wins where two
/// overlap; a longer name the rules read around a given one ("Kim Yo Jong"
/// around a given "Kim") stays.
fn given_mentions(p: &Para<'_>, lex: &Lexicon, raws: &mut Vec<Raw>) {
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
    let here = |r: &Raw| r.paragraph == p.index;
    for (start, end, alias, kind, canonical) in hits {
        let inside = |r: &Raw| here(r) && start <= r.start && r.end <= end;
        let overlaps = |r: &Raw| here(r) && r.start < end && start < r.end;
        let same = |r: &Raw| r.start == start && r.end == end && r.known == Some(kind);
        if raws.iter().any(|r| overlaps(r) && (!inside(r) || same(r))) {
            continue;
        }
        let Some(first) = p.tokens.iter().position(|t| t.start == start) else {
            continue;
        };
        raws.retain(|r| !inside(r));
        let mut raw = Raw::known(p, (first, first), kind, canonical);
        raw.surface = alias.to_string();
        raw.end = end;
        raw.words = alias.split_whitespace().count();
        raws.push(raw);
    }
}

#[cfg(test)]
mod tests;
