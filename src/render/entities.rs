//! The pages of people, places and organisations: each entity's page, the
//! entities index, and the entity links on story cards.

use serde::Serialize;

use super::format::Link;
use super::paging::{INDEX_ENTITIES, LIST_STORIES, Pager, dated_rows, page_of};
use super::picture_views::{TimelineView, entity_timeline};
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, EntityId, Id};
use crate::enrich::extract::candidate::EntityKind;
use crate::urls::{self, Urls};

/// How many entities a story card shows.
pub(crate) const CARD_ENTITIES: usize = 4;

/// One page of the stories naming an entity.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntityView<'a, R> {
    /// Its name.
    pub name: &'a str,
    /// "Person", "Place" or "Organisation".
    pub kind: &'static str,
    /// Link to its section of the entities index.
    pub index_url: String,
    /// The heading of that section ("People").
    pub index_label: &'static str,
    /// Other names it goes by.
    pub aliases: &'a [String],
    /// Mentions across all stories.
    pub mentions: u32,
    /// How many stories name it.
    pub count: usize,
    /// This page's stories, newest first.
    pub articles: Vec<R>,
    /// Links to its other pages.
    pub pager: Pager,
    /// How many stories named it, edition by edition, on its first page.
    pub timeline: Option<TimelineView>,
}

/// An entity as listed on the entities index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntitySummary<'a> {
    /// Its name.
    pub name: &'a str,
    /// Link to its page.
    pub url: String,
    /// How many stories name it.
    pub count: usize,
}

/// One page of the entities index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntityIndex<'a> {
    /// A section per kind listed on this page.
    pub sections: Vec<EntitySection<'a>>,
    /// The links between the index's pages.
    pub pager: Pager,
}

/// One kind's section of the entities index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntitySection<'a> {
    /// "People", "Places", "Organisations".
    pub heading: &'static str,
    /// The section's anchor: `people`, `places`, `organizations`.
    pub id: &'static str,
    /// Its entities by name.
    pub entities: Vec<EntitySummary<'a>>,
}

/// A link to entity `e`'s page.
pub(crate) fn entity_link(digest: &Digest, e: EntityId, urls: &Urls) -> Link {
    let entity = &digest.entities[e];
    Link {
        label: entity.name.clone(),
        url: urls.link(&urls::entity_route(entity.kind, &entity.slug)),
    }
}

/// The most mentioned entities of article `i`, for its card.
pub(crate) fn card_entities(digest: &Digest, i: ArticleId, urls: &Urls) -> Vec<Link> {
    digest
        .entities_of
        .get(i)
        .into_iter()
        .flatten()
        .take(CARD_ENTITIES)
        .map(|r| entity_link(digest, r.entity, urls))
        .collect()
}

/// Page `page` of entity `e`'s stories, each story's row made by `row`
/// (told whether to show the date).
pub(crate) fn entity_page<'a, R>(
    digest: &'a Digest,
    e: EntityId,
    page: u32,
    urls: &Urls,
    row: impl Fn(ArticleId, bool) -> R,
) -> EntityView<'a, R> {
    let entity = &digest.entities[e];
    let route = urls::entity_route(entity.kind, &entity.slug);
    let stories = page_of(&entity.articles, page, LIST_STORIES)
        .iter()
        .map(|ea| ea.article);
    EntityView {
        name: &entity.name,
        kind: match entity.kind {
            EntityKind::Person => "Person",
            EntityKind::Place => "Place",
            EntityKind::Organization => "Organisation",
        },
        index_url: format!(
            "{}#{}",
            urls.link(&urls::paged_route(urls::ENTITIES_ROUTE, index_page_of(e))),
            entity.kind.plural()
        ),
        index_label: entity.kind.heading(),
        aliases: &entity.aliases,
        mentions: entity.mentions,
        count: entity.articles.len(),
        articles: dated_rows(digest, stories, row),
        pager: Pager::new(&route, page, entity.articles.len(), LIST_STORIES, urls),
        timeline: (page == 1).then(|| entity_timeline(digest, e)),
    }
}

