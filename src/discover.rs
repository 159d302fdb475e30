//! Finding the site's input files: the only user of `walkdir`.
//!
//! [`discover`] walks `seeds/` in sorted order and returns the articles it
//! finds, each paired with its sidecar `NAME.toml` when there is one. Hidden
//! files, editor backups and swap files are skipped; symlink loops and
//! unreadable folders become diagnostics, never a failed build.
//! [`site_files`] lists the plain files of a site folder (templates,
//! static) and [`files_under`] those of any folder (a built site).
//!
//! Nothing outside the site is read: a symlink whose real location is
//! outside the site root (a file or a folder, written absolute or
//! relative) is never followed; it becomes a diagnostic naming the link and
//! where it leads, and the rest of the site builds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Location};

/// What format an article is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    /// Plain-text wire story (`.txt`).
    Text,
    /// Markdown with optional front matter (`.md`, `.markdown`).
    Markdown,
}

/// The file name (without extension) of the story of a folder of its own.
pub const BUNDLE_STEM: &str = "index";

/// One article file found under `seeds/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `seeds/000_f596f713c00f6b16.txt`;
    /// used in messages and as the article's stable identity.
    pub rel_path: PathBuf,
    /// Path to open on disk.
    pub path: PathBuf,
    /// Its format.
    pub kind: SourceKind,
    /// `NAME.toml` next to a `NAME.txt`, holding its metadata.
    pub sidecar: Option<PathBuf>,
}

impl SourceFile {
    /// The file name without its extension, e.g. `000_f596f713c00f6b16`;
    /// for the story of a folder of its own (`2026-11-30-quake/index.md`),
    /// the folder's name, which gives its date, rank and slug.
    pub fn stem(&self) -> &str {
        if let Some(folder) = self.bundle_folder() {
            return folder;
        }
        self.rel_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
    }

    /// Whether this is the story of a folder of its own
    /// (`seeds/2026-11-30-quake/index.md`), which takes its name from the
    /// folder.
    pub fn is_bundle(&self) -> bool {
        self.bundle_folder().is_some()
    }

    fn bundle_folder(&self) -> Option<&str> {
        let stem = self.rel_path.file_stem().and_then(|s| s.to_str());
        let folder = self
            .rel_path
            .parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str())?;
        (stem == Some(BUNDLE_STEM) && folder != "seeds").then_some(folder)
    }
}

/// The articles found, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Articles in sorted path order.
    pub files: Vec<SourceFile>,
    /// Loops, unreadable entries and orphan sidecars.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `seeds_dir` (inside `root`) for articles.
pub fn discover(root: &Path, seeds_dir: &Path) -> Result<Discovery, Error> {
    if !crate::fs::is_dir(seeds_dir) {
        return Err(Error::Config(
            Diagnostic::error(
                Location::file(relative(root, seeds_dir)),
                "folder not found",
            )
            .with_help("put the articles (.txt or .md) in a seeds/ folder at the site root"),
        ));
    }
    let mut found = Discovery::default();
    let mut articles = Vec::new();
    let mut tomls = HashSet::new();
    let canonical_root = crate::fs::canonicalize(root)?;
    if let Some(real) = crate::fs::outside_of(&canonical_root, seeds_dir) {
        return Err(Error::Config(left_the_site(root, seeds_dir, &real)));
    }
    // Sorted once at the end by the paths' bytes: much cheaper than having
    // walkdir compare file names component by component in every folder.
    let walk = Walk {
        root,
        canonical_root: &canonical_root,
        dir: seeds_dir,
    };
    let (paths, diagnostics) = walk.files(false);
    found.diagnostics = diagnostics;
    for path in paths {
        match extension(&path).as_deref() {
            Some("txt") => articles.push((path, SourceKind::Text)),
            Some("md" | "markdown") => articles.push((path, SourceKind::Markdown)),
            Some("toml") => {
                tomls.insert(path);
            }
            _ => {}
        }
    }
    articles.sort_by(|(a, _), (b, _): &(PathBuf, SourceKind)| bytes(a).cmp(bytes(b)));
    for (path, kind) in articles {
        let sidecar = path.with_extension("toml");
        let sidecar = tomls.remove(&sidecar).then_some(sidecar);
        if sidecar.is_some() && kind == SourceKind::Markdown {
            found.diagnostics.push(
                Diagnostic::warning(
                    Location::file(relative(root, &path.with_extension("toml"))),
                    "sidecar ignored: a Markdown article keeps its metadata in front matter",
                )
                .with_help("move these keys into the article's +++ front matter"),
            );
        }
        found.files.push(SourceFile {
            rel_path: relative(root, &path),
            sidecar: sidecar.filter(|_| kind == SourceKind::Text),
            path,
            kind,
        });
    }
    let mut orphans: Vec<PathBuf> = tomls.into_iter().collect();
    orphans.sort_by(|a, b| bytes(a).cmp(bytes(b)));
    for orphan in orphans {
        found.diagnostics.push(
            Diagnostic::warning(
                Location::file(relative(root, &orphan)),
                "sidecar has no article next to it",
            )
            .with_help("a sidecar NAME.toml belongs beside NAME.txt"),
        );
    }
    Ok(found)
}

