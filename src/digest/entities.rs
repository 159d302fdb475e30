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

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use crate::enrich::Article;
use crate::enrich::briefing::{Candidate, Certainty, EntityKind, Evidence};
use crate::enrich::lexicon::{FnvBuild, word_hash};
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
    /// The article, as an index into `Digest::articles`.
    pub article: usize,
    /// How many times it names the entity.
    pub mentions: u32,
}

/// An entity as one article names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    /// The entity, as an index into `Digest::entities`.
    pub entity: usize,
    /// How many times the article names it.
    pub mentions: u32,
    /// The other names this article uses for it, sorted.
    pub aliases: Vec<String>,
}

/// What the corpus pass produces.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Entities sorted by kind, then slug.
    pub entities: Vec<Entity>,
    /// For each article, its entities: most mentioned first, then in order
    /// of first mention.
    pub entities_of: Vec<Vec<EntityRef>>,
    /// For each article, the entity that said each of its quotes.
    pub speakers: Vec<Vec<Option<usize>>>,
}

/// Points taken off a person for a name made of ordinary words.
const ORDINARY_WORDS: i32 = 2;

/// A candidate under the name it counts for in the corpus.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    name: &'a str,
    c: &'a Candidate,
}

/// Every article's candidates, in article order.
type Corpus<'a> = Vec<Vec<Named<'a>>>;

/// What the corpus knows about one name.
#[derive(Debug, Clone, Default)]
struct NameStats {
    evidence: Evidence,
    known: Option<EntityKind>,
    sure: bool,
    mid_sentence: bool,
}

/// Decides every article's entities against the whole corpus.
pub fn resolve(articles: &[Article]) -> Resolved {
    let lower = lowercase_seen(articles);
    let corpus: Corpus<'_> = articles
        .iter()
        .map(|a| {
            a.briefing
                .entities
                .iter()
                .map(|c| Named {
                    name: corpus_name(c, &lower),
                    c,
                })
                .collect()
        })
        .collect();
    let mut stats: BTreeMap<&str, NameStats> = BTreeMap::new();
    for n in corpus.iter().flatten() {
        let s = stats.entry(n.name).or_default();
        s.evidence.merge(n.c.evidence);
        s.known = s.known.or(n.c.known);
        s.sure |= n.c.certainty == Certainty::Sure;
        s.mid_sentence |= n.c.certainty != Certainty::SentenceInitial;
    }
    let kinds: BTreeMap<&str, EntityKind> = stats
        .iter()
        .filter_map(|(name, s)| decide(name, s, &lower).map(|k| (*name, k)))
        .collect();
    let folds = corpus_folds(&corpus, &kinds);
    build(articles, &corpus, &kinds, &folds)
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
fn lowercase_seen(articles: &[Article]) -> HashSet<u64, FnvBuild> {
    let names: HashSet<&str, FnvBuild> = articles
        .iter()
        .flat_map(|a| &a.briefing.entities)
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
            a.briefing
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
fn corpus_folds<'a>(
    corpus: &Corpus<'a>,
    kinds: &BTreeMap<&'a str, EntityKind>,
) -> BTreeMap<&'a str, &'a str> {
    let mut alias_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for n in corpus.iter().flatten() {
        if kinds.contains_key(n.name) {
            for alias in &n.c.aliases {
                alias_of.entry(alias).or_default().insert(n.name);
            }
        }
    }
    let mut surname_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, kind) in kinds {
        let words: Vec<&str> = name.split_whitespace().collect();
        if *kind == EntityKind::Person && words.len() >= 2 {
            surname_of
                .entry(words[words.len() - 1])
                .or_default()
                .insert(name);
        }
    }
    let only = |set: Option<&BTreeSet<&'a str>>| -> Option<&'a str> {
        set.filter(|s| s.len() == 1)
            .and_then(|s| s.first().copied())
    };
    let mut folds = BTreeMap::new();
    for n in corpus.iter().flatten() {
        if n.c.known.is_some() || n.name.contains(' ') {
            continue;
        }
        let target = only(alias_of.get(n.name)).or_else(|| {
            let place = kinds.get(n.name) == Some(&EntityKind::Place);
            (!place).then(|| only(surname_of.get(n.name))).flatten()
        });
        if let Some(target) = target.filter(|t| *t != n.name) {
            folds.insert(n.name, target);
        }
    }
    folds
}

