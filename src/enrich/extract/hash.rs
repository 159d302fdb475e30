//! The word hash of the briefing layer: FNV-1a, fast on short words and
//! the same in every run.
//!
//! [`word_hash`] is the one definition of the hashes in
//! `Extracted::lowercase_words`; the corpus pass in `digest` hashes the
//! words it looks up with the same function. A leaf: it imports nothing.

use std::hash::{BuildHasherDefault, Hasher};

/// A 64-bit FNV-1a hash: fast on short words and the same in every run.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Hash maps and sets keyed with [`Fnv`].
pub type FnvBuild = BuildHasherDefault<Fnv>;

/// The FNV-1a hash of a word.
pub fn word_hash(word: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(word.as_bytes());
    h.finish()
}
