//! Files published beside a story's page: its images, charts and
//! documents.
//!
//! A story may live in a folder of its own (`seeds/2026-11-30-quake/index.md`
//! with `chart.png` beside it): every other file in that folder is
//! published next to the story's page (`articles/SLUG/chart.png`). A story
//! that is a single file may reference a file beside it
//! (`![](chart.png)`): that file is published next to the page too. So a
//! relative reference that works in the editor works on the site, under
//! any `base_url`. Standalone pages (`pages/`) publish theirs the same
//! way. [`plan`] decides what is copied where; the pipeline
//! copies. A reference to a missing file is a warning here and a broken
//! link in `check`; one that climbs out of the story's folder
//! (`../../img/chart.png`) points into the site and is left to `check`.
//! Nothing outside the site is copied: a symlink leading out of it is
//! skipped here (`discover` reported it when it walked the folder).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::article::Body;
use crate::digest::Digest;
use crate::discover::{self, BUNDLE_STEM};
use crate::error::{Diagnostic, Location};
use crate::urls::{self, slash_path};

/// One file to publish beside a story's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFile {
    /// Where it is on disk.
    pub from: PathBuf,
    /// Its path in the output (`articles/SLUG/chart.png`).
    pub to: String,
}

/// Whether the article at `source_path` is the story of its folder
/// (`index.md`, `index.txt`).
pub fn is_bundle(source_path: &Path) -> bool {
    source_path.file_stem().and_then(|s| s.to_str()) == Some(BUNDLE_STEM)
        && source_path
            .parent()
            .is_some_and(|folder| folder.components().count() > 1)
}

/// What every story publishes beside its page, in output-path order, and a
/// warning for each reference to a file that is not there. `root` is the
/// site folder; article source paths are relative to it.
pub fn plan(root: &Path, digest: &Digest) -> (Vec<StoryFile>, Vec<Diagnostic>) {
    let mut files = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let site = crate::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let stories = digest.articles.iter().map(|a| {
        (
            "story",
            &a.source_path,
            urls::article_route(&a.slug),
            a.body.as_ref(),
        )
    });
    let pages = digest.pages.iter().map(|p| {
        (
            "page",
            &p.source_path,
            urls::standalone_route(&p.slug),
            p.body.as_ref(),
        )
    });
    for (noun, source, page, body) in stories.chain(pages) {
        let folder = source.parent().unwrap_or(Path::new(""));
        let mut add = |rel: &Path| {
            let from = root.join(folder).join(rel);
            let inside = crate::fs::canonicalize(&from).is_ok_and(|p| p.starts_with(&site));
            if let (true, Some(name)) = (inside, slash_path(rel)) {
                files.entry(format!("{page}{name}")).or_insert(from);
            }
        };
        if is_bundle(source) {
            // A symlink out of the site is never followed; it was reported
            // when the folder's stories were discovered.
            let (listed, _reported) =
                discover::site_files(root, &root.join(folder)).unwrap_or_default();
            for rel in listed.iter().filter(|rel| !is_story_source(rel)) {
                add(rel);
            }
        }
        let Body::Markdown { html, .. } = body else {
            continue;
        };
        let mut text = None;
        for reference in local_references(html) {
            // A reference that climbs out of the story's folder points into
            // the site (`../../img/chart.png` from static/): `check` follows it.
            let Some(rel) = inside_folder(&reference) else {
                continue;
            };
            let from = root.join(folder).join(&rel);
            if is_story_source(&rel) {
                continue;
            }
            if crate::fs::is_file(&from) {
                add(&rel);
            } else {
                let text = text.get_or_insert_with(|| {
                    crate::fs::read_optional(&root.join(source)).unwrap_or_default()
                });
                diagnostics.push(
                    Diagnostic::warning(
                        position_of(text, &reference).map_or_else(
                            || Location::file(source),
                            |(line, column)| Location::at(source, line, column),
                        ),
                        format!(
                            "`{reference}` is not beside the {noun} (no {})",
                            folder.join(&rel).display()
                        ),
                    )
                    .with_help(format!(
                        "put the file in the {noun}'s folder, or fix the reference"
                    )),
                );
            }
        }
    }
    let files = files
        .into_iter()
        .map(|(to, from)| StoryFile { from, to })
        .collect();
    (files, diagnostics)
}

/// The line and column (from 1, in characters) where `needle` is first
/// written in `text`, if it is written as it reads.
fn position_of(text: &str, needle: &str) -> Option<(u32, u32)> {
    let at = text.find(needle)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[start..].chars().count() + 1;
    Some((u32::try_from(line).ok()?, u32::try_from(column).ok()?))
}

/// Whether `rel` is an article or its sidecar (never published as a file).
fn is_story_source(rel: &Path) -> bool {
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("md" | "markdown" | "txt" | "toml"))
}

/// `reference` as a path inside the story's folder, or `None` when it
/// climbs out of it.
fn inside_folder(reference: &str) -> Option<PathBuf> {
    let mut rel = PathBuf::new();
    for component in Path::new(reference).components() {
        match component {
            Component::Normal(part) => rel.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!rel.as_os_str().is_empty()).then_some(rel)
}

/// The relative references (`src` and `href` values with no scheme, no
/// leading `/` and not only a fragment) in `html`, decoded, without their
/// query or fragment, in order of appearance.
pub fn local_references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for range in crate::html::link_values(html) {
        let link = crate::html::unescape(&html[range]);
        let path = link.split(['#', '?']).next().unwrap_or_default();
        let scheme = path
            .split_once(':')
            .is_some_and(|(before, _)| !before.contains('/'));
        if path.is_empty() || path.starts_with('/') || scheme {
            continue;
        }
        let decoded = urls::percent_decode(path);
        if !found.contains(&decoded) {
            found.push(decoded);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_relative_references_are_local() {
        let html = "<p><img src=\"chart.png\" alt=\"\"> <a href=\"https://x.org/a.png\">x</a> \
                    <a href=\"/r/img/a.png\">a</a> <a href=\"#top\">t</a> <a href=\"mailto:a@b\">m</a> \
                    <a href=\"data/my%20file.pdf?x=1#p2\">d</a> <img src=\"./chart.png\"> \
                    <a href=\"a&amp;b.pdf\">ab</a></p>";
        assert_eq!(
            local_references(html),
            ["chart.png", "data/my file.pdf", "./chart.png", "a&b.pdf"]
        );
    }

    #[test]
    fn a_reference_is_found_where_it_is_written() {
        let text = "+++\ntitle = \"Q\"\n+++\nThe ground shook.\n\n![Chart ü](chart.png)\n";
        assert_eq!(position_of(text, "chart.png"), Some((6, 12)));
        assert_eq!(position_of(text, "map.svg"), None);
    }

    #[test]
    fn references_stay_inside_the_story_folder() {
        assert_eq!(
            inside_folder("./img/a.png"),
            Some(PathBuf::from("img/a.png"))
        );
        assert_eq!(inside_folder("../../img/a.png"), None);
        assert_eq!(inside_folder("img/../../a.png"), None);
        assert_eq!(inside_folder("."), None);
    }

    #[test]
    fn index_files_make_a_folder_a_story() {
        assert!(is_bundle(Path::new("seeds/2026-11-30-quake/index.md")));
        assert!(is_bundle(Path::new("seeds/q/index.txt")));
        assert!(!is_bundle(Path::new("seeds/quake.md")));
        assert!(!is_bundle(Path::new("seeds/index.md")));
    }
}
