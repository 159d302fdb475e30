//! `build --cache DIR`: each article's result kept between builds, so a
//! scheduled rebuild reads and enriches only the articles that changed.
//!
//! What is kept is the [`Article`] after `enrich` (parsed body, derived
//! fields, the per-article briefing layer), in one packed file,
//! `DIR/articles.pack` (the format is `pack.rs`'s). An entry is used only
//! when its key matches: a hash of the article's path, kind, text and
//! sidecar text, salted with a hash of the running executable's bytes and
//! of the settings that shape articles (`identity.rs`). The build clock is
//! not in the key: an article dated by it is redated on the way out
//! ([`enrich::redate`]).
//!
//! Nothing in the file is trusted: a damaged or truncated entry (checked by
//! its checksum and lengths) is reported as a warning and the article is
//! read again; a file made by another binary or with other settings is set
//! aside whole. The file is replaced atomically (a temporary file renamed
//! over it) only when something changed, and holds only the articles of
//! the last build, so deleted articles are pruned. Cache problems never
//! fail a build: at worst every article is read again. The only user of
//! `postcard`.

mod identity;
mod pack;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3;

use crate::article::SourceText;
use crate::config::Config;
use crate::discover::{SourceFile, SourceKind};
use crate::enrich::{self, Article};
use crate::error::{Diagnostic, Location};

/// The cache file's name inside the cache folder.
pub const ARTICLES_FILE: &str = "articles.pack";

/// The per-article cache of one build: what the last build left, and what
/// this one used or made.
pub struct ArticleCache {
    file: PathBuf,
    /// `None` when the binary cannot be identified: nothing is used or kept.
    salt: Option<u128>,
    /// The previous file's bytes.
    bytes: Vec<u8>,
    /// The previous file's valid entries, by article path.
    entries: HashMap<String, pack::Entry>,
    /// Whether the previous file must be written again even if every
    /// article is reused (it was damaged, stale or missing).
    dirty: bool,
    /// What this build used or made, by article path.
    kept: Mutex<Vec<(String, u128, Kept)>>,
    warnings: Mutex<Vec<Diagnostic>>,
}

/// Where an entry of the next file comes from.
enum Kept {
    /// The previous file's entry, unchanged.
    Reused(std::ops::Range<usize>),
    /// A fresh encoding.
    Fresh(Vec<u8>),
}

/// What the cache did in one build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheReport {
    /// Articles taken from the cache.
    pub reused: usize,
    /// Articles read, parsed and enriched (and added to the cache).
    pub parsed: usize,
    /// Entries dropped because their article is gone or unreadable.
    pub pruned: usize,
    /// Whether the cache file was written.
    pub saved: bool,
    /// Problems with the cache: damaged entries, a failed write.
    pub warnings: Vec<Diagnostic>,
}

impl ArticleCache {
    /// Opens the cache in `dir` for a build of `config`. A missing folder or
    /// file is an empty cache; an unreadable or damaged one is reported in
    /// the warnings and read no further.
    pub fn open(dir: &Path, config: &Config) -> ArticleCache {
        let file = dir.join(ARTICLES_FILE);
        let mut cache = ArticleCache {
            file,
            salt: None,
            bytes: Vec::new(),
            entries: HashMap::new(),
            dirty: true,
            kept: Mutex::new(Vec::new()),
            warnings: Mutex::new(Vec::new()),
        };
        let binary = match identity::binary() {
            Ok(binary) => binary,
            Err(why) => {
                cache.warn(format!(
                    "cache not used: cannot identify the running binary ({why})"
                ));
                return cache;
            }
        };
        let salt = identity::salt(binary, config);
        cache.salt = Some(salt);
        match crate::fs::read_if_exists(&cache.file) {
            Ok(Some(bytes)) => cache.take_in(bytes, salt),
            Ok(None) => {}
            Err(e) => cache.warn(format!("cache not read: {}", crate::error::chain(&e))),
        }
        cache
    }

    fn take_in(&mut self, bytes: Vec<u8>, salt: u128) {
        let contents = pack::read(&bytes, salt);
        for problem in &contents.problems {
            self.warn(format!("damaged cache entries ignored: {problem}"));
        }
        if contents.stale {
            self.warn(
                "cache made by another briefing binary or with other settings: \
                 every article is read again"
                    .to_string(),
            );
        }
        self.dirty = contents.stale || !contents.problems.is_empty();
        self.entries = contents
            .entries
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect();
        self.bytes = bytes;
    }

