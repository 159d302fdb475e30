//! `briefing new DIR`: a working site to start from.
//!
//! The files are compiled into the binary from `scaffold/` in the
//! repository; the GitHub Pages workflow installs the release of this very
//! version. Nothing is ever overwritten: a folder that already has files is
//! refused.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The marker in the scaffold's `site.toml` replaced by the site's folder
/// name (a GitHub Pages project site is published under `/REPO/`).
const REPO_MARKER: &str = "__REPO__";

/// The marker in the scaffold's workflow replaced by this binary's version.
const VERSION_MARKER: &str = "__VERSION__";

/// The files of a new site: path inside the site, then contents.
pub(super) const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("../../scaffold/site.toml")),
    (
        "seeds/000_welcome.md",
        include_str!("../../scaffold/seeds/000_welcome.md"),
    ),
    (
        "pages/about.md",
        include_str!("../../scaffold/pages/about.md"),
    ),
    (
        ".github/workflows/pages.yml",
        include_str!("../../scaffold/pages.yml"),
    ),
    (".gitignore", include_str!("../../scaffold/gitignore")),
];

/// Writes a new site into `dir` (created when missing) and returns the
/// files written, relative to it.
pub(super) fn scaffold(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !crate::fs::is_empty_dir(dir)? {
        return Err(Error::NotEmpty(dir.to_path_buf()));
    }
    let repo = repo_name(dir);
    let mut written = Vec::with_capacity(FILES.len());
    for (rel, text) in FILES {
        let text = text
            .replace(REPO_MARKER, &repo)
            .replace(VERSION_MARKER, env!("CARGO_PKG_VERSION"));
        crate::fs::write(&dir.join(rel), text.as_bytes())?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// The repository name a site in `dir` is likely published under: the
/// folder's name as a slug.
fn repo_name(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = crate::slug::slugify(&name, crate::slug::MAX_SLUG_LEN);
    if slug.is_empty() {
        "briefing".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_config_parses_with_the_folder_as_repository() {
        let (_, text) = FILES[0];
        let text = text.replace(REPO_MARKER, &repo_name(Path::new("/x/My Daily")));
        let site = crate::config::parse(
            &text,
            Path::new("site.toml"),
            &crate::article::highlight::theme_names(),
        )
        .unwrap();
        assert_eq!(site.base_url, "https://USER.github.io/my-daily/");
    }

    #[test]
    fn a_folder_with_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        let err = scaffold(dir.path()).unwrap_err();
        assert!(matches!(err, Error::NotEmpty(_)), "{err}");
        assert!(!dir.path().join("site.toml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
            "mine"
        );
    }
}
