//! Every `std::fs` call in the crate, each error naming the path it failed on.
//!
//! Keeping them here means no caller ever reports a bare "No such file or
//! directory" without saying which file.

use std::path::Path;

use crate::error::Error;

/// Reads a UTF-8 file.
pub fn read_to_string(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))
}

/// Reads a UTF-8 file that may not exist or be readable: `None` then.
pub fn read_optional(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Reads a file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Writes `bytes` to `path`, creating missing parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// Reads a file as bytes, or `None` when there is no such file.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

/// Writes `bytes` to `path` atomically: into a temporary file beside it,
/// then renamed over it, so a reader sees the old file or the new one,
/// never half of one. Creates missing parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("file"),
        std::ffi::OsStr::to_os_string,
    );
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(&name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    write(&temp, bytes)?;
    rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Appends `bytes` to the file at `path`, creating it when missing.
pub fn append(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| Error::io("append to", path, e))
}

/// When a file was last modified, or `None` when the file system cannot
/// say.
pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Creates (or truncates) the file at `path` for writing through a large
/// buffer, creating missing parent folders, and hands it to `fill`; the
/// file is flushed when `fill` returns. Returns the bytes written.
pub fn write_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>,
) -> Result<u64, Error> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let file = std::fs::File::create(path).map_err(|e| Error::io("write", path, e))?;
    let mut out = Counting {
        inner: std::io::BufWriter::with_capacity(1 << 20, file),
        bytes: 0,
    };
    fill(&mut out)?;
    out.inner.flush().map_err(|e| Error::io("write", path, e))?;
    Ok(out.bytes)
}

/// A writer that counts the bytes passed through it.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Creates a folder and its missing parents.
pub fn create_dir_all(path: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create directory", path, e))
}

/// Removes a folder and everything in it; a missing folder is not an error.
pub fn remove_dir_all(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("remove", path, e)),
        _ => Ok(()),
    }
}

/// Removes one file.
pub fn remove_file(path: &Path) -> Result<(), Error> {
    std::fs::remove_file(path).map_err(|e| Error::io("remove", path, e))
}

/// Renames `from` to `to` (atomic within one file system).
pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::rename(from, to).map_err(|e| Error::io("rename", from, e))
}

/// Copies one file, creating missing parent folders of the destination.
pub fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io("copy", from, e))
}

/// Whether `path` exists (following symlinks); unreadable counts as absent.
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Whether `path` is a plain file (following symlinks).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Whether `path` is a folder (following symlinks).
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// The absolute, symlink-free form of `path`.
pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf, Error> {
    std::fs::canonicalize(path).map_err(|e| Error::io("resolve", path, e))
}

/// Whether the folder `path` has no entries; a missing folder counts as
/// empty.
pub fn is_empty_dir(path: &Path) -> Result<bool, Error> {
    match std::fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io("read directory", path, e)),
    }
}

/// A fresh folder under the system's temporary folder, removed with
/// everything in it when dropped.
#[derive(Debug)]
pub struct TempDir {
    path: std::path::PathBuf,
}

impl TempDir {
    /// Creates `TMP/PREFIX-PID-N`, a name no other process and no other
    /// `TempDir` of this process uses.
    pub fn new(prefix: &str) -> Result<TempDir, Error> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("{prefix}-{}-{n}", std::process::id()));
        remove_dir_all(&path)?;
        create_dir_all(&path)?;
        Ok(TempDir { path })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = remove_dir_all(&self.path);
    }
}
