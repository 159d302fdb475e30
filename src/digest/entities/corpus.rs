//! The corpus's decisions about names: interning every name the articles
//! use, adding up the evidence of all its mentions, deciding each name's
//! kind (or that it is no name at all) and which lone names fold into a
//! full name another article gave.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::enrich::Article;
use crate::enrich::extract::candidate::{Candidate, Certainty, EntityKind, Evidence};
use crate::enrich::extract::hash::{FnvBuild, word_hash};
use crate::enrich::extract::lexicon::{Known, Lexicon};

/// Points taken off a person for a name made of ordinary words.
const ORDINARY_WORDS: i32 = 2;

/// The points the extractor gives a person for two plain capitalised words.
const TWO_PLAIN_WORDS: i32 = 1;

/// A bare name folds into a longer one from other stories only when the
/// longer one is named in at least one story for every this many stories
/// that use the bare name alone: a word used alone far more often than the
/// long form (a tournament's last word, a company's one-word name) means
/// something else there.
const FOLD_SUPPORT: u32 = 4;

/// Points per story for the long form's kind (a title's) that make a bare
/// name's own evidence say it is the same kind of thing, so it folds
/// however often it is used alone.
const SAME_KIND: i32 = 4;

/// Points for another kind that make a bare name's own evidence say it is
/// not what the long form is (a title, a cue word or clear context).
const CONTRARY: i32 = 3;

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
    /// How many articles use the name (as their own name for an entity).
    pub(super) stories: u32,
}

impl NameStats {
    /// Adds one article's candidate, counted under `name`.
    pub(super) fn add(&mut self, c: &Candidate, name: &str) {
        self.evidence.merge(c.evidence);
        if !name.contains(' ') && c.name.contains(' ') {
            // Cut to one word by the corpus ("Rival Quillon" → "Quillon"):
            // the points two plain words gave a person no longer hold.
            self.evidence.person -= TWO_PLAIN_WORDS;
        }
        self.known = self.known.or(c.known);
        self.sure |= c.certainty == Certainty::Sure;
        self.mid_sentence |= c.certainty != Certainty::SentenceInitial;
        self.stories += 1;
    }
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
    // A headline in capitals: ordinary words, shouted.
    let shouted = || {
        words
            .iter()
            .all(|w| w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_alphabetic))
    };
    if ordinary && shouted() {
        return None;
    }
    if ordinary {
        evidence.person -= ORDINARY_WORDS;
    }
    evidence.kind()
}

/// The hashes of the lower-case forms of the words of every name no
/// gazetteer knows: the only words whose lower-case use the corpus pass
/// looks up.
pub(super) fn name_words(articles: &[Arc<Article>]) -> HashSet<u64, FnvBuild> {
    let names: HashSet<&str, FnvBuild> = articles
        .iter()
        .flat_map(|a| &a.extracted.entities)
        .filter(|c| c.known.is_none())
        .map(|c| c.name.as_str())
        .collect();
    names
        .iter()
        .flat_map(|name| name.split_whitespace())
        .map(|w| word_hash(&w.to_lowercase()))
        .collect()
}

/// The lower-case forms of candidate words (`wanted`, from [`name_words`])
/// that the corpus writes in lower case somewhere.
pub(super) fn lowercase_seen(
    articles: &[Arc<Article>],
    wanted: &HashSet<u64, FnvBuild>,
) -> HashSet<u64, FnvBuild> {
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

/// What the corpus knows, for folding names across articles.
pub(super) struct Corpus<'c, 'a> {
    pub(super) articles: &'c [Vec<Named<'a>>],
    pub(super) names: &'c Names<'a>,
    pub(super) stats: &'c [NameStats],
    pub(super) kinds: &'c [Option<EntityKind>],
    pub(super) lower: &'c HashSet<u64, FnvBuild>,
}

