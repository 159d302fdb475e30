//! Building the entity table from the corpus's decisions: each article's
//! references merged by the entity they count for, every entity's other
//! names and articles, unique slugs, and who said each quote.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::corpus::{Decisions, Named, Names};
use super::types::{Entity, EntityArticle, EntityRef, Resolved};
use crate::digest::ids::{ArticleId, EntityId, Id, Table};
use crate::enrich::Article;
use crate::enrich::extract::candidate::EntityKind;
use crate::enrich::extract::gazetteer::Coords;
use crate::enrich::extract::hash::FnvBuild;
use crate::enrich::extract::lexicon::Lexicon;
use crate::slug::{MAX_SLUG_LEN, slugify, unique};

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
pub(super) fn build(
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
        // A first word the corpus cut off ("Rival" of "Rival Quillon") is
        // no other name for the entity.
        let cut = n.c.name.strip_suffix(names.get(n.id)).map(str::trim_end);
        let kept = n.c.aliases.iter().filter(|a| Some(a.as_str()) != cut);
        draft.aliases.extend(kept.cloned());
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
            let coords = place_coords(kind, &name, &aliases);
            Entity {
                kind,
                coords,
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

/// Where a place is on the map: its canonical name's coordinates, else
/// those of the first of its other names (sorted) the gazetteers place.
fn place_coords(kind: EntityKind, name: &str, aliases: &BTreeSet<String>) -> Option<Coords> {
    if kind != EntityKind::Place {
        return None;
    }
    let lex = Lexicon::builtin();
    std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .find_map(|n| lex.coords(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aliases(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn places_get_coordinates_from_their_name_or_another_name() {
        let moscow = place_coords(EntityKind::Place, "Moscow", &aliases(&[])).unwrap();
        assert!((moscow.lat() - 55.75).abs() < 0.1 && (moscow.lon() - 37.62).abs() < 0.1);
        let by_alias = place_coords(
            EntityKind::Place,
            "Northmere",
            &aliases(&["Moskva", "Moscow"]),
        );
        assert_eq!(by_alias, Some(moscow));
        assert_eq!(
            place_coords(EntityKind::Place, "Northmere", &aliases(&[])),
            None
        );
        assert_eq!(
            place_coords(EntityKind::Person, "Moscow", &aliases(&[])),
            None
        );
        assert_eq!(
            place_coords(EntityKind::Organization, "Georgia", &aliases(&[])),
            None
        );
    }
}
