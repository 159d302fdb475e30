//! Running the stages in order: config → discover → parse → enrich → digest
//! → render → output.
//!
//! Articles are loaded, parsed and enriched in parallel, then put in a fixed
//! order by `digest`; pages are rendered in parallel and each is written as
//! soon as it is done. One bad article becomes a diagnostic and the rest
//! still build; a fatal error (config, templates, output I/O) stops before
//! the previous output is touched. The pieces are public so that `session`
//! (incremental rebuilds) runs exactly the same steps.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::article::{self, ParseOptions, highlight};
use crate::cache::{ArticleCache, CacheReport};
use crate::config::{self, Config};
use crate::digest::{self, CorpusMemo, Digest};
use crate::discover::{self, SourceFile};
use crate::enrich::extract::lexicon::Lexicon;
use crate::enrich::{self, Article, EnrichContext};
use crate::error::{Diagnostic, Error, Location};
use crate::history;
use crate::output::{self, OutputSink, Staging};
use crate::render::templates::{TemplateSource, Templates};
use crate::render::{Feed, Job, Lookup, RenderOptions, RenderedPage, Renderer};
use crate::timings::{Timings, TimingsReport};
use crate::urls::{Urls, slash_path};

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holding `site.toml`).
    pub root: PathBuf,
    /// Where to write; `output_dir` from `site.toml` when `None`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` for this build.
    pub base_url: Option<String>,
    /// Include articles marked `draft = true`.
    pub drafts: bool,
    /// Include articles dated after `now` (held back otherwise).
    pub future: bool,
    /// The build instant: holds back stories dated later, caps the date of
    /// undated ones, and never comes from the clock inside the stages.
    pub now: Timestamp,
    /// The live-reload script's URL (`serve` only).
    pub live_reload: Option<String>,
    /// Write into an output folder that holds files briefing did not
    /// write, replacing them (`--force`).
    pub force: bool,
    /// A folder keeping each article's result between builds
    /// (`build --cache`).
    pub cache: Option<PathBuf>,
}

impl BuildOptions {
    /// Options for building the site at `root` with everything else default.
    pub fn new(root: impl Into<PathBuf>, now: Timestamp) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            now,
            live_reload: None,
            force: false,
            cache: None,
        }
    }
}

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The output folder written.
    pub output: PathBuf,
    /// Articles published.
    pub articles: usize,
    /// Pages rendered.
    pub pages: usize,
    /// The output path of every page and site file written (the largest
    /// files first, then in job order).
    pub paths: Vec<String>,
    /// The `base_url` the site was built for (after `--base-url`).
    pub base_url: String,
    /// Problems with individual inputs, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What the article cache did, when the build used one.
    pub cache: Option<CacheReport>,
    /// What the build did that its summary should say: stories held back,
    /// versions folded, undated stories dated by their files' modification
    /// times. Sorted by file.
    pub notes: Vec<Diagnostic>,
    /// Stories held back until their time, soonest first.
    pub held: Vec<digest::Held>,
    /// Where the build's time went.
    pub timings: TimingsReport,
}

