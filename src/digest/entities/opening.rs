//! Names glued to the word that opened their sentence: "Immunologist
//! Kristian Andersen", "Longtime Imus", a company's name after "Rival".
//! The corpus decides whether that first word belongs to the name.
//!
//! [`Openings`] counts, over the whole corpus, how often each multi-word
//! name and each first word of one is used mid-sentence; [`corpus_name`]
//! reads a candidate against those counts and the words the corpus writes
//! in lower case. Counts, so one article's share can be taken out and put
//! back.

use std::collections::{HashMap, HashSet};

use crate::enrich::extract::candidate::{Candidate, EntityKind};
use crate::enrich::extract::hash::{FnvBuild, word_hash};
use crate::enrich::extract::lexicon::Lexicon;

/// How often names and their first words occur mid-sentence.
#[derive(Debug, Default)]
pub(super) struct Openings<'a> {
    /// Articles using each multi-word name away from a sentence's start.
    mid_sentence: HashMap<&'a str, u32, FnvBuild>,
    /// Multi-word names used mid-sentence, by their first word.
    first_words: HashMap<&'a str, u32, FnvBuild>,
}

impl<'a> Openings<'a> {
    /// Counts every article's candidates, for the pairs [`corpus_name`]
    /// will ask about: two-word names opening a sentence with a word the
    /// corpus writes in lower case (few, so most names are never hashed).
    pub(super) fn count<I>(
        candidates: impl Fn() -> I,
        lower: &HashSet<u64, FnvBuild>,
    ) -> Openings<'a>
    where
        I: Iterator<Item = &'a Candidate>,
    {
        let mut o = Openings::default();
        for c in candidates() {
            match asked_about(c, lower) {
                // A longer name: whether the rest is a name used
                // mid-sentence ("Strike Velmar Energy said").
                Some((_, rest)) if rest.contains(' ') => {
                    o.mid_sentence.entry(rest).or_default();
                }
                Some((first, _)) => {
                    o.mid_sentence.entry(&c.name).or_default();
                    o.first_words.entry(first).or_default();
                }
                None => {}
            }
        }
        if o.mid_sentence.is_empty() {
            return o;
        }
        for c in candidates() {
            o.add(c);
        }
        o
    }

    /// Adds one candidate to the counts of the names asked about.
    fn add(&mut self, c: &'a Candidate) {
        if c.opens_sentence || !c.name.contains(' ') {
            return;
        }
        if let Some(n) = self.mid_sentence.get_mut(c.name.as_str()) {
            *n += 1;
        }
        if let Some((first, _)) = c.name.split_once(' ')
            && let Some(n) = self.first_words.get_mut(first)
        {
            *n += 1;
        }
    }

    fn asked(&self, name: &str) -> bool {
        self.mid_sentence.contains_key(name)
    }

    fn used_mid_sentence(&self, name: &str) -> bool {
        self.mid_sentence.get(name).is_some_and(|n| *n > 0)
    }

    fn starts_a_name(&self, word: &str) -> bool {
        self.first_words.get(word).is_some_and(|n| *n > 0)
    }
}

/// The first word and the rest of a name that opens a sentence with a word
/// the corpus writes in lower case: the names whose first word the counts
/// decide about.
fn asked_about<'c>(c: &'c Candidate, lower: &HashSet<u64, FnvBuild>) -> Option<(&'c str, &'c str)> {
    if !c.opens_sentence || c.known.is_some() {
        return None;
    }
    let (first, rest) = c.name.split_once(' ')?;
    lower
        .contains(&word_hash(&first.to_lowercase()))
        .then_some((first, rest))
}

