//! The cache file's format: one packed file of entries, each checked on
//! its own.
//!
//! ```text
//! file:   magic "BRFCACHE" · format u32 · salt u128 · entry count u64 · entries
//! entry:  key u128 · path length u32 · payload length u32 · checksum u64
//!         · path (UTF-8) · payload
//! ```
//!
//! Integers are little-endian. The salt names what every entry was made
//! with (the binary and the settings); the key names one article's inputs;
//! the checksum covers the key, the path and the payload. [`read`] trusts
//! nothing: a wrong magic, format or salt discards the whole file, a
//! checksum mismatch discards one entry, and a file that ends early or
//! holds fewer entries than its header says keeps the entries read before
//! the damage. Each problem is reported, never passed on. Pure: bytes in,
//! bytes out; the file itself is `cache`'s.

use std::ops::Range;

use xxhash_rust::xxh3::Xxh3;

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"BRFCACHE";

/// The layout's version; a file of another version is not read.
const FORMAT: u32 = 1;

/// Bytes before the first entry.
const FILE_HEADER: usize = 8 + 4 + 16 + 8;

/// Bytes of an entry before its path.
const ENTRY_HEADER: usize = 16 + 4 + 4 + 8;

/// One entry found in a cache file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// What the article's inputs hashed to when the entry was written.
    pub(super) key: u128,
    /// The article's path relative to the site root.
    pub(super) path: String,
    /// Where the payload lies in the file's bytes.
    pub(super) payload: Range<usize>,
}

/// What reading a cache file found.
#[derive(Debug, Default)]
pub(super) struct Contents {
    /// The entries that passed their checks, in file order.
    pub(super) entries: Vec<Entry>,
    /// What was wrong, one line each, for warnings.
    pub(super) problems: Vec<String>,
    /// The file was written with another salt (another binary or other
    /// settings): none of it applies.
    pub(super) stale: bool,
}

/// Reads the entries of a cache file made with `salt`.
pub(super) fn read(bytes: &[u8], salt: u128) -> Contents {
    let mut contents = Contents::default();
    let mut cursor = Cursor { bytes, at: 0 };
    let header = (cursor.take(8), cursor.u32(), cursor.u128(), cursor.u64());
    let (Some(magic), Some(format), Some(file_salt), Some(count)) = header else {
        contents
            .problems
            .push("not a briefing cache file (too short)".into());
        return contents;
    };
    if magic != MAGIC {
        contents.problems.push("not a briefing cache file".into());
        return contents;
    }
    if format != FORMAT || file_salt != salt {
        contents.stale = true;
        return contents;
    }
    for index in 0..count {
        match read_entry(&mut cursor) {
            Ok(entry) => contents.entries.push(entry),
            Err(EntryError::Checksum(path)) => contents
                .problems
                .push(format!("entry for {path} fails its checksum")),
            Err(EntryError::Truncated) => {
                contents.problems.push(format!(
                    "truncated: {count} entries announced, file ends in entry {}",
                    index + 1
                ));
                return contents;
            }
        }
    }
    if cursor.at != bytes.len() {
        contents.problems.push(format!(
            "{} stray bytes after the last entry",
            bytes.len() - cursor.at
        ));
    }
    contents
}

enum EntryError {
    Truncated,
    Checksum(String),
}

fn read_entry(cursor: &mut Cursor<'_>) -> Result<Entry, EntryError> {
    let key = cursor.u128().ok_or(EntryError::Truncated)?;
    let path_len = cursor.u32().ok_or(EntryError::Truncated)?;
    let payload_len = cursor.u32().ok_or(EntryError::Truncated)?;
    let checksum = cursor.u64().ok_or(EntryError::Truncated)?;
    let path = cursor
        .take(path_len as usize)
        .ok_or(EntryError::Truncated)?;
    let payload_start = cursor.at;
    let payload = cursor
        .take(payload_len as usize)
        .ok_or(EntryError::Truncated)?;
    let path_text = String::from_utf8_lossy(path).into_owned();
    if entry_checksum(key, path, payload) != checksum {
        return Err(EntryError::Checksum(path_text));
    }
    let Ok(path) = std::str::from_utf8(path) else {
        return Err(EntryError::Checksum(path_text));
    };
    Ok(Entry {
        key,
        path: path.to_string(),
        payload: payload_start..payload_start + payload.len(),
    })
}

/// Writes a cache file: its header, then the entries as they come.
pub(super) struct Writer {
    bytes: Vec<u8>,
    count: u64,
}