/// The page of the entities index that lists entity `e`.
pub(crate) fn index_page_of(e: EntityId) -> u32 {
    u32::try_from(e.index() / INDEX_ENTITIES + 1).unwrap_or(u32::MAX)
}

/// The position of the first entity page `page` of the index lists.
pub(crate) fn index_start(page: u32) -> usize {
    let index = usize::try_from(page.saturating_sub(1)).unwrap_or(usize::MAX);
    index.saturating_mul(INDEX_ENTITIES)
}

/// Page `page` of the entities index: the entities in digest order (by
/// kind, then slug), [`INDEX_ENTITIES`] a page, in one section per kind on
/// the page (a kind no story names has its empty section on page 1).
pub(crate) fn entities_index<'a>(digest: &'a Digest, page: u32, urls: &Urls) -> EntityIndex<'a> {
    entities_index_of(digest, page, INDEX_ENTITIES, urls)
}

/// [`entities_index`] at `per_page` names a page.
fn entities_index_of<'a>(
    digest: &'a Digest,
    page: u32,
    per_page: usize,
    urls: &Urls,
) -> EntityIndex<'a> {
    let all = digest.entities.as_slice();
    let shown = page_of(all, page, per_page);
    let sections = EntityKind::ALL
        .iter()
        .filter_map(|&kind| {
            let entities: Vec<EntitySummary<'a>> = shown
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| EntitySummary {
                    name: &e.name,
                    url: urls.link(&urls::entity_route(e.kind, &e.slug)),
                    count: e.articles.len(),
                })
                .collect();
            let none_at_all = page <= 1 && !all.iter().any(|e| e.kind == kind);
            (!entities.is_empty() || none_at_all).then_some(EntitySection {
                heading: kind.heading(),
                id: kind.plural(),
                entities,
            })
        })
        .collect();
    let mut pager = Pager::new(urls::ENTITIES_ROUTE, page, all.len(), per_page, urls);
    pager.noun = Some("Names");
    EntityIndex { sections, pager }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::entities::Entity;

    fn entity(kind: EntityKind, slug: &str) -> Entity {
        Entity {
            kind,
            name: slug.to_uppercase(),
            slug: slug.to_string(),
            aliases: Vec::new(),
            mentions: 1,
            articles: Vec::new(),
            coords: None,
        }
    }

    #[test]
    fn the_index_pages_list_every_entity_once_in_sections_by_kind() {
        let digest = Digest {
            entities: std::sync::Arc::new(
                vec![
                    entity(EntityKind::Person, "ann"),
                    entity(EntityKind::Person, "bob"),
                    entity(EntityKind::Person, "cy"),
                    entity(EntityKind::Place, "oslo"),
                ]
                .into(),
            ),
            ..Digest::default()
        };
        let urls = Urls::new("https://u.github.io/r/");
        let pages: Vec<EntityIndex<'_>> = (1..=2)
            .map(|n| entities_index_of(&digest, n, 3, &urls))
            .collect();
        fn listed(p: &EntityIndex<'_>) -> Vec<(&'static str, Vec<String>)> {
            p.sections
                .iter()
                .map(|s| {
                    (
                        s.id,
                        s.entities.iter().map(|e| e.name.to_string()).collect(),
                    )
                })
                .collect()
        }
        // Organisations: none at all, so an empty section on page 1 only.
        assert_eq!(
            listed(&pages[0]),
            vec![
                ("people", vec!["ANN".into(), "BOB".into(), "CY".into()]),
                ("organizations", vec![])
            ]
        );
        assert_eq!(listed(&pages[1]), vec![("places", vec!["OSLO".into()])]);
        assert_eq!(pages[0].pager.next.as_deref(), Some("/r/entities/page/2/"));
        assert_eq!(pages[1].pager.previous.as_deref(), Some("/r/entities/"));
        assert_eq!(
            (pages[1].pager.total, pages[1].pager.noun),
            (2, Some("Names"))
        );
    }
}
