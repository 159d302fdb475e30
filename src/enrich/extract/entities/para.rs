//! One paragraph as the extractors read it: its text, its tokens and, on
//! demand, the word lists each token is in. A leaf of the entity reader,
//! also read by the figure extractor.

use std::cell::Cell;

use crate::enrich::extract::lexicon::{List, word_lists};
use crate::enrich::tokens::{Token, tokenize};

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
    /// Johnson" too, and a middle initial: "George W. Bush").
    pub fn joined(&self, i: usize) -> bool {
        match self.gap(i) {
            " " | " & " => true,
            ". " => {
                self.is_initial(i) && self.tokens.get(i + 1).is_some_and(|t| t.is_capitalised())
            }
            _ => false,
        }
    }

    /// Whether token `i` is a single capital letter after another
    /// capitalised word (a middle initial).
    fn is_initial(&self, i: usize) -> bool {
        let mut letters = self.tokens[i].text.chars();
        let single =
            matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
        single && i > 0 && self.tokens[i - 1].is_capitalised() && self.gap(i - 1) == " "
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
