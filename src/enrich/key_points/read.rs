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
        if t.text.len() >= MIN_WORD_BYTES && !is_stopword(t.text) {
            words.push(hash(t));
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
        points_back: BACK_REFERENCES.contains(&tokens[0].text),
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
        .filter(|w| w.len() >= MIN_WORD_BYTES && !is_stopword(w))
        .map(hash_lower)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Frequent words that say nothing about what a sentence is about.
fn is_stopword(word: &str) -> bool {
    let mut lower = [0u8; 8];
    if word.len() > lower.len() || !word.is_ascii() {
        return false;
    }
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..word.len()],
        b"about"
            | b"after"
            | b"again"
            | b"against"
            | b"all"
            | b"also"
            | b"and"
            | b"any"
            | b"are"
            | b"because"
            | b"been"
            | b"before"
            | b"being"
            | b"between"
            | b"both"
            | b"but"
            | b"can"
            | b"could"
            | b"did"
            | b"does"
            | b"during"
            | b"each"
            | b"for"
            | b"from"
            | b"had"
            | b"has"
            | b"have"
            | b"her"
            | b"here"
            | b"him"
            | b"his"
            | b"how"
            | b"into"
            | b"its"
            | b"just"
            | b"more"
            | b"most"
            | b"not"
            | b"now"
            | b"off"
            | b"once"
            | b"only"
            | b"other"
            | b"our"
            | b"out"
            | b"over"
            | b"own"
            | b"said"
            | b"same"
            | b"says"
            | b"she"
            | b"should"
            | b"since"
            | b"some"
            | b"such"
            | b"than"
            | b"that"
            | b"the"
            | b"their"
            | b"them"
            | b"then"
            | b"there"
            | b"these"
            | b"they"
            | b"this"
            | b"those"
            | b"through"
            | b"too"
            | b"under"
            | b"until"
            | b"very"
            | b"was"
            | b"were"
            | b"what"
            | b"when"
            | b"where"
            | b"which"
            | b"while"
            | b"who"
            | b"whom"
            | b"why"
            | b"will"
            | b"with"
            | b"would"
            | b"you"
            | b"your"
    )
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
    fn words_are_compared_lower_cased_without_function_words() {
        let s = read("The Harbour and THE harbour’s wall. The harbour wall.");
        assert_eq!(s[0].words, s[1].words);
        assert_eq!(s[0].words, content_words("harbour wall"));
        assert_eq!(content_words("Éire ÉIRE éire"), content_words("éire"));
        assert!(content_words("The and of it was with their").is_empty());
    }
}
