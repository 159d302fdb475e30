//! Incremental rebuilds for `serve` and `watch`.
//!
//! A [`LiveBuild`] keeps what the last build produced: every article (its
//! last good version), the digest, the renderer and a fingerprint of every
//! page. [`LiveBuild::apply`] takes a [`ChangeSet`] and does only the work it
//! needs:
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
//! template keeps the last good templates. [`rebuild_loop`] is the loop
//! that feeds a live build the changes a watcher reports.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3DefaultBuilder, xxh3_64};

use crate::enrich::Article;
use crate::error::{Diagnostic, Error};
use crate::output::{LiveOutput, OutputSink};
use crate::pipeline::{self, BuildOptions, BuildReport, Built};
use crate::render::fingerprint::{Memo, fingerprint_all};
use crate::render::{Job, Page, RenderedPage, Renderer};
use changes::ChangeSet;
use sources::Sources;

pub mod changes;
pub mod rebuild_loop;
mod sources;
#[cfg(test)]
mod tests;

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
    /// Pages written ahead of the full rebuild (see [`LiveBuild::update`]).
    pub previewed: Vec<String>,
    /// How long after the start the previewed pages were written.
    pub preview_elapsed: Option<Duration>,
    /// A template or `site.toml` error still unfixed (the last good
    /// templates and settings are in use meanwhile).
    pub fatal: Option<String>,
}

