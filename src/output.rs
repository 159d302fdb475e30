//! The only writer of the output folder.
//!
//! A build writes into a staging folder beside the output (`.public.staging`)
//! and, only once every page is written, swaps it into place. A build that
//! fails at any point drops the staging folder and leaves the previous output
//! exactly as it was.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;

/// A staging folder that becomes the output on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a fresh staging folder for `target`.
    pub fn begin(target: &Path) -> Result<Staging, Error> {
        let dir = sibling(target, "staging");
        crate::fs::remove_dir_all(&dir)?;
        crate::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes a file at `rel` (a `/`-separated path inside the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        crate::fs::write(&inside(&self.dir, rel)?, bytes)
    }

    /// Swaps the staging folder into place as the output.
    pub fn commit(mut self) -> Result<(), Error> {
        let old = sibling(&self.target, "old");
        crate::fs::remove_dir_all(&old)?;
        let had_output = crate::fs::exists(&self.target);
        if had_output {
            crate::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = crate::fs::rename(&self.dir, &self.target) {
            if had_output {
                // Put the previous output back; the staging folder is
                // removed on drop.
                let _ = crate::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        crate::fs::remove_dir_all(&old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = crate::fs::remove_dir_all(&self.dir);
        }
    }
}

/// What writes a streamed file's bytes, as they are made.
pub type Fill<'a> = dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error> + 'a;

/// Where generated files go: a staging folder or the live output.
pub trait OutputSink: Sync {
    /// Writes a file at `rel` (a `/`-separated path inside the output).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error>;
    /// Writes a file at `rel` whose bytes `fill` writes as it makes them,
    /// so a large file is never held in memory whole. Returns its size.
    fn write_streamed(&self, rel: &str, fill: &mut Fill<'_>) -> Result<u64, Error>;
    /// Copies `from` to `rel` inside the output.
    fn copy(&self, from: &Path, rel: &str) -> Result<(), Error>;
}

impl OutputSink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        Staging::write(self, rel, bytes)
    }

    fn write_streamed(&self, rel: &str, fill: &mut Fill<'_>) -> Result<u64, Error> {
        crate::fs::write_with(&inside(&self.dir, rel)?, fill)
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Error> {
        crate::fs::copy(from, &inside(&self.dir, rel)?)
    }
}

/// An output folder updated in place, one file at a time, by incremental
/// rebuilds. Each file is written beside its target and renamed over it, so
/// a server reading the folder never sees a half-written page.
#[derive(Debug, Clone)]
pub struct LiveOutput {
    dir: PathBuf,
}

impl LiveOutput {
    /// The live output at `dir` (which a full build has already written).
    pub fn new(dir: &Path) -> LiveOutput {
        LiveOutput {
            dir: dir.to_path_buf(),
        }
    }

    /// Writes `bytes` beside the file at `rel`, under a name no other
    /// writer uses, ready to be renamed into place: two writers (a preview
    /// and a whole-site step) can prepare the same page at once, and which
    /// one lands is decided by who commits.
    pub fn prepare(&self, rel: &str, bytes: &[u8]) -> Result<Prepared, Error> {
        let path = inside(&self.dir, rel)?;
        let temp = temp_beside(&path);
        crate::fs::write(&temp, bytes)?;
        Ok(Prepared { temp, path })
    }

    /// Like [`LiveOutput::prepare`], for a file `fill` writes as it makes
    /// it (a data file never held whole).
    pub fn prepare_streamed(&self, rel: &str, fill: &mut Fill<'_>) -> Result<Prepared, Error> {
        let path = inside(&self.dir, rel)?;
        let temp = temp_beside(&path);
        crate::fs::write_with(&temp, fill).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })?;
        Ok(Prepared { temp, path })
    }

    /// Removes the file at `rel` and any folders it leaves empty.
    pub fn remove(&self, rel: &str) -> Result<(), Error> {
        let path = inside(&self.dir, rel)?;
        crate::fs::remove_file(&path)?;
        let mut parent = path.parent();
        while let Some(dir) = parent {
            if dir == self.dir || std::fs::remove_dir(dir).is_err() {
                break;
            }
            parent = dir.parent();
        }
        Ok(())
    }
}

/// A file of the live output written beside its target, not yet in place.
#[derive(Debug)]
pub struct Prepared {
    temp: PathBuf,
    path: PathBuf,
}

impl Prepared {
    /// Renames the file into place.
    pub fn commit(self) -> Result<(), Error> {
        crate::fs::rename(&self.temp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&self.temp);
        })
    }

    /// Drops the file, leaving the target as it was.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