/// Names to fold into another name across articles: an alias other
/// articles used for exactly one entity, or a lone surname that ends
/// exactly one full name of a person. A bare name takes another story's
/// identity only with evidence that it means the same thing (see
/// [`may_fold`]).
pub(super) fn corpus_folds(corpus: &Corpus<'_, '_>) -> Vec<Option<u32>> {
    let (names, kinds) = (corpus.names, corpus.kinds);
    let mut alias_of: HashMap<&str, BTreeSet<u32>, FnvBuild> = HashMap::default();
    for n in corpus.articles.iter().flatten() {
        if kinds[n.id as usize].is_some() {
            // A first word the corpus cut off ("Rival" of "Rival X") is no
            // alias of X.
            let cut = n.c.name.strip_suffix(names.get(n.id)).map(str::trim_end);
            for alias in n.c.aliases.iter().filter(|a| Some(a.as_str()) != cut) {
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
    for n in corpus.articles.iter().flatten() {
        let name = names.get(n.id);
        if n.c.known.is_some() || name.contains(' ') {
            continue;
        }
        let alias = only(alias_of.get(name)).map(|t| (t, false));
        let target = alias.or_else(|| {
            let place = kinds[n.id as usize] == Some(EntityKind::Place);
            let surname = (!place).then(|| only(surname_of.get(name))).flatten();
            surname.map(|t| (t, true))
        });
        if let Some((target, surname)) = target
            && target != n.id
            && may_fold(corpus, n.id, target, surname)
        {
            folds[n.id as usize] = Some(target);
        } else if let Some(singular) = singular_body(corpus, n.id) {
            folds[n.id as usize] = Some(singular);
        }
    }
    fold_forms(corpus, &mut folds);
    folds
}

/// Folds the forms of one organisation's name of two words or more into
/// one: with and without a leading "The" ("The Daily Harwick", "Daily
/// Harwick") and with its last word singular or plural ("Velmar Railway",
/// "Velmar Railways"). The form without "The" wins, then the one named in
/// more stories, then the longer.
fn fold_forms(corpus: &Corpus<'_, '_>, folds: &mut [Option<u32>]) {
    let mut best: HashMap<&str, u32, FnvBuild> = HashMap::default();
    let rank = |id: u32| {
        let name = corpus.names.get(id);
        let stories = corpus.stats[id as usize].stories;
        (!name.starts_with("The "), stories, name.len(), name)
    };
    let forms = || {
        (0..corpus.names.names.len()).filter_map(|id| {
            let org = corpus.kinds[id] == Some(EntityKind::Organization);
            let id = u32::try_from(id).ok()?;
            let key = org.then(|| form_key(corpus.names.get(id))).flatten()?;
            Some((id, key))
        })
    };
    for (id, key) in forms() {
        best.entry(key)
            .and_modify(|b| {
                if rank(id) > rank(*b) {
                    *b = id;
                }
            })
            .or_insert(id);
    }
    for (id, key) in forms() {
        if let Some(&b) = best.get(key)
            && b != id
            && folds[id as usize].is_none()
        {
            folds[id as usize] = Some(b);
        }
    }
}

/// What the forms of one name share: the name without a leading "The" and
/// a plural "s", when two words or more are left.
fn form_key(name: &str) -> Option<&str> {
    let bare = name.strip_prefix("The ").unwrap_or(name);
    let key = match bare.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') => stem,
        _ => bare,
    };
    key.contains(' ').then_some(key)
}

/// The organisation whose singular the one-word name `plural` is ("Owls"
/// of a party "Owl", "Whigs"/"Whig", "Tarries"/"Tarry"): one body named
/// both ways folds into one. Not a word the corpus writes in lower case,
/// and not a name the corpus decided is a person or a place.
fn singular_body(corpus: &Corpus<'_, '_>, plural: u32) -> Option<u32> {
    let name = corpus.names.get(plural);
    let stem = name.strip_suffix('s')?;
    let org = |singular: &str| {
        corpus.names.ids.get(singular).copied().filter(|&id| {
            id != plural && corpus.kinds[id as usize] == Some(EntityKind::Organization)
        })
    };
    let ies = stem.strip_suffix("ie").map(|y| format!("{y}y"));
    let singular = org(stem).or_else(|| ies.as_deref().and_then(org))?;
    let other_kind = matches!(
        corpus.kinds[plural as usize],
        Some(EntityKind::Person | EntityKind::Place)
    );
    let lowered = corpus.lower.contains(&word_hash(&name.to_lowercase()));
    (!other_kind && !lowered).then_some(singular)
}

/// Whether the bare name `bare` may take the identity of `target`, a
/// longer name from other articles: not when its own evidence says it is
/// another kind, not when it is used alone in far more stories than the
/// long form is named in (a company's name alone in forty stories, glued
/// to an opening adjective in one), and not when it is an ordinary word the
/// corpus writes in lower case ("Shield", "Hall"): for an alias a story
/// gave the long form, only when the bare word also never stands
/// mid-sentence ("Delay." opening sentences everywhere).
fn may_fold(corpus: &Corpus<'_, '_>, bare: u32, target: u32, surname: bool) -> bool {
    let name = corpus.names.get(bare);
    let (own, long) = (&corpus.stats[bare as usize], &corpus.stats[target as usize]);
    // An ordinary word: for a surname, written in lower case anywhere; for
    // an alias, also only ever opening a sentence.
    let ordinary =
        (surname || !own.mid_sentence) && corpus.lower.contains(&word_hash(&name.to_lowercase()));
    if ordinary || regional_arm(corpus.names.get(target), name) {
        return false;
    }
    if let (Some(mine), Some(theirs)) = (own.evidence.kind(), corpus.kinds[target as usize])
        && mine != theirs
        && points(own.evidence, mine) >= CONTRARY
        && points(own.evidence, theirs) <= 0
    {
        return false;
    }
    // A title or role said it in its own stories ("Mr Okonkwo"): the same
    // kind as the one full name, however often it is used alone.
    let stories = i32::try_from(own.stories).unwrap_or(i32::MAX);
    let agrees = corpus.kinds[target as usize]
        .is_some_and(|kind| points(own.evidence, kind) >= SAME_KIND.saturating_mul(stories));
    agrees || own.stories <= FOLD_SUPPORT.saturating_mul(long.stories)
}

/// Whether the organisation `long` is a regional arm of the body `bare`
/// names ("Velmar Polska", "Velmar Ireland Limited"): a place right
/// after its name (not "University of Velmora"). The body's name alone in other stories means the whole
/// body, not its arm.
fn regional_arm(long: &str, bare: &str) -> bool {
    let Some(rest) = long.strip_prefix(bare) else {
        return false;
    };
    let first = rest.split_whitespace().next().unwrap_or_default();
    matches!(
        Lexicon::builtin().known(first),
        Some(Known::Entity(EntityKind::Place, _) | Known::Demonym(_))
    )
}

/// The points `e` gives `kind`.
fn points(e: Evidence, kind: EntityKind) -> i32 {
    match kind {
        EntityKind::Person => e.person,
        EntityKind::Place => e.place,
        EntityKind::Organization => e.org,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(words: &[&str]) -> HashSet<u64, FnvBuild> {
        words.iter().map(|w| word_hash(w)).collect()
    }

    fn stats(evidence: Evidence, certainty: Certainty) -> NameStats {
        NameStats {
            evidence,
            known: None,
            sure: certainty == Certainty::Sure,
            mid_sentence: certainty != Certainty::SentenceInitial,
            stories: 1,
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
        folds_with_lower(articles, &[])
    }

    /// Like [`folds_of`], with `lowered` the words the corpus writes in
    /// lower case.
    fn folds_with_lower(articles: &[Vec<Candidate>], lowered: &[&str]) -> Vec<(String, String)> {
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
        let mut stats = vec![NameStats::default(); names.names.len()];
        for n in corpus.iter().flatten() {
            kinds[n.id as usize] = n.c.known.or(n.c.evidence.kind());
            stats[n.id as usize].add(n.c, names.get(n.id));
        }
        corpus_folds(&Corpus {
            articles: &corpus,
            names: &names,
            stats: &stats,
            kinds: &kinds,
            lower: &lower(lowered),
        })
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
    fn a_headline_in_capitals_of_ordinary_words_is_no_name() {
        let s = stats(Evidence::of(EntityKind::Person, 3), Certainty::Sure);
        let ordinary = lower(&["minister", "quits"]);
        assert_eq!(decide("MINISTER QUITS", &s, &ordinary), None);
        assert_eq!(
            decide("Minister Quits", &s, &ordinary),
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

    /// Many stories: `bare` named alone (with `evidence`) in `alone` of them,
    /// `long` in `full` others.
    fn many(bare: &Candidate, alone: usize, long: &Candidate, full: usize) -> Vec<Vec<Candidate>> {
        let mut articles = vec![vec![bare.clone()]; alone];
        articles.extend(vec![vec![long.clone()]; full]);
        articles
    }

    #[test]
    fn a_bare_word_used_alone_in_many_stories_keeps_its_own_identity() {
        // A company's one-word name in forty stories, glued to an opening
        // adjective in one: it does not become that "person".
        let quillotron = candidate("Quillotron", EntityKind::Organization, &[]);
        let rival = candidate("Rival Quillotron", EntityKind::Person, &[]);
        assert!(folds_of(&many(&quillotron, 40, &rival, 1)).is_empty());
        // The same shape as a real surname: a lone surname in three stories,
        // the full name in two.
        let surname = candidate("Okonkwo", EntityKind::Person, &[]);
        let full = candidate("Adaeze Okonkwo", EntityKind::Person, &[]);
        assert_eq!(
            folds_with_lower(&many(&surname, 3, &full, 2), &[]),
            [("Okonkwo".into(), "Adaeze Okonkwo".into())]
        );
        // A surname in eight stories per full-name story is still folded.
        assert_eq!(folds_of(&many(&surname, 8, &full, 2)).len(), 1);
        assert!(folds_of(&many(&surname, 9, &full, 2)).is_empty());
        // A surname with a title in its own stories ("Mr Okonkwo") folds
        // however often it is used alone.
        let mut titled = surname.clone();
        titled.evidence = Evidence::of(EntityKind::Person, 4);
        assert_eq!(folds_of(&many(&titled, 30, &full, 1)).len(), 1);
    }

    #[test]
    fn an_ordinary_capitalised_word_never_folds_into_a_long_name() {
        // "Shield" ends a trophy read as a person; "Ravens" (a party's
        // plural) ends a constituency plus party; both are written in lower
        // case elsewhere in the corpus, even where the long form is common.
        let tournament = candidate("Brindle Shield", EntityKind::Person, &[]);
        let shield = candidate("Shield", EntityKind::Person, &[]);
        let folds = folds_with_lower(&many(&shield, 2, &tournament, 3), &["shield"]);
        assert!(folds.is_empty(), "{folds:?}");
        let party = candidate("Eastwick Ravens", EntityKind::Person, &[]);
        let plural = candidate("Ravens", EntityKind::Organization, &[]);
        let folds = folds_with_lower(&many(&plural, 70, &party, 2), &["ravens"]);
        assert!(folds.is_empty(), "{folds:?}");
    }

    #[test]
    fn a_bare_name_whose_own_evidence_says_another_kind_does_not_fold() {
        let person = candidate("Tomas Vellar", EntityKind::Person, &[]);
        let company = candidate("Vellar", EntityKind::Organization, &[]);
        let mut sure_company = company.clone();
        sure_company.evidence = Evidence::of(EntityKind::Organization, 4);
        assert!(folds_of(&many(&sure_company, 1, &person, 1)).is_empty());
        // A weak clue (a verb of saying after a one-word name) is no
        // evidence against the surname.
        let mut weak = company;
        weak.evidence = Evidence::of(EntityKind::Organization, 1);
        assert_eq!(folds_of(&many(&weak, 1, &person, 1)).len(), 1);
    }

    #[test]
    fn an_alias_from_a_few_stories_does_not_take_a_common_bare_word() {
        // "Crown" as an alias of "Crown Holdings" in two stories; "Crown"
        // alone in fifty others.
        let holdings = candidate("Crown Holdings", EntityKind::Organization, &["Crown"]);
        let crown = candidate("Crown", EntityKind::Organization, &[]);
        assert!(folds_of(&many(&crown, 50, &holdings, 2)).is_empty());
        assert_eq!(folds_of(&many(&crown, 2, &holdings, 2)).len(), 1);
        // A story gave it as the long form's alias: that is evidence even
        // for a word the corpus also writes in lower case...
        let folds = folds_with_lower(&many(&crown, 2, &holdings, 2), &["crown"]);
        assert_eq!(folds.len(), 1);
        // ...unless the bare word only ever opens a sentence.
        let mut opening = crown.clone();
        opening.certainty = Certainty::SentenceInitial;
        let folds = folds_with_lower(&many(&opening, 2, &holdings, 2), &["crown"]);
        assert!(folds.is_empty(), "{folds:?}");
    }

    #[test]
    fn a_body_named_alone_does_not_fold_into_its_regional_arm() {
        let arm = candidate(
            "Velmar Ireland Limited",
            EntityKind::Organization,
            &["Velmar"],
        );
        let bare = candidate("Velmar", EntityKind::Organization, &[]);
        assert!(folds_of(&many(&bare, 2, &arm, 1)).is_empty());
        // A long name with no place in it still takes the bare name.
        let long = candidate("Velmar Glassworks", EntityKind::Organization, &["Velmar"]);
        assert_eq!(folds_of(&many(&bare, 2, &long, 1)).len(), 1);
        let school = candidate("Academy of Ireland", EntityKind::Organization, &["Academy"]);
        let academy = candidate("Academy", EntityKind::Organization, &[]);
        assert_eq!(folds_of(&many(&academy, 2, &school, 1)).len(), 1);
    }

    #[test]
    fn forms_of_a_longer_body_name_fold_into_one() {
        let org = |name| candidate(name, EntityKind::Organization, &[]);
        let articles = vec![
            vec![org("Velmar Railways"), org("The Daily Harwick")],
            vec![org("Velmar Railway"), org("Daily Harwick")],
            vec![org("Velmar Railways"), org("Harwick Glass")],
        ];
        let mut folds = folds_of(&articles);
        folds.sort();
        assert_eq!(
            folds,
            [
                ("The Daily Harwick".into(), "Daily Harwick".into()),
                ("Velmar Railway".into(), "Velmar Railways".into()),
            ]
        );
        // A person's name ending in "s" is no plural of a body's.
        let articles = vec![vec![
            candidate("Ana Ruiz", EntityKind::Person, &[]),
            org("Ana Rui"),
        ]];
        assert!(folds_of(&articles).is_empty());
    }

    #[test]
    fn singular_and_plural_of_one_body_fold_into_one() {
        let singular = candidate("Tarry", EntityKind::Organization, &[]);
        let plural = candidate("Tarries", EntityKind::Organization, &[]);
        let folds = folds_of(&many(&plural, 30, &singular, 10));
        assert_eq!(folds, [("Tarries".into(), "Tarry".into())]);
        let whig = candidate("Whig", EntityKind::Organization, &[]);
        let whigs = candidate("Whigs", EntityKind::Organization, &[]);
        assert_eq!(folds_of(&many(&whigs, 3, &whig, 1)).len(), 1);
        // Not a plural the corpus writes in lower case, nor a person's name
        // that happens to end in "s".
        assert!(folds_with_lower(&many(&whigs, 3, &whig, 1), &["whigs"]).is_empty());
        let person = candidate("Jones", EntityKind::Person, &[]);
        let body = candidate("Jone", EntityKind::Organization, &[]);
        assert!(folds_of(&many(&person, 3, &body, 1)).is_empty());
    }
}
