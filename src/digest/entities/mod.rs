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
//!   News Agency") when only one full name fits, and only with evidence
//!   that it means the same thing there: not an ordinary word the corpus
//!   writes in lower case, not a name whose own evidence says another kind,
//!   and not a bare name used alone in many more stories than the long form
//!   is named in.
//!
//! Every statistic is a count over articles (how many name it, the
//! evidence they add up to), so one article's contribution can be taken
//! out and put back.
//!
//! `corpus` makes the decisions, `table` builds what the pages show from
//! them; the results are the types of the leaf `types`.

mod corpus;
mod opening;
mod table;
mod types;

use std::collections::HashSet;
use std::sync::Arc;

use crate::enrich::Article;
use crate::enrich::extract::candidate::EntityKind;
use crate::enrich::extract::hash::FnvBuild;
use corpus::{
    Corpus, Decisions, NameStats, Named, Names, corpus_folds, decide, lowercase_seen, name_words,
};
use opening::{Openings, corpus_name};
pub use types::{Entity, EntityArticle, EntityRef, Resolved};

/// The words whose lower-case use in an article can change a corpus
/// pass's decisions (see [`same_inputs`]).
#[derive(Debug, Clone, Default)]
pub struct NameWords(HashSet<u64, FnvBuild>);

/// Decides every article's entities against the whole corpus.
pub fn resolve(articles: &[Arc<Article>]) -> Resolved {
    resolve_with_words(articles).0
}

/// [`resolve`], also returning the words that made a difference.
pub fn resolve_with_words(articles: &[Arc<Article>]) -> (Resolved, NameWords) {
    let wanted = name_words(articles);
    let resolved = resolve_words(articles, &wanted);
    (resolved, NameWords(wanted))
}

/// Whether `new` gives a corpus pass exactly what `old` gave it, `words`
/// being the [`NameWords`] of a pass that read `old`: the same candidates
/// (with all their evidence), the same quotes' speakers, and the same
/// lower-case use of any name's words. When every article of a corpus
/// gives what the one at its place gave last time, the pass would decide
/// the same, so its results can be kept.
pub fn same_inputs(words: &NameWords, old: &Article, new: &Article) -> bool {
    let (o, n) = (&old.extracted, &new.extracted);
    let lower =
        |w: &[u64]| -> Vec<u64> { w.iter().filter(|h| words.0.contains(h)).copied().collect() };
    o.entities == n.entities
        && o.quotes.len() == n.quotes.len()
        && o.quotes
            .iter()
            .zip(&n.quotes)
            .all(|(a, b)| a.speaker == b.speaker)
        && lower(&o.lowercase_words) == lower(&n.lowercase_words)
}

/// [`resolve`] with the words of every name already collected.
fn resolve_words(articles: &[Arc<Article>], wanted: &HashSet<u64, FnvBuild>) -> Resolved {
    let lower = lowercase_seen(articles, wanted);
    let candidates = || articles.iter().flat_map(|a| &a.extracted.entities);
    let openings = Openings::count(candidates, &lower);
    let mut names = Names::default();
    let corpus: Vec<Vec<Named<'_>>> = articles
        .iter()
        .map(|a| {
            a.extracted
                .entities
                .iter()
                .map(|c| Named {
                    id: names.intern(corpus_name(c, &lower, &openings)),
                    c,
                })
                .collect()
        })
        .collect();
    let mut stats = vec![NameStats::default(); names.names.len()];
    for n in corpus.iter().flatten() {
        stats[n.id as usize].add(n.c, names.get(n.id));
    }
    let kinds: Vec<Option<EntityKind>> = stats
        .iter()
        .enumerate()
        .map(|(id, s)| decide(names.names[id], s, &lower))
        .collect();
    let folds = corpus_folds(&Corpus {
        articles: &corpus,
        names: &names,
        stats: &stats,
        kinds: &kinds,
        lower: &lower,
    });
    table::build(articles, &corpus, &names, &Decisions { kinds, folds })
}
