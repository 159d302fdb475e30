//! The sentences of a story as the key points weigh them, read off the
//! words the extractors already tokenized (so no character is decoded
//! twice): each sentence's text, content words (hashed, lower-cased,
//! function words left out), length, names, whether it points back, and
//! what of it is quoted.

use crate::enrich::extract::entities::Para;
use crate::enrich::extract::lexicon::List;
use crate::enrich::tokens::{Shape, Token};

/// Content words shorter than this (in bytes) are not compared.
const MIN_WORD_BYTES: usize = 3;

/// Sentences read per story: the rest of a very long story is not weighed.
const MAX_SENTENCES: usize = 80;

/// Whether a sentence's first word points back to something the reader
/// of one sentence has not seen.
fn points_back(first: &str) -> bool {
    matches!(
        first,
        "He" | "She"
            | "It"
            | "They"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "But"
            | "And"
            | "However"
            | "Also"
            | "Meanwhile"
            | "Such"
            | "Both"
            | "Then"
            | "There"
            | "Yet"
            | "So"
            | "Instead"
            | "Still"
    )
}

/// What closes a sentence after its last word: terminators and closing
/// quotes or brackets.
const CLOSERS: &[char] = &['.', '!', '?', '”', '’', '"', '\'', ')', ']', '…'];

/// What may open a sentence before its first word.
const OPENERS: &[char] = &['“', '‘', '"', '\'', '(', '['];

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One sentence and what it carries.
#[derive(Debug)]
pub(super) struct Sentence<'a> {
    /// The sentence as written in its paragraph.
    pub text: &'a str,
    /// Its paragraph.
    pub paragraph: usize,
    /// Sorted hashes of its content words.
    pub words: Vec<u64>,
    /// Its words.
    pub word_count: usize,
    /// Runs of capitalised words past its first that are not function
    /// words, days or months.
    pub names: usize,
    /// Whether its first word points back ("He", "But").
    pub points_back: bool,
    /// Whether its quotation marks pair up.
    pub balanced: bool,
    /// Whether it opens inside a quotation begun by an earlier sentence.
    pub in_quote: bool,
    /// The share of its bytes inside quotation marks.
    pub quoted: f32,
}

/// The sentences of every paragraph, in reading order.
pub(super) fn sentences<'a>(paras: &[Para<'a>]) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    for p in paras {
        let mut quoting = false;
        let mut first = 0;
        while first < p.tokens.len() && out.len() < MAX_SENTENCES {
            let number = p.tokens[first].sentence;
            let last = first
                + p.tokens[first..]
                    .iter()
                    .take_while(|t| t.sentence == number)
                    .count()
                - 1;
            out.push(sentence(p, first, last, &mut quoting));
            first = last + 1;
        }
    }
    out
}

/// The sentence of paragraph `p` from token `first` to token `last`.
fn sentence<'a>(p: &Para<'a>, first: usize, last: usize, quoting: &mut bool) -> Sentence<'a> {
    let tokens = &p.tokens[first..=last];
    let start = p.text[..tokens[0].start].trim_end_matches(OPENERS).len();
    let tail = &p.text[tokens[tokens.len() - 1].full_end..];
    let end = p.text.len() - tail.trim_start_matches(CLOSERS).len();
    let text = &p.text[start..end];
    let in_quote = *quoting;
    let mut marks = Marks::default();
    marks.read(&p.text[start..tokens[0].start], quoting);
    let mut quoted = 0;
    let mut names = 0;
    let mut in_name = false;
    let mut words = Vec::with_capacity(tokens.len());
    for (k, t) in tokens.iter().enumerate() {
        let gap_end = if k + 1 < tokens.len() {
            tokens[k + 1].start
        } else {
            end
        };
        if *quoting {
            quoted += gap_end.max(t.full_end) - t.start;
        }
        let name = k > 0 && t.is_capitalised() && p.lists_of(first + k) & not_names() == 0;
        names += usize::from(name && !in_name);
        in_name = name;
        if t.text.len() >= MIN_WORD_BYTES {
            let h = hash(t);
            if !is_stopword(h) {
                words.push(h);
            }
        }
        let gap_end = if k + 1 < tokens.len() {
            tokens[k + 1].start
        } else {
            end
        };
        marks.read(&p.text[t.full_end..gap_end.max(t.full_end)], quoting);
    }
    words.sort_unstable();
    words.dedup();
    Sentence {
        text,
        paragraph: p.index,
        words,
        word_count: tokens.len(),
        names,
        points_back: points_back(tokens[0].text),
        balanced: marks.opens == marks.closes && marks.straight % 2 == 0,
        in_quote,
        quoted: quoted as f32 / text.len().max(1) as f32,
    }
}

fn not_names() -> u32 {
    List::Stop.bit() | List::Time.bit()
}

