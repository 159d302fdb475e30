//! What changed since the last build, by kind of input: the vocabulary
//! between whoever watches the files (`watch`, tests, benchmarks) and the
//! live build that applies the changes. A leaf.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// What changed, by kind of input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// `site.toml` or `entities.toml` changed: everything is rebuilt.
    pub config: bool,
    /// A template changed: every page is re-rendered, nothing re-parsed.
    pub templates: bool,
    /// Static files that changed (absolute paths).
    pub static_files: BTreeSet<PathBuf>,
    /// Article files and sidecars that changed (absolute paths).
    pub content: BTreeSet<PathBuf>,
}

impl ChangeSet {
    /// Whether nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && self.static_files.is_empty() && self.content.is_empty()
    }

    /// Adds another change set's changes to this one.
    pub fn merge(&mut self, other: ChangeSet) {
        self.config |= other.config;
        self.templates |= other.templates;
        self.static_files.extend(other.static_files);
        self.content.extend(other.content);
    }
}
