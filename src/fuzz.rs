//! Entry points for the fuzz targets in `fuzz/` (see `fuzz/README.md`):
//! thin wrappers that feed arbitrary bytes to one piece of the pipeline
//! without the disk. Not part of briefing's API; hidden from its docs.
//!
//! Each returns what the piece made, so that a target can check more than
//! "did not panic".

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use jiff::Timestamp;

use crate::article::front_matter::{self, FrontMatter};
use crate::article::{self, ParseOptions, ParsedArticle};
use crate::discover::{SourceFile, SourceKind};
use crate::enrich::extract::Extracted;
use crate::enrich::extract::lexicon::Lexicon;
use crate::enrich::{self, EnrichContext};
use crate::error::Diagnostic;
use crate::render::templates::Templates;
use crate::render::{Job, RenderOptions, RenderedPage, Renderer};
use crate::urls::Urls;

/// The build instant every entry point uses (2025-07-12T06:00:00Z).
const NOW: i64 = 1_752_300_000;

/// Cuts front matter off `text` and parses it, as for a Markdown article
/// (whose line ends and control characters are cleaned first).
pub fn front_matter(text: &str) -> Result<Option<FrontMatter>, Diagnostic> {
    let path = std::path::Path::new("seeds/fuzz.md");
    let text = article::clean_text(text, path)?;
    let split = front_matter::split(&text, path)?;
    split
        .front
        .map(|block| front_matter::parse(&block, path))
        .transpose()
}

/// Decodes and parses a file's bytes as an article of `kind`, with
/// `sidecar` as its sidecar's bytes (plain text only).
pub fn read_article(
    bytes: &[u8],
    kind: SourceKind,
    sidecar: Option<&[u8]>,
) -> Result<ParsedArticle, Diagnostic> {
    let source = source(kind, sidecar.is_some());
    let sidecar = sidecar.map(<[u8]>::to_vec);
    article::parse_bytes(&source, bytes.to_vec(), sidecar, ParseOptions::default())
}

/// The longest derived headline in characters, an ellipsis included.
pub const MAX_TITLE_CHARS: usize = enrich::title::MAX_TITLE_CHARS + 1;

/// A headline derived from `lede`, as for an untitled story.
pub fn derive_title(lede: &str) -> String {
    enrich::title::derive(lede)
}

/// The briefing layer of a text whose lines are its paragraphs.
pub fn extract(text: &str) -> Extracted {
    let paragraphs: Vec<String> = text.lines().map(str::to_string).collect();
    enrich::extract::extract(&paragraphs, Lexicon::builtin())
}

/// One article's whole way: decoded, parsed, enriched, put in a digest of
/// its own and rendered into every page and site file.
pub fn build_article(bytes: &[u8], kind: SourceKind) -> Result<Vec<RenderedPage>, String> {
    let parsed = read_article(bytes, kind, None).map_err(|d| d.to_string())?;
    let context = EnrichContext {
        now: Timestamp::from_second(NOW).unwrap_or(Timestamp::UNIX_EPOCH),
        words_per_minute: 230,
        time_zone: jiff::tz::TimeZone::UTC,
    };
    let article = Arc::new(enrich::enrich(parsed, &context));
    let (digest, _) = crate::digest::build(vec![article], &crate::digest::Settings::default());
    let renderer = RENDERER.as_ref().map_err(String::clone)?;
    let mut pages = Job::all(&digest)
        .into_iter()
        .map(|job| renderer.render(&digest, job).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    pages.extend(renderer.site_files());
    Ok(pages)
}

/// A renderer with the built-in templates, made once.
static RENDERER: LazyLock<Result<Renderer, String>> = LazyLock::new(|| {
    let themes = article::highlight::theme_names();
    let site = crate::config::parse(
        "title = \"Fuzz\"\nbase_url = \"https://example.org/fuzz/\"\n",
        std::path::Path::new("site.toml"),
        &themes,
    )
    .map_err(|e| e.to_string())?;
    let templates = Templates::load(Vec::new()).map_err(|e| e.to_string())?;
    let options = RenderOptions {
        urls: Urls::new(&site.base_url),
        live_reload: None,
    };
    Ok(Renderer::new(&site, templates, options))
});

fn source(kind: SourceKind, sidecar: bool) -> SourceFile {
    let rel = PathBuf::from(match kind {
        SourceKind::Text => "seeds/000_fuzz.txt",
        SourceKind::Markdown => "seeds/000_fuzz.md",
    });
    SourceFile {
        path: rel.clone(),
        sidecar: sidecar.then(|| rel.with_extension("toml")),
        rel_path: rel,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_point_takes_an_ordinary_article() {
        let text = "Harbour reopens\n\nThe port of Valdera reopened on Monday, officials said.\n";
        assert_eq!(front_matter(text).unwrap(), None);
        let parsed =
            read_article(text.as_bytes(), SourceKind::Text, Some(b"tags = [\"x\"]")).unwrap();
        assert_eq!(parsed.headline.as_deref(), Some("Harbour reopens"));
        assert!(!derive_title("The port reopened on Monday, officials said.").is_empty());
        assert!(extract("Amina Haddad spoke in Valdera.").entities.len() <= 2);
        let pages = build_article(text.as_bytes(), SourceKind::Text).unwrap();
        assert!(pages.iter().any(|p| p.path == "articles/fuzz/index.html"));
    }
}