impl OutputSink for LiveOutput {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.prepare(rel, bytes)?.commit()
    }

    fn write_streamed(&self, rel: &str, fill: &mut Fill<'_>) -> Result<u64, Error> {
        let path = inside(&self.dir, rel)?;
        let temp = temp_beside(&path);
        let bytes = crate::fs::write_with(&temp, fill)?;
        crate::fs::rename(&temp, &path)?;
        Ok(bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Error> {
        self.write(rel, &crate::fs::read(from)?)
    }
}

/// `PARENT/.NAME.N.tmp` for `path` = `PARENT/NAME`: where a live file is
/// written before it is renamed over its target, under a name no other
/// writer uses (a preview and a whole-site step may write one page at once).
fn temp_beside(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    path.with_file_name(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map_or_else(Default::default, |n| n.to_string_lossy()),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// `rel` (a `/`-separated relative path) joined to `dir`, refusing anything
/// that would leave it.
fn inside(dir: &Path, rel: &str) -> Result<PathBuf, Error> {
    let rel_path = Path::new(rel);
    let plain = rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain || rel.is_empty() {
        return Err(Error::UnsafeOutput {
            path: rel_path.to_path_buf(),
            reason: "a page path must stay inside the output folder",
        });
    }
    Ok(dir.join(rel_path))
}

/// `PARENT/.NAME.suffix` for `target` = `PARENT/NAME`.
fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    target.with_file_name(format!(".{name}.{suffix}"))
}

/// Refuses an output folder whose replacement would destroy input: the site
/// root itself, a folder containing it, or one inside `seeds/`,
/// `templates/` or `static/`.
pub fn check_location(root: &Path, output: &Path) -> Result<(), Error> {
    let root = crate::fs::canonicalize(root)?;
    let output_abs = absolute(output)?;
    let refuse = |reason| {
        Err(Error::UnsafeOutput {
            path: output.to_path_buf(),
            reason,
        })
    };
    if root.starts_with(&output_abs) {
        return refuse("it is the site root or contains it");
    }
    for input in ["seeds", "templates", "static"] {
        if output_abs.starts_with(root.join(input)) {
            return refuse("it is inside an input folder");
        }
    }
    Ok(())
}

/// `path` made absolute with symlinks resolved as far as it exists.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    if crate::fs::exists(path) {
        return crate::fs::canonicalize(path);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => absolute(p)?,
        _ => std::env::current_dir().map_err(|e| Error::io("resolve", Path::new("."), e))?,
    };
    Ok(match path.file_name() {
        Some(name) => parent.join(name),
        None => parent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("stale.html"), "old").unwrap();
        let staging = Staging::begin(&target).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
    }

    #[test]
    fn dropping_without_commit_keeps_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("keep.html"), "old").unwrap();
        {
            let staging = Staging::begin(&target).unwrap();
            staging.write("index.html", b"half").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(target.join("keep.html")).unwrap(),
            "old"
        );
        assert!(!dir.path().join(".public.staging").exists());
    }

    #[test]
    fn streamed_files_are_written_whole_in_both_sinks() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("public")).unwrap();
        let mut fill = |out: &mut dyn std::io::Write| {
            for i in 0..3 {
                write!(out, "{i},").map_err(|e| Error::io("write", Path::new("x"), e))?;
            }
            Ok(())
        };
        assert_eq!(staging.write_streamed("data/x.json", &mut fill).unwrap(), 6);
        staging.commit().unwrap();
        let live = LiveOutput::new(&dir.path().join("public"));
        live.write_streamed("data/y.json", &mut fill).unwrap();
        for name in ["x.json", "y.json"] {
            let path = dir.path().join("public/data").join(name);
            assert_eq!(std::fs::read_to_string(path).unwrap(), "0,1,2,");
        }
        let names: Vec<_> = std::fs::read_dir(dir.path().join("public/data"))
            .unwrap()
            .collect();
        assert_eq!(names.len(), 2, "no temp file left behind");
        assert!(staging_refuses_escape(&live));
    }

    fn staging_refuses_escape(live: &LiveOutput) -> bool {
        live.write_streamed("../x", &mut |_| Ok(())).is_err()
    }

    #[test]
    fn paths_escaping_the_output_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("public")).unwrap();
        assert!(staging.write("../evil", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
    }

    #[test]
    fn live_output_writes_in_place_and_prunes_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        let live = LiveOutput::new(dir.path());
        live.write("a/b/index.html", b"one").unwrap();
        live.write("a/b/index.html", b"two").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a/b/index.html")).unwrap(),
            "two"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a/b")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp file left behind");
        live.remove("a/b/index.html").unwrap();
        assert!(!dir.path().join("a").exists());
        assert!(dir.path().exists());
        assert!(live.write("../x", b"no").is_err());
    }

    #[test]
    fn output_over_inputs_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        assert!(check_location(&root, &root).is_err());
        assert!(check_location(&root, dir.path()).is_err());
        assert!(check_location(&root, &root.join("seeds/out")).is_err());
        assert!(check_location(&root, &root.join("public")).is_ok());
        assert!(check_location(&root, &dir.path().join("elsewhere")).is_ok());
    }
}
