//! Finding stories filed more than once: the same wire story twice,
//! lightly edited, or under another headline.
//!
//! Pure. Two stories are versions of one when the Jaccard similarity of
//! their texts' word 3-shingles ([`shingles`]) reaches the site's
//! threshold; titles do not count. Identical texts (title and body) are
//! grouped first by a hash; the rest are narrowed to candidate pairs by
//! MinHash and LSH banding ([`minhash`]), never all pairs, and each
//! candidate is verified with the exact similarity of its shingle sets.
//! Two stories on one topic share names, rarely whole phrases, so they
//! stay apart. Grouping the pairs and choosing the story shown is
//! `fold`'s job.

mod minhash;
mod shingles;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::enrich::Article;

/// How far below the threshold a signature's estimate may fall and the
/// pair still be verified: over three standard deviations of the estimate
/// with 128 bins (at most 0.045), so a pair at the threshold is almost
/// never dropped by it.
const ESTIMATE_SLACK: f64 = 0.15;

/// Two stories found to be versions of one: positions in the list given
/// to [`pairs`], `a < b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pair {
    /// The earlier position.
    pub a: usize,
    /// The later position.
    pub b: usize,
    /// The Jaccard similarity of their shingle sets (1 for exact copies).
    pub similarity: f64,
    /// Same title and same text.
    pub exact: bool,
}

/// Every pair of `articles` that are versions of one story at
/// `threshold`, sorted by position. Exact copies are paired with the first
/// of their kind only; near copies are verified candidates.
pub(crate) fn pairs(articles: &[Arc<Article>], threshold: f64) -> Vec<Pair> {
    let (mut found, distinct) = exact_pairs(articles);
    let signatures: Vec<(usize, minhash::Signature)> = distinct
        .par_iter()
        .filter_map(|&i| {
            let paragraphs = articles[i].body.paragraphs();
            minhash::signature(|each| shingles::for_each(paragraphs, each)).map(|s| (i, s))
        })
        .collect();
    let signature_of = |doc: usize| {
        signatures
            .binary_search_by_key(&doc, |(d, _)| *d)
            .ok()
            .map(|at| &signatures[at].1)
    };
    // A candidate whose signatures agree in far fewer bins than the
    // threshold asks is not worth building shingle sets for.
    let candidates: Vec<(usize, usize)> =
        minhash::candidates(&signatures, minhash::rows_for(threshold))
            .into_iter()
            .filter(|&(a, b)| match (signature_of(a), signature_of(b)) {
                (Some(x), Some(y)) => minhash::agreement(x, y) >= threshold - ESTIMATE_SLACK,
                _ => false,
            })
            .collect();
    let mut docs: Vec<usize> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
    docs.sort_unstable();
    docs.dedup();
    let sets: HashMap<usize, Vec<u64>> = docs
        .par_iter()
        .map(|&i| (i, shingles::set(articles[i].body.paragraphs())))
        .collect();
    let near = candidates.par_iter().filter_map(|&(a, b)| {
        let similarity = shingles::jaccard(sets.get(&a)?, sets.get(&b)?);
        (similarity >= threshold).then_some(Pair {
            a,
            b,
            similarity,
            exact: false,
        })
    });
    found.par_extend(near);
    found.sort_by_key(|x| (x.a, x.b));
    found
}

/// The similarity of two stories' texts (Jaccard of their shingle sets).
pub(crate) fn similarity(a: &Article, b: &Article) -> f64 {
    shingles::jaccard(
        &shingles::set(a.body.paragraphs()),
        &shingles::set(b.body.paragraphs()),
    )
}

/// Pairs of identical stories (each with the first of its kind), and the
/// positions of the first of each kind.
fn exact_pairs(articles: &[Arc<Article>]) -> (Vec<Pair>, Vec<usize>) {
    let hashes: Vec<u64> = articles.par_iter().map(|a| content_hash(a)).collect();
    let mut first_of: HashMap<u64, Vec<usize>> = HashMap::with_capacity(articles.len());
    let mut pairs = Vec::new();
    let mut distinct = Vec::with_capacity(articles.len());
    for (i, &hash) in hashes.iter().enumerate() {
        let firsts = first_of.entry(hash).or_default();
        match firsts
            .iter()
            .find(|&&f| same_text(&articles[f], &articles[i]))
        {
            Some(&f) => pairs.push(Pair {
                a: f,
                b: i,
                similarity: 1.0,
                exact: true,
            }),
            None => {
                firsts.push(i);
                distinct.push(i);
            }
        }
    }
    (pairs, distinct)
}

/// Whether two stories have the same title and the same text.
pub(crate) fn same_text(a: &Article, b: &Article) -> bool {
    a.title == b.title && a.body.paragraphs() == b.body.paragraphs()
}

fn content_hash(article: &Article) -> u64 {
    let mut h = Xxh3::new();
    h.update(article.title.as_bytes());
    for p in article.body.paragraphs() {
        h.update(b"\0");
        h.update(p.as_bytes());
    }
    h.digest()
}
