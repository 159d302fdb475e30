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
//! It does so in two steps: [`LiveBuild::update`] writes the pages of
//! articles edited in place at once (`preview.rs`); the rest, the
//! whole-site step (`whole_site.rs`, driven from `step.rs`), runs on a
//! thread of its own, and a newer change cancels it and is previewed
//! without waiting for it.
//!
//! The result is byte-identical to a clean build of the same files. An
//! article that stops parsing keeps its last good version on the site and
//! its error is reported, so a preview survives a half-typed edit; a broken
//! template keeps the last good templates. [`rebuild_loop`] is the loop
//! that feeds a live build the changes a watcher reports.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::digest::{CorpusMemo, Digest};
use crate::enrich::Article;
use crate::error::{Diagnostic, Error};
use crate::output::LiveOutput;
use crate::pipeline::{self, BuildOptions, BuildReport, Built};
use crate::render::Renderer;
use crate::render::fingerprint::{Memo, fingerprint_all};
use changes::ChangeSet;
use sources::Sources;
use whole_site::{PageMap, Running, UNKNOWN};

pub mod changes;
mod preview;
pub mod rebuild_loop;
mod sources;
mod step;
#[cfg(test)]
mod tests;
mod whole_site;

/// How many recently previewed pages the whole-site step renders first.
const RECENT: usize = 8;

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

/// What [`LiveBuild::poll_finish`] found.
#[derive(Debug)]
pub enum Finished {
    /// The whole-site step wrote the pages it renders first (recently
    /// edited ones) and goes on with the rest.
    First(Vec<String>),
    /// Every change taken in is done (or the step failed).
    Done(Result<Rebuild, Error>),
}

/// Work taken in by `update` and left for `finish`.
struct Pending {
    started: Instant,
    /// The digest must be rebuilt and pages re-rendered.
    rerender: bool,
    /// Templates changed: previews wait for the whole-site step.
    templates: bool,
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
            templates: false,
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
    config: Config,
    output: std::path::PathBuf,
    /// The digest the output was last brought up to date with (previews
    /// render against it).
    digest: Digest,
    renderer: Arc<Renderer>,
    /// Output paths of the static assets written.
    assets: Vec<String>,
    sources: Sources,
    live: LiveOutput,
    /// Output path → fingerprint of every page in the output.
    pages: Arc<PageMap>,
    /// Fingerprints by input identity, from the last fingerprinting.
    memo: Arc<Memo>,
    /// The last digest's corpus pass, kept while edits name no one new.
    corpus: Arc<CorpusMemo>,
    /// Articles re-read by the last reload of known files: (before, after).
    replaced: Vec<(Arc<Article>, Arc<Article>)>,
    /// Hashes of the pages the preview wrote since the last whole-site step.
    previewed: PageMap,
    /// The articles previewed last (source path, page), newest first: a
    /// template change shows them at once, and the step renders them first.
    recent: Vec<(std::path::PathBuf, String)>,
    /// Counts the changes taken in that a whole-site step must see.
    generation: u64,
    /// The whole-site step running, and the generation it works from.
    running: Option<(Running, u64)>,
    /// The last whole-site step failed: retried after the next change.
    failed: bool,
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
    /// Problems with the standalone pages (read again only by a full
    /// rebuild).
    page_diagnostics: Vec<Diagnostic>,
    /// Problems with the site's own templates (a symlink out of the site),
    /// read again when the templates change.
    template_diagnostics: Vec<Diagnostic>,
}

impl LiveBuild {
    /// Runs a full build and keeps its state.
    pub fn start(options: BuildOptions) -> Result<(LiveBuild, BuildReport), Error> {
        let (built, report) = pipeline::build_full(&options)?;
        let Built {
            config,
            output,
            loaded,
            digest,
            corpus,
            renderer,
            template_diagnostics,
            assets,
            page_diagnostics,
        } = built;
        let (fresh, memo) = fingerprint_all(&renderer, &digest, &Memo::default());
        let pages = fresh.into_iter().map(|(path, _, fp)| (path, fp)).collect();
        let sources = Sources::from_loaded(loaded);
        let live = LiveOutput::new(&output);
        // The first build's article errors live in `sources` and the
        // configuration's warnings in its config; keep the rest.
        let other = report
            .diagnostics
            .iter()
            .filter(|d| !sources.errors().any(|e| e == *d))
            .filter(|d| !config.warnings.contains(d))
            .filter(|d| !page_diagnostics.contains(d))
            .filter(|d| !template_diagnostics.contains(d))
            .cloned()
            .collect();
        let live_build = LiveBuild {
            options,
            config,
            output,
            digest,
            renderer: Arc::new(renderer),
            assets,
            sources,
            live,
            pages: Arc::new(pages),
            memo: Arc::new(memo),
            corpus: Arc::new(corpus),
            replaced: Vec::new(),
            previewed: PageMap::default(),
            recent: Vec::new(),
            generation: 0,
            running: None,
            failed: false,
            pending: None,
            fatal: None,
            discovery_diagnostics: other,
            digest_diagnostics: Vec::new(),
            asset_diagnostics: Vec::new(),
            page_diagnostics,
            template_diagnostics,
        };
        Ok((live_build, report))
    }

