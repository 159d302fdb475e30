//! One pass over a sentence for the key points: its content words (hashed,
//! lower-cased, function words left out), its length, the names in it,
//! whether it points back, and what of it is quoted.
//!
//! Every story's every sentence is read, so the pass allocates only the
//! word list and reads each character once.

use crate::enrich::extract::lexicon::{List, word_lists};

/// Content words shorter than this (in bytes) are not compared.
const MIN_WORD_BYTES: usize = 3;

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

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// What one pass over a sentence found.
#[derive(Debug, Default)]
pub(super) struct Scan {
    /// Sorted, deduplicated hashes of its lower-cased content words.
    pub words: Vec<u64>,
    /// Words, as separated by spaces.
    pub word_count: usize,
    /// Runs of capitalised words past the first word that are not function
    /// words, days or months.
    pub names: usize,
    /// Whether its first word points back ("He", "But").
    pub points_back: bool,
    /// Bytes inside quotation marks.
    pub quoted_bytes: usize,
    /// Whether its quotation marks pair up.
    pub balanced: bool,
    /// Whether a quotation is still open at its end.
    pub quoting_after: bool,
}

/// Reads `text`; `quoting` says whether it starts inside a quotation.
pub(super) fn scan(text: &str, quoting: bool) -> Scan {
    let mut reader = Reader {
        scan: Scan::default(),
        first: true,
        in_name: false,
    };
    let mut quoting = quoting;
    let (mut opens, mut closes, mut straight) = (0usize, 0usize, 0usize);
    let mut word_start = None;
    let mut hash = FNV_OFFSET;
    let mut after_space = true;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(at);
                hash = FNV_OFFSET;
            }
            hash = hash_lower(hash, c);
        } else if let Some(start) = word_start.take() {
            reader.word(&text[start..at], hash);
        }
        let space = c.is_whitespace();
        reader.scan.word_count += usize::from(after_space && !space);
        after_space = space;
        match c {
            '“' => (quoting, opens) = (true, opens + 1),
            '”' => (quoting, closes) = (false, closes + 1),
            '"' => (quoting, straight) = (!quoting, straight + 1),
            _ if quoting => reader.scan.quoted_bytes += c.len_utf8(),
            _ => {}
        }
    }
    if let Some(start) = word_start {
        reader.word(&text[start..], hash);
    }
    let mut scan = reader.scan;
    scan.words.sort_unstable();
    scan.words.dedup();
    scan.balanced = opens == closes && straight % 2 == 0;
    scan.quoting_after = quoting;
    scan
}

/// Sorted, deduplicated hashes of the lower-cased content words of `text`.
pub(super) fn content_words(text: &str) -> Vec<u64> {
    scan(text, false).words
}

/// The scan while it reads words.
struct Reader {
    scan: Scan,
    first: bool,
    in_name: bool,
}

impl Reader {
    /// Takes in one word (a run of letters and digits) and its hash.
    fn word(&mut self, word: &str, hash: u64) {
        let capital = word.starts_with(char::is_uppercase);
        if self.first {
            self.scan.points_back = BACK_REFERENCES.contains(&word);
            self.first = false;
        } else if capital {
            let not_names = List::Stop.bit() | List::Time.bit();
            if word_lists(word) & not_names == 0 {
                self.scan.names += usize::from(!self.in_name);
                self.in_name = true;
            }
        } else {
            self.in_name = false;
        }
        if word.len() >= MIN_WORD_BYTES && !is_stopword(word) {
            self.scan.words.push(hash);
        }
    }
}

/// FNV-1a over the lower-cased UTF-8 bytes of `c`.
fn hash_lower(mut hash: u64, c: char) -> u64 {
    let mut utf8 = [0u8; 4];
    if c.is_ascii() {
        return (hash ^ u64::from(c.to_ascii_lowercase() as u8)).wrapping_mul(FNV_PRIME);
    }
    for lower in c.to_lowercase() {
        for b in lower.encode_utf8(&mut utf8).bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    hash
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

    #[test]
    fn content_words_ignore_case_and_function_words() {
        assert_eq!(
            content_words("The Harbour and THE harbour"),
            content_words("harbour")
        );
        assert_eq!(content_words("Éire ÉIRE éire"), content_words("éire"));
        assert!(content_words("The and of it was with their").is_empty());
    }

    #[test]
    fn names_quotes_and_back_references() {
        let s = scan(
            "He told Ines Fonseca on Monday: “We will rebuild the port.”",
            false,
        );
        assert_eq!((s.word_count, s.names, s.points_back), (11, 1, true));
        assert!(s.balanced && !s.quoting_after);
        assert_eq!(s.quoted_bytes, "We will rebuild the port.".len());
        let open = scan("She said: “The harbour will reopen.", false);
        assert!(!open.balanced && open.quoting_after);
        assert!(scan("Ships will return.", true).quoting_after);
    }
}
