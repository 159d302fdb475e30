//! `briefing templates`: list the built-in templates, or copy them into
//! the site (`--eject`) to edit.
//!
//! Ejecting writes the built-in templates into `templates/` and the
//! built-in stylesheet into `static/`, where they override the defaults
//! file by file. Nothing is overwritten unless `--force` is given: if any
//! file is already there, nothing at all is written.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::templates::{BUILTIN_STATIC, BUILTIN_TEMPLATES, purpose};

/// The built-in static files `--eject` writes when no name is given.
const EJECTED_STATIC: &[&str] = &["style.css"];

/// Every name `--eject` accepts: the templates, then the static files.
pub(super) fn names() -> Vec<&'static str> {
    let templates = BUILTIN_TEMPLATES.iter().map(|(name, _)| *name);
    templates
        .chain(BUILTIN_STATIC.iter().map(|(name, _)| *name))
        .collect()
}

/// The listing: each built-in template and static file, what it renders
/// and whether the site at `root` overrides it.
pub(super) fn list(root: &Path) -> String {
    let width = names().iter().map(|n| n.len()).max().unwrap_or(0);
    let mut text =
        String::from("built-in templates (override one with a file of its name in templates/):\n");
    let mut templates: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(name, _)| *name).collect();
    templates.sort_unstable();
    for name in templates {
        let what = purpose(name).unwrap_or_default();
        text.push_str(&line(root, "templates", name, what, width));
    }
    text.push_str("built-in static files (override one in static/):\n");
    for (name, _) in BUILTIN_STATIC {
        text.push_str(&line(root, "static", name, "", width));
    }
    text.push_str(
        "`briefing templates --eject [NAME…]` copies them into the site to edit; \
         a site's own partials go in templates/partials/\n",
    );
    text
}

fn line(root: &Path, folder: &str, name: &str, what: &str, width: usize) -> String {
    let overridden = crate::fs::exists(&root.join(folder).join(name));
    let mark = if overridden { " (overridden)" } else { "" };
    let text = format!("  {name:width$}  {what}{mark}");
    format!("{}\n", text.trim_end())
}

/// Writes the built-in files named (all templates and `style.css` when
/// `names` is empty) into the site at `root`; returns the paths written,
/// relative to it. Existing files are an error unless `force`.
pub(super) fn eject(root: &Path, names: &[String], force: bool) -> Result<Vec<PathBuf>, Error> {
    let files = chosen(names);
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(rel, _)| crate::fs::exists(&root.join(rel)))
            .map(|(rel, _)| rel.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Error::WouldOverwrite(existing));
        }
    }
    for (rel, bytes) in &files {
        crate::fs::write(&root.join(rel), bytes)?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// The files to write for `names`: where each goes in the site, and its
/// bytes.
fn chosen(names: &[String]) -> Vec<(PathBuf, &'static [u8])> {
    let wanted = |name: &str, default: bool| {
        if names.is_empty() {
            default
        } else {
            names.iter().any(|n| n == name)
        }
    };
    let templates = BUILTIN_TEMPLATES
        .iter()
        .filter(|(name, _)| wanted(name, true))
        .map(|(name, text)| (Path::new("templates").join(name), text.as_bytes()));
    let statics = BUILTIN_STATIC
        .iter()
        .filter(|(name, _)| wanted(name, EJECTED_STATIC.contains(name)))
        .map(|(name, bytes)| (Path::new("static").join(name), *bytes));
    templates.chain(statics).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eject_writes_every_template_and_the_stylesheet() {
        let dir = tempfile::tempdir().unwrap();
        let written = eject(dir.path(), &[], false).unwrap();
        assert_eq!(written.len(), BUILTIN_TEMPLATES.len() + 1);
        for (name, text) in BUILTIN_TEMPLATES {
            let path = dir.path().join("templates").join(name);
            assert_eq!(std::fs::read_to_string(path).unwrap(), *text);
        }
        assert!(dir.path().join("static/style.css").is_file());
        assert!(!dir.path().join("static/search.js").exists());
    }

    #[test]
    fn eject_refuses_to_overwrite_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/article.html"), "mine").unwrap();
        let names = ["article.html".to_string(), "404.html".to_string()];
        let err = eject(dir.path(), &names, false).unwrap_err();
        assert!(
            matches!(&err, Error::WouldOverwrite(files) if files == &["templates/article.html"])
        );
        assert!(
            !dir.path().join("templates/404.html").exists(),
            "nothing written"
        );
        let read = || std::fs::read_to_string(dir.path().join("templates/article.html")).unwrap();
        assert_eq!(read(), "mine");
        eject(dir.path(), &names, true).unwrap();
        assert_ne!(read(), "mine");
        let js = eject(dir.path(), &["search.js".to_string()], false).unwrap();
        assert_eq!(js, [PathBuf::from("static/search.js")]);
    }

    #[test]
    fn the_list_marks_what_the_site_overrides() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "mine").unwrap();
        let text = list(dir.path());
        let line = |name: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(name))
                .unwrap_or_default()
                .to_string()
        };
        assert!(line("404.html").ends_with("(overridden)"), "{text}");
        assert!(line("article.html").contains("one article"), "{text}");
        assert!(!line("article.html").contains("overridden"), "{text}");
        assert!(text.contains("style.css"), "{text}");
    }
}
