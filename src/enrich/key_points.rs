//! Key points: two or three whole sentences from across a story, for the
//! "In brief" box, so that it no longer repeats the lede.
//!
//! Extractive and cheap. Every sentence is weighed by what it carries:
//! names (capitalised words inside it), key figures, a quotation, and its
//! centrality among the story's sentences (its word overlap with all the
//! others, over the log of its length, as TextRank weighs an edge, summed
//! in one pass over a word count rather than pair by pair); its position is one
//! signal among these, not the rule. A sentence that opens by pointing
//! back ("He said…", "But…") weighs less, since it is read alone, and so
//! does one that is mostly a quotation, which the box shows under Quotes.
//!
//! Never the lede again: no sentence of the first paragraph is chosen, nor
//! one that shares most of its words with the lede. Chosen points do not
//! repeat each other and are given in reading order. A story of one
//! paragraph has no key points (the lede is all there is); one of two
//! paragraphs has at most one; longer stories have up to three.

mod read;

use super::extract::Extracted;
use super::extract::entities::Para;
use read::{Sentence, content_words, sentences};

/// The most key points a story has.
const MAX_POINTS: usize = 3;

/// A point has at least this many words, so it says something alone.
const MIN_WORDS: usize = 6;

/// A point has at most this many words, so the box stays brief.
const MAX_WORDS: usize = 55;

/// A sentence with this share of its content words in the lede repeats it.
const REPEAT_SHARE: f32 = 0.6;

/// Two points may share at most this share of the shorter one's words.
const REDUNDANT_SHARE: f32 = 0.5;

/// Two or three key points of a story: whole sentences of its paragraphs
/// (`paras`, as the extractors read them; never of the first) in reading
/// order, none repeating `lede`.
pub(crate) fn choose(paras: &[Para<'_>], lede: &str, extracted: &Extracted) -> Vec<String> {
    let wanted = MAX_POINTS.min(paras.len().saturating_sub(1));
    if wanted == 0 {
        return Vec::new();
    }
    let sentences = sentences(paras);
    let lede_words = if paras.first().is_some_and(|p| p.text == lede) {
        let mut words: Vec<u64> = sentences
            .iter()
            .take_while(|s| s.paragraph == 0)
            .flat_map(|s| s.words.iter().copied())
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    } else {
        content_words(lede)
    };
    let scores = score(&sentences, &lede_words, extracted);
    let mut ranked: Vec<(f32, usize)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (s, i)))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
    for (_, i) in ranked {
        if chosen.len() == wanted {
            break;
        }
        let redundant = chosen
            .iter()
            .any(|&c| share(&sentences[i].words, &sentences[c].words) > REDUNDANT_SHARE);
        if !redundant {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|i| sentences[i].text.to_string())
        .collect()
}

/// Each sentence's score, or `None` where it cannot be a key point.
fn score(sentences: &[Sentence<'_>], lede: &[u64], extracted: &Extracted) -> Vec<Option<f32>> {
    // A sentence's overlap with all the others is the sum, over its words,
    // of the other sentences using each: one sort of every (word, sentence)
    // pair finds them all. A word hash keeps its upper 48 bits here, the
    // sentence's number the lower 16 (MAX_SENTENCES is far below 2^16).
    let mut pairs: Vec<u64> = sentences
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.words.iter().map(move |&w| (w & !0xffff) | i as u64))
        .collect();
    pairs.sort_unstable();
    let mut overlap = vec![0usize; sentences.len()];
    for run in pairs.chunk_by(|a, b| a >> 16 == b >> 16) {
        for &pair in run {
            overlap[(pair & 0xffff) as usize] += run.len() - 1;
        }
    }
    let centrality: Vec<Option<f32>> = sentences
        .iter()
        .zip(&overlap)
        .map(|(s, &overlap)| {
            eligible(s, lede).then(|| overlap as f32 / (1.0 + (s.words.len().max(1) as f32).ln()))
        })
        .collect();
    let most_central = centrality
        .iter()
        .flatten()
        .fold(f32::EPSILON, |a, &b| a.max(b));
    let count = sentences.len() as f32;
    sentences
        .iter()
        .zip(&centrality)
        .enumerate()
        .map(|(i, (s, centrality))| {
            let centrality = (*centrality)?;
            let figures = if s.text.bytes().any(|b| b.is_ascii_digit()) {
                extracted
                    .figures
                    .iter()
                    .filter(|f| s.text.contains(f.text.as_str()))
                    .count()
            } else {
                0
            };
            // A sentence that is mostly a quotation is shown under Quotes.
            let quote = match s.quoted {
                q if q > 0.5 => -0.2,
                q if q > 0.0 => 0.1,
                _ => 0.0,
            };
            let position = 1.0 - i as f32 / count;
            Some(
                0.45 * centrality / most_central
                    + 0.15 * s.names.min(4) as f32 / 4.0
                    + 0.15 * figures.min(2) as f32 / 2.0
                    + quote
                    + 0.25 * position
                    - 0.3 * f32::from(u8::from(s.points_back)),
            )
        })
        .collect()
}

/// Whether `s` can stand as a key point: past the first paragraph, a whole
/// sentence of a reasonable length (not part of a quotation split over
/// sentences), not a repeat of the lede.
fn eligible(s: &Sentence<'_>, lede: &[u64]) -> bool {
    let closed = s
        .text
        .trim_end_matches(['”', '"', '’', '\'', ')', ']'])
        .ends_with(['.', '!', '?']);
    // A quotation split over sentences leaves one end in each: a fragment.
    s.paragraph > 0
        && closed
        && s.balanced
        && !s.in_quote
        && (MIN_WORDS..=MAX_WORDS).contains(&s.word_count)
        && share(&s.words, lede) < REPEAT_SHARE
}

/// How many of two sorted sets' members they share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The share of `a`'s words that `b` has too (0 for no words).
fn share(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    shared(a, b) as f32 / a.len().min(b.len().max(1)) as f32
}

#[cfg(test)]
mod tests;