/// Lists every plain file under `dir`, a folder of the site at `root`
/// (recursively, sorted, skipping hidden and editor files), as paths
/// relative to `dir`, with a diagnostic for each symlink that leaves the
/// site and each entry that cannot be read. A missing folder is empty.
pub fn site_files(root: &Path, dir: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Error> {
    if !crate::fs::is_dir(dir) {
        return Ok((Vec::new(), Vec::new()));
    }
    let canonical_root = crate::fs::canonicalize(root)?;
    if let Some(real) = crate::fs::outside_of(&canonical_root, dir) {
        return Ok((Vec::new(), vec![left_the_site(root, dir, &real)]));
    }
    let walk = Walk {
        root,
        canonical_root: &canonical_root,
        dir,
    };
    let (files, diagnostics) = walk.files(true);
    let files = files
        .into_iter()
        .filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect();
    Ok((files, diagnostics))
}

/// Lists every plain file under `dir` (recursively, sorted, skipping hidden
/// and editor files) as paths relative to `dir`. A missing folder is empty.
/// For a folder briefing wrote itself; a site's own folders go through
/// [`site_files`].
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !crate::fs::is_dir(dir) {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let source = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("symlink loop"));
            Error::io("list", &path, source)
        })?;
        if entry.file_type().is_file()
            && let Ok(rel) = entry.path().strip_prefix(dir)
        {
            files.push(rel.to_path_buf());
        }
    }
    Ok(files)
}

/// A walk over one folder of the site.
struct Walk<'a> {
    /// The site root, for messages.
    root: &'a Path,
    /// The site root, canonical: what every file must resolve inside.
    canonical_root: &'a Path,
    /// The folder walked.
    dir: &'a Path,
}

impl Walk<'_> {
    /// Every plain file under the folder (in walk order, or sorted by name
    /// when `sorted`), never following a symlink out of the site, and the
    /// problems met.
    fn files(&self, sorted: bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut diagnostics = Vec::new();
        let mut walker = WalkDir::new(self.dir).follow_links(true);
        if sorted {
            walker = walker.sort_by_file_name();
        }
        let mut walker = walker
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    diagnostics.push(walk_diagnostic(self.root, self.dir, &e));
                    continue;
                }
            };
            if entry.path_is_symlink()
                && let Some(real) = crate::fs::outside_of(self.canonical_root, entry.path())
            {
                diagnostics.push(left_the_site(self.root, entry.path(), &real));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
        (files, diagnostics)
    }
}

/// The diagnostic for `path`, a symlink (or a folder reached through one)
/// that really is at `real`, outside the site.
fn left_the_site(root: &Path, path: &Path, real: &Path) -> Diagnostic {
    Diagnostic::error(
        Location::file(relative(root, path)),
        format!(
            "symlink leads out of the site, to {}: not read",
            real.display()
        ),
    )
    .with_help("copy what it points to into the site folder, or remove the link")
}

