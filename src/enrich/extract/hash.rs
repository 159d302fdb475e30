//! The word hash of the briefing layer: FNV-1a, fast on short words and
//! the same in every run.
//!
//! [`word_hash`] is the one definition of the hashes in
//! `Extracted::lowercase_words`; the corpus pass in `digest` hashes the
//! words it looks up with the same function. [`name_hash`] and
//! [`same_name`] compare names as the compiled-in gazetteers key them:
//! case, runs of spaces and the curly apostrophe do not count. A leaf: it
//! imports nothing.

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

/// The characters of `name` as names are compared: lower case, every run
/// of white space one space, none at either end, `’` as `'`.
fn normalised(name: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = false;
    let mut started = false;
    name.chars().flat_map(move |c| {
        let mut out = [None, None];
        if c.is_whitespace() {
            space = started;
        } else {
            if space {
                out[0] = Some(' ');
                space = false;
            }
            started = true;
            out[1] = Some(if c == '\u{2019}' { '\'' } else { c });
        }
        out.into_iter().flatten().flat_map(char::to_lowercase)
    })
}

/// The FNV-1a hash of a name as the gazetteers key it: "New  York",
/// "new york" and "NEW YORK" hash alike (the hash of the UTF-8 bytes of
/// the normalised name). Allocates nothing.
pub fn name_hash(name: &str) -> u64 {
    let step = |hash: u64, b: u8| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let mut hash = 0xcbf2_9ce4_8422_2325;
    let (mut space, mut started) = (false, false);
    if name.is_ascii() {
        // The same steps byte by byte: most names are ASCII.
        for b in name.bytes() {
            if b.is_ascii_whitespace() || b == 0x0b {
                space = started;
                continue;
            }
            if space {
                hash = step(hash, b' ');
                space = false;
            }
            started = true;
            hash = step(hash, b.to_ascii_lowercase());
        }
        return hash;
    }
    let mut buf = [0u8; 4];
    for c in name.chars() {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            hash = step(hash, b' ');
            space = false;
        }
        started = true;
        if c.is_ascii() {
            // A char below 128 is one byte.
            hash = step(hash, c.to_ascii_lowercase() as u8);
        } else if c == '\u{2019}' {
            hash = step(hash, b'\'');
        } else {
            for lower in c.to_lowercase() {
                hash = lower.encode_utf8(&mut buf).bytes().fold(hash, step);
            }
        }
    }
    hash
}

/// Whether two names are the same as the gazetteers compare them.
pub fn same_name(a: &str, b: &str) -> bool {
    if plain(a) && plain(b) {
        return a.eq_ignore_ascii_case(b);
    }
    normalised(a).eq(normalised(b))
}

/// Whether `name` is ASCII with single spaces between words and none at
/// either end: then lower-casing its bytes normalises it (the fast path
/// for most names).
fn plain(name: &str) -> bool {
    let mut space = true;
    for b in name.bytes() {
        match b {
            b' ' if space => return false,
            b' ' => space = true,
            b if b.is_ascii_graphic() => space = false,
            _ => return false,
        }
    }
    !space || name.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_spacing_or_curly_apostrophes() {
        assert_eq!(name_hash("New York"), name_hash("new  york"));
        assert_eq!(name_hash(" NEW YORK "), name_hash("New York"));
        assert_eq!(name_hash("Saint John’s"), name_hash("saint john's"));
        assert_eq!(name_hash("Reading"), name_hash("reading"));
        assert_eq!(name_hash("Reading"), word_hash("reading"));
        assert_eq!(name_hash("New York"), word_hash("new york"));
        // The ASCII path and the general one agree.
        assert_eq!(name_hash(" New\tYork\u{b} "), name_hash("new york\u{a0}"));
        assert_eq!(name_hash("Saint John's"), name_hash("Saint John’s"));
        assert_eq!(name_hash("São Paulo"), name_hash("SÃO PAULO"));
        assert_ne!(name_hash("São Paulo"), name_hash("Sao Paulo"));
        assert_ne!(name_hash("Newyork"), name_hash("New York"));
        assert!(same_name("Saint John’s", "SAINT  JOHN'S"));
        assert!(!same_name("Reading", "Readings"));
        assert!(!same_name("Newyork", "New York"));
        assert!(plain("New York") && plain("") && plain("U.S."));
        assert!(!plain(" New York") && !plain("New York ") && !plain("New  York"));
        assert!(!plain("New\tYork") && !plain("São Paulo"));
    }
}
