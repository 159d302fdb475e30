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

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::discover;
use crate::error::{Diagnostic, Error};
use crate::output::{LiveOutput, OutputSink};
use crate::pipeline::{self, BuildOptions, BuildReport, Built, Loaded};
use crate::render::fingerprint::CardSigs;
use crate::render::urls::output_path;
use crate::render::{Job, RenderedPage, Renderer};
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
    good: Option<crate::enrich::Article>,
    error: Option<Diagnostic>,
}

/// The state kept between rebuilds.
pub struct Session {
    options: BuildOptions,
    built: Built,
    sources: BTreeMap<PathBuf, Source>,
    live: LiveOutput,
    /// Output path → fingerprint of every page in the output.
    pages: BTreeMap<String, u64>,
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
        let sigs = CardSigs::compute(&built.digest, built.renderer.urls());
        let pages = fingerprints(&built.renderer, &built.digest, &sigs)
            .into_iter()
            .map(|(path, _, fp)| (path, fp))
            .collect();
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
            rebuild.css_only =
                rebuild.written.iter().all(|p| p.ends_with(".css")) && rebuild.removed.is_empty();
        }
        rebuild.diagnostics = self.diagnostics();
        rebuild.elapsed = started.elapsed();
        Ok(rebuild)
    }

    /// A full rebuild (after `site.toml` changed), replacing the session.
    fn restart(&mut self, started: Instant) -> Result<Rebuild, Error> {
        let (session, report) = Session::start(self.options.clone())?;
        *self = session;
        Ok(Rebuild {
            written: self.pages.keys().cloned().collect(),
            diagnostics: report.diagnostics,
            elapsed: started.elapsed(),
            ..Rebuild::default()
        })
    }

    /// Re-walks `seeds/`, reloads changed and new articles and forgets
    /// deleted ones. Returns how many articles were re-parsed.
    fn reload_sources(&mut self, changed: &BTreeSet<PathBuf>) -> Result<usize, Error> {
        let config = &self.built.config;
        let discovery = discover::discover(&config.root, &config.seeds_dir())?;
        let root = &config.root;
        let touched = |file: &discover::SourceFile| {
            changed.contains(&root.join(&file.rel_path))
                || file.sidecar.as_ref().is_some_and(|s| changed.contains(s))
        };
        let mut keep = BTreeMap::new();
        let mut reload = Vec::new();
        for file in discovery.files {
            match self.sources.remove(&file.rel_path) {
                Some(source) if !touched(&file) && source.file == file => {
                    keep.insert(file.rel_path.clone(), source);
                }
                previous => reload.push((file, previous.and_then(|p| p.good))),
            }
        }
        let count = reload.len();
        let (files, previous): (Vec<_>, Vec<_>) = reload.into_iter().unzip();
        let loaded = pipeline::load_all(config, &self.options, files);
        for (item, previous) in loaded.into_iter().zip(previous) {
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
            keep.insert(source.file.rel_path.clone(), source);
        }
        self.sources = keep;
        self.discovery_diagnostics = discovery.diagnostics;
        Ok(count)
    }

    /// Rebuilds the digest and writes every page whose fingerprint changed
    /// (all pages when `all`), removing pages that are gone.
    fn rerender(&mut self, all: bool, rebuild: &mut Rebuild) -> Result<(), Error> {
        let loaded: Vec<Loaded> = self
            .sources
            .values()
            .filter_map(|s| {
                s.good.clone().map(|article| Loaded {
                    file: s.file.clone(),
                    result: Ok(article),
                })
            })
            .collect();
        let (digest, digest_diagnostics) = pipeline::assemble(&loaded, &self.options);
        self.digest_diagnostics = digest_diagnostics;
        let renderer = &self.built.renderer;
        let sigs = CardSigs::compute(&digest, renderer.urls());
        let fresh = fingerprints(renderer, &digest, &sigs);
        let dirty: Vec<(&String, Job)> = fresh
            .iter()
            .filter(|(path, _, fp)| all || self.pages.get(path) != Some(fp))
            .map(|(path, job, _)| (path, *job))
            .collect();
        let live = &self.live;
        dirty.par_iter().try_for_each(|(_, job)| {
            let RenderedPage { path, bytes } = renderer.render(&digest, *job)?;
            live.write(&path, &bytes)
        })?;
        rebuild.written = dirty.iter().map(|(p, _)| (*p).clone()).collect();
        let fresh_paths: BTreeSet<&String> = fresh.iter().map(|(p, _, _)| p).collect();
        for gone in self.pages.keys().filter(|p| !fresh_paths.contains(p)) {
            self.live.remove(gone)?;
            rebuild.removed.push(gone.clone());
        }
        self.pages = fresh.into_iter().map(|(path, _, fp)| (path, fp)).collect();
        self.built.digest = digest;
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

/// Every page's output path, job and fingerprint, sorted by path.
fn fingerprints(
    renderer: &Renderer,
    digest: &crate::digest::Digest,
    sigs: &CardSigs,
) -> Vec<(String, Job, u64)> {
    let mut all: Vec<(String, Job, u64)> = Renderer::jobs(digest)
        .into_par_iter()
        .map(|job| {
            let path = output_path(&Renderer::route(digest, job));
            (path, job, renderer.fingerprint(digest, job, sigs))
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn sources_from(loaded: Vec<Loaded>) -> BTreeMap<PathBuf, Source> {
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