impl Rebuild {
    /// Every output path written, by the preview or the full rebuild, sorted.
    pub fn all_written(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .previewed
            .iter()
            .chain(&self.written)
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Work taken in by `update` and left for `finish`.
struct Pending {
    started: Instant,
    /// The digest must be rebuilt and pages re-rendered.
    rerender: bool,
    /// Every page must be rendered again (templates changed).
    all: bool,
    /// Articles changed: the files beside stories may have too.
    content: bool,
    /// Whether every static change was to a stylesheet (`None`: none).
    stylesheets_only: Option<bool>,
    rebuild: Rebuild,
}

impl Pending {
    fn new(started: Instant) -> Pending {
        Pending {
            started,
            rerender: false,
            all: false,
            content: false,
            stylesheets_only: None,
            rebuild: Rebuild::default(),
        }
    }
}

/// A build kept alive between rebuilds: its state and the output folder it
/// keeps up to date.
pub struct LiveBuild {
    options: BuildOptions,
    built: Built,
    sources: Sources,
    live: LiveOutput,
    /// Output path → fingerprint of every page in the output.
    pages: HashMap<String, u64, Xxh3DefaultBuilder>,
    /// Fingerprints by input identity, from the last build.
    memo: Memo,
    /// Articles re-read by the last reload of known files: (before, after).
    replaced: Vec<(Arc<Article>, Arc<Article>)>,
    /// Hashes of the pages the preview wrote since the last `finish`.
    previewed: HashMap<String, u64, Xxh3DefaultBuilder>,
    /// Changes taken in by `update` and not yet finished.
    pending: Option<Pending>,
    /// The unfixed template or configuration error, if any.
    fatal: Option<String>,
    /// The latest problems found while walking `seeds/`.
    discovery_diagnostics: Vec<Diagnostic>,
    /// The latest problems found while assembling the digest.
    digest_diagnostics: Vec<Diagnostic>,
    /// The latest problems found while copying static files.
    asset_diagnostics: Vec<Diagnostic>,
}

impl LiveBuild {
    /// Runs a full build and keeps its state.
    pub fn start(options: BuildOptions) -> Result<(LiveBuild, BuildReport), Error> {
        let (mut built, report) = pipeline::build_full(&options)?;
        let (fresh, memo) = fingerprint_all(&built.renderer, &built.digest, &Memo::default());
        let pages = fresh.into_iter().map(|(path, _, fp)| (path, fp)).collect();
        let sources = Sources::from_loaded(std::mem::take(&mut built.loaded));
        let live = LiveOutput::new(&built.output);
        // The first build's article errors live in `sources` and the
        // configuration's warnings in its config; keep the rest.
        let other = report
            .diagnostics
            .iter()
            .filter(|d| !sources.errors().any(|e| e == *d))
            .filter(|d| !built.config.warnings.contains(d))
            .filter(|d| !built.page_diagnostics.contains(d))
            .cloned()
            .collect();
        let live_build = LiveBuild {
            options,
            built,
            sources,
            live,
            pages,
            memo,
            replaced: Vec::new(),
            previewed: HashMap::default(),
            pending: None,
            fatal: None,
            discovery_diagnostics: other,
            digest_diagnostics: Vec::new(),
            asset_diagnostics: Vec::new(),
        };
        Ok((live_build, report))
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
        self.update(changes)?;
        self.finish()
    }

    /// Takes in a set of changes and writes at once what can be written at
    /// once: when only known articles were edited in place (same file, URL,
    /// date, rank and tags), their pages, rendered against the previous
    /// digest. Returns those pages' output paths. Everything else (the new
    /// digest, the pages that show the edits, whole-site files) is left for
    /// [`LiveBuild::finish`], so a burst of changes is taken in before the
    /// costly part runs once. A previewed page may briefly show the
    /// previous build's cross-article data (entities resolved across the
    /// site, related stories); `finish` rewrites it if that changed.
    pub fn update(&mut self, changes: &ChangeSet) -> Result<Vec<String>, Error> {
        let started = Instant::now();
        self.replaced.clear();
        let mut pending = self.pending.take().unwrap_or_else(|| Pending::new(started));
        let result = self.take_in(changes, &mut pending);
        self.pending = Some(pending);
        if let Err(e) = &result
            && (changes.config || changes.templates)
        {
            self.fatal = Some(crate::error::chain(e));
        }
        result
    }

    fn take_in(
        &mut self,
        changes: &ChangeSet,
        pending: &mut Pending,
    ) -> Result<Vec<String>, Error> {
        if changes.config {
            let restarted = self.restart(pending.started)?;
            *pending = Pending::new(pending.started);
            pending.rebuild = restarted;
            return Ok(Vec::new());
        }
        if changes.templates {
            let templates = pipeline::load_templates(&self.built.config)?;
            self.built.renderer =
                pipeline::make_renderer(&self.built.config, templates, &self.options);
            self.fatal = None;
            pending.rerender = true;
            pending.all = true;
        }
        let mut previewed = Vec::new();
        if !changes.content.is_empty() {
            let reload =
                self.sources
                    .reload(&self.built.config, &self.options, &changes.content)?;
            pending.rebuild.reparsed += reload.count;
            self.replaced.extend(reload.replaced);
            if let Some(diagnostics) = reload.discovery {
                self.discovery_diagnostics = diagnostics;
            }
            pending.rerender = true;
            pending.content = true;
            if !pending.all {
                previewed = self.preview()?;
                if !previewed.is_empty() && pending.rebuild.preview_elapsed.is_none() {
                    pending.rebuild.preview_elapsed = Some(pending.started.elapsed());
                }
                pending.rebuild.previewed.extend(previewed.iter().cloned());
            }
        }
        if !changes.static_files.is_empty() {
            self.recopy_assets(&mut pending.rebuild)?;
            // Judged by what changed: every asset is copied again, and the
            // built-in ones include a script (search.js).
            let stylesheets = changes
                .static_files
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
            pending.stylesheets_only = pending
                .stylesheets_only
                .map_or(Some(stylesheets), |s| Some(s && stylesheets));
        }
        Ok(previewed)
    }

    /// Whether [`LiveBuild::finish`] has work to do.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Does the rest of the changes taken in by [`LiveBuild::update`]: builds
    /// the new digest and writes every page whose fingerprint changed.
    pub fn finish(&mut self) -> Result<Rebuild, Error> {
        let Some(mut pending) = self.pending.take() else {
            return Ok(Rebuild {
                diagnostics: self.diagnostics(),
                ..Rebuild::default()
            });
        };
        if pending.rerender
            && let Err(e) = self.rerender(pending.all, &mut pending.rebuild)
        {
            self.pending = Some(pending);
            return Err(e);
        }
        if pending.content {
            self.recopy_story_files(&mut pending.rebuild)?;
        }
        let mut rebuild = pending.rebuild;
        let pages = rebuild.all_written().iter().any(|p| p.ends_with(".html"));
        rebuild.css_only =
            pending.stylesheets_only == Some(true) && !pages && rebuild.removed.is_empty();
        rebuild.diagnostics = self.diagnostics();
        rebuild.fatal = self.fatal.clone();
        rebuild.elapsed = pending.started.elapsed();
        self.previewed.clear();
        Ok(rebuild)
    }

    /// A full rebuild (after `site.toml` changed), replacing the whole live build.
    fn restart(&mut self, started: Instant) -> Result<Rebuild, Error> {
        let (restarted, report) = LiveBuild::start(self.options.clone())?;
        *self = restarted;
        let mut written: Vec<String> = self.pages.keys().cloned().collect();
        written.sort();
        Ok(Rebuild {
            written,
            diagnostics: report.diagnostics,
            elapsed: started.elapsed(),
            ..Rebuild::default()
        })
    }

    /// Renders the pages of articles edited in place against the previous
    /// digest and writes them; returns their output paths.
    fn preview(&mut self) -> Result<Vec<String>, Error> {
        let mut jobs = Vec::new();
        for (before, after) in &self.replaced {
            let stays = before.slug == after.slug
                && before.date == after.date
                && before.weight == after.weight
                && before.rank == after.rank
                && before.tags == after.tags
                && before.draft == after.draft;
            let articles = &self.built.digest.articles;
            let position = articles
                .enumerate()
                .find(|(_, a)| Arc::ptr_eq(a, before))
                .map(|(i, _)| i);
            if let (true, Some(i)) = (stays, position) {
                self.built.digest.articles[i] = Arc::clone(after);
                jobs.push(Job::Page(Page::Article(i)));
            }
        }
        let mut written = Vec::new();
        for job in jobs {
            let RenderedPage { path, bytes } =
                self.built.renderer.render(&self.built.digest, job)?;
            self.live.write(&path, &bytes)?;
            self.previewed.insert(path.clone(), xxh3_64(&bytes));
            written.push(path);
        }
        Ok(written)
    }

    /// Rebuilds the digest and writes every page whose fingerprint changed
    /// (all pages when `all`), removing pages that are gone.
    fn rerender(&mut self, all: bool, rebuild: &mut Rebuild) -> Result<(), Error> {
        let articles: Vec<_> = self.sources.good().cloned().collect();
        let (mut digest, digest_diagnostics) =
            pipeline::assemble(articles, &self.built.config, &self.options);
        // Standalone pages change only with a full rebuild (see `watch`).
        digest.pages = self.built.digest.pages.clone();
        // Notes (held, folded) belong in a build's summary, not in a
        // rebuild's list of problems.
        self.digest_diagnostics = digest_diagnostics
            .into_iter()
            .filter(|d| !d.is_note())
            .collect();
        let renderer = &self.built.renderer;
        let (fresh, memo) = fingerprint_all(renderer, &digest, &self.memo);
        let mut dirty: Vec<(&String, Job)> = fresh
            .iter()
            .filter(|(path, _, fp)| all || self.pages.get(path) != Some(fp))
            .map(|(path, job, _)| (path, *job))
            .collect();
        dirty.sort_by(|a, b| a.0.cmp(b.0));
        let live = &self.live;
        let previewed = &self.previewed;
        let written: Vec<Option<String>> = dirty
            .par_iter()
            .map(|(path, job)| {
                if Renderer::streams(*job) {
                    let fill =
                        &mut |out: &mut dyn std::io::Write| renderer.write_to(&digest, *job, out);
                    live.write_streamed(path, fill)?;
                    return Ok(Some(path.to_string()));
                }
                let RenderedPage { path, bytes } = renderer.render(&digest, *job)?;
                // The preview may already have written exactly this.
                if previewed.get(&path) == Some(&xxh3_64(&bytes)) {
                    return Ok(None);
                }
                live.write(&path, &bytes)?;
                Ok(Some(path))
            })
            .collect::<Result<_, Error>>()?;
        rebuild.written = written.into_iter().flatten().collect();
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

    /// After articles changed: copies the static files and the files
    /// beside stories again, reporting only those newly published and
    /// those removed (a story may reference a new file or drop one).
    fn recopy_story_files(&mut self, rebuild: &mut Rebuild) -> Result<(), Error> {
        let before = self.built.assets.clone();
        let mut scratch = Rebuild::default();
        self.recopy_assets(&mut scratch)?;
        rebuild.removed.extend(scratch.removed);
        rebuild.written.extend(
            scratch
                .written
                .into_iter()
                .filter(|path| !before.contains(path)),
        );
        Ok(())
    }

    /// Copies the static files again and removes ones that were deleted.
    fn recopy_assets(&mut self, rebuild: &mut Rebuild) -> Result<(), Error> {
        let pages = &self.pages;
        let (assets, diagnostics) = crate::assets::write_assets(
            &self.built.config,
            &self.built.digest,
            &self.live,
            &|name| pages.contains_key(name),
        )?;
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
            .errors()
            .cloned()
            .chain(self.built.config.warnings.iter().cloned())
            .chain(self.built.page_diagnostics.iter().cloned())
            .chain(self.discovery_diagnostics.iter().cloned())
            .chain(self.digest_diagnostics.iter().cloned())
            .chain(self.asset_diagnostics.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}