/// The name a candidate counts under: without its first word when that
/// word only ever opens a sentence and the corpus writes it in lower case.
/// A name of three words or more loses it when it reads as a person
/// ("Immunologist Kristian Andersen") or when the rest is a name the
/// corpus uses mid-sentence ("Strike Velmar Energy"); a name of two only
/// when the corpus
/// never uses the pair mid-sentence and never starts another name
/// mid-sentence with the word ("Rival Quillon", but not "Bill Gates").
pub(super) fn corpus_name<'c>(
    c: &'c Candidate,
    lower: &HashSet<u64, FnvBuild>,
    openings: &Openings<'_>,
) -> &'c str {
    if !c.opens_sentence || c.known.is_some() {
        return &c.name;
    }
    let Some((first, rest)) = c.name.split_once(' ') else {
        return &c.name;
    };
    let strip = if rest.contains(' ') {
        // A person's name after it: by the evidence, or by a given name
        // opening the rest ("Union Mara Lind said", glued to an
        // organisation word).
        let person = c.evidence.kind() == Some(EntityKind::Person)
            || rest
                .split(' ')
                .next()
                .and_then(|w| Lexicon::builtin().given_name(w))
                .is_some_and(|g| !g.ordinary_word);
        let lowered = lower.contains(&word_hash(&first.to_lowercase()));
        lowered && (person || openings.used_mid_sentence(rest))
    } else {
        // Counting asked about exactly the pairs whose first word the
        // corpus writes in lower case.
        openings.asked(&c.name)
            && !openings.used_mid_sentence(&c.name)
            && !openings.starts_a_name(first)
    };
    if strip { rest } else { &c.name }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(name: &str, opens_sentence: bool) -> Candidate {
        Candidate {
            name: name.to_string(),
            opens_sentence,
            evidence: crate::enrich::extract::candidate::Evidence::of(EntityKind::Person, 1),
            ..Candidate::default()
        }
    }

    fn lower(words: &[&str]) -> HashSet<u64, FnvBuild> {
        words.iter().map(|w| word_hash(w)).collect()
    }

    #[test]
    fn an_opening_word_written_in_lower_case_elsewhere_leaves_the_name() {
        let rival = candidate("Rival Quillon", true);
        let lowered = lower(&["rival", "immunologist"]);
        let expert = candidate("Immunologist Kristian Andersen", true);
        let all = [rival.clone(), expert.clone()];
        let openings = Openings::count(|| all.iter(), &lowered);
        assert_eq!(corpus_name(&rival, &lowered, &openings), "Quillon");
        assert_eq!(
            corpus_name(&expert, &lowered, &openings),
            "Kristian Andersen"
        );
        // An organisation word glued to a given name and a surname.
        let mut union = candidate("Union Mary Kowalski", true);
        union.evidence =
            crate::enrich::extract::candidate::Evidence::of(EntityKind::Organization, 4);
        let unions = lower(&["union"]);
        assert_eq!(corpus_name(&union, &unions, &openings), "Mary Kowalski");
        // The rest a name used mid-sentence elsewhere.
        let mut strike = candidate("Strike Velmar Energy", true);
        strike.evidence =
            crate::enrich::extract::candidate::Evidence::of(EntityKind::Organization, 4);
        let strikes = [strike.clone(), candidate("Velmar Energy", false)];
        let struck = lower(&["strike"]);
        let counted = Openings::count(|| strikes.iter(), &struck);
        assert_eq!(corpus_name(&strike, &struck, &counted), "Velmar Energy");
        let alone = [strike.clone()];
        let counted = Openings::count(|| alone.iter(), &struck);
        assert_eq!(
            corpus_name(&strike, &struck, &counted),
            "Strike Velmar Energy"
        );
        // Never written in lower case: a name of its own.
        let unlowered = lower(&[]);
        let openings = Openings::count(|| all.iter(), &unlowered);
        assert_eq!(corpus_name(&rival, &unlowered, &openings), "Rival Quillon");
        assert_eq!(
            corpus_name(&expert, &unlowered, &openings),
            "Immunologist Kristian Andersen"
        );
    }

    #[test]
    fn a_pair_used_mid_sentence_or_a_first_name_stays_whole() {
        let lowered = lower(&["bill", "rival"]);
        let opening = candidate("Bill Gatesby", true);
        let elsewhere = candidate("Bill Porter", false);
        let all = [opening.clone(), elsewhere];
        let openings = Openings::count(|| all.iter(), &lowered);
        assert_eq!(corpus_name(&opening, &lowered, &openings), "Bill Gatesby");
        let rival = candidate("Rival Quillon", true);
        let all = [rival.clone(), candidate("Rival Quillon", false)];
        let openings = Openings::count(|| all.iter(), &lowered);
        assert_eq!(corpus_name(&rival, &lowered, &openings), "Rival Quillon");
        let all = [rival.clone(), candidate("Quillon", false)];
        let openings = Openings::count(|| all.iter(), &lowered);
        assert_eq!(corpus_name(&rival, &lowered, &openings), "Quillon");
    }
}
