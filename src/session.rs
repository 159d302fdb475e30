//! Incremental rebuilds for `serve` and `watch`.
//!
//! A [`Session`] keeps what the last build produced: every article (its last
//! good version), the digest, the renderer and a fingerprint of every page.
//! [`Session::apply`] takes a [`ChangeSet`] and does only the work it needs:
//!
//! - changed articles are re-read, re-parsed and re-enriched, nothing else;
//! - the digest is rebuilt from the cached articles (cheap: bodies are
//!   shared, not copied);
//! - every page is fingerprinted and only pages whose fingerprint changed
//!   are rendered and written; pages that no longer exist are removed;
//! - a template change re-renders every page without re-parsing;
//! - `site.toml` changing is a full rebuild.
//!
//! The result is byte-identical to a clean build of the same files. An
//! article that stops parsing keeps its last good version on the site and
//! its error is reported, so a preview survives a half-typed edit; a broken
//! template keeps the last good templates.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use crate::discover;
use crate::error::{Diagnostic, Error};
use crate::output::{LiveOutput, OutputSink};
use crate::pipeline::{self, BuildOptions, BuildReport, Built, Loaded};
use crate::render::fingerprint::{Memo, fingerprint_all};
use crate::render::{Job, RenderedPage};
use crate::watch::ChangeSet;

/// What one incremental rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Rebuild {
    /// Output paths written.
    pub written: Vec<String>,
    /// Output paths removed.
    pub removed: Vec<String>,
    /// Articles re-parsed.
    pub reparsed: usize,
    /// Whether only stylesheets changed (a browser can restyle in place).
    pub css_only: bool,
    /// Problems with individual inputs (all current ones, not only new).
    pub diagnostics: Vec<Diagnostic>,
    /// How long the rebuild took.
    pub elapsed: Duration,
}

impl Rebuild {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// An article source and its last good article.
struct Source {
    file: discover::SourceFile,
    good: Option<Arc<crate::enrich::Article>>,
    error: Option<Diagnostic>,
}

/// The state kept between rebuilds.
pub struct Session {
    options: BuildOptions,
    built: Built,
    sources: HashMap<PathBuf, Source>,
    live: LiveOutput,
    /// Output path → fingerprint of every page in the output.
    pages: HashMap<String, u64, Xxh3DefaultBuilder>,
    /// Fingerprints by input identity, from the last build.
    memo: Memo,
    /// The latest problems found while walking `seeds/`.
    discovery_diagnostics: Vec<Diagnostic>,
    /// The latest problems found while assembling the digest.
    digest_diagnostics: Vec<Diagnostic>,
    /// The latest problems found while copying static files.
    asset_diagnostics: Vec<Diagnostic>,
}

impl Session {
    /// Runs a full build and keeps its state.
    pub fn start(options: BuildOptions) -> Result<(Session, BuildReport), Error> {
        let (mut built, report) = pipeline::build_full(&options)?;
        let (fresh, memo) = fingerprint_all(&built.renderer, &built.digest, &Memo::default());
        let pages = fresh.into_iter().map(|(path, _, fp)| (path, fp)).collect();
        let sources = sources_from(std::mem::take(&mut built.loaded));
        let live = LiveOutput::new(&built.output);
        // The first build's article errors live in `sources`; keep the rest.
        let other = report
            .diagnostics
            .iter()
            .filter(|d| !sources.values().any(|s| s.error.as_ref() == Some(*d)))
            .cloned()
            .collect();
        let session = Session {
            options,
            built,
            sources,
            live,
            pages,
            memo,
            discovery_diagnostics: other,
            digest_diagnostics: Vec::new(),
            asset_diagnostics: Vec::new(),
        };
        Ok((session, report))
    }

    /// The site root being watched.
    pub fn root(&self) -> &Path {
        &self.built.config.root
    }

    /// The output folder being updated.
    pub fn output(&self) -> &Path {
        &self.built.output
    }

    /// Applies a set of changes. On a fatal error (bad `site.toml`, broken
    /// template) nothing is written and the previous output stays as it was.
    pub fn apply(&mut self, changes: &ChangeSet) -> Result<Rebuild, Error> {
        let started = Instant::now();
        if changes.config {
            return self.restart(started);
        }
        let mut rebuild = Rebuild::default();
        let mut rerender_all = false;
        if changes.templates {
            let templates = pipeline::load_templates(&self.built.config)?;
            self.built.renderer =
                pipeline::make_renderer(&self.built.config, templates, &self.options);
            rerender_all = true;
        }
        if !changes.content.is_empty() {
            rebuild.reparsed = self.reload_sources(&changes.content)?;
        }
        if !changes.content.is_empty() || rerender_all {
            self.rerender(rerender_all, &mut rebuild)?;
        }
        if !changes.static_files.is_empty() {
            self.recopy_assets(&mut rebuild)?;
            // Judged by what changed: every asset is copied again, and the
            // built-in ones include a script (search.js).
            let stylesheets = changes
                .static_files
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
            let pages = rebuild
                .written
                .iter()
                .any(|p| p.ends_with(".html") || p.ends_with('/'));
            rebuild.css_only = stylesheets && !pages && rebuild.removed.is_empty();
        }
        rebuild.diagnostics = self.diagnostics();
        rebuild.elapsed = started.elapsed();
        Ok(rebuild)
    }

