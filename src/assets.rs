//! The files copied into the output beside the rendered pages: the
//! built-in static files, the site's `static/` (which overrides them), the
//! code stylesheet, and the files published beside stories and standalone
//! pages ([`story_files`] decides which). Clean builds and live builds both
//! copy through [`write_assets`], so they publish the same files.

use std::path::Path;

use crate::article::highlight;
use crate::config::Config;
use crate::digest::Digest;
use crate::discover;
use crate::error::{Diagnostic, Error, Location};
use crate::output::OutputSink;
use crate::render::templates::BUILTIN_STATIC;
use crate::story_files;
use crate::urls::{HIGHLIGHT_CSS, slash_path};

/// Writes the built-in static files, the site's `static/` (which overrides
/// them), the code stylesheet and the files published beside stories. A
/// static file never replaces a page (`is_page` tells which output paths
/// are pages). Returns the output paths written and any warnings.
pub fn write_assets(
    config: &Config,
    digest: &Digest,
    sink: &dyn OutputSink,
    is_page: &dyn Fn(&str) -> bool,
) -> Result<(Vec<String>, Vec<Diagnostic>), Error> {
    let mut written = Vec::new();
    let static_dir = config.static_dir();
    let (site_files, mut diagnostics) = discover::site_files(&config.root, &static_dir)?;
    let site_names: Vec<Option<String>> = site_files.iter().map(|rel| slash_path(rel)).collect();
    for (name, bytes) in BUILTIN_STATIC {
        if !site_names.iter().any(|n| n.as_deref() == Some(*name)) {
            sink.write(name, bytes)?;
            written.push(name.to_string());
        }
    }
    let site_css = site_names
        .iter()
        .any(|n| n.as_deref() == Some(HIGHLIGHT_CSS));
    if !site_css && let Some(css) = highlight::stylesheet(&config.site.markdown.highlight_theme) {
        sink.write(HIGHLIGHT_CSS, css.as_bytes())?;
        written.push(HIGHLIGHT_CSS.to_string());
    }
    for (rel, name) in site_files.iter().zip(site_names) {
        let location = Location::file(Path::new("static").join(rel));
        match name {
            Some(name) if is_page(&name) => {
                diagnostics.push(Diagnostic::warning(
                    location,
                    format!("not copied: the site generates {name} itself"),
                ));
            }
            Some(name) => {
                sink.copy(&static_dir.join(rel), &name)?;
                written.push(name);
            }
            None => diagnostics.push(Diagnostic::warning(
                location,
                "not copied: file name is not UTF-8",
            )),
        }
    }
    write_story_files(
        config,
        digest,
        sink,
        is_page,
        (&mut written, &mut diagnostics),
    )?;
    written.sort();
    written.dedup();
    Ok((written, diagnostics))
}

/// Copies the files beside each story next to its page (see
/// [`story_files`]), adding them to `written` and any warnings to
/// `diagnostics`.
fn write_story_files(
    config: &Config,
    digest: &Digest,
    sink: &dyn OutputSink,
    is_page: &dyn Fn(&str) -> bool,
    (written, diagnostics): (&mut Vec<String>, &mut Vec<Diagnostic>),
) -> Result<(), Error> {
    let (files, warnings) = story_files::plan(&config.root, digest);
    diagnostics.extend(warnings);
    for file in files {
        if is_page(&file.to) {
            let rel = file.from.strip_prefix(&config.root).unwrap_or(&file.from);
            diagnostics.push(Diagnostic::warning(
                Location::file(rel),
                format!("not copied: the site generates {} itself", file.to),
            ));
            continue;
        }
        sink.copy(&file.from, &file.to)?;
        written.push(file.to);
    }
    Ok(())
}
