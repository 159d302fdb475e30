//! What the corpus pass produces: the entity table and each article's
//! references into it. A leaf of the corpus pass.

use super::super::ids::{ArticleId, EntityId, Table};
use crate::enrich::extract::candidate::EntityKind;
use crate::enrich::extract::gazetteer::Coords;

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
    /// Where a place is on the map, when the compiled-in gazetteers know
    /// its name or one of its other names; `None` for people and
    /// organisations.
    pub coords: Option<Coords>,
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