    /// A full rebuild (after `site.toml` changed), replacing the session.
    fn restart(&mut self, started: Instant) -> Result<Rebuild, Error> {
        let (session, report) = Session::start(self.options.clone())?;
        *self = session;
        let mut written: Vec<String> = self.pages.keys().cloned().collect();
        written.sort();
        Ok(Rebuild {
            written,
            diagnostics: report.diagnostics,
            elapsed: started.elapsed(),
            ..Rebuild::default()
        })
    }

    /// Reloads changed articles and returns how many were re-parsed. When
    /// every changed path is a known article or sidecar that still exists,
    /// only those are read; otherwise `seeds/` is walked again to pick up
    /// new, deleted and renamed files.
    fn reload_sources(&mut self, changed: &BTreeSet<PathBuf>) -> Result<usize, Error> {
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
        let files = owners
            .iter()
            .filter_map(|key| self.sources.get(key).map(|s| s.file.clone()))
            .collect();
        self.load(files);
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

    /// Rebuilds the digest and writes every page whose fingerprint changed
    /// (all pages when `all`), removing pages that are gone.
    fn rerender(&mut self, all: bool, rebuild: &mut Rebuild) -> Result<(), Error> {
        let articles: Vec<_> = self
            .sources
            .values()
            .filter_map(|s| s.good.clone())
            .collect();
        let (digest, digest_diagnostics) = pipeline::assemble(articles, &self.options);
        self.digest_diagnostics = digest_diagnostics;
        let renderer = &self.built.renderer;
        let (fresh, memo) = fingerprint_all(renderer, &digest, &self.memo);
        let mut dirty: Vec<(&String, Job)> = fresh
            .iter()
            .filter(|(path, _, fp)| all || self.pages.get(path) != Some(fp))
            .map(|(path, job, _)| (path, *job))
            .collect();
        dirty.sort_by(|a, b| a.0.cmp(b.0));
        let live = &self.live;
        dirty.par_iter().try_for_each(|(_, job)| {
            let RenderedPage { path, bytes } = renderer.render(&digest, *job)?;
            live.write(&path, &bytes)
        })?;
        rebuild.written = dirty.iter().map(|(p, _)| (*p).clone()).collect();
        let fresh_paths: HashSet<&String, Xxh3DefaultBuilder> =
            fresh.iter().map(|(p, _, _)| p).collect();
        let mut gone: Vec<&String> = self
            .pages
            .keys()
            .filter(|p| !fresh_paths.contains(p))
            .collect();
        gone.sort();
        for path in gone {
            self.live.remove(path)?;
            rebuild.removed.push(path.clone());
        }
        let pages = fresh.into_iter().map(|(path, _, fp)| (path, fp)).collect();
        let old = (
            std::mem::replace(&mut self.pages, pages),
            std::mem::replace(&mut self.memo, memo),
            std::mem::replace(&mut self.built.digest, digest),
        );
        // Freeing the previous build's tens of thousands of small values
        // takes milliseconds nobody needs to wait for.
        std::thread::spawn(move || drop(old));
        Ok(())
    }

    /// Copies the static files again and removes ones that were deleted.
    fn recopy_assets(&mut self, rebuild: &mut Rebuild) -> Result<(), Error> {
        let pages = &self.pages;
        let (assets, diagnostics) =
            pipeline::write_assets(&self.built.config, &self.live, &|name| {
                pages.contains_key(name)
            })?;
        for gone in self.built.assets.iter().filter(|a| !assets.contains(a)) {
            self.live.remove(gone)?;
            rebuild.removed.push(gone.clone());
        }
        rebuild.written.extend(assets.iter().cloned());
        self.built.assets = assets;
        self.asset_diagnostics = diagnostics;
        Ok(())
    }

    /// Every current problem, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .sources
            .values()
            .filter_map(|s| s.error.clone())
            .chain(self.discovery_diagnostics.iter().cloned())
            .chain(self.digest_diagnostics.iter().cloned())
            .chain(self.asset_diagnostics.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

fn sources_from(loaded: Vec<Loaded>) -> HashMap<PathBuf, Source> {
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
