//! The corpus pass over entities: decides what each article's candidates
//! are, using every article at once, and builds the entity pages' data.
//!
//! * A single capitalised word that the corpus also writes in lower case is
//!   not a name ("Police said" when "police" occurs elsewhere).
//! * A word seen only opening sentences must also be capitalised
//!   mid-sentence somewhere to count.
//! * A name gets one kind everywhere: the evidence of all its mentions in
//!   all articles is added up.
//! * Two plain words that are both ordinary lower-case words elsewhere
//!   ("White House") are less likely a person.
//! * An alias left alone in one article folds into the full name another
//!   article gave it ("Lavrov" → "Sergei Lavrov", "KCNA" → "Korean Central
//!   News Agency") when only one full name fits.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::ids::{ArticleId, EntityId, Id, Table};
use crate::enrich::Article;
use crate::enrich::extract::candidate::{Candidate, Certainty, EntityKind, Evidence};
use crate::enrich::extract::hash::{FnvBuild, word_hash};
use crate::slug::{MAX_SLUG_LEN, slugify, unique};

/// A person, place or organisation across the whole digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Person, place or organisation.
    pub kind: EntityKind,
    /// Its canonical name.
    pub name: String,
    /// Its URL slug, unique within its kind.
    pub slug: String,
    /// Every other name used for it anywhere, sorted.
    pub aliases: Vec<String>,
    /// Mentions across all articles.
    pub mentions: u32,
    /// The articles naming it, in reading order (newest edition first).
    pub articles: Vec<EntityArticle>,
}

/// One article naming an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityArticle {
    /// The article.
    pub article: ArticleId,
    /// How many times it names the entity.
    pub mentions: u32,
}

/// An entity as one article names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    /// The entity.
    pub entity: EntityId,
    /// How many times the article names it.
    pub mentions: u32,
    /// The other names this article uses for it, sorted.
    pub aliases: Vec<String>,
}

/// What the corpus pass produces.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Entities sorted by kind, then slug.
    pub entities: Table<EntityId, Entity>,
    /// For each article, its entities: most mentioned first, then in order
    /// of first mention.
    pub entities_of: Table<ArticleId, Vec<EntityRef>>,
    /// For each article, the entity that said each of its quotes.
    pub speakers: Table<ArticleId, Vec<Option<EntityId>>>,
}

/// Points taken off a person for a name made of ordinary words.
const ORDINARY_WORDS: i32 = 2;

/// A candidate under the name it counts for in the corpus, as an id into
/// the interned names.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    id: u32,
    c: &'a Candidate,
}

/// Every name the corpus uses, interned: ids index `names`.
#[derive(Debug, Default)]
struct Names<'a> {
    names: Vec<&'a str>,
    ids: HashMap<&'a str, u32, FnvBuild>,
}

impl<'a> Names<'a> {
    fn intern(&mut self, name: &'a str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name);
        self.ids.insert(name, id);
        id
    }

    fn get(&self, id: u32) -> &'a str {
        self.names[id as usize]
    }
}

/// What the corpus knows about one name.
#[derive(Debug, Clone, Default)]
struct NameStats {
    evidence: Evidence,
    known: Option<EntityKind>,
    sure: bool,
    mid_sentence: bool,
}

/// The corpus's decisions: each name's kind and the name it folds into.
struct Decisions {
    kinds: Vec<Option<EntityKind>>,
    folds: Vec<Option<u32>>,
}

impl Decisions {
    /// The entity a candidate counts for: its kind and canonical name id.
    fn key_of(&self, id: u32) -> Option<(EntityKind, u32)> {
        let target = self.folds[id as usize].unwrap_or(id);
        let kind = self.kinds[target as usize].or(self.kinds[id as usize])?;
        Some((kind, target))
    }
}

/// Decides every article's entities against the whole corpus.
pub fn resolve(articles: &[Arc<Article>]) -> Resolved {
    let lower = lowercase_seen(articles);
    let mut names = Names::default();
    let corpus: Vec<Vec<Named<'_>>> = articles
        .iter()
        .map(|a| {
            a.extracted
                .entities
                .iter()
                .map(|c| Named {
                    id: names.intern(corpus_name(c, &lower)),
                    c,
                })
                .collect()
        })
        .collect();
    let mut stats = vec![NameStats::default(); names.names.len()];
    for n in corpus.iter().flatten() {
        let s = &mut stats[n.id as usize];
        s.evidence.merge(n.c.evidence);
        s.known = s.known.or(n.c.known);
        s.sure |= n.c.certainty == Certainty::Sure;
        s.mid_sentence |= n.c.certainty != Certainty::SentenceInitial;
    }
    let kinds: Vec<Option<EntityKind>> = stats
        .iter()
        .enumerate()
        .map(|(id, s)| decide(names.names[id], s, &lower))
        .collect();
    let folds = corpus_folds(&corpus, &names, &kinds);
    build(articles, &corpus, &names, &Decisions { kinds, folds })
}

