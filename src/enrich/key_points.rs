//! Key points: two or three whole sentences from across a story, for the
//! "In brief" box, so that it no longer repeats the lede.
//!
//! Extractive and cheap. Every sentence is weighed by what it carries:
//! names (capitalised words inside it), key figures, a quotation, and its
//! centrality among the story's sentences (how many content words it
//! shares with the others, as TextRank weighs an edge); its position is one
//! signal among these, not the rule. A sentence that opens by pointing
//! back ("He said…", "But…") weighs less, since it is read alone, and so
//! does one that is mostly a quotation, which the box shows under Quotes.
//!
//! Never the lede again: no sentence of the first paragraph is chosen, nor
//! one that shares most of its words with the lede. Chosen points do not
//! repeat each other and are given in reading order. A story of one
//! paragraph has no key points (the lede is all there is); one of two
//! paragraphs has at most one; longer stories have up to three.

use super::extract::Extracted;
use super::extract::hash::Fnv;
use super::extract::lexicon::{List, word_lists};
use super::sentences::sentence_ends;
use std::hash::Hasher;

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

/// Sentences read per story: the rest of a very long story is not weighed.
const MAX_SENTENCES: usize = 80;

/// Content words shorter than this are not compared.
const MIN_WORD_CHARS: usize = 3;

/// Frequent words that say nothing about what a sentence is about, sorted.
const STOPWORDS: &[&str] = &[
    "about", "after", "again", "against", "all", "also", "and", "any", "are", "because", "been",
    "before", "being", "between", "both", "but", "can", "could", "did", "does", "during", "each",
    "for", "from", "had", "has", "have", "her", "here", "him", "his", "how", "into", "its", "just",
    "more", "most", "not", "now", "off", "once", "only", "other", "our", "out", "over", "own",
    "said", "same", "says", "she", "should", "since", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "too", "under",
    "until", "very", "was", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your",
];

/// First words that point back to something the reader of one sentence
/// has not seen.
const BACK_REFERENCES: &[&str] = &[
    "He",
    "She",
    "It",
    "They",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "But",
    "And",
    "However",
    "Also",
    "Meanwhile",
    "Such",
    "Both",
    "Then",
    "There",
    "Yet",
    "So",
    "Instead",
    "Still",
];

/// One sentence and what it carries.
#[derive(Debug)]
struct Sentence<'a> {
    text: &'a str,
    paragraph: usize,
    /// Sorted hashes of its content words.
    words: Vec<u64>,
    word_count: usize,
    names: usize,
    points_back: bool,
    /// Whether it opens inside a quotation begun by an earlier sentence.
    in_quote: bool,
}

/// Two or three key points of a story: whole sentences of `paragraphs`
/// (never of the first) in reading order, none repeating `lede`.
pub(crate) fn choose(paragraphs: &[String], lede: &str, extracted: &Extracted) -> Vec<String> {
    let wanted = MAX_POINTS.min(paragraphs.len().saturating_sub(1));
    if wanted == 0 {
        return Vec::new();
    }
    let sentences = split(paragraphs);
    let lede_words = content_words(lede, &mut String::new());
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

/// The sentences of every paragraph, in reading order.
fn split(paragraphs: &[String]) -> Vec<Sentence<'_>> {
    let mut buffer = String::new();
    let mut out = Vec::new();
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let mut start = 0;
        let mut quoting = false;
        for end in sentence_ends(paragraph) {
            let text = paragraph[start..end].trim();
            start = end;
            if text.is_empty() {
                continue;
            }
            let in_quote = quoting;
            for c in text.chars() {
                match c {
                    '“' => quoting = true,
                    '”' => quoting = false,
                    '"' => quoting = !quoting,
                    _ => {}
                }
            }
            if out.len() == MAX_SENTENCES {
                return out;
            }
            let (word_count, names, points_back) = shape(text);
            out.push(Sentence {
                text,
                paragraph: p,
                words: content_words(text, &mut buffer),
                word_count,
                names,
                points_back,
                in_quote,
            });
        }
    }
    out
}

/// Each sentence's score, or `None` where it cannot be a key point.
fn score(sentences: &[Sentence<'_>], lede: &[u64], extracted: &Extracted) -> Vec<Option<f32>> {
    let centrality: Vec<f32> = (0..sentences.len())
        .map(|i| {
            let own = &sentences[i].words;
            sentences
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, other)| similarity(own, &other.words))
                .sum()
        })
        .collect();
    let most_central = centrality.iter().copied().fold(f32::EPSILON, f32::max);
    let count = sentences.len() as f32;
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if !eligible(s, lede) {
                return None;
            }
            let figures = extracted
                .figures
                .iter()
                .filter(|f| s.text.contains(f.text.as_str()))
                .count();
            let quoted = quoted_share(s.text, extracted);
            // A sentence that is mostly a quotation is shown under Quotes.
            let quote = if quoted > 0.5 {
                -0.2
            } else {
                0.1 * f32::from(u8::from(quoted > 0.0))
            };
            let position = 1.0 - i as f32 / count;
            let value = 0.45 * centrality[i] / most_central
                + 0.15 * s.names.min(4) as f32 / 4.0
                + 0.15 * figures.min(2) as f32 / 2.0
                + quote
                + 0.25 * position
                - 0.3 * f32::from(u8::from(s.points_back));
            Some(value)
        })
        .collect()
}

/// The share of `sentence` taken by the article's quotations.
fn quoted_share(sentence: &str, extracted: &Extracted) -> f32 {
    let quoted: usize = extracted
        .quotes
        .iter()
        .filter(|q| sentence.contains(q.text.as_str()))
        .map(|q| q.text.len())
        .sum();
    quoted as f32 / sentence.len().max(1) as f32
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
    let balanced = s.text.matches('“').count() == s.text.matches('”').count()
        && s.text.matches('"').count() % 2 == 0;
    s.paragraph > 0
        && closed
        && balanced
        && !s.in_quote
        && (MIN_WORDS..=MAX_WORDS).contains(&s.word_count)
        && share(&s.words, lede) < REPEAT_SHARE
}

/// Words, names (runs of capitalised words past the first word that are
/// not function words, days or months) and whether it points back.
fn shape(text: &str) -> (usize, usize, bool) {
    let mut words = 0;
    let mut names = 0;
    let mut in_name = false;
    let mut points_back = false;
    let not_names = List::Stop.bit() | List::Time.bit();
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = bare.starts_with(char::is_uppercase);
        if words == 0 {
            points_back = BACK_REFERENCES.contains(&bare);
        } else if capital && word_lists(bare) & not_names == 0 {
            names += usize::from(!in_name);
            in_name = true;
        } else {
            in_name = false;
        }
        if !capital {
            in_name = false;
        }
        words += 1;
    }
    (words, names, points_back)
}

/// Sorted, deduplicated hashes of the lower-cased content words of `text`.
fn content_words(text: &str, buffer: &mut String) -> Vec<u64> {
    let mut hashes = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().nth(MIN_WORD_CHARS - 1).is_none() {
            continue;
        }
        buffer.clear();
        buffer.extend(word.chars().flat_map(char::to_lowercase));
        if STOPWORDS.binary_search(&buffer.as_str()).is_ok() {
            continue;
        }
        let mut h = Fnv::default();
        h.write(buffer.as_bytes());
        hashes.push(h.finish());
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
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

/// TextRank's similarity of two sentences: shared words over the logs of
/// their sizes.
fn similarity(a: &[u64], b: &[u64]) -> f32 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    shared(a, b) as f32 / ((a.len() as f32).ln() + (b.len() as f32).ln())
}

#[cfg(test)]
mod tests;
