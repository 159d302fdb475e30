//! A story's text as a set of word 3-shingles: every run of three
//! consecutive words, lower-cased, hashed to 64 bits.
//!
//! Titles are left out (a retitled copy is still a copy); punctuation and
//! case do not count. A text of one or two words is one shingle; a text
//! without words has none. Pure; a leaf.

/// Words per shingle: three keeps a lightly edited copy close (one changed
/// word touches three shingles) and two different stories on one topic far
/// apart (they share names, rarely whole phrases).
const WIDTH: usize = 3;

/// Calls `each` with the hash of every shingle of `paragraphs`, in text
/// order (repeats included).
pub(crate) fn for_each(paragraphs: &[String], mut each: impl FnMut(u64)) {
    let mut window = [0u64; WIDTH];
    let mut words = 0usize;
    for paragraph in paragraphs {
        for_each_word(paragraph, |word| {
            window.rotate_left(1);
            window[WIDTH - 1] = word;
            words += 1;
            if words >= WIDTH {
                each(combine(&window));
            }
        });
    }
    if (1..WIDTH).contains(&words) {
        each(combine(&window[WIDTH - words..]));
    }
}

/// The shingle set of `paragraphs`: sorted, without repeats.
pub(crate) fn set(paragraphs: &[String]) -> Vec<u64> {
    let mut all = Vec::new();
    for_each(paragraphs, |h| all.push(h));
    all.sort_unstable();
    all.dedup();
    all
}

/// The Jaccard similarity of two sorted sets: shared over all.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    shared as f64 / union as f64
}

/// Calls `each` with the hash of every word of `text`: runs of letters and
/// digits, lower-cased (FNV-1a over the lower-case UTF-8 bytes).
fn for_each_word(text: &str, mut each: impl FnMut(u64)) {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    fn feed(hash: &mut u64, byte: u8) {
        *hash ^= u64::from(byte);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut hash = OFFSET;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                feed(&mut hash, (c as u8).to_ascii_lowercase());
            } else {
                for lower in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in lower.encode_utf8(&mut buf).as_bytes() {
                        feed(&mut hash, b);
                    }
                }
            }
        } else if in_word {
            each(hash);
            hash = OFFSET;
            in_word = false;
        }
    }
    if in_word {
        each(hash);
    }
}

/// One hash of a run of word hashes, well mixed (each word rotated by its
/// position, then the SplitMix64 finaliser).
fn combine(words: &[u64]) -> u64 {
    let mut h = 0u64;
    for (i, &w) in words.iter().enumerate() {
        h ^= w.rotate_left(21 * i as u32);
    }
    mix(h)
}

/// The SplitMix64 finaliser: every input bit moves every output bit.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<String> {
        s.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn case_and_punctuation_do_not_count() {
        assert_eq!(
            set(&text("The port, it said, REOPENED today.")),
            set(&text("the port it said reopened today"))
        );
        assert_eq!(set(&text("the port it said reopened today")).len(), 4);
    }

    #[test]
    fn paragraph_breaks_do_not_count_but_word_order_does() {
        assert_eq!(set(&text("a b\nc d")), set(&text("a b c d")));
        assert_ne!(set(&text("a b c d")), set(&text("d c b a")));
    }

    #[test]
    fn short_texts_have_one_shingle_and_empty_ones_none() {
        assert_eq!(set(&text("Breaking")).len(), 1);
        assert_eq!(set(&text("Two words")).len(), 1);
        assert!(set(&text(" — ")).is_empty());
    }

    #[test]
    fn jaccard_is_shared_over_all() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[]), 0.0);
    }

    #[test]
    fn non_ascii_words_fold_their_case() {
        assert_eq!(
            set(&text("Élysée palace said")),
            set(&text("élysée PALACE Said"))
        );
    }
}
