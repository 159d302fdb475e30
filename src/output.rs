//! The only writer of the output folder.
//!
//! A build writes into a staging folder beside the output (`.public.staging`)
//! and, only once every page is written, swaps it into place: in one step
//! where the system can (Linux), else by two renames that the next build
//! undoes if it finds the first done and not the second. A build that fails
//! or is killed at any point leaves the previous output exactly as it was.
//!
//! Nothing of the user's is deleted: a build writes only into a folder that
//! is missing, empty, or holds a previous output (recognised by the
//! [`MARKER`] file every build writes), unless asked to with `--force`; the
//! site root, the folders holding it and its input folders are refused even
//! then, and so are a file and a read-only folder.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;

/// The file every build writes into its output folder, so that a later
/// build knows the folder is briefing's to replace.
pub const MARKER: &str = ".briefing-output";

const MARKER_TEXT: &str =
    "This folder is written by briefing: every build replaces everything in it.\n";

/// A staging folder that becomes the output on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a fresh staging folder for `target`, first putting back a
    /// previous output that an interrupted swap left aside.
    pub fn begin(target: &Path) -> Result<Staging, Error> {
        let old = sibling(target, "old");
        if !crate::fs::is_present(target) && crate::fs::is_dir(&old) {
            crate::fs::rename(&old, target)?;
        }
        let dir = sibling(target, "staging");
        crate::fs::remove_dir_all(&dir)?;
        crate::fs::create_dir_all(&dir)?;
        crate::fs::write(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
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
        if !crate::fs::is_present(&self.target) {
            crate::fs::rename(&self.dir, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        if crate::fs::exchange(&self.dir, &self.target)? {
            // The staging path now holds the previous output. Should it
            // not go away, the next build's `begin` removes it.
            self.committed = true;
            let _ = crate::fs::remove_dir_all(&self.dir);
            return Ok(());
        }
        let old = sibling(&self.target, "old");
        crate::fs::remove_dir_all(&old)?;
        crate::fs::rename(&self.target, &old)?;
        if let Err(e) = crate::fs::rename(&self.dir, &self.target) {
            // Put the previous output back; the staging folder is removed
            // on drop.
            let _ = crate::fs::rename(&old, &self.target);
            return Err(e);
        }
        self.committed = true;
        let _ = crate::fs::remove_dir_all(&old);
        Ok(())
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

/// Refuses an output folder whose replacement would destroy input or
/// anything else of the user's. Always refused: the site root itself, a
/// folder containing it, one inside `seeds/`, `templates/` or `static/`, a
/// file, and a read-only folder. Refused unless `force`: a folder holding
/// files but no [`MARKER`] (nor an earlier briefing's `digest.json`).
pub fn check_location(root: &Path, output: &Path, force: bool) -> Result<(), Error> {
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
    if !crate::fs::is_present(output) {
        return Ok(());
    }
    if !crate::fs::is_dir(output) {
        return refuse("it is a file, not a folder");
    }
    if crate::fs::is_read_only_dir(output) {
        return refuse("the folder is read-only; make it writable or choose another with --output");
    }
    if force || crate::fs::is_empty_dir(output)? || is_previous_output(output) {
        return Ok(());
    }
    refuse(
        "it holds files briefing did not write, which a build would delete; \
         choose an empty or new folder with --output, or pass --force to replace everything in it",
    )
}

/// Whether `dir` holds a previous build: the [`MARKER`], or the
/// `digest.json` of a briefing that did not write the marker yet.
fn is_previous_output(dir: &Path) -> bool {
    if crate::fs::exists(&dir.join(MARKER)) {
        return true;
    }
    let head = crate::fs::read_prefix(&dir.join("digest.json"), 256);
    let head = String::from_utf8_lossy(&head);
    let compact: String = head.split_whitespace().collect();
    compact.contains("\"generator\":\"briefing")
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
    fn output_over_inputs_is_refused_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        for force in [false, true] {
            assert!(check_location(&root, &root, force).is_err());
            assert!(check_location(&root, dir.path(), force).is_err());
            assert!(check_location(&root, &root.join("seeds/out"), force).is_err());
            assert!(check_location(&root, &root.join("public"), force).is_ok());
            assert!(check_location(&root, &dir.path().join("elsewhere"), force).is_ok());
        }
    }

    #[test]
    fn only_empty_missing_and_previous_outputs_are_written_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        let at = |name: &str| root.join(name);
        std::fs::create_dir_all(at("empty")).unwrap();
        std::fs::create_dir_all(at("docs")).unwrap();
        std::fs::write(at("docs/NOTES.md"), "mine").unwrap();
        std::fs::write(at("README.md"), "readme").unwrap();
        assert!(check_location(&root, &at("empty"), false).is_ok());
        assert!(check_location(&root, &at("missing"), false).is_ok());
        let foreign = check_location(&root, &at("docs"), false).unwrap_err();
        assert!(foreign.to_string().contains("--force"), "{foreign}");
        assert!(check_location(&root, &at("docs"), true).is_ok());
        for force in [false, true] {
            assert!(check_location(&root, &at("README.md"), force).is_err());
        }
        let staging = Staging::begin(&at("docs")).unwrap();
        staging.commit().unwrap();
        assert!(at("docs").join(MARKER).is_file());
        assert!(check_location(&root, &at("docs"), false).is_ok());
        std::fs::create_dir_all(at("legacy")).unwrap();
        std::fs::write(
            at("legacy/digest.json"),
            "{\n  \"version\": 1,\n  \"generator\": \"briefing 0.1.0\",\n",
        )
        .unwrap();
        assert!(check_location(&root, &at("legacy"), false).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_output_folder_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let out = dir.path().join("out");
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), "x").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
        let err = check_location(&root, &out, true).unwrap_err();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(err.to_string().contains("read-only"), "{err}");
    }

    #[test]
    fn a_swap_cut_short_is_undone_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let old = dir.path().join(".public.old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        let staging = Staging::begin(&target).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "previous"
        );
        drop(staging);
        assert!(!old.exists());
    }
}
