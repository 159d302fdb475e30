//! The article sources a live build keeps: reading changed files again,
//! walking `seeds/` when files come and go, and keeping each article's last
//! good version when an edit breaks it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::discover::{self, SourceFile};
use crate::enrich::Article;
use crate::error::{Diagnostic, Error};
use crate::pipeline::{self, BuildOptions, Loaded};

/// An article source and its last good article.
struct Source {
    file: SourceFile,
    good: Option<Arc<Article>>,
    error: Option<Diagnostic>,
}

/// Every article source by its path relative to the site root.
pub(super) struct Sources {
    by_path: HashMap<PathBuf, Source>,
}

/// What reloading changed sources did.
#[derive(Default)]
pub(super) struct Reload {
    /// Articles re-parsed.
    pub(super) count: usize,
    /// Known articles read again in place: (before, after).
    pub(super) replaced: Vec<(Arc<Article>, Arc<Article>)>,
    /// The problems found walking `seeds/`, when it was walked again.
    pub(super) discovery: Option<Vec<Diagnostic>>,
}

impl Sources {
    /// The sources of a full build's loaded files.
    pub(super) fn from_loaded(loaded: Vec<Loaded>) -> Sources {
        let by_path = loaded
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
            .collect();
        Sources { by_path }
    }

    /// Every source's last good article.
    pub(super) fn good(&self) -> impl Iterator<Item = &Arc<Article>> {
        self.by_path.values().filter_map(|s| s.good.as_ref())
    }

    /// Every source's current error.
    pub(super) fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.by_path.values().filter_map(|s| s.error.as_ref())
    }

    /// Reloads changed articles. When every changed path is a known article
    /// or sidecar that still exists, only those are read; otherwise
    /// `seeds/` is walked again to pick up new, deleted and renamed files.
    pub(super) fn reload(
        &mut self,
        config: &Config,
        options: &BuildOptions,
        changed: &BTreeSet<PathBuf>,
    ) -> Result<Reload, Error> {
        let Some(owners) = self.owners(&config.root, changed) else {
            return self.rediscover(config, options, changed);
        };
        let before: Vec<Option<Arc<Article>>> = owners
            .iter()
            .map(|key| self.by_path.get(key).and_then(|s| s.good.clone()))
            .collect();
        let files = owners
            .iter()
            .filter_map(|key| self.by_path.get(key).map(|s| s.file.clone()))
            .collect();
        self.load(config, options, files);
        let mut reload = Reload {
            count: owners.len(),
            ..Reload::default()
        };
        for (key, before) in owners.iter().zip(before) {
            let after = self.by_path.get(key).and_then(|s| s.good.clone());
            if let (Some(before), Some(after)) = (before, after)
                && !Arc::ptr_eq(&before, &after)
            {
                reload.replaced.push((before, after));
            }
        }
        Ok(reload)
    }

    /// The known articles the `changed` paths belong to, sorted, or `None`
    /// when one of them is new, gone or not an article of ours.
    fn owners(&self, root: &Path, changed: &BTreeSet<PathBuf>) -> Option<Vec<PathBuf>> {
        let mut owners = Vec::new();
        for path in changed {
            let key = path
                .strip_prefix(root)
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let owner = if self.by_path.contains_key(&key) {
                Some(key)
            } else {
                let article = key.with_extension("txt");
                self.by_path
                    .get(&article)
                    .filter(|s| s.file.sidecar.as_deref() == Some(path.as_path()))
                    .map(|_| article)
            };
            match owner {
                Some(owner) if path.is_file() => owners.push(owner),
                _ => return None,
            }
        }
        owners.sort();
        owners.dedup();
        Some(owners)
    }

    /// Walks `seeds/` again, reloading changed and new articles and
    /// forgetting deleted ones.
    fn rediscover(
        &mut self,
        config: &Config,
        options: &BuildOptions,
        changed: &BTreeSet<PathBuf>,
    ) -> Result<Reload, Error> {
        let discovery = discover::discover(&config.root, &config.seeds_dir())?;
        let root = &config.root;
        let touched = |file: &SourceFile| {
            changed.contains(&root.join(&file.rel_path))
                || file.sidecar.as_ref().is_some_and(|s| changed.contains(s))
        };
        let mut previous = std::mem::take(&mut self.by_path);
        let mut reload = Vec::new();
        for file in discovery.files {
            match previous.remove(&file.rel_path) {
                Some(source) if !touched(&file) && source.file == file => {
                    self.by_path.insert(file.rel_path.clone(), source);
                }
                Some(source) => {
                    reload.push(file);
                    self.by_path.insert(source.file.rel_path.clone(), source);
                }
                None => reload.push(file),
            }
        }
        let count = reload.len();
        self.load(config, options, reload);
        Ok(Reload {
            count,
            replaced: Vec::new(),
            discovery: Some(discovery.diagnostics),
        })
    }

    /// Loads `files`, keeping each one's last good article when it fails.
    fn load(&mut self, config: &Config, options: &BuildOptions, files: Vec<SourceFile>) {
        let loaded = pipeline::load_all(config, options, files);
        for item in loaded {
            let key = item.file.rel_path.clone();
            let previous = self.by_path.remove(&key).and_then(|s| s.good);
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
            self.by_path.insert(key, source);
        }
    }
}
