//! The preview's HTTP side: axum + tower-http's `ServeDir` on its own thread
//! with a current-thread tokio runtime (the only async code in the crate).
//! Open tabs hear about rebuilds over server-sent events: reload, restyle,
//! or a build error to show as an overlay on the last good page.
//!
//! The site is served under the same path as its `base_url` (`/REPO/`
//! for a GitHub Pages project site), so root-relative links that work when
//! published work in the preview too; `/` redirects there.
//!
//! Only files inside the preview folder are ever served: a guard in front of
//! `ServeDir` refuses `..` segments (also percent-encoded), backslashes and
//! NUL bytes, and any path whose real location (symlinks resolved) is outside
//! the folder.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::Error;
use crate::urls::percent_decode;

/// Where the live-reload script is served.
pub const LIVE_RELOAD_PATH: &str = "/__briefing/live.js";
/// Where open tabs listen for rebuild notices.
pub const EVENTS_PATH: &str = "/__briefing/events";

const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");

/// What open tabs are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// These pages changed (URL paths; `*` for any): tabs showing one of
    /// them reload.
    Reload(Vec<String>),
    /// Only stylesheets changed: restyle in place.
    Css,
    /// The last change failed to build: show this message.
    BuildError(String),
    /// Pages changed but some input has an error: reload, then show it.
    ReloadWithError(Vec<String>, String),
    /// The site builds cleanly again: hide any error.
    Ok,
}

/// State shared by the handlers.
struct Shared {
    notices: broadcast::Sender<Notice>,
    /// The current build error, shown to tabs that connect later.
    error: Mutex<Option<String>>,
}

/// A running preview server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    /// Serves `dir` on `listener` from a new thread. Ctrl-C calls
    /// `on_ctrl_c` (which stops whatever drives the preview).
    pub fn start(
        listener: TcpListener,
        dir: &Path,
        mount: Option<&str>,
        on_ctrl_c: impl FnOnce() + Send + 'static,
    ) -> Result<Server, Error> {
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("listen on", dir, e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::io("listen on", dir, e))?;
        let dir = crate::fs::canonicalize(dir)?;
        let (notices, _) = broadcast::channel(64);
        let shared = Arc::new(Shared {
            notices,
            error: Mutex::new(None),
        });
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = router(&dir, mount, Arc::clone(&shared));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::io("start the server for", &dir, e))?;
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let signal = async move {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {
                            on_ctrl_c();
                        }
                        _ = stopped => {}
                    }
                };
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(signal)
                    .await;
            });
        });
        Ok(Server {
            addr,
            shared,
            thread: Some(thread),
            shutdown: Some(shutdown),
        })
    }

    /// Tells every open tab about a rebuild.
    pub fn notify(&self, notice: Notice) {
        if let Ok(mut error) = self.shared.error.lock() {
            match &notice {
                Notice::BuildError(message) | Notice::ReloadWithError(_, message) => {
                    *error = Some(message.clone());
                }
                Notice::Ok | Notice::Reload(_) | Notice::Css => *error = None,
            }
        }
        let _ = self.shared.notices.send(notice);
    }

    /// Whether a build error is being shown.
    pub fn has_error(&self) -> bool {
        self.shared.error.lock().is_ok_and(|e| e.is_some())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The path the site is served under for a site whose links start with
/// `root` (`/REPO/` gives `/REPO`), or `None` to serve it at `/`: for a
/// root of `/`, and for a path the router could not take literally.
pub fn mount_point(root: &str) -> Option<String> {
    let mount = root.trim_end_matches('/');
    let literal = mount.split('/').skip(1).all(|segment| {
        !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
    });
    (mount.starts_with('/') && mount.len() > 1 && literal).then(|| mount.to_string())
}

fn router(dir: &Path, mount: Option<&str>, shared: Arc<Shared>) -> Router {
    let files = ServeDir::new(dir).not_found_service(ServeFile::new(dir.join("404.html")));
    let guarded = Arc::new(Guarded {
        root: dir.to_path_buf(),
        mount: mount.map(str::to_string),
    });
    let app = Router::new()
        .route(LIVE_RELOAD_PATH, get(live_reload_js))
        .route(EVENTS_PATH, get(events))
        .with_state(shared);
    let app = match mount {
        None => app.fallback_service(files),
        Some(mount) => {
            let home = format!("{mount}/");
            let not_found = Arc::new(dir.join("404.html"));
            app.nest_service(mount, files)
                .route("/", get(move || async move { Redirect::temporary(&home) }))
                .fallback(move || outside_site(Arc::clone(&not_found)))
        }
    };
    app.layer(middleware::from_fn_with_state(guarded, guard))
}

/// A request outside the site's path: the site's not-found page.
async fn outside_site(page: Arc<PathBuf>) -> Response {
    let body = crate::fs::read_optional(&page).unwrap_or_default();
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn live_reload_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        LIVE_RELOAD_JS,
    )
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let receiver = shared.notices.subscribe();
    let current = match shared.error.lock().ok().and_then(|e| e.clone()) {
        Some(message) => Notice::BuildError(message),
        None => Notice::Ok,
    };
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(notice) => return Some((notice, receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let all = stream::once(async move { current })
        .chain(later)
        .map(|notice| Ok(sse_event(&notice)));
    Sse::new(all).keep_alive(KeepAlive::default())
}

fn sse_event(notice: &Notice) -> SseEvent {
    match notice {
        Notice::Reload(pages) | Notice::ReloadWithError(pages, _) => {
            SseEvent::default().event("reload").data(pages.join("\n"))
        }
        Notice::Css => SseEvent::default().event("css").data("css"),
        Notice::Ok => SseEvent::default().event("ok").data("ok"),
        Notice::BuildError(message) => SseEvent::default().event("build-error").data(message),
    }
}

/// What the guard needs: the folder served, and the path it is served
/// under.
struct Guarded {
    root: PathBuf,
    mount: Option<String>,
}

/// Refuses requests that could reach outside the served folder.
async fn guard(State(guarded): State<Arc<Guarded>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let inside = guarded
        .mount
        .as_deref()
        .and_then(|mount| path.strip_prefix(mount))
        .unwrap_or(path);
    match check_path(&guarded.root, inside) {
        PathCheck::Fine => {
            let mut response = next.run(request).await;
            // A preview must never be answered from a stale cache.
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            );
            response
        }
        PathCheck::Bad => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        PathCheck::Outside => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// What [`check_path`] decided.
#[derive(Debug, PartialEq, Eq)]
pub enum PathCheck {
    /// Inside the folder (or not there at all, which `ServeDir` answers).
    Fine,
    /// Malformed: parent segments, backslashes, NUL.
    Bad,
    /// Resolves (through symlinks) to somewhere outside the folder.
    Outside,
}

/// Decides whether the URL path `path` may be served from `root` (which
/// must be canonical).
pub fn check_path(root: &Path, path: &str) -> PathCheck {
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
    fn the_site_is_mounted_at_its_base_path() {
        assert_eq!(mount_point("/"), None);
        assert_eq!(mount_point("/REPO/").as_deref(), Some("/REPO"));
        assert_eq!(mount_point("/a/b-c.d/").as_deref(), Some("/a/b-c.d"));
        assert_eq!(mount_point("/{x}/"), None);
        assert_eq!(mount_point("/:x/"), None);
        assert_eq!(mount_point("/a%20b/"), None);
    }

    #[test]
    fn loopback_is_private() {
        assert!(!is_public("127.0.0.1".parse().unwrap()));
        assert!(!is_public("::1".parse().unwrap()));
        assert!(is_public("0.0.0.0".parse().unwrap()));
    }
}