impl BuildReport {
    /// Whether any diagnostic is an error (the build exits 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Everything a full build produced, kept by `session` for later
/// incremental rebuilds.
pub struct Built {
    /// The configuration used.
    pub config: Config,
    /// The output folder.
    pub output: PathBuf,
    /// Each article file with its result.
    pub loaded: Vec<Loaded>,
    /// The digest rendered.
    pub digest: Digest,
    /// Its corpus pass, for the next digest of a live build.
    pub corpus: CorpusMemo,
    /// The renderer used.
    pub renderer: Renderer,
    /// Problems with the site's own templates (a symlink out of the site).
    pub template_diagnostics: Vec<Diagnostic>,
    /// Output paths of the static assets written.
    pub assets: Vec<String>,
    /// Problems with the standalone pages of `pages/`.
    pub page_diagnostics: Vec<Diagnostic>,
}

/// One article file and what loading it gave.
pub struct Loaded {
    /// The file.
    pub file: SourceFile,
    /// The article, or why it could not be built.
    pub result: Result<Arc<Article>, Diagnostic>,
    /// What the build summary should say about it: an undated article
    /// dated by its file's modification time, and why.
    pub note: Option<Diagnostic>,
}

/// Told how far a build has got, for a progress bar. Called from the
/// worker threads, so it must be cheap and thread-safe.
pub trait Progress: Sync {
    /// A step of `total` items begins ("reading articles", "writing pages").
    fn step(&self, name: &'static str, total: usize);
    /// One more item of the current step is done.
    fn advance(&self);
}

/// Progress nobody watches.
pub struct Unobserved;

impl Progress for Unobserved {
    fn step(&self, _: &'static str, _: usize) {}
    fn advance(&self) {}
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    build_observed(options, &Unobserved).map(|(_, report)| report)
}

/// Builds the site and keeps what was built.
pub fn build_full(options: &BuildOptions) -> Result<(Built, BuildReport), Error> {
    build_observed(options, &Unobserved)
}

/// Builds the site, telling `progress` how far it has got, and keeps what
/// was built.
pub fn build_observed(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(Built, BuildReport), Error> {
    let timings = Timings::new();
    let started = Instant::now();
    let config = load_config(options)?;
    let output = output_dir(&config, options);
    output::check_location(&config.root, &output, options.force)?;
    let (templates, template_diagnostics) = load_templates(&config)?;
    timings.stage("config", started.elapsed());

    let discovery = timings.time("discover", || {
        discover::discover(&config.root, &config.seeds_dir())
    })?;
    let mut diagnostics = config.warnings.clone();
    diagnostics.extend(discovery.diagnostics);
    diagnostics.extend(template_diagnostics.iter().cloned());
    let cache = options
        .cache
        .as_deref()
        .map(|dir| ArticleCache::open(dir, &config));
    progress.step("reading articles", discovery.files.len());
    let loaded = timings.time("parse+enrich", || {
        let cache = cache.as_ref();
        load_cached(&config, options, discovery.files, cache, &timings, progress)
    });
    let cache = cache.map(ArticleCache::save);
    if let Some(report) = &cache {
        diagnostics.extend(report.warnings.iter().cloned());
    }
    let good = loaded
        .iter()
        .filter_map(|l| l.result.as_ref().ok().cloned());
    diagnostics.extend(
        loaded
            .iter()
            .filter_map(|l| l.result.as_ref().err().cloned()),
    );
    progress.step("building digest", 1);
    let (mut digest, digest_diagnostics, corpus) =
        assemble_reusing(good, &config, options, None, &timings);
    progress.advance();
    diagnostics.extend(digest_diagnostics);
    let (pages, page_diagnostics) = crate::standalone::load(&config, options.drafts)?;
    digest.pages = pages;
    diagnostics.extend(page_diagnostics.iter().cloned());
    let mut notes: Vec<Diagnostic> = loaded.iter().filter_map(|l| l.note.clone()).collect();
    let (digest_notes, problems): (Vec<_>, Vec<_>) =
        diagnostics.into_iter().partition(Diagnostic::is_note);
    let mut diagnostics = problems;
    notes.extend(digest_notes);
    notes.sort();
    let renderer = make_renderer(&config, templates, options);

    let started = Instant::now();
    let staging = Staging::begin(&output)?;
    let jobs = largest_first(Job::all(&digest));
    progress.step("writing pages", jobs.len());
    let mut paths = jobs
        .par_iter()
        .map(|&job| {
            let path = render_and_write(&renderer, &digest, job, &staging, &timings)?;
            progress.advance();
            Ok(path)
        })
        .collect::<Result<Vec<String>, Error>>()?;
    timings.stage("render+write", started.elapsed());
    let started = Instant::now();
    let pages: BTreeSet<String> = paths.iter().cloned().collect();
    for file in renderer.site_files() {
        staging.write(&file.path, &file.bytes)?;
        paths.push(file.path);
    }
    let (assets, asset_diagnostics) =
        crate::assets::write_assets(&config, &digest, &staging, &|name| pages.contains(name))?;
    diagnostics.extend(asset_diagnostics);
    timings.stage("static files", started.elapsed());
    timings.time("commit", || staging.commit())?;

    diagnostics.sort();
    let report = BuildReport {
        output: output.clone(),
        articles: digest.articles.len(),
        pages: paths.len(),
        paths,
        base_url: config.site.base_url.clone(),
        diagnostics,
        cache,
        notes,
        held: digest.held.clone(),
        timings: timings.report(),
    };
    let built = Built {
        config,
        output,
        loaded,
        digest,
        corpus,
        renderer,
        template_diagnostics,
        assets,
        page_diagnostics,
    };
    Ok((built, report))
}

/// The jobs with the files that hold every story first: they take longest,
/// and started last they would keep one core busy after the other is done.
/// The order is otherwise kept (the sort is stable).
fn largest_first(mut jobs: Vec<Job>) -> Vec<Job> {
    jobs.sort_by_key(|job| {
        !matches!(
            job,
            Job::Feed(Feed::Sitemap) | Job::Lookup(Lookup::DigestJson | Lookup::SearchIndex)
        )
    });
    jobs
}

/// Renders one job and writes it to `sink`, timing both; returns its
/// output path.
fn render_and_write(
    renderer: &Renderer,
    digest: &Digest,
    job: Job,
    sink: &dyn OutputSink,
    timings: &Timings,
) -> Result<String, Error> {
    let started = Instant::now();
    if Renderer::streams(job) {
        // A data file is written as it is made: its time is all render.
        let path = crate::urls::output_path(&job.route(digest));
        let bytes = sink.write_streamed(&path, &mut |out| renderer.write_to(digest, job, out))?;
        let bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
        timings.page(job.template(), &path, bytes, started.elapsed());
        return Ok(path);
    }
    let RenderedPage { path, bytes } = renderer.render(digest, job)?;
    let rendered = Instant::now();
    timings.page(job.template(), &path, bytes.len(), rendered - started);
    sink.write(&path, &bytes)?;
    timings.add("write", rendered.elapsed());
    Ok(path)
}

/// Reads `site.toml`, applying a `--base-url` override.
pub fn load_config(options: &BuildOptions) -> Result<Config, Error> {
    let mut config = config::load(&options.root, &highlight::theme_names())?;
    if let Some(url) = &options.base_url {
        config.site.base_url = config::normalize_base_url(url).map_err(|why| {
            Error::Config(Diagnostic::error(
                Location::file("--base-url"),
                format!("{why}, not {url:?}"),
            ))
        })?;
    }
    Ok(config)
}

/// The output folder: `--output`, else `output_dir` from `site.toml`.
pub fn output_dir(config: &Config, options: &BuildOptions) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| config.output_dir())
}

/// The built-in templates with the site's own overriding them, and the
/// problems met reading the site's (a symlink out of the site is skipped).
pub fn load_templates(config: &Config) -> Result<(Templates, Vec<Diagnostic>), Error> {
    let (overrides, diagnostics) = template_overrides(config)?;
    Ok((Templates::load(overrides)?, diagnostics))
}

/// A renderer for this site and build.
pub fn make_renderer(config: &Config, templates: Templates, options: &BuildOptions) -> Renderer {
    let render_options = RenderOptions {
        urls: Urls::new(&config.site.base_url),
        live_reload: options.live_reload.clone(),
    };
    Renderer::new(&config.site, templates, render_options)
}

/// Loads, parses and enriches `files` in parallel, keeping their order;
/// entities are read with the site's `entities.toml` corrections.
pub fn load_all(config: &Config, options: &BuildOptions, files: Vec<SourceFile>) -> Vec<Loaded> {
    load_cached(config, options, files, None, &Timings::new(), &Unobserved)
}

/// Like [`load_all`], taking each article whose inputs are unchanged from
/// `cache` and keeping the others there, adding the time spent reading
/// and parsing ("parse") and enriching ("enrich") to `timings`, summed over
/// threads, and telling `progress` of each file done. The settings read
/// here are the ones the cache's key hashes (`cache::identity::salt`): a
/// new one must be added there.
pub fn load_cached(
    config: &Config,
    options: &BuildOptions,
    files: Vec<SourceFile>,
    cache: Option<&ArticleCache>,
    timings: &Timings,
    progress: &dyn Progress,
) -> Vec<Loaded> {
    let parse_options = ParseOptions {
        unsafe_html: config.site.markdown.unsafe_html,
    };
    let context = EnrichContext {
        now: options.now,
        words_per_minute: config.site.digest.words_per_minute,
        time_zone: config.site.editions.zone(),
    };
    let lexicon = Lexicon::new(&config.entities);
    let load = |file: SourceFile| {
        let started = Instant::now();
        let result = article::read(&file).and_then(|source| {
            let key = cache.and_then(|c| c.key(&file, &source));
            if let (Some(cache), Some(key)) = (cache, key)
                && let Some(article) = cache.get(&file, key, &context)
            {
                return Ok(Arc::new(article));
            }
            let parsed = article::parse(
                &file,
                &source.text,
                source.sidecar.as_deref(),
                parse_options,
            )?;
            let loaded = Instant::now();
            timings.add("parse", loaded - started);
            let article = enrich::enrich_with(parsed, &context, &lexicon);
            timings.add("enrich", loaded.elapsed());
            if let (Some(cache), Some(key)) = (cache, key) {
                cache.put(&file, key, &article);
            }
            Ok(Arc::new(article))
        });
        progress.advance();
        Loaded {
            file,
            result,
            note: None,
        }
    };
    // A live build re-reads one or two files at a time, often while its
    // whole-site step keeps rayon's threads busy: handing a single file to
    // the pool would wait for them.
    let mut loaded: Vec<Loaded> = if files.len() <= 2 {
        files.into_iter().map(load).collect()
    } else {
        files.into_par_iter().map(load).collect()
    };
    date_by_history(&config.root, &context, &mut loaded);
    loaded
}

/// Dates each undated article by when its file entered the site
/// ([`history::date_undated`]), attaching the note of each dated by its
/// modification time.
fn date_by_history(root: &Path, context: &EnrichContext, loaded: &mut [Loaded]) {
    let articles = loaded.iter_mut().filter_map(|l| l.result.as_mut().ok());
    let mut notes = history::date_undated(root, context, articles);
    if notes.is_empty() {
        return;
    }
    for item in loaded.iter_mut() {
        if let Ok(article) = &item.result {
            item.note = notes.remove(&article.source_path);
        }
    }
}

/// Builds the digest from `articles`, leaving drafts out unless asked and
/// holding back stories not yet due unless `options.future`.
pub fn assemble(
    articles: impl IntoIterator<Item = Arc<Article>>,
    config: &Config,
    options: &BuildOptions,
) -> (Digest, Vec<Diagnostic>) {
    assemble_timed(articles, config, options, &Timings::new())
}

/// [`assemble`], recording its steps in `timings`.
pub fn assemble_timed(
    articles: impl IntoIterator<Item = Arc<Article>>,
    config: &Config,
    options: &BuildOptions,
    timings: &Timings,
) -> (Digest, Vec<Diagnostic>) {
    let (digest, diagnostics, _) = assemble_reusing(articles, config, options, None, timings);
    (digest, diagnostics)
}

/// [`assemble_timed`], keeping the corpus pass of `memo` (an earlier
/// digest's) when no article changed what it reads; also returns the memo
/// for the next digest.
pub fn assemble_reusing(
    articles: impl IntoIterator<Item = Arc<Article>>,
    config: &Config,
    options: &BuildOptions,
    memo: Option<&CorpusMemo>,
    timings: &Timings,
) -> (Digest, Vec<Diagnostic>, CorpusMemo) {
    let articles = articles
        .into_iter()
        .filter(|a| options.drafts || !a.draft)
        .collect();
    let settings = digest::Settings {
        now: options.now,
        future: options.future,
        length: config.site.editions.length,
        duplicate_threshold: config.site.duplicates.threshold,
    };
    digest::build_reusing(articles, &settings, memo, timings)
}

/// Reads the site's own templates, named by their path under `templates/`.
fn template_overrides(config: &Config) -> Result<(Vec<TemplateSource>, Vec<Diagnostic>), Error> {
    let dir = config.templates_dir();
    let mut sources = Vec::new();
    let (files, diagnostics) = discover::site_files(&config.root, &dir)?;
    for rel in files {
        let Some(name) = slash_path(&rel) else {
            continue;
        };
        sources.push(TemplateSource {
            path: Path::new("templates").join(&rel),
            text: crate::fs::read_to_string(&dir.join(&rel))?,
            name,
        });
    }
    Ok((sources, diagnostics))
}
