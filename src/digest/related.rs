//! Related stories: for each article, the others that share the most
//! specific entities and tags.
//!
//! Each shared entity or tag adds its inverse document frequency,
//! `ln((N + 1) / df)`, so a person named in three stories links them more
//! strongly than a country named in half the corpus; tags count half as
//! much as entities. Candidates come from the articles sharing an entity or
//! tag that is not everywhere (at most `MAX_POSTING` articles or a tenth
//! of the corpus), which keeps the pass close to linear; their scores then
//! count every shared entity and tag. An article is never related to itself.

use rayon::prelude::*;

use super::entities::EntityRef;
use super::ids::{ArticleId, Id, Table, TagId};

/// How many related stories an article lists.
pub(crate) const MAX_RELATED: usize = 5;

/// Entities or tags in more articles than this (or than a tenth of the
/// corpus, but never fewer than [`MIN_POSTING`]) do not propose
/// candidates, only add to their scores.
const MAX_POSTING: usize = 100;

/// The smallest posting limit, so small sites relate on every feature.
const MIN_POSTING: usize = 20;

/// How many candidates are rescored on every shared feature.
const SHORTLIST: usize = 25;

/// How much a shared tag weighs against a shared entity.
const TAG_WEIGHT: f64 = 0.5;

/// An article's features as sorted (feature, weight) pairs; entities and
/// tags are numbered apart.
type Features = Vec<(u32, f64)>;

/// For each article, up to [`MAX_RELATED`] related articles, best first
/// (ties in reading order).
pub(crate) fn related(
    entities_of: &Table<ArticleId, Vec<EntityRef>>,
    tags_of: &Table<ArticleId, Vec<TagId>>,
) -> Table<ArticleId, Vec<ArticleId>> {
    let (entities_of, tags_of) = (entities_of.as_slice(), tags_of.as_slice());
    let n = entities_of.len();
    let entity_count = entities_of
        .iter()
        .flatten()
        .map(|r| r.entity.index() + 1)
        .max()
        .unwrap_or(0);
    let feature_lists: Vec<Vec<u32>> = (0..n)
        .map(|i| {
            let mut f: Vec<u32> = entities_of[i]
                .iter()
                .map(|r| to_u32(r.entity.index()))
                .chain(
                    tags_of
                        .get(i)
                        .into_iter()
                        .flatten()
                        .map(|t| to_u32(entity_count + t.index())),
                )
                .collect();
            f.sort_unstable();
            f.dedup();
            f
        })
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![
        Vec::new();
        entity_count
            + tags_of
                .iter()
                .flatten()
                .map(|t| t.index() + 1)
                .max()
                .unwrap_or(0)
    ];
    for (i, features) in feature_lists.iter().enumerate() {
        for &f in features {
            postings[f as usize].push(to_u32(i));
        }
    }
    let weights: Vec<f64> = postings
        .iter()
        .enumerate()
        .map(|(f, p)| {
            let idf = ((n as f64 + 1.0) / p.len().max(1) as f64).ln();
            if f < entity_count {
                idf
            } else {
                idf * TAG_WEIGHT
            }
        })
        .collect();
    let features: Vec<Features> = feature_lists
        .iter()
        .map(|list| list.iter().map(|&f| (f, weights[f as usize])).collect())
        .collect();
    let index = Index {
        features: &features,
        postings: &postings,
        cap: MAX_POSTING.min(n / 10).max(MIN_POSTING),
    };
    // A few chunks per thread, each with its own score table.
    let chunk = n.div_ceil(rayon::current_num_threads() * 2).max(1);
    let ids: Vec<usize> = (0..n).collect();
    let best: Vec<Vec<ArticleId>> = ids
        .par_chunks(chunk)
        .flat_map_iter(|chunk| {
            let mut scratch = Scratch::new(n);
            chunk
                .iter()
                .map(|&i| index.best_for(i, &mut scratch))
                .collect::<Vec<_>>()
        })
        .collect();
    best.into()
}

