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

/// Whether `path` is a folder (following symlinks).
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// The absolute, symlink-free form of `path`.
pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf, Error> {
    std::fs::canonicalize(path).map_err(|e| Error::io("resolve", path, e))
}
