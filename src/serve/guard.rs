//! Which requests the preview answers, decided without any server code:
//! paths that stay inside the preview folder, and `Host`s that name this
//! machine (against DNS rebinding: a page on another site whose name is
//! made to point at 127.0.0.1 must not read the preview).

use std::net::IpAddr;
use std::path::Path;

use crate::urls::percent_decode;

/// What [`check_path`] decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PathCheck {
    /// Inside the folder (or not there at all, which `ServeDir` answers).
    Fine,
    /// Malformed: parent segments, backslashes, NUL.
    Bad,
    /// Resolves (through symlinks) to somewhere outside the folder.
    Outside,
}

/// Decides whether the URL path `path` may be served from `root` (which
/// must be canonical).
pub(crate) fn check_path(root: &Path, path: &str) -> PathCheck {
    let decoded = percent_decode(path);
    if decoded.contains(['\0', '\\']) || decoded.split('/').any(|segment| segment == "..") {
        return PathCheck::Bad;
    }
    let candidate = root.join(decoded.trim_start_matches('/'));
    match std::fs::canonicalize(&candidate) {
        Ok(real) if !real.starts_with(root) => PathCheck::Outside,
        _ => PathCheck::Fine,
    }
}

/// Whether binding `ip` exposes the preview beyond this machine.
pub fn is_public(ip: IpAddr) -> bool {
    !ip.is_loopback()
}

/// Whether a request whose `Host` (or absolute-form authority) is `host`
/// is for the preview listening on `port`: the port must match, and the
/// name must be `localhost` (or end in `.localhost`) or an IP address. Any
/// other name is refused, as a rebound DNS name would be.
pub(crate) fn host_allowed(host: &str, port: u16) -> bool {
    let (name, host_port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inside, after)) => (inside, after.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if host_port.and_then(|p| p.parse::<u16>().ok()) != Some(port) {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_escapes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        assert_eq!(check_path(&root, "/index.html"), PathCheck::Fine);
        assert_eq!(check_path(&root, "/missing/"), PathCheck::Fine);
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2E%2E/etc/passwd",
            "/a\\..\\b",
            "/x%00",
        ] {
            assert_eq!(check_path(&root, bad), PathCheck::Bad, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leading_out_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("link")).unwrap();
        assert_eq!(check_path(&root, "/link/secret.txt"), PathCheck::Outside);
    }

    #[test]
    fn only_this_machine_with_the_port_is_an_allowed_host() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "preview.localhost:1111",
            "[::1]:1111",
            "192.168.1.20:1111",
        ] {
            assert!(host_allowed(host, 1111), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1:1112",
            "localhost",
            "127.0.0.1",
            "[::1]",
            "localhost.evil.example:1111",
            "[::1:1111",
            "2130706433:1111",
            "",
        ] {
            assert!(!host_allowed(host, 1111), "{host}");
        }
    }

    #[test]
    fn loopback_is_private() {
        assert!(!is_public("127.0.0.1".parse().unwrap()));
        assert!(!is_public("::1".parse().unwrap()));
        assert!(is_public("0.0.0.0".parse().unwrap()));
    }
}
