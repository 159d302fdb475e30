//! MinHash signatures and LSH banding: which stories might be copies of
//! each other, found without comparing every pair.
//!
//! A signature is a one-permutation MinHash: each shingle hash is hashed
//! once, its top bits choose one of [`BINS`] bins and the bin keeps its
//! smallest value; empty bins borrow from the next full bin to the right,
//! mixed with the distance (rotation densification). Two signatures agree
//! in a bin with probability close to the Jaccard similarity of the
//! shingle sets. The bins are cut into bands of `rows`; stories whose
//! signatures agree on a whole band are candidates, which the caller
//! verifies exactly. The cost is one hash per shingle and a sort per band.
//! Pure; a leaf.

use super::shingles::mix;

/// Values in a signature.
pub(crate) const BINS: usize = 128;

/// A story's MinHash signature.
pub(crate) type Signature = [u32; BINS];

/// Marks a bin no shingle fell into (before densification).
const EMPTY: u32 = u32::MAX;

/// The signature of a story whose shingle hashes `each_shingle` produces,
/// or `None` when it has none.
pub(crate) fn signature(each_shingle: impl FnOnce(&mut dyn FnMut(u64))) -> Option<Signature> {
    let mut sig = [EMPTY; BINS];
    let mut any = false;
    each_shingle(&mut |h| {
        let h = mix(h ^ 0x9e37_79b9_7f4a_7c15);
        let bin = (h >> 57) as usize;
        let value = (h >> 25) as u32;
        any = true;
        if value < sig[bin] {
            sig[bin] = value;
        }
    });
    any.then(|| densify(sig))
}

/// Fills each empty bin from the nearest full bin to its right, wrapping
/// round, mixed with how far it had to look.
fn densify(mut sig: Signature) -> Signature {
    let full = sig;
    for (i, slot) in sig.iter_mut().enumerate() {
        if *slot != EMPTY {
            continue;
        }
        for distance in 1..BINS {
            let donor = full[(i + distance) % BINS];
            if donor != EMPTY {
                *slot = (mix(u64::from(donor) ^ ((distance as u64) << 32)) >> 32) as u32;
                break;
            }
        }
    }
    sig
}

/// The share of bins in which two signatures agree: an estimate of the
/// Jaccard similarity of their shingle sets.
pub(crate) fn agreement(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / BINS as f64
}

/// Rows per band for a similarity `threshold`: the most rows (fewest false
/// candidates) whose banding still finds nearly every pair at the
/// threshold, i.e. whose S-curve midpoint `(1/bands)^(1/rows)` is at most
/// three quarters of it.
pub(crate) fn rows_for(threshold: f64) -> usize {
    let mut best = 1;
    for rows in 1..=8 {
        let bands = (BINS / rows) as f64;
        if (1.0 / bands).powf(1.0 / rows as f64) <= 0.75 * threshold {
            best = rows;
        }
    }
    best
}

/// Pairs `(a, b)`, `a < b`, of positions in `signatures` that agree on a
/// whole band of `rows` bins: sorted, without repeats. Within a run of many
/// agreeing signatures only near neighbours are paired, so a crowd of
/// copies costs linear time (each copy is still paired with a copy, and
/// the caller groups them transitively).
pub(crate) fn candidates(signatures: &[(usize, Signature)], rows: usize) -> Vec<(usize, usize)> {
    const NEIGHBOURS: usize = 8;
    let rows = rows.clamp(1, BINS);
    let mut pairs = Vec::new();
    let mut keys: Vec<(u64, usize)> = Vec::with_capacity(signatures.len());
    for band in 0..BINS / rows {
        keys.clear();
        keys.extend(signatures.iter().map(|(doc, sig)| {
            let mut key = band as u64;
            for &v in &sig[band * rows..(band + 1) * rows] {
                key = mix(key ^ u64::from(v));
            }
            (key, *doc)
        }));
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in run.iter().skip(i + 1).take(NEIGHBOURS) {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::super::shingles;
    use super::*;

    fn sig(text: &str) -> Signature {
        let paragraphs = vec![text.to_string()];
        signature(|each| shingles::for_each(&paragraphs, each)).unwrap()
    }

    fn words(seed: u64, n: usize) -> Vec<String> {
        (0..n as u64)
            .map(|i| format!("w{}", mix(seed * 1_000_003 + i) % 5_000))
            .collect()
    }

    #[test]
    fn agreement_tracks_jaccard() {
        let base = words(1, 400);
        let mut edited = base.clone();
        for i in (0..edited.len()).step_by(20) {
            edited[i] = format!("x{i}");
        }
        let (a, b) = (base.join(" "), edited.join(" "));
        let exact = shingles::jaccard(
            &shingles::set(std::slice::from_ref(&a)),
            &shingles::set(std::slice::from_ref(&b)),
        );
        let estimate = agreement(&sig(&a), &sig(&b));
        assert!((exact - estimate).abs() < 0.15, "{exact} vs {estimate}");
        let other = words(2, 400).join(" ");
        assert!(agreement(&sig(&a), &sig(&other)) < 0.1);
    }

    #[test]
    fn short_texts_fill_every_bin() {
        let s = sig("one two three four");
        assert!(s.iter().all(|&v| v != EMPTY));
        assert_eq!(s, sig("One, two, three, four."));
        assert_eq!(signature(|_| {}), None);
    }

    #[test]
    fn rows_follow_the_threshold() {
        assert_eq!(rows_for(0.5), 3);
        assert_eq!(rows_for(0.6), 4);
        assert_eq!(rows_for(0.9), 7);
        assert_eq!(rows_for(0.05), 1);
    }

    #[test]
    fn copies_are_candidates_and_strangers_are_not() {
        let base = words(3, 300);
        let mut edited = base.clone();
        edited[10] = "changed".into();
        edited[150] = "changed".into();
        let docs = [
            (0, sig(&base.join(" "))),
            (1, sig(&words(4, 300).join(" "))),
            (2, sig(&edited.join(" "))),
            (3, sig(&words(5, 300).join(" "))),
        ];
        assert_eq!(candidates(&docs, rows_for(0.5)), vec![(0, 2)]);
    }

    #[test]
    fn a_crowd_of_copies_is_paired_in_linear_time() {
        let s = sig(&words(6, 100).join(" "));
        let docs: Vec<(usize, Signature)> = (0..1_000).map(|i| (i, s)).collect();
        let pairs = candidates(&docs, 4);
        assert!(pairs.len() <= 8 * 1_000, "{}", pairs.len());
        assert!(pairs.contains(&(0, 1)) && pairs.contains(&(998, 999)));
    }
}
