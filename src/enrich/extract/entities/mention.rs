//! Mentions of names: [`Raw`] while a paragraph is read, [`Mention`] once
//! grouped (for attributing quotes), and the scores the readers give the
//! clues they find. A leaf of the entity reader.

use super::para::Para;
use crate::enrich::extract::candidate::{EntityKind, Evidence};
use crate::enrich::tokens::Shape;

/// Points for a kind a gazetteer or correction gives.
pub(super) const KNOWN: i32 = 10;
/// Points for a title or role before the name.
pub(super) const TITLE: i32 = 4;
/// Points for an organisation before a title ("NASA Administrator").
pub(super) const AFFILIATION: i32 = 2;

/// One mention of a name, before grouping.
#[derive(Debug, Clone, Default)]
pub(super) struct Raw {
    /// The name it counts for (canonical when a gazetteer knows it).
    pub name: String,
    /// The words as written.
    pub surface: String,
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte range in the paragraph.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Words in `surface`.
    pub words: usize,
    /// What the name's own words say.
    pub shape: Evidence,
    /// What the words around it say.
    pub context: Evidence,
    /// The strongest single clue.
    pub strength: i32,
    /// Whether a verb of saying goes with it.
    pub speaks: bool,
    /// A kind fixed by a gazetteer or correction.
    pub known: Option<EntityKind>,
    /// Whether it opens a sentence.
    pub sentence_initial: bool,
    /// The acronym this expansion defines, "(KCNA)".
    pub defines: Option<String>,
    /// Whether it is a single all-capitals word.
    pub acronym: bool,
}

impl Raw {
    /// A mention of the words `first..=last` of `p`.
    pub(super) fn new(p: &Para<'_>, (first, last): (usize, usize)) -> Raw {
        let surface = p.slice(first, last).to_string();
        Raw {
            name: surface.clone(),
            words: surface.split_whitespace().count(),
            surface,
            paragraph: p.index,
            start: p.tokens[first].start,
            end: p.tokens[last].end,
            sentence_initial: p.tokens[first].sentence_start,
            acronym: first == last && p.tokens[first].shape == Shape::Upper,
            ..Raw::default()
        }
    }

    /// A mention of a name a gazetteer or correction knows.
    pub(super) fn known(
        p: &Para<'_>,
        span: (usize, usize),
        kind: EntityKind,
        canonical: &str,
    ) -> Raw {
        Raw {
            name: canonical.to_string(),
            known: Some(kind),
            context: Evidence::of(kind, KNOWN),
            strength: KNOWN,
            ..Raw::new(p, span)
        }
    }
}

/// Where an entity is named, for attributing quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte offset of the name in the paragraph.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// The candidate named, as an index.
    pub candidate: usize,
}
