//! An entity as one article names it, before the corpus pass decides:
//! its kind, the evidence for each kind and how sure the article alone is.
//!
//! A leaf: the entity extractor produces [`Candidate`]s, the quote reader
//! and the corpus pass in `digest` read them, and [`EntityKind`] names the
//! kinds everywhere after that (URLs, pages, `digest.json`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country, city, region or other place.
    Place,
    /// A company, agency, party, club or other organisation.
    Organization,
}

impl EntityKind {
    /// All kinds, in display order.
    pub const ALL: [EntityKind; 3] = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organization,
    ];

    /// The URL folder and JSON key of this kind: `people`, `places`,
    /// `organizations`.
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Place => "places",
            EntityKind::Organization => "organizations",
        }
    }

    /// A heading for a list of this kind.
    pub fn heading(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Place => "Places",
            EntityKind::Organization => "Organisations",
        }
    }
}

/// How strongly the text suggests each kind; the highest wins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Points for a person.
    pub person: i32,
    /// Points for a place.
    pub place: i32,
    /// Points for an organisation.
    pub org: i32,
}

impl Evidence {
    /// Evidence of `points` for `kind`.
    pub fn of(kind: EntityKind, points: i32) -> Evidence {
        let mut e = Evidence::default();
        e.add(kind, points);
        e
    }

    /// Adds `points` for `kind`.
    pub fn add(&mut self, kind: EntityKind, points: i32) {
        match kind {
            EntityKind::Person => self.person += points,
            EntityKind::Place => self.place += points,
            EntityKind::Organization => self.org += points,
        }
    }

    /// Adds every kind's points of `other`.
    pub fn merge(&mut self, other: Evidence) {
        self.person += other.person;
        self.place += other.place;
        self.org += other.org;
    }

    /// The kind with the most points, if any has a positive score; ties go
    /// to organisation, then place, then person (the rarer claims).
    pub fn kind(&self) -> Option<EntityKind> {
        let best = self.person.max(self.place).max(self.org);
        if best <= 0 {
            None
        } else if self.org == best {
            Some(EntityKind::Organization)
        } else if self.place == best {
            Some(EntityKind::Place)
        } else {
            Some(EntityKind::Person)
        }
    }
}

/// How sure the article alone is that a candidate is a name at all.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Certainty {
    /// A gazetteer or correction names it, or it has several words, an
    /// acronym's shape or clear context.
    #[default]
    Sure,
    /// One capitalised word without context: a name only if the rest of
    /// the corpus never writes it in lower case and gives it a kind.
    Unsure,
    /// Like `Unsure`, and only ever seen opening a sentence: a name only if
    /// the corpus also capitalises it mid-sentence.
    SentenceInitial,
}

/// An entity as one article names it, before the corpus pass decides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// The fullest name the article uses (or the gazetteer's).
    pub name: String,
    /// Other names the article uses for it ("Kim", "KCNA").
    pub aliases: BTreeSet<String>,
    /// How many times it is named.
    pub mentions: u32,
    /// Where it is first named, as (paragraph, byte offset).
    pub first: (u32, u32),
    /// What the text says about its kind.
    pub evidence: Evidence,
    /// A kind fixed by a gazetteer or a correction.
    pub known: Option<EntityKind>,
    /// Whether the article alone is sure it is a name.
    pub certainty: Certainty,
    /// Whether every mention of the full name opens a sentence, so its
    /// first word may be capitalised only for that ("Immunologist Kristian
    /// Andersen").
    pub opens_sentence: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongest_evidence_wins_and_ties_favour_the_rarer_kind() {
        let mut e = Evidence::of(EntityKind::Person, 2);
        assert_eq!(e.kind(), Some(EntityKind::Person));
        e.add(EntityKind::Place, 2);
        assert_eq!(e.kind(), Some(EntityKind::Place));
        e.merge(Evidence::of(EntityKind::Organization, 2));
        assert_eq!(e.kind(), Some(EntityKind::Organization));
        assert_eq!(Evidence::of(EntityKind::Person, -1).kind(), None);
        assert_eq!(EntityKind::Organization.plural(), "organizations");
    }
}