/// An entity's key while the table is built.
type Key = (EntityKind, String);

/// One article's reference to an entity while the table is built: its
/// mentions, first position and the other names it used.
type Draft = (u32, (u32, u32), BTreeSet<String>);

/// The entity a candidate counts for, if it is one.
fn key_of(
    n: &Named<'_>,
    kinds: &BTreeMap<&str, EntityKind>,
    folds: &BTreeMap<&str, &str>,
) -> Option<Key> {
    let name = folds.get(n.name).copied().unwrap_or(n.name);
    let kind = kinds.get(name).or_else(|| kinds.get(n.name))?;
    Some((*kind, name.to_string()))
}

/// Builds the entity table, each article's references and quote speakers.
fn build(
    articles: &[Article],
    corpus: &Corpus<'_>,
    kinds: &BTreeMap<&str, EntityKind>,
    folds: &BTreeMap<&str, &str>,
) -> Resolved {
    let mut table: BTreeMap<Key, (BTreeSet<String>, Vec<EntityArticle>)> = BTreeMap::new();
    let mut drafts: Vec<BTreeMap<Key, Draft>> = Vec::with_capacity(articles.len());
    for (i, named) in corpus.iter().enumerate() {
        let refs = article_refs(named, kinds, folds);
        for (key, (mentions, _, aliases)) in &refs {
            let slot = table.entry(key.clone()).or_default();
            slot.0.extend(aliases.iter().cloned());
            slot.1.push(EntityArticle {
                article: i,
                mentions: *mentions,
            });
        }
        drafts.push(refs);
    }
    let entities = entity_table(table);
    let index: BTreeMap<(EntityKind, &str), usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.kind, e.name.as_str()), i))
        .collect();
    let find = |key: &Key| index.get(&(key.0, key.1.as_str())).copied();
    let entities_of = drafts
        .into_iter()
        .map(|refs| ordered_refs(refs, &find))
        .collect();
    let speakers = articles
        .iter()
        .zip(corpus)
        .map(|(a, named)| {
            let candidate_of = |name: &str| named.iter().find(|n| n.c.name == name);
            a.briefing
                .quotes
                .iter()
                .map(|q| find(&key_of(candidate_of(q.speaker.as_deref()?)?, kinds, folds)?))
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
fn article_refs(
    named: &[Named<'_>],
    kinds: &BTreeMap<&str, EntityKind>,
    folds: &BTreeMap<&str, &str>,
) -> BTreeMap<Key, Draft> {
    let mut refs: BTreeMap<Key, Draft> = BTreeMap::new();
    for n in named {
        let Some(key) = key_of(n, kinds, folds) else {
            continue;
        };
        let own_name = (n.name != key.1).then(|| n.name.to_string());
        let entry = refs
            .entry(key)
            .or_insert_with(|| (0, n.c.first, BTreeSet::new()));
        entry.0 += n.c.mentions;
        entry.1 = entry.1.min(n.c.first);
        entry.2.extend(n.c.aliases.iter().cloned());
        entry.2.extend(own_name);
    }
    refs
}

/// An article's references, most mentioned first, then by first mention.
fn ordered_refs(
    refs: BTreeMap<Key, Draft>,
    find: &dyn Fn(&Key) -> Option<usize>,
) -> Vec<EntityRef> {
    let mut refs: Vec<((u32, u32), EntityRef)> = refs
        .into_iter()
        .filter_map(|(key, (mentions, first, mut aliases))| {
            aliases.remove(&key.1);
            let entity = find(&key)?;
            let aliases = aliases.into_iter().collect();
            Some((
                first,
                EntityRef {
                    entity,
                    mentions,
                    aliases,
                },
            ))
        })
        .collect();
    refs.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
    refs.into_iter().map(|(_, r)| r).collect()
}

/// The entities sorted by kind and slug, slugs made unique per kind in
/// name order.
fn entity_table(table: BTreeMap<Key, (BTreeSet<String>, Vec<EntityArticle>)>) -> Vec<Entity> {
    let mut taken: BTreeMap<EntityKind, BTreeSet<String>> = BTreeMap::new();
    let mut entities: Vec<Entity> = table
        .into_iter()
        .map(|((kind, name), (mut aliases, articles))| {
            aliases.remove(&name);
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
    entities
}
