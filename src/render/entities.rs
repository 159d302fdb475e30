//! The pages of people, places and organisations: each entity's page, the
//! entities index, and the entity links on story cards.

use serde::Serialize;

use super::format::Link;
use super::paging::{LIST_STORIES, Pager, dated_rows, page_of};
use super::picture_views::{TimelineView, entity_timeline};
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, EntityId};
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
            urls.link(urls::ENTITIES_ROUTE),
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

/// The entities index: one section per kind, entities by name.
pub(crate) fn entities_index<'a>(digest: &'a Digest, urls: &Urls) -> Vec<EntitySection<'a>> {
    EntityKind::ALL
        .iter()
        .map(|&kind| {
            let mut entities: Vec<EntitySummary<'a>> = digest
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| EntitySummary {
                    name: &e.name,
                    url: urls.link(&urls::entity_route(e.kind, &e.slug)),
                    count: e.articles.len(),
                })
                .collect();
            entities.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then(a.url.cmp(&b.url))
            });
            EntitySection {
                heading: kind.heading(),
                id: kind.plural(),
                entities,
            }
        })
        .collect()
}
