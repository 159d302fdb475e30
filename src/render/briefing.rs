//! View models of the briefing layer: the briefing box and related stories
//! on article pages, top entities on cards, entity pages, the entities
//! index and the search page.

use serde::Serialize;

use super::views::{Link, display_date};
use crate::digest::Digest;
use crate::enrich::extract::candidate::EntityKind;
use crate::urls::{self, Urls};

/// How many entities a story card shows.
pub const CARD_ENTITIES: usize = 4;

/// How many key figures the briefing box shows.
const BOX_FIGURES: usize = 8;

/// The briefing box of an article page.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingView<'a> {
    /// The lede.
    pub lede: &'a str,
    /// People, most mentioned first.
    pub people: Vec<Link>,
    /// Places, most mentioned first.
    pub places: Vec<Link>,
    /// Organisations, most mentioned first.
    pub organizations: Vec<Link>,
    /// Quoted statements with their speakers.
    pub quotes: Vec<QuoteView<'a>>,
    /// Key figures as written.
    pub figures: Vec<&'a str>,
}

/// A quoted statement.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView<'a> {
    /// The words quoted.
    pub text: &'a str,
    /// Who said it, when the text says.
    pub speaker: Option<String>,
    /// The speaker's entity page, when there is one.
    pub speaker_url: Option<String>,
}

/// One story on an entity page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityStory<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to the article.
    pub url: String,
    /// Date for display.
    pub date: String,
    /// Date for `<time datetime>`.
    pub date_iso: String,
    /// Link to its edition.
    pub edition_url: String,
    /// How many times the story names the entity.
    pub mentions: u32,
}

/// An entity's page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView<'a> {
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
    /// The stories naming it, newest first.
    pub articles: Vec<EntityStory<'a>>,
}

/// An entity as listed on the entities index.
#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary<'a> {
    /// Its name.
    pub name: &'a str,
    /// Link to its page.
    pub url: String,
    /// How many stories name it.
    pub count: usize,
}

/// One kind's section of the entities index.
#[derive(Debug, Clone, Serialize)]
pub struct EntitySection<'a> {
    /// "People", "Places", "Organisations".
    pub heading: &'static str,
    /// The section's anchor: `people`, `places`, `organizations`.
    pub id: &'static str,
    /// Its entities by name.
    pub entities: Vec<EntitySummary<'a>>,
}

/// A story as listed on the search page without JavaScript.
#[derive(Debug, Clone, Serialize)]
pub struct SearchStory<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to the article.
    pub url: String,
    /// Date for display.
    pub date: String,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView<'a> {
    /// The search script.
    pub script_url: String,
    /// Where the script loads the index from.
    pub index_url: String,
    /// Every story, in reading order: the page without JavaScript.
    pub articles: Vec<SearchStory<'a>>,
}

/// A link to entity `e`'s page.
pub fn entity_link(digest: &Digest, e: usize, urls: &Urls) -> Link {
    let entity = &digest.entities[e];
    Link {
        label: entity.name.clone(),
        url: urls.link(&urls::entity_route(entity.kind, &entity.slug)),
    }
}

/// The most mentioned entities of article `i`, for its card.
pub fn card_entities(digest: &Digest, i: usize, urls: &Urls) -> Vec<Link> {
    digest
        .entities_of
        .get(i)
        .into_iter()
        .flatten()
        .take(CARD_ENTITIES)
        .map(|r| entity_link(digest, r.entity, urls))
        .collect()
}

/// The briefing box of article `i`.
pub fn briefing_box<'a>(digest: &'a Digest, i: usize, urls: &Urls) -> BriefingView<'a> {
    let article = &digest.articles[i];
    let refs = digest.entities_of.get(i).map_or(&[][..], Vec::as_slice);
    let of_kind = |kind: EntityKind| {
        refs.iter()
            .filter(|r| digest.entities[r.entity].kind == kind)
            .map(|r| entity_link(digest, r.entity, urls))
            .collect()
    };
    let speakers = digest.speakers.get(i).map_or(&[][..], Vec::as_slice);
    let quotes = article
        .extracted
        .quotes
        .iter()
        .enumerate()
        .map(|(q, quote)| {
            let entity = speakers.get(q).copied().flatten();
            let link = entity.map(|e| entity_link(digest, e, urls));
            QuoteView {
                text: &quote.text,
                speaker: link
                    .as_ref()
                    .map(|l| l.label.clone())
                    .or_else(|| quote.speaker.clone()),
                speaker_url: link.map(|l| l.url),
            }
        })
        .collect();
    BriefingView {
        lede: &article.lede,
        people: of_kind(EntityKind::Person),
        places: of_kind(EntityKind::Place),
        organizations: of_kind(EntityKind::Organization),
        quotes,
        figures: article
            .extracted
            .figures
            .iter()
            .take(BOX_FIGURES)
            .map(|f| f.text.as_str())
            .collect(),
    }
}

/// The related stories of article `i`, as links.
pub fn related(digest: &Digest, i: usize, urls: &Urls) -> Vec<Link> {
    digest
        .related
        .get(i)
        .into_iter()
        .flatten()
        .map(|&j| {
            let a = &digest.articles[j];
            Link {
                label: a.title.clone(),
                url: urls.link(&urls::article_route(&a.slug)),
            }
        })
        .collect()
}

/// Entity `e`'s page.
pub fn entity_page<'a>(digest: &'a Digest, e: usize, urls: &Urls) -> EntityView<'a> {
    let entity = &digest.entities[e];
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
        articles: entity
            .articles
            .iter()
            .map(|ea| {
                let a = &digest.articles[ea.article];
                EntityStory {
                    title: &a.title,
                    url: urls.link(&urls::article_route(&a.slug)),
                    date: display_date(a.date),
                    date_iso: a.date.to_string(),
                    edition_url: urls.link(&urls::edition_route(a.date)),
                    mentions: ea.mentions,
                }
            })
            .collect(),
    }
}

/// The entities index: one section per kind, entities by name.
pub fn entities_index<'a>(digest: &'a Digest, urls: &Urls) -> Vec<EntitySection<'a>> {
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

/// The search page.
pub fn search_page<'a>(digest: &'a Digest, urls: &Urls) -> SearchView<'a> {
    SearchView {
        script_url: urls.link(urls::SEARCH_SCRIPT),
        index_url: urls.link(urls::SEARCH_INDEX_ROUTE),
        articles: digest
            .articles
            .iter()
            .map(|a| SearchStory {
                title: &a.title,
                url: urls.link(&urls::article_route(&a.slug)),
                date: display_date(a.date),
            })
            .collect(),
    }
}
