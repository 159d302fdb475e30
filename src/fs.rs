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

/// Swaps `a` and `b` (two existing paths on one file system) in one step,
/// so that no moment exists when either is missing. Returns `Ok(false)`
/// where the system or file system cannot do that; the caller then falls
/// back to two renames.
pub fn exchange(a: &Path, b: &Path) -> Result<bool, Error> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
            Err(e) => Err(Error::io("swap", a, e.into())),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// Raises this process's soft limit on open files to its hard limit, so
/// that a server holding many idle connections does not run out. Where the
/// system does not allow it, nothing changes.
pub fn raise_open_files_limit() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let mut limit = getrlimit(Resource::Nofile);
        // No hard limit means "unlimited", which the kernel refuses for open
        // files: ask for a generous number instead.
        let wanted = limit.maximum.unwrap_or(65_536);
        if limit.current.is_some_and(|current| current < wanted) {
            limit.current = Some(wanted);
            let _ = setrlimit(Resource::Nofile, limit);
        }
    }
}

/// Whether `path` is a folder whose permissions forbid writing (no write
/// bit set), whoever runs the build.
pub fn is_read_only_dir(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_dir() && m.permissions().readonly())
}

/// Whether something (a file, a folder, a link, even a dangling one) is at
/// `path`.
pub fn is_present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The first `limit` bytes of a file (fewer if it is shorter); empty if it
/// cannot be read.
pub fn read_prefix(path: &Path, limit: u64) -> Vec<u8> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(limit).read_to_end(&mut bytes);
    }
    bytes
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

/// Where a symlink points, as written in the link; `None` when `path` is
/// not a symlink.
pub fn read_link(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_link(path).ok()
}

/// Whether `path` itself is a symlink (not following it).
pub fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Where `path` really is when that is outside the folder `root` (which
/// must be canonical): a symlink on the way leads out. `None` when it stays
/// inside, or cannot be resolved at all (missing, a loop), which reading it
/// reports.
pub fn outside_of(root: &Path, path: &Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path)
        .ok()
        .filter(|real| !real.starts_with(root))
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
    /// Creates `TMP/PREFIX-RANDOM`, readable by this user only. The name
    /// cannot be guessed, and the folder is made new (never one that was
    /// already there), so another user of the machine can neither plant it
    /// nor write into it.
    pub fn new(prefix: &str) -> Result<TempDir, Error> {
        let tmp = std::env::temp_dir();
        let mut last = None;
        for attempt in 0..16u32 {
            let path = tmp.join(format!("{prefix}-{:016x}", unguessable(attempt)));
            match create_private_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(Error::io("create directory", &path, e)),
            }
        }
        let e = last.unwrap_or_else(|| std::io::Error::other("no free name"));
        Err(Error::io("create directory", &tmp, e))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// 64 bits no other process can predict: the clock's nanoseconds, the
/// process id, a counter and an address, hashed.
fn unguessable(attempt: u32) -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let local = 0u8;
    let mut bytes = Vec::with_capacity(48);
    bytes.extend_from_slice(&nanos.to_le_bytes());
    bytes.extend_from_slice(&std::process::id().to_le_bytes());
    bytes.extend_from_slice(&NEXT.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    bytes.extend_from_slice(&attempt.to_le_bytes());
    bytes.extend_from_slice(&(std::ptr::addr_of!(local) as usize).to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// Creates one new folder (failing if anything is there), mode 0700 where
/// the system has modes.
fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_folders_are_new_private_and_removed() {
        let a = TempDir::new("briefing-test").unwrap();
        let b = TempDir::new("briefing-test").unwrap();
        assert_ne!(a.path(), b.path());
        assert!(a.path().is_dir());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(a.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let path = a.path().to_path_buf();
        drop(a);
        assert!(!path.exists());
    }
}