/// Whether a file or folder name is one that editors, version control or the
/// OS leave behind rather than one a writer meant to publish.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn walk_diagnostic(root: &Path, seeds_dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().unwrap_or(seeds_dir);
    let location = Location::file(relative(root, path));
    let target = crate::fs::read_link(path);
    if let Some(ancestor) = e.loop_ancestor() {
        Diagnostic::error(
            location,
            format!(
                "symlink loop: leads back to {}",
                relative(root, ancestor).display()
            ),
        )
    } else if let Some(target) = target {
        let why = match e.io_error() {
            Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                "which does not exist".to_string()
            }
            Some(io) => format!("which cannot be followed ({io})"),
            None => format!("which cannot be followed ({e})"),
        };
        Diagnostic::error(
            location,
            format!("symlink points to {}, {why}", target.display()),
        )
        .with_help("fix or remove the link")
    } else {
        let why = e
            .io_error()
            .map_or_else(|| e.to_string(), ToString::to_string);
        Diagnostic::error(location, format!("cannot read: {why}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_and_hidden_files_are_ignored() {
        for name in [
            ".hidden.txt",
            "story.txt~",
            "#story.txt#",
            ".story.txt.swp",
            "a.swo",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["000_abc.txt", "story.md", "notes#1.txt"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn discovers_sorted_articles_with_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let seeds = root.join("seeds");
        std::fs::create_dir_all(seeds.join("sub")).unwrap();
        for name in [
            "b.txt",
            "b.toml",
            "a.md",
            "sub/c.markdown",
            ".x.txt",
            "d.txt~",
            "e.png",
            "lone.toml",
        ] {
            std::fs::write(seeds.join(name), "x").unwrap();
        }
        let found = discover(root, &seeds).unwrap();
        let names: Vec<_> = found.files.iter().map(|f| f.rel_path.clone()).collect();
        assert_eq!(
            names,
            vec![
                PathBuf::from("seeds/a.md"),
                PathBuf::from("seeds/b.txt"),
                PathBuf::from("seeds/sub/c.markdown")
            ]
        );
        assert_eq!(found.files[1].sidecar, Some(seeds.join("b.toml")));
        assert_eq!(found.files[0].kind, SourceKind::Markdown);
        assert_eq!(found.diagnostics.len(), 1, "{:?}", found.diagnostics);
        assert!(found.diagnostics[0].location.path.ends_with("lone.toml"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir_all(seeds.join("loop")).unwrap();
        std::os::unix::fs::symlink(&seeds, seeds.join("loop/back")).unwrap();
        std::fs::write(seeds.join("a.txt"), "x").unwrap();
        let found = discover(dir.path(), &seeds).unwrap();
        assert_eq!(found.files.len(), 1);
        assert!(
            found
                .diagnostics
                .iter()
                .any(|d| d.message.contains("symlink loop"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_reported_and_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("site"), dir.path().join("outside"));
        let seeds = root.join("seeds");
        std::fs::create_dir_all(&seeds).unwrap();
        std::fs::create_dir_all(outside.join("folder")).unwrap();
        std::fs::write(outside.join("secret.txt"), "x").unwrap();
        std::fs::write(outside.join("folder/inner.txt"), "x").unwrap();
        std::fs::create_dir_all(root.join("notes")).unwrap();
        std::fs::write(root.join("notes/inside.txt"), "x").unwrap();
        symlink(outside.join("secret.txt"), seeds.join("abs.txt")).unwrap();
        symlink("../../outside/folder", seeds.join("rel-dir")).unwrap();
        symlink("../notes/inside.txt", seeds.join("inside.txt")).unwrap();
        let found = discover(&root, &seeds).unwrap();
        let names: Vec<_> = found.files.iter().map(|f| f.rel_path.clone()).collect();
        assert_eq!(names, vec![PathBuf::from("seeds/inside.txt")]);
        let mut said: Vec<String> = found.diagnostics.iter().map(ToString::to_string).collect();
        said.sort();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("seeds/abs.txt: error: symlink leads out"),
            "{said:?}"
        );
        assert!(said[0].contains("secret.txt"), "{said:?}");
        assert!(said[1].starts_with("seeds/rel-dir: error:"), "{said:?}");
        let (files, diagnostics) = site_files(&root, &seeds).unwrap();
        assert_eq!(files, vec![PathBuf::from("inside.txt")]);
        assert_eq!(diagnostics.len(), 2);
    }

    #[test]
    fn missing_seeds_folder_is_a_config_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = discover(dir.path(), &dir.path().join("seeds")).unwrap_err();
        assert_eq!(
            crate::error::chain(&err),
            "seeds: error: folder not found\n  help: put the articles (.txt or .md) in a seeds/ folder at the site root"
        );
    }
}