/// The name a candidate counts under: without its first word when that
/// word only ever opens a sentence and the corpus writes it in lower case
/// ("Immunologist Kristian Andersen", "Longtime Imus").
fn corpus_name<'a>(c: &'a Candidate, lower: &HashSet<u64, FnvBuild>) -> &'a str {
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
fn decide(name: &str, s: &NameStats, lower: &HashSet<u64, FnvBuild>) -> Option<EntityKind> {
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
fn lowercase_seen(articles: &[Arc<Article>]) -> HashSet<u64, FnvBuild> {
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
fn corpus_folds(
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

/// The entity table while it is built: for each kind and canonical name,
/// every other name used and the articles naming it.
type Drafted<'a> = BTreeMap<(EntityKind, &'a str), (BTreeSet<String>, Vec<EntityArticle>)>;

/// One article's reference to an entity while the table is built.
#[derive(Debug)]
struct Draft {
    key: (EntityKind, u32),
    mentions: u32,
    first: (u32, u32),
    aliases: BTreeSet<String>,
}

/// Builds the entity table, each article's references and quote speakers.
fn build(
    articles: &[Arc<Article>],
    corpus: &[Vec<Named<'_>>],
    names: &Names<'_>,
    decisions: &Decisions,
) -> Resolved {
    let drafts: Vec<Vec<Draft>> = corpus
        .iter()
        .map(|named| article_refs(named, names, decisions))
        .collect();
    let mut table: Drafted<'_> = BTreeMap::new();
    for (i, refs) in drafts.iter().enumerate() {
        for d in refs {
            let slot = table.entry((d.key.0, names.get(d.key.1))).or_default();
            slot.0.extend(d.aliases.iter().cloned());
            slot.1.push(EntityArticle {
                article: ArticleId::new(i),
                mentions: d.mentions,
            });
        }
    }
    let entities = entity_table(table);
    let index: HashMap<(EntityKind, &str), EntityId, FnvBuild> = entities
        .enumerate()
        .map(|(i, e)| ((e.kind, e.name.as_str()), i))
        .collect();
    let find = |(kind, id): (EntityKind, u32)| index.get(&(kind, names.get(id))).copied();
    let entities_of = drafts
        .into_iter()
        .map(|refs| ordered_refs(refs, names, &find))
        .collect();
    let speakers = articles
        .iter()
        .zip(corpus)
        .map(|(a, named)| {
            let candidate_of = |name: &str| named.iter().find(|n| n.c.name == name);
            a.extracted
                .quotes
                .iter()
                .map(|q| find(decisions.key_of(candidate_of(q.speaker.as_deref()?)?.id)?))
                .collect()
        })
        .collect();
    Resolved {
        entities,
        entities_of,
        speakers,
    }
}

/// One article's candidates merged by the entity they count for.
fn article_refs(named: &[Named<'_>], names: &Names<'_>, decisions: &Decisions) -> Vec<Draft> {
    let mut refs: Vec<Draft> = Vec::with_capacity(named.len());
    for n in named {
        let Some(key) = decisions.key_of(n.id) else {
            continue;
        };
        let at = match refs.iter().position(|d| d.key == key) {
            Some(at) => at,
            None => {
                refs.push(Draft {
                    key,
                    mentions: 0,
                    first: n.c.first,
                    aliases: BTreeSet::new(),
                });
                refs.len() - 1
            }
        };
        let draft = &mut refs[at];
        draft.mentions += n.c.mentions;
        draft.first = draft.first.min(n.c.first);
        draft.aliases.extend(n.c.aliases.iter().cloned());
        if n.id != key.1 {
            draft.aliases.insert(names.get(n.id).to_string());
        }
    }
    refs
}

/// An article's references, most mentioned first, then by first mention.
fn ordered_refs(
    refs: Vec<Draft>,
    names: &Names<'_>,
    find: &dyn Fn((EntityKind, u32)) -> Option<EntityId>,
) -> Vec<EntityRef> {
    let mut refs: Vec<((u32, u32), EntityRef)> = refs
        .into_iter()
        .filter_map(|mut d| {
            d.aliases.remove(names.get(d.key.1));
            let entity = find(d.key)?;
            Some((
                d.first,
                EntityRef {
                    entity,
                    mentions: d.mentions,
                    aliases: d.aliases.into_iter().collect(),
                },
            ))
        })
        .collect();
    refs.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
    refs.into_iter().map(|(_, r)| r).collect()
}

/// The entities sorted by kind and slug, slugs made unique per kind in
/// name order.
fn entity_table(table: Drafted<'_>) -> Table<EntityId, Entity> {
    let mut taken: BTreeMap<EntityKind, HashSet<String>> = BTreeMap::new();
    let mut entities: Vec<Entity> = table
        .into_iter()
        .map(|((kind, name), (mut aliases, articles))| {
            aliases.remove(name);
            let name = name.to_string();
            let base = slugify(&name, MAX_SLUG_LEN);
            let base = if base.is_empty() {
                "entity".to_string()
            } else {
                base
            };
            let slug = unique(&base, taken.entry(kind).or_default());
            Entity {
                kind,
                mentions: articles.iter().map(|a| a.mentions).sum(),
                slug,
                name,
                aliases: aliases.into_iter().collect(),
                articles,
            }
        })
        .collect();
    entities.sort_by(|a, b| (a.kind, &a.slug).cmp(&(b.kind, &b.slug)));
    entities.into()
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
