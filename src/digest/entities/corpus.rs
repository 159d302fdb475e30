//! The corpus's decisions about names: interning every name the articles
//! use, adding up the evidence of all its mentions, deciding each name's
//! kind (or that it is no name at all) and which lone names fold into a
//! full name another article gave.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::enrich::Article;
use crate::enrich::extract::candidate::{Candidate, EntityKind, Evidence};
use crate::enrich::extract::hash::{FnvBuild, word_hash};

/// Points taken off a person for a name made of ordinary words.
const ORDINARY_WORDS: i32 = 2;

/// A candidate under the name it counts for in the corpus, as an id into
/// the interned names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Named<'a> {
    pub(super) id: u32,
    pub(super) c: &'a Candidate,
}

/// Every name the corpus uses, interned: ids index `names`.
#[derive(Debug, Default)]
pub(super) struct Names<'a> {
    pub(super) names: Vec<&'a str>,
    pub(super) ids: HashMap<&'a str, u32, FnvBuild>,
}

impl<'a> Names<'a> {
    pub(super) fn intern(&mut self, name: &'a str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name);
        self.ids.insert(name, id);
        id
    }

    pub(super) fn get(&self, id: u32) -> &'a str {
        self.names[id as usize]
    }
}

/// What the corpus knows about one name.
#[derive(Debug, Clone, Default)]
pub(super) struct NameStats {
    pub(super) evidence: Evidence,
    pub(super) known: Option<EntityKind>,
    pub(super) sure: bool,
    pub(super) mid_sentence: bool,
}

/// The corpus's decisions: each name's kind and the name it folds into.
pub(super) struct Decisions {
    pub(super) kinds: Vec<Option<EntityKind>>,
    pub(super) folds: Vec<Option<u32>>,
}

impl Decisions {
    /// The entity a candidate counts for: its kind and canonical name id.
    pub(super) fn key_of(&self, id: u32) -> Option<(EntityKind, u32)> {
        let target = self.folds[id as usize].unwrap_or(id);
        let kind = self.kinds[target as usize].or(self.kinds[id as usize])?;
        Some((kind, target))
    }
}

/// The name a candidate counts under: without its first word when that
/// word only ever opens a sentence and the corpus writes it in lower case
/// ("Immunologist Kristian Andersen", "Longtime Imus").
pub(super) fn corpus_name<'a>(c: &'a Candidate, lower: &HashSet<u64, FnvBuild>) -> &'a str {
    if c.opens_sentence
        && c.known.is_none()
        && c.evidence.kind() == Some(EntityKind::Person)
        && let Some((first, rest)) = c.name.split_once(' ')
        && rest.contains(' ')
        && lower.contains(&word_hash(&first.to_lowercase()))
    {
        return rest;
    }
    &c.name
}