/// One thread's reusable score table: a partial score per article and
/// the articles touched, so scoring an article costs what it touches, not
/// the corpus size, and allocates nothing.
struct Scratch {
    partial: Vec<f64>,
    /// For each article, the article (plus one) last scored against it:
    /// whether its partial score belongs to the current article.
    stamp: Vec<usize>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            partial: vec![0.0; n],
            stamp: vec![0; n],
            touched: Vec::new(),
        }
    }
}

/// The articles' features and each feature's articles.
struct Index<'a> {
    features: &'a [Features],
    postings: &'a [Vec<u32>],
    cap: usize,
}

impl Index<'_> {
    /// Scores the articles sharing a specific feature with article `i` by
    /// those features, then rescores the best of them on every shared
    /// feature and keeps [`MAX_RELATED`].
    fn best_for(&self, i: usize, scratch: &mut Scratch) -> Vec<ArticleId> {
        let own = &self.features[i];
        let specific = own
            .iter()
            .filter(|(f, _)| self.postings[*f as usize].len() <= self.cap);
        for (f, weight) in specific {
            for &j in &self.postings[*f as usize] {
                let k = j as usize;
                if k != i {
                    if scratch.stamp[k] != i + 1 {
                        scratch.stamp[k] = i + 1;
                        scratch.partial[k] = 0.0;
                        scratch.touched.push(j);
                    }
                    scratch.partial[k] += weight;
                }
            }
        }
        let mut shortlist: Vec<(f64, u32)> = scratch
            .touched
            .drain(..)
            .map(|j| (scratch.partial[j as usize], j))
            .collect();
        // The best SHORTLIST by score, ties by position: a total order, so
        // selecting them first and sorting only them keeps the same list.
        let order = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if shortlist.len() > SHORTLIST {
            shortlist.select_nth_unstable_by(SHORTLIST, order);
            shortlist.truncate(SHORTLIST);
        }
        shortlist.sort_by(order);
        let mut scored: Vec<(f64, usize)> = shortlist
            .into_iter()
            .map(|(_, j)| (shared(own, &self.features[j as usize]), j as usize))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // A fresh list: collecting from `scored` would reuse, and keep for
        // the whole build, the buffer every candidate was scored in.
        let mut best = Vec::with_capacity(MAX_RELATED.min(scored.len()));
        best.extend(
            scored
                .iter()
                .take(MAX_RELATED)
                .map(|&(_, j)| ArticleId::new(j)),
        );
        best
    }
}

/// The summed weight of the features two sorted lists share.
fn shared(a: &Features, b: &Features) -> f64 {
    let (mut x, mut y, mut sum) = (0, 0, 0.0);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                sum += a[x].1;
                x += 1;
                y += 1;
            }
        }
    }
    sum
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indices(list: &[ArticleId]) -> Vec<usize> {
        list.iter().map(|a| a.index()).collect()
    }

    fn refs(entities: &[usize]) -> Vec<EntityRef> {
        entities
            .iter()
            .map(|&entity| EntityRef {
                entity: super::super::ids::EntityId::new(entity),
                mentions: 1,
                aliases: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn rare_shared_entities_outweigh_common_ones_and_self_is_never_related() {
        // Entity 0 ("Russia") is in every article; entity 1 only in 0 and 2.
        let entities_of = vec![refs(&[0, 1]), refs(&[0]), refs(&[0, 1]), refs(&[0])].into();
        let related = related(&entities_of, &Table::default());
        assert_eq!(indices(&related[ArticleId::new(0)]), [2, 1, 3]);
        assert_eq!(indices(&related[ArticleId::new(2)]), [0, 1, 3]);
        for (i, list) in related.enumerate() {
            assert!(!list.contains(&i), "{i:?} lists itself");
        }
    }

    #[test]
    fn tags_count_and_nothing_shared_means_nothing_related() {
        let entities_of = vec![refs(&[]), refs(&[]), refs(&[5])].into();
        let tag = TagId::new(0);
        let related = related(&entities_of, &vec![vec![tag], vec![tag], vec![]].into());
        let lists: Vec<Vec<usize>> = related.iter().map(|l| indices(l)).collect();
        assert_eq!(lists, [vec![1], vec![0], vec![]]);
    }
}
