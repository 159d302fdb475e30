//! The briefing layer of one article: who and where it is about, what was
//! said, and the numbers that matter.
//!
//! Each extractor owns the type it produces: [`entities`] the
//! [`Candidate`]s (their shared vocabulary is the leaf [`candidate`]),
//! [`quotes`] the [`Quote`]s, [`figures`] the [`Figure`]s. [`lexicon`] holds
//! the gazetteers they read with, [`gazetteer`] the open data behind it
//! (places with coordinates, given names, surnames), [`hash`] the word and
//! name hashes the lookups and the corpus pass compare by.
//!
//! [`extract`] runs the per-article extractors over the paragraphs:
//! entities (people, places, organisations with their aliases), quotes with
//! their speakers and key figures. What needs the whole corpus (a word seen
//! in lower case elsewhere is not a name; the same name classed alike
//! everywhere; "Lavrov" alone folded to the "Sergei Lavrov" of another
//! story) is decided later, in `digest`, from the evidence kept here.

pub mod candidate;
pub mod entities;
pub mod figures;
pub mod gazetteer;
pub mod hash;
pub mod lexicon;
pub mod quotes;

use serde::{Deserialize, Serialize};

use candidate::Candidate;
use entities::{Extraction, Para};
use figures::Figure;
use lexicon::Lexicon;
use quotes::Quote;

/// Everything the briefing layer derives from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    /// Named entities, in order of first mention.
    pub entities: Vec<Candidate>,
    /// Quoted passages, in reading order.
    pub quotes: Vec<Quote>,
    /// Key figures, in reading order.
    pub figures: Vec<Figure>,
    /// Hashes of the words the article writes in lower case, sorted: the
    /// corpus pass uses them to tell names from ordinary words.
    pub lowercase_words: Vec<u64>,
}

/// Runs the extractors over an article's paragraphs.
pub fn extract(paragraphs: &[String], lexicon: &Lexicon) -> Extracted {
    extract_read(paragraphs, &paras(paragraphs), lexicon)
}

/// An article's paragraphs read into words, as the extractors read them
/// (the key points read them too).
pub fn paras(paragraphs: &[String]) -> Vec<Para<'_>> {
    paragraphs
        .iter()
        .enumerate()
        .map(|(i, text)| Para::new(i, text))
        .collect()
}

/// Runs the extractors over an article's paragraphs, `paras` being them
/// read into words by [`paras`].
pub fn extract_read(paragraphs: &[String], paras: &[Para<'_>], lexicon: &Lexicon) -> Extracted {
    let Extraction {
        candidates,
        mentions,
        lowercase_words,
    } = entities::extract(paras, lexicon);
    let quotes = quotes::extract(paragraphs, &candidates, &mentions);
    let figures = figures::extract(paras);
    let mut extracted = Extracted {
        entities: candidates,
        quotes,
        figures,
        lowercase_words,
    };
    // Every article's result is kept for the whole build: give back what
    // the lists grew into but do not use.
    extracted.entities.shrink_to_fit();
    extracted.quotes.shrink_to_fit();
    extracted.figures.shrink_to_fit();
    extracted.lowercase_words.shrink_to_fit();
    extracted
}