/// The kind of `name`, or `None` when it is not an entity.
pub(super) fn decide(
    name: &str,
    s: &NameStats,
    lower: &HashSet<u64, FnvBuild>,
) -> Option<EntityKind> {
    if let Some(kind) = s.known {
        return Some(kind);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if let [word] = words.as_slice() {
        if lower.contains(&word_hash(&word.to_lowercase())) {
            return None;
        }
        if !s.sure && !s.mid_sentence {
            return None;
        }
    }
    let mut evidence = s.evidence;
    let ordinary = words.len() >= 2
        && words
            .iter()
            .all(|w| lower.contains(&word_hash(&w.to_lowercase())));
    if ordinary {
        evidence.person -= ORDINARY_WORDS;
    }
    evidence.kind()
}

/// The lower-case forms of candidate words that the corpus writes in lower
/// case somewhere.
pub(super) fn lowercase_seen(articles: &[Arc<Article>]) -> HashSet<u64, FnvBuild> {
    let names: HashSet<&str, FnvBuild> = articles
        .iter()
        .flat_map(|a| &a.extracted.entities)
        .filter(|c| c.known.is_none())
        .map(|c| c.name.as_str())
        .collect();
    let wanted: HashSet<u64, FnvBuild> = names
        .iter()
        .flat_map(|name| name.split_whitespace())
        .map(|w| word_hash(&w.to_lowercase()))
        .collect();
    articles
        .par_iter()
        .map(|a| {
            a.extracted
                .lowercase_words
                .iter()
                .filter(|h| wanted.contains(h))
                .copied()
                .collect::<Vec<u64>>()
        })
        .flatten_iter()
        .collect::<Vec<u64>>()
        .into_iter()
        .collect()
}

/// Names to fold into another name across articles: an alias other
/// articles used for exactly one entity, or a lone surname that ends
/// exactly one full name of a person.
pub(super) fn corpus_folds(
    corpus: &[Vec<Named<'_>>],
    names: &Names<'_>,
    kinds: &[Option<EntityKind>],
) -> Vec<Option<u32>> {
    let mut alias_of: HashMap<&str, BTreeSet<u32>, FnvBuild> = HashMap::default();
    for n in corpus.iter().flatten() {
        if kinds[n.id as usize].is_some() {
            for alias in &n.c.aliases {
                alias_of.entry(alias).or_default().insert(n.id);
            }
        }
    }
    let mut surname_of: HashMap<&str, BTreeSet<u32>, FnvBuild> = HashMap::default();
    for (id, kind) in kinds.iter().enumerate() {
        let name = names.names[id];
        if *kind == Some(EntityKind::Person) && name.contains(' ') {
            let surname = name.rsplit(' ').next().unwrap_or(name);
            surname_of
                .entry(surname)
                .or_default()
                .insert(u32::try_from(id).unwrap_or(u32::MAX));
        }
    }
    let only = |set: Option<&BTreeSet<u32>>| {
        set.filter(|s| s.len() == 1)
            .and_then(|s| s.first().copied())
    };
    let mut folds = vec![None; names.names.len()];
    for n in corpus.iter().flatten() {
        let name = names.get(n.id);
        if n.c.known.is_some() || name.contains(' ') {
            continue;
        }
        let target = only(alias_of.get(name)).or_else(|| {
            let place = kinds[n.id as usize] == Some(EntityKind::Place);
            (!place).then(|| only(surname_of.get(name))).flatten()
        });
        if let Some(target) = target.filter(|t| *t != n.id) {
            folds[n.id as usize] = Some(target);
        }
    }
    folds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::extract::candidate::Certainty;

    fn lower(words: &[&str]) -> HashSet<u64, FnvBuild> {
        words.iter().map(|w| word_hash(w)).collect()
    }

    fn stats(evidence: Evidence, certainty: Certainty) -> NameStats {
        NameStats {
            evidence,
            known: None,
            sure: certainty == Certainty::Sure,
            mid_sentence: certainty != Certainty::SentenceInitial,
        }
    }

    fn candidate(name: &str, kind: EntityKind, aliases: &[&str]) -> Candidate {
        Candidate {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: 1,
            evidence: Evidence::of(kind, 2),
            ..Candidate::default()
        }
    }

    /// The folds the corpus pass finds for `articles` (each a list of
    /// candidates), by name: `(alias, full name)`.
    fn folds_of(articles: &[Vec<Candidate>]) -> Vec<(String, String)> {
        let mut names = Names::default();
        let corpus: Vec<Vec<Named<'_>>> = articles
            .iter()
            .map(|cs| {
                cs.iter()
                    .map(|c| Named {
                        id: names.intern(&c.name),
                        c,
                    })
                    .collect()
            })
            .collect();
        let mut kinds = vec![None; names.names.len()];
        for n in corpus.iter().flatten() {
            kinds[n.id as usize] = n.c.known.or(n.c.evidence.kind());
        }
        corpus_folds(&corpus, &names, &kinds)
            .iter()
            .enumerate()
            .filter_map(|(id, to)| {
                let from = names.get(u32::try_from(id).ok()?);
                Some((from.to_string(), names.get((*to)?).to_string()))
            })
            .collect()
    }

    #[test]
    fn a_gazetteer_kind_is_kept_whatever_the_corpus_says() {
        let mut s = stats(Evidence::of(EntityKind::Person, 5), Certainty::Unsure);
        s.known = Some(EntityKind::Place);
        let lowered = lower(&["jordan"]);
        assert_eq!(decide("Jordan", &s, &lowered), Some(EntityKind::Place));
    }

    #[test]
    fn a_single_word_the_corpus_writes_in_lower_case_is_no_name() {
        let s = stats(Evidence::of(EntityKind::Organization, 3), Certainty::Sure);
        assert_eq!(decide("Police", &s, &lower(&["police"])), None);
        assert_eq!(
            decide("Police", &s, &lower(&["said"])),
            Some(EntityKind::Organization)
        );
    }

    #[test]
    fn an_unsure_word_must_appear_mid_sentence_somewhere() {
        let person = Evidence::of(EntityKind::Person, 1);
        let opening_only = stats(person, Certainty::SentenceInitial);
        assert_eq!(decide("Beyond", &opening_only, &lower(&[])), None);
        let mid_sentence = stats(person, Certainty::Unsure);
        assert_eq!(
            decide("Lavrov", &mid_sentence, &lower(&[])),
            Some(EntityKind::Person)
        );
    }

    #[test]
    fn a_name_of_ordinary_words_is_less_likely_a_person() {
        let mut evidence = Evidence::of(EntityKind::Person, 2);
        evidence.add(EntityKind::Organization, 1);
        let s = stats(evidence, Certainty::Sure);
        let ordinary = lower(&["white", "house"]);
        assert_eq!(
            decide("White House", &s, &ordinary),
            Some(EntityKind::Organization)
        );
        assert_eq!(
            decide("Aisha Bello", &s, &ordinary),
            Some(EntityKind::Person)
        );
    }

    #[test]
    fn a_lone_surname_folds_into_the_one_full_name_another_story_gave() {
        let folds = folds_of(&[
            vec![candidate("Sergei Lavrov", EntityKind::Person, &[])],
            vec![candidate("Lavrov", EntityKind::Person, &[])],
        ]);
        assert_eq!(folds, [("Lavrov".into(), "Sergei Lavrov".into())]);
    }

    #[test]
    fn an_alias_folds_into_the_name_it_was_defined_for() {
        let agency = "Korean Central News Agency";
        let folds = folds_of(&[
            vec![candidate(agency, EntityKind::Organization, &["KCNA"])],
            vec![candidate("KCNA", EntityKind::Organization, &[])],
        ]);
        assert_eq!(folds, [("KCNA".into(), agency.into())]);
    }

    #[test]
    fn nothing_folds_when_two_names_fit_or_the_word_is_a_place_or_known() {
        let two_smiths = folds_of(&[
            vec![candidate("Ann Smith", EntityKind::Person, &[])],
            vec![candidate("Bob Smith", EntityKind::Person, &[])],
            vec![candidate("Smith", EntityKind::Person, &[])],
        ]);
        assert!(two_smiths.is_empty(), "{two_smiths:?}");
        let place = folds_of(&[
            vec![candidate("Michael Jordan", EntityKind::Person, &[])],
            vec![candidate("Jordan", EntityKind::Place, &[])],
        ]);
        assert!(place.is_empty(), "{place:?}");
        let leader = candidate("Kim Jong Un", EntityKind::Person, &["Kim"]);
        let kim = candidate("Kim", EntityKind::Person, &[]);
        let unknown = folds_of(&[vec![leader.clone()], vec![kim.clone()]]);
        assert_eq!(unknown, [("Kim".into(), "Kim Jong Un".into())]);
        let known = Candidate {
            known: Some(EntityKind::Person),
            ..kim
        };
        let gazetteer = folds_of(&[vec![leader], vec![known]]);
        assert!(gazetteer.is_empty(), "{gazetteer:?}");
    }
}
