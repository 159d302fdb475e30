//! What the pictures show, read from the digest: the places of an edition
//! for its map, the stories naming an entity edition by edition for its
//! timeline. Each picture comes with the same facts as text (a list of
//! links, a table), its text alternative.

use std::collections::BTreeMap;

use serde::Serialize;

use super::format::{display_date, edition_label, iso_date};
use super::pictures::map::{Dot, world_map};
use super::pictures::timeline::{Bar, timeline};
use crate::digest::Digest;
use crate::digest::ids::{EditionId, EntityId, Id};
use crate::enrich::extract::candidate::EntityKind;
use crate::urls::{self, Urls};

/// The most places one map shows (the most named first), so an edition
/// of many stories still has a small page.
pub(crate) const MAP_PLACES: usize = 60;
/// The most editions one timeline shows (the newest).
pub(crate) const TIMELINE_EDITIONS: usize = 60;

/// An edition's map and its text alternative.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MapView {
    /// The map, an inline `<svg>` element.
    pub svg: String,
    /// The places it shows, most named first, as links with their counts.
    pub places: Vec<PlaceLink>,
}

/// A place on a map.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlaceLink {
    /// Its name.
    pub label: String,
    /// Link to its page.
    pub url: String,
    /// How many of the edition's stories name it.
    pub count: usize,
}

/// An entity's timeline and its text alternative.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineView {
    /// The timeline, an inline `<svg>` element.
    pub svg: String,
    /// One row per edition drawn that names the entity, oldest first (the
    /// editions between them named it in no story).
    pub rows: Vec<TimelineRow>,
    /// The editions it covers: "from 1 May 2026 to 3 May 2026", or
    /// "on 1 May 2026".
    pub span: String,
}

/// One edition of a timeline.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineRow {
    /// The day for display.
    pub date: String,
    /// The day for `<time datetime>`.
    pub date_iso: String,
    /// How many stories of that edition name the entity.
    pub count: usize,
}

/// The map of edition `e`'s places that the gazetteers can place; `None`
/// when there is none.
pub(crate) fn edition_map(digest: &Digest, e: EditionId, urls: &Urls) -> Option<MapView> {
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    for &i in &digest.editions[e].articles {
        for r in digest.entities_of.get(i).into_iter().flatten() {
            let entity = &digest.entities[r.entity];
            if entity.kind == EntityKind::Place && entity.coords.is_some() {
                *counts.entry(r.entity).or_default() += 1;
            }
        }
    }
    let mut places: Vec<(EntityId, usize)> = counts.into_iter().collect();
    // Most named first; the entity id (kind, then slug) breaks ties.
    places.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    places.truncate(MAP_PLACES);
    let mut dots = Vec::with_capacity(places.len());
    let mut links = Vec::with_capacity(places.len());
    for (id, count) in places {
        let entity = &digest.entities[id];
        let Some(coords) = entity.coords else {
            continue;
        };
        let url = urls.link(&urls::entity_route(entity.kind, &entity.slug));
        let stories = if count == 1 { "story" } else { "stories" };
        dots.push(Dot {
            label: format!("{} ({count} {stories})", entity.name),
            url: url.clone(),
            lat: coords.lat(),
            lon: coords.lon(),
            weight: count,
        });
        links.push(PlaceLink {
            label: entity.name.clone(),
            url,
            count,
        });
    }
    if dots.is_empty() {
        return None;
    }
    let title = format!(
        "Map of the places in the edition of {}",
        edition_label(digest.editions[e].date, digest.editions[e].last)
    );
    Some(MapView {
        svg: world_map(&title, &dots),
        places: links,
    })
}

/// How many stories named entity `e`, edition by edition, from the first
/// edition that named it to the last (at most the newest
/// [`TIMELINE_EDITIONS`] of them), oldest first.
pub(crate) fn entity_timeline(digest: &Digest, e: EntityId) -> TimelineView {
    let entity = &digest.entities[e];
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for a in &entity.articles {
        *counts
            .entry(digest.edition_of[a.article].index())
            .or_default() += 1;
    }
    // Editions are newest first, so the newest naming it has the lowest index.
    let newest = counts.keys().next().copied().unwrap_or(0);
    let oldest = counts.keys().next_back().copied().unwrap_or(0);
    let oldest = oldest.min(newest + TIMELINE_EDITIONS - 1);
    let rows: Vec<TimelineRow> = (newest..=oldest)
        .rev()
        .filter_map(|n| digest.editions.get(EditionId::new(n)).map(|ed| (n, ed)))
        .map(|(n, edition)| TimelineRow {
            date: display_date(edition.date),
            date_iso: iso_date(edition.date),
            count: counts.get(&n).copied().unwrap_or(0),
        })
        .collect();
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: r.date.clone(),
            count: r.count,
        })
        .collect();
    let title = format!("Stories naming {}, edition by edition", entity.name);
    let span = match (rows.first(), rows.last()) {
        (Some(first), Some(last)) if rows.len() > 1 => {
            format!("from {} to {}", first.date, last.date)
        }
        (Some(only), _) => format!("on {}", only.date),
        _ => String::new(),
    };
    TimelineView {
        svg: timeline(&title, &bars),
        rows: rows.into_iter().filter(|r| r.count > 0).collect(),
        span,
    }
}
