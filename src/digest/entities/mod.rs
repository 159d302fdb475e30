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
//!
//! `corpus` makes the decisions, `table` builds what the pages show from
//! them; the results are the types of the leaf `types`.

mod corpus;
mod table;
mod types;

use std::sync::Arc;

use crate::enrich::Article;
use crate::enrich::extract::candidate::{Certainty, EntityKind};
use corpus::{
    Decisions, NameStats, Named, Names, corpus_folds, corpus_name, decide, lowercase_seen,
};
pub use types::{Entity, EntityArticle, EntityRef, Resolved};

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
    table::build(articles, &corpus, &names, &Decisions { kinds, folds })
}