    /// The site root being watched.
    pub fn root(&self) -> &Path {
        &self.config.root
    }

    /// The output folder being updated.
    pub fn output(&self) -> &Path {
        &self.output
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
    /// the whole-site step ([`LiveBuild::finish`], or
    /// [`LiveBuild::start_finish`] and [`LiveBuild::poll_finish`]), so a
    /// burst of changes is taken in before the costly part runs once; a
    /// step already running is cancelled, as it works from what these
    /// changes replace. A previewed page may briefly show the previous
    /// build's cross-article data (entities resolved across the site,
    /// related stories); the step rewrites it if that changed.
    pub fn update(&mut self, changes: &ChangeSet) -> Result<Vec<String>, Error> {
        let started = Instant::now();
        if changes.config || changes.templates || !changes.content.is_empty() {
            self.generation += 1;
            self.failed = false;
            if let Some((running, _)) = &self.running {
                running.cancel();
            }
        }
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
            self.stop();
            let restarted = self.restart(pending.started)?;
            *pending = Pending::new(pending.started);
            pending.rebuild = restarted;
            return Ok(Vec::new());
        }
        if changes.templates {
            let (templates, diagnostics) = pipeline::load_templates(&self.config)?;
            self.template_diagnostics = diagnostics;
            self.renderer = Arc::new(pipeline::make_renderer(
                &self.config,
                templates,
                &self.options,
            ));
            self.fatal = None;
            // Every page was rendered with the old templates.
            Arc::make_mut(&mut self.pages)
                .values_mut()
                .for_each(|fp| *fp = UNKNOWN);
            pending.rerender = true;
            pending.templates = true;
        }
        let mut previewed = Vec::new();
        if changes.templates && changes.content.is_empty() {
            previewed = self.preview_recent()?;
            pending.rebuild.previewed.extend(previewed.iter().cloned());
        }
        if !changes.content.is_empty() {
            let reload = self
                .sources
                .reload(&self.config, &self.options, &changes.content)?;
            pending.rebuild.reparsed += reload.count;
            self.replaced.extend(reload.replaced);
            if let Some(diagnostics) = reload.discovery {
                self.discovery_diagnostics = diagnostics;
            }
            pending.rerender = true;
            pending.content = true;
            if !pending.templates {
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

    /// Whether changes are taken in and not yet finished.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether the whole-site step should be started: changes are pending
    /// and the last attempt did not fail (a failed step waits for the next
    /// change).
    pub fn wants_finish(&self) -> bool {
        self.pending.is_some() && !self.failed && self.running.is_none()
    }

    /// Whether a whole-site step is running.
    pub fn is_finishing(&self) -> bool {
        self.running.is_some()
    }

    /// Does the rest of the changes taken in by [`LiveBuild::update`]: builds
    /// the new digest and writes every page whose fingerprint changed,
    /// waiting for it.
    pub fn finish(&mut self) -> Result<Rebuild, Error> {
        loop {
            let Some(pending) = &self.pending else {
                return Ok(Rebuild {
                    diagnostics: self.diagnostics(),
                    ..Rebuild::default()
                });
            };
            if !pending.rerender && self.running.is_none() {
                return self.conclude();
            }
            if self.running.is_none() {
                self.failed = false;
                self.start_finish();
            }
            if let Some(result) = self.collect() {
                return result;
            }
        }
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

    /// After articles changed: copies the static files and the files
    /// beside stories again, reporting only those newly published and
    /// those removed (a story may reference a new file or drop one).
    fn recopy_story_files(&mut self, rebuild: &mut Rebuild) -> Result<(), Error> {
        let before = self.assets.clone();
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
        let (assets, diagnostics) =
            crate::assets::write_assets(&self.config, &self.digest, &self.live, &|name| {
                pages.contains_key(name)
            })?;
        for gone in self.assets.iter().filter(|a| !assets.contains(a)) {
            self.live.remove(gone)?;
            rebuild.removed.push(gone.clone());
        }
        rebuild.written.extend(assets.iter().cloned());
        self.assets = assets;
        self.asset_diagnostics = diagnostics;
        Ok(())
    }

    /// Every current problem, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .sources
            .errors()
            .cloned()
            .chain(self.config.warnings.iter().cloned())
            .chain(self.page_diagnostics.iter().cloned())
            .chain(self.discovery_diagnostics.iter().cloned())
            .chain(self.digest_diagnostics.iter().cloned())
            .chain(self.asset_diagnostics.iter().cloned())
            .chain(self.template_diagnostics.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

impl Drop for LiveBuild {
    /// A whole-site step still running is cancelled and waited for, so
    /// nothing writes into the output after the live build is gone.
    fn drop(&mut self) {
        if let Some((running, _)) = self.running.take() {
            running.cancel();
            let _ = running.join();
        }
    }
}
