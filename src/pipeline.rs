//! Running the stages in order: config → discover → parse → enrich → digest
//! → render → output.
//!
//! Articles are loaded, parsed and enriched in parallel, then put in a fixed
//! order by `digest`; pages are rendered in parallel and each is written to
//! the staging folder as soon as it is done. One bad article becomes a
//! diagnostic and the rest still build; a fatal error (config, templates,
//! output I/O) stops before the previous output is touched.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::article::{self, ParseOptions, corrections, highlight};
use crate::config::{self, Config};
use crate::digest::{self, Digest};
use crate::discover;
use crate::enrich::lexicon::Lexicon;
use crate::enrich::{self, Article, EnrichContext};
use crate::error::{Diagnostic, Error, Location};
use crate::output::{self, Staging};
use crate::render::templates::{BUILTIN_STATIC, TemplateSource, Templates};
use crate::render::urls::Urls;
use crate::render::views::HIGHLIGHT_CSS;
use crate::render::{RenderedPage, Renderer};

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
    /// The build instant: dates undated articles and never comes from the
    /// clock inside the stages.
    pub now: Timestamp,
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
    /// Problems with individual inputs, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildReport {
    /// Whether any diagnostic is an error (the build exits 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let config = load_config(options)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| config.output_dir());
    output::check_location(&config.root, &output)?;
    let templates = Templates::load(template_overrides(&config)?)?;

    let (digest, mut diagnostics) = collect(&config, options)?;
    let renderer = Renderer::new(&config.site, templates, Urls::new(&config.site.base_url));
    let staging = Staging::begin(&output)?;
    let jobs = Renderer::jobs(&digest);
    jobs.par_iter().try_for_each(|&job| {
        let RenderedPage { path, bytes } = renderer.render(&digest, job)?;
        staging.write(&path, &bytes)
    })?;
    diagnostics.extend(write_assets(&config, &staging)?);
    staging.commit()?;

    diagnostics.sort();
    Ok(BuildReport {
        output,
        articles: digest.articles.len(),
        pages: jobs.len(),
        diagnostics,
    })
}

fn load_config(options: &BuildOptions) -> Result<Config, Error> {
    let mut config = config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.site.base_url = config::normalize_base_url(url).map_err(|why| {
            Error::Config(Diagnostic::error(
                Location::file("--base-url"),
                format!("--base-url {why}"),
            ))
        })?;
    }
    Ok(config)
}

/// Discovers, parses and enriches every article, then builds the digest.
/// The site's `entities.toml` corrects entity extraction.
pub fn collect(
    config: &Config,
    options: &BuildOptions,
) -> Result<(Digest, Vec<Diagnostic>), Error> {
    let discovery = discover::discover(&config.root, &config.seeds_dir())?;
    let mut diagnostics = discovery.diagnostics;
    let parse_options = ParseOptions {
        unsafe_html: config.site.markdown.unsafe_html,
    };
    let context = EnrichContext {
        now: options.now,
        words_per_minute: config.site.digest.words_per_minute,
    };
    let lexicon = Lexicon::new(&corrections::load(&config.root)?);
    let results: Vec<Result<Article, Diagnostic>> = discovery
        .files
        .par_iter()
        .map(|file| {
            article::load(file, parse_options)
                .map(|parsed| enrich::enrich_with(parsed, &context, &lexicon))
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(article) if article.draft && !options.drafts => {}
            Ok(article) => articles.push(article),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let (digest, digest_diagnostics) = digest::build(articles);
    diagnostics.extend(digest_diagnostics);
    Ok((digest, diagnostics))
}

/// Reads the site's own templates, named by their path under `templates/`.
fn template_overrides(config: &Config) -> Result<Vec<TemplateSource>, Error> {
    let dir = config.templates_dir();
    let mut sources = Vec::new();
    for rel in discover::files_under(&dir)? {
        let Some(name) = slash_path(&rel) else {
            continue;
        };
        sources.push(TemplateSource {
            path: Path::new("templates").join(&rel),
            text: crate::fs::read_to_string(&dir.join(&rel))?,
            name,
        });
    }
    Ok(sources)
}

/// Writes the built-in static files, the site's `static/` (which overrides
/// them) and the code stylesheet. A static file never replaces a page.
fn write_assets(config: &Config, staging: &Staging) -> Result<Vec<Diagnostic>, Error> {
    let mut diagnostics = Vec::new();
    let static_dir = config.static_dir();
    let site_files = discover::files_under(&static_dir)?;
    let site_names: Vec<Option<String>> = site_files.iter().map(|rel| slash_path(rel)).collect();
    for (name, bytes) in BUILTIN_STATIC {
        if !site_names.iter().any(|n| n.as_deref() == Some(*name)) {
            staging.write(name, bytes)?;
        }
    }
    if let Some(css) = highlight::stylesheet(&config.site.markdown.highlight_theme) {
        staging.write(HIGHLIGHT_CSS, css.as_bytes())?;
    }
    for (rel, name) in site_files.iter().zip(site_names) {
        let location = Location::file(Path::new("static").join(rel));
        match name {
            Some(name) if staging.contains(&name) && !is_builtin_asset(&name) => {
                diagnostics.push(Diagnostic::warning(
                    location,
                    format!("not copied: the site generates {name} itself"),
                ));
            }
            Some(name) => staging.copy(&static_dir.join(rel), &name)?,
            None => diagnostics.push(Diagnostic::warning(
                location,
                "not copied: file name is not UTF-8",
            )),
        }
    }
    Ok(diagnostics)
}

/// Assets the site's `static/` may replace (everything else generated wins).
fn is_builtin_asset(name: &str) -> bool {
    name == HIGHLIGHT_CSS || BUILTIN_STATIC.iter().any(|(n, _)| *n == name)
}

/// A relative path with `/` separators, or `None` if it is not UTF-8.
fn slash_path(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}