/// Quotation marks counted between words.
#[derive(Debug, Default)]
struct Marks {
    opens: usize,
    closes: usize,
    straight: usize,
}

impl Marks {
    fn read(&mut self, gap: &str, quoting: &mut bool) {
        for c in gap.chars() {
            match c {
                '“' => (*quoting, self.opens) = (true, self.opens + 1),
                '”' => (*quoting, self.closes) = (false, self.closes + 1),
                '"' => (*quoting, self.straight) = (!*quoting, self.straight + 1),
                _ => {}
            }
        }
    }
}

/// The hash of a word lower-cased: FNV-1a over its lower-case UTF-8.
fn hash(token: &Token<'_>) -> u64 {
    if token.shape == Shape::Lower && token.text.is_ascii() {
        return token.text.bytes().fold(FNV_OFFSET, |h, b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME)
        });
    }
    hash_lower(token.text)
}

fn hash_lower(word: &str) -> u64 {
    let mut utf8 = [0u8; 4];
    word.chars()
        .flat_map(char::to_lowercase)
        .fold(FNV_OFFSET, |mut h, c| {
            for b in c.encode_utf8(&mut utf8).bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
            }
            h
        })
}

/// Sorted, deduplicated hashes of the content words of any text (a
/// front-matter summary), hashed as [`sentences`] hashes them.
pub(super) fn content_words(text: &str) -> Vec<u64> {
    let mut words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric() && !"-’'.&".contains(c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| w.strip_suffix("’s").or(w.strip_suffix("'s")).unwrap_or(w))
        .filter(|w| w.len() >= MIN_WORD_BYTES)
        .map(hash_lower)
        .filter(|h| !is_stopword(*h))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Frequent words that say nothing about what a sentence is about.
const STOPWORDS: [&str; 92] = [
    "about", "after", "again", "against", "all", "also", "and", "any", "are", "because", "been",
    "before", "being", "between", "both", "but", "can", "could", "did", "does", "during", "each",
    "for", "from", "had", "has", "have", "her", "here", "him", "his", "how", "into", "its", "just",
    "more", "most", "not", "now", "off", "once", "only", "other", "our", "out", "over", "own",
    "said", "same", "says", "she", "should", "since", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "too", "under",
    "until", "very", "was", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your", "upon", "onto", "per", "via", "yet", "ago",
];

/// The stopwords' hashes, sorted, computed when compiling: a word is
/// looked up by the hash it has anyway.
const STOP_HASHES: [u64; STOPWORDS.len()] = sorted_hashes(STOPWORDS);

const fn fnv(bytes: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

const fn sorted_hashes<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = fnv(words[i].as_bytes());
        i += 1;
    }
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && out[j - 1] > out[j] {
            let swap = out[j];
            out[j] = out[j - 1];
            out[j - 1] = swap;
            j -= 1;
        }
        i += 1;
    }
    out
}

/// Whether the word hashing to `hash` is a stopword.
fn is_stopword(hash: u64) -> bool {
    STOP_HASHES.binary_search(&hash).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(paragraph: &str) -> Vec<Sentence<'_>> {
        sentences(&[Para::new(0, paragraph)])
    }

    #[test]
    fn sentences_are_whole_with_their_quotes_and_closers() {
        let text = "He met Ines Fonseca (the minister). She said: “We will rebuild the port.” “It will take years.”";
        let s = read(text);
        let texts: Vec<&str> = s.iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "He met Ines Fonseca (the minister).",
                "She said: “We will rebuild the port.”",
                "“It will take years.”"
            ]
        );
        assert_eq!(
            (s[0].word_count, s[0].names, s[0].points_back),
            (6, 1, true)
        );
        assert!(s[1].balanced && !s[1].in_quote && s[1].quoted > 0.5);
    }

    #[test]
    fn a_quotation_over_sentences_is_marked() {
        let s = read("She said: “The harbour will reopen. Ships will return.” Then she left.");
        assert!(!s[0].balanced);
        assert!(s[1].in_quote && !s[1].balanced);
        assert!(!s[2].in_quote && s[2].balanced);
    }

    #[test]
    fn stopword_hashes_are_the_words_hashes() {
        for word in STOPWORDS {
            assert!(is_stopword(hash_lower(word)), "{word}");
            assert!(is_stopword(hash_lower(&word.to_uppercase())), "{word}");
        }
        assert!(!is_stopword(hash_lower("harbour")));
    }

    #[test]
    fn words_are_compared_lower_cased_without_function_words() {
        let s = read("The Harbour and THE harbour’s wall. The harbour wall.");
        assert_eq!(s[0].words, s[1].words);
        assert_eq!(s[0].words, content_words("harbour wall"));
        assert_eq!(content_words("Éire ÉIRE éire"), content_words("éire"));
        assert!(content_words("The and of it was with their").is_empty());
    }
}
