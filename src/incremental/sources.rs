//! The session's article sources: reading changed files again, walking
//! `seeds/` when files come and go, and keeping each article's last good
//! version when an edit breaks it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Session;
use crate::discover;
use crate::enrich::Article;
use crate::error::{Diagnostic, Error};
use crate::pipeline::{self, Loaded};

/// An article source and its last good article.
pub(super) struct Source {
    pub(super) file: discover::SourceFile,
    pub(super) good: Option<Arc<Article>>,
    pub(super) error: Option<Diagnostic>,
}

impl Session {
    /// Reloads changed articles and returns how many were re-parsed. When
    /// every changed path is a known article or sidecar that still exists,
    /// only those are read; otherwise `seeds/` is walked again to pick up
    /// new, deleted and renamed files.
    pub(super) fn reload_sources(&mut self, changed: &BTreeSet<PathBuf>) -> Result<usize, Error> {
        let config = &self.built.config;
        let root = config.root.clone();
        let mut by_path: HashMap<PathBuf, PathBuf> = HashMap::new();
        let mut known = true;
        for path in changed {
            let key = path
                .strip_prefix(&root)
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let owner = if self.sources.contains_key(&key) {
                Some(key)
            } else {
                let article = key.with_extension("txt");
                self.sources
                    .get(&article)
                    .filter(|s| s.file.sidecar.as_deref() == Some(path.as_path()))
                    .map(|_| article)
            };
            match owner {
                Some(owner) if path.is_file() => {
                    by_path.insert(path.clone(), owner);
                }
                _ => known = false,
            }
        }
        if !known {
            return self.rediscover(changed);
        }
        let mut owners: Vec<PathBuf> = by_path.into_values().collect();
        owners.sort();
        owners.dedup();
        let before: Vec<Option<Arc<Article>>> = owners
            .iter()
            .map(|key| self.sources.get(key).and_then(|s| s.good.clone()))
            .collect();
        let files = owners
            .iter()
            .filter_map(|key| self.sources.get(key).map(|s| s.file.clone()))
            .collect();
        self.load(files);
        for (key, before) in owners.iter().zip(before) {
            let after = self.sources.get(key).and_then(|s| s.good.clone());
            if let (Some(before), Some(after)) = (before, after)
                && !Arc::ptr_eq(&before, &after)
            {
                self.replaced.push((before, after));
            }
        }
        Ok(owners.len())
    }

    /// Walks `seeds/` again, reloading changed and new articles and
    /// forgetting deleted ones.
    fn rediscover(&mut self, changed: &BTreeSet<PathBuf>) -> Result<usize, Error> {
        let config = &self.built.config;
        let discovery = discover::discover(&config.root, &config.seeds_dir())?;
        let root = &config.root;
        let touched = |file: &discover::SourceFile| {
            changed.contains(&root.join(&file.rel_path))
                || file.sidecar.as_ref().is_some_and(|s| changed.contains(s))
        };
        let mut previous = std::mem::take(&mut self.sources);
        let mut reload = Vec::new();
        for file in discovery.files {
            match previous.remove(&file.rel_path) {
                Some(source) if !touched(&file) && source.file == file => {
                    self.sources.insert(file.rel_path.clone(), source);
                }
                Some(source) => {
                    reload.push(file);
                    self.sources.insert(source.file.rel_path.clone(), source);
                }
                None => reload.push(file),
            }
        }
        self.discovery_diagnostics = discovery.diagnostics;
        let count = reload.len();
        self.load(reload);
        Ok(count)
    }

    /// Loads `files`, keeping each one's last good article when it fails.
    fn load(&mut self, files: Vec<discover::SourceFile>) {
        let loaded = pipeline::load_all(&self.built.config, &self.options, files);
        for item in loaded {
            let key = item.file.rel_path.clone();
            let previous = self.sources.remove(&key).and_then(|s| s.good);
            let source = match item.result {
                Ok(article) => Source {
                    file: item.file,
                    good: Some(article),
                    error: None,
                },
                Err(error) => Source {
                    file: item.file,
                    good: previous,
                    error: Some(error),
                },
            };
            self.sources.insert(key, source);
        }
    }
}

pub(super) fn sources_from(loaded: Vec<Loaded>) -> HashMap<PathBuf, Source> {
    loaded
        .into_iter()
        .map(|l| {
            let (good, error) = match l.result {
                Ok(article) => (Some(article), None),
                Err(e) => (None, Some(e)),
            };
            let source = Source {
                file: l.file,
                good,
                error,
            };
            (source.file.rel_path.clone(), source)
        })
        .collect()
}