impl Writer {
    /// A file for entries made with `salt`.
    pub(super) fn new(salt: u128, capacity: usize) -> Writer {
        let mut bytes = Vec::with_capacity(FILE_HEADER + capacity);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&salt.to_le_bytes());
        bytes.extend_from_slice(&0u64.to_le_bytes());
        Writer { bytes, count: 0 }
    }

    /// Adds an entry; `None` when the path or payload is too long for the
    /// format (then the article is simply not cached).
    pub(super) fn push(&mut self, key: u128, path: &str, payload: &[u8]) -> Option<()> {
        let path_len = u32::try_from(path.len()).ok()?;
        let payload_len = u32::try_from(payload.len()).ok()?;
        let checksum = entry_checksum(key, path.as_bytes(), payload);
        self.bytes
            .reserve(ENTRY_HEADER + path.len() + payload.len());
        self.bytes.extend_from_slice(&key.to_le_bytes());
        self.bytes.extend_from_slice(&path_len.to_le_bytes());
        self.bytes.extend_from_slice(&payload_len.to_le_bytes());
        self.bytes.extend_from_slice(&checksum.to_le_bytes());
        self.bytes.extend_from_slice(path.as_bytes());
        self.bytes.extend_from_slice(payload);
        self.count += 1;
        Some(())
    }

    /// The file's bytes, with the entry count filled in.
    pub(super) fn finish(mut self) -> Vec<u8> {
        self.bytes[FILE_HEADER - 8..FILE_HEADER].copy_from_slice(&self.count.to_le_bytes());
        self.bytes
    }
}

fn entry_checksum(key: u128, path: &[u8], payload: &[u8]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&key.to_le_bytes());
    h.update(&(path.len() as u64).to_le_bytes());
    h.update(path);
    h.update(payload);
    h.digest()
}

/// Reads little-endian fields off the front of a byte slice.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn u128(&mut self) -> Option<u128> {
        self.array().map(u128::from_le_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(salt: u128) -> Vec<u8> {
        let mut w = Writer::new(salt, 0);
        w.push(1, "seeds/a.txt", b"alpha").unwrap();
        w.push(2, "seeds/b.txt", b"beta").unwrap();
        w.finish()
    }

    fn payloads(bytes: &[u8], contents: &Contents) -> Vec<(u128, String, Vec<u8>)> {
        contents
            .entries
            .iter()
            .map(|e| (e.key, e.path.clone(), bytes[e.payload.clone()].to_vec()))
            .collect()
    }

    #[test]
    fn entries_read_back_as_written() {
        let bytes = file(7);
        let contents = read(&bytes, 7);
        assert!(contents.problems.is_empty() && !contents.stale);
        assert_eq!(
            payloads(&bytes, &contents),
            [
                (1, "seeds/a.txt".into(), b"alpha".to_vec()),
                (2, "seeds/b.txt".into(), b"beta".to_vec())
            ]
        );
    }

    #[test]
    fn another_salt_makes_the_whole_file_stale() {
        let contents = read(&file(7), 8);
        assert!(contents.stale && contents.entries.is_empty() && contents.problems.is_empty());
    }

    #[test]
    fn a_flipped_byte_loses_exactly_its_entry() {
        let mut bytes = file(7);
        let at = bytes.windows(5).position(|w| w == b"alpha").unwrap();
        bytes[at] = b'A';
        let contents = read(&bytes, 7);
        assert_eq!(contents.entries.len(), 1);
        assert_eq!(contents.entries[0].path, "seeds/b.txt");
        assert_eq!(
            contents.problems,
            ["entry for seeds/a.txt fails its checksum"]
        );
    }

    #[test]
    fn a_truncated_file_keeps_the_entries_before_the_cut() {
        let bytes = file(7);
        let contents = read(&bytes[..bytes.len() - 2], 7);
        assert_eq!(contents.entries.len(), 1);
        assert_eq!(
            contents.problems,
            ["truncated: 2 entries announced, file ends in entry 2"]
        );
        let contents = read(&bytes[..10], 7);
        assert!(contents.entries.is_empty());
        assert_eq!(contents.problems, ["not a briefing cache file (too short)"]);
    }

    #[test]
    fn garbage_is_not_a_cache_file() {
        let contents = read(b"0123456789012345678901234567890123456789", 7);
        assert!(contents.entries.is_empty());
        assert_eq!(contents.problems, ["not a briefing cache file"]);
    }

    #[test]
    fn trailing_bytes_are_reported() {
        let mut bytes = file(7);
        bytes.extend_from_slice(b"xx");
        let contents = read(&bytes, 7);
        assert_eq!(contents.entries.len(), 2);
        assert_eq!(contents.problems, ["2 stray bytes after the last entry"]);
    }
}