    /// The key of an article's inputs, or `None` when the cache is off.
    pub fn key(&self, file: &SourceFile, source: &SourceText) -> Option<u128> {
        let salt = self.salt?;
        let mut h = Xxh3::new();
        h.update(&salt.to_le_bytes());
        let path = path_text(&file.rel_path);
        h.update(&(path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update(&[match file.kind {
            SourceKind::Text => 1,
            SourceKind::Markdown => 2,
        }]);
        h.update(&(source.text.len() as u64).to_le_bytes());
        h.update(source.text.as_bytes());
        if let Some(sidecar) = &source.sidecar {
            h.update(&[0xff]);
            h.update(&(sidecar.len() as u64).to_le_bytes());
            h.update(sidecar.as_bytes());
        }
        Some(h.digest128())
    }

    /// The cached article for `file` if its entry has this `key`, redated
    /// for this build. A damaged entry is reported and gives `None`.
    pub fn get(
        &self,
        file: &SourceFile,
        key: u128,
        ctx: &enrich::EnrichContext,
    ) -> Option<Article> {
        let path = path_text(&file.rel_path);
        let entry = self.entries.get(&path).filter(|e| e.key == key)?;
        let payload = self.bytes.get(entry.payload.clone())?;
        match postcard::from_bytes::<Article>(payload) {
            Ok(article) if article.source_path == file.rel_path => {
                self.keep(path, key, Kept::Reused(entry.payload.clone()));
                Some(enrich::redate(article, ctx))
            }
            Ok(_) => {
                self.warn(format!(
                    "damaged cache entry ignored: {path} holds another article"
                ));
                None
            }
            Err(e) => {
                self.warn(format!("damaged cache entry ignored: {path}: {e}"));
                None
            }
        }
    }

    /// Keeps a freshly made article for the next build.
    pub fn put(&self, file: &SourceFile, key: u128, article: &Article) {
        match postcard::to_stdvec(article) {
            Ok(bytes) => self.keep(path_text(&file.rel_path), key, Kept::Fresh(bytes)),
            Err(e) => self.warn(format!("{} not cached: {e}", file.rel_path.display())),
        }
    }

    /// Writes the cache file for the next build when anything changed, and
    /// reports what the cache did.
    pub fn save(self) -> CacheReport {
        let kept = self.kept.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut warnings = self
            .warnings
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let mut report = CacheReport::default();
        let Some(salt) = self.salt else {
            report.warnings = warnings;
            return report;
        };
        report.reused = kept
            .iter()
            .filter(|(_, _, k)| matches!(k, Kept::Reused(_)))
            .count();
        report.parsed = kept.len() - report.reused;
        let current: std::collections::HashSet<&str> =
            kept.iter().map(|(path, _, _)| path.as_str()).collect();
        report.pruned = self
            .entries
            .keys()
            .filter(|p| !current.contains(p.as_str()))
            .count();
        // A changed article's entry is replaced by its fresh one (parsed).
        if self.dirty || report.parsed > 0 || report.pruned > 0 {
            let bytes = write_pack(salt, kept, &self.bytes);
            match crate::fs::write_atomic(&self.file, &bytes) {
                Ok(()) => report.saved = true,
                Err(e) => warnings.push(Diagnostic::warning(
                    Location::file(&self.file),
                    format!("cache not saved: {}", crate::error::chain(&e)),
                )),
            }
        }
        warnings.sort();
        report.warnings = warnings;
        report
    }

    fn keep(&self, path: String, key: u128, kept: Kept) {
        if let Ok(mut all) = self.kept.lock() {
            all.push((path, key, kept));
        }
    }

    fn warn(&self, message: String) {
        if let Ok(mut warnings) = self.warnings.lock() {
            warnings.push(Diagnostic::warning(Location::file(&self.file), message));
        }
    }
}

/// The next cache file: every kept entry, in path order.
fn write_pack(salt: u128, mut kept: Vec<(String, u128, Kept)>, previous: &[u8]) -> Vec<u8> {
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let size = kept
        .iter()
        .map(|(path, _, k)| {
            path.len()
                + match k {
                    Kept::Reused(range) => range.len(),
                    Kept::Fresh(bytes) => bytes.len(),
                }
        })
        .sum();
    let mut writer = pack::Writer::new(salt, size);
    for (path, key, k) in &kept {
        let payload = match k {
            Kept::Reused(range) => previous.get(range.clone()).unwrap_or_default(),
            Kept::Fresh(bytes) => bytes,
        };
        // An article too large for the format is simply not kept.
        let _ = writer.push(*key, path, payload);
    }
    writer.finish()
}

/// A path as the cache names it: lossy only for names that are not UTF-8,
/// which `discover` does not produce.
fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
